// typed_scalars.h: fraiseql's PostgreSQL-typed scalars (IpAddress, CIDR,
// MacAddress, LTree, IntRange, DateRange, DateTimeRange, TSVector). In and out
// they are strings in PostgreSQL's own text form; filters compare them with
// the type's native operators. Coercion checks the shape of a value here so
// the common mistakes are GraphQL errors naming the argument; the parameter's
// input function (run guarded by the glue) is the final judge.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/schema/schema.h"

namespace fraiseql::coerce {

struct TypedScalar {
	schema::ScalarKind kind;
	const char *pg_type;  // the SQL type a value is cast to (JSON path) or bound as
	uint32_t type_oid;    // its fixed OID (pg_type.dat); 0 for an extension's type
	const char *expected; // what a value looks like, for messages
};

// The entry of a typed scalar kind, or nullptr for every other kind.
const TypedScalar *typed_scalar(schema::ScalarKind kind);

// Empty when `text` has the shape of a value of `kind`, else why not.
std::string typed_scalar_problem(schema::ScalarKind kind, std::string_view text);

} // namespace fraiseql::coerce
