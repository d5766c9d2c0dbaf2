// abstract_sql.h: the one statement of an interface or union root field over
// views (schema/abstract_roots.h). Each possible type reads its own view in
// one branch of a UNION ALL that selects a constant tag, the type's index in
// RootField::branches, written by the compiler (never request input):
//   SELECT u.tag, u.data FROM (
//     SELECT 0 AS tag, v."id" AS k0, NULL::integer AS k1, v."data" AS data FROM "app"."v_post" v
//     UNION ALL SELECT 1, NULL::uuid, v."id", v."data" FROM "app"."v_comment" v
//   ) u ORDER BY u.tag, u.k0, u.k1 LIMIT $1 OFFSET $2
// Each branch's id goes to its own column, so views whose ids have different
// types still union; lists order by (tag, id). With a limit, each branch is
// `(SELECT ... ORDER BY v."id" LIMIT limit + offset)`, so a page reads at
// most that many rows of each view (through its id index). Arguments other than
// limit/offset are equality filters on each view's column of that name (one
// parameter per view, typed by that view's column). A single field reads at
// most two rows (a second is a field error).
#pragma once

#include <string>

#include "core/compile/filter_sql.h"
#include "core/compile/function_sql.h"
#include "core/compile/input_ref.h"
#include "core/compile/plan.h"
#include "core/schema/schema.h"
#include "core/syntax/ast.h"

namespace fraiseql::compile {

// `out.branches` must already hold one branch per possible type, in
// Schema::possible_types order: the tag is the index. Sets out.tagged.
// An interface list's `where` and `orderBy` (generated over the interface's
// fields) compile against each member's view with `filters`: the predicate
// joins each branch's WHERE, the keys become columns o0.. of every branch
// that the outer ORDER BY sorts by before (tag, id).
std::string abstract_root_sql(const schema::FieldDef &def, const syntax::Field &field, const BindScalar &bind,
                              FilterCompiler &filters, const InputReader &reader, uint32_t max_limit, RootField &out,
                              ErrorList &errors);

} // namespace fraiseql::compile
