// suggestions.cc: lexical distance (Damerau-Levenshtein on lower case, threshold
// 40% of the input's length + 1) and the suggestion sentence, as graphql-js has them.
#include "core/validation/suggestions.h"

#include <algorithm>
#include <cstdint>

namespace fraiseql::validation {

namespace {

std::string
lower(std::string_view s)
{
	std::string out(s);
	for (char &c : out)
		if (c >= 'A' && c <= 'Z')
			c = static_cast<char>(c - 'A' + 'a');
	return out;
}

// Returns threshold + 1 when the distance exceeds the threshold.
size_t
lexical_distance(std::string_view input, std::string_view option, size_t threshold)
{
	if (input == option)
		return 0;
	std::string a = lower(option), b = lower(input);
	if (a == b)
		return 1;
	if (a.size() < b.size())
		std::swap(a, b);
	if (a.size() - b.size() > threshold)
		return threshold + 1;
	std::vector<std::vector<size_t>> rows(3, std::vector<size_t>(b.size() + 1));
	for (size_t j = 0; j <= b.size(); j++)
		rows[0][j] = j;
	for (size_t i = 1; i <= a.size(); i++) {
		std::vector<size_t> &up = rows[(i - 1) % 3];
		std::vector<size_t> &cur = rows[i % 3];
		size_t smallest = cur[0] = i;
		for (size_t j = 1; j <= b.size(); j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = std::min({up[j] + 1, cur[j - 1] + 1, up[j - 1] + cost});
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
				best = std::min(best, rows[(i - 2) % 3][j - 2] + 1); // transposition
			cur[j] = best;
			smallest = std::min(smallest, best);
		}
		if (smallest > threshold)
			return threshold + 1;
	}
	return rows[a.size() % 3][b.size()];
}

} // namespace

int
natural_compare(std::string_view a, std::string_view b)
{
	auto digit = [](char c) { return c >= '0' && c <= '9'; };
	size_t i = 0, j = 0;
	while (i < a.size() && j < b.size()) {
		if (digit(a[i]) && digit(b[j])) {
			// Digit runs compare as numbers; a leading zero ends a run (as graphql-js's loop does).
			uint64_t x = 0, y = 0;
			do {
				x = x * 10 + static_cast<uint64_t>(a[i++] - '0');
			} while (i < a.size() && digit(a[i]) && x > 0);
			do {
				y = y * 10 + static_cast<uint64_t>(b[j++] - '0');
			} while (j < b.size() && digit(b[j]) && y > 0);
			if (x != y)
				return x < y ? -1 : 1;
		} else {
			if (a[i] != b[j])
				return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
			i++;
			j++;
		}
	}
	return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

std::vector<std::string>
suggestion_list(std::string_view input, const std::vector<std::string_view> &options)
{
	size_t threshold = input.size() * 4 / 10 + 1;
	std::vector<std::pair<size_t, std::string_view>> found;
	for (std::string_view option : options) {
		size_t d = lexical_distance(input, option, threshold);
		if (d > threshold)
			continue;
		bool duplicate = false; // graphql-js keys the options by name
		for (auto &f : found)
			if (f.second == option) {
				f.first = d;
				duplicate = true;
			}
		if (!duplicate)
			found.emplace_back(d, option);
	}
	std::stable_sort(found.begin(), found.end(), [](const auto &x, const auto &y) {
		return x.first != y.first ? x.first < y.first : natural_compare(x.second, y.second) < 0;
	});
	std::vector<std::string> out;
	for (const auto &f : found)
		out.emplace_back(f.second);
	return out;
}

std::string
did_you_mean(const std::vector<std::string> &suggestions)
{
	return did_you_mean("", suggestions);
}

std::string
did_you_mean(std::string_view sub_message, const std::vector<std::string> &suggestions)
{
	if (suggestions.empty())
		return std::string();
	size_t n = std::min<size_t>(suggestions.size(), 5);
	std::string out = " Did you mean ";
	if (!sub_message.empty()) {
		out += sub_message;
		out += ' ';
	}
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			out += n > 2 ? ", " : " ";
		if (i > 0 && i == n - 1)
			out += "or ";
		out += "\"" + suggestions[i] + "\"";
	}
	return out + "?";
}

} // namespace fraiseql::validation
