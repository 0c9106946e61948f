// Key-sharing instance dicts of 3.6-3.10 (object/dict_split.h): the class's cached keys, the split
// dicts and values arrays its instances get, and when a dict turns combined or the class stops
// sharing. Figures are CPython's, measured on the pyenv builds (3.6 figures less the pyenv GC
// header difference); tests/snippets/classes/split_keys_*.py run the same rules live.
#include <catch2/catch.hpp>
#include <algorithm>
#include <string>
#include <vector>

#include "checked_runtime.h"
#include "class_support.h"
#include "object_support.h"
#include "python_run.h"
#include "interp/modules.h"
#include "object/abstract.h"
#include "object/dict_internal.h"
#include "object/dict_object.h"
#include "object/dict_split.h"
#include "object/errors.h"
#include "object/heap_check.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"
#include "object/type_object.h"

using namespace pymemlab;
using namespace pymemlab::test;
using dict_detail::Keys;

namespace {

// del o.<name>: 0, or -1 with the exception set.
int del_attr(Runtime& rt, PyObject* o, const std::string& name) {
    PyObject* n = interned(rt, name);
    const int r = object_setattr(rt, o, n, nullptr);
    rt.decref(n);
    return r;
}

// o.__dict__, borrowed (the instance holds it).
PyObject* dict_of(Runtime& rt, PyObject* o) {
    PyObject* n = interned(rt, "__dict__");
    PyObject* d = object_getattr(rt, o, n);
    rt.decref(n);
    REQUIRE(d != nullptr);
    rt.decref(d);
    return d;
}

unsigned char* cached_keys(PyTypeObject* c) { return heap_type(c)->ht_cached_keys.p; }
unsigned char* as_dict_keys_block(PyObject* d) { return dict_detail::as_dict(d)->ma_keys.p; }
Keys keys_at(unsigned char* k) { return Keys(false, k); }
bool is_split(Runtime& rt, PyObject* d) { return dict_detail::split_values_of(rt, d) != nullptr; }

std::vector<std::string> keys_in_order(Runtime& rt, PyObject* d) {
    std::vector<std::string> out;
    for (PyObject* k : dict_keys(rt, d)) out.push_back(str_as_utf8(rt, k));
    return out;
}

// getsizeof as pyenv's builds print it (object_support.h: 3.6.15's GC header).
int64_t sizeof_as_measured(Runtime& rt, PyObject* o) {
    return object_sizeof(rt, o) + (rt.profile().minor == 6 ? kPyenv36GcExtra : 0);
}

constexpr const char* kSplitProfiles[] = {"3.6", "3.8", "3.10"};

}  // namespace

TEST_CASE("a class whose instances have a __dict__ starts with 8-slot keys that type.__sizeof__ counts",
          "[dict_split]") {
    for (const char* profile : kSplitProfiles) {
        CheckedRuntime rt(profile);
        INFO(profile);
        PyTypeObject* c = make_class(rt, "C");
        REQUIRE(cached_keys(c) != nullptr);
        const Keys keys = keys_at(cached_keys(c));
        CHECK(keys.size() == 8);
        CHECK(keys.lookup() == lookdict_split);
        CHECK(keys.refcnt() == 1);
        CHECK(keys.nentries() == 0);
        CHECK(type_cached_keys_bytes(rt, c) == 168);  // 40-byte header, 8 indices, 5 entries of 24
        free_class(rt, c);
    }
    CheckedRuntime rt27("2.7");
    PyTypeObject* c = make_class(rt27, "C");
    CHECK(cached_keys(c) == nullptr);
    free_class(rt27, c);
}

TEST_CASE("an instance's first attribute makes a dict object and a values array of five pointers", "[dict_split]") {
    for (const char* profile : kSplitProfiles) {
        CheckedRuntime rt(profile);
        INFO(profile);
        PyTypeObject* c = make_class(rt, "C");
        PyObject* o = make_instance(rt, c);
        const size_t dict_request = static_cast<size_t>(rt.profile().gc_head_size) + sizeof(PyDictObject);
        PyObject* a = interned(rt, "a");
        dict_clear_free_list(rt);  // so that the dict object is allocated too
        CHECK(requests_of(rt, [&] { set_attr(rt, o, "a", 1); }) == std::vector<size_t>{40, dict_request});
        rt.decref(a);
        PyObject* d = dict_of(rt, o);
        CHECK(is_split(rt, d));
        CHECK(as_dict_keys_block(d) == cached_keys(c));
        CHECK(keys_at(cached_keys(c)).refcnt() == 2);  // the class and the dict
        CHECK(sizeof_as_measured(rt, d) == (rt.profile().minor == 6 ? 120 : 104));
        CHECK(!rt.gc_is_tracked(d));  // an int value: nothing to track yet
        rt.decref(o);
        CHECK(keys_at(cached_keys(c)).refcnt() == 1);
        free_class(rt, c);
    }
}

TEST_CASE("instances storing the same names in the same order share one keys object", "[dict_split]") {
    CheckedRuntime rt("3.8");
    PyTypeObject* c = make_class(rt, "C");
    PyObject* a = make_instance(rt, c);
    PyObject* b = make_instance(rt, c);
    for (PyObject* o : {a, b}) {
        set_attr(rt, o, "x", 1);
        set_attr(rt, o, "y", 2);
    }
    const Keys keys = keys_at(cached_keys(c));
    CHECK(keys.refcnt() == 3);
    CHECK(keys.nentries() == 2);
    CHECK(keys.usable() == 3);
    CHECK(object_sizeof(rt, dict_of(rt, a)) == 104);
    CHECK(object_sizeof(rt, dict_of(rt, b)) == 104);
    // A dict read before any store is split with every key pending, and takes them in order.
    PyObject* e = make_instance(rt, c);
    PyObject* d = dict_of(rt, e);
    CHECK(is_split(rt, d));
    CHECK(dict_len(rt, d) == 0);
    set_attr(rt, e, "x", 3);
    CHECK(is_split(rt, d));
    CHECK(keys_in_order(rt, d) == std::vector<std::string>{"x"});
    for (PyObject* o : {a, b, e}) rt.decref(o);
    free_class(rt, c);
}

TEST_CASE("a name stored out of the shared order makes that dict combined and the class stop sharing", "[dict_split]") {
    for (const char* profile : kSplitProfiles) {
        CheckedRuntime rt(profile);
        INFO(profile);
        PyTypeObject* c = make_class(rt, "K");
        PyObject* k1 = make_instance(rt, c);
        set_attr(rt, k1, "a", 1);
        set_attr(rt, k1, "b", 2);
        PyObject* k2 = make_instance(rt, c);
        set_attr(rt, k2, "b", 3);
        set_attr(rt, k2, "a", 4);
        CHECK(cached_keys(c) == nullptr);
        PyObject* d1 = dict_of(rt, k1);
        PyObject* d2 = dict_of(rt, k2);
        CHECK(is_split(rt, d1));
        CHECK(!is_split(rt, d2));
        CHECK(keys_in_order(rt, d2) == std::vector<std::string>{"b", "a"});
        // k1's dict alone holds the keys now, so getsizeof counts them.
        CHECK(keys_at(as_dict_keys_block(d1)).refcnt() == 1);
        CHECK(sizeof_as_measured(rt, d1) == (rt.profile().minor == 6 ? 288 : 272));
        CHECK(sizeof_as_measured(rt, d2) == (rt.profile().minor == 6 ? 248 : 232));
        // Later instances get ordinary dicts.
        PyObject* k3 = make_instance(rt, c);
        set_attr(rt, k3, "a", 5);
        CHECK(!is_split(rt, dict_of(rt, k3)));
        for (PyObject* o : {k1, k2, k3}) rt.decref(o);
        free_class(rt, c);
    }
}

TEST_CASE("a store that fills the keys moves the class to the grown keys when no other dict shares them",
          "[dict_split]") {
    for (const char* profile : kSplitProfiles) {
        CheckedRuntime rt(profile);
        INFO(profile);
        PyTypeObject* c = make_class(rt, "G");
        unsigned char* first = cached_keys(c);
        PyObject* g = make_instance(rt, c);
        for (int i = 0; i < 5; ++i) set_attr(rt, g, "x" + std::to_string(i), i);
        const int keys_free = rt.builtins().dict_state.keys_numfree;
        PyObject* x5 = interned(rt, "x5");
        // The sixth: a 16-slot combined table (3.6: GROWTH_RATE 14; 3.8: 15; 3.10: 16) made split
        // again with ten values; the 8-slot keys go to the keys free list, the old values are freed.
        CHECK(requests_of(rt, [&] { set_attr(rt, g, "x5", 5); }) == std::vector<size_t>{80, 296});
        rt.decref(x5);
        CHECK(cached_keys(c) != first);
        CHECK(keys_at(cached_keys(c)).size() == 16);
        CHECK(keys_at(cached_keys(c)).lookup() == lookdict_split);
        CHECK(keys_at(cached_keys(c)).refcnt() == 2);
        CHECK(rt.builtins().dict_state.keys_numfree == keys_free + 1);
        PyObject* d = dict_of(rt, g);
        CHECK(is_split(rt, d));
        CHECK(sizeof_as_measured(rt, d) == (rt.profile().minor == 6 ? 160 : 144));
        CHECK(type_cached_keys_bytes(rt, c) == 296);
        rt.decref(g);
        free_class(rt, c);
    }
}

TEST_CASE("a store that fills keys another dict shares makes the class stop sharing", "[dict_split]") {
    for (const char* profile : kSplitProfiles) {
        CheckedRuntime rt(profile);
        INFO(profile);
        PyTypeObject* c = make_class(rt, "F");
        PyObject* f1 = make_instance(rt, c);
        set_attr(rt, f1, "a", 1);
        PyObject* f2 = make_instance(rt, c);
        for (int i = 0; i < 6; ++i) set_attr(rt, f2, "x" + std::to_string(i), i);
        CHECK(cached_keys(c) == nullptr);
        CHECK(sizeof_as_measured(rt, dict_of(rt, f1)) == (rt.profile().minor == 6 ? 288 : 272));
        CHECK(sizeof_as_measured(rt, dict_of(rt, f2)) == (rt.profile().minor == 6 ? 376 : 360));
        rt.decref(f1);
        rt.decref(f2);
        free_class(rt, c);
    }
}

TEST_CASE("deleting an attribute drops the class's keys even when the attribute is missing", "[dict_split]") {
    for (const char* profile : kSplitProfiles) {
        CheckedRuntime rt(profile);
        INFO(profile);
        PyTypeObject* c = make_class(rt, "D");
        PyObject* x = make_instance(rt, c);
        CHECK(del_attr(rt, x, "zz") == -1);
        REQUIRE(err_matches(rt, rt.builtins().exc.AttributeError));
        err_clear(rt);
        CHECK(cached_keys(c) == nullptr);
        // The dict made for the deletion is split, and now the only holder of the keys.
        CHECK(is_split(rt, dict_of(rt, x)));
        CHECK(sizeof_as_measured(rt, dict_of(rt, x)) == (rt.profile().minor == 6 ? 288 : 272));
        rt.decref(x);
        free_class(rt, c);

        PyTypeObject* e = make_class(rt, "E");
        PyObject* y = make_instance(rt, e);
        set_attr(rt, y, "a", 1);
        set_attr(rt, y, "b", 2);
        CHECK(del_attr(rt, y, "a") == 0);
        CHECK(cached_keys(e) == nullptr);
        PyObject* d = dict_of(rt, y);
        CHECK(!is_split(rt, d));  // combined at the same size, then the key deleted
        CHECK(dict_table_slots(rt, d) == 8);
        CHECK(keys_in_order(rt, d) == std::vector<std::string>{"b"});
        rt.decref(y);
        free_class(rt, e);
    }
}

TEST_CASE("a split table loses a key at its own size, where 3.10's growth rule would double it", "[dict_split]") {
    for (const char* profile : kSplitProfiles) {
        CheckedRuntime rt(profile);
        INFO(profile);
        PyTypeObject* c = make_class(rt, "B");
        PyObject* o = make_instance(rt, c);
        for (int i = 0; i < 7; ++i) set_attr(rt, o, "x" + std::to_string(i), i);
        PyObject* d = dict_of(rt, o);
        REQUIRE(dict_table_slots(rt, d) == 16);
        PyObject* key = interned(rt, "x1");
        PyObject* value = nullptr;
        CHECK(dict_pop(rt, d, key, &value) == 1);
        rt.decref(value);
        rt.decref(key);
        CHECK(!is_split(rt, d));
        CHECK(dict_table_slots(rt, d) == 16);
        CHECK(sizeof_as_measured(rt, d) == (rt.profile().minor == 6 ? 376 : 360));
        CHECK(cached_keys(c) != nullptr);  // a dict method, not setattr: the class keeps sharing
        rt.decref(o);
        free_class(rt, c);
    }
}

TEST_CASE("a str key stored in order through the dict grows the shared keys; any other key makes it combined",
          "[dict_split]") {
    CheckedRuntime rt("3.10");
    PyTypeObject* c = make_class(rt, "I");
    PyObject* i1 = make_instance(rt, c);
    PyObject* i2 = make_instance(rt, c);
    set_attr(rt, i1, "a", 1);
    set_attr(rt, i2, "a", 1);
    PyObject* b = interned(rt, "b");
    PyObject* one = long_from_int64(rt, 1);
    REQUIRE(dict_setitem(rt, dict_of(rt, i1), b, one));  // in order: the shared keys take "b"
    CHECK(is_split(rt, dict_of(rt, i1)));
    CHECK(keys_at(cached_keys(c)).nentries() == 2);
    REQUIRE(dict_setitem(rt, dict_of(rt, i2), one, one));  // an int key
    CHECK(!is_split(rt, dict_of(rt, i2)));
    CHECK(dict_table_slots(rt, dict_of(rt, i2)) == 16);  // GROWTH_RATE 3 through calculate_keysize
    CHECK(cached_keys(c) != nullptr);                    // only setattr changes what the class shares
    CHECK(keys_at(cached_keys(c)).lookup() == lookdict_split);
    rt.decref(one);
    rt.decref(b);
    rt.decref(i1);
    rt.decref(i2);
    free_class(rt, c);
}

TEST_CASE("a split dict's copy shares the keys, owns a values array and never comes from the free list",
          "[dict_split]") {
    for (const char* profile : {"3.6", "3.8", "3.10", "3.12"}) {
        CheckedRuntime rt(profile);
        INFO(profile);
        PyTypeObject* c = make_class(rt, "J");
        PyObject* j = make_instance(rt, c);
        set_attr(rt, j, "a", 5);
        PyObject* d = dict_of(rt, j);
        rt.decref(dict_new(rt));  // one dict waits on the free list
        const int numfree = rt.builtins().dict_state.numfree;
        REQUIRE(numfree > 0);
        const int64_t keys_refs = keys_at(as_dict_keys_block(d)).refcnt();
        PyObject* copy = dict_copy(rt, d);
        REQUIRE(copy != nullptr);
        CHECK(rt.builtins().dict_state.numfree == numfree);
        CHECK(is_split(rt, copy));
        CHECK(as_dict_keys_block(copy) == as_dict_keys_block(d));
        CHECK(keys_at(as_dict_keys_block(d)).refcnt() == keys_refs + 1);
        CHECK(object_sizeof(rt, copy) == object_sizeof(rt, d));
        rt.decref(copy);
        rt.decref(j);
        free_class(rt, c);
    }
}

TEST_CASE("keys that no class holds any more are claimed once, by one of the dicts sharing them", "[dict_split]") {
    CheckedRuntime rt("3.8");
    PyTypeObject* c = make_class(rt, "O");
    PyObject* a = make_instance(rt, c);
    PyObject* b = make_instance(rt, c);
    set_attr(rt, a, "v", 1);
    set_attr(rt, b, "v", 2);
    unsigned char* keys = cached_keys(c);
    PyObject* x = make_instance(rt, c);
    CHECK(del_attr(rt, x, "missing") == -1);
    err_clear(rt);
    REQUIRE(cached_keys(c) == nullptr);
    CHECK(keys_at(keys).refcnt() == 3);  // the dicts of a, b and x
    CHECK(rt.builtins().dict_state.orphan_keys.count(keys) == 1);
    CheckResult heap = check_heap(rt);
    INFO(heap.problem);
    CHECK(heap.ok);
    rt.decref(a);
    rt.decref(x);
    CHECK(check_heap(rt).ok);
    rt.decref(b);  // the last sharer frees the keys
    CHECK(rt.builtins().dict_state.orphan_keys.empty());
    free_class(rt, c);
}

TEST_CASE("a split dict traverses its values in index order and is tracked once one may be", "[dict_split]") {
    CheckedRuntime rt("3.8");
    PyTypeObject* c = make_class(rt, "T");
    PyObject* o = make_instance(rt, c);
    set_attr(rt, o, "a", 1);
    PyObject* d = dict_of(rt, o);
    CHECK(!rt.gc_is_tracked(d));
    PyObject* list_name = interned(rt, "b");
    PyObject* lst = list_new(rt, 0);
    REQUIRE(lst != nullptr);
    REQUIRE(object_setattr(rt, o, list_name, lst) == 0);
    CHECK(rt.gc_is_tracked(d));
    std::vector<PyObject*> seen;
    Py_TYPE(d)->tp_traverse(
        d, [](PyObject* r, void* arg) { static_cast<std::vector<PyObject*>*>(arg)->push_back(r); }, &seen);
    REQUIRE(seen.size() == 2);
    CHECK(seen[1] == lst);
    bool overflow = false;
    CHECK(long_as_int64(rt, seen[0], &overflow) == 1);
    rt.decref(lst);
    rt.decref(list_name);
    rt.decref(o);
    free_class(rt, c);
}

TEST_CASE("a split dict made combined takes a reference of its own to each key", "[dict_split]") {
    CheckedRuntime rt("3.10");
    PyTypeObject* c = make_class(rt, "R");
    PyObject* o = make_instance(rt, c);
    PyObject* other = make_instance(rt, c);
    set_attr(rt, o, "alpha", 1);
    set_attr(rt, other, "alpha", 1);
    PyObject* alpha = interned(rt, "alpha");
    const int64_t before = alpha->ob_refcnt;
    CHECK(del_attr(rt, o, "alpha") == 0);  // combined (one more reference), then deleted (one less)
    CHECK(alpha->ob_refcnt == before);
    set_attr(rt, o, "alpha", 2);  // the combined dict's own reference
    CHECK(alpha->ob_refcnt == before + 1);
    rt.decref(other);  // the shared keys die with the last sharer: their reference goes
    CHECK(alpha->ob_refcnt == before);
    rt.decref(alpha);
    rt.decref(o);
    free_class(rt, c);
}

TEST_CASE("scripts whose classes stop sharing keys print CPython's sizes and leave a consistent heap", "[dict_split]") {
    const char* source =
        "import sys, gc\n"
        "class P:\n"
        "    pass\n"
        "a, b, c = P(), P(), P()\n"
        "a.x = b.x = c.x = 1\n"
        "del c.x\n"                           // the class lets its keys go; a and b still share them
        "keep = vars(b)\n"
        "del a, b, P\n"                       // the dict outlives its instance and its class
        "gc.collect()\n"
        "print(sys.getsizeof(keep), keep)\n"  // the only sharer left: its keys count
        "class Q:\n"
        "    pass\n"
        "q = Q()\n"
        "for i in range(12):\n"
        "    setattr(q, 'k%d' % i, i)\n"
        "r = Q()\n"
        "r.k0 = 0\n"
        "print(sys.getsizeof(q.__dict__), sys.getsizeof(r.__dict__), sys.getsizeof(q.__dict__.copy()))\n";
    for (const char* profile : kPython3Profiles) {
        const RunOutput o = run_python(profile, source);  // the heap is checked as the runtime ends
        INFO(profile << ": " << o.err);
        CHECK(o.status == 0);
        if (std::string(profile) == "3.8" || std::string(profile) == "3.10")
            CHECK(o.out == "272 {'x': 1}\n232 232 232\n");  // 12 attributes: 32-slot keys, 21 values
    }
}

TEST_CASE("dicts that outlive their class keep the shared keys claimed once under every profile", "[dict_split]") {
    const char* source =
        "import gc\n"
        "class R:\n"
        "    pass\n"
        "o = R()\n"
        "o.x = 1\n"
        "d1 = vars(o)\n"
        "d2 = d1.copy()\n"
        "del o, R\n"
        "print(gc.collect() > 0, d1 == d2)\n";
    for (const char* profile : kPython3Profiles) {
        CheckedRuntime rt(profile);
        INFO(profile);
        std::string out;
        Interp in(rt);
        in.write = [&](int, std::string_view text) { out += text; };
        CHECK(run_source(in, source, RunMode::Script) == 0);
        CHECK(out == "True True\n");
        CHECK(rt.builtins().dict_state.orphan_keys.size() == 1);  // the class died and let them go
        const CheckResult heap = check_heap(rt);                   // while d1 and d2 are alive, their class is not
        INFO(heap.problem);
        CHECK(heap.ok);
    }
}
