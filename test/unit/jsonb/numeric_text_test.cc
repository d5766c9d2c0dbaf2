// numeric_text_test.cc: numeric_text on hand-made numeric varlenas, including
// damaged ones (a zero or out-of-range first digit group), which must still
// give a JSON number: response_fuzz found "00042" written into a response.
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>

#include "core/jsonb/jsonb_reader.h"
#include "unit/check.h"

using namespace fraiseql;

namespace {

// A long-format numeric varlena (4-byte header): sign and dscale, weight, digits.
std::string
numeric(bool negative, int16_t weight, uint16_t dscale, std::initializer_list<uint16_t> digits)
{
	std::string out;
	auto put16 = [&](uint16_t v) { out.append(reinterpret_cast<const char *>(&v), 2); };
	const uint32_t size = 4 + 4 + 2 * uint32_t(digits.size());
	const uint32_t header = size << 2;
	out.append(reinterpret_cast<const char *>(&header), 4);
	put16(uint16_t((negative ? 0x4000 : 0) | (dscale & 0x3FFF)));
	put16(uint16_t(weight));
	for (uint16_t d : digits)
		put16(d);
	return out;
}

std::string
text(const std::string &varlena)
{
	jsonb::Value v;
	v.kind = jsonb::Kind::Numeric;
	v.data = varlena.data();
	v.len = uint32_t(varlena.size());
	return jsonb::numeric_string(v);
}

} // namespace

TEST(numeric_text_stored_values)
{
	CHECK_EQ(text(numeric(false, 0, 0, {42})), "42");
	CHECK_EQ(text(numeric(false, 1, 0, {1, 2})), "10002");
	CHECK_EQ(text(numeric(true, 0, 2, {7, 5000})), "-7.50");
	CHECK_EQ(text(numeric(false, -1, 3, {120})), "0.012");
	CHECK_EQ(text(numeric(false, 0, 0, {})), "0");
}

TEST(numeric_text_damaged_first_group_has_no_leading_zeros)
{
	CHECK_EQ(text(numeric(false, 1, 0, {0, 42})), "42");
	CHECK_EQ(text(numeric(false, 2, 0, {0, 0, 7})), "7");
	CHECK_EQ(text(numeric(false, 3, 0, {})), "0");
	CHECK_EQ(text(numeric(true, 1, 1, {0, 0})), "-0.0");
	CHECK_EQ(text(numeric(false, 1, 0, {12000, 5})), "5"); // a digit over 9999 reads as 0
}
