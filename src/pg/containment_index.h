// containment_index.h: whether a view's data column can be served by a GIN
// index for jsonb containment (`@>`), which decides whether `some` filters get
// a containment test (docs/reference.md, "Filtering and ordering").
#pragma once

#include <string>
#include <vector>

#include "pg/pg.h"

namespace fraiseql::pg {

// `column` of `relid` has a valid, non-partial GIN index with a jsonb operator
// class on it: on a table, the column itself; on a view, a table column it
// reads (those of the same name, else every jsonb column it reads), through a
// few views. Reads the relation cache only (no SQL, no planning). Every
// relation looked at is appended to `consulted` (an index created or dropped
// on one of them calls for a new answer).
bool containment_indexed(Oid relid, const std::string &column, std::vector<Oid> &consulted);

} // namespace fraiseql::pg
