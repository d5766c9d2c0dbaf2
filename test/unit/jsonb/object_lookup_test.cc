// object_lookup_test.cc: ObjectLookup finds every key of an object whatever
// the hint, including keys whose bytes differ from a probed key's by 2
// ("price" against "ratio"): memcmp may return the byte difference, which
// once read as the "damaged key" sentinel and projected the value as null.
#include <cstdint>
#include <cstring>
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

namespace {

// Rewrites every JEntry i with i % stride == 0 of the root object as
// PostgreSQL writes it (JENTRY_HAS_OFF and the end offset instead of the
// length): the builder writes lengths only.
void
store_offsets(std::string &bytes, uint32_t stride)
{
	uint32_t header;
	std::memcpy(&header, bytes.data(), 4);
	const uint32_t entries = (header & 0x0FFFFFFF) * 2;
	uint32_t end = 0;
	for (uint32_t i = 0; i < entries; i++) {
		uint32_t entry;
		std::memcpy(&entry, bytes.data() + 4 + 4 * i, 4);
		end += entry & 0x0FFFFFFF;
		if (i % stride == 0) {
			entry = (entry & 0x70000000) | 0x80000000 | end;
			std::memcpy(&bytes[4 + 4 * i], &entry, 4);
		}
	}
}

} // namespace

TEST(object_lookup_stored_offsets_and_damaged_ones)
{
	// 20 pairs: 40 entries, PostgreSQL's stride (32) gives offsets at 0 and
	// 32; a stride of 3 gives many. Every key is found under every hint.
	std::string json = "{";
	for (int i = 0; i < 20; i++)
		json += std::string(i ? ", " : "") + "\"k" + std::to_string(i) + "\": \"v" + std::to_string(i) + "\"";
	json += "}";
	for (uint32_t stride : {32u, 3u, 1u}) {
		test::JsonbDoc doc(json);
		store_offsets(doc.bytes, stride);
		for (uint32_t hint : {0u, 7u, 19u, 50u})
			for (int i = 0; i < 20; i++)
				CHECK_EQ(lookup(doc, "k" + std::to_string(i), hint), "v" + std::to_string(i));
	}
	// An offset that goes backwards or past the object: no read outside the
	// datum (ASan), and what Container::find would say for the keys it hits.
	test::JsonbDoc doc(json);
	store_offsets(doc.bytes, 5);
	uint32_t entry;
	std::memcpy(&entry, doc.bytes.data() + 4 + 4 * 25, 4);
	const uint32_t backwards = (entry & 0x70000000) | 0x80000000 | 1;
	std::memcpy(&doc.bytes[4 + 4 * 25], &backwards, 4);
	const uint32_t past = (entry & 0x70000000) | 0x80000000 | 0x0FFFFFF0;
	for (uint32_t bad : {backwards, past}) {
		std::memcpy(&doc.bytes[4 + 4 * 25], &bad, 4);
		jsonb::Container c = doc.root().container();
		for (uint32_t hint : {0u, 5u, 19u})
			for (int i = 0; i < 20; i++) {
				const std::string key = "k" + std::to_string(i);
				const jsonb::Value want = c.find(key);
				uint32_t h = hint;
				const jsonb::Value got = jsonb::ObjectLookup(c).find(key, h);
				CHECK(got.kind == want.kind);
				CHECK(got.kind != jsonb::Kind::String || got.string() == want.string());
			}
	}
}
