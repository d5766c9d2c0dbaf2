// walker.cc: the visiting order of graphql-js visit() over executable and
// type-system nodes; Name nodes and descriptions are not visited.
#include "core/validation/walker.h"

namespace fraiseql::validation {

bool
Walker::enter(NodeKind kind, const void *ptr)
{
	if (*stop_)
		return false;
	Node node{kind, ptr};
	type_info_.enter(node);
	if (!visitor_.enter(node)) {
		type_info_.leave(node);
		return false;
	}
	if (ancestors_)
		ancestors_->push_back(node);
	return true;
}

void
Walker::leave(NodeKind kind, const void *ptr)
{
	Node node{kind, ptr};
	if (ancestors_)
		ancestors_->pop_back();
	if (!*stop_)
		visitor_.leave(node);
	type_info_.leave(node);
}

void
Walker::document(const syntax::Document &doc)
{
	if (!enter(NodeKind::Document, &doc))
		return;
	for (const syntax::Definition *d : doc.definitions)
		definition(*d);
	leave(NodeKind::Document, &doc);
}

void
Walker::definition(const syntax::Definition &def)
{
	using syntax::DefinitionKind;
	switch (def.kind) {
	case DefinitionKind::Operation: {
		const auto &op = static_cast<const syntax::OperationDefinition &>(def);
		if (!enter(NodeKind::OperationDefinition, &op))
			return;
		for (const syntax::VariableDefinition &v : op.variables)
			variable_definition(v);
		directives(op.directives);
		selection_set(op.selection_set);
		leave(NodeKind::OperationDefinition, &op);
		return;
	}
	case DefinitionKind::Fragment: {
		const auto &frag = static_cast<const syntax::FragmentDefinition &>(def);
		if (!enter(NodeKind::FragmentDefinition, &frag))
			return;
		for (const syntax::VariableDefinition &v : frag.variables)
			variable_definition(v);
		named_type(frag.type_condition);
		directives(frag.directives);
		selection_set(frag.selection_set);
		leave(NodeKind::FragmentDefinition, &frag);
		return;
	}
	case DefinitionKind::Schema: {
		const auto &s = static_cast<const syntax::SchemaDefinition &>(def);
		if (!enter(NodeKind::SchemaDefinition, &s))
			return;
		directives(s.directives);
		for (const syntax::OperationTypeDefinition &op : s.operation_types)
			named_type(op.type);
		leave(NodeKind::SchemaDefinition, &s);
		return;
	}
	case DefinitionKind::Directive: {
		const auto &d = static_cast<const syntax::DirectiveDefinition &>(def);
		if (!enter(NodeKind::DirectiveDefinition, &d))
			return;
		input_value_definitions(d.arguments);
		leave(NodeKind::DirectiveDefinition, &d);
		return;
	}
	default:
		type_definition(static_cast<const syntax::TypeDefinition &>(def));
		return;
	}
}

void
Walker::type_definition(const syntax::TypeDefinition &def)
{
	if (!enter(NodeKind::TypeDefinition, &def))
		return;
	for (const syntax::Name &n : def.interfaces)
		named_type(n);
	directives(def.directives);
	for (const syntax::FieldDefinition &f : def.fields) {
		if (!enter(NodeKind::FieldDefinition, &f))
			continue;
		input_value_definitions(f.arguments);
		type_ref(f.type);
		directives(f.directives);
		leave(NodeKind::FieldDefinition, &f);
	}
	for (const syntax::Name &n : def.members)
		named_type(n);
	for (const syntax::EnumValueDefinition &v : def.values) {
		if (!enter(NodeKind::EnumValueDefinition, &v))
			continue;
		directives(v.directives);
		leave(NodeKind::EnumValueDefinition, &v);
	}
	input_value_definitions(def.input_fields);
	leave(NodeKind::TypeDefinition, &def);
}

void
Walker::input_value_definitions(const util::Span<syntax::InputValueDefinition> &defs)
{
	for (const syntax::InputValueDefinition &a : defs) {
		if (!enter(NodeKind::InputValueDefinition, &a))
			continue;
		type_ref(a.type);
		value(a.default_value);
		directives(a.directives);
		leave(NodeKind::InputValueDefinition, &a);
	}
}

void
Walker::variable_definition(const syntax::VariableDefinition &v)
{
	if (!enter(NodeKind::VariableDefinition, &v))
		return;
	type_ref(v.type);
	value(v.default_value);
	directives(v.directives);
	leave(NodeKind::VariableDefinition, &v);
}

void
Walker::selection_set(const syntax::SelectionSet *set)
{
	if (!set || !enter(NodeKind::SelectionSet, set))
		return;
	for (const syntax::Selection *sel : set->selections)
		selection(*sel);
	leave(NodeKind::SelectionSet, set);
}

void
Walker::selection(const syntax::Selection &sel)
{
	switch (sel.kind) {
	case syntax::SelectionKind::Field: {
		const auto &f = static_cast<const syntax::Field &>(sel);
		if (!enter(NodeKind::Field, &f))
			return;
		arguments(f.arguments, NodeKind::Argument);
		directives(f.directives);
		selection_set(f.selection_set);
		leave(NodeKind::Field, &f);
		return;
	}
	case syntax::SelectionKind::FragmentSpread: {
		const auto &s = static_cast<const syntax::FragmentSpread &>(sel);
		if (!enter(NodeKind::FragmentSpread, &s))
			return;
		arguments(s.arguments, NodeKind::FragmentArgument);
		directives(s.directives);
		leave(NodeKind::FragmentSpread, &s);
		return;
	}
	case syntax::SelectionKind::InlineFragment: {
		const auto &i = static_cast<const syntax::InlineFragment &>(sel);
		if (!enter(NodeKind::InlineFragment, &i))
			return;
		if (i.type_condition.present())
			named_type(i.type_condition);
		directives(i.directives);
		selection_set(i.selection_set);
		leave(NodeKind::InlineFragment, &i);
		return;
	}
	}
}

void
Walker::arguments(const util::Span<syntax::Argument> &args, NodeKind kind)
{
	for (const syntax::Argument &a : args) {
		if (!enter(kind, &a))
			continue;
		value(a.value);
		leave(kind, &a);
	}
}

void
Walker::directives(const util::Span<syntax::Directive> &list)
{
	for (const syntax::Directive &d : list) {
		if (!enter(NodeKind::Directive, &d))
			continue;
		arguments(d.arguments, NodeKind::Argument);
		leave(NodeKind::Directive, &d);
	}
}

void
Walker::value(const syntax::Value *v)
{
	if (!v || !enter(NodeKind::Value, v))
		return;
	if (v->kind == syntax::ValueKind::List) {
		for (const syntax::Value *item : v->list)
			value(item);
	} else if (v->kind == syntax::ValueKind::Object) {
		for (const syntax::ObjectField &f : v->fields) {
			if (!enter(NodeKind::ObjectField, &f))
				continue;
			value(f.value);
			leave(NodeKind::ObjectField, &f);
		}
	}
	leave(NodeKind::Value, v);
}

void
Walker::type_ref(const syntax::TypeRef *t)
{
	// List and non-null wrappers carry nothing a rule reads: only the name is visited.
	while (t && t->kind != syntax::TypeKind::Named)
		t = t->of_type;
	if (t)
		named_type(t->name);
}

void
Walker::named_type(const syntax::Name &name)
{
	if (enter(NodeKind::NamedType, &name))
		leave(NodeKind::NamedType, &name);
}

} // namespace fraiseql::validation
