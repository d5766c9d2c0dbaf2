// main.cc: fraiseql-tool, the CLI that answers like conformance/tools/oracle.mjs (tokens, parse, validate).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/syntax/lexer.h"
#include "core/syntax/parser.h"
#include "core/syntax/printer.h"
#include "core/response/json_writer.h"
#include "core/validation/sdl/base_schema_facts.h"
#include "core/schema/schema.h"
#include "core/validation/sdl/validate_sdl.h"
#include "core/validation/validate.h"

using namespace fraiseql;
namespace {

// A JSON string literal, escaped as the response writer escapes.
void
append_json_string(std::string &out, std::string_view s)
{
	out += '"';
	fraiseql::response::append_escaped(out, s);
	out += '"';
}

} // namespace

namespace {

const char kUsage[] =
    "usage:\n"
    "  fraiseql-tool tokens   --query FILE\n"
    "  fraiseql-tool parse    --query FILE [--entry parse|parseValue|parseConstValue|parseType] [--max-tokens N] "
    "[--experimental-fragment-arguments]\n"
    "  fraiseql-tool validate --schema SDL_FILE --query FILE [--rule NAME|specifiedRules] [--hide-suggestions] "
    "[--max-errors N] [--experimental-fragment-arguments]\n"
    "  fraiseql-tool validate-sdl --query SDL_FILE [--schema BASE_SDL_FILE] [--rule NAME|specifiedSDLRules]\n";

[[noreturn]] void
usage_error(const std::string &message)
{
	std::fprintf(stderr, "%s\n%s", message.c_str(), kUsage);
	std::exit(2);
}

std::string
read_file(const std::string &path)
{
	std::ifstream in(path, std::ios::binary);
	if (!in)
		usage_error("cannot read " + path);
	std::ostringstream ss;
	ss << in.rdbuf();
	return ss.str();
}

// UTF-16 offset of every byte offset, because graphql-js reports start/end in UTF-16 units.
std::vector<uint32_t>
utf16_offsets(std::string_view s)
{
	std::vector<uint32_t> at(s.size() + 1, 0);
	uint32_t units = 0;
	for (size_t i = 0; i < s.size();) {
		syntax::Utf8Char ch = syntax::decode_utf8(s, i);
		for (uint32_t k = 0; k < ch.bytes; k++)
			at[i + k] = units;
		units += ch.units;
		i += ch.bytes;
	}
	at[s.size()] = units;
	return at;
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

std::string
cmd_tokens(const std::string &source)
{
	util::Arena arena;
	syntax::Lexer lexer(source, arena);
	std::vector<uint32_t> u16 = utf16_offsets(source);
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

std::string
cmd_parse(const std::string &source, const std::string &entry, const syntax::ParseOptions &options)
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
		usage_error("unknown entry " + entry);
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

// oracle.mjs validate-sdl: validateSDL(parse(query), buildSchema(base)?, rules).
std::string
cmd_validate_sdl(const std::string &source, const std::string *base_sdl, const std::string &rule_name)
{
	validation::SdlRuleSelection rules = validation::SdlRuleSelection::all();
	if (!rule_name.empty() && rule_name != "specifiedSDLRules") {
		validation::SdlRule rule;
		if (!validation::sdl_rule_from_name(rule_name, rule))
			usage_error("unknown SDL rule " + rule_name);
		rules = validation::SdlRuleSelection::only(rule);
	}
	util::Arena arena;
	validation::BaseSchemaFacts facts;
	if (base_sdl) {
		syntax::ParseResult base = syntax::parse_document(*base_sdl, arena);
		if (!base.document) {
			std::fprintf(stderr, "the --schema SDL does not parse: %s\n", base.error.message.c_str());
			std::exit(1);
		}
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
cmd_validate(const std::string &schema_sdl, const std::string &source, const std::string &rule_name,
             const validation::ValidateOptions &base_options, bool fragment_arguments)
{
	schema::BuildOptions build_options;
	build_options.mode = schema::BuildMode::Spec;
	schema::BuildResult built = schema::build_schema(schema_sdl, build_options);
	if (!built.schema)
		usage_error("the schema does not build: " + (built.errors.empty() ? std::string() : built.errors[0].message));
	validation::ValidateOptions options = base_options;
	if (!rule_name.empty()) {
		if (!validation::is_rule_name(rule_name))
			usage_error("unknown rule " + rule_name);
		options.rules = {rule_name};
	}
	return validation::oracle_json(validation::validate_text(*built.schema, source, options, fragment_arguments));
}

} // namespace

int
main(int argc, char **argv)
{
	if (argc < 2)
		usage_error("no command");
	const std::string command = argv[1];
	std::string query, schema, entry = "parse", rule;
	syntax::ParseOptions options;
	bool have_query = false, have_schema = false;
	validation::ValidateOptions validate_options;
	for (int i = 2; i < argc; i++) {
		const std::string arg = argv[i];
		auto value = [&]() -> std::string {
			if (i + 1 >= argc)
				usage_error("unknown or incomplete option: " + arg);
			return argv[++i];
		};
		if (arg == "--query") {
			query = value();
			have_query = true;
		} else if (arg == "--schema") {
			schema = value();
			have_schema = true;
		} else if (arg == "--rule") {
			rule = value();
		} else if (arg == "--entry") {
			entry = value();
		} else if (arg == "--max-tokens") {
			options.limits.max_tokens = static_cast<uint32_t>(std::strtoul(value().c_str(), nullptr, 10));
		} else if (arg == "--experimental-fragment-arguments") {
			options.experimental_fragment_arguments = true;
		} else if (arg == "--hide-suggestions") {
			validate_options.hide_suggestions = true;
		} else if (arg == "--max-errors") {
			validate_options.max_errors = static_cast<size_t>(std::strtoul(value().c_str(), nullptr, 10));
		} else {
			usage_error("unknown or incomplete option: " + arg);
		}
	}
	if (!have_query)
		usage_error("--query is required");
	std::string out;
	if (command == "tokens") {
		out = cmd_tokens(read_file(query));
	} else if (command == "parse") {
		out = cmd_parse(read_file(query), entry, options);
	} else if (command == "validate") {
		if (!have_schema)
			usage_error("--schema is required");
		out = cmd_validate(read_file(schema), read_file(query), rule, validate_options,
		                   options.experimental_fragment_arguments);
	} else if (command == "validate-sdl") {
		const std::string base_sdl = have_schema ? read_file(schema) : std::string();
		out = cmd_validate_sdl(read_file(query), have_schema ? &base_sdl : nullptr, rule);
	} else {
		usage_error("unknown command " + command);
	}
	std::fwrite(out.data(), 1, out.size(), stdout);
	std::fputc('\n', stdout);
	return 0;
}
