// schema.cc: lookups on the schema model and the checks of catalog bindings.
#include "core/schema/schema.h"

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

const TypeDef *
Schema::find_type(std::string_view name) const
{
	auto it = by_name_.find(name);
	return it == by_name_.end() ? nullptr : it->second;
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
	if (root_field.view_override)
		return root_field.view_override.get();
	const TypeDef *t = root_field.type.named;
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
	if (!query_)
		return errors;
	for (const FieldDef &f : query_->fields) {
		if (f.view_override && !check_view(*f.view_override))
			continue;
		const ViewBinding *v = view_of(f);
		if (!v || !v->resolved || f.root_kind != RootKind::Single)
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
