// An object API under test (a contender) and the timed loop that runs a workload through it.
// The loop is a template over a small adapter, so each API's calls are direct calls, the same
// for every contender. model_objects.h adapts the lab's object layer; host_contenders.cpp,
// native only, adapts CPython 3.11's C API.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "workload.h"

namespace pymemlab::bench {

struct Contender {
    std::string name;     // what the JSON lines call it: "model", "cpython"
    std::string version;  // what exactly was measured, for RESULTS.md
    // Runs one workload, every object it creates destroyed again; returns the seconds it took.
    std::function<double(const Workload&)> run;
    // Blocks its heap holds now (sys.getallocatedblocks()). Once the warm-up has filled the
    // free lists, every run must leave this as it found it, or the workload leaked.
    std::function<uint64_t()> blocks;
};

// The contenders only main.cpp's native build has (defined in host_contenders.cpp).
std::vector<Contender> host_contenders();

// What an adapter calls when the API returns no object (MemoryError): nothing would be
// measured, so the benchmark stops.
[[noreturn]] inline void creation_failed(const char* what) {
    std::fprintf(stderr, "could not create %s: out of memory\n", what);
    std::exit(1);
}

// Times `w` creating each object with create(i), i counting from 0, and destroying it with
// api.release(o). An adapter has a type Ref, new_int(i), new_float(i), new_tuple(i),
// new_list(i), new_dict(i), release(o) and window_full(), which the window pattern calls with
// every object of the window alive (the checked adapter looks at the heap there; the timed
// ones do nothing).
template <class Api, class Create>
double time_pattern(Api& api, const Workload& w, Create create) {
    // Allocated and touched before the clock starts, so only the objects are timed.
    std::vector<typename Api::Ref> window(w.window, typename Api::Ref{});
    auto start = std::chrono::steady_clock::now();
    if (w.pattern == Pattern::kImmediate) {
        for (uint64_t i = 0; i < w.objects; ++i) api.release(create(i));
    } else {
        for (uint64_t first = 0; first < w.objects; first += w.window) {
            for (uint32_t k = 0; k < w.window; ++k) window[k] = create(first + k);
            api.window_full();
            for (uint32_t k = 0; k < w.window; ++k) api.release(window[k]);
        }
    }
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    return elapsed.count();
}

// Times `w` through `api`. The switch is outside the loop: each type gets a loop of its own.
template <class Api>
double replay(Api& api, const Workload& w) {
    switch (w.type) {
    case ObjectType::kInt:
        return time_pattern(api, w, [&api](uint64_t i) { return api.new_int(i); });
    case ObjectType::kFloat:
        return time_pattern(api, w, [&api](uint64_t i) { return api.new_float(i); });
    case ObjectType::kTuple:
        return time_pattern(api, w, [&api](uint64_t i) { return api.new_tuple(i); });
    case ObjectType::kList:
        return time_pattern(api, w, [&api](uint64_t i) { return api.new_list(i); });
    case ObjectType::kDict:
        return time_pattern(api, w, [&api](uint64_t i) { return api.new_dict(i); });
    }
    std::fprintf(stderr, "unknown object type in %s\n", w.name.c_str());
    std::exit(1);
}

// The values both APIs give their objects, so each creates exactly the same objects.
// An int of one digit beyond the small-int cache: 1000 + i, wrapped below 2**29.
constexpr int64_t kFirstInt = 1000;
constexpr uint64_t kIntSpan = uint64_t{1} << 29;
static_assert(kFirstInt + kIntSpan < (uint64_t{1} << 30), "every int has one 30-bit digit");
inline int64_t int_value(uint64_t i) { return kFirstInt + static_cast<int64_t>(i % kIntSpan); }
inline double float_value_of(uint64_t i) { return static_cast<double>(i) + 0.5; }
// The items of every tuple and list, and the keys and values of every dict: small ints,
// cached by both APIs.
constexpr int64_t kItemValues[3] = {1, 2, 3};

// Resident objects: each adapter keeps one object of each type alive for the whole run. A
// process always has live objects of these sizes (CPython's interpreter has thousands after
// Py_Initialize), so the pools of their size classes never empty. Without them the model's
// fresh heap would empty its one 32-byte pool at every int of the immediate pattern and take
// it back from the arena's free pools at the next (insert_to_freepool, allocate_from_new_pool:
// a third of the time), work CPython's fuller heap never does.

}  // namespace pymemlab::bench
