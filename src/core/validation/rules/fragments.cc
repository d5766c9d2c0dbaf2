// fragments.cc: UniqueFragmentNames, KnownFragmentNames, NoUnusedFragments,
// NoFragmentCycles (an explicit stack: a chain of fragments cannot exhaust ours).
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/validation/rules/rules.h"

namespace fraiseql::validation::rules {

namespace {

class UniqueFragmentNames : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind == NodeKind::OperationDefinition)
			return false;
		if (node.kind != NodeKind::FragmentDefinition)
			return true;
		const auto &frag = node.as<syntax::FragmentDefinition>();
		auto it = known_.find(frag.name.text);
		if (it != known_.end())
			ctx_.report("There can be only one fragment named \"" + std::string(frag.name.text) + "\".",
			            {it->second, frag.name.loc});
		else
			known_.emplace(frag.name.text, frag.name.loc);
		return false;
	}

private:
	std::unordered_map<std::string_view, syntax::Loc> known_;
};

class KnownFragmentNames : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind == NodeKind::FragmentSpread) {
			const auto &spread = node.as<syntax::FragmentSpread>();
			if (!ctx_.fragment(spread.name.text))
				ctx_.report("Unknown fragment \"" + std::string(spread.name.text) + "\".", {spread.name.loc});
		}
		return true;
	}
};

class NoUnusedFragments : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind == NodeKind::OperationDefinition) {
			operations_.push_back(&node.as<syntax::OperationDefinition>());
			return false;
		}
		if (node.kind == NodeKind::FragmentDefinition) {
			fragments_.push_back(&node.as<syntax::FragmentDefinition>());
			return false;
		}
		return true;
	}
	void
	leave(const Node &node) override
	{
		if (node.kind != NodeKind::Document)
			return;
		std::unordered_set<std::string_view> used;
		for (const syntax::FragmentDefinition *f : ctx_.recursively_referenced_fragments(operations_))
			used.insert(f->name.text);
		if (ctx_.stopped())
			return;
		for (const syntax::FragmentDefinition *f : fragments_)
			if (!used.count(f->name.text))
				ctx_.report("Fragment \"" + std::string(f->name.text) + "\" is never used.", {f->loc});
	}

private:
	std::vector<const syntax::OperationDefinition *> operations_;
	std::vector<const syntax::FragmentDefinition *> fragments_;
};

class NoFragmentCycles : public Rule {
public:
	using Rule::Rule;
	bool
	enter(const Node &node) override
	{
		if (node.kind == NodeKind::OperationDefinition)
			return false;
		if (node.kind == NodeKind::FragmentDefinition) {
			detect_cycles(node.as<syntax::FragmentDefinition>());
			return false;
		}
		return true;
	}

private:
	struct Frame {
		std::string_view name;
		const std::vector<const syntax::FragmentSpread *> *spreads;
		size_t next;
	};
	std::unordered_set<std::string_view> visited_;
	std::vector<const syntax::FragmentSpread *> path_;
	std::unordered_map<std::string_view, size_t> index_in_path_;
	std::vector<Frame> stack_;

	// Starts a fragment; false when it has nothing to explore.
	bool
	begin(const syntax::FragmentDefinition &frag)
	{
		if (!visited_.insert(frag.name.text).second)
			return false;
		const auto &spreads = ctx_.fragment_spreads(frag.selection_set);
		if (spreads.empty())
			return false;
		index_in_path_[frag.name.text] = path_.size();
		stack_.push_back({frag.name.text, &spreads, 0});
		return true;
	}

	void
	detect_cycles(const syntax::FragmentDefinition &start)
	{
		if (!begin(start))
			return;
		while (!stack_.empty() && !ctx_.stopped()) {
			Frame &top = stack_.back();
			if (top.next == top.spreads->size()) {
				index_in_path_.erase(top.name);
				stack_.pop_back();
				if (!stack_.empty())
					path_.pop_back(); // the spread that led into the finished fragment
				continue;
			}
			const syntax::FragmentSpread *spread = (*top.spreads)[top.next++];
			auto cycle = index_in_path_.find(spread->name.text);
			path_.push_back(spread);
			if (cycle == index_in_path_.end()) {
				const syntax::FragmentDefinition *next = ctx_.fragment(spread->name.text);
				if (next && begin(*next))
					continue; // path_ keeps the spread until that fragment is done
			} else {
				report_cycle(spread->name.text, cycle->second);
			}
			path_.pop_back();
		}
		stack_.clear();
		path_.clear();
		index_in_path_.clear();
	}

	void
	report_cycle(std::string_view name, size_t from)
	{
		std::string via;
		std::vector<syntax::Loc> locs;
		for (size_t i = from; i < path_.size(); i++) {
			locs.push_back(path_[i]->loc);
			if (i + 1 < path_.size())
				via += (via.empty() ? "\"" : ", \"") + std::string(path_[i]->name.text) + "\"";
		}
		ctx_.report("Cannot spread fragment \"" + std::string(name) + "\" within itself" +
		                (via.empty() ? std::string(".") : " via " + via + "."),
		            locs);
	}
};

} // namespace

std::unique_ptr<Rule> unique_fragment_names(Context &c) { return std::make_unique<UniqueFragmentNames>(c); }
std::unique_ptr<Rule> known_fragment_names(Context &c) { return std::make_unique<KnownFragmentNames>(c); }
std::unique_ptr<Rule> no_unused_fragments(Context &c) { return std::make_unique<NoUnusedFragments>(c); }
std::unique_ptr<Rule> no_fragment_cycles(Context &c) { return std::make_unique<NoFragmentCycles>(c); }

} // namespace fraiseql::validation::rules
