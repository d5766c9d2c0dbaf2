// generated_types.cc: builds the filter, where and orderBy inputs of FraiseQL
// mode. Types are staged first and joined to the schema in finish(), where a
// user type of the same name is either the same type (an effective schema
// loaded again) or a clash.
#include "core/schema/generated_types.h"

#include "core/schema/filters.h"

namespace fraiseql::schema {

namespace {

constexpr const char *ORDER_DIRECTIONS[] = {"ASC", "DESC", "ASC_NULLS_FIRST", "ASC_NULLS_LAST", "DESC_NULLS_FIRST",
                                            "DESC_NULLS_LAST"};

TypeExpr
named(const TypeDef *t)
{
	TypeExpr e;
	e.named = t;
	return e;
}

// [t!]
TypeExpr
list_of(const TypeDef *t)
{
	TypeExpr e;
	e.named = t;
	e.list_depth = 1;
	e.non_null = 1u << 1;
	return e;
}

// The scalar of one value of a range type (containsValue).
const char *
range_element(const TypeDef &range)
{
	switch (range.scalar) {
	case ScalarKind::DateRange: return "Date";
	case ScalarKind::DateTimeRange: return "DateTime";
	default: return "BigInt";
	}
}

InputValueDef
input(const char *name, TypeExpr type)
{
	InputValueDef v;
	v.name = name;
	v.type = type;
	return v;
}

} // namespace

TypeDef *
TypeGenerator::stage(const std::string &name, TypeKind kind, GeneratedKind generated, const TypeDef *of, bool &created)
{
	auto it = staged_by_name_.find(name);
	created = it == staged_by_name_.end();
	if (!created)
		return it->second;
	auto t = std::make_unique<TypeDef>();
	t->name = name;
	t->kind = kind;
	t->generated = generated;
	t->generated_for = of;
	TypeDef *raw = t.get();
	staged_.push_back(std::move(t));
	staged_by_name_.emplace(name, raw);
	return raw;
}

const TypeDef *
TypeGenerator::filter_type(const TypeExpr &field_type)
{
	FilterFamily family = filter_family(field_type);
	const TypeDef *item = field_type.named;
	bool list = family == FilterFamily::List;
	bool created = false;
	TypeDef *t = stage(item->name + (list ? "ListFilter" : "Filter"), TypeKind::InputObject,
	                   list ? GeneratedKind::ListFilter : GeneratedKind::Filter, item, created);
	if (!created)
		return t;
	for (size_t i = 0; i < filter_operator_count(); i++) {
		const FilterOperator &op = filter_operator(i);
		if (!in_family(op, family))
			continue;
		TypeExpr operand;
		switch (op.operand) {
		case OperandShape::Value: operand = list ? list_of(item) : named(item); break;
		case OperandShape::List: operand = list_of(item); break;
		case OperandShape::Item: operand = named(list ? item : schema_.find_type(range_element(*item))); break;
		case OperandShape::Boolean: operand = named(schema_.find_type("Boolean")); break;
		case OperandShape::String:
		case OperandShape::JsonPath:
		case OperandShape::LQuery: operand = named(schema_.find_type("String")); break;
		case OperandShape::Json: operand = named(schema_.find_type("JSON")); break;
		case OperandShape::Int: operand = named(schema_.find_type("Int")); break;
		case OperandShape::Distance: operand = named(distance_input(*item)); break;
		}
		t->input_fields.push_back(input(op.name, operand));
	}
	return t;
}

const TypeDef *
TypeGenerator::distance_input(const TypeDef &geometry)
{
	bool created = false;
	TypeDef *t = stage("GeometryDistanceInput", TypeKind::InputObject, GeneratedKind::Filter, &geometry, created);
	if (created) {
		TypeExpr point = named(&geometry), meters = named(schema_.find_type("Float"));
		point.non_null = meters.non_null = 1;
		t->input_fields.push_back(input("point", point));
		t->input_fields.push_back(input("meters", meters));
	}
	return t;
}

TypeDef *
TypeGenerator::where_type(const TypeDef &object)
{
	bool created = false;
	TypeDef *t = stage(object.name + "WhereInput", TypeKind::InputObject, GeneratedKind::Where, &object, created);
	if (created)
		pending_where_.emplace_back(t, &object); // filled later: object types may refer to each other
	return t;
}

void
TypeGenerator::fill_pending_where()
{
	// A worklist, not recursion: nested objects may nest (or cycle) arbitrarily.
	for (size_t i = 0; i < pending_where_.size(); i++) {
		TypeDef *t = pending_where_[i].first;
		const TypeDef &object = *pending_where_[i].second;
		for (const FieldDef &f : object.fields) {
			FilterFamily family = filter_family(f.type);
			if (family == FilterFamily::None)
				continue;
			const TypeDef *type = family == FilterFamily::Object       ? where_type(*f.type.named)
			                      : family == FilterFamily::ObjectList ? object_list_filter(*f.type.named)
			                                                           : filter_type(f.type);
			InputValueDef v;
			v.name = f.name;
			v.type = named(type);
			t->input_fields.push_back(std::move(v));
		}
		t->input_fields.push_back(input("AND", list_of(t)));
		t->input_fields.push_back(input("OR", list_of(t)));
		t->input_fields.push_back(input("NOT", named(t)));
	}
}

const TypeDef *
TypeGenerator::order_direction()
{
	bool created = false;
	TypeDef *t = stage("OrderDirection", TypeKind::Enum, GeneratedKind::OrderDirection, nullptr, created);
	if (created)
		for (const char *value : ORDER_DIRECTIONS) {
			EnumValueDef v;
			v.name = value;
			t->values.push_back(std::move(v));
		}
	return t;
}

const TypeDef *
TypeGenerator::order_by_type(const TypeDef &object)
{
	if (!has_order_keys(object))
		return nullptr; // an input object needs at least one field
	bool created = false;
	TypeDef *t = stage(object.name + "OrderByInput", TypeKind::InputObject, GeneratedKind::OrderBy, &object, created);
	if (!created)
		return t;
	const TypeDef *direction = order_direction();
	for (const FieldDef &f : object.fields) {
		const TypeDef *type = orderable(f.type) ? direction : nested_order_type(f.type);
		if (!type)
			continue;
		InputValueDef v;
		v.name = f.name;
		v.type = named(type);
		t->input_fields.push_back(std::move(v));
	}
	return t;
}

void
TypeGenerator::add_distinct_on_argument(FieldDef &field, const TypeDef &object)
{
	if (!order_by_type(object))
		return; // no orderable field: nothing to be distinct on
	bool created = false;
	TypeDef *t = stage(object.name + "DistinctOnField", TypeKind::Enum, GeneratedKind::DistinctOn, &object, created);
	if (created)
		for (const FieldDef &f : object.fields)
			if (orderable(f.type)) {
				EnumValueDef v;
				v.name = f.name;
				t->values.push_back(std::move(v));
			}
	if (const InputValueDef *declared = field.find_argument("distinctOn")) {
		if (declared->type.named && declared->type.named->name == t->name && declared->type.list_depth == 1)
			field.distinct_on_type = t;
		return;
	}
	field.arguments.push_back(input("distinctOn", list_of(t)));
	field.distinct_on_type = t;
}

void
TypeGenerator::add_list_arguments(FieldDef &field, const TypeDef &object)
{
	add_filter_arguments(field, object);
	add_paging_arguments(field);
}

void
TypeGenerator::add_where_argument(FieldDef &field, const TypeDef &object)
{
	root_fields_.push_back(&field);
	const TypeDef *where = where_type(object);
	if (const InputValueDef *declared = field.find_argument("where")) {
		if (declared->type.named && declared->type.named->name == where->name && !declared->type.is_list())
			field.where_type = where;
	} else {
		field.arguments.push_back(input("where", named(where)));
		field.where_type = where;
	}
}

void
TypeGenerator::add_paging_arguments(FieldDef &field)
{
	const TypeDef *int_type = schema_.find_type("Int");
	for (const char *name : {"limit", "offset"})
		if (!field.find_argument(name))
			field.arguments.push_back(input(name, named(int_type)));
}

void
TypeGenerator::add_union_list_arguments(FieldDef &field, const TypeDef &union_type, std::vector<FieldDef> common)
{
	bool filterable = false;
	for (const FieldDef &f : common)
		filterable = filterable || filter_family(f.type) != FilterFamily::None;
	if (!filterable) {
		add_paging_arguments(field);
		return;
	}
	auto shape = std::make_unique<TypeDef>();
	shape->name = union_type.name;
	shape->kind = TypeKind::Object;
	shape->fields = std::move(common);
	const TypeDef &object = *shape;
	union_shapes_.emplace_back(std::move(shape), &union_type);
	add_list_arguments(field, object);
}

void
TypeGenerator::add_filter_arguments(FieldDef &field, const TypeDef &object)
{
	root_fields_.push_back(&field);
	const TypeDef *where = where_type(object);
	const TypeDef *order_by = order_by_type(object);
	// A declared argument wins; it is the generated one when it names the
	// generated type (an effective schema loaded again).
	if (const InputValueDef *declared = field.find_argument("where")) {
		if (declared->type.named && declared->type.named->name == where->name && !declared->type.is_list())
			field.where_type = where;
	} else {
		field.arguments.push_back(input("where", named(where)));
		field.where_type = where;
	}
	if (order_by) {
		if (const InputValueDef *declared = field.find_argument("orderBy")) {
			if (declared->type.named && declared->type.named->name == order_by->name && declared->type.list_depth == 1)
				field.order_by_type = order_by;
		} else {
			field.arguments.push_back(input("orderBy", list_of(order_by)));
			field.order_by_type = order_by;
		}
	}
}

bool
TypeGenerator::identical(const TypeDef &generated, const TypeDef &user) const
{
	if (generated.kind != user.kind || generated.one_of != user.one_of)
		return false;
	if (generated.kind == TypeKind::Enum) {
		if (generated.values.size() != user.values.size())
			return false;
		for (size_t i = 0; i < user.values.size(); i++)
			if (generated.values[i].name != user.values[i].name)
				return false;
		return true;
	}
	if (generated.input_fields.size() != user.input_fields.size())
		return false;
	for (size_t i = 0; i < user.input_fields.size(); i++) {
		const InputValueDef &g = generated.input_fields[i];
		const InputValueDef &u = user.input_fields[i];
		// Types compare by printed name: the generated ones are not joined yet.
		if (g.name != u.name || u.has_default || g.type.print() != u.type.print())
			return false;
	}
	return true;
}

void
TypeGenerator::finish()
{
	fill_pending_where();
	std::unordered_map<const TypeDef *, const TypeDef *> replaced; // staged -> user type of the same name
	for (const auto &t : staged_) {
		auto it = schema_.by_name_.find(t->name);
		if (it == schema_.by_name_.end())
			continue;
		TypeDef *user = it->second;
		if (user->builtin || !identical(*t, *user)) {
			std::string what = t->generated_for ? " of \"" + t->generated_for->name + "\"" : std::string();
			errors_.push_back(make_error(ErrorCode::ValidationFailed,
			                             "type \"" + t->name + "\" has the name of a generated input type" + what +
			                                 " but differs from it; rename it (or declare it exactly as generated)",
			                             user->line, user->column));
			continue;
		}
		user->generated = t->generated;
		user->generated_for = t->generated_for;
		replaced.emplace(t.get(), user);
	}
	if (!errors_.empty())
		return;
	auto join = [&replaced](TypeExpr &type) {
		auto it = replaced.find(type.named);
		if (it != replaced.end())
			type.named = it->second;
	};
	auto join_type = [&replaced](const TypeDef *&type) {
		auto it = replaced.find(type);
		if (it != replaced.end())
			type = it->second;
	};
	for (auto &t : staged_)
		for (InputValueDef &f : t->input_fields)
			join(f.type);
	for (FieldDef *f : root_fields_) {
		for (InputValueDef &a : f->arguments)
			join(a.type);
		if (f->where_type)
			join_type(f->where_type);
		if (f->order_by_type)
			join_type(f->order_by_type);
		if (f->distinct_on_type)
			join_type(f->distinct_on_type);
	}
	for (auto &t : staged_) {
		if (replaced.count(t.get()))
			continue;
		TypeDef *raw = t.get();
		schema_.types_.push_back(std::move(t));
		schema_.by_name_.emplace(raw->name, raw);
	}
	staged_.clear();
	staged_by_name_.clear();
	// The union stand-ins die with the generator: what was generated for
	// one names the union instead.
	for (const auto &shape : union_shapes_)
		for (const auto &t : schema_.types_)
			if (t->generated_for == shape.first.get())
				t->generated_for = shape.second;
}

} // namespace fraiseql::schema
