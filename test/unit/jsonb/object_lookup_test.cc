// object_lookup_test.cc: ObjectLookup finds every key of an object whatever
// the hint, including keys whose bytes differ from a probed key's by 2
// ("price" against "ratio"): memcmp may return the byte difference, which
// once read as the "damaged key" sentinel and projected the value as null.
#include <cstdint>
#include <string>

#include "core/jsonb/jsonb_reader.h"
#include "unit/check.h"
#include "unit/support/jsonb_builder.h"

using namespace fraiseql;

namespace {

// The key's value as its text (strings and numbers here), or "<absent>".
std::string
lookup(const test::JsonbDoc &doc, std::string_view key, uint32_t hint)
{
	jsonb::Container c = doc.root().container();
	jsonb::ObjectLookup fields(c);
	jsonb::Value v = fields.find(key, hint);
	if (v.kind == jsonb::Kind::Invalid)
		return "<absent>";
	if (v.kind == jsonb::Kind::String)
		return std::string(v.data, v.len);
	return v.kind == jsonb::Kind::Numeric ? "<number>" : "<other>";
}

} // namespace

TEST(object_lookup_keys_two_bytes_apart)
{
	test::JsonbDoc doc("{\"id\": 1, \"day\": null, \"code\": \"2\", \"name\": \"n\", \"tags\": [], \"price\": 3, "
	                   "\"ratio\": \"r\", \"score\": \"s\", \"active\": true, \"author\": {}, \"comments\": null, "
	                   "\"created_at\": \"t\"}");
	for (uint32_t hint : {0u, 5u, 6u, 11u, 99u}) {
		CHECK_EQ(lookup(doc, "price", hint), "<number>");
		CHECK_EQ(lookup(doc, "ratio", hint), "r");
		CHECK_EQ(lookup(doc, "score", hint), "s");
		CHECK_EQ(lookup(doc, "code", hint), "2");
		CHECK_EQ(lookup(doc, "created_at", hint), "t");
		CHECK_EQ(lookup(doc, "pricf", hint), "<absent>");
		CHECK_EQ(lookup(doc, "a", hint), "<absent>");
	}
	test::JsonbDoc pair("{\"a\": \"x\", \"c\": \"y\"}");
	CHECK_EQ(lookup(pair, "a", 99), "x");
	CHECK_EQ(lookup(pair, "c", 99), "y");
	CHECK_EQ(lookup(pair, "b", 99), "<absent>");
}
