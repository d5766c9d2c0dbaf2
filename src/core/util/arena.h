// arena.h: bump allocator for per-request data (AST, compiled plans in progress).
// Blocks come from a BlockSource so the glue can draw them from a PostgreSQL
// memory context; the core itself never throws: a source that cannot allocate
// throws std::bad_alloc (operator new does, and so does the glue's source).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>
#include <type_traits>

namespace fraiseql::util {

// Where an Arena gets its memory. allocate() never returns nullptr: it throws
// std::bad_alloc instead. release() receives every block allocate() returned.
class BlockSource {
public:
	virtual ~BlockSource() = default;
	virtual void *allocate(size_t bytes) = 0;
	virtual void release(void *block) = 0;
};

// The default source: global operator new/delete (unit tests, fuzzers, CLI).
BlockSource &heap_block_source();

// Owns its blocks; destruction (or reset()) frees them all. Objects placed in
// the arena must be trivially destructible: their destructors never run.
class Arena {
public:
	explicit Arena(BlockSource &source = heap_block_source(), size_t first_block = 8192);
	~Arena();
	Arena(const Arena &) = delete;
	Arena &operator=(const Arena &) = delete;

	// Inline: the parser allocates once per node or list.
	void *allocate(size_t bytes, size_t align = alignof(std::max_align_t))
	{
		const uintptr_t p = (reinterpret_cast<uintptr_t>(cur_) + (align - 1)) & ~static_cast<uintptr_t>(align - 1);
		if (cur_ == nullptr || p + bytes > reinterpret_cast<uintptr_t>(end_))
			return allocate_in_new_block(bytes, align);
		cur_ = reinterpret_cast<char *>(p + bytes);
		return reinterpret_cast<void *>(p);
	}

	template <class T, class... Args>
	T *make(Args &&...args)
	{
		static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
		return new (allocate(sizeof(T), alignof(T))) T{static_cast<Args &&>(args)...};
	}

	template <class T>
	T *make_array(size_t n)
	{
		static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
		if (n == 0)
			return nullptr;
		T *p = static_cast<T *>(allocate(sizeof(T) * n, alignof(T)));
		for (size_t i = 0; i < n; i++)
			new (p + i) T();
		return p;
	}

	// Copies bytes into the arena; the view lives as long as the arena.
	std::string_view copy(std::string_view s);

	// Frees every block but the first, which is kept for reuse.
	void reset();
	size_t bytes_allocated() const { return total_; }

private:
	struct Block {
		Block *next;
		size_t size;
	};
	BlockSource &source_;
	Block *head_ = nullptr; // newest block first
	char *cur_ = nullptr;   // next free byte in head_
	char *end_ = nullptr;   // end of head_
	size_t next_size_;      // size of the next block to ask for
	size_t total_ = 0;      // bytes obtained from source_
	void grow(size_t at_least);
	[[gnu::noinline]] void *allocate_in_new_block(size_t bytes, size_t align);
};

// A read-only array of T placed in an arena (or pointing into static data).
template <class T>
struct Span {
	T *items = nullptr;
	uint32_t count = 0;

	T *begin() const { return items; }
	T *end() const { return items + count; }
	uint32_t size() const { return count; }
	bool empty() const { return count == 0; }
	T &operator[](uint32_t i) const { return items[i]; }
};

} // namespace fraiseql::util
