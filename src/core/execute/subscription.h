// subscription.h: what fraiseql.subscribe and fraiseql.subscription_event add
// to the request path (docs/subscriptions.md): which calls may run which
// operation type, the subscribe answer, and the trigger's event payload.
#pragma once

#include <string>

#include "core/compile/plan.h"
#include "core/jsonb/jsonb_reader.h"
#include "core/response/json_writer.h"
#include "core/syntax/ast.h"
#include "core/util/error.h"

namespace fraiseql::execute {

// Which SQL function runs the request. None: execute (and serve, explain),
// which refuse subscriptions; Subscribe and Event take subscriptions only.
enum class SubscriptionMode : uint8_t { None, Subscribe, Event };

// The request error for an operation the call does not run (empty: it runs it).
ErrorList check_operation_type(const syntax::OperationDefinition &operation, SubscriptionMode mode);

// The request error of a subscription whose @skip/@include left no root field
// (subscribe reports it; an event for it delivers nothing).
GraphQLError no_root_field_error(const syntax::OperationDefinition &operation);

// fraiseql.subscribe's answer for a subscription that validated, compiled and
// bound: {"channels":[...],"field":...,"response_key":...,"type":...,"operation_name":...}.
void write_subscribe_result(response::JsonWriter &out, const compile::Plan &plan,
                            const syntax::OperationDefinition &operation);

// After an event ran: whether its response is to be delivered. Not when no
// row matched (absent, hidden by row-level security, filtered out by the
// arguments) and nothing else went wrong, nor when the only failure is a bad
// parameter value: the payload's id is not of the id column's type (the
// variables were bound once already by fraiseql.subscribe).
bool event_delivers(uint64_t rows, const ErrorList &errors);

// The payload fraiseql.notify_trigger sends: {"op":"INSERT|UPDATE|DELETE","id":...,"tenant":...}.
struct EventPayload {
	std::string op; // INSERT, UPDATE or DELETE
	std::string id; // the id's text (a JSON string's content, or a number's text)
};

// Reads a payload; false when it is not one (not an object, no known "op",
// no string or number "id"): such an event delivers nothing.
bool read_event_payload(const jsonb::Value &payload, EventPayload &out);

} // namespace fraiseql::execute
