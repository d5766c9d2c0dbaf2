// normalize.cc: one lexer pass; names and punctuators go into the key as they
// are, each literal as a one-byte placeholder of its kind.
#include "core/execute/normalize.h"

#include <algorithm>

namespace fraiseql::execute {

bool
normalize_document(std::string_view query, uint32_t max_tokens, NormalizedDocument &out)
{
	util::Arena arena; // decoded strings of this pass only
	syntax::Lexer lexer(query, arena);
	syntax::Token token;
	out.key.clear();
	out.literals.clear();
	out.key.reserve(query.size());
	uint32_t count = 0;
	while (lexer.advance(token)) {
		if (token.kind == syntax::TokenKind::Eof)
			return true;
		if (max_tokens && ++count > max_tokens)
			return false;
		// A control byte per token kind: it cannot occur inside a name.
		out.key.push_back(static_cast<char>(static_cast<uint8_t>(token.kind) + 1));
		switch (token.kind) {
		case syntax::TokenKind::Name:
			out.key.append(token.value);
			break;
		case syntax::TokenKind::Int:
		case syntax::TokenKind::Float:
		case syntax::TokenKind::String:
		case syntax::TokenKind::BlockString:
			out.literals.push_back({token.kind, token.line, token.column, std::string(token.value)});
			break;
		default: break;
		}
	}
	return false;
}

namespace {

void
token_starts(std::string_view query, std::vector<PositionMap::Position> &out)
{
	util::Arena arena;
	syntax::Lexer lexer(query, arena);
	syntax::Token token;
	while (lexer.advance(token) && token.kind != syntax::TokenKind::Eof)
		out.push_back({token.line, token.column});
}

} // namespace

PositionMap::PositionMap(std::string_view from, std::string_view to)
{
	token_starts(from, from_);
	token_starts(to, to_);
}

void
PositionMap::map(uint32_t &line, uint32_t &column) const
{
	auto before = [](const Position &a, const Position &b) {
		return a.line < b.line || (a.line == b.line && a.column < b.column);
	};
	const Position wanted{line, column};
	auto it = std::lower_bound(from_.begin(), from_.end(), wanted, before);
	if (it == from_.end() || it->line != line || it->column != column)
		return;
	const size_t index = static_cast<size_t>(it - from_.begin());
	if (index < to_.size()) {
		line = to_[index].line;
		column = to_[index].column;
	}
}

} // namespace fraiseql::execute
