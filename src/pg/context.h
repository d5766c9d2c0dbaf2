// context.h: execute()'s context as settings app.<key> for the duration of
// the call, the way a function's SET clauses work: a new GUC nest level, each
// value set with GUC_ACTION_SAVE, and AtEOXact_GUC(true, level) at the end.
// An error path needs nothing: the (sub)transaction abort pops the level.
#pragma once

#include <vector>

#include "core/execute/request_context.h"
#include "pg/pg.h"

namespace fraiseql::pg {

class ContextSettings {
public:
	// Sets every setting (the keys were checked by execute::read_context).
	explicit ContextSettings(const std::vector<execute::ContextSetting> &settings);
	// Restores the caller's values; call once the request is done.
	void restore();

private:
	int nest_level_ = -1;
};

} // namespace fraiseql::pg
