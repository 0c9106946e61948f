// The object heap checker: it passes on a consistent heap and names what is wrong otherwise.
#include <catch2/catch.hpp>

#include "object/float_object.h"
#include "object/heap_check.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/tuple_object.h"
#include "checked_runtime.h"

using namespace pymemlab;

namespace {

RuntimeOptions tracked() {
    RuntimeOptions o;
    o.track_objects = true;
    return o;
}

}  // namespace

TEST_CASE("the heap check passes with live objects, freed objects and filled free lists") {
    for (const Profile& profile : all_profiles()) {
        Runtime rt(profile, tracked());
        PyObject* l = list_new(rt, 0);
        for (int i = 0; i < 50; ++i) {
            PyObject* f = float_from_double(rt, i);
            PyObject* t = tuple_new(rt, 1 + i % 5);
            tuple_items(t)[0] = f;  // the tuple takes the float's reference
            list_append(rt, l, t);
            rt.decref(t);
        }
        PyObject* spare = list_new(rt, 0);
        rt.decref(spare);
        INFO(profile.name << ": " << check_heap(rt).problem);
        CHECK(check_heap(rt).ok);
        Py_SET_SIZE(l, 25);  // drop half the items without releasing them: a leak, but consistent
        CHECK(check_heap(rt).ok);
        rt.decref(l);
        CHECK(check_heap(rt).ok);
    }
}

TEST_CASE("the heap check reports a block that no object owns") {
    Runtime rt(*find_profile("3.13"), tracked());
    void* stray = rt.mem_malloc(100);
    CheckResult r = check_heap(rt);
    CHECK_FALSE(r.ok);
    CHECK(r.problem == "an allocated block of 112 bytes belongs to no object");
    rt.mem_free(stray);
    CHECK(check_heap(rt).ok);
}

TEST_CASE("the heap check reports a count below the references live objects hold") {
    Runtime rt(*find_profile("3.10"), tracked());
    PyObject* l = list_new(rt, 0);
    PyObject* v = long_from_int64(rt, 123456);
    list_append(rt, l, v);
    list_append(rt, l, v);
    rt.decref(v);
    CHECK(check_heap(rt).ok);
    v->ob_refcnt = 1;
    CheckResult r = check_heap(rt);
    CHECK_FALSE(r.ok);
    CHECK(r.problem == "a int has count 1 but 2 references from live objects");
    v->ob_refcnt = 2;
    rt.decref(l);
}

TEST_CASE("the heap check reports a block claimed twice") {
    Runtime rt(*find_profile("3.12"), tracked());
    PyObject* a = list_new(rt, 2);
    PyObject* b = list_new(rt, 0);
    reinterpret_cast<PyListObject*>(b)->ob_item.p = list_items(a);  // two lists, one buffer
    reinterpret_cast<PyListObject*>(b)->allocated = 2;
    CheckResult r = check_heap(rt);
    CHECK_FALSE(r.ok);
    CHECK(r.problem.find("block claimed by a live list and by a live list") == 0);
    reinterpret_cast<PyListObject*>(b)->ob_item.p = nullptr;
    reinterpret_cast<PyListObject*>(b)->allocated = 0;
    rt.decref(a);
    rt.decref(b);
}
