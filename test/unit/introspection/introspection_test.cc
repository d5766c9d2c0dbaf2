// introspection_test.cc: __schema/__type through the request pipeline without a
// database: graphql-js's type order (its Set delete-and-re-add), FraiseQL
// mode's built-in scalars, arguments from variables, and the request option
// that turns introspection off. Expected orders are graphql-js 17.1.0's
// answers for the same SDL (node oracle.mjs execute).
#include <string>

#include "core/execute/request.h"
#include "core/schema/schema.h"
#include "unit/check.h"
#include "unit/support/jsonb_builder.h"

using namespace fraiseql;

namespace {

class NoDatabase final : public execute::StatementRunner {
public:
	bool
	run(const compile::RootField &, const std::vector<const std::string *> &, execute::StatementSlot &,
	    execute::RowSink &, GraphQLError &error) override
	{
		error = make_error(ErrorCode::Internal, "no database");
		return false;
	}
	void release(void *) override {}
};

std::unique_ptr<schema::Schema>
build(const char *sdl, schema::BuildMode mode)
{
	schema::BuildOptions options;
	options.mode = mode;
	schema::BuildResult r = schema::build_schema(sdl, options);
	CHECK(r.schema != nullptr);
	if (!r.errors.empty())
		std::printf("    schema error: %s\n", r.errors[0].message.c_str());
	return std::move(r.schema);
}

std::string
run(const schema::Schema &s, const char *query, const char *variables_json = nullptr, bool introspection = true)
{
	test::JsonbDoc variables(variables_json ? variables_json : "{}");
	execute::Request request;
	request.query = query;
	if (variables_json)
		request.variables = variables.root();
	execute::RequestOptions options;
	options.introspection = introspection;
	NoDatabase runner;
	response::JsonWriter out(response::heap_buffer_source());
	execute::handle_request(s, request, options, runner, out);
	return std::string(out.json());
}

std::string
type_names(const std::vector<std::string> &names)
{
	std::string out = "{\"data\":{\"__schema\":{\"types\":[";
	for (size_t i = 0; i < names.size(); i++)
		out += (i ? ",{\"name\":\"" : "{\"name\":\"") + names[i] + "\"}";
	return out + "]}}}";
}

const std::vector<std::string> INTROSPECTION_TYPES = {"__Schema",     "__Type",      "__TypeKind",
                                                      "__Field",      "__InputValue", "__EnumValue",
                                                      "__Directive",  "__DirectiveLocation"};

} // namespace

TEST(introspection_type_order_is_graphql_js_type_map_order)
{
	// Query reaches A before A's own turn: A is deleted and re-added after B.
	auto s = build("type Query { a: A u: U } type B { x: Int } type A { b: B s: String } union U = B | C "
	               "type C { f: Float }",
	               schema::BuildMode::Spec);
	if (!s)
		return;
	std::vector<std::string> want = {"Query", "B", "Int", "A", "String", "U", "C", "Float", "Boolean"};
	want.insert(want.end(), INTROSPECTION_TYPES.begin(), INTROSPECTION_TYPES.end());
	CHECK_EQ(run(*s, "{ __schema { types { name } } }"), type_names(want));
}

TEST(introspection_fraiseql_mode_lists_only_scalars_in_use)
{
	auto s = build("type User @view(name: \"app.v_user\") { id: UUID! at: DateTime name: String }\n"
	               "type Query { users: [User!]! }",
	               schema::BuildMode::FraiseQL);
	if (!s)
		return;
	// UUID and DateTime are declared by the SDL schema_sdl() prints; Date, JSON, ID are not used.
	// The generated types of users (aggregate outputs, then the where,
	// orderBy, distinctOn and aggregate inputs) follow the SDL's types.
	std::vector<std::string> want = {"UUID", "DateTime", "User", "String", "Query", "Int", "UserGroupKeys",
	                                 "UserCountDistinctFields", "UserMinFields", "UserMaxFields",
	                                 "UserAggregateGroup", "UserAggregate", "UserWhereInput", "UserOrderByInput",
	                                 "OrderDirection", "UserDistinctOnField", "UserGroupBy", "UserGroupKeysOrderByInput",
	                                 "UserAggregateHavingInput", "UserAggregateOrderByInput", "IntAggregateFilter",
	                                 "UserCountDistinctHavingInput", "UserCountDistinctOrderByInput",
	                                 "UserMinHavingInput", "UserMinOrderByInput", "DateTimeAggregateFilter",
	                                 "StringAggregateFilter", "UserMaxHavingInput", "UserMaxOrderByInput",
	                                 "UUIDFilter", "Boolean", "DateTimeFilter", "StringFilter"};
	want.insert(want.end(), INTROSPECTION_TYPES.begin(), INTROSPECTION_TYPES.end());
	CHECK_EQ(run(*s, "{ __schema { types { name } } }"), type_names(want));
	CHECK_EQ(run(*s, "{ d: __type(name: \"Date\") { name } u: __type(name: \"UUID\") { kind } }"),
	         std::string("{\"data\":{\"d\":null,\"u\":{\"kind\":\"SCALAR\"}}}"));
}

TEST(introspection_arguments_come_from_variables)
{
	auto s = build("type Query { a: Int b: Int @deprecated(reason: \"no\") }", schema::BuildMode::Spec);
	if (!s)
		return;
	const char *query = "query ($n: String!, $d: Boolean = false) { __type(name: $n) { fields(includeDeprecated: $d) "
	                    "{ name deprecationReason } } }";
	CHECK_EQ(run(*s, query, "{\"n\": \"Query\", \"d\": true}"),
	         std::string("{\"data\":{\"__type\":{\"fields\":[{\"name\":\"a\",\"deprecationReason\":null},"
	                     "{\"name\":\"b\",\"deprecationReason\":\"no\"}]}}}"));
	CHECK_EQ(run(*s, query, "{\"n\": \"Query\"}"),
	         std::string("{\"data\":{\"__type\":{\"fields\":[{\"name\":\"a\",\"deprecationReason\":null}]}}}"));
	CHECK_EQ(run(*s, query, "{\"n\": \"Nope\"}"), std::string("{\"data\":{\"__type\":null}}"));
}

TEST(introspection_off_is_a_validation_error_but_typename_works)
{
	auto s = build("type Query { a: Int }", schema::BuildMode::Spec);
	if (!s)
		return;
	CHECK_EQ(run(*s, "{ __type(name: \"Query\") { name } }", nullptr, false),
	         std::string("{\"errors\":[{\"message\":\"GraphQL introspection has been disabled, but the requested query "
	                     "contained the field \\\"__type\\\".\",\"locations\":[{\"line\":1,\"column\":3}],"
	                     "\"extensions\":{\"code\":\"GRAPHQL_VALIDATION_FAILED\"}}]}"));
	CHECK_EQ(run(*s, "{ __typename }", nullptr, false), std::string("{\"data\":{\"__typename\":\"Query\"}}"));
}
