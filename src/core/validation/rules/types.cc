// types.cc: KnownTypeNames, FragmentsOnCompositeTypes, VariablesAreInputTypes,
// ScalarLeafs, FieldsOnCorrectType, PossibleFragmentSpreads.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/syntax/printer.h"
#include "core/validation/rules/rules.h"
#include "core/validation/suggestions.h"

namespace fraiseql::validation::rules {

namespace {

using schema::TypeDef;
using schema::TypeKind;

bool
is_sdl_node(const Node &n)
{
	return n.kind == NodeKind::SchemaDefinition || n.kind == NodeKind::TypeDefinition ||
	       n.kind == NodeKind::DirectiveDefinition;
}

constexpr std::string_view STANDARD_TYPE_NAMES[] = {
    "String", "Int", "Float", "Boolean", "ID", "__Schema", "__Directive", "__DirectiveLocation",
    "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind",
};

class KnownTypeNames : public Rule {
public:
	explicit KnownTypeNames(Context &c) : Rule(c)
	{
		for (const syntax::Definition *d : c.document().definitions)
			if (d->kind != syntax::DefinitionKind::Operation && d->kind != syntax::DefinitionKind::Fragment &&
			    d->kind != syntax::DefinitionKind::Schema && d->kind != syntax::DefinitionKind::Directive &&
			    !d->is_extension)
				defined_.insert(d->name.text);
	}

	bool
	enter(const Node &node) override
	{
		if (node.kind != NodeKind::NamedType)
			return true;
		const auto &name = node.as<syntax::Name>();
		if (ctx_.schema().find_type(name.text) || defined_.count(name.text))
			return true;
		const std::vector<Node> &anc = ctx_.ancestors();
		bool sdl = false;
		if (anc.size() >= 2)
			sdl = is_sdl_node(anc[1]);
		else if (!anc.empty())
			sdl = is_sdl_node(anc.back());
		bool standard = std::find(std::begin(STANDARD_TYPE_NAMES), std::end(STANDARD_TYPE_NAMES), name.text) !=
		                std::end(STANDARD_TYPE_NAMES);
		if (sdl && standard)
			return true;
		std::vector<std::string> suggestions;
		if (!ctx_.hide_suggestions()) {
			std::vector<std::string_view> options;
			if (sdl)
				options.assign(std::begin(STANDARD_TYPE_NAMES), std::end(STANDARD_TYPE_NAMES));
			for (const auto &t : ctx_.schema().types())
				options.push_back(t->name);
			for (const syntax::Definition *d : ctx_.document().definitions)
				if (defined_.count(d->name.text) && d->kind != syntax::DefinitionKind::Operation &&
				    d->kind != syntax::DefinitionKind::Fragment)
					options.push_back(d->name.text);
			suggestions = suggestion_list(name.text, options);
		}
		ctx_.report("Unknown type \"" + std::string(name.text) + "\"." + did_you_mean(suggestions), {name.loc});
		return true;
	}

private:
	std::unordered_set<std::string_view> defined_;
};

class FragmentsOnCompositeTypes : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind == NodeKind::InlineFragment) {
			const syntax::Name &cond = node.as<syntax::InlineFragment>().type_condition;
			if (!cond.present())
				return true;
			const TypeDef *t = ctx_.schema().find_type(cond.text);
			if (t && !t->is_composite())
				ctx_.report("Fragment cannot condition on non composite type \"" + std::string(cond.text) + "\".",
				            {cond.loc});
		} else if (node.kind == NodeKind::FragmentDefinition) {
			const auto &frag = node.as<syntax::FragmentDefinition>();
			const TypeDef *t = ctx_.schema().find_type(frag.type_condition.text);
			if (t && !t->is_composite())
				ctx_.report("Fragment \"" + std::string(frag.name.text) + "\" cannot condition on non composite type \"" +
				                std::string(frag.type_condition.text) + "\".",
				            {frag.type_condition.loc});
		}
		return true;
	}
};

class VariablesAreInputTypes : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind != NodeKind::VariableDefinition)
			return true;
		const auto &v = node.as<syntax::VariableDefinition>();
		schema::TypeExpr t = type_from_ast(ctx_.schema(), v.type);
		if (t.named && !t.named->is_input())
			ctx_.report("Variable \"$" + std::string(v.variable.text) + "\" cannot be non-input type \"" +
			                syntax::print(*v.type) + "\".",
			            {v.type->loc});
		return true;
	}
};

class ScalarLeafs : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind != NodeKind::Field)
			return true;
		const auto &f = node.as<syntax::Field>();
		schema::TypeExpr t = ctx_.type_info().type();
		if (!t.named)
			return true;
		std::string name(f.name.text);
		if (t.named->is_leaf()) {
			if (f.selection_set)
				ctx_.report("Field \"" + name + "\" must not have a selection since type \"" + t.print() +
				                "\" has no subfields.",
				            {f.selection_set->loc});
		} else if (!f.selection_set) {
			ctx_.report("Field \"" + name + "\" of type \"" + t.print() +
			                "\" must have a selection of subfields. Did you mean \"" + name + " { ... }\"?",
			            {f.loc});
		}
		return true;
	}
};

class FieldsOnCorrectType : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind != NodeKind::Field)
			return true;
		const TypeDef *parent = ctx_.type_info().parent_type();
		if (!parent || ctx_.type_info().field_def())
			return true;
		const auto &f = node.as<syntax::Field>();
		std::string suggestion;
		if (!ctx_.hide_suggestions()) {
			suggestion = did_you_mean("to use an inline fragment on", suggested_types(*parent, f.name.text));
			if (suggestion.empty() && (parent->kind == TypeKind::Object || parent->kind == TypeKind::Interface)) {
				std::vector<std::string_view> names;
				for (const schema::FieldDef &fd : parent->fields)
					names.push_back(fd.name);
				suggestion = did_you_mean(suggestion_list(f.name.text, names));
			}
		}
		ctx_.report("Cannot query field \"" + std::string(f.name.text) + "\" on type \"" + parent->name + "\"." + suggestion,
		            {f.loc});
		return true;
	}

private:
	std::vector<std::string>
	suggested_types(const TypeDef &type, std::string_view field) const
	{
		std::vector<std::string> out;
		if (!type.is_abstract())
			return out;
		const schema::Schema &s = ctx_.schema();
		std::vector<const TypeDef *> suggested;
		std::unordered_map<const TypeDef *, int> usage;
		auto add = [&](const TypeDef *t) {
			if (!usage.count(t))
				suggested.push_back(t);
		};
		for (const TypeDef *possible : s.possible_types(type)) {
			if (!possible->find_field(field))
				continue;
			add(possible);
			usage[possible] = 1;
			for (const TypeDef *i : possible->interfaces) {
				if (!i->find_field(field))
					continue;
				add(i);
				usage[i]++;
			}
		}
		js_sort(suggested, [&](const TypeDef *a, const TypeDef *b) {
			int diff = usage[b] - usage[a];
			if (diff != 0)
				return diff;
			if (a->kind == TypeKind::Interface && s.is_sub_type(*a, *b))
				return -1;
			if (b->kind == TypeKind::Interface && s.is_sub_type(*b, *a))
				return 1;
			return natural_compare(a->name, b->name);
		});
		for (const TypeDef *t : suggested)
			out.push_back(t->name);
		return out;
	}
};

class PossibleFragmentSpreads : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		const schema::Schema &s = ctx_.schema();
		if (node.kind == NodeKind::InlineFragment) {
			const TypeDef *frag = composite(ctx_.type_info().type());
			const TypeDef *parent = ctx_.type_info().parent_type();
			if (frag && parent && !s.types_overlap(*frag, *parent))
				ctx_.report("Fragment cannot be spread here as objects of type \"" + parent->name +
				                "\" can never be of type \"" + frag->name + "\".",
				            {node.as<syntax::InlineFragment>().loc});
		} else if (node.kind == NodeKind::FragmentSpread) {
			const auto &spread = node.as<syntax::FragmentSpread>();
			const syntax::FragmentDefinition *def = ctx_.fragment(spread.name.text);
			const TypeDef *frag = def ? s.find_type(def->type_condition.text) : nullptr;
			if (frag && !frag->is_composite())
				frag = nullptr;
			const TypeDef *parent = ctx_.type_info().parent_type();
			if (frag && parent && !s.types_overlap(*frag, *parent))
				ctx_.report("Fragment \"" + std::string(spread.name.text) + "\" cannot be spread here as objects of type \"" +
				                parent->name + "\" can never be of type \"" + frag->name + "\".",
				            {spread.loc});
		}
		return true;
	}
};

} // namespace

std::unique_ptr<Rule> known_type_names(Context &c) { return std::make_unique<KnownTypeNames>(c); }
std::unique_ptr<Rule> fragments_on_composite_types(Context &c) { return std::make_unique<FragmentsOnCompositeTypes>(c); }
std::unique_ptr<Rule> variables_are_input_types(Context &c) { return std::make_unique<VariablesAreInputTypes>(c); }
std::unique_ptr<Rule> scalar_leafs(Context &c) { return std::make_unique<ScalarLeafs>(c); }
std::unique_ptr<Rule> fields_on_correct_type(Context &c) { return std::make_unique<FieldsOnCorrectType>(c); }
std::unique_ptr<Rule> possible_fragment_spreads(Context &c) { return std::make_unique<PossibleFragmentSpreads>(c); }

} // namespace fraiseql::validation::rules
