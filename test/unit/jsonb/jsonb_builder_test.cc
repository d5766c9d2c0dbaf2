// jsonb_builder_test.cc: the test encoder and the core's reader agree: JSON
// encoded to jsonb and written back gives the JSON in jsonb's key order.
#include <string>

#include "core/response/json_writer.h"
#include "core/response/jsonb_json.h"
#include "unit/check.h"
#include "unit/support/jsonb_builder.h"

using namespace fraiseql;

namespace {

std::string
round_trip(std::string_view json)
{
	test::JsonbDoc doc(json);
	response::JsonWriter out(response::heap_buffer_source());
	response::write_jsonb(out, doc.root());
	return std::string(out.json());
}

std::string
inspect(std::string_view json)
{
	test::JsonbDoc doc(json);
	return response::inspect_jsonb(doc.root());
}

} // namespace

TEST(jsonb_round_trip_scalars)
{
	CHECK_EQ(round_trip("null"), "null");
	CHECK_EQ(round_trip("true"), "true");
	CHECK_EQ(round_trip("\"a\\\"b\\u00e9\""), "\"a\\\"bé\"");
	CHECK_EQ(round_trip("0"), "0");
	CHECK_EQ(round_trip("-12.50"), "-12.50");
	CHECK_EQ(round_trip("123456789012345678901234567890"), "123456789012345678901234567890");
	CHECK_EQ(round_trip("0.0001"), "0.0001");
	CHECK_EQ(round_trip("1e3"), "1000");
	CHECK_EQ(round_trip("2.5E-3"), "0.0025");
}

TEST(jsonb_round_trip_containers)
{
	// jsonb orders keys by length, then bytes, and keeps the last duplicate.
	CHECK_EQ(round_trip("{\"bb\": 1, \"a\": [1, \"x\", null, {}], \"c\": {\"z\": true}, \"a\": 2}"),
	         "{\"a\":2,\"c\":{\"z\":true},\"bb\":1}");
	CHECK_EQ(round_trip("[[], [[1.5]], \"\", false]"), "[[],[[1.5]],\"\",false]");
	std::string wide = "[";
	for (int i = 0; i < 100; i++)
		wide += (i ? "," : "") + std::to_string(i * 7);
	wide += "]";
	CHECK_EQ(round_trip(wide), wide);
}

TEST(jsonb_inspect_like_graphql_js)
{
	CHECK_EQ(inspect("\"abc\""), "\"abc\"");
	CHECK_EQ(inspect("{\"nmae\": \"Ann\"}"), "{ nmae: \"Ann\" }");
	CHECK_EQ(inspect("{}"), "{}");
	CHECK_EQ(inspect("[]"), "[]");
	CHECK_EQ(inspect("{\"a\": {\"b\": {\"c\": 1}}}"), "{ a: { b: [Object] } }");
	CHECK_EQ(inspect("[[[1]]]"), "[[[Array]]]");
	CHECK_EQ(inspect("[1,2,3,4,5,6,7,8,9,10,11]"), "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 1 more item]");
	CHECK_EQ(inspect("[1,2,3,4,5,6,7,8,9,10,11,12]"), "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]");
}
