// schema_store.h: the stored GraphQL schema: the catalog table fraiseql.schema,
// the backend's built copy, and its invalidation. A relcache callback on the
// table only flips a flag; the rebuild happens on the next call.
#pragma once

#include <memory>
#include <string>

#include "core/schema/schema.h"
#include "pg/pg.h"

namespace fraiseql::pg {

// Registers the relcache callback (from _PG_init).
void schema_store_init();

// The current schema, rebuilt from the catalog when stale. Needs an SPI
// connection. Raises (PgError) when none is stored or the stored one no longer
// fits the database.
const schema::Schema &current_schema();

// Changes whenever the backend's schema object is replaced (call after
// current_schema()): everything that points into the schema must go.
uint64_t schema_generation();

// Builds `sdl`, checks it against the catalog and stores it (needs SPI).
void store_schema(const std::string &sdl);

// Called by the trigger on fraiseql.schema: queues the invalidation.
void schema_changed(Oid table);

// The stored SDL text, or "" when none (needs SPI).
std::string stored_sdl();

} // namespace fraiseql::pg
