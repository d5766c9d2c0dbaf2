// generated_types.h: FraiseQL mode's generated input types (docs/reference.md,
// "Schema (SDL)"): <T>WhereInput with per-scalar filter inputs, <T>OrderByInput,
// OrderDirection, and the where/orderBy/limit/offset arguments of root list
// fields. Generated types are ordinary TypeDefs appended to the schema, so
// validation, coercion, introspection and printing see them like any other.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/schema/schema.h"
#include "core/util/error.h"

namespace fraiseql::schema {

// The generated output types' pieces (connection_types.cc): a reference to
// `t` (non_null: bit 0 for the type itself), and a field whose JSON key is
// its snake_case name.
TypeExpr type_of(const TypeDef *t, uint32_t non_null);
FieldDef output_field(const std::string &name, TypeExpr type);

class TypeGenerator {
public:
	TypeGenerator(Schema &schema, ErrorList &errors) : schema_(schema), errors_(errors) {}

	// Adds the generated arguments a root list field of `object` lacks.
	void add_list_arguments(FieldDef &field, const TypeDef &object);

	// A Subscription field over `object`: the generated `where` argument
	// (events filtered like rows), unless declared.
	void add_where_argument(FieldDef &field, const TypeDef &object);

	// distinctOn: [<T>DistinctOnField!] on a root list field over a view of
	// `object` (an enum of its orderable fields), unless declared.
	void add_distinct_on_argument(FieldDef &field, const TypeDef &object);

	// A root list field over a union: where/orderBy over `common` (the fields
	// every member has, with one type; each member's view filters its own),
	// named after the union, plus limit/offset.
	void add_union_list_arguments(FieldDef &field, const TypeDef &union_type, std::vector<FieldDef> common);

	// A root field with @connection(type:) over `node` (connection_types.cc):
	// adds the first/after/last/before/where/orderBy arguments it lacks, and
	// fills the <T>Connection, <T>Edge and PageInfo types the builder declared
	// for it (or checks that the user's own declarations are identical).
	void add_connection(FieldDef &field, const TypeDef &node);

	// A root list field `list` of `query` over `object` (aggregate_types.cc):
	// adds Query.<list>Aggregate and its types, or adopts the field of that
	// name when it is exactly the generated one (an effective schema loaded
	// again). `query.fields` must have room: pointers to its fields are kept.
	void add_aggregate(TypeDef &query, const FieldDef &list, const TypeDef &object);

	// The <T>Aggregate type of `object` (created once), or nullptr when the
	// user's type of that name differs (an error is recorded).
	const TypeDef *aggregate_type(const TypeDef &object, uint32_t line, uint32_t column);

	// Appends the generated types to the schema. A user type with a generated
	// name is kept (and used) when it is identical, else it is an error at its
	// position.
	void finish();

private:
	Schema &schema_;
	ErrorList &errors_;
	std::vector<std::unique_ptr<TypeDef>> staged_;
	std::unordered_map<std::string, TypeDef *> staged_by_name_;
	std::vector<std::pair<TypeDef *, const TypeDef *>> pending_where_; // where input, object type
	std::vector<FieldDef *> root_fields_;
	// Stand-ins for unions: an object type holding the common fields, alive
	// while types are generated; generated types then point at the union.
	std::vector<std::pair<std::unique_ptr<TypeDef>, const TypeDef *>> union_shapes_;

	TypeDef *stage(const std::string &name, TypeKind kind, GeneratedKind generated, const TypeDef *of, bool &created);
	const TypeDef *filter_type(const TypeExpr &field_type);
	const TypeDef *distance_input(const TypeDef &geometry); // distanceWithin's operand
	TypeDef *where_type(const TypeDef &object);
	const TypeDef *order_by_type(const TypeDef &object);
	// list_types.cc: inputs over lists of objects and nested orderBy keys.
	const TypeDef *object_list_filter(const TypeDef &element);
	const TypeDef *list_order_by(const TypeDef &element);
	const TypeDef *nested_order_type(const TypeExpr &field_type);
	const TypeDef *order_direction();
	void fill_pending_where();
	void add_filter_arguments(FieldDef &field, const TypeDef &object);
	void add_paging_arguments(FieldDef &field); // limit and offset, unless declared
	void define_output_type(const std::string &name, GeneratedKind kind, const TypeDef *of,
	                        std::vector<FieldDef> fields, uint32_t line, uint32_t column,
	                        const std::string &what_kind = "connection");
	bool identical(const TypeDef &generated, const TypeDef &user) const;
	// aggregate_types.cc
	const TypeDef *aggregate_output(const std::string &name, GeneratedKind kind, const TypeDef &of,
	                                std::vector<FieldDef> fields, uint32_t line, uint32_t column);
	const TypeDef *aggregate_filter(const TypeDef &scalar);
	std::vector<InputValueDef> aggregate_arguments(const TypeDef &object);
};

} // namespace fraiseql::schema
