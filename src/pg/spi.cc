// spi.cc: statements of root fields run in their own subtransaction, so a
// database error becomes that field's error and the call goes on.
#include "pg/spi.h"

#include <new>

extern "C" {
#include "parser/parse_func.h"
#include "parser/parse_type.h"
#include "utils/uuid.h"
}
#include "core/util/text.h"
#include "pg/admission.h"

namespace fraiseql::pg {

SpiSession::SpiSession()
{
	int rc = call([] { return SPI_connect(); });
	if (rc != SPI_OK_CONNECT)
		throw PgError(ERRCODE_INTERNAL_ERROR, "SPI_connect failed");
}

void
SpiSession::finish()
{
	call([] { SPI_finish(); });
}

SPIPlanPtr
catalog_plan(const char *sql, const std::vector<Oid> &types)
{
	// A handful of literals: a linear search is enough.
	static std::vector<std::pair<const char *, SPIPlanPtr>> plans;
	for (const auto &[text, plan] : plans)
		if (text == sql)
			return plan;
	SPIPlanPtr plan = call([&] {
		SPIPlanPtr prepared = SPI_prepare_cursor(sql, static_cast<int>(types.size()), const_cast<Oid *>(types.data()),
		                                         CURSOR_OPT_GENERIC_PLAN);
		if (prepared)
			SPI_keepplan(prepared);
		return prepared;
	});
	if (!plan)
		throw PgError(ERRCODE_INTERNAL_ERROR, std::string("SPI_prepare failed: ") + SPI_result_code_string(SPI_result));
	plans.emplace_back(sql, plan);
	return plan;
}

std::string
spi_text(HeapTuple tuple, TupleDesc desc, int column)
{
	char *value = call([&] { return SPI_getvalue(tuple, desc, column); });
	std::string out = value ? value : "";
	return out;
}

namespace {

// " at \"where.ip.eq\"": where inside a variable's value a bad value sits.
std::string
variable_path(const compile::Param &p)
{
	std::string path;
	for (const compile::PathStep &step : p.path)
		path += step.key.empty() ? "[" + std::to_string(step.index) + "]" : (path.empty() ? "" : ".") + step.key;
	return path.empty() ? std::string() : " at \"" + p.variable + (path[0] == '[' ? "" : ".") + path + "\"";
}

// Converts parameter text to Datums of the statement's types. An invalid value
// (a malformed UUID) is the caller's mistake: BAD_USER_INPUT.
bool
bind_params(const compile::RootField &root, const std::vector<const std::string *> &params, std::vector<Datum> &values,
            std::vector<char> &nulls, GraphQLError &error)
{
	values.assign(params.size(), (Datum) 0);
	nulls.assign(params.size(), ' ');
	for (size_t i = 0; i < params.size(); i++) {
		if (!params[i]) {
			nulls[i] = 'n';
			continue;
		}
		Oid type = root.params[i].pg_type_oid;
		const char *text = params[i]->c_str();
		const char *check_type = root.params[i].check_type.empty() ? nullptr : root.params[i].check_type.c_str();
		try {
			if (check_type && strcmp(check_type, "geojson") == 0) // PostGIS reads the GeoJSON first
				call([&] {
					Oid text_type = TEXTOID;
					Oid reader = LookupFuncName(list_make1(makeString(pstrdup("st_geomfromgeojson"))), 1, &text_type, false);
					(void) OidFunctionCall1(reader, CStringGetTextDatum(text));
				});
			else if (check_type) // an extension's type, cast in the SQL: its input function judges the text first
				call([&] {
					Oid checked;
					int32 typmod;
					Oid input;
					Oid ioparam;
					parseTypeString(check_type, &checked, &typmod, false);
					getTypeInputInfo(checked, &input, &ioparam);
					(void) OidInputFunctionCall(input, const_cast<char *>(text), ioparam, typmod);
				});
			if (type == UUIDOID && !check_type) {
				// uuid_in reads each byte with strtoul (2.7k instructions a
				// UUID); the canonical form is read here, any other form by it.
				pg_uuid_t *uuid = static_cast<pg_uuid_t *>(call([] { return palloc(sizeof(pg_uuid_t)); }));
				if (util::canonical_uuid_bytes(*params[i], uuid->data)) {
					values[i] = UUIDPGetDatum(uuid);
					continue;
				}
			}
			values[i] = call([&] {
				Oid input;
				Oid ioparam;
				getTypeInputInfo(type, &input, &ioparam);
				return OidInputFunctionCall(input, const_cast<char *>(text), ioparam, -1);
			});
		} catch (const PgError &e) {
			// PostGIS reports GeoJSON it cannot read as XX000 (lwerror), which
			// is the caller's input here; the subtransaction is rolled back.
			const bool geojson = check_type && strcmp(check_type, "geojson") == 0 && e.sqlstate() == ERRCODE_INTERNAL_ERROR;
			if (e.must_propagate() && !geojson)
				throw;
			const compile::Param &p = root.params[i];
			error = p.source == compile::ParamSource::Variable
			            ? make_error(ErrorCode::BadUserInput, "Variable \"$" + p.variable + "\" has invalid value" +
			                                                      variable_path(p) + ": " + e.message())
			            : make_error(ErrorCode::BadUserInput,
			                         "Argument \"" + p.argument + "\" has invalid value: " + e.message());
			return false;
		}
	}
	return true;
}


// Streams each row's first column into the core's RowSink. The callbacks are
// called by the executor (C frames); nothing here may throw, and a C++
// failure in the sink is recorded and reported once the executor returned.
struct SinkReceiver {
	DestReceiver pub; // first: the executor sees a plain DestReceiver
	execute::RowSink *sink;
	bool sink_failed;
	bool stopped;
	bool tagged; // rows are (tag int4, data jsonb): RootField::tagged
};

bool
sink_row(SinkReceiver *r, const char *data, uint32_t len) noexcept
{
	try {
		return r->sink->row(data, len);
	} catch (...) {
		r->sink_failed = true;
		return false;
	}
}

// A connection statement's row: data, then the cursor keys (jsonb), the count
// and the far-side flag (execute::RowExtras).
bool
receive_connection_row(TupleTableSlot *slot, SinkReceiver *r)
{
	int natts = slot->tts_tupleDescriptor->natts;
	bool isnull = false;
	execute::RowExtras extras;
	Datum keys = slot_getattr(slot, 2, &isnull);
	struct varlena *keys_raw = nullptr, *keys_flat = nullptr;
	if (!isnull) {
		keys_raw = reinterpret_cast<struct varlena *>(DatumGetPointer(keys));
		keys_flat = pg_detoast_datum_packed(keys_raw);
		extras.keys = VARDATA_ANY(keys_flat);
		extras.keys_len = static_cast<uint32_t>(VARSIZE_ANY_EXHDR(keys_flat));
	}
	if (natts >= 3) {
		Datum count = slot_getattr(slot, 3, &isnull);
		extras.has_count = !isnull;
		extras.count = isnull ? 0 : DatumGetInt64(count);
	}
	if (natts >= 4) {
		Datum flag = slot_getattr(slot, 4, &isnull);
		extras.has_flag = !isnull;
		extras.flag = !isnull && DatumGetBool(flag);
	}
	struct varlena *aggregate_raw = nullptr, *aggregate_flat = nullptr;
	if (natts >= 5) {
		Datum aggregate = slot_getattr(slot, 5, &isnull);
		if (!isnull) {
			aggregate_raw = reinterpret_cast<struct varlena *>(DatumGetPointer(aggregate));
			aggregate_flat = pg_detoast_datum_packed(aggregate_raw);
			extras.aggregate = VARDATA_ANY(aggregate_flat);
			extras.aggregate_len = static_cast<uint32_t>(VARSIZE_ANY_EXHDR(aggregate_flat));
		}
	}
	Datum d = slot_getattr(slot, 1, &isnull);
	struct varlena *raw = isnull ? nullptr : reinterpret_cast<struct varlena *>(DatumGetPointer(d));
	struct varlena *flat = raw ? pg_detoast_datum_packed(raw) : nullptr;
	bool more;
	try {
		more = flat ? r->sink->row_extras(VARDATA_ANY(flat), static_cast<uint32_t>(VARSIZE_ANY_EXHDR(flat)), extras)
		            : r->sink->row_extras(nullptr, 0, extras);
	} catch (...) {
		r->sink_failed = true;
		more = false;
	}
	if (flat && flat != raw)
		pfree(flat);
	if (keys_flat && keys_flat != keys_raw)
		pfree(keys_flat);
	if (aggregate_flat && aggregate_flat != aggregate_raw)
		pfree(aggregate_flat);
	return more;
}

// An interface or union root's row: the type's tag, then the data.
bool
receive_tagged_row(TupleTableSlot *slot, SinkReceiver *r)
{
	bool isnull = false;
	Datum tag = slot_getattr(slot, 1, &isnull);
	int32_t tag_value = isnull ? -1 : DatumGetInt32(tag);
	Datum d = slot_getattr(slot, 2, &isnull);
	struct varlena *raw = isnull ? nullptr : reinterpret_cast<struct varlena *>(DatumGetPointer(d));
	struct varlena *flat = raw ? pg_detoast_datum_packed(raw) : nullptr;
	bool more;
	try {
		more = flat ? r->sink->row_tagged(tag_value, VARDATA_ANY(flat), static_cast<uint32_t>(VARSIZE_ANY_EXHDR(flat)))
		            : r->sink->row_tagged(tag_value, nullptr, 0);
	} catch (...) {
		r->sink_failed = true;
		more = false;
	}
	if (flat && flat != raw)
		pfree(flat);
	return more;
}

extern "C" bool
receive_row(TupleTableSlot *slot, DestReceiver *self)
{
	SinkReceiver *r = reinterpret_cast<SinkReceiver *>(self);
	if (r->tagged) {
		bool go_on = receive_tagged_row(slot, r);
		if (!go_on)
			r->stopped = true;
		return go_on;
	}
	if (slot->tts_tupleDescriptor->natts > 1) {
		bool go_on = receive_connection_row(slot, r);
		if (!go_on)
			r->stopped = true;
		return go_on;
	}
	bool isnull = false;
	Datum d = slot_getattr(slot, 1, &isnull);
	bool more;
	if (isnull) {
		more = sink_row(r, nullptr, 0);
	} else {
		struct varlena *raw = reinterpret_cast<struct varlena *>(DatumGetPointer(d));
		struct varlena *flat = pg_detoast_datum_packed(raw);
		more = sink_row(r, VARDATA_ANY(flat), static_cast<uint32_t>(VARSIZE_ANY_EXHDR(flat)));
		if (flat != raw)
			pfree(flat);
	}
	if (!more)
		r->stopped = true;
	return more;
}

extern "C" void
receiver_startup(DestReceiver *, int, TupleDesc)
{
}

extern "C" void
receiver_shutdown(DestReceiver *)
{
}

extern "C" void
receiver_destroy(DestReceiver *)
{
}

// Memory held by a kept plan: its plan sources and their generic plans.
size_t
spi_plan_bytes(SPIPlanPtr plan)
{
	size_t bytes = 0;
	List *sources = SPI_plan_get_plan_sources(plan);
	ListCell *lc;
	foreach (lc, sources) {
		CachedPlanSource *source = static_cast<CachedPlanSource *>(lfirst(lc));
		bytes += MemoryContextMemAllocated(source->context, true);
		if (source->gplan)
			bytes += MemoryContextMemAllocated(source->gplan->context, true);
	}
	return bytes;
}

// The statement's parameters for the executor; nullptr without parameters, so
// the plan cache uses the generic plan at once instead of planning the same
// custom plan five times. Called inside pg::call.
ParamListInfo
param_list(const compile::RootField &root, const std::vector<Datum> &values, const std::vector<char> &nulls)
{
	if (values.empty())
		return nullptr;
	ParamListInfo list = makeParamList(static_cast<int>(values.size()));
	for (size_t i = 0; i < values.size(); i++) {
		ParamExternData &param = list->params[i];
		param.value = values[i];
		param.isnull = nulls[i] == 'n';
		param.pflags = PARAM_FLAG_CONST;
		param.ptype = root.params[i].pg_type_oid;
	}
	return list;
}

// The slot's kept statement, prepared on first use.
SPIPlanPtr
prepared(const compile::RootField &root, execute::StatementSlot &slot)
{
	if (!slot.handle) {
		std::vector<Oid> types;
		for (const compile::Param &p : root.params)
			types.push_back(p.pg_type_oid);
		const char *sql = root.sql.c_str();
		slot.handle = call([&] {
			SPIPlanPtr plan = SPI_prepare(sql, static_cast<int>(types.size()), types.data());
			if (!plan)
				elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
			if (SPI_keepplan(plan) != 0)
				elog(ERROR, "SPI_keepplan failed");
			return plan;
		});
	}
	return static_cast<SPIPlanPtr>(slot.handle);
}

// The kept plan source's own copy of the SQL: the executor's sourceText.
CachedPlanSource *
plan_source(SPIPlanPtr plan)
{
	List *sources = SPI_plan_get_plan_sources(plan);
	return sources && list_length(sources) == 1 ? static_cast<CachedPlanSource *>(linitial(sources)) : nullptr;
}

const char *
plan_source_text(SPIPlanPtr plan)
{
	CachedPlanSource *source = plan_source(plan);
	return source ? source->query_string : nullptr;
}

} // namespace

void
release_spi_plan(void *handle) noexcept
{
	MemoryContext context = CurrentMemoryContext;
	PG_TRY();
	{
		SPI_freeplan(static_cast<SPIPlanPtr>(handle));
	}
	PG_CATCH();
	{
		// Only a damaged plan pointer makes SPI_freeplan raise: forget it.
		MemoryContextSwitchTo(context);
		FlushErrorState();
	}
	PG_END_TRY();
}

void
SpiRunner::release(void *handle)
{
	release_spi_plan(handle);
}

bool
SpiRunner::run(const compile::RootField &root, const std::vector<const std::string *> &params,
               execute::StatementSlot &slot, execute::RowSink &sink, GraphQLError &error)
{
	MemoryContext context = call_context_;
	ResourceOwner owner = CurrentResourceOwner;
	AdmissionCheck admission;
	call([] { BeginInternalSubTransaction(nullptr); });
	MemoryContextSwitchTo(context);
	try {
		std::vector<Datum> values;
		std::vector<char> nulls;
		// Parameter conversion runs inside the subtransaction too.
		bool bound = bind_params(root, params, values, nulls, error);
		if (bound) {
			SPIPlanPtr plan = prepared(root, slot);
			SinkReceiver receiver{};
			receiver.pub.receiveSlot = receive_row;
			receiver.pub.rStartup = receiver_startup;
			receiver.pub.rShutdown = receiver_shutdown;
			receiver.pub.rDestroy = receiver_destroy;
			receiver.pub.mydest = DestNone;
			receiver.sink = &sink;
			receiver.tagged = root.tagged;
			// Limits on queries only: refusing a mutation halfway through a sequence helps nobody.
			admission.arm(plan_source_text(plan), root.kind != compile::RootKind::Mutation);
			int rc = call([&] {
				SPIExecuteOptions options;
				memset(&options, 0, sizeof(options));
				options.params = param_list(root, values, nulls);
				options.read_only = root.kind != compile::RootKind::Mutation; // mutations write, and see earlier ones
				options.dest = &receiver.pub;
				return SPI_execute_plan_extended(plan, &options);
			});
			// The sink's only failure is memory: raised through the catch
			// below, which rolls the subtransaction back first.
			if (receiver.sink_failed)
				throw PgError(ERRCODE_OUT_OF_MEMORY, "out of memory", "fraiseql could not buffer a root field's rows");
			// A SELECT into our own DestReceiver reports SPI_OK_UTILITY.
			if (rc != SPI_OK_SELECT && rc != SPI_OK_UTILITY)
				throw PgError(ERRCODE_INTERNAL_ERROR, std::string("unexpected SPI result: ") + SPI_result_code_string(rc));
			slot.bytes = call([&] { return spi_plan_bytes(plan); });
			call([] { ReleaseCurrentSubTransaction(); });
		} else {
			// An input function raised: after a caught error only a rollback
			// leaves the subtransaction's state clean.
			call([] { RollbackAndReleaseCurrentSubTransaction(); });
		}
		MemoryContextSwitchTo(context);
		CurrentResourceOwner = owner;
		return bound;
	} catch (const PgError &e) {
		call([] { RollbackAndReleaseCurrentSubTransaction(); });
		MemoryContextSwitchTo(context);
		CurrentResourceOwner = owner;
		// Refused before the executor started: no row was read.
		if (admission.refused(root.response_key, error))
			return false;
		if (e.must_propagate())
			throw;
		error = make_error(ErrorCode::DatabaseError, e.message());
		error.sqlstate = e.sqlstate_text();
		return false;
	} catch (const std::bad_alloc &) {
		// C++ allocation inside the subtransaction: roll it back, then out of memory (53200).
		call([] { RollbackAndReleaseCurrentSubTransaction(); });
		MemoryContextSwitchTo(context);
		CurrentResourceOwner = owner;
		throw PgError(ERRCODE_OUT_OF_MEMORY, "out of memory");
	}
}

bool
SpiRunner::estimate(const compile::RootField &root, const std::vector<const std::string *> &params,
                    execute::StatementSlot &slot, execute::PlanEstimate &estimate)
{
	MemoryContext context = call_context_;
	ResourceOwner owner = CurrentResourceOwner;
	call([] { BeginInternalSubTransaction(nullptr); });
	MemoryContextSwitchTo(context);
	bool known = false;
	try {
		std::vector<Datum> values;
		std::vector<char> nulls;
		GraphQLError ignored;
		if (bind_params(root, params, values, nulls, ignored)) {
			CachedPlanSource *source = plan_source(prepared(root, slot));
			// The plan the plan cache hands the executor for these values:
			// the same choice of custom or generic plan as a run makes.
			known = source && call([&] {
				CachedPlan *plan = GetCachedPlan(source, param_list(root, values, nulls), CurrentResourceOwner, nullptr);
				bool found = plan_estimate(plan->stmt_list, estimate);
				estimate.generic = plan == source->gplan;
				ReleaseCachedPlan(plan, CurrentResourceOwner);
				return found;
			});
			if (known)
				slot.bytes = call([&] { return spi_plan_bytes(static_cast<SPIPlanPtr>(slot.handle)); });
		}
	} catch (const PgError &e) {
		call([] { RollbackAndReleaseCurrentSubTransaction(); });
		MemoryContextSwitchTo(context);
		CurrentResourceOwner = owner;
		if (e.must_propagate())
			throw;
		return false;
	}
	// Planning has no effect to keep: roll back either way.
	call([] { RollbackAndReleaseCurrentSubTransaction(); });
	MemoryContextSwitchTo(context);
	CurrentResourceOwner = owner;
	return known;
}

} // namespace fraiseql::pg
