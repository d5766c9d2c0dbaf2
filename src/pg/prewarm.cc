// prewarm.cc: fraiseql.prewarm and fraiseql.prewarm_on_first_call.
#include "pg/prewarm.h"

#include "pg/gucs.h"
#include "pg/memory.h"
#include "pg/request_runner.h"
#include "pg/spi.h"

extern "C" {
#include "utils/array.h"
}

namespace fraiseql::pg {

namespace {

bool warming = false; // a request run by prewarm must not start another prewarm
bool warmed_on_first_call = false;

std::vector<std::string>
persisted_documents(const std::optional<std::vector<std::string>> &hashes)
{
	std::vector<std::string> documents;
	SpiSession spi;
	auto on_row = [&](HeapTuple tuple, TupleDesc desc) { documents.push_back(spi_text(tuple, desc, 1)); };
	if (!hashes) {
		spi_query("SELECT query FROM fraiseql.persisted_query ORDER BY hash", {}, {}, true, on_row);
	} else {
		for (const std::string &hash : *hashes) {
			Datum value = PointerGetDatum(
			    call([&] { return cstring_to_text_with_len(hash.data(), static_cast<int>(hash.size())); }));
			spi_query("SELECT query FROM fraiseql.persisted_query WHERE hash = pg_catalog.lower($1)", {TEXTOID},
			          {value}, true, on_row);
		}
	}
	spi.finish();
	return documents;
}

} // namespace

int
prewarm(const std::optional<std::vector<std::string>> &hashes)
{
	struct Warming {
		Warming() { warming = true; }
		~Warming() { warming = false; }
	} scope;
	int warmed = 0;
	for (const std::string &document : persisted_documents(hashes)) {
		// explain's path: parse, validate, cache, compile and prepare (and plan)
		// each root field's statement, without running it. A document whose
		// variables are required stops after validation: still a cache hit.
		RequestArgs args;
		args.query = document;
		args.explain = true;
		struct varlena *answer = run_request(args);
		pfree(answer);
		SpiSession spi; // the plan cache's schema is read through SPI
		warmed += request_cached(document) ? 1 : 0;
		spi.finish();
	}
	return warmed;
}

void
prewarm_on_first_call()
{
	if (!guc_prewarm_on_first_call || warmed_on_first_call || warming)
		return;
	warmed_on_first_call = true; // once, even if it fails
	prewarm(std::nullopt);
}

} // namespace fraiseql::pg

// fraiseql.prewarm(hashes text[] DEFAULT NULL) -> int
FRAISEQL_FUNCTION(prewarm)
{
	std::optional<std::vector<std::string>> hashes;
	if (!PG_ARGISNULL(0)) {
		hashes.emplace();
		ArrayType *array = fraiseql::pg::call([&] { return PG_GETARG_ARRAYTYPE_P(0); });
		Datum *items = nullptr;
		bool *nulls = nullptr;
		int count = 0;
		fraiseql::pg::call([&] { deconstruct_array(array, TEXTOID, -1, false, TYPALIGN_INT, &items, &nulls, &count); });
		for (int i = 0; i < count; i++)
			if (!nulls[i]) {
				text *t = reinterpret_cast<text *>(DatumGetPointer(items[i]));
				t = fraiseql::pg::call([&] { return pg_detoast_datum_packed(t); });
				hashes->emplace_back(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
			}
	}
	PG_RETURN_INT32(fraiseql::pg::prewarm(hashes));
}
