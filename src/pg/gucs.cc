// gucs.cc: every fraiseql.* setting, defined in alphabetical order.
#include "pg/gucs.h"

#include "pg/pg.h"

namespace fraiseql::pg {

bool guc_apq_register = true;
bool guc_introspection = true;
int guc_max_aliases = DEFAULT_MAX_ALIASES;
double guc_max_cost = 0;
int guc_max_depth = DEFAULT_MAX_DEPTH;
int guc_max_limit = DEFAULT_MAX_LIMIT;
int guc_max_query_bytes = DEFAULT_MAX_QUERY_BYTES;
double guc_max_rows_estimate = 0;
int guc_max_tokens = DEFAULT_MAX_TOKENS;
bool guc_persisted_only = false;
int guc_plan_cache_entries = DEFAULT_PLAN_CACHE_ENTRIES;
int guc_plan_cache_mb = DEFAULT_PLAN_CACHE_MB;
char *guc_text_search_config = nullptr;
int guc_stat_max = DEFAULT_STAT_MAX;
bool guc_prewarm_on_first_call = false;
bool guc_track_operations = true;

void
define_gucs()
{
	DefineCustomBoolVariable("fraiseql.apq_register", "Whether serve() stores a persisted query sent with its text.",
	                         "Automatic Persisted Queries: a hash sent with its query is stored (fraiseql.persist) "
	                         "after the query ran without a request error, when the role may execute persist and "
	                         "the server is not a standby. Off: only documents persisted at deploy time run by hash.",
	                         &guc_apq_register, true, PGC_USERSET, 0, nullptr, nullptr, nullptr);
	DefineCustomBoolVariable("fraiseql.introspection", "Whether GraphQL introspection (__schema, __type) is allowed.",
	                         "When off, a query selecting __schema or __type fails validation "
	                         "(GRAPHQL_VALIDATION_FAILED); __typename always works.",
	                         &guc_introspection, true, PGC_USERSET, 0, nullptr, nullptr, nullptr);
	DefineCustomIntVariable("fraiseql.max_aliases", "Maximum number of aliased fields in a GraphQL document.",
	                        "Counted over the whole document before validation; more is refused with "
	                        "QUERY_TOO_COMPLEX. 0 means no limit.",
	                        &guc_max_aliases, DEFAULT_MAX_ALIASES, 0, MAX_MAX_ALIASES, PGC_USERSET, 0, nullptr, nullptr,
	                        nullptr);
	// SUSET, like persisted_only: the role it restricts cannot lift it.
	DefineCustomRealVariable("fraiseql.max_cost", "Largest planner cost estimate a root field's statement may have.",
	                         "Checked on the plan the statement runs with, before it reads a row; a larger estimate "
	                         "makes that field a QUERY_TOO_COMPLEX error. 0 means no limit.",
	                         &guc_max_cost, 0, 0, 1e100, PGC_SUSET, 0, nullptr, nullptr, nullptr);
	DefineCustomIntVariable("fraiseql.max_depth", "Maximum nesting depth of a GraphQL document.",
	                        "Counts nested selection sets, list and object values and type wrappers; "
	                        "a deeper document is refused with QUERY_TOO_COMPLEX.",
	                        &guc_max_depth, DEFAULT_MAX_DEPTH, 1, MAX_MAX_DEPTH, PGC_USERSET, 0, nullptr, nullptr,
	                        nullptr);
	DefineCustomIntVariable("fraiseql.max_limit", "Maximum number of rows a list field returns.",
	                        "Caps the limit argument of list fields (a larger limit, or none, gives this many "
	                        "rows); 0 means no cap.",
	                        &guc_max_limit, DEFAULT_MAX_LIMIT, 0, INT_MAX, PGC_USERSET, 0, nullptr, nullptr, nullptr);
	DefineCustomIntVariable("fraiseql.max_query_bytes", "Maximum size of a GraphQL document in bytes.",
	                        "A larger document is refused with QUERY_TOO_COMPLEX before it is parsed.",
	                        &guc_max_query_bytes, DEFAULT_MAX_QUERY_BYTES, MIN_MAX_QUERY_BYTES, MAX_MAX_QUERY_BYTES,
	                        PGC_USERSET, GUC_UNIT_BYTE, nullptr, nullptr, nullptr);
	DefineCustomRealVariable("fraiseql.max_rows_estimate",
	                         "Largest planner row estimate a root field's statement may have.",
	                         "Checked like fraiseql.max_cost, on the estimated rows of the statement's top plan "
	                         "node. 0 means no limit.",
	                         &guc_max_rows_estimate, 0, 0, 1e100, PGC_SUSET, 0, nullptr, nullptr, nullptr);
	DefineCustomIntVariable("fraiseql.max_tokens", "Maximum number of tokens in a GraphQL document.",
	                        "Parsing stops with QUERY_TOO_COMPLEX when a document has more tokens.",
	                        &guc_max_tokens, DEFAULT_MAX_TOKENS, 1, MAX_MAX_TOKENS, PGC_USERSET, 0, nullptr, nullptr,
	                        nullptr);
	// SUSET: set by a superuser (per role or database, or GRANT SET ON PARAMETER),
	// so the application role it restricts cannot turn it off.
	DefineCustomBoolVariable("fraiseql.persisted_only", "Whether execute() runs only persisted documents.",
	                         "When on, execute() answers a document that is not in fraiseql.persisted_query "
	                         "with a PERSISTED_QUERY_REQUIRED request error; execute_persisted() works.",
	                         &guc_persisted_only, false, PGC_SUSET, 0, nullptr, nullptr, nullptr);
	DefineCustomIntVariable("fraiseql.plan_cache_entries", "Maximum number of cached GraphQL operations per backend.",
	                        "Least recently used operations are evicted beyond it; 0 disables the cache.",
	                        &guc_plan_cache_entries, DEFAULT_PLAN_CACHE_ENTRIES, 0, MAX_PLAN_CACHE_ENTRIES, PGC_USERSET,
	                        0, nullptr, nullptr, nullptr);
	DefineCustomIntVariable("fraiseql.plan_cache_mb", "Maximum memory of the plan cache per backend, in megabytes.",
	                        "Counts parsed documents, compiled plans and their prepared SQL statements.",
	                        &guc_plan_cache_mb, DEFAULT_PLAN_CACHE_MB, 1, MAX_PLAN_CACHE_MB, PGC_USERSET, 0, nullptr,
	                        nullptr, nullptr);
	// Read by the statements themselves (current_setting), not here.
	DefineCustomStringVariable("fraiseql.text_search_config", "Text search configuration of full-text filters.",
	                           "The regconfig search, plainSearch, phraseSearch (String) and matches, plainMatches, "
	                           "phraseMatches (TSVector) parse their text with; empty means default_text_search_config.",
	                           &guc_text_search_config, "", PGC_USERSET, 0, nullptr, nullptr, nullptr);
	DefineCustomBoolVariable("fraiseql.prewarm_on_first_call",
	                         "Whether a backend's first request first runs fraiseql.prewarm().",
	                         "Every persisted document is put into the backend's plan cache before the first "
	                         "request runs.",
	                         &guc_prewarm_on_first_call, false, PGC_USERSET, 0, nullptr, nullptr, nullptr);
	// It sizes the shared-memory table when the library is preloaded, so it is
	// then fixed at start; a POSTMASTER setting cannot be defined by a library
	// loaded later, which keeps a per-backend table sized on first use.
	DefineCustomIntVariable("fraiseql.stat_max", "Maximum number of operations fraiseql.stat_operations tracks.",
	                        "Beyond it the least used operations are evicted; a request never fails for it.",
	                        &guc_stat_max, DEFAULT_STAT_MAX, MIN_STAT_MAX, MAX_STAT_MAX,
	                        process_shared_preload_libraries_in_progress ? PGC_POSTMASTER : PGC_SUSET, 0, nullptr,
	                        nullptr, nullptr);
	DefineCustomBoolVariable("fraiseql.track_operations", "Whether requests are counted in fraiseql.stat_operations.",
	                         nullptr, &guc_track_operations, true, PGC_SUSET, 0, nullptr, nullptr, nullptr);
	MarkGUCPrefixReserved("fraiseql");
}

} // namespace fraiseql::pg
