// schema_store.cc: load, check, store and cache the schema; invalidation by relcache.
#include "pg/schema_store.h"

#include <algorithm>

#include "core/schema/function_check.h"
#include "core/schema/required_extensions.h"
#include "core/validation/sdl/load_sdl.h"

#include "pg/containment_index.h"
#include "pg/functions.h"
#include "pg/guard.h"
#include "pg/spi.h"

namespace fraiseql::pg {

namespace {

// The backend's built schema; replaced whole on reload.
std::unique_ptr<schema::Schema> cached_schema;
// Set by the relcache callback when fraiseql.schema may have changed.
bool schema_stale = true;
// Bumped whenever cached_schema is dropped: plans refer into the schema.
uint64_t generation = 0;
// OID of fraiseql.schema once looked up (InvalidOid before).
Oid schema_table_oid = InvalidOid;
// The relations whose indexes decided the views' data_containment_index,
// and whether one of them changed since (an index created or dropped).
std::vector<Oid> containment_relations;
bool containment_recheck = false;

void
schema_relcache_callback(Datum, Oid relid)
{
	// Only flags: callbacks must not do catalog access.
	if (relid == InvalidOid || relid == schema_table_oid)
		schema_stale = true;
	if (relid == InvalidOid ||
	    std::find(containment_relations.begin(), containment_relations.end(), relid) != containment_relations.end())
		containment_recheck = true;
}

Oid
lookup_schema_table()
{
	return call([] {
		Oid ns = get_namespace_oid("fraiseql", true);
		return OidIsValid(ns) ? get_relname_relid("schema", ns) : InvalidOid;
	});
}

std::string
schema_error_message(const ErrorList &errors)
{
	std::string out;
	for (const GraphQLError &e : errors) {
		if (!out.empty())
			out += "\n";
		if (!e.locations.empty())
			out += "line " + std::to_string(e.locations[0].line) + ", column " + std::to_string(e.locations[0].column) + ": ";
		out += e.message;
	}
	return out;
}

// Resolves every @view against the catalog and reads its columns.
void
attach_views(schema::Schema &s)
{
	for (schema::ViewBinding *v : s.view_bindings()) {
		Datum name = call([&] { return CStringGetTextDatum(v->name.c_str()); });
		Oid relid = InvalidOid;
		// A schema.name is looked up by name, not by to_regclass, which raises
		// when the calling role lacks USAGE on the schema: the schema must
		// build the same whichever role's call builds it (the denial is then
		// that root field's DATABASE_ERROR). Other forms go through the search_path.
		int parts = 0;
		auto found = [&](HeapTuple tuple, TupleDesc desc) {
			relid = static_cast<Oid>(std::stoul(spi_text(tuple, desc, 1)));
			v->schema_name = spi_text(tuple, desc, 2);
			v->relation_name = spi_text(tuple, desc, 3);
		};
		spi_catalog_query("WITH p AS (SELECT pg_catalog.parse_ident($1, true) AS part) "
		          "SELECT c.oid, n.nspname, c.relname, pg_catalog.cardinality(p.part) FROM p "
		          "LEFT JOIN (pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace) "
		          "ON pg_catalog.cardinality(p.part) = 2 AND n.nspname = p.part[1] AND c.relname = p.part[2]",
		          {TEXTOID}, {name}, [&](HeapTuple tuple, TupleDesc desc) {
			          parts = std::stoi(spi_text(tuple, desc, 4));
			          if (!spi_text(tuple, desc, 1).empty())
				          found(tuple, desc);
		          });
		if (parts != 2)
			spi_catalog_query("SELECT c.oid, n.nspname, c.relname FROM pg_catalog.pg_class c "
			          "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
			          "WHERE c.oid = pg_catalog.to_regclass($1)",
			          {TEXTOID}, {name}, found);
		if (!OidIsValid(relid))
			continue;
		v->resolved = true;
		v->relation_oid = relid;
		v->columns.clear();
		spi_catalog_query("SELECT attname, atttypid, pg_catalog.format_type(atttypid, atttypmod) FROM pg_catalog.pg_attribute "
		          "WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
		          {OIDOID}, {ObjectIdGetDatum(relid)}, [&](HeapTuple tuple, TupleDesc desc) {
			          schema::Column c;
			          c.name = spi_text(tuple, desc, 1);
			          c.type_oid = static_cast<uint32_t>(std::stoul(spi_text(tuple, desc, 2)));
			          c.type_name = spi_text(tuple, desc, 3);
			          v->columns.push_back(std::move(c));
		          });
		v->data_containment_index = containment_indexed(relid, v->data_column, containment_relations);
	}
}

// Whether a type name resolves through the search_path (an extension's type).
bool
type_visible(const std::string &name)
{
	bool found = false;
	Datum arg = call([&] { return CStringGetTextDatum(name.c_str()); });
	spi_catalog_query("SELECT pg_catalog.to_regtype($1) IS NOT NULL", {TEXTOID}, {arg},
	          [&](HeapTuple tuple, TupleDesc desc) { found = spi_text(tuple, desc, 1) == "t"; });
	return found;
}

// Builds and checks a schema; raises with every problem and its position.
std::unique_ptr<schema::Schema>
build_checked(const std::string &sdl)
{
	schema::BuildResult built = validation::build_fraiseql_schema(sdl);
	if (!built.schema) {
		bool syntax = !built.errors.empty() && built.errors[0].code == ErrorCode::ParseFailed;
		throw PgError(syntax ? ERRCODE_SYNTAX_ERROR : ERRCODE_INVALID_PARAMETER_VALUE,
		              "invalid GraphQL schema: " + schema_error_message(built.errors));
	}
	attach_views(*built.schema);
	attach_functions(*built.schema);
	ErrorList problems = built.schema->check_bindings();
	for (const schema::RequiredExtension &e : schema::required_extensions(*built.schema))
		if (!type_visible(e.sql_type))
			problems.push_back(make_error(ErrorCode::ValidationFailed,
			                              "the schema uses " + e.scalar + ", which needs the PostgreSQL extension \"" +
			                                  e.extension + "\" (CREATE EXTENSION " + e.extension +
			                                  ", in a schema on the search_path)",
			                              e.line, e.column));
	for (GraphQLError &e : schema::check_function_bindings(*built.schema))
		problems.push_back(std::move(e));
	if (!problems.empty())
		throw PgError(ERRCODE_UNDEFINED_OBJECT, "GraphQL schema does not fit the database: " + schema_error_message(problems));
	return std::move(built.schema);
}

} // namespace

uint64_t
schema_generation()
{
	return generation;
}

void
schema_store_init()
{
	CacheRegisterRelcacheCallback(schema_relcache_callback, (Datum) 0);
}

std::string
stored_sdl()
{
	std::string sdl;
	spi_query("SELECT sdl FROM fraiseql.schema", {}, {}, true,
	          [&](HeapTuple tuple, TupleDesc desc) { sdl = spi_text(tuple, desc, 1); });
	return sdl;
}

// Whether an index created or dropped since the schema was built changes
// which views get containment tests (their SQL is then compiled again).
bool
containment_changed(schema::Schema &s)
{
	containment_relations.clear();
	bool changed = false;
	for (const schema::ViewBinding *v : s.view_bindings())
		if (v->resolved &&
		    containment_indexed(v->relation_oid, v->data_column, containment_relations) != v->data_containment_index)
			changed = true;
	return changed;
}

const schema::Schema &
current_schema()
{
	if (!schema_stale && cached_schema && containment_recheck) {
		containment_recheck = false;
		if (containment_changed(*cached_schema))
			schema_stale = true;
	}
	if (!schema_stale && cached_schema)
		return *cached_schema;
	schema_table_oid = lookup_schema_table();
	containment_relations.clear();
	// Cleared before reading: an invalidation arriving during the read sets it again.
	schema_stale = false;
	cached_schema.reset();
	generation++;
	std::string sdl = stored_sdl();
	if (sdl.empty()) {
		schema_stale = true;
		throw PgError(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE, "no GraphQL schema is loaded",
		              std::string(), "Call fraiseql.load_schema(sdl) first.");
	}
	try {
		cached_schema = build_checked(sdl);
	} catch (...) {
		schema_stale = true;
		throw;
	}
	return *cached_schema;
}

void
store_schema(const std::string &sdl)
{
	build_checked(sdl); // raises before anything is written
	Datum text = call([&] { return CStringGetTextDatum(sdl.c_str()); });
	spi_query("INSERT INTO fraiseql.schema AS s (singleton, sdl, version) "
	          "VALUES (true, $1, pg_catalog.nextval('fraiseql.schema_version')) "
	          "ON CONFLICT (singleton) DO UPDATE SET sdl = EXCLUDED.sdl, version = EXCLUDED.version, "
	          "loaded_at = pg_catalog.now()",
	          {TEXTOID}, {text}, false, [](HeapTuple, TupleDesc) {});
	// The table's trigger sends the invalidation (schema_changed).
}

void
schema_changed(Oid table)
{
	// Every backend (this one included) drops its copy when this commits; a
	// rollback discards the message.
	call([&] { CacheInvalidateRelcacheByRelid(table); });
}

} // namespace fraiseql::pg
