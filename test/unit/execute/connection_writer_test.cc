// connection_writer_test.cc: the execution side of connections without a
// database. A fake runner plays the statement's rows (data, cursor keys,
// count, far-side flag) and records the parameters it was given; the tests
// check the paging arithmetic (the extra row), both writing paths (streamed
// and buffered), pageInfo, the cursors bound as parameters, and the errors.
#include <string>
#include <vector>

#include "core/compile/cursor.h"
#include "core/execute/request.h"
#include "core/schema/schema.h"
#include "unit/check.h"
#include "unit/support/jsonb_builder.h"

using namespace fraiseql;

namespace {

struct FakeRow {
	std::string data;  // JSON; "" for SQL NULL
	std::string keys;  // JSON array; "" for SQL NULL (the empty page's row)
	int64_t count = -1; // -1: no count column value
	int flag = -1;      // -1: NULL
};

class FakeRunner final : public execute::StatementRunner {
public:
	explicit FakeRunner(std::vector<FakeRow> rows) : rows_(std::move(rows)) {}

	bool
	run(const compile::RootField &root, const std::vector<const std::string *> &params, execute::StatementSlot &,
	    execute::RowSink &sink, GraphQLError &) override
	{
		sql = root.sql;
		bound.clear();
		for (const std::string *p : params)
			bound += (bound.empty() ? "" : "|") + (p ? *p : std::string("NULL"));
		delivered = 0;
		for (const FakeRow &r : rows_) {
			std::string data = r.data.empty() ? std::string() : test::jsonb_from_json(r.data);
			std::string keys = r.keys.empty() ? std::string() : test::jsonb_from_json(r.keys);
			execute::RowExtras extras;
			extras.keys = r.keys.empty() ? nullptr : keys.data();
			extras.keys_len = static_cast<uint32_t>(keys.size());
			extras.has_count = r.count >= 0;
			extras.count = r.count;
			extras.has_flag = r.flag >= 0;
			extras.flag = r.flag == 1;
			delivered++;
			if (!sink.row_extras(r.data.empty() ? nullptr : data.data(), static_cast<uint32_t>(data.size()), extras))
				break;
		}
		return true;
	}
	void release(void *) override {}

	std::string sql, bound;
	size_t delivered = 0;

private:
	std::vector<FakeRow> rows_;
};

const schema::Schema &
test_schema()
{
	static schema::BuildResult built = [] {
		schema::BuildResult r = schema::build_schema(R"(
type P @view(name: "app.v_p") { id: Int! name: String! }
type Query { ps: PConnection! @connection(type: "P") }
)");
		if (!r.schema)
			std::abort();
		for (schema::ViewBinding *v : r.schema->view_bindings()) {
			v->resolved = true;
			v->schema_name = "app";
			v->relation_name = "v_p";
			v->columns = {{"id", 23, "integer"}, {"data", 3802, "jsonb"}};
		}
		return r;
	}();
	return *built.schema;
}

std::string
run(FakeRunner &runner, const char *query, const char *variables_json = nullptr)
{
	test::JsonbDoc variables(variables_json ? variables_json : "{}");
	execute::Request request;
	request.query = query;
	if (variables_json)
		request.variables = variables.root();
	execute::RequestOptions options;
	response::JsonWriter out(response::heap_buffer_source());
	execute::handle_request(test_schema(), request, options, runner, out);
	return std::string(out.json());
}

FakeRow
row(int id, int64_t count = -1, int flag = -1)
{
	FakeRow r;
	r.data = "{\"id\":" + std::to_string(id) + ",\"name\":\"n" + std::to_string(id) + "\"}";
	r.keys = "[" + std::to_string(id) + "]";
	r.count = count;
	r.flag = flag;
	return r;
}

// The cursor the writer makes for id (the default order: the id column only).
std::string
cursor_of(int id)
{
	FakeRunner runner({row(id)});
	std::string out = run(runner, "{ ps(first: 1) { edges { cursor } } }");
	size_t at = out.find("\"cursor\":\"");
	return at == std::string::npos ? out : out.substr(at + 10, out.find('"', at + 10) - at - 10);
}

} // namespace

TEST(connection_forward_extra_row_streamed)
{
	FakeRunner runner({row(1), row(2), row(3)});
	std::string out = run(runner, "{ ps(first: 2) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } }");
	CHECK_EQ(out, "{\"data\":{\"ps\":{\"edges\":[{\"node\":{\"id\":1}},{\"node\":{\"id\":2}}],"
	              "\"pageInfo\":{\"hasNextPage\":true,\"hasPreviousPage\":false}}}}");
	CHECK_EQ(runner.delivered, 3u); // the third row is read, then reading stops
	CHECK_EQ(runner.bound, "2");
	FakeRunner exact({row(1), row(2)});
	CHECK_EQ(run(exact, "{ ps(first: 2) { edges { node { id } } pageInfo { hasNextPage } } }"),
	         "{\"data\":{\"ps\":{\"edges\":[{\"node\":{\"id\":1}},{\"node\":{\"id\":2}}],\"pageInfo\":{\"hasNextPage\":false}}}}");
}

TEST(connection_forward_buffered_page_info_first)
{
	FakeRunner runner({row(1, 7, 1), row(2, 7, 1), row(3, 7, 1)});
	std::string c1 = cursor_of(1), c2 = cursor_of(2);
	std::string out = run(runner, "query ($c: String) { ps(first: 2, after: $c) { pageInfo { startCursor endCursor hasNextPage "
	                              "hasPreviousPage } totalCount edges { cursor } } }",
	                      ("{\"c\":\"" + cursor_of(9) + "\"}").c_str());
	CHECK_EQ(out, "{\"data\":{\"ps\":{\"pageInfo\":{\"startCursor\":\"" + c1 + "\",\"endCursor\":\"" + c2 +
	                  "\",\"hasNextPage\":true,\"hasPreviousPage\":true},\"totalCount\":7,\"edges\":[{\"cursor\":\"" + c1 +
	                  "\"},{\"cursor\":\"" + c2 + "\"}]}}}");
	// $1 first, $2 the raw cursor, $3 its decoded id value
	CHECK_EQ(runner.bound, "2|" + cursor_of(9) + "|9");
}

TEST(connection_backward_drops_the_first_row)
{
	// last: 2 reads 3 rows, returned in forward order: the first is the extra one.
	FakeRunner runner({row(4), row(5), row(6)});
	CHECK_EQ(run(runner, "{ ps(last: 2) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } }"),
	         "{\"data\":{\"ps\":{\"edges\":[{\"node\":{\"id\":5}},{\"node\":{\"id\":6}}],"
	         "\"pageInfo\":{\"hasNextPage\":false,\"hasPreviousPage\":true}}}}");
}

TEST(connection_empty_page_row)
{
	// The wrapped statement's row for an empty page: count only.
	FakeRow empty;
	empty.count = 5;
	empty.flag = 0;
	FakeRunner runner({empty});
	CHECK_EQ(run(runner, "{ ps(first: 3) { totalCount edges { cursor } pageInfo { startCursor endCursor hasNextPage } } }"),
	         "{\"data\":{\"ps\":{\"totalCount\":5,\"edges\":[],\"pageInfo\":{\"startCursor\":null,\"endCursor\":null,"
	         "\"hasNextPage\":false}}}}");
	FakeRunner none({});
	CHECK_EQ(run(none, "{ ps(first: 3) { __typename edges { cursor } } }"),
	         "{\"data\":{\"ps\":{\"__typename\":\"PConnection\",\"edges\":[]}}}");
}

TEST(connection_errors_before_running)
{
	FakeRunner runner({row(1)});
	std::string out = run(runner, "{ ps(first: -2) { edges { cursor } } }");
	CHECK(out.find("\"message\":\"Argument \\\"first\\\" has invalid value: it must not be negative, got -2.\"") !=
	      std::string::npos);
	CHECK(out.find("\"data\":null") != std::string::npos);
	CHECK(runner.sql.empty()); // nothing ran
	out = run(runner, "{ ps(first: 1, after: \"@@@@\") { edges { cursor } } }");
	CHECK(out.find("Invalid cursor for argument \\\"after\\\".\",\"locations\":[{\"line\":1,\"column\":23}]") !=
	      std::string::npos);
	out = run(runner, "{ ps(first: 1, last: -1) { edges { cursor } } }");
	CHECK(out.find("Argument \\\"last\\\" has invalid value: it must not be negative, got -1.") != std::string::npos);
	CHECK(runner.sql.empty());
}

// first + last: the statement reads first + 1 rows forward; the writer keeps
// the last `last` of the first `first` (Relay's EdgesToReturn).
TEST(connection_first_then_last)
{
	FakeRunner runner({row(1), row(2), row(3), row(4)});
	std::string out = run(runner, "{ ps(first: 3, last: 2) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } }");
	CHECK_EQ(out, std::string("{\"data\":{\"ps\":{\"edges\":[{\"node\":{\"id\":2}},{\"node\":{\"id\":3}}],"
	                          "\"pageInfo\":{\"hasNextPage\":true,\"hasPreviousPage\":true}}}}"));
	FakeRunner few({row(1), row(2)});
	out = run(few, "{ ps(first: 3, last: 2) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage } } }");
	CHECK_EQ(out, std::string("{\"data\":{\"ps\":{\"edges\":[{\"node\":{\"id\":1}},{\"node\":{\"id\":2}}],"
	                          "\"pageInfo\":{\"hasNextPage\":false,\"hasPreviousPage\":false}}}}"));
}

TEST(connection_node_error_nulls_the_field)
{
	FakeRow broken;
	broken.data = "{\"id\":1}"; // name missing
	broken.keys = "[1]";
	FakeRunner streamed({broken});
	std::string out = run(streamed, "{ ps(first: 1) { edges { node { id name } } } }");
	CHECK_EQ(out, "{\"errors\":[{\"message\":\"Cannot return null for non-nullable field P.name.\",\"locations\":[{\"line\":1,"
	              "\"column\":36}],\"path\":[\"ps\",\"edges\",0,\"node\",\"name\"],\"extensions\":{\"code\":"
	              "\"INTERNAL_SERVER_ERROR\"}}],\"data\":null}");
	FakeRunner buffered({broken});
	out = run(buffered, "{ ps(first: 1) { pageInfo { hasNextPage } e: edges { node { name } } } }");
	CHECK(out.find("\"path\":[\"ps\",\"e\",0,\"node\",\"name\"]") != std::string::npos);
	CHECK(out.find("\"data\":null") != std::string::npos);
}
