// negotiate.h: the response media type of a GraphQL-over-HTTP request from its
// Accept header (RFC 9110 q-values; the GraphQL over HTTP draft's two types).
#pragma once

#include <string_view>

namespace fraiseql::http {

enum class MediaType { None, Json, GraphQLResponseJson };

// application/graphql-response+json when the client names it (at the highest
// q); application/json for wildcards and a missing or empty header; None when
// neither is acceptable (a 406).
MediaType negotiate(std::string_view accept);

const char *media_type_name(MediaType type);

} // namespace fraiseql::http
