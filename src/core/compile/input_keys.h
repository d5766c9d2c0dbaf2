// input_keys.h: a mutation input as its function reads it. GraphQL input
// objects name their fields in camelCase; the SQL functions of a FraiseQL
// application read the snake_case keys of their tables and composite types
// (jsonb_populate_record), so each input object field is written under its
// key: @field(key:) or snake_case of its name, the rule output fields follow.
// Values of JSON and custom scalars are free-form JSON and keep their keys.
#pragma once

#include <string>

#include "core/coerce/variables.h"
#include "core/response/json_writer.h"
#include "core/schema/schema.h"

namespace fraiseql::compile {

// The key an input object field is passed under.
std::string input_key(const schema::InputValueDef &field);

// Writes a coerced value of `type` as JSON with input object fields under
// their keys. Fields the type does not know (none after coercion) keep their
// names. Recursion is bounded by the coerced value's depth (CoerceOptions::max_depth).
void write_input_json(const coerce::InputValue &value, const schema::TypeExpr &type, response::JsonWriter &out);

} // namespace fraiseql::compile
