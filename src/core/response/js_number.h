// js_number.h: the JavaScript number conversions graphql-js's result coercion
// relies on, so fraiseql answers as it does over the same JSON: a JSON number
// becomes the nearest double (JSON.parse), a string becomes a number as
// Number(string) reads it, and a double is written as String(number) writes it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fraiseql::response {

// The nearest double to a JSON number's text (as numeric_out writes it or as
// JSON allows): +-Infinity above the double range, +-0 below it.
double json_number_to_double(std::string_view text);

// Number(text) for a string: whitespace and line terminators trimmed, blank is
// 0, decimal with optional sign and exponent, "Infinity", or 0x/0o/0b integers
// without sign. Returns false where JavaScript gives NaN.
bool js_string_to_number(std::string_view text, double &out);

// String(value): shortest round-trip digits, plain up to 1e21, exponent form
// ("1e+21", "1.5e-7") at 1e21 and above and below 1e-6; "-0" is "0";
// "Infinity", "-Infinity", "NaN".
std::string js_number_to_string(double value);

// The same into `out` (at least JS_NUMBER_MAX bytes, no terminator); returns
// the length. The longest is a sign, "0.00000" and 17 digits, or 21 digits.
constexpr size_t JS_NUMBER_MAX = 32;
size_t js_number_format(double value, char *out);

// String(JSON.parse(text)) straight from a plain decimal's digits (numeric_out's
// form), when they are the double's shortest: up to 15 significant digits and
// no exponent form. Returns the length written to `out` (JS_NUMBER_MAX bytes),
// or 0 when the caller must go through the double.
size_t js_format_short_decimal(std::string_view text, char *out);

// Number.isInteger(value).
bool js_is_integer(double value);

} // namespace fraiseql::response
