// abstract_rows_test.cc: the rows of an interface or union root field over
// views arrive as (tag, data); the tag, not the JSON, picks each row's type.
#include <string>
#include <utility>
#include <vector>

#include "core/execute/request.h"
#include "core/schema/schema.h"
#include "unit/check.h"
#include "unit/support/jsonb_builder.h"

using namespace fraiseql;

namespace {

const schema::Schema &
abstract_schema()
{
	static schema::BuildResult built = [] {
		schema::BuildResult r = schema::build_schema(R"(
interface Node { id: ID! }
type Post implements Node @view(name: "app.v_post") { id: ID! title: String! }
type Comment implements Node @view(name: "app.v_comment") { id: ID! body: String! }
union SearchResult = Post | Comment
type Query { feed: [SearchResult!]! node(id: ID!): Node }
)");
		if (!r.schema)
			std::abort();
		for (schema::ViewBinding *v : r.schema->view_bindings()) {
			v->resolved = true;
			v->schema_name = "app";
			v->relation_name = v->name == "app.v_post" ? "v_post" : "v_comment";
			v->columns = {{"id", 25, "text"}, {"data", 3802, "jsonb"}};
		}
		return r;
	}();
	return *built.schema;
}

// Emits its rows as tagged rows, as the glue does for RootField::tagged.
class TaggedRunner final : public execute::StatementRunner {
public:
	std::vector<std::pair<int32_t, std::string>> rows;
	bool saw_tagged = false;

	bool
	run(const compile::RootField &root, const std::vector<const std::string *> &, execute::StatementSlot &,
	    execute::RowSink &sink, GraphQLError &) override
	{
		saw_tagged = root.tagged;
		for (const auto &row : rows) {
			test::JsonbDoc doc(row.second);
			if (!sink.row_tagged(row.first, doc.bytes.data(), static_cast<uint32_t>(doc.bytes.size())))
				break;
		}
		return true;
	}
	void release(void *) override {}
};

std::string
run(TaggedRunner &runner, const char *query)
{
	execute::Request request;
	request.query = query;
	execute::RequestOptions options;
	response::JsonWriter out(response::heap_buffer_source());
	execute::handle_request(abstract_schema(), request, options, runner, out);
	return std::string(out.json());
}

} // namespace

TEST(abstract_rows_tag_picks_the_type)
{
	TaggedRunner runner;
	// The JSON carries no __typename (and a misleading one is ignored): the tag decides.
	runner.rows = {{1, R"({"id": "c1", "body": "B", "__typename": "Post"})"}, {0, R"({"id": "p1", "title": "T"})"}};
	std::string json = run(runner, "{ feed { __typename ... on Post { id title } ... on Comment { id b: body } } }");
	CHECK(runner.saw_tagged);
	CHECK_EQ(json, R"({"data":{"feed":[{"__typename":"Comment","id":"c1","b":"B"},{"__typename":"Post","id":"p1","title":"T"}]}})");
}

TEST(abstract_rows_interface_single_and_errors)
{
	TaggedRunner one;
	one.rows = {{1, R"({"id": "c1", "body": "B"})"}};
	CHECK_EQ(run(one, "{ node(id: \"c1\") { id ... on Comment { body } ... on Post { title } } }"),
	         R"({"data":{"node":{"id":"c1","body":"B"}}})");
	TaggedRunner two;
	two.rows = {{0, R"({"id": "x", "title": "T"})"}, {1, R"({"id": "x", "body": "B"})"}};
	std::string json = run(two, "{ node(id: \"x\") { id } }");
	CHECK(json.find("Expected at most one row for field \\\"Query.node\\\"") != std::string::npos);
	CHECK(json.find(R"("data":{"node":null})") != std::string::npos);
	// A row whose member lacks a non-null field: the path has the list index.
	TaggedRunner broken;
	broken.rows = {{0, R"({"id": "p1", "title": "T"})"}, {1, R"({"id": "c1"})"}};
	json = run(broken, "{ feed { ... on Comment { body } } }");
	CHECK(json.find(R"("path":["feed",1,"body"])") != std::string::npos);
	CHECK(json.find(R"("data":null)") != std::string::npos);
}
