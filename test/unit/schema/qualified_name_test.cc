// qualified_name_test.cc: the names @view and @function take, and the load
// error (with the directive's position) for anything else.
#include <string>

#include "core/schema/qualified_name.h"
#include "core/schema/schema.h"
#include "unit/check.h"

using namespace fraiseql;

namespace {

std::string
parsed(const char *text)
{
	schema::QualifiedName n;
	std::string problem = schema::parse_qualified_name(text, n);
	return problem.empty() ? "[" + n.schema + "][" + n.name + "]" : "error: " + problem;
}

bool
rejected(const char *text)
{
	schema::QualifiedName n;
	return !schema::parse_qualified_name(text, n).empty();
}

} // namespace

TEST(qualified_name_valid_forms)
{
	CHECK_EQ(parsed("v"), std::string("[][v]"));
	CHECK_EQ(parsed("public.v"), std::string("[public][v]"));
	CHECK_EQ(parsed("Public.V"), std::string("[public][v]")); // unquoted: folded to lower case
	CHECK_EQ(parsed("\"My View\""), std::string("[][My View]"));
	CHECK_EQ(parsed("\"a\"\"b\".v"), std::string("[a\"b][v]"));
	CHECK_EQ(parsed("\"Sch.ema\".\"V;x\""), std::string("[Sch.ema][V;x]")); // quoted: anything but an unpaired "
	CHECK_EQ(parsed("_s$1.fn_2$"), std::string("[_s$1][fn_2$]"));
	CHECK_EQ(parsed("caf\xc3\xa9.V\xc3\x89"), std::string("[caf\xc3\xa9][v\xc3\x89]")); // non-ASCII kept as is
	CHECK_EQ(parsed(std::string(63, 'a').c_str()), "[][" + std::string(63, 'a') + "]");
}

TEST(qualified_name_rejects_everything_else)
{
	CHECK_EQ(parsed("public.v_item; DROP TABLE tb_item"),
	         std::string("error: unexpected \";\" at offset 13 after identifier \"v_item\""));
	CHECK_EQ(parsed("public.fn_x(NULL)"), std::string("error: unexpected \"(\" at offset 11 after identifier \"fn_x\""));
	CHECK(rejected("public.fn_x(NULL); DROP TABLE t"));
	CHECK(rejected("public. v"));
	CHECK(rejected(" public.v"));
	CHECK(rejected("public.v "));
	CHECK(rejected("my view"));
	CHECK(rejected(""));
	CHECK_EQ(parsed("public."), std::string("error: an identifier is missing at the end"));
	CHECK(rejected(".v"));
	CHECK(rejected("a..b"));
	CHECK_EQ(parsed("db.public.v"), std::string("error: too many dots: expected name or schema.name"));
	CHECK_EQ(parsed("\"open"), std::string("error: unterminated quoted identifier"));
	CHECK(rejected("\"a\"\"")); // the "" is an escaped quote: still open
	CHECK(rejected("public.\"v"));
	CHECK_EQ(parsed("\"\".v"), std::string("error: a quoted identifier cannot be empty"));
	CHECK(rejected("\"a\"b"));
	CHECK(rejected("1v"));
	CHECK(rejected("v-1"));
	CHECK(rejected(std::string(64, 'a').c_str())); // PostgreSQL would truncate it
	schema::QualifiedName n;
	CHECK_EQ(schema::parse_qualified_name(std::string_view("\"a\0b\"", 5), n),
	         std::string("a quoted identifier cannot contain a NUL character"));
}

TEST(qualified_name_load_errors_at_the_directive)
{
	schema::BuildResult r = schema::build_schema("type Item @view(name: \"public.v_item; DROP TABLE tb_item\") { id: Int }\n"
	                                             "type Query { items: [Item!]!\n"
	                                             "  x(a: Int): Item @function(name: \"public.fn_x(NULL); DROP TABLE t\") }\n");
	CHECK(!r.schema);
	CHECK_EQ(r.errors.size(), size_t(2));
	if (r.errors.size() != 2)
		return;
	CHECK_EQ(r.errors[0].message,
	         std::string("argument \"name\" of \"@view\" must be a relation name ([schema.]name, identifiers optionally "
	                     "double-quoted): unexpected \";\" at offset 13 after identifier \"v_item\""));
	CHECK(r.errors[0].locations.size() == 1 && r.errors[0].locations[0].line == 1 && r.errors[0].locations[0].column == 11);
	CHECK_EQ(r.errors[1].message,
	         std::string("argument \"name\" of \"@function\" must be a function name ([schema.]name, identifiers "
	                     "optionally double-quoted): unexpected \"(\" at offset 11 after identifier \"fn_x\""));
	CHECK(r.errors[1].locations.size() == 1 && r.errors[1].locations[0].line == 3 && r.errors[1].locations[0].column == 19);
	// A root field's own @view too; valid quoted names build.
	CHECK(!schema::build_schema("type Item { id: Int } type Query { items: [Item!]! @view(name: \"v (x)\") }").schema);
	CHECK(schema::build_schema("type Item @view(name: \"\\\"My Schema\\\".\\\"a\\\"\\\"b\\\"\") { id: Int } "
	                           "type Query { items: [Item!]! }")
	          .schema != nullptr);
}
