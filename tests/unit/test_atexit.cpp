// The atexit module: where each version keeps what register() is given, and the exit running
// it (the differential snippets in tests/snippets/exit/ cover 2.7 and 3.6-3.13 against CPython;
// Pyodide's 3.14 never exits, so 3.14 is checked here).
#include <catch2/catch.hpp>
#include <string>

#include "lab/lab.h"
#include "profile/profile.h"
#include "python_run.h"

namespace pymemlab {
namespace {

const Profile& profile(const char* v) { return *find_profile(v); }

// Registering with arguments: 3.6-3.13 keep them in native blocks (no new tracked object but
// the arguments' own), 3.14 in a (func, args, kwargs) tuple the collector can see.
TEST_CASE("atexit keeps a registration in native state up to 3.13, in a tuple from 3.14", "[atexit]") {
    const char* source =
        "import atexit, gc\n"
        "def f(*a, **k): pass\n"
        "atexit._clear()\n"
        "atexit.register(f, 1)\n"
        "holders = [r for r in gc.get_referrers(f) if type(r) is tuple]\n"
        "print(holders == [(f, (1,), None)], atexit._ncallbacks())\n"
        "atexit.register(f)\n"
        "atexit.unregister(f)\n"
        "print(atexit._ncallbacks())\n";
    for (const char* v : {"3.6", "3.10", "3.13"}) {
        INFO(v);
        CHECK(run_python(v, source).out == "False 1\n2\n");  // unregister leaves its slots counted
    }
    CHECK(run_python("3.14", source).out == "True 1\n0\n");
}

TEST_CASE("the exit runs atexit's functions first, last registered first, and reports their errors", "[atexit]") {
    const char* source =
        "import atexit\n"
        "class A(object):\n"
        "    def __del__(self):\n"
        "        print('del A')\n"
        "def fails():\n"
        "    raise ValueError('boom')\n"
        "a = A()\n"
        "atexit.register(print, 'first')\n"
        "atexit.register(fails)\n"
        "atexit.register(print, 'second', end='!\\n')\n"
        "print('end')\n";
    struct Case {
        const char* version;
        const char* header;
    };
    for (const Case c : {Case{"3.6", "Error in atexit._run_exitfuncs:\n"},
                         Case{"3.12", "Exception ignored in atexit callback: <function fails at 0x"},
                         Case{"3.14", "Exception ignored in atexit callback <function fails at 0x"}}) {
        INFO(c.version);
        Lab lab(profile(c.version));
        lab.load(source);
        REQUIRE(lab.run() == 0);
        lab.finish();
        CHECK(lab.exit_status() == 0);
        const std::string out = lab.output();
        CHECK(out.rfind("end\nsecond!\n", 0) == 0);
        CHECK(out.find(c.header) != std::string::npos);
        CHECK(out.find("ValueError: boom\nfirst\ndel A\n") != std::string::npos);
    }
}

TEST_CASE("2.7's sys.exitfunc runs at exit; a SystemExit it raises sets the exit status", "[atexit]") {
    Lab lab(profile("2.7"));
    lab.load(
        "import atexit, sys\n"
        "def bye():\n"
        "    print 'bye'\n"
        "    sys.exit(5)\n"
        "atexit.register(bye)\n"
        "print sys.exitfunc.__name__\n");
    REQUIRE(lab.run() == 0);
    lab.finish();
    CHECK(lab.output() == "_run_exitfuncs\nbye\n");
    CHECK(lab.exit_status() == 5);
}

}  // namespace
}  // namespace pymemlab
