// rules.h: the factories of the executable-document rules, one per graphql-js rule.
#pragma once

#include "core/validation/rule.h"

namespace fraiseql::validation::rules {

std::unique_ptr<Rule> executable_definitions(Context &);
std::unique_ptr<Rule> known_operation_types(Context &);
std::unique_ptr<Rule> unique_operation_names(Context &);
std::unique_ptr<Rule> lone_anonymous_operation(Context &);
std::unique_ptr<Rule> single_field_subscriptions(Context &);
std::unique_ptr<Rule> known_type_names(Context &);
std::unique_ptr<Rule> fragments_on_composite_types(Context &);
std::unique_ptr<Rule> variables_are_input_types(Context &);
std::unique_ptr<Rule> scalar_leafs(Context &);
std::unique_ptr<Rule> fields_on_correct_type(Context &);
std::unique_ptr<Rule> unique_fragment_names(Context &);
std::unique_ptr<Rule> known_fragment_names(Context &);
std::unique_ptr<Rule> no_unused_fragments(Context &);
std::unique_ptr<Rule> possible_fragment_spreads(Context &);
std::unique_ptr<Rule> no_fragment_cycles(Context &);
std::unique_ptr<Rule> unique_variable_names(Context &);
std::unique_ptr<Rule> no_undefined_variables(Context &);
std::unique_ptr<Rule> no_unused_variables(Context &);
std::unique_ptr<Rule> known_directives(Context &);
std::unique_ptr<Rule> unique_directives_per_location(Context &);
std::unique_ptr<Rule> defer_stream_on_root_field(Context &);
std::unique_ptr<Rule> defer_stream_on_valid_operations(Context &);
std::unique_ptr<Rule> defer_stream_label(Context &);
std::unique_ptr<Rule> stream_on_list_field(Context &);
std::unique_ptr<Rule> known_argument_names(Context &);
std::unique_ptr<Rule> unique_argument_names(Context &);
std::unique_ptr<Rule> values_of_correct_type(Context &);
std::unique_ptr<Rule> provided_required_arguments(Context &);
std::unique_ptr<Rule> variables_in_allowed_position(Context &);
std::unique_ptr<Rule> overlapping_fields_can_be_merged(Context &);
std::unique_ptr<Rule> unique_input_field_names(Context &);
std::unique_ptr<Rule> max_introspection_depth(Context &);
std::unique_ptr<Rule> no_deprecated(Context &);
std::unique_ptr<Rule> no_schema_introspection(Context &);

} // namespace fraiseql::validation::rules
