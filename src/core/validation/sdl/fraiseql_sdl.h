// fraiseql_sdl.h: graphql-js's validateSDL over a schema written for
// fraiseql.load_schema: the SDL is checked as if it extended a schema that
// declares fraiseql's directives (@view, @field, @connection, @function) and
// its extra scalars (UUID, Date, ...), so those need no declarations, while a
// user who declares `scalar UUID` anyway is not told
// it exists twice.
#pragma once

#include <string_view>

#include "core/syntax/ast.h"
#include "core/util/error.h"

namespace fraiseql::validation {

// At most `max_errors` errors (0: all), each with its line:column.
[[nodiscard]] ErrorList validate_fraiseql_sdl(const syntax::Document &document, uint32_t max_errors = 10);

} // namespace fraiseql::validation
