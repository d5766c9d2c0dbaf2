// print_schema.h: the effective schema as SDL, laid out exactly as graphql-js 17
// printSchema() lays it out (so printSchema(buildSchema(our text)) is our text
// when the applied FraiseQL directives are left out).
#pragma once

#include <string>

#include "core/schema/schema.h"

namespace fraiseql::schema {

struct PrintOptions {
	// Write the FraiseQL bindings (@view on types and root fields, @field when
	// the key is not the snake_case name) where they apply, so the text loads
	// again with fraiseql.load_schema. graphql-js printSchema never prints
	// applied directives, so without them the text is byte-for-byte its output.
	bool fraiseql_directives = true;
};

// Types in model order (the SDL's, then the generated ones), built-in spec
// scalars and introspection types left out; extra built-in scalars (UUID...)
// printed when something uses them.
std::string print_schema(const Schema &schema, const PrintOptions &options = PrintOptions());

} // namespace fraiseql::schema
