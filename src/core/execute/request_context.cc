// request_context.cc: checking execute()'s context and reading its values.
#include "core/execute/request_context.h"

#include "core/response/json_writer.h"
#include "core/response/jsonb_json.h"

namespace fraiseql::execute {

namespace {

std::string
value_text(const jsonb::Value &v)
{
	switch (v.kind) {
	case jsonb::Kind::String: return std::string(v.string());
	case jsonb::Kind::Numeric: return jsonb::numeric_string(v);
	case jsonb::Kind::True: return "true";
	case jsonb::Kind::False: return "false";
	case jsonb::Kind::Null:
	case jsonb::Kind::Invalid: return std::string();
	case jsonb::Kind::Object:
	case jsonb::Kind::Array: break;
	}
	response::JsonWriter json(response::heap_buffer_source());
	response::write_jsonb(json, v);
	return std::string(json.json());
}

} // namespace

bool
valid_context_key(std::string_view key)
{
	if (key.empty() || key.size() > 63) // NAMEDATALEN - 1, less "app." is plenty
		return false;
	for (size_t i = 0; i < key.size(); i++) {
		const char c = key[i];
		const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
		const bool digit = c >= '0' && c <= '9';
		if (!letter && !(digit && i > 0))
			return false;
	}
	return true;
}

ErrorList
read_context(const jsonb::Value &context, std::vector<ContextSetting> &out)
{
	out.clear();
	if (context.kind == jsonb::Kind::Invalid || context.kind == jsonb::Kind::Null)
		return {};
	jsonb::Container c = context.kind == jsonb::Kind::Object ? context.container() : jsonb::Container();
	if (context.kind != jsonb::Kind::Object || !c.is_object())
		return {make_error(ErrorCode::BadUserInput, "The context must be a JSON object, found: " +
		                                                response::inspect_jsonb(context) + ".")};
	if (c.size() > MAX_CONTEXT_KEYS)
		return {make_error(ErrorCode::BadUserInput, "The context has " + std::to_string(c.size()) +
		                                                " keys; at most " + std::to_string(MAX_CONTEXT_KEYS) +
		                                                " are allowed.")};
	ErrorList errors;
	for (uint32_t i = 0; i < c.size(); i++) {
		const jsonb::Value key = c.key_at(i);
		if (!valid_context_key(key.string())) {
			errors.push_back(make_error(ErrorCode::BadUserInput,
			                            "Context key \"" + std::string(key.string()) +
			                                "\" is not valid: keys are identifiers ([A-Za-z_][A-Za-z0-9_]*, at most 63 "
			                                "characters), each set as app.<key>."));
			continue;
		}
		out.push_back({"app." + std::string(key.string()), value_text(c.value_at(i))});
	}
	if (!errors.empty())
		out.clear();
	return errors;
}

bool
context_value(const jsonb::Value &context, std::string_view key, std::string &out)
{
	if (context.kind != jsonb::Kind::Object)
		return false;
	const jsonb::Value v = context.container().find(key);
	if (v.kind == jsonb::Kind::Invalid || v.kind == jsonb::Kind::Null)
		return false;
	out = value_text(v);
	return true;
}

} // namespace fraiseql::execute
