// spi.h: running SQL through SPI from C++: guarded calls, statement execution
// in a subtransaction per root field (PL/Python's pattern), parameters bound
// through their types' input functions.
#pragma once

#include <string>
#include <vector>

#include "core/execute/request.h"
#include "pg/guard.h"

namespace fraiseql::pg {

// SPI_connect on construction, SPI_finish on finish(). An exception leaves the
// connection to the transaction abort that the guard's ereport causes.
class SpiSession {
public:
	SpiSession();
	void finish();
};

// Runs a read-only catalog/utility query with text parameters and calls
// on_row(tuple, tupdesc) per row. Errors are thrown as PgError.
template <class OnRow>
void
spi_rows(int rc, OnRow &&on_row)
{
	if (rc < 0)
		throw PgError(ERRCODE_INTERNAL_ERROR, std::string("SPI failed: ") + SPI_result_code_string(rc));
	SPITupleTable *table = SPI_tuptable; // NULL for statements that return no rows
	if (!table)
		return;
	for (uint64 i = 0; i < SPI_processed; i++)
		on_row(table->vals[i], table->tupdesc);
	call([&] { SPI_freetuptable(table); });
}

template <class OnRow>
void
spi_query(const char *sql, const std::vector<Oid> &types, const std::vector<Datum> &values, bool read_only, OnRow &&on_row)
{
	spi_rows(call([&] {
		         return SPI_execute_with_args(sql, static_cast<int>(types.size()), const_cast<Oid *>(types.data()),
		                                      const_cast<Datum *>(values.data()), nullptr, read_only, 0);
	         }),
	         on_row);
}

// The kept generic plan of a constant catalog query (`sql` must be a string
// literal: its address is the key), prepared on first use in this backend.
SPIPlanPtr catalog_plan(const char *sql, const std::vector<Oid> &types);

// spi_query for the catalog lookups a schema build repeats per view and per
// function: planned once per backend instead of at every execution.
template <class OnRow>
void
spi_catalog_query(const char *sql, const std::vector<Oid> &types, const std::vector<Datum> &values, OnRow &&on_row)
{
	SPIPlanPtr plan = catalog_plan(sql, types);
	spi_rows(call([&] { return SPI_execute_plan(plan, const_cast<Datum *>(values.data()), nullptr, true, 0); }), on_row);
}

// Copies a text column of an SPI row into a std::string ("" for NULL).
std::string spi_text(HeapTuple tuple, TupleDesc desc, int column);

// The core's StatementRunner over SPI. Statements are prepared once and kept
// (SPI_keepplan) in the root field's slot; rows stream from the executor into
// the RowSink through a DestReceiver, so no result set is materialised.
class SpiRunner final : public execute::StatementRunner {
public:
	explicit SpiRunner(MemoryContext call_context) : call_context_(call_context) {}
	bool run(const compile::RootField &root, const std::vector<const std::string *> &params,
	         execute::StatementSlot &slot, execute::RowSink &sink, GraphQLError &error) override;
	void release(void *handle) override;
	bool estimate(const compile::RootField &root, const std::vector<const std::string *> &params,
	              execute::StatementSlot &slot, execute::PlanEstimate &estimate) override;

private:
	MemoryContext call_context_;
};

// Frees a kept SPI plan; never raises (used from destructors and eviction).
void release_spi_plan(void *handle) noexcept;

} // namespace fraiseql::pg
