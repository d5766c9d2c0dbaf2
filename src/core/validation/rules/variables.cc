// variables.cc: UniqueVariableNames, NoUndefinedVariables, NoUnusedVariables,
// VariablesInAllowedPosition.
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/validation/rules/rules.h"

namespace fraiseql::validation::rules {

namespace {

using schema::TypeExpr;

class UniqueVariableNames : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind != NodeKind::OperationDefinition)
			return true;
		const auto &op = node.as<syntax::OperationDefinition>();
		std::vector<std::string_view> order;
		std::unordered_map<std::string_view, std::vector<syntax::Loc>> groups;
		for (const syntax::VariableDefinition &v : op.variables) {
			auto &g = groups[v.variable.text];
			if (g.empty())
				order.push_back(v.variable.text);
			g.push_back(v.variable.loc);
		}
		for (std::string_view name : order)
			if (groups[name].size() > 1)
				ctx_.report("There can be only one variable named \"$" + std::string(name) + "\".", groups[name]);
		return true;
	}
};

class NoUndefinedVariables : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind != NodeKind::OperationDefinition)
			return true;
		const auto &op = node.as<syntax::OperationDefinition>();
		std::unordered_set<std::string_view> defined;
		for (const syntax::VariableDefinition &v : op.variables)
			defined.insert(v.variable.text);
		for (const VariableUsage &u : ctx_.recursive_variable_usages(op)) {
			if (u.fragment_variable || defined.count(u.node->text))
				continue;
			std::string name(u.node->text);
			ctx_.report(op.name.present() ? "Variable \"$" + name + "\" is not defined by operation \"" +
			                                    std::string(op.name.text) + "\"."
			                              : "Variable \"$" + name + "\" is not defined.",
			            {u.node->loc, op.loc});
		}
		return true;
	}
};

class NoUnusedVariables : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind == NodeKind::FragmentDefinition) {
			const auto &frag = node.as<syntax::FragmentDefinition>();
			std::unordered_set<std::string_view> used;
			for (const VariableUsage &u : ctx_.variable_usages(frag))
				used.insert(u.node->text);
			for (const syntax::VariableDefinition &v : frag.variables)
				if (!used.count(v.variable.text))
					ctx_.report("Variable \"$" + std::string(v.variable.text) + "\" is never used in fragment \"" +
					                std::string(frag.name.text) + "\".",
					            {v.loc});
		} else if (node.kind == NodeKind::OperationDefinition) {
			const auto &op = node.as<syntax::OperationDefinition>();
			std::unordered_set<std::string_view> used;
			for (const VariableUsage &u : ctx_.recursive_variable_usages(op))
				if (!u.fragment_variable)
					used.insert(u.node->text);
			for (const syntax::VariableDefinition &v : op.variables) {
				if (used.count(v.variable.text))
					continue;
				std::string name(v.variable.text);
				ctx_.report(op.name.present() ? "Variable \"$" + name + "\" is never used in operation \"" +
				                                    std::string(op.name.text) + "\"."
				                              : "Variable \"$" + name + "\" is never used.",
				            {v.loc});
			}
		}
		return true;
	}
};

class VariablesInAllowedPosition : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind == NodeKind::OperationDefinition) {
			definitions_.clear();
			for (const syntax::VariableDefinition &v : node.as<syntax::OperationDefinition>().variables)
				definitions_[v.variable.text] = &v;
		}
		return true;
	}

	void
	leave(const Node &node) override
	{
		if (node.kind != NodeKind::OperationDefinition)
			return;
		const schema::Schema &s = ctx_.schema();
		for (const VariableUsage &u : ctx_.recursive_variable_usages(node.as<syntax::OperationDefinition>())) {
			const syntax::VariableDefinition *def = u.fragment_variable;
			if (!def) {
				auto it = definitions_.find(u.node->text);
				def = it == definitions_.end() ? nullptr : it->second;
			}
			if (!def || !u.type.named)
				continue;
			TypeExpr var_type = type_from_ast(s, def->type);
			if (!var_type.named)
				continue;
			std::string name(u.node->text);
			if (!allowed(var_type, def->default_value, u.type, u.has_default))
				ctx_.report("Variable \"$" + name + "\" of type \"" + var_type.print() +
				                "\" used in position expecting type \"" + u.type.print() + "\".",
				            {def->loc, u.node->loc});
			const schema::TypeDef *parent = u.parent_type.named;
			if (parent && !u.parent_type.is_list() && parent->kind == schema::TypeKind::InputObject && parent->one_of &&
			    !var_type.is_non_null())
				ctx_.report("Variable \"$" + name + "\" is of type \"" + var_type.print() +
				                "\" but must be non-nullable to be used for OneOf Input Object \"" + parent->name + "\".",
				            {def->loc, u.node->loc});
		}
	}

private:
	std::unordered_map<std::string_view, const syntax::VariableDefinition *> definitions_;

	bool
	allowed(const TypeExpr &var_type, const syntax::Value *var_default, const TypeExpr &location, bool location_default) const
	{
		if (location.is_non_null() && !var_type.is_non_null()) {
			bool non_null_default = var_default && var_default->kind != syntax::ValueKind::Null;
			if (!non_null_default && !location_default)
				return false;
			return ctx_.schema().is_type_sub_type_of(var_type, location.nullable());
		}
		return ctx_.schema().is_type_sub_type_of(var_type, location);
	}
};

} // namespace

std::unique_ptr<Rule> unique_variable_names(Context &c) { return std::make_unique<UniqueVariableNames>(c); }
std::unique_ptr<Rule> no_undefined_variables(Context &c) { return std::make_unique<NoUndefinedVariables>(c); }
std::unique_ptr<Rule> no_unused_variables(Context &c) { return std::make_unique<NoUnusedVariables>(c); }
std::unique_ptr<Rule> variables_in_allowed_position(Context &c) { return std::make_unique<VariablesInAllowedPosition>(c); }

} // namespace fraiseql::validation::rules
