// negotiate.cc: each candidate takes the q of the most specific range that
// matches it; among the acceptable ones the higher q wins, then an exact match
// over a wildcard, then graphql-response+json when named and application/json
// when only a wildcard matched (every client reads it).
#include "core/http/negotiate.h"

#include <cstdlib>
#include <string>

namespace fraiseql::http {

namespace {

constexpr std::string_view GRAPHQL_RESPONSE_JSON = "application/graphql-response+json";
constexpr std::string_view JSON = "application/json";

std::string_view
trim(std::string_view s)
{
	while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
		s.remove_prefix(1);
	while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
		s.remove_suffix(1);
	return s;
}

bool
equal_ignoring_case(std::string_view a, std::string_view b)
{
	if (a.size() != b.size())
		return false;
	for (size_t i = 0; i < a.size(); i++) {
		char x = a[i], y = b[i];
		if (x >= 'A' && x <= 'Z')
			x = char(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = char(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return true;
}

// A q-value; anything unreadable counts as 0 (not acceptable).
double
q_value(std::string_view text)
{
	std::string value(trim(text));
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
	if (trim(accept).empty())
		return MediaType::Json;
	Match response, json;
	while (!accept.empty()) {
		size_t comma = accept.find(',');
		std::string_view part = accept.substr(0, comma);
		accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
		size_t semicolon = part.find(';');
		std::string_view media = trim(part.substr(0, semicolon));
		double q = 1;
		while (semicolon != std::string_view::npos) {
			part = part.substr(semicolon + 1);
			semicolon = part.find(';');
			std::string_view param = part.substr(0, semicolon);
			size_t eq = param.find('=');
			if (eq != std::string_view::npos && equal_ignoring_case(trim(param.substr(0, eq)), "q"))
				q = q_value(param.substr(eq + 1));
		}
		int wildcard = equal_ignoring_case(media, "*/*") ? 0 : equal_ignoring_case(media, "application/*") ? 1 : -1;
		for (auto [candidate, match] : {std::pair{GRAPHQL_RESPONSE_JSON, &response}, std::pair{JSON, &json}}) {
			int specificity = equal_ignoring_case(media, candidate) ? 2 : wildcard;
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
