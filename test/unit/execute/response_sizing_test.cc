// response_sizing_test.cc: a plan variant's next response buffer starts at its
// last response's size (issue 18), so a repeated list grows its buffer once
// instead of doubling up from 1 kB; the bytes are the same either way.
#include <cstdlib>
#include <string>

#include "core/execute/request.h"
#include "core/schema/schema.h"
#include "unit/check.h"
#include "unit/support/view_schema.h"
#include "unit/support/jsonb_builder.h"

using namespace fraiseql;

namespace {

// malloc/realloc with a count of the growths.
class CountingSource final : public response::BufferSource {
public:
	int grows = 0;
	char *grow(char *old, size_t, size_t capacity) noexcept override
	{
		grows++;
		return static_cast<char *>(std::realloc(old, capacity));
	}
	void release(char *block) noexcept override { std::free(block); }
};

// `rows` rows of one user each.
class ListRunner final : public execute::StatementRunner {
public:
	int rows = 0;
	bool run(const compile::RootField &, const std::vector<const std::string *> &, execute::StatementSlot &slot,
	         execute::RowSink &sink, GraphQLError &) override
	{
		slot.handle = &slot;
		for (int i = 0; i < rows; i++) {
			test::JsonbDoc doc("{\"id\": \"" + std::to_string(i) + "\", \"name\": \"a user with a longish name\"}");
			if (!sink.row(doc.bytes.data(), static_cast<uint32_t>(doc.bytes.size())))
				break;
		}
		return true;
	}
	void release(void *) override {}
};

void release_nothing(void *) {}

} // namespace

TEST(response_buffer_sized_from_the_last_response_of_the_variant)
{
	schema::BuildResult built = test::build_view_schema("type User @view(name: \"s.v_user\") { id: ID! name: String }\n"
	                                                 "type Query { users: [User!]! }\n");
	CHECK(built.schema != nullptr);
	if (!built.schema)
		return;
	execute::PlanCache cache(release_nothing);
	cache.configure(10, 1 << 20);
	execute::RequestOptions options;
	options.cache = &cache;
	execute::Request request;
	request.query = "{ users { id name } }";
	ListRunner runner;
	auto call = [&](int rows, int &grows) {
		runner.rows = rows;
		CountingSource source;
		std::string json;
		{
			response::JsonWriter out(source);
			execute::handle_request(*built.schema, request, options, runner, out);
			json = std::string(out.json());
		}
		grows = source.grows;
		return json;
	};
	int first = 0, second = 0, smaller = 0, larger = 0;
	const std::string a = call(2000, first);
	CHECK(a.size() > 60000);
	CHECK(first > 5); // 1 kB doubled up to the response
	CHECK_EQ(call(2000, second), a);
	CHECK_EQ(second, 2); // the first block, then one growth to the last size
	std::string b = call(10, smaller);
	CHECK(b.size() < 1000 && b.substr(0, 30) == a.substr(0, 30));
	// Sized from the 10-row response now: 2,000 rows double again, same bytes.
	CHECK_EQ(call(2000, larger), a);
	CHECK(larger > 5);
}
