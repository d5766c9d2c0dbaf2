// jsonb_reader.cc: bounds-checked decoding of JsonbContainer, JEntry and numeric.
#include "core/jsonb/jsonb_reader.h"

#include <cstring>

namespace fraiseql::jsonb {

namespace {

// From src/include/utils/jsonb.h.
constexpr uint32_t JENTRY_OFFLENMASK = 0x0FFFFFFF;
constexpr uint32_t JENTRY_TYPEMASK = 0x70000000;
constexpr uint32_t JENTRY_HAS_OFF = 0x80000000;
constexpr uint32_t JENTRY_ISSTRING = 0x00000000;
constexpr uint32_t JENTRY_ISNUMERIC = 0x10000000;
constexpr uint32_t JENTRY_ISBOOL_FALSE = 0x20000000;
constexpr uint32_t JENTRY_ISBOOL_TRUE = 0x30000000;
constexpr uint32_t JENTRY_ISNULL = 0x40000000;
constexpr uint32_t JENTRY_ISCONTAINER = 0x50000000;
constexpr uint32_t JB_FOBJECT = 0x20000000;

// From src/backend/utils/adt/numeric.c.
constexpr uint16_t NUMERIC_SIGN_MASK = 0xC000;
constexpr uint16_t NUMERIC_NEG = 0x4000;
constexpr uint16_t NUMERIC_SHORT = 0x8000;
constexpr uint16_t NUMERIC_SPECIAL = 0xC000;
constexpr uint16_t NUMERIC_SHORT_SIGN_MASK = 0x2000;
constexpr uint16_t NUMERIC_SHORT_DSCALE_MASK = 0x1F80;
constexpr int NUMERIC_SHORT_DSCALE_SHIFT = 7;
constexpr uint16_t NUMERIC_SHORT_WEIGHT_SIGN_MASK = 0x0040;
constexpr uint16_t NUMERIC_SHORT_WEIGHT_MASK = 0x003F;
constexpr uint16_t NUMERIC_DSCALE_MASK = 0x3FFF;

using util::load16;
using util::load32;

inline uint32_t
int_align(uint32_t offset)
{
	return (offset + 3) & ~3u;
}

} // namespace

uint32_t
Container::offset_of(uint32_t index) const
{
	// Every JB_OFFSET_STRIDE-th entry stores an end offset, the others a
	// length: sum lengths back to the nearest stored offset.
	uint32_t offset = 0;
	for (uint32_t i = index; i-- > 0;) {
		uint32_t entry = load32(data_ + 4 + i * 4);
		offset += entry & JENTRY_OFFLENMASK;
		if (entry & JENTRY_HAS_OFF)
			break;
	}
	return offset;
}

Value
Container::child(uint32_t index) const
{
	return child_at(index, offset_of(index));
}

Value
Container::child_at(uint32_t index, uint32_t offset) const
{
	Value v;
	uint32_t entry = load32(data_ + 4 + index * 4);
	uint32_t end = (entry & JENTRY_HAS_OFF) ? (entry & JENTRY_OFFLENMASK) : offset + (entry & JENTRY_OFFLENMASK);
	uint64_t available = static_cast<uint64_t>(data_ + len_ - base_);
	if (end < offset || end > available)
		return v;
	switch (entry & JENTRY_TYPEMASK) {
	case JENTRY_ISSTRING:
		v.kind = Kind::String;
		v.data = base_ + offset;
		v.len = end - offset;
		return v;
	case JENTRY_ISNUMERIC: {
		uint32_t start = int_align(offset); // numerics and containers are int-aligned
		if (start > end)
			return v;
		v.kind = Kind::Numeric;
		v.data = base_ + start;
		v.len = end - start;
		return v;
	}
	case JENTRY_ISBOOL_FALSE: v.kind = Kind::False; return v;
	case JENTRY_ISBOOL_TRUE: v.kind = Kind::True; return v;
	case JENTRY_ISNULL: v.kind = Kind::Null; return v;
	case JENTRY_ISCONTAINER: {
		uint32_t start = int_align(offset);
		if (start > end || end - start < 4)
			return v;
		uint32_t header = load32(base_ + start);
		v.kind = (header & JB_FOBJECT) ? Kind::Object : Kind::Array;
		v.data = base_ + start;
		v.len = end - start;
		return v;
	}
	default:
		return v;
	}
}

ObjectLookup::ObjectLookup(const Container &object) : object_(object)
{
	if (!object.valid() || !object.object_ || object.count_ > MAX_PAIRS)
		return;
	// One pass: an entry with an offset starts the sum again, as offset_of does.
	const uint32_t entries = static_cast<uint32_t>(object.count_) * 2;
	const uint64_t available = static_cast<uint64_t>(object.data_ + object.len_ - object.base_);
	// Summed in 64 bits, so lengths cannot wrap: then only a stored offset
	// can go backwards, and the last end bounds all of them. starts_ keeps
	// the low 32 bits, as Container::offset_of's sums.
	uint64_t end = 0;
	bool checked = true; // every entry ends after it starts and within the object
	for (uint32_t i = 0; i < entries; i++) {
		starts_[i] = static_cast<uint32_t>(end);
		const uint32_t entry = load32(object.data_ + 4 + i * 4);
		const uint32_t field = entry & JENTRY_OFFLENMASK;
		if (entry & JENTRY_HAS_OFF) {
			checked &= field >= end;
			end = field;
		} else {
			end += field;
		}
	}
	starts_[entries] = static_cast<uint32_t>(end);
	checked &= end <= available;
	indexed_ = true;
	if (checked)
		pairs_ = static_cast<uint32_t>(object.count_);
}

int
ObjectLookup::compare_key(uint32_t pair, std::string_view key) const
{
	Value k = object_.child_at(pair, starts_[pair]);
	if (k.kind != Kind::String)
		return 2; // damaged: never equal
	// Keys are sorted by length, then bytewise (lengthCompareJsonbString).
	if (k.len != key.size())
		return k.len < key.size() ? -1 : 1;
	// memcmp may return any magnitude (glibc gives the byte difference): 2
	// would read as "damaged" above.
	const int order = memcmp(k.data, key.data(), key.size());
	return order < 0 ? -1 : (order > 0 ? 1 : 0);
}

Value
ObjectLookup::find_searching(std::string_view key, uint32_t &hint) const
{
	if (!indexed_)
		return object_.find(key);
	const uint32_t count = static_cast<uint32_t>(object_.count_);
	if (hint < count && compare_key(hint, key) == 0)
		return object_.child_at(hint + count, starts_[hint + count]);
	uint32_t lo = 0, hi = count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int cmp = compare_key(mid, key);
		if (cmp == 2)
			return Value();
		if (cmp == 0) {
			hint = mid;
			return object_.child_at(mid + count, starts_[mid + count]);
		}
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return Value();
}

Value
Container::element(uint32_t i) const
{
	if (!valid() || object_ || i >= size())
		return Value();
	return child(i);
}

Value
Container::key_at(uint32_t i) const
{
	if (!valid() || !object_ || i >= size())
		return Value();
	return child(i);
}

Value
Container::value_at(uint32_t i) const
{
	if (!valid() || !object_ || i >= size())
		return Value();
	return child(i + static_cast<uint32_t>(count_));
}

Value
Container::find(std::string_view key) const
{
	if (!valid() || !object_)
		return Value();
	// Keys are sorted by length, then bytewise (lengthCompareJsonbString).
	uint32_t lo = 0, hi = static_cast<uint32_t>(count_);
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		Value k = child(mid);
		if (k.kind != Kind::String)
			return Value();
		int cmp;
		if (k.len != key.size())
			cmp = k.len < key.size() ? -1 : 1;
		else
			cmp = memcmp(k.data, key.data(), key.size());
		if (cmp == 0)
			return child(mid + static_cast<uint32_t>(count_));
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return Value();
}

Value
root(const char *data, size_t len)
{
	if (len > 0x3FFFFFFF)
		return Value();
	Container c(data, static_cast<uint32_t>(len));
	if (!c.valid())
		return Value();
	if (c.is_scalar())
		return c.element(0);
	Value v;
	v.kind = c.is_object() ? Kind::Object : Kind::Array;
	v.data = data;
	v.len = static_cast<uint32_t>(len);
	return v;
}

bool
varlena_payload(const char *varlena, size_t available, const char **payload, uint32_t *payload_len)
{
	if (available < 1)
		return false;
	unsigned char first = static_cast<unsigned char>(varlena[0]);
	if ((first & 0x01) == 0x01) {
		if (first == 0x01)
			return false; // external TOAST pointer
		uint32_t size = (first >> 1) & 0x7F;
		if (size < 1 || size > available)
			return false;
		*payload = varlena + 1;
		*payload_len = size - 1;
		return true;
	}
	if (available < 4 || (first & 0x03) != 0x00)
		return false; // compressed in line
	uint32_t size = (load32(varlena) >> 2) & 0x3FFFFFFF;
	if (size < 4 || size > available)
		return false;
	*payload = varlena + 4;
	*payload_len = size - 4;
	return true;
}

long
numeric_text(const char *numeric, uint32_t len, char *out, size_t out_size)
{
	const char *body;
	uint32_t body_len;
	if (!varlena_payload(numeric, len, &body, &body_len) || body_len < 2)
		return 0;
	uint16_t header = load16(body);
	bool negative;
	int weight;
	int dscale;
	const char *digits;
	if ((header & NUMERIC_SIGN_MASK) == NUMERIC_SPECIAL)
		return 0; // NaN and infinities have no JSON form
	if (header & NUMERIC_SHORT) {
		negative = (header & NUMERIC_SHORT_SIGN_MASK) != 0;
		dscale = (header & NUMERIC_SHORT_DSCALE_MASK) >> NUMERIC_SHORT_DSCALE_SHIFT;
		weight = (header & NUMERIC_SHORT_WEIGHT_SIGN_MASK) ? int(~NUMERIC_SHORT_WEIGHT_MASK) | (header & NUMERIC_SHORT_WEIGHT_MASK)
		                                                   : (header & NUMERIC_SHORT_WEIGHT_MASK);
		digits = body + 2;
	} else {
		if (body_len < 4)
			return 0;
		negative = (header & NUMERIC_SIGN_MASK) == NUMERIC_NEG;
		dscale = header & NUMERIC_DSCALE_MASK;
		weight = static_cast<int16_t>(load16(body + 2));
		digits = body + 4;
	}
	int ndigits = static_cast<int>((body + body_len - digits) / 2);
	auto digit = [&](int i) -> int {
		if (i < 0 || i >= ndigits)
			return 0;
		int d = load16(digits + 2 * i);
		return d < 10000 ? d : 0;
	};
	size_t needed = 1 + (weight >= 0 ? size_t(weight + 1) * 4 : 1) + (dscale > 0 ? size_t(dscale) + 1 : 0);
	if (needed > out_size)
		return -static_cast<long>(needed);
	char *p = out;
	if (negative && ndigits > 0)
		*p++ = '-';
	// No leading zeros at all: a stored numeric's first group is never zero
	// (numeric_out only trims that group), but a damaged one's can be, and
	// "00042" is not JSON (found by test/fuzz/response_fuzz.cc).
	bool started = false;
	for (int d = 0; d <= weight; d++) {
		int dig = digit(d);
		char group[4] = {char('0' + dig / 1000), char('0' + dig / 100 % 10), char('0' + dig / 10 % 10),
		                 char('0' + dig % 10)};
		for (int k = 0; k < 4; k++)
			if (started || group[k] != '0') {
				*p++ = group[k];
				started = true;
			}
	}
	if (!started)
		*p++ = '0';
	if (dscale > 0) {
		*p++ = '.';
		int written = 0;
		for (int d = weight + 1; written < dscale; d++) {
			int dig = digit(d);
			char group[4] = {char('0' + dig / 1000), char('0' + dig / 100 % 10), char('0' + dig / 10 % 10),
			                 char('0' + dig % 10)};
			for (int k = 0; k < 4 && written < dscale; k++, written++)
				*p++ = group[k];
		}
	}
	return static_cast<long>(p - out);
}

bool
numeric_small_integer(const char *numeric, uint32_t len, int64_t *out)
{
	const char *body;
	uint32_t body_len;
	if (!varlena_payload(numeric, len, &body, &body_len) || body_len < 2)
		return false;
	const uint16_t header = load16(body);
	if ((header & NUMERIC_SIGN_MASK) == NUMERIC_SPECIAL)
		return false;
	bool negative;
	int weight;
	const char *digits;
	if (header & NUMERIC_SHORT) {
		negative = (header & NUMERIC_SHORT_SIGN_MASK) != 0;
		weight = (header & NUMERIC_SHORT_WEIGHT_SIGN_MASK) ? int(~NUMERIC_SHORT_WEIGHT_MASK) | (header & NUMERIC_SHORT_WEIGHT_MASK)
		                                                   : (header & NUMERIC_SHORT_WEIGHT_MASK);
		digits = body + 2;
	} else {
		if (body_len < 4)
			return false;
		negative = (header & NUMERIC_SIGN_MASK) == NUMERIC_NEG;
		weight = static_cast<int16_t>(load16(body + 2));
		digits = body + 4;
	}
	const int ndigits = static_cast<int>((body + body_len - digits) / 2);
	if (ndigits == 1 && weight == 0) { // below 10^4: most stored integers
		const int d = load16(digits);
		if (d > 9999)
			return false;
		*out = negative ? -d : d;
		return true;
	}
	if (weight > 2)
		return false;
	// Groups 0..weight are the integer part; the others must be zero.
	int64_t value = 0;
	for (int i = 0; i < ndigits; i++) {
		const int d = load16(digits + 2 * i);
		if (d > 9999)
			return false;
		if (i <= weight)
			value = value * 10000 + d;
		else if (d != 0)
			return false;
	}
	for (int i = ndigits; i <= weight; i++)
		value *= 10000;
	*out = negative ? -value : value;
	return true;
}

std::string
numeric_string(const Value &v)
{
	char small[64];
	long n = numeric_text(v.data, v.len, small, sizeof(small));
	if (n >= 0)
		return std::string(small, static_cast<size_t>(n));
	std::string big(static_cast<size_t>(-n), '\0');
	n = numeric_text(v.data, v.len, &big[0], big.size());
	big.resize(n > 0 ? static_cast<size_t>(n) : 0);
	return big;
}

} // namespace fraiseql::jsonb
