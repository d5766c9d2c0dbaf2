// plan_cache.h: the per-backend cache of parsed, validated and compiled
// operations (docs/reference.md, "Plan cache"). A hit skips parse, validation and
// compilation, and the glue's prepared statements kept in the entry skip SQL
// planning. LRU, bounded by entry count and accounted bytes. Pure C++: the
// glue supplies how to release its statement handles.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/compile/plan.h"
#include "core/execute/normalize.h"
#include "core/syntax/ast.h"
#include "core/util/arena.h"

namespace fraiseql::execute {

// A glue-owned prepared statement for one root field of one plan.
struct StatementSlot {
	void *handle = nullptr; // opaque to the core (an SPIPlanPtr)
	size_t bytes = 0;       // memory it holds, for accounting
};

// How the glue frees a StatementSlot's handle (eviction, reset, destruction).
using ReleaseHandle = void (*)(void *handle);

// One plan of an operation for one shape of its variables (@skip/@include
// booleans, enum values, the structure of input objects and lists).
struct PlanVariant {
	std::string shape;
	compile::Plan plan;
	std::vector<StatementSlot> slots; // one per plan.roots entry
	// Per root, per parameter: the ordinal of the document literal it was
	// lifted from (CachedOperation::literals), or -1.
	std::vector<std::vector<int32_t>> literal_ordinals;
	// The size of this variant's last response: the next one's buffer starts
	// there (issue 18) instead of doubling up from 1 kB.
	size_t last_response_bytes = 0;
};

// One document + operation name, parsed and validated once.
struct CachedOperation {
	std::string key;      // operation name and document text
	std::string shared_key; // the same with literal values left out ("" when not shared)
	std::vector<LiteralToken> literals; // the document's literals, in order
	std::vector<bool> lifted;           // per literal: bound as a parameter by some plan
	std::vector<schema::TypeExpr> literal_types; // per literal: the type it was coerced to when lifted
	std::string query;    // the document; the AST views it
	util::Arena arena;    // the AST
	const syntax::Document *document = nullptr;
	const syntax::OperationDefinition *operation = nullptr;
	std::vector<std::unique_ptr<PlanVariant>> variants;
	size_t bytes = 0;     // accounted size, statements included
	uint64_t hits = 0;
	uint64_t stat_id = 0; // RequestStats::operation_id, computed on first use (0: not yet)
	uint32_t in_use = 0;  // requests running it (a view may call fraiseql.execute): never evicted meanwhile

	PlanVariant *find_variant(std::string_view shape);
	// Maps the variant's literal parameters to literal ordinals (by position)
	// and marks them lifted.
	void map_literals(PlanVariant &variant);
	// Whether a document with these literals may run this entry's plans: the
	// same count, and equal values wherever a literal was not lifted (a
	// variable default, an introspection argument...).
	bool accepts_literals(const std::vector<LiteralToken> &other) const;
	// Bytes of the C++ side plus every statement slot's bytes.
	size_t measure() const;
};

struct CacheStats {
	size_t entries = 0;
	size_t bytes = 0;
	uint64_t hits = 0;
	uint64_t shared_hits = 0; // hits through the literal-free key
	uint64_t misses = 0;
	uint64_t evictions = 0;
};

class PlanCache {
public:
	explicit PlanCache(ReleaseHandle release) : release_(release) {}
	~PlanCache() { clear(); }
	PlanCache(const PlanCache &) = delete;
	PlanCache &operator=(const PlanCache &) = delete;

	// The cache key of a request.
	static std::string make_key(std::string_view query, std::string_view operation_name, bool has_operation_name);
	// make_key after `prefix` (the settings' scope), in one allocation.
	static std::string make_key(std::string_view prefix, std::string_view query, std::string_view operation_name,
	                            bool has_operation_name);

	// Bounds; 0 entries disables the cache. Evicts down to them at once.
	void configure(size_t max_entries, size_t max_bytes);
	bool enabled() const { return max_entries_ > 0; }

	// The entry for `key`, made most recently used; nullptr on a miss.
	CachedOperation *find(const std::string &key);
	// Whether `key` has an entry; counts nothing and leaves the LRU order alone.
	bool contains(const std::string &key) const { return index_.count(key) > 0; }
	// The entry of a document equal to one cached but for its literals.
	CachedOperation *find_shared(const std::string &shared_key);
	// Counts a find() miss that find_shared() then answered.
	void count_shared_hit();
	// Takes ownership; evicts least recently used entries beyond the bounds
	// (never the one just inserted).
	CachedOperation *insert(std::unique_ptr<CachedOperation> entry);
	// Re-measures an entry after plans or statements were added, then evicts.
	void update(CachedOperation &entry);
	// Releases every entry (schema change, fraiseql.cache_reset()).
	void clear();
	CacheStats stats() const;
	void reset_stats() { hits_ = shared_hits_ = misses_ = evictions_ = 0; }

	// Frees the statements of a variant that is not in the cache.
	void release_slots(std::vector<StatementSlot> &slots) const;

private:
	ReleaseHandle release_;
	std::list<std::unique_ptr<CachedOperation>> lru_; // front: most recently used
	std::unordered_map<std::string_view, std::list<std::unique_ptr<CachedOperation>>::iterator> index_;
	std::unordered_map<std::string_view, std::list<std::unique_ptr<CachedOperation>>::iterator> shared_index_;
	size_t max_entries_ = 0;
	size_t max_bytes_ = 0;
	size_t bytes_ = 0;
	uint64_t hits_ = 0, shared_hits_ = 0, misses_ = 0, evictions_ = 0;

	void evict_beyond_bounds(const CachedOperation *keep);
	void release_entry(CachedOperation &entry);
};

} // namespace fraiseql::execute
