// selftest.cc: deliberate failures inside the core, for the boundary's regression test.
#include "core/util/selftest.h"

#include <vector>

namespace fraiseql::util {

int
selftest_out_of_range()
{
	std::vector<int> empty;
	return empty.at(empty.size() + 1);
}

} // namespace fraiseql::util
