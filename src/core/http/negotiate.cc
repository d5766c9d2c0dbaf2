// negotiate.cc: each candidate takes the q of the most specific range that
// matches it; among the acceptable ones the higher q wins, then an exact match
// over a wildcard, then graphql-response+json when named and application/json
// when only a wildcard matched (every client reads it).
#include "core/http/negotiate.h"

#include <cstdlib>
#include <string>

#include "core/util/text.h"

namespace fraiseql::http {

namespace {

constexpr std::string_view GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
constexpr std::string_view JSON = "application/json";

// A q-value; anything unreadable counts as 0 (not acceptable).
double
q_value(std::string_view text)
{
	std::string value(util::trim_blanks(text));
	if (value.empty() || value.size() > 16)
		return 0;
	char *end = nullptr;
	double q = std::strtod(value.c_str(), &end);
	return end == value.c_str() + value.size() ? q : 0;
}

struct Match {
	bool found = false;
	int specificity = -1; // 2 exact, 1 application/*, 0 */*
	double q = 0;
};

} // namespace

MediaType
negotiate(std::string_view accept)
{
	if (util::trim_blanks(accept).empty())
		return MediaType::Json;
	Match response, json;
	while (!accept.empty()) {
		size_t comma = accept.find(',');
		std::string_view part = accept.substr(0, comma);
		accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
		size_t semicolon = part.find(';');
		std::string_view media = util::trim_blanks(part.substr(0, semicolon));
		double q = 1;
		while (semicolon != std::string_view::npos) {
			part = part.substr(semicolon + 1);
			semicolon = part.find(';');
			std::string_view param = part.substr(0, semicolon);
			size_t eq = param.find('=');
			if (eq != std::string_view::npos && util::equal_ignoring_ascii_case(util::trim_blanks(param.substr(0, eq)), "q"))
				q = q_value(param.substr(eq + 1));
		}
		int wildcard = util::equal_ignoring_ascii_case(media, "*/*") ? 0 : util::equal_ignoring_ascii_case(media, "application/*") ? 1 : -1;
		for (auto [candidate, match] : {std::pair{GRAPHQL_RESPONSE_JSON, &response}, std::pair{JSON, &json}}) {
			int specificity = util::equal_ignoring_ascii_case(media, candidate) ? 2 : wildcard;
			if (specificity > match->specificity) {
				match->found = true;
				match->specificity = specificity;
				match->q = q;
			}
		}
	}
	const bool response_ok = response.found && response.q > 0;
	const bool json_ok = json.found && json.q > 0;
	if (!response_ok && !json_ok)
		return MediaType::None;
	if (!response_ok)
		return MediaType::Json;
	if (!json_ok)
		return MediaType::GraphQLResponseJson;
	if (response.q != json.q)
		return response.q > json.q ? MediaType::GraphQLResponseJson : MediaType::Json;
	const bool response_exact = response.specificity == 2, json_exact = json.specificity == 2;
	if (response_exact != json_exact)
		return response_exact ? MediaType::GraphQLResponseJson : MediaType::Json;
	// Both exact: the GraphQL type; both wildcards: application/json.
	return response_exact ? MediaType::GraphQLResponseJson : MediaType::Json;
}

const char *
media_type_name(MediaType type)
{
	return type == MediaType::GraphQLResponseJson ? "application/graphql-response+json" : "application/json";
}

} // namespace fraiseql::http
