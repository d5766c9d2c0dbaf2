// validate_sdl.cc: one walk over the document in graphql-js's visiting order
// (its QueryDocumentKeys), calling at each node the selected rules in
// specifiedSDLRules order, as graphql-js's visitInParallel does. The walk's
// recursion follows the tree's nesting, which the parser caps (ParseLimits).
#include "core/validation/sdl/validate_sdl.h"

#include "core/validation/sdl/sdl_context.h"

namespace fraiseql::validation {

namespace {

using sdl::Context;
using sdl::DirectiveLocation;
using sdl::DirectiveOwner;
using syntax::DefinitionKind;

const std::string_view kRuleNames[] = {
    "LoneSchemaDefinitionRule",
    "UniqueOperationTypesRule",
    "UniqueTypeNamesRule",
    "UniqueEnumValueNamesRule",
    "UniqueFieldDefinitionNamesRule",
    "UniqueArgumentDefinitionNamesRule",
    "UniqueDirectiveNamesRule",
    "KnownTypeNamesRule",
    "KnownDirectivesRule",
    "UniqueDirectivesPerLocationRule",
    "PossibleTypeExtensionsRule",
    "KnownArgumentNamesOnDirectivesRule",
    "UniqueArgumentNamesRule",
    "UniqueInputFieldNamesRule",
    "ProvidedRequiredArgumentsOnDirectivesRule",
};
static_assert(sizeof kRuleNames / sizeof kRuleNames[0] == size_t(SdlRule::Count), "one name per rule");

DirectiveLocation
type_location(DefinitionKind kind)
{
	switch (kind) {
	case DefinitionKind::ObjectType:
		return DirectiveLocation::Object;
	case DefinitionKind::InterfaceType:
		return DirectiveLocation::Interface;
	case DefinitionKind::UnionType:
		return DirectiveLocation::Union;
	case DefinitionKind::EnumType:
		return DirectiveLocation::Enum;
	case DefinitionKind::InputObjectType:
		return DirectiveLocation::InputObject;
	default:
		return DirectiveLocation::Scalar;
	}
}

DirectiveLocation
operation_location(syntax::OperationType op)
{
	switch (op) {
	case syntax::OperationType::Mutation:
		return DirectiveLocation::Mutation;
	case syntax::OperationType::Subscription:
		return DirectiveLocation::Subscription;
	default:
		return DirectiveLocation::Query;
	}
}

class Walker {
public:
	explicit Walker(Context &ctx) : ctx_(ctx) {}

	void definition(const syntax::Definition &def)
	{
		switch (def.kind) {
		case DefinitionKind::Operation:
			in_type_system_ = false;
			operation(static_cast<const syntax::OperationDefinition &>(def));
			return;
		case DefinitionKind::Fragment:
			in_type_system_ = false;
			fragment(static_cast<const syntax::FragmentDefinition &>(def));
			return;
		case DefinitionKind::Schema:
			in_type_system_ = true;
			schema(static_cast<const syntax::SchemaDefinition &>(def));
			return;
		case DefinitionKind::Directive:
			in_type_system_ = true;
			directive_definition(static_cast<const syntax::DirectiveDefinition &>(def));
			return;
		default:
			in_type_system_ = true;
			type(static_cast<const syntax::TypeDefinition &>(def));
			return;
		}
	}

private:
	Context &ctx_;
	bool in_type_system_ = true;

	bool on(SdlRule rule) const { return ctx_.on(rule); }

	// UniqueDirectivesPerLocation runs when the node owning the directives is entered.
	void own_directives(DirectiveOwner owner, std::string_view name, util::Span<syntax::Directive> directives)
	{
		if (on(SdlRule::UniqueDirectivesPerLocation))
			sdl::unique_directives_per_location(ctx_, owner, name, directives);
	}

	void schema(const syntax::SchemaDefinition &def)
	{
		if (!def.is_extension && on(SdlRule::LoneSchemaDefinition))
			sdl::lone_schema_definition(ctx_, def);
		if (on(SdlRule::UniqueOperationTypes))
			sdl::unique_operation_types(ctx_, def);
		own_directives(DirectiveOwner::Schema, {}, def.directives);
		directives(def.directives, DirectiveLocation::Schema);
		for (const syntax::OperationTypeDefinition &op : def.operation_types)
			named_type(op.type);
	}

	void type(const syntax::TypeDefinition &def)
	{
		const DefinitionKind kind = def.kind;
		const bool has_fields = kind == DefinitionKind::ObjectType || kind == DefinitionKind::InterfaceType;
		if (!def.is_extension && on(SdlRule::UniqueTypeNames))
			sdl::unique_type_names(ctx_, def);
		if (kind == DefinitionKind::EnumType && on(SdlRule::UniqueEnumValueNames))
			sdl::unique_enum_value_names(ctx_, def);
		if ((has_fields || kind == DefinitionKind::InputObjectType) && on(SdlRule::UniqueFieldDefinitionNames))
			sdl::unique_field_definition_names(ctx_, def);
		if (has_fields && on(SdlRule::UniqueArgumentDefinitionNames))
			sdl::unique_argument_definition_names(ctx_, def);
		own_directives(DirectiveOwner::Type, def.name.text, def.directives);
		if (def.is_extension && on(SdlRule::PossibleTypeExtensions))
			sdl::possible_type_extensions(ctx_, def);

		for (const syntax::Name &n : def.interfaces)
			named_type(n);
		directives(def.directives, type_location(kind));
		for (const syntax::FieldDefinition &f : def.fields)
			field_definition(f);
		for (const syntax::Name &n : def.members)
			named_type(n);
		for (const syntax::EnumValueDefinition &v : def.values)
			enum_value(v);
		for (const syntax::InputValueDefinition &f : def.input_fields)
			input_value(f, DirectiveLocation::InputFieldDefinition);
	}

	void directive_definition(const syntax::DirectiveDefinition &def)
	{
		if (!def.is_extension && on(SdlRule::UniqueArgumentDefinitionNames))
			sdl::unique_argument_definition_names(ctx_, def);
		if (!def.is_extension && on(SdlRule::UniqueDirectiveNames))
			sdl::unique_directive_names(ctx_, def);
		own_directives(DirectiveOwner::Directive, def.name.text, def.directives);
		for (const syntax::InputValueDefinition &arg : def.arguments)
			input_value(arg, DirectiveLocation::ArgumentDefinition);
		directives(def.directives, DirectiveLocation::DirectiveDefinition);
	}

	void field_definition(const syntax::FieldDefinition &def)
	{
		own_directives(DirectiveOwner::Node, {}, def.directives);
		for (const syntax::InputValueDefinition &arg : def.arguments)
			input_value(arg, DirectiveLocation::ArgumentDefinition);
		type_ref(def.type);
		directives(def.directives, DirectiveLocation::FieldDefinition);
	}

	void input_value(const syntax::InputValueDefinition &def, DirectiveLocation location)
	{
		own_directives(DirectiveOwner::Node, {}, def.directives);
		type_ref(def.type);
		value(def.default_value);
		directives(def.directives, location);
	}

	void enum_value(const syntax::EnumValueDefinition &def)
	{
		own_directives(DirectiveOwner::Node, {}, def.directives);
		directives(def.directives, DirectiveLocation::EnumValue);
	}

	void named_type(const syntax::Name &name)
	{
		if (on(SdlRule::KnownTypeNames) && !ctx_.aborted())
			sdl::known_type_names(ctx_, name, in_type_system_);
	}

	void type_ref(const syntax::TypeRef *type)
	{
		while (type && type->kind != syntax::TypeKind::Named)
			type = type->of_type;
		if (type)
			named_type(type->name);
	}

	void directives(util::Span<syntax::Directive> list, DirectiveLocation location)
	{
		for (const syntax::Directive &d : list)
			directive(d, location);
	}

	void directive(const syntax::Directive &d, DirectiveLocation location)
	{
		if (ctx_.aborted())
			return;
		if (on(SdlRule::KnownDirectives))
			sdl::known_directives(ctx_, d, location);
		if (on(SdlRule::KnownArgumentNamesOnDirectives))
			sdl::known_argument_names_on_directives(ctx_, d);
		if (on(SdlRule::UniqueArgumentNames))
			sdl::unique_argument_names(ctx_, d.arguments);
		arguments(d.arguments);
		if (on(SdlRule::ProvidedRequiredArgumentsOnDirectives))
			sdl::provided_required_arguments_on_directives(ctx_, d); // on leaving the directive
	}

	void arguments(util::Span<syntax::Argument> list)
	{
		for (const syntax::Argument &a : list)
			value(a.value);
	}

	void value(const syntax::Value *v)
	{
		if (!v)
			return;
		if (v->kind == syntax::ValueKind::List) {
			for (const syntax::Value *item : v->list)
				value(item);
		} else if (v->kind == syntax::ValueKind::Object) {
			const bool unique = on(SdlRule::UniqueInputFieldNames);
			if (unique)
				sdl::enter_object_value(ctx_);
			for (const syntax::ObjectField &f : v->fields) {
				if (unique)
					sdl::unique_input_field_name(ctx_, f);
				value(f.value);
			}
			if (unique)
				sdl::leave_object_value(ctx_);
		}
	}

	// ---- executable definitions: graphql-js visits them in SDL too ----

	void operation(const syntax::OperationDefinition &def)
	{
		own_directives(DirectiveOwner::Node, {}, def.directives);
		for (const syntax::VariableDefinition &v : def.variables)
			variable_definition(v, DirectiveLocation::VariableDefinition);
		directives(def.directives, operation_location(def.operation));
		selection_set(def.selection_set);
	}

	void fragment(const syntax::FragmentDefinition &def)
	{
		own_directives(DirectiveOwner::Node, {}, def.directives);
		for (const syntax::VariableDefinition &v : def.variables)
			variable_definition(v, DirectiveLocation::FragmentVariableDefinition);
		named_type(def.type_condition);
		directives(def.directives, DirectiveLocation::FragmentDefinition);
		selection_set(def.selection_set);
	}

	void variable_definition(const syntax::VariableDefinition &def, DirectiveLocation location)
	{
		own_directives(DirectiveOwner::Node, {}, def.directives);
		type_ref(def.type);
		value(def.default_value);
		directives(def.directives, location);
	}

	void selection_set(const syntax::SelectionSet *set)
	{
		if (!set)
			return;
		for (const syntax::Selection *s : set->selections) {
			own_directives(DirectiveOwner::Node, {}, s->directives);
			switch (s->kind) {
			case syntax::SelectionKind::Field: {
				const auto &field = static_cast<const syntax::Field &>(*s);
				if (on(SdlRule::UniqueArgumentNames))
					sdl::unique_argument_names(ctx_, field.arguments);
				arguments(field.arguments);
				directives(field.directives, DirectiveLocation::Field);
				selection_set(field.selection_set);
				break;
			}
			case syntax::SelectionKind::FragmentSpread: {
				const auto &spread = static_cast<const syntax::FragmentSpread &>(*s);
				arguments(spread.arguments);
				directives(spread.directives, DirectiveLocation::FragmentSpread);
				break;
			}
			case syntax::SelectionKind::InlineFragment: {
				const auto &inline_fragment = static_cast<const syntax::InlineFragment &>(*s);
				if (inline_fragment.type_condition.present())
					named_type(inline_fragment.type_condition);
				directives(inline_fragment.directives, DirectiveLocation::InlineFragment);
				selection_set(inline_fragment.selection_set);
				break;
			}
			}
		}
	}
};

} // namespace

bool
sdl_rule_from_name(std::string_view name, SdlRule &rule)
{
	for (size_t i = 0; i < size_t(SdlRule::Count); i++) {
		if (kRuleNames[i] == name) {
			rule = SdlRule(i);
			return true;
		}
	}
	return false;
}

std::string_view
sdl_rule_name(SdlRule rule)
{
	return rule < SdlRule::Count ? kRuleNames[size_t(rule)] : std::string_view();
}

ErrorList
validate_sdl(const syntax::Document &document, const BaseSchemaFacts *base, SdlRuleSelection rules,
             uint32_t max_errors)
{
	Context ctx(document, base, rules, max_errors);
	Walker walker(ctx);
	for (const syntax::Definition *def : document.definitions) {
		if (ctx.aborted())
			break;
		walker.definition(*def);
	}
	return std::move(ctx.errors);
}

} // namespace fraiseql::validation
