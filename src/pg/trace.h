// trace.h: trace correlation. A valid W3C traceparent in execute()'s context
// becomes a sqlcommenter comment, /*traceparent='00-...'*/, shown during the
// call where PostgreSQL's own tools look:
//  - pg_stat_activity.query: the client's statement with the comment in front
//    (pgstat_report_activity), restored when the call ends;
//  - each root field's statement as the executor sees it (its sourceText, which
//    auto_explain and log_nested_statements print): the admission hook puts the
//    comment in front of it.
// The prepared statements themselves stay as they are, so the plan cache is
// untouched: no per-request statement text, no re-preparing.
#pragma once

#include <string>

#include "core/jsonb/jsonb_reader.h"

namespace fraiseql::pg {

class TraceScope {
public:
	explicit TraceScope(const jsonb::Value &context);
	~TraceScope();
	TraceScope(const TraceScope &) = delete;
	TraceScope &operator=(const TraceScope &) = delete;

private:
	std::string saved_; // an enclosing call's comment (a view calling execute)
};

// The comment of the request running now, or nullptr.
const char *trace_comment();

} // namespace fraiseql::pg
