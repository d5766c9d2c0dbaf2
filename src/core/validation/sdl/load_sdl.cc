// load_sdl.cc: validateSDL, then the FraiseQL-mode build.
#include "core/validation/sdl/load_sdl.h"

#include "core/syntax/parser.h"
#include "core/validation/sdl/fraiseql_sdl.h"

namespace fraiseql::validation {

schema::BuildResult
build_fraiseql_schema(std::string_view sdl)
{
	{
		util::Arena arena;
		syntax::ParseResult parsed = syntax::parse_document(sdl, arena);
		// A text that does not parse gets its syntax error from the build.
		if (parsed.document) {
			schema::BuildResult failed;
			failed.errors = validate_fraiseql_sdl(*parsed.document);
			if (!failed.errors.empty())
				return failed;
		}
	}
	return schema::build_schema(sdl);
}

} // namespace fraiseql::validation
