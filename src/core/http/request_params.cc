// request_params.cc: GET parameters are percent-decoded from the URL query,
// POST parameters read from the checked JSON body; both end as the same
// GraphQLParams. Messages follow the examples' protocol modules they replace.
#include "core/http/request_params.h"

#include <vector>

#include "core/http/json_text.h"
#include "core/response/json_writer.h"
#include "core/syntax/parser.h"
#include "core/util/arena.h"
#include "core/util/text.h"

namespace fraiseql::http {

namespace {

constexpr const char *PARAMETERS[] = {"query", "operationName", "variables", "extensions"};

bool
known_parameter(std::string_view name)
{
	for (const char *p : PARAMETERS)
		if (name == p)
			return true;
	return false;
}

bool
failed(HttpFailure &failure, std::string message, int status = 400)
{
	failure.status = status;
	failure.message = std::move(message);
	return false;
}

int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

// application/x-www-form-urlencoded decoding: + is a space, %XX a byte.
bool
percent_decode(std::string_view in, std::string &out)
{
	out.clear();
	for (size_t i = 0; i < in.size(); i++) {
		if (in[i] == '+') {
			out += ' ';
		} else if (in[i] == '%') {
			int high = i + 2 < in.size() ? hex_digit(in[i + 1]) : -1;
			int low = high >= 0 ? hex_digit(in[i + 2]) : -1;
			if (low < 0)
				return false;
			out += char(high * 16 + low);
			i += 2;
		} else {
			out += in[i];
		}
	}
	return true;
}

// A JSON parameter (GET's variables and extensions): an object or null.
bool
json_object_text(std::string_view name, std::string_view text, std::string &out, HttpFailure &failure)
{
	std::string error;
	JsonSpan root;
	if (!check_json(text, error, &root))
		return failed(failure, "The " + std::string(name) + " parameter is not valid JSON: " + error);
	if (root.kind == JsonKind::Null)
		return true;
	if (root.kind != JsonKind::Object)
		return failed(failure, "The " + std::string(name) + " parameter must be an object or null");
	out = std::string(root.text);
	return true;
}

bool
is_hex(std::string_view s)
{
	for (char c : s)
		if (hex_digit(c) < 0)
			return false;
	return true;
}

// extensions.persistedQuery (APQ), when the extensions hold one.
bool
read_persisted_hash(std::string_view extensions, GraphQLParams &params, HttpFailure &failure)
{
	if (extensions.empty())
		return true;
	for (const JsonMember &m : object_members(JsonSpan{JsonKind::Object, extensions})) {
		if (m.key != "persistedQuery")
			continue;
		if (m.value.kind != JsonKind::Object)
			return failed(failure, "extensions.persistedQuery must be an object");
		bool version_one = false;
		std::string hash;
		for (const JsonMember &p : object_members(m.value)) {
			if (p.key == "version")
				version_one = p.value.kind == JsonKind::Number && (p.value.text == "1" || p.value.text == "1.0");
			else if (p.key == "sha256Hash" && p.value.kind == JsonKind::String)
				hash = decode_string(p.value);
		}
		if (!version_one)
			return failed(failure, "Unsupported persisted query version: only 1 is known");
		if (hash.size() != 64 || !is_hex(hash))
			return failed(failure, "extensions.persistedQuery.sha256Hash must be 64 hex digits");
		for (char &c : hash)
			if (c >= 'A' && c <= 'F')
				c = char(c - 'A' + 'a');
		params.persisted_hash = hash;
	}
	return true;
}

bool
read_get(std::string_view query_string, GraphQLParams &params, std::string &extensions, HttpFailure &failure)
{
	bool seen[4] = {};
	while (!query_string.empty()) {
		size_t amp = query_string.find('&');
		std::string_view pair = query_string.substr(0, amp);
		query_string = amp == std::string_view::npos ? std::string_view() : query_string.substr(amp + 1);
		if (pair.empty())
			continue;
		size_t eq = pair.find('=');
		std::string name, value;
		if (!percent_decode(pair.substr(0, eq), name))
			return failed(failure, "The query string has a malformed percent-escape");
		size_t index = 0;
		while (index < 4 && name != PARAMETERS[index])
			index++;
		if (index == 4)
			continue; // other parameters are the app's business
		if (!percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), value))
			return failed(failure, "The query string has a malformed percent-escape");
		if (seen[index])
			return failed(failure, "The " + name + " parameter is given more than once");
		seen[index] = true;
		if (!util::valid_utf8(value))
			return failed(failure, "The " + name + " parameter is not valid UTF-8");
		if (index == 0) {
			params.has_query = true;
			params.query = std::move(value);
		} else if (index == 1) {
			params.has_operation_name = true;
			params.operation_name = std::move(value);
		} else if (!value.empty() && !json_object_text(name, value, index == 2 ? params.variables : extensions, failure)) {
			return false;
		}
	}
	return true;
}

// Content-Type must be application/json, in UTF-8 when a charset is named.
bool
check_content_type(std::string_view content_type, HttpFailure &failure)
{
	if (util::trim_blanks(content_type).empty())
		return failed(failure, "Missing Content-Type: send application/json", 415);
	size_t semicolon = content_type.find(';');
	std::string media = util::ascii_lower(util::trim_blanks(content_type.substr(0, semicolon)));
	if (media != "application/json")
		return failed(failure, "Unsupported Content-Type '" + std::string(util::trim_blanks(content_type.substr(0, semicolon))).substr(0, 100) +
		                           "': send application/json", 415);
	while (semicolon != std::string_view::npos) {
		content_type = content_type.substr(semicolon + 1);
		semicolon = content_type.find(';');
		std::string_view param = content_type.substr(0, semicolon);
		size_t eq = param.find('=');
		if (eq == std::string_view::npos || util::ascii_lower(util::trim_blanks(param.substr(0, eq))) != "charset")
			continue;
		std::string charset = util::ascii_lower(util::trim_blanks(param.substr(eq + 1)));
		if (charset.size() >= 2 && charset.front() == '"' && charset.back() == '"')
			charset = charset.substr(1, charset.size() - 2);
		if (charset != "utf-8" && charset != "utf8")
			return failed(failure, "Unsupported charset: send UTF-8", 415);
	}
	return true;
}

bool
read_post(const HttpRequest &request, GraphQLParams &params, std::string &extensions, HttpFailure &failure)
{
	if (!check_content_type(request.content_type, failure))
		return false;
	if (request.body.empty())
		return failed(failure, "Missing request body");
	std::string error;
	JsonSpan root;
	std::vector<JsonMember> members; // collected by the check: one pass over the body
	if (!check_json(request.body, error, &root, &members))
		return failed(failure, "The request body is not valid JSON: " + error);
	if (root.kind != JsonKind::Object)
		return failed(failure, "The request body must be a JSON object");
	bool seen[4] = {};
	for (const JsonMember &m : members) {
		if (!known_parameter(m.key))
			continue;
		size_t index = 0;
		while (m.key != PARAMETERS[index])
			index++;
		if (seen[index])
			return failed(failure, "The request body names \"" + m.key + "\" more than once");
		seen[index] = true;
		const JsonKind kind = m.value.kind;
		if (kind == JsonKind::Null)
			continue;
		switch (index) {
		case 0:
			if (kind != JsonKind::String)
				return failed(failure, "The query parameter must be a string");
			params.has_query = true;
			params.query = decode_string(m.value);
			break;
		case 1:
			if (kind != JsonKind::String)
				return failed(failure, "The operationName parameter must be a string or null");
			params.has_operation_name = true;
			params.operation_name = decode_string(m.value);
			break;
		default:
			if (kind != JsonKind::Object)
				return failed(failure, "The " + m.key + " parameter must be an object or null");
			(index == 2 ? params.variables : extensions) = std::string(m.value.text);
			break;
		}
	}
	return true;
}

} // namespace

bool
read_params(const HttpRequest &request, GraphQLParams &params, HttpFailure &failure)
{
	const bool get = request.method == "GET";
	if (!get && request.method != "POST") {
		failure.allow = "GET, POST";
		return failed(failure, "Use GET or POST", 405);
	}
	std::string extensions;
	if (get ? !read_get(request.query_string, params, extensions, failure)
	        : !read_post(request, params, extensions, failure))
		return false;
	if (!read_persisted_hash(extensions, params, failure))
		return false;
	if (!params.has_query && params.persisted_hash.empty())
		return failed(failure, "Missing query parameter");
	if (params.has_query && params.query.find('\0') != std::string::npos)
		return failed(failure, "The query contains a NUL character");
	return true;
}

bool
mutation_selected(std::string_view document, bool has_operation_name, std::string_view operation_name,
                  const syntax::ParseLimits &limits)
{
	util::Arena arena;
	syntax::ParseOptions options;
	options.limits = limits;
	syntax::ParseResult parsed = syntax::parse_document(document, arena, options);
	if (!parsed.document)
		return false;
	for (const syntax::Definition *d : parsed.document->definitions) {
		if (d->kind != syntax::DefinitionKind::Operation)
			continue;
		const auto *op = static_cast<const syntax::OperationDefinition *>(d);
		if (op->operation != syntax::OperationType::Mutation)
			continue;
		if (!has_operation_name || op->name.text == operation_name)
			return true;
	}
	return false;
}

bool
has_data(std::string_view response)
{
	if (response.substr(0, 8) == "{\"data\":")
		return true;
	std::string error;
	JsonSpan root;
	if (!check_json(response, error, &root) || root.kind != JsonKind::Object)
		return false;
	for (const JsonMember &m : object_members(root))
		if (m.key == "data")
			return true;
	return false;
}

std::string
error_body(std::string_view message)
{
	std::string out = "{\"errors\":[{\"message\":\"";
	response::append_escaped(out, message);
	return out + "\"}]}";
}

} // namespace fraiseql::http
