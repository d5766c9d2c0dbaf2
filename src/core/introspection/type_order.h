// type_order.h: the types and directives of a schema as graphql-js lists them
// (schema.getTypeMap() and getDirectives() order), so `__schema { types }` of a
// schema equals graphql-js's answer for the same SDL, and printSchema of
// buildClientSchema(our answer) prints the types in the order of our SDL.
#pragma once

#include <unordered_map>
#include <vector>

#include "core/schema/schema.h"

namespace fraiseql::introspection {

class TypeOrder {
public:
	explicit TypeOrder(const schema::Schema &schema);

	// Every type of the schema, in graphql-js's typeMap order.
	const std::vector<const schema::TypeDef *> &types() const { return types_; }
	// Whether `type` is part of the schema (a built-in scalar nothing
	// references is not, as in graphql-js).
	bool contains(const schema::TypeDef *type) const { return position_.count(type) > 0; }
	// graphql-js getPossibleTypes: union members, or the objects implementing
	// an interface in typeMap order.
	const std::vector<const schema::TypeDef *> &possible_types(const schema::TypeDef &abstract);
	// Directives as graphql-js buildSchema orders them: the schema's own, then
	// the specified ones it did not redefine.
	std::vector<const schema::DirectiveDef *> directives() const;

private:
	const schema::Schema &schema_;
	std::vector<const schema::TypeDef *> types_;
	std::unordered_map<const schema::TypeDef *, size_t> position_;
	bool implementations_built_ = false;
	std::unordered_map<const schema::TypeDef *, std::vector<const schema::TypeDef *>> implementations_;
};

} // namespace fraiseql::introspection
