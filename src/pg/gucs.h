// gucs.h: the fraiseql.* settings, with their defaults and ranges.
#pragma once

namespace fraiseql::pg {

// Request limits: safe for a public endpoint (README.md documents them).
constexpr int DEFAULT_MAX_QUERY_BYTES = 256 * 1024;
constexpr int MIN_MAX_QUERY_BYTES = 64;
constexpr int MAX_MAX_QUERY_BYTES = 64 * 1024 * 1024;
constexpr int DEFAULT_MAX_TOKENS = 10000;
constexpr int MAX_MAX_TOKENS = 10000000;
constexpr int DEFAULT_MAX_DEPTH = 32;
constexpr int MAX_MAX_DEPTH = 512; // the parser's own ceiling keeps the stack safe

extern int guc_max_depth;
extern int guc_max_query_bytes;
extern int guc_max_tokens;

void define_gucs();

} // namespace fraiseql::pg
