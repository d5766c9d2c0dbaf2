// jsonb_reader.h: reads PostgreSQL's jsonb on-disk format (src/include/utils/jsonb.h)
// in place, without PostgreSQL: the projection walks each row's `data` value with
// it and never turns jsonb into text. Every offset is checked against the
// container's length, so a damaged value reads as Invalid, never out of bounds.
// The format is stable across major versions (pg_upgrade keeps jsonb as is).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/util/unaligned.h"

namespace fraiseql::jsonb {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the varlena header decoding assumes little-endian");

enum class Kind : uint8_t { Invalid, Null, False, True, String, Numeric, Object, Array };

class Container;

// A value inside a jsonb datum. Views memory owned by the datum.
struct Value {
	Kind kind = Kind::Invalid;
	const char *data = nullptr; // String: UTF-8 bytes; Numeric: the numeric varlena; Object/Array: the container
	uint32_t len = 0;           // bytes at data

	bool is_null() const { return kind == Kind::Null; }
	std::string_view string() const { return std::string_view(data, len); }
	Container container() const;
};

// An object or array (JsonbContainer): a header, then JEntries, then data.
// The flags are those of src/include/utils/jsonb.h.
class Container {
public:
	Container() = default;
	// Inline, as is Value::container(): the projection opens an object per
	// row and per nested object.
	Container(const char *data, uint32_t len) : data_(data), len_(len)
	{
		if (len < 4)
			return;
		uint32_t header;
		memcpy(&header, data, 4);
		const uint32_t count = header & 0x0FFFFFFFu;      // JB_CMASK
		object_ = (header & 0x20000000u) != 0;            // JB_FOBJECT
		scalar_ = (header & 0x10000000u) != 0;            // JB_FSCALAR
		if (object_ == ((header & 0x40000000u) != 0))     // JB_FARRAY
			return; // exactly one of object/array must be set
		const uint64_t entries = object_ ? uint64_t(count) * 2 : count;
		if (4 + entries * 4 > len)
			return;
		base_ = data + 4 + entries * 4;
		count_ = count;
	}

	bool valid() const { return count_ >= 0; }
	bool is_object() const { return object_; }
	bool is_array() const { return !object_ && valid(); }
	bool is_scalar() const { return scalar_; } // a top-level scalar, stored as a one-element array
	uint32_t size() const { return valid() ? static_cast<uint32_t>(count_) : 0; }

	// Array element i (0-based), or Invalid.
	Value element(uint32_t i) const;
	// Object: the value under `key`, Kind::Invalid with data == nullptr when absent.
	Value find(std::string_view key) const;
	// Object pair i in key order.
	Value key_at(uint32_t i) const;
	Value value_at(uint32_t i) const;

private:
	friend class ObjectLookup;
	const char *data_ = nullptr;
	uint32_t len_ = 0;
	int64_t count_ = -1; // elements or pairs; -1 when the header did not check out
	bool object_ = false;
	bool scalar_ = false;
	const char *base_ = nullptr; // start of the children's data

	Value child(uint32_t index) const; // JEntry index (keys first, then values, for objects)
	Value child_at(uint32_t index, uint32_t offset) const; // the same, its offset known
	uint32_t offset_of(uint32_t index) const;
};

inline Container
Value::container() const
{
	if (kind != Kind::Object && kind != Kind::Array)
		return Container();
	return Container(data, len);
}

// Many lookups by key in one object (the projection of a row). jsonb codes
// most JEntries as lengths, so Container::find sums lengths on every probe;
// this finds every entry's offset in one pass, then each lookup tries `hint`
// (the pair index the key had in the previous object: rows of one view share
// their keys) before a binary search with direct access. Objects with more
// than MAX_PAIRS pairs use Container::find.
class ObjectLookup {
public:
	static constexpr uint32_t MAX_PAIRS = 32;
	explicit ObjectLookup(const Container &object);
	// The value under `key` (Kind::Invalid when absent); `hint` is read and
	// updated to the pair index found.
	Value find(std::string_view key, uint32_t &hint) const
	{
		// The usual case inline: the hinted key matches, in an object whose
		// entries all lie within it (checked once, by the constructor).
		if (hint < pairs_) {
			const uint32_t start = starts_[hint];
			if (starts_[hint + 1] - start == key.size() && string_entry(hint) &&
			    same_bytes(object_.base_ + start, key.data(), key.size()))
				return checked_value(hint + pairs_);
		}
		return find_searching(key, hint);
	}

private:
	const Container &object_;
	bool indexed_ = false;
	uint32_t pairs_ = 0; // pairs, when indexed and every entry checked; else 0 (no inline path)
	uint32_t starts_[2 * MAX_PAIRS + 1]; // offset of each JEntry's data, then the end of the last

	bool
	string_entry(uint32_t index) const
	{
		uint32_t entry;
		memcpy(&entry, object_.data_ + 4 + index * 4, 4);
		return (entry & 0x70000000u) == 0; // JENTRY_ISSTRING
	}
	// Key bytes are short: compared as words, without a call.
	static bool
	same_bytes(const char *a, const char *b, size_t n)
	{
		if (n >= 8) {
			for (size_t i = 0; i + 8 < n; i += 8)
				if (util::load64(a + i) != util::load64(b + i))
					return false;
			return util::load64(a + n - 8) == util::load64(b + n - 8);
		}
		if (n >= 4)
			return util::load32(a) == util::load32(b) && util::load32(a + n - 4) == util::load32(b + n - 4);
		return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
	}
	// Entry `index` of an object whose entries were all checked.
	Value
	checked_value(uint32_t index) const
	{
		uint32_t entry;
		memcpy(&entry, object_.data_ + 4 + index * 4, 4);
		Value v;
		switch (entry & 0x70000000u) {
		case 0x00000000u: // string
			v.kind = Kind::String;
			v.data = object_.base_ + starts_[index];
			v.len = starts_[index + 1] - starts_[index];
			return v;
		case 0x20000000u: v.kind = Kind::False; return v;
		case 0x30000000u: v.kind = Kind::True; return v;
		case 0x40000000u: v.kind = Kind::Null; return v;
		default: return object_.child_at(index, starts_[index]); // numbers, containers: aligned
		}
	}
	Value find_searching(std::string_view key, uint32_t &hint) const;
	int compare_key(uint32_t pair, std::string_view key) const;
};

// The root of a jsonb datum given its bytes without the varlena header
// (VARDATA_ANY of a detoasted jsonb), and their length. A top-level scalar is
// returned as that scalar.
Value root(const char *data, size_t len);

// The payload (after the varlena header) of a 1- or 4-byte-header varlena.
// Returns false for a compressed or external (toasted) value.
bool varlena_payload(const char *varlena, size_t available, const char **payload, uint32_t *payload_len);

// numeric_out()'s text of a numeric varlena, written to `out`. Returns the
// length written; 0 if the value is damaged or NaN/Infinity (which JSON cannot
// hold); or minus the length needed when out_size is too small (nothing written).
long numeric_text(const char *numeric, uint32_t len, char *out, size_t out_size);

// The value of a numeric varlena when it is an integer below 10^12 in
// magnitude (weight at most 2, every fractional digit zero), without its text:
// the leaves Int and Float read most numbers this way. False otherwise, and
// for anything numeric_text would not read as a number as it is (damaged,
// NaN, a digit group over 9999): the caller takes the text route.
bool numeric_small_integer(const char *numeric, uint32_t len, int64_t *out);

// The text of a Numeric value ("" when damaged or not finite).
std::string numeric_string(const Value &numeric);

} // namespace fraiseql::jsonb
