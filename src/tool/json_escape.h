// json_escape.h: JSON string quoting for the CLI, as JSON.stringify writes strings.
#pragma once

#include <string>
#include <string_view>

namespace fraiseql::tool {

// Appends `s` as a JSON string literal (with the quotes) to `out`.
void append_json_string(std::string &out, std::string_view s);

} // namespace fraiseql::tool
