// walker.h: the depth-first walk of a document in graphql-js's visiting order
// (QueryDocumentKeys without descriptions), keeping a TypeInfo in step.
// Recursion follows the AST, whose nesting the parser bounds (ParseLimits).
#pragma once

#include <vector>

#include "core/validation/node.h"
#include "core/validation/type_info.h"

namespace fraiseql::validation {

class Visitor {
public:
	virtual ~Visitor() = default;
	// false: do not visit the node's children (its leave is not called either).
	virtual bool enter(const Node &node) = 0;
	virtual void leave(const Node &node) = 0;
};

class Walker {
public:
	// `ancestors`, when given, holds the nodes from the root to the current
	// node's parent while a visitor runs. The walk stops early once *stop is true.
	Walker(TypeInfo &type_info, Visitor &visitor, std::vector<Node> *ancestors, const bool *stop)
	    : type_info_(type_info), visitor_(visitor), ancestors_(ancestors), stop_(stop)
	{
	}

	void document(const syntax::Document &doc);
	void definition(const syntax::Definition &def);

private:
	TypeInfo &type_info_;
	Visitor &visitor_;
	std::vector<Node> *ancestors_;
	const bool *stop_;

	bool enter(NodeKind kind, const void *ptr);
	void leave(NodeKind kind, const void *ptr);

	void variable_definition(const syntax::VariableDefinition &v);
	void selection_set(const syntax::SelectionSet *set);
	void selection(const syntax::Selection &sel);
	void arguments(const util::Span<syntax::Argument> &args, NodeKind kind);
	void directives(const util::Span<syntax::Directive> &list);
	void value(const syntax::Value *v);
	void type_ref(const syntax::TypeRef *t);
	void named_type(const syntax::Name &name);
	void input_value_definitions(const util::Span<syntax::InputValueDefinition> &defs);
	void type_definition(const syntax::TypeDefinition &def);
};

} // namespace fraiseql::validation
