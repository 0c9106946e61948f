// The pymalloc algorithms: allocation from usedpools, new pools and arenas, freeing with the
// pool-state transitions and usable_arenas re-sorting, realloc, and the raw allocator behind it.
// Each function carries its obmalloc.c name; the invariants are in obmalloc_types.h.
#include "alloc/allocator.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "alloc/poison.h"

namespace pymemlab {

// ==== the modelled address space ==============================================================

namespace {

// Where the mmap region starts. 0x...1000 is page-aligned but not 16 KiB-aligned, as mmap
// usually returns on 64-bit Linux, so 3.10+ arenas lose a pool to alignment ("bytes lost to
// arena alignment" in sys._debugmallocstats). 4 KiB pools (up to 3.9) are always aligned.
constexpr uint64_t kMmapTopUnaligned = 0x7f3c2a814000 + 0x1000;
constexpr uint64_t kMmapTopAligned = 0x7f3c2a814000;
constexpr uint64_t kHeapBase = 0x55d03e6b2000;
static_assert(kMmapTopUnaligned % 16384 == 0x1000 && kMmapTopAligned % 16384 == 0);

// The radix tree of 3.10+ (WITH_PYMALLOC_RADIX_TREE, 64-bit): an address is split into
// top (15 bits) | mid (15) | bot (14) | offset in a 1 MiB arena-sized chunk (20).
constexpr unsigned kArenaBits = 20, kMapBotBits = 14, kMapMidBits = 15;
static_assert(kArenaBits + kMapBotBits + kMapMidBits + 15 == 64);

using RawHeader = raw_block_header;

RawHeader* raw_header(const void* p) {
    return reinterpret_cast<RawHeader*>(const_cast<block*>(static_cast<const block*>(p)) -
                                        kRawHeaderSize);
}

constexpr size_t kPySsizeTMax = std::numeric_limits<int64_t>::max();  // PY_SSIZE_T_MAX

}  // namespace

Allocator::Allocator(const Profile& profile, AllocatorOptions options)
    : profile_(profile),
      options_(options),
      alignment_shift_(profile.alignment_shift),
      threshold_(profile.small_request_threshold),
      pool_size_(profile.pool_size),
      pool_size_mask_(profile.pool_size - 1),
      arena_size_(profile.arena_size),
      pool_overhead_(profile.pool_overhead),
      usedpools_(profile.nb_small_size_classes()),
      nfp2lasta_(profile.max_pools_in_arena() + 1, nullptr),
      address_space_(options.pool_aligned_arenas ? kMmapTopAligned : kMmapTopUnaligned, kHeapBase) {
    usedpools_base_ = usedpools_.data();
    for (pool_header& sentinel : usedpools_) {
        sentinel = {};
        sentinel.nextpool = sentinel.prevpool = &sentinel;
    }
}

Allocator::~Allocator() {
    for (arena_object& ao : arenas_) {
        if (ao.address == 0) continue;
        unpoison(reinterpret_cast<void*>(ao.address), arena_size_);
        std::free(ao.host_allocation);
    }
    for (auto* h = static_cast<RawHeader*>(raw_blocks_); h != nullptr;) {
        RawHeader* next = h->next;
        std::free(h);
        h = next;
    }
}

// ==== allocation ==============================================================================

void* Allocator::malloc(size_t nbytes) {
    // 1 <= nbytes <= SMALL_REQUEST_THRESHOLD; 0 wraps around and goes to the raw allocator.
    if (nbytes - 1 < threshold_) {
        if (void* p = pymalloc_alloc(nbytes)) {
            const uint32_t block_size = profile_.index_to_size(profile_.size_to_index(static_cast<uint32_t>(nbytes)));
            fill_clean(p, block_size);
            limit_to_request(p, block_size, nbytes);
            return p;
        }
    }
    void* p = raw_malloc(nbytes, false);
    if (p != nullptr) fill_clean(p, nbytes);
    return p;
}

void* Allocator::calloc(size_t nelem, size_t elsize) {
    if (elsize != 0 && nelem > kPySsizeTMax / elsize) return nullptr;
    size_t nbytes = nelem * elsize;
    if (nbytes - 1 < threshold_) {
        if (void* p = pymalloc_alloc(nbytes)) {
            limit_to_request(p, profile_.index_to_size(profile_.size_to_index(static_cast<uint32_t>(nbytes))), nbytes);
            std::memset(p, 0, nbytes);
            return p;
        }
    }
    return raw_malloc(nbytes, true);
}

void* Allocator::pymalloc_alloc(size_t nbytes) {
    uint32_t size = static_cast<uint32_t>(nbytes - 1) >> alignment_shift_;
    pool_header* head = usedpools_base_ + size;
    pool_header* pool = head->nextpool;
    if (pool == head) [[unlikely]]
        return allocate_from_new_pool(size);

    // A used pool of this class: its free list is never empty.
    ++pool->ref.count;
    block* bp = pool->freeblock;
    unpoison(bp, profile_.index_to_size(size));
    pool->freeblock = *reinterpret_cast<block**>(bp);
    if (pool->freeblock == nullptr) [[unlikely]]
        pymalloc_pool_extend(pool, size);
    return bp;
}

// The free list ran out: add the next never-used block to it, or, if none is left, the pool
// is full and leaves usedpools.
void Allocator::pymalloc_pool_extend(pool_header* pool, uint32_t size) {
    if (pool->nextoffset <= pool->maxnextoffset) {
        pool->freeblock = reinterpret_cast<block*>(pool) + pool->nextoffset;
        pool->nextoffset += profile_.index_to_size(size);
        *reinterpret_cast<block**>(pool->freeblock) = nullptr;
        return;
    }
    pool->nextpool->prevpool = pool->prevpool;
    pool->prevpool->nextpool = pool->nextpool;
}

// No used pool of this size class: take an empty pool from the fullest usable arena (or carve
// a new one from it), allocating an arena first if none has a free pool.
void* Allocator::allocate_from_new_pool(uint32_t size) {
    if (usable_arenas_ == nullptr) {
        usable_arenas_ = new_arena();
        if (usable_arenas_ == nullptr) return nullptr;
        usable_arenas_->nextarena = usable_arenas_->prevarena = nullptr;
        nfp2lasta_[usable_arenas_->nfreepools] = usable_arenas_;
    }
    arena_object* ao = usable_arenas_;

    // The head arena has the fewest free pools, so taking one keeps the list sorted; only
    // nfp2lasta needs telling, and the arena leaves the list once it has no free pool.
    if (nfp2lasta_[ao->nfreepools] == ao) nfp2lasta_[ao->nfreepools] = nullptr;
    if (ao->nfreepools > 1) nfp2lasta_[ao->nfreepools - 1] = ao;

    pool_header* pool = ao->freepools;
    if (pool != nullptr) {
        ao->freepools = pool->nextpool;
    } else {
        pool = reinterpret_cast<pool_header*>(ao->pool_address);
        pool->arenaindex = static_cast<uint32_t>(ao - arenas_.data());
        pool->szidx = kDummySizeIdx;
        ao->pool_address += pool_size_;
    }
    if (--ao->nfreepools == 0) {
        usable_arenas_ = ao->nextarena;
        if (usable_arenas_ != nullptr) usable_arenas_->prevarena = nullptr;
    }

    insert_to_usedpool(pool, size);
    pool->ref.count = 1;

    const uint32_t block_size = profile_.index_to_size(size);
    block* bp;
    if (pool->szidx == size) {
        // The pool last held this size class: its free list is still in place.
        bp = pool->freeblock;
        unpoison(bp, block_size);
        pool->freeblock = *reinterpret_cast<block**>(bp);
        return bp;
    }
    // Fresh layout: hand out the first block, the second starts the free list, and the rest
    // are reached through nextoffset as they are needed.
    block* body = reinterpret_cast<block*>(pool) + pool_overhead_;
    unpoison(body, pool_size_ - pool_overhead_);
    pool->szidx = size;
    bp = body;
    pool->nextoffset = pool_overhead_ + (block_size << 1);
    pool->maxnextoffset = pool_size_ - block_size;
    pool->freeblock = bp + block_size;
    *reinterpret_cast<block**>(pool->freeblock) = nullptr;
    return bp;
}

arena_object* Allocator::new_arena() {
    if (options_.heap_limit != 0 && footprint_ + arena_size_ > options_.heap_limit) return nullptr;
    if (unused_arena_objects_ == nullptr) {
        // Double the arena_object array. No pointer into it is live here: usable_arenas is
        // empty (so nfp2lasta is all null) and full arenas' list links are never read.
        size_t old = arenas_.size();
        size_t grown = old ? old * 2 : kInitialArenaObjects;
        arenas_.resize(grown, arena_object{});
        for (size_t i = old; i < grown; ++i)
            arenas_[i].nextarena = i + 1 < grown ? &arenas_[i + 1] : nullptr;
        unused_arena_objects_ = &arenas_[old];
        arenas_base_ = arenas_.data();
        maxarenas_ = static_cast<uint32_t>(grown);
    }
    void* host = nullptr;
    if (posix_memalign(&host, pool_size_, size_t{arena_size_} + pool_size_) != 0) return nullptr;

    arena_object* ao = unused_arena_objects_;
    unused_arena_objects_ = ao->nextarena;
    ao->vaddress = address_space_.map(arena_size_);
    // Host and modelled addresses agree modulo POOL_SIZE, so pool boundaries coincide.
    ao->address = reinterpret_cast<uintptr_t>(host) + (ao->vaddress & pool_size_mask_);
    ao->host_allocation = host;
    footprint_ += arena_size_;
    ++counters_.narenas_currently_allocated;
    ++counters_.ntimes_arena_allocated;
    counters_.narenas_highwater =
        std::max(counters_.narenas_highwater, counters_.narenas_currently_allocated);
    if (profile_.has_arena_map) mark_arena_map(ao->vaddress);

    ao->freepools = nullptr;
    ao->pool_address = reinterpret_cast<block*>(ao->address);
    ao->nfreepools = profile_.max_pools_in_arena();
    uint32_t excess = static_cast<uint32_t>(ao->address & pool_size_mask_);
    if (excess != 0) {
        --ao->nfreepools;
        ao->pool_address += pool_size_ - excess;
    }
    ao->ntotalpools = ao->nfreepools;
    return ao;
}

// The radix tree never frees a node; it gains a bot node per 16 GiB and a mid node per 512 TiB
// of address space that holds an arena (an unaligned arena touches two 1 MiB chunks).
void Allocator::mark_arena_map(uint64_t vaddress) {
    auto note = [](std::vector<uint64_t>& keys, uint64_t key, uint64_t& count) {
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) return;
        keys.push_back(key);
        ++count;
    };
    for (uint64_t a : {vaddress, vaddress + arena_size_ - 1}) {
        note(arena_map_bot_keys_, a >> (kArenaBits + kMapBotBits), counters_.arena_map_bot_count);
        note(arena_map_mid_keys_, a >> (kArenaBits + kMapBotBits + kMapMidBits),
             counters_.arena_map_mid_count);
    }
}

// ==== freeing =================================================================================

bool Allocator::address_in_range(const void* p, const pool_header* pool) const {
    uint32_t index = pool->arenaindex;
    return index < maxarenas_ &&
           reinterpret_cast<uintptr_t>(p) - arenas_base_[index].address < arena_size_ &&
           arenas_base_[index].address != 0;
}

void Allocator::free(void* p) {
    if (p == nullptr) return;
    pool_header* pool = pool_addr(p);
    if (address_in_range(p, pool)) [[likely]]
        pymalloc_free(p, pool);
    else
        raw_free(p);
}

void Allocator::pymalloc_free(void* p, pool_header* pool) {
    block* bp = static_cast<block*>(p);
    block* lastfree = pool->freeblock;
    poison(bp + sizeof(block*), profile_.index_to_size(pool->szidx) - sizeof(block*));
    unpoison(bp, sizeof(block*));  // a request under 8 bytes left part of the link unaddressable
    *reinterpret_cast<block**>(bp) = lastfree;
    pool->freeblock = bp;
    --pool->ref.count;

    if (lastfree == nullptr) [[unlikely]] {
        // The pool was full: it rejoins usedpools at the front, so the next allocation of its
        // class refills it first (obmalloc.c: "mimics LRU pool usage for new allocations").
        insert_to_usedpool(pool, pool->szidx);
        return;
    }
    if (pool->ref.count != 0) [[likely]]
        return;                     // still used
    insert_to_freepool(pool);          // now empty
}

// Links the pool at the front of usedpools[size].
void Allocator::insert_to_usedpool(pool_header* pool, uint32_t size) {
    pool_header* head = &usedpools_[size];
    pool_header* next = head->nextpool;
    pool->nextpool = next;
    pool->prevpool = head;
    next->prevpool = pool;
    head->nextpool = pool;
}

// An empty pool leaves usedpools for its arena's freepools; then the arena either goes back to
// the OS (all its pools empty), rejoins usable_arenas (its first free pool), or slides right to
// keep usable_arenas sorted. 2.7 and 3.6 found the new place by walking the list; 3.8 added
// nfp2lasta to find it in O(1). Both put the arena after every arena with fewer free pools and
// before every arena with as many or more, so one algorithm serves all profiles.
void Allocator::insert_to_freepool(pool_header* pool) {
    pool->nextpool->prevpool = pool->prevpool;
    pool->prevpool->nextpool = pool->nextpool;

    arena_object* ao = &arenas_[pool->arenaindex];
    pool->nextpool = ao->freepools;
    ao->freepools = pool;
    uint32_t nf = ao->nfreepools;
    arena_object* lastnf = nfp2lasta_[nf];
    if (lastnf == ao) {
        arena_object* p = ao->prevarena;
        nfp2lasta_[nf] = (p != nullptr && p->nfreepools == nf) ? p : nullptr;
    }
    ao->nfreepools = ++nf;

    if (nf == ao->ntotalpools &&
        (!profile_.keeps_last_empty_arena || ao->nextarena != nullptr)) {
        release_arena(ao);
        return;
    }
    if (nf == 1) {
        // It was full, so it is not on usable_arenas: it goes to the front.
        ao->nextarena = usable_arenas_;
        ao->prevarena = nullptr;
        if (usable_arenas_ != nullptr) usable_arenas_->prevarena = ao;
        usable_arenas_ = ao;
        if (nfp2lasta_[1] == nullptr) nfp2lasta_[1] = ao;
        return;
    }
    if (nfp2lasta_[nf] == nullptr) nfp2lasta_[nf] = ao;
    if (ao == lastnf) return;  // it was the rightmost with nf - 1 free pools: still in order

    // Move ao to just after lastnf, the rightmost arena that has nf - 1 free pools.
    if (ao->prevarena != nullptr)
        ao->prevarena->nextarena = ao->nextarena;
    else
        usable_arenas_ = ao->nextarena;
    ao->nextarena->prevarena = ao->prevarena;
    ao->prevarena = lastnf;
    ao->nextarena = lastnf->nextarena;
    if (ao->nextarena != nullptr) ao->nextarena->prevarena = ao;
    lastnf->nextarena = ao;
}

// Case 1 of insert_to_freepool: every pool is empty; unlink the arena and unmap it.
void Allocator::release_arena(arena_object* ao) {
    if (ao->prevarena == nullptr)
        usable_arenas_ = ao->nextarena;
    else
        ao->prevarena->nextarena = ao->nextarena;
    if (ao->nextarena != nullptr) ao->nextarena->prevarena = ao->prevarena;

    ao->nextarena = unused_arena_objects_;
    unused_arena_objects_ = ao;
    unpoison(reinterpret_cast<void*>(ao->address), arena_size_);
    if (last_arena_.host == ao->address) last_arena_ = {};
    std::free(ao->host_allocation);
    address_space_.unmap(ao->vaddress, arena_size_);
    footprint_ -= arena_size_;
    ao->address = 0;
    ao->host_allocation = nullptr;
    --counters_.narenas_currently_allocated;
}

// ==== realloc =================================================================================

void* Allocator::realloc(void* p, size_t nbytes) {
    if (p == nullptr) return malloc(nbytes);
    pool_header* pool = pool_addr(p);
    // A raw block stays with the raw allocator whatever its new size (obmalloc.c: bug 1185883).
    if (!address_in_range(p, pool)) return raw_realloc(p, nbytes);

    size_t size = profile_.index_to_size(pool->szidx);
    if (nbytes <= size) {
        // Staying or shrinking: keep the block unless at least a quarter of it would be freed.
        if (4 * nbytes > 3 * size) {
            limit_to_request(p, size, nbytes);
            return p;
        }
        size = nbytes;
    }
    void* bp = malloc(nbytes);
    if (bp != nullptr) {
        unpoison(p, size);  // obmalloc copies the whole old block, slack included
        std::memcpy(bp, p, size);
        pymalloc_free(p, pool);
    }
    return bp;
}

// ==== the raw allocator (PyMem_RawMalloc: modelled malloc) ====================================

void* Allocator::raw_malloc(size_t nbytes, bool zero) {
    if (nbytes > kPySsizeTMax) return nullptr;
    uint64_t reserved = AddressSpace::reserved_for(nbytes);
    if (options_.heap_limit != 0 && footprint_ + reserved > options_.heap_limit) return nullptr;
    if (nbytes > std::numeric_limits<size_t>::max() - kRawHeaderSize) return nullptr;
    void* host = nullptr;
    if (posix_memalign(&host, pool_size_, kRawHeaderSize + nbytes) != 0) return nullptr;

    auto* h = static_cast<RawHeader*>(host);
    h->stand_in = {};
    h->stand_in.arenaindex = kRawArenaIndex;
    h->vaddress = address_space_.malloc(nbytes);
    h->nbytes = nbytes;
    h->capacity = nbytes;
    link_raw_newest(h);
    footprint_ += reserved;
    ++counters_.raw_allocated_blocks;
    counters_.raw_allocated_bytes += nbytes;
    block* p = static_cast<block*>(host) + kRawHeaderSize;
    if (zero) std::memset(p, 0, nbytes);
    return p;
}

void Allocator::raw_free(void* p) {
    RawHeader* h = raw_header(p);
    unlink_raw(h);
    address_space_.free(h->vaddress, h->nbytes);
    footprint_ -= AddressSpace::reserved_for(h->nbytes);
    --counters_.raw_allocated_blocks;
    counters_.raw_allocated_bytes -= h->nbytes;
    std::free(h);
}

void Allocator::link_raw_newest(raw_block_header* h) {
    h->prev = nullptr;
    h->next = static_cast<RawHeader*>(raw_blocks_);
    if (h->next != nullptr) h->next->prev = h;
    raw_blocks_ = h;
}

void Allocator::unlink_raw(raw_block_header* h) {
    if (h->prev != nullptr)
        h->prev->next = h->next;
    else
        raw_blocks_ = h->next;
    if (h->next != nullptr) h->next->prev = h->prev;
}

void* Allocator::raw_realloc(void* p, size_t nbytes) {
    RawHeader* h = raw_header(p);
    if (AddressSpace::reserved_for(nbytes) == AddressSpace::reserved_for(h->nbytes) &&
        (nbytes >= AddressSpace::kMmapThreshold) == (h->nbytes >= AddressSpace::kMmapThreshold) &&
        nbytes <= h->nbytes) {
        // Same chunk: realloc shrinks in place.
        counters_.raw_allocated_bytes -= h->nbytes - nbytes;
        h->nbytes = nbytes;
        return p;
    }
    if (nbytes > kPySsizeTMax) return nullptr;
    const uint64_t old_reserved = AddressSpace::reserved_for(h->nbytes);
    const uint64_t new_reserved = AddressSpace::reserved_for(nbytes);
    if (options_.heap_limit != 0 && footprint_ - old_reserved + new_reserved > options_.heap_limit)
        return nullptr;
    unlink_raw(h);
    if (nbytes > h->capacity) {
        // Host memory grows geometrically, so a block grown step by step is copied O(log n)
        // times; the model does not see it.
        uint64_t capacity = std::max<uint64_t>(nbytes, 2 * h->capacity);
        void* host = nullptr;
        if (capacity > std::numeric_limits<size_t>::max() - kRawHeaderSize ||
            posix_memalign(&host, pool_size_, kRawHeaderSize + capacity) != 0) {
            link_raw_newest(h);
            return nullptr;
        }
        std::memcpy(host, h, kRawHeaderSize + std::min<uint64_t>(h->nbytes, nbytes));
        std::free(h);
        h = static_cast<RawHeader*>(host);
        h->capacity = capacity;
    }
    // The modelled realloc: a new chunk, then the old one freed; the block is now the newest.
    uint64_t vaddress = address_space_.malloc(nbytes);
    address_space_.free(h->vaddress, h->nbytes);
    footprint_ = footprint_ - old_reserved + new_reserved;
    counters_.raw_allocated_bytes = counters_.raw_allocated_bytes - h->nbytes + nbytes;
    h->vaddress = vaddress;
    h->nbytes = nbytes;
    link_raw_newest(h);
    return reinterpret_cast<block*>(h) + kRawHeaderSize;
}

// ==== observation =============================================================================

uint64_t Allocator::address_of_elsewhere(const void* p) const {
    const pool_header* pool = pool_addr(p);
    if (address_in_range(p, pool)) {
        const arena_object& ao = arenas_[pool->arenaindex];
        last_arena_ = {ao.address, arena_size_, ao.vaddress - ao.address};
        return ao.vaddress + (reinterpret_cast<uintptr_t>(p) - ao.address);
    }
    // A raw block's header is at POOL_ADDR of every address in its first POOL_SIZE bytes, so
    // objects carved from a raw block (2.7's int and float blocks) have addresses too.
    const auto* h = reinterpret_cast<const RawHeader*>(pool);
    return h->vaddress + (reinterpret_cast<uintptr_t>(p) - (reinterpret_cast<uintptr_t>(h) + kRawHeaderSize));
}

uint64_t Allocator::arena_address_of(const void* p) const {
    const pool_header* pool = pool_addr(p);
    return address_in_range(p, pool) ? arenas_[pool->arenaindex].vaddress : 0;
}

void* Allocator::pointer_to(uint64_t address) const {
    for (const arena_object& ao : arenas_) {
        if (ao.address != 0 && address - ao.vaddress < arena_size_)
            return reinterpret_cast<void*>(ao.address + (address - ao.vaddress));
    }
    for (auto* h = static_cast<const RawHeader*>(raw_blocks_); h != nullptr; h = h->next) {
        if (address - h->vaddress < std::max<uint64_t>(h->nbytes, 1))
            return const_cast<char*>(reinterpret_cast<const char*>(h) + kRawHeaderSize + (address - h->vaddress));
    }
    return nullptr;
}

size_t Allocator::block_size(const void* p) const {
    const pool_header* pool = pool_addr(p);
    if (address_in_range(p, pool)) return profile_.index_to_size(pool->szidx);
    return raw_header(p)->nbytes;
}

uint64_t Allocator::allocated_blocks() const {
    uint64_t n = counters_.raw_allocated_blocks;
    for (const arena_object& ao : arenas_) {
        if (ao.address == 0) continue;
        uintptr_t base = (ao.address + pool_size_mask_) & ~pool_size_mask_;
        for (; base < reinterpret_cast<uintptr_t>(ao.pool_address); base += pool_size_)
            n += reinterpret_cast<const pool_header*>(base)->ref.count;
    }
    return n;
}

}  // namespace pymemlab
