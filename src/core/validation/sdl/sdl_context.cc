// sdl_context.cc: the lookups the SDL rules share, built once per call.
#include "core/validation/sdl/sdl_context.h"

#include <algorithm>

#include "core/validation/suggestions.h"

namespace fraiseql::validation::sdl {

namespace {

bool
is_type_definition(const syntax::Definition &def)
{
	switch (def.kind) {
	case syntax::DefinitionKind::ScalarType:
	case syntax::DefinitionKind::ObjectType:
	case syntax::DefinitionKind::InterfaceType:
	case syntax::DefinitionKind::UnionType:
	case syntax::DefinitionKind::EnumType:
	case syntax::DefinitionKind::InputObjectType:
		return !def.is_extension;
	default:
		return false;
	}
}

} // namespace

Context::Context(const syntax::Document &doc, const BaseSchemaFacts *base_schema, SdlRuleSelection rules,
                 uint32_t max_errors)
    : document(doc), base(base_schema), rules_(rules), max_errors_(max_errors)
{
	// graphql-js: the schema's directives (or the specified ones), then the
	// document's definitions, a later definition replacing an earlier one.
	auto add_directive = [this](const syntax::DirectiveDefinition *def) {
		directives_[def->name.text] = DirectiveInfo{def, directive_location_mask(*def)};
	};
	if (base) {
		for (const syntax::DirectiveDefinition *def : base->directives)
			add_directive(def);
	} else {
		for (const syntax::DirectiveDefinition *def : specified_directives())
			add_directive(def);
	}
	for (const syntax::Definition *def : doc.definitions) {
		if (def->kind == syntax::DefinitionKind::Directive && !def->is_extension)
			add_directive(static_cast<const syntax::DirectiveDefinition *>(def));
		else if (is_type_definition(*def))
			defined_types_[def->name.text] = static_cast<const syntax::TypeDefinition *>(def);
	}
}

bool
Context::room_for_error()
{
	if (aborted_)
		return false;
	if (max_errors_ == 0 || errors.size() < max_errors_)
		return true;
	errors.push_back(make_error(ErrorCode::ValidationFailed,
	                            "Too many validation errors, error limit reached. Validation aborted."));
	aborted_ = true;
	return false;
}

void
Context::report(std::string message, const syntax::Loc &at)
{
	if (!room_for_error())
		return;
	errors.push_back(make_error(ErrorCode::ValidationFailed, std::move(message), at.line, at.column));
}

void
Context::report(std::string message, const syntax::Loc &first, const syntax::Loc &second)
{
	if (room_for_error())
		report(std::move(message), std::vector<SourceLocation>{{first.line, first.column}, {second.line, second.column}});
}

void
Context::report(std::string message, std::vector<SourceLocation> locations)
{
	if (!room_for_error())
		return;
	GraphQLError e = make_error(ErrorCode::ValidationFailed, std::move(message));
	e.locations = std::move(locations);
	errors.push_back(std::move(e));
}

const syntax::TypeDefinition *
Context::defined_type(std::string_view name) const
{
	auto it = defined_types_.find(name);
	return it == defined_types_.end() ? nullptr : it->second;
}

const DirectiveInfo *
Context::directive(std::string_view name) const
{
	auto it = directives_.find(name);
	return it == directives_.end() ? nullptr : &it->second;
}

void
Context::append_known_type_names(std::vector<std::string_view> &out) const
{
	if (base)
		for (const auto &entry : base->types)
			out.push_back(entry.first);
	for (const syntax::Definition *def : document.definitions)
		if (is_type_definition(*def))
			out.push_back(def->name.text);
}

std::string
suggest(std::string_view input, std::vector<std::string_view> &options)
{
	// GraphQL names are ASCII, so a length difference beyond graphql-js's
	// threshold already rules an option out: drop those before measuring.
	const size_t threshold = input.size() * 4 / 10 + 1;
	auto too_far = [&](std::string_view option) {
		return (option.size() > input.size() ? option.size() - input.size() : input.size() - option.size()) > threshold;
	};
	options.erase(std::remove_if(options.begin(), options.end(), too_far), options.end());
	// graphql-js suggests each name once.
	std::sort(options.begin(), options.end());
	options.erase(std::unique(options.begin(), options.end()), options.end());
	return did_you_mean(suggestion_list(input, options));
}

} // namespace fraiseql::validation::sdl
