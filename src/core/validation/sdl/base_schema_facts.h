// base_schema_facts.h: what the SDL rules need to know about a schema that an
// SDL document extends: its types (kind, field or enum value names), its
// directives and which root operation types it has. Built from the schema's
// own SDL syntax tree, so it does not depend on the schema model.
#pragma once

#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/syntax/ast.h"

namespace fraiseql::validation {

struct BaseTypeFacts {
	syntax::DefinitionKind kind = syntax::DefinitionKind::ScalarType;
	// Field names (object, interface, input object) or value names (enum).
	std::unordered_set<std::string_view> members;
};

class BaseSchemaFacts {
public:
	// graphql-js getTypeMap(): the types defined in the SDL plus the ones every
	// schema has (String, Boolean, the introspection types) and the specified
	// scalars the SDL refers to.
	std::unordered_map<std::string_view, BaseTypeFacts> types;
	// graphql-js getDirectives(): the SDL's directives, then the specified
	// directives the SDL does not redefine.
	std::vector<const syntax::DirectiveDefinition *> directives;
	std::unordered_set<std::string_view> directive_names; // of `directives`
	bool has_schema_definition = false; // a `schema { ... }` (the schema's astNode)
	bool has_root[3] = {false, false, false}; // indexed by syntax::OperationType

	const BaseTypeFacts *find_type(std::string_view name) const
	{
		auto it = types.find(name);
		return it == types.end() ? nullptr : &it->second;
	}
	bool has_any_root() const { return has_root[0] || has_root[1] || has_root[2]; }
};

// Facts of the schema buildSchema(sdl) would build from `schema_sdl`. The facts
// view names in `schema_sdl`'s tree and source, which must outlive them.
BaseSchemaFacts build_base_schema_facts(const syntax::Document &schema_sdl);

} // namespace fraiseql::validation
