// abstract_sql_test.cc: the statements of interface and union root fields
// over views (compile/abstract_sql.h) and their load-time classification.
#include <string>

#include "core/coerce/variables.h"
#include "core/compile/compiler.h"
#include "core/schema/function_check.h"
#include "core/schema/print_schema.h"
#include "core/schema/schema.h"
#include "core/validation/sdl/fraiseql_sdl.h"
#include "core/syntax/parser.h"
#include "core/util/arena.h"
#include "unit/check.h"
#include "unit/support/compile_fixture.h"

using namespace fraiseql;

namespace {

const char *const SDL = R"(
interface Node { id: ID! }
type Post implements Node @view(name: "app.v_post") { id: ID! title: String! }
type Comment implements Node @view(name: "app.v_comment") { id: ID! body: String! }
union SearchResult = Post | Comment
type Query {
  feed: [SearchResult!]!
  node(id: ID!): Node
  nodes: [Node!]!
}
)";

schema::Schema &
test_schema()
{
	static schema::BuildResult built = [] {
		schema::BuildResult r = schema::build_schema(SDL);
		if (!r.schema)
			std::abort();
		for (schema::ViewBinding *v : r.schema->view_bindings()) {
			v->resolved = true;
			v->schema_name = "app";
			bool post = v->name == "app.v_post";
			v->relation_name = post ? "v_post" : "v_comment";
			// Different id types: each member's id gets its own sort column.
			v->columns = {{"id", post ? 23u : 2950u, post ? "integer" : "uuid"}, {"data", 3802, "jsonb"}};
		}
		return r;
	}();
	return *built.schema;
}

using test::Compiled;

void
compile_query(const std::string &query, Compiled &out, uint32_t max_limit = 0)
{
	compile::CompileOptions options;
	options.max_limit = max_limit;
	test::compile_query(test_schema(), query, "", out, options);
}

} // namespace

TEST(abstract_union_list_sql)
{
	Compiled c;
	compile_query("{ feed(limit: 5, offset: 1) { __typename ... on Post { title } ... on Comment { body } } }", c);
	CHECK_EQ(c.errors, "");
	CHECK_EQ(c.plan.roots.size(), 1u);
	const compile::RootField &root = c.plan.roots[0];
	CHECK(root.tagged);
	// Each branch reads at most limit + offset rows in id order; the outer
	// query orders by (tag, id) and pages.
	CHECK_EQ(root.sql, "SELECT u.tag, u.data FROM ((SELECT 0 AS tag, v.\"id\" AS k0, NULL::uuid AS k1, v.\"data\" AS data "
	                   "FROM \"app\".\"v_post\" v ORDER BY v.\"id\" LIMIT $1 + COALESCE($2, 0)) UNION ALL (SELECT 1, "
	                   "NULL::integer, v.\"id\", v.\"data\" FROM \"app\".\"v_comment\" v ORDER BY v.\"id\" LIMIT $1 + "
	                   "COALESCE($2, 0))) u ORDER BY u.tag, u.k0, u.k1 LIMIT $1 OFFSET $2");
	CHECK_EQ(root.params.size(), 2u);
	CHECK_EQ(root.params[0].literal, "5");
	CHECK_EQ(root.params[1].literal, "1");
	// Branch i is tag i: Post, then Comment, each with its own selection.
	CHECK_EQ(root.branches.size(), 2u);
	CHECK_EQ(root.branches[0].type->name, "Post");
	CHECK_EQ(root.branches[1].type->name, "Comment");
	CHECK_EQ(root.branches[0].selection.size(), 2u);
	CHECK_EQ(root.branches[0].selection[0].json_key, "Post"); // __typename writes the member's name
	CHECK_EQ(root.branches[0].selection[1].json_key, "title");
	CHECK_EQ(root.branches[1].selection[1].json_key, "body");
}

TEST(abstract_list_max_limit_and_no_arguments)
{
	Compiled plain;
	compile_query("{ nodes { id } }", plain);
	CHECK_EQ(plain.errors, "");
	CHECK(plain.plan.roots[0].params.empty());
	CHECK(plain.plan.roots[0].sql.find("LIMIT") == std::string::npos);
	Compiled capped;
	compile_query("{ nodes(limit: 50) { id } }", capped, 10);
	CHECK_EQ(capped.errors, "");
	const std::string &sql = capped.plan.roots[0].sql;
	CHECK(sql.find(" ORDER BY v.\"id\" LIMIT LEAST($1, $2))") != std::string::npos);
	CHECK(sql.compare(sql.size() - 20, 20, " LIMIT LEAST($1, $2)") == 0);
	CHECK_EQ(plain.plan.roots[0].sql.find("ORDER BY v."), std::string::npos); // no limit: branches read everything
	CHECK(capped.plan.roots[0].params[1].source == compile::ParamSource::MaxLimit);
}

TEST(abstract_single_binds_per_view_column_type)
{
	Compiled c;
	compile_query("{ node(id: \"x\") { id } }", c);
	CHECK_EQ(c.errors, "");
	const compile::RootField &root = c.plan.roots[0];
	CHECK(root.kind == compile::RootKind::Single);
	CHECK_EQ(root.sql, "SELECT u.tag, u.data FROM (SELECT 0 AS tag, v.\"data\" AS data FROM \"app\".\"v_post\" v WHERE "
	                   "v.\"id\" = $1 UNION ALL SELECT 1, v.\"data\" FROM \"app\".\"v_comment\" v WHERE v.\"id\" = $2) u "
	                   "LIMIT 2");
	CHECK_EQ(root.params.size(), 2u);
	CHECK_EQ(root.params[0].pg_type_oid, 23u);
	CHECK_EQ(root.params[1].pg_type_oid, 2950u);
	CHECK_EQ(root.params[0].literal, "x");
}

TEST(abstract_root_generated_arguments)
{
	const schema::FieldDef *feed = test_schema().query_type()->find_field("feed");
	CHECK(feed && feed->root_kind == schema::RootKind::List);
	CHECK(feed->find_argument("limit") && feed->find_argument("offset"));
	// A union filters on the fields all its members have with one type (id here).
	const schema::InputValueDef *where = feed->find_argument("where");
	CHECK(where && where->type.named && where->type.named->name == "SearchResultWhereInput");
	if (where && where->type.named) {
		CHECK(where->type.named->find_input_field("id") != nullptr);
		CHECK(where->type.named->find_input_field("title") == nullptr);
	}
	const schema::FieldDef *nodes = test_schema().query_type()->find_field("nodes");
	CHECK(nodes && nodes->find_argument("where") && nodes->find_argument("orderBy"));
}

TEST(abstract_root_load_errors)
{
	schema::BuildResult no_view = schema::build_schema(
	    "type A @view(name: \"a\") { id: ID! } type B { id: ID! } union U = A | B\ntype Query { us: [U!]! }");
	CHECK(!no_view.schema);
	CHECK(!no_view.errors.empty());
	if (!no_view.errors.empty()) {
		CHECK(no_view.errors[0].message.find("type \"B\" a @view") != std::string::npos);
		CHECK_EQ(no_view.errors[0].locations.size(), 1u);
	}
}

TEST(abstract_schema_passes_binding_and_sdl_checks)
{
	ErrorList e = test_schema().check_bindings();
	CHECK_EQ(e.size(), 0u);
	CHECK(!schema::print_schema(test_schema()).empty());
	util::Arena arena;
	std::string sdl = SDL;
	syntax::ParseResult parsed = syntax::parse_document(sdl, arena);
	CHECK(validation::validate_fraiseql_sdl(*parsed.document).empty());
	CHECK(schema::check_function_bindings(test_schema()).empty());
}

TEST(abstract_interface_where_and_order_by_per_view)
{
	const schema::FieldDef *nodes = test_schema().query_type()->find_field("nodes");
	CHECK(nodes && nodes->where_type && nodes->order_by_type);
	CHECK(nodes && nodes->where_type && nodes->where_type->name == "NodeWhereInput");
	Compiled c;
	compile_query("{ nodes(where: {id: {eq: \"a\"}}, orderBy: [{id: DESC}]) { id } }", c);
	CHECK_EQ(c.errors, "");
	const compile::RootField &root = c.plan.roots[0];
	// The filter binds once per view with that view's column type; the key is
	// a column o0 of each branch that the outer query sorts by first.
	CHECK_EQ(root.sql, "SELECT u.tag, u.data FROM (SELECT 0 AS tag, v.\"id\" AS k0, NULL::uuid AS k1, v.\"id\" AS o0, "
	                   "v.\"data\" AS data FROM \"app\".\"v_post\" v WHERE v.\"id\" = $1 UNION ALL SELECT 1, NULL::integer, "
	                   "v.\"id\", v.\"id\", v.\"data\" FROM \"app\".\"v_comment\" v WHERE v.\"id\" = $2) u ORDER BY u.o0 "
	                   "DESC, u.tag, u.k0, u.k1");
	CHECK_EQ(root.params.size(), 2u);
	CHECK_EQ(root.params[0].pg_type_oid, 23u);
	CHECK_EQ(root.params[1].pg_type_oid, 2950u);
	// A union filters and orders on its members' common fields.
	const schema::FieldDef *feed = test_schema().query_type()->find_field("feed");
	CHECK(feed && feed->where_type && feed->order_by_type);
}
