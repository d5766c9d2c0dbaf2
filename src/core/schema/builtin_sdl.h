// builtin_sdl.h: SDL text of the built-in directives and introspection types.
#pragma once

namespace fraiseql::schema {

extern const char BUILTIN_SDL[];

} // namespace fraiseql::schema
