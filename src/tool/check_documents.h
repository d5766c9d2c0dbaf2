// check_documents.h: `fraiseql-tool validate`'s work: each client document
// parsed and validated against the schema as fraiseql.execute would (each file
// is one document, as a request carries one).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/schema/schema.h"

namespace fraiseql::tool {

struct CheckOptions {
	// fraiseql.introspection = off: __schema and __type are errors.
	bool no_introspection = false;
};

struct CheckResult {
	size_t files = 0;
	size_t files_with_errors = 0;
	size_t errors = 0;
};

// Appends one diagnostic line per error to `out`: files in the given order,
// errors in document order (validation reports each once).
CheckResult check_documents(const schema::Schema &schema, const std::vector<std::string> &files,
                            const CheckOptions &options, std::ostream &out);

} // namespace fraiseql::tool
