// jsonb_json.cc: jsonb to JSON text, and graphql-js's inspect() of jsonb.
#include "core/response/jsonb_json.h"

#include "core/response/js_number.h"

namespace fraiseql::response {

using jsonb::Kind;

void
write_jsonb(JsonWriter &out, const jsonb::Value &v, int depth)
{
	switch (v.kind) {
	case Kind::Null:
	case Kind::Invalid: out.null(); return;
	case Kind::True: out.boolean(true); return;
	case Kind::False: out.boolean(false); return;
	case Kind::String: out.string(v.string()); return;
	case Kind::Numeric: {
		char small[64];
		long n = jsonb::numeric_text(v.data, v.len, small, sizeof(small));
		if (n > 0) {
			out.raw(std::string_view(small, static_cast<size_t>(n)));
			return;
		}
		std::string big = jsonb::numeric_string(v);
		if (big.empty())
			out.null();
		else
			out.raw(big);
		return;
	}
	case Kind::Object:
	case Kind::Array: break;
	}
	if (depth > MAX_JSONB_DEPTH) {
		out.null();
		return;
	}
	jsonb::Container c = v.container();
	const bool object = c.is_object();
	out.raw(object ? '{' : '[');
	for (uint32_t i = 0; i < c.size(); i++) {
		if (i)
			out.raw(',');
		if (object) {
			out.string(c.key_at(i).string());
			out.raw(':');
		}
		write_jsonb(out, object ? c.value_at(i) : c.element(i), depth + 1);
	}
	out.raw(object ? '}' : ']');
}

namespace {

constexpr uint32_t INSPECT_MAX_ITEMS = 10;
constexpr int INSPECT_MAX_DEPTH = 2;

void
inspect_into(std::string &out, const jsonb::Value &v, int depth, InspectNumbers numbers)
{
	switch (v.kind) {
	case Kind::Invalid: out += "undefined"; return;
	case Kind::Null: out += "null"; return;
	case Kind::True: out += "true"; return;
	case Kind::False: out += "false"; return;
	case Kind::Numeric:
		out += numbers == InspectNumbers::JavaScript ? js_number_to_string(json_number_to_double(jsonb::numeric_string(v)))
		                                             : jsonb::numeric_string(v);
		return;
	case Kind::String:
		out += '"';
		append_escaped(out, v.string());
		out += '"';
		return;
	case Kind::Object:
	case Kind::Array: break;
	}
	jsonb::Container c = v.container();
	const bool object = c.is_object();
	if (c.size() == 0) {
		out += object ? "{}" : "[]";
		return;
	}
	if (depth >= INSPECT_MAX_DEPTH) { // graphql-js counts the outermost value as level 1
		out += object ? "[Object]" : "[Array]";
		return;
	}
	if (object) {
		out += "{ ";
		for (uint32_t i = 0; i < c.size(); i++) {
			if (i)
				out += ", ";
			out += c.key_at(i).string();
			out += ": ";
			inspect_into(out, c.value_at(i), depth + 1, numbers);
		}
		out += " }";
		return;
	}
	out += '[';
	const uint32_t shown = c.size() < INSPECT_MAX_ITEMS ? c.size() : INSPECT_MAX_ITEMS;
	for (uint32_t i = 0; i < shown; i++) {
		if (i)
			out += ", ";
		inspect_into(out, c.element(i), depth + 1, numbers);
	}
	const uint32_t rest = c.size() - shown;
	if (rest == 1)
		out += ", ... 1 more item";
	else if (rest > 1)
		out += ", ... " + std::to_string(rest) + " more items";
	out += ']';
}

} // namespace

std::string
inspect_jsonb(const jsonb::Value &value, InspectNumbers numbers)
{
	std::string out;
	inspect_into(out, value, 0, numbers);
	return out;
}

} // namespace fraiseql::response
