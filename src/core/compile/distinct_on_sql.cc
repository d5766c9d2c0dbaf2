// distinct_on_sql.cc: DISTINCT ON and its ORDER BY (see distinct_on_sql.h).
#include "core/compile/distinct_on_sql.h"

#include "core/compile/compiler.h"
#include "core/compile/sql_types.h"

namespace fraiseql::compile {

namespace {

// How orderBy reads the field: its real column, else the typed JSON value.
std::string
sort_value(const schema::FieldDef &field, const schema::ViewBinding &view)
{
	const schema::Column *column = view.find_column(schema::snake_case(field.name));
	if (column && column->name != view.data_column)
		return "v." + quote_identifier(column->name);
	// Written as order_keys writes it, so an orderBy key on the same field matches.
	const std::string text = "(v." + quote_identifier(view.data_column) + "->>" + quote_literal(field.json_key) + ")";
	const char *cast = json_cast(*field.type.named);
	return cast ? "(" + text + "::" + cast + ")" : text;
}

} // namespace

DistinctOnSql
distinct_on_sql(const schema::TypeDef &object, const schema::ViewBinding &view, const std::vector<std::string> &fields,
                const std::vector<OrderKey> &order_keys)
{
	DistinctOnSql out;
	std::vector<std::string> values;
	std::vector<bool> used(order_keys.size(), false);
	for (const std::string &name : fields) {
		const schema::FieldDef *field = object.find_field(name);
		if (!field)
			continue;
		std::string value = sort_value(*field, view);
		bool seen = false;
		for (const std::string &v : values)
			seen = seen || v == value;
		if (seen)
			continue;
		std::string direction = "ASC";
		for (size_t i = 0; i < order_keys.size(); i++)
			if (!used[i] && order_keys[i].expression == value) {
				direction = order_keys[i].direction;
				used[i] = true;
				break;
			}
		values.push_back(value);
		out.order.push_back(value + " " + direction);
	}
	if (values.empty())
		return out;
	out.distinct = "DISTINCT ON (";
	for (size_t i = 0; i < values.size(); i++)
		out.distinct += (i ? ", " : "") + values[i];
	out.distinct += ")";
	for (size_t i = 0; i < order_keys.size(); i++)
		if (!used[i])
			out.order.push_back(order_keys[i].expression + " " + order_keys[i].direction);
	return out;
}

} // namespace fraiseql::compile
