// The cycle collector stepped phase by phase (core/gc/collector.h): gc_refs after update_refs
// and subtract_refs, the lists after move_unreachable, what a collection frees and counts, and
// when the automatic collection runs per version.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "checked_runtime.h"
#include "gc/collect.h"
#include "gc/collector.h"
#include "object/list_object.h"
#include "object/runtime.h"

namespace pymemlab {
namespace {

const gc::ObjectState* state_of(const std::vector<gc::ObjectState>& s, const PyObject* op) {
    for (const gc::ObjectState& e : s)
        if (e.op == op) return &e;
    return nullptr;
}

// a = []; b = [a]; a.append(b): a two-list cycle; the caller's references to both remain.
std::pair<PyObject*, PyObject*> two_cycle(Runtime& rt) {
    PyObject* a = list_new(rt, 0);
    PyObject* b = list_new(rt, 0);
    REQUIRE(list_append(rt, b, a));
    REQUIRE(list_append(rt, a, b));
    return {a, b};
}

}  // namespace

TEST_CASE("a collection runs CPython's phases in order, one per step") {
    CheckedRuntime rt("3.12");
    gc::Collection c(rt, 2);
    std::vector<std::string> names;
    do names.push_back(gc::phase_name(c.phase()));
    while (c.step());
    names.push_back(gc::phase_name(c.phase()));
    CHECK(names == std::vector<std::string>{"start", "update_refs", "subtract_refs", "move_unreachable", "untrack",
                                            "move_legacy_finalizers", "handle_weakrefs", "finalize_garbage",
                                            "handle_resurrected_objects", "delete_garbage", "done"});
}

TEST_CASE("update_refs copies refcounts and subtract_refs removes the references from inside the generation") {
    for (const char* version : {"2.7", "3.6", "3.12", "3.13"}) {
        CheckedRuntime rt(version);
        INFO(version);
        gc_collect(rt, 2);
        auto [a, b] = two_cycle(rt);
        rt.decref(a);  // only b is referenced from outside now
        gc::Collection c(rt, 2);
        c.step();
        REQUIRE(c.phase() == gc::Phase::kUpdateRefs);
        auto s = c.snapshot();
        REQUIRE(state_of(s, a) != nullptr);
        CHECK(state_of(s, a)->gc_refs == 1);
        CHECK(state_of(s, b)->gc_refs == 2);
        CHECK(state_of(s, a)->collecting);
        c.step();
        s = c.snapshot();
        CHECK(state_of(s, a)->gc_refs == 0);
        CHECK(state_of(s, b)->gc_refs == 1);
        c.step();
        REQUIRE(c.phase() == gc::Phase::kMoveUnreachable);
        s = c.snapshot();
        // b is referenced from outside, and a is reachable from it: both stay.
        CHECK(state_of(s, a)->list == gc::ListId::kYoung);
        CHECK(state_of(s, b)->list == gc::ListId::kYoung);
        CHECK_FALSE(state_of(s, a)->collecting);
        c.run();
        CHECK(c.collected() == 0);
        CHECK(rt.gc_is_tracked(a));
        rt.decref(b);
        CHECK(gc_collect(rt, 2) == 2);
    }
}

TEST_CASE("a cycle with no outside reference is moved to unreachable and freed by delete_garbage") {
    for (const char* version : {"2.7", "3.8", "3.11", "3.13"}) {
        CheckedRuntime rt(version);
        INFO(version);
        gc_collect(rt, 2);
        auto [a, b] = two_cycle(rt);
        rt.decref(a);
        rt.decref(b);
        const size_t live_before = rt.live_objects().size();
        gc::Collection c(rt, 2);
        for (int i = 0; i < 3; ++i) c.step();
        auto s = c.snapshot();
        CHECK(state_of(s, a)->list == gc::ListId::kUnreachable);
        CHECK(state_of(s, b)->list == gc::ListId::kUnreachable);
        c.run();
        CHECK(c.collected() == 2);
        CHECK(c.uncollectable() == 0);
        CHECK(rt.live_objects().size() == live_before - 2);
    }
}

TEST_CASE("collecting a generation resets the younger counts and counts one collection in the next") {
    CheckedRuntime rt("3.11");
    gc_collect(rt, 2);
    PyObject* l = list_new(rt, 0);
    CHECK(rt.gc_count(0) == 1);
    gc_collect(rt, 0);
    CHECK(rt.gc_count(0) == 0);
    CHECK(rt.gc_count(1) == 1);
    gc_collect(rt, 1);
    CHECK(rt.gc_count(1) == 0);
    CHECK(rt.gc_count(2) == 1);
    CHECK(rt.gc_state().stats[0].collections == 1);
    CHECK(rt.gc_state().stats[2].collections == 1);
    rt.decref(l);
}

TEST_CASE("past threshold 0 the allocation collects up to 3.11 and schedules a collection from 3.12") {
    for (const char* version : {"3.11", "3.12"}) {
        CheckedRuntime rt(version);
        INFO(version);
        gc_collect(rt, 2);
        rt.gc_state().threshold[0] = 5;
        std::vector<PyObject*> keep;
        for (int i = 0; i < 5; ++i) keep.push_back(list_new(rt, 0));
        CHECK(rt.gc_count(0) == 5);
        CHECK(rt.gc_state().stats[0].collections == 0);
        keep.push_back(list_new(rt, 0));
        if (std::string(version) == "3.11") {
            CHECK(rt.gc_state().stats[0].collections == 1);
            CHECK(rt.gc_count(0) == 0);  // counted, then reset by the collection
        } else {
            CHECK(rt.gc_state().stats[0].collections == 0);
            CHECK(rt.gc_state().scheduled);
            gc_run_scheduled(rt);
            CHECK(rt.gc_state().stats[0].collections == 1);
        }
        for (PyObject* o : keep) rt.decref(o);
    }
}

TEST_CASE("gc.freeze moves every tracked object out of the generations, and unfreeze into the oldest") {
    CheckedRuntime rt("3.12");
    PyObject* l = list_new(rt, 0);
    gc_freeze(rt);
    const int64_t frozen = gc_freeze_count(rt);
    CHECK(frozen > 0);
    CHECK(gc_collect(rt, 2) == 0);
    gc_unfreeze(rt);
    CHECK(gc_freeze_count(rt) == 0);
    rt.decref(l);
}

}  // namespace pymemlab
