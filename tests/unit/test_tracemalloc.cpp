// The tracemalloc module (core/interp/tracemalloc_module.cpp and its Python half,
// tracemalloc_source.cpp): each request the model's allocator gets while tracing is a trace of
// the line that made it, and snapshots group, compare and filter those traces as CPython's do.
#include <catch2/catch.hpp>
#include <string>

#include "python_run.h"

using namespace pymemlab;

namespace {

const char* const kTracemallocProfiles[] = {"3.6", "3.8", "3.10", "3.11", "3.12", "3.13", "3.14"};

}  // namespace

TEST_CASE("tracemalloc attributes a bytes object's request to the line that made it", "[tracemalloc]") {
    const char* source =
        "import tracemalloc\n"
        "x = None\n"
        "tracemalloc.start()\n"
        "x = bytes(1000)\n"
        "snap = tracemalloc.take_snapshot()\n"
        "tracemalloc.stop()\n"
        "for s in snap.statistics('lineno'):\n"
        "    if s.traceback[0].lineno == 4: print(s.size, s.count, str(s).split(': ', 1)[1])\n"
        "print(tracemalloc.is_tracing())\n";
    for (const char* profile : kTracemallocProfiles) {
        INFO(profile);
        RunOutput o = run_python(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == "1033 1 size=1033 B, count=1, average=1033 B\nFalse\n");
    }
}

TEST_CASE("tracemalloc's traced memory rises with a block and falls when it is freed", "[tracemalloc]") {
    const char* source =
        "import tracemalloc\n"
        "b = c = p = None\n"
        "tracemalloc.start()\n"
        "b = bytes(50000)\n"
        "c, p = tracemalloc.get_traced_memory()\n"
        "b = None\n"
        "c2, p2 = tracemalloc.get_traced_memory()\n"
        "print(c >= 50033, c - c2 > 49000, p2 >= p)\n"
        "tracemalloc.clear_traces()\n"
        "print(tracemalloc.get_traced_memory())\n";
    RunOutput o = run_python("3.12", source);
    CHECK(o.err.empty());
    CHECK(o.out == "True True True\n(0, 0)\n");
}

TEST_CASE("compare_to puts the biggest change first and shows what was freed as negative", "[tracemalloc]") {
    const char* source =
        "import tracemalloc\n"
        "a = b = None; n = 200\n"
        "tracemalloc.start()\n"
        "a = bytes(3000)\n"
        "one = tracemalloc.take_snapshot()\n"
        "a = None\n"
        "b = b'x' * n\n"
        "two = tracemalloc.take_snapshot()\n"
        "tracemalloc.stop()\n"
        "for d in two.compare_to(one, 'lineno'):\n"
        "    if d.traceback[0].lineno in (4, 7): print(d.traceback[0].lineno, d.size_diff, d.count_diff)\n";
    RunOutput o = run_python("3.13", source);
    CHECK(o.err.empty());
    CHECK(o.out == "4 -3033 -1\n7 233 1\n");
}

TEST_CASE("tracemalloc is missing in 2.7 and reset_peak before 3.9, as in CPython", "[tracemalloc]") {
    CHECK(run_python("2.7", "import tracemalloc\n").error_line() == "ImportError: No module named tracemalloc");
    CHECK(run_python("3.8", "import tracemalloc\ntracemalloc.reset_peak\n").error_line() ==
          "AttributeError: module 'tracemalloc' has no attribute 'reset_peak'");
    CHECK(run_python("3.10", "import tracemalloc\ntracemalloc.start(0)\n").error_line() ==
          "ValueError: the number of frames must be in range [1; 65535]");
}

TEST_CASE("a traceback of several frames runs from the oldest call to the allocation", "[tracemalloc]") {
    const char* source =
        "import tracemalloc\n"
        "def make():\n"
        "    return bytes(500)\n"
        "tracemalloc.start(2)\n"
        "x = make()\n"
        "tb = tracemalloc.get_object_traceback(x)\n"
        "print(len(tb), [f.lineno for f in tb], tracemalloc.get_traceback_limit())\n"
        "tracemalloc.stop()\n";
    RunOutput o = run_python("3.12", source);
    CHECK(o.err.empty());
    CHECK(o.out == "2 [5, 3] 2\n");
}
