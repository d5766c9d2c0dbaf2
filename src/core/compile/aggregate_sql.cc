// aggregate_sql.cc: <xs>Aggregate -> one statement.
//
//   SELECT jsonb_build_object('count', count(*), 'sum', jsonb_build_object(...),
//          'groups', (SELECT COALESCE(jsonb_agg(g.j ORDER BY g.n), '[]') FROM
//                       (SELECT jsonb_build_object('keys', ..., 'count', count(*), ...) AS j,
//                               row_number() OVER (ORDER BY <orderBy>, <keys>) AS n
//                        FROM view v WHERE <where> GROUP BY <keys> HAVING <having>
//                        ORDER BY n LIMIT <limit>) g))
//   FROM view v WHERE <where>
//
// Without groupBy the groups are SQL's single group of all rows (kept or
// dropped by having). Ties of orderBy are broken by the keys, ascending
// with nulls last, so the order is total.
#include "core/compile/aggregate_sql.h"

#include <algorithm>

#include "core/compile/compiler.h"
#include "core/compile/limit_cap.h"
#include "core/compile/sql_types.h"
#include "core/schema/aggregates.h"

namespace fraiseql::compile {

namespace {

using schema::AggregateFn;
using schema::FieldDef;
using schema::TypeDef;

// jsonb_build_object takes at most 100 arguments: longer objects are
// concatenated from pieces.
constexpr size_t PAIRS_PER_CALL = 40;

// A JSON key from the schema as an SQL string literal (E'' when it has a
// backslash, whatever standard_conforming_strings says).
std::string
key_literal(std::string_view key)
{
	std::string body;
	bool backslash = false;
	for (char c : key) {
		backslash = backslash || c == '\\';
		body += c;
		if (c == '\'' || c == '\\')
			body += c;
	}
	return (backslash ? "E'" : "'") + body + "'";
}

// jsonb_build_object over (key, SQL value) pairs, '{}' for none.
std::string
build_object(const std::vector<std::pair<std::string, std::string>> &pairs)
{
	if (pairs.empty())
		return "'{}'::jsonb";
	std::string out;
	for (size_t i = 0; i < pairs.size(); i += PAIRS_PER_CALL) {
		if (i)
			out += " || ";
		out += "pg_catalog.jsonb_build_object(";
		for (size_t j = i; j < pairs.size() && j < i + PAIRS_PER_CALL; j++)
			out += (j > i ? ", " : "") + key_literal(pairs[j].first) + ", " + pairs[j].second;
		out += ")";
	}
	return out;
}

const char *
direction_sql(const std::string &name)
{
	static const char *const NAMES[][2] = {{"ASC", "ASC"},
	                                       {"DESC", "DESC"},
	                                       {"ASC_NULLS_FIRST", "ASC NULLS FIRST"},
	                                       {"ASC_NULLS_LAST", "ASC NULLS LAST"},
	                                       {"DESC_NULLS_FIRST", "DESC NULLS FIRST"},
	                                       {"DESC_NULLS_LAST", "DESC NULLS LAST"}};
	for (const auto &n : NAMES)
		if (name == n[0])
			return n[1];
	return nullptr;
}

// A selected field and what is selected under it, fields of one key merged
// (aliases of one field, or one field selected twice).
struct Entry {
	std::string key;
	std::vector<std::string> children;
};

std::vector<Entry>
entries(const std::vector<ProjectionNode> &selection)
{
	std::vector<Entry> out;
	for (const ProjectionNode &n : selection) {
		if (n.kind != NodeKind::Field)
			continue;
		Entry *e = nullptr;
		for (Entry &x : out)
			if (x.key == n.json_key)
				e = &x;
		if (!e) {
			out.push_back(Entry{n.json_key, {}});
			e = &out.back();
		}
		for (const ProjectionNode &c : n.children)
			if (c.kind == NodeKind::Field &&
			    std::find(e->children.begin(), e->children.end(), c.json_key) == e->children.end())
				e->children.push_back(c.json_key);
	}
	return out;
}

class AggregateBuilder {
public:
	AggregateBuilder(const TypeDef &object, const schema::ViewBinding &view) : object_(object), view_(view) {}

	// The field whose generated output field has this JSON key.
	const FieldDef *
	field_by_key(const std::string &key) const
	{
		for (const FieldDef &f : object_.fields)
			if (schema::snake_case(f.name) == key)
				return &f;
		return nullptr;
	}

	// A field's value, typed as filters type it.
	std::string
	value(const FieldDef &f) const
	{
		const TypeDef &leaf = *f.type.named;
		const schema::Column *c = view_.find_column(schema::snake_case(f.name));
		if (c && c->name != view_.data_column) {
			std::string column = "v." + quote_identifier(c->name);
			ColumnComparison cmp = column_comparison(leaf, *c);
			return cmp.cast_column ? "(" + column + "::" + cmp.natural.name + ")" : column;
		}
		std::string text = "(v." + quote_identifier(view_.data_column) + "->>" + key_literal(f.json_key) + ")";
		const char *cast = json_cast(leaf);
		return cast ? "(" + text + "::" + cast + ")" : text;
	}

	// `fn` over a field, typed (for having and ordering): numbers stay
	// numbers, averages of Float are float8 as the client sees them.
	std::string
	fn_value(AggregateFn fn, const FieldDef &f) const
	{
		const std::string v = value(f);
		switch (fn) {
		case AggregateFn::CountDistinct: return "pg_catalog.count(DISTINCT " + v + ")";
		case AggregateFn::Sum: return "pg_catalog.sum(" + v + ")";
		case AggregateFn::Avg:
			return "pg_catalog.avg(" + v + ")" +
			       (f.type.named->scalar == schema::ScalarKind::Decimal ? "" : "::pg_catalog.float8");
		case AggregateFn::Min: return "pg_catalog.min(" + v + ")";
		case AggregateFn::Max: return "pg_catalog.max(" + v + ")";
		}
		return v;
	}

	// The value as written into the response: BigInt and Decimal as text.
	std::string
	fn_json(AggregateFn fn, const FieldDef &f) const
	{
		const std::string v = fn_value(fn, f);
		return as_string(fn, f) ? v + "::pg_catalog.text" : v;
	}

	// BigInt and Decimal results: sums of Int, and sums, minima and maxima
	// of BigInt and Decimal fields (averages of BigInt are Float).
	static bool
	as_string(AggregateFn fn, const FieldDef &f)
	{
		const std::string result = schema::aggregate_result(fn, *f.type.named);
		return result == "BigInt" || (result == f.type.named->name && schema::aggregate_as_string(*f.type.named));
	}

	// The pairs of a <T>Aggregate or <T>AggregateGroup selection; `keys`
	// names the grouped fields (their values are the group's).
	std::vector<std::pair<std::string, std::string>>
	pairs(const std::vector<ProjectionNode> &selection, const std::vector<const FieldDef *> &keys,
	      const std::string &groups_sql, bool &uses_rows) const
	{
		std::vector<std::pair<std::string, std::string>> out;
		for (const Entry &e : entries(selection)) {
			if (e.key == "count") {
				out.emplace_back(e.key, "pg_catalog.count(*)");
				uses_rows = true;
			} else if (e.key == "groups") {
				out.emplace_back(e.key, groups_sql);
			} else if (e.key == "keys") {
				std::vector<std::pair<std::string, std::string>> values;
				for (const std::string &child : e.children)
					for (const FieldDef *k : keys)
						if (schema::snake_case(k->name) == child)
							values.emplace_back(child, key_json(*k));
				out.emplace_back(e.key, build_object(values));
			} else if (const schema::AggregateFnInfo *fn = fn_by_key(e.key)) {
				std::vector<std::pair<std::string, std::string>> values;
				for (const std::string &child : e.children)
					if (const FieldDef *f = field_by_key(child))
						values.emplace_back(child, fn_json(fn->fn, *f));
				out.emplace_back(e.key, build_object(values));
				uses_rows = true;
			}
		}
		return out;
	}

	// A group key as written: BigInt and Decimal as text, like aggregates.
	std::string
	key_json(const FieldDef &f) const
	{
		const TypeDef &leaf = *f.type.named;
		return schema::aggregate_as_string(leaf) ? value(f) + "::pg_catalog.text" : value(f);
	}

	static const schema::AggregateFnInfo *
	fn_by_key(const std::string &key)
	{
		const schema::AggregateFnInfo *fns = nullptr;
		size_t n = schema::aggregate_fns(&fns);
		for (size_t i = 0; i < n; i++)
			if (schema::snake_case(fns[i].field) == key)
				return &fns[i];
		return nullptr;
	}

	std::string
	relation() const
	{
		return quote_identifier(view_.schema_name) + "." + quote_identifier(view_.relation_name) + " v";
	}

private:
	const TypeDef &object_;
	const schema::ViewBinding &view_;
};

// Arguments of <xs>Aggregate: having and orderBy over the groups.
class GroupCompiler {
public:
	GroupCompiler(const AggregateBuilder &builder, const TypeDef &object, FilterCompiler &filters,
	              const InputReader &reader, ErrorList &errors)
	    : builder_(builder), object_(object), filters_(filters), reader_(reader), errors_(errors)
	{
	}

	std::vector<const FieldDef *> keys; // groupBy, each field once

	void
	group_by(const InputRef &value)
	{
		for (const InputRef &item : reader_.items(value)) {
			if (!item.present() || item.is_null())
				continue;
			const std::string name = item.enum_value();
			for (const FieldDef &f : object_.fields)
				if (schema::groupable(f.type) && schema::group_by_value(f.name) == name &&
				    std::find(keys.begin(), keys.end(), &f) == keys.end())
					keys.push_back(&f);
		}
	}

	// A boolean expression over the group's aggregates.
	std::string
	having(const TypeDef &having_type, const InputRef &value, uint32_t depth)
	{
		if (depth > 600) { // only a bug gets here: the parser's nesting ends sooner
			errors_.push_back(make_error(ErrorCode::QueryTooComplex, "having is nested too deeply", value.loc.line,
			                             value.loc.column));
			return "FALSE";
		}
		std::vector<std::string> parts;
		for (const schema::InputValueDef &f : having_type.input_fields) {
			InputRef given = reader_.field(value, f.name);
			if (!given.present() || given.is_null() || !f.type.named)
				continue;
			if (f.name == "AND" || f.name == "OR") {
				std::vector<std::string> items;
				for (const InputRef &item : reader_.items(given))
					if (item.present() && !item.is_null())
						items.push_back(having(having_type, item, depth + 1));
				parts.push_back(items.empty() ? (f.name == "AND" ? "TRUE" : "FALSE")
				                              : "(" + join(items, f.name == "AND" ? " AND " : " OR ") + ")");
			} else if (f.name == "NOT") {
				parts.push_back("(NOT " + having(having_type, given, depth + 1) + ")");
			} else if (f.name == "count") {
				comparisons("pg_catalog.count(*)", *f.type.named, given, parts);
			} else if (const schema::AggregateFnInfo *fn = schema::find_aggregate_fn(f.name)) {
				for (const schema::InputValueDef &sub : f.type.named->input_fields) {
					InputRef operand = reader_.field(given, sub.name);
					const FieldDef *field = object_.find_field(sub.name);
					if (operand.present() && !operand.is_null() && field && sub.type.named)
						comparisons(builder_.fn_value(fn->fn, *field), *sub.type.named, operand, parts);
				}
			}
		}
		return parts.empty() ? "TRUE" : "(" + join(parts, " AND ") + ")";
	}

	// ORDER BY keys of an orderBy value; empty when it names none.
	std::vector<std::string>
	order_by(const TypeDef &order_type, const InputRef &value)
	{
		std::vector<std::string> out;
		for (const InputRef &item : reader_.items(value)) {
			if (!item.present() || item.is_null())
				continue;
			for (const schema::InputValueDef &f : order_type.input_fields) {
				InputRef given = reader_.field(item, f.name);
				if (!given.present() || given.is_null() || !f.type.named)
					continue;
				if (f.name == "count") {
					direction("pg_catalog.count(*)", given, out);
					continue;
				}
				const schema::AggregateFnInfo *fn = schema::find_aggregate_fn(f.name);
				for (const schema::InputValueDef &sub : f.type.named->input_fields) {
					InputRef d = reader_.field(given, sub.name);
					const FieldDef *field = object_.find_field(sub.name);
					if (!d.present() || d.is_null() || !field)
						continue;
					if (fn) {
						direction(builder_.fn_value(fn->fn, *field), d, out);
					} else if (std::find(keys.begin(), keys.end(), field) != keys.end()) {
						direction(builder_.value(*field), d, out);
					} else {
						errors_.push_back(make_error(ErrorCode::BadUserInput,
						                             "orderBy keys." + field->name + ": \"" + field->name +
						                                 "\" is not a groupBy key; group by " +
						                                 schema::group_by_value(field->name) + " to order by it",
						                             d.loc.line, d.loc.column));
					}
				}
			}
		}
		return out;
	}

	static std::string
	join(const std::vector<std::string> &parts, const char *separator)
	{
		std::string out;
		for (size_t i = 0; i < parts.size(); i++)
			out += (i ? separator : "") + parts[i];
		return out;
	}

private:
	const AggregateBuilder &builder_;
	const TypeDef &object_;
	FilterCompiler &filters_;
	const InputReader &reader_;
	ErrorList &errors_;

	// eq/gt/... of a <Scalar>AggregateFilter value, each a typed parameter.
	void
	comparisons(const std::string &expression, const TypeDef &filter_type, const InputRef &value,
	            std::vector<std::string> &parts)
	{
		const schema::HavingOpInfo *ops = nullptr;
		size_t n = schema::having_ops(&ops);
		for (const schema::InputValueDef &op : filter_type.input_fields) {
			InputRef operand = reader_.field(value, op.name);
			if (!operand.present() || operand.is_null() || !op.type.named)
				continue;
			for (size_t i = 0; i < n; i++)
				if (op.name == ops[i].name)
					parts.push_back(expression + ops[i].sql +
					                filters_.bind(operand, op.type, ParamEncoding::Text,
					                              json_compare_type(*op.type.named).oid, "having"));
		}
	}

	void
	direction(const std::string &expression, const InputRef &value, std::vector<std::string> &out)
	{
		if (const char *d = direction_sql(value.enum_value()))
			out.push_back(expression + " " + d);
	}
};

} // namespace

std::string
aggregate_object_sql(const TypeDef &object, const schema::ViewBinding &view,
                     const std::vector<ProjectionNode> &selection, const std::string &where)
{
	AggregateBuilder builder(object, view);
	bool uses_rows = false;
	std::string groups;
	for (const ProjectionNode &n : selection)
		if (n.kind == NodeKind::Field && n.json_key == "groups") {
			bool group_rows = false;
			std::string j = build_object(builder.pairs(n.children, {}, std::string(), group_rows));
			groups = "(SELECT pg_catalog.jsonb_build_array(" + j + ") FROM " + builder.relation() +
			         (where.empty() ? "" : " WHERE " + where) + " GROUP BY ())";
			break;
		}
	std::string j = build_object(builder.pairs(selection, {}, groups, uses_rows));
	if (!uses_rows)
		return j;
	return "(SELECT " + j + " FROM " + builder.relation() + (where.empty() ? "" : " WHERE " + where) + ")";
}

std::string
aggregate_sql(const FieldDef &def, const schema::ViewBinding &view, const syntax::Field &field, RootField &out,
              FilterCompiler &filters, const InputReader &reader, uint32_t max_limit, ErrorList &errors)
{
	const TypeDef &object = *def.aggregate_of->type.named;
	AggregateBuilder builder(object, view);
	GroupCompiler groups(builder, object, filters, reader, errors);

	const syntax::Value *args[5] = {nullptr, nullptr, nullptr, nullptr, nullptr};
	static const char *const NAMES[5] = {"where", "groupBy", "having", "orderBy", "limit"};
	for (const syntax::Argument &arg : field.arguments)
		for (int i = 0; i < 5; i++)
			if (arg.name.text == NAMES[i])
				args[i] = arg.value;
	auto given = [&](int i, InputRef &value) {
		if (!args[i])
			return false;
		value = reader.root(*args[i]);
		return value.present() && !value.is_null();
	};

	InputRef value;
	std::string where;
	if (given(0, value) && def.where_type) {
		where = filters.where(object, *def.where_type, view, value);
		if (where == "TRUE")
			where.clear();
	}
	if (given(1, value))
		groups.group_by(value);
	std::string having;
	if (given(2, value)) {
		having = groups.having(*def.find_argument("having")->type.named, value, 0);
		if (having == "TRUE")
			having.clear();
	}
	std::vector<std::string> order;
	if (given(3, value))
		order = groups.order_by(*def.find_argument("orderBy")->type.named, value);
	for (const FieldDef *k : groups.keys)
		order.push_back(builder.value(*k) + " ASC NULLS LAST");

	std::string limit;
	if (given(4, value)) {
		schema::TypeExpr int_type = def.find_argument("limit")->type;
		limit = filters.bind(value, int_type, ParamEncoding::Text, INT8_OID, "limit");
	}
	limit = cap_limit(out.params, limit, max_limit);

	const std::string filtered = " FROM " + builder.relation() + (where.empty() ? "" : " WHERE " + where);
	std::string groups_sql;
	for (const ProjectionNode &n : out.selection)
		if (n.kind == NodeKind::Field && n.json_key == "groups") {
			bool group_rows = false;
			std::string j = build_object(builder.pairs(n.children, groups.keys, std::string(), group_rows));
			std::string inner = "SELECT " + j + " AS j, pg_catalog.row_number() OVER (" +
			                    (order.empty() ? std::string() : "ORDER BY " + GroupCompiler::join(order, ", ")) +
			                    ") AS n" + filtered;
			// GROUP BY (): one group of all rows, even when nothing in it aggregates.
			std::vector<std::string> exprs;
			for (const FieldDef *k : groups.keys)
				exprs.push_back(builder.value(*k));
			inner += " GROUP BY " + (exprs.empty() ? std::string("()") : GroupCompiler::join(exprs, ", "));
			if (!having.empty())
				inner += " HAVING " + having;
			inner += " ORDER BY n";
			if (!limit.empty())
				inner += " LIMIT " + limit;
			groups_sql = "(SELECT COALESCE(pg_catalog.jsonb_agg(g.j ORDER BY g.n), '[]'::jsonb) FROM (" +
			             inner + ") g)";
			break;
		}
	bool uses_rows = false;
	std::string j = build_object(builder.pairs(out.selection, {}, groups_sql, uses_rows));
	return "SELECT " + j + (uses_rows ? filtered : std::string());
}

} // namespace fraiseql::compile
