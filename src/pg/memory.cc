// memory.cc: allocation in PostgreSQL memory contexts without ereport.
#include "pg/memory.h"

#include <cstring>
#include <new>

#include "pg/guard.h"

namespace fraiseql::pg {

void *
ContextBlockSource::allocate(size_t bytes)
{
	if (bytes > MaxAllocSize)
		throw std::bad_alloc();
	void *p = MemoryContextAllocExtended(context_, bytes, MCXT_ALLOC_NO_OOM);
	if (!p)
		throw std::bad_alloc();
	return p;
}

void
ContextBlockSource::release(void *block)
{
	pfree(block);
}

char *
ResponseBufferSource::grow(char *old, size_t used, size_t capacity) noexcept
{
	// A bytea holds at most 1 GB; larger responses fail cleanly.
	if (capacity >= MaxAllocSize)
		return nullptr;
	char *grown = static_cast<char *>(MemoryContextAllocExtended(context_, capacity, MCXT_ALLOC_NO_OOM));
	if (!grown) {
		out_of_memory_ = true;
		return nullptr;
	}
	if (old) {
		memcpy(grown, old, used);
		pfree(old);
	}
	return grown;
}

void
ResponseBufferSource::release(char *block) noexcept
{
	pfree(block);
}

ScopedContext::ScopedContext(MemoryContext parent, const char *name)
{
	context_ = call([&] { // The macro insists on a literal name; callers pass literals.
		return AllocSetContextCreateInternal(parent, name, ALLOCSET_DEFAULT_SIZES); });
}

ScopedContext::~ScopedContext()
{
	MemoryContextDelete(context_);
}

} // namespace fraiseql::pg
