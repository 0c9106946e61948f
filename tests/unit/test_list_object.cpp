// list: sizes, growth by the per-version formula, the separate items block, the free list.
#include <catch2/catch.hpp>

#include <vector>

#include "object/long_object.h"
#include "object/list_object.h"
#include "checked_runtime.h"
#include "object/runtime.h"

using namespace pymemlab;

TEST_CASE("appending to [] grows it as CPython does (getsizeof after each append, measured)") {
    const std::vector<int64_t> old_growth = {72, 104, 104, 104, 104, 136, 136, 136, 136, 200, 200, 200};
    const std::vector<int64_t> new_growth = {56, 88, 88, 88, 88, 120, 120, 120, 120, 184, 184, 184};
    for (const char* name : {"2.7", "3.8", "3.10", "3.11", "3.13", "3.14"}) {
        CheckedRuntime rt(*find_profile(name));
        PyObject* l = list_new(rt, 0);
        PyObject* one = long_from_int64(rt, 1);
        std::vector<int64_t> sizes;
        for (int i = 0; i < 12; ++i) {
            sizes.push_back(list_sizeof(rt, l));
            REQUIRE(list_append(rt, l, one));
        }
        INFO(name);
        CHECK(sizes == (rt.profile().major == 2 ? old_growth : new_growth));
        rt.decref(l);
        rt.decref(one);
    }
}

TEST_CASE("3.9+ rounds a large jump up to a multiple of 4, not the over-allocated size") {
    CheckedRuntime r313(*find_profile("3.13")), r38(*find_profile("3.8"));
    PyObject* a = list_new(r313, 0);
    PyObject* b = list_new(r38, 0);
    REQUIRE(list_resize(r313, a, 100));
    REQUIRE(list_resize(r38, b, 100));
    CHECK(list_allocated(a) == 100);              // (100 + 3) & ~3, the jump exceeds the slack
    CHECK(list_allocated(b) == 100 + 12 + 6);     // 100 + 100 / 8 + 6
    Py_SET_SIZE(a, 0);
    Py_SET_SIZE(b, 0);
    r313.decref(a);
    r38.decref(b);
}

TEST_CASE("a list's items are a separate block: pymalloc in 3.x, malloc in 2.7") {
    CheckedRuntime r3(*find_profile("3.12")), r2(*find_profile("2.7"));
    PyObject* a = list_new(r3, 3);
    PyObject* b = list_new(r2, 3);
    CHECK(r3.allocator().owns(list_items(a)));
    CHECK(r3.allocator().block_size(list_items(a)) == 32);  // 24 bytes of items, class 1
    CHECK_FALSE(r2.allocator().owns(list_items(b)));
    CHECK(r2.allocator().block_size(list_items(b)) == 24);
    r3.decref(a);
    r2.decref(b);
}

TEST_CASE("a freed list object is reused by the next list, the last freed first") {
    CheckedRuntime rt(*find_profile("3.13"));
    PyObject* a = list_new(rt, 0);
    PyObject* b = list_new(rt, 2);
    uint64_t ida = rt.id(a), idb = rt.id(b);
    const uint64_t blocks = rt.allocator().allocated_blocks();
    rt.decref(a);
    rt.decref(b);
    CHECK(rt.builtins().list_state.numfree == 2);
    CHECK(rt.allocator().allocated_blocks() == blocks - 1);  // b's items block went back
    PyObject* c = list_new(rt, 0);
    PyObject* d = list_new(rt, 0);
    CHECK(rt.id(c) == idb);
    CHECK(rt.id(d) == ida);
    rt.decref(c);
    rt.decref(d);
}

TEST_CASE("a list releases its items from the last to the first, and traverses them so") {
    CheckedRuntime rt(*find_profile("3.11"));
    PyObject* l = list_new(rt, 0);
    std::vector<PyObject*> ints;
    for (int i = 0; i < 3; ++i) {
        PyObject* v = long_from_int64(rt, 5000 + i);
        list_append(rt, l, v);
        rt.decref(v);
        ints.push_back(v);
    }
    std::vector<PyObject*> seen;
    Py_TYPE(l)->tp_traverse(l, [](PyObject* o, void* arg) { static_cast<std::vector<PyObject*>*>(arg)->push_back(o); }, &seen);
    CHECK(seen == std::vector<PyObject*>{ints[2], ints[1], ints[0]});
    // ints have no free list here: their blocks go back to the pool, and the free list of the
    // pool hands out the last freed first: the items block (freed after the items), then the
    // first item.
    std::vector<uint64_t> ids = {rt.id(ints[0]), rt.id(ints[1]), rt.id(ints[2])};
    const uint64_t items = rt.allocator().address_of(list_items(l));
    rt.decref(l);
    PyObject* x = long_from_int64(rt, 9999);
    PyObject* y = long_from_int64(rt, 9999);
    CHECK(rt.id(x) == items);
    CHECK(rt.id(y) == ids[0]);
    rt.decref(x);
    rt.decref(y);
}
