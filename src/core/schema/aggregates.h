// aggregates.h: what the generated aggregate fields of a root list field
// compute over each field of its object type (docs/reference.md,
// "Aggregates"), shared by the schema generator (which fields and result
// types exist) and the compiler (what SQL each one is), so they cannot drift.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/schema/schema.h"

namespace fraiseql::schema {

// The aggregate functions that take a field (count takes none).
enum class AggregateFn : uint8_t { CountDistinct, Sum, Avg, Min, Max };

struct AggregateFnInfo {
	AggregateFn fn;
	const char *field;  // the output (and having/orderBy) field holding it: "sum"
	const char *suffix; // of its generated types: <T>SumFields, <T>SumHavingInput...
};

// In the order the generated types list them.
size_t aggregate_fns(const AggregateFnInfo **out);
const AggregateFnInfo *find_aggregate_fn(std::string_view field);

// Whether `fn` applies to a field of this type (sum and avg: numbers; min and
// max: numbers, dates, times and strings; countDistinct: every groupable field).
bool aggregates(AggregateFn fn, const TypeExpr &field_type);

// Whether a field can be a groupBy key: a scalar or enum that can be ordered.
bool groupable(const TypeExpr &field_type);

// The name of the scalar `fn` over a field of type `leaf` returns: Int for
// countDistinct, BigInt for sums of Int and BigInt (no overflow at 2^31),
// Float for averages but of Decimal, else the field's own type.
std::string aggregate_result(AggregateFn fn, const TypeDef &leaf);

// BigInt and Decimal results are written as strings, so no digit is lost
// to a client that reads JSON numbers as doubles.
bool aggregate_as_string(const TypeDef &result);

// The groupBy enum value of a field: its snake_case name in capitals.
std::string group_by_value(std::string_view field_name);

// The comparison operators of having filters, in their input's order.
struct HavingOpInfo {
	const char *name; // eq
	const char *sql;  // " = "
};
size_t having_ops(const HavingOpInfo **out);

} // namespace fraiseql::schema
