// subscription_roots.h: FraiseQL mode's Subscription fields
// (docs/subscriptions.md): each has @notify(channel:) and returns a nullable
// object type read from a view, one row per event.
#pragma once

#include "core/schema/generated_types.h"
#include "core/schema/schema.h"

namespace fraiseql::schema {

// Classifies the fields of `subscription` (nullptr: the schema has none) as
// RootKind::Subscription, adding the generated `where`; reports, at their
// line:column, a field without @notify, of another shape, or @notify on a
// field of another type.
void classify_subscription_fields(const Schema &schema, TypeDef *subscription, ErrorList &errors,
                                  TypeGenerator &generator);

} // namespace fraiseql::schema
