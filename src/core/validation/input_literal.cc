// input_literal.cc: literal coercion checks: non-null, lists (a single item
// counts as a list of one), input objects (required, unknown and @oneOf
// fields), enums and the scalars' coerceInputLiteral messages.
#include "core/validation/input_literal.h"

#include <string>

#include "core/schema/typed_scalar_cases.h"
#include "core/syntax/printer.h"
#include "core/validation/suggestions.h"

namespace fraiseql::validation {

namespace {

using schema::ScalarKind;
using schema::TypeExpr;
using schema::TypeKind;
using syntax::ValueKind;

bool
int_in_range(std::string_view text)
{
	bool negative = !text.empty() && text[0] == '-';
	std::string_view digits = negative ? text.substr(1) : text;
	while (digits.size() > 1 && digits[0] == '0')
		digits.remove_prefix(1);
	if (digits.size() != 10)
		return digits.size() < 10;
	return digits <= (negative ? "2147483648" : "2147483647");
}

class LiteralChecker {
public:
	LiteralChecker(Context &context) : ctx_(context) {}

	void
	check(const syntax::Value &v, TypeExpr type)
	{
		if (v.kind == ValueKind::Variable)
			return;
		if (type.is_non_null()) {
			if (v.kind == ValueKind::Null) {
				ctx_.report("Expected value of non-null type \"" + type.print() + "\" not to be null.", {v.loc});
				return;
			}
			type = type.nullable();
		}
		if (v.kind == ValueKind::Null)
			return;
		if (type.is_list()) {
			if (v.kind != ValueKind::List) {
				check(v, type.item());
			} else {
				for (const syntax::Value *item : v.list)
					check(*item, type.item());
			}
			return;
		}
		const schema::TypeDef &t = *type.named;
		if (t.kind == TypeKind::InputObject)
			input_object(v, t);
		else if (t.kind == TypeKind::Enum)
			enum_value(v, t);
		else
			scalar(v, t);
	}

private:
	Context &ctx_;

	void
	input_object(const syntax::Value &v, const schema::TypeDef &t)
	{
		if (v.kind != ValueKind::Object) {
			ctx_.report("Expected value of type \"" + t.name + "\" to be an object, found: " + syntax::print(v) + ".", {v.loc});
			return;
		}
		for (const schema::InputValueDef &def : t.input_fields) {
			const syntax::ObjectField *given = nullptr;
			for (const syntax::ObjectField &f : v.fields)
				if (f.name.text == def.name)
					given = &f; // the last one wins, as graphql-js's keyMap
			if (!given) {
				if (def.type.is_non_null() && !def.has_default)
					ctx_.report("Expected value of type \"" + t.name + "\" to include required field \"" + def.name +
					                "\", found: " + syntax::print(v) + ".",
					            {v.loc});
				continue;
			}
			check(*given->value, def.type);
		}
		std::vector<const syntax::ObjectField *> known;
		for (const syntax::ObjectField &f : v.fields) {
			if (t.find_input_field(f.name.text)) {
				known.push_back(&f);
				continue;
			}
			std::string suggestion;
			if (!ctx_.hide_suggestions()) {
				std::vector<std::string_view> names;
				for (const schema::InputValueDef &def : t.input_fields)
					names.push_back(def.name);
				suggestion = did_you_mean(suggestion_list(f.name.text, names));
			}
			ctx_.report("Expected value of type \"" + t.name + "\" not to include unknown field \"" + std::string(f.name.text) +
			                "\"" + (suggestion.empty() ? ", found" : "." + suggestion + " Found") + ": " +
			                syntax::print(v) + ".",
			            {f.loc});
		}
		if (t.one_of && (known.size() != 1 || known[0]->value->kind == ValueKind::Null))
			ctx_.report("Within OneOf Input Object type \"" + t.name +
			                "\", exactly one field must be specified, and the value for that field must be non-null.",
			            {v.loc});
	}

	void
	enum_value(const syntax::Value &v, const schema::TypeDef &t)
	{
		std::string shown = syntax::print(v);
		auto suggestions = [&]() {
			if (ctx_.hide_suggestions())
				return std::string();
			std::vector<std::string_view> names;
			for (const schema::EnumValueDef &e : t.values)
				names.push_back(e.name);
			return did_you_mean("the enum value", suggestion_list(shown, names));
		};
		if (v.kind != ValueKind::Enum)
			ctx_.report("Enum \"" + t.name + "\" cannot represent non-enum value: " + shown + "." + suggestions(), {v.loc});
		else if (!t.find_value(v.text))
			ctx_.report("Value \"" + shown + "\" does not exist in \"" + t.name + "\" enum." + suggestions(), {v.loc});
	}

	void
	scalar(const syntax::Value &v, const schema::TypeDef &t)
	{
		std::string shown = syntax::print(v);
		switch (t.scalar) {
		case ScalarKind::Int:
			if (v.kind != ValueKind::Int)
				ctx_.report("Int cannot represent non-integer value: " + shown, {v.loc});
			else if (!int_in_range(v.text))
				ctx_.report("Int cannot represent non 32-bit signed integer value: " + std::string(v.text), {v.loc});
			return;
		case ScalarKind::Float:
			if (v.kind != ValueKind::Int && v.kind != ValueKind::Float)
				ctx_.report("Float cannot represent non numeric value: " + shown, {v.loc});
			return;
		case ScalarKind::String:
			if (v.kind != ValueKind::String)
				ctx_.report("String cannot represent a non string value: " + shown, {v.loc});
			return;
		case ScalarKind::Boolean:
			if (v.kind != ValueKind::Boolean)
				ctx_.report("Boolean cannot represent a non boolean value: " + shown, {v.loc});
			return;
		case ScalarKind::ID:
			if (v.kind != ValueKind::String && v.kind != ValueKind::Int)
				ctx_.report("ID cannot represent a non-string and non-integer value: " + shown, {v.loc});
			return;
		case ScalarKind::UUID:
		case ScalarKind::Date:
		case ScalarKind::DateTime:
		case ScalarKind::Time:
		FRAISEQL_TYPED_SCALAR_CASES:
			// FraiseQL's string-formatted scalars; the format itself is checked at coercion.
			if (v.kind != ValueKind::String)
				ctx_.report("Expected value of type \"" + t.name + "\", found: " + shown + ".", {v.loc});
			return;
		default:
			return; // custom scalars (and JSON, BigInt, Decimal) accept any literal
		}
	}
};

} // namespace

void
validate_input_literal(Context &context, const syntax::Value &value, const schema::TypeExpr &type)
{
	LiteralChecker(context).check(value, type);
}

} // namespace fraiseql::validation
