// lexer.h: GraphQL source text to tokens, with graphql-js 17's rules and error texts.
// Usable on its own (conformance "tokens" cases) and by the parser. The lexer
// never allocates per token: names and numbers view the source, and only
// strings that need decoding (escapes, block strings) are copied to the arena.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/syntax/parser.h"
#include "core/util/arena.h"

namespace fraiseql::syntax {

enum class TokenKind : uint8_t {
	Sof,
	Eof,
	Bang,
	Dollar,
	Amp,
	ParenL,
	ParenR,
	Dot,
	Spread,
	Colon,
	Equals,
	At,
	BracketL,
	BracketR,
	BraceL,
	Pipe,
	BraceR,
	Name,
	Int,
	Float,
	String,
	BlockString,
	Comment,
};

// graphql-js's TokenKind string: "<EOF>", "!", "Name", "BlockString", ...
const char *token_kind_name(TokenKind kind);
bool is_punctuator(TokenKind kind);
// True for kinds that carry a value (Name, Int, Float, String, BlockString, Comment).
bool token_has_value(TokenKind kind);

struct Token {
	TokenKind kind = TokenKind::Sof;
	uint32_t start = 0;  // byte offset
	uint32_t end = 0;    // byte offset just past the token
	uint32_t line = 1;   // 1-based
	uint32_t column = 1; // 1-based, in UTF-16 code units as graphql-js counts
	// Name/Int/Float: the source text; Comment: the text after '#';
	// String/BlockString: the decoded value (a view into the source when no
	// decoding was needed, else into the arena).
	std::string_view value;
};

// Byte classes and one-character punctuators, shared by Lexer::advance's
// inline fast path and lexer.cc.
namespace lexer_tables {

enum : uint8_t { kDigit = 1, kNameStart = 2, kNameContinue = 4, kBlank = 8 };

struct CharClasses {
	uint8_t bits[256] = {};
	constexpr CharClasses()
	{
		for (int c = '0'; c <= '9'; c++)
			bits[c] = kDigit | kNameContinue;
		for (int c = 'a'; c <= 'z'; c++)
			bits[c] = kNameStart | kNameContinue;
		for (int c = 'A'; c <= 'Z'; c++)
			bits[c] = kNameStart | kNameContinue;
		bits[static_cast<int>('_')] = kNameStart | kNameContinue;
		bits[static_cast<int>(' ')] = kBlank;
		bits[static_cast<int>('\t')] = kBlank;
		bits[static_cast<int>(',')] = kBlank;
	}
};
inline constexpr CharClasses kClasses;

// Sof (0) for every byte that is not a one-character punctuator.
struct PunctuatorKinds {
	TokenKind kinds[256] = {};
	constexpr PunctuatorKinds()
	{
		kinds[static_cast<int>('!')] = TokenKind::Bang;
		kinds[static_cast<int>('$')] = TokenKind::Dollar;
		kinds[static_cast<int>('&')] = TokenKind::Amp;
		kinds[static_cast<int>('(')] = TokenKind::ParenL;
		kinds[static_cast<int>(')')] = TokenKind::ParenR;
		kinds[static_cast<int>(':')] = TokenKind::Colon;
		kinds[static_cast<int>('=')] = TokenKind::Equals;
		kinds[static_cast<int>('@')] = TokenKind::At;
		kinds[static_cast<int>('[')] = TokenKind::BracketL;
		kinds[static_cast<int>(']')] = TokenKind::BracketR;
		kinds[static_cast<int>('{')] = TokenKind::BraceL;
		kinds[static_cast<int>('|')] = TokenKind::Pipe;
		kinds[static_cast<int>('}')] = TokenKind::BraceR;
	}
};
inline constexpr PunctuatorKinds kPunctuators;

} // namespace lexer_tables

class Lexer {
public:
	Lexer(std::string_view source, util::Arena &arena);

	// The next token including comments. On a lexing error returns false and
	// error() describes it; the lexer then stays failed.
	bool next(Token &out);
	// graphql-js Lexer.advance(): the next token that is not a comment.
	// The parser calls it once per token, so the common case (blanks, then a
	// name or a one-character punctuator) is read here inline; next() does
	// everything else.
	bool advance(Token &out)
	{
		using namespace lexer_tables;
		if (error_)
			return false;
		const char *s = src_.data();
		const uint32_t n = static_cast<uint32_t>(src_.size());
		const uint32_t p = skip_blanks(s, n, pos_);
		pos_ = p;
		if (p < n) {
			const unsigned char c = static_cast<unsigned char>(s[p]);
			if (kClasses.bits[c] & kNameStart) {
				const uint32_t end = name_end(s, n, p + 1);
				set(out, TokenKind::Name, p, end);
				out.value = std::string_view(s + p, end - p);
				return true;
			}
			if (const TokenKind kind = kPunctuators.kinds[c]; kind != TokenKind::Sof) {
				set(out, kind, p, p + 1);
				out.value = std::string_view();
				return true;
			}
		}
		do {
			if (!next(out))
				return false;
		} while (out.kind == TokenKind::Comment);
		return true;
	}

	const SyntaxError &error() const { return error_; }
	std::string_view source() const { return src_; }

	// Saved position, for one-token lookahead.
	struct State {
		uint32_t pos, line, line_start, adjust;
	};
	State state() const { return {pos_, line_, line_start_, adjust_}; }
	void restore(const State &s)
	{
		pos_ = s.pos;
		line_ = s.line;
		line_start_ = s.line_start;
		adjust_ = s.adjust;
	}

private:
	std::string_view src_;
	util::Arena &arena_;
	uint32_t pos_ = 0;
	uint32_t line_ = 1;
	uint32_t line_start_ = 0; // byte offset of the current line's first byte
	// Bytes minus UTF-16 units seen on the current line before pos_, so that
	// columns count UTF-16 units without rescanning the line.
	uint32_t adjust_ = 0;
	SyntaxError error_;
	std::string scratch_;                 // decoded string being built; reused
	std::vector<uint32_t> line_offsets_;  // block string line starts in scratch_; reused

	int at(size_t i) const { return i < src_.size() ? static_cast<unsigned char>(src_[i]) : -1; }

	// The fast path's token: position fixed, pos_ moved past it.
	void set(Token &out, TokenKind kind, uint32_t start, uint32_t end)
	{
		out.kind = kind;
		out.start = start;
		out.end = end;
		out.line = line_;
		out.column = 1 + (start - line_start_) - adjust_;
		pos_ = end;
	}

	// A '\n' at byte offset `at` ends a line.
	void new_line(uint32_t at)
	{
		line_++;
		line_start_ = at + 1;
		adjust_ = 0;
	}

	// Skips spaces, tabs, commas and \n from p; returns the first other byte's
	// offset (or n). \r and the BOM are left to next(), which counts them.
	uint32_t skip_blanks(const char *s, uint32_t n, uint32_t p)
	{
#if defined(__SSE2__)
		// A token right after the last one (about half of them) needs no scan.
		if (p < n && !(lexer_tables::kClasses.bits[static_cast<unsigned char>(s[p])] & lexer_tables::kBlank) &&
		    s[p] != '\n')
			return p;
		// 16 bytes at a time while they are all in the source: one mask of
		// blanks, one of newlines; the first non-blank ends the run.
		while (p + 16 <= n) {
			const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s + p));
			const __m128i nl = _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'));
			const __m128i blank = _mm_or_si128(
			    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8(','))),
			    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')), nl));
			const unsigned stop = ~static_cast<unsigned>(_mm_movemask_epi8(blank)) & 0xFFFFu;
			const unsigned run = stop ? static_cast<unsigned>(__builtin_ctz(stop)) : 16u;
			// Newlines inside the run: each bumps the line; the last sets its start.
			unsigned lines = static_cast<unsigned>(_mm_movemask_epi8(nl)) & ((1u << run) - 1u);
			if (lines) {
				line_start_ = p + static_cast<uint32_t>(31 - __builtin_clz(lines)) + 1;
				adjust_ = 0;
				do // usually one: popcount would be a libgcc call without -mpopcnt
					line_++;
				while ((lines &= lines - 1) != 0);
			}
			p += run;
			if (stop)
				return p;
		}
#endif
		while (p < n) {
			const unsigned char c = static_cast<unsigned char>(s[p]);
			if (lexer_tables::kClasses.bits[c] & lexer_tables::kBlank)
				p++;
			else if (c == '\n')
				new_line(p++);
			else
				break;
		}
		return p;
	}

	// The end of the name whose continuation starts at p (letters, digits, '_').
	static uint32_t name_end(const char *s, uint32_t n, uint32_t p)
	{
#if defined(__SSE2__)
		while (p + 16 <= n) {
			const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s + p));
			// Unsigned range tests with signed compares: x - lo - 128 < hi - lo + 1 - 128.
			const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20)); // A-Z to a-z
			const __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(lower, _mm_set1_epi8(static_cast<char>(-128 - 'a'))),
			                                      _mm_set1_epi8(-128 + 26));
			const __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(static_cast<char>(-128 - '0'))),
			                                     _mm_set1_epi8(-128 + 10));
			const __m128i name =
			    _mm_or_si128(_mm_or_si128(letter, digit), _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
			const unsigned stop = ~static_cast<unsigned>(_mm_movemask_epi8(name)) & 0xFFFFu;
			if (stop)
				return p + static_cast<uint32_t>(__builtin_ctz(stop));
			p += 16;
		}
#endif
		while (p < n && (lexer_tables::kClasses.bits[static_cast<unsigned char>(s[p])] & lexer_tables::kNameContinue))
			p++;
		return p;
	}
	void make(Token &out, TokenKind kind, uint32_t start, uint32_t end);
	bool fail(uint32_t position, std::string message);
	bool read_comment(Token &out, uint32_t start);
	bool read_number(Token &out, uint32_t start);
	bool read_digits(uint32_t &position);
	bool read_name(Token &out, uint32_t start);
	bool read_string(Token &out, uint32_t start);
	bool read_block_string(Token &out, uint32_t start);
	bool read_escape(uint32_t &position);
};

// Decodes one UTF-8 sequence at s[i]: the code point (U+FFFD for an invalid
// byte), its length in bytes, and in UTF-16 units.
struct Utf8Char {
	uint32_t code;
	uint32_t bytes;
	uint32_t units;
};
Utf8Char decode_utf8(std::string_view s, size_t i);
void append_utf8(std::string &out, uint32_t code);
// Length of s in UTF-16 code units.
size_t utf16_length(std::string_view s);
// For each byte offset of s (and s.size()), the UTF-16 offset: graphql-js
// reports token start/end in UTF-16 units.
std::vector<uint32_t> utf16_offsets(std::string_view s);

// graphql-js's location of a byte offset: 1-based line and UTF-16 column.
void location_at(std::string_view source, uint32_t offset, uint32_t &line, uint32_t &column);

// A SyntaxError of `kind` at `offset` with "Syntax Error: " prefixed.
SyntaxError make_syntax_error(std::string_view source, uint32_t offset, std::string message,
                              SyntaxErrorKind kind = SyntaxErrorKind::Syntax);

} // namespace fraiseql::syntax
