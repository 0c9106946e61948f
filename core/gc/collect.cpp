// What surrounds a collection (Python/gc.c, Modules/gcmodule.c): gc_collect_main's counts,
// DEBUG_* output, statistics and free-list clearing, collect_with_callback's gc.callbacks, and
// gc_collect_generations' choice of generation for the automatic collections.
#include "gc/collect.h"

#include <cinttypes>
#include <cstdio>
#include <string>

#include "gc/collector.h"
#include "gc/gc_list.h"
#include "gc/gc_weakref.h"
#include "gc/incremental.h"
#include "object/abstract.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/float_object.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/set_object.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"

namespace pymemlab {

namespace {

std::string format(const char* fmt, auto... args) {
    char buf[256];
    std::snprintf(buf, sizeof buf, fmt, args...);
    return buf;
}

// debug_cycle: "gc: collectable <list 0x7f...>"; 2.7 prints it only under DEBUG_OBJECTS (old-style
// instances, which the model does not have, under DEBUG_INSTANCES).
void debug_cycle(Runtime& rt, const char* msg, PyObject* op) {
    if (rt.profile().major == 2 && (rt.gc_state().debug & kDebugObjects) == 0) return;
    rt.tstate().write_stderr(format("gc: %s <%s 0x%" PRIx64 ">\n", msg, Py_TYPE(op)->tp_name, rt.id(op)));
}

void show_stats(Runtime& rt, int generation) {
    GCState& st = rt.gc_state();
    std::string text = format("gc: collecting generation %d...\n", generation);
    text += "gc: objects in each generation:";
    for (int i = 0; i < GCState::kGenerations; ++i)
        text += format(" %" PRId64, gc::gc_list_size(gc::gc_is_incremental(rt) ? gc::gen_head(rt, i) : &st.generations[i]));
    text += "\n";
    if (rt.profile().at_least(3, 7))
        text += format("gc: objects in permanent generation: %" PRId64 "\n", gc::gc_list_size(&st.permanent));
    rt.tstate().write_stderr(text);
}

// The model has no clock: the elapsed time prints as 0, so runs stay reproducible.
void show_done(Runtime& rt, int64_t unreachable, int64_t uncollectable) {
    const Profile& p = rt.profile();
    std::string text;
    if (p.major == 2) {
        text = unreachable == 0 ? "gc: done"
                                : format("gc: done, %" PRId64 " unreachable, %" PRId64 " uncollectable", unreachable,
                                         uncollectable);
        text += ", 0.0000s elapsed.\n";
    } else if (!p.at_least(3, 8) && unreachable == 0) {
        text = "gc: done, 0.0000s elapsed\n";
    } else {
        text = format("gc: done, %" PRId64 " unreachable, %" PRId64 " uncollectable, 0.0000s elapsed\n", unreachable,
                      uncollectable);
    }
    rt.tstate().write_stderr(text);
}

// gc_collect_main: one collection, with the debug output and statistics around it. 3.14 prints
// "gc: done" after the stop callbacks (collect_with_callback), and an increment that owes work
// collects nothing and counts in no statistics.
int64_t collect_main(Runtime& rt, int generation) {
    GCState& st = rt.gc_state();
    const bool incremental = gc::gc_is_incremental(rt);
    if ((st.debug & kDebugStats) != 0) show_stats(rt, generation);
    if (incremental && generation == 1 && !gc::incremental_begin_increment(rt)) return 0;
    gc::Collection c(rt, generation);
    while (c.phase() != gc::Phase::kHandleWeakrefs && c.step()) {
        if (c.phase() == gc::Phase::kMoveLegacyFinalizers && (st.debug & kDebugCollectable) != 0) {
            for (const gc::ObjectState& s : c.snapshot())
                if (s.list == gc::ListId::kUnreachable) debug_cycle(rt, "collectable", s.op);
        }
    }
    while (c.phase() != gc::Phase::kDeleteGarbage && c.step()) {
    }
    if ((st.debug & kDebugUncollectable) != 0) {
        for (const gc::ObjectState& s : c.snapshot())
            if (s.list == gc::ListId::kFinalizers) debug_cycle(rt, "uncollectable", s.op);
    }
    c.run();
    const int64_t n = c.uncollectable();
    const int64_t m = c.collected();
    if ((st.debug & kDebugStats) != 0 && !incremental) show_done(rt, n + m, n);
    if (generation == GCState::kGenerations - 1) gc_clear_freelists(rt);
    GCGenerationStats& s = st.stats[generation];
    s.collections += 1;
    s.collected += m;
    s.uncollectable += n;
    return n + m;
}

// invoke_gc_callback: each of gc.callbacks with ("start" | "stop", info). An exception in a
// callback is reported as unraisable and the others still run.
void invoke_callbacks(Runtime& rt, const char* phase, int generation, int64_t collected, int64_t uncollectable) {
    GCState& st = rt.gc_state();
    if (st.callbacks == nullptr || Py_SIZE(st.callbacks) == 0 || !rt.profile().at_least(3, 3)) return;
    PyObject* saved = err_fetch(rt);
    PyObject* info = dict_new(rt);
    PyObject* phase_str = str_from_utf8(rt, phase);
    bool ok = info != nullptr && phase_str != nullptr;
    for (auto [key, value] : {std::pair{"generation", int64_t{generation}}, std::pair{"collected", collected},
                              std::pair{"uncollectable", uncollectable}}) {
        if (!ok) break;
        PyObject* k = str_from_utf8(rt, key);
        PyObject* v = long_from_int64(rt, value);
        ok = k != nullptr && v != nullptr && dict_setitem(rt, info, k, v);
        rt.xdecref(k);
        rt.xdecref(v);
    }
    if (ok) {
        for (int64_t i = 0; i < Py_SIZE(st.callbacks); ++i) {
            PyObject* cb = list_items(st.callbacks)[i];
            rt.incref(cb);
            PyObject* args[] = {phase_str, info};
            PyObject* r = object_vectorcall(rt, cb, args, 2, nullptr);
            if (r == nullptr)
                write_unraisable(rt, cb, nullptr, Unraisable::GcCallback);
            else
                rt.decref(r);
            rt.decref(cb);
        }
    }
    err_clear(rt);
    rt.xdecref(phase_str);
    rt.xdecref(info);
    if (saved != nullptr) err_set_instance(rt, saved);
}

int64_t collect_with_callback(Runtime& rt, int generation) {
    invoke_callbacks(rt, "start", generation, 0, 0);
    const int64_t before_uncollectable = rt.gc_state().stats[generation].uncollectable;
    const int64_t result = collect_main(rt, generation);
    const int64_t uncollectable = rt.gc_state().stats[generation].uncollectable - before_uncollectable;
    invoke_callbacks(rt, "stop", generation, result - uncollectable, uncollectable);
    if ((rt.gc_state().debug & kDebugStats) != 0 && gc::gc_is_incremental(rt)) show_done(rt, result, uncollectable);
    return result;
}

}  // namespace

int64_t gc_collect(Runtime& rt, int generation) {
    GCState& st = rt.gc_state();
    if (st.collecting) return 0;
    st.collecting = true;
    const int64_t n = collect_with_callback(rt, generation);
    st.collecting = false;
    return n;
}

int64_t gc_collect_no_fail(Runtime& rt) {
    GCState& st = rt.gc_state();
    if (st.collecting) return 0;
    st.collecting = true;
    const int g = GCState::kGenerations - 1;
    const int64_t before_uncollectable = st.stats[g].uncollectable;
    const int64_t n = collect_main(rt, g);
    if ((st.debug & kDebugStats) != 0 && gc::gc_is_incremental(rt))
        show_done(rt, n, st.stats[g].uncollectable - before_uncollectable);
    st.collecting = false;
    return n;
}

void gc_collect_generations(Runtime& rt) {
    GCState& st = rt.gc_state();
    if (st.collecting) return;
    st.collecting = true;
    if (gc::gc_is_incremental(rt)) {
        // _Py_RunGC: every automatic collection is an increment.
        collect_with_callback(rt, 1);
        st.collecting = false;
        return;
    }
    for (int i = GCState::kGenerations - 1; i >= 0; --i) {
        if (st.count[i] <= st.threshold[i]) continue;
        // Issue #4074: a full collection also needs a quarter of the long-lived objects new.
        if (i == GCState::kGenerations - 1 && st.long_lived_pending < st.long_lived_total / 4) continue;
        collect_with_callback(rt, i);
        break;
    }
    st.collecting = false;
}

void gc_run_scheduled(Runtime& rt) {
    GCState& st = rt.gc_state();
    if (!st.scheduled) return;
    st.scheduled = false;
    if (st.enabled && rt.tstate().curexc == nullptr) gc_collect_generations(rt);
}

void gc_freeze(Runtime& rt) {
    GCState& st = rt.gc_state();
    if (gc::gc_is_incremental(rt)) return gc::incremental_freeze(rt);
    for (PyGC_Head& g : st.generations) gc::gc_list_merge(&g, &st.permanent);
    st.count[0] = 0;
}

void gc_unfreeze(Runtime& rt) {
    GCState& st = rt.gc_state();
    if (gc::gc_is_incremental(rt)) return gc::incremental_unfreeze(rt);
    gc::gc_list_merge(&st.permanent, &st.generations[GCState::kGenerations - 1]);
}

int64_t gc_freeze_count(Runtime& rt) { return gc::gc_list_size(&rt.gc_state().permanent); }

// clear_freelists / _PyGC_ClearAllFreeLists: full collections give back what the free lists
// keep, in CPython's order: bound methods and built-in functions (≤3.8), frames (≤3.10; code
// objects keep their zombie frames), tuples in every profile; then lists, floats, dicts and
// sets in 3.x, 2.7's unicode objects. 3.14 (_PyObject_ClearFreeLists): floats, tuples, lists,
// list and tuple iterators, dicts, ranges, range iterators, ints, built-in functions, bound
// methods.
void gc_clear_freelists(Runtime& rt) {
    Builtins& b = rt.builtins();
    auto clear_tuples = [&]() {
        // PyTuple_ClearFreeList: lengths 1 and up (the empty tuple is no free-list entry to clear).
        TupleState& ts = b.tuple_state;
        for (int n = 1; n < TupleState::kLengths; ++n) {
            while (PyObject* t = ts.free_list[n]) {
                ts.free_list[n] = tuple_items(t)[0];
                --ts.numfree[n];
                rt.free_object(t);
            }
        }
    };
    if (rt.profile().at_least(3, 14)) {
        float_clear_free_list(rt);
        clear_tuples();
        list_clear_free_list(rt);
        b.list_iter_free_list.clear(rt);
        b.tuple_iter_free_list.clear(rt);
        dict_clear_free_list(rt);
        set_clear_free_list(rt);
        b.range_free_list.clear(rt);
        b.range_iter_free_list.clear(rt);
        b.int_free_list.clear(rt);
        b.cfunction_free_list.clear(rt);
        b.method_free_list.clear(rt);
        return;
    }
    b.method_free_list.clear(rt);
    b.frame_free_list.clear(rt);
    b.cfunction_free_list.clear(rt);
    clear_tuples();
    // The rest differ by version (measured: a list, dict or set made right after gc.collect()
    // is a new GC allocation in 3.x, and comes off the free list in 2.7).
    if (rt.profile().major >= 3) {
        list_clear_free_list(rt);
        float_clear_free_list(rt);
        dict_clear_free_list(rt);
        set_clear_free_list(rt);
    } else {
        unicode_clear_free_list(rt);
    }
}

}  // namespace pymemlab
