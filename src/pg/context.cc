// context.cc: app.<key> settings scoped to one execute() call.
#include "pg/context.h"

#include "pg/guard.h"

namespace fraiseql::pg {

ContextSettings::ContextSettings(const std::vector<execute::ContextSetting> &settings)
{
	if (settings.empty())
		return;
	nest_level_ = call([] { return NewGUCNestLevel(); });
	for (const execute::ContextSetting &s : settings)
		call([&] {
			(void) set_config_option(s.name.c_str(), s.value.c_str(), superuser() ? PGC_SUSET : PGC_USERSET,
			                         PGC_S_SESSION, GUC_ACTION_SAVE, true, 0, false);
		});
}

void
ContextSettings::restore()
{
	if (nest_level_ < 0)
		return;
	int level = nest_level_;
	nest_level_ = -1;
	call([&] { AtEOXact_GUC(true, level); });
}

} // namespace fraiseql::pg
