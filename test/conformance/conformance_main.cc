// conformance_main.cc: checks the lexer, parser and printer against graphql-js answers in lexer.json and parser.json.
// Usage: conformance DIR [EXCLUDED_FILE]; DIR holds the conformance data,
// EXCLUDED_FILE (default test/conformance/excluded.txt) lists "<id> <reason>".
#include <simdjson.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/syntax/lexer.h"
#include "core/syntax/parser.h"
#include "core/syntax/printer.h"

using namespace fraiseql;
namespace od = simdjson::ondemand;

namespace {

struct Tok {
	std::string kind;
	bool has_value = false;
	std::string value;
	int64_t line = 0, column = 0, start = 0, end = 0;
	bool operator==(const Tok &o) const
	{
		return kind == o.kind && has_value == o.has_value && value == o.value && line == o.line &&
		       column == o.column && start == o.start && end == o.end;
	}
};

struct Err {
	bool present = false;
	std::string message;
	int64_t line = 0, column = 0;
	bool operator==(const Err &o) const
	{
		return present == o.present && message == o.message && line == o.line && column == o.column;
	}
};

std::string
show(const Tok &t)
{
	std::string s = t.kind;
	if (t.has_value)
		s += " \"" + t.value + "\"";
	return s + " " + std::to_string(t.line) + ":" + std::to_string(t.column) + " [" + std::to_string(t.start) + "," +
	       std::to_string(t.end) + ")";
}

std::string
show(const Err &e)
{
	if (!e.present)
		return "(no error)";
	return e.message + " at " + std::to_string(e.line) + ":" + std::to_string(e.column);
}

// Shortens a text for one-line diffs and makes newlines visible.
std::string
brief(const std::string &s, size_t max = 160)
{
	std::string out;
	for (char c : s) {
		if (c == '\n')
			out += "\\n";
		else
			out += c;
		if (out.size() >= max) {
			out += "...";
			break;
		}
	}
	return out;
}

Tok
read_tok(od::object obj)
{
	Tok t;
	for (auto field : obj) {
		std::string_view key = field.unescaped_key();
		if (key == "kind")
			t.kind = std::string(std::string_view(field.value().get_string()));
		else if (key == "value") {
			t.has_value = true;
			t.value = std::string(std::string_view(field.value().get_string()));
		} else if (key == "line")
			t.line = field.value().get_int64();
		else if (key == "column")
			t.column = field.value().get_int64();
		else if (key == "start")
			t.start = field.value().get_int64();
		else if (key == "end")
			t.end = field.value().get_int64();
	}
	return t;
}

Err
read_err(od::object obj)
{
	Err e;
	e.present = true;
	for (auto field : obj) {
		std::string_view key = field.unescaped_key();
		if (key == "message")
			e.message = std::string(std::string_view(field.value().get_string()));
		else if (key == "line")
			e.line = field.value().get_int64();
		else if (key == "column")
			e.column = field.value().get_int64();
	}
	return e;
}

Err
our_err(const syntax::SyntaxError &se)
{
	Err e;
	e.present = true;
	e.message = se.message;
	e.line = se.line;
	e.column = se.column;
	return e;
}

struct Tally {
	int passed = 0, failed = 0, skipped = 0;
};

void
report(Tally &tally, const std::string &id, const std::string &diff)
{
	if (diff.empty()) {
		tally.passed++;
		return;
	}
	tally.failed++;
	std::printf("FAIL %s: %s\n", id.c_str(), diff.c_str());
}

std::string
compare_tokens(const char *what, const std::vector<Tok> &want, const std::vector<Tok> &got)
{
	for (size_t i = 0; i < want.size() || i < got.size(); i++) {
		if (i < want.size() && i < got.size() && want[i] == got[i])
			continue;
		std::string w = i < want.size() ? show(want[i]) : "(none)";
		std::string g = i < got.size() ? show(got[i]) : "(none)";
		return std::string(what) + " #" + std::to_string(i) + ": want " + brief(w) + ", got " + brief(g);
	}
	return "";
}

void
run_lexer(const std::string &path, const std::map<std::string, std::string> &excluded, Tally &tally)
{
	simdjson::padded_string json = simdjson::padded_string::load(path);
	od::parser parser;
	od::document doc = parser.iterate(json);
	for (auto item : doc.get_array()) {
		od::object obj = item.get_object();
		std::string id;
		std::string source;
		bool source_ok = true;
		std::vector<Tok> want_tokens, want_comments;
		Err want_error;
		for (auto field : obj) {
			std::string_view key = field.unescaped_key();
			if (key == "id") {
				id = std::string(std::string_view(field.value().get_string()));
			} else if (key == "source") {
				std::string_view s;
				if (field.value().get_string().get(s))
					source_ok = false; // a lone surrogate: not representable in UTF-8
				else
					source = std::string(s);
			} else if (key == "tokens" || key == "comments") {
				auto &list = key == "tokens" ? want_tokens : want_comments;
				for (auto t : field.value().get_array())
					list.push_back(read_tok(t.get_object()));
			} else if (key == "error") {
				want_error = read_err(field.value().get_object());
			}
		}
		if (excluded.count(id)) {
			tally.skipped++;
			continue;
		}
		if (!source_ok) {
			report(tally, id, "source is not valid UTF-8 and is not excluded");
			continue;
		}
		util::Arena arena;
		syntax::Lexer lexer(source, arena);
		std::vector<uint32_t> u16 = syntax::utf16_offsets(source);
		std::vector<Tok> got_tokens, got_comments;
		Err got_error;
		for (;;) {
			syntax::Token t;
			if (!lexer.next(t)) {
				got_error = our_err(lexer.error());
				break;
			}
			Tok g;
			g.kind = syntax::token_kind_name(t.kind);
			g.has_value = syntax::token_has_value(t.kind);
			g.value = std::string(t.value);
			g.line = t.line;
			g.column = t.column;
			g.start = u16[t.start];
			g.end = u16[t.end];
			(t.kind == syntax::TokenKind::Comment ? got_comments : got_tokens).push_back(g);
			if (t.kind == syntax::TokenKind::Eof)
				break;
		}
		std::string diff = compare_tokens("token", want_tokens, got_tokens);
		if (diff.empty())
			diff = compare_tokens("comment", want_comments, got_comments);
		if (diff.empty() && !(want_error == got_error))
			diff = "error: want " + brief(show(want_error)) + ", got " + brief(show(got_error));
		report(tally, id, diff);
	}
}

void
run_parser(const std::string &path, const std::map<std::string, std::string> &excluded, Tally &tally)
{
	simdjson::padded_string json = simdjson::padded_string::load(path);
	od::parser parser;
	od::document doc = parser.iterate(json);
	for (auto item : doc.get_array()) {
		od::object obj = item.get_object();
		std::string id, entry = "parse", source, want_print;
		bool want_ok = false;
		Err want_error;
		syntax::ParseOptions options;
		for (auto field : obj) {
			std::string_view key = field.unescaped_key();
			if (key == "id") {
				id = std::string(std::string_view(field.value().get_string()));
			} else if (key == "entry") {
				entry = std::string(std::string_view(field.value().get_string()));
			} else if (key == "source") {
				source = std::string(std::string_view(field.value().get_string()));
			} else if (key == "ok") {
				want_ok = field.value().get_bool();
			} else if (key == "ast_print") {
				want_print = std::string(std::string_view(field.value().get_string()));
			} else if (key == "error") {
				want_error = read_err(field.value().get_object());
			} else if (key == "options") {
				for (auto opt : field.value().get_object()) {
					std::string_view name = opt.unescaped_key();
					if (name == "maxTokens")
						options.limits.max_tokens = static_cast<uint32_t>(int64_t(opt.value().get_int64()));
					else if (name == "experimentalFragmentArguments")
						options.experimental_fragment_arguments = opt.value().get_bool();
				}
			}
		}
		if (excluded.count(id)) {
			tally.skipped++;
			continue;
		}
		util::Arena arena;
		bool ok = false;
		std::string printed;
		syntax::SyntaxError error;
		if (entry == "parse") {
			syntax::ParseResult r = syntax::parse_document(source, arena, options);
			ok = r.document;
			if (ok)
				printed = syntax::print(*r.document);
			error = r.error;
		} else if (entry == "parseValue" || entry == "parseConstValue") {
			syntax::ValueParseResult r = syntax::parse_value(source, arena, entry == "parseConstValue", options);
			ok = r.value;
			if (ok)
				printed = syntax::print(*r.value);
			error = r.error;
		} else if (entry == "parseType") {
			syntax::TypeParseResult r = syntax::parse_type(source, arena, options);
			ok = r.type;
			if (ok)
				printed = syntax::print(*r.type);
			error = r.error;
		} else {
			report(tally, id, "unknown entry " + entry);
			continue;
		}
		std::string diff;
		if (ok != want_ok) {
			diff = want_ok ? "want ok, got " + brief(show(our_err(error))) : "want " + brief(show(want_error)) + ", got ok";
		} else if (ok && printed != want_print) {
			size_t at = 0;
			while (at < printed.size() && at < want_print.size() && printed[at] == want_print[at])
				at++;
			size_t from = at > 30 ? at - 30 : 0;
			diff = "print differs at byte " + std::to_string(at) + ": want \"" +
			       brief(want_print.substr(from, 80)) + "\", got \"" + brief(printed.substr(from, 80)) + "\"";
		} else if (!ok && !(want_error == our_err(error))) {
			diff = "error: want " + brief(show(want_error)) + ", got " + brief(show(our_err(error)));
		}
		report(tally, id, diff);
	}
}

std::map<std::string, std::string>
load_excluded(const std::string &path)
{
	std::map<std::string, std::string> out;
	std::ifstream in(path);
	std::string line;
	while (std::getline(in, line)) {
		if (line.empty() || line[0] == '#')
			continue;
		size_t sp = line.find(' ');
		out[line.substr(0, sp)] = sp == std::string::npos ? "" : line.substr(sp + 1);
	}
	return out;
}

} // namespace

// validation_sdl_cases.cc: the sdl cases of validation.json; adds to the counts.
bool run_validation_sdl_cases(const std::string &dir, const std::map<std::string, std::string> &excluded, int &passed,
                              int &failed, int &skipped);

// validation_cases.cc: the executable cases of validation.json; adds to the counts.
bool run_validation_cases(const std::string &dir, const std::map<std::string, std::string> &excluded, int &passed,
                          int &failed, int &skipped);

// introspection_cases.cc: the standard introspection query over introspection/example-schema.graphql.
bool run_introspection_cases(const std::string &dir, const std::map<std::string, std::string> &excluded, int &passed,
                             int &failed, int &skipped);

int
main(int argc, char **argv)
{
	if (argc < 2) {
		std::fprintf(stderr, "usage: conformance DIR [EXCLUDED_FILE]\n");
		return 2;
	}
	const std::string dir = argv[1];
	const std::map<std::string, std::string> excluded =
	    load_excluded(argc > 2 ? argv[2] : "test/conformance/excluded.txt");
	Tally lexer, parser;
	try {
		run_lexer(dir + "/lexer.json", excluded, lexer);
		run_parser(dir + "/parser.json", excluded, parser);
	} catch (const simdjson::simdjson_error &e) {
		std::printf("conformance: cannot read data: %s\n", e.what());
		std::printf("conformance: 0 passed, 1 failed\n");
		return 1;
	}
	std::printf("lexer: %d passed, %d failed, %d skipped\n", lexer.passed, lexer.failed, lexer.skipped);
	std::printf("parser: %d passed, %d failed, %d skipped\n", parser.passed, parser.failed, parser.skipped);
	if (lexer.skipped + parser.skipped > 0)
		std::printf("skipped (see excluded.txt): %d\n", lexer.skipped + parser.skipped);
	int passed = lexer.passed + parser.passed, failed = lexer.failed + parser.failed, more_skipped = 0;
	if (!run_validation_sdl_cases(dir, excluded, passed, failed, more_skipped))
		failed++;
	if (!run_validation_cases(dir, excluded, passed, failed, more_skipped))
		failed++;
	if (!run_introspection_cases(dir, excluded, passed, failed, more_skipped))
		failed++;
	std::printf("conformance: %d passed, %d failed\n", passed, failed);
	return failed > 0 ? 1 : 0;
}
