// limits_large_test.cc: hostile-size documents under the limits the glue passes
// by default (fraiseql.max_query_bytes, max_tokens, max_depth from pg/gucs.h):
// 100,000 nested braces or brackets and a 50 MB document must each end in a clean
// limit error that names the limit and points at where parsing stopped.
#include <cstdint>
#include <string>

#include "core/syntax/parser.h"
#include "pg/gucs.h" // constants only: no PostgreSQL header behind it
#include "unit/check.h"

using namespace fraiseql;
using namespace fraiseql::syntax;

namespace {

constexpr size_t kNesting = 100000;
// The glue's defaults and ceilings, unsigned like the parser's limits.
constexpr uint32_t kBytes = pg::DEFAULT_MAX_QUERY_BYTES;
constexpr uint32_t kMaxBytes = pg::MAX_MAX_QUERY_BYTES;
constexpr uint32_t kTokens = pg::DEFAULT_MAX_TOKENS;
constexpr uint32_t kDepth = pg::DEFAULT_MAX_DEPTH;
constexpr uint32_t kMaxDepth = pg::MAX_MAX_DEPTH;

ParseOptions
glue_defaults()
{
	ParseOptions o;
	o.limits.max_bytes = kBytes;
	o.limits.max_tokens = kTokens;
	o.limits.max_depth = kDepth;
	return o;
}

SyntaxError
document_error(const std::string &source, const ParseOptions &options)
{
	util::Arena arena;
	ParseResult r = parse_document(source, arena, options);
	CHECK(r.document == nullptr);
	return r.error;
}

std::string
depth_message(uint32_t depth)
{
	return "Syntax Error: Document nesting exceeds the maximum depth of " + std::to_string(depth) + ".";
}

// "{a{a{a..." with kNesting selection sets, never closed: 200 kB, under the
// default byte limit, so the depth limit is what stops it.
std::string
nested_selections()
{
	std::string s;
	s.reserve(kNesting * 2);
	for (size_t i = 0; i < kNesting; i++)
		s += "{a";
	return s;
}

// A valid query of `fields` leaf fields "a" on one line: "{ a a a ... }".
std::string
wide_query(size_t bytes)
{
	std::string s = "{";
	s.reserve(bytes + 4);
	while (s.size() + 2 < bytes)
		s += " a";
	s += " }";
	return s;
}

} // namespace

TEST(limits_large_nested_selection_sets)
{
	const std::string source = nested_selections();
	SyntaxError e = document_error(source, glue_defaults());
	CHECK(e.kind == SyntaxErrorKind::Limit);
	CHECK_EQ(e.message, depth_message(kDepth));
	// At the 33rd "{": each level is "{a" (2 columns).
	CHECK_EQ(e.line, 1u);
	CHECK_EQ(e.column, 2u * kDepth + 1);

	// The largest depth the GUC allows is the parser's own ceiling.
	ParseOptions deepest = glue_defaults();
	deepest.limits.max_depth = kMaxDepth;
	e = document_error(source, deepest);
	CHECK(e.kind == SyntaxErrorKind::Limit);
	CHECK_EQ(e.message, depth_message(kMaxDepth));
	CHECK_EQ(e.column, 2u * kMaxDepth + 1);
}

TEST(limits_large_nested_values)
{
	const std::string lists(kNesting, '[');
	std::string objects;
	for (size_t i = 0; i < kNesting; i++)
		objects += "{a:";
	const std::string prefix = "{ f(x: ";
	// The selection set is level 1, so the 32nd "[" (or object "{") is level 33.
	const uint32_t first_over = static_cast<uint32_t>(prefix.size()) + kDepth;

	SyntaxError e = document_error(prefix + lists, glue_defaults());
	CHECK(e.kind == SyntaxErrorKind::Limit);
	CHECK_EQ(e.message, depth_message(kDepth));
	CHECK_EQ(e.column, first_over);

	// Nested objects take 3 bytes a level: 300 kB is over the default byte
	// limit; with it raised, the depth limit stops them.
	e = document_error(prefix + objects, glue_defaults());
	CHECK(e.kind == SyntaxErrorKind::Limit);
	CHECK_EQ(e.message, "Syntax Error: Document exceeds the maximum size of " + std::to_string(kBytes) + " bytes.");
	ParseOptions raised = glue_defaults();
	raised.limits.max_bytes = kMaxBytes;
	e = document_error(prefix + objects, raised);
	CHECK(e.kind == SyntaxErrorKind::Limit);
	CHECK_EQ(e.message, depth_message(kDepth));
	CHECK_EQ(e.column, static_cast<uint32_t>(prefix.size()) + 3 * (kDepth - 1) + 1);

	// A list type nested as deep, in a variable definition.
	e = document_error("query ($v: " + lists, glue_defaults());
	CHECK(e.kind == SyntaxErrorKind::Limit);
	CHECK_EQ(e.message, depth_message(kDepth));

	// The value entry point (used for default values) stops the same way.
	util::Arena arena;
	ValueParseResult v = parse_value(lists, arena, true, glue_defaults());
	CHECK(v.value == nullptr);
	CHECK(v.error.kind == SyntaxErrorKind::Limit);
	CHECK_EQ(v.error.message, depth_message(kDepth));
	CHECK_EQ(v.error.column, kDepth + 1);
}

TEST(limits_large_fifty_megabytes)
{
	const std::string source = wide_query(50u * 1000 * 1000);
	CHECK(source.size() >= 50u * 1000 * 1000);

	// The default byte limit refuses it before lexing: no position.
	SyntaxError e = document_error(source, glue_defaults());
	CHECK(e.kind == SyntaxErrorKind::Limit);
	CHECK_EQ(e.message, "Syntax Error: Document exceeds the maximum size of " +
	                        std::to_string(kBytes) + " bytes.");
	CHECK_EQ(e.line, 0u);

	// With the byte limit raised to the GUC's maximum, the token limit stops it at
	// the 10,001st token: "{" is token 1, the n-th "a" is token n + 1 at column 2n + 1.
	ParseOptions raised = glue_defaults();
	raised.limits.max_bytes = kMaxBytes;
	e = document_error(source, raised);
	CHECK(e.kind == SyntaxErrorKind::Limit);
	CHECK_EQ(e.message, "Syntax Error: Document contains more than " + std::to_string(kTokens) +
	                        " tokens. Parsing aborted.");
	CHECK_EQ(e.line, 1u);
	CHECK_EQ(e.column, 2u * kTokens + 1);

	// Just under both limits the same shape parses, so it is the limits that stop it.
	util::Arena arena;
	const std::string small = wide_query(2 * (kTokens - 2));
	ParseResult ok = parse_document(small, arena, glue_defaults());
	CHECK(ok.document != nullptr);
	if (ok.document)
		CHECK_EQ(ok.document->token_count, kTokens - 1);
}
