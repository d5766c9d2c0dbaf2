// overlapping_fields.cc: OverlappingFieldsCanBeMerged as graphql-js 17.1 has it:
// fields collected once per (parent type, selection set), compared pairs of
// fragments and of fields-and-fragment remembered (per fragment-argument
// scope), value and argument comparisons cached, and a complexity budget of
// 500,000 steps after which validation aborts. The recursion follows selection
// nesting (bounded by the parser) and fragment references (bounded here by
// MAX_NESTING, then validation aborts as on an exhausted budget).
#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/response/json_writer.h"
#include "core/syntax/printer.h"
#include "core/validation/rules/rules.h"

namespace fraiseql::validation::rules {

namespace {

using schema::FieldDef;
using schema::TypeDef;
using schema::TypeExpr;
using schema::TypeKind;

constexpr size_t MAX_CONFLICT_DETAIL_LENGTH = 1000;
constexpr size_t MAX_CONFLICT_NODES = 20;
constexpr size_t MAX_FRAGMENT_ARGUMENT_SIZE = 256;
constexpr int64_t MAX_COMPLEXITY_BUDGET = 500000;
constexpr int MAX_NESTING = 2000;

// Thrown inside this file only, caught by the rule: the budget ran out.
struct Aborted {};

// A fragment-argument scope; compared by identity as graphql-js's objects are.
struct Scope {
	const syntax::FragmentDefinition *signature;
};

struct ValueInfo {
	std::string key;                          // comparison key: equal keys, equal values
	std::vector<std::string_view> variables;  // variables used in the value
	std::unordered_map<const syntax::FragmentDefinition *, bool> uses_scope;
};

struct ArgumentInfo {
	util::Span<syntax::Argument> nodes;
	std::unordered_map<std::string_view, const syntax::Value *> values;
};

struct ComparedArguments {
	bool same_structure = false;
	std::vector<ValueInfo *> with_variables;
};

struct FieldInfo;

struct Comparison {
	std::optional<bool> same_name;
	std::optional<ComparedArguments> arguments, stream_arguments;
};

struct FieldInfo {
	std::unordered_map<const FieldInfo *, Comparison> comparisons;
	const TypeDef *named_type = nullptr;
	std::optional<ArgumentInfo> arguments, stream_arguments;
};

struct FieldDetails {
	const TypeDef *parent_type;
	const syntax::Field *node;
	const FieldDef *def;
	bool simple_leaf;
	const syntax::Directive *stream;
	FieldInfo *info = nullptr;
};

struct SpreadRef {
	const syntax::FragmentSpread *node;
	Scope *scope;
	const syntax::FragmentDefinition *definition;
};

struct Collected;

struct Overlap {
	std::string_view name;
	const std::vector<FieldDetails *> *list1, *list2;
};

struct Collected {
	std::vector<std::pair<std::string_view, std::vector<FieldDetails *>>> groups; // in response-name order
	std::unordered_map<std::string_view, size_t> index;
	std::vector<const syntax::FragmentSpread *> spreads;
	std::unordered_map<const Collected *, std::vector<Overlap>> overlaps;
	std::unordered_map<const Scope *, std::vector<SpreadRef>> spreads_by_scope;
	const std::vector<FieldDetails *> *find(std::string_view name) const
	{
		auto it = index.find(name);
		return it == index.end() ? nullptr : &groups[it->second].second;
	}
};

struct Conflict {
	std::string response_name;
	std::string reason;
	std::vector<const syntax::Field *> fields1, fields2;
};

struct SpreadInfo {
	const syntax::FragmentDefinition *signature;
	std::vector<ValueInfo *> values;
	std::map<const Scope *, Scope *> by_scope;
};

template <class A, class B>
class OrderedPairSet {
public:
	bool
	has(A a, B b, bool weakly_present) const
	{
		auto i = data_.find(a);
		if (i == data_.end())
			return false;
		auto j = i->second.find(b);
		if (j == i->second.end())
			return false;
		return weakly_present ? true : j->second == weakly_present;
	}
	void add(A a, B b, bool weakly_present) { data_[a][b] = weakly_present; }

private:
	std::unordered_map<A, std::unordered_map<B, bool>> data_;
};

using FragmentPairSet = OrderedPairSet<const syntax::FragmentDefinition *, const syntax::FragmentDefinition *>;

std::string
abbreviate(std::string_view text)
{
	if (text.size() > MAX_CONFLICT_DETAIL_LENGTH)
		return std::string(text.substr(0, MAX_CONFLICT_DETAIL_LENGTH)) + "...";
	return std::string(text);
}

const syntax::Directive *
stream_directive(const syntax::Field &f)
{
	for (const syntax::Directive &d : f.directives)
		if (d.name.text == "stream")
			return &d;
	return nullptr;
}

class OverlappingFields : public Rule {
public:
	using Rule::Rule;

	bool
	enter(const Node &node) override
	{
		if (node.kind == NodeKind::FragmentDefinition) {
			fragment_scope_ = variable_scope(ctx_.type_info().fragment_by_name(node.as<syntax::FragmentDefinition>().name.text));
		} else if (node.kind == NodeKind::SelectionSet) {
			selection_set(node.as<syntax::SelectionSet>());
		}
		return true;
	}

	void
	leave(const Node &node) override
	{
		if (node.kind == NodeKind::FragmentDefinition)
			fragment_scope_ = nullptr;
	}

private:
	Scope *fragment_scope_ = nullptr;
	int64_t budget_ = MAX_COMPLEXITY_BUDGET;
	int nesting_ = 0;
	std::deque<Scope> scopes_;
	std::deque<ValueInfo> value_infos_;
	std::deque<FieldInfo> field_infos_;
	std::deque<FieldDetails> details_;
	std::deque<Collected> collected_;
	std::deque<SpreadInfo> spread_infos_;
	std::unordered_map<const syntax::Value *, ValueInfo *> value_info_by_node_;
	std::unordered_map<const syntax::FragmentSpread *, SpreadInfo *> spread_info_by_node_;
	std::unordered_map<std::string, SpreadInfo *> spread_info_by_key_;
	std::unordered_map<const TypeDef *, std::unordered_map<const syntax::SelectionSet *, Collected *>> collected_cache_;
	std::unordered_map<const Scope *, std::unordered_map<const Scope *, OrderedPairSet<const Collected *, const syntax::FragmentDefinition *>>>
	    compared_fields_and_fragments_;
	std::unordered_map<const Scope *, std::unordered_map<const Scope *, FragmentPairSet>> compared_fragments_;

	// Counts recursion through fragment references and sub-selections.
	struct Nest {
		explicit Nest(int &n) : n_(n)
		{
			if (++n_ > MAX_NESTING) {
				--n_;
				throw Aborted();
			}
		}
		~Nest() { --n_; }
		int &n_;
	};

	void
	spend(int64_t cost)
	{
		budget_ -= cost;
		if (budget_ < 0)
			throw Aborted();
	}

	void
	selection_set(const syntax::SelectionSet &set)
	{
		const std::vector<Node> &anc = ctx_.ancestors();
		if (!anc.empty() && anc.back().kind == NodeKind::InlineFragment)
			return;
		if (set.selections.size() <= 1 &&
		    (set.selections.empty() || set.selections[0]->kind != syntax::SelectionKind::InlineFragment))
			return;
		std::vector<Conflict> conflicts;
		try {
			conflicts = find_conflicts_within(ctx_.type_info().parent_type(), set, fragment_scope_);
		} catch (const Aborted &) {
			ctx_.abort();
			return;
		}
		for (const Conflict &c : conflicts) {
			std::vector<syntax::Loc> locs;
			for (const syntax::Field *f : c.fields1)
				locs.push_back(f->loc);
			for (const syntax::Field *f : c.fields2)
				locs.push_back(f->loc);
			ctx_.report("Fields \"" + abbreviate(c.response_name) + "\" conflict because " + c.reason +
			                ". Use different aliases on the fields to fetch both if this was intentional.",
			            locs);
		}
	}

	std::vector<Conflict>
	find_conflicts_within(const TypeDef *parent, const syntax::SelectionSet &set, Scope *scope)
	{
		std::vector<Conflict> conflicts;
		Collected *r = collect_fields(parent, set);
		conflicts_within(conflicts, *r, scope);
		if (!r->spreads.empty() && (!r->groups.empty() || r->spreads.size() > 1)) {
			std::vector<SpreadRef> spreads = fragment_spreads(*r, scope);
			for (size_t i = 0; i < spreads.size(); i++) {
				conflicts_between_fields_and_fragment(conflicts, false, *r, scope, spreads[i]);
				for (size_t j = i + 1; j < spreads.size(); j++)
					conflicts_between_fragments(conflicts, false, spreads[i], spreads[j]);
			}
		}
		return conflicts;
	}

	void
	conflicts_between_fields_and_fragment(std::vector<Conflict> &conflicts, bool exclusive, Collected &r, Scope *scope,
	                                      const SpreadRef &spread)
	{
		Nest nest(nesting_);
		spend(1);
		if (r.groups.empty())
			return;
		const syntax::FragmentDefinition *fragment = spread.definition;
		auto &pairs = compared_fields_and_fragments_[scope][spread.scope];
		if (pairs.has(&r, fragment, exclusive))
			return;
		pairs.add(&r, fragment, exclusive);
		if (!fragment)
			return;
		Collected *r2 = fragment_fields(*fragment);
		const std::vector<SpreadRef> &referenced = fragment_spreads(*r2, spread.scope);
		if (&r == r2 && scope == spread.scope)
			return;
		conflicts_between(conflicts, exclusive, r, scope, *r2, spread.scope);
		for (const SpreadRef &ref : referenced)
			conflicts_between_fields_and_fragment(conflicts, exclusive, r, scope, ref);
	}

	void
	conflicts_between_fragments(std::vector<Conflict> &conflicts, bool exclusive, const SpreadRef &s1, const SpreadRef &s2)
	{
		Nest nest(nesting_);
		const syntax::FragmentDefinition *f1 = s1.definition, *f2 = s2.definition;
		spend(2);
		if (f1 == f2 && s1.scope == s2.scope)
			return;
		FragmentPairSet *pairs = nullptr;
		auto by1 = compared_fragments_.find(s1.scope);
		if (by1 != compared_fragments_.end()) {
			auto it = by1->second.find(s2.scope);
			if (it != by1->second.end())
				pairs = &it->second;
		}
		if (!pairs) {
			auto by2 = compared_fragments_.find(s2.scope);
			if (by2 != compared_fragments_.end()) {
				auto it = by2->second.find(s1.scope);
				if (it != by2->second.end())
					pairs = &it->second;
			}
		}
		if (!pairs)
			pairs = &compared_fragments_[s1.scope][s2.scope];
		auto has = [pairs](const syntax::FragmentDefinition *a, const syntax::FragmentDefinition *b, bool weak) {
			return pairs->has(a, b, weak) || pairs->has(b, a, weak);
		};
		if (f1 == f2) {
			if (has(f1, f2, false))
				return;
			pairs->add(f1, f2, false);
			ctx_.report("Spreads \"" + abbreviate(s1.node->name.text) + "\" conflict because " + describe(*s1.node) +
			                " and " + describe(*s2.node) + " have different fragment arguments.",
			            {s1.node->loc, s2.node->loc});
			return;
		}
		if (has(f1, f2, exclusive))
			return;
		pairs->add(f1, f2, exclusive);
		if (!f1 || !f2)
			return;
		Collected *r1 = fragment_fields(*f1);
		const std::vector<SpreadRef> &referenced1 = fragment_spreads(*r1, s1.scope);
		Collected *r2 = fragment_fields(*f2);
		const std::vector<SpreadRef> &referenced2 = fragment_spreads(*r2, s2.scope);
		conflicts_between(conflicts, exclusive, *r1, s1.scope, *r2, s2.scope);
		for (const SpreadRef &ref2 : referenced2)
			conflicts_between_fragments(conflicts, exclusive, s1, ref2);
		for (const SpreadRef &ref1 : referenced1)
			conflicts_between_fragments(conflicts, exclusive, ref1, s2);
	}

	std::vector<Conflict>
	conflicts_between_sub_selections(bool exclusive, const TypeDef *parent1, const syntax::SelectionSet &set1, Scope *scope1,
	                                 const TypeDef *parent2, const syntax::SelectionSet &set2, Scope *scope2)
	{
		Nest nest(nesting_);
		std::vector<Conflict> conflicts;
		Collected *r1 = collect_fields(parent1, set1);
		const std::vector<SpreadRef> &spreads1 = fragment_spreads(*r1, scope1);
		Collected *r2 = collect_fields(parent2, set2);
		const std::vector<SpreadRef> &spreads2 = fragment_spreads(*r2, scope2);
		conflicts_between(conflicts, exclusive, *r1, scope1, *r2, scope2);
		for (const SpreadRef &s2 : spreads2)
			conflicts_between_fields_and_fragment(conflicts, exclusive, *r1, scope1, s2);
		for (const SpreadRef &s1 : spreads1)
			conflicts_between_fields_and_fragment(conflicts, exclusive, *r2, scope2, s1);
		for (const SpreadRef &s1 : spreads1)
			for (const SpreadRef &s2 : spreads2)
				conflicts_between_fragments(conflicts, exclusive, s1, s2);
		return conflicts;
	}

	void
	conflicts_within(std::vector<Conflict> &conflicts, Collected &r, Scope *scope)
	{
		for (auto &group : r.groups) {
			const auto &list = group.second;
			for (size_t i = 0; i < list.size(); i++)
				for (size_t j = i + 1; j < list.size(); j++)
					if (std::optional<Conflict> c = find_conflict(false, group.first, *list[i], scope, *list[j], scope))
						conflicts.push_back(std::move(*c));
		}
	}

	void
	conflicts_between(std::vector<Conflict> &conflicts, bool exclusive, Collected &r1, Scope *scope1, Collected &r2,
	                  Scope *scope2)
	{
		if (r1.groups.empty() || r2.groups.empty())
			return;
		for (const Overlap &o : overlapping_fields(r1, r2))
			for (FieldDetails *d1 : *o.list1)
				for (FieldDetails *d2 : *o.list2)
					if (std::optional<Conflict> c = find_conflict(exclusive, o.name, *d1, scope1, *d2, scope2))
						conflicts.push_back(std::move(*c));
	}

	const std::vector<Overlap> &
	overlapping_fields(Collected &r1, const Collected &r2)
	{
		auto it = r1.overlaps.find(&r2);
		if (it != r1.overlaps.end())
			return it->second;
		std::vector<Overlap> out;
		for (const auto &group : r1.groups) {
			spend(1);
			if (const std::vector<FieldDetails *> *other = r2.find(group.first))
				out.push_back({group.first, &group.second, other});
		}
		return r1.overlaps.emplace(&r2, std::move(out)).first->second;
	}

	// graphql-js compares type objects by identity: buildSchema shares named
	// types but gives every field its own list/non-null wrappers.
	static bool
	same_type_object(const FieldDef *a, const FieldDef *b)
	{
		if (a == b)
			return true;
		if (!a || !b)
			return false;
		return a->type == b->type && a->type.list_depth == 0 && a->type.non_null == 0;
	}

	std::optional<Conflict>
	find_conflict(bool parents_exclusive, std::string_view response_name, FieldDetails &d1, Scope *scope1,
	              FieldDetails &d2, Scope *scope2)
	{
		bool exclusive = parents_exclusive || (d1.parent_type != d2.parent_type && d1.parent_type && d2.parent_type &&
		                                       d1.parent_type->kind == TypeKind::Object &&
		                                       d2.parent_type->kind == TypeKind::Object);
		spend(2);
		const syntax::Field &n1 = *d1.node, &n2 = *d2.node;
		if (d1.simple_leaf && d2.simple_leaf && same_type_object(d1.def, d2.def) && n1.name.text == n2.name.text)
			return std::nullopt;
		FieldInfo &fi1 = field_info(d1), &fi2 = field_info(d2);
		Comparison &cmp = fi1.comparisons[&fi2];
		auto conflict = [&](std::string reason) {
			return Conflict{std::string(response_name), std::move(reason), {&n1}, {&n2}};
		};
		if (!exclusive) {
			if (!cmp.same_name)
				cmp.same_name = n1.name.text == n2.name.text;
			if (!*cmp.same_name)
				return conflict("\"" + abbreviate(n1.name.text) + "\" and \"" + abbreviate(n2.name.text) +
				                "\" are different fields");
			if (!cmp.arguments)
				cmp.arguments = compare_arguments(fi1.arguments, fi2.arguments);
			if (!same_arguments(*cmp.arguments, scope1, scope2))
				return conflict("they have differing arguments");
		}
		if (d1.stream || d2.stream) {
			std::string reason = "they have overlapping stream directives";
			if (d1.stream && d2.stream) {
				if (!cmp.stream_arguments)
					cmp.stream_arguments = compare_arguments(fi1.stream_arguments, fi2.stream_arguments);
				if (same_arguments(*cmp.stream_arguments, scope1, scope2))
					reason += ". See https://github.com/graphql/defer-stream-wg/discussions/100";
			}
			return conflict(reason);
		}
		if (d1.def && d2.def && types_conflict(d1.def->type, d2.def->type))
			return conflict("they return conflicting types \"" + d1.def->type.print() + "\" and \"" +
			                d2.def->type.print() + "\"");
		if (n1.selection_set && n2.selection_set) {
			std::vector<Conflict> sub = conflicts_between_sub_selections(exclusive, fi1.named_type, *n1.selection_set,
			                                                             scope1, fi2.named_type, *n2.selection_set, scope2);
			return subfield_conflicts(sub, response_name, n1, n2);
		}
		return std::nullopt;
	}

	FieldInfo &
	field_info(FieldDetails &d)
	{
		if (!d.info) {
			field_infos_.emplace_back();
			FieldInfo &fi = field_infos_.back();
			fi.named_type = d.def ? d.def->type.named : nullptr;
			fi.arguments = argument_info(d.node->arguments);
			if (d.stream)
				fi.stream_arguments = argument_info(d.stream->arguments);
			d.info = &fi;
		}
		return *d.info;
	}

	static std::optional<ArgumentInfo>
	argument_info(const util::Span<syntax::Argument> &args)
	{
		if (args.empty())
			return std::nullopt;
		ArgumentInfo info;
		info.nodes = args;
		for (const syntax::Argument &a : args)
			info.values[a.name.text] = a.value;
		return info;
	}

	ComparedArguments
	compare_arguments(const std::optional<ArgumentInfo> &a1, const std::optional<ArgumentInfo> &a2)
	{
		ComparedArguments out;
		if (!a1) {
			out.same_structure = !a2;
			return out;
		}
		if (!a2 || a1->nodes.size() != a2->nodes.size())
			return out;
		for (const syntax::Argument &arg1 : a1->nodes) {
			spend(1);
			auto v2 = a2->values.find(arg1.name.text);
			if (v2 == a2->values.end())
				return out;
			ValueInfo &vi1 = value_info(*arg1.value);
			if (vi1.key != value_info(*v2->second).key)
				return out;
			if (!vi1.variables.empty())
				out.with_variables.push_back(&vi1);
		}
		out.same_structure = true;
		return out;
	}

	bool
	same_arguments(const ComparedArguments &cmp, Scope *scope1, Scope *scope2)
	{
		if (!cmp.same_structure)
			return false;
		if (scope1 == scope2)
			return true;
		for (ValueInfo *v : cmp.with_variables) {
			spend(1);
			if (uses_local_variables(*v, scope1) || uses_local_variables(*v, scope2))
				return false;
		}
		return true;
	}

	bool
	uses_local_variables(ValueInfo &value, const Scope *scope)
	{
		if (!scope)
			return false;
		auto it = value.uses_scope.find(scope->signature);
		if (it != value.uses_scope.end())
			return it->second;
		bool uses = false;
		for (std::string_view var : value.variables) {
			spend(1);
			for (const syntax::VariableDefinition &d : scope->signature->variables)
				uses = uses || d.variable.text == var;
			if (uses)
				break;
		}
		value.uses_scope[scope->signature] = uses;
		return uses;
	}

	ValueInfo &
	value_info(const syntax::Value &v)
	{
		auto it = value_info_by_node_.find(&v);
		if (it != value_info_by_node_.end())
			return *it->second;
		value_infos_.emplace_back();
		ValueInfo &info = value_infos_.back();
		append_key(v, info);
		value_info_by_node_.emplace(&v, &info);
		return info;
	}

	// The JSON graphql-js builds as the comparison key (object fields sorted by name).
	static void
	append_key(const syntax::Value &v, ValueInfo &info)
	{
		std::string &k = info.key;
		auto str = [&k](std::string_view s) {
			k += '"';
			response::append_escaped(k, s);
			k += '"';
		};
		switch (v.kind) {
		case syntax::ValueKind::Variable:
			info.variables.push_back(v.text);
			k += "[\"Variable\",";
			str(v.text);
			k += ']';
			return;
		case syntax::ValueKind::Object: {
			std::vector<const syntax::ObjectField *> fields;
			for (const syntax::ObjectField &f : v.fields)
				fields.push_back(&f);
			std::stable_sort(fields.begin(), fields.end(),
			                 [](const syntax::ObjectField *a, const syntax::ObjectField *b) { return a->name.text < b->name.text; });
			k += "[\"ObjectValue\",[";
			for (size_t i = 0; i < fields.size(); i++) {
				k += i ? ",[" : "[";
				str(fields[i]->name.text);
				k += ',';
				append_key(*fields[i]->value, info);
				k += ']';
			}
			k += "]]";
			return;
		}
		case syntax::ValueKind::List:
			k += "[\"ListValue\",[";
			for (uint32_t i = 0; i < v.list.size(); i++) {
				if (i)
					k += ',';
				append_key(*v.list[i], info);
			}
			k += "]]";
			return;
		case syntax::ValueKind::String:
			k += "[\"StringValue\",";
			str(v.text);
			k += v.block ? ",true]" : ",false]";
			return;
		case syntax::ValueKind::Int: k += "[\"IntValue\",\""; break;
		case syntax::ValueKind::Float: k += "[\"FloatValue\",\""; break;
		case syntax::ValueKind::Enum: k += "[\"EnumValue\",\""; break;
		case syntax::ValueKind::Boolean: k += v.boolean ? "[\"BooleanValue\",true]" : "[\"BooleanValue\",false]"; return;
		case syntax::ValueKind::Null: k += "[\"NullValue\",null]"; return;
		}
		response::append_escaped(k, v.text);
		k += "\"]";
	}

	bool
	types_conflict(TypeExpr t1, TypeExpr t2)
	{
		// One wrapper per step; types nest at most 31 levels.
		for (;;) {
			if (t1 == t2)
				return false;
			spend(1);
			bool list1 = t1.is_list() && !t1.is_non_null(), list2 = t2.is_list() && !t2.is_non_null();
			if (list1) {
				if (!list2)
					return true;
				t1 = t1.item();
				t2 = t2.item();
				continue;
			}
			if (list2)
				return true;
			if (t1.is_non_null()) {
				if (!t2.is_non_null())
					return true;
				t1 = t1.nullable();
				t2 = t2.nullable();
				continue;
			}
			if (t2.is_non_null())
				return true;
			if (t1.named->is_leaf() || t2.named->is_leaf())
				return t1.named != t2.named;
			return false;
		}
	}

	Collected *
	collect_fields(const TypeDef *parent, const syntax::SelectionSet &set)
	{
		Collected *&slot = collected_cache_[parent][&set];
		if (!slot) {
			collected_.emplace_back();
			slot = &collected_.back();
			collect_fields_into(parent, set, *slot);
		}
		return slot;
	}

	Collected *
	fragment_fields(const syntax::FragmentDefinition &fragment)
	{
		return collect_fields(ctx_.schema().find_type(fragment.type_condition.text), *fragment.selection_set);
	}

	void
	collect_fields_into(const TypeDef *parent, const syntax::SelectionSet &set, Collected &out)
	{
		for (const syntax::Selection *sel : set.selections) {
			switch (sel->kind) {
			case syntax::SelectionKind::Field: {
				const auto &f = static_cast<const syntax::Field &>(*sel);
				const FieldDef *def = nullptr;
				if (parent && (parent->kind == TypeKind::Object || parent->kind == TypeKind::Interface))
					def = parent->find_field(f.name.text);
				std::string_view key = f.response_key();
				auto it = out.index.find(key);
				if (it == out.index.end()) {
					it = out.index.emplace(key, out.groups.size()).first;
					out.groups.emplace_back(key, std::vector<FieldDetails *>());
				}
				const syntax::Directive *stream = stream_directive(f);
				details_.push_back({parent, &f, def, f.arguments.empty() && !f.selection_set && !stream, stream, nullptr});
				out.groups[it->second].second.push_back(&details_.back());
				break;
			}
			case syntax::SelectionKind::FragmentSpread:
				out.spreads.push_back(static_cast<const syntax::FragmentSpread *>(sel));
				break;
			case syntax::SelectionKind::InlineFragment: {
				const auto &inl = static_cast<const syntax::InlineFragment &>(*sel);
				const TypeDef *t = inl.type_condition.present() ? ctx_.schema().find_type(inl.type_condition.text) : parent;
				if (inl.selection_set)
					collect_fields_into(t, *inl.selection_set, out);
				break;
			}
			}
		}
	}

	// The vectors live in node-based maps and never change once made, so
	// callers may keep the reference across further calls.
	const std::vector<SpreadRef> &
	fragment_spreads(Collected &r, Scope *scope)
	{
		auto it = r.spreads_by_scope.find(scope);
		if (it != r.spreads_by_scope.end())
			return it->second;
		std::vector<SpreadRef> result;
		std::map<std::pair<const Scope *, const syntax::FragmentDefinition *>, size_t> seen;
		for (const syntax::FragmentSpread *node : r.spreads) {
			SpreadRef spread = fragment_spread(*node, scope);
			auto key = std::make_pair(static_cast<const Scope *>(spread.scope), spread.definition);
			auto prev = seen.find(key);
			if (prev == seen.end()) {
				seen.emplace(key, result.size());
				result.push_back(spread);
			} else {
				result[prev->second].node = spread.node;
			}
		}
		return r.spreads_by_scope.emplace(scope, std::move(result)).first->second;
	}

	SpreadRef
	fragment_spread(const syntax::FragmentSpread &node, Scope *scope)
	{
		spend(1);
		SpreadInfo *&info = spread_info_by_node_[&node];
		if (!info) {
			const syntax::FragmentDefinition *signature = ctx_.type_info().fragment_by_name(node.name.text);
			std::optional<ArgumentInfo> args = argument_info(node.arguments);
			std::string key = signature ? std::string(signature->name.text) : std::string("\x01");
			std::vector<ValueInfo *> values;
			if (signature && args) {
				std::vector<std::string_view> names;
				for (const syntax::Argument &a : node.arguments) {
					bool declared = false;
					for (const syntax::VariableDefinition &d : signature->variables)
						declared = declared || d.variable.text == a.name.text;
					if (declared && std::find(names.begin(), names.end(), a.name.text) == names.end())
						names.push_back(a.name.text);
				}
				std::sort(names.begin(), names.end());
				for (std::string_view name : names) {
					ValueInfo &vi = value_info(*args->values[name]);
					key += '\0';
					key += name;
					key += '\0';
					key += vi.key;
					if (!vi.variables.empty())
						values.push_back(&vi);
				}
			}
			SpreadInfo *&shared = spread_info_by_key_[key];
			if (!shared) {
				spread_infos_.push_back({signature, std::move(values), {}});
				shared = &spread_infos_.back();
			}
			info = shared;
		}
		bool local = false;
		for (ValueInfo *v : info->values) {
			spend(1);
			if (uses_local_variables(*v, scope)) {
				local = true;
				break;
			}
		}
		const Scope *variable_scope = local ? scope : nullptr;
		auto found = info->by_scope.find(variable_scope);
		if (found == info->by_scope.end())
			found = info->by_scope.emplace(variable_scope, variable_scope_of(info->signature)).first;
		return {&node, found->second, info->signature};
	}

	Scope *
	variable_scope_of(const syntax::FragmentDefinition *signature)
	{
		if (!signature || signature->variables.empty())
			return nullptr;
		scopes_.push_back({signature});
		return &scopes_.back();
	}

	Scope *
	variable_scope(const syntax::FragmentDefinition *signature)
	{
		return variable_scope_of(signature);
	}

	// graphql-js prints the spread without its directives and drops the "...".
	std::string
	describe(const syntax::FragmentSpread &node)
	{
		std::string name = abbreviate(node.name.text);
		size_t size = 1;
		std::string args;
		for (const syntax::Argument &a : node.arguments) {
			size += 2 + a.name.text.size() + value_info(*a.value).key.size();
			if (size > MAX_FRAGMENT_ARGUMENT_SIZE)
				return name + "(...)";
			args += (args.empty() ? "" : ", ") + std::string(a.name.text) + ": " + syntax::print(*a.value);
		}
		return args.empty() ? name : name + "(" + args + ")";
	}

	static std::optional<Conflict>
	subfield_conflicts(const std::vector<Conflict> &conflicts, std::string_view response_name, const syntax::Field &n1,
	                   const syntax::Field &n2)
	{
		if (conflicts.empty())
			return std::nullopt;
		std::string message;
		for (const Conflict &c : conflicts) {
			message += (message.empty() ? "" : " and ") + std::string("subfields \"") + abbreviate(c.response_name) +
			           "\" conflict because " + c.reason;
			if (message.size() > MAX_CONFLICT_DETAIL_LENGTH)
				break;
		}
		Conflict out{std::string(response_name), abbreviate(message), conflict_nodes(n1, conflicts, true),
		             conflict_nodes(n2, conflicts, false)};
		return out;
	}

	static std::vector<const syntax::Field *>
	conflict_nodes(const syntax::Field &node, const std::vector<Conflict> &conflicts, bool first)
	{
		std::vector<const syntax::Field *> nodes{&node};
		for (const Conflict &c : conflicts) {
			const auto &side = first ? c.fields1 : c.fields2;
			size_t remaining = MAX_CONFLICT_NODES - nodes.size();
			size_t from = side.size() > remaining ? side.size() - remaining : 0;
			nodes.insert(nodes.end(), side.begin() + static_cast<std::ptrdiff_t>(from), side.end());
			if (nodes.size() == MAX_CONFLICT_NODES)
				break;
		}
		return nodes;
	}
};

} // namespace

std::unique_ptr<Rule> overlapping_fields_can_be_merged(Context &c) { return std::make_unique<OverlappingFields>(c); }

} // namespace fraiseql::validation::rules
