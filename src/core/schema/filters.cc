// filters.cc: the operator table of generated filter inputs.
#include "core/schema/filters.h"

namespace fraiseql::schema {

namespace {

using O = OperandShape;

constexpr FilterOpInfo EQ = {FilterOp::Eq, "eq", O::Value};
constexpr FilterOpInfo NEQ = {FilterOp::Neq, "neq", O::Value};
constexpr FilterOpInfo IN = {FilterOp::In, "in", O::List};
constexpr FilterOpInfo NIN = {FilterOp::Nin, "nin", O::List};
constexpr FilterOpInfo ISNULL = {FilterOp::IsNull, "isnull", O::Boolean};

constexpr FilterOpInfo TEXT_OPS[] = {
    EQ, NEQ, IN, NIN, ISNULL,
    {FilterOp::Contains, "contains", O::String},
    {FilterOp::IContains, "icontains", O::String},
    {FilterOp::StartsWith, "startswith", O::String},
    {FilterOp::IStartsWith, "istartswith", O::String},
    {FilterOp::EndsWith, "endswith", O::String},
    {FilterOp::IEndsWith, "iendswith", O::String},
    {FilterOp::Like, "like", O::String},
    {FilterOp::ILike, "ilike", O::String},
    {FilterOp::Matches, "matches", O::String},
    {FilterOp::IMatches, "imatches", O::String},
    {FilterOp::NotMatches, "notMatches", O::String},
};
constexpr FilterOpInfo ORDERED_OPS[] = {
    EQ, NEQ, IN, NIN, ISNULL,
    {FilterOp::Gt, "gt", O::Value},
    {FilterOp::Gte, "gte", O::Value},
    {FilterOp::Lt, "lt", O::Value},
    {FilterOp::Lte, "lte", O::Value},
};
constexpr FilterOpInfo BASIC_OPS[] = {EQ, NEQ, IN, NIN, ISNULL};
constexpr FilterOpInfo JSON_OPS[] = {
    EQ, NEQ, IN, NIN, ISNULL,
    {FilterOp::HasKey, "hasKey", O::String},
    {FilterOp::JsonContains, "contains", O::Json},
};
// A list is compared whole (eq/neq) or as a set (contains...); `in` of lists
// of lists would be a strange question, so lists do not have it.
constexpr FilterOpInfo LIST_OPS[] = {
    {FilterOp::Eq, "eq", O::List},
    {FilterOp::Neq, "neq", O::List},
    ISNULL,
    {FilterOp::ListContains, "contains", O::List},
    {FilterOp::ContainedBy, "containedBy", O::List},
    {FilterOp::Overlaps, "overlaps", O::List},
};

template <size_t N>
size_t
table(const FilterOpInfo (&ops)[N], const FilterOpInfo **out)
{
	*out = ops;
	return N;
}

} // namespace

size_t
filter_ops(FilterFamily family, const FilterOpInfo **out)
{
	switch (family) {
	case FilterFamily::Text: return table(TEXT_OPS, out);
	case FilterFamily::Ordered: return table(ORDERED_OPS, out);
	case FilterFamily::Basic: return table(BASIC_OPS, out);
	case FilterFamily::Json: return table(JSON_OPS, out);
	case FilterFamily::List: return table(LIST_OPS, out);
	default: *out = nullptr; return 0;
	}
}

const FilterOpInfo *
find_filter_op(FilterFamily family, std::string_view name)
{
	const FilterOpInfo *ops = nullptr;
	size_t n = filter_ops(family, &ops);
	for (size_t i = 0; i < n; i++)
		if (name == ops[i].name)
			return &ops[i];
	return nullptr;
}

namespace {

FilterFamily
leaf_family(const TypeDef &t)
{
	if (t.kind == TypeKind::Enum)
		return FilterFamily::Basic;
	if (t.kind != TypeKind::Scalar)
		return FilterFamily::None;
	switch (t.scalar) {
	case ScalarKind::String:
	case ScalarKind::ID: return FilterFamily::Text;
	case ScalarKind::Int:
	case ScalarKind::Float:
	case ScalarKind::BigInt:
	case ScalarKind::Decimal:
	case ScalarKind::Date:
	case ScalarKind::DateTime:
	case ScalarKind::Time: return FilterFamily::Ordered;
	case ScalarKind::Boolean:
	case ScalarKind::UUID: return FilterFamily::Basic;
	case ScalarKind::JSON: return FilterFamily::Json;
	case ScalarKind::Custom: return FilterFamily::None;
	}
	return FilterFamily::None;
}

} // namespace

FilterFamily
filter_family(const TypeExpr &type)
{
	if (!type.named)
		return FilterFamily::None;
	if (type.list_depth == 1) {
		if (type.named->kind == TypeKind::Object)
			return FilterFamily::ObjectList;
		FilterFamily item = leaf_family(*type.named);
		return item == FilterFamily::None || item == FilterFamily::Json ? FilterFamily::None : FilterFamily::List;
	}
	if (type.list_depth > 1)
		return FilterFamily::None;
	if (type.named->kind == TypeKind::Object)
		return FilterFamily::Object;
	return leaf_family(*type.named);
}

bool
orderable(const TypeExpr &type)
{
	FilterFamily f = filter_family(type);
	return f == FilterFamily::Text || f == FilterFamily::Ordered || f == FilterFamily::Basic;
}

} // namespace fraiseql::schema
