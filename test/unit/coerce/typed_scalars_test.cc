// typed_scalars_test.cc: the shape checks of the PostgreSQL-typed scalars.
#include "core/coerce/typed_scalars.h"
#include "unit/check.h"

using namespace fraiseql::coerce;
using fraiseql::schema::ScalarKind;

namespace {

bool
ok(ScalarKind kind, const char *text)
{
	return typed_scalar_problem(kind, text).empty();
}

} // namespace

TEST(typed_scalar_addresses)
{
	CHECK(ok(ScalarKind::IpAddress, "10.1.2.3"));
	CHECK(ok(ScalarKind::IpAddress, "192.168.0.5/24"));
	CHECK(ok(ScalarKind::IpAddress, "2001:db8::1"));
	CHECK(ok(ScalarKind::IpAddress, "::1"));
	CHECK(ok(ScalarKind::IpAddress, "::ffff:10.0.0.1"));
	CHECK(ok(ScalarKind::IpAddress, "fe80:0:0:0:0:0:0:1/64"));
	CHECK(ok(ScalarKind::CIDR, "10.0.0.0/8"));
	CHECK(!ok(ScalarKind::IpAddress, "10.1.2.300"));
	CHECK(!ok(ScalarKind::IpAddress, "10.1.2"));
	CHECK(!ok(ScalarKind::IpAddress, "10.1.2.3/33"));
	CHECK(!ok(ScalarKind::IpAddress, "2001:db8::1/129"));
	CHECK(!ok(ScalarKind::IpAddress, "1::2::3"));
	CHECK(!ok(ScalarKind::IpAddress, "1:2:3:4:5:6:7:8:9"));
	CHECK(!ok(ScalarKind::IpAddress, "2001:db8:"));
	CHECK(!ok(ScalarKind::IpAddress, "hello"));
	CHECK(!ok(ScalarKind::IpAddress, ""));
	CHECK(ok(ScalarKind::MacAddress, "08:00:2b:01:02:03"));
	CHECK(ok(ScalarKind::MacAddress, "08-00-2B-01-02-03"));
	CHECK(ok(ScalarKind::MacAddress, "0800.2b01.0203"));
	CHECK(!ok(ScalarKind::MacAddress, "08:00:2b:01:02"));
	CHECK(!ok(ScalarKind::MacAddress, "08:00:2b:01:02:0g"));
}

TEST(typed_scalar_ltree)
{
	CHECK(ok(ScalarKind::LTree, "top.science.physics"));
	CHECK(ok(ScalarKind::LTree, "a_1"));
	CHECK(ok(ScalarKind::LTree, ""));           // the root
	CHECK(ok(ScalarKind::LTree, "top.Ünï"));    // non-ASCII is ltree's to judge
	CHECK(!ok(ScalarKind::LTree, "a..b"));
	CHECK(!ok(ScalarKind::LTree, "a.b."));
	CHECK(!ok(ScalarKind::LTree, "a b"));
	CHECK(!ok(ScalarKind::LTree, "a-b")); // PostgreSQL 15 labels have no hyphen
}

TEST(typed_scalar_ranges)
{
	CHECK(ok(ScalarKind::IntRange, "[1,5)"));
	CHECK(ok(ScalarKind::IntRange, "(,10]"));
	CHECK(ok(ScalarKind::IntRange, "[-3,)"));
	CHECK(ok(ScalarKind::IntRange, "empty"));
	CHECK(!ok(ScalarKind::IntRange, "[1,"));
	CHECK(!ok(ScalarKind::IntRange, "[a,b)"));
	CHECK(!ok(ScalarKind::IntRange, "[1.5,2)"));
	CHECK(!ok(ScalarKind::IntRange, "1,5"));
	CHECK(!ok(ScalarKind::IntRange, "[1,2,3)"));
	CHECK(ok(ScalarKind::DateRange, "[2026-01-01,2026-02-01)"));
	CHECK(ok(ScalarKind::DateRange, "[2026-01-01,infinity)"));
	CHECK(!ok(ScalarKind::DateRange, "[2026-02-30,)"));
	CHECK(ok(ScalarKind::DateTimeRange, "[2026-01-01T00:00:00Z,2026-01-02T00:00:00Z)"));
	CHECK(ok(ScalarKind::DateTimeRange, "[\"2026-01-01 12:00:00+00\",)")); // PostgreSQL's own output
	CHECK(!ok(ScalarKind::DateTimeRange, "[2026-01-01,)"));                // a date is not a DateTime
	CHECK(!typed_scalar_problem(ScalarKind::IntRange, "[1,").empty());
	CHECK(typed_scalar_problem(ScalarKind::IntRange, "x").find("expected a range") != std::string::npos);
}

TEST(typed_scalar_table)
{
	CHECK(typed_scalar(ScalarKind::IpAddress) != nullptr);
	CHECK_EQ(std::string(typed_scalar(ScalarKind::CIDR)->pg_type), std::string("cidr"));
	CHECK_EQ(typed_scalar(ScalarKind::LTree)->type_oid, 0u); // an extension's type: no fixed OID
	CHECK(typed_scalar(ScalarKind::String) == nullptr);
}
