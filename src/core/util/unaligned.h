// unaligned.h: loads of 2, 4 and 8 bytes from any address (jsonb and the
// response buffer give no alignment); memcpy compiles to one move.
#pragma once

#include <cstdint>
#include <cstring>

namespace fraiseql::util {

inline uint16_t
load16(const char *p)
{
	uint16_t v;
	std::memcpy(&v, p, 2);
	return v;
}

inline uint32_t
load32(const char *p)
{
	uint32_t v;
	std::memcpy(&v, p, 4);
	return v;
}

inline uint64_t
load64(const char *p)
{
	uint64_t v;
	std::memcpy(&v, p, 8);
	return v;
}

} // namespace fraiseql::util
