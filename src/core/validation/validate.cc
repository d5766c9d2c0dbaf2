// validate.cc: one walk over the document applying the implemented rules.
#include "core/validation/validate.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/coerce/variables.h"
#include "core/validation/suggestions.h"

namespace fraiseql::validation {

namespace {

using schema::TypeDef;
using schema::TypeExpr;
using schema::TypeKind;

class Validator {
public:
	Validator(const schema::Schema &schema, const syntax::Document &document) : schema_(schema), document_(document) {}

	ErrorList
	run()
	{
		size_t operations = 0;
		for (const syntax::Definition *d : document_.definitions)
			if (d->kind == syntax::DefinitionKind::Operation)
				operations++;
		for (const syntax::Definition *d : document_.definitions) {
			if (d->kind == syntax::DefinitionKind::Operation)
				operation(static_cast<const syntax::OperationDefinition &>(*d), operations);
			else if (d->kind == syntax::DefinitionKind::Fragment)
				fragment(static_cast<const syntax::FragmentDefinition &>(*d));
			else
				fail(d->loc, "The " + definition_name(*d) + " definition is not executable.");
		}
		return std::move(errors_);
	}

private:
	const schema::Schema &schema_;
	const syntax::Document &document_;
	ErrorList errors_;

	void
	fail(const syntax::Loc &loc, std::string message)
	{
		errors_.push_back(make_error(ErrorCode::ValidationFailed, std::move(message), loc.line, loc.column));
	}

	static std::string
	definition_name(const syntax::Definition &d)
	{
		if (d.kind == syntax::DefinitionKind::Schema)
			return "schema";
		return "\"" + std::string(d.name.text) + "\"";
	}

	const syntax::FragmentDefinition *
	find_fragment(std::string_view name) const
	{
		for (const syntax::Definition *d : document_.definitions)
			if (d->kind == syntax::DefinitionKind::Fragment && d->name.text == name)
				return static_cast<const syntax::FragmentDefinition *>(d);
		return nullptr;
	}

	std::vector<std::string_view>
	type_names() const
	{
		std::vector<std::string_view> names;
		for (const auto &t : schema_.types())
			names.push_back(t->name);
		return names;
	}

	const TypeDef *
	known_type(const syntax::Name &name)
	{
		const TypeDef *t = schema_.find_type(name.text);
		if (!t)
			fail(name.loc, "Unknown type \"" + std::string(name.text) + "\"." +
			                   did_you_mean(suggestion_list(name.text, type_names())));
		return t;
	}

	void
	operation(const syntax::OperationDefinition &op, size_t operation_count)
	{
		if (!op.name.present() && operation_count > 1)
			fail(op.loc, "This anonymous operation must be the only defined operation.");
		if (op.name.present()) {
			for (const syntax::Definition *d : document_.definitions) {
				if (d == &op)
					break;
				if (d->kind == syntax::DefinitionKind::Operation && d->name.text == op.name.text) {
					fail(op.name.loc, "There can be only one operation named \"" + std::string(op.name.text) + "\".");
					break;
				}
			}
		}
		const TypeDef *root = nullptr;
		const char *kind = "query";
		if (op.operation == syntax::OperationType::Query) {
			root = schema_.query_type();
		} else if (op.operation == syntax::OperationType::Mutation) {
			root = schema_.mutation_type();
			kind = "mutation";
		} else {
			kind = "subscription";
		}
		if (!root) {
			fail(op.loc, std::string("The ") + kind + " operation is not supported by the schema.");
			return;
		}
		for (const syntax::VariableDefinition &v : op.variables) {
			const syntax::TypeRef *t = v.type;
			while (t->of_type)
				t = t->of_type;
			const TypeDef *named = known_type(t->name);
			if (named && !named->is_input())
				fail(v.type->loc, "Variable \"$" + std::string(v.variable.text) + "\" cannot be non-input type \"" +
				                      coerce::type_of(schema_, v.type).print() + "\".");
		}
		selection_set(*root, op.selection_set);
		undefined_variables(op);
	}

	void
	fragment(const syntax::FragmentDefinition &frag)
	{
		const TypeDef *t = known_type(frag.type_condition);
		if (!t)
			return;
		if (!t->is_composite()) {
			fail(frag.type_condition.loc, "Fragment \"" + std::string(frag.name.text) + "\" cannot condition on non composite type \"" + t->name + "\".");
			return;
		}
		selection_set(*t, frag.selection_set);
	}

	void
	selection_set(const TypeDef &parent, const syntax::SelectionSet *set)
	{
		if (!set)
			return;
		for (const syntax::Selection *sel : set->selections) {
			directives(sel->directives);
			switch (sel->kind) {
			case syntax::SelectionKind::Field:
				field(parent, static_cast<const syntax::Field &>(*sel));
				break;
			case syntax::SelectionKind::FragmentSpread: {
				const auto &spread = static_cast<const syntax::FragmentSpread &>(*sel);
				if (!find_fragment(spread.name.text))
					fail(spread.name.loc, "Unknown fragment \"" + std::string(spread.name.text) + "\".");
				break;
			}
			case syntax::SelectionKind::InlineFragment: {
				const auto &inline_fragment = static_cast<const syntax::InlineFragment &>(*sel);
				const TypeDef *t = &parent;
				if (inline_fragment.type_condition.present()) {
					t = known_type(inline_fragment.type_condition);
					if (!t)
						break;
					if (!t->is_composite()) {
						fail(inline_fragment.type_condition.loc,
						     "Fragment cannot condition on non composite type \"" + t->name + "\".");
						break;
					}
				}
				selection_set(*t, inline_fragment.selection_set);
				break;
			}
			}
		}
	}

	void
	directives(const util::Span<syntax::Directive> &list)
	{
		for (const syntax::Directive &d : list) {
			if (d.name.text != "skip" && d.name.text != "include") {
				fail(d.loc, "Unknown directive \"@" + std::string(d.name.text) + "\".");
				continue;
			}
			bool has_if = false;
			for (const syntax::Argument &a : d.arguments) {
				if (a.name.text == "if")
					has_if = true;
				else
					fail(a.loc, "Unknown argument \"" + std::string(a.name.text) + "\" on directive \"@" +
					                std::string(d.name.text) + "\"." + did_you_mean(suggestion_list(a.name.text, {"if"})));
			}
			if (!has_if)
				fail(d.loc, "Argument \"@" + std::string(d.name.text) +
				                "(if:)\" of type \"Boolean!\" is required, but it was not provided.");
		}
	}

	void
	field(const TypeDef &parent, const syntax::Field &f)
	{
		if (f.name.text == "__typename") {
			if (f.selection_set)
				fail(f.selection_set->loc, "Field \"__typename\" must not have a selection since type \"String!\" has no subfields.");
			return;
		}
		const schema::FieldDef *def = parent.kind == TypeKind::Union ? nullptr : parent.find_field(f.name.text);
		if (!def) {
			std::vector<std::string_view> names;
			if (parent.kind != TypeKind::Union)
				for (const schema::FieldDef &fd : parent.fields)
					names.push_back(fd.name);
			fail(f.loc, "Cannot query field \"" + std::string(f.name.text) + "\" on type \"" + parent.name + "\"." +
			                did_you_mean(suggestion_list(f.name.text, names)));
			return;
		}
		arguments(parent, *def, f);
		const TypeDef &named = *def->type.named;
		if (named.is_leaf() && f.selection_set) {
			fail(f.selection_set->loc, "Field \"" + std::string(f.name.text) + "\" must not have a selection since type \"" +
			                               def->type.print() + "\" has no subfields.");
			return;
		}
		if (!named.is_leaf() && !f.selection_set) {
			fail(f.loc, "Field \"" + std::string(f.name.text) + "\" of type \"" + def->type.print() +
			                "\" must have a selection of subfields. Did you mean \"" + std::string(f.name.text) + " { ... }\"?");
			return;
		}
		selection_set(named, f.selection_set);
	}

	void
	arguments(const TypeDef &parent, const schema::FieldDef &def, const syntax::Field &f)
	{
		for (const syntax::Argument &a : f.arguments) {
			const schema::InputValueDef *arg = def.find_argument(a.name.text);
			if (!arg) {
				std::vector<std::string_view> names;
				for (const schema::InputValueDef &d : def.arguments)
					names.push_back(d.name);
				fail(a.loc, "Unknown argument \"" + std::string(a.name.text) + "\" on field \"" + parent.name + "." +
				                def.name + "\"." + did_you_mean(suggestion_list(a.name.text, names)));
				continue;
			}
			literal(arg->type, *a.value);
		}
		for (const schema::InputValueDef &arg : def.arguments) {
			if (!arg.type.is_non_null() || arg.has_default)
				continue;
			bool given = std::any_of(f.arguments.begin(), f.arguments.end(),
			                         [&arg](const syntax::Argument &a) { return a.name.text == arg.name; });
			if (!given)
				fail(f.loc, "Argument \"" + parent.name + "." + def.name + "(" + arg.name + ":)\" of type \"" +
				                arg.type.print() + "\" is required, but it was not provided.");
		}
	}

	// ValuesOfCorrectType for leaf literals (variables are checked at coercion).
	void
	literal(const TypeExpr &type, const syntax::Value &v)
	{
		using syntax::ValueKind;
		if (v.kind == ValueKind::Variable)
			return;
		std::string text = std::string(v.text);
		if (v.kind == ValueKind::Null) {
			if (type.is_non_null())
				fail(v.loc, "Expected value of type \"" + type.print() + "\", found null.");
			return;
		}
		if (type.is_list() || !type.named || type.named->kind != TypeKind::Scalar)
			return; // lists, enums and input objects: issue #5
		std::string shown = v.kind == ValueKind::String ? "\"" + text + "\"" : (v.kind == ValueKind::Boolean ? (v.boolean ? "true" : "false") : text);
		switch (type.named->scalar) {
		case schema::ScalarKind::Int: {
			if (v.kind != ValueKind::Int) {
				fail(v.loc, "Int cannot represent non-integer value: " + shown);
				return;
			}
			std::string digits = text[0] == '-' ? text.substr(1) : text;
			bool negative = text[0] == '-';
			if (digits.size() > 10 || (digits.size() == 10 && digits > (negative ? "2147483648" : "2147483647")))
				fail(v.loc, "Int cannot represent non 32-bit signed integer value: " + text);
			return;
		}
		case schema::ScalarKind::Float:
			if (v.kind != ValueKind::Int && v.kind != ValueKind::Float)
				fail(v.loc, "Float cannot represent non numeric value: " + shown);
			return;
		case schema::ScalarKind::String:
			if (v.kind != ValueKind::String)
				fail(v.loc, "String cannot represent a non string value: " + shown);
			return;
		case schema::ScalarKind::Boolean:
			if (v.kind != ValueKind::Boolean)
				fail(v.loc, "Boolean cannot represent a non boolean value: " + shown);
			return;
		case schema::ScalarKind::ID:
			if (v.kind != ValueKind::String && v.kind != ValueKind::Int)
				fail(v.loc, "ID cannot represent a non-string and non-integer value: " + shown);
			return;
		case schema::ScalarKind::UUID:
		case schema::ScalarKind::Date:
		case schema::ScalarKind::DateTime:
		case schema::ScalarKind::Time:
			if (v.kind != ValueKind::String)
				fail(v.loc, "Expected value of type \"" + type.print() + "\", found " + shown + ".");
			return;
		default:
			return;
		}
	}

	// NoUndefinedVariables: every variable used by the operation, directly or
	// through its fragments, is defined by it.
	void
	undefined_variables(const syntax::OperationDefinition &op)
	{
		std::vector<const syntax::Value *> usages;
		std::vector<std::string_view> visited;
		collect_usages(op.selection_set, usages, visited);
		for (const syntax::VariableDefinition &def : op.variables)
			for (const syntax::Directive &d : def.directives)
				for (const syntax::Argument &a : d.arguments)
					value_usages(a.value, usages);
		for (const syntax::Value *use : usages) {
			bool defined = std::any_of(op.variables.begin(), op.variables.end(),
			                           [use](const syntax::VariableDefinition &d) { return d.variable.text == use->text; });
			if (!defined)
				errors_.push_back(make_error(ErrorCode::ValidationFailed,
				                             "Variable \"$" + std::string(use->text) + "\" is not defined" +
				                                 (op.name.present() ? " by operation \"" + std::string(op.name.text) + "\"." : "."),
				                             use->loc.line, use->loc.column));
			if (!defined)
				errors_.back().locations.push_back({op.loc.line, op.loc.column});
		}
	}

	void
	value_usages(const syntax::Value *v, std::vector<const syntax::Value *> &usages)
	{
		if (!v)
			return;
		if (v->kind == syntax::ValueKind::Variable)
			usages.push_back(v);
		for (const syntax::Value *item : v->list)
			value_usages(item, usages);
		for (const syntax::ObjectField &f : v->fields)
			value_usages(f.value, usages);
	}

	void
	collect_usages(const syntax::SelectionSet *set, std::vector<const syntax::Value *> &usages,
	               std::vector<std::string_view> &visited)
	{
		if (!set)
			return;
		for (const syntax::Selection *sel : set->selections) {
			for (const syntax::Directive &d : sel->directives)
				for (const syntax::Argument &a : d.arguments)
					value_usages(a.value, usages);
			if (sel->kind == syntax::SelectionKind::Field) {
				const auto &f = static_cast<const syntax::Field &>(*sel);
				for (const syntax::Argument &a : f.arguments)
					value_usages(a.value, usages);
				collect_usages(f.selection_set, usages, visited);
			} else if (sel->kind == syntax::SelectionKind::InlineFragment) {
				collect_usages(static_cast<const syntax::InlineFragment &>(*sel).selection_set, usages, visited);
			} else {
				std::string_view name = static_cast<const syntax::FragmentSpread &>(*sel).name.text;
				if (std::find(visited.begin(), visited.end(), name) != visited.end())
					continue;
				visited.push_back(name);
				if (const syntax::FragmentDefinition *frag = find_fragment(name))
					collect_usages(frag->selection_set, usages, visited);
			}
		}
	}
};

} // namespace

ErrorList
validate(const schema::Schema &schema, const syntax::Document &document)
{
	return Validator(schema, document).run();
}

} // namespace fraiseql::validation
