// introspection.cc: MaxIntrospectionDepth, and the optional NoSchemaIntrospectionCustomRule
// and NoDeprecatedCustomRule.
#include <string>
#include <unordered_map>

#include "core/validation/rules/rules.h"

namespace fraiseql::validation::rules {

namespace {

constexpr int MAX_LISTS_DEPTH = 3;

bool
is_list_field(std::string_view name)
{
	return name == "fields" || name == "interfaces" || name == "possibleTypes" || name == "inputFields";
}

// graphql-js checkDepth with an explicit stack; fragments remember the depth
// they were checked (or found too deep) at, across the whole document.
class MaxIntrospectionDepth : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind != NodeKind::Field)
			return true;
		const auto &f = node.as<syntax::Field>();
		if (f.name.text != "__schema" && f.name.text != "__type")
			return true;
		if (too_deep(f)) {
			ctx_.report("Maximum introspection depth exceeded", {f.loc});
			return false;
		}
		return true;
	}

private:
	struct Frame {
		const syntax::SelectionSet *set;
		uint32_t index;
		int depth;
		std::string_view fragment; // set when this frame is a fragment's body
	};
	std::unordered_map<std::string_view, int> checked_, exceeded_;

	bool
	too_deep(const syntax::Field &root)
	{
		std::unordered_map<std::string_view, int> visited;
		std::vector<Frame> stack;
		if (root.selection_set)
			stack.push_back({root.selection_set, 0, 0, {}});
		while (!stack.empty()) {
			Frame &top = stack.back();
			if (top.index >= top.set->selections.size()) {
				if (!top.fragment.empty())
					checked_[top.fragment] = top.depth;
				stack.pop_back();
				continue;
			}
			const syntax::Selection &sel = *top.set->selections[top.index++];
			int depth = top.depth;
			bool exceeded = false;
			if (sel.kind == syntax::SelectionKind::FragmentSpread) {
				std::string_view name = static_cast<const syntax::FragmentSpread &>(sel).name.text;
				auto ex = exceeded_.find(name);
				if (ex != exceeded_.end() && ex->second <= depth) {
					exceeded = true;
				} else {
					auto vi = visited.find(name);
					auto ch = checked_.find(name);
					if ((vi != visited.end() && vi->second >= depth) || (ch != checked_.end() && ch->second >= depth))
						continue;
					const syntax::FragmentDefinition *frag = ctx_.fragment(name);
					if (!frag || !frag->selection_set)
						continue;
					visited[name] = depth;
					stack.push_back({frag->selection_set, 0, depth, name});
					continue;
				}
			} else if (sel.kind == syntax::SelectionKind::Field) {
				const auto &f = static_cast<const syntax::Field &>(sel);
				if (is_list_field(f.name.text) && ++depth >= MAX_LISTS_DEPTH)
					exceeded = true;
				else if (f.selection_set)
					stack.push_back({f.selection_set, 0, depth, {}});
			} else if (const syntax::SelectionSet *sub = static_cast<const syntax::InlineFragment &>(sel).selection_set) {
				stack.push_back({sub, 0, depth, {}});
			}
			if (exceeded) {
				for (const Frame &f : stack)
					if (!f.fragment.empty())
						exceeded_[f.fragment] = f.depth;
				return true;
			}
		}
		return false;
	}
};

bool
is_introspection_type(const schema::TypeDef *t)
{
	static constexpr std::string_view names[] = {"__Schema", "__Directive", "__DirectiveLocation", "__Type",
	                                             "__Field", "__InputValue", "__EnumValue", "__TypeKind"};
	if (!t || !t->builtin)
		return false;
	for (std::string_view n : names)
		if (t->name == n)
			return true;
	return false;
}

class NoSchemaIntrospection : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind == NodeKind::Field && is_introspection_type(ctx_.type_info().type().named))
			ctx_.report("GraphQL introspection has been disabled, but the requested query contained the field \"" +
			                std::string(node.as<syntax::Field>().name.text) + "\".",
			            {node.as<syntax::Field>().loc});
		return true;
	}
};

class NoDeprecated : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		const TypeInfo &ti = ctx_.type_info();
		switch (node.kind) {
		case NodeKind::Field: {
			const schema::FieldDef *f = ti.field_def();
			if (f && f->deprecated)
				ctx_.report("The field " + parent_name() + "." + f->name + " is deprecated. " + f->deprecation_reason,
				            {node.as<syntax::Field>().loc});
			break;
		}
		case NodeKind::Argument: {
			const schema::InputValueDef *a = ti.argument();
			if (!a || !a->deprecated)
				break;
			std::string owner = ti.directive() ? "@" + ti.directive()->name
			                                   : parent_name() + "." + (ti.field_def() ? ti.field_def()->name : "");
			ctx_.report("The argument \"" + owner + "(" + a->name + ":)\" is deprecated. " + a->deprecation_reason,
			            {node.as<syntax::Argument>().loc});
			break;
		}
		case NodeKind::ObjectField: {
			const schema::TypeDef *t = ti.parent_input_type().named;
			if (!t || t->kind != schema::TypeKind::InputObject)
				break;
			const schema::InputValueDef *f = t->find_input_field(node.as<syntax::ObjectField>().name.text);
			if (f && f->deprecated)
				ctx_.report("The input field " + t->name + "." + f->name + " is deprecated. " + f->deprecation_reason,
				            {node.as<syntax::ObjectField>().loc});
			break;
		}
		case NodeKind::Value: {
			const schema::EnumValueDef *e = ti.enum_value();
			if (node.as<syntax::Value>().kind == syntax::ValueKind::Enum && e && e->deprecated)
				ctx_.report("The enum value \"" + ti.input_type().named->name + "." + e->name + "\" is deprecated. " +
				                e->deprecation_reason,
				            {node.as<syntax::Value>().loc});
			break;
		}
		default:
			break;
		}
		return true;
	}

private:
	std::string
	parent_name() const
	{
		const schema::TypeDef *p = ctx_.type_info().parent_type();
		return p ? p->name : "undefined";
	}
};

} // namespace

std::unique_ptr<Rule> max_introspection_depth(Context &c) { return std::make_unique<MaxIntrospectionDepth>(c); }
std::unique_ptr<Rule> no_schema_introspection(Context &c) { return std::make_unique<NoSchemaIntrospection>(c); }
std::unique_ptr<Rule> no_deprecated(Context &c) { return std::make_unique<NoDeprecated>(c); }

} // namespace fraiseql::validation::rules
