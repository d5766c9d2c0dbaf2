// request_context.h: execute()'s `context` argument. Each key k becomes the
// setting app.k for the duration of the call (the glue sets and restores
// them); mutation functions may receive values as parameters.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/jsonb/jsonb_reader.h"
#include "core/util/error.h"

namespace fraiseql::execute {

// Each key is a setting of the backend (PostgreSQL keeps a placeholder per
// name, and inserting one sorts its table): a request may not set many.
constexpr uint32_t MAX_CONTEXT_KEYS = 64;

struct ContextSetting {
	std::string name;  // "app.<key>"
	std::string value; // a string as it is; numbers and booleans as JSON writes them; null as ""; objects and arrays as JSON
};

// Checks the context (a JSON object of at most MAX_CONTEXT_KEYS keys, each an
// identifier: [A-Za-z_][A-Za-z0-9_]*) and lists its settings. Kind::Invalid or a JSON
// null: no context. On error (BAD_USER_INPUT) `out` is left empty.
[[nodiscard]] ErrorList read_context(const jsonb::Value &context, std::vector<ContextSetting> &out);

// The text of context key `key` for a function parameter; false when the key
// is absent or null.
bool context_value(const jsonb::Value &context, std::string_view key, std::string &out);

// Whether `key` may name a setting: [A-Za-z_][A-Za-z0-9_]*, at most 63 bytes.
bool valid_context_key(std::string_view key);

} // namespace fraiseql::execute
