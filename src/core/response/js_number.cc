// js_number.cc: JSON.parse's, Number()'s and String()'s number rules (ECMA-262's
// StringToNumber and Number::toString).
#include "core/response/js_number.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <system_error>

namespace fraiseql::response {

namespace {

bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

// `text` is digits with an optional '.' and an optional exponent, no sign.
// from_chars rounds correctly and ignores the locale; out of range it leaves
// the value alone, so the magnitude decides between Infinity and 0 here.
double
unsigned_decimal(std::string_view text)
{
	double value = 0;
	std::from_chars_result r = std::from_chars(text.data(), text.data() + text.size(), value);
	if (r.ec != std::errc::result_out_of_range)
		return value;
	// The place of the first significant digit (0 for units, -1 for tenths).
	long integer_digits = 0, fraction_digits = 0, place = 0;
	bool found = false, after_point = false;
	size_t i = 0;
	for (; i < text.size() && (is_digit(text[i]) || text[i] == '.'); i++) {
		if (text[i] == '.') {
			after_point = true;
			continue;
		}
		after_point ? fraction_digits++ : integer_digits++;
		if (!found && text[i] != '0') {
			found = true;
			place = after_point ? -fraction_digits : integer_digits; // integer part: fixed below
		}
	}
	if (!found)
		return 0;
	if (place > 0)
		place = integer_digits - place;
	long exponent = 0;
	if (i < text.size()) { // [eE][+-]?digits, saturated: only its sign matters at this size
		bool negative = text[i + 1] == '-';
		for (size_t k = i + 1; k < text.size(); k++)
			if (is_digit(text[k]) && exponent < 100000)
				exponent = exponent * 10 + (text[k] - '0');
		if (negative)
			exponent = -exponent;
	}
	return place + exponent >= 0 ? std::numeric_limits<double>::infinity() : 0.0;
}

// One code point decoded at text[i] (valid UTF-8 assumed: it comes from jsonb);
// its byte length in `len`.
uint32_t
code_point_at(std::string_view text, size_t i, size_t &len)
{
	unsigned char c = static_cast<unsigned char>(text[i]);
	len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (i + len > text.size()) {
		len = 1;
		return 0xFFFD;
	}
	uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
	for (size_t k = 1; k < len; k++)
		cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
	return cp;
}

// WhiteSpace and LineTerminator: what StringToNumber trims (Zs is the Unicode
// space separators).
bool
js_space(uint32_t cp)
{
	switch (cp) {
	case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0xA0: case 0x1680:
	case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
		return true;
	default: return cp >= 0x2000 && cp <= 0x200A;
	}
}

std::string_view
trim_js_space(std::string_view text)
{
	size_t begin = 0;
	while (begin < text.size()) {
		size_t len;
		if (!js_space(code_point_at(text, begin, len)))
			break;
		begin += len;
	}
	size_t end = text.size();
	while (end > begin) {
		size_t start = end - 1;
		while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
			start--;
		size_t len;
		if (!js_space(code_point_at(text, start, len)))
			break;
		end = start;
	}
	return text.substr(begin, end - begin);
}

// 0x, 0o, 0b integers: the exact binary value rounded once to a double (the
// first 64 significant bits, the rest folded into a sticky low bit).
bool
non_decimal(std::string_view digits, int bits_per_digit, double &out)
{
	if (digits.empty())
		return false;
	std::string bits;
	for (char c : digits) {
		int d = is_digit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : 99;
		if (d >= (1 << bits_per_digit))
			return false;
		for (int b = bits_per_digit - 1; b >= 0; b--)
			bits += char('0' + ((d >> b) & 1));
	}
	size_t first = bits.find('1');
	if (first == std::string::npos) {
		out = 0;
		return true;
	}
	bits.erase(0, first);
	uint64_t top = 0;
	size_t kept = bits.size() < 64 ? bits.size() : 64;
	for (size_t i = 0; i < kept; i++)
		top = (top << 1) | uint64_t(bits[i] - '0');
	if (bits.find('1', kept) != std::string::npos)
		top |= 1;
	out = std::ldexp(static_cast<double>(top), static_cast<int>(bits.size() - kept));
	return true;
}

// StrUnsignedDecimalLiteral without "Infinity": digits, '.', exponent.
bool
decimal_syntax(std::string_view s)
{
	size_t i = 0, digits = 0;
	while (i < s.size() && is_digit(s[i]))
		i++, digits++;
	if (i < s.size() && s[i] == '.') {
		i++;
		while (i < s.size() && is_digit(s[i]))
			i++, digits++;
	}
	if (digits == 0)
		return false;
	if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < s.size() && (s[i] == '+' || s[i] == '-'))
			i++;
		size_t exponent_digits = 0;
		while (i < s.size() && is_digit(s[i]))
			i++, exponent_digits++;
		if (exponent_digits == 0)
			return false;
	}
	return i == s.size();
}

} // namespace

double
json_number_to_double(std::string_view text)
{
	bool negative = !text.empty() && text[0] == '-';
	// Short integers, the usual case, are exact: no decimal conversion needed.
	std::string_view digits = negative ? text.substr(1) : text;
	if (!digits.empty() && digits.size() <= 15) {
		int64_t integer = 0;
		std::from_chars_result r = std::from_chars(digits.data(), digits.data() + digits.size(), integer);
		if (r.ec == std::errc() && r.ptr == digits.data() + digits.size())
			return static_cast<double>(negative ? -integer : integer);
	}
	double magnitude = unsigned_decimal(negative ? text.substr(1) : text);
	return negative ? -magnitude : magnitude;
}

bool
js_string_to_number(std::string_view text, double &out)
{
	std::string_view s = trim_js_space(text);
	if (s.empty()) {
		out = 0;
		return true;
	}
	if (s.size() > 2 && s[0] == '0') {
		char base = s[1];
		if (base == 'x' || base == 'X')
			return non_decimal(s.substr(2), 4, out);
		if (base == 'o' || base == 'O')
			return non_decimal(s.substr(2), 3, out);
		if (base == 'b' || base == 'B')
			return non_decimal(s.substr(2), 1, out);
	}
	bool negative = s[0] == '-';
	if (s[0] == '-' || s[0] == '+')
		s.remove_prefix(1);
	double magnitude;
	if (s == "Infinity")
		magnitude = std::numeric_limits<double>::infinity();
	else if (decimal_syntax(s))
		magnitude = unsigned_decimal(s);
	else
		return false;
	out = negative ? -magnitude : magnitude;
	return true;
}

namespace {

// Number::toString's layout of value = 0.digits x 10^n (k digits, no leading
// or trailing zero) after `p`; returns the end.
char *
layout(const char *digits, int k, int n, char *p)
{
	auto put_digits = [&](int from, int to) {
		for (int i = from; i < to; i++)
			*p++ = digits[i];
	};
	auto put_zeros = [&](int count) {
		for (int i = 0; i < count; i++)
			*p++ = '0';
	};
	if (k <= n && n <= 21) {
		put_digits(0, k);
		put_zeros(n - k);
	} else if (0 < n && n <= 21) {
		put_digits(0, n);
		*p++ = '.';
		put_digits(n, k);
	} else if (-6 < n && n <= 0) {
		*p++ = '0';
		*p++ = '.';
		put_zeros(-n);
		put_digits(0, k);
	} else {
		*p++ = digits[0];
		if (k > 1) {
			*p++ = '.';
			put_digits(1, k);
		}
		*p++ = 'e';
		*p++ = n - 1 < 0 ? '-' : '+';
		p = std::to_chars(p, p + 4, n - 1 < 0 ? 1 - n : n - 1).ptr;
	}
	return p;
}

} // namespace

size_t
js_number_format(double value, char *out)
{
	auto put = [&](std::string_view text) {
		std::memcpy(out, text.data(), text.size());
		return text.size();
	};
	if (std::isnan(value))
		return put("NaN");
	if (std::isinf(value))
		return put(value < 0 ? "-Infinity" : "Infinity");
	if (value == 0)
		return put("0"); // -0 too
	char *p = out;
	if (value < 0) {
		*p++ = '-';
		value = -value;
	}
	// Integers below 2^53 print as themselves; the common case, without
	// the general path's digit shuffling.
	if (value < 9007199254740992.0 && std::trunc(value) == value)
		return static_cast<size_t>(std::to_chars(p, p + 20, static_cast<int64_t>(value)).ptr - out);
	// Shortest round-trip digits in scientific form: "d[.ddd]e[+-]xx".
	char sci[32];
	const char *sci_end = std::to_chars(sci, sci + sizeof(sci), value, std::chars_format::scientific).ptr;
	char digits[20];
	int k = 0;
	const char *c = sci;
	for (; *c != 'e'; c++)
		if (*c != '.')
			digits[k++] = *c;
	int exponent = 0;
	std::from_chars(c + (c[1] == '+' ? 2 : 1), sci_end, exponent);
	return static_cast<size_t>(layout(digits, k, exponent + 1, p) - out);
}

size_t
js_format_short_decimal(std::string_view text, char *out)
{
	const bool negative = !text.empty() && text[0] == '-';
	if (negative)
		text.remove_prefix(1);
	const size_t dot = text.find('.');
	const std::string_view whole = text.substr(0, dot);
	const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
	if (whole.empty() || (dot != std::string_view::npos && fraction.empty()))
		return 0;
	for (std::string_view part : {whole, fraction})
		for (char c : part)
			if (!is_digit(c))
				return 0;
	// value = 0.(whole fraction) x 10^whole.size(); trim zeros on both ends.
	const int count = static_cast<int>(whole.size() + fraction.size());
	auto at = [&](int i) { return i < int(whole.size()) ? whole[size_t(i)] : fraction[size_t(i) - whole.size()]; };
	int first = 0, last = count - 1;
	while (first < count && at(first) == '0')
		first++;
	if (first == count) {
		out[0] = '0'; // -0 too
		return 1;
	}
	while (at(last) == '0')
		last--;
	const int k = last - first + 1;
	const int n = static_cast<int>(whole.size()) - first;
	// Up to 15 significant digits no other decimal as short reaches the same
	// double, so these are its shortest digits; exponent forms go the long way.
	if (k > 15 || n > 21 || n <= -6)
		return 0;
	char digits[15];
	for (int i = 0; i < k; i++)
		digits[i] = at(first + i);
	char *p = out;
	if (negative)
		*p++ = '-';
	return static_cast<size_t>(layout(digits, k, n, p) - out);
}

std::string
js_number_to_string(double value)
{
	char buf[JS_NUMBER_MAX];
	return std::string(buf, js_number_format(value, buf));
}

bool
js_is_integer(double value)
{
	return std::isfinite(value) && std::trunc(value) == value;
}

} // namespace fraiseql::response
