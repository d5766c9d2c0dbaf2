// abstract_roots.h: Query fields whose type is an interface or a union over
// view types (docs/reference.md, "Interface and union root fields"): every possible object type has @view
// and the field reads all their views at once (compile/abstract_sql.h).
#pragma once

#include "core/schema/generated_types.h"
#include "core/schema/schema.h"

namespace fraiseql::schema {

// A Query field of an abstract type without its own @view or @function.
bool is_abstract_root(const FieldDef &field);

// Classifies such a field: `[U!]!` is a List (gets `limit`/`offset` unless
// declared; an interface list also `where`/`orderBy` over the interface's own
// fields), a nullable `U` with arguments a Single. Reports, at the field's
// line:column, a possible type without @view or another shape.
void classify_abstract_root(const Schema &schema, FieldDef &field, ErrorList &errors, TypeGenerator &generator);

// After the views were resolved: every member view has the id column (lists
// order by it) and, for every argument that filters, the argument's column.
void check_abstract_root(const Schema &schema, const FieldDef &field, ErrorList &errors);

} // namespace fraiseql::schema
