// jsonb_builder.cc: a small JSON parser feeding a jsonb encoder.
#include "unit/support/jsonb_builder.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <vector>

namespace fraiseql::test {

namespace {

struct Node {
	enum Kind { Null, False, True, String, Number, Array, Object } kind = Null;
	std::string text; // String (decoded), Number (as written)
	std::vector<std::unique_ptr<Node>> items;
	std::vector<std::pair<std::string, std::unique_ptr<Node>>> pairs;
};

[[noreturn]] void
malformed(std::string_view json, size_t pos)
{
	std::fprintf(stderr, "jsonb_builder: malformed JSON at %zu: %.*s\n", pos, int(json.size()), json.data());
	std::abort();
}

class Parser {
public:
	explicit Parser(std::string_view json) : s_(json) {}

	std::unique_ptr<Node>
	document()
	{
		auto n = value();
		skip();
		if (pos_ != s_.size())
			malformed(s_, pos_);
		return n;
	}

private:
	std::string_view s_;
	size_t pos_ = 0;

	void
	skip()
	{
		while (pos_ < s_.size() && std::strchr(" \t\r\n", s_[pos_]))
			pos_++;
	}

	bool
	take(std::string_view word)
	{
		if (s_.substr(pos_, word.size()) != word)
			return false;
		pos_ += word.size();
		return true;
	}

	void
	append_utf8(std::string &out, uint32_t cp)
	{
		if (cp < 0x80) {
			out += char(cp);
		} else if (cp < 0x800) {
			out += char(0xC0 | (cp >> 6));
			out += char(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			out += char(0xE0 | (cp >> 12));
			out += char(0x80 | ((cp >> 6) & 0x3F));
			out += char(0x80 | (cp & 0x3F));
		} else {
			out += char(0xF0 | (cp >> 18));
			out += char(0x80 | ((cp >> 12) & 0x3F));
			out += char(0x80 | ((cp >> 6) & 0x3F));
			out += char(0x80 | (cp & 0x3F));
		}
	}

	std::string
	string()
	{
		std::string out;
		pos_++; // opening quote
		while (pos_ < s_.size() && s_[pos_] != '"') {
			char c = s_[pos_++];
			if (c != '\\') {
				out += c;
				continue;
			}
			if (pos_ >= s_.size())
				malformed(s_, pos_);
			char e = s_[pos_++];
			switch (e) {
			case 'n': out += '\n'; break;
			case 't': out += '\t'; break;
			case 'r': out += '\r'; break;
			case 'b': out += '\b'; break;
			case 'f': out += '\f'; break;
			case 'u': {
				uint32_t cp = uint32_t(std::strtoul(std::string(s_.substr(pos_, 4)).c_str(), nullptr, 16));
				pos_ += 4;
				if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(pos_, 2) == "\\u") {
					uint32_t low = uint32_t(std::strtoul(std::string(s_.substr(pos_ + 2, 4)).c_str(), nullptr, 16));
					pos_ += 6;
					cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
				}
				append_utf8(out, cp);
				break;
			}
			default: out += e; break;
			}
		}
		if (pos_ >= s_.size())
			malformed(s_, pos_);
		pos_++;
		return out;
	}

	std::unique_ptr<Node>
	value()
	{
		skip();
		auto n = std::make_unique<Node>();
		if (pos_ >= s_.size())
			malformed(s_, pos_);
		char c = s_[pos_];
		if (take("null")) {
			n->kind = Node::Null;
		} else if (take("true")) {
			n->kind = Node::True;
		} else if (take("false")) {
			n->kind = Node::False;
		} else if (c == '"') {
			n->kind = Node::String;
			n->text = string();
		} else if (c == '[') {
			n->kind = Node::Array;
			pos_++;
			skip();
			if (!take("]")) {
				do
					n->items.push_back(value());
				while (skip(), take(","));
				if (!take("]"))
					malformed(s_, pos_);
			}
		} else if (c == '{') {
			n->kind = Node::Object;
			pos_++;
			skip();
			if (!take("}")) {
				do {
					skip();
					if (pos_ >= s_.size() || s_[pos_] != '"')
						malformed(s_, pos_);
					std::string key = string();
					skip();
					if (!take(":"))
						malformed(s_, pos_);
					n->pairs.emplace_back(std::move(key), value());
				} while (skip(), take(","));
				if (!take("}"))
					malformed(s_, pos_);
			}
		} else {
			size_t start = pos_;
			while (pos_ < s_.size() && std::strchr("+-0123456789.eE", s_[pos_]))
				pos_++;
			if (pos_ == start)
				malformed(s_, pos_);
			n->kind = Node::Number;
			n->text = std::string(s_.substr(start, pos_ - start));
		}
		return n;
	}
};

void
put32(std::string &out, uint32_t v)
{
	out.append(reinterpret_cast<const char *>(&v), 4);
}

void
put16(std::string &out, uint16_t v)
{
	out.append(reinterpret_cast<const char *>(&v), 2);
}

// numeric varlena (4-byte header, long format) of a JSON number text.
std::string
numeric_varlena(const std::string &number)
{
	bool negative = number[0] == '-';
	std::string body = negative ? number.substr(1) : number;
	int exponent = 0;
	size_t e = body.find_first_of("eE");
	if (e != std::string::npos) {
		exponent = std::atoi(body.c_str() + e + 1);
		body.resize(e);
	}
	size_t dot = body.find('.');
	std::string int_digits = body.substr(0, dot);
	std::string frac_digits = dot == std::string::npos ? "" : body.substr(dot + 1);
	// Move the decimal point by the exponent.
	for (; exponent > 0; exponent--) {
		int_digits += frac_digits.empty() ? '0' : frac_digits[0];
		if (!frac_digits.empty())
			frac_digits.erase(0, 1);
	}
	for (; exponent < 0; exponent++) {
		frac_digits.insert(frac_digits.begin(), int_digits.empty() ? '0' : int_digits.back());
		if (!int_digits.empty())
			int_digits.pop_back();
	}
	const int dscale = int(frac_digits.size());
	while (int_digits.size() % 4)
		int_digits.insert(int_digits.begin(), '0');
	while (frac_digits.size() % 4)
		frac_digits += '0';
	std::vector<uint16_t> groups;
	for (size_t i = 0; i < int_digits.size(); i += 4)
		groups.push_back(uint16_t(std::atoi(int_digits.substr(i, 4).c_str())));
	int weight = int(groups.size()) - 1;
	for (size_t i = 0; i < frac_digits.size(); i += 4)
		groups.push_back(uint16_t(std::atoi(frac_digits.substr(i, 4).c_str())));
	size_t first = 0;
	while (first < groups.size() && groups[first] == 0) {
		first++;
		weight--;
	}
	size_t last = groups.size();
	while (last > first && groups[last - 1] == 0)
		last--;
	if (first == last) {
		weight = 0;
		negative = false;
	}
	std::string out;
	const uint32_t size = 4 + 4 + 2 * uint32_t(last - first);
	put32(out, size << 2);
	put16(out, uint16_t((negative ? 0x4000 : 0) | (dscale & 0x3FFF)));
	put16(out, uint16_t(int16_t(weight)));
	for (size_t i = first; i < last; i++)
		put16(out, groups[i]);
	return out;
}

constexpr uint32_t JENTRY_ISSTRING = 0x00000000;
constexpr uint32_t JENTRY_ISNUMERIC = 0x10000000;
constexpr uint32_t JENTRY_ISBOOL_FALSE = 0x20000000;
constexpr uint32_t JENTRY_ISBOOL_TRUE = 0x30000000;
constexpr uint32_t JENTRY_ISNULL = 0x40000000;
constexpr uint32_t JENTRY_ISCONTAINER = 0x50000000;
constexpr uint32_t JB_FSCALAR = 0x10000000;
constexpr uint32_t JB_FOBJECT = 0x20000000;
constexpr uint32_t JB_FARRAY = 0x40000000;

std::string container(const Node &n);

// Appends one child's data to `data` (aligned as PostgreSQL aligns it) and
// returns its JEntry (type bits and length including any padding).
uint32_t
child(const Node &n, std::string &data)
{
	const size_t start = data.size();
	uint32_t type = JENTRY_ISNULL;
	switch (n.kind) {
	case Node::Null: type = JENTRY_ISNULL; break;
	case Node::False: type = JENTRY_ISBOOL_FALSE; break;
	case Node::True: type = JENTRY_ISBOOL_TRUE; break;
	case Node::String:
		type = JENTRY_ISSTRING;
		data += n.text;
		break;
	case Node::Number:
		type = JENTRY_ISNUMERIC;
		while (data.size() % 4)
			data += '\0';
		data += numeric_varlena(n.text);
		break;
	case Node::Array:
	case Node::Object:
		type = JENTRY_ISCONTAINER;
		while (data.size() % 4)
			data += '\0';
		data += container(n);
		break;
	}
	return type | uint32_t(data.size() - start);
}

// A container; a top-level scalar is stored as a one-element "raw scalar" array.
std::string
container(const Node &n)
{
	std::string out;
	std::string data;
	std::vector<uint32_t> entries;
	if (n.kind == Node::Object) {
		// Keys sorted by length, then bytes; on duplicates the last one wins.
		std::map<std::string, const Node *, bool (*)(const std::string &, const std::string &)> sorted(
		    [](const std::string &a, const std::string &b) { return a.size() != b.size() ? a.size() < b.size() : a < b; });
		for (const auto &[key, value] : n.pairs)
			sorted[key] = value.get();
		put32(out, JB_FOBJECT | uint32_t(sorted.size()));
		for (const auto &[key, value] : sorted) {
			Node k;
			k.kind = Node::String;
			k.text = key;
			entries.push_back(child(k, data));
		}
		for (const auto &[key, value] : sorted)
			entries.push_back(child(*value, data));
	} else if (n.kind == Node::Array) {
		put32(out, JB_FARRAY | uint32_t(n.items.size()));
		for (const auto &item : n.items)
			entries.push_back(child(*item, data));
	} else {
		put32(out, JB_FARRAY | JB_FSCALAR | 1u);
		entries.push_back(child(n, data));
	}
	for (uint32_t e : entries)
		put32(out, e);
	return out + data;
}

} // namespace

std::string
jsonb_from_json(std::string_view json)
{
	std::unique_ptr<Node> root = Parser(json).document();
	return container(*root);
}

} // namespace fraiseql::test
