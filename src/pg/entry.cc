// entry.cc: the SQL-callable functions; each body runs inside pg::guarded.
#include <algorithm>
#include <string>

#include "core/execute/request.h"
#include "core/execute/request_context.h"
#include "core/schema/print_schema.h"
#include "core/util/selftest.h"
#include "pg/admission.h"
#include "pg/context.h"
#include "pg/gucs.h"
#include "pg/memory.h"
#include "pg/persisted.h"
#include "pg/plan_cache.h"
#include "pg/request_runner.h"
#include "pg/schema_store.h"
#include "pg/spi.h"
#include "pg/stat_operations.h"

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
	pg::admission_init();
	pg::stat_operations_init();
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

// execute()'s arguments (query, variables, operation_name, context) as a request.
pg::RequestArgs
request_args(FunctionCallInfo fcinfo, bool explain)
{
	pg::RequestArgs args;
	args.explain = explain;
	if (PG_ARGISNULL(0))
		throw pg::PgError(ERRCODE_NULL_VALUE_NOT_ALLOWED, "query must not be null");
	text *query = pg::call([&] { return PG_GETARG_TEXT_PP(0); });
	args.query = std::string_view(VARDATA_ANY(query), VARSIZE_ANY_EXHDR(query));
	if (!PG_ARGISNULL(1))
		args.variables = pg::call([&] { return PG_GETARG_JSONB_P(1); });
	if (!PG_ARGISNULL(2)) {
		text *name = pg::call([&] { return PG_GETARG_TEXT_PP(2); });
		args.operation_name = std::string_view(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name));
		args.has_operation_name = true;
	}
	if (PG_NARGS() > 3 && !PG_ARGISNULL(3))
		args.context = pg::call([&] { return PG_GETARG_JSONB_P(3); });
	return args;
}

struct varlena *
run_request(FunctionCallInfo fcinfo, bool explain)
{
	return pg::run_request(request_args(fcinfo, explain));
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

// fraiseql._stat_operations() -> SETOF record: the rows of the fraiseql.stat_operations view.
FRAISEQL_FUNCTION(stat_operations)
{
	pg::stat_operations_rows(fcinfo);
	return (Datum) 0;
}

// fraiseql.stat_reset() -> void
FRAISEQL_FUNCTION(stat_reset)
{
	(void) fcinfo;
	pg::stat_reset();
	PG_RETURN_VOID();
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
