// The 3.14 profile's incremental collector (core/gc/incremental.h): young
// collections into the visited old space, increments, full collections that
// flip the spaces, counts of tracked objects, and the phases stepped over a
// young region.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "checked_runtime.h"
#include "gc/collect.h"
#include "gc/collector.h"
#include "gc/gc_list.h"
#include "gc/incremental.h"
#include "object/list_object.h"
#include "object/runtime.h"

namespace pymemlab {
namespace {

bool in_list(Runtime& rt, PyGC_Head* head, const PyObject* op) {
    for (PyGC_Head* g = gc::gc_next(head); g != head; g = gc::gc_next(g))
        if (rt.from_gc(g) == op) return true;
    return false;
}

// a = []; b = [a]; a.append(b); both references dropped: cyclic garbage of two
// lists.
void drop_two_cycle(Runtime& rt) {
    PyObject* a = list_new(rt, 0);
    PyObject* b = list_new(rt, 0);
    REQUIRE(list_append(rt, b, a));
    REQUIRE(list_append(rt, a, b));
    rt.decref(a);
    rt.decref(b);
}

}  // namespace

TEST_CASE(
    "the 3.14 profile runs the incremental collector with thresholds "
    "2000, 10, 0") {
    CheckedRuntime rt("3.14");
    CHECK(gc::gc_is_incremental(rt));
    CHECK(rt.gc_state().threshold[0] == 2000);
    CHECK(rt.gc_state().threshold[1] == 10);
    CHECK(rt.gc_state().threshold[2] == 0);
    CheckedRuntime old("3.13");
    CHECK_FALSE(gc::gc_is_incremental(old));
}

TEST_CASE(
    "3.14 counts tracked objects: untracking lowers young.count, "
    "allocation alone does not raise it") {
    CheckedRuntime rt("3.14");
    gc_collect(rt, 2);
    CHECK(gc::gen_count(rt, 0) == 0);
    PyObject* l = list_new(rt, 0);
    CHECK(gc::gen_count(rt, 0) == 1);
    rt.gc_untrack(l);
    CHECK(gc::gen_count(rt, 0) == 0);
    rt.gc_track(l);
    CHECK(gc::gen_count(rt, 0) == 1);
    rt.decref(l);
    CHECK(gc::gen_count(rt, 0) == 0);
}

TEST_CASE(
    "a 3.14 young collection moves survivors to the visited space and "
    "counts one there") {
    CheckedRuntime rt("3.14");
    gc_collect(rt, 2);
    PyObject* keep = list_new(rt, 0);
    drop_two_cycle(rt);
    CHECK(gc_collect(rt, 0) == 2);
    CHECK(gc::gen_count(rt, 0) == 0);
    CHECK(gc::gen_count(rt, 1) == 1);
    CHECK(gc::gen_count(rt, 2) == 0);
    CHECK(in_list(rt, gc::gen_head(rt, 1), keep));
    CHECK(gc::gc_old_space(rt.as_gc(keep)) == rt.gc_state().visited_space);
    CHECK(rt.gc_state().stats[0].collections == 1);
    rt.decref(keep);
}

TEST_CASE("a 3.14 full collection flips the old spaces and resets every count") {
    CheckedRuntime rt("3.14");
    gc_collect(rt, 2);
    const int visited = rt.gc_state().visited_space;
    PyObject* keep = list_new(rt, 0);
    gc_collect(rt, 0);
    drop_two_cycle(rt);
    CHECK(gc_collect(rt, 2) == 2);
    CHECK(rt.gc_state().visited_space == (visited ^ 1));
    // Everything survived into what is now the pending space: gc.get_objects(2)
    // lists it.
    CHECK(in_list(rt, gc::gen_head(rt, 2), keep));
    CHECK(gc::gc_list_is_empty(gc::gen_head(rt, 1)));
    CHECK(gc::gen_count(rt, 0) == 0);
    CHECK(gc::gen_count(rt, 1) == 0);
    CHECK(gc::gen_count(rt, 2) == 0);
    CHECK(rt.gc_state().phase == GCPhase::kMark);
    rt.decref(keep);
}

TEST_CASE(
    "a 3.14 increment first marks, then collects young with a slice of "
    "the pending space") {
    CheckedRuntime rt("3.14");
    gc_collect(rt, 2);  // everything pending, scavenge at its marking step
    drop_two_cycle(rt);
    CHECK(gc_collect(rt, 1) == 0);  // the marking step: nothing collected, no statistics
    CHECK(rt.gc_state().phase == GCPhase::kCollect);
    CHECK(rt.gc_state().stats[1].collections == 0);
    rt.gc_state().work_to_do = 0;
    CHECK(gc_collect(rt, 1) == 2);  // young's cycle
    CHECK(rt.gc_state().stats[1].collections == 1);
}

TEST_CASE("a 3.14 increment owing work collects nothing") {
    CheckedRuntime rt("3.14");
    gc_collect(rt, 2);
    rt.gc_state().phase = GCPhase::kCollect;
    rt.gc_state().work_to_do = -100000;
    drop_two_cycle(rt);
    CHECK(gc_collect(rt, 1) == 0);
    CHECK(rt.gc_state().stats[1].collections == 0);
    CHECK(gc_collect(rt, 0) == 2);
}

TEST_CASE("a 3.14 young collection steps through the same phases over its region") {
    CheckedRuntime rt("3.14");
    gc_collect(rt, 2);
    PyObject* a = list_new(rt, 0);
    PyObject* b = list_new(rt, 0);
    REQUIRE(list_append(rt, b, a));
    REQUIRE(list_append(rt, a, b));
    rt.decref(a);  // b is still referenced from outside; a only from b
    gc::Collection c(rt, 0);
    c.step();
    REQUIRE(c.phase() == gc::Phase::kUpdateRefs);
    c.step();
    REQUIRE(c.phase() == gc::Phase::kSubtractRefs);
    int64_t refs_a = -1, refs_b = -1;
    for (const gc::ObjectState& s : c.snapshot()) {
        if (s.op == a) refs_a = s.gc_refs;
        if (s.op == b) refs_b = s.gc_refs;
        if (s.op == a || s.op == b) CHECK(s.list == gc::ListId::kYoung);
    }
    CHECK(refs_a == 0);
    CHECK(refs_b == 1);
    c.run();
    CHECK(c.collected() == 0);
    CHECK(in_list(rt, gc::gen_head(rt, 1), a));
    rt.decref(b);
}

TEST_CASE(
    "past 2000 tracked objects 3.14 schedules an increment for the eval "
    "breaker") {
    CheckedRuntime rt("3.14");
    gc_collect(rt, 2);
    rt.gc_state().threshold[0] = 5;
    std::vector<PyObject*> keep;
    for (int i = 0; i < 6; ++i) keep.push_back(list_new(rt, 0));
    CHECK(rt.gc_state().scheduled);
    gc_run_scheduled(rt);
    CHECK_FALSE(rt.gc_state().scheduled);
    CHECK(gc::gen_count(rt, 0) == 0);  // assess_work_to_do took young's count
    for (PyObject* o : keep) rt.decref(o);
}

TEST_CASE(
    "3.14 freeze keeps the frozen objects visited and unfreeze returns "
    "them to the visited space") {
    CheckedRuntime rt("3.14");
    PyObject* l = list_new(rt, 0);
    gc_freeze(rt);
    CHECK(gc_freeze_count(rt) > 0);
    CHECK(gc::gc_old_space(rt.as_gc(l)) == rt.gc_state().visited_space);
    CHECK(gc_collect(rt, 2) == 0);
    gc_unfreeze(rt);
    CHECK(gc_freeze_count(rt) == 0);
    CHECK(in_list(rt, gc::gen_head(rt, 1), l));
    rt.decref(l);
}

}  // namespace pymemlab
