// filters.h: the operators of generated filter inputs (docs/reference.md, "Filtering and ordering"),
// one table read by the schema generator (which input fields exist), the
// compiler (what SQL each one means) and fraiseql.filter_operators(), so
// none of them can drift from the others.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/schema/schema.h"

namespace fraiseql::schema {

// Which operator set a filtered value has.
enum class FilterFamily : uint8_t {
	None,       // not filterable (custom scalars, interfaces, unions, lists of lists)
	Text,       // String, ID
	Ordered,    // Int, Float, BigInt, Decimal, Date, DateTime, Time
	Basic,      // Boolean, UUID, MacAddress, enums
	Json,       // JSON
	List,       // a list of scalars or enums
	Object,     // a nested object: its own WhereInput
	ObjectList, // a list of objects: some/every/none over the element's WhereInput
	Network,    // IpAddress, CIDR
	LTree,      // LTree
	Range,      // IntRange, DateRange, DateTimeRange
	FullText,   // TSVector
	Geometry,   // Geometry (PostGIS)
	Count
};

// How an operator's value is typed in the filter input.
enum class OperandShape : uint8_t {
	Value,   // the filtered type itself (eq: Int; for a list family, the list)
	List,    // a list of it ([Int!])
	Item,    // one item of a list (anyEq), or the element of a range (containsValue)
	Boolean, // isnull, isIPv4...
	String,  // patterns, JSON keys, tsquery text
	Json,    // JSON contains
	Int,     // lengths and depths
	JsonPath, // a jsonpath, as a String
	LQuery,  // an lquery, as a String
	Distance, // GeometryDistanceInput {point, meters}
};

// How the compiler builds an operator's SQL. Most are the template with its
// placeholders replaced; the others need the shape of the value first.
enum class OpForm : uint8_t {
	Template, // sql with {x} (typed value), {t} (value as text), {v} (operand), {w} (a second operand: meters),
	          // {c} (text search configuration)
	IsNull,   // {t} IS [NOT] NULL
	In,       // = ANY, null-safe under NOT (filter_sql.cc)
	Nin,      // <> ALL, likewise
	Flag,     // a Boolean operand: the template when true, its negation when false
	Overlaps, // && on SQL arrays; item by item on JSON lists
};

// How a String operand is escaped for LIKE.
enum class LikeEscape : uint8_t { None, Contains, Prefix, Suffix };

struct FilterOperator {
	const char *name;     // input field name
	uint32_t families;    // bit (1 << FilterFamily) for each family that has it
	OperandShape operand;
	OpForm form;
	const char *sql;      // the template (on JSON lists: json_sql when set)
	const char *json_sql; // List family only: the template on a JSON array, nullptr when the same
	const char *index;    // the index kind that can serve it on a real column ("B-tree", "GIN", "GiST"), or nullptr
	LikeEscape like = LikeEscape::None;
};

// Every operator, in the order generated inputs list them.
size_t filter_operator_count();
const FilterOperator &filter_operator(size_t i);

// Whether the operator belongs to `family`.
inline bool
in_family(const FilterOperator &op, FilterFamily family)
{
	return op.families & (1u << static_cast<unsigned>(family));
}

// The operator named `name` within `family`, or nullptr.
const FilterOperator *find_filter_op(FilterFamily family, std::string_view name);

// The family's name as fraiseql.filter_operators() shows it ("Text", "Range"...).
const char *filter_family_name(FilterFamily family);
// The operand's shape as fraiseql.filter_operators() shows it.
const char *operand_shape_name(OperandShape shape);

// The family of a field's type (FraiseQL mode).
FilterFamily filter_family(const TypeExpr &type);

// Whether values of this type can be an orderBy key.
bool orderable(const TypeExpr &type);

// Whether an orderBy input of `object` has a key: an orderable field, a list
// of objects (its count) or a nested object that has one (list_types.cc).
bool has_order_keys(const TypeDef &object);

} // namespace fraiseql::schema
