// slice objects (slice_object.cpp): repr, attributes, comparison as tuples, indices() with each
// version's errors, the hash 3.12 added, and PySlice_Unpack / PySlice_AdjustIndices.
#include <catch2/catch.hpp>

#include "checked_runtime.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/slice_object.h"
#include "python_run.h"

using namespace pymemlab;

namespace {

const char* const kSlices = R"PY(s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(3), slice(None, None, -1).indices(5), s.indices(6), slice(-100, 100).indices(4))
print(slice(1, 2) == slice(1, 2), slice(1, 2) < slice(1, 3), [0, 1, 2, 3][slice(1, None)], (0, 1, 2)[slice(None, None, -2)])
def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ': ' + str(e))
show(lambda: slice())
show(lambda: slice(1, 2, 0).indices(5))
show(lambda: slice('a').indices(3))
show(lambda: slice(1).indices(-1))
show(lambda: hash(slice(1)))
)PY";

}  // namespace

TEST_CASE("slices print, compare and compute indices as CPython's do; 3.12 made them hashable", "[slice]") {
    const std::pair<const char*, const char*> cases[] = {
        {"2.7", R"PY((slice(1, 10, 2), 1, 10, 2, slice(None, 3, None), (4, -1, -1), (1, 6, 2), (0, 4, 1))
(True, True, [1, 2, 3], (2, 0))
TypeError: slice expected at least 1 arguments, got 0
ValueError: slice step cannot be zero
TypeError: slice indices must be integers or None or have an __index__ method
TypeError: unhashable type
)PY"},  {"3.6", R"PY(slice(1, 10, 2) 1 10 2 slice(None, 3, None) (4, -1, -1) (1, 6, 2) (0, 4, 1)
True True [1, 2, 3] (2, 0)
TypeError: slice expected at least 1 arguments, got 0
ValueError: slice step cannot be zero
TypeError: slice indices must be integers or None or have an __index__ method
ValueError: length should not be negative
TypeError: unhashable type: 'slice'
)PY"},   {"3.8", R"PY(slice(1, 10, 2) 1 10 2 slice(None, 3, None) (4, -1, -1) (1, 6, 2) (0, 4, 1)
True True [1, 2, 3] (2, 0)
TypeError: slice expected at least 1 argument, got 0
ValueError: slice step cannot be zero
TypeError: slice indices must be integers or None or have an __index__ method
ValueError: length should not be negative
TypeError: unhashable type: 'slice'
)PY"},
        {"3.11", R"PY(slice(1, 10, 2) 1 10 2 slice(None, 3, None) (4, -1, -1) (1, 6, 2) (0, 4, 1)
True True [1, 2, 3] (2, 0)
TypeError: slice expected at least 1 argument, got 0
ValueError: slice step cannot be zero
TypeError: slice indices must be integers or None or have an __index__ method
ValueError: length should not be negative
TypeError: unhashable type: 'slice'
)PY"}, {"3.12", R"PY(slice(1, 10, 2) 1 10 2 slice(None, 3, None) (4, -1, -1) (1, 6, 2) (0, 4, 1)
True True [1, 2, 3] (2, 0)
TypeError: slice expected at least 1 argument, got 0
ValueError: slice step cannot be zero
TypeError: slice indices must be integers or None or have an __index__ method
ValueError: length should not be negative
)PY"},
    };
    for (auto [profile, expected] : cases) {
        INFO(profile);
        CHECK(run_python(profile, kSlices).out == expected);
    }
}

TEST_CASE("PySlice_Unpack clamps huge bounds and PySlice_AdjustIndices clips them to the length", "[slice]") {
    CheckedRuntime rt("3.12");
    PyObject* none = rt.builtins().singletons.none;
    PyObject* big = long_from_int64(rt, INT64_MAX);
    PyObject* minus_one = long_from_int64(rt, -1);
    PyObject* s = slice_new(rt, big, none, minus_one);
    Py_ssize_t start, stop, step;
    REQUIRE(slice_unpack(rt, s, &start, &stop, &step));
    CHECK(start == INT64_MAX);
    CHECK(stop == INT64_MIN);
    CHECK(step == -1);
    CHECK(slice_adjust_indices(5, &start, &stop, step) == 5);
    CHECK(start == 4);
    CHECK(stop == -1);
    rt.decref(s);
    rt.decref(big);
    rt.decref(minus_one);
}
