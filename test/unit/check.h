// check.h: a dependency-free unit-test harness. TEST(name) registers a case;
// CHECK/CHECK_EQ record failures with file:line and let the case go on.
#pragma once

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

namespace fraiseql::test {

struct Case {
	const char *name;
	void (*fn)();
};

std::vector<Case> &registry();
void record_failure(const char *file, int line, const std::string &what);

struct Registrar {
	Registrar(const char *name, void (*fn)()) { registry().push_back({name, fn}); }
};

template <class A, class B>
std::string
describe_mismatch(const char *expr_a, const char *expr_b, const A &a, const B &b)
{
	std::ostringstream out;
	out << expr_a << " == " << expr_b << "\n      left:  " << a << "\n      right: " << b;
	return out.str();
}

} // namespace fraiseql::test

#define FRAISEQL_CAT2(a, b) a##b
#define FRAISEQL_CAT(a, b) FRAISEQL_CAT2(a, b)
#define TEST(name)                                                                                   \
	static void FRAISEQL_CAT(test_, name)();                                                         \
	static ::fraiseql::test::Registrar FRAISEQL_CAT(registrar_, name)(#name, FRAISEQL_CAT(test_, name)); \
	static void FRAISEQL_CAT(test_, name)()

#define CHECK(cond)                                                                  \
	do {                                                                             \
		if (!(cond))                                                                 \
			::fraiseql::test::record_failure(__FILE__, __LINE__, "CHECK(" #cond ")"); \
	} while (0)

#define CHECK_EQ(a, b)                                                                                     \
	do {                                                                                                   \
		const auto &check_a_ = (a);                                                                        \
		const auto &check_b_ = (b);                                                                        \
		if (!(check_a_ == check_b_))                                                                       \
			::fraiseql::test::record_failure(__FILE__, __LINE__,                                           \
			                                 ::fraiseql::test::describe_mismatch(#a, #b, check_a_, check_b_)); \
	} while (0)
