// typed_filter_sql_test.cc: the operators of the typed scalars, lists and JSON
// compile to the native operator on a real column (parameter of the column's
// type, so its index serves) and on the typed JSON path otherwise.
#include <string>

#include "core/compile/compiler.h"
#include "core/schema/filters.h"
#include "unit/check.h"
#include "unit/support/compile_fixture.h"
#include "unit/support/view_schema.h"

using namespace fraiseql;

namespace {

const char *const SDL = R"(
type Host @view(name: "net.v_host") {
  id: Int!
  ip: IpAddress
  path: LTree
  span: IntRange
  doc: TSVector
  tags: [String!]
  meta: JSON
  loc: Geometry
  ipJson: IpAddress @field(key: "ip")
  pathJson: LTree @field(key: "path")
  spanJson: IntRange @field(key: "span")
  tagsJson: [String!] @field(key: "tags")
}
type Query { hosts: [Host!]! }
)";

constexpr uint32_t LTREE_OID = 16400; // an extension's type: whatever the catalog says

schema::Schema &
test_schema()
{
	// The columns attach_views would read: every typed value is a real column
	// too, so both the column and the JSON path forms are compiled.
	static schema::BuildResult built = [] {
		schema::BuildResult r = test::build_view_schema(SDL);
		for (schema::ViewBinding *v : r.schema->view_bindings())
			v->columns = {{"id", 23, "integer"},      {"ip", 869, "inet"},      {"path", LTREE_OID, "ltree"},
			              {"span", 3904, "int4range"}, {"doc", 3614, "tsvector"}, {"tags", 1009, "text[]"},
			              {"meta", 3802, "jsonb"},     {"data", 3802, "jsonb"}};
		return r;
	}();
	return *built.schema;
}

// The WHERE clause of `where`, and each parameter as oid:check_type.
struct Where {
	std::string sql, params, errors;
};

Where
where(const std::string &argument)
{
	test::Compiled c;
	test::compile_query(test_schema(), "{ hosts(where: " + argument + ") { id } }", "", c);
	Where out;
	out.errors = c.errors;
	if (!c.root())
		return out;
	const std::string &sql = c.root()->sql;
	size_t from = sql.find(" WHERE "), to = sql.find(" ORDER BY ");
	out.sql = from == std::string::npos ? sql : sql.substr(from + 7, to - from - 7);
	for (const compile::Param &p : c.root()->params)
		out.params += (out.params.empty() ? "" : " ") + std::to_string(p.pg_type_oid) +
		              (p.check_type.empty() ? "" : ":" + p.check_type);
	return out;
}

} // namespace

TEST(typed_filter_network_on_column_and_json)
{
	Where w = where("{ip: {inSubnet: \"10.0.0.0/8\"}}");
	CHECK_EQ(w.errors, std::string());
	CHECK_EQ(w.sql, std::string("v.\"ip\" <<= $1"));
	CHECK_EQ(w.params, std::string("869"));
	w = where("{ipJson: {containsSubnet: \"10.1.2.3\", isIPv6: false}}");
	CHECK_EQ(w.sql, std::string("(((v.\"data\"->>'ip')::inet) >>= $1 AND (NOT pg_catalog.family(((v.\"data\"->>'ip')::inet)) = 6))"));
	w = where("{ip: {in: [\"10.1.2.3\"]}}");
	CHECK_EQ(w.sql, std::string("v.\"ip\" = ANY($1)"));
	CHECK_EQ(w.params, std::string("1041")); // inet[]
}

TEST(typed_filter_ltree_binds_the_catalogs_type_or_checked_text)
{
	// On the column: the column's own (extension) type, so ltree's GiST index serves.
	Where w = where("{path: {descendantOf: \"top.science\", depthGt: 1}}");
	CHECK_EQ(w.sql, std::string("(v.\"path\" <@ $1 AND nlevel(v.\"path\") > $2)"));
	CHECK_EQ(w.params, std::string(std::to_string(LTREE_OID) + " 23"));
	// On the JSON path: text, checked by ltree's input function, cast in the SQL.
	w = where("{pathJson: {ancestorOf: \"top\"}}");
	CHECK_EQ(w.sql, std::string("((v.\"data\"->>'path')::ltree) @> $1::ltree"));
	CHECK_EQ(w.params, std::string("25:ltree"));
	w = where("{path: {matchesLquery: \"*.physics\"}}");
	CHECK_EQ(w.sql, std::string("v.\"path\" ~ $1::lquery"));
	CHECK_EQ(w.params, std::string("25:lquery"));
}

TEST(typed_filter_ranges_take_the_columns_range_type)
{
	// Operators come in the input type's order: containsValue first.
	Where w = where("{span: {overlaps: \"[1,5)\", containsValue: 3}}");
	CHECK_EQ(w.sql, std::string("(v.\"span\" @> $1 AND v.\"span\" && $2)"));
	CHECK_EQ(w.params, std::string("23 3904")); // int4range's element int4, and int4range
	w = where("{spanJson: {adjacent: \"[1,5)\", containsValue: 3}}");
	CHECK_EQ(w.sql, std::string("(((v.\"data\"->>'span')::int8range) @> $1 AND ((v.\"data\"->>'span')::int8range) -|- $2)"));
	CHECK_EQ(w.params, std::string("20 3926"));
	w = where("{span: {contains: \"[1,\"}}");
	CHECK(w.errors.find("IntRange cannot represent value") != std::string::npos);
}

TEST(typed_filter_full_text_lists_and_json_paths)
{
	Where w = where("{doc: {matches: \"fox -dog\"}}");
	CHECK(w.sql.find("v.\"doc\" @@ pg_catalog.websearch_to_tsquery((COALESCE(NULLIF(pg_catalog.current_setting("
	                 "'fraiseql.text_search_config', true), '')") == 0);
	CHECK_EQ(w.params, std::string("25"));
	w = where("{tags: {lengthEq: 0, anyEq: \"red\"}}");
	CHECK_EQ(w.sql, std::string("(pg_catalog.cardinality(v.\"tags\") = $1 AND $2 = ANY(v.\"tags\"))"));
	CHECK_EQ(w.params, std::string("23 25"));
	w = where("{tagsJson: {lengthEq: 0, anyEq: \"red\"}}");
	CHECK_EQ(w.sql, std::string("(pg_catalog.jsonb_array_length(NULLIF((v.\"data\"->'tags'), 'null'::jsonb)) = $1 AND "
	                            "NULLIF((v.\"data\"->'tags'), 'null'::jsonb) @> pg_catalog.jsonb_build_array($2))"));
	CHECK_EQ(w.params, std::string("23 3802"));
	w = where("{meta: {pathExists: \"$.a\"}}");
	CHECK_EQ(w.sql, std::string("v.\"meta\" @? $1"));
	CHECK_EQ(w.params, std::string("4072")); // jsonpath: its input function judges the text
}

TEST(typed_filter_geometry_reads_geojson_checked_by_postgis)
{
	// No geometry column: the GeoJSON of the data column; the operand's GeoJSON
	// is a jsonb parameter PostGIS reads before the statement (check_type).
	Where w = where("{loc: {distanceWithin: {point: {type: \"Point\", coordinates: [1, 2]}, meters: 10}}}");
	CHECK_EQ(w.errors, std::string());
	CHECK_EQ(w.sql, std::string("ST_DWithin(ST_GeomFromGeoJSON(NULLIF((v.\"data\"->'loc'), 'null'::jsonb))::geography, "
	                            "ST_GeomFromGeoJSON($1)::geography, $2)"));
	CHECK_EQ(w.params, std::string("3802:geojson 701"));
}

// Validation refuses an operator its filter input lacks (sql/filter_network.sql);
// the input has only what the table gives the family.
TEST(typed_filter_operators_belong_to_their_family)
{
	CHECK(schema::find_filter_op(schema::FilterFamily::Network, "contains") == nullptr);
	CHECK(schema::find_filter_op(schema::FilterFamily::Range, "contains") != nullptr);
}
