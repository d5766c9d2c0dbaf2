// list_types.cc: the generated inputs that reach into nested values of
// `data` (docs/reference.md, "Filtering and ordering"): <T>ListFilter with
// some/every/none over a list of objects (the names Prisma and PostGraphile's
// filter plugin use), <T>ListOrderByInput ordering by a list's count, and
// nested <T>OrderByInput fields for nested objects.
#include <unordered_set>

#include "core/schema/filters.h"
#include "core/schema/generated_types.h"

namespace fraiseql::schema {

namespace {

TypeExpr
named(const TypeDef *t)
{
	TypeExpr e;
	e.named = t;
	return e;
}

// Depth first over nested objects; a type already on the path adds nothing
// the first visit does not, so cycles end there.
bool
order_keys_below(const TypeDef &object, std::unordered_set<const TypeDef *> &seen)
{
	if (!seen.insert(&object).second)
		return false;
	for (const FieldDef &f : object.fields) {
		FilterFamily family = filter_family(f.type);
		if (orderable(f.type) || family == FilterFamily::ObjectList)
			return true;
		if (family == FilterFamily::Object && order_keys_below(*f.type.named, seen))
			return true;
	}
	return false;
}

} // namespace

bool
has_order_keys(const TypeDef &object)
{
	std::unordered_set<const TypeDef *> seen;
	return order_keys_below(object, seen);
}

const TypeDef *
TypeGenerator::object_list_filter(const TypeDef &element)
{
	bool created = false;
	TypeDef *t = stage(element.name + "ListFilter", TypeKind::InputObject, GeneratedKind::ObjectListFilter, &element,
	                   created);
	if (!created)
		return t;
	const TypeDef *where = where_type(element);
	for (const char *quantifier : {"some", "every", "none"}) {
		InputValueDef v;
		v.name = quantifier;
		v.type = named(where);
		t->input_fields.push_back(std::move(v));
	}
	return t;
}

const TypeDef *
TypeGenerator::list_order_by(const TypeDef &element)
{
	bool created = false;
	TypeDef *t = stage(element.name + "ListOrderByInput", TypeKind::InputObject, GeneratedKind::ListOrderBy, &element,
	                   created);
	if (created) {
		InputValueDef v;
		v.name = "count";
		v.type = named(order_direction());
		t->input_fields.push_back(std::move(v));
	}
	return t;
}

const TypeDef *
TypeGenerator::nested_order_type(const TypeExpr &field_type)
{
	switch (filter_family(field_type)) {
	case FilterFamily::Object: return order_by_type(*field_type.named);
	case FilterFamily::ObjectList: return list_order_by(*field_type.named);
	default: return nullptr;
	}
}

} // namespace fraiseql::schema
