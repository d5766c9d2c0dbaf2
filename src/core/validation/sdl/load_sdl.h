// load_sdl.h: the schema fraiseql.load_schema builds from an SDL text, before
// the glue looks its views and functions up in the catalog. One function, so
// the extension and fraiseql-tool cannot build different schemas.
#pragma once

#include <string_view>

#include "core/schema/schema.h"

namespace fraiseql::validation {

// The spec's type-system rules first (graphql-js validateSDL wording, over
// FraiseQL's prelude), then the FraiseQL-mode build. On a syntax error the
// one error has code ParseFailed; each error carries its SDL line:column.
[[nodiscard]] schema::BuildResult build_fraiseql_schema(std::string_view sdl);

} // namespace fraiseql::validation
