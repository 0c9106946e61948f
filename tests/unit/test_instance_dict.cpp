// Instance attribute storage per profile (object/instance_values.h): the blocks an instance and
// its values take, where the pre-header sits, when a __dict__ object comes to exist and what
// sys.getsizeof says of it. Figures are CPython's, measured on the pyenv builds
// (tests/data/types-<version>.tsv; tests/snippets/classes/instance_*getsizeof.py run them live).
#include <catch2/catch.hpp>
#include <algorithm>
#include <string>
#include <vector>

#include "checked_runtime.h"
#include "class_support.h"
#include "interp/modules.h"
#include "object/abstract.h"
#include "object/dict_object.h"
#include "object/instance_values.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"
#include "object/type_object.h"
#include "object/weakref_object.h"
#include "profile/type_sizes.h"

using namespace pymemlab;
using namespace pymemlab::test;

namespace {

int64_t get_attr(Runtime& rt, PyObject* o, const std::string& name) {
    PyObject* n = interned(rt, name);
    PyObject* v = object_getattr(rt, o, n);
    rt.decref(n);
    REQUIRE(v != nullptr);
    bool overflow = false;
    const int64_t out = long_as_int64(rt, v, &overflow);
    rt.decref(v);
    return out;
}

// o.__dict__, a new reference.
PyObject* instance_dict(Runtime& rt, PyObject* o) {
    PyObject* n = interned(rt, "__dict__");
    PyObject* d = object_getattr(rt, o, n);
    rt.decref(n);
    return d;
}

// The live dict objects the runtime knows of.
int64_t live_dicts(Runtime& rt) {
    int64_t n = 0;
    for (PyObject* o : rt.live_objects())
        if (Py_TYPE(o) == rt.builtins().dict_type) ++n;
    return n;
}

}  // namespace

TEST_CASE("a 3.11 instance is a pre-header, GC header and 24-byte object, with its values in a block of their own",
          "[instance_dict]") {
    CheckedRuntime rt("3.11");
    PyTypeObject* c = make_class(rt, "C");
    CHECK(type_has_managed_dict(c));
    CHECK(c->tp_basicsize == 24);  // object + the weakref list; the dict is managed
    CHECK(c->tp_dictoffset == -1);
    PyObject* o = nullptr;
    // The first instance takes one of the shared keys' 30 usable entries: values for 29.
    auto req = requests_of(rt, [&] { o = make_instance(rt, c); });
    CHECK(req == std::vector<size_t>{56, static_cast<size_t>(type_sizes(rt.profile()).values_bytes(29))});
    CHECK(object_sizeof(rt, o) == 56);
    CHECK(rt.id(o) - rt.allocator().address_of(rt.block_of(o)) == 32);  // pre-header, then GC header
    rt.decref(o);
    free_class(rt, c);
}

TEST_CASE("a 3.12 instance keeps __dict__ and __weakref__ in its pre-header: a 48-byte block and its values",
          "[instance_dict]") {
    CheckedRuntime rt("3.12");
    PyTypeObject* c = make_class(rt, "C");
    CHECK(c->tp_basicsize == 16);
    CHECK(c->tp_weaklistoffset == kManagedWeakrefOffset);
    PyObject* first = make_instance(rt, c);
    PyObject* o = nullptr;
    // The second instance: 30 - 2 = 28 values (256 bytes with the order prefix).
    auto req = requests_of(rt, [&] { o = make_instance(rt, c); });
    CHECK(req == std::vector<size_t>{48, 256});
    PyObject* ref = weakref_new_ref(rt, o, nullptr);
    REQUIRE(ref != nullptr);
    CHECK(*weakref_list_ptr(o) == reinterpret_cast<PyWeakReference*>(ref));
    CHECK(reinterpret_cast<char*>(weakref_list_ptr(o)) == reinterpret_cast<char*>(o) - 32);
    rt.decref(ref);
    rt.decref(o);
    rt.decref(first);
    free_class(rt, c);
}

TEST_CASE("a 3.13 instance holds its values inline: one block sized from the keys before the take",
          "[instance_dict]") {
    CheckedRuntime rt("3.13");
    PyTypeObject* c = make_class(rt, "C");
    CHECK((c->tp_flags & Py_TPFLAGS_INLINE_VALUES) != 0);
    PyObject* o = nullptr;
    // 16 pre-header + 16 GC header + 16 object + values sized for 30 (280): 328, getsizeof 48.
    auto req = requests_of(rt, [&] { o = make_instance(rt, c); });
    CHECK(req == std::vector<size_t>{328});
    CHECK(object_sizeof(rt, o) == 48);
    rt.decref(o);
    free_class(rt, c);
}

TEST_CASE("attributes stored in 3.11+ values make no dict object until __dict__ is read", "[instance_dict]") {
    for (const char* profile : {"3.11", "3.12", "3.13"}) {
        CheckedRuntime rt(profile);
        INFO(profile);
        PyTypeObject* c = make_class(rt, "C");
        PyObject* o = make_instance(rt, c);
        const int64_t dicts = live_dicts(rt);
        auto req = requests_of(rt, [&] {
            for (int i = 0; i < 5; ++i) set_attr(rt, o, "a" + std::to_string(i), 1000 + i);
        });
        CHECK(live_dicts(rt) == dicts);
        CHECK(get_attr(rt, o, "a3") == 1003);
        // The ints and the names only: no dict object, no keys table, no values block.
        for (size_t n : req) {
            CAPTURE(n);
            const size_t name = rt.profile().at_least(3, 12) ? 43 : 51;  // "a0": a compact ASCII str of 2
            CHECK((n == 28 || n == 32 || n == name));                       // an int (the model's request) or a name
        }
        PyObject* d = instance_dict(rt, o);
        REQUIRE(d != nullptr);
        CHECK(live_dicts(rt) == dicts + 1);  // the dict object (from the free list); keys and values are shared
        CHECK(dict_len(rt, d) == 5);
        // _PyDict_SizeOf: 48 + GC header + shared_keys_usable_size (29 for the first instance) pointers.
        CHECK(dict_sizeof(rt, d) == 64 + 8 * 29);
        set_attr(rt, o, "a5", 1005);  // through the values (3.13) or the dict (3.11, 3.12)
        CHECK(dict_len(rt, d) == 6);
        rt.decref(d);
        rt.decref(o);
        free_class(rt, c);
    }
}

TEST_CASE("a 30th attribute moves a 3.11+ instance to a combined dict of 128 slots", "[instance_dict]") {
    for (const char* profile : {"3.11", "3.12", "3.13"}) {
        CheckedRuntime rt(profile);
        INFO(profile);
        PyTypeObject* c = make_class(rt, "C");
        PyObject* o = make_instance(rt, c);
        for (int i = 0; i < 29; ++i) set_attr(rt, o, "x" + std::to_string(i), i);
        const int64_t dicts = live_dicts(rt);
        set_attr(rt, o, "x29", 29);
        CHECK(live_dicts(rt) == dicts + 1);
        PyObject* d = instance_dict(rt, o);
        REQUIRE(d != nullptr);
        CHECK(dict_len(rt, d) == 30);
        CHECK(dict_sizeof(rt, d) == 1584);  // 64 + a 128-slot str-keyed table (1520)
        CHECK(get_attr(rt, o, "x0") == 0);
        CHECK(get_attr(rt, o, "x29") == 29);
        rt.decref(d);
        rt.decref(o);
        free_class(rt, c);
    }
}

TEST_CASE("deleting an attribute from 3.11+ values keeps the dict split and its order", "[instance_dict]") {
    for (const char* profile : {"3.11", "3.12", "3.13"}) {
        CheckedRuntime rt(profile);
        INFO(profile);
        PyTypeObject* c = make_class(rt, "C");
        PyObject* o = make_instance(rt, c);
        set_attr(rt, o, "a", 1);
        set_attr(rt, o, "b", 2);
        set_attr(rt, o, "c", 3);
        PyObject* name = interned(rt, "b");
        REQUIRE(object_setattr(rt, o, name, nullptr) == 0);
        rt.decref(name);
        set_attr(rt, o, "b", 4);
        PyObject* d = instance_dict(rt, o);
        REQUIRE(d != nullptr);
        CHECK(dict_sizeof(rt, d) == 64 + 8 * 29);
        std::vector<std::string> keys;
        for (PyObject* k : dict_keys(rt, d)) keys.push_back(str_as_utf8(rt, k));
        CHECK(keys == std::vector<std::string>{"a", "c", "b"});
        rt.decref(d);
        rt.decref(o);
        free_class(rt, c);
    }
}

TEST_CASE("profiles up to 3.10 keep the __dict__ pointer in the instance and no pre-header", "[instance_dict]") {
    for (const char* profile : {"2.7", "3.8", "3.10"}) {
        CheckedRuntime rt(profile);
        INFO(profile);
        PyTypeObject* c = make_class(rt, "C");
        CHECK(!type_has_managed_dict(c));
        CHECK(c->tp_dictoffset == 16);
        PyObject* o = make_instance(rt, c);
        CHECK(rt.id(o) - rt.allocator().address_of(rt.block_of(o)) == rt.profile().gc_head_size);
        rt.decref(o);
        free_class(rt, c);
    }
}
