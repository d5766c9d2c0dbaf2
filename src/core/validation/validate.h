// validate.h: validation of an executable document against the schema (spec
// section 5), with graphql-js 17's messages and locations. This first set of
// rules covers fields, arguments, leaves, fragments, variables and operations;
// the remaining specifiedRules come with issue #5.
#pragma once

#include "core/schema/schema.h"
#include "core/syntax/ast.h"
#include "core/util/error.h"

namespace fraiseql::validation {

[[nodiscard]] ErrorList validate(const schema::Schema &schema, const syntax::Document &document);

} // namespace fraiseql::validation
