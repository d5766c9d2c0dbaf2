// json_text.cc: a recursive-descent checker over the bytes; no allocation but
// the error text, so a hostile body costs one pass.
#include "core/http/json_text.h"

#include "core/syntax/lexer.h"
#include "core/util/text.h"

namespace fraiseql::http {

namespace {

// PostgreSQL's numeric holds up to 131072 digits before the point and 16383
// after; a JSON number within these bounds always fits (a GraphQL value never
// comes near them).
constexpr size_t MAX_NUMBER_CHARS = 1000;
constexpr long MAX_EXPONENT = 1000;

bool
white(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

class Checker {
public:
	explicit Checker(std::string_view text, std::vector<JsonMember> *root_members = nullptr)
	    : s_(text), root_members_(root_members)
	{
	}

	bool
	document(std::string &error, JsonSpan *root)
	{
		skip();
		JsonSpan span;
		if (!value(0, span))
			return fail_out(error);
		skip();
		if (pos_ != s_.size()) {
			why_ = "unexpected text after the JSON value";
			return fail_out(error);
		}
		if (root)
			*root = span;
		return true;
	}

	// The value known to be valid at `at` (for object_members).
	JsonSpan
	value_at(size_t at)
	{
		pos_ = at;
		JsonSpan span;
		value(0, span);
		return span;
	}

private:
	std::string_view s_;
	std::vector<JsonMember> *root_members_; // the root object's members, collected in the same pass
	size_t pos_ = 0;
	const char *why_ = "";

	bool
	fail_out(std::string &error)
	{
		error = std::string(why_) + " at byte " + std::to_string(pos_);
		return false;
	}

	bool
	fail(const char *why)
	{
		why_ = why;
		return false;
	}

	void
	skip()
	{
		while (pos_ < s_.size() && white(s_[pos_]))
			pos_++;
	}

	bool
	literal(std::string_view word)
	{
		if (s_.substr(pos_, word.size()) != word)
			return fail("invalid literal");
		pos_ += word.size();
		return true;
	}

	bool
	value(uint32_t depth, JsonSpan &span)
	{
		if (pos_ >= s_.size())
			return fail("unexpected end of JSON");
		const size_t start = pos_;
		bool ok = true;
		switch (s_[pos_]) {
		case 'n': span.kind = JsonKind::Null; ok = literal("null"); break;
		case 't': span.kind = JsonKind::True; ok = literal("true"); break;
		case 'f': span.kind = JsonKind::False; ok = literal("false"); break;
		case '"': span.kind = JsonKind::String; ok = string(); break;
		case '[': span.kind = JsonKind::Array; ok = array(depth + 1); break;
		case '{': span.kind = JsonKind::Object; ok = object(depth + 1); break;
		default: span.kind = JsonKind::Number; ok = number(); break;
		}
		span.text = s_.substr(start, pos_ - start);
		return ok;
	}

	bool
	array(uint32_t depth)
	{
		if (depth > MAX_JSON_DEPTH)
			return fail("JSON nested too deeply");
		pos_++;
		skip();
		if (pos_ < s_.size() && s_[pos_] == ']') {
			pos_++;
			return true;
		}
		for (;;) {
			skip();
			JsonSpan item;
			if (!value(depth, item))
				return false;
			skip();
			if (pos_ < s_.size() && s_[pos_] == ',') {
				pos_++;
				continue;
			}
			if (pos_ < s_.size() && s_[pos_] == ']') {
				pos_++;
				return true;
			}
			return fail("expected , or ] in an array");
		}
	}

	bool
	object(uint32_t depth)
	{
		if (depth > MAX_JSON_DEPTH)
			return fail("JSON nested too deeply");
		pos_++;
		skip();
		if (pos_ < s_.size() && s_[pos_] == '}') {
			pos_++;
			return true;
		}
		for (;;) {
			skip();
			if (pos_ >= s_.size() || s_[pos_] != '"')
				return fail("expected a string key in an object");
			const size_t key_start = pos_;
			if (!string())
				return false;
			const std::string_view key = s_.substr(key_start, pos_ - key_start);
			skip();
			if (pos_ >= s_.size() || s_[pos_] != ':')
				return fail("expected : after an object key");
			pos_++;
			skip();
			JsonSpan member;
			if (!value(depth, member))
				return false;
			if (depth == 1 && root_members_)
				root_members_->push_back(JsonMember{decode_string(JsonSpan{JsonKind::String, key}), member});
			skip();
			if (pos_ < s_.size() && s_[pos_] == ',') {
				pos_++;
				continue;
			}
			if (pos_ < s_.size() && s_[pos_] == '}') {
				pos_++;
				return true;
			}
			return fail("expected , or } in an object");
		}
	}

	bool
	digits()
	{
		size_t start = pos_;
		while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9')
			pos_++;
		return pos_ > start;
	}

	bool
	number()
	{
		const size_t start = pos_;
		if (s_[pos_] == '-')
			pos_++;
		if (pos_ < s_.size() && s_[pos_] == '0')
			pos_++;
		else if (!digits())
			return fail("invalid JSON value");
		if (pos_ < s_.size() && s_[pos_] == '.') {
			pos_++;
			if (!digits())
				return fail("invalid number");
		}
		if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
			pos_++;
			bool negative = false;
			if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-'))
				negative = s_[pos_++] == '-';
			const size_t exponent_start = pos_;
			if (!digits())
				return fail("invalid number");
			long exponent = 0;
			for (size_t i = exponent_start; i < pos_ && exponent <= MAX_EXPONENT; i++)
				exponent = exponent * 10 + (s_[i] - '0');
			if (exponent > MAX_EXPONENT)
				return fail(negative ? "number too small" : "number too large");
		}
		if (pos_ - start > MAX_NUMBER_CHARS)
			return fail("number too long");
		return true;
	}

	bool
	escape()
	{
		pos_++; // the backslash
		if (pos_ >= s_.size())
			return fail("unterminated string");
		char e = s_[pos_++];
		if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't')
			return true;
		if (e != 'u')
			return fail("invalid escape in a string");
		uint32_t cp = 0;
		if (!util::read_hex4(s_, pos_, cp))
			return fail("invalid \\u escape");
		pos_ += 4;
		if (cp == 0)
			return fail("\\u0000 is not allowed (PostgreSQL's jsonb cannot hold it)");
		if (cp >= 0xDC00 && cp <= 0xDFFF)
			return fail("a lone low surrogate in a \\u escape");
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			uint32_t low = 0;
			if (s_.substr(pos_, 2) != "\\u" || !util::read_hex4(s_, pos_ + 2, low) || low < 0xDC00 || low > 0xDFFF)
				return fail("a lone high surrogate in a \\u escape");
			pos_ += 6;
		}
		return true;
	}

	// One UTF-8 sequence starting at pos_ (a byte >= 0x80), shortest form only.
	bool
	utf8()
	{
		const unsigned char c = static_cast<unsigned char>(s_[pos_]);
		size_t n = 0;
		unsigned min = 0, cp = 0;
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1, cp = c & 0x1F, min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2, cp = c & 0x0F, min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3, cp = c & 0x07, min = 0x10000;
		} else {
			return fail("invalid UTF-8");
		}
		if (pos_ + n >= s_.size())
			return fail("invalid UTF-8");
		for (size_t i = 1; i <= n; i++) {
			const unsigned char k = static_cast<unsigned char>(s_[pos_ + i]);
			if ((k & 0xC0) != 0x80)
				return fail("invalid UTF-8");
			cp = (cp << 6) | (k & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return fail("invalid UTF-8");
		pos_ += n + 1;
		return true;
	}

	bool
	string()
	{
		pos_++; // the opening quote
		while (pos_ < s_.size()) {
			const unsigned char c = static_cast<unsigned char>(s_[pos_]);
			if (c == '"') {
				pos_++;
				return true;
			}
			if (c == '\\') {
				if (!escape())
					return false;
			} else if (c < 0x20) {
				return fail("a control character in a string");
			} else if (c >= 0x80) {
				if (!utf8())
					return false;
			} else {
				pos_++;
			}
		}
		return fail("unterminated string");
	}
};

size_t
skip_white(std::string_view s, size_t at)
{
	while (at < s.size() && white(s[at]))
		at++;
	return at;
}

// The end of the checked string starting at `at` (its opening quote).
size_t
string_end(std::string_view s, size_t at)
{
	for (at++; s[at] != '"'; at++)
		if (s[at] == '\\')
			at++;
	return at + 1;
}

} // namespace

bool
check_json(std::string_view text, std::string &error, JsonSpan *root, std::vector<JsonMember> *root_members)
{
	return Checker(text, root_members).document(error, root);
}

std::vector<JsonMember>
object_members(const JsonSpan &object)
{
	std::vector<JsonMember> members;
	const std::string_view s = object.text;
	Checker values(s);
	size_t at = skip_white(s, 1);
	while (at < s.size() && s[at] == '"') {
		const size_t key_end = string_end(s, at);
		JsonMember m;
		m.key = decode_string(JsonSpan{JsonKind::String, s.substr(at, key_end - at)});
		at = skip_white(s, skip_white(s, key_end) + 1); // past the colon
		m.value = values.value_at(at);
		at = skip_white(s, at + m.value.text.size());
		members.push_back(std::move(m));
		if (at < s.size() && s[at] == ',')
			at = skip_white(s, at + 1);
	}
	return members;
}

std::string
decode_string(const JsonSpan &string)
{
	const std::string_view s = string.text;
	std::string out;
	out.reserve(s.size());
	for (size_t i = 1; i + 1 < s.size(); i++) {
		if (s[i] != '\\') {
			out += s[i];
			continue;
		}
		char e = s[++i];
		switch (e) {
		case 'b': out += '\b'; break;
		case 'f': out += '\f'; break;
		case 'n': out += '\n'; break;
		case 'r': out += '\r'; break;
		case 't': out += '\t'; break;
		case 'u': {
			// The checker has accepted the escapes: four hex digits each, surrogates paired.
			uint32_t cp = 0, low = 0;
			util::read_hex4(s, i + 1, cp);
			i += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				util::read_hex4(s, i + 3, low);
				cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
				i += 6;
			}
			syntax::append_utf8(out, cp);
			break;
		}
		default: out += e; break; // " \ /
		}
	}
	return out;
}

} // namespace fraiseql::http
