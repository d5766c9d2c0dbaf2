// introspection_cases.cc: introspection/example-default-response.json is
// graphql-js's answer to introspection/default.graphql (the standard
// introspection query) over introspection/example-schema.graphql. We build
// that schema in spec mode, run the query through the request pipeline
// (execute::handle_request; an introspection-only request needs no
// database) and compare the bytes with the expected response as
// JSON.stringify writes it (the file is pretty-printed: we drop the
// whitespace between tokens, which keeps key order and string contents).
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "core/execute/request.h"
#include "core/schema/schema.h"

using namespace fraiseql;

namespace {

// The request never reaches a root field that reads a view.
class NoDatabase final : public execute::StatementRunner {
public:
	bool
	run(const compile::RootField &, const std::vector<const std::string *> &, execute::StatementSlot &,
	    execute::RowSink &, GraphQLError &error) override
	{
		error = make_error(ErrorCode::Internal, "no database in the conformance runner");
		return false;
	}
	void release(void *) override {}
};

bool
read_file(const std::string &path, std::string &out)
{
	std::ifstream in(path, std::ios::binary);
	if (!in)
		return false;
	std::ostringstream s;
	s << in.rdbuf();
	out = s.str();
	return true;
}

// JSON text without the whitespace between tokens.
std::string
compact_json(const std::string &json)
{
	std::string out;
	out.reserve(json.size());
	bool in_string = false;
	for (size_t i = 0; i < json.size(); i++) {
		char c = json[i];
		if (in_string) {
			out += c;
			if (c == '\\' && i + 1 < json.size())
				out += json[++i];
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
			out += c;
		} else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
			out += c;
		}
	}
	return out;
}

std::string
first_difference(const std::string &want, const std::string &got)
{
	size_t at = 0;
	while (at < want.size() && at < got.size() && want[at] == got[at])
		at++;
	size_t from = at > 60 ? at - 60 : 0;
	return "differs at byte " + std::to_string(at) + ": want ..." + want.substr(from, 140) + "..., got ..." +
	       got.substr(from, 140) + "...";
}

} // namespace

// Adds to the counts. Returns false when the data cannot be read.
bool
run_introspection_cases(const std::string &dir, const std::map<std::string, std::string> &excluded, int &passed,
                        int &failed, int &skipped)
{
	const std::string id = "introspection/example-default-response.json";
	if (excluded.count(id)) {
		skipped++;
		return true;
	}
	std::string sdl, query, expected;
	if (!read_file(dir + "/introspection/example-schema.graphql", sdl) ||
	    !read_file(dir + "/introspection/default.graphql", query) ||
	    !read_file(dir + "/introspection/example-default-response.json", expected)) {
		std::printf("introspection: cannot read %s/introspection\n", dir.c_str());
		return false;
	}
	schema::BuildOptions build_options;
	build_options.mode = schema::BuildMode::Spec;
	schema::BuildResult built = schema::build_schema(sdl, build_options);
	int ok = 0, bad = 0;
	if (!built.schema) {
		std::printf("FAIL %s: the schema does not build: %s\n", id.c_str(),
		            built.errors.empty() ? "?" : built.errors[0].message.c_str());
		bad++;
	} else {
		execute::Request request;
		request.query = query;
		execute::RequestOptions options;
		NoDatabase runner;
		response::JsonWriter out(response::heap_buffer_source());
		execute::handle_request(*built.schema, request, options, runner, out);
		std::string got(out.json());
		std::string want = compact_json(expected);
		if (got == want) {
			ok++;
		} else {
			std::printf("FAIL %s: %s\n", id.c_str(), first_difference(want, got).c_str());
			bad++;
		}
	}
	std::printf("introspection: %d passed, %d failed\n", ok, bad);
	passed += ok;
	failed += bad;
	return true;
}
