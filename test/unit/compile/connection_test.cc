// connection_test.cc: cursor encoding/decoding (round trips and every way a
// client can damage one), the keyset predicate builder, the statements a
// connection field compiles to, and the generated connection types.
#include <string>

#include "core/coerce/variables.h"
#include "core/compile/compiler.h"
#include "core/compile/connection_sql.h"
#include "core/compile/cursor.h"
#include "core/schema/print_schema.h"
#include "core/syntax/parser.h"
#include "core/util/arena.h"
#include "core/validation/sdl/fraiseql_sdl.h"
#include "unit/check.h"
#include "unit/support/compile_fixture.h"
#include "unit/support/jsonb_builder.h"

using namespace fraiseql;

namespace {

const char *const SDL = R"(
type Person @view(name: "app.v_person") { id: Int! name: String score: Int born: Date }
type Query {
  people: [Person!]!
  peopleConnection: PersonConnection! @connection(type: "Person")
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
			v->relation_name = "v_person";
			v->columns = {{"id", 23, "integer"}, {"score", 23, "integer"}, {"data", 3802, "jsonb"}};
		}
		return r;
	}();
	return *built.schema;
}

using test::Compiled;

void
compile_query(const std::string &query, const std::string &variables_json, Compiled &out, uint32_t max_limit = 0)
{
	compile::CompileOptions options;
	options.max_limit = max_limit;
	test::compile_query(test_schema(), query, variables_json, out, options);
}

std::string
decode_texts(const std::string &cursor, const std::string &signature, size_t count, compile::CursorError &error)
{
	std::vector<compile::CursorValue> values;
	error = compile::decode_cursor(cursor, signature, count, values);
	std::string out;
	for (const compile::CursorValue &v : values)
		out += (out.empty() ? "" : "|") + (v.is_null ? std::string("NULL") : v.text);
	return out;
}

compile::OrderKey
key(const char *expression, bool descending, bool nulls_first)
{
	compile::OrderKey k;
	k.expression = expression;
	k.descending = descending;
	k.nulls_first = nulls_first;
	return k;
}

} // namespace

TEST(cursor_base64)
{
	CHECK_EQ(compile::base64_encode(""), "");
	CHECK_EQ(compile::base64_encode("f"), "Zg==");
	CHECK_EQ(compile::base64_encode("fo"), "Zm8=");
	CHECK_EQ(compile::base64_encode("foo"), "Zm9v");
	CHECK_EQ(compile::base64_encode(std::string("\xff\x00\x01", 3)), "/wAB");
	std::string out;
	CHECK(compile::base64_decode("Zm8=", out) && out == "fo");
	CHECK(compile::base64_decode("Zg==", out) && out == "f");
	CHECK(compile::base64_decode("/wAB", out) && out == std::string("\xff\x00\x01", 3));
	CHECK(!compile::base64_decode("", out));
	CHECK(!compile::base64_decode("Zm8", out));      // not a multiple of 4
	CHECK(!compile::base64_decode("Zm!=", out));     // outside the alphabet
	CHECK(!compile::base64_decode("Z=8=", out));     // data after padding
	CHECK(!compile::base64_decode("Zg==Zm9v", out)); // padding before the end
}

TEST(cursor_round_trip)
{
	test::JsonbDoc keys(R"(["a \"quoted\" \\ é 😀", 42, -1.5e3, null, true, false])");
	std::string cursor;
	CHECK(compile::encode_cursor("0123abcd", keys.root(), cursor));
	compile::CursorError error;
	CHECK_EQ(decode_texts(cursor, "0123abcd", 6, error), "a \"quoted\" \\ é 😀|42|-1500|NULL|true|false");
	CHECK(error == compile::CursorError::None);
	// Another ordering, another count.
	CHECK_EQ(decode_texts(cursor, "ffffffff", 6, error), "");
	CHECK(error == compile::CursorError::OtherOrdering);
	decode_texts(cursor, "0123abcd", 5, error);
	CHECK(error == compile::CursorError::Malformed);
	// Only arrays of scalars are encoded.
	test::JsonbDoc nested(R"([[1]])");
	CHECK(!compile::encode_cursor("0123abcd", nested.root(), cursor));
	test::JsonbDoc object(R"({"a": 1})");
	CHECK(!compile::encode_cursor("0123abcd", object.root(), cursor));
}

TEST(cursor_rejects_damage)
{
	compile::CursorError error;
	auto decode = [&](const std::string &json) {
		decode_texts(compile::base64_encode(json), "s", 1, error);
		return error;
	};
	CHECK(decode(R"(["s",1])") == compile::CursorError::None);
	CHECK(decode(R"( [ "s" , "x\u00e9\ud83d\ude00" ] )") == compile::CursorError::None);
	CHECK(decode(R"(["s",1]x)") == compile::CursorError::Malformed);      // trailing data
	CHECK(decode(R"(["s",1)") == compile::CursorError::Malformed);        // unterminated
	CHECK(decode(R"(["s","x)") == compile::CursorError::Malformed);       // unterminated string
	CHECK(decode(R"(["s","\u0000"])") == compile::CursorError::Malformed); // NUL: text cannot hold it
	CHECK(decode(R"(["s","\ud800"])") == compile::CursorError::Malformed); // lone surrogate
	CHECK(decode(R"(["s","\q"])") == compile::CursorError::Malformed);     // unknown escape
	CHECK(decode("[\"s\",\"\xff\"]") == compile::CursorError::Malformed);   // invalid UTF-8
	CHECK(decode("[\"s\",\"a\nb\"]") == compile::CursorError::Malformed);   // raw control character
	CHECK(decode(R"(["s",01])") == compile::CursorError::Malformed);      // leading zero
	CHECK(decode(R"(["s",1.])") == compile::CursorError::Malformed);
	CHECK(decode(R"(["s",-])") == compile::CursorError::Malformed);
	CHECK(decode(R"(["s",{}])") == compile::CursorError::Malformed);
	CHECK(decode(R"(["s",[1]])") == compile::CursorError::Malformed);
	CHECK(decode(R"([1,1])") == compile::CursorError::Malformed);         // no signature
	CHECK(decode(R"({"s":1})") == compile::CursorError::Malformed);
	CHECK(decode(R"(["s",nul])") == compile::CursorError::Malformed);
	decode_texts("not base64!", "s", 1, error);
	CHECK(error == compile::CursorError::Malformed);
	CHECK_EQ(compile::ordering_signature("a").size(), 8u);
	CHECK(compile::ordering_signature("v.a ASC") != compile::ordering_signature("v.a DESC"));
}

TEST(keyset_predicate_one_key)
{
	std::vector<compile::OrderKey> keys = {key("e", false, false)};
	CHECK_EQ(compile::keyset_predicate(keys, {"$1"}, false), "COALESCE(e > $1, (e IS NULL AND $1 IS NOT NULL))");
	// before: the reversed order (DESC NULLS FIRST); nulls first in the
	// direction of travel adds the implied bound an index can serve
	CHECK_EQ(compile::keyset_predicate(keys, {"$1"}, true),
	         "($1 IS NULL OR e <= $1) AND COALESCE(e < $1, ($1 IS NULL AND e IS NOT NULL))");
	keys = {key("e", true, true)};
	CHECK_EQ(compile::keyset_predicate(keys, {"$1"}, false),
	         "($1 IS NULL OR e <= $1) AND COALESCE(e < $1, ($1 IS NULL AND e IS NOT NULL))");
	keys = {key("e", false, true)};
	CHECK_EQ(compile::keyset_predicate(keys, {"$1"}, false),
	         "($1 IS NULL OR e >= $1) AND COALESCE(e > $1, ($1 IS NULL AND e IS NOT NULL))");
	keys = {key("e", true, false)};
	CHECK_EQ(compile::keyset_predicate(keys, {"$1"}, false), "COALESCE(e < $1, (e IS NULL AND $1 IS NOT NULL))");
	CHECK_EQ(compile::keyset_predicate({}, {}, false), "FALSE");
}

TEST(keyset_predicate_mixed_keys)
{
	std::vector<compile::OrderKey> keys = {key("a", true, false), key("b", false, true), key("id", false, false)};
	CHECK_EQ(compile::keyset_predicate(keys, {"$1", "$2", "$3"}, false),
	         "(COALESCE(a < $1, (a IS NULL AND $1 IS NOT NULL)) OR (a IS NOT DISTINCT FROM $1 AND "
	         "(COALESCE(b > $2, ($2 IS NULL AND b IS NOT NULL)) OR (b IS NOT DISTINCT FROM $2 AND "
	         "COALESCE(id > $3, (id IS NULL AND $3 IS NOT NULL))))))");
	// A key that is never NULL (the id column) compares plainly, so an index serves.
	keys[2].not_null = true;
	CHECK_EQ(compile::keyset_predicate({keys[2]}, {"$3"}, false), "id > $3");
	CHECK_EQ(compile::keyset_predicate({keys[0], keys[2]}, {"$1", "$3"}, true),
	         "($1 IS NULL OR a >= $1) AND (COALESCE(a > $1, ($1 IS NULL AND a IS NOT NULL)) OR "
	         "(a IS NOT DISTINCT FROM $1 AND id < $3))");
	keys[2].not_null = false;
	// Linear in the number of keys (nested, not expanded).
	std::vector<compile::OrderKey> many;
	std::vector<std::string> values;
	for (int i = 0; i < 200; i++) {
		many.push_back(key("k", i % 2 == 0, i % 3 == 0));
		values.push_back("$1");
	}
	CHECK(compile::keyset_predicate(many, values, false).size() < 200u * 100u);
	CHECK_EQ(compile::order_sql(keys, {"p.o1", "p.o2", "p.o3"}, false),
	         "p.o1 DESC NULLS LAST, p.o2 ASC NULLS FIRST, p.o3 ASC NULLS LAST");
	CHECK_EQ(compile::order_sql(keys, {"x", "y", "z"}, true), "x ASC NULLS FIRST, y DESC NULLS LAST, z DESC NULLS FIRST");
}

TEST(connection_statement_forward)
{
	Compiled c;
	compile_query("{ peopleConnection(first: 10) { edges { node { id } } } }", "", c);
	CHECK_EQ(c.errors, "");
	const compile::RootField *root = c.root();
	CHECK(root && root->kind == compile::RootKind::Connection && root->connection);
	if (!root || !root->connection)
		return;
	CHECK_EQ(root->sql, "SELECT v.\"data\", pg_catalog.jsonb_build_array(v.\"id\") FROM \"app\".\"v_person\" v "
	                    "ORDER BY v.\"id\" ASC NULLS LAST LIMIT $1 + 1");
	CHECK_EQ(root->params.size(), 1u);
	CHECK(root->params[0].source == compile::ParamSource::Literal && root->params[0].literal == "10");
	CHECK(!root->connection->wrapped && !root->connection->backward);
	CHECK_EQ(root->connection->first, 0);
	CHECK_EQ(root->connection->key_count, 1u);
	// first: 20 is the same statement (only the bound value differs)
	Compiled d;
	compile_query("{ peopleConnection(first: 20) { edges { node { id } } } }", "", d);
	CHECK(d.root() && d.root()->sql == root->sql && d.root()->params[0].literal == "20");
}

TEST(connection_statement_cursor_parameters)
{
	Compiled c;
	compile_query("query ($c: String) { peopleConnection(first: 2, after: $c, orderBy: [{born: DESC}]) "
	              "{ totalCount edges { cursor } pageInfo { hasPreviousPage } } }",
	              R"({"c": "x"})", c, 50);
	CHECK_EQ(c.errors, "");
	const compile::RootField *root = c.root();
	if (!root || !root->connection)
		return;
	const compile::ConnectionPlan &plan = *root->connection;
	CHECK(plan.wrapped && plan.has_count && plan.has_beyond && !plan.backward);
	CHECK_EQ(plan.key_count, 2u);
	// $1 first, $2 the raw cursor, $3 $4 its key values (date, int), $5 the cap
	CHECK_EQ(root->params.size(), 5u);
	if (root->params.size() != 5)
		return;
	CHECK(root->params[1].source == compile::ParamSource::Variable && root->params[1].variable == "c");
	CHECK(root->params[2].source == compile::ParamSource::Cursor && root->params[2].cursor_key == 0);
	CHECK_EQ(root->params[2].pg_type_oid, 1082u); // date: the JSON value is compared as a date
	CHECK(root->params[3].source == compile::ParamSource::Cursor && root->params[3].cursor_key == 1);
	CHECK_EQ(root->params[3].pg_type_oid, 23u);   // the id column's type
	CHECK(root->params[4].source == compile::ParamSource::MaxLimit);
	CHECK(root->sql.find("LIMIT LEAST($1, $5) + 1") != std::string::npos);
	CHECK(root->sql.find("(SELECT pg_catalog.count(*) FROM \"app\".\"v_person\" v) AS n") != std::string::npos);
	CHECK(root->sql.find("ORDER BY ((v.\"data\"->>'born')::date) DESC NULLS FIRST, v.\"id\" ASC NULLS LAST") !=
	      std::string::npos);
	CHECK(root->sql.find("EXISTS (SELECT 1 FROM \"app\".\"v_person\" v WHERE NOT (") != std::string::npos);
	// The cursor's text never enters the SQL.
	CHECK(root->sql.find("'x'") == std::string::npos);

	// The same document without a cursor (null) compiles without the predicate.
	Compiled n;
	compile_query("query ($c: String) { peopleConnection(first: 2, after: $c, orderBy: [{born: DESC}]) "
	              "{ edges { cursor } } }",
	              R"({"c": null})", n);
	CHECK(n.root() && n.root()->sql.find("COALESCE") == std::string::npos);
	CHECK(n.root() && n.root()->connection && n.root()->connection->after == -1);

	// The far-side check runs only for the flag it answers (hasPreviousPage forward).
	Compiled e;
	compile_query("query ($c: String) { peopleConnection(first: 2, after: $c) { pageInfo { endCursor hasNextPage } } }",
	              R"({"c": "x"})", e);
	CHECK(e.root() && e.root()->connection && !e.root()->connection->has_beyond && !e.root()->connection->wrapped);
	Compiled b;
	compile_query("query ($c: String) { peopleConnection(last: 2, before: $c) { p: pageInfo { endCursor } "
	              "pageInfo { hasNextPage } } }",
	              R"({"c": "x"})", b);
	CHECK(b.root() && b.root()->connection && b.root()->connection->has_beyond);
}

TEST(connection_statement_backward)
{
	Compiled c;
	compile_query("{ peopleConnection(last: 3, orderBy: [{score: ASC_NULLS_FIRST}]) { edges { cursor } } }", "", c);
	CHECK_EQ(c.errors, "");
	const compile::RootField *root = c.root();
	if (!root || !root->connection)
		return;
	CHECK(root->connection->backward && root->connection->wrapped && !root->connection->has_count);
	CHECK_EQ(root->sql, "SELECT p.d, p.k, x.n, x.e FROM (SELECT NULL::int8 AS n, NULL::boolean AS e) x LEFT JOIN LATERAL "
	                    "(SELECT v.\"data\" AS d, pg_catalog.jsonb_build_array(v.\"score\", v.\"id\") AS k, v.\"score\" AS o1, "
	                    "v.\"id\" AS o2 FROM \"app\".\"v_person\" v ORDER BY v.\"score\" DESC NULLS LAST, v.\"id\" DESC NULLS FIRST "
	                    "LIMIT $1 + 1) p ON true ORDER BY p.o1 ASC NULLS FIRST, p.o2 ASC NULLS LAST");
	// A repeated key is dropped: it cannot change the order.
	Compiled r;
	compile_query("{ peopleConnection(first: 1, orderBy: [{score: ASC}, {score: DESC}, {id: DESC}]) { edges { cursor } } }",
	              "", r);
	CHECK(r.root() && r.root()->connection && r.root()->connection->key_count == 2u);
	CHECK(r.root() && r.root()->sql.find("ORDER BY v.\"score\" ASC NULLS LAST, v.\"id\" DESC NULLS FIRST LIMIT") !=
	                      std::string::npos);
}

TEST(connection_generated_types)
{
	const schema::Schema &s = test_schema();
	const schema::FieldDef *f = s.query_type()->find_field("peopleConnection");
	CHECK(f && f->root_kind == schema::RootKind::Connection && f->connection_node == s.find_type("Person"));
	std::string args;
	for (const schema::InputValueDef &a : f->arguments)
		args += a.name + ":" + a.type.print() + " ";
	CHECK_EQ(args, "first:Int after:String last:Int before:String where:PersonWhereInput orderBy:[PersonOrderByInput!] ");
	auto fields = [&](const char *type) {
		std::string out;
		const schema::TypeDef *t = s.find_type(type);
		if (!t)
			return std::string("(none)");
		for (const schema::FieldDef &x : t->fields)
			out += x.name + ":" + x.type.print() + " ";
		return out;
	};
	CHECK_EQ(fields("PersonConnection"),
	         "edges:[PersonEdge!]! pageInfo:PageInfo! totalCount:Int! aggregate:PersonAggregate! ");
	CHECK_EQ(fields("PersonEdge"), "cursor:String! node:Person! ");
	CHECK_EQ(fields("PageInfo"), "hasNextPage:Boolean! hasPreviousPage:Boolean! startCursor:String endCursor:String ");
	CHECK(s.find_type("PersonConnection")->generated == schema::GeneratedKind::Connection);

	// The printed effective schema builds again into the same schema.
	std::string printed = schema::print_schema(s);
	schema::BuildResult again = schema::build_schema(printed);
	CHECK(again.schema != nullptr);
	if (again.schema)
		CHECK_EQ(schema::print_schema(*again.schema), printed);
}

TEST(connection_schema_errors)
{
	auto error = [](const char *sdl) {
		schema::BuildResult r = schema::build_schema(sdl);
		if (r.errors.empty())
			return std::string("(no error)");
		const GraphQLError &e = r.errors[0];
		return std::to_string(e.locations.empty() ? 0 : e.locations[0].line) + ":" +
		       std::to_string(e.locations.empty() ? 0 : e.locations[0].column) + " " + e.message;
	};
	CHECK_EQ(error("type Query { xs: NoConnection! @connection(type: \"No\") }"),
	         "1:32 @connection(type: \"No\") on Query.xs names no type: declare type \"No\" or fix the name");
	CHECK_EQ(error("type P { id: Int }\ntype Query { xs: PConnection! @connection(type: \"P\") }"),
	         "2:31 @connection(type: \"P\") on Query.xs must name an object type with @view (or give the field a @view)");
	CHECK_EQ(error("type P @view(name: \"a.b\") { id: Int }\ntype Query { xs: P @connection(type: \"P\") }"),
	         "2:14 Query.xs has @connection(type: \"P\"), so its type must be \"PConnection!\", not \"P\"");
	CHECK_EQ(error("type P @view(name: \"a.b\") { id: Int }\ntype PEdge { cursor: String! node: P }\n"
	               "type Query { xs: PConnection! @connection(type: \"P\") }"),
	         "2:6 type \"PEdge\" has the name of a generated connection type of \"P\" but differs from it; rename it "
	         "(or declare it exactly as generated)");
	// @view on the field supplies the view of a type that has none.
	CHECK_EQ(error("type P { id: Int }\ntype Query { xs: PConnection! @connection(type: \"P\") @view(name: \"a.b\") }"),
	         "(no error)");
}

TEST(connection_sdl_validation_knows_generated_types)
{
	auto problems = [](const char *sdl) {
		util::Arena arena;
		syntax::ParseResult parsed = syntax::parse_document(sdl, arena);
		if (!parsed.document)
			return std::string("parse error");
		std::string out;
		for (const GraphQLError &e : validation::validate_fraiseql_sdl(*parsed.document))
			out += e.message + "\n";
		return out;
	};
	// The generated names are known to SDL validation...
	CHECK_EQ(problems(SDL), "");
	// ...and declaring them (as schema_sdl() prints them) does not clash.
	CHECK_EQ(problems(schema::print_schema(test_schema()).c_str()), "");
	// Without @connection the name is unknown, as any other.
	CHECK_EQ(problems("type Query { xs: PersonConnection }"), "Unknown type \"PersonConnection\".\n");
}
