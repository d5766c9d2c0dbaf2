// typed_scalars.cc: the PostgreSQL-typed scalars and the shape checks of their
// values (see typed_scalars.h).
#include "core/coerce/typed_scalars.h"

#include <cstdlib>

#include "core/coerce/scalar_formats.h"

namespace fraiseql::coerce {

using schema::ScalarKind;

namespace {

constexpr TypedScalar TYPED_SCALARS[] = {
    {ScalarKind::IpAddress, "inet", 869, "an IPv4 or IPv6 address, optionally with /prefix"},
    {ScalarKind::CIDR, "cidr", 650, "a network such as 10.0.0.0/8 or 2001:db8::/32"},
    {ScalarKind::MacAddress, "macaddr", 829, "six hexadecimal pairs such as 08:00:2b:01:02:03"},
    {ScalarKind::LTree, "ltree", 0, "labels of letters, digits and _ separated by dots"},
    {ScalarKind::IntRange, "int8range", 3926, "a range such as [1,5) or empty"},
    {ScalarKind::DateRange, "daterange", 3912, "a range such as [2026-01-01,2026-02-01) or empty"},
    {ScalarKind::DateTimeRange, "tstzrange", 3910,
     "a range such as [2026-01-01T00:00:00Z,2026-01-02T00:00:00Z) or empty"},
    {ScalarKind::TSVector, "tsvector", 3614, "a tsvector"},
};

// A decimal number within [0, max], no sign, at most 3 digits.
bool
small_number(std::string_view s, int max)
{
	if (s.empty() || s.size() > 3)
		return false;
	for (char c : s)
		if (!is_digit(c))
			return false;
	return std::atoi(std::string(s).c_str()) <= max;
}

bool
is_ipv4(std::string_view s)
{
	int parts = 0;
	while (true) {
		size_t dot = s.find('.');
		if (!small_number(s.substr(0, dot), 255))
			return false;
		parts++;
		if (dot == std::string_view::npos)
			break;
		s.remove_prefix(dot + 1);
	}
	return parts == 4;
}

// Hexadecimal groups of up to 4 digits separated by ':', at most one "::",
// optionally ending in an IPv4 address.
bool
is_ipv6(std::string_view s)
{
	size_t double_colon = s.find("::");
	if (double_colon != std::string_view::npos && s.find("::", double_colon + 1) != std::string_view::npos)
		return false;
	int groups = 0;
	size_t i = 0;
	if (s.compare(0, 2, "::") == 0)
		i = 2;
	while (i < s.size()) {
		size_t end = s.find(':', i);
		std::string_view group = s.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
		if (end == std::string_view::npos && group.find('.') != std::string_view::npos) {
			if (!is_ipv4(group))
				return false;
			groups += 2;
			break;
		}
		if (group.empty() || group.size() > 4)
			return false;
		for (char c : group)
			if (!is_hex(c))
				return false;
		groups++;
		if (end == std::string_view::npos)
			break;
		i = end + 1;
		if (i < s.size() && s[i] == ':')
			i++; // the "::"
		else if (i == s.size())
			return false; // a trailing single ':'
	}
	return double_colon != std::string_view::npos ? groups < 8 : groups == 8;
}

bool
is_address(std::string_view s)
{
	size_t slash = s.find('/');
	std::string_view address = s.substr(0, slash);
	bool v6 = address.find(':') != std::string_view::npos;
	if (v6 ? !is_ipv6(address) : !is_ipv4(address))
		return false;
	return slash == std::string_view::npos || small_number(s.substr(slash + 1), v6 ? 128 : 32);
}

bool
is_macaddr(std::string_view s)
{
	int digits = 0;
	for (char c : s) {
		if (is_hex(c))
			digits++;
		else if (c != ':' && c != '-' && c != '.')
			return false;
	}
	return digits == 12;
}

// An ltree label as PostgreSQL 15 reads it: letters, digits and _ (bytes
// above ASCII are left to ltree's own, locale-aware check).
bool
is_label(std::string_view s)
{
	if (s.empty() || s.size() > 255)
		return false;
	for (char c : s) {
		unsigned char u = static_cast<unsigned char>(c);
		if (!(is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || u >= 0x80))
			return false;
	}
	return true;
}

bool
is_ltree(std::string_view s)
{
	if (s.empty())
		return true; // the root: zero labels
	while (true) {
		size_t dot = s.find('.');
		if (!is_label(s.substr(0, dot)))
			return false;
		if (dot == std::string_view::npos)
			return true;
		s.remove_prefix(dot + 1);
	}
}

bool
is_range_bound(ScalarKind kind, std::string_view bound)
{
	if (bound.empty())
		return true; // unbounded
	if (bound.size() >= 2 && bound.front() == '"' && bound.back() == '"')
		bound = bound.substr(1, bound.size() - 2);
	if (kind != ScalarKind::IntRange && (bound == "infinity" || bound == "-infinity"))
		return true;
	switch (kind) {
	case ScalarKind::IntRange: return is_int64(bound);
	case ScalarKind::DateRange: return is_date(bound);
	default: {
		std::string t(bound);
		size_t space = t.find(' ');
		if (space == 10)
			t[space] = 'T'; // PostgreSQL's own output form, whose offset may be +HH
		if (t.size() > 3 && (t[t.size() - 3] == '+' || t[t.size() - 3] == '-') && is_digit(t[t.size() - 2]) &&
		    is_digit(t.back()))
			t += ":00";
		return is_datetime(t);
	}
	}
}

bool
is_range(ScalarKind kind, std::string_view s)
{
	if (s == "empty")
		return true;
	if (s.size() < 3 || (s.front() != '[' && s.front() != '(') || (s.back() != ']' && s.back() != ')'))
		return false;
	std::string_view inner = s.substr(1, s.size() - 2);
	size_t comma = inner.find(',');
	if (comma == std::string_view::npos || inner.find(',', comma + 1) != std::string_view::npos)
		return false;
	return is_range_bound(kind, inner.substr(0, comma)) && is_range_bound(kind, inner.substr(comma + 1));
}

} // namespace

const TypedScalar *
typed_scalar(ScalarKind kind)
{
	for (const TypedScalar &t : TYPED_SCALARS)
		if (t.kind == kind)
			return &t;
	return nullptr;
}

std::string
typed_scalar_problem(ScalarKind kind, std::string_view text)
{
	bool ok = true;
	switch (kind) {
	case ScalarKind::IpAddress:
	case ScalarKind::CIDR: ok = is_address(text); break;
	case ScalarKind::MacAddress: ok = is_macaddr(text); break;
	case ScalarKind::LTree: ok = is_ltree(text); break;
	case ScalarKind::IntRange:
	case ScalarKind::DateRange:
	case ScalarKind::DateTimeRange: ok = is_range(kind, text); break;
	default: break; // TSVector: its input function decides
	}
	if (ok)
		return std::string();
	const TypedScalar *t = typed_scalar(kind);
	return std::string("expected ") + (t ? t->expected : "a value of the type");
}

} // namespace fraiseql::coerce
