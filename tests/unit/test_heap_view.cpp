// HeapView: the flat arrays the UI reads, against the allocator's own figures.
#include <catch2/catch.hpp>

#include <numeric>
#include <vector>

#include "alloc/allocator.h"
#include "alloc/heap_view.h"

using namespace pymemlab;

TEST_CASE("the heap view lists each live arena with all its pool slots") {
    Allocator a(*find_profile("3.13"));
    std::vector<void*> blocks;
    for (int i = 0; i < 40000; ++i) blocks.push_back(a.malloc(256));  // 2+ arenas of 256-byte pools
    HeapView v;
    v.refresh(a);
    REQUIRE(v.arena_index.size() == a.counters().narenas_currently_allocated);
    REQUIRE(v.arena_index.size() >= 2);
    uint32_t slots = std::accumulate(v.arena_pool_count.begin(), v.arena_pool_count.end(), 0u);
    CHECK(v.pool_state.size() == slots);
    CHECK(v.pool_address.size() == slots);
    for (size_t i = 0; i < v.arena_index.size(); ++i) {
        // Pool slots start at the first pool boundary of the arena.
        uint64_t first = static_cast<uint64_t>(v.pool_address[v.arena_first_pool[i]]);
        CHECK(first % 16384 == 0);
        CHECK(first - static_cast<uint64_t>(v.arena_address[i]) < 16384);
    }
}

TEST_CASE("pool states, counts and capacities match what was allocated") {
    const Profile& profile = *find_profile("3.11");
    Allocator a(profile);
    const uint32_t per_pool = profile.blocks_per_pool(profile.size_to_index(100));
    std::vector<void*> blocks;
    for (uint32_t i = 0; i < per_pool + 5; ++i) blocks.push_back(a.malloc(100));
    void* lone = a.malloc(40);
    a.free(lone);
    HeapView v;
    v.refresh(a);
    int full = 0, used = 0, empty = 0, untouched = 0;
    for (size_t i = 0; i < v.pool_state.size(); ++i) {
        switch (PoolState(v.pool_state[i])) {
            case PoolState::Full: ++full; CHECK(v.pool_used[i] == per_pool); break;
            case PoolState::Used: ++used; CHECK(v.pool_used[i] == 5); break;
            case PoolState::Empty: ++empty; CHECK(v.pool_used[i] == 0); break;
            case PoolState::Untouched: ++untouched; break;
        }
    }
    CHECK(full == 1);
    CHECK(used == 1);
    CHECK(empty == 1);
    CHECK(untouched == 63 - 3);
    CHECK(v.class_blocks_in_use[profile.size_to_index(100)] == per_pool + 5);
    CHECK(v.class_avail_blocks[profile.size_to_index(100)] == per_pool - 5);
}

TEST_CASE("block states of a pool show allocated, freed and never-used blocks") {
    Allocator a(*find_profile("3.13"));
    std::vector<void*> blocks;
    for (int i = 0; i < 6; ++i) blocks.push_back(a.malloc(500));
    a.free(blocks[1]);
    a.free(blocks[4]);
    HeapView v;
    v.refresh(a);
    uint32_t pool = 0;
    while (PoolState(v.pool_state[pool]) != PoolState::Used) ++pool;
    std::vector<uint8_t> states;
    v.pool_blocks(a, pool, states);
    REQUIRE(states.size() == (16384 - 48) / 512);
    CHECK(states[0] == 1);
    CHECK(states[1] == 0);
    CHECK(states[2] == 1);
    CHECK(states[3] == 1);
    CHECK(states[4] == 0);
    CHECK(states[5] == 1);
    CHECK(std::accumulate(states.begin(), states.end(), 0) == 4);
}

TEST_CASE("raw blocks are listed newest first with their request sizes") {
    Allocator a(*find_profile("3.13"));
    void* x = a.malloc(1000);
    void* y = a.malloc(200000);
    HeapView v;
    v.refresh(a);
    REQUIRE(v.raw_address.size() == 2);
    CHECK(v.raw_size[0] == 200000);
    CHECK(static_cast<uint64_t>(v.raw_address[0]) == a.address_of(y));
    CHECK(static_cast<uint64_t>(v.raw_address[1]) == a.address_of(x));
}
