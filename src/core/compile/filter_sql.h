// filter_sql.h: `where` and `orderBy` argument values -> SQL (docs/reference.md,
// "Filtering and ordering"). Predicates read a real column of the view when one has the
// field's snake_case name (so indexes serve), else the typed JSON path of the
// data column; comparisons are typed, never text comparisons of numbers or
// dates; every value is a bound parameter.
#pragma once

#include <string>
#include <vector>

#include "core/coerce/variables.h"
#include "core/compile/input_ref.h"
#include "core/compile/json_access.h"
#include "core/compile/plan.h"
#include "core/schema/filters.h"
#include "core/schema/schema.h"

namespace fraiseql::compile {

// One ORDER BY key of an `orderBy` value.
struct OrderKey {
	std::string expression;  // over rows aliased v
	std::string direction;   // as written after the expression: "ASC", "DESC NULLS LAST"...
	bool descending = false;
	bool nulls_first = false; // where nulls sort, defaults resolved
	uint32_t type_oid = 0;    // of the expression's values (a connection binds cursor values with it)
	bool not_null = false;    // never NULL (the id column): plain comparisons, which indexes serve
};

class FilterCompiler {
public:
	// Parameters are appended to `params` ($n is its size); errors (a literal
	// value the scalar rejects, a nesting too deep) to `errors`.
	FilterCompiler(const coerce::VariableValues &variables, const InputReader &reader, std::vector<Param> &params,
	               ErrorList &errors)
	    : variables_(variables), reader_(reader), params_(params), errors_(errors)
	{
	}

	// A boolean SQL expression for the value of `where` (type `where_type`,
	// generated for `object`) over rows of `view` aliased v.
	std::string where(const schema::TypeDef &object, const schema::TypeDef &where_type, const schema::ViewBinding &view,
	                  const InputRef &value);

	// ORDER BY keys for the value of `orderBy` (a list of `order_type`), comma
	// separated; empty when the value names no key.
	std::string order_by(const schema::TypeDef &object, const schema::TypeDef &order_type,
	                     const schema::ViewBinding &view, const InputRef &value);

	// The same keys, one by one.
	std::vector<OrderKey> order_keys(const schema::TypeDef &object, const schema::TypeDef &order_type,
	                                 const schema::ViewBinding &view, const InputRef &value);

	// $n for a leaf value: a literal is coerced to `type` and lifted, a
	// variable's value is referenced by its path.
	std::string bind(const InputRef &value, const schema::TypeExpr &type, ParamEncoding encoding, uint32_t type_oid,
	                 std::string_view argument);

private:
	// How the fields of the object being filtered are read.
	struct Scope {
		const schema::ViewBinding *view;
		std::string json;  // SQL expression of the object's jsonb
		bool row = true;   // the row itself: real columns may serve
		// Under an odd number of NOTs. A WHERE keeps only TRUE rows, so at even
		// depth FALSE and NULL select alike, and under one NOT TRUE and NULL
		// do: `in`/`nin` use that to stay NULL-free for null values without
		// losing the plain, index-served `= ANY` at the top.
		bool negated = false;
		// The JSON keys from the data column down to this object, which
		// containment tests (quantifier_sql.cc) rebuild; false inside a list
		// element, which no path from the row names.
		bool from_data = true;
		std::vector<std::string> data_path = {};
	};

	const coerce::VariableValues &variables_;
	const InputReader &reader_;
	std::vector<Param> &params_;
	ErrorList &errors_;
	uint32_t list_aliases_ = 0; // names the element of each quantifier's subquery apart
	std::string distance_meters_; // bind_operand's second operand of distanceWithin ({w})

	std::string object_predicate(const schema::TypeDef &object, const schema::TypeDef &where_type, const Scope &scope,
	                             const InputRef &value, uint32_t depth);
	std::string field_predicate(const schema::FieldDef &field, const schema::TypeDef &filter_type, const Scope &scope,
	                            const InputRef &value);
	// quantifier_sql.cc: some/every/none over a list of objects, and the
	// jsonb containment an index can serve for `some`.
	std::string list_predicate(const schema::FieldDef &field, const schema::TypeDef &filter_type, const Scope &scope,
	                           const InputRef &value, uint32_t depth);
	std::string containment(const schema::TypeDef &object, const schema::TypeDef &where_type, const InputRef &value,
	                        uint32_t depth);
	// order_nested.cc: the keys of one orderBy object of `object` (nested
	// objects' own keys and lists' counts included), appended to `keys`.
	void object_order_keys(const schema::TypeDef &object, const schema::TypeDef &order_type, const Scope &scope,
	                       const InputRef &value, std::vector<OrderKey> &keys, uint32_t depth);
	// The key of a field given `direction`; false for a direction it does not know.
	bool order_key(const schema::FieldDef &field, const Scope &scope, const InputRef &direction, OrderKey &key) const;
	// How one filtered value is typed in SQL (field_predicate).
	struct FieldTyping {
		std::string typed;        // the value, typed
		uint32_t oid = 0;         // the parameter type of a value like it
		uint32_t array_oid = 0;   // ... of a list of them (0: text[] cast to element_cast[])
		std::string element_cast; // the SQL type of one item, as written in a cast
		uint32_t item_oid = 0;    // the element type of an SQL array column, when known
		std::string value_cast;   // an extension's type: operands are text cast to it
		bool sql_array = false;   // a List family value held in an SQL array
		ParamEncoding value_encoding = ParamEncoding::Text;
	};
	// $n (cast when needed) for the operand of a template operator.
	std::string bind_operand(const schema::FilterOperator &op, const FieldTyping &typing, const InputRef &operand,
	                         const schema::TypeExpr &type);
	// A JSON literal holding variables ({a: [$x, 1]}): jsonb built in SQL.
	std::string json_with_variables(const syntax::Value &value, const schema::TypeExpr &type, std::string_view argument);
	std::string bind_list(const InputRef &value, const schema::TypeExpr &type, ParamEncoding encoding,
	                      uint32_t array_oid, uint32_t element_oid, const char *element_cast);
	const schema::Column *column_of(const schema::FieldDef &field, const Scope &scope) const;
	void fail(const syntax::Loc &loc, std::string message);
};

} // namespace fraiseql::compile
