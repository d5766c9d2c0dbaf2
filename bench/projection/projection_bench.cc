// projection_bench.cc: the projection alone (issue 18): jsonb rows already in
// memory -> the JSON response, through handle_request with a runner that hands
// over the same rows every call, so the time is the core's reading of jsonb
// and writing of bytes (no database, no parse: the plan is cached). The rows
// are shaped like bench/sql's tv_post (a UUID, texts with quotes and a
// backslash, a boolean, a timestamp, a nested author object).
// Usage: projection_bench ROWS SECONDS [CALLS] -> one line: rows, output bytes,
// GB/s. With CALLS, exactly that many calls (for callgrind's instruction counts).
// With FILE too, the response of the last call is written there (to compare
// the bytes of two builds). PROJECTION_SHAPE=numbers adds an Int and two
// Float fields to each row (numbers are not in the default rows, whose figures
// bench/HISTORY.md compares across commits).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/execute/request.h"
#include "core/response/escape_scan.h"
#include "core/schema/schema.h"
#include "unit/support/jsonb_builder.h"

using namespace fraiseql;

namespace {

const char *SDL = R"(
type Author { id: UUID! email: String! firstName: String! }
type Post @view(name: "bench.v_post") {
  id: UUID! title: String! body: String! published: Boolean! createdAt: DateTime! author: Author!
  views: Int! score: Float! rating: Float!
}
type Query { posts: [Post!]! }
)";

const char *QUERY = "{ posts { id title body published createdAt author { id email firstName } } }";
const char *QUERY_NUMBERS =
    "{ posts { id title body published createdAt author { id email firstName } views score rating } }";

class RowsRunner final : public execute::StatementRunner {
public:
	explicit RowsRunner(const std::vector<std::string> &rows) : rows_(rows) {}
	bool
	run(const compile::RootField &, const std::vector<const std::string *> &, execute::StatementSlot &slot,
	    execute::RowSink &sink, GraphQLError &) override
	{
		slot.handle = &slot;
		for (const std::string &r : rows_)
			if (!sink.row(r.data(), static_cast<uint32_t>(r.size())))
				return true;
		return true;
	}
	void release(void *) override {}

private:
	const std::vector<std::string> &rows_;
};

void release_nothing(void *) {}

std::string
row_json(int i, bool numbers)
{
	char id[40], author[40];
	std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", i);
	std::snprintf(author, sizeof author, "00000000-0000-4000-9000-%012d", i / 2 + 1);
	std::string body;
	for (int k = 0; k < 4; k++)
		body += "Body text of the post. ";
	return std::string("{\"id\": \"") + id + "\", \"title\": \"Post title number " + std::to_string(i) +
	       "\", \"body\": \"" + body + "with \\\"quotes\\\" and a \\\\ backslash\", \"published\": " +
	       (i % 3 ? "true" : "false") + ", \"created_at\": \"2026-01-01T00:09:00+00:00\", \"author\": {\"id\": \"" +
	       author + "\", \"email\": \"user" + std::to_string(i / 2 + 1) + "@example.com\", \"first_name\": \"First" +
	       std::to_string(i / 2 + 1) + "\"}" +
	       (numbers ? ", \"views\": " + std::to_string(i * 7 % 100000) + ", \"score\": " + std::to_string(i / 8) + "." +
	                      std::to_string(i % 8 * 125) + ", \"rating\": " + std::to_string(i % 5 + 1)
	                : std::string()) +
	       "}";
}

} // namespace

int
main(int argc, char **argv)
{
	const int rows_n = argc > 1 ? std::atoi(argv[1]) : 1000;
	const double seconds = argc > 2 ? std::atof(argv[2]) : 2.0;
	const long fixed_calls = argc > 3 ? std::atol(argv[3]) : 0;
	const char *dump = argc > 4 ? argv[4] : nullptr;
	schema::BuildResult built = schema::build_schema(SDL);
	if (!built.schema) {
		std::fprintf(stderr, "schema: %s\n", built.errors.empty() ? "?" : built.errors[0].message.c_str());
		return 1;
	}
	for (schema::ViewBinding *v : built.schema->view_bindings()) {
		v->resolved = true;
		v->schema_name = "bench";
		v->relation_name = "v_post";
		v->columns = {{"id", 2950, "uuid"}, {"data", 3802, "jsonb"}};
	}
	const char *shape = std::getenv("PROJECTION_SHAPE");
	const bool numbers = shape && std::string(shape) == "numbers";
	std::vector<std::string> rows;
	for (int i = 1; i <= rows_n; i++)
		rows.push_back(test::jsonb_from_json(row_json(i, numbers)));
	RowsRunner runner(rows);
	execute::PlanCache cache(release_nothing);
	cache.configure(100, 64u << 20);
	execute::Request request;
	request.query = numbers ? QUERY_NUMBERS : QUERY;
	execute::RequestOptions options;
	options.limits.max_depth = 15;
	options.limits.max_tokens = 10000;
	options.limits.max_bytes = 1 << 20;
	options.cache = &cache;
	options.cache_scope = "bench|";
	size_t bytes = 0;
	{ // the miss that fills the cache, and the response size
		response::JsonWriter out(response::heap_buffer_source());
		execute::handle_request(*built.schema, request, options, runner, out);
		bytes = out.json().size();
		if (out.json().find("\"errors\"") != std::string_view::npos) {
			std::fprintf(stderr, "%.*s\n", static_cast<int>(out.json().size()), out.json().data());
			return 1;
		}
	}
	using clock = std::chrono::steady_clock;
	const auto start = clock::now();
	long calls = 0;
	double elapsed = 0;
	do {
		response::JsonWriter out(response::heap_buffer_source(), 0, bytes + 64);
		execute::handle_request(*built.schema, request, options, runner, out);
		calls++;
		if (dump && (fixed_calls ? calls == fixed_calls : false)) {
			std::FILE *f = std::fopen(dump, "wb");
			if (!f || std::fwrite(out.json().data(), 1, out.json().size(), f) != out.json().size() || std::fclose(f)) {
				std::perror(dump);
				return 1;
			}
		}
		elapsed = std::chrono::duration<double>(clock::now() - start).count();
	} while (fixed_calls ? calls < fixed_calls : elapsed < seconds);
	const double per_call = elapsed / static_cast<double>(calls);
	std::printf("rows %d: %zu bytes per response, %.1f us per call, %.2f GB/s of output, %.0f ns per row (scan: %s)\n",
	            rows_n, bytes, per_call * 1e6, static_cast<double>(bytes) / per_call / 1e9, per_call * 1e9 / rows_n,
	            response::plain_ascii_prefix_kind());
	return 0;
}
