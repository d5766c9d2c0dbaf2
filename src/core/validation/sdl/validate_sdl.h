// validate_sdl.h: graphql-js 17's validateSDL over the syntax tree of an SDL
// document: the specifiedSDLRules, with graphql-js's messages, locations and
// error order (its rules run in one parallel visit, so with several rules the
// errors interleave in document order). It needs no schema model: a schema the
// document extends is described by BaseSchemaFacts.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/syntax/ast.h"
#include "core/util/error.h"

namespace fraiseql::validation {

class BaseSchemaFacts;

// specifiedSDLRules, in graphql-js's order (which is also the order of errors
// reported at the same node).
enum class SdlRule : uint8_t {
	LoneSchemaDefinition,
	UniqueOperationTypes,
	UniqueTypeNames,
	UniqueEnumValueNames,
	UniqueFieldDefinitionNames,
	UniqueArgumentDefinitionNames,
	UniqueDirectiveNames,
	KnownTypeNames,
	KnownDirectives,
	UniqueDirectivesPerLocation,
	PossibleTypeExtensions,
	KnownArgumentNamesOnDirectives,
	UniqueArgumentNames,
	UniqueInputFieldNames,
	ProvidedRequiredArgumentsOnDirectives,
	Count,
};

class SdlRuleSelection {
public:
	static SdlRuleSelection all() { return SdlRuleSelection((1u << unsigned(SdlRule::Count)) - 1); }
	static SdlRuleSelection only(SdlRule rule) { return SdlRuleSelection(1u << unsigned(rule)); }
	bool has(SdlRule rule) const { return (bits_ >> unsigned(rule)) & 1u; }

private:
	explicit SdlRuleSelection(uint32_t bits) : bits_(bits) {}
	uint32_t bits_;
};

// graphql-js's export name, e.g. "UniqueTypeNamesRule"; false for any other name.
bool sdl_rule_from_name(std::string_view name, SdlRule &rule);
std::string_view sdl_rule_name(SdlRule rule);

// Errors of `document` as validateSDL(document, base, rules) reports them.
// `base` is the schema being extended, or nullptr. Every error has code
// ValidationFailed and the line:column of the nodes graphql-js names.
// max_errors > 0 stops after that many errors the way graphql-js validate()'s
// maxErrors does (one more error says so); a caller that only reports the
// first error passes 1, which also bounds the "Did you mean" work.
[[nodiscard]] ErrorList validate_sdl(const syntax::Document &document, const BaseSchemaFacts *base,
                                     SdlRuleSelection rules = SdlRuleSelection::all(), uint32_t max_errors = 0);

} // namespace fraiseql::validation
