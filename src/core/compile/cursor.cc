// cursor.cc: cursor encoding and a strict reader of the one JSON shape a
// cursor holds (an array of a string and scalars). Everything a client sends
// is checked; nothing is trusted to be what we wrote.
#include "core/compile/cursor.h"

#include <cstdint>

#include "core/response/json_writer.h"
#include "core/syntax/lexer.h"
#include "core/util/text.h"

namespace fraiseql::compile {

namespace {

constexpr char ALPHABET[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int
base64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

// Reads the JSON of a decoded cursor: [ "sig", scalar, ... ].
class Reader {
public:
	explicit Reader(std::string_view text) : s_(text) {}

	bool
	array(std::string &signature, std::vector<CursorValue> &values)
	{
		space();
		if (!take('['))
			return false;
		space();
		CursorValue first;
		if (!string(first.text))
			return false;
		signature = std::move(first.text);
		space();
		while (take(',')) {
			space();
			CursorValue v;
			if (!scalar(v))
				return false;
			values.push_back(std::move(v));
			space();
		}
		if (!take(']'))
			return false;
		space();
		return i_ == s_.size();
	}

private:
	std::string_view s_;
	size_t i_ = 0;

	void
	space()
	{
		while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
			i_++;
	}

	bool
	take(char c)
	{
		if (i_ < s_.size() && s_[i_] == c) {
			i_++;
			return true;
		}
		return false;
	}

	bool
	word(std::string_view w)
	{
		if (s_.substr(i_, w.size()) != w)
			return false;
		i_ += w.size();
		return true;
	}

	bool
	scalar(CursorValue &v)
	{
		if (i_ >= s_.size())
			return false;
		char c = s_[i_];
		if (c == '"')
			return string(v.text);
		if (word("null")) {
			v.is_null = true;
			return true;
		}
		if (word("true")) {
			v.text = "true";
			return true;
		}
		if (word("false")) {
			v.text = "false";
			return true;
		}
		return number(v.text);
	}

	bool
	digits()
	{
		size_t start = i_;
		while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9')
			i_++;
		return i_ > start;
	}

	// RFC 8259 number grammar.
	bool
	number(std::string &out)
	{
		size_t start = i_;
		take('-');
		if (take('0')) {
			// no leading zeros
		} else if (!digits()) {
			return false;
		}
		if (take('.') && !digits())
			return false;
		if (take('e') || take('E')) {
			if (!take('+'))
				take('-');
			if (!digits())
				return false;
		}
		out = std::string(s_.substr(start, i_ - start));
		return true;
	}

	bool
	hex4(uint32_t &out)
	{
		if (!util::read_hex4(s_, i_, out))
			return false;
		i_ += 4;
		return true;
	}

	bool
	string(std::string &out)
	{
		if (!take('"'))
			return false;
		while (i_ < s_.size()) {
			char c = s_[i_++];
			if (c == '"')
				return util::valid_utf8(out); // text bound to a parameter: the database's encoding
			if (static_cast<unsigned char>(c) < 0x20)
				return false;
			if (c != '\\') {
				out += c;
				continue;
			}
			if (i_ >= s_.size())
				return false;
			char e = s_[i_++];
			switch (e) {
			case '"': out += '"'; break;
			case '\\': out += '\\'; break;
			case '/': out += '/'; break;
			case 'b': out += '\b'; break;
			case 'f': out += '\f'; break;
			case 'n': out += '\n'; break;
			case 'r': out += '\r'; break;
			case 't': out += '\t'; break;
			case 'u': {
				uint32_t cp;
				if (!hex4(cp))
					return false;
				if (cp >= 0xD800 && cp <= 0xDBFF) {
					uint32_t low;
					if (!take('\\') || !take('u') || !hex4(low) || low < 0xDC00 || low > 0xDFFF)
						return false;
					cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
				} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
					return false;
				}
				if (cp == 0)
					return false; // PostgreSQL text cannot hold NUL
				syntax::append_utf8(out, cp);
				break;
			}
			default: return false;
			}
		}
		return false;
	}
};

} // namespace

std::string
ordering_signature(std::string_view ordering)
{
	uint32_t h = 2166136261u;
	for (char c : ordering) {
		h ^= static_cast<unsigned char>(c);
		h *= 16777619u;
	}
	static const char hex[] = "0123456789abcdef";
	std::string out(8, '0');
	for (int i = 7; i >= 0; i--) {
		out[static_cast<size_t>(i)] = hex[h & 0xF];
		h >>= 4;
	}
	return out;
}

std::string
base64_encode(std::string_view bytes)
{
	std::string out;
	out.reserve((bytes.size() + 2) / 3 * 4);
	size_t i = 0;
	for (; i + 3 <= bytes.size(); i += 3) {
		uint32_t n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
		             static_cast<unsigned char>(bytes[i + 2]);
		out += ALPHABET[(n >> 18) & 63];
		out += ALPHABET[(n >> 12) & 63];
		out += ALPHABET[(n >> 6) & 63];
		out += ALPHABET[n & 63];
	}
	size_t rest = bytes.size() - i;
	if (rest) {
		uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
		if (rest == 2)
			n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
		out += ALPHABET[(n >> 18) & 63];
		out += ALPHABET[(n >> 12) & 63];
		out += rest == 2 ? ALPHABET[(n >> 6) & 63] : '=';
		out += '=';
	}
	return out;
}

bool
base64_decode(std::string_view text, std::string &out)
{
	if (text.empty() || text.size() % 4 != 0)
		return false;
	out.clear();
	out.reserve(text.size() / 4 * 3);
	for (size_t i = 0; i < text.size(); i += 4) {
		bool last = i + 4 == text.size();
		int v[4];
		int pad = 0;
		for (int k = 0; k < 4; k++) {
			char c = text[i + static_cast<size_t>(k)];
			if (c == '=' && last && k >= 2) {
				v[k] = 0;
				pad++;
				continue;
			}
			if (pad) // data after padding
				return false;
			v[k] = base64_value(c);
			if (v[k] < 0)
				return false;
		}
		uint32_t n = (static_cast<uint32_t>(v[0]) << 18) | (static_cast<uint32_t>(v[1]) << 12) |
		             (static_cast<uint32_t>(v[2]) << 6) | static_cast<uint32_t>(v[3]);
		out += static_cast<char>((n >> 16) & 0xFF);
		if (pad < 2)
			out += static_cast<char>((n >> 8) & 0xFF);
		if (pad < 1)
			out += static_cast<char>(n & 0xFF);
	}
	return true;
}

bool
encode_cursor(std::string_view signature, const jsonb::Value &keys, std::string &out)
{
	if (keys.kind != jsonb::Kind::Array)
		return false;
	jsonb::Container c = keys.container();
	std::string json = "[\"";
	response::append_escaped(json, signature);
	json += '"';
	for (uint32_t i = 0; i < c.size(); i++) {
		jsonb::Value v = c.element(i);
		json += ',';
		switch (v.kind) {
		case jsonb::Kind::Null: json += "null"; break;
		case jsonb::Kind::True: json += "true"; break;
		case jsonb::Kind::False: json += "false"; break;
		case jsonb::Kind::String:
			json += '"';
			response::append_escaped(json, v.string());
			json += '"';
			break;
		case jsonb::Kind::Numeric: {
			std::string n = jsonb::numeric_string(v);
			if (n.empty())
				return false;
			json += n;
			break;
		}
		default: return false;
		}
	}
	json += ']';
	out = base64_encode(json);
	return true;
}

CursorError
decode_cursor(std::string_view cursor, std::string_view signature, size_t key_count, std::vector<CursorValue> &out)
{
	out.clear();
	std::string json;
	if (!base64_decode(cursor, json))
		return CursorError::Malformed;
	std::string found;
	Reader reader(json);
	if (!reader.array(found, out)) {
		out.clear();
		return CursorError::Malformed;
	}
	if (found != signature || out.size() != key_count) {
		out.clear();
		return found != signature ? CursorError::OtherOrdering : CursorError::Malformed;
	}
	return CursorError::None;
}

} // namespace fraiseql::compile
