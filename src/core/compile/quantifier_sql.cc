// quantifier_sql.cc: `some`, `every` and `none` over a list of objects in the
// JSON (docs/reference.md, "Filtering and ordering").
//
//   some:  EXISTS (SELECT 1 FROM jsonb_array_elements(list) AS qN(x) WHERE p)
//   every: NOT EXISTS (... WHERE (p) IS NOT TRUE)
//   none:  NOT EXISTS (... WHERE p)
//
// p is the element type's where, compiled like any other with the element's
// jsonb as the object. A quantifier is never NULL: a null or absent list (or
// a value that is not an array) has no elements, so `some` is false and
// `every`/`none` are true, as NOT EXISTS has it. The element predicate sits
// in a WHERE (or under IS NOT TRUE), where only TRUE counts, so it starts
// un-negated whatever surrounds the quantifier.
#include "core/compile/compiler.h"
#include "core/compile/filter_sql.h"
#include "core/compile/json_access.h"
#include "core/compile/sql_types.h"
#include "core/schema/filters.h"

namespace fraiseql::compile {

namespace {

using schema::FilterFamily;

constexpr uint32_t MAX_CONTAINMENT_DEPTH = 600; // as MAX_FILTER_DEPTH: only a bug reaches it

// Scalars whose JSON form is one value per GraphQL value, so that `eq`
// matching implies jsonb containment of that value (given values stored with
// their type's JSON type, as views write them). Not ID: ids are often JSON
// numbers, while `eq` compares their text.
bool
containable(const schema::TypeExpr &type)
{
	if (!type.named || type.is_list())
		return false;
	const schema::TypeDef &t = *type.named;
	if (t.kind == schema::TypeKind::Enum)
		return true;
	return t.kind == schema::TypeKind::Scalar &&
	       (t.scalar == schema::ScalarKind::String || t.scalar == schema::ScalarKind::Boolean ||
	        t.scalar == schema::ScalarKind::Int);
}

std::string
build_object(const std::string &key, const std::string &value)
{
	return "pg_catalog.jsonb_build_object(" + quote_literal(key) + ", " + value + ")";
}

std::string
merge(const std::vector<std::string> &parts)
{
	std::string out;
	for (const std::string &p : parts)
		out += (out.empty() ? "" : " || ") + p;
	return parts.size() > 1 ? "(" + out + ")" : out;
}

} // namespace

std::string
FilterCompiler::list_predicate(const schema::FieldDef &field, const schema::TypeDef &filter_type, const Scope &scope,
                               const InputRef &value, uint32_t depth)
{
	const schema::TypeDef &element = *field.type.named;
	const std::string list = json_value(scope.json, field.json_key);
	std::vector<std::string> parts;
	for (const schema::InputValueDef &q : filter_type.input_fields) {
		InputRef given = reader_.field(value, q.name);
		if (!given.present() || given.is_null() || !q.type.named)
			continue;
		const std::string alias = "q" + std::to_string(++list_aliases_);
		Scope inner{scope.view, alias + ".x", false, false, false, {}};
		std::string p = object_predicate(element, *q.type.named, inner, given, depth + 1);
		std::string from = "(SELECT 1 FROM pg_catalog.jsonb_array_elements(" + json_array_or_null(list) + ") AS " +
		                   alias + "(x) WHERE ";
		if (q.name == "some") {
			std::string exists = "EXISTS " + from + p + ")";
			std::string contained;
			// Only where an index can use it: unindexed, the test would read
			// every document a second time for nothing.
			if (scope.from_data && scope.view->data_containment_index)
				contained = containment(element, *q.type.named, given, depth + 1);
			if (contained.empty()) {
				parts.push_back(std::move(exists));
			} else {
				// Implied by the EXISTS, so the conjunction means the same
				// anywhere; the GIN index serves it. Built in a scalar
				// subquery, an init plan run once per statement rather than
				// once per row when the planner reads the rows another way.
				std::vector<std::string> path = scope.data_path;
				path.push_back(field.json_key);
				contained = "pg_catalog.jsonb_build_array(" + contained + ")";
				for (size_t i = path.size(); i-- > 0;)
					contained = build_object(path[i], contained);
				parts.push_back("(v." + quote_identifier(scope.view->data_column) + " @> (SELECT " + contained + ") AND " +
				                exists + ")");
			}
		} else if (q.name == "every") {
			parts.push_back("NOT EXISTS " + from + "(" + p + ") IS NOT TRUE)");
		} else {
			parts.push_back("NOT EXISTS " + from + p + ")");
		}
	}
	if (parts.empty())
		return std::string();
	std::string out;
	for (const std::string &p : parts)
		out += (out.empty() ? "" : " AND ") + p;
	return parts.size() > 1 ? "(" + out + ")" : out;
}

// A jsonb object that every element matching `value` contains, from its
// `eq` filters on containable scalars, nested objects, AND and nested `some`
// (OR, NOT, every and none add nothing: they imply no member). Empty when
// nothing qualifies. Values are bound again.
std::string
FilterCompiler::containment(const schema::TypeDef &object, const schema::TypeDef &where_type, const InputRef &value,
                            uint32_t depth)
{
	if (depth > MAX_CONTAINMENT_DEPTH)
		return std::string();
	std::vector<std::string> parts;
	for (const schema::InputValueDef &f : where_type.input_fields) {
		InputRef given = reader_.field(value, f.name);
		if (!given.present() || given.is_null() || !f.type.named)
			continue;
		if (f.name == "AND") {
			for (const InputRef &item : reader_.items(given))
				if (item.present() && !item.is_null()) {
					std::string sub = containment(object, where_type, item, depth + 1);
					if (!sub.empty())
						parts.push_back(std::move(sub));
				}
			continue;
		}
		if (f.name == "OR" || f.name == "NOT")
			continue;
		const schema::FieldDef *field = object.find_field(f.name);
		if (!field)
			continue;
		const FilterFamily family = schema::filter_family(field->type);
		if (family == FilterFamily::Object) {
			std::string sub = containment(*field->type.named, *f.type.named, given, depth + 1);
			if (!sub.empty())
				parts.push_back(build_object(field->json_key, sub));
		} else if (family == FilterFamily::ObjectList) {
			const schema::InputValueDef *some = f.type.named->find_input_field("some");
			InputRef inner = reader_.field(given, "some");
			if (!some || !some->type.named || !inner.present() || inner.is_null())
				continue;
			std::string sub = containment(*field->type.named, *some->type.named, inner, depth + 1);
			if (!sub.empty())
				parts.push_back(build_object(field->json_key, "pg_catalog.jsonb_build_array(" + sub + ")"));
		} else if (containable(field->type)) {
			const schema::InputValueDef *eq = f.type.named->find_input_field("eq");
			InputRef operand = reader_.field(given, "eq");
			if (!eq || !operand.present() || operand.is_null())
				continue;
			// Bound as the eq operator binds it (a literal stays rebindable
			// by the plan cache, as its twin in the EXISTS is), made JSON in SQL.
			const uint32_t oid = json_compare_type(*field->type.named).oid;
			parts.push_back(build_object(field->json_key, "pg_catalog.to_jsonb(" +
			                                                  bind(operand, eq->type, ParamEncoding::Text, oid, "where") + ")"));
		}
	}
	return merge(parts);
}

} // namespace fraiseql::compile
