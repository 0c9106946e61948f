// tuple behaviour (tuple_object.cpp): indexing and slices, concatenation and repetition that hand
// back the tuple itself where CPython does, comparison, hash, index/count with each version's
// errors, tuple(iterable) sized as PySequence_Tuple sizes it, and _PyTuple_Resize.
#include <catch2/catch.hpp>

#include <string>

#include "checked_runtime.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/tuple_object.h"
#include "python_run.h"

using namespace pymemlab;

namespace {

const char* const kTuples = R"PY(import sys
t = (1, 'a', [2], None)
print(t[1:], t[::-1], t[-1], t * 2, t + (5,), 'a' in t, t.index([2]), t.count(1), len(t))
print((1,), (), ((),), (1, 2) < (1, 2, 0), (2,) > (1, 9), (1, 2) == (1, 2), (1, 2) != (1, 3))
print(tuple([1, 2]), tuple('ab'), tuple(range(3)), tuple(x * x for x in range(4)))
a = (1, 2, 3)
print(a[:] is a, tuple(a) is a, a * 1 is a, a[0:3] is a, a[::-1] is a)
print(sys.getsizeof(tuple(x for x in range(25))), sys.getsizeof(tuple(iter([1, 2, 3]))))
def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ': ' + str(e))
show(lambda: a[5])
show(lambda: a['x'])
show(lambda: a + [1])
show(lambda: a.index(9))
show(lambda: a.index())
show(lambda: a.count())
show(lambda: tuple(1))
show(lambda: hash(([],)))
print(hash((1, 2)) == hash((1, 2)), hash(()))
)PY";

}  // namespace

TEST_CASE("tuples index, slice, concatenate, compare and hash as CPython does", "[tuple]") {
    const std::pair<const char*, const char*> cases[] = {
        {"2.7", R"PY((('a', [2], None), (None, [2], 'a', 1), None, (1, 'a', [2], None, 1, 'a', [2], None), (1, 'a', [2], None, 5), True, 2, 1, 4)
((1,), (), ((),), True, True, True, True)
((1, 2), ('a', 'b'), (0, 1, 2), (0, 1, 4, 9))
(True, True, True, True, False)
(256, 80)
IndexError: tuple index out of range
TypeError: tuple indices must be integers, not str
TypeError: can only concatenate tuple (not "list") to tuple
ValueError: tuple.index(x): x not in tuple
TypeError: index() takes at least 1 argument (0 given)
TypeError: count() takes exactly one argument (0 given)
TypeError: 'int' object is not iterable
TypeError: unhashable type: 'list'
(True, 3527539)
)PY"}, {"3.8", R"PY(('a', [2], None) (None, [2], 'a', 1) None (1, 'a', [2], None, 1, 'a', [2], None) (1, 'a', [2], None, 5) True 2 1 4
(1,) () ((),) True True True True
(1, 2) ('a', 'b') (0, 1, 2) (0, 1, 4, 9)
True True True True False
240 64
IndexError: tuple index out of range
TypeError: tuple indices must be integers or slices, not str
TypeError: can only concatenate tuple (not "list") to tuple
ValueError: tuple.index(x): x not in tuple
TypeError: index expected at least 1 argument, got 0
TypeError: count() takes exactly one argument (0 given)
TypeError: 'int' object is not iterable
TypeError: unhashable type: 'list'
True 5740354900026072187
)PY"}, {"3.12", R"PY(('a', [2], None) (None, [2], 'a', 1) None (1, 'a', [2], None, 1, 'a', [2], None) (1, 'a', [2], None, 5) True 2 1 4
(1,) () ((),) True True True True
(1, 2) ('a', 'b') (0, 1, 2) (0, 1, 4, 9)
True True True True False
240 64
IndexError: tuple index out of range
TypeError: tuple indices must be integers or slices, not str
TypeError: can only concatenate tuple (not "list") to tuple
ValueError: tuple.index(x): x not in tuple
TypeError: index expected at least 1 argument, got 0
TypeError: tuple.count() takes exactly one argument (0 given)
TypeError: 'int' object is not iterable
TypeError: unhashable type: 'list'
True 5740354900026072187
)PY"}, {"3.13", R"PY(('a', [2], None) (None, [2], 'a', 1) None (1, 'a', [2], None, 1, 'a', [2], None) (1, 'a', [2], None, 5) True 2 1 4
(1,) () ((),) True True True True
(1, 2) ('a', 'b') (0, 1, 2) (0, 1, 4, 9)
True True True True False
240 64
IndexError: tuple index out of range
TypeError: tuple indices must be integers or slices, not str
TypeError: can only concatenate tuple (not "list") to tuple
ValueError: tuple.index(x): x not in tuple
TypeError: index expected at least 1 argument, got 0
TypeError: tuple.count() takes exactly one argument (0 given)
TypeError: 'int' object is not iterable
TypeError: unhashable type: 'list'
True 5740354900026072187
)PY"},
    };
    for (auto [profile, expected] : cases) {
        INFO(profile);
        RunOutput o = run_python(profile, kTuples);
        CHECK(o.err.empty());
        CHECK(o.out == expected);
    }
}

TEST_CASE("tuple() of a generator ends as a block of exactly its items; empty is () only from 3.11",
          "[tuple][memory]") {
    for (const char* profile : {"2.7", "3.8", "3.10", "3.11", "3.13"}) {
        INFO(profile);
        RunOutput o = run_python(profile, "import sys\nt = tuple(x for x in [])\nprint(t is (), sys.getsizeof(t))\n");
        const bool singleton = find_profile(profile)->at_least(3, 11);
        CHECK(o.out == (std::string(profile) == "2.7" ? (singleton ? "" : "(False, 56)\n") : singleton ? "True 40\n" : "False 40\n"));
    }
}

TEST_CASE("_PyTuple_Resize keeps the items, releases the ones cut off and may move the block", "[tuple]") {
    CheckedRuntime rt("3.12");
    PyObject* t = tuple_new(rt, 10);
    for (int i = 0; i < 10; ++i) tuple_items(t)[i] = long_from_int64(rt, 1000 + i);
    PyObject* kept = tuple_items(t)[1];
    REQUIRE(tuple_resize(rt, &t, 3));
    CHECK(Py_SIZE(t) == 3);
    CHECK(tuple_items(t)[1] == kept);
    CHECK(tuple_sizeof(rt, t) == 16 + 24 + 3 * 8);
    REQUIRE(tuple_resize(rt, &t, 25));
    CHECK(Py_SIZE(t) == 25);
    CHECK(tuple_items(t)[24] == nullptr);
    CHECK(rt.gc_is_tracked(t));
    REQUIRE(tuple_resize(rt, &t, 0));
    CHECK(t == rt.builtins().empty_tuple);
    rt.decref(t);
}
