// http_fuzz.cc: libFuzzer target for what fraiseql.serve reads from the wire
// (src/core/http/): the JSON body checker, object members, string decoding,
// the GET/POST parameter reader and Accept negotiation.
// The input's first byte picks the request's shape (GET or POST, a
// Content-Type, an Accept); the rest is the body, or the URL query for GET.
//
// Properties, abort() when one fails:
//   - check_json agrees with the independent strict validator of
//     fuzz/json_check.h under jsonb's rules (no \u0000, exponents within
//     1000), except for numbers over 1000 characters, which only check_json
//     refuses, and inputs with 500 brackets or more (the two count depth
//     differently near the 512 limit);
//   - a checked object's members are spans of valid JSON of the kind found,
//     covering the object's text in order, and decoded strings are UTF-8;
//   - read_params either fails with a 4xx status and a message, or gives a
//     query or a persisted hash (64 lower-case hex digits), and variables
//     that are a checked JSON object;
//   - negotiate never crashes and error_body is valid JSON.
#include <string>
#include <string_view>

#include "core/http/json_text.h"
#include "core/http/negotiate.h"
#include "core/http/request_params.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/json_check.h"

namespace {

using namespace fraiseql;

constexpr const char *kTarget = "http_fuzz";

bool
many_brackets(std::string_view text)
{
	size_t n = 0;
	for (char c : text)
		n += c == '[' || c == '{';
	return n >= 500;
}

bool
long_number(std::string_view text)
{
	size_t run = 0;
	for (char c : text) {
		run = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E' ? run + 1 : 0;
		if (run > 1000)
			return true;
	}
	return false;
}

void
check_members(std::string_view input, const http::JsonSpan &object)
{
	size_t last = 0;
	for (const http::JsonMember &m : http::object_members(object)) {
		std::string error;
		http::JsonSpan again;
		if (!http::check_json(m.value.text, error, &again) || again.kind != m.value.kind ||
		    again.text.size() != m.value.text.size())
			fuzz::violated(kTarget, "a member's value is not the JSON span it claims", input, m.key);
		const size_t at = static_cast<size_t>(m.value.text.data() - object.text.data());
		if (at < last || at + m.value.text.size() > object.text.size())
			fuzz::violated(kTarget, "members out of order or outside the object", input, m.key);
		last = at + m.value.text.size();
		if (m.value.kind == http::JsonKind::String) {
			// Written back as a JSON string it must be valid: the decoding gave UTF-8 without NUL.
			const std::string decoded = http::decode_string(m.value);
			if (decoded.find('\0') != std::string::npos || !fuzz::valid_json(http::error_body(decoded)))
				fuzz::violated(kTarget, "a decoded string that is not UTF-8 without NUL", input, m.key);
		}
		if (m.value.kind == http::JsonKind::Object)
			check_members(input, m.value);
	}
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0 || size > 64 * 1024)
		return 0;
	const std::string_view input(reinterpret_cast<const char *>(data), size);
	const unsigned char shape = static_cast<unsigned char>(input[0]);
	const std::string_view rest = input.substr(1);

	std::string error;
	http::JsonSpan root;
	const bool ours = http::check_json(rest, error, &root);
	fuzz::JsonRules rules;
	rules.max_depth = static_cast<int>(http::MAX_JSON_DEPTH);  // not reached below 500 brackets
	rules.allow_nul_escape = false;
	rules.max_exponent = 1000;
	std::string theirs_error;
	const bool theirs = fuzz::valid_json(rest, &theirs_error, rules);
	if (ours != theirs && !(theirs && long_number(rest)) && !many_brackets(rest))
		fuzz::violated(kTarget, ours ? "check_json accepts what the strict validator refuses"
		                             : "check_json refuses what the strict validator accepts",
		               input, ours ? theirs_error : error);
	if (ours && root.kind == http::JsonKind::Object)
		check_members(input, root);

	static const char *const kTypes[] = {"application/json", "", "application/json; charset=utf-8", "text/plain",
	                                     "application/JSON;charset=\"latin1\""};
	static const char *const kAccepts[] = {"", "*/*", "application/graphql-response+json;q=0.5, application/json",
	                                       "text/html", "application/json;q=0"};
	http::HttpRequest request;
	request.method = shape & 1 ? "GET" : "POST";
	request.query_string = shape & 1 ? rest : std::string_view();
	request.content_type = kTypes[(shape >> 1) % 5];
	request.body = shape & 1 ? std::string_view() : rest;
	http::GraphQLParams params;
	http::HttpFailure failure;
	if (!http::read_params(request, params, failure)) {
		if (failure.status < 400 || failure.status > 499 || failure.message.empty())
			fuzz::violated(kTarget, "a refusal without a 4xx status and a message", input, failure.message);
		if (!fuzz::valid_json(http::error_body(failure.message)))
			fuzz::violated(kTarget, "error_body is not valid JSON", input, failure.message);
	} else {
		if (!params.has_query && params.persisted_hash.size() != 64)
			fuzz::violated(kTarget, "accepted without a query or a hash", input, "");
		for (char c : params.persisted_hash)
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
				fuzz::violated(kTarget, "a persisted hash that is not lower-case hex", input, params.persisted_hash);
		http::JsonSpan variables;
		if (!params.variables.empty() &&
		    (!http::check_json(params.variables, error, &variables) || variables.kind != http::JsonKind::Object))
			fuzz::violated(kTarget, "variables that are not a checked object", input, params.variables);
	}
	(void) http::negotiate(kAccepts[(shape >> 4) % 5]);
	(void) http::negotiate(rest.substr(0, 256));
	return 0;
}
