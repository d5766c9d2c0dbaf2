// alias_limit.h: the fraiseql.max_aliases limit. Aliases let one small
// document ask for the same expensive field thousands of times; counting them
// is one pass over the document, before validation does any work.
#pragma once

#include <cstdint>

#include "core/syntax/ast.h"
#include "core/util/error.h"

namespace fraiseql::execute {

// A QUERY_TOO_COMPLEX error at the first alias beyond `max_aliases` (0: no
// limit), or an empty list. Aliases in fragments count once per definition.
[[nodiscard]] ErrorList check_alias_limit(const syntax::Document &document, uint32_t max_aliases);

} // namespace fraiseql::execute
