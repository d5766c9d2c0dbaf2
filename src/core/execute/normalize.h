// normalize.h: a document's literal-free form, the key under which documents
// that differ only in literal values (Int, Float, String) share one cache
// entry and its plans; the literals are then bound as the plan's parameters.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/syntax/lexer.h"

namespace fraiseql::execute {

struct LiteralToken {
	syntax::TokenKind kind;
	uint32_t line, column; // where the value starts, as the AST records it
	std::string value;     // Int/Float: as written; String/BlockString: decoded
};

struct NormalizedDocument {
	std::string key; // every token, literal values left out
	std::vector<LiteralToken> literals;
};

// Lexes `query` (at most max_tokens tokens, 0 = no limit); false when it does
// not lex or is too long, and then the document is simply not shared.
bool normalize_document(std::string_view query, uint32_t max_tokens, NormalizedDocument &out);

// Moves positions from one document to another with the same normalized key.
// Their token sequences are equal but for literal values, white space and
// comments, so a position is carried over as "the start of token i": a plan
// made for one document then reports errors where the other has the token.
class PositionMap {
public:
	PositionMap(std::string_view from, std::string_view to);
	// The position in `to` of the token that starts at (line, column) in
	// `from`; left unchanged when no token starts there.
	void map(uint32_t &line, uint32_t &column) const;

	struct Position {
		uint32_t line, column;
	};

private:
	std::vector<Position> from_, to_;
};

} // namespace fraiseql::execute
