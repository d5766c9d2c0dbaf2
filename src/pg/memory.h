// memory.h: PostgreSQL memory behind the core's allocators. Allocation never
// raises here: a failure returns nullptr or throws std::bad_alloc, which the
// guard turns into SQLSTATE 53200 after the stack has unwound.
#pragma once

#include "core/response/json_writer.h"
#include "core/util/arena.h"
#include "pg/pg.h"

namespace fraiseql::pg {

// Arena blocks from one memory context (the per-call context).
class ContextBlockSource final : public util::BlockSource {
public:
	explicit ContextBlockSource(MemoryContext context) : context_(context) {}
	void *allocate(size_t bytes) override;
	void release(void *block) override;

private:
	MemoryContext context_;
};

// The response buffer, in the context that outlives the call (the caller's),
// so that it can be returned as the bytea itself.
class ResponseBufferSource final : public response::BufferSource {
public:
	explicit ResponseBufferSource(MemoryContext context) : context_(context) {}
	char *grow(char *old, size_t used, size_t capacity) noexcept override;
	void release(char *block) noexcept override;
	// Whether a growth failed for want of memory (not for the bytea size limit).
	bool out_of_memory() const { return out_of_memory_; }

private:
	MemoryContext context_;
	bool out_of_memory_ = false;
};

// A memory context deleted when the guard object goes out of scope, on
// success and when an exception unwinds alike.
class ScopedContext {
public:
	ScopedContext(MemoryContext parent, const char *name);
	~ScopedContext();
	ScopedContext(const ScopedContext &) = delete;
	ScopedContext &operator=(const ScopedContext &) = delete;
	MemoryContext get() const { return context_; }

private:
	MemoryContext context_;
};

} // namespace fraiseql::pg
