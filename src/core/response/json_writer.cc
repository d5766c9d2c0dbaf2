// json_writer.cc: RFC 8259 escaping with UTF-8 validation into a growable buffer.
#include "core/response/json_writer.h"

#include "core/response/escape_scan.h"

#include <cstdlib>
#include <cstring>
#include <string>

namespace fraiseql::response {

namespace {

class HeapBufferSource final : public BufferSource {
public:
	char *grow(char *old, size_t, size_t capacity) noexcept override
	{
		return static_cast<char *>(std::realloc(old, capacity));
	}
	void release(char *block) noexcept override { std::free(block); }
};

const char HEX[] = "0123456789abcdef";

// Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if invalid.
// Rejects overlong forms, surrogates and code points above U+10FFFF.
inline size_t
utf8_sequence_length(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return (n >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0; // overlong
		if (c == 0xED && s[1] >= 0xA0)
			return 0; // UTF-16 surrogate
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0; // overlong
		if (c == 0xF4 && s[1] >= 0x90)
			return 0; // above U+10FFFF
		return 4;
	}
	return 0;
}

// Calls emit(run) for safe runs and emit(escape) for escapes; shared by the
// writer and append_escaped so both escape identically.
template <class Emit>
void
escape_into(std::string_view text, Emit &&emit)
{
	const unsigned char *s = reinterpret_cast<const unsigned char *>(text.data());
	size_t n = text.size();
	size_t run = 0; // start of the pending run of bytes copied as they are
	size_t i = 0;
	while (i < n) {
		i += plain_ascii_prefix(text.data() + i, n - i);
		if (i == n)
			break;
		unsigned char c = s[i];
		if (c >= 0x80) {
			size_t len = utf8_sequence_length(s + i, n - i);
			if (len) {
				i += len;
				continue;
			}
		}
		if (i > run)
			emit(std::string_view(text.data() + run, i - run));
		char esc[6];
		switch (c) {
		case '"': emit(std::string_view("\\\"", 2)); break;
		case '\\': emit(std::string_view("\\\\", 2)); break;
		case '\b': emit(std::string_view("\\b", 2)); break;
		case '\f': emit(std::string_view("\\f", 2)); break;
		case '\n': emit(std::string_view("\\n", 2)); break;
		case '\r': emit(std::string_view("\\r", 2)); break;
		case '\t': emit(std::string_view("\\t", 2)); break;
		default:
			if (c < 0x20) {
				esc[0] = '\\'; esc[1] = 'u'; esc[2] = '0'; esc[3] = '0';
				esc[4] = HEX[c >> 4]; esc[5] = HEX[c & 15];
				emit(std::string_view(esc, 6));
			} else {
				emit(std::string_view("\xEF\xBF\xBD", 3)); // invalid byte: U+FFFD
			}
		}
		i++;
		run = i;
	}
	if (n > run)
		emit(std::string_view(text.data() + run, n - run));
}

} // namespace

BufferSource &
heap_buffer_source()
{
	static HeapBufferSource source;
	return source;
}

JsonWriter::JsonWriter(BufferSource &source, size_t prefix, size_t initial) noexcept
    : source_(source), prefix_(prefix)
{
	cap_ = initial > prefix ? initial : prefix + 64;
	buf_ = source_.grow(nullptr, 0, cap_);
	if (!buf_) {
		failed_ = true;
		cap_ = 0;
		return;
	}
	len_ = prefix;
}

JsonWriter::~JsonWriter()
{
	if (buf_)
		source_.release(buf_);
}

bool
JsonWriter::reserve(size_t extra) noexcept
{
	if (failed_)
		return false;
	size_t need = len_ + extra;
	if (need <= cap_)
		return true;
	size_t cap = cap_ ? cap_ : 64;
	while (cap < need)
		cap *= 2;
	char *grown = source_.grow(buf_, len_, cap);
	if (!grown) {
		failed_ = true;
		return false;
	}
	buf_ = grown;
	cap_ = cap;
	return true;
}

void
JsonWriter::raw(std::string_view text) noexcept
{
	if (!reserve(text.size()))
		return;
	memcpy(buf_ + len_, text.data(), text.size());
	len_ += text.size();
}

void
JsonWriter::string(std::string_view text) noexcept
{
	// Worst case: every byte becomes \u00XX (6 bytes); reserve once for the common case.
	if (!reserve(text.size() + 2))
		return;
	buf_[len_++] = '"';
	// Pieces mostly fit what was reserved: copy them without a call.
	escape_into(text, [this](std::string_view piece) {
		if (!failed_ && cap_ - len_ >= piece.size()) {
			memcpy(buf_ + len_, piece.data(), piece.size());
			len_ += piece.size();
		} else {
			raw(piece);
		}
	});
	raw('"');
}

void
JsonWriter::integer(int64_t value) noexcept
{
	char digits[24];
	char *p = digits + sizeof(digits);
	uint64_t mag = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
	do {
		*--p = static_cast<char>('0' + mag % 10);
		mag /= 10;
	} while (mag);
	if (value < 0)
		*--p = '-';
	raw(std::string_view(p, digits + sizeof(digits) - p));
}

void
JsonWriter::insert(size_t at, std::string_view text) noexcept
{
	if (at < prefix_ || at > len_ || !reserve(text.size()))
		return;
	memmove(buf_ + at + text.size(), buf_ + at, len_ - at);
	memcpy(buf_ + at, text.data(), text.size());
	len_ += text.size();
}

char *
JsonWriter::release() noexcept
{
	char *out = buf_;
	buf_ = nullptr;
	len_ = cap_ = 0;
	return out;
}

void
append_escaped(std::string &out, std::string_view text)
{
	escape_into(text, [&out](std::string_view piece) { out.append(piece.data(), piece.size()); });
}

} // namespace fraiseql::response
