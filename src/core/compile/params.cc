// params.cc: parameter values and variable shapes (see params.h).
#include "core/compile/params.h"

#include "core/compile/input_keys.h"
#include "core/response/json_writer.h"

namespace fraiseql::compile {

const coerce::InputValue *
resolve_param(const Param &p, const coerce::VariableValues &variables)
{
	if (p.source != ParamSource::Variable)
		return nullptr;
	const coerce::InputValue *v = variables.find(p.variable);
	for (const PathStep &step : p.path) {
		if (!v)
			return nullptr;
		if (step.key.empty()) {
			if (v->kind != coerce::InputValue::Kind::List || step.index < 0 ||
			    static_cast<size_t>(step.index) >= v->items.size())
				return nullptr;
			v = &v->items[static_cast<size_t>(step.index)];
		} else {
			v = v->kind == coerce::InputValue::Kind::Object ? v->field(step.key) : nullptr;
		}
	}
	return v;
}

namespace {

// An element of an SQL array literal: always double-quoted, " and \ escaped.
void
array_element(std::string &out, const std::string &text)
{
	out += '"';
	for (char c : text) {
		if (c == '"' || c == '\\')
			out += '\\';
		out += c;
	}
	out += '"';
}

std::string
json_text(const coerce::InputValue &value)
{
	response::JsonWriter json(response::heap_buffer_source());
	value.write_json(json);
	return std::string(json.json());
}

// LIKE with the default escape character: \, % and _ match themselves.
void
like_literal(std::string &out, const std::string &text)
{
	for (char c : text) {
		if (c == '\\' || c == '%' || c == '_')
			out += '\\';
		out += c;
	}
}

} // namespace

void
encode_param(ParamEncoding encoding, const coerce::InputValue &value, std::string &out, const schema::TypeExpr &type)
{
	out.clear();
	switch (encoding) {
	case ParamEncoding::Text:
		out = value.kind == coerce::InputValue::Kind::Scalar ? value.text : json_text(value);
		return;
	case ParamEncoding::Json:
		out = json_text(value);
		return;
	case ParamEncoding::JsonInputKeys: {
		response::JsonWriter json(response::heap_buffer_source());
		write_input_json(value, type, json);
		out = std::string(json.json());
		return;
	}
	case ParamEncoding::Array:
	case ParamEncoding::JsonArray: {
		out += '{';
		for (size_t i = 0; i < value.items.size(); i++) {
			if (i)
				out += ',';
			const coerce::InputValue &item = value.items[i];
			if (item.is_null())
				out += "NULL";
			else
				array_element(out, encoding == ParamEncoding::JsonArray || item.kind != coerce::InputValue::Kind::Scalar
				                       ? json_text(item)
				                       : item.text);
		}
		out += '}';
		return;
	}
	case ParamEncoding::LikeContains:
		out += '%';
		like_literal(out, value.text);
		out += '%';
		return;
	case ParamEncoding::LikePrefix:
		like_literal(out, value.text);
		out += '%';
		return;
	case ParamEncoding::LikeSuffix:
		out += '%';
		like_literal(out, value.text);
		return;
	}
}

const std::string *
param_text(const Param &p, const coerce::InputValue *value, std::string &scratch)
{
	if (!value || value->is_null())
		return nullptr;
	if (p.encoding == ParamEncoding::Text && value->kind == coerce::InputValue::Kind::Scalar)
		return &value->text;
	encode_param(p.encoding, *value, scratch, p.input_type);
	return &scratch;
}

namespace {

// Bounded by the coerced value's depth (CoerceOptions::max_depth).
void
shape_of(const coerce::InputValue *v, const schema::TypeExpr &type, std::string &out)
{
	using Kind = coerce::InputValue::Kind;
	if (!v) {
		out += '~';
		return;
	}
	switch (v->kind) {
	case Kind::Null: out += 'n'; return;
	case Kind::Scalar:
		if (type.named && type.named->kind == schema::TypeKind::Enum) {
			out += 'e';
			out += v->text;
			out += ';';
		} else if (v->form == coerce::InputValue::Form::Boolean) {
			out += v->boolean ? 't' : 'f';
		} else {
			out += 's';
		}
		return;
	case Kind::List: {
		out += '[';
		const schema::TypeExpr item = type.is_list() ? type.item() : type;
		for (const coerce::InputValue &i : v->items)
			shape_of(&i, item, out);
		out += ']';
		return;
	}
	case Kind::Object:
		out += '{';
		for (const auto &[name, field] : v->fields) {
			out += name;
			out += ':';
			const schema::InputValueDef *def = type.named ? type.named->find_input_field(name) : nullptr;
			shape_of(&field, def ? def->type : schema::TypeExpr(), out);
		}
		out += '}';
		return;
	}
}

} // namespace

std::string
shape_key(const Plan &plan, const coerce::VariableValues &variables)
{
	std::string out;
	for (const ShapeVariable &s : plan.shape_variables) {
		out += s.name;
		out += '=';
		shape_of(variables.find(s.name), s.type, out);
		out += ' ';
	}
	return out;
}

} // namespace fraiseql::compile
