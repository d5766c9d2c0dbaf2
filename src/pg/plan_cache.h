// plan_cache.h: the backend's plan cache, sized by the fraiseql.plan_cache_*
// settings and emptied when the schema object it points into is replaced.
#pragma once

#include <cstdint>

#include "core/execute/plan_cache.h"

namespace fraiseql::pg {

// The cache for requests against the schema of `schema_generation`.
execute::PlanCache &backend_plan_cache(uint64_t schema_generation);

// Counters of the cache as it is (without re-applying settings).
execute::CacheStats backend_plan_cache_stats();

// fraiseql.cache_reset(): releases every entry now and zeroes the counters.
void reset_backend_plan_cache();

} // namespace fraiseql::pg
