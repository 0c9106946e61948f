// 2.7's classic classes (object/class_object27.h, object/instance_object27.h): the objects, the
// blocks they request and the references they hold, built without the parser or the VM; then,
// through the interpreter, the order a dying instance runs its weakref callbacks and __del__ in.
// Every figure is CPython 2.7.18's (tests/snippets/py27/classic_*.py compare more of them).
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "checked_runtime.h"
#include "class_support.h"
#include "interp/modules.h"
#include "lab/object_graph.h"
#include "object/builtins.h"
#include "object/class_object27.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/instance_object27.h"
#include "object/runtime.h"
#include "python_run.h"

using namespace pymemlab;
using pymemlab::test::interned;
using pymemlab::test::requests_of;

namespace {

// class <name>(*bases): with __module__ = '__main__', as 2.7's class body leaves it.
PyObject* make_classic(Runtime& rt, const char* name, std::vector<PyObject*> bases = {}) {
    PyObject* ns = dict_new(rt);
    PyObject* k = interned(rt, "__module__");
    PyObject* v = interned(rt, "__main__");
    REQUIRE(dict_setitem(rt, ns, k, v));
    rt.decref(k);
    rt.decref(v);
    PyObject* b = tuple_new(rt, static_cast<int64_t>(bases.size()));
    for (size_t i = 0; i < bases.size(); ++i) tuple_items(b)[i] = new_ref(rt, bases[i]);
    PyObject* n = interned(rt, name);
    PyObject* cls = class27_new(rt, b, ns, n);
    rt.decref(n);
    rt.decref(b);
    rt.decref(ns);
    REQUIRE(cls != nullptr);
    return cls;
}

PyObject* make_instance(Runtime& rt, PyObject* cls) {
    PyObject* inst = instance27_new(rt, cls, nullptr, 0, nullptr);
    REQUIRE(inst != nullptr);
    return inst;
}

}  // namespace

TEST_CASE("a classic class keeps its body's namespace, and its instance a dict of its own", "[classic]") {
    CheckedRuntime rt("2.7");
    PyObject* a = make_classic(rt, "A");
    CHECK(Py_TYPE(a) == rt.builtins().class27_type);
    CHECK(object_sizeof(rt, a) == 104);  // 72 bytes and the 32-byte GC header
    PyObject* ns = as_class27(a)->cl_dict.p;
    CHECK(ns->ob_refcnt == 1);  // the class's: the namespace itself, not a copy
    CHECK(dict_get_ascii(rt, ns, "__doc__") == rt.builtins().singletons.none);  // PyClass_New adds it
    CHECK(Py_SIZE(as_class27(a)->cl_bases.p) == 0);

    const Py_ssize_t class_refs = a->ob_refcnt;
    PyObject* inst = nullptr;
    // The instance (40 bytes + GC header) and its dict, made with it; 2.7's 280-byte dict is
    // above the small-object threshold, so only the instance is a pymalloc block.
    const std::vector<size_t> requests = requests_of(rt, [&] { inst = make_instance(rt, a); });
    CHECK(std::count(requests.begin(), requests.end(), size_t{72}) == 1);
    CHECK(Py_TYPE(inst) == rt.builtins().instance27_type);
    CHECK(object_sizeof(rt, inst) == 72);
    CHECK(as_instance27(inst)->in_dict.p != nullptr);
    CHECK(a->ob_refcnt == class_refs + 1);  // the instance holds its class
    CHECK(object_label(rt, a) == "<class A>");  // the graph panel's names
    CHECK(object_label(rt, inst) == "A instance");
    rt.decref(inst);
    CHECK(a->ob_refcnt == class_refs);
    rt.decref(a);
}

TEST_CASE("a classic class finds a name in its dict, then its bases' depth first", "[classic]") {
    CheckedRuntime rt("2.7");
    PyObject* base = make_classic(rt, "Base");
    PyObject* left = make_classic(rt, "Left", {base});
    PyObject* right = make_classic(rt, "Right");
    PyObject* derived = make_classic(rt, "Derived", {left, right});
    PyObject* x = interned(rt, "x");
    PyObject* one = long_from_int64(rt, 1);
    PyObject* two = long_from_int64(rt, 2);
    REQUIRE(object_setattr(rt, right, x, two) == 0);
    REQUIRE(object_setattr(rt, base, x, one) == 0);
    // Left's base comes before Right: depth first, as 2.7's class_lookup.
    CHECK(class27_lookup(rt, derived, x) == one);
    CHECK(class27_is_subclass(rt, derived, base));
    CHECK_FALSE(class27_is_subclass(rt, right, base));
    PyObject* inst = make_instance(rt, derived);
    PyObject* got = object_getattr(rt, inst, x);
    CHECK(got == one);
    rt.xdecref(got);
    PyObject* missing = interned(rt, "missing");
    CHECK(object_getattr(rt, inst, missing) == nullptr);
    CHECK(err_matches(rt, rt.builtins().exc.AttributeError));
    err_clear(rt);
    for (PyObject* o : {missing, inst, x, one, two, derived, right, left, base}) rt.decref(o);
}

TEST_CASE("a dying classic instance runs its weakref callbacks, then __del__, at every death", "[classic]") {
    const char* source =
        "import weakref\n"
        "class A:\n"
        "    keep = []\n"
        "    deaths = [0]\n"
        "    def __del__(self):\n"
        "        A.deaths[0] += 1\n"
        "        print 'del', A.deaths[0]\n"
        "        if A.deaths[0] == 1: A.keep.append(self)\n"
        "a = A()\n"
        "r = weakref.ref(a, lambda w: __import__('sys').stdout.write('callback\\n'))\n"
        "del a\n"
        "print r() is None, len(A.keep)\n"
        "A.keep.pop()\n"
        "print 'end'\n";
    RunOutput o = run_python("2.7", source);
    CHECK(o.err.empty());
    // 2.7.18: the weakref dies first, __del__ resurrects the instance, and it runs again when
    // the instance dies the second time (no PEP 442 in 2.7).
    CHECK(o.out == "callback\ndel 1\nTrue 1\ndel 2\nend\n");
}

TEST_CASE("classobj and instance are 2.7's alone", "[classic]") {
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        CheckedRuntime rt(profile);
        CHECK(rt.builtins().class27_type == nullptr);
        CHECK(rt.builtins().instance27_type == nullptr);
        CHECK(run_python(profile, "class A: pass\nprint(type(A).__name__, type(A()).__name__)\n").out == "type A\n");
    }
}
