// sql_types.h: how a GraphQL leaf value is typed in SQL: the PostgreSQL type a
// JSON value is cast to before it is compared (numbers as numeric, dates as
// date...), and which parameter type a comparison with a real view column
// uses so the column's indexes serve. Type OIDs are PostgreSQL's fixed ones
// (pg_type.dat); the core includes no PostgreSQL header.
#pragma once

#include <cstdint>
#include <string>

#include "core/compile/plan.h"
#include "core/schema/schema.h"

namespace fraiseql::compile {

constexpr uint32_t BOOL_OID = 16;
// INT8_OID: plan.h
constexpr uint32_t INT2_OID = 21;
constexpr uint32_t INT4_OID = 23;
constexpr uint32_t TEXT_OID = 25;
constexpr uint32_t FLOAT4_OID = 700;
constexpr uint32_t FLOAT8_OID = 701;
constexpr uint32_t BPCHAR_OID = 1042;
constexpr uint32_t VARCHAR_OID = 1043;
constexpr uint32_t DATE_OID = 1082;
constexpr uint32_t TIME_OID = 1083;
constexpr uint32_t TIMESTAMP_OID = 1114;
constexpr uint32_t TIMESTAMPTZ_OID = 1184;
constexpr uint32_t TIMETZ_OID = 1266;
constexpr uint32_t NUMERIC_OID = 1700;
constexpr uint32_t UUID_OID = 2950;
constexpr uint32_t JSONB_OID = 3802;
constexpr uint32_t NAME_OID = 19;
constexpr uint32_t TEXT_ARRAY_OID = 1009;
constexpr uint32_t INET_OID = 869;
constexpr uint32_t CIDR_OID = 650;
constexpr uint32_t MACADDR_OID = 829;
constexpr uint32_t INT4RANGE_OID = 3904;
constexpr uint32_t INT8RANGE_OID = 3926;
constexpr uint32_t DATERANGE_OID = 3912;
constexpr uint32_t TSRANGE_OID = 3908;
constexpr uint32_t TSTZRANGE_OID = 3910;
constexpr uint32_t TSVECTOR_OID = 3614;
constexpr uint32_t JSONPATH_OID = 4072;

// The SQL type a leaf GraphQL type compares as.
struct SqlType {
	uint32_t oid = TEXT_OID;
	const char *name = "text"; // as written in a cast
};

// The natural SQL type of a leaf type (enums and strings are text, Int is
// int4, Float float8, JSON jsonb...).
SqlType natural_type(const schema::TypeDef &leaf);

// The type a value read with ->> from JSON is cast to for typed comparison
// and ordering: numbers as numeric (exact, as jsonb stores them), dates as
// date/timestamptz/time, uuid, boolean; text needs no cast (nullptr).
const char *json_cast(const schema::TypeDef &leaf);
// The parameter type matching json_cast.
SqlType json_compare_type(const schema::TypeDef &leaf);

// Comparing a real column with a value of `leaf`: the parameter type to use
// (the column's own type when every value of `leaf` is one of its values, so
// the comparison needs no cast of the column and an index serves), and whether
// the column must be cast to the natural type first (no comparison operator
// between the two types exists).
struct ColumnComparison {
	uint32_t param_oid = TEXT_OID;
	bool cast_column = false;
	SqlType natural;
};
ColumnComparison column_comparison(const schema::TypeDef &leaf, const schema::Column &column);

// Whether a column holds text (LIKE, regular expressions work without a cast).
bool is_text_column(const schema::Column &column);
// Whether a column is an SQL array (list filters use array operators).
bool is_array_column(const schema::Column &column);

// The array type of a type OID, or 0 when this table does not know it.
uint32_t array_type_oid(uint32_t element_oid);
// The element type of a range type (int4range -> int4); text when unknown.
uint32_t range_element_oid(uint32_t range_oid);
// The reverse: the element type of one of those array types, else 0.
uint32_t element_type_oid(uint32_t array_oid);

} // namespace fraiseql::compile
