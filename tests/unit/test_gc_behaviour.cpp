// The behaviours CPython's Lib/test/test_gc.py checks, rewritten for the lab's
// language: Python source run through the interpreter under each profile,
// asserting with `assert` as test_gc.py asserts with assertEqual. Ported:
// test_list, test_dict, test_tuple, test_class, test_instance, test_method,
// test_function, test_saveall, test_del, test_get_count (3.14 and earlier),
// test_is_tracked, test_is_finalized, test_get_referents, test_bug1055820b
// (weakref callbacks), test_get_stats, test_freeze,
// test_get_objects(_arguments), the resurrection tests, GCCallbackTests'
// test_collect and test_collect_generation, and the DEBUG_* output of
// gc_collect_main.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "checked_runtime.h"
#include "python_run.h"
#include "interp/interp.h"
#include "interp/run.h"
#include "object/runtime.h"

using namespace pymemlab;

namespace {

using Output = RunOutput;
Output run(const char* profile, std::string_view source) { return run_python(profile, source); }

// Runs `source` under each 3.x profile; it must finish without an exception and
// print "ok".
void check_all(std::string_view source,
               std::initializer_list<const char*> profiles = {"3.6", "3.8", "3.10", "3.11", "3.12", "3.13", "3.14"}) {
    for (const char* p : profiles) {
        INFO(p);
        Output o = run(p, source);
        INFO(o.err);
        CHECK(o.status == 0);
        CHECK(o.out == "ok\n");
    }
}

}  // namespace

TEST_CASE(
    "test_gc: self-referencing lists, dicts and tuples are one "
    "collectable cycle each",
    "[gc]") {
    check_all(R"(import gc
gc.collect()
l = []
l.append(l)
del l
assert gc.collect() == 1
d = {}
d[1] = d
del d
assert gc.collect() == 1
l = []
t = (l,)
l.append(t)
del t, l
assert gc.collect() == 2
print("ok")
)");
}

TEST_CASE("test_gc: classes, instances and bound methods in cycles are collected", "[gc]") {
    check_all(R"(import gc
gc.collect()
class A:
    pass
A.a = A
del A
assert gc.collect() != 0
class B:
    pass
b = B()
b.b = b
del b
assert gc.collect() != 0
class M:
    def __init__(self):
        self.init = self.__init__
m = M()
del m
assert gc.collect() != 0
print("ok")
)");
}

TEST_CASE(
    "test_gc: a function defined by exec in a dict it refers to is "
    "collected with it",
    "[gc]") {
    check_all(R"(import gc
gc.collect()
d = {}
exec("def f(): pass\n", d)
del d
assert gc.collect() == 2
print("ok")
)");
}

TEST_CASE("test_gc: DEBUG_SAVEALL keeps the garbage in gc.garbage", "[gc]") {
    check_all(R"(import gc
gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
l = []
l.append(l)
id_l = id(l)
del l
gc.collect()
assert len(gc.garbage) == 1 and id(gc.garbage[0]) == id_l
gc.set_debug(0)
del gc.garbage[:]
print("ok")
)");
}

TEST_CASE(
    "test_gc: __del__ in a cycle runs once and the cycle is freed "
    "(3.4+); 2.7 keeps it in gc.garbage",
    "[gc]") {
    check_all(R"(import gc
gc.collect()
runs = []
class A:
    def __del__(self):
        runs.append(1)
a = A()
a.a = a
del a
gc.disable()
gc.collect()
gc.enable()
assert runs == [1] and gc.garbage == []
print("ok")
)");
    Output o = run("2.7", R"(import gc
gc.collect()
class A(object):
    def __del__(self):
        pass
a = A()
a.a = a
del a
gc.collect()
print len(gc.garbage)
)");
    CHECK(o.out == "1\n");
}

TEST_CASE(
    "test_gc: get_count counts new containers, and a collection resets "
    "its generation",
    "[gc]") {
    // test_get_count: 3.13 counts allocations, 3.14 tracked objects; both see one
    // new list.
    check_all(R"(import gc
gc.collect()
a, b, c = gc.get_count()
x = []
d, e, f = gc.get_count()
assert (b, c) == (0, 0) and (e, f) == (0, 0)
assert d > a
gc.collect(0)
assert gc.get_count()[0] == 0
print("ok")
)");
}

TEST_CASE("test_gc: is_tracked and is_finalized follow CPython's rules", "[gc]") {
    check_all(R"(import gc
assert not gc.is_tracked(None) and not gc.is_tracked(1) and not gc.is_tracked("a")
assert not gc.is_tracked(()) and not gc.is_tracked(1.0)
assert gc.is_tracked([]) and gc.is_tracked(set())
class U:
    pass
assert gc.is_tracked(U) and gc.is_tracked(U())
print("ok")
)");
    check_all(R"(import gc
class Lazarus:
    def __del__(self):
        global storage
        storage = self
storage = None
lazarus = Lazarus()
assert not gc.is_finalized(lazarus)
del lazarus
gc.collect()
lazarus = storage
storage = None
assert gc.is_finalized(lazarus)
print("ok")
)",
              {"3.10", "3.12", "3.13", "3.14"});
}

TEST_CASE("test_gc: get_referents lists what tp_traverse visits", "[gc]") {
    check_all(R"(import gc
alist = [1, 3, 5]
got = gc.get_referents(alist)
got.sort()
assert got == alist
atuple = tuple(alist)
got = gc.get_referents(atuple)
got.sort()
assert got == alist
adict = {1: 3, 5: 7}
expected = [1, 3, 5, 7]
got = gc.get_referents(adict)
got.sort()
assert got == expected
got = gc.get_referents([1, 2], {3: 4}, (0, 0, 0))
got.sort()
assert got == [0, 0] + list(range(5))
assert gc.get_referents(1, 'a', 4.0) == []
print("ok")
)");
}

TEST_CASE("test_gc: a weakref callback sees its referent cleared and is called once", "[gc]") {
    check_all(R"(import gc, weakref
gc.collect()
class C:
    pass
calls = []
c = C()
c.loop = c
wr = weakref.ref(c, lambda ignore: calls.append(wr() is None))
del c
gc.collect()
assert calls == [True]
print("ok")
)");
}

TEST_CASE("test_gc: get_stats has one dict per generation counting collections", "[gc]") {
    check_all(R"(import gc
stats = gc.get_stats()
assert len(stats) == 3
for st in stats:
    assert sorted(st) == ['collected', 'collections', 'uncollectable']
    assert st['collections'] >= 0
gc.collect(0)
new = gc.get_stats()
assert new[0]['collections'] == stats[0]['collections'] + 1
gc.collect(2)
assert gc.get_stats()[2]['collections'] == stats[2]['collections'] + 1
print("ok")
)");
}

TEST_CASE(
    "test_gc: freeze moves everything to the permanent generation and "
    "unfreeze back",
    "[gc]") {
    check_all(R"(import gc
gc.freeze()
assert gc.get_freeze_count() > 0
gc.unfreeze()
assert gc.get_freeze_count() == 0
print("ok")
)",
              {"3.8", "3.12", "3.13", "3.14"});
}

TEST_CASE("test_gc: get_objects takes a generation and rejects bad ones", "[gc]") {
    check_all(R"(import gc
gc.collect()
l = []
assert any(o is l for o in gc.get_objects(0))
assert any(o is l for o in gc.get_objects())
try:
    gc.get_objects(1000)
except ValueError:
    pass
else:
    assert False
try:
    gc.get_objects(-1000)
except ValueError:
    pass
else:
    assert False
try:
    gc.get_objects("1")
except TypeError:
    pass
else:
    assert False
print("ok")
)",
              {"3.8", "3.12", "3.13", "3.14"});
}

TEST_CASE("test_gc: resurrection happens once per object and keeps what it reaches", "[gc]") {
    check_all(R"(import gc
gc.collect()
class Lazarus:
    def __del__(self):
        global storage
        storage = self
storage = None
lazarus = Lazarus()
lazarus.cargo = cargo = []
cargo.append(lazarus)
del lazarus, cargo
gc.collect()
assert storage is not None and storage.cargo[0] is storage
storage = None
assert gc.collect() >= 2
print("ok")
)",
              {"3.10", "3.12", "3.13", "3.14"});
}

TEST_CASE(
    "test_gc: gc.callbacks get start and stop with generation, "
    "collected, uncollectable",
    "[gc]") {
    check_all(R"(import gc
gc.collect()
seen = []
def cb(phase, info):
    seen.append((phase, info["generation"], info["collected"], info["uncollectable"]))
gc.callbacks.append(cb)
l = []
l.append(l)
del l
gc.collect()
gc.collect(0)
gc.callbacks.remove(cb)
assert seen[0] == ("start", 2, 0, 0)
assert seen[1] == ("stop", 2, 1, 0)
assert [s[:2] for s in seen[2:]] == [("start", 0), ("stop", 0)]
print("ok")
)");
}

TEST_CASE(
    "DEBUG_STATS, DEBUG_COLLECTABLE and DEBUG_UNCOLLECTABLE print "
    "CPython's lines to stderr",
    "[gc]") {
    Output o = run("3.12", R"(import gc
gc.collect()
l = []
l.append(l)
del l
gc.set_debug(gc.DEBUG_STATS | gc.DEBUG_COLLECTABLE)
gc.collect()
gc.set_debug(0)
)");
    CHECK(o.err.find("gc: collecting generation 2...\n") != std::string::npos);
    CHECK(o.err.find("gc: objects in permanent generation: 0\n") != std::string::npos);
    CHECK(o.err.find("gc: collectable <list 0x") != std::string::npos);
    CHECK(o.err.find("gc: done, 1 unreachable, 0 uncollectable, 0.0000s elapsed\n") != std::string::npos);
    Output old = run("2.7", R"(import gc
gc.collect()
class A(object):
    def __del__(self):
        pass
a = A()
a.a = a
del a
gc.set_debug(gc.DEBUG_UNCOLLECTABLE | gc.DEBUG_OBJECTS)
gc.collect()
gc.set_debug(0)
)");
    CHECK(old.err.find("gc: uncollectable <A 0x") != std::string::npos);
}
