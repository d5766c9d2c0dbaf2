// abstract_sql.cc: SQL of interface and union root fields over views.
#include "core/compile/abstract_sql.h"

#include "core/compile/compiler.h"
#include "core/compile/limit_cap.h"

namespace fraiseql::compile {

namespace {

std::string
view_name(const schema::ViewBinding &view)
{
	return quote_identifier(view.schema_name) + "." + quote_identifier(view.relation_name);
}

} // namespace

std::string
abstract_root_sql(const schema::FieldDef &def, const syntax::Field &field, const BindScalar &bind,
                  FilterCompiler &filters, const InputReader &reader, uint32_t max_limit, RootField &out,
                  ErrorList &errors)
{
	const bool list = def.root_kind == schema::RootKind::List;
	const syntax::Value *limit = nullptr;
	const syntax::Value *offset = nullptr;
	const syntax::Value *where_value = nullptr;
	const syntax::Value *order_value = nullptr;
	std::vector<const syntax::Argument *> equalities;
	for (const syntax::Argument &arg : field.arguments) {
		if (def.where_type && arg.name.text == "where")
			where_value = arg.value;
		else if (def.order_by_type && arg.name.text == "orderBy")
			order_value = arg.value;
		else if (list && arg.name.text == "limit")
			limit = arg.value;
		else if (list && arg.name.text == "offset")
			offset = arg.value;
		else
			equalities.push_back(&arg);
	}
	InputRef where_ref, order_ref;
	if (where_value)
		where_ref = reader.root(*where_value);
	if (order_value)
		order_ref = reader.root(*order_value);
	const bool has_where = where_value && where_ref.present() && !where_ref.is_null();
	const bool has_order = order_value && order_ref.present() && !order_ref.is_null();
	std::vector<std::string> directions; // of the first branch's keys: the same value gives every branch the same
	out.tagged = true;
	// Paging first: its $n also bound each branch, so each view reads at most
	// limit + offset rows in id order (an index on id serves) instead of all.
	std::string limit_sql, offset_sql;
	if (list) {
		limit_sql = cap_limit(out.params, limit ? bind(*limit, INT8_OID, "limit") : std::string(), max_limit);
		if (offset)
			offset_sql = bind(*offset, INT8_OID, "offset");
	}
	std::string branch_limit;
	if (!limit_sql.empty())
		branch_limit = offset_sql.empty() ? limit_sql : limit_sql + " + COALESCE(" + offset_sql + ", 0)";
	const size_t count = out.branches.size();
	std::string sql = "SELECT u.tag, u.data FROM (";
	for (size_t i = 0; i < count; i++) {
		const schema::TypeDef &member = *out.branches[i].type;
		const schema::ViewBinding *view = member.view.get();
		if (!view || !view->resolved) {
			errors.push_back(make_error(ErrorCode::Internal, "type \"" + member.name + "\" has no resolved view",
			                            field.loc.line, field.loc.column));
			return std::string();
		}
		if (i)
			sql += " UNION ALL ";
		sql += branch_limit.empty() ? "SELECT " : "(SELECT ";
		sql += std::to_string(i);
		if (!i)
			sql += " AS tag";
		if (list) {
			// The id of branch i in column k<i>; NULL of the other branches' id types elsewhere.
			for (size_t k = 0; k < count; k++) {
				const schema::ViewBinding &other = *out.branches[k].type->view;
				const schema::Column *id = other.find_column(other.id_column);
				sql += ", ";
				if (k == i)
					sql += "v." + quote_identifier(view->id_column);
				else
					sql += "NULL::" + (id ? id->type_name : std::string("text"));
				if (!i)
					sql += " AS k" + std::to_string(k);
			}
		}
		std::string branch_order;
		if (has_order) {
			std::vector<OrderKey> keys = filters.order_keys(member, *def.order_by_type, *view, order_ref);
			if (!i)
				for (const OrderKey &key : keys)
					directions.push_back(key.direction);
			for (size_t k = 0; k < keys.size() && k < directions.size(); k++) {
				sql += ", " + keys[k].expression;
				if (!i)
					sql += " AS o" + std::to_string(k);
				branch_order += keys[k].expression + " " + keys[k].direction + ", ";
			}
		}
		sql += ", v." + quote_identifier(view->data_column);
		if (!i)
			sql += " AS data";
		sql += " FROM " + view_name(*view) + " v";
		bool first = true;
		if (has_where) {
			std::string predicate = filters.where(member, *def.where_type, *view, where_ref);
			if (predicate != "TRUE") {
				sql += " WHERE " + predicate;
				first = false;
			}
		}
		for (const syntax::Argument *arg : equalities) {
			std::string column = schema::snake_case(arg->name.text);
			const schema::Column *col = view->find_column(column);
			if (!col) {
				errors.push_back(make_error(ErrorCode::Internal,
				                            "view \"" + view->name + "\" has no column \"" + column + "\"",
				                            arg->loc.line, arg->loc.column));
				continue;
			}
			sql += first ? " WHERE " : " AND ";
			first = false;
			sql += "v." + quote_identifier(column) + " = " + bind(*arg->value, col->type_oid, arg->name.text);
		}
		if (!branch_limit.empty())
			sql += " ORDER BY " + branch_order + "v." + quote_identifier(view->id_column) + " LIMIT " + branch_limit + ")";
	}
	sql += ") u";
	if (!list)
		return sql + " LIMIT 2"; // a second row means the filter is not unique
	sql += " ORDER BY ";
	for (size_t k = 0; k < directions.size(); k++)
		sql += "u.o" + std::to_string(k) + " " + directions[k] + ", ";
	sql += "u.tag";
	for (size_t k = 0; k < count; k++)
		sql += ", u.k" + std::to_string(k);
	if (!limit_sql.empty())
		sql += " LIMIT " + limit_sql;
	if (!offset_sql.empty())
		sql += " OFFSET " + offset_sql;
	return sql;
}

} // namespace fraiseql::compile
