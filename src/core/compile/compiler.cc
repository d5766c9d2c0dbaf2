// compiler.cc: root fields -> one parameterized, schema-qualified SQL statement
// each; selections -> the projection tree. User values never enter SQL text:
// literals become parameters like variables do.
#include "core/compile/compiler.h"

#include <algorithm>

#include "core/compile/abstract_sql.h"
#include "core/compile/aggregate_sql.h"
#include "core/compile/collect.h"
#include "core/compile/connection_sql.h"
#include "core/compile/distinct_on_sql.h"
#include "core/compile/filter_sql.h"
#include "core/compile/function_sql.h"
#include "core/compile/input_ref.h"
#include "core/compile/limit_cap.h"
#include "core/compile/sql_types.h"
#include "core/introspection/introspection.h"
#include "core/response/json_writer.h"
#include "core/schema/abstract_roots.h"
#include "core/syntax/parser.h"

namespace fraiseql::compile {

namespace {

std::string
key_prefix(std::string_view key)
{
	std::string out = "\"";
	response::append_escaped(out, key);
	return out + "\":";
}

using schema::FieldDef;
using schema::TypeDef;

class Compiler {
public:
	Compiler(const schema::Schema &schema, const syntax::Document &document, const syntax::OperationDefinition &operation,
	         const coerce::VariableValues &variables, const CompileOptions &options, Plan &plan)
	    : schema_(schema), operation_(operation), variables_(variables), options_(options), plan_(plan),
	      collector_(schema, document, variables), reader_(variables, [this](std::string_view name) { shape_variable(name); })
	{
		collector_.on_variable([this](std::string_view name) { shape_variable(name); });
	}

	ErrorList
	compile(const syntax::OperationDefinition &operation, Plan &plan)
	{
		plan.is_mutation = operation.operation == syntax::OperationType::Mutation;
		plan.is_subscription = operation.operation == syntax::OperationType::Subscription;
		const TypeDef *root = schema_.root_type(operation.operation);
		if (!root) {
			fail(operation.loc, "operation type not supported");
			return std::move(errors_);
		}
		for (const FieldGroup &group : collector_.collect(*root, {operation.selection_set}))
			root_field(*root, group, plan);
		return std::move(errors_);
	}

private:
	const schema::Schema &schema_;
	const syntax::OperationDefinition &operation_;
	const coerce::VariableValues &variables_;
	const CompileOptions &options_;
	Plan &plan_;
	FieldCollector collector_;
	InputReader reader_;
	ErrorList errors_;
	util::Arena defaults_arena_; // argument default values parsed for this compilation
	static constexpr size_t MAX_PROJECTION_NODES = 50000;
	size_t projection_nodes_ = 0;

	// graphql-js's CoerceArgumentValues: an argument that is not given, or is
	// given a variable the request left unset, takes its declared default
	// (`limit: Int = 20`). Returns `field` itself when no default applies,
	// else a copy with the default values (parsed into defaults_arena_, with
	// no source position: they are not literals of the document, so a
	// shared cache entry never rebinds them).
	const syntax::Field &
	with_argument_defaults(const FieldDef &def, const syntax::Field &field)
	{
		if (std::none_of(def.arguments.begin(), def.arguments.end(),
		                 [](const schema::InputValueDef &a) { return a.has_default; }))
			return field; // the usual case: nothing to copy
		std::vector<syntax::Argument> arguments(field.arguments.begin(), field.arguments.end());
		bool changed = false;
		for (const schema::InputValueDef &a : def.arguments) {
			if (!a.has_default)
				continue;
			syntax::Argument *given = nullptr;
			for (syntax::Argument &g : arguments)
				if (g.name.text == a.name)
					given = &g;
			if (given && given->value->kind == syntax::ValueKind::Variable) {
				shape_variable(given->value->text); // set or unset: another plan
				if (variables_.find(given->value->text))
					continue;
			} else if (given) {
				continue;
			}
			syntax::Value *value = default_value(a);
			if (!value)
				continue;
			if (given) {
				given->value = value;
			} else {
				syntax::Argument added;
				added.name.text = a.name;
				added.value = value;
				arguments.push_back(added);
			}
			changed = true;
		}
		if (!changed)
			return field;
		syntax::Field *copy = defaults_arena_.make<syntax::Field>(field);
		copy->arguments.items = defaults_arena_.make_array<syntax::Argument>(arguments.size());
		copy->arguments.count = static_cast<uint32_t>(arguments.size());
		std::copy(arguments.begin(), arguments.end(), copy->arguments.items);
		return *copy;
	}

	syntax::Value *
	default_value(const schema::InputValueDef &a)
	{
		syntax::ValueParseResult parsed = syntax::parse_value(a.default_literal, defaults_arena_, true);
		if (!parsed.value)
			return nullptr; // load_schema checked it: cannot happen
		clear_positions(*parsed.value);
		return parsed.value;
	}

	static void
	clear_positions(syntax::Value &value)
	{
		value.loc = syntax::Loc();
		for (syntax::Value *item : value.list)
			clear_positions(*item);
		for (syntax::ObjectField &f : value.fields) {
			f.loc = syntax::Loc();
			f.name.loc = syntax::Loc();
			clear_positions(*f.value);
		}
	}

	// A variable whose value shapes the SQL or the projection (Plan::shape_variables).
	void
	shape_variable(std::string_view name)
	{
		for (const ShapeVariable &s : plan_.shape_variables)
			if (s.name == name)
				return;
		for (const syntax::VariableDefinition &d : operation_.variables)
			if (d.variable.text == name) {
				plan_.shape_variables.push_back({std::string(name), coerce::type_of(schema_, d.type)});
				return;
			}
	}

	void
	fail(const syntax::Loc &loc, std::string message)
	{
		errors_.push_back(make_error(ErrorCode::Internal, std::move(message), loc.line, loc.column));
	}

	void
	root_field(const TypeDef &root, const FieldGroup &group, Plan &plan)
	{
		const syntax::Field &field = *group.fields.front();
		RootField out;
		out.response_key = std::string(group.response_key);
		out.key_prefix = key_prefix(out.response_key);
		out.line = field.loc.line;
		out.column = field.loc.column;
		if (field.name.text == "__typename") {
			out.kind = RootKind::Typename;
			out.typename_value = root.name;
			plan.roots.push_back(std::move(out));
			return;
		}
		if (introspection::is_root_field(field.name.text)) {
			const FieldDef *meta = schema_.field(root, field.name.text);
			if (!meta) {
				fail(field.loc, "field \"" + std::string(field.name.text) + "\" cannot be compiled");
				return;
			}
			out.kind = RootKind::Introspection;
			out.schema = &schema_;
			out.type = meta->type;
			out.object_type = meta->type.named;
			out.arguments = introspection::field_arguments(field);
			out.selection = selection(*out.object_type, group);
			plan.roots.push_back(std::move(out));
			return;
		}
		const FieldDef *def = root.find_field(field.name.text);
		root_field_sql(def, def ? with_argument_defaults(*def, field) : field, group, out, plan);
	}

	void
	root_field_sql(const FieldDef *def, const syntax::Field &field, const FieldGroup &group, RootField &out, Plan &plan)
	{
		if (def && def->function && def->function->chosen) {
			function_root(*def, field, group, out);
			plan.roots.push_back(std::move(out));
			return;
		}
		if (def && schema::is_abstract_root(*def) && def->root_kind != schema::RootKind::None) {
			abstract_root(*def, field, group, out);
			plan.roots.push_back(std::move(out));
			return;
		}
		const schema::ViewBinding *view = def ? schema::Schema::view_of(*def) : nullptr;
		if (!def || !view || def->root_kind == schema::RootKind::None) {
			fail(field.loc, "field \"" + std::string(field.name.text) + "\" cannot be compiled");
			return;
		}
		if (def->root_kind == schema::RootKind::Connection) {
			out.kind = RootKind::Connection;
			out.type = def->type;
			out.object_type = def->type.named;
			out.selection = selection(*out.object_type, group);
			out.sql = ConnectionCompiler(variables_, reader_, errors_, options_.max_limit).compile(*def, *view, field, out);
			plan.roots.push_back(std::move(out));
			return;
		}
		if (def->root_kind == schema::RootKind::Subscription) { // one row: the event's, if it matches
			out.kind = RootKind::Single;
			out.type = def->type;
			out.object_type = def->type.named;
			out.selection = selection(*out.object_type, group);
			out.sql = root_sql(*def, *view, field, out);
			out.parent = schema_.subscription_type()->name;
			plan.is_subscription = true;
			plan.channels.push_back(def->notify_channel);
			plan.subscription_field = def->name;
			plan.roots.push_back(std::move(out));
			return;
		}
		if (def->root_kind == schema::RootKind::Aggregate) { // one row: the <T>Aggregate object
			out.kind = RootKind::Single;
			out.type = def->type;
			out.object_type = def->type.named;
			out.selection = selection(*out.object_type, group);
			FilterCompiler filters(variables_, reader_, out.params, errors_);
			out.sql = aggregate_sql(*def, *view, field, out, filters, reader_, options_.max_limit, errors_);
			plan.roots.push_back(std::move(out));
			return;
		}
		out.kind = def->root_kind == schema::RootKind::List ? RootKind::List : RootKind::Single;
		out.type = def->type;
		out.object_type = def->type.named;
		out.selection = selection(*out.object_type, group);
		out.sql = root_sql(*def, *view, field, out);
		plan.roots.push_back(std::move(out));
	}

	// A @function root field (function_sql.h): a Query field projects the rows
	// like a view's; a Mutation field's result picks one of its types.
	void
	function_root(const FieldDef &def, const syntax::Field &field, const FieldGroup &group, RootField &out)
	{
		out.type = def.type;
		out.object_type = def.type.named;
		FunctionSqlContext context{out, errors_, variables_, [this](std::string_view name) { shape_variable(name); }};
		if (def.root_kind == schema::RootKind::Mutation) {
			out.kind = RootKind::Mutation;
			out.branches = branches(*def.type.named, group);
			for (TypeBranch &branch : out.branches)
				bind_entity_field(branch);
			out.sql = function_mutation_sql(def, field, context);
			return;
		}
		out.kind = def.root_kind == schema::RootKind::List ? RootKind::List : RootKind::Single;
		if (out.object_type->is_abstract()) // each row's "__typename" picks its type
			out.branches = branches(*out.object_type, group);
		else
			out.selection = selection(*out.object_type, group);
		out.sql = function_query_sql(
		    def, field,
		    [&](const syntax::Value &value, uint32_t oid, std::string_view argument) {
			    return bind(value, oid, argument, def, out);
		    },
		    context);
	}

	// An interface or union root field over views (abstract_sql.h): each
	// row's tag picks its branch.
	void
	abstract_root(const FieldDef &def, const syntax::Field &field, const FieldGroup &group, RootField &out)
	{
		out.kind = def.root_kind == schema::RootKind::List ? RootKind::List : RootKind::Single;
		out.type = def.type;
		out.object_type = def.type.named;
		out.branches = branches(*def.type.named, group);
		FilterCompiler filters(variables_, reader_, out.params, errors_);
		out.sql = abstract_root_sql(
		    def, field,
		    [&](const syntax::Value &value, uint32_t oid, std::string_view argument) {
			    return bind(value, oid, argument, def, out);
		    },
		    filters, reader_, options_.max_limit, out, errors_);
	}

	// The selection of an abstract (or object) type for each object type it can be.
	std::vector<TypeBranch>
	branches(const TypeDef &type, const FieldGroup &group)
	{
		std::vector<TypeBranch> out;
		for (const TypeDef *possible : schema_.possible_types(type))
			out.push_back(TypeBranch{possible, selection(*possible, group)});
		return out;
	}

	std::vector<ProjectionNode>
	selection(const TypeDef &type, const FieldGroup &group)
	{
		std::vector<const syntax::SelectionSet *> sets;
		sets.reserve(group.fields.size());
		for (const syntax::Field *f : group.fields)
			sets.push_back(f->selection_set);
		const std::vector<FieldGroup> groups = collector_.collect(type, sets);
		std::vector<ProjectionNode> nodes;
		nodes.reserve(groups.size()); // a node per response key: no moves of grown vectors
		for (const FieldGroup &child : groups) {
			const syntax::Field &field = *child.fields.front();
			// Abstract fields compile their selection once per possible type
			// and fragments are inlined where spread: nested ones multiply, so
			// the total is bounded.
			if (++projection_nodes_ > MAX_PROJECTION_NODES) {
				if (projection_nodes_ == MAX_PROJECTION_NODES + 1)
					errors_.push_back(make_error(ErrorCode::QueryTooComplex,
					                             "The selection is too large: more than " +
					                                 std::to_string(MAX_PROJECTION_NODES) +
					                                 " fields once fragments and the possible types of interface and "
					                                 "union fields are expanded.",
					                             field.loc.line, field.loc.column));
				return nodes;
			}
			ProjectionNode node;
			node.response_key = std::string(child.response_key);
			node.key_prefix = key_prefix(node.response_key);
			node.coordinate = type.name + "." + std::string(field.name.text);
			node.line = field.loc.line;
			node.column = field.loc.column;
			if (field.name.text == "__typename") {
				node.kind = NodeKind::Typename;
				node.json_key = type.name; // the value written
				nodes.push_back(std::move(node));
				continue;
			}
			const FieldDef *def = type.find_field(field.name.text);
			if (!def) {
				fail(field.loc, "unknown field \"" + std::string(field.name.text) + "\"");
				continue;
			}
			node.json_key = def->json_key;
			if (introspection::is_introspection_type(type)) {
				node.json_key = def->name;
				node.arguments = introspection::field_arguments(field);
			}
			node.type = def->type;
			if (def->type.named->is_composite()) {
				if (def->type.named->kind != schema::TypeKind::Object)
					node.branches = branches(*def->type.named, child);
				else
					node.children = selection(*def->type.named, child);
			}
			nodes.push_back(std::move(node));
		}
		return nodes;
	}

	// Adds $n for an argument value; returns its SQL reference.
	std::string
	bind(const syntax::Value &value, uint32_t type_oid, std::string_view argument, const FieldDef &def, RootField &out)
	{
		Param p;
		p.pg_type_oid = type_oid;
		p.argument = std::string(argument);
		p.line = value.loc.line;
		p.column = value.loc.column;
		const schema::InputValueDef *arg_def = def.find_argument(argument);
		if (arg_def && arg_def->type.is_non_null()) {
			p.non_null_type = arg_def->type.print();
			const char *parent = def.root_kind == schema::RootKind::Mutation       ? "Mutation."
			                     : def.root_kind == schema::RootKind::Subscription ? "Subscription."
			                                                                       : "Query.";
			p.coordinate = parent + def.name + "(" + arg_def->name + ":)";
		}
		if (value.kind == syntax::ValueKind::Variable) {
			p.source = ParamSource::Variable;
			p.variable = std::string(value.text);
		} else if (value.kind == syntax::ValueKind::Null) {
			p.source = ParamSource::Null;
		} else {
			p.source = ParamSource::Literal;
			if (!coerce::literal_text(value, p.literal))
				fail(value.loc, "list and object argument values are not supported yet");
			p.literal_start = value.loc.start;
			if (arg_def)
				p.literal_type = arg_def->type;
		}
		out.params.push_back(std::move(p));
		return "$" + std::to_string(out.params.size());
	}

	// distinctOn: "SELECT DISTINCT ON (...)" in `sql`, and the ORDER BY keys
	// PostgreSQL requires with it (distinct_on_sql.h), the id column not included.
	std::string
	distinct_on(const FieldDef &def, const schema::ViewBinding &view, const syntax::Value &distinct_value,
	            const syntax::Value *order_value, FilterCompiler &filters, std::string &sql)
	{
		std::vector<std::string> fields;
		for (const InputRef &item : reader_.items(reader_.root(distinct_value)))
			if (item.present() && !item.is_null())
				fields.push_back(item.enum_value());
		std::vector<OrderKey> order;
		if (order_value) {
			InputRef value = reader_.root(*order_value);
			if (value.present() && !value.is_null())
				order = filters.order_keys(*def.type.named, *def.order_by_type, view, value);
		}
		DistinctOnSql d = distinct_on_sql(*def.type.named, view, fields, order);
		if (!d.distinct.empty())
			sql.replace(0, std::string("SELECT ").size(), "SELECT " + d.distinct + " ");
		std::string keys;
		for (const std::string &k : d.order)
			keys += (keys.empty() ? "" : ", ") + k;
		return keys;
	}

	std::string
	root_sql(const FieldDef &def, const schema::ViewBinding &view, const syntax::Field &field, RootField &out)
	{
		std::string sql = "SELECT v." + quote_identifier(view.data_column) + " FROM " +
		                  quote_identifier(view.schema_name) + "." + quote_identifier(view.relation_name) + " v";
		const syntax::Value *limit = nullptr;
		const syntax::Value *offset = nullptr;
		const syntax::Value *where_value = nullptr;
		const syntax::Value *order_value = nullptr;
		const syntax::Value *distinct_value = nullptr;
		std::string where;
		if (def.root_kind == schema::RootKind::Subscription) {
			// The event's row, first: $1 is always the event id.
			const schema::Column *id = view.find_column(view.id_column);
			Param p;
			p.source = ParamSource::Event;
			p.pg_type_oid = id ? id->type_oid : 0;
			p.argument = "id";
			out.params.push_back(std::move(p));
			where = " WHERE v." + quote_identifier(view.id_column) + " = $1";
		}
		for (const syntax::Argument &arg : field.arguments) {
			if (def.where_type && arg.name.text == "where") {
				where_value = arg.value;
				continue;
			}
			if (def.order_by_type && arg.name.text == "orderBy") {
				order_value = arg.value;
				continue;
			}
			if (def.distinct_on_type && arg.name.text == "distinctOn") {
				distinct_value = arg.value;
				continue;
			}
			if (def.root_kind == schema::RootKind::List && arg.name.text == "limit") {
				limit = arg.value;
				continue;
			}
			if (def.root_kind == schema::RootKind::List && arg.name.text == "offset") {
				offset = arg.value;
				continue;
			}
			// Every other argument is an equality filter on the column of the
			// same snake_case name, bound with that column's type.
			std::string column = schema::snake_case(arg.name.text);
			const schema::Column *col = view.find_column(column);
			if (!col) {
				fail(arg.loc, "view \"" + view.name + "\" has no column \"" + column + "\"");
				continue;
			}
			where += where.empty() ? " WHERE " : " AND ";
			const std::string param = bind(*arg.value, col->type_oid, arg.name.text, def, out);
			if (def.root_kind == schema::RootKind::Subscription) // a null or unset argument filters nothing
				where += "(" + param + " IS NULL OR v." + quote_identifier(column) + " = " + param + ")";
			else
				where += "v." + quote_identifier(column) + " = " + param;
		}
		FilterCompiler filters(variables_, reader_, out.params, errors_);
		if (where_value) {
			InputRef value = reader_.root(*where_value);
			std::string predicate = value.present() && !value.is_null()
			                            ? filters.where(*def.type.named, *def.where_type, view, value)
			                            : std::string("TRUE");
			if (predicate != "TRUE")
				where += (where.empty() ? " WHERE " : " AND ") + predicate;
		}
		sql += where;
		if (def.root_kind == schema::RootKind::List) {
			// orderBy keys first, then the id column: without keys that is a
			// stable order (as pg_graphql and PostGraphile order by primary
			// key), with keys it breaks ties, so pages never overlap.
			std::string keys;
			if (order_value) {
				InputRef value = reader_.root(*order_value);
				if (value.present() && !value.is_null())
					keys = filters.order_by(*def.type.named, *def.order_by_type, view, value);
			}
			if (distinct_value)
				keys = distinct_on(def, view, *distinct_value, order_value, filters, sql);
			if (view.find_column(view.id_column))
				keys += (keys.empty() ? "v." : ", v.") + quote_identifier(view.id_column);
			if (!keys.empty())
				sql += " ORDER BY " + keys;
			std::string limit_sql = cap_limit(
			    out.params, limit ? bind(*limit, INT8_OID, "limit", def, out) : std::string(), options_.max_limit);
			if (!limit_sql.empty())
				sql += " LIMIT " + limit_sql;
			if (offset)
				sql += " OFFSET " + bind(*offset, INT8_OID, "offset", def, out);
		} else {
			sql += " LIMIT 2"; // a second row means the filter is not unique
		}
		return sql;
	}
};

} // namespace

std::string
quote_identifier(std::string_view name)
{
	std::string out;
	out.reserve(name.size() + 2);
	out += '"';
	for (char c : name) {
		if (c == '"')
			out += '"';
		out += c;
	}
	out += '"';
	return out;
}

ErrorList
compile_operation(const schema::Schema &schema, const syntax::Document &document,
                  const syntax::OperationDefinition &operation, const coerce::VariableValues &variables, Plan &out,
                  const CompileOptions &options)
{
	return Compiler(schema, document, operation, variables, options, out).compile(operation, out);
}

} // namespace fraiseql::compile
