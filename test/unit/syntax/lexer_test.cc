// lexer_test.cc: unit tests for the GraphQL lexer (tokens, values, positions, error texts).
#include <string>
#include <vector>

#include "core/syntax/lexer.h"
#include "unit/check.h"

using namespace fraiseql;
using namespace fraiseql::syntax;

namespace {

struct Lexed {
	std::vector<Token> tokens; // comments included, EOF last when no error
	SyntaxError error;
};

Lexed
lex(std::string_view source, util::Arena &arena)
{
	Lexed out;
	Lexer lexer(source, arena);
	for (;;) {
		Token t;
		if (!lexer.next(t)) {
			out.error = lexer.error();
			return out;
		}
		out.tokens.push_back(t);
		if (t.kind == TokenKind::Eof)
			return out;
	}
}

// The one token of `source` (plus EOF), or its error message.
std::string
first_value(std::string_view source)
{
	util::Arena arena;
	Lexed l = lex(source, arena);
	if (l.error)
		return "ERR " + l.error.message;
	return std::string(l.tokens.at(0).value);
}

std::string
error_of(std::string_view source)
{
	util::Arena arena;
	Lexed l = lex(source, arena);
	return l.error.message;
}

} // namespace

TEST(lexer_punctuators_and_names)
{
	util::Arena arena;
	Lexed l = lex("! $ & ( ) ... : = @ [ ] { | } name _x9", arena);
	CHECK(!l.error);
	const TokenKind want[] = {TokenKind::Bang,     TokenKind::Dollar,   TokenKind::Amp,    TokenKind::ParenL,
	                          TokenKind::ParenR,   TokenKind::Spread,   TokenKind::Colon,  TokenKind::Equals,
	                          TokenKind::At,       TokenKind::BracketL, TokenKind::BracketR, TokenKind::BraceL,
	                          TokenKind::Pipe,     TokenKind::BraceR,   TokenKind::Name,   TokenKind::Name,
	                          TokenKind::Eof};
	CHECK_EQ(l.tokens.size(), sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < l.tokens.size() && i < sizeof(want) / sizeof(want[0]); i++)
		CHECK(l.tokens[i].kind == want[i]);
	CHECK_EQ(std::string(l.tokens[15].value), "_x9");
	CHECK_EQ(std::string(token_kind_name(TokenKind::Eof)), "<EOF>");
}

TEST(lexer_positions_bom_and_line_breaks)
{
	util::Arena arena;
	Lexed l = lex("\xEF\xBB\xBF foo\r\n  bar\rbaz\n\n  qux", arena);
	CHECK(!l.error);
	CHECK_EQ(l.tokens[0].column, 3u); // the BOM is one column, as in UTF-16
	CHECK_EQ(l.tokens[0].line, 1u);
	CHECK_EQ(l.tokens[1].line, 2u);
	CHECK_EQ(l.tokens[1].column, 3u);
	CHECK_EQ(l.tokens[2].line, 3u);
	CHECK_EQ(l.tokens[2].column, 1u);
	CHECK_EQ(l.tokens[3].line, 5u);
	CHECK_EQ(l.tokens[3].column, 3u);
}

TEST(lexer_columns_count_utf16_units)
{
	util::Arena arena;
	// U+00E9 is 2 bytes/1 unit; U+1F600 is 4 bytes/2 units.
	Lexed l = lex("\"\xC3\xA9\xF0\x9F\x98\x80\" x", arena);
	CHECK(!l.error);
	CHECK_EQ(l.tokens[1].column, 7u);
	CHECK_EQ(l.tokens[1].start, 9u); // byte offset
}

TEST(lexer_comments)
{
	util::Arena arena;
	Lexed l = lex("# Comment\nAnother # tail", arena);
	CHECK(!l.error);
	CHECK(l.tokens[0].kind == TokenKind::Comment);
	CHECK_EQ(std::string(l.tokens[0].value), " Comment");
	CHECK(l.tokens[2].kind == TokenKind::Comment);
	CHECK_EQ(std::string(l.tokens[2].value), " tail");
	Lexer lexer("# only\nx", arena);
	Token t;
	CHECK(lexer.advance(t));
	CHECK(t.kind == TokenKind::Name);
}

TEST(lexer_numbers)
{
	util::Arena arena;
	Lexed l = lex("4 -4 0 -0 4.123 -4.123 0.123 123e4 123E-4 -1.123e+4", arena);
	CHECK(!l.error);
	CHECK(l.tokens[0].kind == TokenKind::Int);
	CHECK(l.tokens[3].kind == TokenKind::Int);
	CHECK(l.tokens[4].kind == TokenKind::Float);
	CHECK(l.tokens[7].kind == TokenKind::Float);
	CHECK_EQ(std::string(l.tokens[9].value), "-1.123e+4");
	CHECK_EQ(error_of("00"), "Syntax Error: Invalid number, unexpected digit after 0: \"0\".");
	CHECK_EQ(error_of("1."), "Syntax Error: Invalid number, expected digit but got: <EOF>.");
	CHECK_EQ(error_of("1.a"), "Syntax Error: Invalid number, expected digit but got: \"a\".");
	CHECK_EQ(error_of("1a"), "Syntax Error: Invalid number, expected digit but got: \"a\".");
	CHECK_EQ(error_of("1.2.3"), "Syntax Error: Invalid number, expected digit but got: \".\".");
	CHECK_EQ(error_of("-"), "Syntax Error: Invalid number, expected digit but got: <EOF>.");
	CHECK_EQ(error_of("1e"), "Syntax Error: Invalid number, expected digit but got: <EOF>.");
	CHECK_EQ(error_of(".123"), "Syntax Error: Invalid number, expected digit before \".\", did you mean \"0.123\"?");
	CHECK_EQ(error_of("1.0_"), "Syntax Error: Invalid number, expected digit but got: \"_\".");
}

TEST(lexer_strings_and_escapes)
{
	CHECK_EQ(first_value("\"simple\""), "simple");
	CHECK_EQ(first_value("\"\""), "");
	CHECK_EQ(first_value("\"quote \\\" slash \\/ \\\\ \\b\\f\\n\\r\\t\""), "quote \" slash / \\ \b\f\n\r\t");
	CHECK_EQ(first_value("\"\\u00e9\""), "\xC3\xA9");
	CHECK_EQ(first_value("\"\\u{1F600}\""), "\xF0\x9F\x98\x80");
	CHECK_EQ(first_value("\"\\uD83D\\uDE00\""), "\xF0\x9F\x98\x80");
	CHECK_EQ(first_value("\"\\u{0000000041}\""), "ERR Syntax Error: Invalid Unicode escape sequence: \"\\u{000000004\".");
	CHECK_EQ(first_value("\"\\u{00000041}\""), "A");
	CHECK_EQ(error_of("\"\\z\""), "Syntax Error: Invalid character escape sequence: \"\\z\".");
	CHECK_EQ(error_of("\"\\uXYZW\""), "Syntax Error: Invalid Unicode escape sequence: \"\\uXYZW\".");
	CHECK_EQ(error_of("\"\\uD800\""), "Syntax Error: Invalid Unicode escape sequence: \"\\uD800\".");
	CHECK_EQ(error_of("\"\\u{110000}\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u{110000}\".");
	CHECK_EQ(error_of("\"\\u{}\""), "Syntax Error: Invalid Unicode escape sequence: \"\\u{}\".");
	CHECK_EQ(error_of("\"abc"), "Syntax Error: Unterminated string.");
	CHECK_EQ(error_of("\"abc\ndef\""), "Syntax Error: Unterminated string.");
	// Control characters are source characters in graphql-js 17.
	CHECK_EQ(first_value("\"a\x01z\""), "a\x01z");
}

TEST(lexer_block_strings)
{
	CHECK_EQ(first_value("\"\"\"simple\"\"\""), "simple");
	CHECK_EQ(first_value("\"\"\"  white space  \"\"\""), "  white space  ");
	CHECK_EQ(first_value("\"\"\"contains \\\"\"\" triple\"\"\""), "contains \"\"\" triple");
	CHECK_EQ(first_value("\"\"\"\n\n    spans\n      multiple\n    lines\n\n   \"\"\""), "spans\n  multiple\nlines");
	CHECK_EQ(first_value("\"\"\"first\n    second\r\n    third\"\"\""), "first\nsecond\nthird");
	CHECK_EQ(first_value("\"\"\"   \n  \n\"\"\""), "");
	CHECK_EQ(first_value("\"\"\"no escape \\n\"\"\""), "no escape \\n");
	CHECK_EQ(error_of("\"\"\"open"), "Syntax Error: Unterminated string.");
	util::Arena arena;
	Lexed l = lex("\"\"\"a\n  b\"\"\" c", arena);
	CHECK(!l.error);
	CHECK(l.tokens[0].kind == TokenKind::BlockString);
	CHECK_EQ(l.tokens[1].line, 2u);
	CHECK_EQ(l.tokens[1].column, 8u);
}

TEST(lexer_unexpected_characters)
{
	CHECK_EQ(error_of("?"), "Syntax Error: Unexpected character: \"?\".");
	CHECK_EQ(error_of("~"), "Syntax Error: Unexpected character: \"~\".");
	CHECK_EQ(error_of("\x07"), "Syntax Error: Unexpected character: U+0007.");
	CHECK_EQ(error_of("\xE2\x80\xA8"), "Syntax Error: Unexpected character: U+2028.");
	CHECK_EQ(error_of("\xF0\x9F\x98\x80"), "Syntax Error: Unexpected character: U+1F600.");
	CHECK_EQ(error_of(std::string_view("\0", 1)), "Syntax Error: Unexpected character: U+0000.");
	CHECK_EQ(error_of("'x'"), "Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")?");
	CHECK_EQ(error_of(".."), "Syntax Error: Unexpected \"..\", did you mean \"...\"?");
	CHECK_EQ(error_of("."), "Syntax Error: Unexpected character: \".\".");
	util::Arena arena;
	Lexed l = lex("a\n  \xC3\xA9 ?", arena);
	CHECK_EQ(l.error.line, 2u);
	CHECK_EQ(l.error.column, 3u);
}

TEST(lexer_error_position_after_multibyte)
{
	util::Arena arena;
	Lexed l = lex("\"\xF0\x9F\x98\x80\" ?", arena);
	CHECK_EQ(l.error.message, "Syntax Error: Unexpected character: \"?\".");
	CHECK_EQ(l.error.line, 1u);
	CHECK_EQ(l.error.column, 6u);
}

TEST(lexer_invalid_utf8_is_replacement_character)
{
	CHECK_EQ(first_value("\"a\xFFz\""), "a\xEF\xBF\xBDz");
	CHECK_EQ(error_of("\xFF"), "Syntax Error: Unexpected character: U+FFFD.");
}
