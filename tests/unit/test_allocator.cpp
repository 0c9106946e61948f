// The pymalloc model's rules, one test case each: size classes, pool states and transitions,
// arena choice and release, arena alignment, realloc, the raw allocator, addresses and limits.
// Every case ends with check(), which verifies all of obmalloc's invariants.
#include <catch2/catch.hpp>

#include <limits>
#include <vector>

#include "alloc/allocator.h"
#include "alloc/heap_view.h"

using namespace pymemlab;

namespace {

const Profile& P(const char* name) { return *find_profile(name); }

struct Probe {
    HeapView view;
    const Allocator& a;
    explicit Probe(const Allocator& allocator) : a(allocator) { view.refresh(a); }
    // The pool slot that holds p.
    uint32_t pool_of(const void* p) const {
        uint64_t address = a.address_of(p);
        for (uint32_t i = 0; i < view.pool_address.size(); ++i)
            if (address - static_cast<uint64_t>(view.pool_address[i]) < a.profile().pool_size) return i;
        FAIL("no pool holds the block");
        return 0;
    }
    PoolState state_of(const void* p) const { return PoolState(view.pool_state[pool_of(p)]); }
    size_t arena_slot_of(const void* p) const {
        uint32_t pool = pool_of(p);
        for (size_t i = 0; i < view.arena_index.size(); ++i)
            if (pool >= view.arena_first_pool[i] && pool < view.arena_first_pool[i] + view.arena_pool_count[i])
                return i;
        FAIL("no arena holds the pool");
        return 0;
    }
};

// Allocates n blocks of `size` bytes.
std::vector<void*> fill(Allocator& a, size_t n, size_t size) {
    std::vector<void*> blocks;
    for (size_t i = 0; i < n; ++i) blocks.push_back(a.malloc(size));
    return blocks;
}

}  // namespace

TEST_CASE("a request is served from the size class that rounds it up to ALIGNMENT") {
    for (const Profile& profile : all_profiles()) {
        Allocator a(profile);
        for (uint32_t n = 1; n <= profile.small_request_threshold; ++n) {
            void* p = a.malloc(n);
            REQUIRE(a.owns(p));
            CHECK(a.block_size(p) == (n + profile.alignment - 1) / profile.alignment * profile.alignment);
            a.free(p);
        }
        REQUIRE(a.check());
    }
}

TEST_CASE("requests of 0 bytes and above the threshold go to the raw allocator") {
    for (const Profile& profile : all_profiles()) {
        Allocator a(profile);
        void* zero = a.malloc(0);
        void* big = a.malloc(profile.small_request_threshold + 1);
        void* small = a.malloc(profile.small_request_threshold);
        CHECK_FALSE(a.owns(zero));
        CHECK_FALSE(a.owns(big));
        CHECK(a.owns(small));
        CHECK(a.counters().raw_allocated_blocks == 2);
        CHECK(a.allocated_blocks() == 3);
        a.free(zero);
        a.free(big);
        a.free(small);
        CHECK(a.allocated_blocks() == 0);
        REQUIRE(a.check());
    }
}

TEST_CASE("blocks of a fresh pool are handed out in address order, one block size apart") {
    Allocator a(P("3.13"));
    auto blocks = fill(a, 10, 24);  // class 1: 32-byte blocks
    for (size_t i = 1; i < blocks.size(); ++i)
        CHECK(a.address_of(blocks[i]) == a.address_of(blocks[i - 1]) + 32);
    // The first block sits right after the 48-byte pool header.
    CHECK(a.address_of(blocks[0]) % P("3.13").pool_size == 48);
    REQUIRE(a.check());
}

TEST_CASE("a pool becomes full exactly when its last block is handed out") {
    for (const char* name : {"3.8", "3.13"}) {
        const Profile& profile = P(name);
        Allocator a(profile);
        const uint32_t n = profile.blocks_per_pool(2);  // 48-byte blocks
        auto blocks = fill(a, n - 1, 48);
        CHECK(Probe(a).state_of(blocks[0]) == PoolState::Used);
        blocks.push_back(a.malloc(48));
        CHECK(Probe(a).state_of(blocks[0]) == PoolState::Full);
        void* next = a.malloc(48);
        Probe probe(a);
        CHECK(probe.pool_of(next) != probe.pool_of(blocks[0]));
        CHECK(probe.state_of(next) == PoolState::Used);
        REQUIRE(a.check());
    }
}

TEST_CASE("freeing a block of a full pool puts that pool at the front of usedpools") {
    const Profile& profile = P("3.11");
    Allocator a(profile);
    const uint32_t n = profile.blocks_per_pool(0);
    auto first = fill(a, n, 16);    // pool A, now full
    auto second = fill(a, 10, 16);  // pool B, used
    a.free(first[5]);               // A is used again, ahead of B
    CHECK(Probe(a).state_of(first[0]) == PoolState::Used);
    void* p = a.malloc(16);
    CHECK(p == first[5]);  // the next block of the class comes from A
    void* q = a.malloc(16);
    CHECK(Probe(a).pool_of(q) == Probe(a).pool_of(second[0]));  // A full again: back to B
    REQUIRE(a.check());
}

TEST_CASE("a freed block is the next one handed out in its pool (LIFO free list)") {
    Allocator a(P("3.12"));
    auto blocks = fill(a, 20, 64);
    a.free(blocks[3]);
    a.free(blocks[11]);
    CHECK(a.malloc(64) == blocks[11]);
    CHECK(a.malloc(64) == blocks[3]);
    REQUIRE(a.check());
}

TEST_CASE("an empty pool keeps its size class and free list, and is reused first by that class") {
    const Profile& profile = P("3.13");
    Allocator a(profile);
    auto keep = fill(a, 1, 16);  // keeps the arena alive
    auto blocks = fill(a, 7, 80);
    Probe before(a);
    uint32_t pool = before.pool_of(blocks[0]);
    for (void* p : blocks) a.free(p);
    Probe after(a);
    CHECK(PoolState(after.view.pool_state[pool]) == PoolState::Empty);
    CHECK(after.view.pool_szidx[pool] == profile.size_to_index(80));
    // Same class: the pool's own free list serves again, most recently freed block first.
    void* again = a.malloc(80);
    CHECK(again == blocks.back());
    REQUIRE(a.check());
}

TEST_CASE("an empty pool taken by another size class is laid out afresh") {
    Allocator a(P("3.13"));
    auto keep = fill(a, 1, 16);
    void* p = a.malloc(80);
    uint64_t pool_address = a.address_of(p) & ~uint64_t{16383};
    a.free(p);
    void* q = a.malloc(200);  // the empty pool is the only free one carved: it is reused
    CHECK((a.address_of(q) & ~uint64_t{16383}) == pool_address);
    CHECK(a.address_of(q) == pool_address + 48);
    CHECK(a.block_size(q) == 208);
    REQUIRE(a.check());
}

TEST_CASE("an unaligned 3.10+ arena has 63 pools and an aligned one 64") {
    for (const char* name : {"3.10", "3.11", "3.12", "3.13", "3.14"}) {
        Allocator unaligned(P(name));
        Allocator aligned(P(name), AllocatorOptions{.pool_aligned_arenas = true});
        unaligned.free(unaligned.malloc(8));
        aligned.free(aligned.malloc(8));
        HeapView u, al;
        u.refresh(unaligned);
        al.refresh(aligned);
        CHECK(u.arena_pool_count.at(0) == 63);
        CHECK(al.arena_pool_count.at(0) == 64);
        CHECK(unaligned.debug_malloc_stats().find("# bytes lost to arena alignment    =               16,384") != std::string::npos);
        REQUIRE(unaligned.check());
        REQUIRE(aligned.check());
    }
}

TEST_CASE("a 4 KiB-pool arena is always pool-aligned and has 64 pools") {
    for (const char* name : {"2.7", "3.6", "3.8"}) {
        Allocator a(P(name));
        a.malloc(8);  // (freeing it would release the arena: these profiles keep none)
        HeapView v;
        v.refresh(a);
        CHECK(v.arena_pool_count.at(0) == 64);
        CHECK(a.debug_malloc_stats().find("# bytes lost to arena alignment    =                    0") != std::string::npos);
    }
}

TEST_CASE("new pools come from the arena with the fewest free pools") {
    const Profile& profile = P("3.8");  // 64 pools of 4 KiB per arena
    Allocator a(profile);
    const uint32_t per_pool = profile.blocks_per_pool(profile.size_to_index(512));
    // Fill two arenas with one 512-byte pool per... (7 blocks per pool), then empty some pools.
    std::vector<std::vector<void*>> pools;
    for (int i = 0; i < 128; ++i) pools.push_back(fill(a, per_pool, 512));
    Probe full(a);
    REQUIRE(full.view.arena_index.size() == 2);
    size_t arena0 = full.arena_slot_of(pools[0][0]), arena1 = full.arena_slot_of(pools[127][0]);
    REQUIRE(arena0 != arena1);
    // Arena 0 gets 3 free pools, arena 1 gets 1: arena 1 is fuller and must serve next.
    for (int i : {0, 1, 2}) for (void* p : pools[i]) a.free(p);
    for (void* p : pools[127]) a.free(p);
    Probe sorted(a);
    CHECK(sorted.view.arena_usable_rank[arena1] == 0);
    CHECK(sorted.view.arena_usable_rank[arena0] == 1);
    void* p = a.malloc(16);  // a new size class needs a new pool
    CHECK(Probe(a).arena_slot_of(p) == arena1);
    REQUIRE(a.check());
}

TEST_CASE("an arena whose pools are all empty is released, up to 3.8") {
    for (const char* name : {"2.7", "3.6", "3.8"}) {
        Allocator a(P(name));
        auto blocks = fill(a, 100, 32);
        CHECK(a.counters().narenas_currently_allocated == 1);
        for (void* p : blocks) a.free(p);
        CHECK(a.counters().narenas_currently_allocated == 0);
        CHECK(a.footprint() == 0);
        REQUIRE(a.check());
    }
}

TEST_CASE("from 3.9 the last empty arena in usable_arenas is kept, and others are released") {
    const Profile& profile = P("3.10");
    Allocator a(profile);
    const uint32_t per_pool = profile.blocks_per_pool(profile.size_to_index(512));
    std::vector<void*> blocks = fill(a, per_pool * 63 * 2, 512);  // two full arenas
    CHECK(a.counters().narenas_currently_allocated == 2);
    for (void* p : blocks) a.free(p);
    // The first arena to empty is alone on usable_arenas, so it is kept; the second one is
    // then not last and goes.
    CHECK(a.counters().narenas_currently_allocated == 1);
    CHECK(a.counters().ntimes_arena_allocated == 2);
    REQUIRE(a.check());
    // Thrash protection: alloc/free in a loop allocates no new arena.
    for (int i = 0; i < 100; ++i) a.free(a.malloc(8));
    CHECK(a.counters().ntimes_arena_allocated == 2);
}

TEST_CASE("realloc keeps the block when the new size fits and frees less than a quarter") {
    Allocator a(P("3.13"));
    void* p = a.malloc(100);  // 112-byte block
    CHECK(a.realloc(p, 112) == p);
    CHECK(a.realloc(p, 85) == p);   // 4*85 = 340 > 336 = 3*112: stays
    void* q = a.realloc(p, 84);     // 4*84 = 336, not > 336: moves to a smaller block
    CHECK(q != p);
    CHECK(a.block_size(q) == 96);
    REQUIRE(a.check());
}

TEST_CASE("realloc to a larger size moves the block and keeps its bytes") {
    Allocator a(P("3.11"));
    auto* p = static_cast<unsigned char*>(a.malloc(16));
    for (int i = 0; i < 16; ++i) p[i] = static_cast<unsigned char>(i + 1);
    auto* q = static_cast<unsigned char*>(a.realloc(p, 200));
    REQUIRE(q != p);
    for (int i = 0; i < 16; ++i) CHECK(q[i] == i + 1);
    auto* r = static_cast<unsigned char*>(a.realloc(q, 5000));  // into the raw allocator
    CHECK_FALSE(a.owns(r));
    for (int i = 0; i < 16; ++i) CHECK(r[i] == i + 1);
    auto* s = static_cast<unsigned char*>(a.realloc(r, 10));  // a raw block stays raw
    CHECK_FALSE(a.owns(s));
    CHECK(s[9] == 10);
    a.free(s);
    CHECK(a.allocated_blocks() == 0);
    REQUIRE(a.check());
}

TEST_CASE("the same calls give the same addresses") {
    auto run = [](const Profile& profile) {
        Allocator a(profile);
        std::vector<uint64_t> addresses;
        std::vector<void*> live;
        for (int i = 0; i < 3000; ++i) {
            void* p = a.malloc(static_cast<size_t>((i * 37) % 700));
            addresses.push_back(a.address_of(p));
            live.push_back(p);
            if (i % 3 == 0) {
                a.free(live[live.size() / 2]);
                live.erase(live.begin() + static_cast<long>(live.size() / 2));
            }
        }
        for (void* p : live) a.free(p);
        return addresses;
    };
    for (const Profile& profile : all_profiles()) CHECK(run(profile) == run(profile));
}

TEST_CASE("addresses look like a 64-bit Linux CPython's") {
    Allocator a(P("3.13"));
    void* small = a.malloc(32);
    void* medium = a.malloc(4000);
    void* large = a.malloc(1 << 20);
    CHECK((a.address_of(small) >> 40) == 0x7f);   // arenas: the mmap region
    CHECK((a.address_of(medium) >> 40) == 0x55);  // small malloc blocks: the brk heap
    CHECK((a.address_of(large) >> 40) == 0x7f);   // big malloc blocks are mmapped
    CHECK(a.address_of(small) % 16 == 0);
    CHECK(a.address_of(medium) % 16 == 0);
    CHECK(a.pointer_to(a.address_of(small)) == small);
    a.free(small);
    a.free(medium);
    a.free(large);
    REQUIRE(a.check());
}

TEST_CASE("a request past the heap limit fails and leaves the allocator usable") {
    Allocator a(P("3.13"), AllocatorOptions{.heap_limit = 2 << 20});
    CHECK(a.malloc(size_t{10} << 30) == nullptr);
    std::vector<void*> blocks;
    void* p;
    while ((p = a.malloc(512)) != nullptr) blocks.push_back(p);
    CHECK(a.footprint() <= (2u << 20));
    CHECK(blocks.size() > 1000);
    for (void* b : blocks) a.free(b);
    CHECK(a.malloc(512) != nullptr);
    REQUIRE(a.check());
}

TEST_CASE("calloc returns zeroed memory, also for a reused block") {
    Allocator a(P("3.13"));
    auto* p = static_cast<unsigned char*>(a.malloc(40));
    std::fill(p, p + 40, 0xab);
    a.free(p);
    auto* q = static_cast<unsigned char*>(a.calloc(5, 8));
    CHECK(q == p);
    for (int i = 0; i < 40; ++i) CHECK(q[i] == 0);
    CHECK(a.calloc(std::numeric_limits<size_t>::max() / 4, 16) == nullptr);  // overflow
    REQUIRE(a.check());
}

TEST_CASE("check() reports a pool whose count disagrees with its blocks") {
    Allocator a(P("3.13"));
    void* p = a.malloc(24);
    a.malloc(24);
    auto* pool = reinterpret_cast<pool_header*>(reinterpret_cast<uintptr_t>(p) & ~uintptr_t{16383});
    pool->ref.count += 1;
    CheckResult result = a.check();
    CHECK_FALSE(result.ok);
    CHECK(result.problem.find("pool of class 1") != std::string::npos);
    pool->ref.count -= 1;
    CHECK(a.check());
}

TEST_CASE("a raw block grown step by step by realloc keeps its bytes and gets a new address each time") {
    Allocator a(*find_profile("3.11"));
    auto* p = static_cast<unsigned char*>(a.malloc(600));
    for (int i = 0; i < 600; ++i) p[i] = static_cast<unsigned char>(i * 7);
    uint64_t last = a.address_of(p);
    for (size_t n = 700; n <= 200000; n += 997) {
        p = static_cast<unsigned char*>(a.realloc(p, n));
        REQUIRE(p != nullptr);
        CHECK(a.address_of(p) != last);
        last = a.address_of(p);
    }
    bool intact = true;
    for (int i = 0; i < 600; ++i) intact = intact && p[i] == static_cast<unsigned char>(i * 7);
    CHECK(intact);
    CHECK(a.counters().raw_allocated_blocks == 1);
    REQUIRE(a.check());
    a.free(p);
    CHECK(a.footprint() == 0);
}

TEST_CASE("an address inside the first pool-size bytes of a raw block has a modelled address") {
    Allocator a(*find_profile("2.7"));
    auto* p = static_cast<unsigned char*>(a.malloc(992));
    CHECK(a.address_of(p + 24) == a.address_of(p) + 24);
    CHECK(a.address_of(p + 968) == a.address_of(p) + 968);
    a.free(p);
}
