// registry.cc: rule names as graphql-js exports them, in specifiedRules order.
#include "core/validation/rules/rules.h"

namespace fraiseql::validation {

const std::vector<RuleEntry> &
rule_table()
{
	using namespace rules;
	static const std::vector<RuleEntry> table = {
	    {"ExecutableDefinitionsRule", executable_definitions, true},
	    {"KnownOperationTypesRule", known_operation_types, true},
	    {"UniqueOperationNamesRule", unique_operation_names, true},
	    {"LoneAnonymousOperationRule", lone_anonymous_operation, true},
	    {"SingleFieldSubscriptionsRule", single_field_subscriptions, true},
	    {"KnownTypeNamesRule", known_type_names, true},
	    {"FragmentsOnCompositeTypesRule", fragments_on_composite_types, true},
	    {"VariablesAreInputTypesRule", variables_are_input_types, true},
	    {"ScalarLeafsRule", scalar_leafs, true},
	    {"FieldsOnCorrectTypeRule", fields_on_correct_type, true},
	    {"UniqueFragmentNamesRule", unique_fragment_names, true},
	    {"KnownFragmentNamesRule", known_fragment_names, true},
	    {"NoUnusedFragmentsRule", no_unused_fragments, true},
	    {"PossibleFragmentSpreadsRule", possible_fragment_spreads, true},
	    {"NoFragmentCyclesRule", no_fragment_cycles, true},
	    {"UniqueVariableNamesRule", unique_variable_names, true},
	    {"NoUndefinedVariablesRule", no_undefined_variables, true},
	    {"NoUnusedVariablesRule", no_unused_variables, true},
	    {"KnownDirectivesRule", known_directives, true},
	    {"UniqueDirectivesPerLocationRule", unique_directives_per_location, true},
	    {"DeferStreamDirectiveOnRootFieldRule", defer_stream_on_root_field, true},
	    {"DeferStreamDirectiveOnValidOperationsRule", defer_stream_on_valid_operations, true},
	    {"DeferStreamDirectiveLabelRule", defer_stream_label, true},
	    {"StreamDirectiveOnListFieldRule", stream_on_list_field, true},
	    {"KnownArgumentNamesRule", known_argument_names, true},
	    {"UniqueArgumentNamesRule", unique_argument_names, true},
	    {"ValuesOfCorrectTypeRule", values_of_correct_type, true},
	    {"ProvidedRequiredArgumentsRule", provided_required_arguments, true},
	    {"VariablesInAllowedPositionRule", variables_in_allowed_position, true},
	    {"OverlappingFieldsCanBeMergedRule", overlapping_fields_can_be_merged, true},
	    {"UniqueInputFieldNamesRule", unique_input_field_names, true},
	    {"MaxIntrospectionDepthRule", max_introspection_depth, true},
	    {"NoDeprecatedCustomRule", no_deprecated, false},
	    {"NoSchemaIntrospectionCustomRule", no_schema_introspection, false},
	};
	return table;
}

} // namespace fraiseql::validation
