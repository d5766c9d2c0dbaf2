// escape_scan_test.cc: the SIMD scans of JSON string escaping agree with the
// scalar one wherever the stopping byte is, and the writer's output is the
// escaping RFC 8259 asks for, across the 16- and 32-byte block edges.
#include <string>

#include "core/response/escape_scan.h"
#include "core/response/json_writer.h"
#include "unit/check.h"

using namespace fraiseql;

TEST(escape_scan_variants_agree_on_every_stop_byte_and_position)
{
	for (int stop = 0; stop < 256; stop++) {
		const bool plain = stop >= 0x20 && stop < 0x80 && stop != '"' && stop != '\\';
		for (size_t len = 0; len <= 80; len++)
			for (size_t at = 0; at <= len; at += (len < 40 ? 1 : 7)) {
				std::string s(len, 'a');
				if (at < len)
					s[at] = static_cast<char>(stop);
				const size_t want = at < len && !plain ? at : len;
				CHECK_EQ(response::plain_ascii_prefix_scalar(s.data(), s.size()), want);
				CHECK_EQ(response::plain_ascii_prefix_sse2(s.data(), s.size()), want);
				CHECK_EQ(response::plain_ascii_prefix_avx2(s.data(), s.size()), want);
				CHECK_EQ(response::plain_ascii_prefix(s.data(), s.size()), want);
			}
	}
}

TEST(escape_writer_escapes_across_block_edges)
{
	// A quote, a control, a backslash and a two-byte UTF-8 letter at offsets
	// around 16 and 32; an invalid byte becomes U+FFFD.
	std::string text = std::string(15, 'x') + "\"" + std::string(14, 'y') + "\x01\\" + std::string(31, 'z') +
	                   "\xC3\xA9" + std::string(40, 'w') + "\xFF";
	response::JsonWriter out(response::heap_buffer_source());
	out.string(text);
	CHECK_EQ(std::string(out.json()), "\"" + std::string(15, 'x') + "\\\"" + std::string(14, 'y') + "\\u0001\\\\" +
	                                      std::string(31, 'z') + "\xC3\xA9" + std::string(40, 'w') + "\xEF\xBF\xBD\"");
	std::string appended;
	response::append_escaped(appended, text);
	CHECK_EQ("\"" + appended + "\"", std::string(out.json()));
}

TEST(escape_writer_copy_while_scanning_matches_escape_into)
{
	// JsonWriter::string copies plain bytes as it scans them (16 at a time,
	// or as 8- and 4-byte words for short strings) and hands the rest to the
	// escaping loop at the first stop byte: every length, every stop byte at
	// every position (and a UTF-8 letter, and two stop bytes) must give what
	// append_escaped gives.
	response::JsonWriter out(response::heap_buffer_source(), 0, 16);
	auto check = [&out](const std::string &s) {
		out.truncate(0);
		out.string(s);
		std::string want = "\"";
		response::append_escaped(want, s);
		want += '"';
		CHECK_EQ(std::string(out.json()), want);
	};
	for (int stop = 0; stop < 256; stop++)
		for (size_t len = 0; len <= 70; len++)
			for (size_t at = 0; at <= len; at++) {
				std::string s(len, 'a');
				for (size_t k = 0; k < len; k++)
					s[k] = static_cast<char>('A' + (k % 26)); // every byte's position shows
				if (at < len)
					s[at] = static_cast<char>(stop);
				check(s);
				if (at + 3 < len) {
					s[len - 1] = '"';
					check(s);
				}
			}
	for (size_t len = 2; len <= 40; len++)
		for (size_t at = 0; at + 2 <= len; at++) {
			std::string s(len, 'b');
			s[at] = '\xC3';
			s[at + 1] = '\xA9';
			check(s);
		}
}
