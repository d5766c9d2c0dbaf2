// diagnostic.cc: file:line:column: message.
#include "tool/diagnostic.h"

namespace fraiseql::tool {

namespace {

std::string
position(const SourceLocation &l)
{
	return std::to_string(l.line) + ":" + std::to_string(l.column);
}

} // namespace

std::string
diagnostic(const std::string &file, const GraphQLError &error)
{
	std::string out = file + ":";
	if (!error.locations.empty())
		out += position(error.locations[0]) + ":";
	// A message is one line in a log; graphql-js messages have none inside.
	out += " ";
	for (char c : error.message)
		out += c == '\n' ? ' ' : c;
	for (size_t i = 1; i < error.locations.size(); i++)
		out += (i == 1 ? " (also " : ", ") + position(error.locations[i]) + (i + 1 == error.locations.size() ? ")" : "");
	return out + "\n";
}

} // namespace fraiseql::tool
