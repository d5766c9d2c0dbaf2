// compiler.h: a validated operation -> Plan (SQL text, parameter slots, projection).
// Never executes anything; the plan views nothing of the document's arena.
#pragma once

#include "core/coerce/variables.h"
#include "core/compile/plan.h"
#include "core/schema/schema.h"
#include "core/syntax/ast.h"

namespace fraiseql::compile {

// `variables` decides @skip/@include that take variables. The operation and
// its fragments must have passed validation against `schema`.
[[nodiscard]] ErrorList compile_operation(const schema::Schema &schema, const syntax::Document &document,
                                          const syntax::OperationDefinition &operation,
                                          const coerce::VariableValues &variables, Plan &out);

// PostgreSQL's quoting of an identifier: always double-quoted, quotes doubled.
std::string quote_identifier(std::string_view name);

} // namespace fraiseql::compile
