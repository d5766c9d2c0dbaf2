// abstract_roots.cc: classification and load-time checks of interface and
// union root fields over views.
#include "core/schema/abstract_roots.h"

namespace fraiseql::schema {

namespace {

void
fail(ErrorList &errors, uint32_t line, uint32_t column, std::string message)
{
	errors.push_back(make_error(ErrorCode::ValidationFailed, std::move(message), line, column));
}

// Arguments of a list field that are paging, not equality filters.
bool
is_paging_argument(const FieldDef &field, std::string_view name)
{
	return field.root_kind == RootKind::List &&
	       (name == "limit" || name == "offset" || (field.where_type && name == "where") ||
	        (field.order_by_type && name == "orderBy"));
}

// The fields of the first member that every other member has with the same
// type (by name: each member reads its own key or column).
std::vector<FieldDef>
common_fields(const std::vector<const TypeDef *> &members)
{
	std::vector<FieldDef> out;
	for (const FieldDef &f : members.front()->fields) {
		const std::string type = f.type.print();
		bool everywhere = true;
		for (size_t i = 1; i < members.size() && everywhere; i++) {
			const FieldDef *other = members[i]->find_field(f.name);
			everywhere = other && other->type.print() == type;
		}
		if (!everywhere)
			continue;
		FieldDef common; // what the generated inputs read: the name and the type
		common.name = f.name;
		common.type = f.type;
		common.json_key = f.json_key;
		out.push_back(std::move(common));
	}
	return out;
}

} // namespace

bool
is_abstract_root(const FieldDef &field)
{
	return field.type.named && field.type.named->is_abstract() && !field.view_override && !field.function;
}

void
classify_abstract_root(const Schema &schema, FieldDef &field, ErrorList &errors, TypeGenerator &generator)
{
	const std::string coordinate = "Query." + field.name;
	const TypeDef &type = *field.type.named;
	std::vector<const TypeDef *> possible = schema.possible_types(type);
	if (possible.empty()) {
		fail(errors, field.line, field.column,
		     coordinate + " returns \"" + type.name + "\", which no object type implements: nothing to read");
		return;
	}
	bool ok = true;
	for (const TypeDef *member : possible)
		if (!member->view) {
			fail(errors, field.line, field.column,
			     coordinate + " returns \"" + type.name + "\", so each of its possible types needs a @view: give type \"" +
			         member->name + "\" a @view");
			ok = false;
		}
	if (!ok)
		return;
	if (field.type.list_depth == 1) {
		field.root_kind = RootKind::List;
		if (type.kind == TypeKind::Interface) {
			// Its fields are every member's: one generated filter serves each view.
			generator.add_list_arguments(field, type);
			return;
		}
		// A union: the fields every member has, with one type, filter and order it.
		generator.add_union_list_arguments(field, type, common_fields(possible));
	} else if (field.type.list_depth == 0 && !field.type.is_non_null() && !field.arguments.empty()) {
		field.root_kind = RootKind::Single;
	} else {
		fail(errors, field.line, field.column,
		     coordinate + " must return a list [" + type.name + "!]! or a nullable " + type.name + " with arguments");
	}
}

void
check_abstract_root(const Schema &schema, const FieldDef &field, ErrorList &errors)
{
	if (field.root_kind != RootKind::List && field.root_kind != RootKind::Single)
		return;
	const std::string coordinate = "Query." + field.name;
	for (const TypeDef *member : schema.possible_types(*field.type.named)) {
		const ViewBinding *v = member->view.get();
		if (!v || !v->resolved)
			continue; // reported with the view itself
		if (field.root_kind == RootKind::List && !v->find_column(v->id_column))
			fail(errors, v->line, v->column,
			     coordinate + " lists \"" + member->name + "\" rows ordered by the id column \"" + v->id_column +
			         "\", which view \"" + v->name + "\" does not have (name another one with @view(idColumn:))");
		for (const InputValueDef &a : field.arguments) {
			if (is_paging_argument(field, a.name))
				continue;
			std::string column = snake_case(a.name);
			if (!v->find_column(column))
				fail(errors, a.line, a.column,
				     "argument \"" + a.name + "\" of " + coordinate + " filters on column \"" + column + "\", which view \"" +
				         v->name + "\" (of type \"" + member->name + "\") does not have");
		}
	}
}

} // namespace fraiseql::schema
