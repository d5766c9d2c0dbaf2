// context.cc: error limits, fragment lookups and variable usages for the rules.
#include "core/validation/context.h"

#include <unordered_set>

#include "core/validation/walker.h"

namespace fraiseql::validation {

Context::Context(const schema::Schema &schema, const syntax::Document &document, const ValidateOptions &options)
    : schema_(schema), document_(document), options_(options), type_info_(schema, fragments_)
{
	for (const syntax::Definition *d : document.definitions)
		if (d->kind == syntax::DefinitionKind::Fragment)
			fragments_[d->name.text] = static_cast<const syntax::FragmentDefinition *>(d);
}

void
Context::report(std::string message, const std::vector<syntax::Loc> &locations)
{
	if (stopped_)
		return;
	if (options_.max_errors > 0 && errors_.size() >= options_.max_errors) {
		errors_.push_back(make_error(ErrorCode::ValidationFailed,
		                             "Too many validation errors, error limit reached. Validation aborted."));
		stopped_ = true;
		return;
	}
	GraphQLError e = make_error(ErrorCode::ValidationFailed, std::move(message));
	for (const syntax::Loc &l : locations)
		e.locations.push_back({l.line, l.column});
	errors_.push_back(std::move(e));
}

void
Context::report(std::string message, std::initializer_list<syntax::Loc> locations)
{
	report(std::move(message), std::vector<syntax::Loc>(locations));
}

void
Context::abort()
{
	if (stopped_)
		return;
	errors_.push_back(make_error(ErrorCode::ValidationFailed, "Validation aborted."));
	stopped_ = true;
}

bool
Context::spend_fragment_work(size_t cost)
{
	fragment_work_ -= static_cast<int64_t>(cost);
	if (fragment_work_ < 0) {
		abort();
		return false;
	}
	return !stopped_;
}

const syntax::FragmentDefinition *
Context::fragment(std::string_view name) const
{
	auto it = fragments_.find(name);
	return it == fragments_.end() ? nullptr : it->second;
}

const std::vector<const syntax::FragmentSpread *> &
Context::fragment_spreads(const syntax::SelectionSet *set)
{
	auto it = spreads_.find(set);
	if (it != spreads_.end())
		return it->second;
	std::vector<const syntax::FragmentSpread *> spreads;
	std::vector<const syntax::SelectionSet *> to_visit;
	if (set)
		to_visit.push_back(set);
	while (!to_visit.empty()) {
		const syntax::SelectionSet *s = to_visit.back();
		to_visit.pop_back();
		for (const syntax::Selection *sel : s->selections) {
			if (sel->kind == syntax::SelectionKind::FragmentSpread)
				spreads.push_back(static_cast<const syntax::FragmentSpread *>(sel));
			else if (sel->kind == syntax::SelectionKind::Field) {
				if (const syntax::SelectionSet *sub = static_cast<const syntax::Field *>(sel)->selection_set)
					to_visit.push_back(sub);
			} else if (const syntax::SelectionSet *sub = static_cast<const syntax::InlineFragment *>(sel)->selection_set) {
				to_visit.push_back(sub);
			}
		}
	}
	return spreads_.emplace(set, std::move(spreads)).first->second;
}

std::vector<const syntax::FragmentDefinition *>
Context::recursively_referenced_fragments(const std::vector<const syntax::OperationDefinition *> &operations)
{
	std::vector<std::string_view> names;
	std::unordered_set<std::string_view> seen;
	for (const syntax::OperationDefinition *op : operations)
		for (const syntax::FragmentSpread *s : fragment_spreads(op->selection_set))
			if (seen.insert(s->name.text).second)
				names.push_back(s->name.text);
	std::vector<const syntax::FragmentDefinition *> out;
	if (!spend_fragment_work(names.size()))
		return out;
	for (size_t i = 0; i < names.size(); i++) {
		const syntax::FragmentDefinition *frag = fragment(names[i]);
		if (!frag)
			continue;
		out.push_back(frag);
		const auto &spreads = fragment_spreads(frag->selection_set);
		if (!spend_fragment_work(spreads.size()))
			return out;
		for (const syntax::FragmentSpread *s : spreads)
			if (seen.insert(s->name.text).second)
				names.push_back(s->name.text);
	}
	return out;
}

namespace {

// Collects variable usages with their expected types (a second walk with its own TypeInfo).
class UsageCollector : public Visitor {
public:
	UsageCollector(TypeInfo &type_info, const syntax::FragmentDefinition *fragment, std::vector<VariableUsage> &out)
	    : type_info_(type_info), fragment_(fragment), out_(out)
	{
	}
	bool
	enter(const Node &node) override
	{
		if (node.kind == NodeKind::VariableDefinition)
			return false;
		if (node.kind == NodeKind::Value && node.as<syntax::Value>().kind == syntax::ValueKind::Variable) {
			const syntax::Value &v = node.as<syntax::Value>();
			const syntax::VariableDefinition *fragment_variable = nullptr;
			if (fragment_) {
				if (const syntax::FragmentDefinition *sig = type_info_.fragment_by_name(fragment_->name.text))
					for (const syntax::VariableDefinition &d : sig->variables)
						if (d.variable.text == v.text) {
							fragment_variable = &d;
							break;
						}
			}
			out_.push_back({&v, type_info_.input_type(), type_info_.parent_input_type(), type_info_.has_default_value(),
			                fragment_variable});
		}
		return true;
	}
	void leave(const Node &) override {}

private:
	TypeInfo &type_info_;
	const syntax::FragmentDefinition *fragment_;
	std::vector<VariableUsage> &out_;
};

} // namespace

const std::vector<VariableUsage> &
Context::variable_usages(const syntax::Definition &definition)
{
	auto it = usages_.find(&definition);
	if (it != usages_.end())
		return it->second;
	std::vector<VariableUsage> usages;
	TypeInfo info(schema_, fragments_);
	const syntax::FragmentDefinition *fragment = definition.kind == syntax::DefinitionKind::Fragment
	                                                 ? static_cast<const syntax::FragmentDefinition *>(&definition)
	                                                 : nullptr;
	UsageCollector collector(info, fragment, usages);
	bool never = false;
	Walker(info, collector, nullptr, &never).definition(definition);
	return usages_.emplace(&definition, std::move(usages)).first->second;
}

const std::vector<VariableUsage> &
Context::recursive_variable_usages(const syntax::OperationDefinition &operation)
{
	auto it = recursive_usages_.find(&operation);
	if (it != recursive_usages_.end())
		return it->second;
	std::vector<VariableUsage> usages = variable_usages(operation);
	std::vector<const syntax::FragmentDefinition *> fragments = recursively_referenced_fragments({&operation});
	spend_fragment_work(fragments.size());
	for (const syntax::FragmentDefinition *frag : fragments) {
		const std::vector<VariableUsage> &local = variable_usages(*frag);
		if (!spend_fragment_work(local.size()))
			break;
		usages.insert(usages.end(), local.begin(), local.end());
	}
	return recursive_usages_.emplace(&operation, std::move(usages)).first->second;
}

} // namespace fraiseql::validation
