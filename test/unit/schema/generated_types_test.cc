// generated_types_test.cc: FraiseQL mode's generated where/orderBy inputs and
// arguments, clashes with user types, and the printed effective schema.
#include <string>

#include "core/schema/print_schema.h"
#include "core/schema/schema.h"
#include "unit/check.h"

using namespace fraiseql;

namespace {

const char *const SDL = R"(
scalar UUID
enum Role { ADMIN MEMBER }
type Company { id: UUID! name: String! boss: User }
type User @view(name: "app.v_user") {
  id: UUID!
  email: String!
  age: Int
  role: Role
  tags: [String!]
  meta: JSON
  company: Company
  posts: [Company!]!
  nick: String @field(key: "nickname")
}
type Query {
  users: [User!]!
  user(id: UUID!): User
}
)";

std::string
input_fields(const schema::TypeDef *t)
{
	if (!t)
		return "(none)";
	std::string out;
	for (const schema::InputValueDef &f : t->input_fields)
		out += (out.empty() ? "" : " ") + f.name + ":" + f.type.print();
	return out;
}

std::string
first_error(const schema::BuildResult &r)
{
	if (r.errors.empty())
		return "(no error)";
	const GraphQLError &e = r.errors[0];
	std::string at = e.locations.empty() ? "" : std::to_string(e.locations[0].line) + ":" + std::to_string(e.locations[0].column) + " ";
	return at + e.message;
}

} // namespace

TEST(generated_where_input_fields)
{
	schema::BuildResult r = schema::build_schema(SDL);
	CHECK(r.schema != nullptr);
	if (!r.schema)
		return;
	const schema::Schema &s = *r.schema;
	CHECK_EQ(input_fields(s.find_type("UserWhereInput")),
	         std::string("id:UUIDFilter email:StringFilter age:IntFilter role:RoleFilter tags:StringListFilter "
	                     "meta:JSONFilter company:CompanyWhereInput posts:CompanyListFilter nick:StringFilter "
	                     "AND:[UserWhereInput!] OR:[UserWhereInput!] NOT:UserWhereInput"));
	// A list of objects: quantifiers over the element's where input.
	CHECK_EQ(input_fields(s.find_type("CompanyListFilter")),
	         std::string("some:CompanyWhereInput every:CompanyWhereInput none:CompanyWhereInput"));
	// Nested objects get their own where input, cycles included (Company.boss: User).
	CHECK_EQ(input_fields(s.find_type("CompanyWhereInput")),
	         std::string("id:UUIDFilter name:StringFilter boss:UserWhereInput AND:[CompanyWhereInput!] "
	                     "OR:[CompanyWhereInput!] NOT:CompanyWhereInput"));
	CHECK_EQ(input_fields(s.find_type("UserOrderByInput")),
	         std::string("id:OrderDirection email:OrderDirection age:OrderDirection role:OrderDirection "
	                     "company:CompanyOrderByInput posts:CompanyListOrderByInput nick:OrderDirection"));
	// Nested objects order by their own keys, cycles included; lists by their count.
	CHECK_EQ(input_fields(s.find_type("CompanyOrderByInput")),
	         std::string("id:OrderDirection name:OrderDirection boss:UserOrderByInput"));
	CHECK_EQ(input_fields(s.find_type("CompanyListOrderByInput")), std::string("count:OrderDirection"));
	CHECK_EQ(input_fields(s.find_type("IntFilter")),
	         std::string("eq:Int neq:Int in:[Int!] nin:[Int!] isnull:Boolean gt:Int gte:Int lt:Int lte:Int"));
	CHECK_EQ(input_fields(s.find_type("RoleFilter")), std::string("eq:Role neq:Role in:[Role!] nin:[Role!] isnull:Boolean"));
	CHECK_EQ(input_fields(s.find_type("JSONFilter")),
	         std::string("eq:JSON neq:JSON in:[JSON!] nin:[JSON!] isnull:Boolean hasKey:String contains:JSON "
	                     "pathExists:String pathMatches:String"));
	CHECK_EQ(input_fields(s.find_type("StringListFilter")),
	         std::string("eq:[String!] neq:[String!] isnull:Boolean contains:[String!] containedBy:[String!] "
	                     "overlaps:[String!] lengthEq:Int lengthGt:Int lengthGte:Int lengthLt:Int lengthLte:Int "
	                     "anyEq:String anyMatches:String"));
	const schema::TypeDef *text = s.find_type("StringFilter");
	CHECK(text && text->find_input_field("notMatches") && text->find_input_field("iendswith") && !text->find_input_field("gt"));
	// Only what is used is generated.
	CHECK(s.find_type("DateFilter") == nullptr);
	const schema::TypeDef *direction = s.find_type("OrderDirection");
	CHECK(direction && direction->values.size() == 6 && direction->find_value("DESC_NULLS_LAST"));
}

TEST(generated_list_arguments)
{
	schema::BuildResult r = schema::build_schema(SDL);
	if (!r.schema)
		return;
	const schema::FieldDef *users = r.schema->query_type()->find_field("users");
	std::string args;
	for (const schema::InputValueDef &a : users->arguments)
		args += (args.empty() ? "" : " ") + a.name + ":" + a.type.print();
	CHECK_EQ(args, std::string("where:UserWhereInput orderBy:[UserOrderByInput!] limit:Int offset:Int "
	                           "distinctOn:[UserDistinctOnField!]"));
	CHECK(users->where_type == r.schema->find_type("UserWhereInput"));
	CHECK(users->order_by_type == r.schema->find_type("UserOrderByInput"));
	CHECK(users->distinct_on_type == r.schema->find_type("UserDistinctOnField"));
	// Single-row fields get nothing.
	CHECK_EQ(r.schema->query_type()->find_field("user")->arguments.size(), size_t(1));
}

TEST(generated_declared_arguments_win)
{
	schema::BuildResult r = schema::build_schema(R"(
type T @view(name: "v") { id: ID! }
type Query { ts(limit: Int = 10, where: String): [T!]! }
)");
	if (!r.schema)
		return;
	const schema::FieldDef *ts = r.schema->query_type()->find_field("ts");
	CHECK(ts->where_type == nullptr); // declared with another type: not the generated filter
	CHECK(ts->order_by_type != nullptr);
	CHECK_EQ(ts->find_argument("limit")->has_default, true);
	CHECK_EQ(ts->arguments.size(), size_t(5)); // limit, where, orderBy, offset, distinctOn
}

TEST(generated_name_clash_is_an_error)
{
	schema::BuildResult r = schema::build_schema(R"(
type T @view(name: "v") { id: ID! }
input TWhereInput { id: Int }
type Query { ts: [T!]! }
)");
	CHECK(r.schema == nullptr);
	CHECK_EQ(first_error(r), std::string("3:7 type \"TWhereInput\" has the name of a generated input type of \"T\" but "
	                                     "differs from it; rename it (or declare it exactly as generated)"));
	r = schema::build_schema(R"(
type T @view(name: "v") { id: ID! }
enum OrderDirection { UP DOWN }
type Query { ts: [T!]! }
)");
	CHECK_EQ(first_error(r).substr(0, 40), std::string("3:6 type \"OrderDirection\" has the name o"));
}

TEST(printed_schema_loads_again)
{
	schema::BuildResult r = schema::build_schema(SDL);
	if (!r.schema)
		return;
	std::string printed = schema::print_schema(*r.schema);
	CHECK(printed.find("type User @view(name: \"app.v_user\") {") != std::string::npos);
	CHECK(printed.find("  nick: String @field(key: \"nickname\")") != std::string::npos);
	CHECK(printed.find("  users(where: UserWhereInput, orderBy: [UserOrderByInput!], limit: Int, offset: Int, "
	                   "distinctOn: [UserDistinctOnField!]): [User!]!") != std::string::npos);
	CHECK(printed.find("directive @view(") != std::string::npos);
	schema::BuildResult again = schema::build_schema(printed);
	CHECK_EQ(first_error(again), std::string("(no error)"));
	if (again.schema)
		CHECK_EQ(schema::print_schema(*again.schema), printed);
	schema::PrintOptions plain;
	plain.fraiseql_directives = false;
	std::string bare = schema::print_schema(*r.schema, plain);
	CHECK(bare.find("@view(name: \"app") == std::string::npos && bare.find("@field(key: \"nick") == std::string::npos);
	CHECK(bare.find("scalar JSON") != std::string::npos);  // used by User.meta
	CHECK(bare.find("scalar Date\n") == std::string::npos); // unused extra scalars are left out
}

TEST(printed_descriptions_and_defaults)
{
	schema::BuildOptions spec;
	spec.mode = schema::BuildMode::Spec;
	schema::BuildResult r = schema::build_schema(R"(
"""
Two
lines
"""
type Query {
  "arg doc"
  f("x" a: [Int] = [1,2], b: String = """blk""" @deprecated): String @deprecated(reason: "why \"not\"")
  g: Int @deprecated
}
)",
	                                             spec);
	if (!r.schema)
		return;
	CHECK_EQ(schema::print_schema(*r.schema), std::string(R"("""
Two
lines
"""
type Query {
  """arg doc"""
  f(
    """x"""
    a: [Int] = [1, 2]
    b: String = """blk""" @deprecated
  ): String @deprecated(reason: "why \"not\"")
  g: Int @deprecated
})"));
}

TEST(generated_order_by_needs_a_key_below)
{
	// Objects that only reach each other (and a list of scalars) have no key
	// to order by, however deep: no order input and no orderBy argument,
	// and the search ends on the cycle.
	schema::BuildResult r = schema::build_schema(R"(
type A @view(name: "app.v_a") { b: B }
type B { a: A tags: [String!] }
type Query { as: [A!]! }
)");
	CHECK_EQ(first_error(r), std::string("(no error)"));
	if (!r.schema)
		return;
	CHECK(r.schema->find_type("AOrderByInput") == nullptr);
	CHECK(r.schema->find_type("BOrderByInput") == nullptr);
	const schema::FieldDef *as = r.schema->query_type()->find_field("as");
	CHECK(as && !as->find_argument("orderBy") && as->find_argument("where"));
}
