// json_access.cc: jsonb member access in generated SQL.
#include "core/compile/json_access.h"

namespace fraiseql::compile {

std::string
quote_literal(const std::string &text)
{
	bool backslash = text.find('\\') != std::string::npos;
	std::string out = backslash ? "E'" : "'";
	for (char c : text) {
		if (c == '\'' || (backslash && c == '\\'))
			out += c;
		out += c;
	}
	return out + "'";
}

std::string
json_text(const std::string &json, const std::string &key)
{
	return "(" + json + "->>" + quote_literal(key) + ")";
}

std::string
json_value(const std::string &json, const std::string &key)
{
	return "(" + json + "->" + quote_literal(key) + ")";
}

std::string
json_array_or_null(const std::string &json)
{
	return "CASE WHEN pg_catalog.jsonb_typeof(" + json + ") = 'array' THEN " + json + " END";
}

} // namespace fraiseql::compile
