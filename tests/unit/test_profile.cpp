// The profile table: every profile users can name, and the facts each fixes.
#include <catch2/catch.hpp>

#include "profile/profile.h"

using namespace pymemlab;

TEST_CASE("the profiles are 2.7, 3.6, 3.8, 3.10 to 3.14, and the default is 3.13") {
    std::vector<std::string> names;
    for (const Profile& p : all_profiles()) names.emplace_back(p.name);
    CHECK(names == std::vector<std::string>{"2.7", "3.6", "3.8", "3.10", "3.11", "3.12", "3.13", "3.14"});
    CHECK(default_profile().name == "3.13");
    CHECK(find_profile("3.9") == nullptr);
    CHECK(find_profile("3.12")->minor == 12);
}

TEST_CASE("3.10 and later use 1 MiB arenas of 16 KiB pools, earlier ones 256 KiB of 4 KiB") {
    for (const Profile& p : all_profiles()) {
        INFO(p.name);
        bool large = p.at_least(3, 10);
        CHECK(p.arena_size == (large ? 1u << 20 : 256u << 10));
        CHECK(p.pool_size == (large ? 16u << 10 : 4u << 10));
        CHECK(p.has_arena_map == large);
        CHECK(p.keeps_last_empty_arena == p.at_least(3, 9));
        CHECK(p.pool_overhead == 48);
    }
}

TEST_CASE("only upstream 3.6 aligns to 8 bytes and every profile has a 512-byte threshold") {
    for (const Profile& p : all_profiles()) {
        INFO(p.name);
        CHECK(p.alignment == (p.name == "3.6" ? 8u : 16u));
        CHECK(p.small_request_threshold == 512);
        CHECK(p.index_to_size(p.size_to_index(p.small_request_threshold)) == 512);
    }
}
