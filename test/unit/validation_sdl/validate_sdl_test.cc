// validate_sdl_test.cc: unit tests for validation::validate_sdl: graphql-js's
// error order across rules, base schema facts, rule selection, and linear
// behaviour on hostile input.
#include <string>
#include <vector>

#include "core/syntax/parser.h"
#include "core/validation/sdl/base_schema_facts.h"
#include "core/validation/sdl/builtins.h"
#include "core/validation/sdl/validate_sdl.h"
#include "unit/check.h"

using namespace fraiseql;
using namespace fraiseql::validation;

namespace {

// "message @line:col[,line:col]" per error, for compact comparisons.
std::vector<std::string>
describe(const ErrorList &errors)
{
	std::vector<std::string> out;
	for (const GraphQLError &e : errors) {
		std::string s = e.message + " @";
		for (size_t i = 0; i < e.locations.size(); i++)
			s += (i ? "," : "") + std::to_string(e.locations[i].line) + ":" + std::to_string(e.locations[i].column);
		out.push_back(s);
		CHECK(e.code == ErrorCode::ValidationFailed);
	}
	return out;
}

std::vector<std::string>
run(std::string_view sdl, std::string_view base_sdl = {}, SdlRuleSelection rules = SdlRuleSelection::all())
{
	util::Arena arena;
	syntax::ParseResult doc = syntax::parse_document(sdl, arena);
	CHECK(doc.document != nullptr);
	if (!doc.document)
		return {"(does not parse)"};
	BaseSchemaFacts facts;
	if (!base_sdl.empty()) {
		syntax::ParseResult base = syntax::parse_document(base_sdl, arena);
		CHECK(base.document != nullptr);
		if (!base.document)
			return {"(base does not parse)"};
		facts = build_base_schema_facts(*base.document);
	}
	return describe(validate_sdl(*doc.document, base_sdl.empty() ? nullptr : &facts, rules));
}

// One line per error, so a mismatch prints readably.
std::string
lines(const std::vector<std::string> &errors)
{
	std::string out;
	for (const std::string &e : errors)
		out += "\n        " + e;
	return out;
}

} // namespace

TEST(sdl_builtins_parse)
{
	CHECK_EQ(sdl::specified_directives().size(), 5u);
	CHECK_EQ(sdl::introspection_types().size(), 8u);
	CHECK_EQ(sdl::standard_type_names().size(), 13u);
	bool deprecated_has_default = false;
	for (const syntax::DirectiveDefinition *d : sdl::specified_directives())
		if (d->name.text == "deprecated")
			deprecated_has_default = d->arguments.size() == 1 && d->arguments[0].default_value != nullptr;
	CHECK(deprecated_has_default);
}

TEST(sdl_valid_document_has_no_errors)
{
	CHECK_EQ(lines(run("directive @tag(name: String!) repeatable on OBJECT | FIELD_DEFINITION\n"
	             "type Query @tag(name: \"a\") @tag(name: \"b\") { a(x: Int = 1): String @deprecated }\n"
	             "extend type Query { b: [ID!]! }\n"
	             "input I @oneOf { a: Int, b: String }\n"
	             "scalar Url @specifiedBy(url: \"https://example.com\")")),
	         std::string());
}

// graphql-js runs all rules in one visit: errors come in document order, and
// at one node in specifiedSDLRules order; a directive's missing arguments are
// reported when the visit leaves it, after what its arguments contain.
// (Expected lists: graphql-js 17.1 validateSDL's answers, via oracle.mjs.)
TEST(sdl_errors_interleave_in_visiting_order)
{
	std::vector<std::string> want = {
	    "There can be only one type named \"A\". @2:6,3:6",
	    "Unknown type \"Strin\". Did you mean \"String\" or \"In\"? @3:13",
	    "Unknown directive \"@nope\". @3:19",
	    "There can be only one input field named \"a\". @4:31,4:37",
	    "Argument \"@d(req:)\" of type \"Int!\" is required, but it was not provided. @4:24",
	};
	CHECK_EQ(lines(run("directive @d(req: Int!, o: In) on FIELD_DEFINITION\n"
	             "type A { x: Int }\n"
	             "type A { f: Strin @nope }\n"
	             "extend type A { g: Int @d(o: {a: 1, a: 2}) }\n"
	             "input In { a: Int }")),
	         lines(want));
}

TEST(sdl_single_rule_selection)
{
	const char *doc = "type A\ntype A\nextend type B @k\nschema { query: A }\nschema { query: A }";
	CHECK_EQ(lines(run(doc, {}, SdlRuleSelection::only(SdlRule::UniqueTypeNames))),
	         lines({"There can be only one type named \"A\". @1:6,2:6"}));
	CHECK_EQ(lines(run(doc, {}, SdlRuleSelection::only(SdlRule::LoneSchemaDefinition))),
	         lines({"Must provide only one schema definition. @5:1"}));
	CHECK_EQ(lines(run(doc, {}, SdlRuleSelection::only(SdlRule::PossibleTypeExtensions))),
	         lines({"Cannot extend type \"B\" because it is not defined. Did you mean \"A\"? @3:13"}));
	CHECK_EQ(lines(run(doc)), lines({
	                              "There can be only one type named \"A\". @1:6,2:6",
	                              "Cannot extend type \"B\" because it is not defined. Did you mean \"A\"? @3:13",
	                              "Unknown directive \"@k\". @3:15",
	                              "Must provide only one schema definition. @5:1",
	                              "There can be only one query type in schema. @4:10,5:10",
	                          }));
}

TEST(sdl_rule_names_round_trip)
{
	for (unsigned i = 0; i < unsigned(SdlRule::Count); i++) {
		SdlRule rule;
		CHECK(sdl_rule_from_name(sdl_rule_name(SdlRule(i)), rule));
		CHECK(rule == SdlRule(i));
	}
	SdlRule rule;
	CHECK(!sdl_rule_from_name("FieldsOnCorrectTypeRule", rule));
	CHECK(!sdl_rule_from_name("", rule));
}

TEST(sdl_base_schema_facts)
{
	util::Arena arena;
	syntax::ParseResult base = syntax::parse_document(
	    "directive @skip(x: Int) on OBJECT\n"
	    "type Query { a(n: Int): Foo }\n"
	    "type Foo { b: String }\n"
	    "extend type Foo { c: ID }\n"
	    "enum E { X }",
	    arena);
	CHECK(base.document != nullptr);
	if (!base.document)
		return;
	BaseSchemaFacts facts = build_base_schema_facts(*base.document);
	for (const char *name : {"Query", "Foo", "E", "String", "Boolean", "Int", "ID", "__Schema", "__TypeKind"})
		CHECK(facts.find_type(name) != nullptr);
	CHECK(facts.find_type("Float") == nullptr); // not referenced, so not in graphql-js's type map
	const BaseTypeFacts *foo = facts.find_type("Foo");
	CHECK(foo && foo->kind == syntax::DefinitionKind::ObjectType && foo->members.count("b") && foo->members.count("c"));
	CHECK(facts.find_type("__TypeKind")->members.count("NON_NULL"));
	CHECK(!facts.has_schema_definition);
	CHECK(facts.has_root[0] && !facts.has_root[1] && !facts.has_root[2]);
	// The schema's @skip replaces the specified one; the other four are added.
	CHECK_EQ(facts.directives.size(), 5u);
	CHECK_EQ(std::string(facts.directives[0]->name.text), "skip");
	CHECK(facts.directives[0]->arguments.size() == 1 && facts.directives[0]->arguments[0].name.text == "x");
}

TEST(sdl_extending_a_base_schema)
{
	// The document's own @key (no arguments) replaces the schema's.
	const char *base = "directive @key(fields: String!) on OBJECT\ntype Query { a: Int }\nenum E { X }";
	std::vector<std::string> want = {
	    "Cannot define a new schema within a schema extension. @1:1",
	    "Type for query already defined in the schema. It cannot be redefined. @1:10",
	    "Type \"Query\" already exists in the schema. It cannot also be defined in this type definition. @2:6",
	    "Field \"Query.a\" already exists in the schema. It cannot also be defined in this type extension. @3:26",
	    "Enum value \"E.X\" already exists in the schema. It cannot also be defined in this type extension. @4:17",
	    "Directive \"@key\" already exists in the schema. It cannot be redefined. @5:12",
	    "Cannot extend non-object type \"E\". @6:1",
	};
	CHECK_EQ(lines(run("schema { query: Query }\n"
	             "type Query\n"
	             "extend type Query @key { a: Int }\n"
	             "extend enum E { X }\n"
	             "directive @key on OBJECT\n"
	             "extend type E { y: Int }",
	             base)),
	         lines(want));
}

TEST(sdl_error_limit)
{
	util::Arena arena;
	syntax::ParseResult parsed = syntax::parse_document("type A\ntype A\ntype B { f: C }\ntype D { g: E }", arena);
	CHECK(parsed.document != nullptr);
	if (!parsed.document)
		return;
	CHECK_EQ(validate_sdl(*parsed.document, nullptr).size(), 3u);
	CHECK_EQ(validate_sdl(*parsed.document, nullptr, SdlRuleSelection::all(), 3).size(), 3u);
	CHECK_EQ(lines(describe(validate_sdl(*parsed.document, nullptr, SdlRuleSelection::all(), 2))),
	         lines({"There can be only one type named \"A\". @1:6,2:6", "Unknown type \"C\". Did you mean \"A\", \"B\", or \"D\"? @3:13",
	                "Too many validation errors, error limit reached. Validation aborted. @"}));
	CHECK_EQ(validate_sdl(*parsed.document, nullptr, SdlRuleSelection::all(), 1).size(), 2u);
}

// With a limit, many unknown names among many types cost no "Did you mean"
// search past the limit (graphql-js's suggestions are n*m without one). The
// outcome is checked here; the time is measured by make bench-validate, not
// by a timed test.
TEST(sdl_error_limit_bounds_suggestion_work)
{
	const int n = 20000;
	std::string doc;
	for (int i = 0; i < n; i++)
		doc += "type T" + std::to_string(100000 + i) + " { f: U" + std::to_string(100000 + i) + " }\n";
	util::Arena arena;
	syntax::ParseResult parsed = syntax::parse_document(doc, arena);
	CHECK(parsed.document != nullptr);
	if (!parsed.document)
		return;
	ErrorList errors = validate_sdl(*parsed.document, nullptr, SdlRuleSelection::all(), 1);
	CHECK_EQ(errors.size(), 2u);
	CHECK(errors.size() == 2 && errors[0].message.rfind("Unknown type \"U100000\". Did you mean", 0) == 0);
}

// Repeated names must not make any rule quadratic: 20,000 uses of one name
// each give one error (or one group); the outcome is checked here, the time
// by make bench-validate.
TEST(sdl_hostile_repetition_stays_linear)
{
	const int n = 20000;
	std::string fields, object, args;
	for (int i = 0; i < n; i++) {
		fields += " f: Int";
		object += " a: 1";
		args += " x: 1";
	}
	std::string doc = "directive @d(x: Int, o: In) on OBJECT | FIELD_DEFINITION\ninput In { a: Int }\n"
	                  "type Q @d(" + args + ") @d @d {" + fields + " }\n"
	                  "type R @d(o: {" + object + " }) { g: Int }\n";
	util::Arena arena;
	syntax::ParseResult parsed = syntax::parse_document(doc, arena);
	CHECK(parsed.document != nullptr);
	if (!parsed.document)
		return;
	ErrorList errors = validate_sdl(*parsed.document, nullptr);
	// n-1 repeated fields, 1 argument group (n locations), 2 repeated @d, n-1 repeated input fields.
	CHECK_EQ(errors.size(), size_t(n - 1 + 1 + 2 + n - 1));
	size_t group_locations = 0;
	for (const GraphQLError &e : errors)
		if (e.message == "There can be only one argument named \"x\".")
			group_locations = e.locations.size();
	CHECK_EQ(group_locations, size_t(n));
}
