// traceparent.cc: traceparent validation and its sqlcommenter comment.
#include "core/execute/traceparent.h"

namespace fraiseql::execute {

namespace {

// `count` lower-case hex digits at `at`, not all zero when `nonzero`.
bool
hex_field(std::string_view value, size_t at, size_t count, bool nonzero)
{
	bool any = false;
	for (size_t i = at; i < at + count; i++) {
		const char c = value[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return false;
		any = any || c != '0';
	}
	return any || !nonzero;
}

} // namespace

bool
valid_traceparent(std::string_view value)
{
	// 2 + 1 + 32 + 1 + 16 + 1 + 2
	if (value.size() != 55 || value[2] != '-' || value[35] != '-' || value[52] != '-')
		return false;
	return value.substr(0, 2) == "00" && hex_field(value, 3, 32, true) && hex_field(value, 36, 16, true) &&
	       hex_field(value, 53, 2, false);
}

std::string
traceparent_comment(std::string_view value)
{
	if (!valid_traceparent(value))
		return std::string();
	return "/*traceparent='" + std::string(value) + "'*/ ";
}

} // namespace fraiseql::execute
