// parser_test.cc: unit tests for the parser: AST shape, error texts and positions, limits.
#include <string>

#include "core/syntax/parser.h"
#include "unit/check.h"

using namespace fraiseql;
using namespace fraiseql::syntax;

namespace {

SyntaxError
error_of(std::string_view source, const ParseOptions &options = ParseOptions())
{
	util::Arena arena;
	ParseResult r = parse_document(source, arena, options);
	CHECK(r.document == nullptr);
	return r.error;
}

} // namespace

TEST(parser_operation_shape)
{
	util::Arena arena;
	ParseResult r = parse_document(
	    "query Q($id: ID! = 4 @d, $l: [Int]) @op { alias: user(id: $id, f: 1.5) @skip(if: false) { ...F ... on User { n } } }",
	    arena);
	CHECK(r.document != nullptr);
	if (!r.document)
		return;
	CHECK_EQ(r.document->definitions.size(), 1u);
	auto *op = static_cast<OperationDefinition *>(r.document->definitions[0]);
	CHECK(op->kind == DefinitionKind::Operation);
	CHECK(op->operation == OperationType::Query);
	CHECK_EQ(std::string(op->name.text), "Q");
	CHECK_EQ(op->variables.size(), 2u);
	CHECK_EQ(std::string(op->variables[0].variable.text), "id");
	CHECK(op->variables[0].type->kind == TypeKind::NonNull);
	CHECK_EQ(std::string(op->variables[0].type->of_type->name.text), "ID");
	CHECK_EQ(std::string(op->variables[0].default_value->text), "4");
	CHECK_EQ(op->variables[0].directives.size(), 1u);
	CHECK(op->variables[1].type->kind == TypeKind::List);
	CHECK_EQ(op->directives.size(), 1u);
	CHECK_EQ(op->selection_set->selections.size(), 1u);
	auto *f = static_cast<Field *>(op->selection_set->selections[0]);
	CHECK(f->kind == SelectionKind::Field);
	CHECK_EQ(std::string(f->response_key()), "alias");
	CHECK_EQ(std::string(f->name.text), "user");
	CHECK_EQ(f->arguments.size(), 2u);
	CHECK(f->arguments[0].value->kind == ValueKind::Variable);
	CHECK_EQ(std::string(f->arguments[0].value->text), "id");
	CHECK(f->arguments[1].value->kind == ValueKind::Float);
	CHECK_EQ(f->directives.size(), 1u);
	CHECK(f->selection_set->selections[0]->kind == SelectionKind::FragmentSpread);
	auto *inl = static_cast<InlineFragment *>(f->selection_set->selections[1]);
	CHECK(inl->kind == SelectionKind::InlineFragment);
	CHECK_EQ(std::string(inl->type_condition.text), "User");
	CHECK_EQ(r.document->token_count, 52u);
}

TEST(parser_locations)
{
	util::Arena arena;
	ParseResult r = parse_document("{\n  a {\n    b\n  }\n}", arena);
	CHECK(r.document != nullptr);
	if (!r.document)
		return;
	auto *op = static_cast<OperationDefinition *>(r.document->definitions[0]);
	CHECK(op->shorthand);
	CHECK_EQ(op->loc.start, 0u);
	CHECK_EQ(op->loc.end, 19u);
	auto *a = static_cast<Field *>(op->selection_set->selections[0]);
	CHECK_EQ(a->loc.line, 2u);
	CHECK_EQ(a->loc.column, 3u);
	CHECK_EQ(a->loc.end, 17u);
	auto *b = static_cast<Field *>(a->selection_set->selections[0]);
	CHECK_EQ(b->loc.line, 3u);
	CHECK_EQ(b->loc.column, 5u);
}

TEST(parser_values)
{
	util::Arena arena;
	ValueParseResult r = parse_value("[1, -2.5e3, \"s\\n\", \"\"\"  b\"\"\", true, null, ENUM, {a: [$v]}]", arena, false);
	CHECK(r.value != nullptr);
	if (!r.value)
		return;
	CHECK(r.value->kind == ValueKind::List);
	CHECK_EQ(r.value->list.size(), 8u);
	CHECK(r.value->list[0]->kind == ValueKind::Int);
	CHECK_EQ(std::string(r.value->list[1]->text), "-2.5e3");
	CHECK_EQ(std::string(r.value->list[2]->text), "s\n");
	CHECK(r.value->list[3]->block);
	CHECK_EQ(std::string(r.value->list[3]->text), "  b");
	CHECK(r.value->list[4]->boolean);
	CHECK(r.value->list[5]->kind == ValueKind::Null);
	CHECK(r.value->list[6]->kind == ValueKind::Enum);
	CHECK(r.value->list[7]->kind == ValueKind::Object);
	CHECK_EQ(std::string(r.value->list[7]->fields[0].name.text), "a");
	ValueParseResult c = parse_value("{a: $v}", arena, true);
	CHECK(c.value == nullptr);
	CHECK_EQ(c.error.message, "Syntax Error: Unexpected variable \"$v\" in constant value.");
	CHECK_EQ(c.error.column, 5u);
	TypeParseResult t = parse_type("[[Int!]]!", arena);
	CHECK(t.type != nullptr && t.type->kind == TypeKind::NonNull);
}

TEST(parser_sdl_shape)
{
	util::Arena arena;
	ParseResult r = parse_document(
	    "\"\"\"Desc\"\"\" type A implements B & C @d { \"f\" f(a: Int = 1 @x): [A!]! }\n"
	    "extend type A { g: Int }\nunion U = | A | B\nenum E { X \"y\" Y }\ninput I { a: Int = 2 }\n"
	    "directive @d(a: Int) repeatable on FIELD | QUERY\nschema { query: Q }\nextend schema @d\nscalar S\n"
	    "extend directive @d @e\ninterface I2 implements A { a: Int }",
	    arena);
	CHECK(r.document != nullptr);
	if (!r.document)
		return;
	CHECK_EQ(r.document->definitions.size(), 11u);
	auto *t = static_cast<TypeDefinition *>(r.document->definitions[0]);
	CHECK(t->kind == DefinitionKind::ObjectType);
	CHECK(t->has_description && t->description_block);
	CHECK_EQ(std::string(t->description), "Desc");
	CHECK_EQ(t->interfaces.size(), 2u);
	CHECK_EQ(t->fields.size(), 1u);
	CHECK_EQ(std::string(t->fields[0].description), "f");
	CHECK_EQ(std::string(t->fields[0].arguments[0].default_value->text), "1");
	CHECK(static_cast<TypeDefinition *>(r.document->definitions[1])->is_extension);
	CHECK_EQ(static_cast<TypeDefinition *>(r.document->definitions[2])->members.size(), 2u);
	CHECK_EQ(static_cast<TypeDefinition *>(r.document->definitions[3])->values.size(), 2u);
	CHECK_EQ(static_cast<TypeDefinition *>(r.document->definitions[4])->input_fields.size(), 1u);
	auto *d = static_cast<DirectiveDefinition *>(r.document->definitions[5]);
	CHECK(d->repeatable);
	CHECK_EQ(d->locations.size(), 2u);
	auto *s = static_cast<SchemaDefinition *>(r.document->definitions[6]);
	CHECK_EQ(s->operation_types.size(), 1u);
	CHECK(static_cast<SchemaDefinition *>(r.document->definitions[7])->is_extension);
	CHECK(static_cast<DirectiveDefinition *>(r.document->definitions[9])->is_extension);
}

TEST(parser_descriptions_on_executable_definitions)
{
	util::Arena arena;
	ParseResult r = parse_document("\"op\" query Q(\"var\" $a: Int) { a } \"frag\" fragment F on T { b }", arena);
	CHECK(r.document != nullptr);
	if (!r.document)
		return;
	auto *op = static_cast<OperationDefinition *>(r.document->definitions[0]);
	CHECK_EQ(std::string(op->description), "op");
	CHECK(op->variables[0].has_description);
	CHECK_EQ(std::string(op->variables[0].description), "var");
	CHECK_EQ(std::string(r.document->definitions[1]->description), "frag");
	CHECK_EQ(error_of("\"d\" { a }").message,
	         "Syntax Error: Unexpected description, descriptions are not supported on shorthand queries.");
	CHECK_EQ(error_of("\"d\" extend type A @d").message,
	         "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.");
}

TEST(parser_error_messages)
{
	SyntaxError e = error_of("{");
	CHECK_EQ(e.message, "Syntax Error: Expected Name, found <EOF>.");
	CHECK_EQ(e.line, 1u);
	CHECK_EQ(e.column, 2u);
	CHECK(e.kind == SyntaxErrorKind::Syntax);
	CHECK_EQ(error_of("notAnOperation Foo { field }").message, "Syntax Error: Unexpected Name \"notAnOperation\".");
	CHECK_EQ(error_of("...").message, "Syntax Error: Unexpected \"...\".");
	CHECK_EQ(error_of("{ ...MissingOn }\nfragment MissingOn Type").message, "Syntax Error: Expected \"on\", found Name \"Type\".");
	CHECK_EQ(error_of("{ field: {} }").message, "Syntax Error: Expected Name, found \"{\".");
	CHECK_EQ(error_of("fragment on on on { on }").message, "Syntax Error: Unexpected Name \"on\".");
	CHECK_EQ(error_of("{ ...on }").message, "Syntax Error: Expected Name, found \"}\".");
	CHECK_EQ(error_of("query Foo($a: Int = $b) { a }").message, "Syntax Error: Unexpected variable \"$b\" in constant value.");
	CHECK_EQ(error_of("").message, "Syntax Error: Unexpected <EOF>.");
	CHECK_EQ(error_of("enum E { true }").message,
	         "Syntax Error: Name \"true\" is reserved and cannot be used for an enum value.");
	CHECK_EQ(error_of("extend scalar S").message, "Syntax Error: Unexpected <EOF>.");
	CHECK_EQ(error_of("directive @d on UNKNOWN").message, "Syntax Error: Unexpected Name \"UNKNOWN\".");
	CHECK_EQ(error_of("{ a(s: \"str\" }").message, "Syntax Error: Expected Name, found \"}\".");
	CHECK_EQ(error_of("type T { f: Int } \"desc\"").message, "Syntax Error: Unexpected <EOF>.");
	SyntaxError lex = error_of("{ a ? }");
	CHECK_EQ(lex.message, "Syntax Error: Unexpected character: \"?\".");
	CHECK_EQ(lex.column, 5u);
}

TEST(parser_empty_selection_set_is_accepted)
{
	util::Arena arena;
	ParseResult r = parse_document("{ a {} }", arena);
	CHECK(r.document != nullptr);
}

TEST(parser_fragment_arguments_need_the_option)
{
	const char *src = "fragment F($a: Int = 1) on T { a } { ...F(a: 2) }";
	CHECK_EQ(error_of(src).message, "Syntax Error: Expected \"on\", found \"(\".");
	util::Arena arena;
	ParseOptions options;
	options.experimental_fragment_arguments = true;
	ParseResult r = parse_document(src, arena, options);
	CHECK(r.document != nullptr);
	if (!r.document)
		return;
	auto *frag = static_cast<FragmentDefinition *>(r.document->definitions[0]);
	CHECK_EQ(frag->variables.size(), 1u);
	auto *op = static_cast<OperationDefinition *>(r.document->definitions[1]);
	auto *spread = static_cast<FragmentSpread *>(op->selection_set->selections[0]);
	CHECK_EQ(spread->arguments.size(), 1u);
}

TEST(parser_max_tokens)
{
	ParseOptions options;
	options.limits.max_tokens = 3;
	util::Arena arena;
	CHECK(parse_document("{ a }", arena, options).document != nullptr);
	options.limits.max_tokens = 2;
	SyntaxError e = error_of("{ a }", options);
	CHECK_EQ(e.message, "Syntax Error: Document contains more than 2 tokens. Parsing aborted.");
	CHECK(e.kind == SyntaxErrorKind::Limit);
	CHECK_EQ(e.column, 5u);
	// Comments are not tokens.
	options.limits.max_tokens = 3;
	CHECK(parse_document("# one\n{ a # two\n}", arena, options).document != nullptr);
}

TEST(parser_max_bytes)
{
	ParseOptions options;
	options.limits.max_bytes = 5;
	util::Arena arena;
	CHECK(parse_document("{ a }", arena, options).document != nullptr);
	SyntaxError e = error_of("{ ab }", options);
	CHECK(e.kind == SyntaxErrorKind::Limit);
	CHECK_EQ(e.message, "Syntax Error: Document exceeds the maximum size of 5 bytes.");
}

TEST(parser_max_depth)
{
	ParseOptions options;
	options.limits.max_depth = 2;
	util::Arena arena;
	CHECK(parse_document("{ a { b } }", arena, options).document != nullptr);
	CHECK(parse_document("{ a(x: [1]) }", arena, options).document != nullptr);
	SyntaxError e = error_of("{ a { b { c } } }", options);
	CHECK(e.kind == SyntaxErrorKind::Limit);
	CHECK_EQ(e.message, "Syntax Error: Document nesting exceeds the maximum depth of 2.");
	CHECK_EQ(e.column, 9u);
	CHECK(error_of("{ a(x: [[1]]) }", options).kind == SyntaxErrorKind::Limit);
	CHECK(error_of("{ a(x: {b: {c: 1}}) }", options).kind == SyntaxErrorKind::Limit);
	CHECK(error_of("query ($a: [[[Int]]]) { a }", options).kind == SyntaxErrorKind::Limit);
}

TEST(parser_deep_nesting_never_overflows)
{
	const size_t n = 100000;
	util::Arena arena;
	std::string lists(n, '[');
	ValueParseResult v = parse_value(lists, arena, false);
	CHECK(v.value == nullptr);
	CHECK(v.error.kind == SyntaxErrorKind::Limit);
	std::string objects;
	for (size_t i = 0; i < n; i++)
		objects += "{a:";
	v = parse_value(objects, arena, true);
	CHECK(v.error.kind == SyntaxErrorKind::Limit);
	std::string sels = "query ";
	for (size_t i = 0; i < n; i++)
		sels += "{ a ";
	SyntaxError e = error_of(sels);
	CHECK(e.kind == SyntaxErrorKind::Limit);
	CHECK_EQ(e.message, "Syntax Error: Document nesting exceeds the maximum depth of 512.");
	std::string args = "{ f(x: " + lists + ") }";
	CHECK(error_of(args).kind == SyntaxErrorKind::Limit);
	TypeParseResult t = parse_type(lists + "Int", arena);
	CHECK(t.error.kind == SyntaxErrorKind::Limit);
	// Just under the ceiling parses.
	std::string ok = std::string(500, '[') + std::string(500, ']');
	CHECK(parse_value(ok, arena, true).value != nullptr);
}
