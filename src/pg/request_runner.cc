// request_runner.cc: execute's path, from its arguments to the response bytes.
#include "pg/request_runner.h"

#include <algorithm>
#include <string>

#include "core/execute/request.h"
#include "core/execute/request_context.h"
#include "pg/context.h"
#include "pg/gucs.h"
#include "pg/memory.h"
#include "pg/plan_cache.h"
#include "pg/prewarm.h"
#include "pg/schema_store.h"
#include "pg/spi.h"
#include "pg/stat_operations.h"
#include "pg/trace.h"

extern "C" {
#include "access/xlog.h"
#include "portability/instr_time.h"
}

namespace fraiseql::pg {

namespace {

// The settings that change how a document parses, validates or compiles (and so its cache entry).
std::string
build_cache_scope()
{
	return "d" + std::to_string(guc_max_depth) + ",a" + std::to_string(guc_max_aliases) + ",t" +
	       std::to_string(guc_max_tokens) + ",b" + std::to_string(guc_max_query_bytes) + ",l" +
	       std::to_string(guc_max_limit) +
	       (guc_introspection ? "" : ",noi") + "|";
}

// build_cache_scope(), rebuilt only when one of its settings changed (every call needs it).
const std::string &
cache_scope()
{
	static std::string scope;
	static int seen[6] = {};
	const int now[6] = {guc_max_depth, guc_max_aliases, guc_max_tokens, guc_max_query_bytes,
	                    guc_max_limit, guc_introspection ? 1 : 2};
	if (!std::equal(now, now + 6, seen)) {
		scope = build_cache_scope();
		std::copy(now, now + 6, seen);
	}
	return scope;
}

} // namespace

syntax::ParseLimits
parse_limits()
{
	syntax::ParseLimits limits;
	limits.max_bytes = static_cast<size_t>(guc_max_query_bytes);
	limits.max_tokens = static_cast<uint32_t>(guc_max_tokens);
	limits.max_depth = static_cast<uint32_t>(guc_max_depth);
	return limits;
}

bool
request_cached(std::string_view query)
{
	const std::string key = execute::PlanCache::make_key(cache_scope(), query, std::string_view(), false);
	return backend_plan_cache(schema_generation()).contains(key);
}

struct varlena *
run_request(const RequestArgs &args)
{
	if (GetDatabaseEncoding() != PG_UTF8)
		throw PgError(ERRCODE_FEATURE_NOT_SUPPORTED, "fraiseql requires a UTF8 database");
	prewarm_on_first_call();
	MemoryContext result_context = CurrentMemoryContext;
	ScopedContext per_call(CurrentMemoryContext, "fraiseql per-call");
	MemoryContextSwitchTo(per_call.get());

	execute::Request request;
	request.query = args.query;
	if (args.variables)
		request.variables = jsonb::root(reinterpret_cast<const char *>(&args.variables->root),
		                                VARSIZE(args.variables) - VARHDRSZ);
	request.operation_name = args.operation_name;
	request.has_operation_name = args.has_operation_name;
	if (args.context)
		request.context = jsonb::root(reinterpret_cast<const char *>(&args.context->root),
		                              VARSIZE(args.context) - VARHDRSZ);
	request.event_id = args.event_id;
	bool delivers = true;
	execute::RequestOptions options;
	options.limits = parse_limits();
	options.max_aliases = static_cast<uint32_t>(guc_max_aliases);
	options.introspection = guc_introspection;
	options.compile.max_limit = static_cast<uint32_t>(guc_max_limit);
	options.explain = args.explain;
	options.read_only = RecoveryInProgress() || XactReadOnly;
	options.cache_scope = cache_scope();
	options.subscription = args.subscription;
	options.event_delivers = &delivers;

	execute::RequestStats stats;
	instr_time started;
	if (guc_track_operations && !args.explain) {
		options.stats = &stats;
		INSTR_TIME_SET_CURRENT(started);
	}

	SpiSession spi;
	const schema::Schema &schema = current_schema();
	options.cache = &backend_plan_cache(schema_generation());
	ResponseBufferSource buffer(result_context);
	response::JsonWriter out(buffer, VARHDRSZ);
	SpiRunner runner(per_call.get());
	std::vector<execute::ContextSetting> settings;
	ErrorList context_errors = execute::read_context(request.context, settings);
	if (!context_errors.empty()) {
		execute::write_request_errors(out, context_errors);
	} else {
		ContextSettings context(settings); // app.<key> until restore()
		TraceScope trace(request.context);
		execute::handle_request(schema, request, options, runner, out);
		context.restore();
	}
	spi.finish();
	MemoryContextSwitchTo(result_context);
	if (out.failed() && buffer.out_of_memory())
		throw PgError(ERRCODE_OUT_OF_MEMORY, "out of memory", "The GraphQL response did not fit in the memory available.");
	if (out.failed())
		throw PgError(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "GraphQL response exceeds the maximum size of a bytea");
	if (options.stats) {
		if (!stats.operation_id) // failed before an operation was selected
			stats.operation_id = execute::operation_id(request.query, request.operation_name, options.limits.max_tokens);
		if (stats.operation_name.empty() && request.has_operation_name)
			stats.operation_name = std::string(request.operation_name);
		instr_time elapsed;
		INSTR_TIME_SET_CURRENT(elapsed);
		INSTR_TIME_SUBTRACT(elapsed, started);
		stat_record(stats, INSTR_TIME_GET_MILLISEC(elapsed), out.size() - VARHDRSZ);
	}
	if (!delivers)
		return nullptr; // the writer frees what it wrote
	size_t size = out.size();
	char *result = out.release();
	SET_VARSIZE(result, size);
	return reinterpret_cast<struct varlena *>(result);
}

} // namespace fraiseql::pg
