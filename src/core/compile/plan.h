// plan.h: what an operation compiles to: per root field one SQL statement with
// typed parameter slots, plus the projection tree that shapes its rows. A plan
// holds no request values (variables are bound at execution), owns all its
// strings, and is therefore cacheable across calls.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/schema/schema.h"

namespace fraiseql::compile {

// PostgreSQL type OIDs of parameters the compiler itself types (pg_type.dat).
constexpr uint32_t INT8_OID = 20;

// MaxLimit: the fraiseql.max_limit setting of the call (NULL when 0), bound at
// run time so a plan does not depend on the setting.
// Cursor: one key value of the decoded `after`/`before` cursor of a
// connection (Param::argument names which, Param::cursor_key which key).
// Context: the value of the request context's key `variable` (mutation
// functions' context parameters), bound at run time like a variable.
// Event: the id of the row a subscription event names (its payload's "id"),
// bound at run time; SQL NULL when fraiseql.subscribe checks the statement.
enum class ParamSource : uint8_t { Variable, Literal, Null, MaxLimit, Cursor, Context, Event };

// One step into a variable's coerced value: an input object field, or a list index.
struct PathStep {
	std::string key; // empty for a list index
	int32_t index = -1;
};

// How a value becomes the parameter's text (encode_param in params.h).
enum class ParamEncoding : uint8_t {
	Text,         // a scalar's text as coercion left it
	Array,        // a list of scalars as an SQL array literal: {"a","b"}
	Json,         // any value as JSON text (jsonb parameters)
	JsonInputKeys, // Json, input object fields under their keys (Param::input_type, input_keys.h)
	JsonArray,    // a list as an SQL array of JSON texts (jsonb[] parameters)
	LikeContains, // a string matched literally anywhere: %, _ and \ escaped, wrapped in %
	LikePrefix,   // ... at the start
	LikeSuffix,   // ... at the end
};

// One $n of a statement. Its value is text for the parameter type's input
// function: the variable's coerced value, or the literal lifted out of the query.
struct Param {
	ParamSource source = ParamSource::Null;
	std::string variable;   // Variable: name without '$'
	std::vector<PathStep> path; // Variable: where the value sits inside the variable's value (empty: all of it)
	std::string literal;    // Literal: value as text, already encoded
	ParamEncoding encoding = ParamEncoding::Text;
	// Literal: the value's byte offset in the document (its Loc.start) and the
	// type it was coerced to, so a plan cache can bind the literal found at the
	// same place of another document of the same shape (coerce_literal, then
	// encode_param with `encoding`).
	uint32_t literal_start = 0;
	schema::TypeExpr literal_type;
	schema::TypeExpr input_type; // JsonInputKeys: the GraphQL type of the value
	uint32_t pg_type_oid = 0;
	// An extension's type (lquery, ltree) the text must be valid input of: its
	// OID is not fixed, so the value is bound as text and cast in the SQL, and
	// the glue runs the type's input function first so a bad value is the
	// caller's error (BAD_USER_INPUT), not one raised inside the statement.
	std::string check_type;
	std::string argument;   // the GraphQL argument it came from, for errors
	// For a non-null argument bound to a variable, which must not be null:
	std::string non_null_type; // e.g. "Int!"; empty for nullable arguments
	std::string coordinate;    // e.g. "Query.user(id:)"
	uint32_t line = 0, column = 0; // of the argument's value
	uint32_t cursor_key = 0;   // Cursor: the index of the key value in the cursor
};

enum class NodeKind : uint8_t { Field, Typename };

struct TypeBranch;

// One selected field of an object, in response order (merged per CollectFields).
struct ProjectionNode {
	NodeKind kind = NodeKind::Field;
	std::string response_key;            // alias or name
	std::string key_prefix;              // "response_key": escaped once at compile time
	std::string json_key;                // key in the row's JSON; the type name for Typename nodes
	std::string coordinate;              // "Type.field", for error messages
	schema::TypeExpr type;               // the field's type
	std::vector<ProjectionNode> children; // selection of composite fields
	std::vector<TypeBranch> branches;     // interface and union fields: the selection per possible type
	std::vector<Param> arguments;        // introspection fields only: read when the plan runs
	uint32_t line = 0, column = 0;       // of the field, for errors
	// Where json_key was among the keys of the last object read (jsonb::
	// ObjectLookup): rows of one view share their keys, so it is tried first.
	mutable uint32_t key_hint = 0;
};

// The selection of an abstract-typed field for one of its possible object
// types; the value's "__typename" (or, for a mutation result, its status)
// picks the branch at run time.
struct TypeBranch {
	const schema::TypeDef *type = nullptr;
	std::vector<ProjectionNode> selection;
};

// Introspection: __schema / __type, answered from the schema without SQL
// (src/core/introspection); json_key of their nodes is the field's name.
// Mutation: one row of the mutation function's result (mutation_result.h).
enum class RootKind : uint8_t { List, Single, Typename, Introspection, Connection, Mutation };

struct ConnectionPlan; // compile/connection_sql.h

struct RootField {
	RootKind kind = RootKind::List;
	std::string response_key;
	std::string key_prefix; // "response_key":
	std::string sql;
	std::vector<Param> params;
	schema::TypeExpr type;
	const schema::TypeDef *object_type = nullptr; // type of each row
	std::vector<ProjectionNode> selection;
	std::vector<TypeBranch> branches; // Mutation roots: the selection per possible result type
	// Interface/union roots over views: rows are (tag int4, data), the tag
	// indexes `branches` (compile/abstract_sql.h).
	bool tagged = false;
	std::string typename_value; // Typename roots: the root type's name
	const schema::Schema *schema = nullptr; // Introspection roots: the schema described
	// Introspection roots: the field's arguments (__type(name:)). Not params:
	// the plan cache rebinds params from another document's literals, which
	// the introspection writer does not read, so these must stay part of the
	// document's identity.
	std::vector<Param> arguments;
	std::shared_ptr<const ConnectionPlan> connection; // Connection roots: paging and cursors
	std::string parent; // subscription roots: the root type's name, for messages (empty: Query or Mutation)
	uint32_t line = 0, column = 0;
};

// A variable whose value changes the SQL text or the projection, not only a
// bound value: a whole `where` or `orderBy` given as a variable (or a variable
// inside one), an @skip/@include condition. shape_key() (params.h) reduces the
// values of these to what matters.
struct ShapeVariable {
	std::string name;
	schema::TypeExpr type; // its declared type
	bool operator==(const ShapeVariable &o) const { return name == o.name; }
};

struct Plan {
	std::vector<RootField> roots;
	std::vector<ShapeVariable> shape_variables; // each name once
	bool is_mutation = false;
	// A subscription: its one root (none when @skip left it out) re-reads the
	// event's row, and `channels` are the @notify channels of its field.
	bool is_subscription = false;
	std::vector<std::string> channels;
	std::string subscription_field; // the schema field's name
};

} // namespace fraiseql::compile
