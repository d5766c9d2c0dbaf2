// introspection.h: the values of the root fields __schema and __type, written
// straight from the schema model into the response (no SQL). The compiler
// turns their selections into projection trees whose nodes name introspection
// fields (json_key = the field's name) and carry the field's arguments.
#pragma once

#include <string_view>

#include "core/coerce/variables.h"
#include "core/compile/plan.h"
#include "core/response/json_writer.h"
#include "core/syntax/ast.h"

namespace fraiseql::introspection {

// Whether a root field is one that write_root answers.
bool is_root_field(std::string_view name);

// Whether `type` is one of the introspection types (__Schema, __Type, ...).
bool is_introspection_type(const schema::TypeDef &type);

// The arguments of a field as parameters: literal text, a variable or null,
// read when the plan runs (so a cached plan serves other variable values).
std::vector<compile::Param> field_arguments(const syntax::Field &field);

// Writes the value of an Introspection root field (`root.schema` is the
// schema described). Never fails: __schema is always there, __type is null
// for an unknown name.
void write_root(const compile::RootField &root, const coerce::VariableValues &variables, response::JsonWriter &out);

} // namespace fraiseql::introspection
