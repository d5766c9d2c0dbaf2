// scalar_formats.cc: hand-written recognisers (no regex: these run per value).
#include "core/coerce/scalar_formats.h"

#include <cstdint>

namespace fraiseql::coerce {

namespace {

// Reads exactly n digits at text[pos] as a number; -1 if they are not digits.
int
digits(std::string_view text, size_t pos, size_t n)
{
	if (pos + n > text.size())
		return -1;
	int value = 0;
	for (size_t i = pos; i < pos + n; i++) {
		if (!is_digit(text[i]))
			return -1;
		value = value * 10 + (text[i] - '0');
	}
	return value;
}

int
days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

// HH:MM:SS[.fraction] at text[0..]; returns the length read, 0 if malformed.
size_t
clock_time(std::string_view text)
{
	const int hour = digits(text, 0, 2), minute = digits(text, 3, 2), second = digits(text, 6, 2);
	if (hour < 0 || minute < 0 || second < 0 || text[2] != ':' || text[5] != ':' || hour > 23 || minute > 59 ||
	    second > 59)
		return 0;
	size_t pos = 8;
	if (pos < text.size() && text[pos] == '.') {
		size_t start = ++pos;
		while (pos < text.size() && is_digit(text[pos]))
			pos++;
		if (pos == start)
			return 0;
	}
	return pos;
}

// Z, z or +HH:MM / -HH:MM filling the rest of text.
bool
offset(std::string_view text)
{
	if (text == "Z" || text == "z")
		return true;
	if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':')
		return false;
	const int hours = digits(text, 1, 2), minutes = digits(text, 4, 2);
	return hours >= 0 && hours <= 23 && minutes >= 0 && minutes <= 59;
}

} // namespace

bool
is_uuid(std::string_view text)
{
	if (text.size() != 36)
		return false;
	for (size_t i = 0; i < text.size(); i++) {
		const bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash_position ? text[i] != '-' : !is_hex(text[i]))
			return false;
	}
	return true;
}

bool
is_date(std::string_view text)
{
	if (text.size() != 10 || text[4] != '-' || text[7] != '-')
		return false;
	const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
	return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

bool
is_time(std::string_view text)
{
	if (text.size() < 8)
		return false;
	const size_t n = clock_time(text);
	return n > 0 && (n == text.size() || offset(text.substr(n)));
}

bool
is_datetime(std::string_view text)
{
	if (text.size() < 20 || (text[10] != 'T' && text[10] != 't') || !is_date(text.substr(0, 10)))
		return false;
	const std::string_view time = text.substr(11);
	const size_t n = clock_time(time);
	return n > 0 && offset(time.substr(n));
}

bool
is_decimal(std::string_view text)
{
	size_t pos = 0;
	if (pos < text.size() && text[pos] == '-')
		pos++;
	if (pos >= text.size())
		return false;
	if (text[pos] == '0') {
		pos++;
	} else if (is_digit(text[pos])) {
		while (pos < text.size() && is_digit(text[pos]))
			pos++;
	} else {
		return false;
	}
	if (pos < text.size() && text[pos] == '.') {
		const size_t start = ++pos;
		while (pos < text.size() && is_digit(text[pos]))
			pos++;
		if (pos == start)
			return false;
	}
	if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
		pos++;
		if (pos < text.size() && (text[pos] == '+' || text[pos] == '-'))
			pos++;
		const size_t start = pos;
		while (pos < text.size() && is_digit(text[pos]))
			pos++;
		if (pos == start)
			return false;
	}
	return pos == text.size();
}

bool
is_int64(std::string_view text)
{
	const bool negative = !text.empty() && text[0] == '-';
	std::string_view magnitude = negative ? text.substr(1) : text;
	if (magnitude.empty() || magnitude.size() > 19 || (magnitude.size() > 1 && magnitude[0] == '0'))
		return false;
	for (char c : magnitude)
		if (!is_digit(c))
			return false;
	if (magnitude.size() < 19)
		return true;
	return magnitude <= (negative ? std::string_view("9223372036854775808") : std::string_view("9223372036854775807"));
}

} // namespace fraiseql::coerce
