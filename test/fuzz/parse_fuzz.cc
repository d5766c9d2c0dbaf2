// parse_fuzz.cc: libFuzzer target for the GraphQL lexer, parser and printer.
// Built with clang and -fsanitize=fuzzer,address,undefined by `make fuzz`, and
// with g++ under ASan/UBSan by `make fuzz-replay`, which feeds it the corpus.
//
// Beyond "no sanitizer report", it checks real properties and abort()s when one
// fails:
//   - the lexer's incremental line/column equals location_at() from scratch,
//     tokens are ordered and inside the source;
//   - Lexer::advance (the parser's fast path, SIMD scans) gives the same
//     tokens and errors as Lexer::next without the comments;
//   - a document that parses has exactly the lexer's count of tokens;
//   - print(parse(x)) parses again, to the same tree (locations aside: see
//     ast_equal.h), and prints identically (a fixed point), for documents,
//     values (const and not) and type references;
//   - every error has the "Syntax Error: " prefix, and a limit error is one of
//     the three limit messages.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/syntax/lexer.h"
#include "core/syntax/parser.h"
#include "core/syntax/printer.h"
#include "core/util/arena.h"
#include "fuzz/ast_equal.h"

namespace {

using namespace fraiseql;
using namespace fraiseql::syntax;

// Tight limits keep each run fast; the printed text may be longer than the
// input (indentation, keywords), so the re-parse only keeps the depth limit.
constexpr size_t kMaxBytes = 64 * 1024;
constexpr uint32_t kMaxTokens = 4000;
constexpr uint32_t kMaxDepth = 64;

[[noreturn]] void
violated(const char *what, std::string_view input, std::string_view detail)
{
	std::fprintf(stderr, "parse_fuzz: %s\n--- input (%zu bytes)\n%.*s\n--- detail\n%.*s\n", what, input.size(),
	             static_cast<int>(input.size()), input.data(), static_cast<int>(detail.size()), detail.data());
	std::abort();
}

void
check_error(const SyntaxError &e, std::string_view input)
{
	if (!e)
		violated("failure without an error", input, "");
	if (e.message.rfind("Syntax Error: ", 0) != 0)
		violated("error without the Syntax Error prefix", input, e.message);
	if (e.kind == SyntaxErrorKind::Limit && e.message.find("maximum") == std::string::npos &&
	    e.message.find("tokens. Parsing aborted.") == std::string::npos)
		violated("limit error with an unexpected message", input, e.message);
}

// Lexes everything; returns the number of non-comment tokens before <EOF>,
// or -1 when lexing fails.
long
lex_all(std::string_view src)
{
	util::Arena arena;
	Lexer lexer(src, arena);
	Lexer fast(src, arena);
	Token t, f;
	long count = 0;
	uint32_t prev_end = 0;
	for (;;) {
		if (!lexer.next(t)) {
			check_error(lexer.error(), src);
			if (fast.advance(f) || fast.error().message != lexer.error().message)
				violated("Lexer::advance and Lexer::next disagree on an error", src, lexer.error().message);
			return -1;
		}
		if (t.kind != TokenKind::Comment &&
		    (!fast.advance(f) || f.kind != t.kind || f.start != t.start || f.end != t.end || f.line != t.line ||
		     f.column != t.column || f.value != t.value))
			violated("Lexer::advance and Lexer::next give different tokens", src,
			         std::string(token_kind_name(t.kind)) + " at " + std::to_string(t.start));
		if (t.start < prev_end || t.end < t.start || t.end > src.size())
			violated("token out of order or outside the source", src, token_kind_name(t.kind));
		uint32_t line = 0, column = 0;
		location_at(src, t.start, line, column);
		if (line != t.line || column != t.column)
			violated("incremental position differs from location_at", src,
			         std::string(token_kind_name(t.kind)) + " at " + std::to_string(t.start) + ": lexer " +
			             std::to_string(t.line) + ":" + std::to_string(t.column) + ", location_at " +
			             std::to_string(line) + ":" + std::to_string(column));
		prev_end = t.end;
		if (t.kind == TokenKind::Eof)
			return count;
		if (t.kind != TokenKind::Comment)
			count++;
	}
}

ParseOptions
tight(bool fragment_arguments)
{
	ParseOptions o;
	o.limits.max_bytes = kMaxBytes;
	o.limits.max_tokens = kMaxTokens;
	o.limits.max_depth = kMaxDepth;
	o.experimental_fragment_arguments = fragment_arguments;
	return o;
}

ParseOptions
reparse_options(bool fragment_arguments)
{
	ParseOptions o;
	o.limits.max_depth = kMaxDepth;
	o.experimental_fragment_arguments = fragment_arguments;
	return o;
}

void
check_document(std::string_view src, bool fragment_arguments, long tokens)
{
	util::Arena arena;
	ParseResult r = parse_document(src, arena, tight(fragment_arguments));
	if (!r.document) {
		check_error(r.error, src);
		return;
	}
	if (r.document->definitions.empty())
		violated("a document without definitions parsed", src, "");
	if (tokens >= 0 && static_cast<long>(r.document->token_count) != tokens)
		violated("parser token count differs from the lexer's", src,
		         std::to_string(r.document->token_count) + " vs " + std::to_string(tokens));
	std::string printed = print(*r.document);
	util::Arena arena2;
	ParseResult again = parse_document(printed, arena2, reparse_options(fragment_arguments));
	if (!again.document)
		violated("printed document does not parse", src, printed + "\n--- error\n" + again.error.message);
	fuzz::AstEqual eq;
	if (!eq.document(*r.document, *again.document))
		violated("printed document parses to a different tree", src, printed + "\n--- difference\n" + eq.difference);
	std::string reprinted = print(*again.document);
	if (reprinted != printed)
		violated("printing is not a fixed point", src, printed + "\n--- reprinted\n" + reprinted);
}

void
check_value(std::string_view src, bool const_only)
{
	util::Arena arena;
	ValueParseResult r = parse_value(src, arena, const_only, tight(false));
	if (!r.value) {
		check_error(r.error, src);
		return;
	}
	std::string printed = print(*r.value);
	util::Arena arena2;
	ValueParseResult again = parse_value(printed, arena2, const_only, reparse_options(false));
	if (!again.value)
		violated("printed value does not parse", src, printed + "\n--- error\n" + again.error.message);
	fuzz::AstEqual eq;
	if (!eq.value(*r.value, *again.value))
		violated("printed value parses to a different tree", src, printed + "\n--- difference\n" + eq.difference);
	std::string reprinted = print(*again.value);
	if (reprinted != printed)
		violated("value printing is not a fixed point", src, printed + "\n--- reprinted\n" + reprinted);
}

void
check_type(std::string_view src)
{
	util::Arena arena;
	TypeParseResult r = parse_type(src, arena, tight(false));
	if (!r.type) {
		check_error(r.error, src);
		return;
	}
	std::string printed = print(*r.type);
	util::Arena arena2;
	TypeParseResult again = parse_type(printed, arena2, reparse_options(false));
	fuzz::AstEqual eq;
	if (!again.type || !eq.type(*r.type, *again.type) || print(*again.type) != printed)
		violated("printed type does not round-trip", src, printed + "\n--- difference\n" + eq.difference);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > kMaxBytes + 1) // one byte over still exercises the size limit
		return 0;
	std::string_view src(reinterpret_cast<const char *>(data), size);
	const long tokens = lex_all(src);
	check_document(src, false, tokens);
	check_document(src, true, tokens);
	check_value(src, true);
	check_value(src, false);
	check_type(src);
	return 0;
}
