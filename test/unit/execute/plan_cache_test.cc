// plan_cache_test.cc: LRU order, the entry and byte bounds, release of the
// glue's statement handles, entries in use, and the literal-free shared key.
#include <memory>
#include <string>
#include <vector>

#include "core/execute/normalize.h"
#include "core/execute/plan_cache.h"
#include "unit/check.h"

using namespace fraiseql;
using namespace fraiseql::execute;

namespace {

std::vector<void *> released;

void
record_release(void *handle)
{
	released.push_back(handle);
}

// An entry whose one plan holds one statement handle of `statement_bytes`.
std::unique_ptr<CachedOperation>
entry(const std::string &key, void *handle, size_t statement_bytes = 0)
{
	auto e = std::make_unique<CachedOperation>();
	e->key = key;
	auto v = std::make_unique<PlanVariant>();
	v->plan.roots.resize(1);
	v->slots.resize(1);
	v->slots[0].handle = handle;
	v->slots[0].bytes = statement_bytes;
	e->variants.push_back(std::move(v));
	return e;
}

int handles[16];

} // namespace

TEST(plan_cache_lru_and_entry_bound)
{
	released.clear();
	PlanCache cache(record_release);
	cache.configure(2, 1 << 30);
	cache.insert(entry("a", &handles[0]));
	cache.insert(entry("b", &handles[1]));
	CHECK(cache.find("a") != nullptr); // a is now the most recently used
	cache.insert(entry("c", &handles[2]));
	CHECK(cache.find("b") == nullptr); // b was evicted, not a
	CHECK(cache.find("a") != nullptr);
	CHECK(cache.find("c") != nullptr);
	CHECK_EQ(released.size(), size_t(1));
	CHECK(released.size() == 1 && released[0] == &handles[1]);
	CacheStats s = cache.stats();
	CHECK_EQ(s.entries, size_t(2));
	CHECK_EQ(s.evictions, uint64_t(1));
	CHECK_EQ(s.hits, uint64_t(3));
	CHECK_EQ(s.misses, uint64_t(1));
	cache.clear();
	CHECK_EQ(released.size(), size_t(3));
	CHECK_EQ(cache.stats().entries, size_t(0));
	CHECK_EQ(cache.stats().bytes, size_t(0));
}

TEST(plan_cache_byte_bound_counts_statements)
{
	released.clear();
	PlanCache cache(record_release);
	cache.configure(100, 100000);
	cache.insert(entry("a", &handles[0], 40000));
	cache.insert(entry("b", &handles[1], 40000));
	CHECK_EQ(cache.stats().entries, size_t(2));
	cache.insert(entry("c", &handles[2], 40000)); // 120 kB > 100 kB: the oldest goes
	CHECK_EQ(cache.stats().entries, size_t(2));
	CHECK(cache.find("a") == nullptr);
	CHECK(cache.stats().bytes <= 100000);
	// A statement prepared during a run is counted by update().
	CachedOperation *c = cache.find("c");
	c->variants[0]->slots[0].bytes = 90000;
	cache.update(*c);
	CHECK_EQ(cache.stats().entries, size_t(1));
	CHECK(cache.find("c") != nullptr);
	// Lowering the bounds evicts at once.
	cache.configure(0, 100000);
	CHECK_EQ(cache.stats().entries, size_t(0));
	CHECK(!cache.enabled());
}

TEST(plan_cache_never_evicts_an_entry_in_use)
{
	released.clear();
	PlanCache cache(record_release);
	cache.configure(1, 1 << 30);
	CachedOperation *a = cache.insert(entry("a", &handles[0]));
	a->in_use = 1; // a request is running it (a view calling fraiseql.execute)
	cache.insert(entry("b", &handles[1]));
	CHECK(cache.find("a") != nullptr);
	CHECK(released.empty());
	a->in_use = 0;
	cache.insert(entry("c", &handles[2]));
	CHECK_EQ(cache.stats().entries, size_t(1));
	CHECK(cache.find("c") != nullptr);
}

TEST(plan_cache_keys)
{
	// The operation name is part of the key and cannot run into the text.
	CHECK(PlanCache::make_key("{ a }", "A", true) != PlanCache::make_key("{ a }", "", false));
	CHECK(PlanCache::make_key("x{ a }", "", true) != PlanCache::make_key("{ a }", "x", true));
}

TEST(normalized_documents)
{
	NormalizedDocument a, b, c;
	CHECK(normalize_document("{ users(limit: 1, name: \"x\") { id } }", 0, a));
	CHECK(normalize_document("{users(limit:25,name:\"y\"){id}}", 0, b));
	CHECK(normalize_document("{ users(limit: 1.5, name: \"x\") { id } }", 0, c));
	CHECK_EQ(a.key, b.key); // layout and literal values do not matter ...
	CHECK(a.key != c.key);  // ... but a literal's kind does (Int vs Float)
	NormalizedDocument block;
	CHECK(normalize_document("{ users(limit: 1, name: \"\"\"x\"\"\") { id } }", 0, block));
	CHECK(block.key != a.key); // a block string is a kind of its own
	CHECK_EQ(block.literals[1].value, std::string("x"));
	CHECK_EQ(a.literals.size(), size_t(2));
	CHECK_EQ(b.literals[0].value, std::string("25"));
	CHECK_EQ(b.literals[1].value, std::string("y"));
	CHECK_EQ(a.literals[0].line, uint32_t(1));
	CHECK_EQ(a.literals[0].column, uint32_t(16));
	NormalizedDocument d;
	CHECK(normalize_document("{ users(limit: 1) { id } }", 0, d));
	CHECK(d.key != a.key); // names are kept
	CHECK(!normalize_document("{ users(limit: 1) { id } }", 5, d)); // over the token limit
	CHECK(!normalize_document("{ \"unterminated }", 0, d));
}

TEST(shared_entries_accept_only_lifted_literals)
{
	CachedOperation e;
	e.literals = {{syntax::TokenKind::Int, 1, 10, "1"}, {syntax::TokenKind::String, 1, 20, "User"}};
	PlanVariant v;
	v.plan.roots.resize(1);
	compile::Param p;
	p.source = compile::ParamSource::Literal;
	p.literal = "1";
	p.line = 1;
	p.column = 10;
	v.plan.roots[0].params.push_back(p);
	e.map_literals(v);
	CHECK_EQ(v.literal_ordinals[0][0], int32_t(0));
	std::vector<LiteralToken> other = {{syntax::TokenKind::Int, 1, 10, "7"}, {syntax::TokenKind::String, 1, 20, "User"}};
	CHECK(e.accepts_literals(other)); // only the lifted literal differs
	other[1].value = "Post";
	CHECK(!e.accepts_literals(other)); // a literal the plan did not lift must match
	other[1].value = "User";
	other[0].kind = syntax::TokenKind::Float;
	CHECK(!e.accepts_literals(other));
	other.pop_back();
	CHECK(!e.accepts_literals(other));
}
