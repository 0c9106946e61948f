// list behaviour (list_object.cpp, list_subscript.cpp, list_methods.cpp, list_sort.cpp): methods,
// their argument errors in each version's words, slices, the sort's comparisons, sizes after
// growth, and the references a list and its operations hold. Python-level cases run source
// through the interpreter and compare with the output of the profile's CPython (pyenv builds;
// 3.14 through Pyodide where the answer does not depend on pointer size).
#include <catch2/catch.hpp>

#include <string>

#include "checked_runtime.h"
#include "object/abstract.h"
#include "object/iter_object.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/tuple_object.h"
#include "python_run.h"

using namespace pymemlab;

namespace {

const char* const kMethods = R"PY(a = [3, 1, 2]
a.append(4); a.insert(0, 0); a.insert(-100, -1); a.insert(100, 9)
print(a, a.pop(), a.pop(0), a.pop(-2))
a.extend((5, 6)); a.extend(range(2)); a.remove(5)
print(a, a.index(1), a.count(1), a.index(1, 3))
b = a[:]; b.reverse(); del a[:]
print(a, b, a.sort(), b.sort(), b)
)PY";

const char* const kArgumentErrors = R"PY(def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ': ' + str(e))
L = [1, 2, 3]
show(lambda: L.insert(1))
show(lambda: L.append())
show(lambda: L.pop(1, 2))
show(lambda: L.pop(1.5))
show(lambda: L.index())
show(lambda: L.sort(1))
show(lambda: L.sort(foo=1))
show(lambda: L.remove(9))
show(lambda: L.index(9))
show(lambda: [].pop())
show(lambda: L.pop(5))
show(lambda: L[5])
show(lambda: L['a'])
show(lambda: L + (1,))
show(lambda: list(1, 2))
)PY";

const char* const kSorting = R"PY(pairs = [(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')]
print(sorted(pairs, key=lambda p: p[0]), sorted(pairs, key=lambda p: p[0], reverse=True))
x = [3, 1, 2]
x.sort(reverse=True)
print(x)
try:
    x.sort(key=lambda v: (x.append(0), v)[1])
except ValueError as e:
    print(e, x)
vals = []
s = 12345
for i in range(600):
    s = (s * 1103515245 + 12345) % 2147483648
    vals.append(s % 97)
calls = []
class K(object):
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        calls.append((self.v, o.v)); return self.v < o.v
for data, rev in [(vals, False), (vals, True), ([v % 7 for v in vals] + sorted(vals) + sorted(vals, reverse=True), False)]:
    calls[:] = []
    ks = [K(v) for v in data]
    ks.sort(reverse=rev)
    print(len(calls), sum(i * (a * 7 + b) for i, (a, b) in enumerate(calls)) % 1000003, [k.v for k in ks] == sorted(data, reverse=rev))
)PY";

const char* const kSlices = R"PY(x = list(range(10))
x[2:5] = 'ab'; print(x)
x[::3] = [7, 8, 9]; print(x)
del x[::2]; print(x)
x[1:3] = x; print(x)
x[::-1] = x; print(x)
del x[-1:-5:-2]; print(x)
x[5:1] = [0]; print(x)
try:
    x[::2] = [1]
except ValueError as e:
    print(e)
try:
    x[0:2] = 1
except TypeError as e:
    print(e)
try:
    x[::2] = 1
except TypeError as e:
    print(e)
try:
    del x[100]
except IndexError as e:
    print(e)
)PY";

const char* const kSizes = R"PY(import sys
def gen(n):
    for i in range(n): yield i
S = sys.getsizeof
a = []; a.extend((1,))
b = [0]; b.extend((1, 2, 3, 4, 5))
c = list(gen(9))
d = [x for x in range(5)]
e = list({1: 1, 2: 2, 3: 3})
f = [0]; f *= 100
g = list(range(20))
for i in range(15): g.pop()
print(S(list(range(5))), S(a), S(b), S(c), S(d), S(e), S(f), S(g))
)PY";

}  // namespace

TEST_CASE("list methods change the list in place and return what CPython returns", "[list]") {
    const char* expected3 = R"PY([0, 3, 1, 4] 9 -1 2
[0, 3, 1, 4, 6, 0, 1] 2 2 6
[] [0, 0, 1, 1, 3, 4, 6] None None [0, 0, 1, 1, 3, 4, 6]
)PY";
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        RunOutput o = run_python(profile, kMethods);
        CHECK(o.err.empty());
        CHECK(o.out == expected3);
    }
    CHECK(run_python("2.7", kMethods).out == R"PY(([0, 3, 1, 4], 9, -1, 2)
([0, 3, 1, 4, 6, 0, 1], 2, 2, 6)
([], [0, 0, 1, 1, 3, 4, 6], None, None, [0, 0, 1, 1, 3, 4, 6])
)PY");
}

TEST_CASE("list method argument errors are worded as each version words them", "[list]") {
    const std::pair<const char*, const char*> cases[] = {
        {"2.7", R"PY(TypeError: insert() takes exactly 2 arguments (1 given)
TypeError: append() takes exactly one argument (0 given)
TypeError: pop() takes at most 1 argument (2 given)
TypeError: integer argument expected, got float
TypeError: index() takes at least 1 argument (0 given)
TypeError: 'int' object is not callable
TypeError: 'foo' is an invalid keyword argument for this function
ValueError: list.remove(x): x not in list
ValueError: 9 is not in list
IndexError: pop from empty list
IndexError: pop index out of range
IndexError: list index out of range
TypeError: list indices must be integers, not str
TypeError: can only concatenate list (not "tuple") to list
TypeError: list() takes at most 1 argument (2 given)
)PY"},  {"3.6", R"PY(TypeError: insert() takes exactly 2 arguments (1 given)
TypeError: append() takes exactly one argument (0 given)
TypeError: pop() takes at most 1 argument (2 given)
TypeError: integer argument expected, got float
TypeError: index() takes at least 1 argument (0 given)
TypeError: must use keyword argument for key function
TypeError: 'foo' is an invalid keyword argument for this function
ValueError: list.remove(x): x not in list
ValueError: 9 is not in list
IndexError: pop from empty list
IndexError: pop index out of range
IndexError: list index out of range
TypeError: list indices must be integers or slices, not str
TypeError: can only concatenate list (not "tuple") to list
TypeError: list() takes at most 1 argument (2 given)
)PY"},   {"3.8", R"PY(TypeError: insert expected 2 arguments, got 1
TypeError: append() takes exactly one argument (0 given)
TypeError: pop expected at most 1 argument, got 2
TypeError: integer argument expected, got float
TypeError: index expected at least 1 argument, got 0
TypeError: sort() takes no positional arguments
TypeError: 'foo' is an invalid keyword argument for sort()
ValueError: list.remove(x): x not in list
ValueError: 9 is not in list
IndexError: pop from empty list
IndexError: pop index out of range
IndexError: list index out of range
TypeError: list indices must be integers or slices, not str
TypeError: can only concatenate list (not "tuple") to list
TypeError: list expected at most 1 argument, got 2
)PY"},   {"3.10", R"PY(TypeError: insert expected 2 arguments, got 1
TypeError: list.append() takes exactly one argument (0 given)
TypeError: pop expected at most 1 argument, got 2
TypeError: 'float' object cannot be interpreted as an integer
TypeError: index expected at least 1 argument, got 0
TypeError: sort() takes no positional arguments
TypeError: 'foo' is an invalid keyword argument for sort()
ValueError: list.remove(x): x not in list
ValueError: 9 is not in list
IndexError: pop from empty list
IndexError: pop index out of range
IndexError: list index out of range
TypeError: list indices must be integers or slices, not str
TypeError: can only concatenate list (not "tuple") to list
TypeError: list expected at most 1 argument, got 2
)PY"},
        {"3.12", R"PY(TypeError: insert expected 2 arguments, got 1
TypeError: list.append() takes exactly one argument (0 given)
TypeError: pop expected at most 1 argument, got 2
TypeError: 'float' object cannot be interpreted as an integer
TypeError: index expected at least 1 argument, got 0
TypeError: sort() takes no positional arguments
TypeError: 'foo' is an invalid keyword argument for sort()
ValueError: list.remove(x): x not in list
ValueError: 9 is not in list
IndexError: pop from empty list
IndexError: pop index out of range
IndexError: list index out of range
TypeError: list indices must be integers or slices, not str
TypeError: can only concatenate list (not "tuple") to list
TypeError: list expected at most 1 argument, got 2
)PY"}, {"3.13", R"PY(TypeError: insert expected 2 arguments, got 1
TypeError: list.append() takes exactly one argument (0 given)
TypeError: pop expected at most 1 argument, got 2
TypeError: 'float' object cannot be interpreted as an integer
TypeError: index expected at least 1 argument, got 0
TypeError: sort() takes no positional arguments
TypeError: sort() got an unexpected keyword argument 'foo'
ValueError: list.remove(x): x not in list
ValueError: 9 is not in list
IndexError: pop from empty list
IndexError: pop index out of range
IndexError: list index out of range
TypeError: list indices must be integers or slices, not str
TypeError: can only concatenate list (not "tuple") to list
TypeError: list expected at most 1 argument, got 2
)PY"}, {"3.14", R"PY(TypeError: insert expected 2 arguments, got 1
TypeError: list.append() takes exactly one argument (0 given)
TypeError: pop expected at most 1 argument, got 2
TypeError: 'float' object cannot be interpreted as an integer
TypeError: index expected at least 1 argument, got 0
TypeError: sort() takes no positional arguments
TypeError: sort() got an unexpected keyword argument 'foo'
ValueError: list.remove(x): x not in list
ValueError: list.index(x): x not in list
IndexError: pop from empty list
IndexError: pop index out of range
IndexError: list index out of range
TypeError: list indices must be integers or slices, not str
TypeError: can only concatenate list (not "tuple") to list
TypeError: list expected at most 1 argument, got 2
)PY"},
    };
    for (auto [profile, expected] : cases) {
        INFO(profile);
        CHECK(run_python(profile, kArgumentErrors).out == expected);
    }
}

TEST_CASE("sort is stable, honours key and reverse, and makes CPython's comparisons in CPython's order",
          "[list][sort]") {
    // The comparison counts and order checksums tell the merge strategies apart: the stack
    // invariants up to 3.10, powersort from 3.11, and 3.13's run detection.
    const std::pair<const char*, const char*> cases[] = {
        {"3.6", R"PY([(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')] [(2, 'a'), (2, 'c'), (1, 'b'), (1, 'd'), (0, 'e')]
[3, 2, 1]
list modified during sort [1, 2, 3]
4748 26308 True
4757 73890 True
8637 970951 True
)PY"}, {"3.10", R"PY([(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')] [(2, 'a'), (2, 'c'), (1, 'b'), (1, 'd'), (0, 'e')]
[3, 2, 1]
list modified during sort [1, 2, 3]
4748 26308 True
4757 73890 True
8637 970951 True
)PY"}, {"3.11", R"PY([(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')] [(2, 'a'), (2, 'c'), (1, 'b'), (1, 'd'), (0, 'e')]
[3, 2, 1]
list modified during sort [1, 2, 3]
4748 478105 True
4757 349549 True
8650 142808 True
)PY"},
        {"3.12", R"PY([(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')] [(2, 'a'), (2, 'c'), (1, 'b'), (1, 'd'), (0, 'e')]
[3, 2, 1]
list modified during sort [1, 2, 3]
4748 478105 True
4757 349549 True
8650 142808 True
)PY"}, {"3.13", R"PY([(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')] [(2, 'a'), (2, 'c'), (1, 'b'), (1, 'd'), (0, 'e')]
[3, 2, 1]
list modified during sort [1, 2, 3]
4772 788847 True
4777 633241 True
6791 386553 True
)PY"}, {"3.14", R"PY([(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')] [(2, 'a'), (2, 'c'), (1, 'b'), (1, 'd'), (0, 'e')]
[3, 2, 1]
list modified during sort [1, 2, 3]
4772 788847 True
4777 633241 True
6791 386553 True
)PY"},
    };
    for (auto [profile, expected] : cases) {
        INFO(profile);
        RunOutput o = run_python(profile, kSorting);
        CHECK(o.err.empty());
        CHECK(o.out == expected);
    }
    CHECK(run_python("2.7", kSorting).out == R"PY(([(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')], [(2, 'a'), (2, 'c'), (1, 'b'), (1, 'd'), (0, 'e')])
[3, 2, 1]
(ValueError('list modified during sort',), [1, 2, 3])
(4748, 26308, True)
(4757, 73890, True)
(8637, 970951, True)
)PY");
}

TEST_CASE("slice assignment and deletion, extended slices too, move items as CPython does", "[list][slice]") {
    for (const char* profile : {"2.7", "3.6", "3.12"}) {
        INFO(profile);
        CHECK(run_python(profile, kSlices).out == R"PY([0, 1, 'a', 'b', 5, 6, 7, 8, 9]
[7, 1, 'a', 8, 5, 6, 9, 8, 9]
[1, 8, 6, 8]
[1, 1, 8, 6, 8, 8]
[8, 8, 6, 8, 1, 1]
[8, 8, 6, 1]
[8, 8, 6, 1, 0]
attempt to assign sequence of size 1 to extended slice of size 3
can only assign an iterable
must assign iterable to extended slice
list assignment index out of range
)PY");
    }
    // 3.13 makes the sequence before looking at the step, with the extended-slice wording.
    for (const char* profile : {"3.13", "3.14"}) {
        INFO(profile);
        CHECK(run_python(profile, kSlices).out == R"PY([0, 1, 'a', 'b', 5, 6, 7, 8, 9]
[7, 1, 'a', 8, 5, 6, 9, 8, 9]
[1, 8, 6, 8]
[1, 1, 8, 6, 8, 8]
[8, 8, 6, 8, 1, 1]
[8, 8, 6, 1]
[8, 8, 6, 1, 0]
attempt to assign sequence of size 1 to extended slice of size 3
must assign iterable to extended slice
must assign iterable to extended slice
list assignment index out of range
)PY");
    }
}

TEST_CASE("lists grown by list(), extend, comprehensions, *= and pop have CPython's sizes", "[list][memory]") {
    const std::pair<const char*, const char*> cases[] = {
        {"2.7", R"PY((136, 104, 144, 168, 136, 120, 1016, 152)
)PY"}, {"3.8", R"PY(96 88 128 152 120 80 1000 136
)PY"},   {"3.10", R"PY(104 72 152 184 120 88 856 120
)PY"},
        {"3.12", R"PY(104 72 152 184 120 88 856 120
)PY"}, {"3.13", R"PY(104 72 152 184 120 120 856 120
)PY"}, {"3.14", R"PY(104 72 152 184 120 120 856 120
)PY"},
    };
    for (auto [profile, expected] : cases) {
        INFO(profile);
        CHECK(run_python(profile, kSizes).out == expected);
    }
}

TEST_CASE("a list that contains itself prints [...] there, and so does a tuple inside it", "[list]") {
    for (const char* profile : kAllProfiles) {
        INFO(profile);
        RunOutput o = run_python(profile, "l = [1]\nl.append(l)\nt = (l,)\nl.append(t)\nprint(repr(l))\nprint(repr(t))\n");
        CHECK(o.out == "[1, [...], ([...],)]\n([1, [...], (...)],)\n");
    }
}

TEST_CASE("a list iterator holds one reference to its list and drops it when exhausted", "[list][iter][refcount]") {
    for (const char* profile : {"2.7", "3.8", "3.12", "3.14"}) {
        INFO(profile);
        CheckedRuntime rt(profile);
        PyObject* list = list_new(rt, 0);
        PyObject* item = long_from_int64(rt, 1000);
        REQUIRE(list_append(rt, list, item));
        REQUIRE(list_append(rt, list, item));
        const int64_t item_count = item->ob_refcnt;
        PyObject* it = list_iter_new(rt, list);
        CHECK(list->ob_refcnt == 2);
        int seen = 0;
        while (PyObject* x = iter_next(rt, it)) {
            CHECK(item->ob_refcnt == item_count + 1);  // the caller's reference to the item
            rt.decref(x);
            ++seen;
        }
        CHECK(seen == 2);
        CHECK(list->ob_refcnt == 1);  // exhausted: the list is let go
        CHECK(iter_next(rt, it) == nullptr);
        rt.decref(it);
        rt.decref(list);
        CHECK(item->ob_refcnt == 1);
        rt.decref(item);
    }
}

TEST_CASE("3.13's reverse list iterator keeps its list after the last item; earlier ones let it go",
          "[list][iter][refcount]") {
    for (const char* profile : {"3.12", "3.13"}) {
        INFO(profile);
        CheckedRuntime rt(profile);
        PyObject* list = list_new(rt, 0);
        PyObject* one = long_from_int64(rt, 1);
        REQUIRE(list_append(rt, list, one));
        PyObject* it = list_reviter_new(rt, list);
        PyObject* x = iter_next(rt, it);
        REQUIRE(x == one);
        rt.decref(x);
        CHECK(iter_next(rt, it) == nullptr);
        CHECK(list->ob_refcnt == (rt.profile().at_least(3, 13) ? 2 : 1));
        rt.decref(it);
        rt.decref(list);
        rt.decref(one);
    }
}

TEST_CASE("extending an empty list allocates exactly from 3.9 (rounded up to even) and over-allocates before",
          "[list][memory]") {
    const std::pair<const char*, int64_t> cases[] = {{"2.7", 4}, {"3.8", 4}, {"3.10", 2}, {"3.13", 2}};
    for (auto [profile, allocated] : cases) {
        INFO(profile);
        CheckedRuntime rt(profile);
        PyObject* t = tuple_new(rt, 1);
        tuple_items(t)[0] = long_from_int64(rt, 7);
        PyObject* list = list_new(rt, 0);
        REQUIRE(list_extend(rt, list, t));
        CHECK(Py_SIZE(list) == 1);
        CHECK(list_allocated(list) == allocated);
        rt.decref(list);
        rt.decref(t);
    }
}

TEST_CASE("a sort releases what the list gained meanwhile and keeps the items it had", "[list][sort][refcount]") {
    CheckedRuntime rt("3.12");
    PyObject* list = list_new(rt, 0);
    for (int64_t v : {3000, 1000, 2000}) {
        PyObject* x = long_from_int64(rt, v);
        REQUIRE(list_append(rt, list, x));
        rt.decref(x);
    }
    REQUIRE(list_sort(rt, list, nullptr, false));
    bool overflow = false;
    CHECK(long_as_int64(rt, list_items(list)[0], &overflow) == 1000);
    CHECK(long_as_int64(rt, list_items(list)[2], &overflow) == 3000);
    for (int i = 0; i < 3; ++i) CHECK(list_items(list)[i]->ob_refcnt == 1);
    REQUIRE(list_sort(rt, list, nullptr, true));
    CHECK(long_as_int64(rt, list_items(list)[0], &overflow) == 3000);
    rt.decref(list);
}
