// plan_cache_hit_test.cc: a plain cache hit skips re-measuring its entry, yet a
// statement whose memory grew during the run (PostgreSQL's generic plan, made
// on a later call) is still accounted.
#include <string>

#include "core/execute/request.h"
#include "core/schema/schema.h"
#include "unit/check.h"
#include "unit/support/view_schema.h"

using namespace fraiseql;

namespace {

// Prepares a statement on first use; its memory is what `next_bytes` says.
class GrowingRunner final : public execute::StatementRunner {
public:
	size_t next_bytes = 1000;
	int runs = 0;

	bool
	run(const compile::RootField &, const std::vector<const std::string *> &, execute::StatementSlot &slot,
	    execute::RowSink &, GraphQLError &) override
	{
		runs++;
		slot.handle = &slot;
		slot.bytes = next_bytes;
		return true;
	}
	void release(void *) override {}
};

void release_nothing(void *) {}

} // namespace

TEST(plan_cache_hit_accounts_grown_statements_only)
{
	schema::BuildResult built = test::build_view_schema("type User @view(name: \"s.v_user\") { id: ID! }\n"
	                                                 "type Query { users: [User!]! }\n");
	CHECK(built.schema != nullptr);
	if (!built.schema)
		return;
	execute::PlanCache cache(release_nothing);
	cache.configure(10, 1 << 20);
	execute::RequestOptions options;
	options.cache = &cache;
	execute::Request request;
	request.query = "{ users { id } }";
	GrowingRunner runner;
	auto call = [&] {
		response::JsonWriter out(response::heap_buffer_source());
		execute::handle_request(*built.schema, request, options, runner, out);
		return std::string(out.json());
	};
	CHECK_EQ(call(), std::string("{\"data\":{\"users\":[]}}"));
	const size_t after_miss = cache.stats().bytes;
	CHECK(after_miss > 1000);
	call(); // a plain hit: nothing changed
	CHECK_EQ(cache.stats().bytes, after_miss);
	runner.next_bytes = 5000; // the statement grew (a generic plan appeared)
	call();
	CHECK_EQ(cache.stats().bytes, after_miss + 4000);
	CHECK_EQ(cache.stats().hits, uint64_t(2));
	CHECK_EQ(runner.runs, 3);
}
