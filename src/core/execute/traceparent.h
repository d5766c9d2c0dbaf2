// traceparent.h: the W3C Trace Context `traceparent` a request may carry in
// its context, and the sqlcommenter comment that shows it next to the SQL.
#pragma once

#include <string>
#include <string_view>

namespace fraiseql::execute {

// Strictly version 00: "00-" 32 lower-case hex (not all zero) "-" 16 lower-case
// hex (not all zero) "-" 2 lower-case hex, nothing else. Anything else is to
// be ignored, as the W3C rules say for a malformed header.
bool valid_traceparent(std::string_view value);

// "/*traceparent='<value>'*/ " for a valid value (hex and dashes only, so
// nothing in it can end the comment or the quote); "" otherwise.
std::string traceparent_comment(std::string_view value);

} // namespace fraiseql::execute
