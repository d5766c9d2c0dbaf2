// persisted.cc: persisted queries. The documents live in fraiseql.persisted_query
// (hash = lower-case hex sha256 of the UTF-8 text, checked by the table), which
// every role may read; fraiseql.persist() is the only writer callers get.
#include "pg/persisted.h"

#include <cstring>
#include <optional>
#include <string>

#include "pg/gucs.h"
#include "pg/spi.h"

namespace fraiseql::pg {

namespace {

Datum
text_datum(const std::string &value)
{
	return PointerGetDatum(
	    call([&] { return cstring_to_text_with_len(value.data(), static_cast<int>(value.size())); }));
}

// Runs one of the lookups below: prepared once per backend and kept
// (PostgreSQL re-plans it if the table changes), with one text parameter.
// Not read-only, so a fresh snapshot sees a document persisted earlier in the
// same statement (execute_persisted(persist(q))).
template <class OnRow>
void
run_lookup(SPIPlanPtr &kept, const char *sql, Datum text_param, OnRow &&on_row)
{
	SpiSession spi;
	if (!kept) {
		Oid type = TEXTOID;
		SPIPlanPtr plan = call([&] { return SPI_prepare(sql, 1, &type); });
		if (!plan)
			throw PgError(ERRCODE_INTERNAL_ERROR, std::string("SPI_prepare failed: ") + SPI_result_code_string(SPI_result));
		call([&] { return SPI_keepplan(plan); });
		kept = plan;
	}
	Datum values[1] = {text_param};
	int rc = call([&] { return SPI_execute_plan(kept, values, nullptr, false, 1); });
	if (rc != SPI_OK_SELECT)
		throw PgError(ERRCODE_INTERNAL_ERROR, std::string("SPI failed: ") + SPI_result_code_string(rc));
	if (SPI_processed > 0)
		on_row(SPI_tuptable->vals[0], SPI_tuptable->tupdesc);
	spi.finish();
}

SPIPlanPtr find_document_plan = nullptr;
SPIPlanPtr document_persisted_plan = nullptr;

} // namespace

std::optional<std::string>
find_persisted_document(const std::string &hash)
{
	std::optional<std::string> document;
	// Hashes are hex: accept the upper-case spelling some clients send.
	run_lookup(find_document_plan, "SELECT query FROM fraiseql.persisted_query WHERE hash = pg_catalog.lower($1)",
	           text_datum(hash), [&](HeapTuple tuple, TupleDesc desc) { document = spi_text(tuple, desc, 1); });
	return document;
}

bool
document_allowed(Datum query)
{
	if (!guc_persisted_only)
		return true;
	bool found = false;
	run_lookup(document_persisted_plan,
	           "SELECT 1 FROM fraiseql.persisted_query "
	           "WHERE hash = pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to($1, 'UTF8')), 'hex') "
	           "AND query = $1",
	           query, [&](HeapTuple, TupleDesc) { found = true; });
	return found;
}

bool
document_allowed(std::string_view query)
{
	if (!guc_persisted_only)
		return true; // the usual case: no copy of the query
	Datum text = PointerGetDatum(call([&] { return cstring_to_text_with_len(query.data(), int(query.size())); }));
	return document_allowed(text);
}

namespace {

bytea *
bytea_from(const char *json)
{
	size_t size = strlen(json);
	bytea *result = static_cast<bytea *>(call([&] { return palloc(VARHDRSZ + size); }));
	SET_VARSIZE(result, VARHDRSZ + size);
	memcpy(VARDATA(result), json, size);
	return result;
}

} // namespace

FunctionCallInfo
persisted_document_call(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(0))
		throw PgError(ERRCODE_NULL_VALUE_NOT_ALLOWED, "hash must not be null");
	text *hash = call([&] { return PG_GETARG_TEXT_PP(0); });
	std::optional<std::string> document = find_persisted_document(std::string(VARDATA_ANY(hash), VARSIZE_ANY_EXHDR(hash)));
	if (!document)
		return nullptr;
	size_t size = SizeForFunctionCallInfo(fcinfo->nargs);
	FunctionCallInfo copy = static_cast<FunctionCallInfo>(call([&] { return palloc(size); }));
	memcpy(copy, fcinfo, size);
	copy->args[0].value = text_datum(*document);
	copy->args[0].isnull = false;
	return copy;
}

bool
ad_hoc_document_allowed(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(0))
		return true; // a null query gets execute's own error
	return document_allowed(PG_GETARG_DATUM(0));
}

bytea *
persisted_query_not_found_response()
{
	return bytea_from("{\"errors\":[{\"message\":\"PersistedQueryNotFound\","
	                  "\"extensions\":{\"code\":\"PERSISTED_QUERY_NOT_FOUND\"}}]}");
}

bytea *
persisted_query_required_response()
{
	return bytea_from("{\"errors\":[{\"message\":\"Only persisted queries may be executed (fraiseql.persisted_only is on)\","
	                  "\"extensions\":{\"code\":\"PERSISTED_QUERY_REQUIRED\"}}]}");
}

} // namespace fraiseql::pg
