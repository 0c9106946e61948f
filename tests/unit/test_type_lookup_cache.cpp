// The host's cache of class attribute lookups (Runtime::type_lookup_entry) answers only while a
// class keeps its version: a change to the class or to a base, made any way, a __del__ running
// in the middle of one, and a collected class leave no stale answer. Each run ends with the
// heap check.
#include <catch2/catch.hpp>

#include <string>

#include "python_run.h"

using namespace pymemlab;

TEST_CASE("class attribute lookups see every change to the class and its bases", "[type cache]") {
    const char* source = R"PY(import gc
class A(object):
    x = 1
    def m(self): return 'A.m'
class B(A):
    pass
b = B()
seen = [b.x, b.m()]
A.x = 2
A.m = lambda self: 'new m'
seen += [b.x, b.m()]
B.x = 3
seen.append(b.x)
del B.x
seen.append(b.x)
del A.x
try:
    b.x
except AttributeError:
    seen.append('gone')
name = ''.join(['dyn', 'amic'])
setattr(A, name, 4)
seen.append(getattr(b, 'dyn' + 'amic'))
class D(object):
    def __del__(self):
        seen.append(('del sees', A.slot))
A.slot = D()
A.slot = 5
seen.append(A.slot)
print(seen)
class E(object):
    pass
E.self = E
e_attr = E.self is E
del E
gc.collect()
class F(object):
    self = None
print(e_attr, F.self)
)PY";
    for (const char* profile : kPython3Profiles) {
        RunOutput o = run_python(profile, source);
        INFO(profile << ": " << o.err);
        REQUIRE(o.status == 0);
        CHECK(o.out ==
              "[1, 'A.m', 2, 'new m', 3, 2, 'gone', 4, ('del sees', 5), 5]\n"
              "True None\n");
    }
}
