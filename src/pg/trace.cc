// trace.cc: the traceparent comment in pg_stat_activity during a call.
#include "pg/trace.h"

#include <string>

#include "core/execute/request_context.h"
#include "core/execute/traceparent.h"
#include "pg/pg.h"

extern "C" {
#include "tcop/tcopprot.h"
#include "utils/backend_status.h"
}

namespace fraiseql::pg {

namespace {

std::string current; // "" when the running request has no traceparent

void
report(const std::string &comment)
{
	if (!debug_query_string)
		return;
	if (comment.empty()) {
		pgstat_report_activity(STATE_RUNNING, debug_query_string);
		return;
	}
	std::string text = comment + debug_query_string;
	pgstat_report_activity(STATE_RUNNING, text.c_str()); // copies (truncated to track_activity_query_size)
}

} // namespace

TraceScope::TraceScope(const jsonb::Value &context)
{
	std::string value;
	std::string comment;
	if (execute::context_value(context, "traceparent", value))
		comment = execute::traceparent_comment(value); // "" when malformed: ignored, no error
	saved_ = current;
	if (comment == saved_)
		return;
	current = comment;
	report(current);
}

TraceScope::~TraceScope()
{
	if (current == saved_)
		return;
	current = saved_;
	report(current);
}

const char *
trace_comment()
{
	return current.empty() ? nullptr : current.c_str();
}

} // namespace fraiseql::pg
