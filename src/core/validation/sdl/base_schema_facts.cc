// base_schema_facts.cc: the facts of buildSchema(sdl), read off the SDL tree.
#include "core/validation/sdl/base_schema_facts.h"

#include "core/validation/sdl/builtins.h"

namespace fraiseql::validation {

namespace {

using syntax::DefinitionKind;

bool
is_type_kind(DefinitionKind kind)
{
	return kind != DefinitionKind::Schema && kind != DefinitionKind::Directive && kind != DefinitionKind::Operation &&
	       kind != DefinitionKind::Fragment;
}

void
add_members(BaseTypeFacts &facts, const syntax::TypeDefinition &def)
{
	for (const syntax::FieldDefinition &f : def.fields)
		facts.members.insert(f.name.text);
	for (const syntax::InputValueDefinition &f : def.input_fields)
		facts.members.insert(f.name.text);
	for (const syntax::EnumValueDefinition &v : def.values)
		facts.members.insert(v.name.text);
}

// A specified scalar is in the type map once anything refers to it.
void
note_reference(BaseSchemaFacts &facts, std::string_view name)
{
	if (sdl::is_specified_scalar(name) && !facts.types.count(name))
		facts.types[name].kind = DefinitionKind::ScalarType;
}

void
note_type_ref(BaseSchemaFacts &facts, const syntax::TypeRef *type)
{
	while (type && type->kind != syntax::TypeKind::Named)
		type = type->of_type;
	if (type)
		note_reference(facts, type->name.text);
}

void
note_input_values(BaseSchemaFacts &facts, util::Span<syntax::InputValueDefinition> values)
{
	for (const syntax::InputValueDefinition &v : values)
		note_type_ref(facts, v.type);
}

void
note_references(BaseSchemaFacts &facts, const syntax::Definition &def)
{
	if (def.kind == DefinitionKind::Directive) {
		note_input_values(facts, static_cast<const syntax::DirectiveDefinition &>(def).arguments);
		return;
	}
	if (def.kind == DefinitionKind::Schema) {
		for (const syntax::OperationTypeDefinition &op : static_cast<const syntax::SchemaDefinition &>(def).operation_types)
			note_reference(facts, op.type.text);
		return;
	}
	if (!is_type_kind(def.kind))
		return; // an executable definition: buildSchema would refuse it
	const auto &type = static_cast<const syntax::TypeDefinition &>(def);
	for (const syntax::FieldDefinition &f : type.fields) {
		note_type_ref(facts, f.type);
		note_input_values(facts, f.arguments);
	}
	note_input_values(facts, type.input_fields);
	for (const syntax::Name &n : type.members)
		note_reference(facts, n.text);
}

} // namespace

BaseSchemaFacts
build_base_schema_facts(const syntax::Document &schema_sdl)
{
	BaseSchemaFacts facts;
	for (const syntax::TypeDefinition *t : sdl::introspection_types()) {
		BaseTypeFacts &f = facts.types[t->name.text];
		f.kind = t->kind;
		add_members(f, *t);
	}
	// The introspection types refer to these two.
	facts.types["String"].kind = DefinitionKind::ScalarType;
	facts.types["Boolean"].kind = DefinitionKind::ScalarType;

	// Definitions first, then extensions, as buildASTSchema merges them.
	for (int pass = 0; pass < 2; pass++) {
		for (const syntax::Definition *d : schema_sdl.definitions) {
			if (d->is_extension != (pass == 1))
				continue;
			if (pass == 0)
				note_references(facts, *d);
			if (is_type_kind(d->kind)) {
				BaseTypeFacts &f = facts.types[d->name.text];
				if (pass == 0)
					f.kind = d->kind;
				add_members(f, static_cast<const syntax::TypeDefinition &>(*d));
			} else if (d->kind == DefinitionKind::Schema) {
				if (pass == 0)
					facts.has_schema_definition = true;
				for (const syntax::OperationTypeDefinition &op :
				     static_cast<const syntax::SchemaDefinition &>(*d).operation_types)
					facts.has_root[unsigned(op.operation)] = true;
			} else if (d->kind == DefinitionKind::Directive && pass == 0) {
				facts.directives.push_back(static_cast<const syntax::DirectiveDefinition *>(d));
			}
		}
	}
	for (const syntax::Definition *d : schema_sdl.definitions)
		if (d->is_extension)
			note_references(facts, *d);

	// Without a schema definition the roots are the types with the default names.
	if (!facts.has_schema_definition) {
		static const std::string_view kDefaultRoots[] = {"Query", "Mutation", "Subscription"};
		for (unsigned op = 0; op < 3; op++)
			if (!facts.has_root[op] && facts.types.count(kDefaultRoots[op]))
				facts.has_root[op] = true;
	}
	const size_t own = facts.directives.size();
	for (const syntax::DirectiveDefinition *spec : sdl::specified_directives()) {
		bool redefined = false;
		for (size_t i = 0; i < own && !redefined; i++)
			redefined = facts.directives[i]->name.text == spec->name.text;
		if (!redefined)
			facts.directives.push_back(spec);
	}
	for (const syntax::DirectiveDefinition *d : facts.directives)
		facts.directive_names.insert(d->name.text);
	return facts;
}

} // namespace fraiseql::validation
