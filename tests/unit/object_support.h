// Helpers shared by the object tests: the pyenv-3.6 difference, measured runs, int values.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

#include "object/long_object.h"
#include "object/runtime.h"

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

// The values of a list of ints (as the tests build them: small enough for 64 bits).
inline std::vector<int64_t> values_of(const Runtime& rt, const std::vector<PyObject*>& objs) {
    std::vector<int64_t> out;
    bool overflow = false;
    for (PyObject* o : objs) out.push_back(long_as_int64(rt, o, &overflow));
    return out;
}

}  // namespace pymemlab
