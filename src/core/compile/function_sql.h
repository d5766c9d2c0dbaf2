// function_sql.h: the SQL of @function root fields. Query fields read the
// function's rows (`SELECT r.data FROM s.fn(p => $1, ...) r`); Mutation fields
// call it once with the context values and the input as jsonb
// (`SELECT to_jsonb(r) FROM s.fn($1, $2, $3) r`), its input object fields
// under their snake_case keys (input_keys.h). Every value is a parameter.
#pragma once

#include <functional>
#include <string>

#include "core/coerce/variables.h"
#include "core/compile/plan.h"
#include "core/schema/schema.h"
#include "core/syntax/ast.h"

namespace fraiseql::compile {

// Binds a scalar argument value as a parameter of `type_oid` and returns its
// "$n" (the compiler's bind()).
using BindScalar = std::function<std::string(const syntax::Value &value, uint32_t type_oid, std::string_view argument)>;

// What the SQL of one root field is built with: its parameters go to
// out.params, problems to `errors`. A variable whose absence changes the SQL
// (an omitted input field or argument) is reported to `shape_variable`, so a
// plan is only reused for requests that give or omit the same variables.
struct FunctionSqlContext {
	RootField &out;
	ErrorList &errors;
	const coerce::VariableValues &variables;
	std::function<void(std::string_view)> shape_variable;
};

// `def` is a root field whose function binding was checked (chosen is set).
std::string function_query_sql(const schema::FieldDef &def, const syntax::Field &field, const BindScalar &bind,
                               FunctionSqlContext &context);
std::string function_mutation_sql(const schema::FieldDef &def, const syntax::Field &field, FunctionSqlContext &context);

// Points the entity field of a mutation result type at the row's `entity`:
// the first field of an object, interface or union type whose own key is not
// a column of fraiseql.mutation_response (so `cascade: Cascade` still reads
// `cascade`). Its nodes in `branch` then read "entity".
void bind_entity_field(TypeBranch &branch);

// An argument value as one jsonb expression: a variable as its coerced JSON
// (one parameter), an object or list literal as jsonb_build_object /
// jsonb_build_array over its parts (an object field whose variable is absent
// is left out, a field not given takes its default, as input coercion does),
// a leaf literal as to_jsonb of a typed parameter the plan cache can rebind,
// a custom or JSON scalar literal as its coerced JSON text. `input_keys`:
// input object fields under their keys (input_keys.h; mutation inputs unless
// @function(graphqlInputKeys: true)), else under their GraphQL names.
std::string bind_json(const syntax::Value &value, const schema::TypeExpr &type, std::string_view argument,
                      FunctionSqlContext &context, bool input_keys);

} // namespace fraiseql::compile
