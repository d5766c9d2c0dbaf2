// core_path.cc: the C++ share of one fraiseql.execute call without the
// database, for callgrind (instruction counts do not depend on machine load).
// Runs handle_request on a query N times through a plan cache and a runner
// that returns no row: "cold" clears the cache before each call (normalize,
// parse, validate, compile), "hot" keeps it (the per-call path of a hit).
// Usage: core_path SCHEMA.graphql cold|hot N 'QUERY' ['VARIABLES JSON']
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "core/execute/request.h"
#include "core/schema/schema.h"
#include "unit/support/jsonb_builder.h"

using namespace fraiseql;

namespace {

class NoRowRunner final : public execute::StatementRunner {
public:
	bool
	run(const compile::RootField &, const std::vector<const std::string *> &, execute::StatementSlot &slot,
	    execute::RowSink &, GraphQLError &) override
	{
		slot.handle = &slot; // a "prepared statement" so the hit path reuses it
		return true;
	}
	void release(void *) override {}
};

void release_nothing(void *) {}

} // namespace

// Named so callgrind's --toggle-collect can isolate the calls from the setup.
__attribute__((noinline)) void
core_path_call(const schema::Schema &schema, const execute::Request &request, const execute::RequestOptions &options,
               execute::StatementRunner &runner, std::string &response)
{
	response::JsonWriter out(response::heap_buffer_source());
	execute::handle_request(schema, request, options, runner, out);
	response.assign(out.json());
}

int
main(int argc, char **argv)
{
	if (argc < 5) {
		std::fprintf(stderr, "usage: core_path SCHEMA cold|hot N QUERY [VARIABLES]\n");
		return 2;
	}
	std::ifstream file(argv[1]);
	std::stringstream sdl;
	sdl << file.rdbuf();
	schema::BuildResult built = schema::build_schema(sdl.str());
	if (!built.schema) {
		std::fprintf(stderr, "schema: %s\n", built.errors.empty() ? "?" : built.errors[0].message.c_str());
		return 1;
	}
	// What the glue reads from the catalog (bench/sql/data.sql's views).
	for (schema::ViewBinding *v : built.schema->view_bindings()) {
		v->resolved = true;
		v->schema_name = v->name.substr(0, v->name.find('.'));
		v->relation_name = v->name.substr(v->name.find('.') + 1);
		v->columns = {{"id", 2950, "uuid"}, {"created_at", 1184, "timestamp with time zone"},
		              {"login_count", 23, "integer"}, {"data", 3802, "jsonb"}};
	}
	const bool cold = std::string(argv[2]) == "cold";
	const int n = std::atoi(argv[3]);
	test::JsonbDoc variables(argc > 5 ? argv[5] : "{}");
	execute::Request request;
	request.query = argv[4];
	if (argc > 5)
		request.variables = variables.root();
	execute::PlanCache cache(release_nothing);
	cache.configure(1000, 64u << 20);
	execute::RequestOptions options;
	options.limits.max_depth = 15;
	options.limits.max_tokens = 10000;
	options.limits.max_bytes = 1 << 20;
	options.cache = &cache;
	options.cache_scope = "d15,a0,t10000,b1048576,l1000|";
	NoRowRunner runner;
	std::string response;
	if (!cold) { // the miss that fills the cache is not counted
		response::JsonWriter out(response::heap_buffer_source());
		execute::handle_request(*built.schema, request, options, runner, out);
	}
	for (int i = 0; i < n; i++) {
		if (cold)
			cache.clear();
		core_path_call(*built.schema, request, options, runner, response);
	}
	std::printf("%s\n", response.c_str());
	return 0;
}
