// printer_test.cc: unit tests for print(): graphql-js 17 layout, strings, and parse/print round trips.
#include <string>

#include "core/syntax/parser.h"
#include "core/syntax/printer.h"
#include "unit/check.h"

using namespace fraiseql;
using namespace fraiseql::syntax;

namespace {

std::string
reprint(std::string_view source)
{
	util::Arena arena;
	ParseOptions options;
	options.experimental_fragment_arguments = true;
	ParseResult r = parse_document(source, arena, options);
	if (!r.document)
		return "ERR " + r.error.message;
	return print(*r.document);
}

} // namespace

TEST(printer_executable)
{
	CHECK_EQ(reprint("query { a }"), "{\n  a\n}");
	CHECK_EQ(reprint("query Q { a }"), "query Q {\n  a\n}");
	CHECK_EQ(reprint("mutation { a }"), "mutation {\n  a\n}");
	CHECK_EQ(reprint("query Q($a: [Int!]! = [1] @d, $b: I) @x { x: a(b: $a) @skip(if: true) { ...F ... on T { c } ... @i { d } } }"),
	         "query Q($a: [Int!]! = [1] @d, $b: I) @x {\n  x: a(b: $a) @skip(if: true) {\n    ...F\n    ... on T {\n      c\n"
	         "    }\n    ... @i {\n      d\n    }\n  }\n}");
	CHECK_EQ(reprint("fragment F($a: Int = 1) on T @d { a }"), "fragment F($a: Int = 1) on T @d {\n  a\n}");
	CHECK_EQ(reprint("{ a {} }"), "{\n  a {}\n}");
	CHECK_EQ(reprint("{ a(o: {}, l: []) }"), "{\n  a(o: {  }, l: [])\n}");
	CHECK_EQ(reprint("\"op\" query Q(\"v\" $a: Int) { a }"), "\"op\"\nquery Q(\n\"v\"\n$a: Int\n) {\n  a\n}");
}

TEST(printer_long_arguments_wrap)
{
	std::string args;
	for (int i = 0; i < 6; i++)
		args += (i ? ", " : "") + std::string("argument") + std::to_string(i) + ": \"value number " + std::to_string(i) + "\"";
	std::string printed = reprint("{ f(" + args + ") }");
	CHECK_EQ(printed.substr(0, 20), "{\n  f(\n    argument0");
	CHECK(printed.find("\n  )\n}") != std::string::npos);
	std::string list = "[";
	for (int i = 0; i < 10; i++)
		list += (i ? ", " : "") + std::string("\"item number ") + std::to_string(i) + "\"";
	list += "]";
	printed = reprint("{ f(a: " + list + ") }");
	CHECK(printed.find("[\n      \"item number 0\"\n") != std::string::npos);
}

TEST(printer_strings)
{
	CHECK_EQ(print_string("a\"b\\c\n\t\x01\x7F"), "\"a\\\"b\\\\c\\n\\t\\u0001\\u007F\"");
	CHECK_EQ(print_string("\xC2\x85\xC3\xA9"), "\"\\u0085\xC3\xA9\"");
	CHECK_EQ(print_block_string("simple"), "\"\"\"simple\"\"\"");
	CHECK_EQ(print_block_string("  leading"), "\"\"\"  leading\"\"\"");
	CHECK_EQ(print_block_string("ends with \""), "\"\"\"\nends with \"\n\"\"\"");
	CHECK_EQ(print_block_string("a\nb"), "\"\"\"\na\nb\n\"\"\"");
	CHECK_EQ(print_block_string("has \"\"\" inside"), "\"\"\"has \\\"\"\" inside\"\"\"");
	CHECK_EQ(print_block_string("first\n  indented"), "\"\"\"\nfirst\n  indented\n\"\"\"");
	CHECK_EQ(print_block_string(std::string(71, 'x')), "\"\"\"\n" + std::string(71, 'x') + "\n\"\"\"");
}

TEST(printer_sdl)
{
	CHECK_EQ(reprint("\"\"\"Desc\"\"\" type A implements B & C @d { \"f\" f(a: Int = 1): [A!]! }"),
	         "\"\"\"Desc\"\"\"\ntype A implements B & C @d {\n  \"f\"\n  f(a: Int = 1): [A!]!\n}");
	CHECK_EQ(reprint("type T { f(\"d\" a: Int, b: Int): Int }"), "type T {\n  f(\n    \"d\"\n    a: Int\n    b: Int\n  ): Int\n}");
	CHECK_EQ(reprint("union U = | A | B"), "union U = A | B");
	CHECK_EQ(reprint("extend union U @d"), "extend union U @d");
	CHECK_EQ(reprint("directive @d(a: Int) repeatable on FIELD | QUERY"), "directive @d(a: Int) repeatable on FIELD | QUERY");
	CHECK_EQ(reprint("extend directive @d @e"), "extend directive @d @e");
	CHECK_EQ(reprint("schema @d { query: Q mutation: M }"), "schema @d {\n  query: Q\n  mutation: M\n}");
	CHECK_EQ(reprint("extend schema @d"), "extend schema @d");
	CHECK_EQ(reprint("enum E { A @x \"d\" B }"), "enum E {\n  A @x\n  \"d\"\n  B\n}");
	CHECK_EQ(reprint("input I { a: Int = 1 @d }"), "input I {\n  a: Int = 1 @d\n}");
	CHECK_EQ(reprint("type T"), "type T");
	CHECK_EQ(reprint("scalar S type T"), "scalar S\n\ntype T");
	// Block strings in nested positions take the surrounding indentation.
	CHECK_EQ(reprint("type T { \"\"\"\n  a\n  b\n  \"\"\" f: Int }"), "type T {\n  \"\"\"\n  a\n  b\n  \"\"\"\n  f: Int\n}");
}

TEST(printer_round_trip_is_stable)
{
	const char *docs[] = {
	    "query Q($v: [In!] = [{a: 1, b: \"x\"}] @d) { a(b: {c: [1, 2, 3]}) @d(e: ENUM) { ... on T { f } ...G } }",
	    "fragment G on T { x: y(z: \"\"\"block\n  text\"\"\") }",
	    "\"\"\"schema doc\"\"\" schema { query: Q }\ntype Q implements I & J @k { f(a: [Int] = null): String @deprecated(reason: \"no\") }",
	    "interface I { f: Int }\nunion U = A | B\nenum E { X Y }\ninput In { a: Int = 1 }\nscalar S @specifiedBy(url: \"u\")",
	    "extend type Q @k\nextend interface I { g: Int }\nextend enum E { Z }\nextend input In { b: Int }\nextend scalar S @k",
	};
	for (const char *d : docs) {
		std::string once = reprint(d);
		CHECK(once.rfind("ERR", 0) != 0);
		CHECK_EQ(reprint(once), once);
	}
}

TEST(printer_value_and_type_entry_points)
{
	util::Arena arena;
	ValueParseResult v = parse_value("{a: [1, 2], b: \"s\", c: $x}", arena, false);
	CHECK(v.value != nullptr);
	if (v.value)
		CHECK_EQ(print(*v.value), "{ a: [1, 2], b: \"s\", c: $x }");
	TypeParseResult t = parse_type("[[Int!]]!", arena);
	CHECK(t.type != nullptr);
	if (t.type)
		CHECK_EQ(print(*t.type), "[[Int!]]!");
}
