// The interpreter's limits (core/interp): the instruction budget, the recursion limit and the
// native stack, deeply nested source, the heap cap. Nothing may hang or crash: every case ends
// in a Python exception, as CPython's does.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#if defined(__linux__) && defined(__GLIBC__)
#include <pthread.h>
#endif

#include "checked_runtime.h"
#include "interp/interp.h"
#include "interp/run.h"
#include "python_run.h"

using namespace pymemlab;

namespace {

RunOutput run_with_budget(const char* profile, std::string_view source, uint64_t budget) {
    CheckedRuntime rt(profile);
    RunOutput o;
    {
        Interp in(rt, InterpOptions{budget});
        in.write = [&](int fd, std::string_view text) { (fd == 2 ? o.err : o.out) += text; };
        o.status = run_source(in, source, RunMode::Script);
    }
    o.err += rt.tstate().stderr_text;
    return o;
}

std::string nested(const char* open, const char* close, int depth) {
    std::string s = "x = ";
    for (int i = 0; i < depth; ++i) s += open;
    s += "1";
    for (int i = 0; i < depth; ++i) s += close;
    return s + "\n";
}

}  // namespace

TEST_CASE("the instruction budget stops an endless loop with an error naming the budget", "[limits]") {
    for (const char* profile : kAllProfiles) {
        INFO(profile);
        RunOutput o = run_with_budget(profile, "n = 0\nwhile True:\n    n += 1\n", 100000);
        CHECK(o.status == 1);
        CHECK(o.error_line() == "BudgetExceeded: the snippet ran more than 100000 instructions (the lab's budget)");
    }
    // A handler cannot catch it: the run stops.
    RunOutput o = run_with_budget(
        "3.12", "while True:\n    try:\n        pass\n    except BaseException:\n        print('caught')\n", 50000);
    CHECK(o.out == "");
    CHECK(o.status == 1);
}

TEST_CASE("deep recursion ends in RecursionError at the recursion limit", "[limits]") {
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        RunOutput o = run_python(profile, "def f(n):\n    return f(n + 1)\nf(0)\n");
        CHECK(o.error_line() == "RecursionError: maximum recursion depth exceeded");
    }
    CHECK(run_python("2.7", "def f(n):\n    return f(n + 1)\nf(0)\n").error_line() ==
          "RuntimeError: maximum recursion depth exceeded");
}

TEST_CASE("a raised recursion limit still ends in RecursionError before the native stack overflows", "[limits]") {
    for (const char* profile : {"3.8", "3.12"}) {
        INFO(profile);
        RunOutput o = run_python(profile,
                              "import sys\nsys.setrecursionlimit(1000000)\n"
                              "def f(n):\n    return f(n + 1)\n"
                              "try:\n    f(0)\nexcept RecursionError:\n    print('RecursionError')\n");
        CHECK(o.out == "RecursionError\n");
    }
}

TEST_CASE("repr of a very deeply nested list raises RecursionError", "[limits]") {
    RunOutput o = run_python("3.12",
                          "l = []\nfor i in range(100000):\n    l = [l]\n"
                          "try:\n    repr(l)\nexcept RecursionError as e:\n    print(e)\n");
    CHECK(o.out == "maximum recursion depth exceeded while getting the repr of an object\n");
}

#if defined(__linux__) && defined(__GLIBC__)
namespace {

// Runs `source` under `profile` on a new thread whose native stack is `stack_bytes` (a process
// started with a small `ulimit -s` is in the same place).
RunOutput run_on_small_stack(const char* profile, const char* source, size_t stack_bytes) {
    struct Job {
        const char* profile;
        const char* source;
        RunOutput out;
    } job{profile, source, {}};
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, stack_bytes);
    pthread_t thread;
    const int made = pthread_create(
        &thread, &attr,
        [](void* arg) -> void* {
            auto* j = static_cast<Job*>(arg);
            j->out = run_python(j->profile, j->source);
            return nullptr;
        },
        &job);
    pthread_attr_destroy(&attr);
    REQUIRE(made == 0);
    pthread_join(thread, nullptr);
    return job.out;
}

}  // namespace

TEST_CASE("on a small native stack, deep recursion is still a RecursionError, not a crash", "[limits]") {
    // Half a megabyte holds fewer than 1,000 frames of the debug build: the guard is sized from
    // the thread's real stack, not from the usual 8 MiB.
    constexpr size_t kStack = 512u << 10;
    RunOutput calls = run_on_small_stack(
        "3.12", "def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError as e:\n    print(e)\n", kStack);
    CHECK(calls.out == "maximum recursion depth exceeded\n");
    RunOutput reprs = run_on_small_stack(
        "3.12", "l = []\nfor i in range(5000):\n    l = [l]\ntry:\n    repr(l)\nexcept RecursionError as e:\n    print(e)\n",
        kStack);
    CHECK(reprs.out == "maximum recursion depth exceeded while getting the repr of an object\n");
}
#endif

TEST_CASE("10000 nested parentheses or brackets are a SyntaxError from 3.10 and a MemoryError before", "[limits]") {
    for (const char* profile : {"3.10", "3.12", "3.13"}) {
        INFO(profile);
        CHECK(run_python(profile, nested("(", ")", 10000)).error_line() == "SyntaxError: too many nested parentheses");
        CHECK(run_python(profile, nested("[", "]", 10000)).error_line() == "SyntaxError: too many nested parentheses");
    }
    for (const char* profile : {"2.7", "3.6", "3.8"}) {
        INFO(profile);
        CHECK(run_python(profile, nested("(", ")", 10000)).error_line() == "MemoryError");
    }
}

TEST_CASE("a huge list or string is a MemoryError under the heap cap", "[limits]") {
    for (const char* profile : kPython3Profiles) {
        INFO(profile);
        RunOutput o = run_python(profile,
                              "try:\n    x = [0] * 10**10\nexcept MemoryError:\n    print('list')\n"
                              "try:\n    y = 'x' * 10**12\nexcept MemoryError:\n    print('str')\n");
        CHECK(o.err == "");
        CHECK(o.out == "list\nstr\n");
    }
}
