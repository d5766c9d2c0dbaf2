// validation_sdl_cases.cc: the `kind: "sdl"` cases of validation.json, each
// run through validation::validate_sdl twice: with the case's one rule
// (compared with `errors`) and with all SDL rules (`all_rules_errors`). A case
// naming a base schema gets the facts of schemas.json's SDL for that key.
#include <simdjson.h>

#include "conformance/expected_errors.h"

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "core/syntax/parser.h"
#include "core/validation/sdl/base_schema_facts.h"
#include "core/validation/sdl/validate_sdl.h"

using namespace fraiseql;
namespace od = simdjson::ondemand;

namespace {

using conformance::WantError;
using conformance::read_errors;

struct SdlCase {
	std::string id, kind, rule, query;
	std::string schema; // empty: no base schema
	std::vector<WantError> errors, all_rules_errors;
};

} // namespace

// Runs every sdl case; adds to the counts. Returns false when the data cannot be read.
bool
run_validation_sdl_cases(const std::string &dir, const std::map<std::string, std::string> &excluded, int &passed,
                         int &failed, int &skipped)
{
	std::map<std::string, std::string> schemas;
	std::vector<SdlCase> cases;
	try {
		simdjson::padded_string schemas_json = simdjson::padded_string::load(dir + "/schemas.json");
		od::parser schema_parser;
		od::document schema_doc = schema_parser.iterate(schemas_json);
		for (auto field : schema_doc.get_object())
			schemas[std::string(field.unescaped_key().value())] = std::string(std::string_view(field.value().get_string()));

		simdjson::padded_string json = simdjson::padded_string::load(dir + "/validation.json");
		od::parser parser;
		od::document doc = parser.iterate(json);
		for (auto item : doc.get_array()) {
			SdlCase c;
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
				else if (key == "errors" && c.kind == "sdl")
					c.errors = read_errors(field.value().get_array());
				else if (key == "all_rules_errors" && c.kind == "sdl")
					c.all_rules_errors = read_errors(field.value().get_array());
			}
			if (c.kind == "sdl")
				cases.push_back(std::move(c));
		}
	} catch (const simdjson::simdjson_error &e) {
		std::printf("validation-sdl: cannot read data: %s\n", e.what());
		return false;
	}

	int ok = 0, bad = 0, skip = 0;
	for (const SdlCase &c : cases) {
		if (excluded.count(c.id)) {
			skip++;
			continue;
		}
		auto fail = [&](const std::string &why) {
			bad++;
			std::printf("FAIL %s: %s\n", c.id.c_str(), why.c_str());
		};
		validation::SdlRule rule;
		if (!validation::sdl_rule_from_name(c.rule, rule)) {
			fail("unknown SDL rule " + c.rule);
			continue;
		}
		util::Arena arena;
		syntax::ParseResult parsed = syntax::parse_document(c.query, arena);
		if (!parsed.document) {
			fail("does not parse: " + parsed.error.message);
			continue;
		}
		validation::BaseSchemaFacts facts;
		const validation::BaseSchemaFacts *base = nullptr;
		if (!c.schema.empty()) {
			auto it = schemas.find(c.schema);
			if (it == schemas.end()) {
				fail("no schema " + c.schema);
				continue;
			}
			syntax::ParseResult base_parsed = syntax::parse_document(it->second, arena);
			if (!base_parsed.document) {
				fail("schema " + c.schema + " does not parse: " + base_parsed.error.message);
				continue;
			}
			facts = validation::build_base_schema_facts(*base_parsed.document);
			base = &facts;
		}
		std::string diff = conformance::compare_errors("errors", c.errors,
		                           validation::validate_sdl(*parsed.document, base, validation::SdlRuleSelection::only(rule)));
		if (diff.empty())
			diff = conformance::compare_errors("all_rules_errors", c.all_rules_errors, validation::validate_sdl(*parsed.document, base));
		if (diff.empty())
			ok++;
		else
			fail(diff);
	}
	std::printf("validation-sdl: %d passed, %d failed, %d skipped\n", ok, bad, skip);
	passed += ok;
	failed += bad;
	skipped += skip;
	return true;
}
