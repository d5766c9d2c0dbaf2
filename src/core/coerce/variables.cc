// variables.cc: input coercion of variables (from jsonb) and of literal
// arguments (from the AST), with graphql-js 17's messages, e.g.
// `Variable "$ids" has invalid value at [1]: Expected value of non-null type "ID!" not to be null.`
#include "core/coerce/variables.h"

#include <cmath>
#include <cstdlib>

#include "core/coerce/scalar_formats.h"
#include "core/coerce/typed_scalars.h"
#include "core/schema/typed_scalar_cases.h"
#include "core/syntax/parser.h"
#include "core/util/arena.h"
#include "core/response/jsonb_json.h"
#include "core/validation/suggestions.h"

namespace fraiseql::coerce {

namespace {

using Form = InputValue::Form;
using jsonb::Kind;
using schema::ScalarKind;
using schema::TypeExpr;
using schema::TypeKind;

// A leaf input as the scalar rules see it, from JSON or from a literal.
struct Leaf {
	enum class Kind : uint8_t { Null, Boolean, Number, String, Enum, Composite } kind = Kind::Null;
	std::string_view text; // Number: digits as written; String/Enum: the value
	bool boolean = false;
	bool float_literal = false; // a literal written as Float (never an Int)
	std::string shown;          // the value as graphql-js shows it in messages
};

bool
is_integral(std::string_view number)
{
	// numeric_out writes no exponent: integral means no fractional digit but 0.
	const size_t dot = number.find('.');
	if (dot == std::string_view::npos)
		return true;
	for (size_t i = dot + 1; i < number.size(); i++)
		if (number[i] != '0')
			return false;
	return true;
}

// The integral part of an integral number text ("12.00" -> "12", "-0" -> "0").
std::string
integral_part(std::string_view number)
{
	std::string out(number.substr(0, number.find('.')));
	return out == "-0" ? "0" : out;
}

bool
fits_int32(const std::string &integral)
{
	const bool negative = !integral.empty() && integral[0] == '-';
	const std::string digits = negative ? integral.substr(1) : integral;
	if (digits.size() != 10)
		return digits.size() < 10;
	return digits <= (negative ? "2147483648" : "2147483647");
}

void
set_scalar(InputValue &out, Form form, std::string text)
{
	out.kind = InputValue::Kind::Scalar;
	out.form = form;
	out.text = std::move(text);
}

// graphql-js's didYouMeanEnumValue: the enum values close to what was given.
std::string
enum_suggestion(const schema::TypeDef &type, std::string_view given)
{
	std::vector<std::string_view> names;
	names.reserve(type.values.size());
	for (const schema::EnumValueDef &e : type.values)
		names.push_back(e.name);
	return validation::did_you_mean("the enum value", validation::suggestion_list(given, names));
}

// Coerces one leaf; returns "" on success, else graphql-js's reason (with its
// "Did you mean" for enums unless suggestions are hidden).
std::string
coerce_leaf(const schema::TypeDef &type, const Leaf &v, InputValue &out, bool suggest)
{
	using LK = Leaf::Kind;
	if (type.kind == TypeKind::Enum) {
		// Variables give enum values as strings, literals as enum names.
		if (v.kind == LK::String || v.kind == LK::Enum) {
			for (const schema::EnumValueDef &e : type.values)
				if (e.name == v.text) {
					set_scalar(out, Form::String, e.name);
					return std::string();
				}
			return "Value " + v.shown + " does not exist in \"" + type.name + "\" enum." +
			       (suggest ? enum_suggestion(type, v.text) : std::string());
		}
		return "Enum \"" + type.name + "\" cannot represent non-string value: " + v.shown + "." +
		       (suggest ? enum_suggestion(type, v.shown) : std::string());
	}
	switch (type.scalar) {
	case ScalarKind::Int:
		if (v.kind != LK::Number || v.float_literal || !is_integral(v.text))
			return "Int cannot represent non-integer value: " + v.shown;
		if (!fits_int32(integral_part(v.text)))
			return "Int cannot represent non 32-bit signed integer value: " + v.shown;
		set_scalar(out, Form::Number, integral_part(v.text));
		return std::string();
	case ScalarKind::Float:
		if (v.kind != LK::Number || !std::isfinite(std::strtod(std::string(v.text).c_str(), nullptr)))
			return "Float cannot represent non numeric value: " + v.shown;
		set_scalar(out, Form::Number, std::string(v.text));
		return std::string();
	case ScalarKind::String:
		if (v.kind != LK::String)
			return "String cannot represent a non string value: " + v.shown;
		set_scalar(out, Form::String, std::string(v.text));
		return std::string();
	case ScalarKind::Boolean:
		if (v.kind != LK::Boolean)
			return "Boolean cannot represent a non boolean value: " + v.shown;
		set_scalar(out, Form::Boolean, v.boolean ? "true" : "false");
		out.boolean = v.boolean;
		return std::string();
	case ScalarKind::ID:
		if (v.kind == LK::String) {
			set_scalar(out, Form::String, std::string(v.text));
			return std::string();
		}
		if (v.kind == LK::Number && !v.float_literal && is_integral(v.text)) {
			set_scalar(out, Form::String, integral_part(v.text));
			return std::string();
		}
		return "ID cannot represent value: " + v.shown;
	case ScalarKind::BigInt:
		if ((v.kind == LK::Number && !v.float_literal && is_integral(v.text) && is_int64(integral_part(v.text))) ||
		    (v.kind == LK::String && is_int64(v.text))) {
			set_scalar(out, Form::String, v.kind == LK::Number ? integral_part(v.text) : std::string(v.text));
			return std::string();
		}
		return "BigInt cannot represent value: " + v.shown + " (expected a 64-bit integer)";
	case ScalarKind::Decimal:
		if (v.kind == LK::Number || (v.kind == LK::String && is_decimal(v.text))) {
			set_scalar(out, Form::String, std::string(v.text));
			return std::string();
		}
		return "Decimal cannot represent value: " + v.shown + " (expected a number, or a string holding one)";
	case ScalarKind::UUID:
		if (v.kind == LK::String && is_uuid(v.text)) {
			set_scalar(out, Form::String, std::string(v.text));
			return std::string();
		}
		return "UUID cannot represent value: " + v.shown + " (expected 8-4-4-4-12 hexadecimal digits)";
	case ScalarKind::Date:
		if (v.kind == LK::String && is_date(v.text)) {
			set_scalar(out, Form::String, std::string(v.text));
			return std::string();
		}
		return "Date cannot represent value: " + v.shown + " (expected YYYY-MM-DD)";
	case ScalarKind::DateTime:
		if (v.kind == LK::String && is_datetime(v.text)) {
			set_scalar(out, Form::String, std::string(v.text));
			return std::string();
		}
		return "DateTime cannot represent value: " + v.shown + " (expected RFC 3339, e.g. 2026-01-31T12:00:00Z)";
	case ScalarKind::Time:
		if (v.kind == LK::String && is_time(v.text)) {
			set_scalar(out, Form::String, std::string(v.text));
			return std::string();
		}
		return "Time cannot represent value: " + v.shown + " (expected HH:MM:SS)";
	FRAISEQL_TYPED_SCALAR_CASES: {
		std::string problem = v.kind == LK::String ? typed_scalar_problem(type.scalar, v.text) : "expected a string";
		if (problem.empty()) {
			set_scalar(out, Form::String, std::string(v.text));
			return std::string();
		}
		return type.name + " cannot represent value: " + v.shown + " (" + problem + ")";
	}
	case ScalarKind::JSON:
	case ScalarKind::Geometry:
	case ScalarKind::Custom:
		break; // handled by the callers: any JSON is accepted as is
	}
	return "unsupported type";
}

// Whether a leaf type takes any JSON unchanged.
bool
is_passthrough(const schema::TypeDef &type)
{
	return type.kind == TypeKind::Scalar && (type.scalar == ScalarKind::JSON || type.scalar == ScalarKind::Geometry ||
	                                          type.scalar == ScalarKind::Custom);
}

std::string
path_suffix(const std::string &path)
{
	return path.empty() ? std::string() : " at " + path;
}

// An input field's default value, which the schema keeps as GraphQL text.
bool coerce_default(const schema::InputValueDef &field, InputValue &out, std::string &reason);

// ---- variables: from jsonb ------------------------------------------------

class JsonCoercer {
public:
	JsonCoercer(const CoerceOptions &options, std::string prefix, uint32_t line, uint32_t column, ErrorList &errors)
	    : options_(options), prefix_(std::move(prefix)), line_(line), column_(column), errors_(errors)
	{
	}

	// Coerces `v` (present, maybe null) to `type`; false after reporting errors.
	bool
	value(const jsonb::Value &v, const TypeExpr &type, std::string &path, uint32_t depth, InputValue &out)
	{
		if (depth > options_.max_depth) {
			fail(path, "nested more than " + std::to_string(options_.max_depth) + " levels deep.", ErrorCode::QueryTooComplex);
			return false;
		}
		if (v.kind == Kind::Null || v.kind == Kind::Invalid) {
			if (type.is_non_null()) {
				fail(path, "Expected value of non-null type \"" + type.print() + "\" not to be null.");
				return false;
			}
			out.kind = InputValue::Kind::Null;
			return true;
		}
		if (type.is_list())
			return list(v, type, path, depth, out);
		const schema::TypeDef &named = *type.named;
		if (named.kind == TypeKind::InputObject)
			return object(v, named, path, depth, out);
		if (is_passthrough(named)) {
			response::JsonWriter json(response::heap_buffer_source());
			response::write_jsonb(json, v);
			set_scalar(out, v.kind == Kind::String ? Form::String : Form::Json,
			           v.kind == Kind::String ? std::string(v.string()) : std::string(json.json()));
			return true;
		}
		Leaf leaf;
		std::string number;
		switch (v.kind) {
		case Kind::True:
		case Kind::False:
			leaf.kind = Leaf::Kind::Boolean;
			leaf.boolean = v.kind == Kind::True;
			break;
		case Kind::Numeric:
			leaf.kind = Leaf::Kind::Number;
			number = jsonb::numeric_string(v);
			leaf.text = number;
			break;
		case Kind::String:
			leaf.kind = Leaf::Kind::String;
			leaf.text = v.string();
			break;
		default: leaf.kind = Leaf::Kind::Composite; break;
		}
		std::string reason = coerce_leaf(named, leaf, out, false);
		if (!reason.empty()) {
			// How graphql-js shows the value is needed only for the message: made now.
			leaf.shown = response::inspect_jsonb(v);
			reason = coerce_leaf(named, leaf, out, !options_.hide_suggestions);
			fail(path, reason);
			return false;
		}
		return true;
	}

	void
	fail(const std::string &path, const std::string &reason, ErrorCode code = ErrorCode::BadUserInput)
	{
		errors_.push_back(make_error(code, prefix_ + path_suffix(path) + ": " + reason, line_, column_));
	}

private:
	const CoerceOptions &options_;
	std::string prefix_;
	uint32_t line_, column_;
	ErrorList &errors_;

	bool
	list(const jsonb::Value &v, const TypeExpr &type, std::string &path, uint32_t depth, InputValue &out)
	{
		out.kind = InputValue::Kind::List;
		const TypeExpr item_type = type.item();
		if (v.kind != Kind::Array) {
			// A single value where a list is expected is a list of one (spec 3.11).
			out.items.emplace_back();
			return value(v, item_type, path, depth + 1, out.items.back());
		}
		jsonb::Container items = v.container();
		out.items.resize(items.size());
		bool ok = true;
		const size_t base = path.size();
		for (uint32_t i = 0; i < items.size(); i++) {
			path += "[" + std::to_string(i) + "]";
			ok = value(items.element(i), item_type, path, depth + 1, out.items[i]) && ok;
			path.resize(base);
		}
		return ok;
	}

	bool
	object(const jsonb::Value &v, const schema::TypeDef &type, std::string &path, uint32_t depth, InputValue &out)
	{
		if (v.kind != Kind::Object) {
			fail(path, "Expected value of type \"" + type.name + "\" to be an object, found: " + response::inspect_jsonb(v) + ".");
			return false;
		}
		out.kind = InputValue::Kind::Object;
		jsonb::Container given = v.container();
		bool ok = true;
		const size_t base = path.size();
		for (const schema::InputValueDef &field : type.input_fields) {
			jsonb::Value field_value = given.find(field.name);
			if (field_value.kind == Kind::Invalid) {
				if (field.type.is_non_null() && !field.has_default) {
					fail(path, "Expected value of type \"" + type.name + "\" to include required field \"" + field.name +
					               "\", found: " + response::inspect_jsonb(v) + ".");
					ok = false;
				} else if (field.has_default) {
					ok = default_value(field, out) && ok;
				}
				continue;
			}
			path += "." + field.name;
			out.fields.emplace_back(field.name, InputValue());
			ok = value(field_value, field.type, path, depth + 1, out.fields.back().second) && ok;
			path.resize(base);
		}
		std::vector<std::string_view> names;
		for (const schema::InputValueDef &field : type.input_fields)
			names.push_back(field.name);
		size_t given_known = 0;
		for (uint32_t i = 0; i < given.size(); i++) {
			const std::string_view key = given.key_at(i).string();
			if (type.find_input_field(key)) {
				given_known++;
				continue;
			}
			const std::string suggestion =
			    options_.hide_suggestions ? std::string() : validation::did_you_mean(validation::suggestion_list(key, names));
			fail(path, "Expected value of type \"" + type.name + "\" not to include unknown field \"" + std::string(key) + "\"" +
			               (suggestion.empty() ? ", found" : "." + suggestion + " Found") + ": " +
			               response::inspect_jsonb(v) + ".");
			ok = false;
		}
		if (type.one_of) {
			const std::string message = "Within OneOf Input Object type \"" + type.name +
			                            "\", exactly one field must be specified, and the value for that field must be non-null.";
			if (given_known != 1) {
				fail(path, message);
				ok = false;
			} else {
				for (const auto &[name, field_value] : out.fields)
					if (field_value.is_null()) {
						fail(path + "." + name, message);
						ok = false;
					}
			}
		}
		return ok;
	}

	bool
	default_value(const schema::InputValueDef &field, InputValue &out)
	{
		out.fields.emplace_back(field.name, InputValue());
		std::string reason;
		if (!coerce_default(field, out.fields.back().second, reason)) {
			fail("", reason);
			return false;
		}
		return true;
	}
};

// ---- literals: from the AST --------------------------------------------------

Leaf
literal_leaf(const syntax::Value &v)
{
	Leaf leaf;
	switch (v.kind) {
	case syntax::ValueKind::Int:
	case syntax::ValueKind::Float:
		leaf.kind = Leaf::Kind::Number;
		leaf.float_literal = v.kind == syntax::ValueKind::Float;
		leaf.text = v.text;
		leaf.shown = std::string(v.text);
		break;
	case syntax::ValueKind::String:
		leaf.kind = Leaf::Kind::String;
		leaf.text = v.text;
		leaf.shown = "\"";
		response::append_escaped(leaf.shown, v.text);
		leaf.shown += "\"";
		break;
	case syntax::ValueKind::Boolean:
		leaf.kind = Leaf::Kind::Boolean;
		leaf.boolean = v.boolean;
		leaf.shown = v.boolean ? "true" : "false";
		break;
	case syntax::ValueKind::Enum:
		leaf.kind = Leaf::Kind::Enum;
		leaf.text = v.text;
		leaf.shown = std::string(v.text);
		break;
	default:
		leaf.kind = Leaf::Kind::Composite;
		leaf.shown = v.kind == syntax::ValueKind::List ? "[...]" : "{ ... }";
		break;
	}
	return leaf;
}

// A literal of a JSON or custom scalar, as JSON.
void
literal_json(const syntax::Value &v, const VariableValues &variables, response::JsonWriter &out)
{
	switch (v.kind) {
	case syntax::ValueKind::Null: out.null(); return;
	case syntax::ValueKind::Int:
	case syntax::ValueKind::Float: out.raw(v.text); return;
	case syntax::ValueKind::String:
	case syntax::ValueKind::Enum: out.string(v.text); return;
	case syntax::ValueKind::Boolean: out.boolean(v.boolean); return;
	case syntax::ValueKind::Variable: {
		const InputValue *given = variables.find(v.text);
		if (given)
			given->write_json(out);
		else
			out.null();
		return;
	}
	case syntax::ValueKind::List:
		out.raw('[');
		for (size_t i = 0; i < v.list.size(); i++) {
			if (i)
				out.raw(',');
			literal_json(*v.list[i], variables, out);
		}
		out.raw(']');
		return;
	case syntax::ValueKind::Object:
		out.raw('{');
		for (size_t i = 0; i < v.fields.size(); i++) {
			if (i)
				out.raw(',');
			out.string(v.fields[i].name.text);
			out.raw(':');
			literal_json(*v.fields[i].value, variables, out);
		}
		out.raw('}');
		return;
	}
}

bool
coerce_default(const schema::InputValueDef &field, InputValue &out, std::string &reason)
{
	util::Arena arena;
	syntax::ValueParseResult parsed = syntax::parse_value(field.default_literal, arena, true);
	if (!parsed.value) {
		reason = "the default value of \"" + field.name + "\" does not parse: " + parsed.error.message;
		return false;
	}
	bool absent = false;
	static const VariableValues no_variables;
	return coerce_literal(*parsed.value, field.type, no_variables, out, absent, reason);
}

} // namespace

// ---- InputValue -----------------------------------------------------------------

const InputValue *
InputValue::field(std::string_view name) const
{
	for (const auto &[key, value] : fields)
		if (key == name)
			return &value;
	return nullptr;
}

void
InputValue::write_json(response::JsonWriter &out) const
{
	switch (kind) {
	case Kind::Null: out.null(); return;
	case Kind::Scalar:
		if (form == Form::String)
			out.string(text);
		else
			out.raw(text);
		return;
	case Kind::List:
		out.raw('[');
		for (size_t i = 0; i < items.size(); i++) {
			if (i)
				out.raw(',');
			items[i].write_json(out);
		}
		out.raw(']');
		return;
	case Kind::Object:
		out.raw('{');
		for (size_t i = 0; i < fields.size(); i++) {
			if (i)
				out.raw(',');
			out.string(fields[i].first);
			out.raw(':');
			fields[i].second.write_json(out);
		}
		out.raw('}');
		return;
	}
}

const InputValue *
VariableValues::find(std::string_view name) const
{
	for (const auto &[key, value] : values_)
		if (key == name)
			return &value;
	return nullptr;
}

schema::TypeExpr
type_of(const schema::Schema &schema, const syntax::TypeRef *ref)
{
	TypeExpr out;
	uint8_t level = 0;
	for (const syntax::TypeRef *r = ref; r; r = r->of_type) {
		if (r->kind == syntax::TypeKind::NonNull)
			out.non_null |= 1u << level;
		else if (r->kind == syntax::TypeKind::List)
			level++;
		else
			out.named = schema.find_type(r->name.text);
	}
	out.list_depth = level;
	return out;
}

bool
literal_text(const syntax::Value &value, std::string &out)
{
	switch (value.kind) {
	case syntax::ValueKind::Int:
	case syntax::ValueKind::Float:
	case syntax::ValueKind::String:
	case syntax::ValueKind::Enum:
		out = std::string(value.text);
		return true;
	case syntax::ValueKind::Boolean:
		out = value.boolean ? "true" : "false";
		return true;
	default:
		return false;
	}
}

bool
coerce_literal(const syntax::Value &value, const TypeExpr &type, const VariableValues &variables, InputValue &out,
               bool &absent, std::string &reason)
{
	absent = false;
	if (value.kind == syntax::ValueKind::Variable) {
		const InputValue *given = variables.find(value.text);
		if (!given) {
			absent = true;
			return true;
		}
		if (given->is_null() && type.is_non_null()) {
			reason = "Expected variable \"$" + std::string(value.text) + "\" provided to non-null type \"" + type.print() +
			         "\" not to be null.";
			return false;
		}
		out = *given;
		return true;
	}
	if (value.kind == syntax::ValueKind::Null) {
		if (type.is_non_null()) {
			reason = "Expected value of non-null type \"" + type.print() + "\" not to be null.";
			return false;
		}
		out.kind = InputValue::Kind::Null;
		return true;
	}
	if (!type.named) {
		reason = "Unknown type.";
		return false;
	}
	if (type.is_list()) {
		out.kind = InputValue::Kind::List;
		const TypeExpr item_type = type.item();
		if (value.kind != syntax::ValueKind::List) {
			out.items.emplace_back();
			bool item_absent = false;
			return coerce_literal(value, item_type, variables, out.items.back(), item_absent, reason);
		}
		for (const syntax::Value *item : value.list) {
			out.items.emplace_back();
			bool item_absent = false;
			if (!coerce_literal(*item, item_type, variables, out.items.back(), item_absent, reason))
				return false;
			if (item_absent)
				out.items.back().kind = InputValue::Kind::Null; // an unset variable in a list is null
		}
		return true;
	}
	const schema::TypeDef &named = *type.named;
	if (named.kind == TypeKind::InputObject) {
		if (value.kind != syntax::ValueKind::Object) {
			reason = "Expected value of type \"" + named.name + "\" to be an object.";
			return false;
		}
		out.kind = InputValue::Kind::Object;
		for (const schema::InputValueDef &field : named.input_fields) {
			const syntax::Value *given = nullptr;
			for (const syntax::ObjectField &f : value.fields)
				if (f.name.text == field.name)
					given = f.value;
			bool field_absent = given == nullptr;
			InputValue coerced;
			if (given && !coerce_literal(*given, field.type, variables, coerced, field_absent, reason))
				return false;
			if (field_absent && field.has_default) {
				if (!coerce_default(field, coerced, reason))
					return false;
				field_absent = false;
			}
			if (field_absent) {
				if (field.type.is_non_null()) {
					reason = "Expected value of type \"" + named.name + "\" to include required field \"" + field.name + "\".";
					return false;
				}
				continue;
			}
			out.fields.emplace_back(field.name, std::move(coerced));
		}
		return true;
	}
	if (is_passthrough(named)) {
		if (value.kind == syntax::ValueKind::String || value.kind == syntax::ValueKind::Enum) {
			set_scalar(out, Form::String, std::string(value.text));
			return true;
		}
		response::JsonWriter json(response::heap_buffer_source());
		literal_json(value, variables, json);
		set_scalar(out, Form::Json, std::string(json.json()));
		return true;
	}
	// Literals were checked by validation, which made its own suggestions.
	reason = coerce_leaf(named, literal_leaf(value), out, false);
	return reason.empty();
}

ErrorList
coerce_variables(const schema::Schema &schema, const syntax::OperationDefinition &operation,
                 const jsonb::Value &variables, VariableValues &out, const CoerceOptions &options)
{
	ErrorList errors;
	// Absent or JSON null means no variables; anything else must be an object.
	if (variables.kind != Kind::Invalid && variables.kind != Kind::Null && variables.kind != Kind::Object) {
		errors.push_back(make_error(ErrorCode::BadUserInput,
		                            "Variables must be provided as an Object where each property is a variable "
		                            "value. Perhaps look to see if an unparsed JSON string was provided."));
		return errors;
	}
	jsonb::Container object = variables.kind == Kind::Object ? variables.container() : jsonb::Container();
	for (const syntax::VariableDefinition &def : operation.variables) {
		const TypeExpr type = type_of(schema, def.type);
		const std::string name(def.variable.text);
		JsonCoercer coercer(options, "Variable \"$" + name + "\" has invalid value", def.loc.line, def.loc.column, errors);
		if (!type.named) {
			coercer.fail("", "Unknown type.");
			continue;
		}
		jsonb::Value given = object.valid() ? object.find(def.variable.text) : jsonb::Value();
		InputValue value;
		if (given.kind == Kind::Invalid) {
			if (def.default_value) {
				bool absent = false;
				std::string reason;
				if (!coerce_literal(*def.default_value, type, VariableValues(), value, absent, reason)) {
					errors.push_back(make_error(ErrorCode::BadUserInput,
					                            "Variable \"$" + name + "\" has invalid default value: " + reason,
					                            def.loc.line, def.loc.column));
					continue;
				}
				out.add(name, std::move(value));
			} else if (type.is_non_null()) {
				coercer.fail("", "Expected a value of non-null type \"" + type.print() + "\" to be provided.");
			}
			continue;
		}
		std::string path;
		if (coercer.value(given, type, path, 0, value))
			out.add(name, std::move(value));
	}
	return errors;
}

} // namespace fraiseql::coerce
