// escape_scan.h: the fast part of JSON string escaping. Most text in a
// response is printable ASCII without '"' or '\': such a run is copied with
// one memcpy, and finding its end is the hot loop, so it is scanned 16 (SSE2,
// every x86-64) or, for long strings on a CPU that has it, 32 (AVX2) bytes at
// a time; other machines use the scalar loop.
#pragma once

#include <cstddef>

namespace fraiseql::response {

// The length of the longest prefix of s[0, n) made of bytes 0x20-0x7F other
// than '"' and '\' (copied into a JSON string as they are, no UTF-8 check).
size_t plain_ascii_prefix(const char *s, size_t n);

// Which variants plain_ascii_prefix runs on this machine, for reports.
const char *plain_ascii_prefix_kind();

// Each variant, for the tests and the fuzzer that compare them. A variant
// this CPU (or build) lacks falls back to the scalar one.
size_t plain_ascii_prefix_scalar(const char *s, size_t n);
size_t plain_ascii_prefix_sse2(const char *s, size_t n);
size_t plain_ascii_prefix_avx2(const char *s, size_t n);
bool cpu_has_avx2();

} // namespace fraiseql::response
