// plan.h: what an operation compiles to: per root field one SQL statement with
// typed parameter slots, plus the projection tree that shapes its rows. A plan
// holds no request values (variables are bound at execution), owns all its
// strings, and is therefore cacheable across calls.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/schema/schema.h"

namespace fraiseql::compile {

// PostgreSQL type OIDs of parameters the compiler itself types (pg_type.dat).
constexpr uint32_t INT8_OID = 20;

enum class ParamSource : uint8_t { Variable, Literal, Null };

// One $n of a statement. Its value is text for the parameter type's input
// function: the variable's coerced value, or the literal lifted out of the query.
struct Param {
	ParamSource source = ParamSource::Null;
	std::string variable;   // Variable: name without '$'
	std::string literal;    // Literal: value as text
	uint32_t pg_type_oid = 0;
	std::string argument;   // the GraphQL argument it came from, for errors
	// For a non-null argument bound to a variable, which must not be null:
	std::string non_null_type; // e.g. "Int!"; empty for nullable arguments
	std::string coordinate;    // e.g. "Query.user(id:)"
	uint32_t line = 0, column = 0; // of the argument's value
};

enum class NodeKind : uint8_t { Field, Typename };

// One selected field of an object, in response order (merged per CollectFields).
struct ProjectionNode {
	NodeKind kind = NodeKind::Field;
	std::string response_key;            // alias or name
	std::string key_prefix;              // "response_key": escaped once at compile time
	std::string json_key;                // key in the row's JSON; the type name for Typename nodes
	std::string coordinate;              // "Type.field", for error messages
	schema::TypeExpr type;               // the field's type
	std::vector<ProjectionNode> children; // selection of composite fields
	std::vector<Param> arguments;        // introspection fields only: read when the plan runs
	uint32_t line = 0, column = 0;       // of the field, for errors
};

// Introspection: __schema / __type, answered from the schema without SQL
// (src/core/introspection); json_key of their nodes is the field's name.
enum class RootKind : uint8_t { List, Single, Typename, Introspection };

struct RootField {
	RootKind kind = RootKind::List;
	std::string response_key;
	std::string key_prefix; // "response_key":
	std::string sql;
	std::vector<Param> params;
	schema::TypeExpr type;
	const schema::TypeDef *object_type = nullptr; // type of each row
	std::vector<ProjectionNode> selection;
	std::string typename_value; // Typename roots: the root type's name
	const schema::Schema *schema = nullptr; // Introspection roots: the schema described
	// Introspection roots: the field's arguments (__type(name:)). Not params:
	// the plan cache rebinds params from another document's literals, which
	// the introspection writer does not read, so these must stay part of the
	// document's identity.
	std::vector<Param> arguments;
	uint32_t line = 0, column = 0;
};

struct Plan {
	std::vector<RootField> roots;
	bool is_mutation = false;
};

} // namespace fraiseql::compile
