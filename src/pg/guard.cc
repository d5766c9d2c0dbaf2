// guard.cc: copying errors across the boundary and raising them after unwinding.
#include "pg/guard.h"

#include <cstring>
#include <new>

namespace fraiseql::pg {

PgError::PgError(ErrorData *edata)
    : sqlstate_(edata->sqlerrcode), message_(edata->message ? edata->message : "unknown error"),
      detail_(edata->detail ? edata->detail : ""), hint_(edata->hint ? edata->hint : "")
{
	FreeErrorData(edata);
}

std::string
PgError::sqlstate_text() const
{
	return std::string(unpack_sql_state(sqlstate_));
}

bool
PgError::must_propagate() const
{
	int error_class = ERRCODE_TO_CATEGORY(sqlstate_);
	return error_class == ERRCODE_TRANSACTION_ROLLBACK ||           // 40xxx: serialization, deadlock
	       error_class == ERRCODE_INSUFFICIENT_RESOURCES ||         // 53xxx: out of memory, disk full
	       error_class == ERRCODE_OPERATOR_INTERVENTION ||          // 57xxx: cancel, shutdown
	       error_class == ERRCODE_SYSTEM_ERROR ||                   // 58xxx
	       error_class == ERRCODE_INTERNAL_ERROR;                   // XX: damaged data
}

void
throw_pg_error(MemoryContext context)
{
	// We are past PG_END_TRY: the error is still in the error stack.
	MemoryContextSwitchTo(context);
	ErrorData *edata = CopyErrorData();
	FlushErrorState();
	throw PgError(edata);
}

namespace {

// Copies text into the caller's memory without raising; nullptr on failure.
char *
copy_text(const char *text)
{
	size_t len = strlen(text);
	char *out = static_cast<char *>(MemoryContextAllocExtended(CurrentMemoryContext, len + 1, MCXT_ALLOC_NO_OOM));
	if (out)
		memcpy(out, text, len + 1);
	return out;
}

} // namespace

Datum
guarded(FunctionCallInfo fcinfo, GuardedBody body)
{
	// Only plain data lives in this frame across the ereport below.
	int sqlstate = 0;
	char *message = nullptr;
	char *detail = nullptr;
	char *hint = nullptr;
	Datum result = (Datum) 0;
	try {
		result = body(fcinfo);
	} catch (const PgError &e) {
		sqlstate = e.sqlstate();
		message = copy_text(e.message().c_str());
		detail = e.detail().empty() ? nullptr : copy_text(e.detail().c_str());
		hint = e.hint().empty() ? nullptr : copy_text(e.hint().c_str());
	} catch (const std::bad_alloc &) {
		sqlstate = ERRCODE_OUT_OF_MEMORY;
	} catch (const std::exception &e) {
		sqlstate = ERRCODE_INTERNAL_ERROR;
		message = copy_text("fraiseql internal error");
		detail = copy_text(e.what());
	} catch (...) {
		sqlstate = ERRCODE_INTERNAL_ERROR;
		message = copy_text("fraiseql internal error");
	}
	if (sqlstate == 0)
		return result;
	if (sqlstate == ERRCODE_OUT_OF_MEMORY && !message)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	ereport(ERROR, (errcode(sqlstate), errmsg_internal("%s", message ? message : "fraiseql internal error"),
	                detail ? errdetail_internal("%s", detail) : 0, hint ? errhint("%s", hint) : 0));
	pg_unreachable();
}

} // namespace fraiseql::pg
