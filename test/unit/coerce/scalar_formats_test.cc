// scalar_formats_test.cc: the strict formats of the extra scalars.
#include "core/coerce/scalar_formats.h"
#include "unit/check.h"

using namespace fraiseql::coerce;

TEST(uuid_format)
{
	CHECK(is_uuid("a0000000-0000-0000-0000-000000000001"));
	CHECK(is_uuid("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"));
	CHECK(!is_uuid("a0eebc999c0b4ef8bb6d6bb9bd380a11"));
	CHECK(!is_uuid("{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}"));
	CHECK(!is_uuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g"));
	CHECK(!is_uuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1"));
	CHECK(!is_uuid(""));
}

TEST(date_format)
{
	CHECK(is_date("2026-11-30"));
	CHECK(is_date("2024-02-29"));
	CHECK(is_date("2000-02-29"));
	CHECK(!is_date("1900-02-29"));
	CHECK(!is_date("2026-02-29"));
	CHECK(!is_date("2026-13-01"));
	CHECK(!is_date("2026-04-31"));
	CHECK(!is_date("0000-01-01"));
	CHECK(!is_date("2026-1-01"));
	CHECK(!is_date("2026-01-01T00:00:00Z"));
}

TEST(time_and_datetime_formats)
{
	CHECK(is_time("23:59:59"));
	CHECK(is_time("00:00:00.123456"));
	CHECK(is_time("12:30:00+02:00"));
	CHECK(is_time("12:30:00Z"));
	CHECK(!is_time("24:00:00"));
	CHECK(!is_time("12:60:00"));
	CHECK(!is_time("12:30"));
	CHECK(!is_time("12:30:00."));
	CHECK(!is_time("12:30:00+2"));
	CHECK(is_datetime("2026-11-30T06:31:02Z"));
	CHECK(is_datetime("2026-11-30t06:31:02.5-05:30"));
	CHECK(!is_datetime("2026-11-30T06:31:02"));     // the offset is required
	CHECK(!is_datetime("2026-11-30 06:31:02Z"));
	CHECK(!is_datetime("2026-02-30T06:31:02Z"));
	CHECK(!is_datetime("2026-11-30T06:31:02+24:00"));
}

TEST(number_formats)
{
	CHECK(is_decimal("0"));
	CHECK(is_decimal("-12.50"));
	CHECK(is_decimal("1e10"));
	CHECK(is_decimal("1.5E-3"));
	CHECK(!is_decimal("01"));
	CHECK(!is_decimal("1."));
	CHECK(!is_decimal(".5"));
	CHECK(!is_decimal("NaN"));
	CHECK(!is_decimal("1e"));
	CHECK(!is_decimal("+1"));
	CHECK(is_int64("9223372036854775807"));
	CHECK(is_int64("-9223372036854775808"));
	CHECK(!is_int64("9223372036854775808"));
	CHECK(!is_int64("-9223372036854775809"));
	CHECK(!is_int64("12345678901234567890"));
	CHECK(!is_int64("007"));
	CHECK(!is_int64("1.0"));
	CHECK(!is_int64("-"));
}
