// plan_cache.cc: LRU bookkeeping and size accounting of the plan cache.
#include "core/execute/plan_cache.h"

#include "core/compile/connection_sql.h"

namespace fraiseql::execute {

namespace {

size_t
projection_bytes(const std::vector<compile::ProjectionNode> &nodes)
{
	size_t bytes = nodes.capacity() * sizeof(compile::ProjectionNode);
	for (const compile::ProjectionNode &n : nodes) {
		bytes += n.response_key.capacity() + n.key_prefix.capacity() + n.json_key.capacity() + n.coordinate.capacity() +
		         projection_bytes(n.children) + n.branches.capacity() * sizeof(compile::TypeBranch);
		for (const compile::TypeBranch &b : n.branches)
			bytes += projection_bytes(b.selection);
	}
	return bytes;
}

size_t
plan_bytes(const compile::Plan &plan)
{
	size_t bytes = sizeof(plan) + plan.roots.capacity() * sizeof(compile::RootField);
	for (const compile::RootField &root : plan.roots) {
		bytes += root.sql.capacity() + root.response_key.capacity() + root.key_prefix.capacity() +
		         root.params.capacity() * sizeof(compile::Param) + projection_bytes(root.selection);
		for (const compile::TypeBranch &b : root.branches)
			bytes += sizeof(b) + projection_bytes(b.selection);
		for (const compile::Param &p : root.params)
			bytes += p.variable.capacity() + p.literal.capacity() + p.argument.capacity();
		if (root.connection)
			bytes += sizeof(compile::ConnectionPlan) + root.connection->signature.capacity();
	}
	return bytes;
}

} // namespace

PlanVariant *
CachedOperation::find_variant(std::string_view shape)
{
	for (const std::unique_ptr<PlanVariant> &v : variants)
		if (v->shape == shape)
			return v.get();
	return nullptr;
}

void
CachedOperation::map_literals(PlanVariant &variant)
{
	lifted.resize(literals.size());
	literal_types.resize(literals.size());
	variant.literal_ordinals.assign(variant.plan.roots.size(), {});
	for (size_t r = 0; r < variant.plan.roots.size(); r++) {
		const std::vector<compile::Param> &params = variant.plan.roots[r].params;
		std::vector<int32_t> &ordinals = variant.literal_ordinals[r];
		ordinals.assign(params.size(), -1);
		for (size_t i = 0; i < params.size(); i++) {
			const compile::Param &p = params[i];
			if (p.source != compile::ParamSource::Literal || p.line == 0)
				continue;
			for (size_t k = 0; k < literals.size(); k++)
				if (literals[k].line == p.line && literals[k].column == p.column) {
					ordinals[i] = static_cast<int32_t>(k);
					lifted[k] = true;
					literal_types[k] = p.literal_type;
					break;
				}
		}
	}
}

bool
CachedOperation::accepts_literals(const std::vector<LiteralToken> &other) const
{
	if (other.size() != literals.size())
		return false;
	for (size_t k = 0; k < literals.size(); k++)
		if (other[k].kind != literals[k].kind || (!(k < lifted.size() && lifted[k]) && other[k].value != literals[k].value))
			return false;
	return true;
}

size_t
CachedOperation::measure() const
{
	size_t total = sizeof(*this) + key.capacity() + shared_key.capacity() + query.capacity() + arena.bytes_allocated() +
	               literals.capacity() * sizeof(LiteralToken) + lifted.capacity() / 8 +
	               literal_types.capacity() * sizeof(schema::TypeExpr);
	for (const LiteralToken &l : literals)
		total += l.value.capacity();
	for (const std::unique_ptr<PlanVariant> &v : variants) {
		total += sizeof(PlanVariant) + v->shape.capacity() + plan_bytes(v->plan);
		for (const StatementSlot &slot : v->slots)
			total += slot.bytes;
		for (const std::vector<int32_t> &o : v->literal_ordinals)
			total += o.capacity() * sizeof(int32_t);
	}
	return total;
}

std::string
PlanCache::make_key(std::string_view query, std::string_view operation_name, bool has_operation_name)
{
	return make_key(std::string_view(), query, operation_name, has_operation_name);
}

std::string
PlanCache::make_key(std::string_view prefix, std::string_view query, std::string_view operation_name,
                    bool has_operation_name)
{
	// The operation name first, then a separator no name contains.
	std::string key;
	key.reserve(prefix.size() + operation_name.size() + query.size() + 2);
	key.append(prefix);
	if (has_operation_name)
		key.append(operation_name);
	key.push_back(has_operation_name ? '\x01' : '\x02');
	key.append(query);
	return key;
}

void
PlanCache::configure(size_t max_entries, size_t max_bytes)
{
	max_entries_ = max_entries;
	max_bytes_ = max_bytes;
	evict_beyond_bounds(nullptr);
}

CachedOperation *
PlanCache::find(const std::string &key)
{
	auto it = index_.find(key);
	if (it == index_.end()) {
		misses_++;
		return nullptr;
	}
	hits_++;
	lru_.splice(lru_.begin(), lru_, it->second);
	CachedOperation &entry = *lru_.front();
	entry.hits++;
	return &entry;
}

CachedOperation *
PlanCache::find_shared(const std::string &shared_key)
{
	auto it = shared_index_.find(shared_key);
	if (it == shared_index_.end())
		return nullptr;
	lru_.splice(lru_.begin(), lru_, it->second);
	return lru_.front().get();
}

void
PlanCache::count_shared_hit()
{
	misses_--; // find() counted it as a miss
	shared_hits_++;
	hits_++;
}

CachedOperation *
PlanCache::insert(std::unique_ptr<CachedOperation> entry)
{
	entry->bytes = entry->measure();
	bytes_ += entry->bytes;
	lru_.push_front(std::move(entry));
	CachedOperation *inserted = lru_.front().get();
	index_[inserted->key] = lru_.begin();
	// The first document of a literal-free shape represents it.
	if (!inserted->shared_key.empty() && !shared_index_.count(inserted->shared_key))
		shared_index_[inserted->shared_key] = lru_.begin();
	evict_beyond_bounds(inserted);
	return inserted;
}

void
PlanCache::update(CachedOperation &entry)
{
	const size_t now = entry.measure();
	bytes_ = bytes_ - entry.bytes + now;
	entry.bytes = now;
	evict_beyond_bounds(&entry);
}

void
PlanCache::evict_beyond_bounds(const CachedOperation *keep)
{
	while (!lru_.empty() && (lru_.size() > max_entries_ || bytes_ > max_bytes_)) {
		// The least recently used entry that nobody is running.
		auto victim = lru_.end();
		for (auto it = lru_.end(); it != lru_.begin();) {
			--it;
			if (it->get() != keep && (*it)->in_use == 0) {
				victim = it;
				break;
			}
		}
		if (victim == lru_.end())
			break; // everything left is in use: over the bound until they finish
		index_.erase((*victim)->key);
		auto shared = shared_index_.find((*victim)->shared_key);
		if (shared != shared_index_.end() && shared->second == victim)
			shared_index_.erase(shared);
		bytes_ -= (*victim)->bytes;
		release_entry(**victim);
		lru_.erase(victim);
		evictions_++;
	}
}

void
PlanCache::release_slots(std::vector<StatementSlot> &slots) const
{
	for (StatementSlot &slot : slots) {
		if (slot.handle)
			release_(slot.handle);
		slot.handle = nullptr;
		slot.bytes = 0;
	}
}

void
PlanCache::release_entry(CachedOperation &entry)
{
	for (std::unique_ptr<PlanVariant> &v : entry.variants)
		release_slots(v->slots);
}

void
PlanCache::clear()
{
	for (std::unique_ptr<CachedOperation> &entry : lru_)
		release_entry(*entry);
	index_.clear();
	shared_index_.clear();
	lru_.clear();
	bytes_ = 0;
}

CacheStats
PlanCache::stats() const
{
	CacheStats s;
	s.entries = lru_.size();
	s.bytes = bytes_;
	s.hits = hits_;
	s.shared_hits = shared_hits_;
	s.misses = misses_;
	s.evictions = evictions_;
	return s;
}

} // namespace fraiseql::execute
