// The interpreter's limits (core/interp): the instruction budget, the recursion limit and the
// native stack, deeply nested source, the heap cap. Nothing may hang or crash: every case ends
// in a Python exception, as CPython's does.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <utility>

#if defined(__linux__) && defined(__GLIBC__)
#include <pthread.h>
#endif

#include "checked_runtime.h"
#include "interp/interp.h"
#include "interp/run.h"
#include "object/runtime.h"
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

TEST_CASE("a raised recursion limit ends in RecursionError where the loop's frames reach their cap", "[limits]") {
    // A Python-to-Python call holds no native stack (interp/ceval.cpp runs the callee's frame in
    // place of the caller's), so the recursion runs to ThreadState::kMaxLoopFrames: the module's
    // frame and kMaxLoopFrames of f's, the last of which fails to call.
    for (const char* profile : {"3.8", "3.12"}) {
        INFO(profile);
        RunOutput o = run_python(profile,
                              "import sys\nsys.setrecursionlimit(1000000)\n"
                              "def f(n):\n    try:\n        return f(n + 1)\n    except RecursionError:\n        return n\n"
                              "print(f(0))\n");
        CHECK(o.out == std::to_string(ThreadState::kMaxLoopFrames - 1) + "\n");
    }
}

// A __repr__ that calls repr(self), at a limit of 400 and of 460: how many levels it reached.
std::string repr_recursion_levels() {
    return "import sys\n"
           "n = [0]\n"
           "class R:\n"
           "    def __repr__(self):\n"
           "        n[0] += 1\n"
           "        return repr(self)\n"
           "for limit in (400, 460):\n"
           "    sys.setrecursionlimit(limit)\n"
           "    n[0] = 0\n"
           "    try:\n"
           "        repr(R())\n"
           "    except RecursionError as e:\n"
           "        print(n[0], e)\n";
}

TEST_CASE("a recursion through C counts toward the limit as each version counts (object/recursion.h)", "[limits]") {
    // Up to 3.11 repr's call, PyObject_Repr and the frame share the limit: 60 more of it are 20
    // more levels. 3.12's C checks have a limit of their own (1,500), which setrecursionlimit
    // does not move; 3.13's (10,000) is out of reach, so the frames' limit stops it.
    auto levels = [](const char* profile) {
        RunOutput o = run_python(profile, repr_recursion_levels());
        const size_t split = o.out.find('\n');
        REQUIRE(split != std::string::npos);
        return std::make_pair(std::stoi(o.out), std::stoi(o.out.substr(split + 1)));
    };
    for (const char* profile : {"3.8", "3.11"}) {
        INFO(profile);
        auto [low, high] = levels(profile);
        CHECK(high - low == 20);
    }
    auto [low312, high312] = levels("3.12");
    CHECK(high312 == low312);
    CHECK(low312 > 300);  // 1,500 units, four a level
    auto [low313, high313] = levels("3.13");
    CHECK(high313 - low313 == 60);
}

TEST_CASE("iterators wrapping iterators 100,000 deep end in RecursionError; a tuple that deep hashes", "[limits]") {
    for (const char* wrap : {"map(abs, it)", "filter(None, it)", "zip(it)", "enumerate(it)"}) {
        INFO(wrap);
        RunOutput o = run_python("3.13", std::string("it = iter([1])\nfor i in range(100000):\n    it = ") + wrap +
                                             "\nprint(list(it))\n");
        CHECK(o.error_line() == "RecursionError: maximum recursion depth exceeded");
    }
    RunOutput o = run_python("3.13", "t = ()\nfor i in range(100000):\n    t = (t,)\nprint(hash(t) == hash(t))\n");
    CHECK(o.out == "True\n");
}

TEST_CASE("a metaclass's __instancecheck__ and __subclasscheck__ answer isinstance and issubclass", "[limits]") {
    RunOutput o = run_python("3.13",
                             "class Meta(type):\n"
                             "    def __instancecheck__(cls, inst):\n"
                             "        return inst == 1\n"
                             "    def __subclasscheck__(cls, sub):\n"
                             "        return sub is int\n"
                             "class X(metaclass=Meta):\n"
                             "    pass\n"
                             "print(isinstance(1, X), isinstance(2, X), isinstance(X(), X), issubclass(int, X), issubclass(X, X))\n");
    CHECK(o.out == "True False True True False\n");
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
    // Half a megabyte holds fewer than 1,000 native levels of the debug build: the guard is sized
    // from the thread's real stack, not from the usual 8 MiB. Python-to-Python calls take none of
    // it, so 50,000 levels of them run; a recursion through C (a __getattr__ hook, repr) stops.
    constexpr size_t kStack = 512u << 10;
    RunOutput calls = run_on_small_stack(
        "3.12",
        "import sys\nsys.setrecursionlimit(100000)\ndef f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\nprint(f(50000))\n",
        kStack);
    CHECK(calls.out == "50000\n");
    RunOutput hooks = run_on_small_stack("3.12",
                                         "import sys\nsys.setrecursionlimit(100000)\nclass A:\n"
                                         "    def __getattr__(self, name):\n        return getattr(self, name)\n"
                                         "try:\n    A().x\nexcept RecursionError as e:\n    print(e)\n",
                                         kStack);
    CHECK(hooks.out == "maximum recursion depth exceeded\n");
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
