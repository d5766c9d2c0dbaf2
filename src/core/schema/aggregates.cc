// aggregates.cc: the table of aggregate functions and their result types.
#include "core/schema/aggregates.h"

#include "core/schema/filters.h"

namespace fraiseql::schema {

namespace {

constexpr AggregateFnInfo FNS[] = {
    {AggregateFn::CountDistinct, "countDistinct", "CountDistinct"},
    {AggregateFn::Sum, "sum", "Sum"},
    {AggregateFn::Avg, "avg", "Avg"},
    {AggregateFn::Min, "min", "Min"},
    {AggregateFn::Max, "max", "Max"},
};

constexpr HavingOpInfo HAVING_OPS[] = {
    {"eq", " = "}, {"neq", " <> "}, {"gt", " > "}, {"gte", " >= "}, {"lt", " < "}, {"lte", " <= "},
};

bool
numeric(ScalarKind k)
{
	return k == ScalarKind::Int || k == ScalarKind::Float || k == ScalarKind::BigInt || k == ScalarKind::Decimal;
}

} // namespace

size_t
aggregate_fns(const AggregateFnInfo **out)
{
	*out = FNS;
	return sizeof FNS / sizeof FNS[0];
}

const AggregateFnInfo *
find_aggregate_fn(std::string_view field)
{
	for (const AggregateFnInfo &f : FNS)
		if (field == f.field)
			return &f;
	return nullptr;
}

bool
groupable(const TypeExpr &field_type)
{
	return orderable(field_type);
}

bool
aggregates(AggregateFn fn, const TypeExpr &field_type)
{
	if (!groupable(field_type))
		return false;
	const TypeDef &leaf = *field_type.named;
	const bool scalar = leaf.kind == TypeKind::Scalar;
	switch (fn) {
	case AggregateFn::CountDistinct: return true;
	case AggregateFn::Sum:
	case AggregateFn::Avg: return scalar && numeric(leaf.scalar);
	case AggregateFn::Min:
	case AggregateFn::Max:
		return scalar && (numeric(leaf.scalar) || leaf.scalar == ScalarKind::String || leaf.scalar == ScalarKind::Date ||
		                  leaf.scalar == ScalarKind::DateTime || leaf.scalar == ScalarKind::Time);
	}
	return false;
}

std::string
aggregate_result(AggregateFn fn, const TypeDef &leaf)
{
	switch (fn) {
	case AggregateFn::CountDistinct: return "Int";
	case AggregateFn::Sum: return leaf.scalar == ScalarKind::Int ? "BigInt" : leaf.name;
	case AggregateFn::Avg: return leaf.scalar == ScalarKind::Decimal ? leaf.name : "Float";
	case AggregateFn::Min:
	case AggregateFn::Max: return leaf.name;
	}
	return leaf.name;
}

bool
aggregate_as_string(const TypeDef &result)
{
	return result.kind == TypeKind::Scalar && (result.scalar == ScalarKind::BigInt || result.scalar == ScalarKind::Decimal);
}

std::string
group_by_value(std::string_view field_name)
{
	std::string out = snake_case(field_name);
	for (char &c : out)
		if (c >= 'a' && c <= 'z')
			c = static_cast<char>(c - 'a' + 'A');
	return out;
}

size_t
having_ops(const HavingOpInfo **out)
{
	*out = HAVING_OPS;
	return sizeof HAVING_OPS / sizeof HAVING_OPS[0];
}

} // namespace fraiseql::schema
