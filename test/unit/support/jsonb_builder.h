// jsonb_builder.h: JSON text to PostgreSQL's jsonb binary format, for tests of
// the code that reads jsonb (variables, projection) without a server. Written
// from the format's description in src/include/utils/jsonb.h; it stores every
// JEntry as a length (valid: PostgreSQL writes an offset only as a shortcut).
#pragma once

#include <string>
#include <string_view>

#include "core/jsonb/jsonb_reader.h"

namespace fraiseql::test {

// The jsonb payload (no varlena header) of `json`. Aborts the test binary on
// malformed JSON: the tests' inputs are literals.
std::string jsonb_from_json(std::string_view json);

// Keeps the bytes alive and gives their root value.
struct JsonbDoc {
	std::string bytes;
	explicit JsonbDoc(std::string_view json) : bytes(jsonb_from_json(json)) {}
	jsonb::Value root() const { return jsonb::root(bytes.data(), bytes.size()); }
};

} // namespace fraiseql::test
