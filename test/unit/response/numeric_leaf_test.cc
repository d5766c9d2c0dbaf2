// numeric_leaf_test.cc: Int and Float over stored numerics, in both of
// PostgreSQL's numeric layouts (the short header it writes for most values,
// the long one the jsonb test builder writes): small integers are written
// from the digit groups without text, everything else goes through the
// numeric's text and JSON.parse's double; the answers must be the same.
#include <cstdint>
#include <initializer_list>
#include <string>

#include "core/response/builtin_scalars.h"
#include "unit/check.h"

using namespace fraiseql;

namespace {

void
put16(std::string &out, uint16_t v)
{
	out.append(reinterpret_cast<const char *>(&v), 2);
}

// Long format, 4-byte varlena header: sign and dscale, weight, digit groups.
std::string
long_numeric(bool negative, int16_t weight, uint16_t dscale, std::initializer_list<uint16_t> digits)
{
	std::string out;
	const uint32_t header = (4 + 4 + 2 * uint32_t(digits.size())) << 2;
	out.append(reinterpret_cast<const char *>(&header), 4);
	put16(out, uint16_t((negative ? 0x4000 : 0) | (dscale & 0x3FFF)));
	put16(out, uint16_t(weight));
	for (uint16_t d : digits)
		put16(out, d);
	return out;
}

// Short format, 1-byte varlena header (as PostgreSQL stores small values):
// NUMERIC_SHORT, sign, dscale (6 bits), weight (7 bits, signed).
std::string
short_numeric(bool negative, int weight, unsigned dscale, std::initializer_list<uint16_t> digits)
{
	std::string out;
	const uint32_t size = 1 + 2 + 2 * uint32_t(digits.size());
	out += static_cast<char>((size << 1) | 1);
	put16(out, uint16_t(0x8000 | (negative ? 0x2000 : 0) | ((dscale & 0x3F) << 7) | (weight < 0 ? 0x40 : 0) |
	                    (uint32_t(weight) & 0x3F)));
	for (uint16_t d : digits)
		put16(out, d);
	return out;
}

std::string
serialize(schema::ScalarKind kind, const std::string &varlena)
{
	jsonb::Value v;
	v.kind = jsonb::Kind::Numeric;
	v.data = varlena.data();
	v.len = uint32_t(varlena.size());
	response::JsonWriter out(response::heap_buffer_source());
	std::string reason;
	if (!response::serialize_builtin(kind, out, v, reason))
		return "error: " + reason;
	return std::string(out.json());
}

// Int and Float of one value in both layouts, which must agree.
std::string
both(bool negative, int weight, unsigned dscale, std::initializer_list<uint16_t> digits)
{
	const std::string l = long_numeric(negative, int16_t(weight), uint16_t(dscale), digits);
	const std::string s = short_numeric(negative, weight, dscale, digits);
	const std::string answer = serialize(schema::ScalarKind::Int, l) + " | " + serialize(schema::ScalarKind::Float, l);
	CHECK_EQ(serialize(schema::ScalarKind::Int, s) + " | " + serialize(schema::ScalarKind::Float, s), answer);
	return answer;
}

} // namespace

TEST(numeric_leaves_int_and_float)
{
	CHECK_EQ(both(false, 0, 0, {}), "0 | 0");
	CHECK_EQ(both(true, 0, 1, {}), "0 | 0"); // -0.0 as stored (no digits)
	CHECK_EQ(both(false, 0, 0, {7}), "7 | 7");
	CHECK_EQ(both(true, 0, 0, {7}), "-7 | -7");
	CHECK_EQ(both(false, 0, 3, {42}), "42 | 42"); // 42.000
	CHECK_EQ(both(false, 1, 0, {1}), "10000 | 10000"); // trailing zero groups not stored
	CHECK_EQ(both(false, 2, 0, {21, 4748, 3647}), "2147483647 | 2147483647");
	CHECK_EQ(both(true, 2, 0, {21, 4748, 3648}), "-2147483648 | -2147483648");
	CHECK_EQ(both(false, 2, 0, {21, 4748, 3648}),
	         "error: Int cannot represent non 32-bit signed integer value: 2147483648 | 2147483648");
	CHECK_EQ(both(true, 2, 0, {21, 4748, 3649}),
	         "error: Int cannot represent non 32-bit signed integer value: -2147483649 | -2147483649");
	CHECK_EQ(both(false, 2, 0, {9999, 9999, 9999}),
	         "error: Int cannot represent non 32-bit signed integer value: 999999999999 | 999999999999");
	CHECK_EQ(both(false, 3, 0, {1}),
	         "error: Int cannot represent non 32-bit signed integer value: 1000000000000 | 1000000000000");
	CHECK_EQ(both(false, 0, 2, {7, 5000}), "error: Int cannot represent non-integer value: 7.5 | 7.5");
	CHECK_EQ(both(true, -1, 4, {5}), "error: Int cannot represent non-integer value: -0.0005 | -0.0005");
	CHECK_EQ(both(false, 0, 1, {3, 0}), "3 | 3"); // a zero fraction group stored
	// Damaged: a fraction group past dscale (numeric_text leaves it out), a
	// leading zero group, a group over 9999 (read as 0 in the text).
	CHECK_EQ(both(false, 0, 0, {5, 1}), "5 | 5");
	CHECK_EQ(both(false, 1, 0, {0, 42}), "42 | 42");
	CHECK_EQ(both(false, 0, 0, {12000}), "0 | 0");
}
