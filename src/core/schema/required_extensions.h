// required_extensions.h: the PostgreSQL extensions a schema's scalars need
// (LTree: ltree), so loading a schema that uses one without it is a clear
// error instead of a failure of every statement that touches the field.
#pragma once

#include <string>
#include <vector>

#include "core/schema/schema.h"

namespace fraiseql::schema {

struct RequiredExtension {
	std::string extension; // as in CREATE EXTENSION
	std::string sql_type;  // a type it provides, which statements name unqualified
	std::string scalar;    // the GraphQL scalar that needs it
	uint32_t line = 0, column = 0; // of the first field using it
};

// One entry per extension some object field's type needs.
std::vector<RequiredExtension> required_extensions(const Schema &schema);

} // namespace fraiseql::schema
