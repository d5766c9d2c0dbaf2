// order_nested.cc: the keys of an orderBy object, including those below the
// row (docs/reference.md, "Filtering and ordering"): a nested object's own
// OrderByInput (`author: {name: ASC}`, to any depth) and the element count of
// a list of objects (`comments: {count: DESC}`). Nested values are read from
// the JSON only.
#include "core/compile/compiler.h"
#include "core/compile/filter_sql.h"
#include "core/compile/json_access.h"
#include "core/compile/sql_types.h"
#include "core/schema/filters.h"

namespace fraiseql::compile {

namespace {

// As the filters' bound: the parser's ceiling is far below it.
constexpr uint32_t MAX_ORDER_DEPTH = 600;

} // namespace

void
FilterCompiler::object_order_keys(const schema::TypeDef &object, const schema::TypeDef &order_type, const Scope &scope,
                                  const InputRef &value, std::vector<OrderKey> &keys, uint32_t depth)
{
	if (depth > MAX_ORDER_DEPTH) {
		errors_.push_back(make_error(ErrorCode::QueryTooComplex, "orderBy is nested too deeply", value.loc.line,
		                             value.loc.column));
		return;
	}
	for (const schema::InputValueDef &f : order_type.input_fields) {
		InputRef given = reader_.field(value, f.name);
		if (!given.present() || given.is_null())
			continue;
		const schema::FieldDef *field = object.find_field(f.name);
		if (!field)
			continue;
		const schema::FilterFamily family = schema::filter_family(field->type);
		const std::string json = json_value(scope.json, field->json_key);
		if (family == schema::FilterFamily::Object && f.type.named) {
			Scope nested{scope.view, json, false, scope.negated, scope.from_data, scope.data_path};
			nested.data_path.push_back(field->json_key);
			object_order_keys(*field->type.named, *f.type.named, nested, given, keys, depth + 1);
			continue;
		}
		InputRef direction = family == schema::FilterFamily::ObjectList ? reader_.field(given, "count") : given;
		OrderKey key;
		if (!direction.present() || direction.is_null() || !order_key(*field, scope, direction, key))
			continue;
		if (family == schema::FilterFamily::ObjectList) {
			// The direction as for any key; the value is the count, 0 for a
			// null or absent list (as an aggregate count over no rows), so it
			// is never NULL.
			key.expression = "COALESCE(pg_catalog.jsonb_array_length(" + json_array_or_null(json) + "), 0)";
			key.type_oid = INT4_OID;
		}
		keys.push_back(std::move(key));
	}
}

} // namespace fraiseql::compile
