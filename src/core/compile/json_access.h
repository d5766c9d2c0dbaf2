// json_access.h: SQL that reads a member of a jsonb value by a key from the
// schema (filters, ordering, quantifiers). Keys are quoted as SQL literals,
// never bound: they are part of the plan, not of a request.
#pragma once

#include <string>

namespace fraiseql::compile {

// An SQL string literal; E'' when the text holds a backslash, so
// standard_conforming_strings does not matter.
std::string quote_literal(const std::string &text);

// (json->>'key'): the member as text (SQL NULL for JSON null or absent).
std::string json_text(const std::string &json, const std::string &key);

// (json->'key'): the member as jsonb.
std::string json_value(const std::string &json, const std::string &key);

// `json` when it is an array, else SQL NULL: array functions raise errors on
// other values (a JSON null included), and a list read from data may be one.
std::string json_array_or_null(const std::string &json);

} // namespace fraiseql::compile
