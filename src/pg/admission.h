// admission.h: admission control from the planner's estimate
// (fraiseql.max_cost, fraiseql.max_rows_estimate). An ExecutorStart hook sees
// the plan a root field's statement actually runs with (custom or generic, as
// the plan cache chose it: no extra planning) and refuses it before the
// executor reads a row.
#pragma once

#include <string>

#include "core/execute/request.h"
#include "pg/pg.h"

namespace fraiseql::pg {

// Installs the ExecutorStart hook (from _PG_init).
void admission_init();

// One statement's check. After arm(source_text), the next ExecutorStart of the
// statement whose source text is `source_text` (the prepared statement's own
// string, compared by address so statements nested in it are not checked) is
// checked against the limits (when `check_limits` and a limit is on) and gets
// the request's traceparent comment (pg/trace.h), until the object dies.
class AdmissionCheck {
public:
	AdmissionCheck();
	~AdmissionCheck();
	void arm(const char *source_text, bool check_limits);
	AdmissionCheck(const AdmissionCheck &) = delete;
	AdmissionCheck &operator=(const AdmissionCheck &) = delete;
	// Whether the statement was refused; then fills `error` (QUERY_TOO_COMPLEX
	// naming `coordinate`, the estimate and the limit).
	bool refused(const std::string &coordinate, GraphQLError &error) const;
};

// The estimate of a planned statement's top node (the first planned, not
// utility, statement of the list).
bool plan_estimate(List *stmt_list, execute::PlanEstimate &estimate);

} // namespace fraiseql::pg
