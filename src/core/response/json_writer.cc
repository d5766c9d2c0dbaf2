// json_writer.cc: RFC 8259 escaping with UTF-8 validation into a growable buffer.
#include "core/response/json_writer.h"

#include "core/response/escape_scan.h"
#include "core/util/unaligned.h"

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <string>

#if defined(__x86_64__)
#include <immintrin.h>
#define FRAISEQL_X86_SIMD 1
#endif

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

// Writes the escape of a byte that stops a plain run and is not the start of a
// valid UTF-8 sequence (escape_into's cases); returns its length.
inline size_t
write_escape(unsigned char c, char *out)
{
	out[0] = '\\';
	switch (c) {
	case '"': out[1] = '"'; return 2;
	case '\\': out[1] = '\\'; return 2;
	case '\b': out[1] = 'b'; return 2;
	case '\f': out[1] = 'f'; return 2;
	case '\n': out[1] = 'n'; return 2;
	case '\r': out[1] = 'r'; return 2;
	case '\t': out[1] = 't'; return 2;
	default:
		if (c < 0x20) {
			out[1] = 'u'; out[2] = '0'; out[3] = '0';
			out[4] = HEX[c >> 4]; out[5] = HEX[c & 15];
			return 6;
		}
		memcpy(out, "\xEF\xBF\xBD", 3); // invalid byte: U+FFFD
		return 3;
	}
}

#if FRAISEQL_X86_SIMD
// The bytes of v that stop a plain run, as in escape_scan.cc's SSE2 scan.
inline unsigned
stop_bits(__m128i v)
{
	const __m128i stop = _mm_or_si128(_mm_cmpgt_epi8(_mm_set1_epi8(0x20), v),
	                                  _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
	                                               _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
	return static_cast<unsigned>(_mm_movemask_epi8(stop));
}
#endif

// Whether any of the 8 bytes of x stops a plain run (0x00-0x1F, 0x80-0xFF,
// '"', '\'). has_less is exact as a yes/no for n <= 128 (a borrow starts only
// at a byte below n).
inline bool
has_stop_byte(uint64_t x)
{
	constexpr uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	auto has_less = [](uint64_t w, uint64_t below) { return (w - ones * below) & ~w & highs; };
	return ((x & highs) | has_less(x, 0x20) | has_less(x ^ (ones * '"'), 1) | has_less(x ^ (ones * '\\'), 1)) != 0;
}

size_t
copy_plain_bytes(const char *s, size_t n, char *out)
{
	size_t i = 0;
	for (; i < n; i++) {
		const unsigned char c = static_cast<unsigned char>(s[i]);
		if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
			break;
		out[i] = s[i];
	}
	return i;
}

using util::load32;
using util::load64;

// Copies s[0, n) to out while it is plain (plain_ascii_prefix's bytes) and
// returns the length of the plain prefix; bytes from there on may have been
// copied too (the caller writes over them). Loads and stores stay within
// s[0, n) and out[0, n): strings of 16 bytes and more go 16 at a time with a
// last overlapping step; shorter ones in two overlapping 8- or 4-byte words,
// or byte by byte when those hold a stop byte.
[[gnu::always_inline]] inline size_t
copy_plain_prefix(const char *s, size_t n, char *out)
{
#if FRAISEQL_X86_SIMD
	if (n >= 16) {
		size_t i = 0;
		for (; i + 16 <= n; i += 16) {
			const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s + i));
			_mm_storeu_si128(reinterpret_cast<__m128i *>(out + i), v);
			if (const unsigned bits = stop_bits(v))
				return i + static_cast<size_t>(__builtin_ctz(bits));
		}
		if (i < n) {
			// The last 16 bytes again; bits of the bytes before i are checked already.
			const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s + n - 16));
			_mm_storeu_si128(reinterpret_cast<__m128i *>(out + n - 16), v);
			if (const unsigned bits = stop_bits(v) >> (16 - (n - i)))
				return i + static_cast<size_t>(__builtin_ctz(bits));
		}
		return n;
	}
#else
	if (n >= 16) {
		const size_t plain = plain_ascii_prefix(s, n);
		memcpy(out, s, plain);
		return plain;
	}
#endif
	if (n >= 8) {
		const uint64_t head = load64(s), tail = load64(s + n - 8);
		if (has_stop_byte(head) || has_stop_byte(tail))
			return copy_plain_bytes(s, n, out);
		memcpy(out, &head, 8);
		memcpy(out + n - 8, &tail, 8);
		return n;
	}
	if (n >= 4) {
		const uint32_t head = load32(s), tail = load32(s + n - 4);
		if (has_stop_byte(head | (uint64_t(tail) << 32)))
			return copy_plain_bytes(s, n, out);
		memcpy(out, &head, 4);
		memcpy(out + n - 4, &tail, 4);
		return n;
	}
	if (n > 0) {
		// Bytes 0, n/2 and n - 1 are all of them; the fourth repeats byte 0.
		const unsigned char a = static_cast<unsigned char>(s[0]), b = static_cast<unsigned char>(s[n / 2]),
		                    c = static_cast<unsigned char>(s[n - 1]);
		const uint64_t word = a | (uint64_t(b) << 8) | (uint64_t(c) << 16) | (uint64_t(a) << 24);
		if (has_stop_byte(word | (word << 32)))
			return copy_plain_bytes(s, n, out);
		out[0] = s[0];
		out[n / 2] = s[n / 2];
		out[n - 1] = s[n - 1];
	}
	return n;
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
	return reserve_capacity(cap);
}

bool
JsonWriter::reserve_capacity(size_t capacity) noexcept
{
	if (failed_)
		return false;
	if (capacity <= cap_)
		return true;
	char *grown = source_.grow(buf_, len_, capacity);
	if (!grown) {
		failed_ = true;
		return false;
	}
	buf_ = grown;
	cap_ = capacity;
	return true;
}

void
JsonWriter::string(std::string_view text) noexcept
{
	// Worst case: every byte becomes \u00XX (6 bytes); reserve once for the common case.
	const size_t n = text.size();
	if (n + 2 > cap_ - len_ && !reserve(n + 2))
		return;
	char *out = buf_ + len_;
	*out++ = '"';
	// Most strings are plain: copied as they are scanned, then closed. A
	// string with a byte to escape goes on from the first such byte (the bytes
	// before it are copied already) through escape_into.
	const size_t plain = copy_plain_prefix(text.data(), n, out);
	if (plain == n) {
		out[n] = '"';
		len_ += n + 2;
		return;
	}
	len_ += 1 + plain;
	string_rest(text.data(), n, plain);
}

// The rest of a string from text[i], a byte that stops a plain run: each such
// byte is a UTF-8 sequence copied as it is or an escape, and each plain run
// after one is copied as it is scanned. Apart from the main path, so that
// one stays small. append_escaped's escape_into escapes the same way (the
// unit tests and the response fuzz target compare the two).
void
JsonWriter::string_rest(const char *text, size_t n, size_t i) noexcept
{
	const unsigned char *s = reinterpret_cast<const unsigned char *>(text);
	for (;;) {
		// Room for the rest as it is, one escape's 6 bytes and the closing quote.
		if (n - i + 7 > cap_ - len_ && !reserve(n - i + 7))
			return;
		char *out = buf_ + len_;
		const unsigned char c = s[i];
		const size_t sequence = c >= 0x80 ? utf8_sequence_length(s + i, n - i) : 0;
		if (sequence) {
			for (size_t k = 0; k < sequence; k++)
				out[k] = text[i + k];
			len_ += sequence;
			i += sequence;
		} else {
			len_ += write_escape(c, out);
			i++;
		}
		const size_t plain = copy_plain_prefix(text + i, n - i, buf_ + len_);
		len_ += plain;
		i += plain;
		if (i == n)
			break;
	}
	buf_[len_++] = '"';
}

void
JsonWriter::integer(int64_t value) noexcept
{
	// to_chars: the same digits as a division per digit, in fewer steps.
	if (cap_ - len_ < 20 && !reserve(20))
		return;
	const std::to_chars_result r = std::to_chars(buf_ + len_, buf_ + len_ + 20, value);
	len_ = static_cast<size_t>(r.ptr - buf_);
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
