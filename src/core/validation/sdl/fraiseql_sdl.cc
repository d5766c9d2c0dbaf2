// fraiseql_sdl.cc: the prelude fraiseql's SDL is validated against.
#include "core/validation/sdl/fraiseql_sdl.h"

#include <string>

#include "core/syntax/parser.h"
#include "core/syntax/printer.h"
#include "core/validation/sdl/base_schema_facts.h"
#include "core/validation/sdl/validate_sdl.h"

namespace fraiseql::validation {

namespace {

struct PreludeDirective {
	const char *name;
	const char *definition;
	// The definition earlier versions printed: schema_sdl() text stored with
	// them must still load (nullptr: unchanged).
	const char *previous = nullptr;
};

const PreludeDirective DIRECTIVES[] = {
    {"view", "directive @view(name: String!, dataColumn: String = \"data\", idColumn: String = \"id\") on OBJECT | "
             "FIELD_DEFINITION\n"},
    {"field", "directive @field(key: String!) on FIELD_DEFINITION | INPUT_FIELD_DEFINITION\n",
     "directive @field(key: String!) on FIELD_DEFINITION\n"},
    {"connection", "directive @connection(type: String!) on FIELD_DEFINITION\n"},
    {"function", "directive @function(name: String!, context: [String!], graphqlInputKeys: Boolean = false) on "
                 "FIELD_DEFINITION\n",
     "directive @function(name: String!, context: [String!]) on FIELD_DEFINITION\n"},
    {"notify", "directive @notify(channel: String!) on FIELD_DEFINITION\n"},
};

const char *const EXTRA_SCALARS[] = {"UUID",      "Date",  "DateTime",  "Time",     "JSON",
                                     "BigInt",    "Decimal", "IpAddress", "CIDR",     "MacAddress",
                                     "LTree",     "IntRange", "DateRange", "DateTimeRange", "TSVector",
                                     "Geometry"};

bool
declares_type(const syntax::Document &document, std::string_view name)
{
	for (const syntax::Definition *d : document.definitions)
		if (d->name.text == name && !d->is_extension && d->kind >= syntax::DefinitionKind::ScalarType &&
		    d->kind <= syntax::DefinitionKind::InputObjectType)
			return true;
	return false;
}

// A directive definition without its descriptions: arguments with their
// types and defaults, repeatable, locations.
std::string
signature(const syntax::DirectiveDefinition &d)
{
	std::string out = std::string(d.name.text) + "(";
	for (const syntax::InputValueDefinition &a : d.arguments) {
		out += std::string(a.name.text) + ":" + syntax::print(*a.type);
		if (a.default_value)
			out += "=" + syntax::print(*a.default_value);
		out += ",";
	}
	out += d.repeatable ? ")repeatable" : ")";
	for (const syntax::Name &l : d.locations)
		out += " " + std::string(l.text);
	return out;
}

// fraiseql.schema_sdl() prints these definitions (so any GraphQL tool reads
// the text); loading that text again declares them itself, which is fine as
// long as the declaration is the same (descriptions aside).
bool
declares_same_directive(const syntax::Document &document, const PreludeDirective &directive)
{
	for (const syntax::Definition *d : document.definitions) {
		if (d->kind != syntax::DefinitionKind::Directive || d->is_extension || d->name.text != directive.name)
			continue;
		const std::string declared = signature(static_cast<const syntax::DirectiveDefinition &>(*d));
		for (const char *definition : {directive.definition, directive.previous}) {
			if (!definition)
				continue;
			util::Arena arena;
			syntax::ParseResult own = syntax::parse_document(definition, arena);
			if (own.document &&
			    declared == signature(static_cast<const syntax::DirectiveDefinition &>(*own.document->definitions[0])))
				return true;
		}
		return false;
	}
	return false;
}

// The object types @connection(type: "T") generates (TConnection, TEdge,
// PageInfo) that the document does not declare: known names for the
// document's fields (the schema builder gives them their fields).
void
connection_types(const syntax::Document &document, std::string &prelude)
{
	std::vector<std::string> names;
	for (const syntax::Definition *d : document.definitions) {
		if (d->kind != syntax::DefinitionKind::ObjectType)
			continue;
		for (const syntax::FieldDefinition &f : static_cast<const syntax::TypeDefinition &>(*d).fields)
			for (const syntax::Directive &directive : f.directives) {
				if (directive.name.text != "connection")
					continue;
				for (const syntax::Argument &a : directive.arguments)
					if (a.name.text == "type" && a.value->kind == syntax::ValueKind::String && !a.value->text.empty())
						for (std::string name : {std::string(a.value->text) + "Connection",
						                         std::string(a.value->text) + "Edge", std::string("PageInfo")}) {
							bool seen = declares_type(document, name);
							for (const std::string &n : names)
								seen = seen || n == name;
							if (!seen)
								names.push_back(std::move(name));
						}
			}
	}
	for (const std::string &name : names)
		prelude += "type " + name + "\n";
}

} // namespace

ErrorList
validate_fraiseql_sdl(const syntax::Document &document, uint32_t max_errors)
{
	std::string prelude;
	for (const PreludeDirective &d : DIRECTIVES)
		if (!declares_same_directive(document, d))
			prelude += d.definition;
	for (const char *scalar : EXTRA_SCALARS)
		if (!declares_type(document, scalar))
			prelude += std::string("scalar ") + scalar + "\n";
	connection_types(document, prelude);
	if (prelude.empty())
		return validate_sdl(document, nullptr, SdlRuleSelection::all(), max_errors);
	util::Arena arena;
	syntax::ParseResult parsed = syntax::parse_document(prelude, arena);
	if (!parsed.document) // the prelude is ours: a failure here is a bug, say so plainly
		return {make_error(ErrorCode::Internal, "fraiseql's SDL prelude does not parse: " + parsed.error.message)};
	BaseSchemaFacts base = build_base_schema_facts(*parsed.document);
	return validate_sdl(document, &base, SdlRuleSelection::all(), max_errors);
}

} // namespace fraiseql::validation
