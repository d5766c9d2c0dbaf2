// json_writer.h: appends JSON text to one growable buffer (the response).
// Escaping follows RFC 8259; invalid UTF-8 in input is replaced by U+FFFD so the
// output is always valid UTF-8. Appends never throw: a failed growth sets a
// sticky flag that the owner checks once at the end (failed()).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace fraiseql::response {

// Supplies the buffer's memory. grow() returns a block of at least `capacity`
// bytes holding the first `used` bytes of `old` (which it may free), or nullptr.
class BufferSource {
public:
	virtual ~BufferSource() = default;
	virtual char *grow(char *old, size_t used, size_t capacity) noexcept = 0;
	virtual void release(char *block) noexcept = 0;
};

// malloc/realloc/free: unit tests, fuzzers and the CLI.
BufferSource &heap_buffer_source();

class JsonWriter {
public:
	// `prefix` bytes are reserved at the head of the buffer and never written:
	// the glue puts the bytea's varlena header there, so the buffer is returned
	// as the result without a copy.
	explicit JsonWriter(BufferSource &source, size_t prefix = 0, size_t initial = 1024) noexcept;
	~JsonWriter();
	JsonWriter(const JsonWriter &) = delete;
	JsonWriter &operator=(const JsonWriter &) = delete;

	// Appends that fit are inline (most of a response is short appends);
	// growth is not.
	void raw(std::string_view text) noexcept
	{
		if (text.size() <= cap_ - len_ || reserve(text.size())) {
			copy_bytes(buf_ + len_, text.data(), text.size());
			len_ += text.size();
		}
	}
	void raw(char c) noexcept
	{
		if (len_ < cap_ || reserve(1))
			buf_[len_++] = c;
	}
	void string(std::string_view text) noexcept; // quoted and escaped
	void integer(int64_t value) noexcept;
	void null() noexcept { raw(std::string_view("null", 4)); }
	void boolean(bool value) noexcept { raw(value ? std::string_view("true", 4) : std::string_view("false", 5)); }

	bool failed() const { return failed_; }
	// Grows the buffer to at least `capacity` bytes in one step (a response
	// expected to be that big skips the doublings on the way); false only
	// when the growth failed.
	bool reserve_capacity(size_t capacity) noexcept;
	size_t size() const { return len_; }              // bytes including the prefix
	const char *data() const { return buf_; }          // start of the buffer (prefix included)
	std::string_view json() const { return std::string_view(buf_ + prefix_, len_ - prefix_); }
	// Where the writer is, so a caller can roll back a partial value (null propagation).
	size_t mark() const { return len_; }
	void truncate(size_t mark) noexcept
	{
		if (mark >= prefix_ && mark <= len_)
			len_ = mark;
	}
	// Inserts text at byte position `at` (prefix included), moving what follows.
	// Only for rare paths (errors go before data in the response).
	void insert(size_t at, std::string_view text) noexcept;
	// Hands the buffer to the caller, who now owns it; the writer becomes empty.
	char *release() noexcept;

private:
	BufferSource &source_;
	char *buf_ = nullptr;
	size_t len_ = 0;      // bytes used, prefix included
	size_t cap_ = 0;      // bytes allocated
	size_t prefix_;
	bool failed_ = false; // a growth failed; the owner discards the buffer (appends that still fit may land in it)
	bool reserve(size_t extra) noexcept;
	void string_rest(const char *text, size_t n, size_t i) noexcept;
	// Most appends are keys and punctuation of a few bytes: copied as two
	// overlapping words rather than by a call to memcpy.
	static void
	copy_bytes(char *to, const char *from, size_t n) noexcept
	{
		if (n > 16) {
			memcpy(to, from, n);
		} else if (n >= 8) {
			uint64_t head, tail;
			memcpy(&head, from, 8);
			memcpy(&tail, from + n - 8, 8);
			memcpy(to, &head, 8);
			memcpy(to + n - 8, &tail, 8);
		} else if (n >= 4) {
			uint32_t head, tail;
			memcpy(&head, from, 4);
			memcpy(&tail, from + n - 4, 4);
			memcpy(to, &head, 4);
			memcpy(to + n - 4, &tail, 4);
		} else if (n > 0) {
			to[0] = from[0];
			to[n / 2] = from[n / 2];
			to[n - 1] = from[n - 1];
		}
	}
};

// Appends `text` as a JSON string body (no quotes) to `out`: the same escaping
// as JsonWriter::string, for callers building std::string messages.
void append_escaped(std::string &out, std::string_view text);

} // namespace fraiseql::response
