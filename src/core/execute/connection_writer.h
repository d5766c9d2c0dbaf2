// connection_writer.h: runs a connection root field (compile::ConnectionPlan)
// and writes its value: checks the paging arguments, decodes the cursors into
// the statement's cursor parameters, buffers the page (at most first/last + 1
// rows), then writes edges, pageInfo, totalCount and __typename in selection
// order, the nodes through the shared Projector.
#pragma once

#include <string>
#include <vector>

#include "core/compile/plan.h"
#include "core/execute/request.h"
#include "core/response/projection.h"

namespace fraiseql::execute {

// `params` holds the texts of the root's parameters (nullptr for NULL and for
// the cursor parameters, which are filled here). Returns true when the value
// was written; false when the field is null (its errors are recorded with
// their path; the caller truncates the output and propagates).
bool run_connection(const compile::RootField &root, std::vector<const std::string *> &params, StatementSlot &slot,
                    StatementRunner &runner, response::Projector &projector, response::JsonWriter &out,
                    ErrorList &errors);

} // namespace fraiseql::execute
