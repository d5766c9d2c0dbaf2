// json_check.h: a strict RFC 8259 JSON validator for the fuzz targets, which
// also requires valid UTF-8 (no overlong forms, no surrogates, nothing past
// U+10FFFF) and, in escapes, no lone surrogate: the output of the writers must
// pass it, and coerce_fuzz uses it to keep only inputs PostgreSQL's jsonb
// input would accept. Nesting is bounded, so the recursion is too.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace fraiseql::fuzz {

struct JsonRules {
	int max_depth = 2048;
	bool allow_nul_escape = true; // jsonb rejects \u0000
	int max_exponent = 1 << 30;   // |exponent| of numbers
};

class JsonCheck {
public:
	JsonCheck(std::string_view text, const JsonRules &rules) : s_(text), rules_(rules) {}

	// True when the whole text is one valid JSON value; else error() says why.
	bool
	run()
	{
		ws();
		if (!value(0))
			return false;
		ws();
		return pos_ == s_.size() || fail("text after the value");
	}
	const std::string &error() const { return error_; }

private:
	std::string_view s_;
	JsonRules rules_;
	size_t pos_ = 0;
	std::string error_;

	bool
	fail(const char *why)
	{
		error_ = std::string(why) + " at byte " + std::to_string(pos_);
		return false;
	}
	bool at(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
	static bool digit(char c) { return c >= '0' && c <= '9'; }

	void
	ws()
	{
		while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
			pos_++;
	}

	bool
	word(std::string_view w)
	{
		if (s_.substr(pos_, w.size()) != w)
			return fail("bad literal");
		pos_ += w.size();
		return true;
	}

	bool
	value(int depth)
	{
		if (depth > rules_.max_depth)
			return fail("nested too deep");
		if (pos_ >= s_.size())
			return fail("value expected");
		switch (s_[pos_]) {
		case '{': return object(depth);
		case '[': return array(depth);
		case '"': return string();
		case 't': return word("true");
		case 'f': return word("false");
		case 'n': return word("null");
		default: return number();
		}
	}

	bool
	object(int depth)
	{
		pos_++;
		ws();
		if (at('}')) {
			pos_++;
			return true;
		}
		for (;;) {
			if (!at('"'))
				return fail("key expected");
			if (!string())
				return false;
			ws();
			if (!at(':'))
				return fail("':' expected");
			pos_++;
			ws();
			if (!value(depth + 1))
				return false;
			ws();
			if (at('}')) {
				pos_++;
				return true;
			}
			if (!at(','))
				return fail("',' or '}' expected");
			pos_++;
			ws();
		}
	}

	bool
	array(int depth)
	{
		pos_++;
		ws();
		if (at(']')) {
			pos_++;
			return true;
		}
		for (;;) {
			if (!value(depth + 1))
				return false;
			ws();
			if (at(']')) {
				pos_++;
				return true;
			}
			if (!at(','))
				return fail("',' or ']' expected");
			pos_++;
			ws();
		}
	}

	bool
	number()
	{
		if (at('-'))
			pos_++;
		if (at('0')) {
			pos_++;
		} else if (pos_ < s_.size() && digit(s_[pos_])) {
			while (pos_ < s_.size() && digit(s_[pos_]))
				pos_++;
		} else {
			return fail("bad number");
		}
		if (at('.')) {
			pos_++;
			if (!(pos_ < s_.size() && digit(s_[pos_])))
				return fail("digit expected after '.'");
			while (pos_ < s_.size() && digit(s_[pos_]))
				pos_++;
		}
		if (at('e') || at('E')) {
			pos_++;
			if (at('+') || at('-'))
				pos_++;
			if (!(pos_ < s_.size() && digit(s_[pos_])))
				return fail("digit expected in exponent");
			long exponent = 0;
			while (pos_ < s_.size() && digit(s_[pos_])) {
				if (exponent <= rules_.max_exponent)
					exponent = exponent * 10 + (s_[pos_] - '0');
				pos_++;
			}
			if (exponent > rules_.max_exponent)
				return fail("exponent too large");
		}
		return true;
	}

	bool
	hex4(uint32_t &out)
	{
		if (pos_ + 4 > s_.size())
			return fail("short \\u escape");
		out = 0;
		for (int i = 0; i < 4; i++) {
			char c = s_[pos_++];
			uint32_t d = c >= '0' && c <= '9' ? uint32_t(c - '0')
			             : c >= 'a' && c <= 'f' ? uint32_t(c - 'a' + 10)
			             : c >= 'A' && c <= 'F' ? uint32_t(c - 'A' + 10)
			                                    : 16;
			if (d == 16)
				return fail("bad hex digit");
			out = out * 16 + d;
		}
		return true;
	}

	bool
	escape()
	{
		pos_++; // the backslash
		if (pos_ >= s_.size())
			return fail("unfinished escape");
		char e = s_[pos_++];
		if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't')
			return true;
		if (e != 'u')
			return fail("bad escape");
		uint32_t cp = 0;
		if (!hex4(cp))
			return false;
		if (cp == 0 && !rules_.allow_nul_escape)
			return fail("\\u0000");
		if (cp >= 0xDC00 && cp < 0xE000)
			return fail("lone low surrogate escape");
		if (cp >= 0xD800 && cp < 0xDC00) {
			uint32_t low = 0;
			if (s_.substr(pos_, 2) != "\\u")
				return fail("lone high surrogate escape");
			pos_ += 2;
			if (!hex4(low))
				return false;
			if (low < 0xDC00 || low >= 0xE000)
				return fail("high surrogate without a low one");
		}
		return true;
	}

	// One UTF-8 sequence starting at pos_ (a byte >= 0x80).
	bool
	utf8()
	{
		const auto b = [&](size_t i) { return static_cast<uint8_t>(s_[pos_ + i]); };
		const uint8_t c = b(0);
		size_t n = 0;
		uint32_t cp = 0;
		if (c >= 0xC2 && c <= 0xDF) {
			n = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 4;
			cp = c & 0x07;
		} else {
			return fail("invalid UTF-8 lead byte");
		}
		if (pos_ + n > s_.size())
			return fail("truncated UTF-8");
		for (size_t i = 1; i < n; i++) {
			if ((b(i) & 0xC0) != 0x80)
				return fail("invalid UTF-8 continuation");
			cp = (cp << 6) | (b(i) & 0x3F);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
			return fail("overlong or out-of-range UTF-8");
		if (cp >= 0xD800 && cp < 0xE000)
			return fail("UTF-8 encoded surrogate");
		pos_ += n;
		return true;
	}

	bool
	string()
	{
		pos_++; // opening quote
		for (;;) {
			if (pos_ >= s_.size())
				return fail("unterminated string");
			const uint8_t c = static_cast<uint8_t>(s_[pos_]);
			if (c == '"') {
				pos_++;
				return true;
			}
			if (c < 0x20)
				return fail("control character in a string");
			if (c == '\\') {
				if (!escape())
					return false;
			} else if (c >= 0x80) {
				if (!utf8())
					return false;
			} else {
				pos_++;
			}
		}
	}
};

inline bool
valid_json(std::string_view text, std::string *error = nullptr, const JsonRules &rules = JsonRules())
{
	JsonCheck check(text, rules);
	bool ok = check.run();
	if (!ok && error)
		*error = check.error();
	return ok;
}

} // namespace fraiseql::fuzz
