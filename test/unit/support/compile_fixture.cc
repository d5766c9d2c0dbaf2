// compile_fixture.cc: see compile_fixture.h.
#include "unit/support/compile_fixture.h"

#include <cstdlib>
#include <vector>

#include "core/syntax/parser.h"
#include "core/util/arena.h"
#include "unit/support/jsonb_builder.h"

namespace fraiseql::test {

schema::BuildResult
build_resolved(const char *sdl, const char *schema_name, const char *relation, std::vector<schema::Column> columns)
{
	schema::BuildResult r = schema::build_schema(sdl);
	if (!r.schema)
		std::abort();
	for (schema::ViewBinding *v : r.schema->view_bindings()) {
		v->resolved = true;
		v->schema_name = schema_name;
		v->relation_name = relation;
		v->columns = columns;
	}
	return r;
}

void
compile_query(const schema::Schema &schema, const std::string &query, const std::string &variables_json,
              Compiled &out, const compile::CompileOptions &options)
{
	static util::Arena arena;
	static std::vector<std::string> documents; // the AST views its text
	documents.push_back(query);
	syntax::ParseResult parsed = syntax::parse_document(documents.back(), arena);
	if (parsed.error) {
		out.errors = parsed.error.message;
		return;
	}
	const auto *operation = static_cast<const syntax::OperationDefinition *>(parsed.document->definitions[0]);
	std::string jsonb = variables_json.empty() ? std::string() : jsonb_from_json(variables_json);
	jsonb::Value vars = jsonb.empty() ? jsonb::Value() : jsonb::root(jsonb.data(), static_cast<uint32_t>(jsonb.size()));
	ErrorList errors = coerce::coerce_variables(schema, *operation, vars, out.variables);
	if (errors.empty())
		errors = compile::compile_operation(schema, *parsed.document, *operation, out.variables, out.plan, options);
	for (const GraphQLError &e : errors)
		out.errors += e.message + "\n";
}

} // namespace fraiseql::test
