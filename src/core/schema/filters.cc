// filters.cc: the operator table of generated filter inputs (see filters.h).
#include "core/schema/filters.h"

namespace fraiseql::schema {

namespace {

using O = OperandShape;
using F = OpForm;

constexpr uint32_t bit(FilterFamily f)
{
	return 1u << static_cast<unsigned>(f);
}

constexpr uint32_t TEXT = bit(FilterFamily::Text), ORDERED = bit(FilterFamily::Ordered),
                   BASIC = bit(FilterFamily::Basic), JSON = bit(FilterFamily::Json), LIST = bit(FilterFamily::List),
                   NETWORK = bit(FilterFamily::Network), LTREE = bit(FilterFamily::LTree),
                   RANGE = bit(FilterFamily::Range), FULLTEXT = bit(FilterFamily::FullText),
                   GEOMETRY = bit(FilterFamily::Geometry);
constexpr uint32_t SCALARS = TEXT | ORDERED | BASIC | JSON | NETWORK | LTREE;

// The text search configuration of full-text operators: the setting
// fraiseql.text_search_config, else PostgreSQL's default_text_search_config.
// Read when the statement runs, so a plan does not depend on it.
#define TS_CONFIG "{c}"

// Private ranges of isPrivate: RFC 1918, IPv4 loopback, IPv6 unique local
// (RFC 4193) and loopback.
#define PRIVATE_RANGES "'{10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,127.0.0.0/8,fc00::/7,::1/128}'::pg_catalog.inet[]"

// A list's items, one row each: SQL arrays and JSON arrays.
#define ANY_ITEM_MATCHES(items) \
	"(CASE WHEN {x} IS NULL THEN NULL ELSE EXISTS (SELECT 1 FROM " items " AS e(item) WHERE e.item ~ {v}) END)"

// Per family, the order here is the order of the generated input's fields;
// new operators go after the ones a family had, so inputs only grow.
constexpr FilterOperator OPERATORS[] = {
    {"eq", SCALARS | LIST | RANGE, O::Value, F::Template, "{x} = {v}", nullptr, "B-tree"},
    {"neq", SCALARS | LIST | RANGE, O::Value, F::Template, "{x} <> {v}", nullptr, nullptr},
    {"in", SCALARS, O::List, F::In, "{x} = ANY({v})", nullptr, "B-tree"},
    {"nin", SCALARS, O::List, F::Nin, "{x} <> ALL({v})", nullptr, nullptr},
    {"isnull", SCALARS | LIST | RANGE | FULLTEXT | GEOMETRY, O::Boolean, F::IsNull, "{t} IS NULL", nullptr, nullptr},
    {"contains", TEXT, O::String, F::Template, "{t} LIKE {v}", nullptr, "GIN (pg_trgm)", LikeEscape::Contains},
    {"icontains", TEXT, O::String, F::Template, "{t} ILIKE {v}", nullptr, "GIN (pg_trgm)", LikeEscape::Contains},
    {"startswith", TEXT, O::String, F::Template, "{t} LIKE {v}", nullptr, "GIN (pg_trgm)", LikeEscape::Prefix},
    {"istartswith", TEXT, O::String, F::Template, "{t} ILIKE {v}", nullptr, "GIN (pg_trgm)", LikeEscape::Prefix},
    {"endswith", TEXT, O::String, F::Template, "{t} LIKE {v}", nullptr, "GIN (pg_trgm)", LikeEscape::Suffix},
    {"iendswith", TEXT, O::String, F::Template, "{t} ILIKE {v}", nullptr, "GIN (pg_trgm)", LikeEscape::Suffix},
    {"like", TEXT, O::String, F::Template, "{t} LIKE {v}", nullptr, "GIN (pg_trgm)"},
    {"ilike", TEXT, O::String, F::Template, "{t} ILIKE {v}", nullptr, "GIN (pg_trgm)"},
    {"matches", TEXT, O::String, F::Template, "{t} ~ {v}", nullptr, "GIN (pg_trgm)"},
    {"imatches", TEXT, O::String, F::Template, "{t} ~* {v}", nullptr, "GIN (pg_trgm)"},
    {"notMatches", TEXT, O::String, F::Template, "{t} !~ {v}", nullptr, nullptr},
    {"gt", ORDERED, O::Value, F::Template, "{x} > {v}", nullptr, "B-tree"},
    {"gte", ORDERED, O::Value, F::Template, "{x} >= {v}", nullptr, "B-tree"},
    {"lt", ORDERED, O::Value, F::Template, "{x} < {v}", nullptr, "B-tree"},
    {"lte", ORDERED, O::Value, F::Template, "{x} <= {v}", nullptr, "B-tree"},
    {"hasKey", JSON, O::String, F::Template, "{x} ? {v}", nullptr, "GIN"},
    {"contains", JSON, O::Json, F::Template, "{x} @> {v}", nullptr, "GIN"},
    {"contains", LIST, O::Value, F::Template, "{x} @> {v}", nullptr, "GIN"},
    {"containedBy", LIST, O::Value, F::Template, "{x} <@ {v}", nullptr, "GIN"},
    {"overlaps", LIST, O::Value, F::Overlaps, "{x} && {v}",
     "(CASE WHEN {x} IS NULL THEN NULL ELSE EXISTS (SELECT 1 FROM pg_catalog.jsonb_array_elements({v}) AS e(x) "
     "WHERE {x} @> pg_catalog.jsonb_build_array(e.x)) END)",
     "GIN"},
    // Full text on String (matches is the regular expression there).
    {"search", TEXT, O::String, F::Template,
     "pg_catalog.to_tsvector(" TS_CONFIG ", {t}) @@ pg_catalog.websearch_to_tsquery(" TS_CONFIG ", {v})", nullptr,
     nullptr},
    {"plainSearch", TEXT, O::String, F::Template,
     "pg_catalog.to_tsvector(" TS_CONFIG ", {t}) @@ pg_catalog.plainto_tsquery(" TS_CONFIG ", {v})", nullptr, nullptr},
    {"phraseSearch", TEXT, O::String, F::Template,
     "pg_catalog.to_tsvector(" TS_CONFIG ", {t}) @@ pg_catalog.phraseto_tsquery(" TS_CONFIG ", {v})", nullptr,
     nullptr},
    // Full text on TSVector.
    {"matches", FULLTEXT, O::String, F::Template, "{x} @@ pg_catalog.websearch_to_tsquery(" TS_CONFIG ", {v})",
     nullptr, "GIN"},
    {"plainMatches", FULLTEXT, O::String, F::Template, "{x} @@ pg_catalog.plainto_tsquery(" TS_CONFIG ", {v})",
     nullptr, "GIN"},
    {"phraseMatches", FULLTEXT, O::String, F::Template, "{x} @@ pg_catalog.phraseto_tsquery(" TS_CONFIG ", {v})",
     nullptr, "GIN"},
    // Network addresses.
    {"inSubnet", NETWORK, O::Value, F::Template, "{x} <<= {v}", nullptr, "GiST (inet_ops)"},
    {"containsSubnet", NETWORK, O::Value, F::Template, "{x} >>= {v}", nullptr, "GiST (inet_ops)"},
    {"isIPv4", NETWORK, O::Boolean, F::Flag, "pg_catalog.family({x}) = 4", nullptr, nullptr},
    {"isIPv6", NETWORK, O::Boolean, F::Flag, "pg_catalog.family({x}) = 6", nullptr, nullptr},
    {"isPrivate", NETWORK, O::Boolean, F::Flag, "{x} <<= ANY (" PRIVATE_RANGES ")", nullptr, nullptr},
    // ltree paths.
    {"ancestorOf", LTREE, O::Value, F::Template, "{x} @> {v}", nullptr, "GiST"},
    {"descendantOf", LTREE, O::Value, F::Template, "{x} <@ {v}", nullptr, "GiST"},
    {"matchesLquery", LTREE, O::LQuery, F::Template, "{x} ~ {v}", nullptr, "GiST"},
    {"depthEq", LTREE, O::Int, F::Template, "nlevel({x}) = {v}", nullptr, nullptr},
    {"depthGt", LTREE, O::Int, F::Template, "nlevel({x}) > {v}", nullptr, nullptr},
    {"depthGte", LTREE, O::Int, F::Template, "nlevel({x}) >= {v}", nullptr, nullptr},
    {"depthLt", LTREE, O::Int, F::Template, "nlevel({x}) < {v}", nullptr, nullptr},
    {"depthLte", LTREE, O::Int, F::Template, "nlevel({x}) <= {v}", nullptr, nullptr},
    // Ranges.
    {"containsValue", RANGE, O::Item, F::Template, "{x} @> {v}", nullptr, "GiST"},
    {"contains", RANGE, O::Value, F::Template, "{x} @> {v}", nullptr, "GiST"},
    {"containedBy", RANGE, O::Value, F::Template, "{x} <@ {v}", nullptr, "GiST"},
    {"overlaps", RANGE, O::Value, F::Template, "{x} && {v}", nullptr, "GiST"},
    {"adjacent", RANGE, O::Value, F::Template, "{x} -|- {v}", nullptr, "GiST"},
    {"strictlyLeft", RANGE, O::Value, F::Template, "{x} << {v}", nullptr, "GiST"},
    {"strictlyRight", RANGE, O::Value, F::Template, "{x} >> {v}", nullptr, "GiST"},
    // Lists of scalars: SQL arrays, or JSON arrays (json_sql).
    {"lengthEq", LIST, O::Int, F::Template, "pg_catalog.cardinality({x}) = {v}",
     "pg_catalog.jsonb_array_length({x}) = {v}", nullptr},
    {"lengthGt", LIST, O::Int, F::Template, "pg_catalog.cardinality({x}) > {v}",
     "pg_catalog.jsonb_array_length({x}) > {v}", nullptr},
    {"lengthGte", LIST, O::Int, F::Template, "pg_catalog.cardinality({x}) >= {v}",
     "pg_catalog.jsonb_array_length({x}) >= {v}", nullptr},
    {"lengthLt", LIST, O::Int, F::Template, "pg_catalog.cardinality({x}) < {v}",
     "pg_catalog.jsonb_array_length({x}) < {v}", nullptr},
    {"lengthLte", LIST, O::Int, F::Template, "pg_catalog.cardinality({x}) <= {v}",
     "pg_catalog.jsonb_array_length({x}) <= {v}", nullptr},
    {"anyEq", LIST, O::Item, F::Template, "{v} = ANY({x})", "{x} @> pg_catalog.jsonb_build_array({v})", "GIN"},
    {"anyMatches", LIST, O::String, F::Template, ANY_ITEM_MATCHES("pg_catalog.unnest({x}::pg_catalog.text[])"),
     ANY_ITEM_MATCHES("pg_catalog.jsonb_array_elements_text({x})"), nullptr},
    // JSON paths.
    {"pathExists", JSON, O::JsonPath, F::Template, "{x} @? {v}", nullptr, "GIN"},
    {"pathMatches", JSON, O::JsonPath, F::Template, "{x} @@ {v}", nullptr, "GIN"},
    // Geometry (PostGIS, named through the search_path): GeoJSON operands.
    {"intersects", GEOMETRY, O::Value, F::Template, "ST_Intersects({x}::geometry, ST_GeomFromGeoJSON({v}))", nullptr, "GiST"},
    {"distanceWithin", GEOMETRY, O::Distance, F::Template,
     "ST_DWithin({x}::geography, ST_GeomFromGeoJSON({v})::geography, {w})", nullptr, "GiST (geography)"},
};

} // namespace

size_t
filter_operator_count()
{
	return sizeof(OPERATORS) / sizeof(OPERATORS[0]);
}

const FilterOperator &
filter_operator(size_t i)
{
	return OPERATORS[i];
}

const FilterOperator *
find_filter_op(FilterFamily family, std::string_view name)
{
	for (const FilterOperator &op : OPERATORS)
		if (in_family(op, family) && name == op.name)
			return &op;
	return nullptr;
}

const char *
filter_family_name(FilterFamily family)
{
	switch (family) {
	case FilterFamily::Text: return "Text";
	case FilterFamily::Ordered: return "Ordered";
	case FilterFamily::Basic: return "Basic";
	case FilterFamily::Json: return "Json";
	case FilterFamily::List: return "List";
	case FilterFamily::Network: return "Network";
	case FilterFamily::LTree: return "LTree";
	case FilterFamily::Range: return "Range";
	case FilterFamily::FullText: return "FullText";
	case FilterFamily::Geometry: return "Geometry";
	default: return "None";
	}
}

const char *
operand_shape_name(OperandShape shape)
{
	switch (shape) {
	case OperandShape::Value: return "value";
	case OperandShape::List: return "list";
	case OperandShape::Item: return "item";
	case OperandShape::Boolean: return "Boolean";
	case OperandShape::String: return "String";
	case OperandShape::Json: return "JSON";
	case OperandShape::Int: return "Int";
	case OperandShape::JsonPath: return "jsonpath";
	case OperandShape::LQuery: return "lquery";
	case OperandShape::Distance: return "GeometryDistanceInput";
	}
	return "value";
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
	case ScalarKind::UUID:
	case ScalarKind::MacAddress: return FilterFamily::Basic;
	case ScalarKind::JSON: return FilterFamily::Json;
	case ScalarKind::Geometry: return FilterFamily::Geometry;
	case ScalarKind::IpAddress:
	case ScalarKind::CIDR: return FilterFamily::Network;
	case ScalarKind::LTree: return FilterFamily::LTree;
	case ScalarKind::IntRange:
	case ScalarKind::DateRange:
	case ScalarKind::DateTimeRange: return FilterFamily::Range;
	case ScalarKind::TSVector: return FilterFamily::FullText;
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
		// Lists of the scalars with operators of their own are not lists the
		// List family can compare (no array operators for them here).
		FilterFamily item = leaf_family(*type.named);
		bool listable = item == FilterFamily::Text || item == FilterFamily::Ordered || item == FilterFamily::Basic;
		return listable ? FilterFamily::List : FilterFamily::None;
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
