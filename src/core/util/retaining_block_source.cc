// retaining_block_source.cc: best-fit reuse of released arena blocks, bounded.
#include "core/util/retaining_block_source.h"

#include <cstdint>
#include <new>

namespace fraiseql::util {

RetainingBlockSource::RetainingBlockSource(size_t max_retained_bytes, BlockSource &upstream)
    : upstream_(upstream), max_retained_(max_retained_bytes)
{
}

RetainingBlockSource::~RetainingBlockSource() { trim(); }

void *
RetainingBlockSource::allocate(size_t bytes)
{
	// Smallest kept block that fits: an arena asks for the same sizes each
	// time (8 KiB doubling to 1 MiB), so this is usually an exact fit.
	Header **best = nullptr;
	for (Header **link = &kept_; *link; link = &(*link)->next) {
		if ((*link)->size >= bytes && (!best || (*link)->size < (*best)->size)) {
			best = link;
			if ((*link)->size == bytes)
				break;
		}
	}
	if (best) {
		Header *h = *best;
		*best = h->next;
		retained_ -= h->size;
		count_--;
		return h + 1;
	}
	if (bytes > SIZE_MAX - sizeof(Header))
		throw std::bad_alloc();
	Header *h = static_cast<Header *>(upstream_.allocate(sizeof(Header) + bytes));
	h->next = nullptr;
	h->size = bytes;
	return h + 1;
}

void
RetainingBlockSource::release(void *block)
{
	Header *h = static_cast<Header *>(block) - 1;
	if (retained_ <= max_retained_ && h->size <= max_retained_ - retained_) {
		h->next = kept_;
		kept_ = h;
		retained_ += h->size;
		count_++;
		return;
	}
	upstream_.release(h);
}

void
RetainingBlockSource::trim()
{
	while (kept_) {
		Header *next = kept_->next;
		upstream_.release(kept_);
		kept_ = next;
	}
	retained_ = 0;
	count_ = 0;
}

} // namespace fraiseql::util
