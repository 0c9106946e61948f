// Helpers for tests that compare the model with figures measured on the pyenv builds.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

namespace pymemlab {

// pyenv's 3.6.15 carries the bpo-27987 backport: its PyGC_Head is 32 bytes (getsizeof([]) is
// 72), where upstream 3.6, which the lab's 3.6 profile models, has 24. Every figure of a GC
// object measured on it is this much above the profile's.
constexpr int64_t kPyenv36GcExtra = 8;

// A measured sequence written as runs: {{56, 1}, {88, 4}} is 56 once, then 88 four times;
// `minus` is taken off every value.
inline std::vector<int64_t> runs(std::initializer_list<std::pair<int64_t, int>> values, int64_t minus = 0) {
    std::vector<int64_t> out;
    for (auto [value, count] : values) out.insert(out.end(), count, value - minus);
    return out;
}

}  // namespace pymemlab
