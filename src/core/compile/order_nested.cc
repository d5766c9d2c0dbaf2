// order_nested.cc: orderBy keys below the row (docs/reference.md, "Filtering
// and ordering"): a nested object's own OrderByInput (`author: {name: ASC}`,
// to any depth) and the element count of a list of objects
// (`comments: {count: DESC}`). Nested values are read from the JSON only.
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
FilterCompiler::nested_order_keys(const schema::FieldDef &field, const schema::TypeDef &order_type, const Scope &scope,
                                  const InputRef &value, std::vector<OrderKey> &keys, uint32_t depth)
{
	if (depth > MAX_ORDER_DEPTH) {
		errors_.push_back(make_error(ErrorCode::QueryTooComplex, "orderBy is nested too deeply", value.loc.line,
		                             value.loc.column));
		return;
	}
	const std::string json = json_value(scope.json, field.json_key);
	if (schema::filter_family(field.type) == schema::FilterFamily::ObjectList) {
		InputRef direction = reader_.field(value, "count");
		OrderKey key;
		if (!direction.present() || direction.is_null() || !order_key(field, scope, direction, key))
			return;
		// The direction as for any key; the value is the count, 0 for a null
		// or absent list (as an aggregate count over no rows), so it is
		// never NULL.
		key.expression = "COALESCE(pg_catalog.jsonb_array_length(" + json_array_or_null(json) + "), 0)";
		key.type_oid = INT4_OID;
		keys.push_back(std::move(key));
		return;
	}
	const schema::TypeDef &object = *field.type.named;
	Scope nested{scope.view, json, false, scope.negated, scope.from_data, scope.data_path};
	nested.data_path.push_back(field.json_key);
	for (const schema::InputValueDef &f : order_type.input_fields) {
		InputRef given = reader_.field(value, f.name);
		if (!given.present() || given.is_null())
			continue;
		const schema::FieldDef *inner = object.find_field(f.name);
		if (!inner)
			continue;
		if (f.type.named && f.type.named->kind == schema::TypeKind::InputObject) {
			nested_order_keys(*inner, *f.type.named, nested, given, keys, depth + 1);
			continue;
		}
		OrderKey key;
		if (order_key(*inner, nested, given, key))
			keys.push_back(std::move(key));
	}
}

} // namespace fraiseql::compile
