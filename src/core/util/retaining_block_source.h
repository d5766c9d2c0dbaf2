// retaining_block_source.h: an arena block source that keeps released blocks
// for the next arena instead of returning them at once.
//
// Why: an arena per request that frees its blocks at the end hands large
// documents' memory back to the allocator, and glibc gives it back to the
// kernel; the next large request then page-faults every block in again (for
// a 1 MiB query that is ~2,000 faults, more time than the parse itself). A
// source that outlives the requests and keeps their blocks avoids this.
//
// Use (the glue): one instance per backend, over an upstream source whose
// memory outlives every request (malloc, or a context under TopMemoryContext;
// never the per-call context, which is reset while blocks are kept), then a
// new util::Arena over it per request. The bound caps what stays allocated
// between requests; trim() gives everything back (e.g. on memory pressure).
// The arena's destructor must run on every path (a longjmp past it would leak
// its blocks for the backend's life), so keep PostgreSQL errors inside the
// guard that turns them into C++ exceptions, as for any arena.
// Not thread-safe: one per backend process or thread.
#pragma once

#include <cstddef>

#include "core/util/arena.h"

namespace fraiseql::util {

class RetainingBlockSource final : public BlockSource {
public:
	// Keeps at most max_retained_bytes of released blocks (block sizes as asked).
	explicit RetainingBlockSource(size_t max_retained_bytes, BlockSource &upstream = heap_block_source());
	~RetainingBlockSource() override;
	RetainingBlockSource(const RetainingBlockSource &) = delete;
	RetainingBlockSource &operator=(const RetainingBlockSource &) = delete;

	// A kept block of at least `bytes` (the smallest that fits) or a new one.
	void *allocate(size_t bytes) override;
	// Keeps the block while the bound allows, else returns it upstream.
	void release(void *block) override;

	// Returns every kept block upstream.
	void trim();
	size_t retained_bytes() const { return retained_; }
	size_t retained_blocks() const { return count_; }

private:
	// In front of every block; its size keeps the block max_align_t-aligned.
	struct alignas(alignof(std::max_align_t)) Header {
		Header *next; // in the kept list
		size_t size;  // usable bytes after the header
	};
	BlockSource &upstream_;
	size_t max_retained_;
	Header *kept_ = nullptr; // unordered; short, as arena blocks double in size
	size_t retained_ = 0;
	size_t count_ = 0;
};

} // namespace fraiseql::util
