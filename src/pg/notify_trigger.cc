// notify_trigger.cc: fraiseql.notify_trigger(channel [, id_column [,
// tenant_column]]), the row trigger that announces a change to subscriptions:
// pg_notify(channel, '{"op":"UPDATE","id":"...","tenant":"..."}'). NOTIFY is
// delivered at commit, in commit order, and never for a rolled-back write.
#include <string>

#include "core/response/json_writer.h"
#include "pg/guard.h"
#include "pg/pg.h"

extern "C" {
#include "commands/async.h"
#include "commands/trigger.h"
}

using namespace fraiseql;

namespace {

// The column's value as a JSON string, or null for SQL NULL.
void
append_column(std::string &out, HeapTuple tuple, TupleDesc desc, const char *relation, const char *column)
{
	int number = pg::call([&] { return SPI_fnumber(desc, column); });
	if (number <= 0)
		throw pg::PgError(ERRCODE_UNDEFINED_COLUMN, std::string("column \"") + column + "\" of relation \"" + relation +
		                                                "\" does not exist",
		                  "fraiseql.notify_trigger(channel, id_column, tenant_column) names the columns it sends.");
	char *value = pg::call([&] { return SPI_getvalue(tuple, desc, number); });
	if (!value) {
		out += "null";
		return;
	}
	out += '"';
	response::append_escaped(out, value);
	out += '"';
	pg::call([&] { pfree(value); });
}

} // namespace

FRAISEQL_FUNCTION(notify_trigger)
{
	if (!CALLED_AS_TRIGGER(fcinfo))
		throw pg::PgError(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED, "fraiseql.notify_trigger() is a trigger function");
	TriggerData *data = reinterpret_cast<TriggerData *>(fcinfo->context);
	if (!TRIGGER_FIRED_FOR_ROW(data->tg_event) || !TRIGGER_FIRED_AFTER(data->tg_event))
		throw pg::PgError(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
		                  "fraiseql.notify_trigger() must be an AFTER ... FOR EACH ROW trigger");
	const Trigger *trigger = data->tg_trigger;
	if (trigger->tgnargs < 1 || trigger->tgnargs > 3)
		throw pg::PgError(ERRCODE_INVALID_PARAMETER_VALUE,
		                  "fraiseql.notify_trigger() takes a channel, then optionally the id and tenant columns");
	const char *channel = trigger->tgargs[0];
	const char *id_column = trigger->tgnargs > 1 ? trigger->tgargs[1] : "id";
	const char *tenant_column = trigger->tgnargs > 2 ? trigger->tgargs[2] : nullptr;

	const char *op;
	HeapTuple tuple;
	if (TRIGGER_FIRED_BY_INSERT(data->tg_event)) {
		op = "INSERT";
		tuple = data->tg_trigtuple;
	} else if (TRIGGER_FIRED_BY_UPDATE(data->tg_event)) {
		op = "UPDATE";
		tuple = data->tg_newtuple;
	} else if (TRIGGER_FIRED_BY_DELETE(data->tg_event)) {
		op = "DELETE";
		tuple = data->tg_trigtuple;
	} else {
		throw pg::PgError(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED,
		                  "fraiseql.notify_trigger() fires on INSERT, UPDATE or DELETE");
	}
	TupleDesc desc = RelationGetDescr(data->tg_relation);
	const char *relation = RelationGetRelationName(data->tg_relation);
	std::string payload = std::string("{\"op\":\"") + op + "\",\"id\":";
	append_column(payload, tuple, desc, relation, id_column);
	if (tenant_column) {
		payload += ",\"tenant\":";
		append_column(payload, tuple, desc, relation, tenant_column);
	}
	payload += '}';
	// Async_Notify checks the channel (non-empty, at most 63 bytes) and the payload size.
	pg::call([&] { Async_Notify(channel, payload.c_str()); });
	return PointerGetDatum(nullptr);
}
