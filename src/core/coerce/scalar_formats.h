// scalar_formats.h: the strict text formats of fraiseql's extra scalars, checked
// during input coercion so a malformed value is a GraphQL error that names the
// variable, not an SQL error from a cast deep inside the statement.
#pragma once

#include <string_view>

namespace fraiseql::coerce {

inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

inline bool
is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// 8-4-4-4-12 hexadecimal digits, either case.
bool is_uuid(std::string_view text);
// YYYY-MM-DD, a real calendar day (years 0001-9999).
bool is_date(std::string_view text);
// HH:MM:SS with optional fraction and optional offset (Z or +HH:MM).
bool is_time(std::string_view text);
// RFC 3339 date-time: date, 'T', time, and a required offset (Z or +HH:MM).
bool is_datetime(std::string_view text);
// A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_decimal(std::string_view text);
// An integer within the signed 64-bit range, without leading zeros.
bool is_int64(std::string_view text);

} // namespace fraiseql::coerce
