// connection_sql.h: a @connection root field -> one parameterized statement
// (docs/reference.md, "Connections"). Keyset pagination over the
// orderBy keys and the id column: `after`/`before` become predicates on the
// cursor's key values, each a typed parameter decoded from the cursor at run
// time (ParamSource::Cursor), so one plan serves every cursor and page size.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/coerce/variables.h"
#include "core/compile/filter_sql.h"
#include "core/compile/input_ref.h"
#include "core/compile/plan.h"
#include "core/schema/schema.h"
#include "core/syntax/ast.h"

namespace fraiseql::compile {

// What the executor needs beyond the statement. The statement's columns are
// (data, keys) where keys is the jsonb array of the row's key values; a
// `wrapped` statement adds (count, beyond) and, when the page is empty,
// returns one row whose data and keys are NULL.
struct ConnectionPlan {
	std::string signature;   // of the ordering (cursor.h)
	size_t key_count = 0;    // values per cursor, the id column included
	bool backward = false;   // `last` without `first`: the page is the last rows before `before`
	bool wrapped = false;
	bool has_count = false;  // column 3: count(*) under `where` (totalCount selected)
	bool has_beyond = false; // column 4: rows exist on the far side of the cursor given
	bool has_aggregate = false; // column 5: the `aggregate` object under `where` (aggregate_sql.h)
	// Indexes into RootField::params of the paging arguments' raw values (-1: not given).
	int32_t first = -1, last = -1, after = -1, before = -1, cap = -1;
};

// The predicate "the row comes after the position whose key values are
// `values`" in the order of `keys` (with `before`: comes before it). Null-safe:
// never NULL, so NOT of it is the complement; nested rather than expanded, so
// its size grows linearly with the keys.
std::string keyset_predicate(const std::vector<OrderKey> &keys, const std::vector<std::string> &values, bool before);

// ORDER BY text of `keys` over `expressions` (the keys' own, or output
// columns), every direction and null placement explicit; reversed on request.
std::string order_sql(const std::vector<OrderKey> &keys, const std::vector<std::string> &expressions, bool reversed);

class ConnectionCompiler {
public:
	ConnectionCompiler(const coerce::VariableValues &variables, const InputReader &reader, ErrorList &errors,
	                   uint32_t max_limit)
	    : variables_(variables), reader_(reader), errors_(errors), max_limit_(max_limit)
	{
	}

	// The statement of `field` (root field `def` over `view`); fills out.params
	// and out.connection. `out.selection` must be compiled already (it decides
	// whether totalCount and the far-side check are computed).
	std::string compile(const schema::FieldDef &def, const schema::ViewBinding &view, const syntax::Field &field,
	                    RootField &out);

private:
	const coerce::VariableValues &variables_;
	const InputReader &reader_;
	ErrorList &errors_;
	uint32_t max_limit_;

	void fail(const syntax::Loc &loc, std::string message);
};

} // namespace fraiseql::compile
