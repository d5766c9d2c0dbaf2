// schema_file.cc: the FraiseQL-mode build of an SDL file, errors by position.
#include "tool/schema_file.h"

#include "core/validation/sdl/load_sdl.h"
#include "tool/cli_error.h"
#include "tool/diagnostic.h"

namespace fraiseql::tool {

const char CATALOG_NOTE[] =
    "fraiseql-tool: note: views and functions are not looked up (no database); load_schema checks them\n";

std::unique_ptr<schema::Schema>
load_schema_file(const std::string &path)
{
	schema::BuildResult built = validation::build_fraiseql_schema(read_file(path));
	if (built.schema)
		return std::move(built.schema);
	std::string message;
	for (const GraphQLError &e : built.errors)
		message += diagnostic(path, e);
	if (message.empty())
		message = path + ": the schema does not build\n";
	message.pop_back(); // the caller ends the line
	throw SchemaErrors(message);
}

} // namespace fraiseql::tool
