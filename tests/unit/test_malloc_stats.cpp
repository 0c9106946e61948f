// The sys._debugmallocstats() report: CPython's layout, and figures that add up.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>
#include <vector>

#include "alloc/allocator.h"
#include "alloc/heap_view.h"

using namespace pymemlab;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

uint64_t value_of(const std::vector<std::string>& lines, const std::string& label) {
    for (const std::string& line : lines) {
        if (line.rfind(label, 0) != 0) continue;
        std::string digits;
        for (char c : line.substr(36))
            if (c >= '0' && c <= '9') digits += c;
        return std::stoull(digits);
    }
    FAIL("no line " << label);
    return 0;
}

}  // namespace

TEST_CASE("the report opens with the threshold and the number of size classes") {
    CHECK(lines_of(Allocator(*find_profile("3.13")).debug_malloc_stats())[0] ==
          "Small block threshold = 512, in 32 size classes.");
    CHECK(lines_of(Allocator(*find_profile("3.6")).debug_malloc_stats())[0] ==
          "Small block threshold = 512, in 64 size classes.");
}

TEST_CASE("every '=' line has CPython's 35-column label and 21-column value") {
    Allocator a(*find_profile("3.11"));
    std::vector<void*> keep;
    for (int i = 0; i < 50000; ++i) keep.push_back(a.malloc(static_cast<size_t>(1 + i % 512)));
    std::regex printone(R"(^.{35}=[ 0-9,]{21}$)");
    int matched = 0;
    for (const std::string& line : lines_of(a.debug_malloc_stats())) {
        if (line.find('=') == std::string::npos || line.rfind("Small", 0) == 0) continue;
        INFO(line);
        CHECK(std::regex_match(line, printone));
        ++matched;
    }
    CHECK(matched == 18);  // 5 arena lines, 6 byte lines + Total, 5 arena-map lines + Total
    CHECK(lines_of(a.debug_malloc_stats()).back().find("655,360") != std::string::npos);
}

TEST_CASE("the byte lines add up to the arenas' total, as CPython asserts") {
    for (const Profile& profile : all_profiles()) {
        Allocator a(profile);
        std::vector<void*> blocks;
        for (int i = 0; i < 20000; ++i) blocks.push_back(a.malloc(static_cast<size_t>(1 + (i * 7919) % 512)));
        for (size_t i = 0; i < blocks.size(); i += 3) a.free(blocks[i]);
        auto lines = lines_of(a.debug_malloc_stats());
        uint64_t narenas = value_of(lines, "# arenas allocated current");
        CHECK(value_of(lines, "Total") == narenas * profile.arena_size);
        CHECK(value_of(lines, "# bytes lost to pool headers") % profile.pool_overhead == 0);
    }
}

TEST_CASE("the per-class rows agree with the heap view") {
    Allocator a(*find_profile("3.12"));
    std::vector<void*> blocks;
    for (int i = 0; i < 3000; ++i) blocks.push_back(a.malloc(i % 2 ? 24 : 200));
    HeapView v;
    v.refresh(a);
    char row[80];
    std::snprintf(row, sizeof row, "%5u %6u %11u %15llu %13llu", 1u, 32u, v.class_pools[1],
                  static_cast<unsigned long long>(v.class_blocks_in_use[1]),
                  static_cast<unsigned long long>(v.class_avail_blocks[1]));
    CHECK(v.class_blocks_in_use[1] == 1500);
    CHECK(v.class_blocks_in_use[12] == 1500);
    CHECK(a.debug_malloc_stats().find(row) != std::string::npos);
}

TEST_CASE("arenas allocated, reclaimed and the highwater mark are counted as CPython does") {
    Allocator a(*find_profile("3.8"));
    std::vector<void*> blocks;
    for (int i = 0; i < 64 * 7 * 3; ++i) blocks.push_back(a.malloc(512));  // three arenas
    for (void* p : blocks) a.free(p);
    blocks.clear();
    blocks.push_back(a.malloc(512));
    auto lines = lines_of(a.debug_malloc_stats());
    CHECK(value_of(lines, "# arenas allocated total") == 4);
    CHECK(value_of(lines, "# arenas reclaimed") == 3);
    CHECK(value_of(lines, "# arenas highwater mark") == 3);
    CHECK(value_of(lines, "# arenas allocated current") == 1);
}
