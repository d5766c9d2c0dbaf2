// operations.cc: ExecutableDefinitions, KnownOperationTypes, UniqueOperationNames,
// LoneAnonymousOperation.
#include <string>
#include <unordered_map>

#include "core/validation/rules/rules.h"

namespace fraiseql::validation::rules {

namespace {

class ExecutableDefinitions : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind != NodeKind::Document)
			return true;
		for (const syntax::Definition *d : node.as<syntax::Document>().definitions) {
			if (d->kind == syntax::DefinitionKind::Operation || d->kind == syntax::DefinitionKind::Fragment)
				continue;
			std::string name = d->kind == syntax::DefinitionKind::Schema ? "schema" : "\"" + std::string(d->name.text) + "\"";
			ctx_.report("The " + name + " definition is not executable.", {d->loc});
		}
		return false;
	}
};

const char *
operation_word(syntax::OperationType t)
{
	switch (t) {
	case syntax::OperationType::Query: return "query";
	case syntax::OperationType::Mutation: return "mutation";
	case syntax::OperationType::Subscription: return "subscription";
	}
	return "query";
}

class KnownOperationTypes : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind == NodeKind::OperationDefinition) {
			const auto &op = node.as<syntax::OperationDefinition>();
			if (!ctx_.schema().root_type(op.operation))
				ctx_.report(std::string("The ") + operation_word(op.operation) + " operation is not supported by the schema.",
				            {op.loc});
		}
		return true;
	}
};

class UniqueOperationNames : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind == NodeKind::FragmentDefinition)
			return false;
		if (node.kind != NodeKind::OperationDefinition)
			return true;
		const auto &op = node.as<syntax::OperationDefinition>();
		if (op.name.present()) {
			auto it = known_.find(op.name.text);
			if (it != known_.end())
				ctx_.report("There can be only one operation named \"" + std::string(op.name.text) + "\".",
				            {it->second, op.name.loc});
			else
				known_.emplace(op.name.text, op.name.loc);
		}
		return false;
	}

private:
	std::unordered_map<std::string_view, syntax::Loc> known_;
};

class LoneAnonymousOperation : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind == NodeKind::Document) {
			count_ = 0;
			for (const syntax::Definition *d : node.as<syntax::Document>().definitions)
				if (d->kind == syntax::DefinitionKind::Operation)
					count_++;
		} else if (node.kind == NodeKind::OperationDefinition) {
			const auto &op = node.as<syntax::OperationDefinition>();
			if (!op.name.present() && count_ > 1)
				ctx_.report("This anonymous operation must be the only defined operation.", {op.loc});
		}
		return true;
	}

private:
	size_t count_ = 0;
};

} // namespace

std::unique_ptr<Rule> executable_definitions(Context &c) { return std::make_unique<ExecutableDefinitions>(c); }
std::unique_ptr<Rule> known_operation_types(Context &c) { return std::make_unique<KnownOperationTypes>(c); }
std::unique_ptr<Rule> unique_operation_names(Context &c) { return std::make_unique<UniqueOperationNames>(c); }
std::unique_ptr<Rule> lone_anonymous_operation(Context &c) { return std::make_unique<LoneAnonymousOperation>(c); }

} // namespace fraiseql::validation::rules
