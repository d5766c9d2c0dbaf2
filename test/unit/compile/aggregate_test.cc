// aggregate_test.cc: the generated aggregate types and the statement an
// <xs>Aggregate field compiles to: real columns versus typed JSON paths,
// every value a parameter, only the selection computed, the group order.
#include <string>

#include "core/compile/compiler.h"
#include "core/schema/aggregates.h"
#include "unit/check.h"
#include "unit/support/compile_fixture.h"

using namespace fraiseql;

namespace {

const char *const SDL = R"(
type Sale @view(name: "app.v_sale") { id: Int! region: String qty: Int amount: Decimal sold: Date tags: [String!] }
type Query { sales: [Sale!]! }
)";

schema::Schema &
test_schema()
{
	static schema::BuildResult built =
	    test::build_resolved(SDL, "app", "v_sale", {{"id", 23, "integer"}, {"qty", 23, "integer"}, {"data", 3802, "jsonb"}});
	return *built.schema;
}

std::string
fields(const char *type)
{
	const schema::TypeDef *t = test_schema().find_type(type);
	if (!t)
		return "(none)";
	std::string out;
	for (const schema::FieldDef &f : t->fields)
		out += f.name + ":" + f.type.print() + " ";
	for (const schema::InputValueDef &f : t->input_fields)
		out += f.name + ":" + f.type.print() + " ";
	for (const schema::EnumValueDef &v : t->values)
		out += v.name + " ";
	return out;
}

} // namespace

TEST(aggregate_generated_types)
{
	const schema::FieldDef *f = test_schema().query_type()->find_field("salesAggregate");
	CHECK(f && f->root_kind == schema::RootKind::Aggregate && f->type.print() == "SaleAggregate!");
	CHECK_EQ(fields("SaleAggregate"), "count:Int! countDistinct:SaleCountDistinctFields! sum:SaleSumFields! "
	                                  "avg:SaleAvgFields! min:SaleMinFields! max:SaleMaxFields! "
	                                  "groups:[SaleAggregateGroup!]! ");
	// sums of Int are BigInt; averages Float, of Decimal Decimal; lists are not aggregated
	CHECK_EQ(fields("SaleSumFields"), "id:BigInt qty:BigInt amount:Decimal ");
	CHECK_EQ(fields("SaleAvgFields"), "id:Float qty:Float amount:Decimal ");
	CHECK_EQ(fields("SaleMinFields"), "id:Int region:String qty:Int amount:Decimal sold:Date ");
	CHECK_EQ(fields("SaleGroupBy"), "ID REGION QTY AMOUNT SOLD ");
	CHECK_EQ(fields("SaleAggregateHavingInput"),
	         "count:IntAggregateFilter countDistinct:SaleCountDistinctHavingInput sum:SaleSumHavingInput "
	         "avg:SaleAvgHavingInput min:SaleMinHavingInput max:SaleMaxHavingInput "
	         "AND:[SaleAggregateHavingInput!] OR:[SaleAggregateHavingInput!] NOT:SaleAggregateHavingInput ");
	CHECK_EQ(fields("BigIntAggregateFilter"), "eq:BigInt neq:BigInt gt:BigInt gte:BigInt lt:BigInt lte:BigInt ");
	CHECK_EQ(schema::group_by_value("createdAt"), std::string("CREATED_AT"));
}

TEST(aggregate_statement_reads_columns_and_typed_json)
{
	test::Compiled c;
	test::compile_query(test_schema(), "{ salesAggregate(where: {qty: {gt: 1}}) { count sum { qty amount } min { sold } } }",
	                    "", c);
	CHECK_EQ(c.errors, "");
	const compile::RootField *root = c.root();
	CHECK(root && root->kind == compile::RootKind::Single);
	if (!root)
		return;
	// qty is a column (an int4 sum, written as text: BigInt); amount and sold
	// are typed JSON paths, never compared or summed as text
	CHECK_EQ(root->sql,
	         "SELECT pg_catalog.jsonb_build_object('count', pg_catalog.count(*), 'sum', "
	         "pg_catalog.jsonb_build_object('qty', pg_catalog.sum(v.\"qty\")::pg_catalog.text, 'amount', "
	         "pg_catalog.sum(((v.\"data\"->>'amount')::numeric))::pg_catalog.text), 'min', "
	         "pg_catalog.jsonb_build_object('sold', pg_catalog.min(((v.\"data\"->>'sold')::date)))) "
	         "FROM \"app\".\"v_sale\" v WHERE v.\"qty\" > $1");
	CHECK_EQ(root->params.size(), 1u);
}

TEST(aggregate_statement_groups)
{
	test::Compiled c;
	compile::CompileOptions options;
	options.max_limit = 50;
	test::compile_query(test_schema(),
	                    "{ salesAggregate(groupBy: [REGION], having: {count: {gt: 2}}, orderBy: [{sum: {qty: DESC}}], "
	                    "limit: 5) { groups { keys { region } count } } }",
	                    "", c, options);
	CHECK_EQ(c.errors, "");
	const compile::RootField *root = c.root();
	if (!root)
		return;
	// no whole-set aggregate is selected: no outer scan; the having value,
	// the limit and the cap are parameters; the keys break ties
	CHECK_EQ(root->sql,
	         "SELECT pg_catalog.jsonb_build_object('groups', (SELECT COALESCE(pg_catalog.jsonb_agg(g.j ORDER BY g.n), "
	         "'[]'::jsonb) FROM (SELECT pg_catalog.jsonb_build_object('keys', pg_catalog.jsonb_build_object('region', "
	         "(v.\"data\"->>'region')), 'count', pg_catalog.count(*)) AS j, pg_catalog.row_number() OVER (ORDER BY "
	         "pg_catalog.sum(v.\"qty\") DESC, (v.\"data\"->>'region') ASC NULLS LAST) AS n FROM \"app\".\"v_sale\" v "
	         "GROUP BY (v.\"data\"->>'region') HAVING (pg_catalog.count(*) > $1) ORDER BY n LIMIT LEAST($2, $3)) g))");
	CHECK_EQ(root->params.size(), 3u);
	CHECK(root->params.size() == 3 && root->params[2].source == compile::ParamSource::MaxLimit);
}

TEST(aggregate_order_by_a_key_not_grouped_is_bad_input)
{
	test::Compiled c;
	test::compile_query(test_schema(),
	                    "{ salesAggregate(groupBy: [REGION], orderBy: [{keys: {sold: ASC}}]) { groups { count } } }", "",
	                    c);
	CHECK_EQ(c.errors, "orderBy keys.sold: \"sold\" is not a groupBy key; group by SOLD to order by it\n");
}
