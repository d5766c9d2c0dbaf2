// aggregate_types.cc: the generated aggregate field of a root list field
// (docs/reference.md, "Aggregates"): Query.<xs>Aggregate(where, groupBy,
// having, orderBy, limit): <T>Aggregate!, its output types and its inputs.
// Output types are made (or a user type of the same name checked) the way
// connection types are; inputs are staged like the where and orderBy inputs.
#include "core/schema/aggregates.h"
#include "core/schema/generated_types.h"

namespace fraiseql::schema {

namespace {

// [t!] with the list itself non-null when `non_null`.
TypeExpr
list_of(const TypeDef *t, bool non_null)
{
	TypeExpr e;
	e.named = t;
	e.list_depth = 1;
	e.non_null = (non_null ? 1u : 0u) | 2u;
	return e;
}

InputValueDef
input(const std::string &name, TypeExpr type)
{
	InputValueDef v;
	v.name = name;
	v.type = type;
	return v;
}

bool
same_arguments(const std::vector<InputValueDef> &generated, const std::vector<InputValueDef> &user)
{
	if (generated.size() != user.size())
		return false;
	for (size_t i = 0; i < user.size(); i++)
		if (generated[i].name != user[i].name || user[i].has_default ||
		    generated[i].type.print() != user[i].type.print())
			return false;
	return true;
}

} // namespace

const TypeDef *
TypeGenerator::aggregate_output(const std::string &name, GeneratedKind kind, const TypeDef &of,
                                std::vector<FieldDef> fields, uint32_t line, uint32_t column)
{
	if (!schema_.find_type(name)) {
		auto t = std::make_unique<TypeDef>();
		t->name = name;
		t->kind = TypeKind::Object;
		t->generated = kind;
		TypeDef *raw = t.get();
		schema_.types_.push_back(std::move(t));
		schema_.by_name_.emplace(raw->name, raw);
	}
	size_t errors = errors_.size();
	define_output_type(name, kind, &of, std::move(fields), line, column, "aggregate");
	return errors_.size() == errors ? schema_.find_type(name) : nullptr;
}

const TypeDef *
TypeGenerator::aggregate_type(const TypeDef &object, uint32_t line, uint32_t column)
{
	const TypeDef *int_type = schema_.find_type("Int");
	const std::string &n = object.name;

	std::vector<FieldDef> keys;
	for (const FieldDef &f : object.fields)
		if (groupable(f.type))
			keys.push_back(output_field(f.name, type_of(f.type.named, 0)));
	const TypeDef *keys_type = nullptr;
	if (!keys.empty() && !(keys_type = aggregate_output(n + "GroupKeys", GeneratedKind::AggregateFields, object,
	                                                    std::move(keys), line, column)))
		return nullptr;

	// One <T><Fn>Fields type per function that applies to some field.
	std::vector<std::pair<const char *, TypeExpr>> per_fn; // fields of the group and aggregate types naming them
	const AggregateFnInfo *fns = nullptr;
	size_t fn_count = aggregate_fns(&fns);
	for (size_t i = 0; i < fn_count; i++) {
		std::vector<FieldDef> fields;
		for (const FieldDef &f : object.fields) {
			if (!aggregates(fns[i].fn, f.type))
				continue;
			const TypeDef *result = schema_.find_type(aggregate_result(fns[i].fn, *f.type.named));
			fields.push_back(output_field(f.name, type_of(result, fns[i].fn == AggregateFn::CountDistinct ? 1 : 0)));
		}
		if (fields.empty())
			continue;
		const TypeDef *t = aggregate_output(n + fns[i].suffix + "Fields", GeneratedKind::AggregateFields, object,
		                                    std::move(fields), line, column);
		if (!t)
			return nullptr;
		per_fn.emplace_back(fns[i].field, type_of(t, 1));
	}

	std::vector<FieldDef> group;
	if (keys_type)
		group.push_back(output_field("keys", type_of(keys_type, 1)));
	group.push_back(output_field("count", type_of(int_type, 1)));
	for (const auto &f : per_fn)
		group.push_back(output_field(f.first, f.second));
	const TypeDef *group_type =
	    aggregate_output(n + "AggregateGroup", GeneratedKind::AggregateGroup, object, std::move(group), line, column);
	if (!group_type)
		return nullptr;

	std::vector<FieldDef> whole;
	whole.push_back(output_field("count", type_of(int_type, 1)));
	for (const auto &f : per_fn)
		whole.push_back(output_field(f.first, f.second));
	whole.push_back(output_field("groups", list_of(group_type, true)));
	return aggregate_output(n + "Aggregate", GeneratedKind::Aggregate, object, std::move(whole), line, column);
}

const TypeDef *
TypeGenerator::aggregate_filter(const TypeDef &scalar)
{
	bool created = false;
	TypeDef *t = stage(scalar.name + "AggregateFilter", TypeKind::InputObject, GeneratedKind::AggregateFilter, &scalar,
	                   created);
	if (created) {
		const HavingOpInfo *ops = nullptr;
		size_t n = having_ops(&ops);
		for (size_t i = 0; i < n; i++)
			t->input_fields.push_back(input(ops[i].name, type_of(&scalar, 0)));
	}
	return t;
}

// where, groupBy, having, orderBy, limit: the arguments of <xs>Aggregate.
std::vector<InputValueDef>
TypeGenerator::aggregate_arguments(const TypeDef &object)
{
	const std::string &n = object.name;
	const TypeDef *int_type = schema_.find_type("Int");
	const TypeDef *direction = order_direction();
	bool created = false;
	std::vector<InputValueDef> args;
	args.push_back(input("where", type_of(where_type(object), 0)));

	TypeDef *group_by = nullptr;
	TypeDef *keys_order = nullptr;
	for (const FieldDef &f : object.fields) {
		if (!groupable(f.type))
			continue;
		if (!group_by) {
			group_by = stage(n + "GroupBy", TypeKind::Enum, GeneratedKind::GroupBy, &object, created);
			if (!created)
				break; // staged for another field over the same type
			keys_order = stage(n + "GroupKeysOrderByInput", TypeKind::InputObject, GeneratedKind::AggregateOrderBy,
			                   &object, created);
		}
		EnumValueDef v;
		v.name = group_by_value(f.name);
		if (!group_by->find_value(v.name))
			group_by->values.push_back(std::move(v));
		keys_order->input_fields.push_back(input(f.name, type_of(direction, 0)));
	}
	if (group_by)
		args.push_back(input("groupBy", list_of(group_by, false)));

	TypeDef *having = stage(n + "AggregateHavingInput", TypeKind::InputObject, GeneratedKind::Having, &object, created);
	TypeDef *order = stage(n + "AggregateOrderByInput", TypeKind::InputObject, GeneratedKind::AggregateOrderBy, &object,
	                       created);
	if (created) {
		if (keys_order)
			order->input_fields.push_back(input("keys", type_of(keys_order, 0)));
		having->input_fields.push_back(input("count", type_of(aggregate_filter(*int_type), 0)));
		order->input_fields.push_back(input("count", type_of(direction, 0)));
		const AggregateFnInfo *fns = nullptr;
		size_t fn_count = aggregate_fns(&fns);
		for (size_t i = 0; i < fn_count; i++) {
			TypeDef *fn_having = nullptr, *fn_order = nullptr;
			for (const FieldDef &f : object.fields) {
				if (!aggregates(fns[i].fn, f.type))
					continue;
				if (!fn_having) {
					bool made = false;
					fn_having = stage(n + fns[i].suffix + "HavingInput", TypeKind::InputObject, GeneratedKind::Having,
					                  &object, made);
					fn_order = stage(n + fns[i].suffix + "OrderByInput", TypeKind::InputObject,
					                 GeneratedKind::AggregateOrderBy, &object, made);
				}
				const TypeDef *result = schema_.find_type(aggregate_result(fns[i].fn, *f.type.named));
				fn_having->input_fields.push_back(input(f.name, type_of(aggregate_filter(*result), 0)));
				fn_order->input_fields.push_back(input(f.name, type_of(direction, 0)));
			}
			if (fn_having) {
				having->input_fields.push_back(input(fns[i].field, type_of(fn_having, 0)));
				order->input_fields.push_back(input(fns[i].field, type_of(fn_order, 0)));
			}
		}
		having->input_fields.push_back(input("AND", list_of(having, false)));
		having->input_fields.push_back(input("OR", list_of(having, false)));
		having->input_fields.push_back(input("NOT", type_of(having, 0)));
	}
	args.push_back(input("having", type_of(having, 0)));
	args.push_back(input("orderBy", list_of(order, false)));
	args.push_back(input("limit", type_of(int_type, 0)));
	return args;
}

void
TypeGenerator::add_aggregate(TypeDef &query, const FieldDef &list, const TypeDef &object)
{
	const TypeDef *aggregate = aggregate_type(object, list.line, list.column);
	if (!aggregate)
		return;
	std::vector<InputValueDef> args = aggregate_arguments(object);
	const std::string name = list.name + "Aggregate";
	const TypeExpr type = type_of(aggregate, 1);
	FieldDef *field = nullptr;
	for (FieldDef &f : query.fields)
		if (f.name == name)
			field = &f;
	if (field) {
		// An effective schema printed by schema_sdl() declares it: it must be
		// exactly the generated field.
		if (field->type.print() != type.print() || !same_arguments(args, field->arguments) || field->view_override ||
		    field->function || !field->connection_type.empty()) {
			errors_.push_back(make_error(ErrorCode::ValidationFailed,
			                             "Query." + name + " has the name of the generated aggregate field of Query." +
			                                 list.name + " but differs from it; rename it (or declare it exactly as "
			                                             "generated)",
			                             field->line, field->column));
			return;
		}
	} else {
		query.fields.push_back(output_field(name, type));
		field = &query.fields.back();
		field->arguments = std::move(args);
		field->line = list.line;
		field->column = list.column;
		query.index_fields();
	}
	field->root_kind = RootKind::Aggregate;
	field->aggregate_of = &list;
	field->where_type = field->find_argument("where")->type.named;
	root_fields_.push_back(field);
}

} // namespace fraiseql::schema
