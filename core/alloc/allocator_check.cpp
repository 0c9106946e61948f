// Allocator::check: every invariant stated in obmalloc_types.h, as code. Like CPython's debug
// validators, it doubles as the specification of when each list, count and state must agree.
// It walks everything, so it is for tests and debug builds, never the hot path.
#include <set>
#include <string>
#include <type_traits>

#include "alloc/allocator.h"

namespace pymemlab {

namespace {

// Appends the parts of a message; kept free of <sstream>, which would double the wasm module.
void append(std::string& out, const char* s) { out += s; }
template <class T>
std::enable_if_t<std::is_integral_v<T>> append(std::string& out, T n) { out += std::to_string(n); }

}  // namespace

std::vector<const void*> Allocator::allocated_block_list() const {
    std::vector<const void*> blocks;
    const uint32_t classes = profile_.nb_small_size_classes();
    for (const arena_object& ao : arenas_) {
        if (ao.address == 0) continue;
        uintptr_t first = (ao.address + pool_size_mask_) & ~pool_size_mask_;
        for (uintptr_t p = first; p < reinterpret_cast<uintptr_t>(ao.pool_address); p += pool_size_) {
            const auto* pool = reinterpret_cast<const pool_header*>(p);
            if (pool->ref.count == 0 || pool->szidx >= classes) continue;
            const uint32_t size = profile_.index_to_size(pool->szidx);
            std::set<const block*> free_blocks;
            for (const block* b = pool->freeblock; b != nullptr; b = *reinterpret_cast<block* const*>(b))
                free_blocks.insert(b);
            const block* base = reinterpret_cast<const block*>(pool) + pool_overhead_;
            for (const block* b = base; b < reinterpret_cast<const block*>(pool) + pool->nextoffset &&
                                        b + size <= reinterpret_cast<const block*>(pool) + pool_size_;
                 b += size)
                if (!free_blocks.count(b)) blocks.push_back(b);
        }
    }
    for (auto* h = static_cast<const raw_block_header*>(raw_blocks_); h != nullptr; h = h->next)
        blocks.push_back(reinterpret_cast<const block*>(h) + kRawHeaderSize);
    return blocks;
}

CheckResult Allocator::check() const {
    CheckResult result;
    auto fail = [&](const auto&... parts) {
        if (!result.ok) return;
        result.ok = false;
        (append(result.problem, parts), ...);
    };
    const uint32_t classes = profile_.nb_small_size_classes();

    // usedpools: each ring well linked; each member used, of its class, in a live arena.
    std::set<const pool_header*> in_used;
    for (uint32_t c = 0; c < classes && result.ok; ++c) {
        const pool_header* head = &usedpools_[c];
        for (const pool_header* p = head->nextpool; p != head; p = p->nextpool) {
            if (p->nextpool->prevpool != p) fail("usedpools[", c, "] ring is broken");
            if (p->szidx != c) fail("pool in usedpools[", c, "] has szidx ", p->szidx);
            if (p->ref.count == 0) fail("empty pool in usedpools[", c, "]");
            if (p->freeblock == nullptr) fail("full pool in usedpools[", c, "]");
            if (!in_used.insert(p).second) fail("pool twice in usedpools");
            if (!result.ok) break;
        }
    }

    // Arenas: counts, pools, free lists and blocks.
    uint64_t live = 0;
    for (size_t i = 0; i < arenas_.size() && result.ok; ++i) {
        const arena_object& ao = arenas_[i];
        if (ao.address == 0) continue;
        ++live;
        uintptr_t first = (ao.address + pool_size_mask_) & ~pool_size_mask_;
        uint32_t expected_total = profile_.max_pools_in_arena() - (first != ao.address ? 1 : 0);
        if (ao.ntotalpools != expected_total) fail("arena ", i, " has ntotalpools ", ao.ntotalpools);
        uintptr_t carved_end = reinterpret_cast<uintptr_t>(ao.pool_address);
        if (carved_end < first || carved_end > first + uintptr_t{ao.ntotalpools} * pool_size_ ||
            (carved_end - first) % pool_size_ != 0)
            fail("arena ", i, " pool_address out of range");
        if (!result.ok) break;
        uint32_t carved = static_cast<uint32_t>((carved_end - first) / pool_size_);

        std::set<const pool_header*> free_pools;
        for (const pool_header* p = ao.freepools; p != nullptr; p = p->nextpool) {
            if (!free_pools.insert(p).second) { fail("arena ", i, " freepools has a loop"); break; }
            if (p->ref.count != 0) fail("arena ", i, " freepools holds a pool in use");
        }
        if (ao.nfreepools != free_pools.size() + (ao.ntotalpools - carved))
            fail("arena ", i, " nfreepools ", ao.nfreepools, " != free ", free_pools.size(),
                 " + uncarved ", ao.ntotalpools - carved);

        for (uint32_t k = 0; k < carved && result.ok; ++k) {
            const auto* pool = reinterpret_cast<const pool_header*>(first + uintptr_t{k} * pool_size_);
            if (pool->arenaindex != i) fail("pool ", k, " of arena ", i, " has arenaindex ", pool->arenaindex);
            if (pool->ref.count == 0) {
                if (!free_pools.count(pool)) fail("empty pool ", k, " of arena ", i, " not on freepools");
                continue;
            }
            if (pool->szidx >= classes) { fail("pool in use without a size class"); break; }
            const uint32_t size = profile_.index_to_size(pool->szidx);
            const uint32_t capacity = profile_.blocks_per_pool(pool->szidx);
            if (pool->ref.count > capacity) fail("pool count ", pool->ref.count, " > ", capacity);
            if (pool->maxnextoffset != pool_size_ - size) fail("pool maxnextoffset is wrong");
            // Free blocks: the free list plus the never-used blocks from nextoffset on.
            const block* base = reinterpret_cast<const block*>(pool) + pool_overhead_;
            std::set<const block*> free_blocks;
            for (const block* b = pool->freeblock; b != nullptr;
                 b = *reinterpret_cast<block* const*>(b)) {
                if (b < base || b >= reinterpret_cast<const block*>(pool) + pool_size_ ||
                    (b - base) % size != 0) {
                    fail("free list of a pool of class ", pool->szidx, " leaves the pool");
                    break;
                }
                if (!free_blocks.insert(b).second) { fail("free list has a loop"); break; }
                if (static_cast<uint32_t>(b - reinterpret_cast<const block*>(pool)) >= pool->nextoffset)
                    fail("free list holds a block beyond nextoffset");
            }
            if (!result.ok) break;
            uint32_t never_used = pool->nextoffset <= pool->maxnextoffset
                                      ? (pool_size_ - pool->nextoffset) / size
                                      : 0;
            if (free_blocks.size() + never_used + pool->ref.count != capacity)
                fail("pool of class ", pool->szidx, ": ", pool->ref.count, " used + ",
                     free_blocks.size(), " free + ", never_used, " never used != ", capacity);
            bool full = pool->freeblock == nullptr;
            if (full != (pool->ref.count == capacity)) fail("pool full state disagrees with its count");
            if (full == (in_used.count(pool) == 1))
                fail(full ? "full pool in usedpools" : "used pool missing from usedpools");
            in_used.erase(pool);
        }
    }
    if (result.ok && !in_used.empty()) fail("usedpools holds a pool of no live arena");
    if (result.ok && live != counters_.narenas_currently_allocated)
        fail("narenas_currently_allocated is ", counters_.narenas_currently_allocated, ", found ", live);

    // usable_arenas: exactly the live arenas with free pools, sorted, well linked; nfp2lasta
    // names the rightmost arena of each count.
    if (result.ok) {
        std::set<const arena_object*> usable;
        const arena_object* prev = nullptr;
        for (const arena_object* ao = usable_arenas_; ao != nullptr; prev = ao, ao = ao->nextarena) {
            if (ao->prevarena != prev) { fail("usable_arenas prevarena link is wrong"); break; }
            if (ao->address == 0) { fail("usable_arenas holds an unused arena"); break; }
            if (ao->nfreepools == 0) fail("usable_arenas holds a full arena");
            if (prev != nullptr && prev->nfreepools > ao->nfreepools) fail("usable_arenas is not sorted");
            if (!usable.insert(ao).second) { fail("usable_arenas has a loop"); break; }
            bool rightmost = ao->nextarena == nullptr || ao->nextarena->nfreepools != ao->nfreepools;
            if ((nfp2lasta_[ao->nfreepools] == ao) != rightmost)
                fail("nfp2lasta[", ao->nfreepools, "] does not name the rightmost such arena");
        }
        for (const arena_object& ao : arenas_)
            if (ao.address != 0 && ao.nfreepools > 0 && !usable.count(&ao))
                fail("arena with free pools missing from usable_arenas");
        for (size_t nf = 0; nf < nfp2lasta_.size() && result.ok; ++nf)
            if (nfp2lasta_[nf] != nullptr && (!usable.count(nfp2lasta_[nf]) || nfp2lasta_[nf]->nfreepools != nf))
                fail("nfp2lasta[", nf, "] names an arena with another count");
    }

    // unused_arena_objects: unassociated slots only; with the live ones, every slot.
    if (result.ok) {
        uint64_t unused = 0;
        for (const arena_object* ao = unused_arena_objects_; ao != nullptr; ao = ao->nextarena) {
            if (ao->address != 0) { fail("unused_arena_objects holds a live arena"); break; }
            if (++unused > arenas_.size()) { fail("unused_arena_objects has a loop"); break; }
        }
        if (result.ok && unused + live != arenas_.size())
            fail("arena slots lost: ", unused, " unused + ", live, " live != ", arenas_.size());
    }

    // Raw blocks: the list agrees with the counters.
    if (result.ok) {
        uint64_t n = 0, bytes = 0;
        for_each_raw_block([&](uint64_t, uint64_t size) { ++n; bytes += size; });
        if (n != counters_.raw_allocated_blocks || bytes != counters_.raw_allocated_bytes)
            fail("raw block list disagrees with the counters");
    }
    return result;
}

}  // namespace pymemlab
