// 3.14's added free lists (pycore_freelist_state.h): compact ints (100), bound methods (20),
// built-in methods (16), list and tuple iterators (10 each), ranges and range iterators (6 each).
// A dead object keeps its block for the next one of its kind; a full collection frees them all.
#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "checked_runtime.h"
#include "gc/collect.h"
#include "object/abstract.h"
#include "object/func_object.h"
#include "object/iter_object.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/range_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"

using namespace pymemlab;

namespace {

struct Kind {
    const char* name;
    size_t kept_314;  // 0: no free list
    std::function<PyObject*(Runtime&)> make;
};

// Makes n objects of a kind, then lets them all die: how many blocks stay allocated.
size_t blocks_kept(Runtime& rt, const Kind& kind, int n) {
    std::vector<PyObject*> objects;
    for (int i = 0; i < n; ++i) objects.push_back(kind.make(rt));
    const uint64_t alive = rt.allocator().allocated_blocks();
    for (PyObject* o : objects) rt.decref(o);
    return static_cast<size_t>(rt.allocator().allocated_blocks() - (alive - static_cast<uint64_t>(n)));
}

std::vector<Kind> kinds(PyObject* list, PyObject* tuple, PyObject* append) {
    return {
        {"int", 100, [](Runtime& rt) { return long_from_int64(rt, 100000); }},
        {"negative int", 100, [](Runtime& rt) { return long_from_int64(rt, -(1 << 29)); }},
        {"bound method", 20, [list](Runtime& rt) { return method_new(rt, list, list); }},
        {"built-in method", 16, [list, append](Runtime& rt) { return object_getattr(rt, list, append); }},
        {"list iterator", 10, [list](Runtime& rt) { return list_iter_new(rt, list); }},
        {"tuple iterator", 10, [tuple](Runtime& rt) { return tuple_iter_new(rt, tuple); }},
        {"range", 6, [](Runtime& rt) { return range_new(rt, 0, 10, 1); }},
        {"range iterator", 6, [](Runtime& rt) { return range_iter_new(rt, 0, 1, 10); }},
    };
}

}  // namespace

TEST_CASE("3.14 keeps dead ints, bound methods, iterators and ranges on free lists of its sizes; 3.13 does not",
          "[free lists]") {
    for (const char* profile : {"3.13", "3.14"}) {
        CheckedRuntime rt(profile);
        PyObject* list = list_new(rt, 0);
        PyObject* tuple = tuple_new(rt, 1);
        tuple_items(tuple)[0] = list_new(rt, 0);
        PyObject* append = str_from_utf8(rt, "append");
        for (const Kind& kind : kinds(list, tuple, append)) {
            INFO(profile << " " << kind.name);
            const size_t expected = std::string(profile) == "3.14" ? kind.kept_314 : 0;
            CHECK(blocks_kept(rt, kind, 150) == expected);
            // The newest dead one is the next one made (LIFO), as from pymalloc's own free list.
            PyObject* a = kind.make(rt);
            const uint64_t id = rt.id(a);
            rt.decref(a);
            PyObject* b = kind.make(rt);
            CHECK(rt.id(b) == id);
            rt.decref(b);
        }
        // A full collection gives every kept block back.
        const uint64_t before = rt.allocator().allocated_blocks();
        gc_clear_freelists(rt);
        uint64_t kept = 0;
        if (std::string(profile) == "3.14") {
            for (const Kind& kind : kinds(list, tuple, append)) kept += kind.kept_314;
            kept -= 100;  // the two int kinds share one list
        }
        CHECK(rt.allocator().allocated_blocks() + kept <= before);
        rt.decref(append);
        rt.decref(tuple);
        rt.decref(list);
    }
}

TEST_CASE("3.14's int free list takes exact compact ints only", "[free lists]") {
    CheckedRuntime rt("3.14");
    gc_clear_freelists(rt);
    PyObject* big = long_from_int64(rt, int64_t{1} << 40);  // two digits: not compact
    rt.decref(big);
    CHECK(rt.builtins().int_free_list.items.empty());
    PyObject* medium = long_from_int64(rt, 1000);
    rt.decref(medium);
    CHECK(rt.builtins().int_free_list.items.size() == 1);
    PyObject* small = long_from_int64(rt, 7);  // the cached small int: never freed
    rt.decref(small);
    CHECK(rt.builtins().int_free_list.items.size() == 1);
}
