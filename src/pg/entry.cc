// entry.cc: the SQL-callable functions; each body runs inside pg::guarded.
#include <algorithm>
#include <string>

#include "core/execute/request.h"
#include "core/execute/request_context.h"
#include "core/schema/print_schema.h"
#include "core/util/selftest.h"
#include "pg/context.h"
#include "pg/gucs.h"
#include "pg/memory.h"
#include "pg/persisted.h"
#include "pg/plan_cache.h"
#include "pg/schema_store.h"
#include "pg/spi.h"

extern "C" {
#include "access/xlog.h"
#include "commands/trigger.h"
}

extern "C" {
PG_MODULE_MAGIC;
PGDLLEXPORT void _PG_init(void);
}

using namespace fraiseql;

void
_PG_init(void)
{
	pg::define_gucs();
	pg::schema_store_init();
}

namespace {

std::string
text_arg(FunctionCallInfo fcinfo, int n)
{
	text *t = pg::call([&] { return PG_GETARG_TEXT_PP(n); });
	return std::string(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

// Counts live objects of a type, so a test can see destructors ran on error.
int live_probes = 0;
struct LiveProbe {
	LiveProbe() { live_probes++; }
	~LiveProbe() { live_probes--; }
};

} // namespace

namespace {

// The settings that change how a document parses, validates or compiles (and so its cache entry).
std::string
build_cache_scope()
{
	return "d" + std::to_string(pg::guc_max_depth) + ",a" + std::to_string(pg::guc_max_aliases) + ",t" +
	       std::to_string(pg::guc_max_tokens) + ",b" + std::to_string(pg::guc_max_query_bytes) + ",l" +
	       std::to_string(pg::guc_max_limit) +
	       (pg::guc_introspection ? "" : ",noi") + "|";
}

// build_cache_scope(), rebuilt only when one of its settings changed (every call needs it).
const std::string &
cache_scope()
{
	static std::string scope;
	static int seen[6] = {};
	const int now[6] = {pg::guc_max_depth, pg::guc_max_aliases, pg::guc_max_tokens, pg::guc_max_query_bytes,
	                    pg::guc_max_limit, pg::guc_introspection ? 1 : 2};
	if (!std::equal(now, now + 6, seen)) {
		scope = build_cache_scope();
		std::copy(now, now + 6, seen);
	}
	return scope;
}

// Runs the request of execute()/explain() and returns the JSON as a varlena
// (header filled in) allocated in the caller's memory context.
struct varlena *
run_request(FunctionCallInfo fcinfo, bool explain)
{
	if (PG_ARGISNULL(0))
		throw pg::PgError(ERRCODE_NULL_VALUE_NOT_ALLOWED, "query must not be null");
	if (GetDatabaseEncoding() != PG_UTF8)
		throw pg::PgError(ERRCODE_FEATURE_NOT_SUPPORTED, "fraiseql requires a UTF8 database");
	MemoryContext result_context = CurrentMemoryContext;
	pg::ScopedContext per_call(CurrentMemoryContext, "fraiseql per-call");
	MemoryContextSwitchTo(per_call.get());

	text *query = pg::call([&] { return PG_GETARG_TEXT_PP(0); });
	execute::Request request;
	request.query = std::string_view(VARDATA_ANY(query), VARSIZE_ANY_EXHDR(query));
	if (!PG_ARGISNULL(1)) {
		Jsonb *variables = pg::call([&] { return PG_GETARG_JSONB_P(1); });
		request.variables = jsonb::root(reinterpret_cast<const char *>(&variables->root), VARSIZE(variables) - VARHDRSZ);
	}
	std::string operation_name;
	if (!PG_ARGISNULL(2)) {
		operation_name = text_arg(fcinfo, 2);
		request.operation_name = operation_name;
		request.has_operation_name = true;
	}
	if (PG_NARGS() > 3 && !PG_ARGISNULL(3)) {
		Jsonb *context = pg::call([&] { return PG_GETARG_JSONB_P(3); });
		request.context = jsonb::root(reinterpret_cast<const char *>(&context->root), VARSIZE(context) - VARHDRSZ);
	}
	execute::RequestOptions options;
	options.limits.max_bytes = static_cast<size_t>(pg::guc_max_query_bytes);
	options.limits.max_tokens = static_cast<uint32_t>(pg::guc_max_tokens);
	options.limits.max_depth = static_cast<uint32_t>(pg::guc_max_depth);
	options.max_aliases = static_cast<uint32_t>(pg::guc_max_aliases);
	options.introspection = pg::guc_introspection;
	options.compile.max_limit = static_cast<uint32_t>(pg::guc_max_limit);
	options.explain = explain;
	options.read_only = RecoveryInProgress() || XactReadOnly;
	options.cache_scope = cache_scope();

	pg::SpiSession spi;
	const schema::Schema &schema = pg::current_schema();
	options.cache = &pg::backend_plan_cache(pg::schema_generation());
	pg::ResponseBufferSource buffer(result_context);
	response::JsonWriter out(buffer, VARHDRSZ);
	pg::SpiRunner runner(per_call.get());
	std::vector<execute::ContextSetting> settings;
	ErrorList context_errors = execute::read_context(request.context, settings);
	if (!context_errors.empty()) {
		execute::write_request_errors(out, context_errors);
	} else {
		pg::ContextSettings context(settings); // app.<key> until restore()
		execute::handle_request(schema, request, options, runner, out);
		context.restore();
	}
	spi.finish();
	MemoryContextSwitchTo(result_context);
	if (out.failed() && buffer.out_of_memory())
		throw pg::PgError(ERRCODE_OUT_OF_MEMORY, "out of memory", "The GraphQL response did not fit in the memory available.");
	if (out.failed())
		throw pg::PgError(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "GraphQL response exceeds the maximum size of a bytea");
	size_t size = out.size();
	char *result = out.release();
	SET_VARSIZE(result, size);
	return reinterpret_cast<struct varlena *>(result);
}

Datum
jsonb_from_text(const char *json)
{
	return pg::call([&] { return DirectFunctionCall1(jsonb_in, CStringGetDatum(json)); });
}

} // namespace

// fraiseql.execute(query, variables, operation_name, context) -> bytea
FRAISEQL_FUNCTION(execute)
{
	if (!pg::ad_hoc_document_allowed(fcinfo))
		PG_RETURN_BYTEA_P(pg::persisted_query_required_response());
	PG_RETURN_BYTEA_P(reinterpret_cast<bytea *>(run_request(fcinfo, false)));
}

// fraiseql.execute_json(query, variables, operation_name, context) -> json:
// the same bytes as execute, for clients reading results as text (psql,
// pgbench, JDBC in text mode), which would get a bytea hex-encoded at twice
// the size. A json datum is text, so the response varlena is returned as it
// is: no copy and no re-parse (the writer only makes valid UTF-8 JSON).
FRAISEQL_FUNCTION(execute_json)
{
	if (!pg::ad_hoc_document_allowed(fcinfo))
		PG_RETURN_TEXT_P(reinterpret_cast<text *>(pg::persisted_query_required_response()));
	PG_RETURN_TEXT_P(reinterpret_cast<text *>(run_request(fcinfo, false)));
}

// fraiseql.execute_persisted(hash, variables, operation_name, context) -> bytea:
// the stored document run exactly as execute runs it (same plan cache entry).
FRAISEQL_FUNCTION(execute_persisted)
{
	FunctionCallInfo document_call = pg::persisted_document_call(fcinfo);
	if (!document_call)
		PG_RETURN_BYTEA_P(pg::persisted_query_not_found_response());
	PG_RETURN_BYTEA_P(reinterpret_cast<bytea *>(run_request(document_call, false)));
}

// fraiseql.explain(query, variables, operation_name) -> jsonb: the plan of the
// request (SQL and parameters per root field, cache key and hit), or its errors.
FRAISEQL_FUNCTION(explain)
{
	struct varlena *json = run_request(fcinfo, true);
	std::string plan(VARDATA(json), VARSIZE(json) - VARHDRSZ);
	pfree(json);
	return jsonb_from_text(plan.c_str());
}

// fraiseql.cache_stats() -> jsonb: this backend's plan cache.
FRAISEQL_FUNCTION(cache_stats)
{
	(void) fcinfo;
	execute::CacheStats stats = pg::backend_plan_cache_stats();
	std::string json = "{\"entries\": " + std::to_string(stats.entries) + ", \"bytes\": " + std::to_string(stats.bytes) +
	                   ", \"hits\": " + std::to_string(stats.hits) +
	                   ", \"shared_hits\": " + std::to_string(stats.shared_hits) + ", \"misses\": " + std::to_string(stats.misses) +
	                   ", \"evictions\": " + std::to_string(stats.evictions) +
	                   ", \"max_entries\": " + std::to_string(pg::guc_plan_cache_entries) +
	                   ", \"max_bytes\": " + std::to_string(int64_t(pg::guc_plan_cache_mb) * 1024 * 1024) + "}";
	return jsonb_from_text(json.c_str());
}

// fraiseql.cache_reset() -> void
FRAISEQL_FUNCTION(cache_reset)
{
	(void) fcinfo;
	pg::reset_backend_plan_cache();
	PG_RETURN_VOID();
}

// fraiseql.load_schema(sdl) -> void
FRAISEQL_FUNCTION(load_schema)
{
	if (PG_ARGISNULL(0))
		throw pg::PgError(ERRCODE_NULL_VALUE_NOT_ALLOWED, "sdl must not be null");
	std::string sdl = text_arg(fcinfo, 0);
	pg::SpiSession spi;
	pg::store_schema(sdl);
	spi.finish();
	PG_RETURN_VOID();
}

// fraiseql.schema_sdl() -> text: the effective schema (generated inputs and
// arguments included) as graphql-js printSchema lays it out, with the FraiseQL
// bindings kept so the text loads again; NULL before any schema was loaded.
FRAISEQL_FUNCTION(schema_sdl)
{
	pg::SpiSession spi;
	std::string sdl;
	if (!pg::stored_sdl().empty())
		sdl = schema::print_schema(pg::current_schema());
	spi.finish();
	if (sdl.empty())
		PG_RETURN_NULL();
	text *result = pg::call([&] { return cstring_to_text_with_len(sdl.data(), static_cast<int>(sdl.size())); });
	PG_RETURN_TEXT_P(result);
}

// fraiseql._schema_changed(): statement trigger on fraiseql.schema.
FRAISEQL_FUNCTION(schema_changed)
{
	if (!CALLED_AS_TRIGGER(fcinfo))
		throw pg::PgError(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED, "fraiseql._schema_changed() is a trigger");
	TriggerData *trigger = reinterpret_cast<TriggerData *>(fcinfo->context);
	pg::schema_changed(RelationGetRelid(trigger->tg_relation));
	return PointerGetDatum(nullptr);
}

// fraiseql._selftest(mode) -> text: exercises the error boundary from SQL (regression tests only).
FRAISEQL_FUNCTION(selftest)
{
	std::string mode = text_arg(fcinfo, 0);
	std::string answer;
	if (mode == "live_objects") {
		answer = std::to_string(live_probes);
	} else if (mode == "core_exception") {
		LiveProbe probe;
		answer = std::to_string(util::selftest_out_of_range()); // a standard-library exception inside the core
	} else if (mode == "spi_error") {
		LiveProbe probe;
		std::string live_string(64, 'x'); // a destructor that a longjmp would skip
		pg::SpiSession spi;
		pg::spi_query("SELECT 1/0", {}, {}, true, [](HeapTuple, TupleDesc) {});
		spi.finish();
	} else {
		throw pg::PgError(ERRCODE_INVALID_PARAMETER_VALUE, "unknown selftest mode \"" + mode + "\"");
	}
	text *result = pg::call([&] { return cstring_to_text_with_len(answer.data(), static_cast<int>(answer.size())); });
	PG_RETURN_TEXT_P(result);
}
