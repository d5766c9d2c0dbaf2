// parser_sdl.cc: type-system definitions and extensions (schema, types, directives).
#include "core/syntax/parser_impl.h"

namespace fraiseql::syntax {

namespace {

bool
is_directive_location(std::string_view name)
{
	static const std::string_view locations[] = {
	    "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD",
	    "INLINE_FRAGMENT", "VARIABLE_DEFINITION", "FRAGMENT_VARIABLE_DEFINITION", "SCHEMA", "SCALAR",
	    "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE",
	    "INPUT_OBJECT", "INPUT_FIELD_DEFINITION", "DIRECTIVE_DEFINITION",
	};
	for (std::string_view l : locations)
		if (l == name)
			return true;
	return false;
}

} // namespace

bool
Parser::parse_operation_type_definitions(bool required, Span<OperationTypeDefinition> &out)
{
	if (required) {
		if (!expect(TokenKind::BraceL))
			return false;
	} else if (!expect_optional(TokenKind::BraceL)) {
		return !failed_;
	}
	ListBuilder<OperationTypeDefinition> defs(lists_);
	do {
		OperationTypeDefinition d;
		d.loc = begin();
		if (!parse_operation_type(d.operation) || !expect(TokenKind::Colon) || !parse_named_type(d.type))
			return false;
		finish(d.loc);
		defs.push_back(d);
	} while (!failed_ && !expect_optional(TokenKind::BraceR));
	out = defs.finish(arena_);
	return !failed_;
}

Definition *
Parser::parse_schema_definition()
{
	SchemaDefinition *d = arena_.make<SchemaDefinition>();
	d->kind = DefinitionKind::Schema;
	d->loc = begin();
	if (!parse_description(d->description, d->has_description, d->description_block) ||
	    !expect_keyword("schema") || !parse_directives(true, d->directives) ||
	    !parse_operation_type_definitions(true, d->operation_types))
		return nullptr;
	finish(d->loc);
	return d;
}

bool
Parser::parse_implements(Span<Name> &out)
{
	if (!expect_optional_keyword("implements"))
		return !failed_;
	ListBuilder<Name> names(lists_);
	expect_optional(TokenKind::Amp);
	do {
		Name n;
		if (!parse_named_type(n))
			return false;
		names.push_back(n);
	} while (expect_optional(TokenKind::Amp));
	out = names.finish(arena_);
	return !failed_;
}

bool
Parser::parse_input_value_def(InputValueDefinition &out)
{
	out.loc = begin();
	if (!parse_description(out.description, out.has_description, out.description_block) ||
	    !parse_name(out.name) || !expect(TokenKind::Colon))
		return false;
	out.type = parse_type_reference();
	if (!out.type)
		return false;
	if (expect_optional(TokenKind::Equals)) {
		out.default_value = parse_value(true);
		if (!out.default_value)
			return false;
	}
	if (!parse_directives(true, out.directives))
		return false;
	finish(out.loc);
	return true;
}

bool
Parser::parse_argument_defs(Span<InputValueDefinition> &out)
{
	if (!expect_optional(TokenKind::ParenL))
		return !failed_;
	ListBuilder<InputValueDefinition> defs(lists_);
	do {
		InputValueDefinition d;
		if (!parse_input_value_def(d))
			return false;
		defs.push_back(d);
	} while (!failed_ && !expect_optional(TokenKind::ParenR));
	out = defs.finish(arena_);
	return !failed_;
}

bool
Parser::parse_input_fields(Span<InputValueDefinition> &out)
{
	if (!expect_optional(TokenKind::BraceL))
		return !failed_;
	ListBuilder<InputValueDefinition> defs(lists_);
	do {
		InputValueDefinition d;
		if (!parse_input_value_def(d))
			return false;
		defs.push_back(d);
	} while (!failed_ && !expect_optional(TokenKind::BraceR));
	out = defs.finish(arena_);
	return !failed_;
}

bool
Parser::parse_fields_definition(Span<FieldDefinition> &out)
{
	if (!expect_optional(TokenKind::BraceL))
		return !failed_;
	ListBuilder<FieldDefinition> defs(lists_);
	do {
		FieldDefinition d;
		d.loc = begin();
		if (!parse_description(d.description, d.has_description, d.description_block) ||
		    !parse_name(d.name) || !parse_argument_defs(d.arguments) || !expect(TokenKind::Colon))
			return false;
		d.type = parse_type_reference();
		if (!d.type || !parse_directives(true, d.directives))
			return false;
		finish(d.loc);
		defs.push_back(d);
	} while (!failed_ && !expect_optional(TokenKind::BraceR));
	out = defs.finish(arena_);
	return !failed_;
}

bool
Parser::parse_union_members(Span<Name> &out)
{
	if (!expect_optional(TokenKind::Equals))
		return !failed_;
	ListBuilder<Name> names(lists_);
	expect_optional(TokenKind::Pipe);
	do {
		Name n;
		if (!parse_named_type(n))
			return false;
		names.push_back(n);
	} while (expect_optional(TokenKind::Pipe));
	out = names.finish(arena_);
	return !failed_;
}

bool
Parser::parse_enum_values(Span<EnumValueDefinition> &out)
{
	if (!expect_optional(TokenKind::BraceL))
		return !failed_;
	ListBuilder<EnumValueDefinition> defs(lists_);
	do {
		EnumValueDefinition d;
		d.loc = begin();
		if (!parse_description(d.description, d.has_description, d.description_block))
			return false;
		if (token_has_value(tok_.kind) && (tok_.value == "true" || tok_.value == "false" || tok_.value == "null")) {
			fail(tok_.start, std::string(token_kind_name(tok_.kind)) + " \"" + std::string(tok_.value) +
			                     "\" is reserved and cannot be used for an enum value.");
			return false;
		}
		if (!parse_name(d.name) || !parse_directives(true, d.directives))
			return false;
		finish(d.loc);
		defs.push_back(d);
	} while (!failed_ && !expect_optional(TokenKind::BraceR));
	out = defs.finish(arena_);
	return !failed_;
}

// Everything after the name of a type definition or extension.
bool
Parser::parse_type_body(TypeDefinition &def)
{
	switch (def.kind) {
	case DefinitionKind::ObjectType:
	case DefinitionKind::InterfaceType:
		return parse_implements(def.interfaces) && parse_directives(true, def.directives) &&
		       parse_fields_definition(def.fields);
	case DefinitionKind::UnionType:
		return parse_directives(true, def.directives) && parse_union_members(def.members);
	case DefinitionKind::EnumType:
		return parse_directives(true, def.directives) && parse_enum_values(def.values);
	case DefinitionKind::InputObjectType:
		return parse_directives(true, def.directives) && parse_input_fields(def.input_fields);
	default:
		return parse_directives(true, def.directives);
	}
}

Definition *
Parser::parse_type_definition(DefinitionKind kind, std::string_view keyword)
{
	TypeDefinition *d = arena_.make<TypeDefinition>();
	d->kind = kind;
	d->loc = begin();
	if (!parse_description(d->description, d->has_description, d->description_block) ||
	    !expect_keyword(keyword) || !parse_name(d->name) || !parse_type_body(*d))
		return nullptr;
	finish(d->loc);
	return d;
}

Definition *
Parser::parse_directive_definition()
{
	DirectiveDefinition *d = arena_.make<DirectiveDefinition>();
	d->kind = DefinitionKind::Directive;
	d->loc = begin();
	if (!parse_description(d->description, d->has_description, d->description_block) ||
	    !expect_keyword("directive") || !expect(TokenKind::At) || !parse_name(d->name) ||
	    !parse_argument_defs(d->arguments) || !parse_directives(true, d->directives))
		return nullptr;
	d->repeatable = expect_optional_keyword("repeatable");
	if (!expect_keyword("on"))
		return nullptr;
	ListBuilder<Name> locations(lists_);
	expect_optional(TokenKind::Pipe);
	do {
		Token start = tok_;
		Name n;
		if (!parse_name(n))
			return nullptr;
		if (!is_directive_location(n.text)) {
			unexpected(start);
			return nullptr;
		}
		locations.push_back(n);
	} while (expect_optional(TokenKind::Pipe));
	if (failed_)
		return nullptr;
	d->locations = locations.finish(arena_);
	finish(d->loc);
	return d;
}

Definition *
Parser::parse_type_system_extension()
{
	Token keyword;
	if (!lookahead(keyword))
		return nullptr;
	if (keyword.kind != TokenKind::Name) {
		unexpected(keyword);
		return nullptr;
	}
	const std::string_view w = keyword.value;
	Loc loc = begin();
	if (w == "schema") {
		SchemaDefinition *d = arena_.make<SchemaDefinition>();
		d->kind = DefinitionKind::Schema;
		d->is_extension = true;
		d->loc = loc;
		if (!expect_keyword("extend") || !expect_keyword("schema") || !parse_directives(true, d->directives) ||
		    !parse_operation_type_definitions(false, d->operation_types))
			return nullptr;
		if (d->directives.empty() && d->operation_types.empty()) {
			unexpected();
			return nullptr;
		}
		finish(d->loc);
		return d;
	}
	if (w == "directive") {
		DirectiveDefinition *d = arena_.make<DirectiveDefinition>();
		d->kind = DefinitionKind::Directive;
		d->is_extension = true;
		d->loc = loc;
		if (!expect_keyword("extend") || !expect_keyword("directive") || !expect(TokenKind::At) ||
		    !parse_name(d->name) || !parse_directives(true, d->directives))
			return nullptr;
		if (d->directives.empty()) {
			unexpected();
			return nullptr;
		}
		finish(d->loc);
		return d;
	}
	DefinitionKind kind;
	if (w == "scalar")
		kind = DefinitionKind::ScalarType;
	else if (w == "type")
		kind = DefinitionKind::ObjectType;
	else if (w == "interface")
		kind = DefinitionKind::InterfaceType;
	else if (w == "union")
		kind = DefinitionKind::UnionType;
	else if (w == "enum")
		kind = DefinitionKind::EnumType;
	else if (w == "input")
		kind = DefinitionKind::InputObjectType;
	else {
		unexpected(keyword);
		return nullptr;
	}
	TypeDefinition *d = arena_.make<TypeDefinition>();
	d->kind = kind;
	d->is_extension = true;
	d->loc = loc;
	if (!expect_keyword("extend") || !expect_keyword(w) || !parse_name(d->name) || !parse_type_body(*d))
		return nullptr;
	if (d->directives.empty() && d->interfaces.empty() && d->fields.empty() && d->members.empty() &&
	    d->values.empty() && d->input_fields.empty()) {
		unexpected();
		return nullptr;
	}
	finish(d->loc);
	return d;
}

} // namespace fraiseql::syntax
