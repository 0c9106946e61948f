// range behaviour (range_object.cpp, range27.cpp): construction errors per version, length,
// indexing and slicing (a range) for values of any size, `in` and index without iterating,
// equality and hash by value, iterators over C longs or ints, 2.7's xrange and its list range().
#include <catch2/catch.hpp>

#include <string>

#include "checked_runtime.h"
#include "object/abstract.h"
#include "object/iter_object.h"
#include "object/range_object.h"
#include "object/runtime.h"
#include "python_run.h"

using namespace pymemlab;

namespace {

const char* const kRanges = R"PY(r = range(2, 20, 3)
print(r, len(r), r[1], r[-1], r[1:4], r[::-1], 5 in r, 6 in r, 5.0 in r, r.index(8), r.count(8))
print(range(5), range(0), range(-3), range(1, 10, -1), list(range(10, 0, -3)), list(reversed(range(10, 0, -3))))
print(r.start, r.stop, r.step, range(0, 10, 2) == range(0, 9, 2), range(0) == range(3, 1), bool(range(0)))
big = range(10**20, 10**20 + 10**18, 10**17)
print(len(big), big[3], big[-1], big[2:5], 10**20 + 3 * 10**17 in big, list(reversed(big))[:2])
print(type(iter(range(3))).__name__, type(iter(big)).__name__, type(reversed(range(3))).__name__)
print(iter(range(7)).__length_hint__(), list(range(2**63 - 2, 2**63 + 1)))
def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ': ' + str(e))
show(lambda: range())
show(lambda: range(1, 2, 0))
show(lambda: range(1.5))
show(lambda: r[100])
show(lambda: r['a'])
show(lambda: r.index(9))
show(lambda: len(range(10**20)))
show(lambda: range(1, 2, 3, 4))
)PY";

}  // namespace

TEST_CASE("ranges of any size index, slice, search, compare and iterate as CPython's do", "[range]") {
    const std::pair<const char*, const char*> cases[] = {
        {"3.6", R"PY(range(2, 20, 3) 6 5 17 range(5, 14, 3) range(17, -1, -3) True False True 2 1
range(0, 5) range(0, 0) range(0, -3) range(1, 10, -1) [10, 7, 4, 1] [1, 4, 7, 10]
2 20 3 True True False
10 100300000000000000000 100900000000000000000 range(100200000000000000000, 100500000000000000000, 100000000000000000) True [100900000000000000000, 100800000000000000000]
range_iterator longrange_iterator range_iterator
7 [9223372036854775806, 9223372036854775807, 9223372036854775808]
TypeError: range expected 1 arguments, got 0
ValueError: range() arg 3 must not be zero
TypeError: 'float' object cannot be interpreted as an integer
IndexError: range object index out of range
TypeError: range indices must be integers or slices, not str
ValueError: 9 is not in range
OverflowError: Python int too large to convert to C ssize_t
TypeError: range expected at most 3 arguments, got 4
)PY"},  {"3.8", R"PY(range(2, 20, 3) 6 5 17 range(5, 14, 3) range(17, -1, -3) True False True 2 1
range(0, 5) range(0, 0) range(0, -3) range(1, 10, -1) [10, 7, 4, 1] [1, 4, 7, 10]
2 20 3 True True False
10 100300000000000000000 100900000000000000000 range(100200000000000000000, 100500000000000000000, 100000000000000000) True [100900000000000000000, 100800000000000000000]
range_iterator longrange_iterator range_iterator
7 [9223372036854775806, 9223372036854775807, 9223372036854775808]
TypeError: range expected 1 argument, got 0
ValueError: range() arg 3 must not be zero
TypeError: 'float' object cannot be interpreted as an integer
IndexError: range object index out of range
TypeError: range indices must be integers or slices, not str
ValueError: 9 is not in range
OverflowError: Python int too large to convert to C ssize_t
TypeError: range expected at most 3 arguments, got 4
)PY"},   {"3.10", R"PY(range(2, 20, 3) 6 5 17 range(5, 14, 3) range(17, -1, -3) True False True 2 1
range(0, 5) range(0, 0) range(0, -3) range(1, 10, -1) [10, 7, 4, 1] [1, 4, 7, 10]
2 20 3 True True False
10 100300000000000000000 100900000000000000000 range(100200000000000000000, 100500000000000000000, 100000000000000000) True [100900000000000000000, 100800000000000000000]
range_iterator longrange_iterator range_iterator
7 [9223372036854775806, 9223372036854775807, 9223372036854775808]
TypeError: range expected at least 1 argument, got 0
ValueError: range() arg 3 must not be zero
TypeError: 'float' object cannot be interpreted as an integer
IndexError: range object index out of range
TypeError: range indices must be integers or slices, not str
ValueError: 9 is not in range
OverflowError: Python int too large to convert to C ssize_t
TypeError: range expected at most 3 arguments, got 4
)PY"},
        {"3.12", R"PY(range(2, 20, 3) 6 5 17 range(5, 14, 3) range(17, -1, -3) True False True 2 1
range(0, 5) range(0, 0) range(0, -3) range(1, 10, -1) [10, 7, 4, 1] [1, 4, 7, 10]
2 20 3 True True False
10 100300000000000000000 100900000000000000000 range(100200000000000000000, 100500000000000000000, 100000000000000000) True [100900000000000000000, 100800000000000000000]
range_iterator longrange_iterator range_iterator
7 [9223372036854775806, 9223372036854775807, 9223372036854775808]
TypeError: range expected at least 1 argument, got 0
ValueError: range() arg 3 must not be zero
TypeError: 'float' object cannot be interpreted as an integer
IndexError: range object index out of range
TypeError: range indices must be integers or slices, not str
ValueError: 9 is not in range
OverflowError: Python int too large to convert to C ssize_t
TypeError: range expected at most 3 arguments, got 4
)PY"}, {"3.13", R"PY(range(2, 20, 3) 6 5 17 range(5, 14, 3) range(17, -1, -3) True False True 2 1
range(0, 5) range(0, 0) range(0, -3) range(1, 10, -1) [10, 7, 4, 1] [1, 4, 7, 10]
2 20 3 True True False
10 100300000000000000000 100900000000000000000 range(100200000000000000000, 100500000000000000000, 100000000000000000) True [100900000000000000000, 100800000000000000000]
range_iterator longrange_iterator range_iterator
7 [9223372036854775806, 9223372036854775807, 9223372036854775808]
TypeError: range expected at least 1 argument, got 0
ValueError: range() arg 3 must not be zero
TypeError: 'float' object cannot be interpreted as an integer
IndexError: range object index out of range
TypeError: range indices must be integers or slices, not str
ValueError: 9 is not in range
OverflowError: Python int too large to convert to C ssize_t
TypeError: range expected at most 3 arguments, got 4
)PY"}, {"3.14", R"PY(range(2, 20, 3) 6 5 17 range(5, 14, 3) range(17, -1, -3) True False True 2 1
range(0, 5) range(0, 0) range(0, -3) range(1, 10, -1) [10, 7, 4, 1] [1, 4, 7, 10]
2 20 3 True True False
10 100300000000000000000 100900000000000000000 range(100200000000000000000, 100500000000000000000, 100000000000000000) True [100900000000000000000, 100800000000000000000]
range_iterator longrange_iterator range_iterator
7 [9223372036854775806, 9223372036854775807, 9223372036854775808]
TypeError: range expected at least 1 argument, got 0
ValueError: range() arg 3 must not be zero
TypeError: 'float' object cannot be interpreted as an integer
IndexError: range object index out of range
TypeError: range indices must be integers or slices, not str
ValueError: range.index(x): x not in range
OverflowError: Python int too large to convert to C ssize_t
TypeError: range expected at most 3 arguments, got 4
)PY"},
    };
    for (auto [profile, expected] : cases) {
        INFO(profile);
        RunOutput o = run_python(profile, kRanges);
        CHECK(o.err.empty());
        CHECK(o.out == expected);
    }
}

TEST_CASE("2.7's range() makes a list (of longs past a C long) and xrange is a lazy sequence", "[range]") {
    RunOutput o = run_python("2.7",
                          "print range(5), range(5, 0, -2), range(2**64, 2**64 + 2), xrange(1, 10, 3), xrange(10, 0, -3)\n"
                          "x = xrange(10)\n"
                          "print len(x), x[-1], 3 in x, list(reversed(xrange(4))), type(iter(x)).__name__\n"
                          "try:\n"
                          "    x[1:2]\n"
                          "except TypeError as e:\n"
                          "    print e\n"
                          "try:\n"
                          "    range(1.5)\n"
                          "except TypeError as e:\n"
                          "    print e\n");
    CHECK(o.out ==
          "[0, 1, 2, 3, 4] [5, 3, 1] [18446744073709551616L, 18446744073709551617L] xrange(1, 10, 3) xrange(10, -2, -3)\n"
          "10 9 True [3, 2, 1, 0] rangeiterator\n"
          "sequence index must be integer, not 'slice'\n"
          "range() integer end argument expected, got float.\n");
}

TEST_CASE("a range iterator over C longs holds no reference to its range", "[range][iter][refcount]") {
    CheckedRuntime rt("3.12");
    PyObject* r = range_new(rt, 0, 5, 1);
    PyObject* it = object_get_iter(rt, r);
    REQUIRE(it != nullptr);
    CHECK(r->ob_refcnt == 1);
    CHECK(std::string(Py_TYPE(it)->tp_name) == "range_iterator");
    CHECK(Py_TYPE(it)->tp_basicsize == 40);  // 3.12 dropped the index field
    int n = 0;
    while (PyObject* x = iter_next(rt, it)) {
        rt.decref(x);
        ++n;
    }
    CHECK(n == 5);
    rt.decref(it);
    rt.decref(r);
}
