// schema_file.h: an SDL file built as fraiseql.load_schema builds it, minus
// the catalog: @view and @function names are kept as written, not looked up,
// so a view or function the database lacks, or one that does not fit its
// field, goes unnoticed here (load_schema reports it).
#pragma once

#include <memory>
#include <string>

#include "core/schema/schema.h"

namespace fraiseql::tool {

// SchemaErrors with one "path:line:column: message" line per error when the
// SDL does not parse or build.
std::unique_ptr<schema::Schema> load_schema_file(const std::string &path);

// What every command that loads an SDL file says once on stderr.
extern const char CATALOG_NOTE[];

} // namespace fraiseql::tool
