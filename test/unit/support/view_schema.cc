// view_schema.cc: see view_schema.h.
#include "unit/support/view_schema.h"

#include <cstdio>
#include <cstdlib>

namespace fraiseql::test {

schema::BuildResult
build_view_schema(const char *sdl)
{
	schema::BuildResult r = schema::build_schema(sdl);
	if (!r.schema) {
		std::fprintf(stderr, "test schema does not build: %s\n", r.errors.empty() ? "?" : r.errors[0].message.c_str());
		std::abort();
	}
	for (schema::ViewBinding *v : r.schema->view_bindings()) {
		const size_t dot = v->name.find('.');
		v->resolved = true;
		v->schema_name = dot == std::string::npos ? "public" : v->name.substr(0, dot);
		v->relation_name = dot == std::string::npos ? v->name : v->name.substr(dot + 1);
		v->columns = {{"id", 25, "text"}, {"data", 3802, "jsonb"}};
	}
	return r;
}

} // namespace fraiseql::test
