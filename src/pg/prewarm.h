// prewarm.h: warm pools. fraiseql.prewarm() puts persisted documents into this
// backend's plan cache (parsed, validated, compiled, statements prepared), so
// a fresh backend behind a pooler answers its first request from the cache.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace fraiseql::pg {

// Warms the persisted documents with these hashes (every one when
// std::nullopt); returns how many are in the plan cache afterwards.
int prewarm(const std::optional<std::vector<std::string>> &hashes);

// With fraiseql.prewarm_on_first_call: prewarm(every document) once per
// backend, before its first request.
void prewarm_on_first_call();

} // namespace fraiseql::pg
