// fraiseql_sdl.cc: the prelude fraiseql's SDL is validated against.
#include "core/validation/sdl/fraiseql_sdl.h"

#include <string>

#include "core/syntax/parser.h"
#include "core/validation/sdl/base_schema_facts.h"
#include "core/validation/sdl/validate_sdl.h"

namespace fraiseql::validation {

namespace {

const char *const DIRECTIVES = R"(
directive @view(name: String!, dataColumn: String = "data", idColumn: String = "id") on OBJECT | FIELD_DEFINITION
directive @field(key: String!) on FIELD_DEFINITION
directive @connection(type: String!) on FIELD_DEFINITION
directive @function(name: String!, context: [String!]) on FIELD_DEFINITION
)";

const char *const EXTRA_SCALARS[] = {"UUID", "Date", "DateTime", "Time", "JSON", "BigInt", "Decimal"};

bool
declares_type(const syntax::Document &document, std::string_view name)
{
	for (const syntax::Definition *d : document.definitions)
		if (d->name.text == name && !d->is_extension && d->kind >= syntax::DefinitionKind::ScalarType &&
		    d->kind <= syntax::DefinitionKind::InputObjectType)
			return true;
	return false;
}

} // namespace

ErrorList
validate_fraiseql_sdl(const syntax::Document &document, uint32_t max_errors)
{
	std::string prelude = DIRECTIVES;
	for (const char *scalar : EXTRA_SCALARS)
		if (!declares_type(document, scalar))
			prelude += std::string("scalar ") + scalar + "\n";
	util::Arena arena;
	syntax::ParseResult parsed = syntax::parse_document(prelude, arena);
	if (!parsed.document) // the prelude is ours: a failure here is a bug, say so plainly
		return {make_error(ErrorCode::Internal, "fraiseql's SDL prelude does not parse: " + parsed.error.message)};
	BaseSchemaFacts base = build_base_schema_facts(*parsed.document);
	return validate_sdl(document, &base, SdlRuleSelection::all(), max_errors);
}

} // namespace fraiseql::validation
