// lexer_fast_path_test.cc: Lexer::advance's inline fast path (16-byte blank and
// name scans) must give exactly the tokens of the general Lexer::next, whatever
// the lengths and alignments of names and blank runs.
#include <cstdint>
#include <string>
#include <vector>

#include "core/syntax/lexer.h"
#include "unit/check.h"

using namespace fraiseql;
using namespace fraiseql::syntax;

namespace {

// Deterministic, so a failure reproduces.
struct Rng {
	uint64_t state;
	uint32_t below(uint32_t n)
	{
		state = state * 6364136223846793005ull + 1442695040888963407ull;
		return static_cast<uint32_t>(state >> 33) % n;
	}
};

// A document of names, punctuators, numbers, strings and comments separated by
// blank runs of every length, including \r\n, the BOM and multi-byte text,
// which move lines and UTF-16 columns.
std::string
random_document(Rng &rng)
{
	static const char *const name_chars = "abcxyzABCXYZ_0189";
	static const char *const punctuators[] = {"!", "$", "&", "(", ")", "...", ":", "=", "@", "[", "]", "{", "|", "}"};
	static const char *const blanks[] = {" ", " ", " ", " ", ",", "\t", "\n", "\n", "\r\n", "\r", "\xEF\xBB\xBF"};
	static const char *const others[] = {"12", "-3.5e7", "\"str\"", "\"\xC3\xA9t\xC3\xA9\"", "\"\xF0\x9F\x98\x80\"",
	                                     "\"\"\"block\n  text\"\"\"", "# comment\n", "#\xC3\xA9\n"};
	std::string doc;
	const uint32_t pieces = 1 + rng.below(40);
	for (uint32_t i = 0; i < pieces; i++) {
		for (uint32_t b = rng.below(4) == 0 ? rng.below(40) : rng.below(3); b > 0; b--)
			doc += blanks[rng.below(sizeof blanks / sizeof blanks[0])];
		const uint32_t kind = rng.below(10);
		if (kind < 6) { // names are followed by a blank or punctuator, so they stay names
			doc += "abcXYZ_"[rng.below(7)];
			for (uint32_t k = rng.below(4) == 0 ? rng.below(48) : rng.below(8); k > 0; k--)
				doc += name_chars[rng.below(17)];
			doc += rng.below(2) ? " " : punctuators[rng.below(sizeof punctuators / sizeof punctuators[0])];
		} else if (kind < 8) {
			doc += punctuators[rng.below(sizeof punctuators / sizeof punctuators[0])];
		} else {
			doc += others[rng.below(sizeof others / sizeof others[0])];
			doc += ' ';
		}
	}
	return doc;
}

bool
same_token(const Token &a, const Token &b)
{
	return a.kind == b.kind && a.start == b.start && a.end == b.end && a.line == b.line && a.column == b.column &&
	       a.value == b.value;
}

// Every token of `source` through advance() and through next() (comments
// dropped): true when the two streams are identical up to EOF.
bool
fast_path_matches(std::string_view source)
{
	util::Arena arena;
	Lexer fast(source, arena);
	Lexer general(source, arena);
	for (;;) {
		Token a, b;
		const bool ok_a = fast.advance(a);
		bool ok_b;
		do
			ok_b = general.next(b);
		while (ok_b && b.kind == TokenKind::Comment);
		if (ok_a != ok_b)
			return false;
		if (!ok_a)
			return fast.error().message == general.error().message;
		if (!same_token(a, b))
			return false;
		if (a.kind == TokenKind::Eof)
			return true;
	}
}

} // namespace

TEST(lexer_fast_path_matches_general_path)
{
	Rng rng{42};
	int mismatches = 0;
	for (int i = 0; i < 3000; i++) {
		const std::string doc = random_document(rng);
		if (!fast_path_matches(doc) && ++mismatches <= 3)
			CHECK_EQ(doc, std::string("(no mismatch)"));
	}
	CHECK_EQ(mismatches, 0);
}

TEST(lexer_fast_path_long_runs_positions)
{
	// A 40-byte name after 37 blanks spread over three lines, then one right at
	// the end of the source (no 16-byte block fits there).
	const std::string name(40, 'n');
	const std::string source = "  ,\t\n" + std::string(20, ' ') + "\n\n" + std::string(10, ' ') + name + " x";
	util::Arena arena;
	Lexer lexer(source, arena);
	Token t;
	CHECK(lexer.advance(t));
	CHECK(t.kind == TokenKind::Name);
	CHECK_EQ(t.value.size(), size_t{40});
	CHECK_EQ(t.line, 4u);
	CHECK_EQ(t.column, 11u);
	CHECK(lexer.advance(t));
	CHECK_EQ(std::string(t.value), "x");
	CHECK_EQ(t.column, 52u);
	CHECK(lexer.advance(t));
	CHECK(t.kind == TokenKind::Eof);
	CHECK(fast_path_matches(source));
}

TEST(lexer_string_scans_at_every_offset)
{
	// Each special byte (escape, line break, non-ASCII, closing quote) at
	// offsets 0..40 of a string body, across the 16-byte scan blocks.
	for (size_t k = 0; k <= 40; k++) {
		const std::string a(k, 'a');
		const std::string b(20, 'b');
		util::Arena arena;
		{
			const std::string src = "\"" + a + "\\n" + b + "\" x";
			Lexer lexer(src, arena);
			Token t;
			CHECK(lexer.advance(t));
			CHECK(t.kind == TokenKind::String);
			CHECK_EQ(std::string(t.value), a + "\n" + b);
			CHECK(lexer.advance(t));
			CHECK_EQ(t.column, static_cast<uint32_t>(k + 26)); // the string is k + 24 bytes, then a space
		}
		{
			const std::string src = "\"" + a + "\xC3\xA9" + b + "\" x"; // é: 2 bytes, 1 UTF-16 unit
			Lexer lexer(src, arena);
			Token t;
			CHECK(lexer.advance(t));
			CHECK_EQ(std::string(t.value), a + "\xC3\xA9" + b);
			CHECK(lexer.advance(t));
			CHECK_EQ(t.column, static_cast<uint32_t>(k + 25));
		}
		{
			const std::string src = "\"\"\"" + a + "\n    " + b + "\n\"\"\" x";
			Lexer lexer(src, arena);
			Token t;
			CHECK(lexer.advance(t));
			CHECK(t.kind == TokenKind::BlockString);
			CHECK_EQ(std::string(t.value), a.empty() ? b : a + "\n" + b);
			CHECK(lexer.advance(t));
			CHECK_EQ(t.line, 3u);
			CHECK_EQ(t.column, 5u);
		}
		{
			const std::string src = "\"" + a + "\nb\"";
			Lexer lexer(src, arena);
			Token t;
			CHECK(!lexer.advance(t));
			CHECK_EQ(lexer.error().message, std::string("Syntax Error: Unterminated string."));
			CHECK_EQ(lexer.error().column, static_cast<uint32_t>(k + 2));
		}
	}
}
