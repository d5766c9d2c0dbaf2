// typed_scalar_cases.h: the PostgreSQL-typed scalar kinds (coerce/typed_scalars.h)
// as one run of case labels, for the switches over ScalarKind that treat them
// alike; a new kind is added here once, and every such switch stays exhaustive.
#pragma once

#include "core/schema/schema.h"

#define FRAISEQL_TYPED_SCALAR_CASES                                                                    \
	case ::fraiseql::schema::ScalarKind::IpAddress:                                                    \
	case ::fraiseql::schema::ScalarKind::CIDR:                                                         \
	case ::fraiseql::schema::ScalarKind::MacAddress:                                                   \
	case ::fraiseql::schema::ScalarKind::LTree:                                                        \
	case ::fraiseql::schema::ScalarKind::IntRange:                                                     \
	case ::fraiseql::schema::ScalarKind::DateRange:                                                    \
	case ::fraiseql::schema::ScalarKind::DateTimeRange:                                                \
	case ::fraiseql::schema::ScalarKind::TSVector
