// suggestions.h: graphql-js's "Did you mean ...?" (suggestionList + didYouMean).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fraiseql::validation {

// Options within graphql-js's lexical distance of `input`, closest first.
std::vector<std::string> suggestion_list(std::string_view input, const std::vector<std::string_view> &options);

// " Did you mean "a", "b", or "c"?" for at most five suggestions; "" for none.
std::string did_you_mean(const std::vector<std::string> &suggestions);
// The same with words before the names: " Did you mean the enum value "A"?".
std::string did_you_mean(std::string_view sub_message, const std::vector<std::string> &suggestions);

// Array.prototype.sort as V8 runs it on short arrays (up to 64 items: one
// natural run, then binary insertion), so that an inconsistent comparator
// (graphql-js's type suggestions have one) orders exactly as graphql-js does.
// `compare` returns <0, 0 or >0 like a JS comparator.
template <class T, class Compare>
void
js_sort(std::vector<T> &a, Compare compare)
{
	size_t n = a.size();
	if (n < 2)
		return;
	size_t run = 2;
	bool descending = compare(a[1], a[0]) < 0;
	for (size_t i = 2; i < n; i++) {
		int order = compare(a[i], a[i - 1]);
		if (descending ? order >= 0 : order < 0)
			break;
		run++;
	}
	if (descending)
		for (size_t i = 0, j = run - 1; i < j; i++, j--)
			std::swap(a[i], a[j]);
	for (size_t start = run; start < n; start++) {
		T pivot = a[start];
		size_t left = 0, right = start;
		while (left < right) {
			size_t mid = left + ((right - left) >> 1);
			if (compare(pivot, a[mid]) < 0)
				right = mid;
			else
				left = mid + 1;
		}
		for (size_t k = start; k > left; k--)
			a[k] = a[k - 1];
		a[left] = pivot;
	}
}

// graphql-js naturalCompare: digit runs compare by value, the rest by code unit.
int natural_compare(std::string_view a, std::string_view b);

} // namespace fraiseql::validation
