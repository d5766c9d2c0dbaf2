// variables.cc: CoerceVariableValues (spec 6.1.2) for leaf-typed variables,
// with graphql-js 17's messages ("Variable "$n" has invalid value: ...").
#include "core/coerce/variables.h"

#include <cstring>

namespace fraiseql::coerce {

namespace {

using jsonb::Kind;
using schema::ScalarKind;
using schema::TypeExpr;
using schema::TypeKind;

std::string
numeric_string(const jsonb::Value &v)
{
	char small[64];
	long n = jsonb::numeric_text(v.data, v.len, small, sizeof(small));
	if (n > 0)
		return std::string(small, static_cast<size_t>(n));
	if (n == 0)
		return std::string();
	std::string big(static_cast<size_t>(-n), '\0');
	n = jsonb::numeric_text(v.data, v.len, &big[0], big.size());
	big.resize(n > 0 ? static_cast<size_t>(n) : 0);
	return big;
}

// graphql-js inspect() of a JSON leaf, for messages.
std::string
inspect(const jsonb::Value &v)
{
	switch (v.kind) {
	case Kind::Null: return "null";
	case Kind::True: return "true";
	case Kind::False: return "false";
	case Kind::Numeric: return numeric_string(v);
	case Kind::String: {
		std::string out = "\"";
		response::append_escaped(out, v.string());
		return out + "\"";
	}
	case Kind::Object: return "{ ... }";
	case Kind::Array: return "[...]";
	default: return "undefined";
	}
}

bool
is_integral(const std::string &number)
{
	// numeric_out writes no exponent: integral means no fractional digit but 0.
	size_t dot = number.find('.');
	if (dot == std::string::npos)
		return true;
	for (size_t i = dot + 1; i < number.size(); i++)
		if (number[i] != '0')
			return false;
	return true;
}

bool
fits_int32(const std::string &integral)
{
	std::string digits = integral.substr(0, integral.find('.'));
	bool negative = !digits.empty() && digits[0] == '-';
	if (negative)
		digits.erase(0, 1);
	if (digits.size() > 10)
		return false;
	if (digits.size() < 10)
		return true;
	return digits <= (negative ? "2147483648" : "2147483647");
}

// 8-4-4-4-12 hexadecimal digits, either case: the form every UUID scalar accepts.
bool
is_canonical_uuid(std::string_view s)
{
	if (s.size() != 36)
		return false;
	for (size_t i = 0; i < s.size(); i++) {
		const char c = s[i];
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return false;
		} else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
			return false;
		}
	}
	return true;
}

// Coerces one leaf value; returns an empty string on success, else the reason.
std::string
coerce_leaf(const schema::TypeDef &type, const jsonb::Value &v, CoercedValue &out)
{
	if (type.kind == TypeKind::Enum) {
		if (v.kind == Kind::String)
			for (const schema::EnumValueDef &e : type.values)
				if (e.name == v.string()) {
					out.text = e.name;
					return std::string();
				}
		if (v.kind == Kind::String)
			return "Value " + inspect(v) + " does not exist in \"" + type.name + "\" enum.";
		return "Enum \"" + type.name + "\" cannot represent non-string value: " + inspect(v) + ".";
	}
	if (type.kind == TypeKind::InputObject)
		return "input objects are not supported yet";
	switch (type.scalar) {
	case ScalarKind::Int: {
		if (v.kind != Kind::Numeric)
			return "Int cannot represent non-integer value: " + inspect(v);
		std::string n = numeric_string(v);
		if (!is_integral(n))
			return "Int cannot represent non-integer value: " + n;
		if (!fits_int32(n))
			return "Int cannot represent non 32-bit signed integer value: " + n;
		out.text = n.substr(0, n.find('.'));
		return std::string();
	}
	case ScalarKind::BigInt: {
		if (v.kind == Kind::Numeric && is_integral(numeric_string(v))) {
			std::string n = numeric_string(v);
			out.text = n.substr(0, n.find('.'));
			return std::string();
		}
		if (v.kind == Kind::String) {
			out.text = std::string(v.string());
			return std::string();
		}
		return "BigInt cannot represent non-integer value: " + inspect(v);
	}
	case ScalarKind::Float:
	case ScalarKind::Decimal:
		if (v.kind == Kind::Numeric) {
			out.text = numeric_string(v);
			return std::string();
		}
		if (type.scalar == ScalarKind::Decimal && v.kind == Kind::String) {
			out.text = std::string(v.string());
			return std::string();
		}
		return type.name + " cannot represent non numeric value: " + inspect(v);
	case ScalarKind::Boolean:
		if (v.kind == Kind::True || v.kind == Kind::False) {
			out.is_boolean = true;
			out.boolean = v.kind == Kind::True;
			out.text = out.boolean ? "true" : "false";
			return std::string();
		}
		return "Boolean cannot represent a non boolean value: " + inspect(v);
	case ScalarKind::String:
		if (v.kind == Kind::String) {
			out.text = std::string(v.string());
			return std::string();
		}
		return "String cannot represent a non string value: " + inspect(v);
	case ScalarKind::ID:
		if (v.kind == Kind::String) {
			out.text = std::string(v.string());
			return std::string();
		}
		if (v.kind == Kind::Numeric && is_integral(numeric_string(v))) {
			std::string n = numeric_string(v);
			out.text = n.substr(0, n.find('.'));
			return std::string();
		}
		return "ID cannot represent value: " + inspect(v);
	case ScalarKind::UUID:
		// Checked here so a malformed id is a request error, not a field error from the cast.
		if (v.kind == Kind::String && is_canonical_uuid(v.string())) {
			out.text = std::string(v.string());
			return std::string();
		}
		return "UUID cannot represent value: " + inspect(v) + " (expected 8-4-4-4-12 hexadecimal digits)";
	case ScalarKind::Date:
	case ScalarKind::DateTime:
	case ScalarKind::Time:
		// The format is checked by the PostgreSQL type when the value binds.
		if (v.kind == Kind::String) {
			out.text = std::string(v.string());
			return std::string();
		}
		return type.name + " cannot represent a non string value: " + inspect(v);
	case ScalarKind::JSON:
	case ScalarKind::Custom:
		if (v.kind == Kind::String) {
			out.text = std::string(v.string());
			return std::string();
		}
		if (v.kind == Kind::Numeric) {
			out.text = numeric_string(v);
			return std::string();
		}
		if (v.kind == Kind::True || v.kind == Kind::False) {
			out.text = v.kind == Kind::True ? "true" : "false";
			return std::string();
		}
		return type.name + " values that are objects or lists are not supported yet";
	}
	return "unsupported type";
}

} // namespace

const CoercedValue *
VariableValues::find(std::string_view name) const
{
	for (const CoercedValue &v : values_)
		if (v.name == name)
			return &v;
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

ErrorList
coerce_variables(const schema::Schema &schema, const syntax::OperationDefinition &operation,
                 const jsonb::Value &variables, VariableValues &out)
{
	ErrorList errors;
	jsonb::Container object = variables.kind == Kind::Object ? variables.container() : jsonb::Container();
	for (const syntax::VariableDefinition &def : operation.variables) {
		TypeExpr type = type_of(schema, def.type);
		std::string prefix = "Variable \"$" + std::string(def.variable.text) + "\" has invalid value: ";
		auto fail = [&](const std::string &reason) {
			errors.push_back(make_error(ErrorCode::BadUserInput, prefix + reason, def.loc.line, def.loc.column));
		};
		CoercedValue value;
		value.name = std::string(def.variable.text);
		jsonb::Value given = object.valid() ? object.find(def.variable.text) : jsonb::Value();
		if (given.kind == Kind::Invalid) {
			if (def.default_value) {
				if (def.default_value->kind == syntax::ValueKind::Null)
					value.is_null = true;
				else if (!literal_text(*def.default_value, value.text))
					fail("list and object default values are not supported yet");
				if (def.default_value->kind == syntax::ValueKind::Boolean) {
					value.is_boolean = true;
					value.boolean = def.default_value->boolean;
				}
				out.add(std::move(value));
			} else if (type.is_non_null()) {
				fail("Expected a value of non-null type \"" + type.print() + "\" to be provided.");
			}
			continue;
		}
		if (given.kind == Kind::Null) {
			if (type.is_non_null()) {
				fail("Expected value of non-null type \"" + type.print() + "\" not to be null.");
				continue;
			}
			value.is_null = true;
			out.add(std::move(value));
			continue;
		}
		if (!type.named) {
			fail("Unknown type.");
			continue;
		}
		if (type.is_list()) {
			fail("list variables are not supported yet");
			continue;
		}
		std::string reason = coerce_leaf(*type.named, given, value);
		if (!reason.empty()) {
			fail(reason);
			continue;
		}
		out.add(std::move(value));
	}
	return errors;
}

} // namespace fraiseql::coerce
