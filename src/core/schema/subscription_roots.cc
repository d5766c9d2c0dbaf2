// subscription_roots.cc: the shape rules of Subscription fields (subscription_roots.h).
#include "core/schema/subscription_roots.h"

#include <string>

namespace fraiseql::schema {

namespace {

void
fail(ErrorList &errors, uint32_t line, uint32_t column, std::string message)
{
	errors.push_back(make_error(ErrorCode::ValidationFailed, std::move(message), line, column));
}

} // namespace

void
classify_subscription_fields(const Schema &schema, TypeDef *subscription, ErrorList &errors, TypeGenerator &generator)
{
	for (const auto &t : schema.types())
		for (const FieldDef &f : t->fields)
			if (!f.notify_channel.empty() && t.get() != subscription)
				fail(errors, f.notify_line, f.notify_column,
				     "\"@notify\" on " + t->name + "." + f.name + ": it applies to fields of the Subscription type only");
	if (!subscription)
		return;
	for (FieldDef &f : subscription->fields) {
		const std::string coordinate = subscription->name + "." + f.name;
		if (f.notify_line == 0) {
			fail(errors, f.line, f.column, coordinate + " has no event source: add @notify(channel: \"...\")");
			continue;
		}
		if (f.notify_channel.empty())
			continue; // the directive's own error was reported
		const ViewBinding *view = Schema::view_of(f);
		if (!view || f.type.named->kind != TypeKind::Object) {
			fail(errors, f.line, f.column, coordinate + " must return an object type with @view (or give the field a @view)");
			continue;
		}
		if (f.type.is_list() || f.type.is_non_null()) {
			fail(errors, f.line, f.column,
			     coordinate + " must return a nullable object type (one row per event), not \"" + f.type.print() + "\"");
			continue;
		}
		f.root_kind = RootKind::Subscription;
		generator.add_where_argument(f, *f.type.named);
	}
}

} // namespace fraiseql::schema
