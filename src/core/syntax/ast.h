// ast.h: the GraphQL document tree (executable and type-system definitions).
// Every node lives in the util::Arena passed to the parser and is trivially
// destructible. Names and raw literal text are views into the source text, so
// the source must outlive the tree; decoded strings (escapes, block strings)
// are copies placed in the arena.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/util/arena.h"

namespace fraiseql::syntax {

using util::Span;

// Position of a node's first token. line and column are 1-based; column counts
// as graphql-js does, in UTF-16 code units: one column per source character
// for BMP text, two for a character outside the BMP (e.g. an emoji in a string).
struct Loc {
	uint32_t start = 0;  // byte offset of the first token
	uint32_t end = 0;    // byte offset just past the last token
	uint32_t line = 0;
	uint32_t column = 0;
};

struct Name {
	std::string_view text; // empty when absent (anonymous operation, no alias)
	Loc loc;
	bool present() const { return !text.empty(); }
};

// ---- Values -----------------------------------------------------------------

enum class ValueKind : uint8_t { Variable, Int, Float, String, Boolean, Null, Enum, List, Object };

struct Value;

struct ObjectField {
	Name name;
	Value *value = nullptr;
	Loc loc;
};

struct Value {
	ValueKind kind = ValueKind::Null;
	Loc loc;
	// Variable: the name without '$'; Int/Float: the literal text as written;
	// Enum: the name; String: the decoded value (escapes and block-string
	// indentation already applied).
	std::string_view text;
	bool boolean = false;          // Boolean
	bool block = false;            // String written as a block string
	Span<Value *> list;            // List
	Span<ObjectField> fields;      // Object
};

// ---- Types ------------------------------------------------------------------

enum class TypeKind : uint8_t { Named, List, NonNull };

struct TypeRef {
	TypeKind kind = TypeKind::Named;
	Loc loc;
	Name name;                 // Named
	TypeRef *of_type = nullptr; // List, NonNull
};

// ---- Executable definitions --------------------------------------------------

struct Argument {
	Name name;
	Value *value = nullptr;
	Loc loc;
};

struct Directive {
	Name name;
	Span<Argument> arguments;
	Loc loc;
};

enum class SelectionKind : uint8_t { Field, FragmentSpread, InlineFragment };

struct SelectionSet;

struct Selection {
	SelectionKind kind;
	Loc loc;
	Span<Directive> directives;
};

struct Field : Selection {
	Name alias;                         // absent when no alias
	Name name;
	Span<Argument> arguments;
	SelectionSet *selection_set = nullptr; // nullptr for leaf fields
	std::string_view response_key() const { return alias.present() ? alias.text : name.text; }
};

struct FragmentSpread : Selection {
	Name name;
	Span<Argument> arguments; // experimental fragment arguments only
};

struct InlineFragment : Selection {
	Name type_condition; // absent when no "on Type"
	SelectionSet *selection_set = nullptr;
};

struct SelectionSet {
	Span<Selection *> selections;
	Loc loc;
};

struct VariableDefinition {
	Name variable; // without '$'
	TypeRef *type = nullptr;
	Value *default_value = nullptr; // nullptr when absent
	Span<Directive> directives;
	Loc loc;
	std::string_view description; // September 2025 spec allows descriptions here
	bool has_description = false;
	bool description_block = false; // the description was written as a block string
};

enum class OperationType : uint8_t { Query, Mutation, Subscription };

// ---- Type-system definitions --------------------------------------------------

struct InputValueDefinition {
	std::string_view description; bool has_description = false; bool description_block = false;
	Name name;
	TypeRef *type = nullptr;
	Value *default_value = nullptr;
	Span<Directive> directives;
	Loc loc;
};

struct FieldDefinition {
	std::string_view description; bool has_description = false; bool description_block = false;
	Name name;
	Span<InputValueDefinition> arguments;
	TypeRef *type = nullptr;
	Span<Directive> directives;
	Loc loc;
};

struct EnumValueDefinition {
	std::string_view description; bool has_description = false; bool description_block = false;
	Name name;
	Span<Directive> directives;
	Loc loc;
};

struct OperationTypeDefinition {
	OperationType operation;
	Name type;
	Loc loc;
};

enum class DefinitionKind : uint8_t {
	Operation,
	Fragment,
	Schema,        // schema { ... } and extend schema
	ScalarType,
	ObjectType,
	InterfaceType,
	UnionType,
	EnumType,
	InputObjectType,
	Directive,     // directive @name(...) on ...
};

struct Definition {
	DefinitionKind kind;
	Loc loc;
	bool is_extension = false; // "extend ..." form (type-system definitions only)
	std::string_view description; bool has_description = false; bool description_block = false;
	Name name; // absent for anonymous operations and schema definitions
	Span<Directive> directives;
};

struct OperationDefinition : Definition {
	OperationType operation = OperationType::Query;
	bool shorthand = false; // "{ ... }" with no keyword
	Span<VariableDefinition> variables;
	SelectionSet *selection_set = nullptr;
};

struct FragmentDefinition : Definition {
	Span<VariableDefinition> variables; // experimental fragment arguments only
	Name type_condition;
	SelectionSet *selection_set = nullptr;
};

struct SchemaDefinition : Definition {
	Span<OperationTypeDefinition> operation_types;
};

// Scalar, object, interface, union, enum and input object definitions share
// one node; the kind says which members are meaningful.
struct TypeDefinition : Definition {
	Span<Name> interfaces;                    // ObjectType, InterfaceType
	Span<FieldDefinition> fields;             // ObjectType, InterfaceType
	Span<Name> members;                       // UnionType
	Span<EnumValueDefinition> values;         // EnumType
	Span<InputValueDefinition> input_fields;  // InputObjectType
};

struct DirectiveDefinition : Definition {
	Span<InputValueDefinition> arguments;
	bool repeatable = false;
	Span<Name> locations;
};

struct Document {
	std::string_view source;
	Span<Definition *> definitions;
	uint32_t token_count = 0;
};

} // namespace fraiseql::syntax
