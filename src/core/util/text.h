// text.h: small ASCII and UTF-8 helpers shared by the HTTP protocol code and
// the cursor codec.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace fraiseql::util {

// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
std::string_view trim_blanks(std::string_view s);

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b);

std::string ascii_lower(std::string_view s);

// Well-formed UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
bool valid_utf8(std::string_view s);

// The four hex digits at `at` into `out`; false when fewer remain or one is not hex.
bool read_hex4(std::string_view s, size_t at, uint32_t &out);

// The 16 bytes of a UUID in its canonical text form (8-4-4-4-12 hex digits,
// either case); false for any other text, which the caller hands to
// PostgreSQL's uuid_in for its other accepted forms and its error messages.
bool canonical_uuid_bytes(std::string_view s, uint8_t out[16]);

} // namespace fraiseql::util
