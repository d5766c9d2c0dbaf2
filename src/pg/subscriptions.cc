// subscriptions.cc: fraiseql.subscribe and fraiseql.subscription_event, the
// extension's half of GraphQL subscriptions (docs/subscriptions.md): the web
// app holds the sockets and LISTENs; these decide what an event means for one
// subscriber's document, variables and context, through execute's own path.
#include <string>

#include "core/execute/subscription.h"
#include "pg/guard.h"
#include "pg/persisted.h"
#include "pg/request_runner.h"

using namespace fraiseql;

namespace {

std::string_view
text_view(FunctionCallInfo fcinfo, int n)
{
	text *t = pg::call([&] { return PG_GETARG_TEXT_PP(n); });
	return std::string_view(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

Jsonb *
jsonb_arg(FunctionCallInfo fcinfo, int n)
{
	return PG_ARGISNULL(n) ? nullptr : pg::call([&] { return PG_GETARG_JSONB_P(n); });
}

// The arguments both functions share; `name_arg`: where operation_name is.
pg::RequestArgs
subscription_args(FunctionCallInfo fcinfo, int name_arg, int context_arg)
{
	pg::RequestArgs args;
	if (PG_ARGISNULL(0))
		throw pg::PgError(ERRCODE_NULL_VALUE_NOT_ALLOWED, "query must not be null");
	args.query = text_view(fcinfo, 0);
	args.variables = jsonb_arg(fcinfo, 1);
	if (!PG_ARGISNULL(name_arg)) {
		args.operation_name = text_view(fcinfo, name_arg);
		args.has_operation_name = true;
	}
	args.context = jsonb_arg(fcinfo, context_arg);
	return args;
}

} // namespace

// fraiseql.subscribe(query, variables, operation_name, context) -> jsonb:
// {"channels": [...], "field": ..., ...} for a subscription that validated
// and bound, else {"errors": [...]} as execute writes them.
FRAISEQL_FUNCTION(subscribe)
{
	struct varlena *answer;
	if (!pg::ad_hoc_document_allowed(fcinfo)) {
		answer = reinterpret_cast<struct varlena *>(pg::persisted_query_required_response());
	} else {
		pg::RequestArgs args = subscription_args(fcinfo, 2, 3);
		args.subscription = execute::SubscriptionMode::Subscribe;
		answer = pg::run_request(args);
	}
	// One small answer per subscription: read back as jsonb through its text.
	const std::string json(VARDATA(answer), VARSIZE(answer) - VARHDRSZ);
	return pg::call([&] {
		pfree(answer);
		return DirectFunctionCall1(jsonb_in, CStringGetDatum(json.c_str()));
	});
}

// fraiseql.subscription_event(query, variables, payload, context,
// operation_name) -> bytea: the response for one event, or NULL when it
// delivers nothing (a DELETE, a row this context may not see or the
// arguments filter out, a payload that is not fraiseql.notify_trigger's).
FRAISEQL_FUNCTION(subscription_event)
{
	Jsonb *payload = jsonb_arg(fcinfo, 2);
	if (!payload)
		PG_RETURN_NULL();
	execute::EventPayload event;
	const jsonb::Value root = jsonb::root(reinterpret_cast<const char *>(&payload->root), VARSIZE(payload) - VARHDRSZ);
	// A deleted row cannot be re-read, so what a subscriber may see of it is unknown.
	if (!execute::read_event_payload(root, event) || event.op == "DELETE")
		PG_RETURN_NULL();
	if (!pg::ad_hoc_document_allowed(fcinfo))
		PG_RETURN_BYTEA_P(pg::persisted_query_required_response());
	pg::RequestArgs args = subscription_args(fcinfo, 4, 3);
	args.subscription = execute::SubscriptionMode::Event;
	args.event_id = &event.id;
	struct varlena *response = pg::run_request(args);
	if (!response)
		PG_RETURN_NULL();
	PG_RETURN_BYTEA_P(reinterpret_cast<bytea *>(response));
}
