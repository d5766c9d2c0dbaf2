// diagnostic.h: an error as one "file:line:column: message" line, the form
// compilers use, so editors and CI logs link it to its place.
#pragma once

#include <string>

#include "core/util/error.h"

namespace fraiseql::tool {

// Ends with a newline. Further locations follow the message as
// " (also line:column, ...)"; an error without location is "file: message".
// Columns count as GraphQL counts them (UTF-16 units, from 1).
std::string diagnostic(const std::string &file, const GraphQLError &error);

} // namespace fraiseql::tool
