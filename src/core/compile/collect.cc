// collect.cc: CollectFields and DoesFragmentTypeApply (spec 6.3.2).
#include "core/compile/collect.h"

#include <algorithm>

namespace fraiseql::compile {

const syntax::FragmentDefinition *
FieldCollector::fragment(std::string_view name) const
{
	for (const syntax::Definition *d : document_.definitions)
		if (d->kind == syntax::DefinitionKind::Fragment && d->name.text == name)
			return static_cast<const syntax::FragmentDefinition *>(d);
	return nullptr;
}

bool
FieldCollector::flag(const syntax::Directive &d, bool &value) const
{
	for (const syntax::Argument &a : d.arguments) {
		if (a.name.text != "if" || !a.value)
			continue;
		if (a.value->kind == syntax::ValueKind::Boolean) {
			value = a.value->boolean;
			return true;
		}
		if (a.value->kind == syntax::ValueKind::Variable) {
			if (on_variable_)
				on_variable_(a.value->text);
			const coerce::InputValue *v = variables_.find(a.value->text);
			value = v && v->is_true();
			return true;
		}
	}
	return false;
}

bool
FieldCollector::included(const util::Span<syntax::Directive> &directives) const
{
	for (const syntax::Directive &d : directives) {
		bool value = false;
		if (d.name.text == "skip" && flag(d, value) && value)
			return false;
		if (d.name.text == "include" && flag(d, value) && !value)
			return false;
	}
	return true;
}

bool
FieldCollector::applies(const schema::TypeDef &type, std::string_view condition) const
{
	if (condition.empty() || condition == type.name)
		return true;
	const schema::TypeDef *cond = schema_.find_type(condition);
	if (!cond)
		return false;
	if (cond->kind == schema::TypeKind::Interface)
		return std::find(type.interfaces.begin(), type.interfaces.end(), cond) != type.interfaces.end();
	if (cond->kind == schema::TypeKind::Union)
		return std::find(cond->members.begin(), cond->members.end(), &type) != cond->members.end();
	return false;
}

void
FieldCollector::collect_into(const schema::TypeDef &type, const syntax::SelectionSet &set,
                             std::vector<FieldGroup> &groups, std::vector<std::string_view> &visited) const
{
	for (const syntax::Selection *sel : set.selections) {
		if (!included(sel->directives))
			continue;
		switch (sel->kind) {
		case syntax::SelectionKind::Field: {
			const auto *field = static_cast<const syntax::Field *>(sel);
			std::string_view key = field->response_key();
			auto it = std::find_if(groups.begin(), groups.end(), [key](const FieldGroup &g) { return g.response_key == key; });
			if (it == groups.end())
				groups.push_back({key, {field}});
			else
				it->fields.push_back(field);
			break;
		}
		case syntax::SelectionKind::FragmentSpread: {
			const auto *spread = static_cast<const syntax::FragmentSpread *>(sel);
			if (std::find(visited.begin(), visited.end(), spread->name.text) != visited.end())
				break;
			visited.push_back(spread->name.text);
			const syntax::FragmentDefinition *frag = fragment(spread->name.text);
			if (frag && frag->selection_set && applies(type, frag->type_condition.text))
				collect_into(type, *frag->selection_set, groups, visited);
			break;
		}
		case syntax::SelectionKind::InlineFragment: {
			const auto *inline_fragment = static_cast<const syntax::InlineFragment *>(sel);
			if (inline_fragment->selection_set && applies(type, inline_fragment->type_condition.text))
				collect_into(type, *inline_fragment->selection_set, groups, visited);
			break;
		}
		}
	}
}

std::vector<FieldGroup>
FieldCollector::collect(const schema::TypeDef &type, const std::vector<const syntax::SelectionSet *> &sets) const
{
	std::vector<FieldGroup> groups;
	std::vector<std::string_view> visited;
	for (const syntax::SelectionSet *set : sets)
		if (set)
			collect_into(type, *set, groups, visited);
	return groups;
}

} // namespace fraiseql::compile
