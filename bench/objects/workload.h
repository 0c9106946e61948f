// The object benchmark's workloads: which object type to create and destroy, how many, and in
// which pattern. Shared by the native and WebAssembly builds; contender.h holds the timed loop
// that runs a workload through an object API, main.cpp times it and prints JSON lines.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pymemlab::bench {

// The object types, each created the way C code creates it (see contender.h for the calls).
enum class ObjectType : uint8_t {
    kInt,    // an int of one 30-bit digit, beyond the small-int cache
    kFloat,  // a float
    kTuple,  // a 3-tuple of small ints
    kList,   // a list of 3 small ints, appended one by one to an empty list
    kDict,   // a dict of 3 small-int keys, inserted one by one into an empty dict
};

// How objects live and die.
enum class Pattern : uint8_t {
    // Each object is destroyed as soon as it is created: the types with a free list reuse one
    // object over and over, int (which has none) reuses one pymalloc block.
    kImmediate,
    // `window` objects are created, then all destroyed oldest first, again and again: a free
    // list keeps at most 80 to 2,000 of them, the rest go through the allocator.
    kWindow,
};

struct Workload {
    std::string name;         // what RESULTS.md calls it: "int/immediate", "tuple/window"
    std::string description;  // one sentence for RESULTS.md
    ObjectType type;
    Pattern pattern;
    uint64_t objects = 0;  // created (and destroyed) per replay; a multiple of window
    uint32_t window = 1;   // objects live at once at the peak: 1 for kImmediate
};

struct WorkloadOptions {
    uint64_t objects = 10'000'000;  // per workload and replay (dicts: a fifth, see workload.cpp)
    uint32_t window = 100'000;      // live at once in the window workloads
};

// Every workload, in RESULTS.md order: for each object type, immediate then window.
std::vector<Workload> make_workloads(const WorkloadOptions& options);

// The same workload with about `objects` objects (whole windows, at least one): for the
// warm-up and the checked replay.
Workload shortened(const Workload& w, uint64_t objects);

}  // namespace pymemlab::bench
