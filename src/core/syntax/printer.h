// printer.h: AST back to GraphQL text, byte for byte as graphql-js 17 print() does.
#pragma once

#include <string>
#include <string_view>

#include "core/syntax/ast.h"

namespace fraiseql::syntax {

std::string print(const Document &document);
std::string print(const Value &value);
std::string print(const TypeRef &type);

// graphql-js printString: a double-quoted string with JSON-like escapes.
std::string print_string(std::string_view value);
// graphql-js printBlockString: a """block string""" for `value`.
std::string print_block_string(std::string_view value);

} // namespace fraiseql::syntax
