// sql_types.cc: typing of filter comparisons (see sql_types.h).
#include "core/compile/sql_types.h"

#include "core/coerce/typed_scalars.h"
#include "core/schema/typed_scalar_cases.h"

namespace fraiseql::compile {

using schema::ScalarKind;

SqlType
natural_type(const schema::TypeDef &leaf)
{
	if (leaf.kind != schema::TypeKind::Scalar)
		return {TEXT_OID, "text"}; // enums
	switch (leaf.scalar) {
	case ScalarKind::Int: return {INT4_OID, "integer"};
	case ScalarKind::Float: return {FLOAT8_OID, "double precision"};
	case ScalarKind::BigInt: return {INT8_OID, "bigint"};
	case ScalarKind::Decimal: return {NUMERIC_OID, "numeric"};
	case ScalarKind::Boolean: return {BOOL_OID, "boolean"};
	case ScalarKind::UUID: return {UUID_OID, "uuid"};
	case ScalarKind::Date: return {DATE_OID, "date"};
	case ScalarKind::DateTime: return {TIMESTAMPTZ_OID, "timestamptz"};
	case ScalarKind::Time: return {TIME_OID, "time"};
	case ScalarKind::JSON:
	case ScalarKind::Geometry: return {JSONB_OID, "jsonb"};
	case ScalarKind::String:
	case ScalarKind::ID:
	case ScalarKind::Custom: return {TEXT_OID, "text"};
	FRAISEQL_TYPED_SCALAR_CASES: {
		// An extension's type (ltree) has no fixed OID: bound as text and cast.
		const coerce::TypedScalar *t = coerce::typed_scalar(leaf.scalar);
		return {t->type_oid ? t->type_oid : TEXT_OID, t->pg_type};
	}
	}
	return {TEXT_OID, "text"};
}

const char *
json_cast(const schema::TypeDef &leaf)
{
	if (leaf.kind != schema::TypeKind::Scalar)
		return nullptr;
	switch (leaf.scalar) {
	case ScalarKind::Int:
	case ScalarKind::Float:
	case ScalarKind::BigInt:
	case ScalarKind::Decimal: return "numeric";
	case ScalarKind::Boolean: return "boolean";
	case ScalarKind::UUID: return "uuid";
	case ScalarKind::Date: return "date";
	case ScalarKind::DateTime: return "timestamptz";
	case ScalarKind::Time: return "time";
	default: {
		const coerce::TypedScalar *t = coerce::typed_scalar(leaf.scalar);
		return t ? t->pg_type : nullptr;
	}
	}
}

SqlType
json_compare_type(const schema::TypeDef &leaf)
{
	const char *cast = json_cast(leaf);
	if (cast && std::string(cast) == "numeric")
		return {NUMERIC_OID, "numeric"};
	return natural_type(leaf);
}

bool
is_text_column(const schema::Column &column)
{
	return column.type_oid == TEXT_OID || column.type_oid == VARCHAR_OID || column.type_oid == BPCHAR_OID ||
	       column.type_oid == NAME_OID || column.type_name == "citext";
}

bool
is_array_column(const schema::Column &column)
{
	return column.type_name.size() > 2 && column.type_name.compare(column.type_name.size() - 2, 2, "[]") == 0;
}

namespace {

bool
one_of(uint32_t oid, std::initializer_list<uint32_t> oids)
{
	for (uint32_t o : oids)
		if (o == oid)
			return true;
	return false;
}

} // namespace

ColumnComparison
column_comparison(const schema::TypeDef &leaf, const schema::Column &column)
{
	ColumnComparison out;
	out.natural = natural_type(leaf);
	const uint32_t c = column.type_oid;
	// "exact": every value of the GraphQL type is a value of the column type,
	// so the parameter takes the column's type. "family": PostgreSQL has
	// cross-type operators (in the column's btree family) for the natural type.
	bool exact = false, family = false;
	if (leaf.kind == schema::TypeKind::Enum) {
		exact = !is_array_column(column); // a label: text, varchar or the column's own enum type
	} else {
		switch (leaf.scalar) {
		case ScalarKind::String:
			exact = is_text_column(column);
			break;
		case ScalarKind::ID:
			exact = is_text_column(column) || one_of(c, {UUID_OID, INT4_OID, INT8_OID});
			family = c == INT2_OID;
			break;
		case ScalarKind::Int:
			exact = one_of(c, {INT4_OID, INT8_OID, NUMERIC_OID, FLOAT8_OID});
			family = one_of(c, {INT2_OID, FLOAT4_OID});
			break;
		case ScalarKind::BigInt:
			exact = one_of(c, {INT8_OID, NUMERIC_OID});
			family = one_of(c, {INT2_OID, INT4_OID, FLOAT4_OID, FLOAT8_OID});
			break;
		case ScalarKind::Float:
			exact = one_of(c, {FLOAT8_OID, NUMERIC_OID});
			family = one_of(c, {FLOAT4_OID, INT2_OID, INT4_OID, INT8_OID});
			break;
		case ScalarKind::Decimal:
			exact = c == NUMERIC_OID;
			family = one_of(c, {INT2_OID, INT4_OID, INT8_OID, FLOAT4_OID, FLOAT8_OID});
			break;
		case ScalarKind::Boolean: exact = c == BOOL_OID; break;
		case ScalarKind::UUID: exact = c == UUID_OID; break;
		case ScalarKind::Date:
			exact = c == DATE_OID;
			family = one_of(c, {TIMESTAMP_OID, TIMESTAMPTZ_OID});
			break;
		case ScalarKind::DateTime:
			exact = c == TIMESTAMPTZ_OID;
			family = one_of(c, {TIMESTAMP_OID, DATE_OID});
			break;
		case ScalarKind::Time: exact = one_of(c, {TIME_OID, TIMETZ_OID}); break;
		case ScalarKind::JSON: exact = c == JSONB_OID; break;
		case ScalarKind::Geometry: break; // compared by the Geometry operators, never as jsonb
		case ScalarKind::IntRange: exact = one_of(c, {INT4RANGE_OID, INT8RANGE_OID}); break;
		case ScalarKind::IpAddress:
		case ScalarKind::CIDR:
		case ScalarKind::MacAddress:
		case ScalarKind::LTree:
		case ScalarKind::DateRange:
		case ScalarKind::DateTimeRange:
		case ScalarKind::TSVector: exact = column.type_name == out.natural.name; break;
		case ScalarKind::Custom: break;
		}
	}
	if (exact) {
		out.param_oid = c;
	} else {
		out.param_oid = out.natural.oid;
		out.cast_column = !family;
	}
	return out;
}

namespace {

struct ArrayPair {
	uint32_t element, array;
};

constexpr ArrayPair ARRAY_PAIRS[] = {
	    {BOOL_OID, 1000},       {NAME_OID, 1003},    {INT2_OID, 1005},   {INT4_OID, 1007},
	    {TEXT_OID, 1009},       {BPCHAR_OID, 1014},  {VARCHAR_OID, 1015}, {INT8_OID, 1016},
	    {FLOAT4_OID, 1021},     {FLOAT8_OID, 1022},  {TIMESTAMP_OID, 1115}, {DATE_OID, 1182},
	    {TIME_OID, 1183},       {TIMESTAMPTZ_OID, 1185}, {NUMERIC_OID, 1231}, {TIMETZ_OID, 1270},
	    {UUID_OID, 2951},       {JSONB_OID, 3807},
	    {INET_OID, 1041},       {CIDR_OID, 651},     {MACADDR_OID, 1040}, {INT4RANGE_OID, 3905},
	    {INT8RANGE_OID, 3927},  {DATERANGE_OID, 3913}, {TSTZRANGE_OID, 3911}, {TSRANGE_OID, 3909},
	    {TSVECTOR_OID, 3643},
};

} // namespace

uint32_t
array_type_oid(uint32_t element_oid)
{
	for (const ArrayPair &p : ARRAY_PAIRS)
		if (p.element == element_oid)
			return p.array;
	return 0;
}

uint32_t
range_element_oid(uint32_t range_oid)
{
	switch (range_oid) {
	case INT4RANGE_OID: return INT4_OID;
	case INT8RANGE_OID: return INT8_OID;
	case DATERANGE_OID: return DATE_OID;
	case TSTZRANGE_OID: return TIMESTAMPTZ_OID;
	case TSRANGE_OID: return TIMESTAMP_OID;
	default: return TEXT_OID;
	}
}

uint32_t
element_type_oid(uint32_t array_oid)
{
	for (const ArrayPair &p : ARRAY_PAIRS)
		if (p.array == array_oid)
			return p.element;
	return 0;
}

} // namespace fraiseql::compile
