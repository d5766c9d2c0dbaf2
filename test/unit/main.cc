// main.cc: runs every registered unit test and prints "N passed, N failed".
#include "unit/check.h"

#include <cstring>

namespace fraiseql::test {

namespace {
int failures_in_case = 0;
}

std::vector<Case> &
registry()
{
	static std::vector<Case> cases;
	return cases;
}

void
record_failure(const char *file, int line, const std::string &what)
{
	failures_in_case++;
	std::fprintf(stderr, "    %s:%d: %s\n", file, line, what.c_str());
}

} // namespace fraiseql::test

int
main(int argc, char **argv)
{
	using namespace fraiseql::test;
	const char *filter = argc > 1 ? argv[1] : nullptr; // run only cases whose name contains it
	int passed = 0, failed = 0;
	for (const Case &c : registry()) {
		if (filter && !std::strstr(c.name, filter))
			continue;
		failures_in_case = 0;
		c.fn();
		if (failures_in_case == 0) {
			passed++;
		} else {
			failed++;
			std::fprintf(stderr, "FAIL %s\n", c.name);
		}
	}
	std::printf("unit: %d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
