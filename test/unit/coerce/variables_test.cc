// variables_test.cc: variable coercion against graphql-js 17's behaviour and
// messages (the first cases are those of conformance/execution-shapes.json).
#include <string>

#include "core/coerce/variables.h"
#include "core/syntax/parser.h"
#include "unit/check.h"
#include "unit/support/jsonb_builder.h"

using namespace fraiseql;

namespace {

// FraiseQL mode: the extra scalars (UUID, Date, ...) are built in.
const char *const SDL = R"(
scalar Opaque
enum Role { ADMIN MEMBER }
input UserFilter { name: String! role: Role = MEMBER minAge: Int }
input Where { id: UUID AND: [Where!] }
input Pick @oneOf { id: ID email: String }
type Item @view(name: "app.v_item") { id: ID! }
type Query { items: [Item!]! }
)";

const schema::Schema &
test_schema()
{
	static schema::BuildResult built = [] {
		return schema::build_schema(SDL);
	}();
	if (!built.schema) {
		for (const GraphQLError &e : built.errors)
			std::fprintf(stderr, "schema: %s\n", e.message.c_str());
		std::abort();
	}
	return *built.schema;
}

// Coerces `variables` (JSON, or "" for none) for `query`; returns the JSON of
// the coerced values ({"name": value, ...}) or the error messages joined by '\n'.
std::string
run_coerce(std::string_view query, std::string_view variables, uint32_t max_depth = 32)
{
	util::Arena arena;
	syntax::ParseResult parsed = syntax::parse_document(query, arena);
	if (!parsed.document)
		return "parse: " + parsed.error.message;
	const auto &operation = static_cast<const syntax::OperationDefinition &>(*parsed.document->definitions[0]);
	test::JsonbDoc doc(variables.empty() ? "null" : variables);
	coerce::VariableValues values;
	coerce::CoerceOptions options;
	options.max_depth = max_depth;
	ErrorList errors = coerce::coerce_variables(test_schema(), operation,
	                                             variables.empty() ? jsonb::Value() : doc.root(), values, options);
	std::string out;
	if (!errors.empty()) {
		for (const GraphQLError &e : errors)
			out += (out.empty() ? "" : "\n") + e.message;
		return out;
	}
	response::JsonWriter json(response::heap_buffer_source());
	json.raw('{');
	bool first = true;
	for (const syntax::VariableDefinition &def : operation.variables) {
		const coerce::InputValue *v = values.find(def.variable.text);
		if (!v)
			continue;
		if (!first)
			json.raw(',');
		first = false;
		json.string(def.variable.text);
		json.raw(':');
		v->write_json(json);
	}
	json.raw('}');
	return std::string(json.json());
}

} // namespace

TEST(variables_graphql_js_messages)
{
	const char *int_query = "query ($n: Int!) { a }";
	CHECK_EQ(run_coerce(int_query, R"({"n": "abc"})"), R"(Variable "$n" has invalid value: Int cannot represent non-integer value: "abc")");
	CHECK_EQ(run_coerce(int_query, R"({"n": 2147483648})"),
	         R"(Variable "$n" has invalid value: Int cannot represent non 32-bit signed integer value: 2147483648)");
	CHECK_EQ(run_coerce(int_query, R"({"n": 1.5})"), R"(Variable "$n" has invalid value: Int cannot represent non-integer value: 1.5)");
	CHECK_EQ(run_coerce(int_query, R"({"n": "5"})"), R"(Variable "$n" has invalid value: Int cannot represent non-integer value: "5")");
	CHECK_EQ(run_coerce(int_query, "{}"), R"(Variable "$n" has invalid value: Expected a value of non-null type "Int!" to be provided.)");
	CHECK_EQ(run_coerce(int_query, ""), R"(Variable "$n" has invalid value: Expected a value of non-null type "Int!" to be provided.)");
	CHECK_EQ(run_coerce(int_query, R"({"n": null})"), R"(Variable "$n" has invalid value: Expected value of non-null type "Int!" not to be null.)");
	CHECK_EQ(run_coerce("query ($on: Boolean!) { a }", R"({"on": "true"})"),
	         R"(Variable "$on" has invalid value: Boolean cannot represent a non boolean value: "true")");
	CHECK_EQ(run_coerce("query ($r: Role!) { a }", R"({"r": "GUEST"})"),
	         R"(Variable "$r" has invalid value: Value "GUEST" does not exist in "Role" enum.)");
	CHECK_EQ(run_coerce("query ($f: UserFilter!) { a }", R"({"f": {"nmae": "Ann"}})"),
	         "Variable \"$f\" has invalid value: Expected value of type \"UserFilter\" to include required field \"name\", "
	         "found: { nmae: \"Ann\" }.\n"
	         "Variable \"$f\" has invalid value: Expected value of type \"UserFilter\" not to include unknown field \"nmae\". "
	         "Did you mean \"name\"? Found: { nmae: \"Ann\" }.");
	CHECK_EQ(run_coerce("query ($n: Int!, $x: Float!, $on: Boolean!) { a }", R"({"n": "a", "x": "b"})"),
	         "Variable \"$n\" has invalid value: Int cannot represent non-integer value: \"a\"\n"
	         "Variable \"$x\" has invalid value: Float cannot represent non numeric value: \"b\"\n"
	         "Variable \"$on\" has invalid value: Expected a value of non-null type \"Boolean!\" to be provided.");
	CHECK_EQ(run_coerce("query ($ids: [ID!]!) { a }", R"({"ids": ["1", null]})"),
	         R"(Variable "$ids" has invalid value at [1]: Expected value of non-null type "ID!" not to be null.)");
}

TEST(variables_values_and_defaults)
{
	// Absent nullable variables are absent; explicit null is kept.
	CHECK_EQ(run_coerce("query ($n: Int, $m: Int) { a }", R"({"m": null})"), R"({"m":null})");
	// Defaults apply only when absent.
	CHECK_EQ(run_coerce("query ($n: Int = 7, $s: [String] = [\"x\"]) { a }", "{}"), R"({"n":7,"s":["x"]})");
	CHECK_EQ(run_coerce("query ($n: Int = 7) { a }", R"({"n": null})"), R"({"n":null})");
	// A single value where a list is expected is a list of one.
	CHECK_EQ(run_coerce("query ($ids: [ID!]!) { a }", R"({"ids": 5})"), R"({"ids":["5"]})");
	CHECK_EQ(run_coerce("query ($ids: [[Int]]) { a }", R"({"ids": [[1, 2], [null]]})"), R"({"ids":[[1,2],[null]]})");
	// ID from an integer or a string; Int from an integral number.
	CHECK_EQ(run_coerce("query ($a: ID, $b: ID, $n: Int) { a }", R"({"a": 12, "b": "x", "n": 3.0})"), R"({"a":"12","b":"x","n":3})");
	CHECK_EQ(run_coerce("query ($a: ID) { a }", R"({"a": 1.5})"), R"(Variable "$a" has invalid value: ID cannot represent value: 1.5)");
	// Input objects: fields in the type's order, defaults filled in, nested paths in messages.
	CHECK_EQ(run_coerce("query ($f: UserFilter) { a }", R"({"f": {"minAge": 3, "name": "Ann"}})"),
	         R"({"f":{"name":"Ann","role":"MEMBER","minAge":3}})");
	CHECK_EQ(run_coerce("query ($f: UserFilter) { a }", R"({"f": {"name": "Ann", "role": "BOSS"}})"),
	         R"(Variable "$f" has invalid value at .role: Value "BOSS" does not exist in "Role" enum.)");
	CHECK_EQ(run_coerce("query ($f: UserFilter) { a }", R"({"f": [1]})"),
	         R"(Variable "$f" has invalid value: Expected value of type "UserFilter" to be an object, found: [1].)");
	CHECK_EQ(run_coerce("query ($w: Where) { a }", R"({"w": {"AND": [{"id": "x"}]}})"),
	         "Variable \"$w\" has invalid value at .AND[0].id: UUID cannot represent value: \"x\" (expected 8-4-4-4-12 hexadecimal digits)");
}

TEST(variables_one_of)
{
	CHECK_EQ(run_coerce("query ($p: Pick) { a }", R"({"p": {"email": "a@b"}})"), R"({"p":{"email":"a@b"}})");
	const std::string message =
	    "Within OneOf Input Object type \"Pick\", exactly one field must be specified, and the value for that field must be non-null.";
	CHECK_EQ(run_coerce("query ($p: Pick) { a }", R"({"p": {"email": "a@b", "id": "1"}})"), "Variable \"$p\" has invalid value: " + message);
	CHECK_EQ(run_coerce("query ($p: Pick) { a }", R"({"p": {}})"), "Variable \"$p\" has invalid value: " + message);
	CHECK_EQ(run_coerce("query ($p: Pick) { a }", R"({"p": {"id": null}})"), "Variable \"$p\" has invalid value at .id: " + message);
}

TEST(variables_extra_scalars)
{
	const char *q = "query ($u: UUID, $d: Date, $t: DateTime, $h: Time, $b: BigInt, $m: Decimal, $j: JSON, $o: Opaque) { a }";
	CHECK_EQ(run_coerce(q, R"({"u": "A0000000-0000-0000-0000-000000000001", "d": "2024-02-29", "t": "2026-11-30T06:31:02Z",
	                       "h": "12:00:00", "b": "9223372036854775807", "m": "12.50", "j": {"k": [1, true]}, "o": [1]})"),
	         R"({"u":"A0000000-0000-0000-0000-000000000001","d":"2024-02-29","t":"2026-11-30T06:31:02Z","h":"12:00:00",)"
	         R"("b":"9223372036854775807","m":"12.50","j":{"k":[1,true]},"o":[1]})");
	CHECK_EQ(run_coerce(q, R"({"b": 42, "m": 1.5})"), R"({"b":"42","m":"1.5"})");
	CHECK_EQ(run_coerce(q, R"({"d": "2026-02-30"})"), R"(Variable "$d" has invalid value: Date cannot represent value: "2026-02-30" (expected YYYY-MM-DD))");
	CHECK_EQ(run_coerce(q, R"({"t": "2026-11-30T06:31:02"})"),
	         R"(Variable "$t" has invalid value: DateTime cannot represent value: "2026-11-30T06:31:02" (expected RFC 3339, e.g. 2026-01-31T12:00:00Z))");
	CHECK_EQ(run_coerce(q, R"({"h": 12})"), R"(Variable "$h" has invalid value: Time cannot represent value: 12 (expected HH:MM:SS))");
	CHECK_EQ(run_coerce(q, R"({"b": 9223372036854775808})"),
	         R"(Variable "$b" has invalid value: BigInt cannot represent value: 9223372036854775808 (expected a 64-bit integer))");
	CHECK_EQ(run_coerce(q, R"({"m": "1,5"})"),
	         R"(Variable "$m" has invalid value: Decimal cannot represent value: "1,5" (expected a number, or a string holding one))");
	CHECK_EQ(run_coerce(q, R"({"u": 1})"), R"(Variable "$u" has invalid value: UUID cannot represent value: 1 (expected 8-4-4-4-12 hexadecimal digits))");
	CHECK_EQ(run_coerce("query ($x: Float) { a }", R"({"x": 1e400})"), R"(Variable "$x" has invalid value: Float cannot represent non numeric value: 1)" + std::string(400, '0'));
}

TEST(variables_depth_limit)
{
	std::string deep = R"({"w": )";
	for (int i = 0; i < 40; i++)
		deep += R"({"AND": [)";
	deep += "{}";
	for (int i = 0; i < 40; i++)
		deep += "]}";
	deep += "}";
	const std::string result = run_coerce("query ($w: Where) { a }", deep, 32);
	CHECK(result.find("nested more than 32 levels deep.") != std::string::npos);
	CHECK(run_coerce("query ($w: Where) { a }", deep, 100).find("AND") != std::string::npos);
}
