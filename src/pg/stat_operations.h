// stat_operations.h: per-operation statistics behind the fraiseql.stat_operations
// view. One table of fixed size (fraiseql.stat_max entries): in shared memory
// when the library is in shared_preload_libraries, else in this backend's
// memory; the least used 5% are evicted when it is full. Recording never
// fails a request.
#pragma once

#include <cstdint>

#include "core/execute/request.h"
#include "pg/pg.h"

namespace fraiseql::pg {

// From _PG_init: asks for shared memory when preloading.
void stat_operations_init();

// Adds one request to its operation's row.
void stat_record(const execute::RequestStats &stats, double elapsed_ms, uint64_t response_bytes) noexcept;

// The rows of the view, into a materialized set-returning function's result.
void stat_operations_rows(FunctionCallInfo fcinfo);

// Empties the table (fraiseql.stat_reset()).
void stat_reset();

} // namespace fraiseql::pg
