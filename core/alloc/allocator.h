// The pymalloc model: CPython's small-object allocator (Objects/obmalloc.c), run for real.
// It hands out host memory, keeps CPython's bookkeeping for it, and gives every block the
// address a 64-bit CPython of the chosen profile would give it. Requests above the profile's
// SMALL_REQUEST_THRESHOLD, and of 0 bytes, go to the raw allocator (modelled malloc).
// Read obmalloc_types.h for the structures, allocator_check.cpp for the invariants as code,
// heap_view.h for what the UI sees.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "alloc/address_space.h"
#include "alloc/obmalloc_types.h"
#include "profile/profile.h"

namespace pymemlab {

struct AllocatorOptions {
    // Where arenas land. false (the default, and what 64-bit Linux usually does for 3.10+):
    // mmap returns page-aligned but not POOL_SIZE-aligned arenas, so each loses one pool.
    bool pool_aligned_arenas = false;
    // Bytes of arenas plus raw blocks the heap may hold; 0 for no limit. A request past it
    // fails (returns nullptr), which the interpreter turns into MemoryError. The default keeps
    // a snippet's `[0] * 10**10` a MemoryError instead of a request to the host (a browser tab,
    // a sanitizer's allocator) for 80 GB.
    static constexpr uint64_t kDefaultHeapLimit = uint64_t{1} << 30;
    uint64_t heap_limit = kDefaultHeapLimit;
};

// What check() found: ok, or the first broken invariant in words.
struct CheckResult {
    bool ok = true;
    std::string problem;
    explicit operator bool() const { return ok; }
};

// Counters behind sys._debugmallocstats() and the UI's live figures.
struct AllocatorCounters {
    uint64_t ntimes_arena_allocated = 0;
    uint64_t narenas_currently_allocated = 0;
    uint64_t narenas_highwater = 0;
    uint64_t raw_allocated_blocks = 0;
    uint64_t raw_allocated_bytes = 0;
    uint64_t arena_map_mid_count = 0;  // radix-tree nodes (3.10+)
    uint64_t arena_map_bot_count = 0;
};

class HeapView;

class Allocator {
public:
    explicit Allocator(const Profile& profile, AllocatorOptions options = {});
    ~Allocator();
    Allocator(const Allocator&) = delete;
    Allocator& operator=(const Allocator&) = delete;

    // PyObject_Malloc / Calloc / Realloc / Free. nullptr means out of memory.
    void* malloc(size_t nbytes);
    void* calloc(size_t nelem, size_t elsize);
    void* realloc(void* p, size_t nbytes);
    void free(void* p);
    // PyMem_RawMalloc: malloc, whatever the size (free and realloc keep such a block raw).
    void* raw_alloc(size_t nbytes) { return raw_malloc(nbytes, false); }

    // The modelled address of a block this allocator handed out (what id() returns), or of an
    // address inside one (for a raw block, inside its first POOL_SIZE bytes). The trace asks
    // this of every reference count it records: the arena of the last answer answers first.
    uint64_t address_of(const void* p) const {
        const uintptr_t a = reinterpret_cast<uintptr_t>(p);
        if (a - last_arena_.host < last_arena_.size) return a + last_arena_.delta;
        return address_of_elsewhere(p);
    }
    // The modelled address of the arena holding pymalloc block p; 0 for a raw block.
    uint64_t arena_address_of(const void* p) const;
    // The host pointer for a modelled address inside a live block's arena or raw block, or nullptr.
    void* pointer_to(uint64_t address) const;
    // True if p is a pymalloc block (not a raw one).
    bool owns(const void* p) const { return address_in_range(p, pool_addr(p)); }
    // Usable bytes of the block at p: its size class, or the raw request size.
    size_t block_size(const void* p) const;

    // Walks every arena, pool and block; verifies every invariant of obmalloc_types.h.
    CheckResult check() const;
    // Every block handed out and not freed (host pointers), pymalloc and raw; for checkers.
    std::vector<const void*> allocated_block_list() const;
    // The report of sys._debugmallocstats(), as the profile's CPython prints it.
    std::string debug_malloc_stats() const;

    const Profile& profile() const { return profile_; }
    const AllocatorCounters& counters() const { return counters_; }
    // Blocks handed out and not freed, pymalloc and raw (sys.getallocatedblocks()).
    uint64_t allocated_blocks() const;
    // Bytes of arenas plus raw blocks: what heap_limit bounds.
    uint64_t footprint() const { return footprint_; }
    // Calls f(modelled address, request size) for each raw block, newest first.
    template <class F>
    void for_each_raw_block(F&& f) const {
        for (auto* h = static_cast<const raw_block_header*>(raw_blocks_); h; h = h->next)
            f(h->vaddress, h->nbytes);
    }

private:
    friend class HeapView;

    pool_header* pool_addr(const void* p) const {
        return reinterpret_cast<pool_header*>(reinterpret_cast<uintptr_t>(p) & ~pool_size_mask_);
    }
    bool address_in_range(const void* p, const pool_header* pool) const;
    void* pymalloc_alloc(size_t nbytes);
    void pymalloc_pool_extend(pool_header* pool, uint32_t size);
    [[gnu::noinline]] void* allocate_from_new_pool(uint32_t size);
    [[gnu::noinline]] arena_object* new_arena();
    void pymalloc_free(void* p, pool_header* pool);
    void insert_to_usedpool(pool_header* pool, uint32_t size);
    [[gnu::noinline]] void insert_to_freepool(pool_header* pool);
    void release_arena(arena_object* ao);
    void mark_arena_map(uint64_t vaddress);

    [[gnu::noinline]] void* raw_malloc(size_t nbytes, bool zero);
    [[gnu::noinline]] void raw_free(void* p);
    void* raw_realloc(void* p, size_t nbytes);
    void link_raw_newest(raw_block_header* h);
    void unlink_raw(raw_block_header* h);

    const Profile& profile_;
    const AllocatorOptions options_;
    const uint32_t alignment_shift_;
    const uint32_t threshold_;
    const uint32_t pool_size_;
    const uintptr_t pool_size_mask_;
    const uint32_t arena_size_;
    const uint32_t pool_overhead_;

    // usedpools[szidx] is the sentinel of a ring of the used pools of that size class:
    // sentinel.nextpool == &sentinel iff no pool of the class is used.
    std::vector<pool_header> usedpools_;
    std::vector<arena_object> arenas_;
    // The hot paths read these instead of the vectors: one load each, as CPython's globals.
    pool_header* usedpools_base_ = nullptr;
    arena_object* arenas_base_ = nullptr;
    uint32_t maxarenas_ = 0;  // == arenas_.size()
    arena_object* unused_arena_objects_ = nullptr;
    arena_object* usable_arenas_ = nullptr;
    // nfp2lasta[nf] is the rightmost arena in usable_arenas with nf free pools, or nullptr.
    std::vector<arena_object*> nfp2lasta_;

    // Raw blocks, newest first, linked through their headers (see allocator.cpp: RawHeader).
    void* raw_blocks_ = nullptr;
    AddressSpace address_space_;
    AllocatorCounters counters_;
    uint64_t footprint_ = 0;
    std::vector<uint64_t> arena_map_mid_keys_, arena_map_bot_keys_;
    // address_of's last arena: host bytes [host, host + size) are at modelled host + delta.
    // size is 0 (no arena) until an answer comes from an arena, and again when that arena is freed.
    struct LastArena {
        uintptr_t host = 0;
        uintptr_t size = 0;
        uint64_t delta = 0;
    };
    mutable LastArena last_arena_;
    uint64_t address_of_elsewhere(const void* p) const;  // address_of outside the last arena
};

}  // namespace pymemlab
