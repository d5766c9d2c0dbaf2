// filter_operators.cc: fraiseql._filter_operators() -> jsonb, the operator
// table of generated filters (schema/filters.h), one object per operator and
// family; fraiseql.filter_operators() (the install script) shows it as rows.
#include <string>

#include "core/response/json_writer.h"
#include "core/schema/filters.h"
#include "pg/guard.h"

using namespace fraiseql;

namespace {

void
member(std::string &out, const char *key, const char *value)
{
	out += out.back() == '{' ? "\"" : ", \"";
	out += key;
	out += "\": ";
	if (!value) {
		out += "null";
		return;
	}
	out += '"';
	response::append_escaped(out, value);
	out += '"';
}

} // namespace

FRAISEQL_FUNCTION(filter_operators)
{
	(void) fcinfo;
	std::string json = "[";
	for (size_t i = 0; i < schema::filter_operator_count(); i++) {
		const schema::FilterOperator &op = schema::filter_operator(i);
		for (unsigned f = 0; f < static_cast<unsigned>(schema::FilterFamily::Count); f++) {
			const auto family = static_cast<schema::FilterFamily>(f);
			if (!schema::in_family(op, family))
				continue;
			json += json.size() > 1 ? ", {" : "{";
			member(json, "name", op.name);
			member(json, "family", schema::filter_family_name(family));
			member(json, "operand", schema::operand_shape_name(op.operand));
			member(json, "sql", op.sql);
			member(json, "json_sql", family == schema::FilterFamily::List ? op.json_sql : nullptr);
			member(json, "index", op.index);
			json += "}";
		}
	}
	json += "]";
	const char *json_text = json.c_str();
	return pg::call([&] { return DirectFunctionCall1(jsonb_in, CStringGetDatum(json_text)); });
}
