// lexer.cc: tokenizes GraphQL source exactly as graphql-js 17's Lexer does.
#include "core/syntax/lexer.h"

#include <cstring>

namespace fraiseql::syntax {

namespace {

using lexer_tables::kBlank;
using lexer_tables::kClasses;
using lexer_tables::kDigit;
using lexer_tables::kNameContinue;
using lexer_tables::kNameStart;
using lexer_tables::kPunctuators;

// at() gives -1 past the end, which both refuse.
bool
is_digit(int c)
{
	return c >= 0 && (kClasses.bits[c] & kDigit) != 0;
}

bool
is_name_start(int c)
{
	return c >= 0 && (kClasses.bits[c] & kNameStart) != 0;
}


int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

bool
is_scalar_value(int32_t code)
{
	return (code >= 0 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0x10FFFF);
}

// graphql-js printCodePointAt: "<EOF>", "x", '"' or U+XXXX.
std::string
print_code_point_at(std::string_view s, size_t i)
{
	if (i >= s.size())
		return "<EOF>";
	Utf8Char ch = decode_utf8(s, i);
	if (ch.code >= 0x20 && ch.code <= 0x7E) {
		if (ch.code == '"')
			return "'\"'";
		return std::string("\"") + static_cast<char>(ch.code) + "\"";
	}
	static const char digits[] = "0123456789ABCDEF";
	std::string hex;
	for (uint32_t c = ch.code; c; c >>= 4)
		hex.insert(hex.begin(), digits[c & 15]);
	while (hex.size() < 4)
		hex.insert(hex.begin(), '0');
	return "U+" + hex;
}

// The text of `units` UTF-16 code units from byte offset i (JS body.slice).
std::string_view
slice_units(std::string_view s, size_t i, size_t units)
{
	size_t j = i;
	while (j < s.size() && units > 0) {
		Utf8Char ch = decode_utf8(s, j);
		j += ch.bytes;
		units = units > ch.units ? units - ch.units : 0;
	}
	return s.substr(i, j - i);
}

// 4 hex digits at s[i..]; negative when any is not a hex digit.
int32_t
read_hex4(std::string_view s, size_t i)
{
	int32_t v = 0;
	for (size_t k = 0; k < 4; k++) {
		int h = i + k < s.size() ? hex_value(static_cast<unsigned char>(s[i + k])) : -1;
		if (h < 0)
			return -1;
		v = (v << 4) | h;
	}
	return v;
}

// The first offset from p whose byte ends a plain run inside a string: '"',
// '\\', '\n', '\r' or a non-ASCII byte; n when there is none.
uint32_t
plain_run_end(const char *s, uint32_t n, uint32_t p)
{
#if defined(__SSE2__)
	while (p + 16 <= n) {
		const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s + p));
		const __m128i special =
		    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
		                 _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
		// movemask also takes the top bit of every byte: the non-ASCII ones.
		const unsigned stop = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(special, v)));
		if (stop)
			return p + static_cast<uint32_t>(__builtin_ctz(stop));
		p += 16;
	}
#endif
	while (p < n) {
		const unsigned char c = static_cast<unsigned char>(s[p]);
		if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c >= 0x80)
			break;
		p++;
	}
	return p;
}

} // namespace

const char *
token_kind_name(TokenKind kind)
{
	switch (kind) {
	case TokenKind::Sof: return "<SOF>";
	case TokenKind::Eof: return "<EOF>";
	case TokenKind::Bang: return "!";
	case TokenKind::Dollar: return "$";
	case TokenKind::Amp: return "&";
	case TokenKind::ParenL: return "(";
	case TokenKind::ParenR: return ")";
	case TokenKind::Dot: return ".";
	case TokenKind::Spread: return "...";
	case TokenKind::Colon: return ":";
	case TokenKind::Equals: return "=";
	case TokenKind::At: return "@";
	case TokenKind::BracketL: return "[";
	case TokenKind::BracketR: return "]";
	case TokenKind::BraceL: return "{";
	case TokenKind::Pipe: return "|";
	case TokenKind::BraceR: return "}";
	case TokenKind::Name: return "Name";
	case TokenKind::Int: return "Int";
	case TokenKind::Float: return "Float";
	case TokenKind::String: return "String";
	case TokenKind::BlockString: return "BlockString";
	case TokenKind::Comment: return "Comment";
	}
	return "?";
}

bool
is_punctuator(TokenKind kind)
{
	return kind >= TokenKind::Bang && kind <= TokenKind::BraceR;
}

bool
token_has_value(TokenKind kind)
{
	return kind >= TokenKind::Name;
}

Utf8Char
decode_utf8(std::string_view s, size_t i)
{
	const unsigned char *p = reinterpret_cast<const unsigned char *>(s.data()) + i;
	size_t left = s.size() - i;
	unsigned c = p[0];
	if (c < 0x80)
		return {c, 1, 1};
	auto cont = [&](size_t k) { return k < left && (p[k] & 0xC0) == 0x80; };
	if (c >= 0xC2 && c <= 0xDF && cont(1))
		return {((c & 0x1Fu) << 6) | (p[1] & 0x3Fu), 2, 1};
	if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2)) {
		uint32_t code = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
		if (code >= 0x800 && (code < 0xD800 || code > 0xDFFF))
			return {code, 3, 1};
	}
	if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3)) {
		uint32_t code = ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
		if (code >= 0x10000 && code <= 0x10FFFF)
			return {code, 4, 2};
	}
	return {0xFFFD, 1, 1}; // an invalid byte decodes as U+FFFD, as a JS decoder would
}

void
append_utf8(std::string &out, uint32_t code)
{
	if (code < 0x80) {
		out += static_cast<char>(code);
	} else if (code < 0x800) {
		out += static_cast<char>(0xC0 | (code >> 6));
		out += static_cast<char>(0x80 | (code & 0x3F));
	} else if (code < 0x10000) {
		out += static_cast<char>(0xE0 | (code >> 12));
		out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
		out += static_cast<char>(0x80 | (code & 0x3F));
	} else {
		out += static_cast<char>(0xF0 | (code >> 18));
		out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
		out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
		out += static_cast<char>(0x80 | (code & 0x3F));
	}
}

size_t
utf16_length(std::string_view s)
{
	size_t units = 0;
	for (size_t i = 0; i < s.size();) {
		if (static_cast<unsigned char>(s[i]) < 0x80) {
			units++;
			i++;
			continue;
		}
		Utf8Char ch = decode_utf8(s, i);
		units += ch.units;
		i += ch.bytes;
	}
	return units;
}

std::vector<uint32_t>
utf16_offsets(std::string_view s)
{
	std::vector<uint32_t> at(s.size() + 1, 0);
	uint32_t units = 0;
	for (size_t i = 0; i < s.size();) {
		Utf8Char ch = decode_utf8(s, i);
		for (uint32_t k = 0; k < ch.bytes; k++)
			at[i + k] = units;
		units += ch.units;
		i += ch.bytes;
	}
	at[s.size()] = units;
	return at;
}

void
location_at(std::string_view source, uint32_t offset, uint32_t &line, uint32_t &column)
{
	line = 1;
	size_t line_start = 0;
	size_t end = offset < source.size() ? offset : source.size();
	for (size_t i = 0; i < end; i++) {
		if (source[i] == '\n') {
			line++;
			line_start = i + 1;
		} else if (source[i] == '\r') {
			line++;
			if (i + 1 < source.size() && source[i + 1] == '\n')
				i++;
			line_start = i + 1;
		}
	}
	if (line_start > offset) { // offset inside a \r\n pair, as graphql-js reports it
		column = 0;
		return;
	}
	column = static_cast<uint32_t>(1 + utf16_length(source.substr(line_start, offset - line_start)) +
	                               (offset > source.size() ? offset - source.size() : 0));
}

SyntaxError
make_syntax_error(std::string_view source, uint32_t offset, std::string message, SyntaxErrorKind kind)
{
	SyntaxError e;
	e.kind = kind;
	e.message = "Syntax Error: " + std::move(message);
	location_at(source, offset, e.line, e.column);
	return e;
}

Lexer::Lexer(std::string_view source, util::Arena &arena) : src_(source), arena_(arena) {}

bool
Lexer::fail(uint32_t position, std::string message)
{
	error_ = make_syntax_error(src_, position, std::move(message));
	return false;
}

void
Lexer::make(Token &out, TokenKind kind, uint32_t start, uint32_t end)
{
	out.kind = kind;
	out.start = start;
	out.end = end;
	out.value = std::string_view();
	pos_ = end;
}

bool
Lexer::next(Token &out)
{
	if (error_)
		return false;
	const uint32_t n = static_cast<uint32_t>(src_.size());
	const unsigned char *s = reinterpret_cast<const unsigned char *>(src_.data());
	while (pos_ < n) {
		const int c = s[pos_];
		if (kClasses.bits[c] & kBlank) {
			pos_++;
			continue;
		}
		if (c == '\n') {
			pos_++;
			line_++;
			line_start_ = pos_;
			adjust_ = 0;
			continue;
		}
		if (c == '\r') {
			pos_ += at(pos_ + 1) == '\n' ? 2 : 1;
			line_++;
			line_start_ = pos_;
			adjust_ = 0;
			continue;
		}
		if (c == 0xEF && at(pos_ + 1) == 0xBB && at(pos_ + 2) == 0xBF) { // BOM: 3 bytes, 1 unit
			pos_ += 3;
			adjust_ += 2;
			continue;
		}
		// The token starts here: its line and column are fixed before reading it.
		const uint32_t start = pos_;
		out.line = line_;
		out.column = 1 + (start - line_start_) - adjust_;
		// Names and punctuators are most tokens: they go first.
		if (kClasses.bits[c] & kNameStart)
			return read_name(out, start);
		if (const TokenKind kind = kPunctuators.kinds[c]; kind != TokenKind::Sof) {
			make(out, kind, start, start + 1);
			return true;
		}
		switch (c) {
		case '#': return read_comment(out, start);
		case '.':
			if (at(start + 1) == '.' && at(start + 2) == '.') {
				make(out, TokenKind::Spread, start, start + 3);
				return true;
			}
			if (at(start + 1) == '.')
				return fail(start, "Unexpected \"..\", did you mean \"...\"?");
			if (is_digit(at(start + 1))) {
				uint32_t e = start + 1;
				while (is_digit(at(e)))
					e++;
				return fail(start, "Invalid number, expected digit before \".\", did you mean \"0." +
				                       std::string(src_.substr(start + 1, e - start - 1)) + "\"?");
			}
			break;
		case '"':
			if (at(start + 1) == '"' && at(start + 2) == '"')
				return read_block_string(out, start);
			return read_string(out, start);
		default:
			break;
		}
		if (is_digit(c) || c == '-')
			return read_number(out, start);
		if (c == '\'')
			return fail(start, "Unexpected single quote character ('), did you mean to use a double quote (\")?");
		return fail(start, "Unexpected character: " + print_code_point_at(src_, start) + ".");
	}
	out.line = line_;
	out.column = 1 + (n - line_start_) - adjust_;
	make(out, TokenKind::Eof, n, n);
	return true;
}

bool
Lexer::read_comment(Token &out, uint32_t start)
{
	uint32_t p = start + 1;
	while (p < src_.size()) {
		int c = at(p);
		if (c == '\n' || c == '\r')
			break;
		if (c < 0x80) {
			p++;
			continue;
		}
		Utf8Char ch = decode_utf8(src_, p);
		adjust_ += ch.bytes - ch.units;
		p += ch.bytes;
	}
	make(out, TokenKind::Comment, start, p);
	out.value = src_.substr(start + 1, p - start - 1);
	return true;
}

bool
Lexer::read_digits(uint32_t &position)
{
	if (!is_digit(at(position)))
		return fail(position, "Invalid number, expected digit but got: " + print_code_point_at(src_, position) + ".");
	position++;
	while (is_digit(at(position)))
		position++;
	return true;
}

bool
Lexer::read_number(Token &out, uint32_t start)
{
	uint32_t p = start;
	bool is_float = false;
	if (at(p) == '-')
		p++;
	if (at(p) == '0') {
		p++;
		if (is_digit(at(p)))
			return fail(p, "Invalid number, unexpected digit after 0: " + print_code_point_at(src_, p) + ".");
	} else if (!read_digits(p)) {
		return false;
	}
	if (at(p) == '.') {
		is_float = true;
		p++;
		if (!read_digits(p))
			return false;
	}
	if (at(p) == 'E' || at(p) == 'e') {
		is_float = true;
		p++;
		if (at(p) == '+' || at(p) == '-')
			p++;
		if (!read_digits(p))
			return false;
	}
	// A number may not run straight into a name or another '.'.
	if (at(p) == '.' || is_name_start(at(p)))
		return fail(p, "Invalid number, expected digit but got: " + print_code_point_at(src_, p) + ".");
	make(out, is_float ? TokenKind::Float : TokenKind::Int, start, p);
	out.value = src_.substr(start, p - start);
	return true;
}

bool
Lexer::read_name(Token &out, uint32_t start)
{
	const unsigned char *s = reinterpret_cast<const unsigned char *>(src_.data());
	const uint32_t n = static_cast<uint32_t>(src_.size());
	uint32_t p = start + 1;
	while (p < n && (kClasses.bits[s[p]] & kNameContinue))
		p++;
	make(out, TokenKind::Name, start, p);
	out.value = src_.substr(start, p - start);
	return true;
}

bool
Lexer::read_escape(uint32_t &position)
{
	const uint32_t p = position;
	if (at(p + 1) == 'u' && at(p + 2) == '{') {
		// \u{...}: graphql-js reads at most 8 more characters, in 32-bit arithmetic.
		int32_t point = 0;
		uint32_t size = 3;
		while (size < 12) {
			int c = at(p + size++);
			if (c == '}') {
				if (size < 5 || !is_scalar_value(point))
					break;
				append_utf8(scratch_, static_cast<uint32_t>(point));
				position = p + size;
				return true;
			}
			point = static_cast<int32_t>(static_cast<uint32_t>(point) << 4) | hex_value(c);
			if (point < 0)
				break;
		}
		return fail(p, "Invalid Unicode escape sequence: \"" + std::string(slice_units(src_, p, size)) + "\".");
	}
	if (at(p + 1) == 'u') {
		int32_t code = read_hex4(src_, p + 2);
		if (is_scalar_value(code)) {
			append_utf8(scratch_, static_cast<uint32_t>(code));
			position = p + 6;
			return true;
		}
		// A surrogate pair written as two escapes, JSON style.
		if (code >= 0xD800 && code <= 0xDBFF && at(p + 6) == '\\' && at(p + 7) == 'u') {
			int32_t trail = read_hex4(src_, p + 8);
			if (trail >= 0xDC00 && trail <= 0xDFFF) {
				append_utf8(scratch_, 0x10000 + ((static_cast<uint32_t>(code) - 0xD800) << 10) +
				                          (static_cast<uint32_t>(trail) - 0xDC00));
				position = p + 12;
				return true;
			}
		}
		return fail(p, "Invalid Unicode escape sequence: \"" + std::string(slice_units(src_, p, 6)) + "\".");
	}
	char decoded;
	switch (at(p + 1)) {
	case '"': decoded = '"'; break;
	case '\\': decoded = '\\'; break;
	case '/': decoded = '/'; break;
	case 'b': decoded = '\b'; break;
	case 'f': decoded = '\f'; break;
	case 'n': decoded = '\n'; break;
	case 'r': decoded = '\r'; break;
	case 't': decoded = '\t'; break;
	default:
		return fail(p, "Invalid character escape sequence: \"" + std::string(slice_units(src_, p, 2)) + "\".");
	}
	scratch_ += decoded;
	position = p + 2;
	return true;
}

bool
Lexer::read_string(Token &out, uint32_t start)
{
	scratch_.clear();
	bool decoded = false; // escapes or invalid bytes: the value differs from the source
	uint32_t p = start + 1;
	uint32_t chunk = p;
	const uint32_t n = static_cast<uint32_t>(src_.size());
	while (p < n) {
		p = plain_run_end(src_.data(), n, p);
		if (p >= n)
			break;
		int c = at(p);
		if (c == '"') {
			make(out, TokenKind::String, start, p + 1);
			if (!decoded) {
				out.value = src_.substr(start + 1, p - start - 1);
			} else {
				scratch_.append(src_.data() + chunk, p - chunk);
				out.value = arena_.copy(scratch_);
			}
			return true;
		}
		if (c == '\\') {
			scratch_.append(src_.data() + chunk, p - chunk);
			decoded = true;
			if (!read_escape(p))
				return false;
			chunk = p;
			continue;
		}
		if (c == '\n' || c == '\r')
			break;
		if (c < 0x80) {
			p++;
			continue;
		}
		Utf8Char ch = decode_utf8(src_, p);
		if (ch.code == 0xFFFD && ch.bytes == 1) {
			scratch_.append(src_.data() + chunk, p - chunk);
			append_utf8(scratch_, 0xFFFD);
			decoded = true;
			chunk = p + 1;
		}
		adjust_ += ch.bytes - ch.units;
		p += ch.bytes;
	}
	return fail(p, "Unterminated string.");
}

bool
Lexer::read_block_string(Token &out, uint32_t start)
{
	// Raw lines (with \""" unescaped) are gathered in scratch_, then dedented
	// into the arena by the spec's BlockStringValue rules.
	scratch_.clear();
	line_offsets_.clear();
	line_offsets_.push_back(0);
	uint32_t p = start + 3;
	uint32_t chunk = p;
	uint32_t line_start = line_start_;
	uint32_t adjust = adjust_;
	const uint32_t n = static_cast<uint32_t>(src_.size());
	while (p < n) {
		p = plain_run_end(src_.data(), n, p);
		if (p >= n)
			break;
		int c = at(p);
		if (c == '"' && at(p + 1) == '"' && at(p + 2) == '"') {
			scratch_.append(src_.data() + chunk, p - chunk);
			line_offsets_.push_back(static_cast<uint32_t>(scratch_.size()));
			const size_t count = line_offsets_.size() - 1;
			auto line = [&](size_t i) {
				return std::string_view(scratch_).substr(line_offsets_[i], line_offsets_[i + 1] - line_offsets_[i]);
			};
			size_t common = SIZE_MAX;
			size_t first = SIZE_MAX, last = 0;
			for (size_t i = 0; i < count; i++) {
				std::string_view l = line(i);
				size_t indent = 0;
				while (indent < l.size() && (l[indent] == ' ' || l[indent] == '\t'))
					indent++;
				if (indent == l.size())
					continue;
				if (first == SIZE_MAX)
					first = i;
				last = i;
				if (i != 0 && indent < common)
					common = indent;
			}
			make(out, TokenKind::BlockString, start, p + 3);
			if (first != SIZE_MAX) {
				char *buf = static_cast<char *>(arena_.allocate(scratch_.size() + count, 1));
				size_t len = 0;
				for (size_t i = first; i <= last; i++) {
					std::string_view l = line(i);
					if (i != 0)
						l.remove_prefix(l.size() < common ? l.size() : common);
					if (i != first)
						buf[len++] = '\n';
					std::memcpy(buf + len, l.data(), l.size());
					len += l.size();
				}
				out.value = std::string_view(buf, len);
			}
			line_ += static_cast<uint32_t>(count - 1);
			line_start_ = line_start;
			adjust_ = adjust;
			return true;
		}
		if (c == '\\' && at(p + 1) == '"' && at(p + 2) == '"' && at(p + 3) == '"') {
			scratch_.append(src_.data() + chunk, p - chunk);
			chunk = p + 1;
			p += 4;
			continue;
		}
		if (c == '\n' || c == '\r') {
			scratch_.append(src_.data() + chunk, p - chunk);
			line_offsets_.push_back(static_cast<uint32_t>(scratch_.size()));
			p += (c == '\r' && at(p + 1) == '\n') ? 2 : 1;
			chunk = p;
			line_start = p;
			adjust = 0;
			continue;
		}
		if (c < 0x80) {
			p++;
			continue;
		}
		Utf8Char ch = decode_utf8(src_, p);
		if (ch.code == 0xFFFD && ch.bytes == 1) {
			scratch_.append(src_.data() + chunk, p - chunk);
			append_utf8(scratch_, 0xFFFD);
			chunk = p + 1;
		}
		adjust += ch.bytes - ch.units;
		p += ch.bytes;
	}
	return fail(p, "Unterminated string.");
}

} // namespace fraiseql::syntax
