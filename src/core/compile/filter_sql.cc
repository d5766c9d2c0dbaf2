// filter_sql.cc: where/orderBy -> SQL. Semantics (docs/reference.md, "Filtering and ordering"):
// fields of one where object and operators of one filter are ANDed; AND [] is
// TRUE and OR [] is FALSE; an operator or field given null (or an unset
// variable) is ignored; comparisons follow SQL, so a null or absent value
// matches only `isnull: true`.
#include "core/compile/filter_sql.h"

#include "core/compile/compiler.h"
#include "core/compile/json_access.h"
#include "core/compile/operator_sql.h"
#include "core/compile/params.h"
#include "core/compile/sql_types.h"
#include "core/schema/filters.h"

namespace fraiseql::compile {

namespace {

using schema::FilterFamily;
using schema::LikeEscape;
using schema::OperandShape;
using schema::OpForm;

// Deeper than any document the parser accepts (its hard ceiling is 512), so
// only a bug reaches it; it keeps the recursion bounded regardless.
constexpr uint32_t MAX_FILTER_DEPTH = 600;

std::string
join(const std::vector<std::string> &parts, const char *separator)
{
	std::string out;
	for (size_t i = 0; i < parts.size(); i++) {
		if (i)
			out += separator;
		out += parts[i];
	}
	return out;
}

const char *
direction_sql(const std::string &direction)
{
	if (direction == "ASC")
		return "ASC";
	if (direction == "DESC")
		return "DESC";
	if (direction == "ASC_NULLS_FIRST")
		return "ASC NULLS FIRST";
	if (direction == "ASC_NULLS_LAST")
		return "ASC NULLS LAST";
	if (direction == "DESC_NULLS_FIRST")
		return "DESC NULLS FIRST";
	if (direction == "DESC_NULLS_LAST")
		return "DESC NULLS LAST";
	return nullptr;
}

ParamEncoding
like_encoding(LikeEscape like)
{
	switch (like) {
	case LikeEscape::Contains: return ParamEncoding::LikeContains;
	case LikeEscape::Prefix: return ParamEncoding::LikePrefix;
	case LikeEscape::Suffix: return ParamEncoding::LikeSuffix;
	case LikeEscape::None: break;
	}
	return ParamEncoding::Text;
}

// $n::type when the parameter is text standing for an extension's type.
std::string
cast(const std::string &param, const std::string &type)
{
	return type.empty() ? param : param + "::" + type;
}

} // namespace

void
FilterCompiler::fail(const syntax::Loc &loc, std::string message)
{
	errors_.push_back(make_error(ErrorCode::BadUserInput, std::move(message), loc.line, loc.column));
}

std::string
FilterCompiler::bind(const InputRef &value, const schema::TypeExpr &type, ParamEncoding encoding, uint32_t type_oid,
                     std::string_view argument)
{
	Param p;
	p.pg_type_oid = type_oid;
	p.encoding = encoding;
	p.argument = std::string(argument);
	p.line = value.loc.line;
	p.column = value.loc.column;
	if (value.in_variable()) {
		p.source = ParamSource::Variable;
		p.variable = std::string(value.variable);
		p.path = value.path;
	} else if (!value.ast || value.ast->kind == syntax::ValueKind::Null) {
		p.source = ParamSource::Null;
	} else if (contains_variable(*value.ast)) {
		// A plan must not hold a variable's value; lists are split per item
		// before this, so only JSON literals get here: built in SQL around
		// one parameter per variable.
		if (encoding == ParamEncoding::Json)
			return json_with_variables(*value.ast, type, argument);
		fail(value.loc, "Argument \"" + std::string(argument) +
		                    "\" has invalid value: variables inside this value are not supported; pass the whole "
		                    "value as one variable.");
	} else {
		coerce::InputValue coerced;
		bool absent = false;
		std::string reason;
		if (!coerce::coerce_literal(*value.ast, type, variables_, coerced, absent, reason)) {
			fail(value.loc, "Argument \"" + std::string(argument) + "\" has invalid value: " + reason);
		} else {
			p.source = ParamSource::Literal;
			encode_param(encoding, coerced, p.literal);
			p.literal_start = value.ast->loc.start;
			p.literal_type = type;
			if (encoding != ParamEncoding::Text) {
				// Its text is not the literal's token (an escaped pattern, JSON,
				// an array): a cache that rebinds literal tokens by position
				// must leave it alone, and no token is at line 0.
				p.line = 0;
				p.column = 0;
			}
		}
	}
	params_.push_back(std::move(p));
	return "$" + std::to_string(params_.size());
}

std::string
FilterCompiler::json_with_variables(const syntax::Value &value, const schema::TypeExpr &type, std::string_view argument)
{
	if (value.kind == syntax::ValueKind::List && contains_variable(value)) {
		std::vector<std::string> items;
		for (const syntax::Value *item : value.list)
			items.push_back(json_with_variables(*item, type, argument));
		return "pg_catalog.jsonb_build_array(" + join(items, ", ") + ")";
	}
	if (value.kind == syntax::ValueKind::Object && contains_variable(value)) {
		std::vector<std::string> members;
		for (const syntax::ObjectField &f : value.fields)
			members.push_back(quote_literal(std::string(f.name.text)) + ", " + json_with_variables(*f.value, type, argument));
		return "pg_catalog.jsonb_build_object(" + join(members, ", ") + ")";
	}
	// A variable (its value as JSON; SQL NULL, so JSON null in the built
	// value, when unset) or a part without one.
	return bind(reader_.root(value), type, ParamEncoding::Json, JSONB_OID, argument);
}

std::string
FilterCompiler::bind_list(const InputRef &value, const schema::TypeExpr &type, ParamEncoding encoding,
                          uint32_t array_oid, uint32_t element_oid, const char *element_cast)
{
	if (!value.in_variable() && value.ast && value.ast->kind == syntax::ValueKind::List && contains_variable(*value.ast)) {
		// [1, $x]: one parameter per item, so no variable's value is in the plan.
		const bool json = encoding == ParamEncoding::Json || encoding == ParamEncoding::JsonArray;
		std::vector<std::string> items;
		for (const InputRef &item : reader_.items(value))
			items.push_back(bind(item, type.item(), json ? ParamEncoding::Json : ParamEncoding::Text,
			                     json ? JSONB_OID : (element_oid ? element_oid : TEXT_OID), "where"));
		if (encoding == ParamEncoding::Json)
			return "pg_catalog.jsonb_build_array(" + join(items, ", ") + ")";
		if (!element_oid) // an element type this table does not know: items as text, cast
			return "ARRAY[" + join(items, ", ") + "]::pg_catalog.text[]::" + element_cast + "[]";
		return "ARRAY[" + join(items, ", ") + "]";
	}
	if (array_oid)
		return bind(value, type, encoding, array_oid, "where");
	// An array type this table does not know (an enum column): text[] cast to it.
	return bind(value, type, encoding, TEXT_ARRAY_OID, "where") + "::text[]::" + element_cast + "[]";
}

const schema::Column *
FilterCompiler::column_of(const schema::FieldDef &field, const Scope &scope) const
{
	if (!scope.row)
		return nullptr;
	const schema::Column *c = scope.view->find_column(schema::snake_case(field.name));
	return c && c->name != scope.view->data_column ? c : nullptr;
}

std::string
FilterCompiler::where(const schema::TypeDef &object, const schema::TypeDef &where_type,
                      const schema::ViewBinding &view, const InputRef &value)
{
	Scope scope{&view, "v." + quote_identifier(view.data_column), true};
	return object_predicate(object, where_type, scope, value, 0);
}

std::string
FilterCompiler::object_predicate(const schema::TypeDef &object, const schema::TypeDef &where_type, const Scope &scope,
                                 const InputRef &value, uint32_t depth)
{
	if (depth > MAX_FILTER_DEPTH) {
		errors_.push_back(make_error(ErrorCode::QueryTooComplex, "where is nested too deeply", value.loc.line,
		                             value.loc.column));
		return "FALSE";
	}
	std::vector<std::string> parts;
	for (const schema::InputValueDef &f : where_type.input_fields) {
		InputRef given = reader_.field(value, f.name);
		if (!given.present() || given.is_null())
			continue;
		if (f.name == "AND" || f.name == "OR") {
			std::vector<std::string> items;
			for (const InputRef &item : reader_.items(given))
				if (item.present() && !item.is_null())
					items.push_back(object_predicate(object, where_type, scope, item, depth + 1));
			if (items.empty())
				parts.push_back(f.name == "AND" ? "TRUE" : "FALSE");
			else
				parts.push_back(items.size() == 1 ? items[0] : "(" + join(items, f.name == "AND" ? " AND " : " OR ") + ")");
			continue;
		}
		if (f.name == "NOT") {
			Scope inverted = scope;
			inverted.negated = !scope.negated;
			parts.push_back("(NOT " + object_predicate(object, where_type, inverted, given, depth + 1) + ")");
			continue;
		}
		const schema::FieldDef *field = object.find_field(f.name);
		if (!field || !f.type.named)
			continue;
		if (schema::filter_family(field->type) == FilterFamily::Object) {
			Scope nested{scope.view, json_value(scope.json, field->json_key), false, scope.negated, scope.from_data,
			             scope.data_path};
			nested.data_path.push_back(field->json_key);
			parts.push_back(object_predicate(*field->type.named, *f.type.named, nested, given, depth + 1));
		} else if (schema::filter_family(field->type) == FilterFamily::ObjectList) {
			std::string p = list_predicate(*field, *f.type.named, scope, given, depth + 1);
			if (!p.empty())
				parts.push_back(std::move(p));
		} else {
			std::string p = field_predicate(*field, *f.type.named, scope, given);
			if (!p.empty())
				parts.push_back(std::move(p));
		}
	}
	if (parts.empty())
		return "TRUE";
	return parts.size() == 1 ? parts[0] : "(" + join(parts, " AND ") + ")";
}

std::string
FilterCompiler::field_predicate(const schema::FieldDef &field, const schema::TypeDef &filter_type, const Scope &scope,
                                const InputRef &value)
{
	const FilterFamily family = schema::filter_family(field.type);
	const schema::TypeDef &leaf = *field.type.named; // the item type for lists
	const schema::Column *column = column_of(field, scope);
	const std::string column_sql = column ? "v." + quote_identifier(column->name) : std::string();
	const std::string text = column ? column_sql : json_text(scope.json, field.json_key);

	// The typed expression and parameter type of comparisons.
	FieldTyping ft;
	std::string &typed = ft.typed;
	uint32_t &oid = ft.oid;
	uint32_t &array_oid = ft.array_oid;
	std::string &element_cast = ft.element_cast;
	uint32_t &item_oid = ft.item_oid;
	if (family == FilterFamily::Geometry) {
		// A geometry or geography column as it is (its GiST index serves);
		// else the GeoJSON of the data column, read by PostGIS.
		const bool spatial = column && (column->type_name.compare(0, 8, "geometry") == 0 ||
		                                column->type_name.compare(0, 9, "geography") == 0);
		typed = spatial ? column_sql
		                : "ST_GeomFromGeoJSON(NULLIF(" + json_value(scope.json, field.json_key) + ", 'null'::jsonb))";
		oid = JSONB_OID;
	} else if (family == FilterFamily::Json || family == FilterFamily::List) {
		// A JSON null reads as SQL NULL (as ->> does for scalars), so NOT and
		// the negative operators never select it.
		typed = column ? column_sql : "NULLIF(" + json_value(scope.json, field.json_key) + ", 'null'::jsonb)";
		oid = JSONB_OID;
		array_oid = array_type_oid(JSONB_OID);
		if (column && family == FilterFamily::List && is_array_column(*column)) {
			oid = column->type_oid; // a real SQL array: array operators
			item_oid = element_type_oid(oid);
			element_cast = column->type_name.substr(0, column->type_name.size() - 2);
		} else if (column && column->type_oid != JSONB_OID) {
			typed = "(" + column_sql + "::jsonb)";
		}
	} else if (column) {
		ColumnComparison c = column_comparison(leaf, *column);
		typed = c.cast_column ? "(" + column_sql + "::" + c.natural.name + ")" : column_sql;
		oid = c.param_oid;
		array_oid = array_type_oid(oid);
		element_cast = column->type_name;
	} else {
		const char *cast = json_cast(leaf);
		typed = cast ? "(" + text + "::" + cast + ")" : text;
		oid = json_compare_type(leaf).oid;
		array_oid = array_type_oid(oid);
	}
	if (oid == TEXT_OID && std::string(natural_type(leaf).name) != "text" && family != FilterFamily::List) {
		// An extension's type (ltree): values bound as text, cast in the SQL.
		ft.value_cast = natural_type(leaf).name;
		array_oid = 0;
		element_cast = ft.value_cast;
	}
	ft.sql_array = family == FilterFamily::List && oid != JSONB_OID;
	ft.value_encoding = family == FilterFamily::Json || family == FilterFamily::Geometry ||
	                            (family == FilterFamily::List && !ft.sql_array)
	                        ? ParamEncoding::Json
	                        : (ft.sql_array ? ParamEncoding::Array : ParamEncoding::Text);
	const std::string text_operand =
	    column && !is_text_column(*column) ? "(" + column_sql + "::text)" : text;

	std::vector<std::string> parts;
	for (const schema::InputValueDef &op_def : filter_type.input_fields) {
		InputRef operand = reader_.field(value, op_def.name);
		if (!operand.present() || operand.is_null())
			continue;
		const schema::FilterOperator *info = schema::find_filter_op(family, op_def.name);
		if (!info)
			continue;
		switch (info->form) {
		case OpForm::IsNull:
			// ->> reads JSON null as SQL NULL, so a null and an absent key are alike.
			parts.push_back(text + (operand.boolean() ? " IS NULL" : " IS NOT NULL"));
			break;
		case OpForm::Overlaps:
			if (ft.sql_array) {
				parts.push_back(typed + " && " +
				                bind_list(operand, op_def.type, ft.value_encoding, oid, item_oid, element_cast.c_str()));
			} else {
				// NULL, not false, for a null list, like every other operator.
				OperatorSlots slots{typed, text_operand,
				                    bind_list(operand, op_def.type, ft.value_encoding, oid, oid, "jsonb")};
				parts.push_back(expand_operator(info->json_sql, slots));
			}
			break;
		case OpForm::In:
		case OpForm::Nin: {
			ParamEncoding encoding = family == FilterFamily::Json ? ParamEncoding::JsonArray : ParamEncoding::Array;
			// An extension's type: items bound as text, the array cast to it.
			const uint32_t item_type = ft.value_cast.empty() ? oid : 0;
			std::string list = bind_list(operand, op_def.type, encoding, array_oid, item_type, element_cast.c_str());
			// Over an empty list SQL gives a null value FALSE for = ANY and
			// TRUE for <> ALL, not NULL; a null value must match neither `in`
			// nor `nin` (nor their NOT), so the null row is made to select
			// as NULL would at this depth (see Scope::negated).
			const bool in = info->form == OpForm::In;
			std::string p = typed + (in ? " = ANY(" : " <> ALL(") + list + ")";
			if (in && scope.negated)
				p = "(" + p + " OR " + typed + " IS NULL)";
			else if (!in && !scope.negated)
				p = "(" + p + " AND " + typed + " IS NOT NULL)";
			parts.push_back(std::move(p));
			break;
		}
		case OpForm::Flag: {
			std::string p = expand_operator(info->sql, OperatorSlots{typed, text_operand, std::string()});
			parts.push_back(operand.boolean() ? p : "(NOT " + p + ")");
			break;
		}
		case OpForm::Template: {
			OperatorSlots slots{typed, text_operand, bind_operand(*info, ft, operand, op_def.type)};
			slots.w = std::move(distance_meters_);
			distance_meters_.clear();
			const bool json_list = family == FilterFamily::List && !ft.sql_array;
			parts.push_back(expand_operator(json_list && info->json_sql ? info->json_sql : info->sql, slots));
			break;
		}
		}
	}
	if (parts.empty())
		return std::string();
	return parts.size() == 1 ? parts[0] : "(" + join(parts, " AND ") + ")";
}

std::string
FilterCompiler::bind_operand(const schema::FilterOperator &op, const FieldTyping &ft, const InputRef &operand,
                             const schema::TypeExpr &type)
{
	switch (op.operand) {
	case OperandShape::Value:
		if (ft.sql_array)
			return bind_list(operand, type, ft.value_encoding, ft.oid, ft.item_oid, ft.element_cast.c_str());
		if (ft.value_encoding == ParamEncoding::Json && type.is_list())
			return bind_list(operand, type, ft.value_encoding, ft.oid, ft.oid, "jsonb");
	{
		size_t before = params_.size();
		std::string p = bind(operand, type, ft.value_encoding, ft.oid, "where");
		if (params_.size() > before && (!ft.value_cast.empty() || type.named->scalar == schema::ScalarKind::Geometry))
			params_.back().check_type = ft.value_cast.empty() ? "geojson" : ft.value_cast;
		return cast(p, ft.value_cast);
	}
	case OperandShape::Item:
		if (ft.sql_array)
			return cast(bind(operand, type, ParamEncoding::Text, ft.item_oid ? ft.item_oid : TEXT_OID, "where"),
			            ft.item_oid ? std::string() : ft.element_cast);
		if (ft.oid == JSONB_OID)
			return bind(operand, type, ParamEncoding::Json, JSONB_OID, "where");
		return bind(operand, type, ParamEncoding::Text, range_element_oid(ft.oid), "where");
	case OperandShape::String:
		return bind(operand, type, like_encoding(op.like), TEXT_OID, "where");
	case OperandShape::Json: return bind(operand, type, ParamEncoding::Json, JSONB_OID, "where");
	case OperandShape::Int: return bind(operand, type, ParamEncoding::Text, INT4_OID, "where");
	case OperandShape::JsonPath:
		// jsonpath has a fixed OID: its input function runs (guarded) when
		// the glue binds the value, so a malformed path is BAD_USER_INPUT.
		return bind(operand, type, ParamEncoding::Text, JSONPATH_OID, "where");
	case OperandShape::LQuery: {
		// lquery is ltree's, without a fixed OID: bound as text, its input
		// function run by the glue first (Param::check_type). Literals rebound
		// from the plan cache take the same path, so every bad value gets the
		// same error.
		size_t before = params_.size();
		std::string p = bind(operand, type, ParamEncoding::Text, TEXT_OID, "where");
		if (params_.size() > before)
			params_.back().check_type = "lquery";
		return cast(p, "lquery");
	}
	case OperandShape::Distance: {
		// {point: GeoJSON, meters: Float}: the point in {v}, checked as GeoJSON
		// by PostGIS before the statement (Param::check_type), meters in {w}.
		const schema::TypeDef &input = *type.named;
		const schema::InputValueDef *point = input.find_input_field("point");
		const schema::InputValueDef *meters = input.find_input_field("meters");
		if (!point || !meters)
			return "NULL";
		size_t before = params_.size();
		std::string p = bind(reader_.field(operand, "point"), point->type, ParamEncoding::Json, JSONB_OID, "where");
		if (params_.size() > before)
			params_.back().check_type = "geojson";
		distance_meters_ = bind(reader_.field(operand, "meters"), meters->type, ParamEncoding::Text, FLOAT8_OID, "where");
		return p;
	}
	case OperandShape::List:
	case OperandShape::Boolean: break; // in/nin and flags: field_predicate
	}
	return "NULL";
}

std::string
FilterCompiler::order_by(const schema::TypeDef &object, const schema::TypeDef &order_type,
                         const schema::ViewBinding &view, const InputRef &value)
{
	std::vector<std::string> keys;
	for (const OrderKey &key : order_keys(object, order_type, view, value))
		keys.push_back(key.expression + " " + key.direction);
	return join(keys, ", ");
}

std::vector<OrderKey>
FilterCompiler::order_keys(const schema::TypeDef &object, const schema::TypeDef &order_type,
                           const schema::ViewBinding &view, const InputRef &value)
{
	Scope scope{&view, "v." + quote_identifier(view.data_column), true};
	std::vector<OrderKey> keys;
	for (const InputRef &item : reader_.items(value)) {
		if (!item.present() || item.is_null())
			continue;
		// Within one object the keys follow the input type's field order (a
		// variable's object has no other); the list gives the priority.
		object_order_keys(object, order_type, scope, item, keys, 0);
	}
	return keys;
}

bool
FilterCompiler::order_key(const schema::FieldDef &field, const Scope &scope, const InputRef &direction,
                          OrderKey &key) const
{
	const std::string name = direction.enum_value();
	const char *sql_direction = direction_sql(name);
	if (!sql_direction)
		return false;
	key.direction = sql_direction;
	key.descending = name.compare(0, 4, "DESC") == 0;
	// PostgreSQL's defaults: nulls last ascending, first descending.
	key.nulls_first = name.find("NULLS_FIRST") != std::string::npos ||
	                  (key.descending && name.find("NULLS_LAST") == std::string::npos);
	const schema::Column *column = column_of(field, scope);
	if (column) {
		key.expression = "v." + quote_identifier(column->name);
		key.type_oid = column->type_oid;
	} else {
		key.expression = json_text(scope.json, field.json_key);
		if (const char *cast = json_cast(*field.type.named))
			key.expression = "(" + key.expression + "::" + cast + ")";
		key.type_oid = json_cast(*field.type.named) ? json_compare_type(*field.type.named).oid : TEXT_OID;
	}
	return true;
}

} // namespace fraiseql::compile
