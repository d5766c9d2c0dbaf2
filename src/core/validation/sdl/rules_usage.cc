// rules_usage.cc: the SDL rules that look at uses of names: KnownTypeNames,
// KnownDirectives, UniqueDirectivesPerLocation, KnownArgumentNamesOnDirectives,
// UniqueArgumentNames, UniqueInputFieldNames and
// ProvidedRequiredArgumentsOnDirectives. Messages are graphql-js 17's.
#include <string>

#include "core/syntax/printer.h"
#include "core/validation/sdl/sdl_context.h"

namespace fraiseql::validation::sdl {

namespace {

bool
is_standard_type_name(std::string_view name)
{
	for (std::string_view standard : standard_type_names())
		if (standard == name)
			return true;
	return false;
}

constexpr uint32_t kLinearSearchMax = 16;

// Whether `definition` declares an argument called `name`.
bool
declares_argument(Context &ctx, const syntax::DirectiveDefinition &definition, std::string_view name)
{
	if (definition.arguments.size() <= kLinearSearchMax) {
		for (const syntax::InputValueDefinition &arg : definition.arguments)
			if (arg.name.text == name)
				return true;
		return false;
	}
	auto [it, added] = ctx.argument_sets.try_emplace(&definition);
	if (added)
		for (const syntax::InputValueDefinition &arg : definition.arguments)
			it->second.insert(arg.name.text);
	return it->second.count(name) != 0;
}

} // namespace

void
known_type_names(Context &ctx, const syntax::Name &named_type, bool in_type_system)
{
	const std::string_view name = named_type.text;
	if (ctx.existing_type(name) || ctx.defined_type(name))
		return;
	if (in_type_system && is_standard_type_name(name))
		return;
	std::vector<std::string_view> options;
	if (in_type_system)
		for (std::string_view standard : standard_type_names())
			options.push_back(standard);
	ctx.append_known_type_names(options);
	ctx.report("Unknown type \"" + std::string(name) + "\"." + suggest(name, options), named_type.loc);
}

void
known_directives(Context &ctx, const syntax::Directive &directive, DirectiveLocation location)
{
	const DirectiveInfo *info = ctx.directive(directive.name.text);
	if (!info) {
		ctx.report("Unknown directive \"@" + std::string(directive.name.text) + "\".", directive.loc);
		return;
	}
	if (!(info->locations & location_bit(location)))
		ctx.report("Directive \"@" + std::string(directive.name.text) + "\" may not be used on " +
		               std::string(directive_location_name(location)) + ".",
		           directive.loc);
}

void
unique_directives_per_location(Context &ctx, DirectiveOwner owner, std::string_view owner_name,
                               util::Span<syntax::Directive> directives)
{
	if (directives.empty())
		return;
	if (owner == DirectiveOwner::Node)
		ctx.node_directives.clear();
	for (const syntax::Directive &directive : directives) {
		const std::string_view name = directive.name.text;
		const DirectiveInfo *info = ctx.directive(name);
		if (!info || info->definition->repeatable)
			continue; // only known, non-repeatable directives are checked
		const syntax::Loc *seen = nullptr;
		switch (owner) {
		case DirectiveOwner::Schema: {
			auto [it, added] = ctx.schema_directives.emplace(name, directive.loc);
			seen = added ? nullptr : &it->second;
			break;
		}
		case DirectiveOwner::Type: {
			auto [it, added] = ctx.type_directives.emplace(std::make_pair(owner_name, name), directive.loc);
			seen = added ? nullptr : &it->second;
			break;
		}
		case DirectiveOwner::Directive: {
			auto [it, added] = ctx.directive_directives.emplace(std::make_pair(owner_name, name), directive.loc);
			seen = added ? nullptr : &it->second;
			break;
		}
		case DirectiveOwner::Node:
			seen = ctx.node_directives.find_or_add(name, directive.loc);
			break;
		}
		if (seen)
			ctx.report("The directive \"@" + std::string(name) + "\" can only be used once at this location.", *seen,
			           directive.loc);
	}
}

void
known_argument_names_on_directives(Context &ctx, const syntax::Directive &directive)
{
	const DirectiveInfo *info = ctx.directive(directive.name.text);
	if (!info)
		return;
	const syntax::DirectiveDefinition &definition = *info->definition;
	for (const syntax::Argument &arg : directive.arguments) {
		if (ctx.aborted())
			return;
		if (declares_argument(ctx, definition, arg.name.text))
			continue;
		std::vector<std::string_view> options;
		for (const syntax::InputValueDefinition &known : definition.arguments)
			options.push_back(known.name.text);
		ctx.report("Unknown argument \"" + std::string(arg.name.text) + "\" on directive \"@" +
		               std::string(directive.name.text) + "\"." + suggest(arg.name.text, options),
		           arg.loc);
	}
}

void
unique_argument_names(Context &ctx, util::Span<syntax::Argument> arguments)
{
	for_each_repeated_name(ctx, arguments, [&](std::string_view name, std::vector<SourceLocation> locations) {
		ctx.report("There can be only one argument named \"" + std::string(name) + "\".", std::move(locations));
	});
}

void
provided_required_arguments_on_directives(Context &ctx, const syntax::Directive &directive)
{
	const DirectiveInfo *info = ctx.directive(directive.name.text);
	if (!info)
		return;
	// graphql-js keys the required arguments by name: a repeated name keeps its
	// first position and its last type.
	struct Required {
		std::string_view name;
		const syntax::TypeRef *type;
	};
	std::vector<Required> required;
	ctx.group_scratch.clear();
	for (const syntax::InputValueDefinition &arg : info->definition->arguments) {
		if (arg.type->kind != syntax::TypeKind::NonNull || arg.default_value)
			continue;
		const uint32_t next = static_cast<uint32_t>(required.size());
		if (const uint32_t *at = ctx.group_scratch.find_or_add(arg.name.text, next))
			required[*at].type = arg.type;
		else
			required.push_back({arg.name.text, arg.type});
	}
	if (required.empty())
		return;
	ctx.name_scratch.clear();
	for (const syntax::Argument &arg : directive.arguments)
		ctx.name_scratch.find_or_add(arg.name.text, 0);
	for (const Required &r : required)
		if (!ctx.name_scratch.find(r.name))
			ctx.report("Argument \"@" + std::string(directive.name.text) + "(" + std::string(r.name) + ":)\" of type \"" +
			               syntax::print(*r.type) + "\" is required, but it was not provided.",
			           directive.loc);
}

void
enter_object_value(Context &ctx)
{
	if (ctx.input_field_scopes.size() <= ctx.input_field_depth)
		ctx.input_field_scopes.emplace_back();
	ctx.input_field_scopes[ctx.input_field_depth++].clear();
}

void
leave_object_value(Context &ctx)
{
	ctx.input_field_depth--;
}

void
unique_input_field_name(Context &ctx, const syntax::ObjectField &field)
{
	FirstSeen<syntax::Loc> &scope = ctx.input_field_scopes[ctx.input_field_depth - 1];
	if (const syntax::Loc *seen = scope.find_or_add(field.name.text, field.name.loc))
		ctx.report("There can be only one input field named \"" + std::string(field.name.text) + "\".", *seen,
		           field.name.loc);
}

} // namespace fraiseql::validation::sdl
