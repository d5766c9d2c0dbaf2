// gucs.h: the fraiseql.* settings, with their defaults and ranges.
#pragma once

namespace fraiseql::pg {

// Request limits: safe for a public endpoint (docs/reference.md, "Settings (GUCs)", documents them).
constexpr int DEFAULT_MAX_QUERY_BYTES = 256 * 1024;
constexpr int MIN_MAX_QUERY_BYTES = 64;
constexpr int MAX_MAX_QUERY_BYTES = 64 * 1024 * 1024;
constexpr int DEFAULT_MAX_TOKENS = 10000;
constexpr int MAX_MAX_TOKENS = 10000000;
constexpr int DEFAULT_MAX_DEPTH = 32;
constexpr int MAX_MAX_DEPTH = 512;
constexpr int DEFAULT_MAX_ALIASES = 100;
constexpr int MAX_MAX_ALIASES = 1000000; // the parser's own ceiling keeps the stack safe
constexpr int DEFAULT_MAX_LIMIT = 0; // no cap: a list field returns every matching row unless limited

// Plan cache bounds, per backend.
constexpr int DEFAULT_PLAN_CACHE_ENTRIES = 1000;
constexpr int MAX_PLAN_CACHE_ENTRIES = 1000000;
constexpr int DEFAULT_PLAN_CACHE_MB = 64;
constexpr int MAX_PLAN_CACHE_MB = 64 * 1024;

// fraiseql.stat_operations' table size.
constexpr int DEFAULT_STAT_MAX = 5000;
constexpr int MIN_STAT_MAX = 10;
constexpr int MAX_STAT_MAX = 100000;

extern bool guc_apq_register;
extern bool guc_introspection;
extern int guc_max_aliases;
extern double guc_max_cost;          // 0: off
extern double guc_max_rows_estimate; // 0: off
extern int guc_max_depth;
extern int guc_max_limit;
extern int guc_plan_cache_entries;
extern int guc_plan_cache_mb;
extern int guc_max_query_bytes;
extern int guc_max_tokens;
extern bool guc_persisted_only;
extern char *guc_text_search_config;
extern int guc_stat_max;
extern bool guc_prewarm_on_first_call;
extern bool guc_track_operations;

void define_gucs();

} // namespace fraiseql::pg
