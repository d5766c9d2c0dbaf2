// subscriptions.cc: SingleFieldSubscriptions: collects the root fields as the
// executor would (no variables; @skip/@include at the root are forbidden),
// with an explicit stack through fragments.
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

class SingleFieldSubscriptions : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind != NodeKind::OperationDefinition)
			return true;
		const auto &op = node.as<syntax::OperationDefinition>();
		const schema::TypeDef *root = ctx_.schema().subscription_type();
		if (op.operation != syntax::OperationType::Subscription || !root)
			return true;
		std::vector<std::string_view> keys;
		std::unordered_map<std::string_view, std::vector<const syntax::Field *>> groups;
		std::vector<syntax::Loc> forbidden;
		if (!collect(op, *root, keys, groups, forbidden))
			return true;
		std::string who = op.name.present() ? "Subscription \"" + std::string(op.name.text) + "\"" : "Anonymous Subscription";
		if (!forbidden.empty()) {
			ctx_.report(who + " must not use `@skip` or `@include` directives in the top level selection.", forbidden);
			return true;
		}
		if (keys.empty()) {
			ctx_.report(who + " must select one top level field.", {op.selection_set->loc});
		} else if (keys.size() > 1) {
			std::vector<syntax::Loc> extra;
			for (size_t i = 1; i < keys.size(); i++)
				for (const syntax::Field *f : groups[keys[i]])
					extra.push_back(f->loc);
			ctx_.report(who + " must select only one top level field.", extra);
		}
		for (std::string_view key : keys) {
			const auto &fields = groups[key];
			if (fields[0]->name.text.substr(0, 2) != "__")
				continue;
			std::vector<syntax::Loc> locs;
			for (const syntax::Field *f : fields)
				locs.push_back(f->loc);
			ctx_.report(who + " must not select an introspection top level field.", locs);
		}
		return true;
	}

private:
	// @skip/@include are recorded as forbidden; the node is then left out.
	static bool
	included(const syntax::Selection &sel, std::vector<syntax::Loc> &forbidden)
	{
		if (const syntax::Directive *skip = find_directive(sel.directives, "skip")) {
			forbidden.push_back(skip->loc);
			return false;
		}
		if (const syntax::Directive *include = find_directive(sel.directives, "include")) {
			forbidden.push_back(include->loc);
			return false;
		}
		return true;
	}

	bool
	condition_matches(const syntax::Name &condition, const schema::TypeDef &runtime) const
	{
		if (!condition.present())
			return true;
		const schema::TypeDef *t = ctx_.schema().find_type(condition.text);
		if (t == &runtime)
			return true;
		return t && t->is_abstract() && ctx_.schema().is_sub_type(*t, runtime);
	}

	// An active @defer (anything but if: false) on a selection, or nullptr.
	static const syntax::Directive *
	defer_of(const syntax::Selection &sel)
	{
		const syntax::Directive *d = find_directive(sel.directives, "defer");
		if (!d)
			return nullptr;
		for (const syntax::Argument &a : d->arguments)
			if (a.name.text == "if" && a.value->kind == syntax::ValueKind::Boolean && !a.value->boolean)
				return nullptr;
		return d;
	}

	bool
	collect(const syntax::OperationDefinition &op, const schema::TypeDef &root, std::vector<std::string_view> &keys,
	        std::unordered_map<std::string_view, std::vector<const syntax::Field *>> &groups,
	        std::vector<syntax::Loc> &forbidden)
	{
		struct Frame {
			const syntax::SelectionSet *set;
			uint32_t index;
			const syntax::Directive *defer;
		};
		// Per fragment: the defer directives it was collected under (nullptr: none).
		std::unordered_map<std::string_view, std::unordered_set<const syntax::Directive *>> visited;
		std::vector<Frame> stack;
		auto push = [&](const syntax::SelectionSet *set, const syntax::Directive *defer) {
			if (!ctx_.spend_fragment_work(set->selections.size()))
				return false;
			for (const syntax::Selection *sel : set->selections) {
				if (sel->directives.empty())
					continue;
				const syntax::Directive *d = find_directive(sel->directives, "defer");
				if (!ctx_.spend_fragment_work(sel->directives.size() + (d ? d->arguments.size() : 0)))
					return false;
			}
			stack.push_back({set, 0, defer});
			return true;
		};
		if (!push(op.selection_set, nullptr))
			return false;
		while (!stack.empty()) {
			Frame &top = stack.back();
			if (top.index >= top.set->selections.size()) {
				stack.pop_back();
				continue;
			}
			const syntax::Selection &sel = *top.set->selections[top.index++];
			const syntax::Directive *current_defer = top.defer;
			if (!included(sel, forbidden))
				continue;
			switch (sel.kind) {
			case syntax::SelectionKind::Field: {
				const auto &f = static_cast<const syntax::Field &>(sel);
				auto &g = groups[f.response_key()];
				if (g.empty())
					keys.push_back(f.response_key());
				g.push_back(&f);
				break;
			}
			case syntax::SelectionKind::InlineFragment: {
				const auto &inl = static_cast<const syntax::InlineFragment &>(sel);
				if (!condition_matches(inl.type_condition, root))
					break;
				const syntax::Directive *defer = defer_of(sel);
				if (!push(inl.selection_set, defer ? defer : current_defer))
					return false;
				break;
			}
			case syntax::SelectionKind::FragmentSpread: {
				const auto &spread = static_cast<const syntax::FragmentSpread &>(sel);
				const syntax::FragmentDefinition *frag = ctx_.fragment(spread.name.text);
				if (!frag || !condition_matches(frag->type_condition, root))
					break;
				const syntax::Directive *defer = defer_of(sel);
				const syntax::Directive *effective = defer ? defer : current_defer;
				auto &seen = visited[spread.name.text];
				if (seen.count(nullptr) || (effective && seen.count(effective)))
					break;
				seen.insert(effective);
				if (!push(frag->selection_set, effective))
					return false;
				break;
			}
			}
		}
		return true;
	}
};

} // namespace

std::unique_ptr<Rule> single_field_subscriptions(Context &c) { return std::make_unique<SingleFieldSubscriptions>(c); }

} // namespace fraiseql::validation::rules
