// Slot wrappers (object/slot_wrapper.h): a built-in type's slot reached from Python. The sizes
// are CPython's (sys.getsizeof(int.__add__) on the pyenv builds: 80 in 2.7, 72 from 3.8; the
// method-wrapper 64 and 48), and a descriptor is one object per type and slot, held by the runtime
// as the type's dict holds it (sys.getrefcount(int.__add__) == 2 everywhere).
#include <catch2/catch.hpp>

#include <string>

#include "python_run.h"

using namespace pymemlab;

TEST_CASE("int.__add__ is one wrapper_descriptor of CPython's size, (1).__add__ a new method-wrapper", "[slot_wrapper]") {
    const char* source =
        "import sys\n"
        "w = int.__add__\n"
        "print(type(w).__name__, sys.getsizeof(w), sys.getrefcount(w), w is int.__add__)\n"
        "m = (1).__add__\n"
        "print(type(m).__name__, sys.getsizeof(m), sys.getrefcount(w), m is (1).__add__, m(2), w(3, 4))\n"
        "del m\n"
        "print(sys.getrefcount(w))\n";
    struct Case {
        const char* profile;
        const char* out;
    };
    for (const Case& c : {Case{"2.7", "wrapper_descriptor 80 3 True\nmethod-wrapper 64 4 False 3 7\n3\n"},
                          Case{"3.8", "wrapper_descriptor 72 3 True\nmethod-wrapper 48 4 False 3 7\n3\n"},
                          Case{"3.13", "wrapper_descriptor 72 3 True\nmethod-wrapper 48 4 False 3 7\n3\n"}}) {
        INFO(c.profile);
        std::string src = source;
        if (std::string(c.profile) == "2.7") src = "from __future__ import print_function\n" + src;
        const RunOutput o = run_python(c.profile, src);
        CHECK(o.err.empty());
        CHECK(o.out == c.out);
    }
}

TEST_CASE("a slot wrapper calls the slot of the type it belongs to, with CPython's checks", "[slot_wrapper]") {
    const RunOutput o = run_python("3.12",
                                   "class A:\n"
                                   "    def __setattr__(self, k, v):\n"
                                   "        object.__setattr__(self, k, v * 2)\n"
                                   "a = A()\n"
                                   "a.x = 4\n"
                                   "print(a.x, int.__add__(1, 1.5), [1].__mul__(2), (2).__pow__(10, 7))\n"
                                   "int.__add__('a', 1)\n");
    CHECK(o.out == "8 NotImplemented [1, 1] 2\n");
    CHECK(o.error_line() == "TypeError: descriptor '__add__' requires a 'int' object but received a 'str'");
}
