// cursor.h: Relay connection cursors. A cursor is base64 of a small JSON
// array: the signature of the ordering it was made under, then the row's
// values of every ORDER BY key (the id column last). Decoding checks the
// signature and the count, so a cursor of another orderBy is refused, and
// yields the values as text for typed parameters: the keyset predicate binds
// them, never splices them. Opaque to clients, stable under inserts (it names
// a position in the order, not an offset).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/jsonb/jsonb_reader.h"

namespace fraiseql::compile {

// A short signature (8 hex digits, FNV-1a) of an ordering's text.
std::string ordering_signature(std::string_view ordering);

// The cursor for a row whose key values are the jsonb array `keys`. False
// when `keys` is not an array of scalars (nothing the compiler generates).
bool encode_cursor(std::string_view signature, const jsonb::Value &keys, std::string &out);

struct CursorValue {
	bool is_null = false;
	std::string text; // a string's content, a number's or boolean's literal text
};

enum class CursorError { None, Malformed, OtherOrdering };

// Decodes `cursor`; it must carry `signature` and exactly `key_count` values.
CursorError decode_cursor(std::string_view cursor, std::string_view signature, size_t key_count,
                          std::vector<CursorValue> &out);

// Standard base64 with padding (exposed for tests).
std::string base64_encode(std::string_view bytes);
bool base64_decode(std::string_view text, std::string &out);

} // namespace fraiseql::compile
