// builtins.cc: graphql-js 17.1's built-in directives and introspection types
// (the schema model's SDL text of them, schema::BUILTIN_SDL), parsed on first
// use into an arena that lives as long as the process.
#include "core/validation/sdl/builtins.h"

#include <vector>

#include "core/schema/builtin_sdl.h"
#include "core/syntax/parser.h"

namespace fraiseql::validation::sdl {

namespace {


const std::string_view kStandardTypeNames[] = {
    "String", "Int", "Float", "Boolean", "ID", "__Schema", "__Directive", "__DirectiveLocation",
    "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind",
};

const std::string_view kLocationNames[] = {
    "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD",
    "INLINE_FRAGMENT", "VARIABLE_DEFINITION", "FRAGMENT_VARIABLE_DEFINITION", "SCHEMA", "SCALAR",
    "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE",
    "INPUT_OBJECT", "INPUT_FIELD_DEFINITION", "DIRECTIVE_DEFINITION",
};

struct Builtins {
	util::Arena arena;
	std::vector<const syntax::DirectiveDefinition *> directives;
	std::vector<const syntax::TypeDefinition *> types;

	Builtins()
	{
		syntax::ParseResult r = syntax::parse_document(schema::BUILTIN_SDL, arena);
		if (!r.document)
			return; // the text is constant and the parser accepts it (a unit test checks)
		for (const syntax::Definition *d : r.document->definitions) {
			if (d->kind == syntax::DefinitionKind::Directive)
				directives.push_back(static_cast<const syntax::DirectiveDefinition *>(d));
			else
				types.push_back(static_cast<const syntax::TypeDefinition *>(d));
		}
	}
};

const Builtins &
builtins()
{
	static const Builtins parsed;
	return parsed;
}

} // namespace

util::Span<const syntax::DirectiveDefinition *const>
specified_directives()
{
	const auto &d = builtins().directives;
	return {d.data(), static_cast<uint32_t>(d.size())};
}

util::Span<const syntax::TypeDefinition *const>
introspection_types()
{
	const auto &t = builtins().types;
	return {t.data(), static_cast<uint32_t>(t.size())};
}

util::Span<const std::string_view>
standard_type_names()
{
	return {kStandardTypeNames, static_cast<uint32_t>(sizeof kStandardTypeNames / sizeof kStandardTypeNames[0])};
}

bool
is_specified_scalar(std::string_view name)
{
	for (size_t i = 0; i < 5; i++)
		if (kStandardTypeNames[i] == name)
			return true;
	return false;
}

std::string_view
directive_location_name(DirectiveLocation location)
{
	return kLocationNames[unsigned(location)];
}

uint32_t
directive_location_mask(const syntax::DirectiveDefinition &definition)
{
	uint32_t mask = 0;
	for (const syntax::Name &n : definition.locations)
		for (unsigned i = 0; i < sizeof kLocationNames / sizeof kLocationNames[0]; i++)
			if (kLocationNames[i] == n.text)
				mask |= 1u << i;
	return mask;
}

} // namespace fraiseql::validation::sdl
