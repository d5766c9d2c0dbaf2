// request_runner.h: one GraphQL request run in this backend (execute's path:
// limits from the GUCs, the plan cache, the context settings, SPI), shared by
// execute, execute_json, execute_persisted, explain and serve.
#pragma once

#include <string_view>

#include "core/execute/subscription.h"
#include "core/syntax/parser.h"
#include "pg/pg.h"

namespace fraiseql::pg {

struct RequestArgs {
	std::string_view query;
	Jsonb *variables = nullptr; // nullptr: none
	bool has_operation_name = false;
	std::string_view operation_name;
	Jsonb *context = nullptr;   // nullptr: none
	bool explain = false;
	// subscribe / subscription_event (core/execute/subscription.h).
	execute::SubscriptionMode subscription = execute::SubscriptionMode::None;
	const std::string *event_id = nullptr; // Event: the payload's id
};

// The response JSON as a varlena (header filled in) in the caller's memory
// context; nullptr for a subscription event that delivers nothing.
struct varlena *run_request(const RequestArgs &args);

// Whether `query` (no operation name) has an entry in this backend's plan
// cache under the current settings (fraiseql.prewarm counts them).
bool request_cached(std::string_view query);

// The limits execute parses with (fraiseql.max_query_bytes, max_tokens, max_depth).
syntax::ParseLimits parse_limits();

} // namespace fraiseql::pg
