// escape_scan.cc: see escape_scan.h. x86-64 always has SSE2; AVX2 is compiled
// with a target attribute and used only when the CPU reports it.
#include "core/response/escape_scan.h"

#if defined(__x86_64__)
#include <immintrin.h>
#define FRAISEQL_X86_SIMD 1
#endif

namespace fraiseql::response {

namespace {

inline bool
plain(unsigned char c)
{
	return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

size_t
scalar_from(const char *s, size_t i, size_t n)
{
	while (i < n && plain(static_cast<unsigned char>(s[i])))
		i++;
	return i;
}

// Long runs only: over the short strings of most fields 32-byte steps gain
// nothing on the bench rows (measured: bench/projection), 16-byte ones do.
constexpr size_t AVX2_FROM = 64;

} // namespace

size_t
plain_ascii_prefix_scalar(const char *s, size_t n)
{
	return scalar_from(s, 0, n);
}

#if FRAISEQL_X86_SIMD

bool
cpu_has_avx2()
{
	static const bool has = [] {
		__builtin_cpu_init(); // may run before the runtime's own initialisation
		return __builtin_cpu_supports("avx2") != 0;
	}();
	return has;
}

// A byte stops the run when, as a signed byte, it is below 0x20 (the
// controls, and 0x80-0xFF, which are negative), or is '"' or '\'.
size_t
plain_ascii_prefix_sse2(const char *s, size_t n)
{
	const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
	size_t i = 0;
	for (; i + 16 <= n; i += 16) {
		const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s + i));
		const __m128i stop = _mm_or_si128(_mm_cmpgt_epi8(space, v),
		                                  _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
		const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(stop));
		if (mask)
			return i + static_cast<size_t>(__builtin_ctz(mask));
	}
	return scalar_from(s, i, n);
}

__attribute__((target("avx2"))) size_t
plain_ascii_prefix_avx2_impl(const char *s, size_t n)
{
	const __m256i space = _mm256_set1_epi8(0x20), quote = _mm256_set1_epi8('"'), backslash = _mm256_set1_epi8('\\');
	size_t i = 0;
	for (; i + 32 <= n; i += 32) {
		const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(s + i));
		const __m256i stop = _mm256_or_si256(
		    _mm256_cmpgt_epi8(space, v), _mm256_or_si256(_mm256_cmpeq_epi8(v, quote), _mm256_cmpeq_epi8(v, backslash)));
		const unsigned mask = static_cast<unsigned>(_mm256_movemask_epi8(stop));
		if (mask)
			return i + static_cast<size_t>(__builtin_ctz(mask));
	}
	// The 16-byte step here, VEX-encoded like the loop: calling the SSE2
	// variant with the upper halves of the ymm registers dirty costs a
	// state transition per call (it made the whole projection 2.5x slower).
	if (i + 16 <= n) {
		const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s + i));
		const __m128i stop = _mm_or_si128(_mm_cmpgt_epi8(_mm256_castsi256_si128(space), v),
		                                  _mm_or_si128(_mm_cmpeq_epi8(v, _mm256_castsi256_si128(quote)),
		                                               _mm_cmpeq_epi8(v, _mm256_castsi256_si128(backslash))));
		const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(stop));
		if (mask)
			return i + static_cast<size_t>(__builtin_ctz(mask));
		i += 16;
	}
	return scalar_from(s, i, n);
}

size_t
plain_ascii_prefix_avx2(const char *s, size_t n)
{
	return cpu_has_avx2() ? plain_ascii_prefix_avx2_impl(s, n) : plain_ascii_prefix_sse2(s, n);
}

#else

bool
cpu_has_avx2()
{
	return false;
}

size_t
plain_ascii_prefix_sse2(const char *s, size_t n)
{
	return plain_ascii_prefix_scalar(s, n);
}

size_t
plain_ascii_prefix_avx2(const char *s, size_t n)
{
	return plain_ascii_prefix_scalar(s, n);
}

#endif

size_t
plain_ascii_prefix(const char *s, size_t n)
{
#if FRAISEQL_X86_SIMD
	if (n >= AVX2_FROM && cpu_has_avx2())
		return plain_ascii_prefix_avx2_impl(s, n);
	return plain_ascii_prefix_sse2(s, n);
#else
	return plain_ascii_prefix_scalar(s, n);
#endif
}

const char *
plain_ascii_prefix_kind()
{
#if FRAISEQL_X86_SIMD
	return cpu_has_avx2() ? "avx2 (strings of 64 bytes and more), sse2" : "sse2";
#else
	return "scalar";
#endif
}

} // namespace fraiseql::response
