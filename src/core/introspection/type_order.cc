// type_order.cc: graphql-js's GraphQLSchema constructor builds its typeMap from
// an insertion-ordered Set: it starts with the schema's own types (SDL order),
// and for each of them deletes it and re-adds it followed by the types it
// references, depth first (collectReferencedTypes); then the root types, the
// directives' argument types and the introspection types. We replay that, so
// built-in scalars land where graphql-js puts them (after their first user).
#include "core/introspection/type_order.h"

#include "core/introspection/introspection.h"

#include <algorithm>
#include <unordered_set>

namespace fraiseql::introspection {

namespace {

using schema::TypeDef;
using schema::TypeKind;

// The types `t` refers to, in collectReferencedTypes order.
void
referenced(const TypeDef &t, std::vector<const TypeDef *> &out)
{
	out.clear();
	switch (t.kind) {
	case TypeKind::Union:
		out = t.members;
		break;
	case TypeKind::Object:
	case TypeKind::Interface:
		out = t.interfaces;
		for (const schema::FieldDef &f : t.fields) {
			out.push_back(f.type.named);
			for (const schema::InputValueDef &a : f.arguments)
				out.push_back(a.type.named);
		}
		break;
	case TypeKind::InputObject:
		for (const schema::InputValueDef &f : t.input_fields)
			out.push_back(f.type.named);
		break;
	default:
		break;
	}
}

// An insertion-ordered set with deletion, as a JavaScript Set behaves.
class OrderedSet {
public:
	bool has(const TypeDef *t) const { return at_.count(t) > 0; }
	void
	add(const TypeDef *t)
	{
		at_.emplace(t, slots_.size());
		slots_.push_back(t);
	}
	void
	remove(const TypeDef *t)
	{
		auto it = at_.find(t);
		if (it == at_.end())
			return;
		slots_[it->second] = nullptr;
		at_.erase(it);
	}

	// graphql-js collectReferencedTypes, with an explicit stack: a schema's
	// chain of types may be long.
	void
	collect(const TypeDef *root)
	{
		if (!root || has(root))
			return;
		struct Frame {
			std::vector<const TypeDef *> refs;
			size_t next = 0;
		};
		std::vector<Frame> stack;
		add(root);
		stack.emplace_back();
		referenced(*root, stack.back().refs);
		while (!stack.empty()) {
			Frame &top = stack.back();
			if (top.next == top.refs.size()) {
				stack.pop_back();
				continue;
			}
			const TypeDef *t = top.refs[top.next++];
			if (!t || has(t))
				continue;
			add(t);
			stack.emplace_back(); // invalidates `top`
			referenced(*t, stack.back().refs);
		}
	}

	std::vector<const TypeDef *>
	ordered() const
	{
		std::vector<const TypeDef *> out;
		out.reserve(at_.size());
		for (const TypeDef *t : slots_)
			if (t)
				out.push_back(t);
		return out;
	}

private:
	std::vector<const TypeDef *> slots_;
	std::unordered_map<const TypeDef *, size_t> at_;
};

} // namespace

TypeOrder::TypeOrder(const schema::Schema &schema) : schema_(schema)
{
	// A built-in scalar is never one of the SDL's own definitions here: it
	// enters where something first refers to it, like graphql-js's standard
	// scalars. FraiseQL's extra scalars (UUID, ...) are declared by the SDL the
	// schema is printed as when something uses them, at their place in the model.
	std::unordered_set<const TypeDef *> used;
	if (schema.mode() == schema::BuildMode::FraiseQL) {
		std::vector<const TypeDef *> refs;
		for (const auto &t : schema.types()) {
			referenced(*t, refs);
			used.insert(refs.begin(), refs.end());
		}
		for (const auto &d : schema.directives())
			for (const schema::InputValueDef &a : d->arguments)
				used.insert(a.type.named);
	}
	std::vector<const TypeDef *> own;
	for (const auto &t : schema.types()) {
		if (is_introspection_type(*t))
			continue;
		if (t->builtin && t->kind == TypeKind::Scalar) {
			bool extra = t->scalar != schema::ScalarKind::Int && t->scalar != schema::ScalarKind::Float &&
			             t->scalar != schema::ScalarKind::String && t->scalar != schema::ScalarKind::Boolean &&
			             t->scalar != schema::ScalarKind::ID;
			if (!extra || !used.count(t.get()))
				continue;
		}
		own.push_back(t.get());
	}
	OrderedSet set;
	for (const TypeDef *t : own)
		set.add(t);
	for (const TypeDef *t : own) {
		set.remove(t);
		set.collect(t);
	}
	set.collect(schema.query_type());
	set.collect(schema.mutation_type());
	set.collect(schema.subscription_type());
	for (const schema::DirectiveDef *d : directives())
		for (const schema::InputValueDef &a : d->arguments)
			set.collect(a.type.named);
	set.collect(schema.find_type("__Schema"));
	types_ = set.ordered();
	for (size_t i = 0; i < types_.size(); i++)
		position_.emplace(types_[i], i);
}

const std::vector<const schema::TypeDef *> &
TypeOrder::possible_types(const schema::TypeDef &abstract)
{
	if (abstract.kind == TypeKind::Union)
		return abstract.members;
	if (!implementations_built_) {
		implementations_built_ = true;
		for (const TypeDef *t : types_)
			if (t->kind == TypeKind::Object)
				for (const TypeDef *i : t->interfaces)
					implementations_[i].push_back(t);
	}
	return implementations_[&abstract];
}

std::vector<const schema::DirectiveDef *>
TypeOrder::directives() const
{
	std::vector<const schema::DirectiveDef *> out;
	for (const auto &d : schema_.directives())
		if (!d->builtin)
			out.push_back(d.get());
	// A definition that replaced a built-in one sits in its slot: document order.
	std::stable_sort(out.begin(), out.end(), [](const schema::DirectiveDef *a, const schema::DirectiveDef *b) {
		return a->line != b->line ? a->line < b->line : a->column < b->column;
	});
	for (const auto &d : schema_.directives())
		if (d->builtin)
			out.push_back(d.get());
	return out;
}

} // namespace fraiseql::introspection
