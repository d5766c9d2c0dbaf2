// request_params.h: the GraphQL request parameters of one HTTP request (the
// GraphQL over HTTP draft: GET's URL query, POST's JSON body; Automatic
// Persisted Queries' extensions.persistedQuery), or why it is not one
// (the 4xx to answer). Everything after this is fraiseql.execute's job.
#pragma once

#include <string>
#include <string_view>

#include "core/syntax/parser.h"

namespace fraiseql::http {

struct HttpRequest {
	std::string_view method;
	std::string_view query_string; // without the "?"
	std::string_view content_type; // empty: none sent
	std::string_view body;
};

struct GraphQLParams {
	bool has_query = false;
	std::string query;
	bool has_operation_name = false;
	std::string operation_name;
	std::string variables; // the JSON text of an object (checked); empty: none
	std::string persisted_hash; // 64 lower-case hex digits; empty: none
};

struct HttpFailure {
	int status = 400;
	std::string message;
	const char *allow = nullptr; // the Allow header of a 405
};

// false with `failure` set when the request is not a GraphQL request.
bool read_params(const HttpRequest &request, GraphQLParams &params, HttpFailure &failure);

// Whether `document` selects a mutation: the operation named `operation_name`
// is one, or none is named and some operation is one (with several and no
// name execute refuses anyway). A document that does not parse selects none:
// execute reports its syntax error. `limits`: execute's own (fraiseql.max_*).
bool mutation_selected(std::string_view document, bool has_operation_name, std::string_view operation_name,
                       const syntax::ParseLimits &limits);

// Whether a response of execute has "data" (is no request error).
bool has_data(std::string_view response);

// {"errors":[{"message":...}]} for the protocol's own errors.
std::string error_body(std::string_view message);

} // namespace fraiseql::http
