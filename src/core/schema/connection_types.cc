// connection_types.cc: the generated output types of @connection root fields
// (docs/reference.md, "Connections"): <T>Connection { edges pageInfo totalCount },
// <T>Edge { cursor node } and PageInfo. The builder declares them (empty)
// before the fields that name them are read; here they get their fields, or a
// user type of the same name is checked to be exactly the generated one (an
// effective schema printed by schema_sdl() loads again).
#include "core/schema/generated_types.h"

namespace fraiseql::schema {

TypeExpr
type_of(const TypeDef *t, uint32_t non_null)
{
	TypeExpr e;
	e.named = t;
	e.non_null = non_null;
	return e;
}

FieldDef
output_field(const std::string &name, TypeExpr type)
{
	FieldDef f;
	f.name = name;
	f.json_key = snake_case(f.name);
	f.type = type;
	return f;
}

namespace {

bool
same_fields(const std::vector<FieldDef> &generated, const TypeDef &user)
{
	if (user.kind != TypeKind::Object || !user.interfaces.empty() || user.fields.size() != generated.size())
		return false;
	for (size_t i = 0; i < generated.size(); i++) {
		const FieldDef &g = generated[i];
		const FieldDef &u = user.fields[i];
		if (g.name != u.name || !u.arguments.empty() || g.type.print() != u.type.print() || u.json_key != g.json_key ||
		    u.view_override || !u.connection_type.empty())
			return false;
	}
	return true;
}

} // namespace

void
TypeGenerator::define_output_type(const std::string &name, GeneratedKind kind, const TypeDef *of,
                                  std::vector<FieldDef> fields, uint32_t line, uint32_t column, const std::string &what_kind)
{
	auto it = schema_.by_name_.find(name);
	if (it == schema_.by_name_.end()) {
		errors_.push_back(make_error(ErrorCode::ValidationFailed, "type \"" + name + "\" was not declared", line, column));
		return;
	}
	TypeDef *t = it->second;
	if (t->generated == kind && t->line == 0) { // declared by the builder
		if (t->fields.empty()) {
			t->fields = std::move(fields);
			t->generated_for = of;
			t->index_fields();
		}
		return;
	}
	if (t->generated == kind && t->generated_for == of)
		return; // a user type already checked for another field
	if (t->builtin || t->generated != GeneratedKind::None || !same_fields(fields, *t)) {
		std::string what = of ? " of \"" + of->name + "\"" : std::string();
		errors_.push_back(make_error(ErrorCode::ValidationFailed,
		                             "type \"" + name + "\" has the name of a generated " + what_kind + " type" + what +
		                                 " but differs from it; rename it (or declare it exactly as generated)",
		                             t->line, t->column));
		return;
	}
	t->generated = kind;
	t->generated_for = of;
}

void
TypeGenerator::add_connection(FieldDef &field, const TypeDef &node)
{
	const TypeDef *int_type = schema_.find_type("Int");
	const TypeDef *string_type = schema_.find_type("String");
	const TypeDef *boolean_type = schema_.find_type("Boolean");
	const struct {
		const char *name;
		const TypeDef *type;
	} paging[] = {{"first", int_type}, {"after", string_type}, {"last", int_type}, {"before", string_type}};
	for (const auto &p : paging)
		if (!field.find_argument(p.name)) {
			InputValueDef v;
			v.name = p.name;
			v.type = type_of(p.type, 0);
			field.arguments.push_back(std::move(v));
		}
	add_filter_arguments(field, node);

	const uint32_t line = field.connection_line, column = field.connection_column;
	std::vector<FieldDef> page_info;
	page_info.push_back(output_field("hasNextPage", type_of(boolean_type, 1)));
	page_info.push_back(output_field("hasPreviousPage", type_of(boolean_type, 1)));
	page_info.push_back(output_field("startCursor", type_of(string_type, 0)));
	page_info.push_back(output_field("endCursor", type_of(string_type, 0)));
	define_output_type("PageInfo", GeneratedKind::PageInfo, nullptr, std::move(page_info), line, column);

	const std::string edge_name = node.name + "Edge";
	std::vector<FieldDef> edge;
	edge.push_back(output_field("cursor", type_of(string_type, 1)));
	edge.push_back(output_field("node", type_of(&node, 1)));
	define_output_type(edge_name, GeneratedKind::Edge, &node, std::move(edge), line, column);

	const TypeDef *edge_type = schema_.find_type(edge_name);
	std::vector<FieldDef> connection;
	TypeExpr edges = type_of(edge_type, 1u | 2u);
	edges.list_depth = 1;
	connection.push_back(output_field("edges", edges));
	connection.push_back(output_field("pageInfo", type_of(schema_.find_type("PageInfo"), 1)));
	connection.push_back(output_field("totalCount", type_of(int_type, 1)));
	if (const TypeDef *aggregate = aggregate_type(node, line, column)) // aggregate_types.cc
		connection.push_back(output_field("aggregate", type_of(aggregate, 1)));
	define_output_type(node.name + "Connection", GeneratedKind::Connection, &node, std::move(connection), line, column);
}

} // namespace fraiseql::schema
