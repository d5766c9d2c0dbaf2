// object_lookup_test.cc: ObjectLookup finds every key of an object whatever
// the hint, including keys whose bytes differ from a probed key's by exactly
// 2 ("price" against "ratio": 'r' - 'p'), which once read as a damaged key.
#include <string>

#include "core/jsonb/jsonb_reader.h"
#include "unit/check.h"
#include "unit/support/jsonb_builder.h"

using namespace fraiseql;

TEST(object_lookup_finds_every_key_from_any_hint)
{
	test::JsonbDoc doc(R"({"id": 5, "ip": "x", "day": "d", "code": "c", "name": "n", "path": "p", "span": "s",
	                       "tags": [], "price": 1.5, "ratio": 2, "score": 3, "active": true})");
	jsonb::Container object = doc.root().container();
	jsonb::ObjectLookup lookup(object);
	const char *keys[] = {"id", "ip", "day", "code", "name", "path", "span", "tags", "price", "ratio", "score", "active"};
	for (uint32_t start = 0; start < 13; start++)
		for (const char *key : keys) {
			uint32_t hint = start;
			jsonb::Value v = lookup.find(key, hint);
			CHECK(v.kind != jsonb::Kind::Invalid);
		}
	uint32_t hint = 0;
	CHECK(lookup.find("prices", hint).kind == jsonb::Kind::Invalid);
	CHECK(lookup.find("pride", hint).kind == jsonb::Kind::Invalid);
}
