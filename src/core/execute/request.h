// request.h: one GraphQL request, end to end, in the core: parse, validate,
// select the operation, coerce variables, compile, run each root field through
// the glue's StatementRunner and write the response. Only the runner touches
// the database; everything here is plain C++.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/compile/compiler.h"
#include "core/compile/plan.h"
#include "core/execute/plan_cache.h"
#include "core/execute/subscription.h"
#include "core/jsonb/jsonb_reader.h"
#include "core/response/json_writer.h"
#include "core/schema/schema.h"
#include "core/syntax/parser.h"
#include "core/util/arena.h"
#include "core/util/error.h"

namespace fraiseql::execute {

// Receives the rows of one statement. `data` is the jsonb payload of the data
// column (no varlena header), valid only during the call; nullptr for SQL NULL.
// Returning false stops the statement early.
// The columns after `data` of a connection statement (compile::ConnectionPlan):
// the row's key values as a jsonb array (nullptr when NULL: the empty page's
// row), then the count and the far-side flag when the statement has them.
struct RowExtras {
	const char *keys = nullptr;
	uint32_t keys_len = 0;
	bool has_count = false;
	int64_t count = 0;
	bool has_flag = false;
	bool flag = false;
	const char *aggregate = nullptr; // the `aggregate` object's jsonb (nullptr: not computed)
	uint32_t aggregate_len = 0;
};

class RowSink {
public:
	virtual ~RowSink() = default;
	virtual bool row(const char *data, uint32_t len) = 0;
	// Rows of statements with more than one column.
	virtual bool row_extras(const char *data, uint32_t len, const RowExtras &) { return row(data, len); }
	// Rows of tagged statements (RootField::tagged): the tag picks the type.
	virtual bool row_tagged(int32_t, const char *data, uint32_t len) { return row(data, len); }
};

// The planner's estimate for the plan a statement runs with (fraiseql.explain,
// admission control).
struct PlanEstimate {
	bool known = false;
	double cost = 0;      // total cost of the top plan node
	double rows = 0;      // rows the top plan node returns
	bool generic = false; // the plan cache's generic plan (else a custom plan for these values)
};

// Implemented by the glue: runs one root field's statement. `params` holds one
// entry per $n: the value's text, or nullptr for SQL NULL. On a database error
// that the contract turns into a field error, returns false with `error` set
// (message, sqlstate); errors that must reach the caller are not returned but
// raised by the glue past this code.
// `slot` holds the runner's prepared statement for this root field across
// calls when the plan is cached: the runner fills it on first use and reuses it.
class StatementRunner {
public:
	virtual ~StatementRunner() = default;
	virtual bool run(const compile::RootField &root, const std::vector<const std::string *> &params,
	                 StatementSlot &slot, RowSink &sink, GraphQLError &error) = 0;
	// Frees a slot's handle (plans that are not kept in the cache).
	virtual void release(void *handle) = 0;
	// Fills `estimate` for the plan run() would use with these parameters,
	// without running it; false when unknown (preparing fills the slot as run() does).
	virtual bool estimate(const compile::RootField &, const std::vector<const std::string *> &, StatementSlot &,
	                      PlanEstimate &)
	{
		return false;
	}
};

// What fraiseql.stat_operations records of one request (RequestOptions::stats).
struct RequestStats {
	uint64_t operation_id = 0;   // hash of the normalized document (literals left out) and the operation name
	std::string operation_name;  // the selected operation's name ("" when anonymous or none)
	const char *operation_type = "invalid"; // query, mutation, subscription; invalid: no operation was selected
	bool cache_hit = false;
	uint64_t rows = 0;           // rows the root fields' statements returned
	uint32_t errors[ERROR_CODE_COUNT] = {}; // per ErrorCode, errors in the response
};

struct RequestOptions {
	syntax::ParseLimits limits;
	uint32_t max_aliases = 0;  // fraiseql.max_aliases; 0: no limit
	compile::CompileOptions compile; // fraiseql.max_limit
	bool introspection = true; // false: __schema and __type are validation errors (fraiseql.introspection)
	PlanCache *cache = nullptr; // nullptr: parse, validate, compile and prepare on every call
	// Settings that change how a document parses or validates (limits...): part
	// of the cache key, so a lowered limit is never bypassed by a cached entry.
	std::string cache_scope;
	bool explain = false;       // write the plan (SQL, parameters, cache key, hit) instead of running it
	bool read_only = false;     // a hot standby: mutations are refused with a request error
	RequestStats *stats = nullptr; // filled when set
	// fraiseql.subscribe / fraiseql.subscription_event (subscription.h).
	// Subscribe writes its answer (or request errors) after checking the
	// statement once with no event; Event runs it for Request::event_id.
	SubscriptionMode subscription = SubscriptionMode::None;
	// Event: set to false when the event delivers nothing; the glue then drops what was written.
	bool *event_delivers = nullptr;
};

struct Request {
	std::string_view query;
	jsonb::Value variables;       // Kind::Invalid when none were given
	std::string_view operation_name;
	bool has_operation_name = false;
	jsonb::Value context;         // execute()'s context object; Kind::Invalid when none
	const std::string *event_id = nullptr; // SubscriptionMode::Event: the row the event names
};

// Writes the complete response for `request` into `out` (or, with
// options.explain, the plan as JSON). The parsed document lives in its cache
// entry, which owns its memory.
void handle_request(const schema::Schema &schema, const Request &request, const RequestOptions &options,
                    StatementRunner &runner, response::JsonWriter &out);

// {"errors":[...]} alone: request errors (no "data" key), and the glue's own.
void write_request_errors(response::JsonWriter &out, const ErrorList &errors);

// RequestStats::operation_id of a document (never 0). handle_request sets it
// once an operation is selected; a request that failed before is counted
// under its own text's id.
uint64_t operation_id(std::string_view query, std::string_view operation_name, uint32_t max_tokens);

// A double as a JSON number (null when not finite).
void write_number(response::JsonWriter &out, double value);

// The JSON of one error object.
void write_error(response::JsonWriter &out, const GraphQLError &error);

} // namespace fraiseql::execute
