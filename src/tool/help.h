// help.h: fraiseql-tool's --help text and the short usage shown after a usage error.
#pragma once

namespace fraiseql::tool {

extern const char HELP[];
extern const char USAGE[];

} // namespace fraiseql::tool
