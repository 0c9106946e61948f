// tuple: sizes per profile, the empty singleton, free lists by length, item order.
#include <catch2/catch.hpp>

#include <vector>

#include "object/float_object.h"
#include "object/long_object.h"
#include "checked_runtime.h"
#include "object/runtime.h"
#include "object/tuple_object.h"

using namespace pymemlab;

TEST_CASE("getsizeof of () and (1,) is 40 and 48 from 3.8, 48 and 56 in 3.14, 56 and 64 in 2.7") {
    struct Row { const char* profile; int64_t empty, one; };
    for (Row r : {Row{"2.7", 56, 64}, Row{"3.8", 40, 48}, Row{"3.12", 40, 48}, Row{"3.13", 40, 48}, Row{"3.14", 48, 56}}) {
        CheckedRuntime rt(*find_profile(r.profile));
        PyObject* e = tuple_new(rt, 0);
        PyObject* t = tuple_new(rt, 1);
        INFO(r.profile);
        CHECK(tuple_sizeof(rt, e) == r.empty);
        CHECK(tuple_sizeof(rt, t) == r.one);
        // The request is the whole of it: GC header, header, items.
        CHECK(rt.allocator().block_size(rt.block_of(t)) >= static_cast<size_t>(r.one));
        rt.decref(t);
        rt.decref(e);
    }
}

TEST_CASE("() is one object: static from 3.11, a kept arena block before") {
    CheckedRuntime r313(*find_profile("3.13")), r310(*find_profile("3.10"));
    PyObject* a = tuple_new(r313, 0);
    CHECK(a == tuple_new(r313, 0));
    CHECK(r313.is_static(a));
    CHECK(a->ob_refcnt == 4294967295);
    // Start-up's types (their empty __bases__ and such) hold () too: count from there.
    const int64_t refs_at_start = r310.builtins().empty_tuple->ob_refcnt;
    PyObject* b = tuple_new(r310, 0);
    CHECK(b == tuple_new(r310, 0));
    CHECK_FALSE(r310.is_static(b));
    CHECK(b->ob_refcnt == refs_at_start + 2);
    r310.decref(b);
    r310.decref(b);
    CHECK(b->ob_refcnt == refs_at_start);
    CHECK(b->ob_refcnt >= 2);  // at least its own reference and the extra one that keeps it alive
}

TEST_CASE("a freed tuple is kept by length and the next tuple of that length reuses it") {
    CheckedRuntime rt(*find_profile("3.11"));
    PyObject* t = tuple_new(rt, 3);
    CHECK(rt.gc_is_tracked(t));
    const uint64_t id = rt.id(t);
    const int64_t count = rt.gc_count(0);
    rt.decref(t);
    CHECK(rt.builtins().tuple_state.numfree[3] == 1);
    CHECK(rt.gc_count(0) == count);  // no deallocation counted: the block is kept
    PyObject* u = tuple_new(rt, 3);
    CHECK(rt.id(u) == id);
    CHECK(rt.gc_count(0) == count);  // and no allocation
    PyObject* v = tuple_new(rt, 2);
    CHECK(rt.id(v) != id);
    rt.decref(u);
    rt.decref(v);
}

TEST_CASE("freed 20-tuples are kept from 3.11 but reused only from 3.13") {
    CheckedRuntime r310("3.10"), r311("3.11"), r313("3.13");
    for (Runtime* rt : {static_cast<Runtime*>(&r310), static_cast<Runtime*>(&r311), static_cast<Runtime*>(&r313)}) {
        PyObject* t = tuple_new(*rt, 20);
        const uint64_t id = rt->id(t);
        rt->decref(t);
        const int kept = rt->builtins().tuple_state.numfree[20];
        PyObject* u = tuple_new(*rt, 20);
        const bool kept_not_reused = rt->profile().at_least(3, 11) && !rt->profile().at_least(3, 13);
        INFO(rt->profile().name);
        CHECK(kept == (rt->profile().at_least(3, 11) ? 1 : 0));
        // 3.11-3.12: the kept tuple stays on its free list and a new block is allocated. 3.13
        // reuses it; 3.10 freed it, so pymalloc hands the same block out again.
        CHECK(rt->builtins().tuple_state.numfree[20] == (kept_not_reused ? 1 : 0));
        CHECK((rt->id(u) == id) == !kept_not_reused);
        rt->decref(u);
    }
    r311.decref(tuple_new(r311, 19));
    CHECK(r311.builtins().tuple_state.numfree[19] == 1);
}

TEST_CASE("a tuple releases its items from the last to the first") {
    CheckedRuntime rt(*find_profile("3.13"));
    PyObject* t = tuple_new(rt, 3);
    PyObject** items = tuple_items(t);
    for (int i = 0; i < 3; ++i) items[i] = float_from_double(rt, i + 0.5);
    std::vector<uint64_t> ids = {rt.id(items[0]), rt.id(items[1]), rt.id(items[2])};
    rt.decref(t);
    // The float free list is LIFO: the item released last (the first) comes back first.
    PyObject* a = float_from_double(rt, 9);
    PyObject* b = float_from_double(rt, 9);
    PyObject* c = float_from_double(rt, 9);
    CHECK(rt.id(a) == ids[0]);
    CHECK(rt.id(b) == ids[1]);
    CHECK(rt.id(c) == ids[2]);
}

TEST_CASE("tuple traversal visits the items from the last to the first") {
    CheckedRuntime rt(*find_profile("3.12"));
    PyObject* t = tuple_new(rt, 3);
    for (int i = 0; i < 3; ++i) tuple_items(t)[i] = long_from_int64(rt, 1000 + i);
    std::vector<PyObject*> seen;
    Py_TYPE(t)->tp_traverse(t, [](PyObject* o, void* arg) { static_cast<std::vector<PyObject*>*>(arg)->push_back(o); }, &seen);
    REQUIRE(seen.size() == 3);
    CHECK(seen[0] == tuple_items(t)[2]);
    CHECK(seen[2] == tuple_items(t)[0]);
    rt.decref(t);
}
