// The sequence iterators and unpacking (iter_object.cpp): UNPACK_SEQUENCE / UNPACK_EX errors in
// each version's words, length hints, and the references iterators hold.
#include <catch2/catch.hpp>

#include <vector>

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

const char* const kUnpack = R"PY(a, b = [1, 2]
c, d = 'xy'
e, *f, g = range(6)
*h, i = (1,)
print(a, b, c, d, e, f, g, h, i)
def show(src):
    try:
        exec(src)
    except Exception as e:
        print(type(e).__name__ + ': ' + str(e))
)PY";
const char* const kUnpackErrors = R"PY(def t1():
    a, b = [1, 2, 3]
def t2():
    a, b, c = (x for x in [1, 2])
def t3():
    a, b = 5
def t4():
    a, *b, c = [1]
def t5():
    a, b = {1: 1, 2: 2, 3: 3}
def t6():
    a, b = iter([1, 2, 3])
for f in (t1, t2, t3, t4, t5, t6):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ': ' + str(e))
)PY";

}  // namespace

TEST_CASE("unpacking takes any iterable, starred targets a list of the rest", "[iter][unpack]") {
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        CHECK(run_python(profile, kUnpack).out == R"PY(1 2 x y 0 [1, 2, 3, 4] 5 [] 1
)PY");
    }
}

TEST_CASE("unpacking errors are worded as each version words them", "[iter][unpack]") {
    const std::pair<const char*, const char*> cases[] = {
        {"3.6", R"PY(ValueError: too many values to unpack (expected 2)
ValueError: not enough values to unpack (expected 3, got 2)
TypeError: 'int' object is not iterable
ValueError: not enough values to unpack (expected at least 2, got 1)
ValueError: too many values to unpack (expected 2)
ValueError: too many values to unpack (expected 2)
)PY"},  {"3.8", R"PY(ValueError: too many values to unpack (expected 2)
ValueError: not enough values to unpack (expected 3, got 2)
TypeError: cannot unpack non-iterable int object
ValueError: not enough values to unpack (expected at least 2, got 1)
ValueError: too many values to unpack (expected 2)
ValueError: too many values to unpack (expected 2)
)PY"},   {"3.12", R"PY(ValueError: too many values to unpack (expected 2)
ValueError: not enough values to unpack (expected 3, got 2)
TypeError: cannot unpack non-iterable int object
ValueError: not enough values to unpack (expected at least 2, got 1)
ValueError: too many values to unpack (expected 2)
ValueError: too many values to unpack (expected 2)
)PY"},
        {"3.13", R"PY(ValueError: too many values to unpack (expected 2)
ValueError: not enough values to unpack (expected 3, got 2)
TypeError: cannot unpack non-iterable int object
ValueError: not enough values to unpack (expected at least 2, got 1)
ValueError: too many values to unpack (expected 2)
ValueError: too many values to unpack (expected 2)
)PY"}, {"3.14", R"PY(ValueError: too many values to unpack (expected 2, got 3)
ValueError: not enough values to unpack (expected 3, got 2)
TypeError: cannot unpack non-iterable int object
ValueError: not enough values to unpack (expected at least 2, got 1)
ValueError: too many values to unpack (expected 2, got 3)
ValueError: too many values to unpack (expected 2)
)PY"},
    };
    for (auto [profile, expected] : cases) {
        INFO(profile);
        CHECK(run_python(profile, kUnpackErrors).out == expected);
    }
    RunOutput o = run_python("2.7",
                          "for src in ([1, 2, 3], [1], 5):\n"
                          "    try:\n"
                          "        a, b = src\n"
                          "    except Exception as e:\n"
                          "        print type(e).__name__, e\n");
    CHECK(o.out == "ValueError too many values to unpack\nValueError need more than 1 value to unpack\n"
                   "TypeError 'int' object is not iterable\n");
}

TEST_CASE("a starred unpack leaves the rest in a list that keeps the room of the whole", "[iter][unpack]") {
    CheckedRuntime rt("3.12");
    PyObject* t = tuple_new(rt, 5);
    for (int i = 0; i < 5; ++i) tuple_items(t)[i] = long_from_int64(rt, i);
    std::vector<PyObject*> stack;
    REQUIRE(unpack_iterable(rt, t, 1, 2, stack));
    REQUIRE(stack.size() == 4);
    // From the bottom: the after items last first, the rest list, then the first item on top.
    bool overflow = false;
    CHECK(long_as_int64(rt, stack[0], &overflow) == 4);
    CHECK(long_as_int64(rt, stack[1], &overflow) == 3);
    CHECK(Py_SIZE(stack[2]) == 2);
    CHECK(list_allocated(stack[2]) == 4);  // list(iterator of 4): preallocated exactly, the tail taken off
    CHECK(long_as_int64(rt, stack[3], &overflow) == 0);
    for (PyObject* o : stack) rt.decref(o);
    rt.decref(t);
}

TEST_CASE("a tuple iterator holds its tuple until exhausted and hints the items left", "[iter][refcount]") {
    for (const char* profile : {"2.7", "3.12"}) {
        INFO(profile);
        CheckedRuntime rt(profile);
        PyObject* t = tuple_new(rt, 2);
        tuple_items(t)[0] = long_from_int64(rt, 5);
        tuple_items(t)[1] = long_from_int64(rt, 6);
        PyObject* it = object_get_iter(rt, t);
        CHECK(t->ob_refcnt == 2);
        Py_ssize_t hint = -1;
        REQUIRE(object_length_hint(rt, it, 99, &hint));
        CHECK(hint == 2);
        while (PyObject* x = iter_next(rt, it)) rt.decref(x);
        CHECK(t->ob_refcnt == 1);
        REQUIRE(object_length_hint(rt, it, 99, &hint));
        CHECK(hint == 0);
        rt.decref(it);
        rt.decref(t);
    }
}
