// validation_test.cc: unit tests for executable-document validation: FraiseQL-mode
// messages the regression outputs rely on, tricky rules (overlapping fields,
// fragment cycles, variable positions, options) and hostile documents that
// must finish (wide repeated selections, long fragment chains).
#include <string>

#include "core/schema/schema.h"
#include "core/validation/validate.h"
#include "unit/check.h"

using namespace fraiseql;

namespace {

const char SPEC_SDL[] = R"(
schema { query: Root subscription: Sub }
interface Pet { name: String }
type Dog implements Pet { name: String nickname: String barkVolume: Int friends: [Dog] doesKnow(command: Command): Boolean }
type Cat implements Pet { name: String meows: Boolean }
union CatOrDog = Cat | Dog
enum Command { SIT HEEL }
input Filter @oneOf { byName: String byId: ID }
type Root { dog: Dog pet: Pet catOrDog: CatOrDog find(filter: Filter): Dog need(n: Int!): Int old: Int @deprecated(reason: "Use new.") }
type Sub { events: [String] other: Int }
)";

const char FRAISEQL_SDL[] = R"(
scalar UUID
type Company { id: UUID! name: String! }
type User @view(name: "app.v_user") { id: UUID! email: String! company: Company mail: String @field(key: "email") }
type Query { users: [User!]! user(id: UUID!): User }
)";

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

// "message@line:column; ..." for compact comparisons.
std::string
errors_of(const schema::Schema &s, const std::string &query, validation::ValidateOptions options = {})
{
	validation::TextValidation r = validation::validate_text(s, query, options, false);
	std::string out;
	for (const GraphQLError &e : r.errors) {
		if (!out.empty())
			out += "; ";
		out += e.message;
		for (const SourceLocation &l : e.locations)
			out += "@" + std::to_string(l.line) + ":" + std::to_string(l.column);
	}
	return out;
}

} // namespace

TEST(validation_fraiseql_mode_keeps_request_error_messages)
{
	auto s = build(FRAISEQL_SDL, schema::BuildMode::FraiseQL);
	if (!s)
		return;
	CHECK_EQ(errors_of(*s, "{ users { emial } }"),
	         std::string("Cannot query field \"emial\" on type \"User\". Did you mean \"email\" or \"mail\"?@1:11"));
	CHECK_EQ(errors_of(*s, "{ users(first: 1) { id } }"),
	         std::string("Unknown argument \"first\" on field \"Query.users\". Did you mean \"limit\"?@1:9"));
	CHECK_EQ(errors_of(*s, "{ user { id } }"),
	         std::string("Argument \"Query.user(id:)\" of type \"UUID!\" is required, but it was not provided.@1:3"));
	CHECK_EQ(errors_of(*s, "query Q { user(id: $id) { id } }"),
	         std::string("Variable \"$id\" is not defined by operation \"Q\".@1:20@1:1"));
	CHECK_EQ(errors_of(*s, "mutation { doIt }"), std::string("The mutation operation is not supported by the schema.@1:1"));
	// Introspection meta-fields validate in FraiseQL mode; fraiseql.introspection = off
	// adds graphql-js's NoSchemaIntrospectionCustomRule.
	CHECK_EQ(errors_of(*s, "{ __schema { types { name } } }"), std::string());
	validation::ValidateOptions no_introspection;
	no_introspection.rules = {"specifiedRules", "NoSchemaIntrospectionCustomRule"};
	CHECK_EQ(errors_of(*s, "{ __typename t: __type(name: \"User\") { name } }", no_introspection),
	         std::string("GraphQL introspection has been disabled, but the requested query contained the field "
	                     "\"__type\".@1:14"));
	CHECK_EQ(errors_of(*s, "{ __typename users { __typename id } }"), std::string());
}

TEST(validation_overlapping_fields_report_nested_conflicts)
{
	auto s = build(SPEC_SDL, schema::BuildMode::Spec);
	if (!s)
		return;
	CHECK_EQ(errors_of(*s, "{ dog { x: name x: nickname } }"),
	         std::string("Fields \"x\" conflict because \"name\" and \"nickname\" are different fields. Use different "
	                     "aliases on the fields to fetch both if this was intentional.@1:9@1:17"));
	CHECK_EQ(errors_of(*s, "{ dog { friends { v: name } } dog { friends { v: barkVolume } } }"),
	         std::string("Fields \"dog\" conflict because subfields \"friends\" conflict because subfields \"v\" conflict "
	                     "because \"name\" and \"barkVolume\" are different fields. Use different aliases on the fields "
	                     "to fetch both if this was intentional.@1:3@1:9@1:19@1:31@1:37@1:47"));
	// Different object types never overlap: same response name, different fields is fine there.
	CHECK_EQ(errors_of(*s, "{ catOrDog { ... on Cat { n: meows } ... on Dog { n: name } } }"),
	         std::string("Fields \"n\" conflict because they return conflicting types \"Boolean\" and \"String\". Use "
	                     "different aliases on the fields to fetch both if this was intentional.@1:27@1:51"));
	CHECK_EQ(errors_of(*s, "{ dog { doesKnow(command: SIT) doesKnow(command: SIT) } }"), std::string());
	CHECK_EQ(errors_of(*s, "{ dog { doesKnow(command: SIT) doesKnow(command: HEEL) } }"),
	         std::string("Fields \"doesKnow\" conflict because they have differing arguments. Use different aliases on "
	                     "the fields to fetch both if this was intentional.@1:9@1:32"));
}

TEST(validation_fragment_cycles_name_the_path)
{
	auto s = build(SPEC_SDL, schema::BuildMode::Spec);
	if (!s)
		return;
	validation::ValidateOptions only;
	only.rules = {"NoFragmentCyclesRule"};
	CHECK_EQ(errors_of(*s, "{ dog { ...A } } fragment A on Dog { ...B } fragment B on Dog { ...C } fragment C on Dog { ...A }",
	                   only),
	         std::string("Cannot spread fragment \"A\" within itself via \"B\", \"C\".@1:38@1:65@1:92"));
	CHECK_EQ(errors_of(*s, "{ dog { ...A } } fragment A on Dog { name ...A }", only),
	         std::string("Cannot spread fragment \"A\" within itself.@1:43"));
}

TEST(validation_variable_positions_and_one_of)
{
	auto s = build(SPEC_SDL, schema::BuildMode::Spec);
	if (!s)
		return;
	CHECK_EQ(errors_of(*s, "query ($n: Int) { need(n: $n) }"),
	         std::string("Variable \"$n\" of type \"Int\" used in position expecting type \"Int!\".@1:8@1:27"));
	CHECK_EQ(errors_of(*s, "query ($n: Int = 3) { need(n: $n) }"), std::string());
	CHECK_EQ(errors_of(*s, "query ($v: String) { find(filter: {byName: $v}) { name } }"),
	         std::string("Variable \"$v\" is of type \"String\" but must be non-nullable to be used for OneOf Input "
	                     "Object \"Filter\".@1:8@1:44"));
	CHECK_EQ(errors_of(*s, "{ find(filter: {byName: \"a\", byId: 1}) { name } }"),
	         std::string("Within OneOf Input Object type \"Filter\", exactly one field must be specified, and the value "
	                     "for that field must be non-null.@1:16"));
}

TEST(validation_options_limit_and_hide_suggestions)
{
	auto s = build(SPEC_SDL, schema::BuildMode::Spec);
	if (!s)
		return;
	validation::ValidateOptions hide;
	hide.hide_suggestions = true;
	CHECK_EQ(errors_of(*s, "{ dog { nam } }", hide), std::string("Cannot query field \"nam\" on type \"Dog\".@1:9"));
	CHECK_EQ(errors_of(*s, "{ dog { nam } }"),
	         std::string("Cannot query field \"nam\" on type \"Dog\". Did you mean \"name\"?@1:9"));
	validation::ValidateOptions two;
	two.max_errors = 2;
	CHECK_EQ(errors_of(*s, "{ a b c d }", two),
	         std::string("Cannot query field \"a\" on type \"Root\".@1:3; Cannot query field \"b\" on type \"Root\".@1:5; "
	                     "Too many validation errors, error limit reached. Validation aborted."));
	validation::ValidateOptions custom;
	custom.rules = {"NoDeprecatedCustomRule"};
	CHECK_EQ(errors_of(*s, "{ old }", custom), std::string("The field Root.old is deprecated. Use new.@1:3"));
	CHECK_EQ(errors_of(*s, "subscription { events other }"),
	         std::string("Anonymous Subscription must select only one top level field.@1:23"));
}

TEST(validation_wide_repeated_selection_finishes)
{
	auto s = build(SPEC_SDL, schema::BuildMode::Spec);
	if (!s)
		return;
	// 10,000 fields with 4 response names: graphql-js 17.1 gives up after its
	// complexity budget, and so must we (and quickly).
	std::string q = "{ dog {";
	for (int i = 0; i < 2500; i++)
		q += " name nickname barkVolume n: name";
	q += " } }";
	CHECK_EQ(errors_of(*s, q), std::string("Validation aborted."));
	// Wide but distinct: 10,000 aliases of one field, no conflict, no abort.
	std::string distinct = "{ dog {";
	for (int i = 0; i < 10000; i++)
		distinct += " a" + std::to_string(i) + ": name";
	distinct += " } }";
	CHECK_EQ(errors_of(*s, distinct), std::string());
}

TEST(validation_long_fragment_chain_finishes)
{
	auto s = build(SPEC_SDL, schema::BuildMode::Spec);
	if (!s)
		return;
	// 1,000 fragments spread in a chain: fine (graphql-js agrees).
	std::string chain = "{ dog { ...F0 } }";
	for (int i = 0; i < 1000; i++)
		chain += " fragment F" + std::to_string(i) + " on Dog { " +
		         (i + 1 < 1000 ? "...F" + std::to_string(i + 1) : std::string("name")) + " }";
	CHECK_EQ(errors_of(*s, chain), std::string());
	// Each link also selecting a field makes the field-and-fragment comparisons
	// quadratic: graphql-js 17.1 stops at its complexity budget, as we do.
	std::string fields = "{ dog { ...F0 } }";
	for (int i = 0; i < 1000; i++)
		fields += " fragment F" + std::to_string(i) + " on Dog { name" +
		          (i + 1 < 1000 ? " ...F" + std::to_string(i + 1) : std::string()) + " }";
	CHECK_EQ(errors_of(*s, fields), std::string("Validation aborted."));
	validation::ValidateOptions others;
	others.rules = {"NoFragmentCyclesRule", "NoUnusedFragmentsRule", "NoUndefinedVariablesRule", "MaxIntrospectionDepthRule"};
	CHECK_EQ(errors_of(*s, fields, others), std::string());
	// The same chain closed into a cycle.
	validation::ValidateOptions only;
	only.rules = {"NoFragmentCyclesRule"};
	std::string closed = fields;
	closed.replace(closed.rfind("{ name }"), 8, "{ name ...F0 }");
	CHECK_EQ(errors_of(*s, closed, only).substr(0, 50), std::string("Cannot spread fragment \"F0\" within itself via \"F1\""));
}
