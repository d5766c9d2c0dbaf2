// cli_test.cc: fraiseql-tool's behaviour through tool::run: what goes to
// stdout and stderr and the exit status, over files in a temporary directory.
// test/integration/test_tool.py compares print-schema with a live schema_sdl().
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tool/cli.h"
#include "tool/diagnostic.h"
#include "tool/documents.h"
#include "unit/check.h"

using namespace fraiseql;
namespace fs = std::filesystem;

namespace {

const char SDL[] = R"(scalar UUID
type User @view(name: "app.v_user") {
  id: UUID!
  email: String!
}
type Query {
  users: [User!]!
  usersConnection: UserConnection! @connection(type: "User")
}
)";

// A directory removed with everything in it when the test ends.
struct TempDir {
	fs::path path;
	TempDir()
	{
		std::string pattern = (fs::temp_directory_path() / "fraiseql-tool-test.XXXXXX").string();
		path = mkdtemp(pattern.data()) ? fs::path(pattern) : fs::path();
	}
	~TempDir()
	{
		std::error_code ec;
		fs::remove_all(path, ec);
	}
	std::string write(const std::string &name, const std::string &text) const
	{
		fs::path p = path / name;
		fs::create_directories(p.parent_path());
		std::ofstream(p, std::ios::binary) << text;
		return p.string();
	}
};

struct Run {
	int status;
	std::string out, err;
};

Run
run(const std::vector<std::string> &args)
{
	std::ostringstream out, err;
	Run r;
	r.status = tool::run(args, out, err);
	r.out = out.str();
	r.err = err.str();
	return r;
}

bool
contains(const std::string &text, const std::string &part)
{
	return text.find(part) != std::string::npos;
}

} // namespace

TEST(tool_print_schema_builds_fraiseql_sdl)
{
	TempDir dir;
	const std::string schema = dir.write("schema.graphql", SDL);
	Run r = run({"print-schema", schema});
	CHECK_EQ(r.status, 0);
	// The generated types are there: the connection, the where input and the arguments.
	CHECK(contains(r.out, "type UserConnection {"));
	CHECK(contains(r.out, "input UserWhereInput {"));
	CHECK(contains(r.out, "users(where: UserWhereInput"));
	CHECK(contains(r.out, "type User @view(name: \"app.v_user\") {"));
	CHECK_EQ(r.out.back(), '\n');
	CHECK(r.out.size() > 1 && r.out[r.out.size() - 2] != '\n');
	CHECK(contains(r.err, "not looked up"));
	CHECK(!contains(r.err, "usage:"));
	Run quiet = run({"print-schema", "-q", schema});
	CHECK_EQ(quiet.out, r.out);
	CHECK_EQ(quiet.err, std::string());
}

TEST(tool_schema_errors_are_positions_without_usage)
{
	TempDir dir;
	const std::string schema = dir.write("bad.graphql", "type Query {\n  users: [Nope!]!\n}\n");
	Run r = run({"print-schema", schema});
	CHECK_EQ(r.status, 2);
	CHECK_EQ(r.out, std::string());
	CHECK(contains(r.err, schema + ":2:11: Unknown type \"Nope\"."));
	CHECK(!contains(r.err, "usage:"));
	Run v = run({"validate", "--schema", schema, "--query", schema});
	CHECK_EQ(v.status, 2);
	CHECK(contains(v.err, schema + ":2:11: "));
	const std::string syntax = dir.write("syntax.graphql", "type Query {\n  users: [User!\n}\n");
	Run s = run({"print-schema", syntax});
	CHECK_EQ(s.status, 2);
	CHECK(contains(s.err, syntax + ":3:1: Syntax Error: Expected \"]\", found \"}\"."));
}

TEST(tool_usage_errors_show_usage)
{
	const std::vector<std::vector<std::string>> bad = {
	    {},
	    {"frobnicate"},
	    {"print-schema"},
	    {"print-schema", "a.graphql", "b.graphql"},
	    {"print-schema", "--no-introspection", "a.graphql"},
	    {"validate", "--query", "q.graphql"},
	    {"validate", "--schema", "s.graphql"},
	    {"validate", "--schema", "s.graphql", "--schema", "t.graphql", "--query", "q"},
	    {"validate", "--schema"},
	    {"validate", "--schema", "s.graphql", "--query", "q", "--bogus"},
	    {"validate", "--schema", "s.graphql", "--query", "q", "extra"},
	    {"parse", "--query", "q", "--max-tokens", "ten"},
	};
	for (const std::vector<std::string> &args : bad) {
		Run r = run(args);
		CHECK_EQ(r.status, 2);
		CHECK(contains(r.err, "usage: fraiseql-tool"));
		CHECK_EQ(r.out, std::string());
	}
	Run help = run({"validate", "--help"});
	CHECK_EQ(help.status, 0);
	CHECK(contains(help.out, "Exit status:"));
	CHECK_EQ(help.err, std::string());
	CHECK_EQ(run({"help"}).out, help.out);
	// A file named help is a file.
	Run file = run({"print-schema", "help"});
	CHECK_EQ(file.status, 2);
	CHECK(contains(file.err, "cannot read help"));
}

TEST(tool_unreadable_input_is_status_2_without_usage)
{
	TempDir dir;
	const std::string schema = dir.write("schema.graphql", SDL);
	fs::create_directories(dir.path / "empty");
	const std::vector<std::vector<std::string>> bad = {
	    {"print-schema", (dir.path / "missing.graphql").string()},
	    {"print-schema", dir.path.string()},
	    {"validate", "--schema", schema, "--query", (dir.path / "missing").string()},
	    {"validate", "--schema", schema, "--query", (dir.path / "empty").string()},
	};
	for (const std::vector<std::string> &args : bad) {
		Run r = run(args);
		CHECK_EQ(r.status, 2);
		CHECK(contains(r.err, "fraiseql-tool: "));
		CHECK(!contains(r.err, "usage:"));
	}
}

TEST(tool_validate_reports_each_error_once_by_file)
{
	TempDir dir;
	const std::string schema = dir.write("schema.graphql", SDL);
	dir.write("docs/a.graphql", "query A {\n  users { id }\n}\n");
	dir.write("docs/b/c.gql", "query C {\n  users { id emial }\n}\n");
	dir.write("docs/b.graphql", "{ users { nope } }\n{ users { id } }\n");
	dir.write("docs/notes.txt", "{ not a document");
	const std::string docs = (dir.path / "docs").string();
	const std::string expected = docs + "/b.graphql:1:1: This anonymous operation must be the only defined operation.\n" +
	                             docs + "/b.graphql:1:11: Cannot query field \"nope\" on type \"User\".\n" +
	                             docs + "/b.graphql:2:1: This anonymous operation must be the only defined operation.\n" +
	                             docs + "/b/c.gql:2:14: Cannot query field \"emial\" on type \"User\". Did you mean \"email\"?\n";
	// The same files named again, through a directory and one by one, are checked once.
	Run r = run({"validate", "--schema", schema, "--query", docs, "--query", docs + "/b.graphql", "--query",
	             (dir.path / "docs" / "b" / ".." / "b" / "c.gql").string()});
	CHECK_EQ(r.status, 1);
	CHECK_EQ(r.out, expected);
	CHECK(contains(r.err, "4 errors in 2 of 3 documents"));
	Run valid = run({"validate", "-q", "--schema", schema, "--query", docs + "/a.graphql"});
	CHECK_EQ(valid.status, 0);
	CHECK_EQ(valid.out, std::string());
	CHECK_EQ(valid.err, std::string());
}

TEST(tool_validate_no_introspection)
{
	TempDir dir;
	const std::string schema = dir.write("schema.graphql", SDL);
	const std::string doc = dir.write("q.graphql", "{ __schema { queryType { name } } }\n");
	CHECK_EQ(run({"validate", "--schema", schema, "--query", doc}).status, 0);
	Run r = run({"validate", "--schema", schema, "--query", doc, "--no-introspection"});
	CHECK_EQ(r.status, 1);
	CHECK(contains(r.out, doc + ":1:3: GraphQL introspection has been disabled"));
}

TEST(tool_validate_syntax_error_is_a_document_error)
{
	TempDir dir;
	const std::string schema = dir.write("schema.graphql", SDL);
	// é is one column, 😀 two (UTF-16 units), as GraphQL counts.
	const std::string doc = dir.write("q.graphql", "# é😀\n{ users { \"é😀\" } }\n");
	Run r = run({"validate", "--schema", schema, "--query", doc});
	CHECK_EQ(r.status, 1);
	CHECK_EQ(r.out, doc + ":2:11: Syntax Error: Expected Name, found String \"é😀\".\n");
}

TEST(tool_diagnostic_forms)
{
	GraphQLError e = make_error(ErrorCode::ValidationFailed, "two\nlines", 3, 4);
	e.locations.push_back({7, 1});
	e.locations.push_back({9, 2});
	CHECK_EQ(tool::diagnostic("f.graphql", e), std::string("f.graphql:3:4: two lines (also 7:1, 9:2)\n"));
	CHECK_EQ(tool::diagnostic("f.graphql", make_error(ErrorCode::ValidationFailed, "no place")),
	         std::string("f.graphql: no place\n"));
}

TEST(tool_documents_sorted_recursive)
{
	TempDir dir;
	dir.write("d/z.graphql", "{a}");
	dir.write("d/b/a.gql", "{a}");
	dir.write("d/b.graphql", "{a}");
	dir.write("d/a.GRAPHQL", "{a}"); // not a document name
	dir.write("d/x.graphql.bak", "{a}");
	dir.write("d/.cache/y.graphql", "{a}");
	dir.write("d/node_modules/pkg/y.graphql", "{a}");
	const std::string d = (dir.path / "d").string();
	std::vector<std::string> files = tool::collect_documents({d});
	CHECK_EQ(files.size(), size_t(3));
	if (files.size() == 3) {
		CHECK_EQ(files[0], d + "/b.graphql");
		CHECK_EQ(files[1], d + "/b/a.gql");
		CHECK_EQ(files[2], d + "/z.graphql");
	}
	// A file named directly is taken whatever its name, in argument order.
	files = tool::collect_documents({d + "/x.graphql.bak", d});
	CHECK_EQ(files.size(), size_t(4));
	if (!files.empty())
		CHECK_EQ(files[0], d + "/x.graphql.bak");
}

TEST(tool_conformance_commands_answer_json)
{
	TempDir dir;
	// Plain SDL: no FraiseQL directive, no generated type.
	const std::string schema = dir.write("spec.graphql", "type Query { a: Int }\n");
	const std::string doc = dir.write("q.graphql", "{ b }");
	Run spec = run({"validate-spec", "--schema", schema, "--query", doc, "--hide-suggestions"});
	CHECK_EQ(spec.status, 0);
	CHECK_EQ(spec.out, std::string("{\"errors\":[{\"message\":\"Cannot query field \\\"b\\\" on type \\\"Query\\\".\",")
	                       + "\"locations\":[{\"line\":1,\"column\":3}]}]}\n");
	Run tokens = run({"tokens", "--query", doc});
	CHECK_EQ(tokens.status, 0);
	CHECK(contains(tokens.out, "{\"kind\":\"Name\",\"value\":\"b\",\"line\":1,\"column\":3,\"start\":2,\"end\":3}"));
	// The user's validate does not take the conformance options.
	CHECK_EQ(run({"validate", "--schema", schema, "--query", doc, "--rule", "specifiedRules"}).status, 2);
}
