// operator_sql.h: an operator's SQL from its template in the operator table
// (schema/filters.h): the placeholders replaced by the expressions of one
// filtered value and its bound operand.
#pragma once

#include <string>

namespace fraiseql::compile {

struct OperatorSlots {
	std::string x; // the value, typed
	std::string t; // the value as text
	std::string v; // the operand ($n, cast when its type needs it)
	std::string w = std::string(); // a second operand (distanceWithin's meters)
};

// `sql` with {x}, {t}, {v}, {w} and {c} (the text search configuration) replaced.
std::string expand_operator(const char *sql, const OperatorSlots &slots);

// The text search configuration full-text operators use: the setting
// fraiseql.text_search_config when set, else default_text_search_config. It
// is read when the statement runs, so plans do not depend on it.
const char *text_search_config_sql();

} // namespace fraiseql::compile
