// CPython's pymalloc bookkeeping structures (Objects/obmalloc.c, Include/internal/pycore_obmalloc.h),
// field for field, with the invariants obmalloc.c states in prose written next to each.
// The algorithms that keep them true are in allocator.cpp; check() in allocator_check.cpp
// verifies every invariant written here.
#pragma once

#include <cstddef>
#include <cstdint>

namespace pymemlab {

using block = uint8_t;

// A pool: POOL_SIZE bytes of one arena holding blocks of one size class, headed by this struct.
// Its blocks start POOL_OVERHEAD (48) bytes in. A pool is in exactly one of three states:
//   used  == some blocks allocated, some free: linked in usedpools[szidx], freeblock != nullptr;
//   full  == every block allocated: in no list, freeblock == nullptr;
//   empty == no block allocated (ref.count == 0): on its arena's freepools list, and it keeps its
//            szidx and free list, so reuse for the same size class needs no re-initialisation.
// A pool not carved yet from its arena (at or beyond the arena's pool_address) has no header.
struct pool_header {
    union {
        block* padding;
        uint32_t count;  // number of allocated blocks
    } ref;
    block* freeblock;        // head of the free list: freed blocks, then the next never-used one
    pool_header* nextpool;   // usedpools ring (doubly linked) or freepools list (singly linked)
    pool_header* prevpool;   // usedpools ring only
    uint32_t arenaindex;     // index into arenas of the arena holding this pool
    uint32_t szidx;          // size class; kDummySizeIdx for a freshly carved pool
    uint32_t nextoffset;     // bytes to the never-used block after the free list ends
    uint32_t maxnextoffset;  // largest valid nextoffset: POOL_SIZE - block size
};
// The modelled pool header is 48 bytes on every profile; the host struct must fit inside it
// (it is 48 bytes on a 64-bit host and 32 on wasm32).
static_assert(sizeof(pool_header) <= 48);

constexpr uint32_t kDummySizeIdx = 0xffff;  // DUMMY_SIZE_IDX
constexpr uint32_t kInitialArenaObjects = 16;  // INITIAL_ARENA_OBJECTS
// Marks a raw (malloc) block's stand-in header, so address_in_range fails fast for it.
constexpr uint32_t kRawArenaIndex = 0xffffffff;

// An arena_object describes one arena slot. Invariants:
// - address == 0 iff the slot is unassociated; unassociated slots form unused_arena_objects
//   (singly linked through nextarena).
// - An associated arena with nfreepools > 0 is on usable_arenas, the doubly linked list kept
//   sorted by ascending nfreepools so that new pools come from the fullest arena.
// - nfreepools = pools on freepools + pools not carved yet (those from pool_address on).
// - ntotalpools = MAX_POOLS_IN_ARENA, less one when the arena is not pool-aligned.
struct arena_object {
    uintptr_t address;        // host address of the arena's first byte; 0 if unassociated
    uint64_t vaddress;        // the modelled address of that byte
    block* pool_address;      // next pool to carve
    uint32_t nfreepools;
    uint32_t ntotalpools;
    pool_header* freepools;   // empty pools, singly linked through nextpool
    arena_object* nextarena;
    arena_object* prevarena;
    void* host_allocation;    // what the host allocator returned for this arena
};

// Not CPython's: the model's raw (malloc) blocks are preceded by this header in host memory,
// placed at a POOL_SIZE boundary, so POOL_ADDR(p) of a raw block is its header and its
// stand_in.arenaindex == kRawArenaIndex. That lets address_in_range() tell raw from pymalloc
// blocks in O(1), as CPython does, without reading memory the model does not own.
struct raw_block_header {
    pool_header stand_in;
    uint64_t vaddress;  // modelled address of the block
    uint64_t nbytes;    // the request
    uint64_t capacity;  // host bytes after the header: nbytes, or more after a growing realloc
    raw_block_header* next;
    raw_block_header* prev;
};
constexpr size_t kRawHeaderSize = (sizeof(raw_block_header) + 15) & ~size_t{15};

}  // namespace pymemlab
