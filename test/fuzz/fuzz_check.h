// fuzz_check.h: what the fuzz targets beyond the parser share: reporting a
// broken property (print and abort, so libFuzzer saves the input and the
// replay counts a failure) and the check that errors are well-formed.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/util/error.h"

namespace fraiseql::fuzz {

[[noreturn]] inline void
violated(const char *target, const char *what, std::string_view input, std::string_view detail)
{
	std::fprintf(stderr, "%s: %s\n--- input (%zu bytes)\n%.*s\n--- detail\n%.*s\n", target, what, input.size(),
	             static_cast<int>(input.size()), input.data(), static_cast<int>(detail.size()), detail.data());
	std::abort();
}

// Line count and the longest line of `text` in bytes, with the lexer's line
// terminators (\n, \r\n, \r). A column counts UTF-16 units, never more than
// the bytes, so bytes + 2 bounds it (one past the end, and an error at EOF).
struct TextShape {
	uint32_t lines = 1;
	uint32_t longest = 0;
	explicit TextShape(std::string_view text)
	{
		uint32_t current = 0;
		for (size_t i = 0; i < text.size(); i++) {
			char c = text[i];
			if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
					i++;
				lines++;
				longest = current > longest ? current : longest;
				current = 0;
			} else {
				current++;
			}
		}
		longest = current > longest ? current : longest;
	}
};

// Every error has a message, and each location lies inside `source` (an error
// positioned in some other text, such as the built-in SDL, would show the
// user a place that does not exist).
inline void
check_errors(const char *target, const char *stage, const ErrorList &errors, std::string_view source,
             std::string_view input)
{
	TextShape shape(source);
	for (const GraphQLError &e : errors) {
		if (e.message.empty())
			violated(target, "an error without a message", input, stage);
		for (const SourceLocation &l : e.locations)
			if (l.line < 1 || l.line > shape.lines || l.column > shape.longest + 2)
				violated(target, "an error location outside the source", input,
				         std::string(stage) + ": " + e.message + " at " + std::to_string(l.line) + ":" +
				             std::to_string(l.column));
	}
}

} // namespace fraiseql::fuzz
