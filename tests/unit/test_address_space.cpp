// The modelled address space: top-down mappings with hole reuse, a brk heap with per-size reuse.
#include <catch2/catch.hpp>

#include "alloc/address_space.h"

using namespace pymemlab;

TEST_CASE("mappings grow down from the top, page-aligned") {
    AddressSpace s(0x7f0000100000, 0x550000000000);
    uint64_t a = s.map(1 << 20), b = s.map(5000);
    CHECK(a == 0x7f0000100000 - (1 << 20));
    CHECK(b == a - 8192);
    CHECK(s.mapped_bytes() == (1 << 20) + 8192);
}

TEST_CASE("an unmapped range is reused by the next mapping that fits, highest first") {
    AddressSpace s(0x7f0000100000, 0x550000000000);
    uint64_t a = s.map(4096), b = s.map(4096), c = s.map(4096);
    s.unmap(b, 4096);
    CHECK(s.map(4096) == b);
    s.unmap(a, 4096);
    s.unmap(b, 4096);  // a and b merge into one 8 KiB hole
    CHECK(s.map(8192) == b);
    s.unmap(c, 4096);  // the lowest mapping goes: the region shrinks
    CHECK(s.map(4096) == c);
}

TEST_CASE("malloc blocks below the mmap threshold come from the heap, reused LIFO per chunk size") {
    AddressSpace s(0x7f0000100000, 0x550000000000);
    uint64_t a = s.malloc(1000), b = s.malloc(1000), c = s.malloc(20);
    CHECK(a == 0x550000000000 + 16);
    CHECK(b == a + AddressSpace::reserved_for(1000));
    CHECK(AddressSpace::reserved_for(20) == 32);
    s.free(a, 1000);
    s.free(b, 1000);
    CHECK(s.malloc(1000) == b);
    CHECK(s.malloc(1000) == a);
    CHECK(c % 16 == 0);
}

TEST_CASE("malloc blocks at the mmap threshold and above are mapped") {
    AddressSpace s(0x7f0000100000, 0x550000000000);
    uint64_t big = s.malloc(AddressSpace::kMmapThreshold);
    CHECK(big >> 40 == 0x7f);
    CHECK(big % 4096 == 16);
    s.free(big, AddressSpace::kMmapThreshold);
    CHECK(s.mapped_bytes() == 0);
}
