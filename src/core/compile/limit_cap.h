// limit_cap.h: fraiseql.max_limit applied to a statement's LIMIT. The cap is
// a parameter (ParamSource::MaxLimit) bound to the setting at run time, so a
// plan does not depend on the setting's value.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/compile/plan.h"

namespace fraiseql::compile {

// `limit` (the $n of the given limit; empty when none) capped by `max_limit`:
// LEAST(limit, $cap), or $cap alone (LEAST ignores NULL, so a null limit is
// the cap too). Appends the cap's parameter to `params`; with no cap
// (max_limit 0) returns `limit` as it is.
std::string cap_limit(std::vector<Param> &params, const std::string &limit, uint32_t max_limit,
                      const char *argument = "limit");

} // namespace fraiseql::compile
