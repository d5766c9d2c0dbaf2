// traceparent_test.cc: what a traceparent must look like to reach a comment.
#include "core/execute/traceparent.h"
#include "unit/check.h"

using namespace fraiseql;

namespace {

const char *const GOOD = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

TEST(traceparent_accepts_version_00)
{
	CHECK(execute::valid_traceparent(GOOD));
	CHECK(execute::valid_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"));
	CHECK_EQ(execute::traceparent_comment(GOOD),
	         std::string("/*traceparent='00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'*/ "));
}

TEST(traceparent_rejects_malformed)
{
	const char *const bad[] = {
	    "",
	    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0",    // short
	    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-011",  // long
	    "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",   // another version
	    "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",   // upper case
	    "00-00000000000000000000000000000000-00f067aa0ba902b7-01",   // zero trace id
	    "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",   // zero parent id
	    "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",   // separator
	    "00-4bf92f3577b34da6a3ce929d0e0e473'-00f067aa0ba902b7-01",   // a quote
	    "00-4bf92f3577b34da6a3ce929d0e0e4*/-00f067aa0ba902b7-01",    // ends a comment (short too)
	    "00-4bf92f3577b34da6a3ce929d0e0e47*/-00f067aa0ba902b7-01",   // ends a comment
	};
	for (const char *value : bad) {
		CHECK(!execute::valid_traceparent(value));
		CHECK_EQ(execute::traceparent_comment(value), std::string());
	}
}

} // namespace
