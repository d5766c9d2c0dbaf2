// error.cc: the extensions.code strings (docs/reference.md, "Error codes").
#include "core/util/error.h"

namespace fraiseql {

std::string_view
error_code_name(ErrorCode code)
{
	switch (code) {
	case ErrorCode::ParseFailed: return "GRAPHQL_PARSE_FAILED";
	case ErrorCode::ValidationFailed: return "GRAPHQL_VALIDATION_FAILED";
	case ErrorCode::BadUserInput: return "BAD_USER_INPUT";
	case ErrorCode::QueryTooComplex: return "QUERY_TOO_COMPLEX";
	case ErrorCode::NotFound: return "NOT_FOUND";
	case ErrorCode::DatabaseError: return "DATABASE_ERROR";
	case ErrorCode::Internal: return "INTERNAL_SERVER_ERROR";
	}
	return "INTERNAL_SERVER_ERROR";
}

} // namespace fraiseql
