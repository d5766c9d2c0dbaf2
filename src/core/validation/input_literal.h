// input_literal.h: graphql-js validateInputLiteral without variables: checks a
// literal against an input type, reporting each problem where graphql-js does.
#pragma once

#include "core/schema/schema.h"
#include "core/syntax/ast.h"
#include "core/validation/context.h"

namespace fraiseql::validation {

void validate_input_literal(Context &context, const syntax::Value &value, const schema::TypeExpr &type);

} // namespace fraiseql::validation
