// mutation_test.cc: @function fields without a database: status mapping, the
// context argument, the signature check, and whole requests through a fake
// runner that records the SQL and parameters and answers canned rows
// (union results, entity projection, interface/union fields by __typename).
#include <deque>
#include <string>

#include "core/execute/mutation_result.h"
#include "core/execute/request.h"
#include "core/execute/request_context.h"
#include "core/schema/function_check.h"
#include "core/schema/print_schema.h"
#include "core/schema/schema.h"
#include "core/syntax/parser.h"
#include "core/validation/sdl/fraiseql_sdl.h"
#include "unit/check.h"
#include "unit/support/jsonb_builder.h"

using namespace fraiseql;

namespace {

// Answers each statement with the next canned row (JSON text; "" = no row).
class FakeRunner final : public execute::StatementRunner {
public:
	std::deque<std::string> rows;
	std::vector<std::string> sql;
	std::vector<std::vector<std::string>> params; // "<null>" for SQL NULL

	bool
	run(const compile::RootField &root, const std::vector<const std::string *> &values, execute::StatementSlot &,
	    execute::RowSink &sink, GraphQLError &) override
	{
		sql.push_back(root.sql);
		params.emplace_back();
		for (const std::string *v : values)
			params.back().push_back(v ? *v : "<null>");
		std::string row = rows.empty() ? std::string() : rows.front();
		if (!rows.empty())
			rows.pop_front();
		if (!row.empty()) {
			test::JsonbDoc doc(row);
			sink.row(doc.bytes.data(), static_cast<uint32_t>(doc.bytes.size()));
		}
		return true;
	}
	void release(void *) override {}
};

schema::FunctionParam
param(const char *name, uint32_t oid, const char *type_name)
{
	schema::FunctionParam p;
	p.name = name;
	p.type_oid = oid;
	p.type_name = type_name;
	return p;
}

schema::FunctionCandidate
candidate(const char *fn, std::vector<schema::FunctionParam> params, schema::FunctionReturns returns, bool set)
{
	schema::FunctionCandidate c;
	c.schema_name = "s";
	c.function_name = fn;
	c.params = std::move(params);
	c.returns = returns;
	c.returns_set = set;
	c.return_type_name = "whatever";
	return c;
}

constexpr uint32_t TEXT = 25, INT4 = 23, UUID = 2950, JSONB = 3802;

const char *const SDL = R"(
scalar UUID
type Org { name: String }
type User { id: UUID! email: String! org: Org }
type Pet { name: String! }
union Hit = User | Pet
type Cascade { deleted: [String!] }
type CreateUserSuccess { message: String cascade: Cascade user: User! updatedFields: [String!] }
type CreateUserError { message: String status: String! code: Int! }
union CreateUserResult = CreateUserSuccess | CreateUserError
input CreateUserInput { email: String! name: String, tags: [String!] }
type Query {
  search(term: String!, maxRows: Int): [Hit!]! @function(name: "s.search")
  user(id: UUID!): User @function(name: "s.user")
}
type Mutation {
  createUser(input: CreateUserInput!): CreateUserResult! @function(name: "s.create_user", context: ["tenant_id", "user_id"])
}
)";

// The schema of `sdl`, nullptr (with the first error printed) when it does not build.
std::unique_ptr<schema::Schema>
built(const char *sdl)
{
	schema::BuildResult r = schema::build_schema(sdl);
	CHECK(r.schema != nullptr);
	if (!r.schema)
		std::printf("    schema error: %s\n", r.errors[0].message.c_str());
	return std::move(r.schema);
}

std::unique_ptr<schema::Schema>
build_bound()
{
	std::unique_ptr<schema::Schema> s = built(SDL);
	if (!s)
		return nullptr;
	for (schema::FunctionBinding *b : s->function_bindings()) {
		if (b->name == "s.search")
			b->candidates.push_back(candidate("search", {param("term", TEXT, "text"), param("max_rows", INT4, "integer")},
			                                  schema::FunctionReturns::Jsonb, true));
		else if (b->name == "s.user")
			b->candidates.push_back(candidate("user", {param("id", UUID, "uuid")}, schema::FunctionReturns::RowWithData, true));
		else
			b->candidates.push_back(candidate("create_user",
			                                  {param("p_tenant", TEXT, "text"), param("p_user", UUID, "uuid"),
			                                   param("input", JSONB, "jsonb")},
			                                  schema::FunctionReturns::MutationResponse, false));
	}
	ErrorList errors = schema::check_function_bindings(*s);
	CHECK(errors.empty());
	if (!errors.empty())
		std::printf("    bind error: %s\n", errors[0].message.c_str());
	return s;
}

std::string
run(const schema::Schema &s, FakeRunner &runner, const char *query, const char *variables = nullptr,
    const char *context = nullptr, bool read_only = false)
{
	test::JsonbDoc vars(variables ? variables : "{}");
	test::JsonbDoc ctx(context ? context : "{}");
	execute::Request request;
	request.query = query;
	if (variables)
		request.variables = vars.root();
	if (context)
		request.context = ctx.root();
	execute::RequestOptions options;
	options.read_only = read_only;
	response::JsonWriter out(response::heap_buffer_source());
	execute::handle_request(s, request, options, runner, out);
	return std::string(out.json());
}

} // namespace

TEST(mutation_status_mapping)
{
	using execute::StatusKind;
	for (const char *s : {"success", "created", "updated", "deleted", "updated:email", "deleted:soft"})
		CHECK(execute::classify_status(s).kind == StatusKind::Success);
	for (const char *s : {"", "successful", "created_x", "weird", "not_found", "Success"})
		CHECK(execute::classify_status(s).kind == StatusKind::Unknown);
	const std::pair<const char *, int> errors[] = {
	    {"validation:x", 422}, {"failed:x", 422},       {"noop:x", 422},      {"not_found:x", 404},
	    {"conflict:x", 409},   {"unauthorized:x", 401}, {"forbidden:x", 403}, {"timeout:", 408},
	};
	for (const auto &e : errors) {
		execute::MutationStatus m = execute::classify_status(e.first);
		CHECK(m.kind == StatusKind::Error);
		CHECK_EQ(m.code, e.second);
	}
}

TEST(mutation_context_keys_and_values)
{
	CHECK(execute::valid_context_key("tenant_id"));
	CHECK(execute::valid_context_key("_x9"));
	CHECK(!execute::valid_context_key("9x"));
	CHECK(!execute::valid_context_key("a-b"));
	CHECK(!execute::valid_context_key("a.b"));
	CHECK(!execute::valid_context_key(""));
	CHECK(!execute::valid_context_key(std::string(64, 'a')));

	test::JsonbDoc ok(R"({"t": "x", "n": 12.50, "b": true, "z": null, "o": {"k": [1]}})");
	std::vector<execute::ContextSetting> settings;
	CHECK(execute::read_context(ok.root(), settings).empty());
	CHECK_EQ(settings.size(), size_t(5));
	std::string joined;
	for (const execute::ContextSetting &s : settings)
		joined += s.name + "=" + s.value + ";";
	// jsonb orders keys by length, then bytes
	CHECK_EQ(joined, std::string("app.b=true;app.n=12.50;app.o={\"k\":[1]};app.t=x;app.z=;"));
	std::string value;
	CHECK(execute::context_value(ok.root(), "n", value) && value == "12.50");
	CHECK(!execute::context_value(ok.root(), "z", value)); // null is missing
	CHECK(!execute::context_value(ok.root(), "absent", value));

	test::JsonbDoc bad(R"({"good": 1, "bad key": 2, "x;y": 3})");
	ErrorList errors = execute::read_context(bad.root(), settings);
	CHECK_EQ(errors.size(), size_t(2));
	CHECK(settings.empty()); // nothing is set when one key is bad
	CHECK(errors[0].code == ErrorCode::BadUserInput);
	test::JsonbDoc array("[1]");
	CHECK_EQ(execute::read_context(array.root(), settings).size(), size_t(1));
	CHECK(execute::read_context(jsonb::Value(), settings).empty()); // no context
	std::string many = "{";
	for (uint32_t i = 0; i <= execute::MAX_CONTEXT_KEYS; i++)
		many += (i ? ", \"k" : "\"k") + std::to_string(i) + "\": 1";
	test::JsonbDoc too_many(many + "}");
	errors = execute::read_context(too_many.root(), settings);
	CHECK(errors.size() == 1 && errors[0].message.find("at most 64") != std::string::npos);
}

TEST(mutation_function_signature_check)
{
	schema::BuildResult r = schema::build_schema(SDL);
	CHECK(r.schema != nullptr);
	if (!r.schema)
		return;
	for (schema::FunctionBinding *b : r.schema->function_bindings()) {
		if (b->name == "s.search") // wrong type for term, no max_rows parameter
			b->candidates.push_back(candidate("search", {param("term", INT4, "integer")}, schema::FunctionReturns::Jsonb, true));
		else if (b->name == "s.user") // not a row with data
			b->candidates.push_back(candidate("user", {param("id", UUID, "uuid")}, schema::FunctionReturns::Other, true));
		// s.create_user: none at all
	}
	ErrorList errors = schema::check_function_bindings(*r.schema);
	CHECK_EQ(errors.size(), size_t(3));
	if (errors.size() != 3)
		return;
	CHECK_EQ(errors[0].message, std::string("parameter \"term\" of s.search(integer) is integer, which argument "
	                                        "\"term: String!\" cannot be passed as"));
	CHECK_EQ(errors[0].locations[0].line, 13u); // the directive on Query.search
	CHECK(errors[1].message.find("a Query function must return SETOF jsonb or rows with a jsonb column") != std::string::npos);
	CHECK_EQ(errors[2].message, std::string("function s.create_user does not exist; @function on Mutation.createUser needs "
	                                        "s.create_user(<tenant_id>, <user_id>, jsonb) for context [tenant_id, "
	                                        "user_id] plus the input"));
	// A mutation function returns one row.
	for (schema::FunctionBinding *b : r.schema->function_bindings())
		if (b->name == "s.create_user")
			b->candidates.push_back(candidate("create_user",
			                                  {param("a", TEXT, "text"), param("b", TEXT, "text"), param("i", JSONB, "jsonb")},
			                                  schema::FunctionReturns::MutationResponse, true));
	errors = schema::check_function_bindings(*r.schema);
	CHECK(errors.size() == 3 && errors[2].message == "s.create_user(text, text, jsonb) returns SETOF whatever; a mutation "
	                                                  "function returns one row");
	// Arguments fit by type: lists need arrays or jsonb, enums text or an SQL enum.
	schema::TypeExpr list;
	list.named = r.schema->find_type("String");
	list.list_depth = 1;
	schema::FunctionParam arr = param("a", 1009, "text[]");
	arr.is_array = true;
	CHECK(schema::argument_fits(list, arr));
	CHECK(schema::argument_fits(list, param("a", JSONB, "jsonb")));
	CHECK(!schema::argument_fits(list, param("a", TEXT, "text")));
}

TEST(mutation_success_projects_the_entity_and_binds_context)
{
	auto s = build_bound();
	if (!s)
		return;
	FakeRunner runner;
	runner.rows.push_back(R"({"status": "created", "message": "ok", "entity_id": "1", "entity": {"id": "u1", "email": "a@b", "org": {"name": "Acme"}}, "updated_fields": ["email"], "cascade": {"deleted": ["s1"]}, "metadata": null})");
	std::string out = run(*s, runner,
	                      "mutation($tags: [String!]) { createUser(input: {email: \"a@b\", tags: $tags}) { __typename "
	                      "... on CreateUserSuccess { message updatedFields cascade { deleted } user { email org { name } } } "
	                      "... on CreateUserError { code } } }",
	                      R"({"tags": ["x", "y"]})", R"({"tenant_id": "t1", "user_id": 7})");
	CHECK_EQ(out, std::string("{\"data\":{\"createUser\":{\"__typename\":\"CreateUserSuccess\",\"message\":\"ok\","
	                          "\"updatedFields\":[\"email\"],\"cascade\":{\"deleted\":[\"s1\"]},"
	                          "\"user\":{\"email\":\"a@b\",\"org\":{\"name\":\"Acme\"}}}}}"));
	CHECK_EQ(runner.sql.size(), size_t(1));
	if (runner.sql.empty())
		return;
	// The input literal holds a variable: built in SQL from bound parts.
	CHECK_EQ(runner.sql[0], std::string("SELECT pg_catalog.to_jsonb(r) FROM \"s\".\"create_user\"($1, $2, "
	                                    "pg_catalog.jsonb_build_object('email', pg_catalog.to_jsonb($3), 'tags', $4)) r"));
	CHECK_EQ(runner.params[0].size(), size_t(4));
	if (runner.params[0].size() == 4) {
		CHECK_EQ(runner.params[0][0], std::string("t1"));
		CHECK_EQ(runner.params[0][1], std::string("7"));
		CHECK_EQ(runner.params[0][2], std::string("a@b")); // a text leaf: jsonb_build_object makes it a JSON string
		CHECK_EQ(runner.params[0][3], std::string("[\"x\",\"y\"]"));
	}
}

TEST(mutation_error_member_and_missing_context)
{
	auto s = build_bound();
	if (!s)
		return;
	FakeRunner runner;
	runner.rows.push_back(R"({"status": "not_found:user", "message": "no such user"})");
	const char *query = "mutation { createUser(input: {email: \"a@b\"}) { __typename ... on CreateUserError { status code message } } }";
	std::string out = run(*s, runner, query, nullptr, R"({"tenant_id": "t1", "user_id": "u"})");
	CHECK_EQ(out, std::string("{\"data\":{\"createUser\":{\"__typename\":\"CreateUserError\",\"status\":\"not_found:user\","
	                          "\"code\":404,\"message\":\"no such user\"}}}"));
	// Literal leaves are parameters too (the plan cache can rebind them).
	CHECK(!runner.sql.empty() && runner.sql[0].find("jsonb_build_object('email', pg_catalog.to_jsonb($3))") != std::string::npos);
	CHECK(!runner.params.empty() && runner.params[0].back() == "a@b");
	// user_id is missing: a field error; the result type is non-null, so data is null.
	runner.rows.clear();
	out = run(*s, runner, query, nullptr, R"({"tenant_id": "t1"})");
	CHECK(out.find("needs the context value \\\"user_id\\\"") != std::string::npos);
	CHECK(out.find("\"data\":null") != std::string::npos);
	// Read-only servers refuse mutations before running anything.
	size_t calls = runner.sql.size();
	out = run(*s, runner, query, nullptr, R"({"tenant_id": "t1", "user_id": "u"})", true);
	CHECK(out.find("read-only") != std::string::npos);
	CHECK_EQ(runner.sql.size(), calls);
}

TEST(mutation_query_functions_and_union_fields)
{
	auto s = build_bound();
	if (!s)
		return;
	FakeRunner runner;
	runner.rows.push_back(R"({"__typename": "Pet", "name": "Rex"})");
	std::string out = run(*s, runner,
	                      "{ search(term: \"r\") { __typename ... on User { email } ... on Pet { name } } }");
	CHECK_EQ(out, std::string("{\"data\":{\"search\":[{\"__typename\":\"Pet\",\"name\":\"Rex\"}]}}"));
	CHECK_EQ(runner.sql.empty() ? std::string() : runner.sql[0],
	         std::string("SELECT r.data FROM \"s\".\"search\"(\"term\" => $1, \"max_rows\" => NULL) AS r(data)"));
	runner.rows.push_back(R"({"name": "no typename"})");
	out = run(*s, runner, "{ search(term: \"r\", maxRows: 2) { __typename } }");
	CHECK(out.find("Abstract type \\\"Hit\\\" must resolve to an object type at runtime") != std::string::npos);
	CHECK(runner.sql.back() == "SELECT r.data FROM \"s\".\"search\"(\"term\" => $1, \"max_rows\" => $2) AS r(data)");
	runner.rows.push_back(R"({"id": "u1", "email": "a@b"})");
	out = run(*s, runner, "query($id: UUID!) { user(id: $id) { email } }", R"({"id": "00000000-0000-0000-0000-000000000001"})");
	CHECK_EQ(out, std::string("{\"data\":{\"user\":{\"email\":\"a@b\"}}}"));
	CHECK(runner.sql.back() == "SELECT r.\"data\" FROM \"s\".\"user\"(\"id\" => $1) r LIMIT 2");
}

TEST(mutation_interface_fields_inside_rows)
{
	schema::BuildResult r = schema::build_schema(R"(
interface Node { id: ID! }
type A implements Node { id: ID! a: Int }
type B implements Node { id: ID! b: String }
type Holder { node: Node, nodes: [Node!] }
type Query { holder: Holder @function(name: "s.h") }
)");
	CHECK(r.schema != nullptr);
	if (!r.schema)
		return;
	r.schema->function_bindings()[0]->candidates.push_back(candidate("h", {}, schema::FunctionReturns::Jsonb, true));
	CHECK(schema::check_function_bindings(*r.schema).empty());
	FakeRunner runner;
	runner.rows.push_back(R"({"node": {"__typename": "A", "id": "1", "a": 5}, "nodes": [{"__typename": "B", "id": "2", "b": "x"}, {"__typename": "A", "id": "3", "a": 7}]})");
	std::string out = run(*r.schema, runner,
	                      "{ holder { node { id ... on A { a } __typename } nodes { __typename ... on B { b } ... on A { a } } } }");
	CHECK_EQ(out, std::string("{\"data\":{\"holder\":{\"node\":{\"id\":\"1\",\"a\":5,\"__typename\":\"A\"},"
	                          "\"nodes\":[{\"__typename\":\"B\",\"b\":\"x\"},{\"__typename\":\"A\",\"a\":7}]}}}"));
	// A type that is not one of the interface's: the non-null item nulls the list, with an error.
	runner.rows.push_back(R"({"nodes": [{"__typename": "Holder", "id": "9"}]})");
	out = run(*r.schema, runner, "{ holder { nodes { id } } }");
	CHECK(out.find("\"path\":[\"holder\",\"nodes\",0]") != std::string::npos);
	CHECK(out.find("\"nodes\":null") != std::string::npos);
}

TEST(mutation_absent_variables_are_left_out)
{
	auto s = build_bound();
	if (!s)
		return;
	FakeRunner runner;
	const char *query = "mutation($name: String) { createUser(input: {email: \"a\", name: $name}) { __typename } }";
	const char *context = R"({"tenant_id": "t", "user_id": "u"})";
	run(*s, runner, query, "{}", context);
	run(*s, runner, query, R"({"name": null})", context);
	run(*s, runner, query, R"({"name": "N"})", context);
	CHECK_EQ(runner.sql.size(), size_t(3));
	if (runner.sql.size() != 3)
		return;
	// Absent: the field is not in the input; null or a value: it is.
	CHECK(runner.sql[0].find("jsonb_build_object('email', pg_catalog.to_jsonb($3))") != std::string::npos);
	CHECK(runner.sql[1].find("jsonb_build_object('email', pg_catalog.to_jsonb($3), 'name', $4)") != std::string::npos);
	CHECK_EQ(runner.params[1].back(), std::string("<null>"));
	CHECK_EQ(runner.params[2].back(), std::string("\"N\""));
	// A Query function argument given by an absent variable uses the parameter's DEFAULT.
	schema::BuildResult r = schema::build_schema(
	    "type T { a: Int } type Query { f(x: Int, y: Int): [T!]! @function(name: \"s.f\") }");
	CHECK(r.schema != nullptr);
	if (!r.schema)
		return;
	schema::FunctionCandidate c = candidate("f", {param("x", INT4, "integer"), param("y", INT4, "integer")},
	                                        schema::FunctionReturns::Jsonb, true);
	c.defaults = 1; // y has a DEFAULT
	r.schema->function_bindings()[0]->candidates.push_back(c);
	CHECK(schema::check_function_bindings(*r.schema).empty());
	run(*r.schema, runner, "query($x: Int, $y: Int) { f(x: $x, y: $y) { a } }", "{}");
	run(*r.schema, runner, "query($x: Int, $y: Int) { f(x: $x, y: $y) { a } }", R"({"y": 2})");
	CHECK_EQ(runner.sql[3], std::string("SELECT r.data FROM \"s\".\"f\"(\"x\" => $1) AS r(data)"));
	CHECK_EQ(runner.sql[4], std::string("SELECT r.data FROM \"s\".\"f\"(\"x\" => $1, \"y\" => $2) AS r(data)"));
}

TEST(mutation_branch_expansion_is_bounded)
{
	// An interface field compiles its selection for each implementation, and
	// each of those selects the interface field again: 2^depth nodes unless bounded.
	schema::BuildResult r = schema::build_schema(R"(
interface I { next: I }
type A implements I { next: I }
type B implements I { next: I }
type Query { root: I @function(name: "s.r") }
)");
	CHECK(r.schema != nullptr);
	if (!r.schema)
		return;
	r.schema->function_bindings()[0]->candidates.push_back(candidate("r", {}, schema::FunctionReturns::Jsonb, true));
	CHECK(schema::check_function_bindings(*r.schema).empty());
	std::string query = "{ root { ";
	const int depth = 30;
	for (int i = 0; i < depth; i++)
		query += "next { ";
	query += "__typename";
	for (int i = 0; i < depth; i++)
		query += " }";
	query += " } }";
	FakeRunner runner;
	std::string out = run(*r.schema, runner, query.c_str());
	CHECK(out.find("QUERY_TOO_COMPLEX") != std::string::npos);
	CHECK(runner.sql.empty());
	// Ten levels (2^11 nodes) are fine.
	query = "{ root { next { next { next { next { next { next { next { next { next { next { __typename } } } } } } } } } } } }";
	runner.rows.push_back(R"({"__typename": "A", "next": {"__typename": "B", "next": null}})");
	out = run(*r.schema, runner, query.c_str());
	CHECK_EQ(out, std::string("{\"data\":{\"root\":{\"next\":{\"next\":null}}}}"));
}

TEST(mutation_built_input_takes_field_defaults)
{
	schema::BuildResult r = schema::build_schema(R"(
input In { a: String, b: Int = 3, c: [Int!] = [1, 2] }
type R { message: String }
type Query { x: R @function(name: "s.x") }
type Mutation { m(input: In!): R @function(name: "s.m") }
)");
	CHECK(r.schema != nullptr);
	if (!r.schema)
		return;
	for (schema::FunctionBinding *b : r.schema->function_bindings())
		b->candidates.push_back(b->name == "s.x"
		                            ? candidate("x", {}, schema::FunctionReturns::Jsonb, true)
		                            : candidate("m", {param("input", JSONB, "jsonb")}, schema::FunctionReturns::MutationResponse, false));
	CHECK(schema::check_function_bindings(*r.schema).empty());
	FakeRunner runner;
	runner.rows.push_back(R"({"status": "noop:same", "message": "nothing"})");
	std::string out = run(*r.schema, runner, "mutation($a: String, $b: Int) { m(input: {a: $a, b: $b}) { message } }",
	                      R"({"a": "z"})");
	// An object result type takes every status.
	CHECK_EQ(out, std::string("{\"data\":{\"m\":{\"message\":\"nothing\"}}}"));
	CHECK_EQ(runner.sql.empty() ? std::string() : runner.sql[0],
	         std::string("SELECT pg_catalog.to_jsonb(r) FROM \"s\".\"m\"(pg_catalog.jsonb_build_object('a', $1, 'b', "
	                     "pg_catalog.to_jsonb($2), 'c', pg_catalog.jsonb_build_array(pg_catalog.to_jsonb($3), "
	                     "pg_catalog.to_jsonb($4)))) r"));
	CHECK(!runner.params.empty() && runner.params[0] == std::vector<std::string>({"\"z\"", "3", "1", "2"}));
	// A literal: the same, its leaves typed parameters.
	run(*r.schema, runner, "mutation { m(input: {a: \"y\", b: null}) { message } }");
	CHECK(runner.sql.size() == 2 &&
	      runner.sql[1] == "SELECT pg_catalog.to_jsonb(r) FROM \"s\".\"m\"(pg_catalog.jsonb_build_object('a', "
	                       "pg_catalog.to_jsonb($1), 'b', 'null'::pg_catalog.jsonb, 'c', pg_catalog.jsonb_build_array("
	                       "pg_catalog.to_jsonb($2), pg_catalog.to_jsonb($3)))) r");
	CHECK(runner.params.size() == 2 && runner.params[1] == std::vector<std::string>({"y", "1", "2"}));
	// More than 100 items: built in parts (a call takes at most 100 arguments).
	std::string list;
	for (int i = 0; i < 150; i++)
		list += (i ? ", " : "") + std::to_string(i);
	run(*r.schema, runner, ("mutation { m(input: {c: [" + list + "]}) { message } }").c_str());
	CHECK(runner.sql.size() == 3 && runner.sql[2].find("pg_catalog.to_jsonb($100)) || pg_catalog.jsonb_build_array(pg_catalog.to_jsonb($101),") != std::string::npos);
	CHECK(runner.params.size() == 3 && runner.params[2].size() == 151); // 150 items and b's default
}

namespace {

// Input keys: multi-word fields, nested objects, lists of objects, a JSON
// field, an @field(key:) with a key that is no GraphQL name, and the opt-out.
const char *const KEYS_SDL = R"(
scalar JSON
input AddressInput { streetName: String! postCode: String }
input TagInput { tagName: String! }
input CreateThingInput {
  displayName: String!
  homeAddress: AddressInput
  tagList: [TagInput!]
  extraData: JSON
  nick: String @field(key: "nick's name")
  pageSize: Int = 10
}
type Thing { id: Int }
type Query { thing: Thing @function(name: "s.thing") }
type Mutation {
  createThing(input: CreateThingInput!): Thing @function(name: "s.create")
  createThingRaw(input: CreateThingInput!): Thing @function(name: "s.create_raw", graphqlInputKeys: true)
}
)";

std::unique_ptr<schema::Schema>
build_keys()
{
	std::unique_ptr<schema::Schema> s = built(KEYS_SDL);
	if (!s)
		return nullptr;
	for (schema::FunctionBinding *b : s->function_bindings())
		b->candidates.push_back(b->name == "s.thing"
		                            ? candidate("thing", {}, schema::FunctionReturns::Jsonb, true)
		                            : candidate("create", {param("input", JSONB, "jsonb")}, schema::FunctionReturns::Jsonb, false));
	CHECK(schema::check_function_bindings(*s).empty());
	return s;
}

const char *const THING_VARIABLES = R"({"in": {"displayName": "A", "homeAddress": {"streetName": "Main", "postCode": null},
  "tagList": [{"tagName": "x"}, {"tagName": "y"}], "extraData": {"someKey": {"innerKey": 1}}, "nick": "n"}})";

} // namespace

TEST(mutation_input_keys_from_one_variable)
{
	auto s = build_keys();
	if (!s)
		return;
	FakeRunner runner;
	runner.rows.push_back(R"({"id": 1})");
	run(*s, runner, "mutation($in: CreateThingInput!) { createThing(input: $in) { id } }", THING_VARIABLES);
	// Snake_case keys at every level, the JSON value's own keys untouched, the default included.
	CHECK(runner.params.size() == 1 &&
	      runner.params[0] == std::vector<std::string>(
	                              {R"({"display_name":"A","home_address":{"street_name":"Main","post_code":null},)"
	                               R"("tag_list":[{"tag_name":"x"},{"tag_name":"y"}],"extra_data":{"someKey":{"innerKey":1}},)"
	                               R"("nick's name":"n","page_size":10})"}));
	// The opt-out: GraphQL names.
	run(*s, runner, "mutation($in: CreateThingInput!) { createThingRaw(input: $in) { id } }", THING_VARIABLES);
	CHECK(runner.params.size() == 2 &&
	      runner.params[1] == std::vector<std::string>(
	                              {R"({"displayName":"A","homeAddress":{"streetName":"Main","postCode":null},)"
	                               R"("tagList":[{"tagName":"x"},{"tagName":"y"}],"extraData":{"someKey":{"innerKey":1}},)"
	                               R"("nick":"n","pageSize":10})"}));
}

TEST(mutation_input_keys_in_a_literal_with_variables)
{
	auto s = build_keys();
	if (!s)
		return;
	FakeRunner runner;
	const char *query = "mutation($street: String!, $tag: TagInput!, $tags: [TagInput!], $address: AddressInput) {"
	                    " a: createThing(input: {displayName: \"A\", homeAddress: {streetName: $street},"
	                    " tagList: [{tagName: \"t\"}, $tag], extraData: {someKey: 1}, nick: \"n\"}) { id }"
	                    " b: createThing(input: {displayName: \"B\", homeAddress: $address, tagList: $tags}) { id }"
	                    " c: createThingRaw(input: {displayName: \"C\", tagList: [{tagName: \"t\"}, $tag]}) { id } }";
	run(*s, runner, query,
	    R"({"street": "Main", "tag": {"tagName": "u"}, "tags": [{"tagName": "v"}], "address": {"streetName": "S", "postCode": "9"}})");
	CHECK_EQ(runner.sql.size(), size_t(3));
	if (runner.sql.size() != 3)
		return;
	// Keys written in the SQL; the @field key is bound, not spliced; the JSON literal keeps its keys.
	CHECK_EQ(runner.sql[0],
	         std::string("SELECT r.m FROM \"s\".\"create\"(pg_catalog.jsonb_build_object('display_name', "
	                     "pg_catalog.to_jsonb($1), 'home_address', pg_catalog.jsonb_build_object('street_name', $2), "
	                     "'tag_list', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object("
	                     "'tag_name', pg_catalog.to_jsonb($3)), $4), 'extra_data', $5, ($6)::pg_catalog.text, "
	                     "pg_catalog.to_jsonb($7), 'page_size', pg_catalog.to_jsonb($8))) AS r(m)"));
	CHECK(runner.params[0] ==
	      std::vector<std::string>({"A", "\"Main\"", "t", R"({"tag_name":"u"})", R"({"someKey":1})", "nick's name", "n", "10"}));
	// Variables for a nested object and a list of objects: converted when bound.
	CHECK(runner.params[1] == std::vector<std::string>({"B", R"({"street_name":"S","post_code":"9"})", R"([{"tag_name":"v"}])", "10"}));
	// The opt-out: names in the SQL and in the variable.
	CHECK(runner.sql[2].find("'displayName'") != std::string::npos &&
	      runner.sql[2].find("'tagName'") != std::string::npos && runner.sql[2].find("'tag_name'") == std::string::npos);
	CHECK(runner.params[2] == std::vector<std::string>({"C", "t", R"({"tagName":"u"})", "10"}));
}

TEST(mutation_input_keys_directives_print_and_load_again)
{
	auto s = build_keys();
	if (!s)
		return;
	std::string printed = schema::print_schema(*s);
	CHECK(printed.find("nick: String @field(key: \"nick's name\")") != std::string::npos);
	CHECK(printed.find("displayName: String!\n") != std::string::npos); // the default key is not printed
	CHECK(printed.find("@function(name: \"s.create_raw\", graphqlInputKeys: true)") != std::string::npos);
	CHECK(printed.find("@function(name: \"s.create\")") != std::string::npos);
	util::Arena arena;
	syntax::ParseResult parsed = syntax::parse_document(printed, arena);
	CHECK(parsed.document != nullptr);
	if (parsed.document)
		CHECK(validation::validate_fraiseql_sdl(*parsed.document).empty());
	schema::BuildResult again = schema::build_schema(printed);
	CHECK(again.schema != nullptr);
	if (again.schema)
		CHECK_EQ(schema::print_schema(*again.schema), printed);
	// @field on an input field passes SDL validation; a non-Boolean opt-out does not build.
	syntax::ParseResult own = syntax::parse_document(KEYS_SDL, arena);
	CHECK(own.document && validation::validate_fraiseql_sdl(*own.document).empty());
	// Text printed before graphqlInputKeys existed (stored schemas) still loads.
	const char *previous = "directive @function(name: String!, context: [String!]) on FIELD_DEFINITION\n"
	                       "directive @field(key: String!) on FIELD_DEFINITION\n"
	                       "type T { a: Int @field(key: \"b\") } type Query { t: T @function(name: \"s.t\") }";
	syntax::ParseResult old = syntax::parse_document(previous, arena);
	CHECK(old.document && validation::validate_fraiseql_sdl(*old.document).empty());
	CHECK(schema::build_schema(previous).schema != nullptr);
	schema::BuildResult bad = schema::build_schema(
	    "type T { a: Int } type Query { t: T @function(name: \"s.t\", graphqlInputKeys: \"yes\") }");
	CHECK(!bad.schema && !bad.errors.empty() &&
	      bad.errors[0].message == "argument \"graphqlInputKeys\" of \"@function\" must be a Boolean");
	schema::BuildResult on_query = schema::build_schema(
	    "type T { a: Int } type Query { t: T @function(name: \"s.t\", graphqlInputKeys: true) }");
	CHECK(!on_query.schema && !on_query.errors.empty() &&
	      on_query.errors[0].message == "Query.t: \"graphqlInputKeys\" of \"@function\" applies to Mutation fields "
	                                    "only (a Query function receives its arguments with their GraphQL names)");
}
