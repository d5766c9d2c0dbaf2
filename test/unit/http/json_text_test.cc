// json_text_test.cc: the request-body checker accepts what RFC 8259 allows and
// jsonb can hold, refuses the rest with a reason, and finds object members.
#include <string>

#include "core/http/json_text.h"
#include "core/http/negotiate.h"
#include "core/http/request_params.h"
#include "unit/check.h"

using namespace fraiseql;

namespace {

bool
valid(std::string_view json)
{
	std::string error;
	return http::check_json(json, error);
}

std::string
why(std::string_view json)
{
	std::string error;
	http::check_json(json, error);
	return error;
}

} // namespace

TEST(json_text_accepts_rfc8259)
{
	for (const char *json : {"{}", "[]", " {\"a\" : [1, -0, 0.5e-3, 2E+10, true, false, null, \"x\"]} ", "\"\\u00e9\\ud83d\\ude00\"",
	                         "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"", "123456789012345678901234567890", "-1.5e1000", "{\"a\":{\"a\":{}}}"})
		CHECK(valid(json));
}

TEST(json_text_refuses_with_a_reason)
{
	CHECK_EQ(why("{\"a\":1"), "expected , or } in an object at byte 6");
	CHECK_EQ(why("{\"a\":1} x"), "unexpected text after the JSON value at byte 8");
	CHECK_EQ(why("[1,]"), "invalid JSON value at byte 3");
	CHECK_EQ(why("01"), "unexpected text after the JSON value at byte 1");
	CHECK_EQ(why("1."), "invalid number at byte 2");
	CHECK_EQ(why("1e1001"), "number too large at byte 6");
	CHECK_EQ(why("1e-1001"), "number too small at byte 7");
	CHECK_EQ(why(std::string(1001, '1')), "number too long at byte 1001");
	CHECK_EQ(why("\"\\u0000\""), "\\u0000 is not allowed (PostgreSQL's jsonb cannot hold it) at byte 7");
	CHECK_EQ(why("\"\\ud800\""), "a lone high surrogate in a \\u escape at byte 7");
	CHECK_EQ(why("\"\\udc00\""), "a lone low surrogate in a \\u escape at byte 7");
	CHECK_EQ(why("\"\\x\""), "invalid escape in a string at byte 3");
	CHECK_EQ(why("\"a\nb\""), "a control character in a string at byte 2");
	CHECK_EQ(why("\"\xc0\xaf\""), "invalid UTF-8 at byte 1");         // overlong /
	CHECK_EQ(why("\"\xed\xa0\x80\""), "invalid UTF-8 at byte 1");     // a surrogate
	CHECK_EQ(why("\"\xf4\x90\x80\x80\""), "invalid UTF-8 at byte 1"); // past U+10FFFF
	CHECK_EQ(why("\"\xe2\x82\""), "invalid UTF-8 at byte 1");         // cut short
	CHECK_EQ(why("tru"), "invalid literal at byte 0");
	CHECK_EQ(why(""), "unexpected end of JSON at byte 0");
	CHECK_EQ(why(std::string(600, '[') + std::string(600, ']')), "JSON nested too deeply at byte 512");
	CHECK(valid(std::string(512, '[') + std::string(512, ']')));
}

TEST(json_text_members_and_strings)
{
	http::JsonSpan root;
	std::string error;
	CHECK(http::check_json(" { \"q\\u00e9\" : \"a\\\"b\\n\" , \"v\": {\"x\": [1, {}]}, \"q\u00e9\": null } ", error, &root));
	std::vector<http::JsonMember> members = http::object_members(root);
	CHECK_EQ(members.size(), size_t(3));
	CHECK_EQ(members[0].key, "q\u00e9");
	CHECK(members[0].value.kind == http::JsonKind::String);
	CHECK_EQ(http::decode_string(members[0].value), "a\"b\n");
	CHECK_EQ(members[1].key, "v");
	CHECK_EQ(std::string(members[1].value.text), "{\"x\": [1, {}]}");
	CHECK(members[2].value.kind == http::JsonKind::Null);
	CHECK_EQ(http::decode_string(http::JsonSpan{http::JsonKind::String, "\"\\ud83d\\ude00\\/\""}), "\xf0\x9f\x98\x80/");
}

// The members the check collects in its one pass are object_members' own.
TEST(json_text_members_collected_by_the_check)
{
	for (const char *text : {" { \"q\\u00e9\" : \"a\\\"b\\n\" , \"v\": {\"x\": [1, {\"y\": 2}]}, \"q\u00e9\": null } ", "{}",
	                         "{\"a\":1,\"a\":[{\"b\":{}}]}", "[{\"a\": 1}]", "\"s\""}) {
		http::JsonSpan root;
		std::string error;
		std::vector<http::JsonMember> collected;
		CHECK(http::check_json(text, error, &root, &collected));
		std::vector<http::JsonMember> walked;
		if (root.kind == http::JsonKind::Object)
			walked = http::object_members(root);
		CHECK_EQ(collected.size(), walked.size());
		for (size_t i = 0; i < collected.size() && i < walked.size(); i++) {
			CHECK_EQ(collected[i].key, walked[i].key);
			CHECK_EQ(std::string(collected[i].value.text), std::string(walked[i].value.text));
			CHECK(collected[i].value.kind == walked[i].value.kind);
		}
	}
}

TEST(negotiate_media_types)
{
	using http::MediaType;
	CHECK(http::negotiate("") == MediaType::Json);
	CHECK(http::negotiate("application/graphql-response+json;q=0.9, application/json") == MediaType::Json);
	CHECK(http::negotiate("application/json;q=0, */*") == MediaType::GraphQLResponseJson);
	CHECK(http::negotiate("text/html") == MediaType::None);
	CHECK(http::negotiate("application/json;q=abc") == MediaType::None);
}

TEST(request_params_get_and_post)
{
	http::GraphQLParams p;
	http::HttpFailure f;
	CHECK(http::read_params({"GET", "query=%7B+a+%7D&operationName=Q&variables=%7B%22x%22%3A1%7D&other=%ZZ", "", ""}, p, f));
	CHECK_EQ(p.query, "{ a }");
	CHECK_EQ(p.operation_name, "Q");
	CHECK_EQ(p.variables, "{\"x\":1}");
	http::GraphQLParams q;
	CHECK(http::read_params({"POST", "", "Application/JSON; charset=\"UTF-8\"",
	                         "{\"query\":\"{ a }\",\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" +
	                             std::string(64, 'A') + "\"}}}"},
	                        q, f));
	CHECK_EQ(q.persisted_hash, std::string(64, 'a'));
	http::GraphQLParams r;
	CHECK(!http::read_params({"POST", "", "application/json", "{\"variables\":{}}"}, r, f));
	CHECK_EQ(f.status, 400);
	CHECK_EQ(f.message, "Missing query parameter");
	CHECK(!http::read_params({"DELETE", "", "", ""}, r, f));
	CHECK_EQ(f.status, 405);
	CHECK_EQ(std::string(f.allow), "GET, POST");
}

TEST(request_params_mutation_and_data)
{
	syntax::ParseLimits limits;
	CHECK(http::mutation_selected("query Q { a } mutation M { b }", false, "", limits));
	CHECK(!http::mutation_selected("query Q { a } mutation M { b }", true, "Q", limits));
	CHECK(!http::mutation_selected("mutation {", false, "", limits)); // execute reports the syntax error
	CHECK(http::has_data("{\"data\":null}"));
	CHECK(http::has_data("{\"errors\":[],\"data\":{}}"));
	CHECK(!http::has_data("{\"errors\":[{\"message\":\"x\"}]}"));
	CHECK_EQ(http::error_body("a \"b\""), "{\"errors\":[{\"message\":\"a \\\"b\\\"\"}]}");
}
