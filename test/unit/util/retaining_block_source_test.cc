// retaining_block_source_test.cc: kept blocks are reused by later arenas,
// within the bound, and all go back upstream on trim() and destruction.
#include <cstring>
#include <set>

#include "core/util/arena.h"
#include "core/util/retaining_block_source.h"
#include "unit/check.h"

using namespace fraiseql;

namespace {

// Heap blocks, counted, so a test sees what reached the upstream source.
class CountingSource final : public util::BlockSource {
public:
	size_t allocations = 0;
	size_t releases = 0;
	std::set<void *> live;
	void *allocate(size_t bytes) override
	{
		allocations++;
		void *p = ::operator new(bytes);
		live.insert(p);
		return p;
	}
	void release(void *block) override
	{
		releases++;
		live.erase(block);
		::operator delete(block);
	}
};

// Fills an arena as a parse of a large document would: many small nodes.
void
fill(util::Arena &arena, size_t bytes)
{
	for (size_t done = 0; done < bytes; done += 48)
		std::memset(arena.allocate(48, 8), 0xAB, 48);
}

} // namespace

TEST(retaining_source_reuses_blocks_across_arenas)
{
	CountingSource upstream;
	{
		util::RetainingBlockSource kept(64u << 20, upstream);
		{
			util::Arena first(kept);
			fill(first, 3u << 20);
		}
		const size_t after_first = upstream.allocations;
		CHECK(after_first > 5); // 8 KiB doubling: several blocks
		CHECK_EQ(upstream.releases, size_t{0});
		CHECK_EQ(kept.retained_blocks(), after_first);
		{
			util::Arena second(kept);
			fill(second, 3u << 20);
			CHECK_EQ(kept.retained_blocks(), size_t{0}); // every kept block back in use
		}
		CHECK_EQ(upstream.allocations, after_first); // nothing new from upstream
		kept.trim();
		CHECK_EQ(kept.retained_bytes(), size_t{0});
		CHECK_EQ(upstream.releases, after_first);
	}
	CHECK(upstream.live.empty());
}

TEST(retaining_source_respects_its_bound)
{
	CountingSource upstream;
	{
		util::RetainingBlockSource kept(100000, upstream);
		{
			util::Arena arena(kept);
			fill(arena, 2u << 20);
		}
		CHECK(kept.retained_bytes() <= 100000);
		CHECK(kept.retained_blocks() > 0);
		CHECK_EQ(upstream.allocations - upstream.releases, kept.retained_blocks());
	}
	CHECK(upstream.live.empty()); // the destructor returned the kept ones
}

TEST(retaining_source_gives_the_smallest_fitting_block)
{
	CountingSource upstream;
	util::RetainingBlockSource kept(1u << 20, upstream);
	void *big = kept.allocate(50000);
	void *small = kept.allocate(9000);
	void *tiny = kept.allocate(100);
	kept.release(big);
	kept.release(small);
	kept.release(tiny);
	CHECK_EQ(kept.retained_bytes(), size_t{59100});
	CHECK(kept.allocate(8192) == small); // 9000 fits; 50000 is larger, 100 too small
	CHECK(kept.allocate(20000) == big);
	void *fresh = kept.allocate(200); // only the 100-byte block is left: too small
	CHECK(fresh != tiny);
	CHECK_EQ(upstream.allocations, size_t{4});
	kept.release(small);
	kept.release(big);
	kept.release(fresh);
}
