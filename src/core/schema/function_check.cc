// function_check.cc: matching @function fields against the catalog's functions.
#include "core/schema/function_check.h"

#include "core/schema/typed_scalar_cases.h"

namespace fraiseql::schema {

namespace {

// PostgreSQL's fixed type OIDs (pg_type.dat); the core includes no PostgreSQL header.
constexpr uint32_t BOOL = 16, INT8 = 20, INT2 = 21, INT4 = 23, TEXT = 25, JSON_OID = 114, FLOAT4 = 700,
                   FLOAT8 = 701, BPCHAR = 1042, VARCHAR = 1043, DATE = 1082, TIME = 1083, TIMESTAMP = 1114,
                   TIMESTAMPTZ = 1184, TIMETZ = 1266, NUMERIC = 1700, UUID_OID = 2950, JSONB = 3802;

bool
is_text(uint32_t oid)
{
	return oid == TEXT || oid == VARCHAR || oid == BPCHAR;
}

bool
is_json(uint32_t oid)
{
	return oid == JSONB || oid == JSON_OID;
}

bool
scalar_fits(const TypeDef &t, const FunctionParam &p)
{
	const uint32_t o = p.type_oid;
	if (t.kind == TypeKind::Enum)
		return is_text(o) || p.is_enum;
	if (t.kind == TypeKind::InputObject)
		return is_json(o);
	switch (t.scalar) {
	case ScalarKind::String:
	case ScalarKind::ID: return is_text(o);
	case ScalarKind::Int: return o == INT2 || o == INT4 || o == INT8 || o == NUMERIC;
	case ScalarKind::Float: return o == FLOAT4 || o == FLOAT8 || o == NUMERIC;
	case ScalarKind::Boolean: return o == BOOL;
	case ScalarKind::UUID: return o == UUID_OID || is_text(o);
	case ScalarKind::Date: return o == DATE;
	case ScalarKind::DateTime: return o == TIMESTAMPTZ || o == TIMESTAMP;
	case ScalarKind::Time: return o == TIME || o == TIMETZ;
	case ScalarKind::JSON:
	case ScalarKind::Geometry: return is_json(o);
	case ScalarKind::BigInt: return o == INT8 || o == NUMERIC;
	case ScalarKind::Decimal: return o == NUMERIC;
	FRAISEQL_TYPED_SCALAR_CASES:
	case ScalarKind::Custom: return true; // passed as text to the type's input function
	}
	return false;
}

std::string
join(const std::vector<std::string> &items)
{
	std::string out;
	for (const std::string &i : items)
		out += (out.empty() ? "" : ", ") + i;
	return out;
}

// Why `c` does not fit the Query field (empty: it fits); fills the argument map.
std::string
query_problem(const FieldDef &f, const FunctionCandidate &c, std::vector<uint32_t> &argument_params)
{
	argument_params.clear();
	std::vector<bool> used(c.params.size(), false);
	for (const InputValueDef &a : f.arguments) {
		const std::string name = snake_case(a.name);
		uint32_t found = UINT32_MAX;
		for (uint32_t i = 0; i < c.params.size(); i++)
			if (c.params[i].name == name)
				found = i;
		if (found == UINT32_MAX)
			return c.signature() + " has no parameter \"" + name + "\" for argument \"" + a.name +
			       "\" (parameters are matched by name, the argument's snake_case)";
		if (!argument_fits(a.type, c.params[found]))
			return "parameter \"" + name + "\" of " + c.signature() + " is " + c.params[found].type_name +
			       ", which argument \"" + a.name + ": " + a.type.print() + "\" cannot be passed as";
		used[found] = true;
		argument_params.push_back(found);
	}
	const size_t first_default = c.params.size() - std::min<size_t>(c.defaults, c.params.size());
	for (size_t i = 0; i < first_default; i++)
		if (!used[i])
			return "parameter \"" + c.params[i].name + "\" of " + c.signature() +
			       " has no default and no argument of the field passes it (declare argument \"" + c.params[i].name +
			       "\" in camelCase or give the parameter a DEFAULT)";
	if (c.returns != FunctionReturns::Jsonb && c.returns != FunctionReturns::RowWithData)
		return c.signature() + " returns " + c.return_type_name +
		       "; a Query function must return SETOF jsonb or rows with a jsonb column \"data\"";
	if (f.root_kind == RootKind::List && !c.returns_set)
		return c.signature() + " must return SETOF (Query." + f.name + " is a list)";
	return std::string();
}

std::string
mutation_problem(const FieldDef &f, const FunctionCandidate &c)
{
	const FunctionBinding &b = *f.function;
	std::vector<std::string> needs;
	for (size_t i = 0; i < b.context.size(); i++)
		needs.push_back("<" + b.context[i] + ">");
	needs.push_back("jsonb");
	const std::string wanted = "(" + join(needs) + ")" +
	                           (b.context.empty() ? std::string(" for the input")
	                                              : " for context [" + join(b.context) + "] plus the input");
	if (c.params.size() != b.context.size() + 1 || !is_json(c.params.back().type_oid))
		return "function " + c.signature() + " does not fit; @function on Mutation." + f.name + " needs " + wanted;
	if (c.returns != FunctionReturns::MutationResponse && c.returns != FunctionReturns::Jsonb)
		return c.signature() + " returns " + c.return_type_name +
		       "; a mutation function must return fraiseql.mutation_response or jsonb";
	if (c.returns_set)
		return c.signature() + " returns SETOF " + c.return_type_name + "; a mutation function returns one row";
	return std::string();
}

void
check_field(const TypeDef &parent, FieldDef &f, ErrorList &errors)
{
	FunctionBinding &b = *f.function;
	const std::string coordinate = parent.name + "." + f.name;
	auto fail = [&](const std::string &message) {
		errors.push_back(make_error(ErrorCode::ValidationFailed, message, b.line, b.column));
	};
	if (b.candidates.empty()) {
		if (f.root_kind == RootKind::Mutation) {
			std::vector<std::string> needs;
			for (size_t i = 0; i < b.context.size(); i++)
				needs.push_back("<" + b.context[i] + ">");
			needs.push_back("jsonb");
			fail("function " + b.name + " does not exist; @function on " + coordinate + " needs " + b.name + "(" +
			     join(needs) + ")" +
			     (b.context.empty() ? std::string() : " for context [" + join(b.context) + "] plus the input"));
		} else {
			fail("function " + b.name + " does not exist (@function on " + coordinate + ")");
		}
		return;
	}
	std::string first_problem;
	for (const FunctionCandidate &c : b.candidates) {
		std::vector<uint32_t> map;
		std::string problem = f.root_kind == RootKind::Mutation ? mutation_problem(f, c) : query_problem(f, c, map);
		if (problem.empty()) {
			b.chosen = &c;
			b.argument_params = std::move(map);
			return;
		}
		if (first_problem.empty())
			first_problem = std::move(problem);
	}
	fail(first_problem + (b.candidates.size() > 1 ? " (and no other function of that name fits)" : ""));
}

} // namespace

std::string
FunctionCandidate::signature() const
{
	std::vector<std::string> types;
	for (const FunctionParam &p : params)
		types.push_back(p.type_name);
	return schema_name + "." + function_name + "(" + join(types) + ")";
}

bool
argument_fits(const TypeExpr &type, const FunctionParam &param)
{
	if (is_json(param.type_oid))
		return true; // any value as JSON
	if (type.is_list())
		return param.is_array && type.list_depth == 1 && type.named->is_leaf();
	return scalar_fits(*type.named, param);
}

std::vector<FunctionBinding *>
Schema::function_bindings()
{
	std::vector<FunctionBinding *> out;
	for (const TypeDef *root : {query_, mutation_})
		if (root)
			for (const FieldDef &f : root->fields)
				if (f.function)
					out.push_back(f.function.get());
	return out;
}

ErrorList
check_function_bindings(Schema &schema)
{
	ErrorList errors;
	for (const TypeDef *root : {schema.query_type(), schema.mutation_type()})
		if (root)
			for (const FieldDef &f : root->fields)
				if (f.function) // the model is built: only the binding's outcome changes
					check_field(*root, const_cast<FieldDef &>(f), errors);
	return errors;
}

} // namespace fraiseql::schema
