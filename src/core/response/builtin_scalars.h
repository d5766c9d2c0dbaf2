// builtin_scalars.h: result coercion of the five built-in scalars (String, Int,
// Float, Boolean, ID) as graphql-js 17's serialize does it over JSON.parse'd
// rows: a jsonb number is the double JSON.parse would give, strings read as
// Number() reads them, numbers are written as String() writes them.
// test/conformance/data/serialize.json holds graphql-js's answers.
#pragma once

#include <string>

#include "core/jsonb/jsonb_reader.h"
#include "core/response/json_writer.h"
#include "core/schema/schema.h"

namespace fraiseql::response {

// Writes `value` coerced to the built-in scalar `kind` and returns true; or
// writes nothing, sets graphql-js's error message in `reason` and returns false.
// One deliberate difference: an integral number below 1e21 that a double cannot
// hold exactly keeps its exact digits as a String or ID (JSON.parse would have
// rounded 12345678901234567890 to "12345678901234567000").
bool serialize_builtin(schema::ScalarKind kind, JsonWriter &out, const jsonb::Value &value, std::string &reason);

} // namespace fraiseql::response
