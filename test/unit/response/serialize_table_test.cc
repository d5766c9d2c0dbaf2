// serialize_table_test.cc: every row of test/conformance/data/serialize.json
// (graphql-js 17's serialize of String, Int, Float, Boolean and ID over JSON
// values) served as a view row's field and answered through a whole request,
// so the projection, the leaf coercion and the error shape are the real ones.
// The file is read relative to the working directory: the repository root,
// where `make unit` and run_tests.sh run this binary.
#include <fstream>
#include <sstream>
#include <string>

#include "core/execute/request.h"
#include "core/response/json_writer.h"
#include "core/schema/schema.h"
#include "unit/check.h"
#include "unit/support/jsonb_builder.h"
#include "unit/support/view_schema.h"

using namespace fraiseql;

namespace {

constexpr const char *TABLE = "test/conformance/data/serialize.json";

// Field name in the schema, per scalar in the table.
struct ScalarField {
	const char *scalar;
	const char *field;
};
constexpr ScalarField FIELDS[] = {{"String", "s"}, {"Int", "i"}, {"Float", "f"}, {"Boolean", "b"}, {"ID", "id"}};

const schema::Schema &
table_schema()
{
	static schema::BuildResult built = test::build_view_schema(R"(
type Row @view(name: "app.v_row") { s: String i: Int f: Float b: Boolean id: ID }
type Query { rows: [Row!]! }
)");
	return *built.schema;
}

// Serves one row: every field's key holds the same value.
class OneRow final : public execute::StatementRunner {
public:
	std::string json;
	bool
	run(const compile::RootField &, const std::vector<const std::string *> &, execute::StatementSlot &,
	    execute::RowSink &sink, GraphQLError &) override
	{
		test::JsonbDoc doc(json);
		sink.row(doc.bytes.data(), static_cast<uint32_t>(doc.bytes.size()));
		return true;
	}
	void release(void *) override {}
};

std::string
respond(const std::string &input, const char *field)
{
	OneRow runner;
	runner.json = "{";
	for (const ScalarField &f : FIELDS)
		runner.json += std::string(f.field == FIELDS[0].field ? "" : ",") + "\"" + f.field + "\":" + input;
	runner.json += "}";
	execute::Request request;
	const std::string query = std::string("{ rows { ") + field + " } }";
	request.query = query;
	execute::RequestOptions options;
	response::JsonWriter out(response::heap_buffer_source());
	execute::handle_request(table_schema(), request, options, runner, out);
	return std::string(out.json());
}

// The response a field answer gives: its JSON value, or a field error (at the
// field's position, line 1 column 10) and null.
std::string
expected_response(const jsonb::Value &answer, const char *field)
{
	jsonb::Value json = answer.container().find("json");
	if (json.kind == jsonb::Kind::String)
		return std::string(R"({"data":{"rows":[{")") + field + "\":" + std::string(json.string()) + "}]}}";
	std::string message;
	response::append_escaped(message, answer.container().find("error").string());
	return R"({"errors":[{"message":")" + message +
	       R"(","locations":[{"line":1,"column":10}],"path":["rows",0,")" + field +
	       R"("],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"rows":[{")" + field + "\":null}]}}";
}

std::string
read_table()
{
	std::ifstream in(TABLE, std::ios::binary);
	std::ostringstream text;
	text << in.rdbuf();
	return text.str();
}

} // namespace

TEST(serialize_table_matches_graphql_js)
{
	const std::string text = read_table();
	CHECK(!text.empty()); // run from the repository root
	if (text.empty())
		return;
	test::JsonbDoc table(text);
	jsonb::Container rows = table.root().container().find("rows").container();
	CHECK(rows.size() >= 190);
	int checked = 0, deliberate = 0;
	for (uint32_t r = 0; r < rows.size(); r++) {
		jsonb::Container row = rows.element(r).container();
		const std::string input(row.find("input").string());
		jsonb::Container ours = row.find("deliberate").container();
		for (const ScalarField &f : FIELDS) {
			const jsonb::Value graphql_js = row.find(f.scalar);
			const jsonb::Value override_answer = ours.find(f.scalar);
			const std::string got = respond(input, f.field);
			if (override_answer.kind == jsonb::Kind::Object) {
				// A deliberate difference must still be one, and be answered.
				CHECK_EQ(got, expected_response(override_answer, f.field));
				CHECK(expected_response(graphql_js, f.field) != got);
				deliberate++;
			} else {
				const std::string want = expected_response(graphql_js, f.field);
				if (got != want)
					test::record_failure(__FILE__, __LINE__,
					                     std::string(f.scalar) + " over " + input + "\n      got:  " + got +
					                         "\n      want: " + want);
			}
			checked++;
		}
	}
	CHECK_EQ(checked, static_cast<int>(rows.size()) * 5);
	CHECK_EQ(deliberate, 16);
}
