// subscription_test.cc: Subscription fields in the schema, the statement an
// event runs, and the subscribe / event paths of handle_request with a fake
// runner (the rows an event's id finds, or the error binding it).
#include <string>
#include <vector>

#include "core/execute/request.h"
#include "core/execute/subscription.h"
#include "core/schema/print_schema.h"
#include "core/schema/schema.h"
#include "unit/check.h"
#include "unit/support/jsonb_builder.h"

using namespace fraiseql;

namespace {

const char SDL[] = "scalar UUID\n"
                   "type Task @view(name: \"s.v_task\") { id: UUID! projectId: UUID title: String }\n"
                   "type Query { tasks: [Task!]! }\n"
                   "type Subscription { taskChanged(projectId: UUID): Task @notify(channel: \"task_changed\") }\n";

std::unique_ptr<schema::Schema>
resolved_schema()
{
	schema::BuildResult built = schema::build_schema(SDL);
	if (!built.schema)
		return nullptr;
	for (schema::ViewBinding *v : built.schema->view_bindings()) {
		v->resolved = true;
		v->schema_name = "s";
		v->relation_name = "v_task";
		v->columns = {{"id", 2950, "uuid"}, {"project_id", 2950, "uuid"}, {"data", 3802, "jsonb"}};
	}
	return std::move(built.schema);
}

std::string
first_error(const char *sdl)
{
	schema::BuildResult built = schema::build_schema(sdl);
	if (built.errors.empty())
		return "";
	const GraphQLError &e = built.errors[0];
	return std::to_string(e.locations.empty() ? 0 : e.locations[0].line) + ":" +
	       std::to_string(e.locations.empty() ? 0 : e.locations[0].column) + " " + e.message;
}

// Answers with `rows` (JSON texts) or fails with `error`; records the parameters.
class EventRunner final : public execute::StatementRunner {
public:
	std::vector<std::string> rows;
	bool fail = false;
	GraphQLError error;
	std::vector<std::string> seen_params; // "<null>" for SQL NULL
	std::string seen_sql;

	bool
	run(const compile::RootField &root, const std::vector<const std::string *> &params, execute::StatementSlot &,
	    execute::RowSink &sink, GraphQLError &out) override
	{
		seen_sql = root.sql;
		seen_params.clear();
		for (const std::string *p : params)
			seen_params.push_back(p ? *p : "<null>");
		if (fail) {
			out = error;
			return false;
		}
		for (const std::string &json : rows) {
			test::JsonbDoc doc(json);
			if (!sink.row(doc.bytes.data(), static_cast<uint32_t>(doc.bytes.size())))
				break;
		}
		return true;
	}
	void release(void *) override {}
};

struct Outcome {
	std::string json;
	bool delivers = true;
};

Outcome
run(const schema::Schema &schema, EventRunner &runner, execute::SubscriptionMode mode, const char *query,
    const std::string *event_id = nullptr, const char *variables = nullptr)
{
	execute::Request request;
	request.query = query;
	request.event_id = event_id;
	test::JsonbDoc vars(variables ? variables : "{}");
	if (variables)
		request.variables = vars.root();
	execute::RequestOptions options;
	Outcome outcome;
	options.subscription = mode;
	options.event_delivers = &outcome.delivers;
	response::JsonWriter out(response::heap_buffer_source());
	execute::handle_request(schema, request, options, runner, out);
	outcome.json = std::string(out.json());
	return outcome;
}

} // namespace

TEST(subscription_field_is_a_root_with_its_channel_and_where)
{
	std::unique_ptr<schema::Schema> s = resolved_schema();
	CHECK(s != nullptr);
	if (!s)
		return;
	CHECK(s->subscription_type() != nullptr);
	const schema::FieldDef *f = s->subscription_type()->find_field("taskChanged");
	CHECK(f != nullptr);
	if (!f)
		return;
	CHECK(f->root_kind == schema::RootKind::Subscription);
	CHECK_EQ(f->notify_channel, std::string("task_changed"));
	CHECK(f->find_argument("where") != nullptr);
	CHECK(f->where_type != nullptr);
	CHECK(s->check_bindings().empty());
	const std::string printed = schema::print_schema(*s);
	CHECK(printed.find("taskChanged(projectId: UUID, where: TaskWhereInput): Task @notify(channel: \"task_changed\")") !=
	      std::string::npos);
	// the printed schema loads again
	CHECK(schema::build_schema(printed).errors.empty());
}

TEST(subscription_load_errors_name_their_position)
{
	const std::string head = "scalar UUID\ntype Task @view(name: \"s.v\") { id: UUID! }\ntype Query { tasks: [Task!]! }\n";
	CHECK_EQ(first_error((head + "type Subscription { taskChanged: Task }").c_str()),
	         std::string("4:21 Subscription.taskChanged has no event source: add @notify(channel: \"...\")"));
	CHECK_EQ(first_error((head + "type Subscription { t: Task @notify(channel: \"" + std::string(64, 'c') + "\") }").c_str()),
	         std::string("4:46 argument \"channel\" of \"@notify\" must be at most 63 bytes (a PostgreSQL identifier)"));
	// 63 bytes is fine
	CHECK_EQ(first_error((head + "type Subscription { t: Task @notify(channel: \"" + std::string(63, 'c') + "\") }").c_str()),
	         std::string(""));
	CHECK_EQ(first_error((head + "type Subscription { t: Task! @notify(channel: \"c\") }").c_str()),
	         std::string("4:21 Subscription.t must return a nullable object type (one row per event), not \"Task!\""));
	CHECK_EQ(first_error("scalar UUID\ntype Task @view(name: \"s.v\") { id: UUID! @notify(channel: \"c\") }\n"
	                     "type Query { tasks: [Task!]! }"),
	         std::string("2:42 \"@notify\" on Task.id: it applies to fields of the Subscription type only"));
	CHECK_EQ(first_error((head + "type Subscription { t: Task @notify }").c_str()),
	         std::string("4:29 directive \"@notify\" needs a string argument \"channel\""));
}

TEST(subscription_argument_columns_are_checked)
{
	schema::BuildResult built = schema::build_schema(
	    "scalar UUID\ntype Task @view(name: \"s.v\") { id: UUID! }\ntype Query { tasks: [Task!]! }\n"
	    "type Subscription { t(ownerId: UUID): Task @notify(channel: \"c\") }");
	CHECK(built.schema != nullptr);
	if (!built.schema)
		return;
	for (schema::ViewBinding *v : built.schema->view_bindings()) {
		v->resolved = true;
		v->columns = {{"data", 3802, "jsonb"}}; // no id column either
	}
	ErrorList errors = built.schema->check_bindings();
	CHECK_EQ(errors.size(), size_t(2));
	if (errors.size() == 2) {
		CHECK(errors[0].message.find("by the id column \"id\"") != std::string::npos);
		CHECK(errors[1].message.find("argument \"ownerId\" of Subscription.t filters on column \"owner_id\"") !=
		      std::string::npos);
	}
}

TEST(subscribe_answers_with_channels_after_binding_with_no_event)
{
	std::unique_ptr<schema::Schema> s = resolved_schema();
	if (!s)
		return;
	EventRunner runner;
	Outcome o = run(*s, runner, execute::SubscriptionMode::Subscribe,
	                "subscription S($p: UUID) { t: taskChanged(projectId: $p) { title } }", nullptr,
	                "{\"p\": \"f0000000-0000-0000-0000-000000000001\"}");
	CHECK_EQ(o.json, std::string("{\"channels\":[\"task_changed\"],\"field\":\"taskChanged\",\"response_key\":\"t\","
	                             "\"type\":\"Task\",\"operation_name\":\"S\"}"));
	CHECK_EQ(runner.seen_sql,
	         std::string("SELECT v.\"data\" FROM \"s\".\"v_task\" v WHERE v.\"id\" = $1 AND ($2 IS NULL OR v.\"project_id\" = $2) LIMIT 2"));
	CHECK_EQ(runner.seen_params.size(), size_t(2));
	if (runner.seen_params.size() == 2) {
		CHECK_EQ(runner.seen_params[0], std::string("<null>"));
		CHECK_EQ(runner.seen_params[1], std::string("f0000000-0000-0000-0000-000000000001"));
	}
	// a variable the database refuses while binding is the subscription's request error
	runner.fail = true;
	runner.error = make_error(ErrorCode::BadUserInput, "Variable \"$p\" has invalid value: nope");
	o = run(*s, runner, execute::SubscriptionMode::Subscribe, "subscription ($p: UUID) { taskChanged(projectId: $p) { title } }",
	        nullptr, "{\"p\": \"f0000000-0000-0000-0000-000000000001\"}");
	CHECK_EQ(o.json, std::string("{\"errors\":[{\"message\":\"Variable \\\"$p\\\" has invalid value: nope\",\"locations\":"
	                             "[{\"line\":1,\"column\":27}],\"extensions\":{\"code\":\"BAD_USER_INPUT\"}}]}"));
}

TEST(subscription_event_delivers_the_row_shaped_like_a_query)
{
	std::unique_ptr<schema::Schema> s = resolved_schema();
	if (!s)
		return;
	EventRunner runner;
	runner.rows = {"{\"id\": \"e1\", \"title\": \"Hello\", \"project_id\": \"p1\"}"};
	const std::string id = "e0000000-0000-0000-0000-000000000001";
	Outcome o = run(*s, runner, execute::SubscriptionMode::Event,
	                "subscription { c: taskChanged { __typename ...F title @skip(if: true) } } "
	                "fragment F on Task { name: title projectId }",
	                &id);
	CHECK(o.delivers);
	CHECK_EQ(o.json, std::string("{\"data\":{\"c\":{\"__typename\":\"Task\",\"name\":\"Hello\",\"projectId\":\"p1\"}}}"));
	CHECK_EQ(runner.seen_params.size(), size_t(1));
	if (!runner.seen_params.empty())
		CHECK_EQ(runner.seen_params[0], id);
}

TEST(subscription_event_with_two_rows_for_one_id_is_a_field_error)
{
	std::unique_ptr<schema::Schema> s = resolved_schema();
	if (!s)
		return;
	EventRunner runner;
	runner.rows = {"{\"title\": \"a\"}", "{\"title\": \"b\"}"}; // an id column that is not unique
	const std::string id = "e0000000-0000-0000-0000-000000000001";
	Outcome o = run(*s, runner, execute::SubscriptionMode::Event, "subscription { taskChanged { title } }", &id);
	CHECK(o.delivers);
	CHECK_EQ(o.json, std::string("{\"errors\":[{\"message\":\"Expected at most one row for field "
	                             "\\\"Subscription.taskChanged\\\", found more.\",\"locations\":[{\"line\":1,"
	                             "\"column\":16}],\"path\":[\"taskChanged\"],\"extensions\":{\"code\":"
	                             "\"INTERNAL_SERVER_ERROR\"}}],\"data\":{\"taskChanged\":null}}"));
}

TEST(subscription_event_without_a_row_or_with_a_bad_id_delivers_nothing)
{
	std::unique_ptr<schema::Schema> s = resolved_schema();
	if (!s)
		return;
	EventRunner runner;
	const std::string id = "e0000000-0000-0000-0000-000000000001";
	Outcome o = run(*s, runner, execute::SubscriptionMode::Event, "subscription { taskChanged { title } }", &id);
	CHECK(!o.delivers); // no row: absent, hidden by RLS, or filtered out
	runner.fail = true;
	runner.error = make_error(ErrorCode::BadUserInput, "Argument \"id\" has invalid value: invalid input syntax for type uuid");
	o = run(*s, runner, execute::SubscriptionMode::Event, "subscription { taskChanged { title } }", &id);
	CHECK(!o.delivers);
	// a database error reading the row reaches the subscriber
	runner.error = make_error(ErrorCode::DatabaseError, "division by zero");
	runner.error.sqlstate = "22012";
	o = run(*s, runner, execute::SubscriptionMode::Event, "subscription { taskChanged { title } }", &id);
	CHECK(o.delivers);
	CHECK_EQ(o.json, std::string("{\"errors\":[{\"message\":\"division by zero\",\"locations\":[{\"line\":1,\"column\":16}],"
	                             "\"path\":[\"taskChanged\"],\"extensions\":{\"code\":\"DATABASE_ERROR\",\"sqlstate\":"
	                             "\"22012\"}}],\"data\":{\"taskChanged\":null}}"));
}

TEST(operation_types_each_call_runs)
{
	std::unique_ptr<schema::Schema> s = resolved_schema();
	if (!s)
		return;
	EventRunner runner;
	Outcome o = run(*s, runner, execute::SubscriptionMode::None, "subscription { taskChanged { title } }");
	CHECK(o.json.find("Subscriptions are not served by this call") != std::string::npos);
	CHECK(runner.seen_sql.empty()); // nothing ran
	o = run(*s, runner, execute::SubscriptionMode::Subscribe, "query Q { tasks { title } }");
	CHECK(o.json.find("The selected operation is a query, not a subscription") != std::string::npos);
	o = run(*s, runner, execute::SubscriptionMode::Subscribe,
	        "subscription { taskChanged { title } other: taskChanged { title } }");
	CHECK(o.json.find("Anonymous Subscription must select only one top level field.") != std::string::npos);
}

TEST(event_payloads_are_read_strictly)
{
	auto read = [](const char *json, execute::EventPayload &p) { return execute::read_event_payload(test::JsonbDoc(json).root(), p); };
	execute::EventPayload p;
	CHECK(read("{\"op\": \"UPDATE\", \"id\": \"abc\", \"tenant\": \"A\"}", p));
	CHECK_EQ(p.op, std::string("UPDATE"));
	CHECK_EQ(p.id, std::string("abc"));
	CHECK(read("{\"op\": \"INSERT\", \"id\": 42}", p));
	CHECK_EQ(p.id, std::string("42"));
	CHECK(read("{\"op\": \"DELETE\", \"id\": \"x\"}", p));
	CHECK(!read("{\"op\": \"update\", \"id\": \"x\"}", p));
	CHECK(!read("{\"op\": \"TRUNCATE\", \"id\": \"x\"}", p));
	CHECK(!read("{\"op\": \"UPDATE\"}", p));
	CHECK(!read("{\"op\": \"UPDATE\", \"id\": null}", p));
	CHECK(!read("{\"op\": \"UPDATE\", \"id\": \"\"}", p));
	CHECK(!read("{\"op\": \"UPDATE\", \"id\": {\"a\": 1}}", p));
	CHECK(!read("[\"UPDATE\", \"x\"]", p));
	CHECK(!read("\"UPDATE\"", p));
	CHECK(execute::event_delivers(1, {}));
	CHECK(!execute::event_delivers(0, {}));
}
