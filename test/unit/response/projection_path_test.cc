// projection_path_test.cc: the paths of field errors raised inside the
// projection (deep in lists of objects, several in one response, next to
// nulls that propagate), through handle_request as a view's rows arrive. The
// projector builds these paths only when an error occurs, so every step kind
// (root, row index, key, nested list index) is checked here byte for byte.
#include <cstdio>
#include <string>
#include <vector>

#include "core/execute/request.h"
#include "core/schema/schema.h"
#include "unit/check.h"
#include "unit/support/jsonb_builder.h"

using namespace fraiseql;

namespace {

const schema::Schema &
path_schema()
{
	static schema::BuildResult built = [] {
		schema::BuildResult r = schema::build_schema(R"(
type Tag { name: String! weight: Int }
type Comment { body: String! tags: [Tag!] score: Float }
type Post @view(name: "app.v_post") {
  id: ID! title: String comments: [Comment] strict: [Comment!]! kind: Kind count: Int when: DateTime published: Boolean
}
enum Kind { NEWS OPINION }
type Query { posts: [Post] post(id: ID!): Post }
)");
		if (!r.schema) {
			std::fprintf(stderr, "%s\n", r.errors.empty() ? "?" : r.errors[0].message.c_str());
			std::abort();
		}
		for (schema::ViewBinding *v : r.schema->view_bindings()) {
			v->resolved = true;
			v->schema_name = "app";
			v->relation_name = "v_post";
			v->columns = {{"id", 25, "text"}, {"data", 3802, "jsonb"}};
		}
		return r;
	}();
	return *built.schema;
}

class Rows final : public execute::StatementRunner {
public:
	std::vector<std::string> rows;
	bool
	run(const compile::RootField &, const std::vector<const std::string *> &, execute::StatementSlot &,
	    execute::RowSink &sink, GraphQLError &) override
	{
		for (const std::string &row : rows) {
			test::JsonbDoc doc(row);
			if (!sink.row(doc.bytes.data(), static_cast<uint32_t>(doc.bytes.size())))
				break;
		}
		return true;
	}
	void release(void *) override {}
};

std::string
run(std::vector<std::string> rows, const char *query)
{
	Rows runner;
	runner.rows = std::move(rows);
	execute::Request request;
	request.query = query;
	execute::RequestOptions options;
	response::JsonWriter out(response::heap_buffer_source());
	execute::handle_request(path_schema(), request, options, runner, out);
	return std::string(out.json());
}

} // namespace

TEST(projection_error_deep_in_lists_of_objects)
{
	// Row 1, comment 2, tag 1 has no name: the tag list is nullable, so only
	// that comment's tags become null; row 0 is fine.
	std::string json = run({R"({"id": "p0", "comments": [{"body": "a", "tags": [{"name": "t"}]}]})",
	                        R"({"id": "p1", "comments": [{"body": "a"}, {"body": "b", "tags": []},
	                             {"body": "c", "tags": [{"name": "x"}, {"weight": 3}]}]})"},
	                       "{ posts { id comments { body tags { name weight } } } }");
	CHECK_EQ(json,
	         R"({"errors":[{"message":"Cannot return null for non-nullable field Tag.name.","locations":[{"line":1,"column":37}],)"
	         R"("path":["posts",1,"comments",2,"tags",1,"name"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],)"
	         R"("data":{"posts":[{"id":"p0","comments":[{"body":"a","tags":[{"name":"t","weight":null}]}]},)"
	         R"({"id":"p1","comments":[{"body":"a","tags":null},{"body":"b","tags":[]},{"body":"c","tags":null}]}]}})");
}

TEST(projection_errors_several_with_aliases_and_siblings)
{
	// Several errors in one response, each with its own path: an alias is the
	// path's key, siblings after an error keep being written, a coercion error
	// (Int of a string) and a type error (a list that is not one) are paths too.
	std::string json = run({R"({"id": "p0", "count": "x", "comments": {"body": "a"}})",
	                        R"({"id": "p1", "count": 2, "comments": [null, {"tags": [{"name": "n", "weight": 1.5}]},
	                             {"body": "z", "score": "NaN"}]})"},
	                       "{ posts { id n: count cs: comments { b: body tags { name weight } score } } }");
	CHECK_EQ(json,
	         R"({"errors":[{"message":"Int cannot represent non-integer value: \"x\"","locations":[{"line":1,"column":14}],)"
	         R"("path":["posts",0,"n"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}},)"
	         R"({"message":"Expected Iterable, but did not find one for field \"Post.comments\".","locations":[{"line":1,"column":23}],)"
	         R"("path":["posts",0,"cs"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}},)"
	         R"({"message":"Cannot return null for non-nullable field Comment.body.","locations":[{"line":1,"column":38}],)"
	         R"("path":["posts",1,"cs",1,"b"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}},)"
	         R"({"message":"Float cannot represent non numeric value: \"NaN\"","locations":[{"line":1,"column":67}],)"
	         R"("path":["posts",1,"cs",2,"score"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],)"
	         R"("data":{"posts":[{"id":"p0","n":null,"cs":null},{"id":"p1","n":2,"cs":[null,null,{"b":"z","tags":null,"score":null}]}]}})");
}

TEST(projection_error_propagates_to_the_row_and_the_single_root)
{
	// A non-null list of non-null objects: the error nulls the whole row (the
	// root list's items are nullable), the path still names the field; the
	// fields after it in that row are not written.
	std::string json = run({R"({"id": "p0", "strict": [{"body": "a", "tags": [{"name": "t"}]}, {"tags": [{"name": null}]}]})",
	                        R"({"id": "p1", "strict": [], "kind": "NEWS", "when": "2026-01-01", "published": true})"},
	                       "{ posts { id strict { body tags { name } } kind when published } }");
	CHECK_EQ(json,
	         R"({"errors":[{"message":"Cannot return null for non-nullable field Comment.body.","locations":[{"line":1,"column":23}],)"
	         R"("path":["posts",0,"strict",1,"body"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],)"
	         R"("data":{"posts":[null,{"id":"p1","strict":[],"kind":"NEWS","when":"2026-01-01","published":true}]}})");
	json = run({R"({"id": "p0", "kind": "OTHER", "strict": [{"body": 7}]})"}, "{ post(id: \"p0\") { kind strict { body } } }");
	CHECK_EQ(json,
	         R"({"errors":[{"message":"Enum \"Kind\" cannot represent value: \"OTHER\"","locations":[{"line":1,"column":20}],)"
	         R"("path":["post","kind"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],)"
	         R"("data":{"post":{"kind":null,"strict":[{"body":"7"}]}}})");
}
