// range, slice and cell: sizes per profile, the slice cache, traversal and release.
#include <catch2/catch.hpp>

#include <vector>

#include "checked_runtime.h"
#include "object/builtins.h"
#include "object/cell_object.h"
#include "object/long_object.h"
#include "object/range_object.h"
#include "object/slice_object.h"

using namespace pymemlab;

TEST_CASE("a range is 48 bytes holding four ints, and 2.7's xrange 40") {
    CheckedRuntime r3("3.12"), r2("2.7");
    PyObject* a = range_new(r3, 0, 1000, 7);
    PyObject* b = range_new(r2, 0, 1000, 7);
    CHECK(range_sizeof(r3, a) == 48);
    CHECK(range_sizeof(r2, b) == 40);
    auto* r = reinterpret_cast<PyRangeObject*>(a);
    bool overflow = false;
    CHECK(long_as_int64(r3, r->length.p, &overflow) == 143);
    CHECK(long_as_int64(r3, r->stop.p, &overflow) == 1000);
    r3.decref(a);
    r2.decref(b);
}

TEST_CASE("a freed slice waits in the cache for the next slice from 3.x, not in 2.7") {
    for (const char* name : {"2.7", "3.8", "3.13"}) {
        CheckedRuntime rt(name);
        PyObject* none = rt.builtins().singletons.none;
        PyObject* s = slice_new(rt, none, none, none);
        const uint64_t id = rt.id(s);
        const uint64_t blocks = rt.allocator().allocated_blocks();
        rt.decref(s);
        INFO(name);
        CHECK(rt.allocator().allocated_blocks() == (rt.profile().major == 2 ? blocks - 1 : blocks));
        PyObject* t = slice_new(rt, none, none, none);
        CHECK(rt.id(t) == id);  // from the cache, or pymalloc's LIFO free list in 2.7
        CHECK(rt.gc_is_tracked(t));
        rt.decref(t);
    }
}

TEST_CASE("a slice traverses start, stop and step in that order") {
    CheckedRuntime rt("3.11");
    PyObject* a = long_from_int64(rt, 1000);
    PyObject* b = long_from_int64(rt, 2000);
    PyObject* c = long_from_int64(rt, 3000);
    PyObject* s = slice_new(rt, a, b, c);
    std::vector<PyObject*> seen;
    Py_TYPE(s)->tp_traverse(s, [](PyObject* o, void* arg) { static_cast<std::vector<PyObject*>*>(arg)->push_back(o); }, &seen);
    CHECK(seen == std::vector<PyObject*>{a, b, c});
    for (PyObject* o : {a, b, c}) rt.decref(o);
    CHECK(a->ob_refcnt == 1);
    rt.decref(s);
}

TEST_CASE("a cell holds one reference and releases the old value when set") {
    CheckedRuntime rt("3.13");
    PyObject* v = long_from_int64(rt, 4242);
    PyObject* cell = cell_new(rt, v);
    CHECK(v->ob_refcnt == 2);
    CHECK(cell_sizeof(rt, cell) == 40);
    cell_set(rt, cell, nullptr);
    CHECK(v->ob_refcnt == 1);
    CHECK(cell_get(cell) == nullptr);
    cell_set(rt, cell, v);
    rt.decref(v);
    rt.decref(cell);
}
