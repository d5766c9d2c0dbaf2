// persisted.h: persisted queries (fraiseql.persisted_query): finding a stored
// document by its sha256 hash for execute_persisted, and the allowlist check
// execute makes when fraiseql.persisted_only is on.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pg/pg.h"

namespace fraiseql::pg {

// The document stored under `hash` (hex, either case), if any.
std::optional<std::string> find_persisted_document(const std::string &hash);

// Whether the text `query` may run: always, unless fraiseql.persisted_only is
// on and it is not a persisted document.
bool document_allowed(Datum query);
bool document_allowed(std::string_view query);

// A copy of fcinfo (execute_persisted's: hash, variables, operation_name,
// context) whose first argument is the stored document the hash names, so the
// request runs through execute's own path. nullptr when no document has that hash.
FunctionCallInfo persisted_document_call(FunctionCallInfo fcinfo);

// Whether execute(fcinfo) may run its document: always, unless
// fraiseql.persisted_only is on and the text is not a persisted document.
bool ad_hoc_document_allowed(FunctionCallInfo fcinfo);

// The request-error responses of persisted queries, as execute's bytea.
bytea *persisted_query_not_found_response();
bytea *persisted_query_required_response();

} // namespace fraiseql::pg
