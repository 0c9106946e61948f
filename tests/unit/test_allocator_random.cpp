// Randomized: long random malloc/calloc/realloc/free sequences under every profile, with
// check() after every operation and the blocks' contents verified before each free.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <random>
#include <vector>

#include "alloc/allocator.h"

using namespace pymemlab;

namespace {

struct Live {
    unsigned char* p;
    size_t size;
    unsigned char tag;
};

bool intact(const Live& b) {
    for (size_t i = 0; i < b.size; ++i)
        if (b.p[i] != b.tag) return false;
    return true;
}

// Runs `ops` random operations; sizes mostly small, some above the threshold and some 0.
void churn(const Profile& profile, uint32_t seed, int ops, int check_every) {
    Allocator a(profile);
    std::mt19937 rng(seed);
    std::vector<Live> live;
    auto size = [&] {
        uint32_t r = rng() % 100;
        if (r < 2) return size_t{0};
        if (r < 8) return size_t{profile.small_request_threshold + rng() % 3000};
        return size_t{1 + rng() % profile.small_request_threshold};
    };
    for (int i = 0; i < ops; ++i) {
        uint32_t what = rng() % 100;
        // Grow the live set early on, then hover around a window.
        bool grow = live.size() < 64 || (live.size() < 3000 && what < 55);
        if (grow) {
            size_t n = size();
            bool zeroed = what % 7 == 0;
            auto* p = static_cast<unsigned char*>(zeroed ? a.calloc(1, n) : a.malloc(n));
            REQUIRE(p != nullptr);
            if (zeroed) REQUIRE(std::all_of(p, p + n, [](unsigned char c) { return c == 0; }));
            unsigned char tag = static_cast<unsigned char>(rng());
            std::memset(p, tag, n);
            live.push_back({p, n, tag});
        } else if (what < 80) {
            size_t k = rng() % live.size();
            REQUIRE(intact(live[k]));
            a.free(live[k].p);
            live[k] = live.back();
            live.pop_back();
        } else {
            size_t k = rng() % live.size();
            REQUIRE(intact(live[k]));
            size_t n = size();
            auto* p = static_cast<unsigned char*>(a.realloc(live[k].p, n));
            REQUIRE(p != nullptr);
            REQUIRE(intact({p, std::min(n, live[k].size), live[k].tag}));
            std::memset(p, live[k].tag, n);
            live[k].p = p;
            live[k].size = n;
        }
        if (i % check_every == 0) {
            CheckResult result = a.check();
            INFO("operation " << i << ": " << result.problem);
            REQUIRE(result.ok);
        }
    }
    REQUIRE(a.allocated_blocks() == live.size());
    for (const Live& b : live) {
        REQUIRE(intact(b));
        a.free(b.p);
    }
    REQUIRE(a.check());
    REQUIRE(a.allocated_blocks() == 0);
}

}  // namespace

TEST_CASE("random malloc/realloc/free sequences keep every invariant after every operation") {
    for (const Profile& profile : all_profiles()) {
        SECTION(std::string(profile.name)) { churn(profile, 1234 + profile.minor, 4000, 1); }
    }
}

TEST_CASE("long random sequences keep every invariant") {
    for (const Profile& profile : all_profiles()) {
        SECTION(std::string(profile.name)) { churn(profile, 99 + profile.minor, 200000, 997); }
    }
}
