// jsonb_json.h: a jsonb value written as JSON text, and shown the way graphql-js's
// inspect() shows a JavaScript value in error messages.
#pragma once

#include <string>

#include "core/jsonb/jsonb_reader.h"
#include "core/response/json_writer.h"

namespace fraiseql::response {

// Deeper jsonb than this is written as null rather than recursed into.
constexpr int MAX_JSONB_DEPTH = 1000;

// Keys come out in jsonb's order (shortest first, then bytewise), as stored.
void write_jsonb(JsonWriter &out, const jsonb::Value &value, int depth = 0);

// How inspect_jsonb shows numbers: as stored (1.50, 1e400 in full), or as
// graphql-js shows the JSON.parse'd double (1.5, Infinity).
enum class InspectNumbers { Exact, JavaScript };

// graphql-js inspect(): strings quoted, objects as { key: value }, at most 10
// array items, nothing nested deeper than 2 levels ([Object], [Array]).
std::string inspect_jsonb(const jsonb::Value &value, InspectNumbers numbers = InspectNumbers::Exact);

} // namespace fraiseql::response
