// arena.cc: bump allocation over blocks from a BlockSource.
#include "core/util/arena.h"

namespace fraiseql::util {

namespace {
class HeapBlockSource final : public BlockSource {
public:
	void *allocate(size_t bytes) override { return ::operator new(bytes); }
	void release(void *block) override { ::operator delete(block); }
};
} // namespace

BlockSource &
heap_block_source()
{
	static HeapBlockSource source;
	return source;
}

Arena::Arena(BlockSource &source, size_t first_block) : source_(source), next_size_(first_block) {}

Arena::~Arena()
{
	while (head_) {
		Block *next = head_->next;
		source_.release(head_);
		head_ = next;
	}
}

void
Arena::grow(size_t at_least)
{
	size_t want = next_size_;
	size_t need = at_least + sizeof(Block) + alignof(std::max_align_t);
	if (want < need)
		want = need;
	// Blocks double up to 1 MiB so large documents do not cost many blocks,
	// and stay far below PostgreSQL's MaxAllocSize.
	if (next_size_ < (1u << 20))
		next_size_ *= 2;
	Block *b = static_cast<Block *>(source_.allocate(want));
	b->next = head_;
	b->size = want;
	head_ = b;
	total_ += want;
	cur_ = reinterpret_cast<char *>(b) + sizeof(Block);
	end_ = reinterpret_cast<char *>(b) + want;
}

void *
Arena::allocate_in_new_block(size_t bytes, size_t align)
{
	grow(bytes + align);
	const uintptr_t p = (reinterpret_cast<uintptr_t>(cur_) + (align - 1)) & ~static_cast<uintptr_t>(align - 1);
	cur_ = reinterpret_cast<char *>(p + bytes);
	return reinterpret_cast<void *>(p);
}

std::string_view
Arena::copy(std::string_view s)
{
	if (s.empty())
		return std::string_view();
	char *p = static_cast<char *>(allocate(s.size(), 1));
	memcpy(p, s.data(), s.size());
	return std::string_view(p, s.size());
}

void
Arena::reset()
{
	if (!head_)
		return;
	while (head_->next) {
		Block *next = head_->next;
		total_ -= head_->size;
		source_.release(head_);
		head_ = next;
	}
	cur_ = reinterpret_cast<char *>(head_) + sizeof(Block);
	end_ = reinterpret_cast<char *>(head_) + head_->size;
}

} // namespace fraiseql::util
