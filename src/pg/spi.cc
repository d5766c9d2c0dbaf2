// spi.cc: statements of root fields run in their own subtransaction, so a
// database error becomes that field's error and the call goes on.
#include "pg/spi.h"

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

std::string
spi_text(HeapTuple tuple, TupleDesc desc, int column)
{
	char *value = call([&] { return SPI_getvalue(tuple, desc, column); });
	std::string out = value ? value : "";
	return out;
}

namespace {

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
		try {
			values[i] = call([&] {
				Oid input;
				Oid ioparam;
				getTypeInputInfo(type, &input, &ioparam);
				return OidInputFunctionCall(input, const_cast<char *>(text), ioparam, -1);
			});
		} catch (const PgError &e) {
			if (e.must_propagate())
				throw;
			error = make_error(ErrorCode::BadUserInput,
			                   "Argument \"" + root.params[i].argument + "\" has invalid value: " + e.message());
			return false;
		}
	}
	return true;
}

} // namespace

bool
SpiRunner::run(const compile::RootField &root, const std::vector<const std::string *> &params, execute::RowSink &sink,
               GraphQLError &error)
{
	MemoryContext context = call_context_;
	ResourceOwner owner = CurrentResourceOwner;
	call([] { BeginInternalSubTransaction(nullptr); });
	MemoryContextSwitchTo(context);
	try {
		std::vector<Datum> values;
		std::vector<char> nulls;
		std::vector<Oid> types;
		for (const compile::Param &p : root.params)
			types.push_back(p.pg_type_oid);
		// Parameter conversion runs inside the subtransaction too.
		bool bound = bind_params(root, params, values, nulls, error);
		if (bound) {
			const char *sql = root.sql.c_str();
			int rc = call([&] {
				SPIPlanPtr plan = SPI_prepare(sql, static_cast<int>(types.size()), types.data());
				if (!plan)
					elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
				return SPI_execute_plan(plan, values.data(), nulls.data(), true, 0);
			});
			if (rc != SPI_OK_SELECT)
				throw PgError(ERRCODE_INTERNAL_ERROR, std::string("unexpected SPI result: ") + SPI_result_code_string(rc));
			SPITupleTable *table = SPI_tuptable;
			for (uint64 i = 0; i < SPI_processed; i++) {
				HeapTuple tuple = table->vals[i];
				TupleDesc desc = table->tupdesc;
				bool isnull = false;
				Datum d = call([&] { return SPI_getbinval(tuple, desc, 1, &isnull); });
				if (isnull) {
					if (!sink.row(nullptr, 0))
						break;
					continue;
				}
				struct varlena *raw = reinterpret_cast<struct varlena *>(DatumGetPointer(d));
				struct varlena *flat = call([&] { return pg_detoast_datum_packed(raw); });
				bool more = sink.row(VARDATA_ANY(flat), static_cast<uint32_t>(VARSIZE_ANY_EXHDR(flat)));
				if (flat != raw)
					pfree(flat);
				if (!more)
					break;
			}
			call([&] { SPI_freetuptable(table); });
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
		if (e.must_propagate())
			throw;
		error = make_error(ErrorCode::DatabaseError, e.message());
		error.sqlstate = e.sqlstate_text();
		return false;
	}
}

} // namespace fraiseql::pg
