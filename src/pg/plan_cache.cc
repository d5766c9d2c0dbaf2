// plan_cache.cc: one PlanCache per backend. Its C++ objects live on the heap
// for the backend's lifetime and are counted against fraiseql.plan_cache_mb;
// the prepared statements are SPI-kept plans (under CacheMemoryContext),
// counted too and freed with SPI_freeplan on eviction.
#include "pg/plan_cache.h"

#include "pg/gucs.h"
#include "pg/spi.h"

namespace fraiseql::pg {

namespace {

execute::PlanCache &
instance()
{
	// Never destroyed: at process exit there is no SPI to free plans with.
	static execute::PlanCache *cache = new execute::PlanCache(release_spi_plan);
	return *cache;
}

uint64_t cached_generation = 0;

} // namespace

execute::PlanCache &
backend_plan_cache(uint64_t schema_generation)
{
	execute::PlanCache &cache = instance();
	if (schema_generation != cached_generation) {
		cache.clear();
		cached_generation = schema_generation;
	}
	// Settings may change between calls (SET, per role): apply them each time.
	cache.configure(static_cast<size_t>(guc_plan_cache_entries), static_cast<size_t>(guc_plan_cache_mb) * 1024 * 1024);
	return cache;
}

execute::CacheStats
backend_plan_cache_stats()
{
	return instance().stats();
}

void
reset_backend_plan_cache()
{
	instance().clear();
	instance().reset_stats();
}

} // namespace fraiseql::pg
