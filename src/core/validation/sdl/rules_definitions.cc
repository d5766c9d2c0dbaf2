// rules_definitions.cc: the SDL rules that look at whole type-system
// definitions: LoneSchemaDefinition, UniqueOperationTypes, UniqueTypeNames,
// UniqueEnumValueNames, UniqueFieldDefinitionNames,
// UniqueArgumentDefinitionNames, UniqueDirectiveNames, PossibleTypeExtensions.
// Messages are graphql-js 17's.
#include <string>

#include "core/validation/sdl/sdl_context.h"

namespace fraiseql::validation::sdl {

namespace {

using syntax::DefinitionKind;

std::string
quoted(std::string_view s)
{
	std::string out = "\"";
	out += s;
	out += '"';
	return out;
}

const char *
operation_name(syntax::OperationType op)
{
	switch (op) {
	case syntax::OperationType::Query:
		return "query";
	case syntax::OperationType::Mutation:
		return "mutation";
	case syntax::OperationType::Subscription:
		return "subscription";
	}
	return "query";
}

const char *
kind_name(DefinitionKind kind)
{
	switch (kind) {
	case DefinitionKind::ScalarType:
		return "scalar";
	case DefinitionKind::ObjectType:
		return "object";
	case DefinitionKind::InterfaceType:
		return "interface";
	case DefinitionKind::UnionType:
		return "union";
	case DefinitionKind::EnumType:
		return "enum";
	case DefinitionKind::InputObjectType:
		return "input object";
	default:
		return "";
	}
}

bool
has_fields(DefinitionKind kind)
{
	return kind == DefinitionKind::ObjectType || kind == DefinitionKind::InterfaceType ||
	       kind == DefinitionKind::InputObjectType;
}

} // namespace

void
lone_schema_definition(Context &ctx, const syntax::SchemaDefinition &def)
{
	if (ctx.base && (ctx.base->has_schema_definition || ctx.base->has_any_root())) {
		ctx.report("Cannot define a new schema within a schema extension.", def.loc);
		return;
	}
	if (ctx.schema_definitions > 0)
		ctx.report("Must provide only one schema definition.", def.loc);
	ctx.schema_definitions++;
}

void
unique_operation_types(Context &ctx, const syntax::SchemaDefinition &def)
{
	for (const syntax::OperationTypeDefinition &op : def.operation_types) {
		const unsigned index = unsigned(op.operation);
		const std::string name = operation_name(op.operation);
		if (ctx.base && ctx.base->has_root[index]) {
			ctx.report("Type for " + name + " already defined in the schema. It cannot be redefined.", op.loc);
		} else if (const syntax::OperationTypeDefinition *earlier = ctx.root_definitions[index]) {
			ctx.report("There can be only one " + name + " type in schema.", earlier->loc, op.loc);
		} else {
			ctx.root_definitions[index] = &op;
		}
	}
}

void
unique_type_names(Context &ctx, const syntax::TypeDefinition &def)
{
	const std::string_view name = def.name.text;
	if (ctx.existing_type(name)) {
		ctx.report("Type " + quoted(name) + " already exists in the schema. It cannot also be defined in this type definition.",
		           def.name.loc);
		return;
	}
	auto [it, added] = ctx.type_names.emplace(name, def.name.loc);
	if (!added)
		ctx.report("There can be only one type named " + quoted(name) + ".", it->second, def.name.loc);
}

void
unique_enum_value_names(Context &ctx, const syntax::TypeDefinition &def)
{
	const std::string_view type_name = def.name.text;
	const BaseTypeFacts *existing = ctx.existing_type(type_name);
	const bool existing_enum = existing && existing->kind == DefinitionKind::EnumType;
	for (const syntax::EnumValueDefinition &value : def.values) {
		const std::string coordinate = quoted(std::string(type_name) + "." + std::string(value.name.text));
		if (existing_enum && existing->members.count(value.name.text)) {
			ctx.report("Enum value " + coordinate + " already exists in the schema. It cannot also be defined in this type extension.",
			           value.name.loc);
			continue;
		}
		auto [it, added] = ctx.enum_values.emplace(std::make_pair(type_name, value.name.text), value.name.loc);
		if (!added)
			ctx.report("Enum value " + coordinate + " can only be defined once.", it->second, value.name.loc);
	}
}

void
unique_field_definition_names(Context &ctx, const syntax::TypeDefinition &def)
{
	const std::string_view type_name = def.name.text;
	const BaseTypeFacts *existing = ctx.existing_type(type_name);
	const bool existing_fields = existing && has_fields(existing->kind);
	auto check = [&](const syntax::Name &field) {
		const std::string coordinate = quoted(std::string(type_name) + "." + std::string(field.text));
		if (existing_fields && existing->members.count(field.text)) {
			ctx.report("Field " + coordinate + " already exists in the schema. It cannot also be defined in this type extension.",
			           field.loc);
			return;
		}
		auto [it, added] = ctx.field_names.emplace(std::make_pair(type_name, field.text), field.loc);
		if (!added)
			ctx.report("Field " + coordinate + " can only be defined once.", it->second, field.loc);
	};
	for (const syntax::FieldDefinition &field : def.fields)
		check(field.name);
	for (const syntax::InputValueDefinition &field : def.input_fields)
		check(field.name);
}

void
unique_argument_definition_names(Context &ctx, const syntax::TypeDefinition &def)
{
	for (const syntax::FieldDefinition &field : def.fields) {
		for_each_repeated_name(ctx, field.arguments, [&](std::string_view arg, std::vector<SourceLocation> locations) {
			ctx.report("Argument \"" + std::string(def.name.text) + "." + std::string(field.name.text) + "(" +
			               std::string(arg) + ":)\" can only be defined once.",
			           std::move(locations));
		});
	}
}

void
unique_argument_definition_names(Context &ctx, const syntax::DirectiveDefinition &def)
{
	for_each_repeated_name(ctx, def.arguments, [&](std::string_view arg, std::vector<SourceLocation> locations) {
		ctx.report("Argument \"@" + std::string(def.name.text) + "(" + std::string(arg) + ":)\" can only be defined once.",
		           std::move(locations));
	});
}

void
unique_directive_names(Context &ctx, const syntax::DirectiveDefinition &def)
{
	const std::string_view name = def.name.text;
	if (ctx.base && ctx.base->directive_names.count(name)) {
		ctx.report("Directive \"@" + std::string(name) + "\" already exists in the schema. It cannot be redefined.",
		           def.name.loc);
		return;
	}
	auto [it, added] = ctx.directive_names.emplace(name, def.name.loc);
	if (!added)
		ctx.report("There can be only one directive named \"@" + std::string(name) + "\".", it->second, def.name.loc);
}

void
possible_type_extensions(Context &ctx, const syntax::TypeDefinition &ext)
{
	const std::string_view name = ext.name.text;
	const syntax::TypeDefinition *def = ctx.defined_type(name);
	const BaseTypeFacts *existing = ctx.existing_type(name);
	if (def || existing) {
		const DefinitionKind expected = def ? def->kind : existing->kind;
		if (expected == ext.kind)
			return;
		const std::string message =
		    "Cannot extend non-" + std::string(kind_name(ext.kind)) + " type " + quoted(name) + ".";
		if (def)
			ctx.report(message, def->loc, ext.loc);
		else
			ctx.report(message, ext.loc);
		return;
	}
	std::vector<std::string_view> options;
	ctx.append_known_type_names(options);
	ctx.report("Cannot extend type " + quoted(name) + " because it is not defined." + suggest(name, options),
	           ext.name.loc);
}

} // namespace fraiseql::validation::sdl
