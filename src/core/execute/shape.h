// shape.h: the part of a request's variables that can change the compiled SQL
// or projection (not just the bound values): booleans (@skip/@include), enum
// values (orderBy directions), null versus a value, and the structure of
// lists and input objects (which filters a `where` object holds). Requests
// with equal shapes share one compiled plan; all other leaf values are bound
// as parameters at execution.
#pragma once

#include <string>

#include "core/coerce/variables.h"
#include "core/schema/schema.h"
#include "core/syntax/ast.h"

namespace fraiseql::execute {

std::string variables_shape(const schema::Schema &schema, const syntax::OperationDefinition &operation,
                            const coerce::VariableValues &variables);

} // namespace fraiseql::execute
