// HeapView: the allocator as the UI sees it, in flat arrays (struct of arrays) that WebAssembly
// exposes as typed-array views without copying. refresh() costs one pass over the pools; block
// states are produced per pool on request, so nothing is built per block unless asked for.
#pragma once

#include <cstdint>
#include <vector>

namespace pymemlab {

class Allocator;

// Pool states as obmalloc.c defines them, plus the slots not carved from the arena yet.
enum class PoolState : uint8_t { Untouched = 0, Empty = 1, Used = 2, Full = 3 };

class HeapView {
public:
    // Rebuilds every array from the allocator's current state; keeps capacity between calls.
    void refresh(const Allocator& allocator);

    // Arenas in use, in arena-index order. arena_first_pool[i] indexes the pool arrays; an
    // arena has arena_pool_count[i] == ntotalpools pool slots (63 or 64 on 3.10+).
    std::vector<uint32_t> arena_index;
    std::vector<double> arena_address;  // modelled addresses (exact below 2^53)
    std::vector<uint32_t> arena_nfreepools;
    std::vector<uint32_t> arena_first_pool;
    std::vector<uint32_t> arena_pool_count;
    // Position of each arena in usable_arenas (0 = head, used first), or -1 when not on it.
    std::vector<int32_t> arena_usable_rank;

    // Pool slots of all arenas, arena by arena, in address order.
    std::vector<double> pool_address;
    std::vector<uint8_t> pool_state;   // PoolState
    std::vector<uint16_t> pool_szidx;  // size class; 0xffff when Untouched
    std::vector<uint16_t> pool_used;   // blocks allocated (ref.count)
    std::vector<uint16_t> pool_capacity;  // blocks the pool holds in its size class

    // Per size class, the table of sys._debugmallocstats().
    std::vector<uint32_t> class_size;
    std::vector<uint32_t> class_pools;
    std::vector<uint64_t> class_blocks_in_use;
    std::vector<uint64_t> class_avail_blocks;

    // Raw (malloc) blocks, newest first.
    std::vector<double> raw_address;
    std::vector<double> raw_size;

    // Block states of one pool slot (index into the pool arrays): 1 = allocated, 0 = free
    // (on the free list or never used). Empty unless the slot holds a carved pool.
    void pool_blocks(const Allocator& allocator, uint32_t pool, std::vector<uint8_t>& out) const;

private:
    std::vector<const void*> pool_host_;  // host pool header of each slot, for pool_blocks
};

}  // namespace pymemlab
