// builtin_sdl.h: SDL text of the built-in directives and introspection types,
// and of FraiseQL mode's own directives.
#pragma once

namespace fraiseql::schema {

extern const char BUILTIN_SDL[];
// @view, @field, @connection, @function: part of every FraiseQL-mode schema,
// so the printed effective schema is valid SDL for any GraphQL tool.
extern const char FRAISEQL_SDL[];

} // namespace fraiseql::schema
