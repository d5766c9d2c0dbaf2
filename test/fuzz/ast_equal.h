// ast_equal.h: structural equality of two parsed documents, locations ignored,
// for the fuzz oracle: parse(print(parse(x))) must equal parse(x). A printer
// that consistently drops or alters something still prints a fixed point, so
// the fixed-point check alone would miss it; this does not.
// Recursion follows the document's nesting, which the parse limits bound.
#pragma once

#include <string>
#include <string_view>

#include "core/syntax/ast.h"

namespace fraiseql::fuzz {

class AstEqual {
public:
	// Empty when equal, else the path to the first difference.
	std::string difference;

	bool document(const syntax::Document &a, const syntax::Document &b)
	{
		return list("definitions", a.definitions, b.definitions,
		            [&](const syntax::Definition *x, const syntax::Definition *y) { return definition(*x, *y); });
	}

	bool value(const syntax::Value &a, const syntax::Value &b)
	{
		using syntax::ValueKind;
		if (!same("value kind", a.kind, b.kind) || !text("value", a.text, b.text))
			return false;
		if (a.kind == ValueKind::Boolean && !same("boolean", a.boolean, b.boolean))
			return false;
		if (a.kind == ValueKind::String && !same("block string", a.block, b.block))
			return false;
		return list("list", a.list, b.list, [&](const syntax::Value *x, const syntax::Value *y) { return value(*x, *y); }) &&
		       list("object", a.fields, b.fields, [&](const syntax::ObjectField &x, const syntax::ObjectField &y) {
			       return name(x.name, y.name) && value(*x.value, *y.value);
		       });
	}

	bool type(const syntax::TypeRef &a, const syntax::TypeRef &b)
	{
		if (!same("type kind", a.kind, b.kind))
			return false;
		if (a.kind == syntax::TypeKind::Named)
			return name(a.name, b.name);
		return type(*a.of_type, *b.of_type);
	}

private:
	template <class T>
	bool same(const char *what, const T &a, const T &b)
	{
		if (a == b)
			return true;
		difference = std::string(what) + " differs";
		return false;
	}

	bool text(const char *what, std::string_view a, std::string_view b)
	{
		if (a == b)
			return true;
		difference = std::string(what) + " text differs: \"" + std::string(a) + "\" vs \"" + std::string(b) + "\"";
		return false;
	}

	bool name(const syntax::Name &a, const syntax::Name &b) { return text("name", a.text, b.text); }

	template <class T, class Eq>
	bool list(const char *what, const util::Span<T> &a, const util::Span<T> &b, Eq eq)
	{
		if (a.size() != b.size()) {
			difference = std::string(what) + ": " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
			return false;
		}
		for (uint32_t i = 0; i < a.size(); i++)
			if (!eq(a[i], b[i])) {
				difference = std::string(what) + "[" + std::to_string(i) + "] > " + difference;
				return false;
			}
		return true;
	}

	bool optional_value(const syntax::Value *a, const syntax::Value *b)
	{
		if (!same("default value presence", a != nullptr, b != nullptr))
			return false;
		return !a || value(*a, *b);
	}

	bool description(std::string_view a, bool has_a, bool block_a, std::string_view b, bool has_b, bool block_b)
	{
		if (!same("description presence", has_a, has_b))
			return false;
		return !has_a || (same("description block", block_a, block_b) && text("description", a, b));
	}

	bool arguments(const util::Span<syntax::Argument> &a, const util::Span<syntax::Argument> &b)
	{
		return list("arguments", a, b, [&](const syntax::Argument &x, const syntax::Argument &y) {
			return name(x.name, y.name) && value(*x.value, *y.value);
		});
	}

	bool directives(const util::Span<syntax::Directive> &a, const util::Span<syntax::Directive> &b)
	{
		return list("directives", a, b, [&](const syntax::Directive &x, const syntax::Directive &y) {
			return name(x.name, y.name) && arguments(x.arguments, y.arguments);
		});
	}

	bool variables(const util::Span<syntax::VariableDefinition> &a, const util::Span<syntax::VariableDefinition> &b)
	{
		return list("variables", a, b, [&](const syntax::VariableDefinition &x, const syntax::VariableDefinition &y) {
			return description(x.description, x.has_description, x.description_block, y.description,
			                   y.has_description, y.description_block) &&
			       text("variable", x.variable.text, y.variable.text) && type(*x.type, *y.type) &&
			       optional_value(x.default_value, y.default_value) && directives(x.directives, y.directives);
		});
	}

	bool selection_set(const syntax::SelectionSet *a, const syntax::SelectionSet *b)
	{
		if (!same("selection set presence", a != nullptr, b != nullptr))
			return false;
		if (!a)
			return true;
		return list("selections", a->selections, b->selections,
		            [&](const syntax::Selection *x, const syntax::Selection *y) { return selection(*x, *y); });
	}

	bool selection(const syntax::Selection &a, const syntax::Selection &b)
	{
		using namespace syntax;
		if (!same("selection kind", a.kind, b.kind) || !directives(a.directives, b.directives))
			return false;
		switch (a.kind) {
		case SelectionKind::Field: {
			const auto &x = static_cast<const Field &>(a);
			const auto &y = static_cast<const Field &>(b);
			return name(x.alias, y.alias) && name(x.name, y.name) && arguments(x.arguments, y.arguments) &&
			       selection_set(x.selection_set, y.selection_set);
		}
		case SelectionKind::FragmentSpread: {
			const auto &x = static_cast<const FragmentSpread &>(a);
			const auto &y = static_cast<const FragmentSpread &>(b);
			return name(x.name, y.name) && arguments(x.arguments, y.arguments);
		}
		case SelectionKind::InlineFragment: {
			const auto &x = static_cast<const InlineFragment &>(a);
			const auto &y = static_cast<const InlineFragment &>(b);
			return name(x.type_condition, y.type_condition) && selection_set(x.selection_set, y.selection_set);
		}
		}
		return false;
	}

	bool input_values(const util::Span<syntax::InputValueDefinition> &a,
	                  const util::Span<syntax::InputValueDefinition> &b)
	{
		return list("input values", a, b,
		            [&](const syntax::InputValueDefinition &x, const syntax::InputValueDefinition &y) {
			            return description(x.description, x.has_description, x.description_block, y.description,
			                               y.has_description, y.description_block) &&
			                   name(x.name, y.name) && type(*x.type, *y.type) &&
			                   optional_value(x.default_value, y.default_value) &&
			                   directives(x.directives, y.directives);
		            });
	}

	bool names(const char *what, const util::Span<syntax::Name> &a, const util::Span<syntax::Name> &b)
	{
		return list(what, a, b, [&](const syntax::Name &x, const syntax::Name &y) { return name(x, y); });
	}

	bool type_definition(const syntax::TypeDefinition &a, const syntax::TypeDefinition &b)
	{
		using namespace syntax;
		return names("interfaces", a.interfaces, b.interfaces) &&
		       list("fields", a.fields, b.fields,
		            [&](const FieldDefinition &x, const FieldDefinition &y) {
			            return description(x.description, x.has_description, x.description_block, y.description,
			                               y.has_description, y.description_block) &&
			                   name(x.name, y.name) && input_values(x.arguments, y.arguments) &&
			                   type(*x.type, *y.type) && directives(x.directives, y.directives);
		            }) &&
		       names("members", a.members, b.members) &&
		       list("enum values", a.values, b.values,
		            [&](const EnumValueDefinition &x, const EnumValueDefinition &y) {
			            return description(x.description, x.has_description, x.description_block, y.description,
			                               y.has_description, y.description_block) &&
			                   name(x.name, y.name) && directives(x.directives, y.directives);
		            }) &&
		       input_values(a.input_fields, b.input_fields);
	}

	bool definition(const syntax::Definition &a, const syntax::Definition &b)
	{
		using namespace syntax;
		if (!same("definition kind", a.kind, b.kind) || !same("extension", a.is_extension, b.is_extension) ||
		    !description(a.description, a.has_description, a.description_block, b.description, b.has_description,
		                 b.description_block) ||
		    !name(a.name, b.name) || !directives(a.directives, b.directives))
			return false;
		switch (a.kind) {
		case DefinitionKind::Operation: {
			// The shorthand flag is not compared: "query { a }" prints as "{ a }".
			const auto &x = static_cast<const OperationDefinition &>(a);
			const auto &y = static_cast<const OperationDefinition &>(b);
			return same("operation", x.operation, y.operation) && variables(x.variables, y.variables) &&
			       selection_set(x.selection_set, y.selection_set);
		}
		case DefinitionKind::Fragment: {
			const auto &x = static_cast<const FragmentDefinition &>(a);
			const auto &y = static_cast<const FragmentDefinition &>(b);
			return variables(x.variables, y.variables) && name(x.type_condition, y.type_condition) &&
			       selection_set(x.selection_set, y.selection_set);
		}
		case DefinitionKind::Schema:
			return list("operation types", static_cast<const SchemaDefinition &>(a).operation_types,
			            static_cast<const SchemaDefinition &>(b).operation_types,
			            [&](const OperationTypeDefinition &x, const OperationTypeDefinition &y) {
				            return same("operation", x.operation, y.operation) && name(x.type, y.type);
			            });
		case DefinitionKind::Directive: {
			const auto &x = static_cast<const DirectiveDefinition &>(a);
			const auto &y = static_cast<const DirectiveDefinition &>(b);
			return input_values(x.arguments, y.arguments) && same("repeatable", x.repeatable, y.repeatable) &&
			       names("locations", x.locations, y.locations);
		}
		default:
			return type_definition(static_cast<const TypeDefinition &>(a), static_cast<const TypeDefinition &>(b));
		}
	}
};

} // namespace fraiseql::fuzz
