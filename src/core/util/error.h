// error.h: GraphQL errors as values (the core never throws), with the one table
// that maps codes to their `extensions.code` strings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fraiseql {

enum class ErrorCode : uint8_t {
	ParseFailed,      // GRAPHQL_PARSE_FAILED: syntax errors (request error)
	ValidationFailed, // GRAPHQL_VALIDATION_FAILED (request error)
	BadUserInput,     // variable coercion, bad argument values
	QueryTooComplex,  // a limit GUC was hit
	NotFound,         // NOT_FOUND
	DatabaseError,    // an SQL error inside one root field; carries sqlstate
	Internal,         // INTERNAL_SERVER_ERROR: a bug or a damaged value
};
constexpr size_t ERROR_CODE_COUNT = 7;

std::string_view error_code_name(ErrorCode code);

struct SourceLocation {
	uint32_t line;
	uint32_t column;
};

// One step of a response path: a response key, or a list index when key is empty.
struct PathSegment {
	std::string key;
	int64_t index = -1;
};

// A further member of an error's "extensions" (after "code"): a string, or a
// number when `is_number` (admission control's estimate and limit).
struct ErrorExtension {
	std::string key;
	std::string text;
	double number = 0;
	bool is_number = false;
};

struct GraphQLError {
	ErrorCode code = ErrorCode::Internal;
	std::string message;
	std::vector<SourceLocation> locations;
	std::vector<PathSegment> path; // empty: no "path" key
	std::string sqlstate;          // DatabaseError only
	std::vector<ErrorExtension> extensions;
};

using ErrorList = std::vector<GraphQLError>;

inline GraphQLError
make_error(ErrorCode code, std::string message, uint32_t line = 0, uint32_t column = 0)
{
	GraphQLError e;
	e.code = code;
	e.message = std::move(message);
	if (line)
		e.locations.push_back({line, column});
	return e;
}

} // namespace fraiseql
