// function_check.h: does the function the catalog has fit the @function field?
// Query fields: the function's parameters are the field's arguments, matched
// by name (snake_case of the argument), types compatible, and it returns
// SETOF jsonb or rows with a jsonb `data` column. Mutation fields: one
// parameter per context key, then jsonb (the input); returns
// fraiseql.mutation_response or jsonb.
#pragma once

#include "core/schema/schema.h"

namespace fraiseql::schema {

// Chooses each binding's candidate (FunctionBinding::chosen); an error with the
// directive's line:column per field that no candidate fits.
[[nodiscard]] ErrorList check_function_bindings(Schema &schema);

// Whether a GraphQL input type can be passed to a parameter of this SQL type.
bool argument_fits(const TypeExpr &type, const FunctionParam &param);

} // namespace fraiseql::schema
