// overlapping_fields.cc: OverlappingFieldsCanBeMerged (placeholder until the full port).
#include "core/validation/rules/rules.h"

namespace fraiseql::validation::rules {

std::unique_ptr<Rule> overlapping_fields_can_be_merged(Context &c) { return std::make_unique<Rule>(c); }

} // namespace fraiseql::validation::rules
