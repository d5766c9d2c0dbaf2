// json_text.h: strict JSON text (RFC 8259) as it arrives in an HTTP request:
// checked in full (grammar, UTF-8, nesting depth, numbers PostgreSQL's jsonb
// can hold, no \u0000, which jsonb refuses), so that what passes can be handed
// to jsonb_in without an error, and the members of an object found without
// building a tree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fraiseql::http {

enum class JsonKind : uint8_t { Null, False, True, Number, String, Array, Object };

// A value: its kind and its exact text within the checked document.
struct JsonSpan {
	JsonKind kind = JsonKind::Null;
	std::string_view text;
};

struct JsonMember {
	std::string key; // decoded
	JsonSpan value;
};

// Deeper than any request needs (GraphQL documents stop at fraiseql.max_depth);
// bounds the recursion of this check and of jsonb_in after it.
constexpr uint32_t MAX_JSON_DEPTH = 512;

// Checks `text` is one JSON value (white space around it allowed). On failure
// returns false with `error` saying what and where (byte offset). With
// `root_members`, an object's members are collected in the same pass (as
// object_members gives them; partial when the check fails).
bool check_json(std::string_view text, std::string &error, JsonSpan *root = nullptr,
                std::vector<JsonMember> *root_members = nullptr);

// The members of a checked object, in document order (duplicates kept).
std::vector<JsonMember> object_members(const JsonSpan &object);

// The decoded text of a checked string.
std::string decode_string(const JsonSpan &string);

} // namespace fraiseql::http
