// schema.h: the schema model built from SDL: types, fields, the @view/@field
// bindings and the catalog facts the glue attaches. Built once per schema
// version and shared read-only by every request of the backend; it owns all
// its strings (the SDL's AST is gone once it is built).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/schema/function_binding.h"
#include "core/syntax/ast.h"
#include "core/util/error.h"

namespace fraiseql::schema {

enum class TypeKind : uint8_t { Scalar, Object, Interface, Union, Enum, InputObject };

// How leaf values are coerced; Custom scalars pass JSON through unchanged.
enum class ScalarKind : uint8_t {
	Custom, Int, Float, String, Boolean, ID, UUID, Date, DateTime, Time, JSON, BigInt, Decimal,
	// PostgreSQL-typed strings (typed_scalars.h): values keep PostgreSQL's text form.
	IpAddress, CIDR, MacAddress, LTree, IntRange, DateRange, DateTimeRange, TSVector,
	Geometry, // GeoJSON in and out (PostGIS geometry/geography)
};

struct TypeDef;

// A type reference such as [User!]!: a named type wrapped in list_depth lists.
// Bit i of non_null is set when level i is non-null; level 0 is the outermost,
// level list_depth is the named type.
struct TypeExpr {
	const TypeDef *named = nullptr;
	uint8_t list_depth = 0;
	uint32_t non_null = 0;

	bool is_list() const { return list_depth > 0; }
	bool defined() const { return named != nullptr; }
	TypeExpr nullable() const { TypeExpr t = *this; t.non_null &= ~1u; return t; }
	bool operator==(const TypeExpr &o) const { return named == o.named && list_depth == o.list_depth && non_null == o.non_null; }
	bool operator!=(const TypeExpr &o) const { return !(*this == o); }
	bool is_non_null() const { return non_null & 1u; }
	TypeExpr item() const; // the type of the elements of a list type
	std::string print() const;
};

struct InputValueDef {
	std::string name;
	std::string description;
	TypeExpr type;
	bool has_default = false;
	std::string default_literal; // as printed GraphQL
	// Input object fields: the key a mutation function receives the field
	// under, @field(key:) or snake_case(name) (empty: snake_case(name)).
	std::string json_key;
	bool deprecated = false;
	std::string deprecation_reason;
	uint32_t line = 0, column = 0;
};

// A column of a view, as the catalog reports it.
struct Column {
	std::string name;
	uint32_t type_oid = 0;
	std::string type_name; // format_type()
};

// @view(name:, dataColumn:, idColumn:). The glue resolves `name` against the
// catalog and fills in the qualified names and the columns.
struct ViewBinding {
	std::string name;               // as written in the SDL
	std::string data_column = "data";
	std::string id_column = "id";
	uint32_t line = 0, column = 0;  // of the directive, for errors
	// Filled by the glue (attach_view):
	bool resolved = false;
	std::string schema_name;        // namespace, unquoted
	std::string relation_name;      // relation, unquoted
	std::vector<Column> columns;
	const Column *find_column(std::string_view column_name) const;
};

// Mutation: a Mutation field with @function; Aggregate: the generated <xs>Aggregate field of a list field.
// Subscription: a Subscription field with @notify: one row of its view, re-read by the event's id.
enum class RootKind : uint8_t { None, List, Single, Connection, Mutation, Aggregate, Subscription };

// FraiseQL mode: the input types the schema generates (docs/reference.md, "Schema (SDL)").
// A user type with a generated name is accepted only when it is identical
// (an effective schema printed by schema_sdl() loads again).
enum class GeneratedKind : uint8_t {
	None,
	Filter,         // StringFilter, IntFilter, <Enum>Filter...: operators on one scalar or enum
	ListFilter,     // <Scalar>ListFilter: operators on a list of scalars or enums
	Where,          // <T>WhereInput
	OrderBy,        // <T>OrderByInput
	OrderDirection, // enum OrderDirection
	DistinctOn,     // enum <T>DistinctOnField: the orderable fields of T (distinctOn)
	Connection,     // <T>Connection (an object type): edges, pageInfo, totalCount
	Edge,           // <T>Edge: cursor, node
	PageInfo,       // PageInfo
	ObjectListFilter, // <T>ListFilter: some/every/none over a list of objects
	ListOrderBy,      // <T>ListOrderByInput: the count of a list of objects
	// Aggregates (aggregate_types.cc): the output types <T>Aggregate,
	// <T>AggregateGroup, <T>GroupKeys and <T><Fn>Fields, the enum
	// <T>GroupBy, the having and orderBy inputs, <Scalar>AggregateFilter.
	Aggregate,
	AggregateGroup,
	AggregateFields,
	GroupBy,
	Having,
	AggregateOrderBy,
	AggregateFilter,
};

struct FieldDef {
	std::string name;
	std::string description;
	TypeExpr type;
	std::vector<InputValueDef> arguments;
	std::string json_key; // key in the row's JSON: @field(key:) or snake_case(name)
	// Root Query fields only:
	RootKind root_kind = RootKind::None;
	bool deprecated = false;
	std::string deprecation_reason;
	std::unique_ptr<ViewBinding> view_override; // @view on the field
	std::unique_ptr<FunctionBinding> function;  // @function on a root field
	// Root list fields: the input types of the generated `where` and `orderBy`
	// arguments (nullptr when absent or declared with another type).
	const TypeDef *where_type = nullptr;
	const TypeDef *order_by_type = nullptr;
	const TypeDef *distinct_on_type = nullptr; // the enum of distinctOn: [<T>DistinctOnField!]
	// @connection(type:) on a root field: the type named (its node type) and
	// where the directive is, for errors.
	std::string connection_type;
	const TypeDef *connection_node = nullptr;
	uint32_t connection_line = 0, connection_column = 0;
	// RootKind::Aggregate: the list field (of the same Query type) it aggregates.
	const FieldDef *aggregate_of = nullptr;
	// @notify(channel:) on a Subscription field: the NOTIFY channel its events
	// arrive on (empty: none), and where the directive is, for errors.
	std::string notify_channel;
	uint32_t notify_line = 0, notify_column = 0;
	uint32_t line = 0, column = 0;
	const InputValueDef *find_argument(std::string_view arg) const;
};

struct EnumValueDef {
	std::string name;
	std::string description;
	bool deprecated = false;
	std::string deprecation_reason;
};

struct TypeDef {
	TypeKind kind = TypeKind::Scalar;
	std::string name;
	std::string description;
	ScalarKind scalar = ScalarKind::Custom;
	bool builtin = false;
	std::vector<FieldDef> fields;             // Object, Interface
	std::vector<InputValueDef> input_fields;  // InputObject
	std::vector<EnumValueDef> values;         // Enum
	std::vector<const TypeDef *> interfaces;  // Object, Interface
	std::vector<const TypeDef *> members;     // Union
	std::vector<const TypeDef *> implementations; // Interface: objects and interfaces implementing it
	bool one_of = false;                      // InputObject with @oneOf
	std::string specified_by_url;             // Scalar with @specifiedBy
	std::unique_ptr<ViewBinding> view;        // @view on the type
	GeneratedKind generated = GeneratedKind::None;
	const TypeDef *generated_for = nullptr;   // Where/OrderBy: the object type; (List)Filter: the item type
	uint32_t line = 0, column = 0;

	const FieldDef *find_field(std::string_view field) const;
	const InputValueDef *find_input_field(std::string_view field) const;
	const EnumValueDef *find_value(std::string_view value) const;
	bool is_abstract() const { return kind == TypeKind::Interface || kind == TypeKind::Union; }
	bool is_composite() const { return kind == TypeKind::Object || kind == TypeKind::Interface || kind == TypeKind::Union; }
	bool is_leaf() const { return kind == TypeKind::Scalar || kind == TypeKind::Enum; }
	bool is_input() const { return kind == TypeKind::Scalar || kind == TypeKind::Enum || kind == TypeKind::InputObject; }

	// Rebuilds the field lookup after `fields` changed.
	void index_fields();

private:
	friend class SchemaBuilder;
	std::unordered_map<std::string_view, size_t> field_index_; // views into fields[i].name
};

// Where a directive may appear (graphql-js DirectiveLocation), one bit each.
enum class DirectiveLocation : uint8_t {
	Query, Mutation, Subscription, Field, FragmentDefinition, FragmentSpread, InlineFragment,
	VariableDefinition, FragmentVariableDefinition, Schema, Scalar, Object, FieldDefinition,
	ArgumentDefinition, Interface, Union, Enum, EnumValue, InputObject, InputFieldDefinition,
	DirectiveDefinition, Count
};
std::string_view directive_location_name(DirectiveLocation location);
bool directive_location_from_name(std::string_view name, DirectiveLocation &out);

struct DirectiveDef {
	std::string name;
	std::string description;
	std::vector<InputValueDef> arguments;
	uint32_t locations = 0; // bit (1 << DirectiveLocation)
	std::vector<DirectiveLocation> location_order; // as written: introspection lists them so
	bool repeatable = false;
	bool builtin = false;   // one of graphql-js's specifiedDirectives
	uint32_t line = 0, column = 0; // of the SDL's definition: its position in document order
	bool fraiseql = false;  // FraiseQL mode's own (@view, @field...): printed, replaceable by the SDL's definition
	bool allows(DirectiveLocation l) const { return locations & (1u << static_cast<unsigned>(l)); }
	const InputValueDef *find_argument(std::string_view arg) const;
};

// How build_schema reads the SDL. FraiseQL mode is the extension's contract
// (docs/reference.md, "Schema (SDL)": @view/@field bindings, the extra scalars, root-field kinds).
// Spec mode builds any SDL the way graphql-js buildSchema does, with nothing
// FraiseQL-specific: used by the conformance runner and fraiseql-tool.
enum class BuildMode : uint8_t { FraiseQL, Spec };

struct BuildOptions {
	BuildMode mode = BuildMode::FraiseQL;
};

class Schema {
public:
	const TypeDef *find_type(std::string_view name) const;
	const TypeDef *query_type() const { return query_; }
	const TypeDef *mutation_type() const { return mutation_; }
	const TypeDef *subscription_type() const { return subscription_; }
	const TypeDef *root_type(syntax::OperationType operation) const;
	const std::vector<std::unique_ptr<TypeDef>> &types() const { return types_; }
	const std::vector<std::unique_ptr<DirectiveDef>> &directives() const { return directives_; }
	const DirectiveDef *find_directive(std::string_view name) const;
	BuildMode mode() const { return mode_; }
	const std::string &description() const { return description_; } // of the schema definition

	// graphql-js schema.getField: the meta-fields __typename (any composite
	// parent) and __schema/__type (query root, when introspection is on), else
	// the parent's own field.
	const FieldDef *field(const TypeDef &parent, std::string_view name) const;
	// Object types an abstract type can be at runtime (the type itself for an object).
	std::vector<const TypeDef *> possible_types(const TypeDef &type) const;
	// graphql-js isSubType: maybe_sub is a member of the union, or implements the interface.
	bool is_sub_type(const TypeDef &abstract, const TypeDef &maybe_sub) const;
	// graphql-js doTypesOverlap for two composite types.
	bool types_overlap(const TypeDef &a, const TypeDef &b) const;
	// graphql-js isTypeSubTypeOf for wrapped types.
	bool is_type_sub_type_of(const TypeExpr &maybe_sub, const TypeExpr &super) const;

	// Every view binding (on types and on root fields), for the glue to resolve.
	std::vector<ViewBinding *> view_bindings();
	// Every @function binding of Query and Mutation fields, for the glue to look up.
	std::vector<FunctionBinding *> function_bindings();

	// After the glue resolved the views: checks the columns the schema relies
	// on (data and id columns, argument columns of single-row root fields and
	// subscription fields, the id column a subscription re-reads rows by).
	[[nodiscard]] ErrorList check_bindings() const;

	// The view a root field reads: its own @view, else its type's.
	static const ViewBinding *view_of(const FieldDef &root_field);

private:
	friend class SchemaBuilder;
	friend class TypeGenerator;
	std::vector<std::unique_ptr<TypeDef>> types_;
	std::unordered_map<std::string_view, TypeDef *> by_name_; // views into types_[i]->name
	std::vector<std::unique_ptr<DirectiveDef>> directives_;
	const TypeDef *query_ = nullptr;
	const TypeDef *mutation_ = nullptr;
	const TypeDef *subscription_ = nullptr;
	BuildMode mode_ = BuildMode::FraiseQL;
	std::string description_;
	bool introspection_fields_ = false; // __schema and __type resolve (both modes; the request may forbid them)
	FieldDef typename_field_, schema_field_, type_field_;
};

struct BuildResult {
	std::unique_ptr<Schema> schema; // null on error
	ErrorList errors;               // messages carry the SDL line:column
};

// Parses and builds a schema from SDL text.
[[nodiscard]] BuildResult build_schema(std::string_view sdl, const BuildOptions &options = BuildOptions());

// camelCase -> snake_case, the default JSON key of a field (firstName -> first_name).
std::string snake_case(std::string_view name);

} // namespace fraiseql::schema
