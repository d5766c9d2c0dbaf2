// limit_cap.cc: see limit_cap.h.
#include "core/compile/limit_cap.h"

namespace fraiseql::compile {

std::string
cap_limit(std::vector<Param> &params, const std::string &limit, uint32_t max_limit, const char *argument)
{
	if (!max_limit)
		return limit;
	Param cap;
	cap.source = ParamSource::MaxLimit;
	cap.literal = std::to_string(max_limit);
	cap.pg_type_oid = INT8_OID;
	cap.argument = argument;
	params.push_back(std::move(cap));
	std::string cap_sql = "$" + std::to_string(params.size());
	return limit.empty() ? cap_sql : "LEAST(" + limit + ", " + cap_sql + ")";
}

} // namespace fraiseql::compile
