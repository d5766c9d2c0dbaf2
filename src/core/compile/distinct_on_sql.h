// distinct_on_sql.h: the distinctOn argument of root list fields. PostgreSQL's
// SELECT DISTINCT ON (k...) keeps the first row of each group in ORDER BY
// order and requires ORDER BY to start with the same expressions: so the
// distinctOn fields lead the ORDER BY (in the direction orderBy gives them,
// else ascending), then the other orderBy keys pick the row kept per group,
// then the id column breaks ties (docs/reference.md, "Filtering and ordering").
#pragma once

#include <string>
#include <vector>

#include "core/compile/filter_sql.h"
#include "core/schema/schema.h"

namespace fraiseql::compile {

struct DistinctOnSql {
	std::string distinct; // "DISTINCT ON (expr, ...)"; empty when no field is named
	std::vector<std::string> order; // the ORDER BY items, the id column not included
};

// `fields`: the distinctOn values (field names of `object`), in the given order.
DistinctOnSql distinct_on_sql(const schema::TypeDef &object, const schema::ViewBinding &view,
                              const std::vector<std::string> &fields, const std::vector<OrderKey> &order_keys);

} // namespace fraiseql::compile
