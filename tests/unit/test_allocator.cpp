// The pymalloc model: size classes, pool states and their transitions, usable_arenas order,
// arena release, realloc, the raw allocator, and addresses. Every test ends with check().
#include <catch2/catch.hpp>

#include <vector>

#include "alloc/allocator.h"
#include "alloc/heap_view.h"

using namespace pymemlab;

namespace {

const Profile& P(const char* name) { return *find_profile(name); }

// The pool slot (index into HeapView's pool arrays) holding the modelled address.
uint32_t pool_of(const HeapView& v, uint64_t address) {
    for (uint32_t i = 0; i < v.pool_address.size(); ++i)
        if (address - static_cast<uint64_t>(v.pool_address[i]) < 16384) return i;
    return UINT32_MAX;
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
