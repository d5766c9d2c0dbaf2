// text_test.cc: the canonical UUID reader the glue binds UUID parameters with.
#include "core/util/text.h"
#include "unit/check.h"

using namespace fraiseql;

TEST(canonical_uuid_bytes_reads_both_cases)
{
	uint8_t b[16];
	CHECK(util::canonical_uuid_bytes("0123abcd-EF01-4567-89aB-cdef01234567", b));
	const uint8_t want[16] = {0x01, 0x23, 0xab, 0xcd, 0xef, 0x01, 0x45, 0x67,
	                          0x89, 0xab, 0xcd, 0xef, 0x01, 0x23, 0x45, 0x67};
	for (int i = 0; i < 16; i++)
		CHECK_EQ(int(b[i]), int(want[i]));
}

TEST(canonical_uuid_bytes_refuses_other_forms)
{
	uint8_t b[16];
	// Forms uuid_in accepts but the fast path leaves to it, and broken text.
	for (const char *text : {"{0123abcd-ef01-4567-89ab-cdef01234567}", "0123abcdef01456789abcdef01234567",
	                         "0123-abcd-ef01-4567-89ab-cdef-0123-4567", "0123abcd-ef01-4567-89ab-cdef0123456",
	                         "0123abcd-ef01-4567-89ab-cdef012345678", "0123abcd-ef01-4567-89ab_cdef01234567",
	                         "0123abcg-ef01-4567-89ab-cdef01234567", "0123abcd-ef01-4567-89ab-cdef0123456 ",
	                         ""})
		CHECK(!util::canonical_uuid_bytes(text, b));
}
