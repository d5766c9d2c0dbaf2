// filters.h: the operators of generated filter inputs (docs/reference.md, "Filtering and ordering"),
// shared by the schema generator (which input fields exist) and the compiler
// (what SQL each one means), so the two cannot drift apart.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/schema/schema.h"

namespace fraiseql::schema {

enum class FilterOp : uint8_t {
	Eq, Neq, In, Nin, IsNull,
	Contains, IContains, StartsWith, IStartsWith, EndsWith, IEndsWith, Like, ILike, Matches, IMatches, NotMatches,
	Gt, Gte, Lt, Lte,
	HasKey, JsonContains,
	ListContains, ContainedBy, Overlaps,
	Count
};

// Which operator set a filtered value has.
enum class FilterFamily : uint8_t {
	None,    // not filterable (custom scalars, interfaces, unions, lists of lists)
	Text,    // String, ID
	Ordered, // Int, Float, BigInt, Decimal, Date, DateTime, Time
	Basic,   // Boolean, UUID, enums
	Json,    // JSON
	List,    // a list of scalars or enums
	Object,  // a nested object: its own WhereInput
	ObjectList, // a list of objects: some/every/none over the element's WhereInput
};

// How an operator's value is typed in the filter input.
enum class OperandShape : uint8_t {
	Value,   // the filtered type itself (eq: Int)
	List,    // a list of it ([Int!])
	Boolean, // isnull
	String,  // patterns and JSON keys
	Json,    // JSON contains
};

struct FilterOpInfo {
	FilterOp op;
	const char *name; // input field name
	OperandShape operand;
};

// Operators of a family, in the order the generated input lists them.
// Returns the count written to `out` (at most FilterOp::Count).
size_t filter_ops(FilterFamily family, const FilterOpInfo **out);

// The operator named `name` within `family`, or nullptr.
const FilterOpInfo *find_filter_op(FilterFamily family, std::string_view name);

// The family of a field's type (FraiseQL mode).
FilterFamily filter_family(const TypeExpr &type);

// Whether values of this type can be an orderBy key.
bool orderable(const TypeExpr &type);

// Whether an orderBy input of `object` has a key: an orderable field, a list
// of objects (its count) or a nested object that has one (list_types.cc).
bool has_order_keys(const TypeDef &object);

} // namespace fraiseql::schema
