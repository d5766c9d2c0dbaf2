// aggregate_sql.h: the statement of a generated <xs>Aggregate root field
// (docs/reference.md, "Aggregates"). One statement returning one row whose
// jsonb is the <T>Aggregate object: the selected aggregates over the rows
// `where` keeps, and under "groups" the groups of `groupBy` (HAVING,
// ORDER BY, LIMIT capped by fraiseql.max_limit). Field values are read as
// filters read them (a real column when the view has one, else the typed
// JSON path); every user value is a bound parameter.
#pragma once

#include <string>

#include "core/compile/filter_sql.h"
#include "core/compile/input_ref.h"
#include "core/compile/plan.h"
#include "core/schema/schema.h"
#include "core/syntax/ast.h"

namespace fraiseql::compile {

// `out.selection` (over <T>Aggregate) must be compiled: only what it selects
// is computed. Parameters go to out.params through `filters`.
std::string aggregate_sql(const schema::FieldDef &def, const schema::ViewBinding &view, const syntax::Field &field,
                          RootField &out, FilterCompiler &filters, const InputReader &reader, uint32_t max_limit,
                          ErrorList &errors);

// The jsonb expression of a <T>Aggregate selection (`selection`, grouped by
// nothing) over the rows of `view` aliased v that `where` keeps ("" for all):
// the connection's `aggregate` field uses it.
std::string aggregate_object_sql(const schema::TypeDef &object, const schema::ViewBinding &view,
                                 const std::vector<ProjectionNode> &selection, const std::string &where);

} // namespace fraiseql::compile
