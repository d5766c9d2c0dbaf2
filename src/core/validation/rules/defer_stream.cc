// defer_stream.cc: DeferStreamDirectiveOnRootField, DeferStreamDirectiveOnValidOperations,
// DeferStreamDirectiveLabel, StreamDirectiveOnListField. The walks through
// fragments use explicit stacks and visit each fragment once per operation.
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/validation/rules/rules.h"

namespace fraiseql::validation::rules {

namespace {

const syntax::Directive *
find_directive(const util::Span<syntax::Directive> &list, std::string_view name)
{
	for (const syntax::Directive &d : list)
		if (d.name.text == name)
			return &d;
	return nullptr;
}

const syntax::Value *
if_argument(const syntax::Directive &d)
{
	for (const syntax::Argument &a : d.arguments)
		if (a.name.text == "if")
			return a.value;
	return nullptr;
}

const syntax::SelectionSet *
sub_selection(const syntax::Selection &sel)
{
	if (sel.kind == syntax::SelectionKind::Field)
		return static_cast<const syntax::Field &>(sel).selection_set;
	if (sel.kind == syntax::SelectionKind::InlineFragment)
		return static_cast<const syntax::InlineFragment &>(sel).selection_set;
	return nullptr;
}

class DeferStreamOnRootField : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind != NodeKind::OperationDefinition)
			return true;
		const auto &op = node.as<syntax::OperationDefinition>();
		if (op.operation == syntax::OperationType::Query)
			return true;
		const schema::TypeDef *root = ctx_.schema().root_type(op.operation);
		if (!root)
			return true;
		std::string where = std::string(op.operation == syntax::OperationType::Mutation ? "mutation" : "subscription") +
		                    " type \"" + root->name + "\".";
		std::unordered_set<std::string_view> visited;
		bool valid = true;
		std::vector<std::pair<const syntax::SelectionSet *, uint32_t>> stack{{op.selection_set, 0}};
		while (!stack.empty()) {
			auto &[set, index] = stack.back();
			if (!set || index >= set->selections.size()) {
				stack.pop_back();
				continue;
			}
			const syntax::Selection &sel = *set->selections[index++];
			if (sel.kind == syntax::SelectionKind::Field) {
				if (const syntax::Directive *stream = find_directive(sel.directives, "stream")) {
					valid = false;
					ctx_.report("Stream directive cannot be used on root " + where, {stream->loc});
				}
			} else if (sel.kind == syntax::SelectionKind::FragmentSpread) {
				std::string_view name = static_cast<const syntax::FragmentSpread &>(sel).name.text;
				if (!visited.insert(name).second)
					continue;
				const syntax::FragmentDefinition *frag = ctx_.fragment(name);
				if (!frag)
					continue;
				if (const syntax::Directive *defer = find_directive(sel.directives, "defer")) {
					valid = false;
					ctx_.report("Defer directive cannot be used on root " + where, {defer->loc});
				}
				if (!checked_.count(name))
					stack.push_back({frag->selection_set, 0});
			} else {
				if (const syntax::Directive *defer = find_directive(sel.directives, "defer")) {
					valid = false;
					ctx_.report("Defer directive cannot be used on root " + where, {defer->loc});
				}
				stack.push_back({sub_selection(sel), 0});
			}
		}
		if (valid)
			checked_.insert(visited.begin(), visited.end());
		return true;
	}

private:
	std::unordered_set<std::string_view> checked_;
};

// graphql-js: an "if" that is absent, true or anything but false/a variable cannot be false.
bool
if_can_be_false(const syntax::Directive &d)
{
	const syntax::Value *v = if_argument(d);
	if (!v)
		return false;
	if (v->kind == syntax::ValueKind::Boolean)
		return !v->boolean;
	return v->kind == syntax::ValueKind::Variable;
}

bool
skippable_by_skip(const syntax::Directive &d)
{
	const syntax::Value *v = if_argument(d);
	if (!v)
		return true;
	if (v->kind == syntax::ValueKind::Boolean)
		return v->boolean;
	return true;
}

bool
skippable_by_include(const syntax::Directive &d)
{
	const syntax::Value *v = if_argument(d);
	if (!v)
		return false;
	if (v->kind == syntax::ValueKind::Boolean)
		return !v->boolean;
	return true;
}

class DeferStreamOnValidOperations : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind != NodeKind::OperationDefinition)
			return true;
		const auto &op = node.as<syntax::OperationDefinition>();
		if (op.operation != syntax::OperationType::Subscription)
			return true;
		std::unordered_set<std::string_view> visited;
		bool valid = true;
		struct Frame {
			const syntax::SelectionSet *set;
			uint32_t index;
			bool pushed_parent;
		};
		std::vector<const syntax::FragmentSpread *> parents;
		std::vector<Frame> stack{{op.selection_set, 0, false}};
		while (!stack.empty()) {
			Frame &top = stack.back();
			if (!top.set || top.index >= top.set->selections.size()) {
				if (top.pushed_parent)
					parents.pop_back();
				stack.pop_back();
				continue;
			}
			const syntax::Selection &sel = *top.set->selections[top.index++];
			const syntax::Directive *skip = find_directive(sel.directives, "skip");
			if (skip && skippable_by_skip(*skip))
				continue;
			const syntax::Directive *include = find_directive(sel.directives, "include");
			if (include && skippable_by_include(*include))
				continue;
			for (const syntax::Directive &d : sel.directives) {
				bool defer = d.name.text == "defer", stream = d.name.text == "stream";
				if ((!defer && !stream) || if_can_be_false(d))
					continue;
				valid = false;
				std::vector<syntax::Loc> locs{d.loc};
				for (auto it = parents.rbegin(); it != parents.rend(); ++it)
					locs.push_back((*it)->loc);
				ctx_.report(defer ? "Defer directive not supported on subscription operations. Disable `@defer` by "
				                    "setting the `if` argument to `false`."
				                  : "Stream directive not supported on subscription operations. Disable `@stream` by "
				                    "setting the `if` argument to `false`.",
				            locs);
			}
			if (sel.kind == syntax::SelectionKind::FragmentSpread) {
				const auto &spread = static_cast<const syntax::FragmentSpread &>(sel);
				if (visited.count(spread.name.text) || checked_.count(spread.name.text))
					continue;
				visited.insert(spread.name.text);
				if (const syntax::FragmentDefinition *frag = ctx_.fragment(spread.name.text)) {
					parents.push_back(&spread);
					stack.push_back({frag->selection_set, 0, true});
				}
			} else if (const syntax::SelectionSet *sub = sub_selection(sel)) {
				stack.push_back({sub, 0, false});
			}
		}
		if (valid)
			checked_.insert(visited.begin(), visited.end());
		return true;
	}

private:
	std::unordered_set<std::string_view> checked_;
};

class DeferStreamLabel : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind != NodeKind::Directive)
			return true;
		const auto &d = node.as<syntax::Directive>();
		if (d.name.text != "defer" && d.name.text != "stream")
			return true;
		const syntax::Value *label = nullptr;
		for (const syntax::Argument &a : d.arguments)
			if (a.name.text == "label") {
				label = a.value;
				break;
			}
		if (!label || label->kind == syntax::ValueKind::Null)
			return true;
		if (label->kind != syntax::ValueKind::String) {
			ctx_.report("Argument \"@" + std::string(d.name.text) + "(label:)\" must be a static string.", {d.loc});
			return true;
		}
		auto it = known_.find(label->text);
		if (it != known_.end())
			ctx_.report("Value for arguments \"defer(label:)\" and \"stream(label:)\" must be unique across all "
			            "Defer/Stream directive usages.",
			            {it->second, d.loc});
		else
			known_.emplace(label->text, d.loc);
		return true;
	}

private:
	std::unordered_map<std::string_view, syntax::Loc> known_;
};

class StreamOnListField : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind != NodeKind::Directive || node.as<syntax::Directive>().name.text != "stream")
			return true;
		const schema::FieldDef *field = ctx_.type_info().field_def();
		const schema::TypeDef *parent = ctx_.type_info().parent_type();
		if (field && parent && !field->type.is_list())
			ctx_.report("Directive \"@stream\" cannot be used on non-list field \"" + parent->name + "." + field->name + "\".",
			            {node.as<syntax::Directive>().loc});
		return true;
	}
};

} // namespace

std::unique_ptr<Rule> defer_stream_on_root_field(Context &c) { return std::make_unique<DeferStreamOnRootField>(c); }
std::unique_ptr<Rule> defer_stream_on_valid_operations(Context &c) { return std::make_unique<DeferStreamOnValidOperations>(c); }
std::unique_ptr<Rule> defer_stream_label(Context &c) { return std::make_unique<DeferStreamLabel>(c); }
std::unique_ptr<Rule> stream_on_list_field(Context &c) { return std::make_unique<StreamOnListField>(c); }

} // namespace fraiseql::validation::rules
