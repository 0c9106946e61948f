// Helpers shared by the instance-storage tests (test_instance_dict.cpp, test_dict_split.cpp):
// a class made as `class <name>: pass` would make it, its instances, attribute stores, and the
// allocation requests a piece of code leaves behind.
#pragma once

#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "object/abstract.h"
#include "object/dict_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"
#include "object/type_object.h"

namespace pymemlab::test {

inline PyObject* as_object(PyTypeObject* t) { return reinterpret_cast<PyObject*>(t); }

// An interned str, a new reference.
inline PyObject* interned(Runtime& rt, const std::string& s) {
    PyObject* o = str_from_utf8(rt, s);
    str_intern_in_place(rt, &o);
    return o;
}

// class <name>: pass (in __main__; 3.x also sets __qualname__).
inline PyTypeObject* make_class(Runtime& rt, const char* name) {
    PyObject* ns = dict_new(rt);
    for (auto [key, value] : {std::pair<const char*, const char*>{"__module__", "__main__"}, {"__qualname__", name}}) {
        if (rt.profile().major == 2 && std::string(key) == "__qualname__") continue;
        PyObject* k = interned(rt, key);
        PyObject* v = interned(rt, value);
        REQUIRE(dict_setitem(rt, ns, k, v));
        rt.decref(k);
        rt.decref(v);
    }
    PyObject* n = interned(rt, name);
    PyObject* bases = tuple_new(rt, 0);
    PyObject* cls = type_new_class(rt, rt.builtins().type_type, n, bases, ns);
    rt.decref(ns);
    rt.decref(bases);
    rt.decref(n);
    REQUIRE(cls != nullptr);
    return reinterpret_cast<PyTypeObject*>(cls);
}

inline void free_class(Runtime& rt, PyTypeObject* cls) {
    heap_type_clear(rt, as_object(cls));
    rt.decref(as_object(cls));
}

inline PyObject* make_instance(Runtime& rt, PyTypeObject* cls) {
    PyObject* o = object_vectorcall(rt, as_object(cls), nullptr, 0, nullptr);
    REQUIRE(o != nullptr);
    return o;
}

// o.<name> = value
inline void set_attr(Runtime& rt, PyObject* o, const std::string& name, int64_t value) {
    PyObject* n = interned(rt, name);
    PyObject* v = long_from_int64(rt, value);
    REQUIRE(object_setattr(rt, o, n, v) == 0);
    rt.decref(v);
    rt.decref(n);
}

// The request sizes of the blocks made while `f` runs and still live after it, sorted.
template <class F>
std::vector<size_t> requests_of(Runtime& rt, F f) {
    rt.start_tracing();
    f();
    std::vector<size_t> out;
    for (auto [block, n] : rt.traced_blocks()) out.push_back(n);
    rt.stop_tracing();
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace pymemlab::test
