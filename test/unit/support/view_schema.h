// view_schema.h: a schema built from SDL whose @view types are resolved as the
// glue's attach_views would find them in the catalog, for tests that run whole
// requests without a server.
#pragma once

#include "core/schema/schema.h"

namespace fraiseql::test {

// Builds `sdl` (aborting with its first error if it does not build) and gives
// every view binding "schema.relation" from its name and the columns
// id text and data jsonb.
schema::BuildResult build_view_schema(const char *sdl);

} // namespace fraiseql::test
