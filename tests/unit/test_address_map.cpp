// AddressMap (core/trace/address_map.h): lookups, address order, and copies that share pages
// until one side writes.
#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <random>
#include <vector>

#include "trace/address_map.h"

using pymemlab::trace::AddressMap;

namespace {

// Entries in the order for_each gives them.
template <class V>
std::vector<std::pair<uint64_t, V>> entries(const AddressMap<V>& m) {
    std::vector<std::pair<uint64_t, V>> out;
    m.for_each([&](uint64_t k, const V& v) { out.emplace_back(k, v); });
    return out;
}

}  // namespace

TEST_CASE("an AddressMap agrees with std::map through random inserts and erases, in address order", "[trace]") {
    for (unsigned granule : {3u, 4u}) {
        AddressMap<uint64_t> m(granule);
        std::map<uint64_t, uint64_t> model;
        std::mt19937_64 random(granule);
        // Keys cluster in a few regions, as arenas and the data segment do, and some lie far apart.
        const uint64_t regions[] = {0x55d03c8a4000, 0x7f0000000000, 0x7f0000100000, 0x1000};
        for (int i = 0; i < 200000; ++i) {
            const uint64_t key = regions[random() % 4] + ((random() % 100000) << granule);
            if (random() % 3 == 0) {
                CHECK(m.erase(key) == (model.erase(key) == 1));
            } else {
                m[key] = i;
                model[key] = static_cast<uint64_t>(i);
            }
        }
        REQUIRE(m.size() == model.size());
        const auto got = entries(m);
        REQUIRE(got == std::vector<std::pair<uint64_t, uint64_t>>(model.begin(), model.end()));
        for (const auto& [k, v] : model) {
            REQUIRE(m.find(k) != nullptr);
            CHECK(*m.find(k) == v);
            const uint64_t next = k + (uint64_t{1} << granule);
            CHECK((m.find(next) != nullptr) == (model.count(next) == 1));
        }
        CHECK(m.find(0x9999999990) == nullptr);
    }
}

TEST_CASE("a copy of an AddressMap shares its pages until one side writes, and then neither sees the other", "[trace]") {
    AddressMap<int32_t> a(4);
    for (uint64_t k = 0; k < 10000; ++k) a[0x7f0000000000 + k * 16] = static_cast<int32_t>(k);
    a.take_cloned_bytes();
    AddressMap<int32_t> b = a;
    // b's pages are a's.
    std::vector<std::pair<const void*, size_t>> pages_a, pages_b;
    a.table_bytes(pages_a);
    b.table_bytes(pages_b);
    CHECK(pages_a.size() == 5);  // 10,000 keys 16 bytes apart, 2,048 a page
    CHECK(pages_a == pages_b);
    CHECK(b == a);

    b[0x7f0000000000] = -1;         // one page cloned, in b
    CHECK(b.take_cloned_bytes() > 0);
    CHECK(a.take_cloned_bytes() == 0);
    CHECK(*a.find(0x7f0000000000) == 0);
    CHECK(*b.find(0x7f0000000000) == -1);
    // b's clone left the first page to a alone: a writes it in place.
    a[0x7f0000000000 + 16] = 7;
    CHECK(a.take_cloned_bytes() == 0);
    CHECK(*b.find(0x7f0000000000 + 16) == 1);
    const uint64_t far = 0x7f0000000000 + 5000 * 16;  // on a page both still share
    a.erase(far);
    CHECK(a.take_cloned_bytes() > 0);
    CHECK(b.find(far) != nullptr);
    CHECK(a.find(far) == nullptr);
    CHECK(a.size() == 9999);
    CHECK(b.size() == 10000);
    CHECK_FALSE(a == b);

    // Writing again to a page the map already owns clones nothing.
    b[0x7f0000000000 + 32] = 5;
    CHECK(b.take_cloned_bytes() == 0);

    // A move takes the pages, and the map left behind starts empty.
    AddressMap<int32_t> c = std::move(b);
    CHECK(c.size() == 10000);
    CHECK(*c.find(0x7f0000000000 + 32) == 5);
    c[0x7f0000000000 + 32] = 6;
    CHECK(c.take_cloned_bytes() == 0);
    CHECK(b.empty());  // NOLINT(bugprone-use-after-move): what a moved-from map holds is specified
    b[0x7f0000000000 + 32] = 1;
    CHECK(*c.find(0x7f0000000000 + 32) == 6);
    CHECK(*b.find(0x7f0000000000 + 32) == 1);
}
