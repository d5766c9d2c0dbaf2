// qualified_name.cc: [schema.]name parsing with PostgreSQL's identifier rules.
#include "core/schema/qualified_name.h"

#include <vector>

namespace fraiseql::schema {

namespace {

constexpr size_t MAX_IDENTIFIER_BYTES = 63;

bool
ident_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

bool
ident_continue(unsigned char c)
{
	return ident_start(c) || (c >= '0' && c <= '9') || c == '$';
}

std::string
shown(char c)
{
	return c == '"' ? std::string("'\"'") : "\"" + std::string(1, c) + "\"";
}

// One identifier starting at `pos`; advances `pos` past it.
std::string
identifier(std::string_view text, size_t &pos, std::string &out)
{
	out.clear();
	if (pos >= text.size())
		return "an identifier is missing at the end";
	if (text[pos] == '"') {
		for (pos++;; pos++) {
			if (pos >= text.size())
				return "unterminated quoted identifier";
			if (text[pos] == '"') {
				if (pos + 1 < text.size() && text[pos + 1] == '"') {
					out += '"';
					pos++;
					continue;
				}
				pos++;
				break;
			}
			if (text[pos] == '\0')
				return "a quoted identifier cannot contain a NUL character";
			out += text[pos];
		}
		if (out.empty())
			return "a quoted identifier cannot be empty";
	} else {
		if (!ident_start(static_cast<unsigned char>(text[pos])))
			return "unexpected " + shown(text[pos]) + " at offset " + std::to_string(pos) + " (an identifier starts with a letter or _)";
		while (pos < text.size() && ident_continue(static_cast<unsigned char>(text[pos]))) {
			char c = text[pos++];
			out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
		}
	}
	if (out.size() > MAX_IDENTIFIER_BYTES)
		return "identifier \"" + out + "\" is longer than 63 bytes (PostgreSQL would truncate it)";
	return std::string();
}

} // namespace

std::string
parse_qualified_name(std::string_view text, QualifiedName &out)
{
	std::vector<std::string> parts;
	size_t pos = 0;
	for (;;) {
		std::string part;
		std::string problem = identifier(text, pos, part);
		if (!problem.empty())
			return problem;
		parts.push_back(std::move(part));
		if (pos == text.size())
			break;
		if (text[pos] != '.')
			return "unexpected " + shown(text[pos]) + " at offset " + std::to_string(pos) + " after identifier \"" +
			       parts.back() + "\"";
		if (parts.size() == 2)
			return "too many dots: expected name or schema.name";
		pos++;
	}
	out.schema = parts.size() == 2 ? parts[0] : std::string();
	out.name = parts.back();
	return std::string();
}

} // namespace fraiseql::schema
