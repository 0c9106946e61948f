// The lab's side of the cycle-collector benchmark: heap.h's heap built in a fresh
// pymemlab::Runtime, then gc_collect(rt, 2) (core/gc/collect.h) timed; the same collection phase
// by phase through gc::Collection (core/gc/collector.h); the checked run; and the CPU clock.
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>

#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
#endif

#include "gc/collect.h"
#include "gc/collector.h"
#include "gc/gc_list.h"
#include "heap.h"
#include "object/heap_check.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "profile/profile.h"

#if defined(__EMSCRIPTEN__)
// The benchmark runs under Node only (-sENVIRONMENT=node): user and system time of the process.
EM_JS(double, pymemlab_bench_process_cpu_seconds, (), {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
});
#endif

namespace pymemlab::bench {

double cpu_seconds_now() {
#if defined(__EMSCRIPTEN__)
    return pymemlab_bench_process_cpu_seconds();
#else
    timespec t{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0) return -1;
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
#endif
}

namespace {

[[noreturn]] void fail(const std::string& problem) {
    std::fprintf(stderr, "gc: the model %s\n", problem.c_str());
    std::exit(1);
}

// heap.h's adapter over the lab's object layer: PyList_New(0), PyLong_FromLong, PyList_Append
// and Py_DECREF, as host_contenders.cpp calls them in CPython.
struct ModelHeap {
    using Ref = PyObject*;
    Runtime& rt;

    Ref new_list() { return made(list_new(rt, 0), "a list"); }
    Ref new_int(int64_t value) { return made(long_from_int64(rt, value), "an int"); }
    void append(Ref list, Ref item) {
        if (!list_append(rt, list, item)) fail("ran out of memory appending to a list");
    }
    void release(Ref o) { rt.decref(o); }

private:
    static Ref made(Ref o, const char* what) {
        if (o == nullptr) fail(std::string("could not create ") + what + ": out of memory");
        return o;
    }
};

int64_t tracked_containers(Runtime& rt) {
    int64_t n = 0;
    for (int g = 0; g < GCState::kGenerations; ++g) n += gc::gc_list_size(rt.generation(g));
    return n;
}

// A runtime ready for a heap: whatever its start left as garbage collected, automatic
// collections off (the heap is built with them off, as in the CPython contender).
std::unique_ptr<Runtime> prepared_runtime(const char* profile, bool track_objects) {
    RuntimeOptions options;
    options.track_objects = track_objects;
    auto rt = std::make_unique<Runtime>(*find_profile(profile), options);
    gc_collect(*rt, 2);
    rt->gc_state().enabled = false;
    return rt;
}

void expect_collected(int64_t collected, uint64_t objects) {
    const int64_t expected = static_cast<int64_t>(objects / kUnitObjects * kGarbagePerUnit);
    if (collected != expected)
        fail("collected " + std::to_string(collected) + " objects of a heap of " + std::to_string(objects) +
             " containers; the heap holds " + std::to_string(expected) + " unreachable ones");
}

// After the collection the reachable half and the root are tracked, in the oldest generation.
void expect_survivors(Runtime& rt, int64_t other_tracked, uint64_t objects) {
    const int64_t expected = other_tracked + static_cast<int64_t>(objects / kUnitObjects * kReachablePerUnit) + 1;
    const int64_t oldest = gc::gc_list_size(rt.generation(GCState::kGenerations - 1));
    if (tracked_containers(rt) != expected || oldest != expected)
        fail("left " + std::to_string(tracked_containers(rt)) + " containers tracked (" + std::to_string(oldest) +
             " in the oldest generation) after collecting; expected " + std::to_string(expected));
}

Measurement run_model(const char* profile, uint64_t objects) {
    std::unique_ptr<Runtime> rt = prepared_runtime(profile, false);
    ModelHeap api{*rt};
    Measurement m;
    m.other_tracked = tracked_containers(*rt);
    PyObject* root = build_heap(api, objects);
    const Stopwatch watch;
    m.collected = gc_collect(*rt, 2);
    m.seconds = watch.wall_seconds();
    m.cpu_seconds = watch.cpu_seconds();
    expect_collected(m.collected, objects);
    expect_survivors(*rt, m.other_tracked, objects);
    rt->decref(root);
    return m;
}

// check_heap, counted in `checks`.
void check(const Runtime& rt, const char* when, unsigned& checks) {
    ++checks;
    if (CheckResult r = check_heap(rt); !r) fail(std::string("has a broken heap ") + when + ": " + r.problem);
}

}  // namespace

Contender model_contender(const char* profile) {
    return {"model", std::string("pymemlab gc_collect(rt, 2) (core/gc), profile ") + profile,
            [profile](uint64_t objects) { return run_model(profile, objects); }};
}

PhaseTimes model_phase_times(const char* profile, uint64_t objects) {
    std::unique_ptr<Runtime> rt = prepared_runtime(profile, false);
    ModelHeap api{*rt};
    PyObject* root = build_heap(api, objects);
    PhaseTimes out;
    {
        gc::Collection c(*rt, 2);
        for (bool more = true; more;) {
            const Stopwatch watch;
            more = c.step();
            out.phases.push_back({gc::phase_name(c.phase()), watch.wall_seconds(), watch.cpu_seconds()});
        }
        out.collected = c.collected() + c.uncollectable();
    }
    expect_collected(out.collected, objects);
    rt->decref(root);
    return out;
}

unsigned model_checked_run(const char* profile, uint64_t objects) {
    std::unique_ptr<Runtime> rt = prepared_runtime(profile, true);
    ModelHeap api{*rt};
    const int64_t other_tracked = tracked_containers(*rt);
    unsigned checks = 0;
    check(*rt, "before the heap is built", checks);
    const size_t live_before = rt->live_objects().size();
    PyObject* root = build_heap(api, objects);
    check(*rt, "with the heap built", checks);
    // Every container, the root, and one int per unit.
    const size_t live_built = rt->live_objects().size();
    if (live_built - live_before != objects + 1 + objects / kUnitObjects)
        fail("made " + std::to_string(live_built - live_before) + " objects building a heap of " +
             std::to_string(objects) + " containers");
    expect_collected(gc_collect(*rt, 2), objects);
    check(*rt, "after the collection", checks);
    const size_t garbage = objects / kUnitObjects * kGarbagePerUnit;
    if (live_built - rt->live_objects().size() != garbage)
        fail("freed " + std::to_string(live_built - rt->live_objects().size()) + " objects collecting " +
             std::to_string(garbage) + " unreachable ones");
    expect_survivors(*rt, other_tracked, objects);
    rt->decref(root);
    check(*rt, "after the heap was released", checks);
    if (rt->live_objects().size() != live_before)
        fail("kept " + std::to_string(rt->live_objects().size() - live_before) + " objects of a released heap");
    return checks;
}

}  // namespace pymemlab::bench
