// expected_errors.cc: shared by the validation and validation-sdl runners.
#include "conformance/expected_errors.h"

namespace fraiseql::conformance {

namespace od = simdjson::ondemand;

std::vector<WantError>
read_errors(od::array list)
{
	std::vector<WantError> out;
	for (auto item : list) {
		WantError e;
		for (auto field : item.get_object()) {
			std::string_view key = field.unescaped_key();
			if (key == "message") {
				e.message = std::string(std::string_view(field.value().get_string()));
			} else if (key == "locations") {
				for (auto loc : field.value().get_array()) {
					int64_t line = 0, column = 0;
					for (auto lf : loc.get_object()) {
						std::string_view k = lf.unescaped_key();
						if (k == "line")
							line = lf.value().get_int64();
						else if (k == "column")
							column = lf.value().get_int64();
					}
					e.locations.emplace_back(line, column);
				}
			}
		}
		out.push_back(std::move(e));
	}
	return out;
}

namespace {

std::string
show(const std::string &message, const std::vector<std::pair<int64_t, int64_t>> &locations)
{
	std::string s = "\"" + message + "\" at";
	for (const auto &l : locations)
		s += " " + std::to_string(l.first) + ":" + std::to_string(l.second);
	return s;
}

} // namespace

std::string
compare_errors(const char *what, const std::vector<WantError> &want, const ErrorList &got)
{
	for (size_t i = 0; i < want.size() || i < got.size(); i++) {
		std::string w = i < want.size() ? show(want[i].message, want[i].locations) : "(none)";
		std::string g = "(none)";
		if (i < got.size()) {
			std::vector<std::pair<int64_t, int64_t>> locations;
			for (const SourceLocation &l : got[i].locations)
				locations.emplace_back(l.line, l.column);
			g = show(got[i].message, locations);
		}
		if (w != g)
			return std::string(what) + " #" + std::to_string(i) + ": want " + w + ", got " + g;
	}
	return "";
}

} // namespace fraiseql::conformance
