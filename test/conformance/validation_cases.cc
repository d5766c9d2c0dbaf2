// validation_cases.cc: the `kind: "executable"` cases of validation.json. Each
// case builds its schemas.json schema in spec mode and runs
// validation::validate_text (what `fraiseql-tool validate` runs) twice: with
// the case's rule, compared with `errors`, and with all of specifiedRules,
// compared with `all_rules_errors`. A case passes only when both match
// exactly (messages, locations, order). Options hideSuggestions, maxErrors and
// experimentalFragmentArguments are passed through.
#include <simdjson.h>

#include "conformance/expected_errors.h"

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/schema/schema.h"
#include "core/validation/validate.h"

using namespace fraiseql;
namespace od = simdjson::ondemand;

namespace {

using conformance::WantError;
using conformance::read_errors;

struct Case {
	std::string id, kind, rule, query, schema;
	bool fragment_arguments = false;
	validation::ValidateOptions options;
	std::vector<WantError> errors, all_rules_errors;
};

} // namespace

// Runs every executable case; adds to the counts. Returns false when the data cannot be read.
bool
run_validation_cases(const std::string &dir, const std::map<std::string, std::string> &excluded, int &passed,
                     int &failed, int &skipped)
{
	std::map<std::string, std::string> schema_sdl;
	std::vector<Case> cases;
	try {
		simdjson::padded_string schemas_json = simdjson::padded_string::load(dir + "/schemas.json");
		od::parser schema_parser;
		od::document schema_doc = schema_parser.iterate(schemas_json);
		for (auto field : schema_doc.get_object())
			schema_sdl[std::string(field.unescaped_key().value())] = std::string(std::string_view(field.value().get_string()));

		simdjson::padded_string json = simdjson::padded_string::load(dir + "/validation.json");
		od::parser parser;
		od::document doc = parser.iterate(json);
		for (auto item : doc.get_array()) {
			Case c;
			for (auto field : item.get_object()) {
				std::string_view key = field.unescaped_key();
				if (key == "id")
					c.id = std::string(std::string_view(field.value().get_string()));
				else if (key == "kind")
					c.kind = std::string(std::string_view(field.value().get_string()));
				else if (key == "rule")
					c.rule = std::string(std::string_view(field.value().get_string()));
				else if (key == "query")
					c.query = std::string(std::string_view(field.value().get_string()));
				else if (key == "schema" && !field.value().is_null())
					c.schema = std::string(std::string_view(field.value().get_string()));
				else if (key == "errors" && c.kind == "executable")
					c.errors = read_errors(field.value().get_array());
				else if (key == "all_rules_errors" && c.kind == "executable")
					c.all_rules_errors = read_errors(field.value().get_array());
				else if (key == "options") {
					for (auto opt : field.value().get_object()) {
						std::string_view name = opt.unescaped_key();
						if (name == "experimentalFragmentArguments")
							c.fragment_arguments = opt.value().get_bool();
						else if (name == "hideSuggestions")
							c.options.hide_suggestions = opt.value().get_bool();
						else if (name == "maxErrors")
							c.options.max_errors = static_cast<size_t>(int64_t(opt.value().get_int64()));
					}
				}
			}
			if (c.kind == "executable")
				cases.push_back(std::move(c));
		}
	} catch (const simdjson::simdjson_error &e) {
		std::printf("validation: cannot read data: %s\n", e.what());
		return false;
	}

	std::map<std::string, std::unique_ptr<schema::Schema>> schemas;
	std::map<std::string, std::pair<int, int>> by_rule; // rule -> passed, failed
	int ok = 0, bad = 0, skip = 0;
	for (const Case &c : cases) {
		if (excluded.count(c.id)) {
			skip++;
			continue;
		}
		auto fail = [&](const std::string &why) {
			bad++;
			by_rule[c.rule].second++;
			std::printf("FAIL %s: %s\n", c.id.c_str(), why.c_str());
		};
		auto &built = schemas[c.schema];
		if (!built) {
			auto it = schema_sdl.find(c.schema);
			if (it == schema_sdl.end()) {
				fail("no schema " + c.schema);
				continue;
			}
			schema::BuildOptions build_options;
			build_options.mode = schema::BuildMode::Spec;
			schema::BuildResult r = schema::build_schema(it->second, build_options);
			if (!r.schema) {
				fail("schema " + c.schema + " does not build: " + (r.errors.empty() ? "" : r.errors[0].message));
				continue;
			}
			built = std::move(r.schema);
		}
		if (!validation::is_rule_name(c.rule)) {
			fail("unknown rule " + c.rule);
			continue;
		}
		validation::ValidateOptions one = c.options;
		one.rules = {c.rule};
		std::string diff =
		    conformance::compare_errors("errors", c.errors, validation::validate_text(*built, c.query, one, c.fragment_arguments).errors);
		if (diff.empty())
			diff = conformance::compare_errors("all_rules_errors", c.all_rules_errors,
			               validation::validate_text(*built, c.query, c.options, c.fragment_arguments).errors);
		if (diff.empty()) {
			ok++;
			by_rule[c.rule].first++;
		} else {
			fail(diff);
		}
	}
	for (const auto &r : by_rule)
		std::printf("validation %s: %d passed, %d failed\n", r.first.c_str(), r.second.first, r.second.second);
	std::printf("validation: %d passed, %d failed, %d skipped\n", ok, bad, skip);
	passed += ok;
	failed += bad;
	skipped += skip;
	return true;
}
