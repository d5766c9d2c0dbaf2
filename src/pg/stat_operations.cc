// stat_operations.cc: the statistics table, shared or per backend.
#include "pg/stat_operations.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "pg/guard.h"
#include "pg/gucs.h"

extern "C" {
#include "funcapi.h"
#include "storage/ipc.h"
#include "storage/lwlock.h"
#include "storage/shmem.h"
#include "utils/hsearch.h"
#include "utils/timestamp.h"
}

namespace fraiseql::pg {

namespace {

struct StatKey {
	uint64 operation_id;
	Oid dbid;
	uint32 pad; // hashed as bytes: no uninitialized padding
};

// Plain data: it lives in shared memory.
struct StatEntry {
	StatKey key;
	char name[NAMEDATALEN];
	char type[16];
	int64 calls;
	int64 errors[ERROR_CODE_COUNT];
	int64 canceled, raised; // calls that ended in an SQL error (RequestStats)
	double total_ms, max_ms;
	double mean_ms, m2; // Welford's running mean and sum of squared deviations, for stddev
	int64 rows, bytes, hits, misses;
	TimestampTz first_seen, last_seen;
};

struct SharedState {
	LWLock *lock;
};

SharedState *shared_state = nullptr;
HTAB *shared_table = nullptr;
HTAB *local_table = nullptr; // without preloading
long table_capacity = 0;          // fraiseql.stat_max when the table was made
shmem_request_hook_type previous_shmem_request = nullptr;
shmem_startup_hook_type previous_shmem_startup = nullptr;

Size
table_size()
{
	return add_size(MAXALIGN(sizeof(SharedState)), hash_estimate_size(guc_stat_max, sizeof(StatEntry)));
}

extern "C" void
stat_shmem_request()
{
	if (previous_shmem_request)
		previous_shmem_request();
	RequestAddinShmemSpace(table_size());
	RequestNamedLWLockTranche("fraiseql", 1);
}

extern "C" void
stat_shmem_startup()
{
	if (previous_shmem_startup)
		previous_shmem_startup();
	LWLockAcquire(AddinShmemInitLock, LW_EXCLUSIVE);
	bool found = false;
	shared_state = static_cast<SharedState *>(ShmemInitStruct("fraiseql stat_operations", sizeof(SharedState), &found));
	if (!found)
		shared_state->lock = &(GetNamedLWLockTranche("fraiseql"))->lock;
	HASHCTL info;
	memset(&info, 0, sizeof(info));
	info.keysize = sizeof(StatKey);
	info.entrysize = sizeof(StatEntry);
	table_capacity = guc_stat_max;
	shared_table = ShmemInitHash("fraiseql stat_operations table", table_capacity, table_capacity, &info,
	                             HASH_ELEM | HASH_BLOBS);
	LWLockRelease(AddinShmemInitLock);
}

HTAB *
table()
{
	if (shared_table)
		return shared_table;
	if (!local_table) {
		HASHCTL info;
		memset(&info, 0, sizeof(info));
		info.keysize = sizeof(StatKey);
		info.entrysize = sizeof(StatEntry);
		info.hcxt = TopMemoryContext;
		table_capacity = guc_stat_max;
		local_table = hash_create("fraiseql stat_operations (backend)", table_capacity, &info,
		                          HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	}
	return local_table;
}

bool
by_calls(const StatEntry *a, const StatEntry *b)
{
	return a->calls < b->calls || (a->calls == b->calls && a->last_seen < b->last_seen);
}

// Removes the least used 5% (at least one): the table stays within stat_max
// and eviction is rare.
void
evict(HTAB *hash)
{
	// palloc, not std::vector: this runs under PG_TRY, where only ereport may leave.
	size_t capacity = static_cast<size_t>(hash_get_num_entries(hash));
	StatEntry **entries = static_cast<StatEntry **>(palloc(sizeof(StatEntry *) * std::max<size_t>(capacity, 1)));
	size_t n = 0;
	HASH_SEQ_STATUS scan;
	hash_seq_init(&scan, hash);
	while (StatEntry *e = static_cast<StatEntry *>(hash_seq_search(&scan)))
		if (n < capacity)
			entries[n++] = e;
	size_t victims = std::min(n, std::max<size_t>(1, n / 20));
	std::partial_sort(entries, entries + victims, entries + n, by_calls);
	for (size_t i = 0; i < victims; i++)
		hash_search(hash, &entries[i]->key, HASH_REMOVE, nullptr);
	pfree(entries);
}

// Called with the lock held; raises only on out of memory.
void
update(HTAB *hash, const execute::RequestStats &stats, double ms, uint64_t bytes, TimestampTz now)
{
	StatKey key;
	memset(&key, 0, sizeof(key));
	key.operation_id = stats.operation_id;
	key.dbid = MyDatabaseId;
	StatEntry *entry = static_cast<StatEntry *>(hash_search(hash, &key, HASH_FIND, nullptr));
	if (!entry) {
		if (hash_get_num_entries(hash) >= table_capacity)
			evict(hash);
		bool found = false;
		entry = static_cast<StatEntry *>(hash_search(hash, &key, HASH_ENTER, &found));
		memset(reinterpret_cast<char *>(entry) + sizeof(StatKey), 0, sizeof(StatEntry) - sizeof(StatKey));
		strlcpy(entry->name, stats.operation_name.c_str(), sizeof(entry->name));
		strlcpy(entry->type, stats.operation_type, sizeof(entry->type));
		entry->first_seen = now;
	}
	entry->calls++;
	for (size_t i = 0; i < ERROR_CODE_COUNT; i++)
		entry->errors[i] += stats.errors[i];
	entry->canceled += stats.canceled;
	entry->raised += stats.raised;
	entry->total_ms += ms;
	entry->max_ms = std::max(entry->max_ms, ms);
	double delta = ms - entry->mean_ms;
	entry->mean_ms += delta / static_cast<double>(entry->calls);
	entry->m2 += delta * (ms - entry->mean_ms);
	entry->rows += static_cast<int64>(stats.rows);
	entry->bytes += static_cast<int64>(bytes);
	(stats.cache_hit ? entry->hits : entry->misses)++;
	entry->last_seen = now;
}

} // namespace

void
stat_operations_init()
{
	if (!process_shared_preload_libraries_in_progress)
		return;
	previous_shmem_request = shmem_request_hook;
	shmem_request_hook = stat_shmem_request;
	previous_shmem_startup = shmem_startup_hook;
	shmem_startup_hook = stat_shmem_startup;
}

void
stat_record(const execute::RequestStats &stats, double elapsed_ms, uint64_t response_bytes) noexcept
{
	try {
		call([&] {
			HTAB *hash = table();
			TimestampTz now = GetCurrentTimestamp();
			if (!shared_table) {
				update(hash, stats, elapsed_ms, response_bytes, now);
				return;
			}
			LWLockAcquire(shared_state->lock, LW_EXCLUSIVE);
			PG_TRY();
			{
				update(hash, stats, elapsed_ms, response_bytes, now);
			}
			PG_FINALLY();
			{
				LWLockRelease(shared_state->lock);
			}
			PG_END_TRY();
		});
	} catch (...) {
		// Statistics are best effort: the request's answer matters more.
	}
}

void
stat_reset()
{
	call([] {
		HTAB *hash = table();
		if (shared_table)
			LWLockAcquire(shared_state->lock, LW_EXCLUSIVE);
		HASH_SEQ_STATUS scan;
		hash_seq_init(&scan, hash);
		while (StatEntry *e = static_cast<StatEntry *>(hash_seq_search(&scan)))
			hash_search(hash, &e->key, HASH_REMOVE, nullptr);
		if (shared_table)
			LWLockRelease(shared_state->lock);
	});
}

void
stat_operations_rows(FunctionCallInfo fcinfo)
{
	// Copied out under the lock, then turned into tuples without it.
	// The table never holds more than stat_max entries: room for all of them
	// first, since nothing under the lock may throw.
	call([] { table(); }); // sets table_capacity
	std::vector<StatEntry> rows(static_cast<size_t>(table_capacity));
	size_t n = 0;
	call([&] {
		HTAB *hash = table();
		if (shared_table)
			LWLockAcquire(shared_state->lock, LW_SHARED);
		HASH_SEQ_STATUS scan;
		hash_seq_init(&scan, hash);
		while (StatEntry *e = static_cast<StatEntry *>(hash_seq_search(&scan)))
			if (n < rows.size())
				rows[n++] = *e;
		if (shared_table)
			LWLockRelease(shared_state->lock);
	});
	rows.resize(n);
	static const char *const codes[ERROR_CODE_COUNT] = {
	    "GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "QUERY_TOO_COMPLEX",
	    "NOT_FOUND",            "DATABASE_ERROR",            "INTERNAL_SERVER_ERROR"};
	call([&] {
		InitMaterializedSRF(fcinfo, 0);
	});
	ReturnSetInfo *rsinfo = reinterpret_cast<ReturnSetInfo *>(fcinfo->resultinfo);
	for (const StatEntry &e : rows) {
		char id[17];
		snprintf(id, sizeof id, "%016llx", static_cast<unsigned long long>(e.key.operation_id));
		std::string errors = "{";
		for (size_t i = 0; i < ERROR_CODE_COUNT; i++) {
			if (!e.errors[i])
				continue;
			if (errors.size() > 1)
				errors += ", ";
			errors += std::string("\"") + codes[i] + "\": " + std::to_string(e.errors[i]);
		}
		for (auto [name, count] : {std::pair<const char *, int64>{"CANCELED", e.canceled}, {"SQL_ERROR", e.raised}}) {
			if (!count)
				continue;
			if (errors.size() > 1)
				errors += ", ";
			errors += std::string("\"") + name + "\": " + std::to_string(count);
		}
		errors += "}";
		const char *scope = shared_table ? "shared" : "backend";
		call([&] {
			Datum values[17];
			bool nulls[17];
			memset(nulls, 0, sizeof(nulls));
			values[0] = CStringGetTextDatum(id);
			values[1] = ObjectIdGetDatum(e.key.dbid);
			values[2] = CStringGetTextDatum(e.name);
			nulls[2] = e.name[0] == '\0';
			values[3] = CStringGetTextDatum(e.type);
			values[4] = Int64GetDatum(e.calls);
			values[5] = DirectFunctionCall1(jsonb_in, CStringGetDatum(errors.c_str()));
			values[6] = Float8GetDatum(e.total_ms);
			values[7] = Float8GetDatum(e.mean_ms);
			values[8] = Float8GetDatum(e.max_ms);
			values[9] = Float8GetDatum(e.calls > 1 ? sqrt(e.m2 / static_cast<double>(e.calls)) : 0.0);
			values[10] = Int64GetDatum(e.rows);
			values[11] = Int64GetDatum(e.bytes);
			values[12] = Int64GetDatum(e.hits);
			values[13] = Int64GetDatum(e.misses);
			values[14] = TimestampTzGetDatum(e.first_seen);
			values[15] = TimestampTzGetDatum(e.last_seen);
			values[16] = CStringGetTextDatum(scope);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		});
	}
}

} // namespace fraiseql::pg
