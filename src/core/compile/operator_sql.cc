// operator_sql.cc: operator templates -> SQL (see operator_sql.h).
#include "core/compile/operator_sql.h"

namespace fraiseql::compile {

const char *
text_search_config_sql()
{
	return "(COALESCE(NULLIF(pg_catalog.current_setting('fraiseql.text_search_config', true), ''), "
	       "pg_catalog.current_setting('default_text_search_config'))::pg_catalog.regconfig)";
}

std::string
expand_operator(const char *sql, const OperatorSlots &slots)
{
	std::string out;
	for (const char *p = sql; *p; p++) {
		if (*p == '{' && p[1] && p[2] == '}') {
			const std::string *slot = nullptr;
			switch (p[1]) {
			case 'x': slot = &slots.x; break;
			case 't': slot = &slots.t; break;
			case 'v': slot = &slots.v; break;
			case 'w': slot = &slots.w; break;
			case 'c': out += text_search_config_sql(); p += 2; continue;
			default: break;
			}
			if (slot) {
				out += *slot;
				p += 2;
				continue;
			}
		}
		out += *p;
	}
	return out;
}

} // namespace fraiseql::compile
