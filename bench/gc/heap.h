// The cycle-collector benchmark's heap and contenders. The heap is built by one template over a
// small adapter, so the lab (model_heap.cpp) and CPython 3.11 (host_contenders.cpp, native only)
// build exactly the same objects in the same order; main.cpp times a full collection of it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace pymemlab::bench {

// The heap of `objects` container objects (a multiple of kUnitObjects), built unit by unit:
//   root.append(outer); outer = [inner]; inner = [int]   -- two lists reachable from root
//   a = []; b = [a]; a.append(b); del a, b               -- a 2-cycle, unreachable
// Half the containers are reachable (plus the root list itself), half are garbage, and the two
// halves are interleaved in allocation order, so the collector walks garbage spread through the
// whole heap and frees blocks all over its pools. The ints (one digit, beyond the small-int
// cache) are not containers: the collector visits them through the inner lists and skips them.
constexpr uint64_t kUnitObjects = 4;
constexpr uint64_t kReachablePerUnit = 2;
constexpr uint64_t kGarbagePerUnit = 2;
static_assert(kReachablePerUnit + kGarbagePerUnit == kUnitObjects, "half of each unit is garbage");
constexpr int64_t kFirstInt = 1000;

// Builds the heap through `api` (an adapter with a type Ref, new_list(), new_int(value),
// append(list, item), which takes its own reference, and release(o)); returns the root list,
// a new reference.
template <class Api>
typename Api::Ref build_heap(Api& api, uint64_t objects) {
    typename Api::Ref root = api.new_list();
    for (uint64_t unit = 0; unit < objects / kUnitObjects; ++unit) {
        typename Api::Ref outer = api.new_list();
        typename Api::Ref inner = api.new_list();
        typename Api::Ref value = api.new_int(kFirstInt + static_cast<int64_t>(unit));
        api.append(inner, value);
        api.append(outer, inner);
        api.append(root, outer);
        api.release(value);
        api.release(inner);
        api.release(outer);

        typename Api::Ref a = api.new_list();
        typename Api::Ref b = api.new_list();
        api.append(b, a);
        api.append(a, b);
        api.release(a);
        api.release(b);
    }
    return root;
}

// One timed collection.
struct Measurement {
    double seconds = 0;         // the full collection alone, wall-clock time
    double cpu_seconds = -1;    // the same in CPU time (cpu_seconds_now; -1: no such clock)
    int64_t collected = 0;      // what it returned: unreachable objects found
    int64_t other_tracked = 0;  // containers tracked before the heap was built (the runtime's own)
};

// CPU time used so far, in seconds: natively the calling thread's (CLOCK_THREAD_CPUTIME_ID), in
// WebAssembly the Node process's (process.cpuUsage()); -1 where there is no such clock.
double cpu_seconds_now();

// Times one stretch of code by the wall clock and by CPU time, which a machine busy with other
// work inflates far less.
class Stopwatch {
public:
    Stopwatch() : wall_(std::chrono::steady_clock::now()), cpu_(cpu_seconds_now()) {}
    double wall_seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_).count();
    }
    double cpu_seconds() const { return cpu_ < 0 ? -1 : cpu_seconds_now() - cpu_; }

private:
    std::chrono::steady_clock::time_point wall_;
    double cpu_;
};

struct Contender {
    std::string name;     // what the JSON lines call it: "model", "cpython"
    std::string version;  // what exactly was measured, for RESULTS.md
    // Builds a fresh heap of `objects` containers, times one full collection of it, destroys it.
    std::function<Measurement(uint64_t objects)> run;
};

// The contenders only the native build has (host_contenders.cpp).
std::vector<Contender> host_contenders();

// The lab's collector (model_heap.cpp), profile `profile`.
Contender model_contender(const char* profile);

// The lab's collection of a fresh heap run phase by phase (gc::Collection::step), untimed
// otherwise: seconds per phase, named by collector.h's phase_name, in order.
struct PhaseTime {
    std::string phase;
    double seconds;      // wall clock
    double cpu_seconds;  // CPU time (cpu_seconds_now), -1 without such a clock
};
struct PhaseTimes {
    std::vector<PhaseTime> phases;
    int64_t collected = 0;
};
PhaseTimes model_phase_times(const char* profile, uint64_t objects);

// The untimed correctness run: a small heap in a runtime that tracks its objects; check_heap
// before and after the collection, and exactly the garbage gone. Exits with a message on a
// problem; returns how many times check_heap ran.
unsigned model_checked_run(const char* profile, uint64_t objects);

}  // namespace pymemlab::bench
