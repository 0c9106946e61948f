// Weak references (core/object/weakref_object.h) and the weakref module (core/interp/weakrefmodule.cpp):
// a weakref dies with its referent and never holds it, the basic ref is shared, callbacks run
// newest first after every weakref is cleared, proxies forward until the referent dies, and the
// weak containers forget dead entries. The Python cases print what CPython prints for the profile.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "checked_runtime.h"
#include "python_run.h"
#include "interp/interp.h"
#include "interp/run.h"
#include "object/builtins.h"
#include "object/list_object.h"
#include "object/runtime.h"
#include "object/set_object.h"
#include "object/weakref_object.h"
#include "profile/type_sizes.h"

using namespace pymemlab;

namespace {

using Output = RunOutput;
Output run(const char* profile, std::string_view source) { return run_python(profile, source); }


}  // namespace

TEST_CASE("a weak reference dies with its referent and never holds a reference to it", "[weakref]") {
    for (const char* profile : {"2.7", "3.8", "3.12"}) {
        INFO(profile);
        CheckedRuntime rt(profile);
        PyObject* s = set_new(rt);
        REQUIRE(s != nullptr);
        const Py_ssize_t before = s->ob_refcnt;
        PyObject* r = weakref_new_ref(rt, s, nullptr);
        REQUIRE(r != nullptr);
        CHECK(s->ob_refcnt == before);
        CHECK(weakref_referent(rt, r) == s);
        CHECK(weakref_count(s) == 1);
        rt.decref(s);
        CHECK(weakref_referent(rt, r) == nullptr);
        CHECK(as_weakref(r)->wr_object.p == rt.builtins().singletons.none);
        CHECK(as_weakref(r)->wr_prev.p == nullptr);
        CHECK(as_weakref(r)->wr_next.p == nullptr);
        rt.decref(r);
    }
}

TEST_CASE("ref(o) without a callback is shared, and others follow the basic ref and proxy, newest first", "[weakref]") {
    CheckedRuntime rt("3.12");
    PyObject* s = set_new(rt);
    PyObject* cb = rt.builtins().singletons.true_;  // any object will do: it is never called here
    PyObject* with_cb1 = weakref_new_ref(rt, s, cb);
    PyObject* basic = weakref_new_ref(rt, s, nullptr);
    PyObject* again = weakref_new_ref(rt, s, rt.builtins().singletons.none);  // None means no callback
    PyObject* proxy = weakref_new_proxy(rt, s, nullptr);
    PyObject* with_cb2 = weakref_new_ref(rt, s, cb);
    CHECK(again == basic);
    CHECK(basic->ob_refcnt == 2);
    PyObject* list = weakref_list_of(rt, s);
    REQUIRE(list != nullptr);
    REQUIRE(Py_SIZE(list) == 4);
    CHECK(list_items(list)[0] == basic);
    CHECK(list_items(list)[1] == proxy);
    CHECK(list_items(list)[2] == with_cb2);
    CHECK(list_items(list)[3] == with_cb1);
    CHECK(Py_TYPE(proxy) == rt.builtins().weakproxy_type);  // a set is not callable
    rt.decref(list);
    for (PyObject* o : {with_cb1, basic, again, proxy, with_cb2}) rt.decref(o);
    CHECK(weakref_count(s) == 0);
    rt.decref(s);
}

TEST_CASE("a weakref holds its callback, and drops it once the referent is gone", "[weakref]") {
    CheckedRuntime rt("3.10");
    PyObject* s = set_new(rt);
    PyObject* cb = set_new(rt);  // not callable: the callback's failure is reported, not raised
    PyObject* r = weakref_new_ref(rt, s, cb);
    CHECK(cb->ob_refcnt == 2);
    rt.decref(s);
    CHECK(cb->ob_refcnt == 1);
    CHECK(as_weakref(r)->wr_callback.p == nullptr);
    CHECK(rt.tstate().stderr_text.find("TypeError: 'set' object is not callable") != std::string::npos);
    rt.decref(r);
    rt.decref(cb);
}

TEST_CASE("objects without a weakref list cannot be weakly referenced", "[weakref]") {
    CheckedRuntime rt("3.12");
    PyObject* l = list_new(rt, 0);
    CHECK(weakref_new_ref(rt, l, nullptr) == nullptr);
    CHECK(weakref_count(l) == 0);
    rt.decref(l);
    Output o = run("3.12",
                   "import weakref\n"
                   "for x in (1, [], (), {}):\n"
                   "    try:\n"
                   "        weakref.ref(x)\n"
                   "    except TypeError as e:\n"
                   "        print(e)\n");
    CHECK(o.out ==
          "cannot create weak reference to 'int' object\ncannot create weak reference to 'list' object\n"
          "cannot create weak reference to 'tuple' object\ncannot create weak reference to 'dict' object\n");
}

TEST_CASE("callbacks run newest first, after every weakref to the object is cleared", "[weakref]") {
    const char* source =
        "import weakref\n"
        "class C:\n"
        "    pass\n"
        "c = C()\n"
        "refs = []\n"
        "def cb(r):\n"
        "    print(refs.index(r), [x() is None for x in refs])\n"
        "refs = [weakref.ref(c, cb) for _ in range(3)]\n"
        "basic = weakref.ref(c)\n"
        "del c\n"
        "print(basic() is None, refs[0]() is None)\n";
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == "2 [True, True, True]\n1 [True, True, True]\n0 [True, True, True]\nTrue True\n");
    }
}

TEST_CASE("__del__ runs before the callbacks, which see the weakref already dead", "[weakref]") {
    const char* source =
        "import weakref\n"
        "class C:\n"
        "    def __del__(self):\n"
        "        print('del', r() is self)\n"
        "c = C()\n"
        "r = weakref.ref(c, lambda w: print('callback', w is r, w() is None))\n"
        "del c\n";
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.out == "del True\ncallback True True\n");
    }
}

TEST_CASE("an exception in a callback is reported as unraisable and the other callbacks still run", "[weakref]") {
    const char* source =
        "import weakref\n"
        "class C:\n"
        "    pass\n"
        "def boom(r):\n"
        "    raise ValueError('boom')\n"
        "c = C()\n"
        "r1 = weakref.ref(c, lambda r: print('first'))\n"
        "r2 = weakref.ref(c, boom)\n"
        "del c\n"
        "print('after')\n";
    for (const char* profile : {"3.8", "3.12"}) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.status == 0);
        CHECK(o.out == "first\nafter\n");
        CHECK(o.err.find("Exception ignored in: <function boom at 0x") != std::string::npos);
        CHECK(o.err.find("ValueError: boom\n") != std::string::npos);
    }
}

TEST_CASE("weak references change no refcount and take the profile's size", "[weakref]") {
    const char* source =
        "import sys, weakref\n"
        "class C:\n"
        "    pass\n"
        "c = C()\n"
        "before = sys.getrefcount(c)\n"
        "r = weakref.ref(c)\n"
        "p = weakref.proxy(c)\n"
        "print(sys.getrefcount(c) - before, sys.getrefcount(r), weakref.getweakrefcount(c))\n"
        "print(sys.getsizeof(r), sys.getsizeof(p))\n"
        "print(c.__weakref__ is r, weakref.getweakrefs(c) == [r, p])\n";
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        const Profile& p = *find_profile(profile);
        const std::string size = std::to_string(type_sizes(p).weakref + p.gc_head_size);
        Output o = run(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == "0 2 2\n" + size + " " + size + "\nTrue True\n");
    }
}

TEST_CASE("a proxy forwards to its referent and raises ReferenceError once it died", "[weakref]") {
    const char* source =
        "import weakref\n"
        "class Box:\n"
        "    def __init__(self):\n"
        "        self.items = [1, 2]\n"
        "    def __len__(self):\n"
        "        return len(self.items)\n"
        "    def __add__(self, n):\n"
        "        return len(self.items) + n\n"
        "b = Box()\n"
        "p = weakref.proxy(b)\n"
        "print(len(p), p.items, p + 1, isinstance(p, Box), type(p).__name__)\n"
        "p.extra = 3\n"
        "print(b.extra)\n"
        "del b\n"
        "try:\n"
        "    p.items\n"
        "except ReferenceError as e:\n"
        "    print(e)\n";
    Output o = run("3.12", source);
    CHECK(o.out == "2 [1, 2] 3 True ProxyType\n3\nweakly-referenced object no longer exists\n");
    o = run("3.8", source);
    CHECK(o.out == "2 [1, 2] 3 True weakproxy\n3\nweakly-referenced object no longer exists\n");
}

TEST_CASE("WeakValueDictionary, WeakKeyDictionary and WeakSet forget what dies", "[weakref]") {
    const char* source =
        "import weakref\n"
        "class C:\n"
        "    pass\n"
        "a, b = C(), C()\n"
        "values = weakref.WeakValueDictionary({'a': a, 'b': b})\n"
        "keys = weakref.WeakKeyDictionary({a: 1, b: 2})\n"
        "members = weakref.WeakSet([a, b])\n"
        "print(len(values), len(keys), len(members), values['a'] is a, keys[b], a in members)\n"
        "del a\n"
        "print(sorted(values), len(keys), len(members), list(values.values())[0] is b)\n"
        "for k in values:\n"
        "    del b\n"
        "print(len(values), len(keys), len(members))\n";
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        Output o = run(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == "2 2 2 True 2 True\n['b'] 1 1 True\n0 0 0\n");
    }
}

TEST_CASE("finalize calls its function once, when the object dies or when called", "[weakref]") {
    const char* source =
        "import weakref\n"
        "class C:\n"
        "    pass\n"
        "a, b = C(), C()\n"
        "fa = weakref.finalize(a, print, 'a gone')\n"
        "fb = weakref.finalize(b, print, 'b gone')\n"
        "print(fa.alive, fb.alive)\n"
        "del a\n"
        "fb()\n"
        "del b\n"
        "print(fa.alive, fb.alive, fb() is None)\n";
    Output o = run("3.12", source);
    CHECK(o.out == "True True\na gone\nb gone\nFalse False True\n");
}

TEST_CASE("WeakMethod and classes derived from ref keep ref's behaviour", "[weakref]") {
    const char* source =
        "import weakref\n"
        "class C:\n"
        "    def m(self):\n"
        "        return 'm'\n"
        "class Named(weakref.ref):\n"
        "    __slots__ = ('name',)\n"
        "c = C()\n"
        "wm = weakref.WeakMethod(c.m)\n"
        "n = Named(c)\n"
        "n.name = 'x'\n"
        "print(wm()(), isinstance(wm, weakref.ref), n() is c, n.name, n is weakref.ref(c))\n"
        "print(weakref.getweakrefcount(c))\n"
        "del c\n"
        "print(wm() is None, n() is None)\n";
    Output o = run("3.12", source);
    CHECK(o.err.empty());
    CHECK(o.out == "m True True x False\n2\nTrue True\n");
}
