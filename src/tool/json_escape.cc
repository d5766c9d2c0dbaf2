// json_escape.cc: JSON string quoting for the CLI (short escapes, \u00xx for other controls).
#include "tool/json_escape.h"

namespace fraiseql::tool {

void
append_json_string(std::string &out, std::string_view s)
{
	static const char hex[] = "0123456789abcdef";
	out += '"';
	for (char ch : s) {
		unsigned char c = static_cast<unsigned char>(ch);
		switch (c) {
		case '"': out += "\\\""; break;
		case '\\': out += "\\\\"; break;
		case '\b': out += "\\b"; break;
		case '\f': out += "\\f"; break;
		case '\n': out += "\\n"; break;
		case '\r': out += "\\r"; break;
		case '\t': out += "\\t"; break;
		default:
			if (c < 0x20) {
				out += "\\u00";
				out += hex[c >> 4];
				out += hex[c & 15];
			} else {
				out += ch;
			}
		}
	}
	out += '"';
}

} // namespace fraiseql::tool
