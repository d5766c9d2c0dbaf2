// builtin_scalars.cc: graphql-js 17's serialize (coerceOutputValue) of String,
// Int, Float, Boolean and ID, applied to jsonb values.
#include "core/response/builtin_scalars.h"

#include <charconv>
#include <cmath>

#include "core/response/js_number.h"
#include "core/response/jsonb_json.h"

namespace fraiseql::response {

namespace {

using jsonb::Kind;
using schema::ScalarKind;

constexpr double INT_MAX_32 = 2147483647.0;
constexpr double INT_MIN_32 = -2147483648.0;

bool
is_boolean(const jsonb::Value &v)
{
	return v.kind == Kind::True || v.kind == Kind::False;
}

// graphql-js's inspect() of the JSON.parse'd value.
std::string
shown(const jsonb::Value &v)
{
	return inspect_jsonb(v, InspectNumbers::JavaScript);
}

// A numeric's text without allocating for the usual sizes.
struct NumericText {
	char small[64];
	std::string big;
	std::string_view text; // "" for a damaged numeric
	explicit NumericText(const jsonb::Value &v)
	{
		long n = jsonb::numeric_text(v.data, v.len, small, sizeof(small));
		if (n >= 0) {
			text = std::string_view(small, static_cast<size_t>(n));
		} else {
			big = jsonb::numeric_string(v);
			text = big;
		}
	}
	NumericText(const NumericText &) = delete; // `text` may point into `small`
	NumericText &operator=(const NumericText &) = delete;
	// The double JSON.parse gives; a damaged numeric is NaN, refused by all.
	double number() const { return text.empty() ? std::nan("") : json_number_to_double(text); }
};

double
number_of(const jsonb::Value &v)
{
	return NumericText(v).number();
}

// The exact digits of an integral number below 1e21 when JSON.parse's double
// would not be that integer (the deliberate difference); "" otherwise.
std::string_view
exact_integer_digits(std::string_view text, double parsed)
{
	// Integers below 2^53 are exact doubles (and most values stop here); 2^53
	// itself may be 2^53 + 1 rounded.
	if (!std::isfinite(parsed) || std::fabs(parsed) < 9007199254740992.0)
		return std::string_view();
	size_t point = text.find('.');
	if (point != std::string_view::npos) {
		if (text.find_first_not_of('0', point + 1) != std::string_view::npos)
			return std::string_view();
		text = text.substr(0, point);
	}
	const size_t digits = text.size() - (text[0] == '-' ? 1 : 0);
	if (digits > 21)
		return std::string_view();
	char buf[32];
	std::to_chars_result r = std::to_chars(buf, buf + sizeof(buf), parsed, std::chars_format::fixed, 0);
	if (r.ec == std::errc() && std::string_view(buf, static_cast<size_t>(r.ptr - buf)) == text)
		return std::string_view();
	return text;
}

// A String or ID over a number: String(number), or the exact digits (the
// deliberate difference). Both refuse Infinity; an ID refuses non-integers.
bool
number_as_string(JsonWriter &out, const jsonb::Value &v, bool integers_only, const char *refusal,
                 std::string &reason)
{
	NumericText numeric(v);
	const double number = numeric.number();
	if (integers_only ? !js_is_integer(number) : !std::isfinite(number)) {
		reason = refusal + js_number_to_string(number);
		return false;
	}
	std::string_view exact = exact_integer_digits(numeric.text, number);
	if (!exact.empty()) {
		out.string(exact);
		return true;
	}
	char buf[JS_NUMBER_MAX];
	size_t len = js_format_short_decimal(numeric.text, buf);
	out.string(std::string_view(buf, len ? len : js_number_format(number, buf)));
	return true;
}

void
write_number(JsonWriter &out, double value)
{
	char buf[JS_NUMBER_MAX];
	out.raw(std::string_view(buf, js_number_format(value, buf)));
}

// graphql-js's Int checks of a number; the message's value is shown by the
// caller (the number for a number, the quoted string for a string), and only
// made when it fails.
const char *
int_refusal(double number)
{
	if (!js_is_integer(number))
		return "Int cannot represent non-integer value: ";
	if (number > INT_MAX_32 || number < INT_MIN_32)
		return "Int cannot represent non 32-bit signed integer value: ";
	return nullptr;
}

// Int and Float (booleans, 1 and 0, are answered before these).
bool
serialize_int(JsonWriter &out, const jsonb::Value &v, std::string &reason)
{
	double number = std::nan("");
	int64_t small;
	if (v.kind == Kind::Numeric && jsonb::numeric_small_integer(v.data, v.len, &small) && small >= INT_MIN_32 &&
	    small <= INT_MAX_32) {
		out.integer(small); // the digits JSON.parse's double has: no text, no double
		return true;
	}
	if (v.kind == Kind::Numeric)
		number = number_of(v);
	else if (v.kind == Kind::String && v.len > 0 && !js_string_to_number(v.string(), number))
		number = std::nan(""); // Number("") is 0, but graphql-js refuses the empty string
	if (const char *refusal = int_refusal(number)) {
		reason = refusal + (v.kind == Kind::Numeric ? js_number_to_string(number) : shown(v));
		return false;
	}
	out.integer(static_cast<int64_t>(number)); // -0 is written 0, as JSON.stringify does
	return true;
}

bool
serialize_float(JsonWriter &out, const jsonb::Value &v, std::string &reason)
{
	if (v.kind == Kind::Numeric) {
		// An integer below 10^12 is its exact double, written as its digits.
		int64_t small;
		if (jsonb::numeric_small_integer(v.data, v.len, &small)) {
			out.integer(small);
			return true;
		}
		NumericText numeric(v);
		char buf[JS_NUMBER_MAX];
		if (size_t len = js_format_short_decimal(numeric.text, buf)) {
			out.raw(std::string_view(buf, len));
			return true;
		}
		double number = numeric.number();
		if (std::isfinite(number)) {
			write_number(out, number);
			return true;
		}
		reason = "Float cannot represent non numeric value: " + js_number_to_string(number);
		return false;
	}
	double number;
	if (v.kind == Kind::String && v.len > 0 && js_string_to_number(v.string(), number) && std::isfinite(number)) {
		write_number(out, number);
		return true;
	}
	reason = "Float cannot represent non numeric value: " + shown(v);
	return false;
}

bool
serialize_boolean(JsonWriter &out, const jsonb::Value &v, std::string &reason)
{
	if (is_boolean(v)) {
		out.boolean(v.kind == Kind::True);
		return true;
	}
	if (v.kind == Kind::Numeric) {
		double number = number_of(v);
		if (std::isfinite(number)) {
			out.boolean(number != 0);
			return true;
		}
		reason = "Boolean cannot represent a non boolean value: " + js_number_to_string(number);
		return false;
	}
	reason = "Boolean cannot represent a non boolean value: " + shown(v);
	return false;
}

// String and ID: a string as is, a number as number_as_string says; String
// also takes booleans.
bool
serialize_text(JsonWriter &out, const jsonb::Value &v, bool id, std::string &reason)
{
	const char *refusal = id ? "ID cannot represent value: " : "String cannot represent value: ";
	if (v.kind == Kind::String) {
		out.string(v.string());
		return true;
	}
	if (!id && is_boolean(v)) {
		out.string(v.kind == Kind::True ? "true" : "false");
		return true;
	}
	if (v.kind == Kind::Numeric)
		return number_as_string(out, v, id, refusal, reason);
	reason = refusal + shown(v);
	return false;
}

} // namespace

bool
serialize_builtin(ScalarKind kind, JsonWriter &out, const jsonb::Value &value, std::string &reason)
{
	if ((kind == ScalarKind::Int || kind == ScalarKind::Float) && is_boolean(value)) {
		out.integer(value.kind == Kind::True ? 1 : 0);
		return true;
	}
	switch (kind) {
	case ScalarKind::String: return serialize_text(out, value, false, reason);
	case ScalarKind::Int: return serialize_int(out, value, reason);
	case ScalarKind::Float: return serialize_float(out, value, reason);
	case ScalarKind::Boolean: return serialize_boolean(out, value, reason);
	case ScalarKind::ID: return serialize_text(out, value, true, reason);
	default: reason = "not a built-in scalar"; return false;
	}
}

} // namespace fraiseql::response
