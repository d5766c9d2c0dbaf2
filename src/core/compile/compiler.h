// compiler.h: a validated operation -> Plan (SQL text, parameter slots, projection).
// Never executes anything; the plan views nothing of the document's arena.
#pragma once

#include "core/coerce/variables.h"
#include "core/compile/plan.h"
#include "core/schema/schema.h"
#include "core/syntax/ast.h"

namespace fraiseql::compile {

struct CompileOptions {
	// fraiseql.max_limit: caps `limit` of list fields (0: no cap). The cap is a
	// bound parameter (ParamSource::MaxLimit) whose value is this setting, so a
	// plan compiled with a cap is only reused under the same setting.
	uint32_t max_limit = 0;
};

// `variables` decides @skip/@include that take variables, and which filters a
// `where` given as a variable holds; the plan records these variables in
// Plan::shape_variables (see shape_key in params.h). The operation and its
// fragments must have passed validation against `schema`.
[[nodiscard]] ErrorList compile_operation(const schema::Schema &schema, const syntax::Document &document,
                                          const syntax::OperationDefinition &operation,
                                          const coerce::VariableValues &variables, Plan &out,
                                          const CompileOptions &options = CompileOptions());

// PostgreSQL's quoting of an identifier: always double-quoted, quotes doubled.
std::string quote_identifier(std::string_view name);

} // namespace fraiseql::compile
