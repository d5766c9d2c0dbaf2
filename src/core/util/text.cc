// text.cc: see text.h.
#include "core/util/text.h"

namespace fraiseql::util {

namespace {

char
lower_char(char c)
{
	return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

} // namespace

std::string_view
trim_blanks(std::string_view s)
{
	while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
		s.remove_prefix(1);
	while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
		s.remove_suffix(1);
	return s;
}

bool
equal_ignoring_ascii_case(std::string_view a, std::string_view b)
{
	if (a.size() != b.size())
		return false;
	for (size_t i = 0; i < a.size(); i++)
		if (lower_char(a[i]) != lower_char(b[i]))
			return false;
	return true;
}

std::string
ascii_lower(std::string_view s)
{
	std::string out(s);
	for (char &c : out)
		c = lower_char(c);
	return out;
}

bool
valid_utf8(std::string_view s)
{
	size_t i = 0;
	while (i < s.size()) {
		unsigned char c = static_cast<unsigned char>(s[i]);
		size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
		if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2))
			return false;
		uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
		for (size_t k = 1; k < n; k++) {
			unsigned char cc = static_cast<unsigned char>(s[i + k]);
			if ((cc >> 6) != 2)
				return false;
			cp = (cp << 6) | (cc & 0x3F);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += n;
	}
	return true;
}

bool
read_hex4(std::string_view s, size_t at, uint32_t &out)
{
	if (at > s.size() || s.size() - at < 4)
		return false;
	out = 0;
	for (size_t i = at; i < at + 4; i++) {
		char c = s[i];
		uint32_t digit;
		if (c >= '0' && c <= '9')
			digit = uint32_t(c - '0');
		else if (c >= 'a' && c <= 'f')
			digit = uint32_t(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			digit = uint32_t(c - 'A' + 10);
		else
			return false;
		out = (out << 4) | digit;
	}
	return true;
}

bool
canonical_uuid_bytes(std::string_view s, uint8_t out[16])
{
	if (s.size() != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
		return false;
	static constexpr size_t GROUPS[] = {0, 4, 9, 14, 19, 24, 28, 32};
	for (size_t g = 0; g < 8; g++) {
		uint32_t v;
		if (!read_hex4(s, GROUPS[g], v))
			return false;
		out[2 * g] = uint8_t(v >> 8);
		out[2 * g + 1] = uint8_t(v);
	}
	return true;
}

} // namespace fraiseql::util
