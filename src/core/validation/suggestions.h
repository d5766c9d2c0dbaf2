// suggestions.h: graphql-js's "Did you mean ...?" (suggestionList + didYouMean).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fraiseql::validation {

// Options within graphql-js's lexical distance of `input`, closest first.
std::vector<std::string> suggestion_list(std::string_view input, const std::vector<std::string_view> &options);

// " Did you mean "a", "b", or "c"?" for at most five suggestions; "" for none.
std::string did_you_mean(const std::vector<std::string> &suggestions);

} // namespace fraiseql::validation
