// admission.cc: the ExecutorStart hook behind fraiseql.max_cost and
// fraiseql.max_rows_estimate.
#include "pg/admission.h"

#include "pg/gucs.h"
#include "pg/trace.h"

extern "C" {
#include "executor/executor.h"
#include "nodes/plannodes.h"
}

namespace fraiseql::pg {

namespace {

ExecutorStart_hook_type previous_executor_start = nullptr;

// The one statement armed for a check, and what the check found. A backend
// runs one root field's statement at a time, so one slot is enough.
struct Armed {
	const char *source_text = nullptr;
	bool check_limits = false;
	bool refused = false;
	bool rows = false; // refused on max_rows_estimate (else on max_cost)
	double estimate = 0;
	double limit = 0;
} armed;

// Plain C frame under the executor: only trivially destructible locals, since
// ereport leaves it by longjmp.
extern "C" void
admission_executor_start(QueryDesc *query, int eflags)
{
	if (armed.source_text && query->sourceText == armed.source_text && query->plannedstmt &&
	    query->plannedstmt->planTree) {
		armed.source_text = nullptr; // the statement's own start only
		// The request's traceparent in front of the text auto_explain and the
		// log print (in the executor's memory, which outlives the statement).
		if (const char *comment = trace_comment())
			query->sourceText = psprintf("%s%s", comment, query->sourceText);
		const Plan *top = query->plannedstmt->planTree;
		if (!armed.check_limits) {
			// a mutation: traced, never refused
		} else if (guc_max_cost > 0 && top->total_cost > guc_max_cost) {
			armed.refused = true;
			armed.rows = false;
			armed.estimate = top->total_cost;
			armed.limit = guc_max_cost;
		} else if (guc_max_rows_estimate > 0 && top->plan_rows > guc_max_rows_estimate) {
			armed.refused = true;
			armed.rows = true;
			armed.estimate = top->plan_rows;
			armed.limit = guc_max_rows_estimate;
		}
		if (armed.refused)
			ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			                errmsg("fraiseql: estimated %s %.2f exceeds %s (%.2f)", armed.rows ? "rows" : "cost",
			                       armed.estimate, armed.rows ? "fraiseql.max_rows_estimate" : "fraiseql.max_cost",
			                       armed.limit)));
	}
	if (previous_executor_start)
		previous_executor_start(query, eflags);
	else
		standard_ExecutorStart(query, eflags);
}

} // namespace

void
admission_init()
{
	previous_executor_start = ExecutorStart_hook;
	ExecutorStart_hook = admission_executor_start;
}

AdmissionCheck::AdmissionCheck()
{
	armed = Armed();
}

void
AdmissionCheck::arm(const char *source_text, bool check_limits)
{
	armed.check_limits = check_limits && (guc_max_cost > 0 || guc_max_rows_estimate > 0);
	if (armed.check_limits || trace_comment())
		armed.source_text = source_text;
}

// Clears the finding too: a statement nested in a later one (a view calling
// fraiseql.execute) must not report this one's refusal.
AdmissionCheck::~AdmissionCheck()
{
	armed = Armed();
}

bool
AdmissionCheck::refused(const std::string &coordinate, GraphQLError &error) const
{
	if (!armed.refused)
		return false;
	const char *measure = armed.rows ? "rows" : "cost";
	error = make_error(ErrorCode::QueryTooComplex,
	                   "Field \"" + coordinate + "\" was not run: its estimated " + measure + " exceeds " +
	                       (armed.rows ? "fraiseql.max_rows_estimate" : "fraiseql.max_cost") + ".");
	error.extensions.push_back({"field", coordinate, 0, false});
	error.extensions.push_back({"measure", measure, 0, false});
	error.extensions.push_back({"estimate", "", armed.estimate, true});
	error.extensions.push_back({"limit", "", armed.limit, true});
	return true;
}

bool
plan_estimate(List *stmt_list, execute::PlanEstimate &estimate)
{
	ListCell *lc;
	foreach (lc, stmt_list) {
		PlannedStmt *stmt = lfirst_node(PlannedStmt, lc);
		if (stmt->commandType == CMD_UTILITY || !stmt->planTree)
			continue;
		estimate.cost = stmt->planTree->total_cost;
		estimate.rows = stmt->planTree->plan_rows;
		return true;
	}
	return false;
}

} // namespace fraiseql::pg
