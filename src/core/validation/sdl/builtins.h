// builtins.h: what graphql-js 17.1 knows without being told: the specified
// directives, the introspection types, the standard type names and the
// directive locations. Written as SDL and parsed once, so the rules read them
// like any other definition.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/syntax/ast.h"

namespace fraiseql::validation::sdl {

// graphql-js specifiedDirectives (17.1): @include, @skip, @deprecated,
// @specifiedBy, @oneOf. (@defer and @stream exist but are not among them, so
// graphql-js reports them as unknown in SDL unless a schema defines them.)
util::Span<const syntax::DirectiveDefinition *const> specified_directives();

// The introspection types (__Schema, __Type, ...) with their fields and values.
util::Span<const syntax::TypeDefinition *const> introspection_types();

// graphql-js's specifiedScalarTypes and introspectionTypes names.
util::Span<const std::string_view> standard_type_names();
bool is_specified_scalar(std::string_view name);

// The 21 DirectiveLocation values, in graphql-js's order.
enum class DirectiveLocation : uint8_t {
	Query, Mutation, Subscription, Field, FragmentDefinition, FragmentSpread, InlineFragment,
	VariableDefinition, FragmentVariableDefinition, Schema, Scalar, Object, FieldDefinition,
	ArgumentDefinition, Interface, Union, Enum, EnumValue, InputObject, InputFieldDefinition,
	DirectiveDefinition,
};
std::string_view directive_location_name(DirectiveLocation location);
// Bit set of the locations a definition lists (unknown names are ignored:
// the parser accepts only valid ones).
uint32_t directive_location_mask(const syntax::DirectiveDefinition &definition);
inline uint32_t location_bit(DirectiveLocation location) { return 1u << unsigned(location); }

} // namespace fraiseql::validation::sdl
