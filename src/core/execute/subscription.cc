// subscription.cc: the subscription rules of the request path (subscription.h).
#include "core/execute/subscription.h"

namespace fraiseql::execute {

ErrorList
check_operation_type(const syntax::OperationDefinition &operation, SubscriptionMode mode)
{
	const bool subscription = operation.operation == syntax::OperationType::Subscription;
	if (mode == SubscriptionMode::None && subscription)
		return {make_error(ErrorCode::BadUserInput,
		                   "Subscriptions are not served by this call: a subscription needs a streaming transport "
		                   "(graphql-transport-ws or graphql-sse), which calls fraiseql.subscribe() and "
		                   "fraiseql.subscription_event().",
		                   operation.loc.line, operation.loc.column)};
	if (mode != SubscriptionMode::None && !subscription)
		return {make_error(ErrorCode::BadUserInput,
		                   std::string("The selected operation is a ") +
		                       (operation.operation == syntax::OperationType::Mutation ? "mutation" : "query") +
		                       ", not a subscription: run it with fraiseql.execute().",
		                   operation.loc.line, operation.loc.column)};
	return {};
}

GraphQLError
no_root_field_error(const syntax::OperationDefinition &operation)
{
	return make_error(ErrorCode::BadUserInput,
	                  "The subscription selects no field: @skip or @include left its root field out.",
	                  operation.loc.line, operation.loc.column);
}

void
write_subscribe_result(response::JsonWriter &out, const compile::Plan &plan, const syntax::OperationDefinition &operation)
{
	out.raw("{\"channels\":[");
	for (size_t i = 0; i < plan.channels.size(); i++) {
		if (i)
			out.raw(',');
		out.string(plan.channels[i]);
	}
	out.raw("],\"field\":");
	out.string(plan.subscription_field);
	out.raw(",\"response_key\":");
	out.string(plan.roots.empty() ? std::string() : plan.roots[0].response_key);
	out.raw(",\"type\":");
	if (!plan.roots.empty() && plan.roots[0].object_type)
		out.string(plan.roots[0].object_type->name);
	else
		out.null();
	out.raw(",\"operation_name\":");
	if (operation.name.present())
		out.string(operation.name.text);
	else
		out.null();
	out.raw('}');
}

bool
event_delivers(uint64_t rows, const ErrorList &errors)
{
	if (rows > 0)
		return true;
	for (const GraphQLError &e : errors)
		if (e.code != ErrorCode::BadUserInput)
			return true; // a database error reading the row: the subscriber hears of it
	return false;
}

bool
read_event_payload(const jsonb::Value &payload, EventPayload &out)
{
	if (payload.kind != jsonb::Kind::Object)
		return false;
	const jsonb::Container object = payload.container();
	const jsonb::Value op = object.find("op");
	if (op.kind != jsonb::Kind::String)
		return false;
	out.op = std::string(op.string());
	if (out.op != "INSERT" && out.op != "UPDATE" && out.op != "DELETE")
		return false;
	const jsonb::Value id = object.find("id");
	if (id.kind == jsonb::Kind::String)
		out.id = std::string(id.string());
	else if (id.kind == jsonb::Kind::Numeric)
		out.id = jsonb::numeric_string(id);
	else
		return false;
	return !out.id.empty();
}

} // namespace fraiseql::execute
