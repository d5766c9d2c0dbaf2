// functions.h: looks up the SQL functions that @function fields name.
#pragma once

#include "core/schema/schema.h"

namespace fraiseql::pg {

// Fills each @function binding's candidates: the functions of that name
// (schema-qualified, or along the search_path in its order), with their IN
// parameters and what they return. Needs SPI. The core then chooses
// (schema::check_function_bindings).
void attach_functions(schema::Schema &s);

} // namespace fraiseql::pg
