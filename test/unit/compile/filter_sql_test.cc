// filter_sql_test.cc: where/orderBy/limit compile to the SQL text and
// parameters expected; variables become parameters with paths; shape keys.
#include <string>

#include "core/coerce/variables.h"
#include "core/compile/compiler.h"
#include "core/compile/params.h"
#include "core/syntax/parser.h"
#include "core/util/arena.h"
#include "unit/check.h"
#include "unit/support/compile_fixture.h"
#include "unit/support/jsonb_builder.h"

using namespace fraiseql;

namespace {

const char *const SDL = R"(
enum Mood { HAPPY SAD }
type Tag { name: String }
type Item @view(name: "shop.v_item") {
  id: Int!
  name: String
  qty: Int
  price: Decimal
  mood: Mood
  tags: [String!]
  tag: Tag
}
type Query { items: [Item!]! }
)";

schema::Schema &
test_schema()
{
	static schema::BuildResult built = [] {
		schema::BuildResult r = schema::build_schema(SDL);
		if (!r.schema)
			std::abort();
		// What the glue's attach_views reads from the catalog.
		for (schema::ViewBinding *v : r.schema->view_bindings()) {
			v->resolved = true;
			v->schema_name = "shop";
			v->relation_name = "v_item";
			v->columns = {{"id", 23, "integer"}, {"name", 25, "text"}, {"data", 3802, "jsonb"}};
		}
		return r;
	}();
	return *built.schema;
}

using test::Compiled;

// Compiles `query` with `variables_json` (a JSON object, "" for none).
void
compile_query(const std::string &query, const std::string &variables_json, Compiled &out,
              const compile::CompileOptions &options = compile::CompileOptions())
{
	test::compile_query(test_schema(), query, variables_json, out, options);
}

// Each parameter as source:oid:text (text: the literal, or the bound text of a variable).
std::string
params(const Compiled &c)
{
	std::string out;
	if (!c.root())
		return out;
	for (const compile::Param &p : c.root()->params) {
		std::string scratch;
		const std::string *text = p.source == compile::ParamSource::Variable
		                              ? compile::param_text(p, compile::resolve_param(p, c.variables), scratch)
		                              : (p.source == compile::ParamSource::Null ? nullptr : &p.literal);
		const char *source = p.source == compile::ParamSource::Variable  ? "var"
		                     : p.source == compile::ParamSource::Literal ? "lit"
		                     : p.source == compile::ParamSource::MaxLimit ? "max"
		                                                                  : "null";
		out += std::string(out.empty() ? "" : " ") + source + ":" + std::to_string(p.pg_type_oid) + ":" +
		       (text ? *text : std::string("NULL"));
	}
	return out;
}

const std::string SELECT = "SELECT v.\"data\" FROM \"shop\".\"v_item\" v";

} // namespace

TEST(compile_where_column_and_json_path)
{
	Compiled c;
	compile_query("{ items(where: {name: {eq: \"a\"}, qty: {gt: 9}, price: {lte: \"1.5\"}}) { id } }", "", c);
	CHECK_EQ(c.errors, std::string());
	if (!c.root())
		return;
	// name is a real text column: compared as is; qty and price only exist in
	// data: cast to numeric, never compared as text.
	CHECK_EQ(c.root()->sql, SELECT + " WHERE (v.\"name\" = $1 AND ((v.\"data\"->>'qty')::numeric) > $2 AND "
	                                 "((v.\"data\"->>'price')::numeric) <= $3) ORDER BY v.\"id\"");
	CHECK_EQ(params(c), std::string("lit:25:a lit:1700:9 lit:1700:1.5"));
	// Literals record where they are and what they were coerced to.
	const compile::Param &p = c.root()->params[1];
	CHECK_EQ(p.literal_start, uint32_t(std::string("{ items(where: {name: {eq: \"a\"}, qty: {gt: ").size()));
	CHECK_EQ(p.literal_type.print(), std::string("Int"));
}

TEST(compile_where_logic_and_nested)
{
	Compiled c;
	compile_query("{ items(where: {OR: [{NOT: {mood: {in: [SAD]}}}, {tag: {name: {startswith: \"x_%\"}}}], AND: []}) { id } }",
	              "", c);
	CHECK_EQ(c.errors, std::string());
	if (!c.root())
		return;
	CHECK_EQ(c.root()->sql, SELECT + " WHERE (TRUE AND ((NOT ((v.\"data\"->>'mood') = ANY($1) OR "
	                                 "(v.\"data\"->>'mood') IS NULL)) OR ((v.\"data\"->'tag')->>'name') LIKE $2)) "
	                                 "ORDER BY v.\"id\"");
	CHECK_EQ(params(c), std::string("lit:1009:{\"SAD\"} lit:25:x\\_\\%%"));
}

// A null value matches neither `in` nor `nin`, nor their NOT, even over an
// empty list (where SQL's = ANY gives FALSE and <> ALL TRUE): at even NOT
// depth `in` keeps the plain, index-served form and `nin` excludes nulls; at
// odd depth `in` takes nulls in (NOT makes them FALSE) and `nin` stays plain.
TEST(compile_where_in_nin_null_rows_by_not_depth)
{
	struct Case {
		const char *where;
		const char *sql;
	} cases[] = {
	    {"{name: {in: []}}", "v.\"name\" = ANY($1)"},
	    {"{name: {nin: []}}", "(v.\"name\" <> ALL($1) AND v.\"name\" IS NOT NULL)"},
	    {"{NOT: {name: {in: []}}}", "(NOT (v.\"name\" = ANY($1) OR v.\"name\" IS NULL))"},
	    {"{NOT: {name: {nin: []}}}", "(NOT v.\"name\" <> ALL($1))"},
	    {"{NOT: {NOT: {name: {nin: []}}}}", "(NOT (NOT (v.\"name\" <> ALL($1) AND v.\"name\" IS NOT NULL)))"},
	    {"{OR: [{NOT: {tag: {name: {in: []}}}}]}",
	     "(NOT (((v.\"data\"->'tag')->>'name') = ANY($1) OR ((v.\"data\"->'tag')->>'name') IS NULL))"},
	};
	for (const Case &k : cases) {
		Compiled c;
		compile_query(std::string("{ items(where: ") + k.where + ") { id } }", "", c);
		CHECK_EQ(c.errors, std::string());
		if (c.root())
			CHECK_EQ(c.root()->sql, SELECT + " WHERE " + k.sql + " ORDER BY v.\"id\"");
	}
}

TEST(compile_where_variables_have_paths)
{
	Compiled c;
	compile_query("query ($w: ItemWhereInput) { items(where: $w) { id } }",
	              R"({"w": {"name": {"contains": "50%"}, "tags": {"overlaps": ["a", "b\""]}, "qty": {"in": [1, 2]}}})", c);
	CHECK_EQ(c.errors, std::string());
	if (!c.root())
		return;
	CHECK_EQ(c.root()->sql,
	         SELECT + " WHERE (v.\"name\" LIKE $1 AND ((v.\"data\"->>'qty')::numeric) = ANY($2) AND (CASE WHEN "
	                  "NULLIF((v.\"data\"->'tags'), 'null'::jsonb) IS NULL THEN NULL ELSE EXISTS (SELECT 1 FROM "
	                  "pg_catalog.jsonb_array_elements($3) AS e(x) WHERE NULLIF((v.\"data\"->'tags'), 'null'::jsonb) @> "
	                  "pg_catalog.jsonb_build_array(e.x)) END)) ORDER BY v.\"id\"");
	CHECK_EQ(params(c), std::string("var:25:%50\\%% var:1231:{\"1\",\"2\"} var:3802:[\"a\",\"b\\\"\"]"));
	const compile::Param &p = c.root()->params[0];
	CHECK_EQ(p.variable, std::string("w"));
	CHECK_EQ(p.path.size(), size_t(2));
	if (p.path.size() == 2)
		CHECK_EQ(p.path[0].key + "." + p.path[1].key, std::string("name.contains"));
	CHECK_EQ(c.plan.shape_variables.size(), size_t(1));
}

TEST(compile_shape_key)
{
	Compiled a, b, c;
	const char *query = "query ($w: ItemWhereInput, $o: [ItemOrderByInput!], $x: Boolean!) "
	                    "{ items(where: $w, orderBy: $o) { id @include(if: $x) } }";
	compile_query(query, R"({"w": {"qty": {"gt": 1}}, "o": [{"qty": "DESC"}], "x": true})", a);
	compile_query(query, R"({"w": {"qty": {"gt": 500}}, "o": [{"qty": "DESC"}], "x": true})", b);
	compile_query(query, R"({"w": {"qty": {"lt": 1}}, "o": [{"qty": "ASC"}], "x": true})", c);
	CHECK_EQ(a.errors + b.errors + c.errors, std::string());
	// Only the shape counts: another value is the same key, another operator or direction is not.
	CHECK_EQ(compile::shape_key(a.plan, a.variables), compile::shape_key(a.plan, b.variables));
	CHECK(compile::shape_key(a.plan, a.variables) != compile::shape_key(a.plan, c.variables));
	CHECK_EQ(compile::shape_key(a.plan, a.variables), std::string("x=t w={qty:{gt:s}} o=[{qty:eDESC;}] "));
}

TEST(compile_order_by_and_limits)
{
	Compiled c;
	compile::CompileOptions options;
	options.max_limit = 50;
	compile_query("{ items(orderBy: [{price: DESC_NULLS_LAST}, {name: ASC}], limit: 10, offset: 5) { id } }", "", c, options);
	CHECK_EQ(c.errors, std::string());
	if (!c.root())
		return;
	CHECK_EQ(c.root()->sql, SELECT + " ORDER BY ((v.\"data\"->>'price')::numeric) DESC NULLS LAST, v.\"name\" ASC, v.\"id\" "
	                                 "LIMIT LEAST($1, $2) OFFSET $3");
	CHECK_EQ(params(c), std::string("lit:20:10 max:20:50 lit:20:5"));
	Compiled d;
	compile_query("{ items { id } }", "", d, options);
	if (d.root())
		CHECK_EQ(d.root()->sql, SELECT + " ORDER BY v.\"id\" LIMIT $1");
}

TEST(compile_where_mixed_list_and_bad_literal)
{
	Compiled c;
	compile_query("query ($q: Int!) { items(where: {qty: {in: [1, $q]}}) { id } }", R"({"q": 7})", c);
	CHECK_EQ(c.errors, std::string());
	if (c.root()) {
		CHECK_EQ(c.root()->sql, SELECT + " WHERE ((v.\"data\"->>'qty')::numeric) = ANY(ARRAY[$1, $2]) ORDER BY v.\"id\"");
		CHECK_EQ(params(c), std::string("lit:1700:1 var:1700:7"));
	}
	Compiled bad;
	compile_query("{ items(where: {qty: {eq: 99999999999}}) { id } }", "", bad);
	CHECK_EQ(bad.errors, std::string("Argument \"where\" has invalid value: Int cannot represent non 32-bit signed "
	                                 "integer value: 99999999999\n"));
}

TEST(encode_params)
{
	coerce::InputValue s;
	s.kind = coerce::InputValue::Kind::Scalar;
	s.text = "a\\b%c_d";
	std::string out;
	compile::encode_param(compile::ParamEncoding::LikePrefix, s, out);
	CHECK_EQ(out, std::string("a\\\\b\\%c\\_d%"));
	compile::encode_param(compile::ParamEncoding::LikeSuffix, s, out);
	CHECK_EQ(out, std::string("%a\\\\b\\%c\\_d"));
	coerce::InputValue list;
	list.kind = coerce::InputValue::Kind::List;
	list.items = {s, coerce::InputValue()};
	compile::encode_param(compile::ParamEncoding::Array, list, out);
	CHECK_EQ(out, std::string("{\"a\\\\b%c_d\",NULL}"));
	compile::encode_param(compile::ParamEncoding::JsonArray, list, out);
	CHECK_EQ(out, std::string("{\"\\\"a\\\\\\\\b%c_d\\\"\",NULL}"));
}
