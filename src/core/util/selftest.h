// selftest.h: deliberate failures inside the core, for the boundary's regression test.
#pragma once

namespace fraiseql::util {

// Reads past the end of an empty vector with .at(): the standard library throws
// std::out_of_range from inside the core (the core itself never throws).
int selftest_out_of_range();

} // namespace fraiseql::util
