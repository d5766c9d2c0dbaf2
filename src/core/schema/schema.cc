// schema.cc: lookups on the schema model and the checks of catalog bindings.
#include "core/schema/schema.h"
#include "core/schema/abstract_roots.h"

namespace fraiseql::schema {

TypeExpr
TypeExpr::item() const
{
	TypeExpr t = *this;
	if (t.list_depth > 0) {
		t.list_depth--;
		t.non_null >>= 1;
	}
	return t;
}

std::string
TypeExpr::print() const
{
	std::string out;
	for (int i = 0; i < list_depth; i++)
		out += '[';
	out += named ? named->name : std::string("?");
	for (int level = list_depth; level >= 0; level--) {
		if (non_null & (1u << level))
			out += '!';
		if (level > 0)
			out += ']';
	}
	return out;
}

const Column *
ViewBinding::find_column(std::string_view column_name) const
{
	for (const Column &c : columns)
		if (c.name == column_name)
			return &c;
	return nullptr;
}

const InputValueDef *
FieldDef::find_argument(std::string_view arg) const
{
	for (const InputValueDef &a : arguments)
		if (a.name == arg)
			return &a;
	return nullptr;
}

const FieldDef *
TypeDef::find_field(std::string_view field) const
{
	auto it = field_index_.find(field);
	return it == field_index_.end() ? nullptr : &fields[it->second];
}

void
TypeDef::index_fields()
{
	field_index_.clear();
	for (size_t i = 0; i < fields.size(); i++)
		field_index_.emplace(fields[i].name, i);
}

const InputValueDef *
TypeDef::find_input_field(std::string_view field) const
{
	for (const InputValueDef &f : input_fields)
		if (f.name == field)
			return &f;
	return nullptr;
}

const EnumValueDef *
TypeDef::find_value(std::string_view value) const
{
	for (const EnumValueDef &v : values)
		if (v.name == value)
			return &v;
	return nullptr;
}

namespace {

constexpr std::string_view LOCATION_NAMES[] = {
    "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD",
    "INLINE_FRAGMENT", "VARIABLE_DEFINITION", "FRAGMENT_VARIABLE_DEFINITION", "SCHEMA", "SCALAR",
    "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE", "UNION", "ENUM", "ENUM_VALUE",
    "INPUT_OBJECT", "INPUT_FIELD_DEFINITION", "DIRECTIVE_DEFINITION",
};
static_assert(sizeof(LOCATION_NAMES) / sizeof(LOCATION_NAMES[0]) == static_cast<size_t>(DirectiveLocation::Count));

} // namespace

std::string_view
directive_location_name(DirectiveLocation location)
{
	return LOCATION_NAMES[static_cast<size_t>(location)];
}

bool
directive_location_from_name(std::string_view name, DirectiveLocation &out)
{
	for (size_t i = 0; i < static_cast<size_t>(DirectiveLocation::Count); i++) {
		if (LOCATION_NAMES[i] == name) {
			out = static_cast<DirectiveLocation>(i);
			return true;
		}
	}
	return false;
}

const InputValueDef *
DirectiveDef::find_argument(std::string_view arg) const
{
	for (const InputValueDef &a : arguments)
		if (a.name == arg)
			return &a;
	return nullptr;
}

const TypeDef *
Schema::find_type(std::string_view name) const
{
	auto it = by_name_.find(name);
	return it == by_name_.end() ? nullptr : it->second;
}

const TypeDef *
Schema::root_type(syntax::OperationType operation) const
{
	switch (operation) {
	case syntax::OperationType::Query: return query_;
	case syntax::OperationType::Mutation: return mutation_;
	case syntax::OperationType::Subscription: return subscription_;
	}
	return nullptr;
}

const DirectiveDef *
Schema::find_directive(std::string_view name) const
{
	for (const auto &d : directives_)
		if (d->name == name)
			return d.get();
	return nullptr;
}

const FieldDef *
Schema::field(const TypeDef &parent, std::string_view name) const
{
	if (name == "__typename")
		return parent.is_composite() ? &typename_field_ : nullptr;
	if (name == "__schema" || name == "__type") {
		if (!introspection_fields_ || &parent != query_)
			return nullptr;
		return name == "__schema" ? &schema_field_ : &type_field_;
	}
	if (parent.kind != TypeKind::Object && parent.kind != TypeKind::Interface)
		return nullptr;
	return parent.find_field(name);
}

std::vector<const TypeDef *>
Schema::possible_types(const TypeDef &type) const
{
	if (type.kind == TypeKind::Union)
		return type.members;
	std::vector<const TypeDef *> out;
	if (type.kind == TypeKind::Interface) {
		for (const TypeDef *t : type.implementations)
			if (t->kind == TypeKind::Object)
				out.push_back(t);
	} else if (type.kind == TypeKind::Object) {
		out.push_back(&type);
	}
	return out;
}

bool
Schema::is_sub_type(const TypeDef &abstract, const TypeDef &maybe_sub) const
{
	const std::vector<const TypeDef *> &list = abstract.kind == TypeKind::Union ? abstract.members : abstract.implementations;
	if (!abstract.is_abstract())
		return false;
	for (const TypeDef *t : list)
		if (t == &maybe_sub)
			return true;
	return false;
}

bool
Schema::types_overlap(const TypeDef &a, const TypeDef &b) const
{
	if (&a == &b)
		return true;
	if (a.is_abstract()) {
		if (b.is_abstract()) {
			for (const TypeDef *t : possible_types(b))
				if (is_sub_type(a, *t))
					return true;
			return false;
		}
		return is_sub_type(a, b);
	}
	if (b.is_abstract())
		return is_sub_type(b, a);
	return false;
}

bool
Schema::is_type_sub_type_of(const TypeExpr &maybe_sub, const TypeExpr &super) const
{
	// Peels one wrapper per step; both types are at most 31 levels deep.
	TypeExpr sub = maybe_sub, sup = super;
	for (;;) {
		if (sub == sup)
			return true;
		if (sup.is_non_null()) {
			if (!sub.is_non_null())
				return false;
			sub = sub.nullable();
			sup = sup.nullable();
			continue;
		}
		if (sub.is_non_null()) {
			sub = sub.nullable();
			continue;
		}
		if (sup.is_list()) {
			if (!sub.is_list())
				return false;
			sub = sub.item();
			sup = sup.item();
			continue;
		}
		if (sub.is_list())
			return false;
		return sup.named && sub.named && sup.named->is_abstract() &&
		       (sub.named->kind == TypeKind::Interface || sub.named->kind == TypeKind::Object) &&
		       is_sub_type(*sup.named, *sub.named);
	}
}

std::vector<ViewBinding *>
Schema::view_bindings()
{
	std::vector<ViewBinding *> out;
	for (auto &t : types_) {
		if (t->view)
			out.push_back(t->view.get());
		for (FieldDef &f : t->fields)
			if (f.view_override)
				out.push_back(f.view_override.get());
	}
	return out;
}

const ViewBinding *
Schema::view_of(const FieldDef &root_field)
{
	if (root_field.aggregate_of)
		return view_of(*root_field.aggregate_of);
	if (root_field.view_override)
		return root_field.view_override.get();
	const TypeDef *t = root_field.connection_node ? root_field.connection_node : root_field.type.named;
	return t ? t->view.get() : nullptr;
}

ErrorList
Schema::check_bindings() const
{
	ErrorList errors;
	auto fail = [&errors](uint32_t line, uint32_t column, std::string message) {
		errors.push_back(make_error(ErrorCode::ValidationFailed, std::move(message), line, column));
	};
	auto check_view = [&](const ViewBinding &v) {
		if (!v.resolved) {
			fail(v.line, v.column, "view \"" + v.name + "\" does not exist");
			return false;
		}
		if (!v.find_column(v.data_column))
			fail(v.line, v.column, "view \"" + v.name + "\" has no column \"" + v.data_column + "\" (the dataColumn)");
		else if (v.find_column(v.data_column)->type_name != "jsonb")
			fail(v.line, v.column,
			     "column \"" + v.data_column + "\" of view \"" + v.name + "\" must be jsonb, not " +
			         v.find_column(v.data_column)->type_name);
		return true;
	};
	for (const auto &t : types_)
		if (t->view)
			check_view(*t->view);
	if (subscription_)
		for (const FieldDef &f : subscription_->fields) {
			if (f.root_kind != RootKind::Subscription || (f.view_override && !check_view(*f.view_override)))
				continue;
			const ViewBinding *v = view_of(f);
			if (!v || !v->resolved)
				continue;
			if (!v->find_column(v->id_column))
				fail(f.line, f.column,
				     subscription_->name + "." + f.name + " re-reads each event's row by the id column \"" + v->id_column +
				         "\", which view \"" + v->name + "\" does not have (name another one with @view(idColumn:))");
			for (const InputValueDef &a : f.arguments) {
				if (f.where_type && a.name == "where")
					continue;
				std::string column = snake_case(a.name);
				if (!v->find_column(column))
					fail(a.line, a.column,
					     "argument \"" + a.name + "\" of " + subscription_->name + "." + f.name +
					         " filters on column \"" + column + "\", which view \"" + v->name + "\" does not have");
			}
		}
	if (!query_)
		return errors;
	for (const FieldDef &f : query_->fields) {
		if (f.view_override && !check_view(*f.view_override))
			continue;
		if (is_abstract_root(f))
			check_abstract_root(*this, f, errors);
		const ViewBinding *v = view_of(f);
		if (v && v->resolved && f.root_kind == RootKind::Connection && !v->find_column(v->id_column))
			fail(f.line, f.column,
			     "Query." + f.name + " is a connection: it pages by the id column \"" + v->id_column + "\", which view \"" +
			         v->name + "\" does not have (name another one with @view(idColumn:))");
		if (!v || !v->resolved || f.root_kind != RootKind::Single || f.function) // @function: function_check.h
			continue;
		for (const InputValueDef &a : f.arguments) {
			std::string column = snake_case(a.name);
			if (!v->find_column(column))
				fail(a.line, a.column,
				     "argument \"" + a.name + "\" of Query." + f.name + " filters on column \"" + column +
				         "\", which view \"" + v->name + "\" does not have");
		}
	}
	return errors;
}

std::string
snake_case(std::string_view name)
{
	// An underscore goes before an upper-case letter that follows a lower-case
	// letter or digit, or that ends a run of capitals (userID -> user_id,
	// HTMLParser -> html_parser).
	std::string out;
	out.reserve(name.size() + 4);
	for (size_t i = 0; i < name.size(); i++) {
		char c = name[i];
		bool upper = c >= 'A' && c <= 'Z';
		if (upper && i > 0) {
			char prev = name[i - 1];
			bool prev_lower_or_digit = (prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9');
			bool prev_upper = prev >= 'A' && prev <= 'Z';
			bool next_lower = i + 1 < name.size() && name[i + 1] >= 'a' && name[i + 1] <= 'z';
			if (prev_lower_or_digit || (prev_upper && next_lower))
				out += '_';
		}
		out += upper ? static_cast<char>(c - 'A' + 'a') : c;
	}
	return out;
}

} // namespace fraiseql::schema
