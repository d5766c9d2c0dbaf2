// node.h: what the validation walk visits: a kind and a pointer into the AST,
// mirroring graphql-js's AST node kinds so each rule reads like its reference.
#pragma once

#include <cstdint>

#include "core/syntax/ast.h"

namespace fraiseql::validation {

enum class NodeKind : uint8_t {
	Document,            // syntax::Document
	OperationDefinition, // syntax::OperationDefinition
	VariableDefinition,  // syntax::VariableDefinition
	SelectionSet,        // syntax::SelectionSet
	Field,               // syntax::Field
	Argument,            // syntax::Argument (of a field or directive)
	FragmentArgument,    // syntax::Argument (of a fragment spread)
	FragmentSpread,      // syntax::FragmentSpread
	InlineFragment,      // syntax::InlineFragment
	FragmentDefinition,  // syntax::FragmentDefinition
	Directive,           // syntax::Directive
	Value,               // syntax::Value (any kind, including Variable)
	ObjectField,         // syntax::ObjectField
	NamedType,           // syntax::Name (a type condition or the name inside a type reference)
	// Type-system nodes (only in documents that mix them in: always an error).
	SchemaDefinition,     // syntax::SchemaDefinition (also extend schema)
	TypeDefinition,       // syntax::TypeDefinition (any type kind, also extensions)
	DirectiveDefinition,  // syntax::DirectiveDefinition
	FieldDefinition,      // syntax::FieldDefinition
	InputValueDefinition, // syntax::InputValueDefinition
	EnumValueDefinition,  // syntax::EnumValueDefinition
};

struct Node {
	NodeKind kind;
	const void *ptr;

	template <class T>
	const T &
	as() const
	{
		return *static_cast<const T *>(ptr);
	}
	bool operator==(const Node &o) const { return kind == o.kind && ptr == o.ptr; }
};

} // namespace fraiseql::validation
