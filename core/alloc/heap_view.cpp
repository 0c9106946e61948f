// HeapView::refresh walks arenas and their carved pools once, reading pool headers; block
// states come from one pool's free list when asked for.
#include "alloc/heap_view.h"

#include "alloc/allocator.h"

namespace pymemlab {

void HeapView::refresh(const Allocator& a) {
    const Profile& profile = a.profile_;
    const uint32_t classes = profile.nb_small_size_classes();
    arena_index.clear();
    arena_address.clear();
    arena_nfreepools.clear();
    arena_first_pool.clear();
    arena_pool_count.clear();
    arena_usable_rank.clear();
    pool_address.clear();
    pool_state.clear();
    pool_szidx.clear();
    pool_used.clear();
    pool_capacity.clear();
    pool_host_.clear();
    class_size.assign(classes, 0);
    class_pools.assign(classes, 0);
    class_blocks_in_use.assign(classes, 0);
    class_avail_blocks.assign(classes, 0);
    for (uint32_t i = 0; i < classes; ++i) class_size[i] = profile.index_to_size(i);

    std::vector<int32_t> rank(a.arenas_.size(), -1);
    int32_t r = 0;
    for (const arena_object* ao = a.usable_arenas_; ao != nullptr; ao = ao->nextarena)
        rank[static_cast<size_t>(ao - a.arenas_.data())] = r++;

    for (size_t i = 0; i < a.arenas_.size(); ++i) {
        const arena_object& ao = a.arenas_[i];
        if (ao.address == 0) continue;
        arena_index.push_back(static_cast<uint32_t>(i));
        arena_address.push_back(static_cast<double>(ao.vaddress));
        arena_nfreepools.push_back(ao.nfreepools);
        arena_first_pool.push_back(static_cast<uint32_t>(pool_state.size()));
        arena_pool_count.push_back(ao.ntotalpools);
        arena_usable_rank.push_back(rank[i]);

        uintptr_t first = (ao.address + a.pool_size_mask_) & ~a.pool_size_mask_;
        for (uint32_t k = 0; k < ao.ntotalpools; ++k) {
            uintptr_t host = first + uintptr_t{k} * a.pool_size_;
            pool_address.push_back(static_cast<double>(ao.vaddress + (host - ao.address)));
            if (host >= reinterpret_cast<uintptr_t>(ao.pool_address)) {
                pool_state.push_back(static_cast<uint8_t>(PoolState::Untouched));
                pool_szidx.push_back(0xffff);
                pool_used.push_back(0);
                pool_capacity.push_back(0);
                pool_host_.push_back(nullptr);
                continue;
            }
            const auto* pool = reinterpret_cast<const pool_header*>(host);
            uint32_t count = pool->ref.count;
            bool sized = pool->szidx < classes;
            uint32_t capacity = sized ? profile.blocks_per_pool(pool->szidx) : 0;
            PoolState state = count == 0                ? PoolState::Empty
                              : pool->freeblock == nullptr ? PoolState::Full
                                                           : PoolState::Used;
            pool_state.push_back(static_cast<uint8_t>(state));
            pool_szidx.push_back(static_cast<uint16_t>(sized ? pool->szidx : 0xffff));
            pool_used.push_back(static_cast<uint16_t>(count));
            pool_capacity.push_back(static_cast<uint16_t>(capacity));
            pool_host_.push_back(pool);
            if (count != 0) {
                class_pools[pool->szidx] += 1;
                class_blocks_in_use[pool->szidx] += count;
                class_avail_blocks[pool->szidx] += capacity - count;
            }
        }
    }

    raw_address.clear();
    raw_size.clear();
    a.for_each_raw_block([&](uint64_t address, uint64_t size) {
        raw_address.push_back(static_cast<double>(address));
        raw_size.push_back(static_cast<double>(size));
    });
}

void HeapView::pool_blocks(const Allocator& a, uint32_t index, std::vector<uint8_t>& out) const {
    out.clear();
    if (index >= pool_host_.size() || pool_host_[index] == nullptr) return;
    const auto* pool = static_cast<const pool_header*>(pool_host_[index]);
    if (pool->szidx >= a.profile_.nb_small_size_classes()) return;
    const uint32_t size = a.profile_.index_to_size(pool->szidx);
    const uint32_t n = a.profile_.blocks_per_pool(pool->szidx);
    const auto* base = reinterpret_cast<const block*>(pool) + a.pool_overhead_;
    // Every block below nextoffset has been handed out at least once; those on the free list
    // are free now. Blocks from nextoffset on have never been used.
    uint32_t carved = (pool->nextoffset - a.pool_overhead_) / size;
    if (pool->ref.count == 0) carved = 0;
    out.assign(n, 0);
    for (uint32_t i = 0; i < carved && i < n; ++i) out[i] = 1;
    for (const block* b = pool->freeblock; b != nullptr && pool->ref.count != 0;
         b = *reinterpret_cast<block* const*>(b)) {
        uint32_t i = static_cast<uint32_t>((b - base) / size);
        if (i < n) out[i] = 0;
    }
}

}  // namespace pymemlab
