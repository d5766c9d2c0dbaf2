// containment_index.cc: see containment_index.h.
#include "pg/containment_index.h"

#include <utility>

#include "pg/guard.h"

extern "C" {
#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/indexing.h"
#include "catalog/pg_am_d.h"
#include "catalog/pg_depend.h"
#include "catalog/pg_rewrite.h"
#include "rewrite/prs2lock.h"
#include "utils/fmgroids.h"
#include "utils/rel.h"
}

namespace fraiseql::pg {

namespace {

constexpr int MAX_VIEW_DEPTH = 4;

bool
table_column_indexed(Oid relid, const char *column)
{
	return call([&] {
		AttrNumber attnum = get_attnum(relid, column);
		if (attnum == InvalidAttrNumber)
			return false;
		Relation rel = table_open(relid, AccessShareLock);
		List *indexes = RelationGetIndexList(rel);
		bool found = false;
		ListCell *cell;
		foreach (cell, indexes) {
			Relation index = index_open(lfirst_oid(cell), AccessShareLock);
			if (index->rd_rel->relam == GIN_AM_OID && index->rd_index->indisvalid &&
			    heap_attisnull(index->rd_indextuple, Anum_pg_index_indpred, nullptr))
				for (int k = 0; k < index->rd_index->indnkeyatts; k++)
					if (index->rd_index->indkey.values[k] == attnum && index->rd_opcintype[k] == JSONBOID)
						found = true;
			index_close(index, AccessShareLock);
		}
		list_free(indexes);
		table_close(rel, AccessShareLock);
		return found;
	});
}

// The jsonb table or view columns the view's rule reads, from pg_depend.
std::vector<std::pair<Oid, std::string>>
jsonb_sources(Oid view)
{
	std::vector<std::pair<Oid, AttrNumber>> columns;
	Oid rule = call([&] {
		Relation rel = table_open(view, AccessShareLock);
		Oid id = rel->rd_rules && rel->rd_rules->numLocks > 0 ? rel->rd_rules->rules[0]->ruleId : InvalidOid;
		table_close(rel, AccessShareLock);
		return id;
	});
	if (!OidIsValid(rule))
		return {};
	// Collected with plain C types inside the guarded call, copied out after.
	constexpr int MAX_SOURCES = 64;
	Oid source_rel[MAX_SOURCES];
	AttrNumber source_att[MAX_SOURCES];
	int n = call([&] {
		int count = 0;
		Relation depend = table_open(DependRelationId, AccessShareLock);
		ScanKeyData keys[2];
		ScanKeyInit(&keys[0], Anum_pg_depend_classid, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(RewriteRelationId));
		ScanKeyInit(&keys[1], Anum_pg_depend_objid, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(rule));
		SysScanDesc scan = systable_beginscan(depend, DependDependerIndexId, true, nullptr, 2, keys);
		HeapTuple tuple;
		while (count < MAX_SOURCES && HeapTupleIsValid(tuple = systable_getnext(scan))) {
			Form_pg_depend dep = reinterpret_cast<Form_pg_depend>(GETSTRUCT(tuple));
			if (dep->refclassid == RelationRelationId && dep->refobjsubid > 0 && dep->refobjid != view &&
			    get_atttype(dep->refobjid, static_cast<AttrNumber>(dep->refobjsubid)) == JSONBOID) {
				source_rel[count] = dep->refobjid;
				source_att[count] = static_cast<AttrNumber>(dep->refobjsubid);
				count++;
			}
		}
		systable_endscan(scan);
		table_close(depend, AccessShareLock);
		return count;
	});
	std::vector<std::pair<Oid, std::string>> out;
	for (int i = 0; i < n; i++) {
		char *name = call([&] { return get_attname(source_rel[i], source_att[i], true); });
		if (name)
			out.emplace_back(source_rel[i], name);
	}
	return out;
}

bool
indexed(Oid relid, const std::string &column, std::vector<Oid> &consulted, int depth)
{
	consulted.push_back(relid);
	const char kind = call([&] { return get_rel_relkind(relid); });
	if (kind == RELKIND_RELATION || kind == RELKIND_MATVIEW || kind == RELKIND_PARTITIONED_TABLE)
		return table_column_indexed(relid, column.c_str());
	if (kind != RELKIND_VIEW || depth >= MAX_VIEW_DEPTH)
		return false;
	std::vector<std::pair<Oid, std::string>> same_name, other;
	for (auto &source : jsonb_sources(relid))
		(source.second == column ? same_name : other).push_back(std::move(source));
	for (const auto &[source, source_column] : same_name.empty() ? other : same_name)
		if (indexed(source, source_column, consulted, depth + 1))
			return true;
	return false;
}

} // namespace

bool
containment_indexed(Oid relid, const std::string &column, std::vector<Oid> &consulted)
{
	return indexed(relid, column, consulted, 0);
}

} // namespace fraiseql::pg
