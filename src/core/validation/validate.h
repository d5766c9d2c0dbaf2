// validate.h: validation of an executable document against a schema (spec
// section 5) as graphql-js 17 validate() does it: the rules of specifiedRules
// (or a chosen subset, or the optional custom rules) run in one walk, so
// errors come in document order, with graphql-js's messages and locations.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/schema/schema.h"
#include "core/syntax/ast.h"
#include "core/util/error.h"

namespace fraiseql::validation {

struct ValidateOptions {
	// graphql-js rule names (e.g. "FieldsOnCorrectTypeRule"), run in this
	// order; empty or "specifiedRules" means all of specifiedRules.
	std::vector<std::string> rules;
	bool hide_suggestions = false; // drop "Did you mean ...?"
	size_t max_errors = 100;       // then "Too many validation errors ..." and stop
};

[[nodiscard]] ErrorList validate(const schema::Schema &schema, const syntax::Document &document,
                                 const ValidateOptions &options = ValidateOptions());

// A document as text: parsed (a syntax error is the one error, with
// syntax_error set), then validated. fraiseql-tool's `validate` and the
// conformance runner both answer through this.
struct TextValidation {
	ErrorList errors;
	bool syntax_error = false;
};
[[nodiscard]] TextValidation validate_text(const schema::Schema &schema, std::string_view query,
                                           const ValidateOptions &options, bool experimental_fragment_arguments);

// {"errors":[{"message":...,"locations":[{"line":..,"column":..}]}]} (plus
// "syntax_error":true), the shape of conformance/tools/oracle.mjs validate.
std::string oracle_json(const TextValidation &result);

// Whether `name` is a rule validate() knows (specifiedRules, its members, the custom rules).
bool is_rule_name(std::string_view name);

} // namespace fraiseql::validation
