// GCState: the cycle collector's state for one runtime (CPython's struct _gc_runtime_state):
// the generations' list heads, counts and thresholds, the permanent generation of gc.freeze(),
// statistics, debug flags, and gc.garbage / gc.callbacks. The algorithm is collector.h; when it
// runs is collect.h; the `gc` module over it is core/interp/gcmodule.cpp.
#pragma once

#include <cstdint>

#include "object/gc_head.h"
#include "object/object.h"

namespace pymemlab {

// gc.DEBUG_* (Modules/gcmodule.c). 2.7 also has INSTANCES and OBJECTS, and its DEBUG_LEAK
// includes them.
constexpr int kDebugStats = 1;
constexpr int kDebugCollectable = 2;
constexpr int kDebugUncollectable = 4;
constexpr int kDebugInstances = 8;  // 2.7
constexpr int kDebugObjects = 16;   // 2.7
constexpr int kDebugSaveAll = 32;
constexpr int kDebugLeak = kDebugCollectable | kDebugUncollectable | kDebugSaveAll;
constexpr int kDebugLeak27 = kDebugLeak | kDebugInstances | kDebugObjects;
static_assert(kDebugLeak == 38 && kDebugLeak27 == 62);

// One generation's entry of gc.get_stats() (3.4+).
struct GCGenerationStats {
    int64_t collections = 0;
    int64_t collected = 0;
    int64_t uncollectable = 0;
};

// 3.14's incremental collector (InternalDocs/garbage_collector.md of 3.14): the scavenge of the
// old generation starts by marking what the roots reach, then collects increments.
enum class GCPhase : uint8_t { kMark, kCollect };

struct GCState {
    static constexpr int kGenerations = 3;
    // Invariant: each head is the sentinel of a ring of tracked objects' PyGC_Heads; an object
    // is in exactly one of them (or in a collection's private lists while one runs).
    // 3.14 (incremental): generations[0] is `young`, generations[1 + s] is old space s; gc.*
    // functions number them as GEN_HEAD does: 1 = the visited space, 2 = the pending one.
    PyGC_Head generations[kGenerations];
    PyGC_Head permanent;  // gc.freeze() (3.7+): never collected
    // count[0]: GC allocations minus GC deallocations since generation 0's last collection;
    // count[g > 0]: collections of generation g - 1 since generation g's last collection.
    // 3.14: count[0] is young.count (objects tracked minus untracked), count[1 + s] old[s].count.
    int64_t count[kGenerations] = {0, 0, 0};
    int threshold[kGenerations] = {700, 10, 10};
    bool enabled = true;
    bool collecting = false;  // a collection is running: no other one starts
    bool scheduled = false;   // 3.12+: a collection is due at the next eval-breaker check
    int debug = 0;
    // The full-collection rule (issue #4074): a generation-2 collection needs
    // long_lived_pending > long_lived_total / 4.
    int64_t long_lived_total = 0;
    int64_t long_lived_pending = 0;
    // 3.14: which old space the current scavenge has visited (objects' kNextMaskOldSpace bit
    // says theirs; young objects are in the other one), the tracked objects (heap_size), the
    // objects the next increments owe (work_to_do), and the scavenge's phase.
    int visited_space = 0;
    int64_t heap_size = 0;
    int64_t work_to_do = 0;
    GCPhase phase = GCPhase::kMark;
    GCGenerationStats stats[kGenerations];
    PyObject* garbage = nullptr;    // gc.garbage: a list, made on first need; strong reference
    PyObject* callbacks = nullptr;  // gc.callbacks: a list made by the gc module; strong reference
};

}  // namespace pymemlab
