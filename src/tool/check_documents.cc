// check_documents.cc: validate_text per file, errors as diagnostics.
#include "tool/check_documents.h"

#include "core/validation/validate.h"
#include "tool/cli_error.h"
#include "tool/diagnostic.h"

namespace fraiseql::tool {

CheckResult
check_documents(const schema::Schema &schema, const std::vector<std::string> &files, const CheckOptions &options,
                std::ostream &out)
{
	validation::ValidateOptions validate_options;
	if (options.no_introspection) // as the extension adds it under fraiseql.introspection = off
		validate_options.rules = {"specifiedRules", "NoSchemaIntrospectionCustomRule"};
	CheckResult result;
	for (const std::string &file : files) {
		const std::string source = read_file(file);
		validation::TextValidation checked = validation::validate_text(schema, source, validate_options, false);
		for (const GraphQLError &e : checked.errors)
			out << diagnostic(file, e);
		result.errors += checked.errors.size();
		result.files++;
		if (!checked.errors.empty())
			result.files_with_errors++;
	}
	return result;
}

} // namespace fraiseql::tool
