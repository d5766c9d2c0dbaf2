// function_sql.cc: @function root fields -> SQL with bound parameters.
#include "core/compile/function_sql.h"

#include <algorithm>

#include "core/coerce/variables.h"
#include "core/compile/compiler.h"
#include "core/compile/input_keys.h"
#include "core/compile/input_ref.h"
#include "core/compile/params.h"
#include "core/compile/sql_types.h"
#include "core/schema/typed_scalar_cases.h"
#include "core/syntax/parser.h"

namespace fraiseql::compile {

namespace {

std::string
push_param(Param p, RootField &out)
{
	out.params.push_back(std::move(p));
	return "$" + std::to_string(out.params.size());
}

std::string
function_name(const schema::FunctionCandidate &c)
{
	return quote_identifier(c.schema_name) + "." + quote_identifier(c.function_name);
}

// GraphQL names are [_A-Za-z0-9]*: safe inside an SQL string literal.
std::string
name_literal(std::string_view name)
{
	return "'" + std::string(name) + "'";
}

// An object key in SQL: a GraphQL name or snake_case of one as a literal; any
// other text (a @field(key:)) as a bound parameter, never spliced.
std::string
key_sql(const std::string &key, RootField &out)
{
	bool plain = !key.empty();
	for (char c : key)
		plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
	if (plain)
		return name_literal(key);
	Param p;
	p.source = ParamSource::Literal;
	p.pg_type_oid = TEXT_OID;
	p.literal = key;
	p.argument = "key";
	return "(" + push_param(std::move(p), out) + ")::pg_catalog.text";
}

} // namespace

namespace {

// PostgreSQL calls take at most 100 arguments (FUNC_MAX_ARGS): longer objects
// and arrays are built in parts joined with ||.
constexpr size_t MAX_BUILD_ARGUMENTS = 100;

std::string
join_parts(const char *function, const std::vector<std::string> &args, size_t per_item)
{
	const size_t per_call = MAX_BUILD_ARGUMENTS / per_item * per_item;
	std::string sql;
	size_t calls = 0;
	for (size_t i = 0; i < args.size() || i == 0; i += per_call) {
		std::string call = std::string("pg_catalog.") + function + "(";
		for (size_t k = i; k < args.size() && k < i + per_call; k++)
			call += (k > i ? ", " : "") + args[k];
		sql += (calls++ ? " || " : "") + call + ")";
	}
	return calls > 1 ? "(" + sql + ")" : sql;
}

// The SQL type whose to_jsonb gives a leaf's JSON kind; false for custom
// scalars and JSON (bound as JSON text).
bool
leaf_param_type(const schema::TypeDef &leaf, uint32_t &oid)
{
	if (leaf.kind == schema::TypeKind::Enum) {
		oid = TEXT_OID;
		return true;
	}
	switch (leaf.scalar) {
	case schema::ScalarKind::String:
	case schema::ScalarKind::ID:
	case schema::ScalarKind::UUID:
	case schema::ScalarKind::Date:
	case schema::ScalarKind::DateTime:
	case schema::ScalarKind::Time:
	FRAISEQL_TYPED_SCALAR_CASES: oid = TEXT_OID; return true;
	case schema::ScalarKind::Int: oid = INT4_OID; return true;
	case schema::ScalarKind::Float: oid = FLOAT8_OID; return true;
	case schema::ScalarKind::BigInt:
	case schema::ScalarKind::Decimal: oid = NUMERIC_OID; return true;
	case schema::ScalarKind::Boolean: oid = BOOL_OID; return true;
	case schema::ScalarKind::JSON:
	case schema::ScalarKind::Geometry:
	case schema::ScalarKind::Custom: return false;
	}
	return false;
}

// `lift`: literal leaves are parameters the plan cache may rebind from another
// document of the same shape (false for default values, which are not in the document).
// `keys`: input object fields go under their keys (input_keys.h), else their names.
std::string
json_expr(const syntax::Value &value, const schema::TypeExpr &type, std::string_view argument,
          FunctionSqlContext &context, bool lift, bool keys)
{
	RootField &out = context.out;
	ErrorList &errors = context.errors;
	Param p;
	p.pg_type_oid = JSONB_OID;
	p.encoding = ParamEncoding::Json;
	p.argument = std::string(argument);
	if (keys) {
		p.encoding = ParamEncoding::JsonInputKeys;
		p.input_type = type;
	}
	if (value.kind == syntax::ValueKind::Variable) {
		p.source = ParamSource::Variable;
		p.variable = std::string(value.text);
		return push_param(std::move(p), out);
	}
	if (value.kind == syntax::ValueKind::Null)
		return "'null'::pg_catalog.jsonb"; // an explicit null stays a JSON null
	if (value.kind == syntax::ValueKind::Object && type.named && type.named->kind == schema::TypeKind::InputObject &&
	    !type.is_list()) {
		std::vector<std::string> args;
		std::vector<std::string_view> given;
		for (const syntax::ObjectField &f : value.fields) {
			const schema::InputValueDef *def = type.named->find_input_field(f.name.text);
			if (!def)
				continue; // validation rejected unknown fields already
			if (f.value->kind == syntax::ValueKind::Variable) {
				context.shape_variable(f.value->text); // given or not changes the SQL
				if (!context.variables.find(f.value->text))
					continue; // an absent variable leaves the field out (or its default in)
			}
			given.push_back(f.name.text);
			args.push_back(keys ? key_sql(input_key(*def), out) : name_literal(f.name.text));
			args.push_back(json_expr(*f.value, def->type, argument, context, lift, keys));
		}
		// Fields left out take their default value, as input coercion does.
		for (const schema::InputValueDef &def : type.named->input_fields) {
			if (!def.has_default || std::find(given.begin(), given.end(), def.name) != given.end())
				continue;
			util::Arena arena;
			syntax::ValueParseResult parsed = syntax::parse_value(def.default_literal, arena, true);
			if (!parsed.value)
				continue; // the schema builder checked defaults
			args.push_back(keys ? key_sql(input_key(def), out) : name_literal(def.name));
			args.push_back(json_expr(*parsed.value, def.type, argument, context, false, keys));
		}
		return join_parts("jsonb_build_object", args, 2);
	}
	if (value.kind == syntax::ValueKind::List && type.is_list()) {
		std::vector<std::string> args;
		for (const syntax::Value *item : value.list)
			args.push_back(json_expr(*item, type.item(), argument, context, lift, keys));
		return join_parts("jsonb_build_array", args, 1);
	}
	static const coerce::VariableValues no_variables;
	coerce::InputValue coerced;
	bool absent = false;
	std::string reason;
	if (!coerce::coerce_literal(value, type, no_variables, coerced, absent, reason)) {
		errors.push_back(make_error(ErrorCode::BadUserInput,
		                            "Argument \"" + std::string(argument) + "\" has invalid value: " + reason,
		                            value.loc.line, value.loc.column));
		return "NULL";
	}
	if (absent || coerced.is_null())
		return "'null'::pg_catalog.jsonb";
	uint32_t oid = 0;
	if (!type.is_list() && type.named && type.named->is_leaf() && leaf_param_type(*type.named, oid) &&
	    coerce::literal_text(value, p.literal)) {
		// A leaf: typed so that to_jsonb gives the right JSON kind, and
		// placed like any lifted literal.
		p.source = ParamSource::Literal;
		p.encoding = ParamEncoding::Text;
		p.input_type = schema::TypeExpr();
		p.pg_type_oid = oid;
		if (lift) {
			p.line = value.loc.line;
			p.column = value.loc.column;
			p.literal_start = value.loc.start;
			p.literal_type = type;
		}
		return "pg_catalog.to_jsonb(" + push_param(std::move(p), out) + ")";
	}
	// Anything else (a custom or JSON scalar, a single value for a list): its
	// coerced JSON, not lifted (line 0): another value is another plan.
	p.source = ParamSource::Literal;
	p.literal.clear();
	encode_param(p.encoding, coerced, p.literal, type);
	return push_param(std::move(p), out);
}

} // namespace

std::string
bind_json(const syntax::Value &value, const schema::TypeExpr &type, std::string_view argument,
          FunctionSqlContext &context, bool input_keys)
{
	return json_expr(value, type, argument, context, true, input_keys);
}

std::string
function_query_sql(const schema::FieldDef &def, const syntax::Field &field, const BindScalar &bind,
                   FunctionSqlContext &context)
{
	RootField &out = context.out;
	ErrorList &errors = context.errors;
	const schema::FunctionBinding &b = *def.function;
	const schema::FunctionCandidate &c = *b.chosen;
	std::string args;
	for (size_t i = 0; i < def.arguments.size() && i < b.argument_params.size(); i++) {
		const schema::InputValueDef &a = def.arguments[i];
		const schema::FunctionParam &param = c.params[b.argument_params[i]];
		const syntax::Value *value = nullptr;
		for (const syntax::Argument &given : field.arguments)
			if (given.name.text == a.name)
				value = given.value;
		const bool has_default = b.argument_params[i] >= c.params.size() - c.defaults;
		if (value && value->kind == syntax::ValueKind::Variable && has_default) {
			context.shape_variable(value->text);
			if (!context.variables.find(value->text))
				value = nullptr; // an absent variable: as if the argument were not given
		}
		if (!value && has_default)
			continue; // named notation: the function's own default applies
		std::string ref;
		if (!value) {
			ref = "NULL";
		} else if (param.type_oid == JSONB_OID || param.type_oid == 114 /* json */) {
			ref = bind_json(*value, a.type, a.name, context, false);
			if (param.type_oid != JSONB_OID)
				ref = "(" + ref + ")::pg_catalog.json";
		} else if (value->kind == syntax::ValueKind::Variable || !a.type.is_list()) {
			ref = bind(*value, param.type_oid, a.name);
			if (a.type.is_list())
				out.params.back().encoding = ParamEncoding::Array;
		} else if (value->kind == syntax::ValueKind::List && !a.type.item().is_list() && contains_variable(*value)) {
			// [1, $x] for an array parameter: one parameter per item, so the
			// plan holds no variable's value; an element type this table does
			// not know (an enum) goes through text.
			const uint32_t element = element_type_oid(param.type_oid);
			std::string items;
			for (const syntax::Value *item : value->list)
				items += (items.empty() ? "" : ", ") + bind(*item, element ? element : TEXT_OID, a.name);
			ref = element ? "ARRAY[" + items + "]::" + param.type_name
			              : "(ARRAY[" + items + "]::pg_catalog.text[])::" + param.type_name;
		} else {
			// A list literal for an array parameter: its coerced items as one array.
			static const coerce::VariableValues no_variables;
			coerce::InputValue coerced;
			bool absent = false;
			std::string reason;
			if (contains_variable(*value) ||
			    !coerce::coerce_literal(*value, a.type, no_variables, coerced, absent, reason)) {
				errors.push_back(make_error(ErrorCode::BadUserInput,
				                            "Argument \"" + a.name + "\" of " + def.name +
				                                ": a nested list literal for an SQL array parameter cannot hold variables",
				                            value->loc.line, value->loc.column));
				continue;
			}
			Param p;
			p.pg_type_oid = param.type_oid;
			p.argument = a.name;
			p.source = absent || coerced.is_null() ? ParamSource::Null : ParamSource::Literal;
			if (p.source == ParamSource::Literal)
				encode_param(ParamEncoding::Array, coerced, p.literal);
			ref = push_param(std::move(p), out);
		}
		args += (args.empty() ? "" : ", ") + quote_identifier(param.name) + " => " + ref;
	}
	std::string sql = c.returns == schema::FunctionReturns::Jsonb
	                      ? "SELECT r.data FROM " + function_name(c) + "(" + args + ") AS r(data)"
	                      : "SELECT r.\"data\" FROM " + function_name(c) + "(" + args + ") r";
	if (def.root_kind == schema::RootKind::Single)
		sql += " LIMIT 2"; // a second row is an error, as for views
	return sql;
}

void
bind_entity_field(TypeBranch &branch)
{
	static constexpr std::string_view COLUMNS[] = {"status",      "message",        "entity_id", "entity_type",
	                                               "entity",      "updated_fields", "cascade",   "metadata"};
	const schema::FieldDef *entity = nullptr;
	for (const schema::FieldDef &f : branch.type->fields) {
		if (!f.type.named->is_composite() ||
		    std::find(std::begin(COLUMNS), std::end(COLUMNS), f.json_key) != std::end(COLUMNS))
			continue;
		entity = &f;
		break;
	}
	if (!entity)
		return;
	const std::string coordinate = branch.type->name + "." + entity->name;
	for (ProjectionNode &node : branch.selection)
		if (node.kind == NodeKind::Field && node.coordinate == coordinate)
			node.json_key = "entity";
}

std::string
function_mutation_sql(const schema::FieldDef &def, const syntax::Field &field, FunctionSqlContext &context)
{
	RootField &out = context.out;
	const schema::FunctionBinding &b = *def.function;
	const schema::FunctionCandidate &c = *b.chosen;
	std::string args;
	for (size_t i = 0; i < b.context.size(); i++) {
		Param p;
		p.source = ParamSource::Context;
		p.variable = b.context[i];
		p.pg_type_oid = c.params[i].type_oid; // the text goes through the parameter type's input function
		p.argument = "context." + b.context[i];
		args += (args.empty() ? "" : ", ") + push_param(std::move(p), out);
	}
	const schema::InputValueDef &input = def.arguments.front();
	const syntax::Value *value = nullptr;
	for (const syntax::Argument &given : field.arguments)
		if (given.name.text == input.name)
			value = given.value;
	std::string input_sql;
	if (value) {
		input_sql = bind_json(*value, input.type, input.name, context, !b.graphql_input_keys);
	} else {
		Param p;
		p.source = ParamSource::Null;
		p.pg_type_oid = JSONB_OID;
		p.argument = input.name;
		input_sql = push_param(std::move(p), out);
	}
	if (c.params.back().type_oid != JSONB_OID)
		input_sql = "(" + input_sql + ")::pg_catalog.json";
	args += (args.empty() ? "" : ", ") + input_sql;
	if (c.returns == schema::FunctionReturns::Jsonb)
		return "SELECT r.m FROM " + function_name(c) + "(" + args + ") AS r(m)";
	return "SELECT pg_catalog.to_jsonb(r) FROM " + function_name(c) + "(" + args + ") r";
}

} // namespace fraiseql::compile
