// compile_fixture.h: compiles one operation against a test schema, for the
// compiler's unit tests (filters, connections, abstract roots).
#pragma once

#include <string>
#include <vector>

#include "core/coerce/variables.h"
#include "core/compile/compiler.h"
#include "core/schema/schema.h"

namespace fraiseql::test {

struct Compiled {
	compile::Plan plan;
	coerce::VariableValues variables;
	std::string errors; // every error message, one per line
	const compile::RootField *root() const { return plan.roots.empty() ? nullptr : &plan.roots[0]; }
};

// Parses `query` (kept alive for the plan's lifetime), coerces `variables_json`
// (a JSON object, "" for none) and compiles the first operation.
void compile_query(const schema::Schema &schema, const std::string &query, const std::string &variables_json,
                   Compiled &out, const compile::CompileOptions &options = compile::CompileOptions());

// Builds `sdl` (aborting on an error: a broken fixture) with every view
// binding resolved to schema.relation with `columns`, as the glue would.
schema::BuildResult build_resolved(const char *sdl, const char *schema_name, const char *relation,
                                   std::vector<schema::Column> columns);

} // namespace fraiseql::test
