// connection_sql.cc: the statement of a connection root field.
//
// Forward (first/after):  SELECT v.data, jsonb_build_array(keys) FROM view v
//                         WHERE where AND after(cursor) ORDER BY keys LIMIT first+1
// Backward (last/before): the same over the reversed order with LIMIT last+1,
// inside an outer query that puts the page back in forward order. The extra
// row tells whether more rows follow. When totalCount or the far-side check
// (rows before `after`) is selected, the page is LEFT JOINed to one row
// holding them, so they arrive even when the page is empty.
#include "core/compile/connection_sql.h"

#include "core/compile/aggregate_sql.h"
#include "core/compile/compiler.h"
#include "core/compile/cursor.h"
#include "core/compile/sql_types.h"

namespace fraiseql::compile {

namespace {

std::string
direction(bool descending, bool nulls_first)
{
	return std::string(descending ? "DESC" : "ASC") + (nulls_first ? " NULLS FIRST" : " NULLS LAST");
}

bool
selects(const std::vector<ProjectionNode> &selection, const char *json_key)
{
	for (const ProjectionNode &n : selection)
		if (n.kind == NodeKind::Field && n.json_key == json_key)
			return true;
	return false;
}

// pageInfo { <flag> } under any alias.
bool
selects_page_flag(const std::vector<ProjectionNode> &selection, const char *flag)
{
	for (const ProjectionNode &n : selection)
		if (n.kind == NodeKind::Field && n.json_key == "page_info" && selects(n.children, flag))
			return true;
	return false;
}

} // namespace

std::string
keyset_predicate(const std::vector<OrderKey> &keys, const std::vector<std::string> &values, bool before)
{
	// after_i: the row's key i comes after the cursor's, nulls placed as the
	// order places them; equal_i: they are equal, nulls equal to nulls.
	// Built from the last key outwards: after_0 OR (equal_0 AND (after_1 OR ...)).
	std::string predicate;
	for (size_t n = keys.size(); n-- > 0;) {
		const OrderKey &k = keys[n];
		const std::string &e = k.expression;
		const std::string &c = values[n];
		bool descending = k.descending != before;
		bool nulls_first = k.nulls_first != before;
		std::string nulls = nulls_first ? "(" + c + " IS NULL AND " + e + " IS NOT NULL)"
		                                : "(" + e + " IS NULL AND " + c + " IS NOT NULL)";
		std::string after = k.not_null ? e + (descending ? " < " : " > ") + c
		                               : "COALESCE(" + e + (descending ? " < " : " > ") + c + ", " + nulls + ")";
		std::string equal = e + (k.not_null ? " = " : " IS NOT DISTINCT FROM ") + c;
		if (predicate.empty())
			predicate = after;
		else
			predicate = "(" + after + " OR (" + equal + " AND " + predicate + "))";
	}
	if (predicate.empty())
		return "FALSE";
	// A bound on the first key that the predicate implies, written so that an
	// index on that key can serve it once the planner sees the cursor's value
	// (PostgreSQL's custom plans): when nulls come first in the direction of
	// travel, every row after a non-null cursor value is at or beyond it.
	const OrderKey &k = keys[0];
	if (!k.not_null && k.nulls_first != before) {
		bool descending = k.descending != before;
		predicate = "(" + values[0] + " IS NULL OR " + k.expression + (descending ? " <= " : " >= ") + values[0] +
		            ") AND " + predicate;
	}
	return predicate;
}

std::string
order_sql(const std::vector<OrderKey> &keys, const std::vector<std::string> &expressions, bool reversed)
{
	std::string out;
	for (size_t i = 0; i < keys.size(); i++) {
		if (i)
			out += ", ";
		out += expressions[i] + " " + direction(keys[i].descending != reversed, keys[i].nulls_first != reversed);
	}
	return out;
}

void
ConnectionCompiler::fail(const syntax::Loc &loc, std::string message)
{
	errors_.push_back(make_error(ErrorCode::BadUserInput, std::move(message), loc.line, loc.column));
}

std::string
ConnectionCompiler::compile(const schema::FieldDef &def, const schema::ViewBinding &view, const syntax::Field &field,
                            RootField &out)
{
	auto plan = std::make_shared<ConnectionPlan>();
	out.connection = plan;
	FilterCompiler filters(variables_, reader_, out.params, errors_);
	const schema::TypeDef &node = *def.connection_node;
	const schema::Column *id = view.find_column(view.id_column);
	if (!id) {
		fail(field.loc, "Query." + def.name + " pages by the id column \"" + view.id_column + "\", which view \"" +
		                    view.name + "\" does not have");
		return std::string();
	}

	const syntax::Value *where_value = nullptr, *order_value = nullptr;
	const syntax::Argument *paging[4] = {nullptr, nullptr, nullptr, nullptr}; // first after last before
	static const char *const PAGING[4] = {"first", "after", "last", "before"};
	for (const syntax::Argument &arg : field.arguments) {
		if (def.where_type && arg.name.text == "where") {
			where_value = arg.value;
			continue;
		}
		if (def.order_by_type && arg.name.text == "orderBy") {
			order_value = arg.value;
			continue;
		}
		bool known = false;
		for (int i = 0; i < 4; i++)
			if (arg.name.text == PAGING[i]) {
				paging[i] = &arg;
				known = true;
			}
		if (!known)
			fail(arg.loc, "Argument \"" + std::string(arg.name.text) + "\" of connection field Query." + def.name +
			                  " is not supported: filter with \"where\"");
	}

	// Paging arguments given a value (null or an unset variable: not given;
	// the variables' shape keeps plans for the two cases apart).
	const schema::TypeDef *int_type = def.find_argument("first") ? def.find_argument("first")->type.named : nullptr;
	const schema::TypeDef *string_type = def.find_argument("after") ? def.find_argument("after")->type.named : nullptr;
	int32_t *slots[4] = {&plan->first, &plan->after, &plan->last, &plan->before};
	std::string refs[4];
	for (int i = 0; i < 4; i++) {
		if (!paging[i])
			continue;
		InputRef value = reader_.root(*paging[i]->value);
		if (!value.present() || value.is_null())
			continue;
		bool is_int = i == 0 || i == 2;
		const schema::InputValueDef *arg_def = def.find_argument(PAGING[i]);
		schema::TypeExpr type = arg_def ? arg_def->type : schema::TypeExpr();
		if (!type.named)
			type.named = is_int ? int_type : string_type;
		refs[i] = filters.bind(value, type, ParamEncoding::Text, is_int ? INT8_OID : TEXT_OID, PAGING[i]);
		*slots[i] = static_cast<int32_t>(out.params.size() - 1);
	}
	// `last` alone pages backward; `first` and `last` together take the
	// first rows, then the last of those (Relay's EdgesToReturn), forward.
	plan->backward = plan->last >= 0 && plan->first < 0;

	std::string where;
	if (where_value) {
		InputRef value = reader_.root(*where_value);
		if (value.present() && !value.is_null())
			where = filters.where(node, *def.where_type, view, value);
		if (where == "TRUE")
			where.clear();
	}

	// The orderBy keys (each expression once: a repeat never changes the
	// order), then the id column.
	std::vector<OrderKey> keys;
	if (order_value) {
		InputRef value = reader_.root(*order_value);
		if (value.present() && !value.is_null())
			for (OrderKey &k : filters.order_keys(node, *def.order_by_type, view, value)) {
				k.not_null = k.expression == "v." + quote_identifier(view.id_column);
				bool seen = false;
				for (const OrderKey &e : keys)
					seen = seen || e.expression == k.expression;
				if (!seen)
					keys.push_back(std::move(k));
			}
	}
	OrderKey id_key;
	id_key.expression = "v." + quote_identifier(view.id_column);
	id_key.type_oid = id->type_oid;
	id_key.not_null = true; // it identifies rows; plain comparisons let an index on it serve the keyset
	bool id_seen = false;
	for (const OrderKey &e : keys)
		id_seen = id_seen || e.expression == id_key.expression;
	if (!id_seen)
		keys.push_back(id_key);
	std::vector<std::string> expressions;
	for (const OrderKey &k : keys)
		expressions.push_back(k.expression);
	const std::string forward_order = order_sql(keys, expressions, false);
	plan->signature = ordering_signature(forward_order);
	plan->key_count = keys.size();

	// Cursor values: typed parameters filled from the decoded cursor.
	std::string cursor_predicates[2]; // after, before
	for (int side = 0; side < 2; side++) {
		int32_t raw = side == 0 ? plan->after : plan->before;
		if (raw < 0)
			continue;
		std::vector<std::string> values;
		for (size_t k = 0; k < keys.size(); k++) {
			Param p;
			p.source = ParamSource::Cursor;
			p.argument = side == 0 ? "after" : "before";
			p.cursor_key = static_cast<uint32_t>(k);
			p.pg_type_oid = keys[k].type_oid;
			p.line = out.params[static_cast<size_t>(raw)].line;
			p.column = out.params[static_cast<size_t>(raw)].column;
			out.params.push_back(std::move(p));
			values.push_back("$" + std::to_string(out.params.size()));
		}
		cursor_predicates[side] = keyset_predicate(keys, values, side == 1);
	}

	std::string limit;
	const std::string &size_ref = plan->backward ? refs[2] : refs[0];
	if (max_limit_) {
		Param cap;
		cap.source = ParamSource::MaxLimit;
		cap.literal = std::to_string(max_limit_);
		cap.pg_type_oid = INT8_OID;
		cap.argument = plan->backward ? "last" : "first";
		out.params.push_back(std::move(cap));
		plan->cap = static_cast<int32_t>(out.params.size() - 1);
		std::string cap_sql = "$" + std::to_string(out.params.size());
		limit = size_ref.empty() ? cap_sql : "LEAST(" + size_ref + ", " + cap_sql + ")";
	} else {
		limit = size_ref;
	}

	const std::string relation = quote_identifier(view.schema_name) + "." + quote_identifier(view.relation_name) + " v";
	std::string page_where = where;
	for (const std::string &p : cursor_predicates)
		if (!p.empty())
			page_where += (page_where.empty() ? "(" : " AND (") + p + ")";

	plan->has_count = selects(out.selection, "total_count");
	const std::string &far_side = plan->backward ? cursor_predicates[1] : cursor_predicates[0];
	plan->has_beyond =
	    !far_side.empty() && selects_page_flag(out.selection, plan->backward ? "has_next_page" : "has_previous_page");
	// aggregate { ... } under any alias: one object with every selection merged.
	std::vector<ProjectionNode> aggregate_selection;
	for (const ProjectionNode &n : out.selection)
		if (n.kind == NodeKind::Field && n.json_key == "aggregate")
			aggregate_selection.insert(aggregate_selection.end(), n.children.begin(), n.children.end());
	plan->has_aggregate = selects(out.selection, "aggregate");
	plan->wrapped = plan->backward || plan->has_count || plan->has_beyond || plan->has_aggregate;

	std::string page = "SELECT v." + quote_identifier(view.data_column) + (plan->wrapped ? " AS d" : "") +
	                   ", pg_catalog.jsonb_build_array(";
	for (size_t i = 0; i < expressions.size(); i++)
		page += (i ? ", " : "") + expressions[i];
	page += ")";
	std::vector<std::string> outer;
	if (plan->wrapped) {
		page += " AS k";
		for (size_t i = 0; i < expressions.size(); i++) {
			outer.push_back("p.o" + std::to_string(i + 1));
			page += ", " + expressions[i] + " AS o" + std::to_string(i + 1);
		}
	}
	page += " FROM " + relation;
	if (!page_where.empty())
		page += " WHERE " + page_where;
	page += " ORDER BY " + (plan->backward ? order_sql(keys, expressions, true) : forward_order);
	if (!limit.empty())
		page += " LIMIT " + limit + " + 1";
	if (!plan->wrapped)
		return page;

	std::string filtered = " FROM " + relation + (where.empty() ? "" : " WHERE " + where);
	std::string count = plan->has_count ? "(SELECT pg_catalog.count(*)" + filtered + ")" : std::string("NULL::int8");
	std::string beyond = "NULL::boolean";
	if (plan->has_beyond)
		beyond = "EXISTS (SELECT 1" + filtered + (where.empty() ? " WHERE " : " AND ") + "NOT (" + far_side + "))";
	// The aggregate is a fifth column only when selected.
	std::string aggregate_column, aggregate;
	if (plan->has_aggregate) {
		aggregate_column = ", x.a";
		aggregate = ", " + aggregate_object_sql(node, view, aggregate_selection, where) + " AS a";
	}
	return "SELECT p.d, p.k, x.n, x.e" + aggregate_column + " FROM (SELECT " + count + " AS n, " + beyond + " AS e" +
	       aggregate + ") x LEFT JOIN LATERAL (" + page + ") p ON true ORDER BY " + order_sql(keys, outer, false);
}

} // namespace fraiseql::compile
