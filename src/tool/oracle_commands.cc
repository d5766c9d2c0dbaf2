// oracle_commands.cc: tokens, parse, validate-sdl and validate-spec, answering
// in the JSON of test/conformance/tools/oracle.mjs.
#include "tool/oracle_commands.h"

#include <string>
#include <vector>

#include "core/response/json_writer.h"
#include "core/schema/schema.h"
#include "core/syntax/lexer.h"
#include "core/syntax/printer.h"
#include "core/validation/sdl/base_schema_facts.h"
#include "core/validation/sdl/validate_sdl.h"
#include "tool/cli_error.h"

namespace fraiseql::tool {

namespace {

// A JSON string literal, escaped as the response writer escapes.
void
append_json_string(std::string &out, std::string_view s)
{
	out += '"';
	response::append_escaped(out, s);
	out += '"';
}

void
append_error(std::string &out, const syntax::SyntaxError &e)
{
	out += "{\"message\":";
	append_json_string(out, e.message);
	if (e.line != 0) {
		out += ",\"line\":" + std::to_string(e.line) + ",\"column\":" + std::to_string(e.column);
		out += ",\"locations\":[{\"line\":" + std::to_string(e.line) + ",\"column\":" + std::to_string(e.column) + "}]}";
	} else {
		out += ",\"locations\":[]}";
	}
}

void
append_token(std::string &out, const syntax::Token &t, const std::vector<uint32_t> &u16)
{
	out += "{\"kind\":";
	append_json_string(out, syntax::token_kind_name(t.kind));
	if (syntax::token_has_value(t.kind)) {
		out += ",\"value\":";
		append_json_string(out, t.value);
	}
	out += ",\"line\":" + std::to_string(t.line) + ",\"column\":" + std::to_string(t.column);
	out += ",\"start\":" + std::to_string(u16[t.start]) + ",\"end\":" + std::to_string(u16[t.end]) + "}";
}

// graphql-js's classification of a document that failed to parse, from its first tokens.
std::string
kind_from_tokens(const std::string &source)
{
	util::Arena arena;
	syntax::Lexer lexer(source, arena);
	syntax::Token first, next;
	if (!lexer.advance(first))
		return "executable";
	if (first.kind == syntax::TokenKind::String || first.kind == syntax::TokenKind::BlockString) {
		if (!lexer.advance(next))
			return "executable";
		bool exe = next.kind == syntax::TokenKind::BraceL ||
		           (next.kind == syntax::TokenKind::Name && (next.value == "query" || next.value == "mutation" ||
		                                                      next.value == "subscription" || next.value == "fragment"));
		return exe ? "executable" : "sdl";
	}
	if (first.kind == syntax::TokenKind::Name) {
		static const char *const sdl[] = {"schema", "scalar", "type", "interface", "union", "enum", "input", "directive", "extend"};
		for (const char *w : sdl)
			if (first.value == w)
				return "sdl";
		return "executable";
	}
	return "executable";
}

std::string
kind_of_document(const syntax::Document &doc)
{
	int exe = 0, sdl = 0;
	for (const syntax::Definition *d : doc.definitions) {
		if (d->kind == syntax::DefinitionKind::Operation || d->kind == syntax::DefinitionKind::Fragment)
			exe++;
		else
			sdl++;
	}
	if (exe > 0 && sdl > 0)
		return "mixed";
	if (sdl > 0)
		return "sdl";
	return "executable";
}

// {"errors":[{"message","locations"}...]} as oracle.mjs prints validation errors.
std::string
graphql_errors_json(const ErrorList &errors)
{
	std::string out = "{\"errors\":[";
	for (size_t i = 0; i < errors.size(); i++) {
		out += i ? ",{\"message\":" : "{\"message\":";
		append_json_string(out, errors[i].message);
		out += ",\"locations\":[";
		for (size_t k = 0; k < errors[i].locations.size(); k++) {
			const SourceLocation &l = errors[i].locations[k];
			out += k ? "," : "";
			out += "{\"line\":" + std::to_string(l.line) + ",\"column\":" + std::to_string(l.column) + "}";
		}
		out += "]}";
	}
	return out + "]}";
}

} // namespace

std::string
oracle_tokens(const std::string &source)
{
	util::Arena arena;
	syntax::Lexer lexer(source, arena);
	std::vector<uint32_t> u16 = syntax::utf16_offsets(source);
	std::string tokens, comments;
	bool ok = true;
	for (;;) {
		syntax::Token t;
		if (!lexer.next(t)) {
			ok = false;
			break;
		}
		std::string &list = t.kind == syntax::TokenKind::Comment ? comments : tokens;
		if (!list.empty())
			list += ',';
		append_token(list, t, u16);
		if (t.kind == syntax::TokenKind::Eof)
			break;
	}
	std::string out = "{\"tokens\":[" + tokens + "]";
	if (!ok) {
		out += ",\"error\":";
		append_error(out, lexer.error());
	}
	if (!comments.empty())
		out += ",\"comments\":[" + comments + "]";
	return out + "}";
}

std::string
oracle_parse(const std::string &source, const std::string &entry, const syntax::ParseOptions &options)
{
	util::Arena arena;
	std::string kind, printed;
	syntax::SyntaxError error;
	bool ok = false;
	if (entry == "parse") {
		syntax::ParseResult r = syntax::parse_document(source, arena, options);
		ok = r.document != nullptr;
		kind = ok ? kind_of_document(*r.document) : kind_from_tokens(source);
		if (ok)
			printed = syntax::print(*r.document);
		error = r.error;
	} else if (entry == "parseValue" || entry == "parseConstValue") {
		const bool is_const = entry == "parseConstValue";
		syntax::ValueParseResult r = syntax::parse_value(source, arena, is_const, options);
		ok = r.value != nullptr;
		kind = is_const ? "const_value" : "value";
		if (ok)
			printed = syntax::print(*r.value);
		error = r.error;
	} else if (entry == "parseType") {
		syntax::TypeParseResult r = syntax::parse_type(source, arena, options);
		ok = r.type != nullptr;
		kind = "type";
		if (ok)
			printed = syntax::print(*r.type);
		error = r.error;
	} else {
		throw UsageError("unknown --entry " + entry);
	}
	std::string out = std::string("{\"ok\":") + (ok ? "true" : "false") + ",\"kind\":";
	append_json_string(out, kind);
	if (ok) {
		out += ",\"ast_print\":";
		append_json_string(out, printed);
		out += ",\"print\":";
		append_json_string(out, printed);
	} else {
		out += ",\"error\":";
		append_error(out, error);
	}
	return out + "}";
}

// oracle.mjs validate-sdl: validateSDL(parse(query), buildSchema(base)?, rules).
std::string
oracle_validate_sdl(const std::string &source, const std::string *base_sdl, const std::string &rule_name)
{
	validation::SdlRuleSelection rules = validation::SdlRuleSelection::all();
	if (!rule_name.empty() && rule_name != "specifiedSDLRules") {
		validation::SdlRule rule;
		if (!validation::sdl_rule_from_name(rule_name, rule))
			throw UsageError("unknown SDL rule " + rule_name);
		rules = validation::SdlRuleSelection::only(rule);
	}
	util::Arena arena;
	validation::BaseSchemaFacts facts;
	if (base_sdl) {
		syntax::ParseResult base = syntax::parse_document(*base_sdl, arena);
		if (!base.document)
			throw InputError("the --schema SDL does not parse: " + base.error.message);
		facts = validation::build_base_schema_facts(*base.document);
	}
	syntax::ParseResult parsed = syntax::parse_document(source, arena);
	if (!parsed.document) {
		std::string out = "{\"errors\":[{\"message\":";
		append_json_string(out, parsed.error.message);
		out += ",\"locations\":[";
		if (parsed.error.line != 0)
			out += "{\"line\":" + std::to_string(parsed.error.line) + ",\"column\":" +
			       std::to_string(parsed.error.column) + "}";
		return out + "]}],\"syntax_error\":true}";
	}
	return graphql_errors_json(validation::validate_sdl(*parsed.document, base_sdl ? &facts : nullptr, rules));
}

// oracle.mjs validate: validate(buildSchema(schema), parse(query), rules, options),
// through the same core entry point as the conformance runner.
std::string
oracle_validate(const std::string &schema_sdl, const std::string &source, const std::string &rule_name,
             const validation::ValidateOptions &base_options, bool fragment_arguments)
{
	schema::BuildOptions build_options;
	build_options.mode = schema::BuildMode::Spec;
	schema::BuildResult built = schema::build_schema(schema_sdl, build_options);
	if (!built.schema)
		throw InputError("the schema does not build: " + (built.errors.empty() ? std::string() : built.errors[0].message));
	validation::ValidateOptions options = base_options;
	if (!rule_name.empty()) {
		if (!validation::is_rule_name(rule_name))
			throw UsageError("unknown rule " + rule_name);
		options.rules = {rule_name};
	}
	return validation::oracle_json(validation::validate_text(*built.schema, source, options, fragment_arguments));
}

} // namespace fraiseql::tool
