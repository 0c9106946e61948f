// Bad input (issue 9): garbage source, nesting past the parser's and compiler's limits, runaway
// loops and arithmetic, huge allocations and formats, errors raised where CPython only reports
// them. Each ends in CPython's error for the profile (or the lab's budget where CPython would run
// for minutes), and the same Lab runs the next snippet normally. test_interp_limits.cpp has the
// basic limits (budget, recursion, repr depth, 10,000 brackets).
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "lab/lab.h"
#include "profile/profile.h"
#include "python_run.h"

using namespace pymemlab;

namespace {

const Profile& profile(const char* name) { return *find_profile(name); }

// The limits a test needs: a small budget and heap keep every runaway case short.
LabLimits small_limits(uint64_t budget = 300'000, uint64_t heap = uint64_t{16} << 20) {
    LabLimits limits;
    limits.instruction_budget = budget;
    limits.heap_limit = heap;
    limits.record = false;
    return limits;
}

std::string last_line(const std::string& text) {
    std::string e = text;
    while (!e.empty() && e.back() == '\n') e.pop_back();
    const size_t nl = e.rfind('\n');
    return nl == std::string::npos ? e : e.substr(nl + 1);
}

// Runs `bad` in a Lab, checks its last output line and status 1, then runs a normal snippet in
// the same Lab and checks it prints what it should.
void check_then_recover(const char* version, std::string_view bad, const std::string& expected_error,
                        LabLimits limits = small_limits()) {
    INFO(version);
    Lab lab(profile(version), RunMode::Script, limits);
    lab.load(bad);
    CHECK(lab.run() == 1);
    CHECK(last_line(lab.output()) == expected_error);
    lab.load("x = [1, 2, 3]\nprint('%d %d' % (sum(x), len('abc')))\n");
    CHECK(lab.run() == 0);
    CHECK(lab.output() == "6 3\n");
}

std::string repeat(std::string_view s, int n) {
    std::string out;
    out.reserve(s.size() * static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

TEST_CASE("NUL bytes, invalid UTF-8 and random bytes in the source are a SyntaxError", "[bad-input]") {
    for (const char* v : kAllProfiles) {
        check_then_recover(v, std::string("x = 1\0\nprint(x)\n", 16), "SyntaxError: source code cannot contain null bytes");
        // Random bytes (a fixed sequence: each byte value, scrambled) hit the NUL first.
        std::string noise;
        for (int i = 0; i < 3000; ++i) noise.push_back(static_cast<char>((i * 167 + 13) & 0xff));
        check_then_recover(v, noise, "SyntaxError: source code cannot contain null bytes");
    }
    for (const char* v : kPython3Profiles)
        check_then_recover(v, "x = '\xff\xfe'\nprint(x)\n",
                           "SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid "
                           "start byte");
    check_then_recover("3.6", "def f(:\n  ))) ]] }}} @@@ $$$\n", "SyntaxError: invalid syntax");
    check_then_recover("3.12", "def f(:\n  ))) ]] }}} @@@ $$$\n", "SyntaxError: unmatched ')'");
}

TEST_CASE("100,000 nested brackets are refused by the tokenizer or the parser stack", "[bad-input]") {
    const std::string parens = "x = " + repeat("(", 100000) + "1" + repeat(")", 100000) + "\n";
    const std::string brackets = "x = " + repeat("[", 100000) + repeat("]", 100000) + "\n";
    const std::string unclosed = "x = " + repeat("{", 100000) + "\n";
    for (const char* v : {"3.10", "3.12", "3.14"})
        for (const std::string* s : {&parens, &brackets, &unclosed})
            check_then_recover(v, *s, "SyntaxError: too many nested parentheses");
    // The old LL(1) parser's stack (s_push: parser stack overflow).
    for (const char* v : {"2.7", "3.6", "3.8"}) check_then_recover(v, parens, "MemoryError");
}

TEST_CASE("100,000 nested operators overflow the parser stack with CPython's MemoryError", "[bad-input]") {
    const std::string unary = "x = " + repeat("-", 100000) + "1\n";
    const std::string lambdas = "x = " + repeat("lambda: ", 100000) + "1\n";
    for (const char* v : {"2.7", "3.8", "3.11"}) {
        check_then_recover(v, unary, "MemoryError");
        check_then_recover(v, lambdas, "MemoryError");
    }
    for (const char* v : {"3.12", "3.13"})
        check_then_recover(v, unary, "MemoryError: Parser stack overflowed - Python source too complex to parse");
}

TEST_CASE("a 20,000-term chain the parser reads in a loop is a RecursionError during compilation", "[bad-input]") {
    // `a+a+...`, `f()()...`, `x[0][0]...` parse as left-deep trees; CPython 3.x's compiler (and
    // symbol table) raise RecursionError, 2.7's overflows the C stack (the lab: RuntimeError).
    // (Each was a native stack overflow before the compiler measured the tree's depth first.)
    const std::string sum = "a = 1\nx = " + repeat("a+", 20000) + "a\n";
    const std::string calls = "f = lambda: f\nx = f" + repeat("()", 20000) + "\n";
    const std::string subscripts = "l = [0]\nl[0] = l\nx = l" + repeat("[0]", 20000) + "\n";
    for (const char* v : {"3.6", "3.12", "3.14"})
        for (const std::string* s : {&sum, &calls, &subscripts})
            check_then_recover(v, *s, "RecursionError: maximum recursion depth exceeded during compilation");
    check_then_recover("2.7", sum, "RuntimeError: maximum recursion depth exceeded during compilation");
    // 2.7-3.8 read `elif` chains into nested ifs without charging a parser stack.
    std::string elifs = "x = 5\nif x == 0: pass\n";
    for (int i = 1; i < 20000; ++i) elifs += "elif x == " + std::to_string(i) + ": pass\n";
    check_then_recover("3.8", elifs, "RecursionError: maximum recursion depth exceeded during compilation");
    check_then_recover("2.7", elifs, "RuntimeError: maximum recursion depth exceeded during compilation");
    check_then_recover("3.12", elifs, "MemoryError: Parser stack overflowed - Python source too complex to parse");
    check_then_recover("3.12", "a = 1\nx = " + repeat("a+", 100000) + "a\n",
                       "RecursionError: maximum recursion depth exceeded during compilation");
}

TEST_CASE("1,000 nested blocks are too many levels of indentation; 25 nested loops too many blocks", "[bad-input]") {
    std::string blocks;
    for (int i = 0; i < 1000; ++i) blocks += std::string(static_cast<size_t>(i), ' ') + "if True:\n";
    blocks += std::string(1000, ' ') + "pass\n";
    std::string loops;
    for (int i = 0; i < 25; ++i) loops += std::string(static_cast<size_t>(i), ' ') + "for i in [1]:\n";
    loops += std::string(25, ' ') + "pass\n";
    for (const char* v : kAllProfiles) {
        check_then_recover(v, blocks, "IndentationError: too many levels of indentation");
        check_then_recover(v, loops, "SyntaxError: too many statically nested blocks");
    }
    // 99 levels are fine.
    std::string defs;
    for (int i = 0; i < 99; ++i) defs += std::string(static_cast<size_t>(i), ' ') + "def f():\n";
    defs += std::string(99, ' ') + "return 1\nprint('ok')\n";
    CHECK(run_python("3.12", defs).out == "ok\n");
}

TEST_CASE("unbounded recursion is a RecursionError and the lab runs on", "[bad-input]") {
    const char* src = "def f(n):\n    return f(n + 1)\nf(0)\n";
    for (const char* v : kPython3Profiles) check_then_recover(v, src, "RecursionError: maximum recursion depth exceeded");
    check_then_recover("2.7", src, "RuntimeError: maximum recursion depth exceeded");
    // Through __repr__ (up to 3.11 C calls and Python frames share one limit; 3.12+ reaches the
    // Python frames' limit first and says so without "while calling", which the lab does not yet).
    check_then_recover("3.11", "class A:\n    def __repr__(self):\n        return repr(self)\nrepr(A())\n",
                       "RecursionError: maximum recursion depth exceeded while calling a Python object");
}

TEST_CASE("endless loops, huge ranges and builtins draining them stop at the instruction budget", "[bad-input]") {
    const std::string budget = "BudgetExceeded: the snippet ran more than 300000 instructions (the lab's budget)";
    for (const char* v : {"2.7", "3.8", "3.12", "3.14"}) check_then_recover(v, "while True: pass\n", budget);
    for (const char* v : {"3.8", "3.12", "3.14"}) check_then_recover(v, "for i in range(10**12): pass\n", budget);
    // 2.7's range() makes the list first, as CPython 2.7 does; xrange() is the loop.
    check_then_recover("2.7", "for i in range(10**12): pass\n", "MemoryError");
    check_then_recover("2.7", "for i in xrange(10**12): pass\n", budget);
    // A builtin's own loop counts one instruction an item (CPython: hours).
    for (const char* v : {"3.6", "3.12"}) {
        check_then_recover(v, "print(sum(range(10**12)))\n", budget);
        check_then_recover(v, "print(max(range(10**12)))\n", budget);
        check_then_recover(v, "print(any(x < 0 for x in range(10**12)))\n", budget);
    }
}

TEST_CASE("arithmetic on huge ints stops at the budget: 2 ** 10**9 runs for seconds in CPython", "[bad-input]") {
    // CPython 3.12 computes 2 ** 10**9 (133 MB) in ~10 s, and str() of a 10**7-bit int in 2.7 and
    // 3.6 for minutes; the lab charges the digit loops to the budget (BudgetExceeded).
    const std::string budget = "BudgetExceeded: the snippet ran more than 300000 instructions (the lab's budget)";
    for (const char* v : {"2.7", "3.6", "3.12"}) {
        check_then_recover(v, "x = 2 ** 10**9\n", budget);
        check_then_recover(v, "x = 3 ** 10**8\n", budget);
        check_then_recover(v, "x = (10**10**6) // (7**10**5)\n", budget);
    }
    check_then_recover("3.6", "x = str(1 << 10**7)\n", budget);
    check_then_recover("3.6", "x = int('7' * 10**6)\n", budget);
    // 3.8+ refuse conversions past 4,300 digits before doing the work.
    check_then_recover("3.12", "x = str(1 << 10**7)\n",
                       "ValueError: Exceeds the limit (4300 digits) for integer string conversion; use "
                       "sys.set_int_max_str_digits() to increase the limit");
}

TEST_CASE("huge sequences are a MemoryError under the heap cap, or CPython's OverflowError", "[bad-input]") {
    for (const char* v : {"3.6", "3.12", "3.14"}) {
        check_then_recover(v, "x = [0] * 10**10\n", "MemoryError");
        check_then_recover(v, "x = 'x' * 10**12\n", "MemoryError");
        check_then_recover(v, "x = (0,) * 10**10\n", "MemoryError");
        check_then_recover(v, "x = [0] * 10**20\n", "OverflowError: cannot fit 'int' into an index-sized integer");
        check_then_recover(v, "x = 'ab' * (2**62)\n", "OverflowError: repeated string is too long");
        check_then_recover(v, "x = 1 << 10**12\n", "MemoryError");
    }
    // Building a list until the heap cap (16 MiB here; the page's is 1 GiB).
    for (const char* v : {"2.7", "3.8", "3.12"})
        check_then_recover(v, "l = []\nwhile True:\n    l.append([0] * 1000)\n", "MemoryError",
                           small_limits(50'000'000));
    // A handler may catch it, and what the list held is freed.
    Lab lab(profile("3.12"), RunMode::Script, small_limits(50'000'000));
    lab.load("l = []\ntry:\n    while True:\n        l.append('x' * 10000)\nexcept MemoryError:\n    n = len(l)\n"
             "    del l\n    print(n > 1000)\nprint(len([0] * 100000))\n");
    CHECK(lab.run() == 0);
    CHECK(lab.output() == "True\n100000\n");
}

TEST_CASE("a format width past what can be built is a MemoryError, not a crash", "[bad-input]") {
    // CPython fails to allocate the padded result: MemoryError (OverflowError or ValueError past a
    // C integer).
    for (const char* v : {"2.7", "3.6", "3.12"}) {
        check_then_recover(v, "x = '%0*d' % (10**12, 1)\n", "MemoryError");
        check_then_recover(v, "x = '%1000000000000d' % 1\n", "MemoryError");
        check_then_recover(v, "x = '{:>1000000000000}'.format(1)\n", "MemoryError");
        check_then_recover(v, "x = '{:1000000000000}'.format('x')\n", "MemoryError");
        check_then_recover(v, "x = format(1.5, '1000000000000')\n", "MemoryError");
        check_then_recover(v, "x = format(1, '01000000000000,')\n", "MemoryError");
        check_then_recover(v, "x = '%.*d' % (10**12, 1)\n", "OverflowError: Python int too large to convert to C int");
    }
    check_then_recover("3.12", "x = '%*d' % (10**20, 1)\n", "OverflowError: Python int too large to convert to C ssize_t");
    check_then_recover("2.7", "x = '%*d' % (10**20, 1)\n", "TypeError: * wants int");
    check_then_recover("3.12", "x = '%099999999999999999999d' % 1\n", "ValueError: width too big");
    check_then_recover("3.12", "x = b'%1000000000000d' % 1\n", "MemoryError");
    CHECK(run_python("3.12", "print('%5d|%-4s|' % (42, 'ab'), '{:>6}'.format(1.5))\n").out == "   42|ab  |    1.5\n");
}

TEST_CASE("deeply nested containers printed with repr raise RecursionError", "[bad-input]") {
    for (const char* v : {"3.6", "3.12"}) {
        check_then_recover(v, "l = []\nfor i in range(100000):\n    l = [l]\nprint(l)\n",
                           "RecursionError: maximum recursion depth exceeded while getting the repr of an object",
                           small_limits(2'000'000, uint64_t{64} << 20));
        check_then_recover(v, "d = {}\nfor i in range(100000):\n    d = {1: d}\nprint(repr(d))\n",
                           "RecursionError: maximum recursion depth exceeded while getting the repr of an object",
                           small_limits(2'000'000, uint64_t{64} << 20));
        check_then_recover(v, "t = ()\nfor i in range(100000):\n    t = (t,)\nprint(str(t))\n",
                           "RecursionError: maximum recursion depth exceeded while getting the repr of an object",
                           small_limits(2'000'000, uint64_t{64} << 20));
    }
}

TEST_CASE("freeing a container nested 100,000 deep goes through the trashcan, not the native stack", "[bad-input]") {
    // Each level's dealloc used to free the next one recursively: a native stack overflow.
    for (const char* v : {"2.7", "3.6", "3.12", "3.14"}) {
        Lab lab(profile(v), RunMode::Script, small_limits(3'000'000, uint64_t{64} << 20));
        lab.load("l = []\nfor i in range(100000):\n    l = [l]\nd = {}\nfor i in range(100000):\n    d = {1: (d,)}\n"
                 "l = d = None\nprint('%d %d' % (len([0] * 3), 7))\n");
        CHECK(lab.run() == 0);
        CHECK(lab.output() == "3 7\n");
    }
    // __del__ still runs outermost first along a chain longer than the trashcan's 50 levels.
    RunOutput o = run_python("3.12",
                             "class N:\n    def __init__(self, n, inner):\n        self.n, self.inner = n, inner\n"
                             "    def __del__(self):\n        order.append(self.n)\n"
                             "order = []\nh = None\nfor i in range(120):\n    h = N(i, h)\nh = None\n"
                             "print(order == list(range(119, -1, -1)))\n");
    CHECK(o.out == "True\n");
}

TEST_CASE("self-referential containers print with ellipses", "[bad-input]") {
    for (const char* v : kPython3Profiles) {
        INFO(v);
        RunOutput o = run_python(v,
                                 "l = [1]\nl.append(l)\nprint(l)\nd = {}\nd['a'] = d\nprint(d)\n"
                                 "m = [[]]\nm[0].append(m)\nprint(m, repr(m))\nt = ([],)\nt[0].append(t)\nprint(t)\n"
                                 "e = {}\ne[1] = [e, l]\nprint(e)\n");
        CHECK(o.err == "");
        CHECK(o.out ==
              "[1, [...]]\n{'a': {...}}\n[[[...]]] [[[...]]]\n([(...)],)\n{1: [{...}, [1, [...]]]}\n");
    }
}

TEST_CASE("exceptions in __del__ and weakref callbacks are reported as ignored and the run goes on", "[bad-input]") {
    for (const char* v : {"3.8", "3.12", "3.14"}) {
        INFO(v);
        RunOutput o = run_python(v,
                                 "import weakref\nclass A:\n    def __del__(self):\n        raise ValueError('boom')\n"
                                 "a = A()\ndel a\nclass B: pass\nb = B()\n"
                                 "def cb(r):\n    raise KeyError('cb')\nr = weakref.ref(b, cb)\ndel b\nprint('after')\n");
        CHECK(o.status == 0);
        CHECK(o.out == "after\n");
        // 3.14 names what it was calling (measured on Pyodide 314.0.7).
        const bool v314 = std::string(v) == "3.14";
        CHECK(o.err.find(v314 ? "Exception ignored while calling deallocator <function A.__del__ at 0x"
                              : "Exception ignored in: <function A.__del__ at 0x") == 0);
        // The traceback of where it was raised comes between, as CPython's unraisable hook prints it.
        CHECK(o.err.find(std::string(v314 ? ">:" : ">") + "\nTraceback (most recent call last):\n  File \"<snippet>\", line 4, in __del__\n"
                         "    raise ValueError('boom')\nValueError: boom\n") != std::string::npos);
        CHECK(o.err.find("  File \"<snippet>\", line 10, in cb\n    raise KeyError('cb')\nKeyError: 'cb'\n") !=
              std::string::npos);
        CHECK(o.err.find(v314 ? "Exception ignored while calling weakref callback <function cb at 0x"
                              : "Exception ignored in: <function cb at 0x") != std::string::npos);
        CHECK(last_line(o.err) == "KeyError: 'cb'");
    }
    RunOutput o = run_python("2.7", "class A(object):\n    def __del__(self):\n        raise ValueError('boom')\n"
                                    "a = A()\ndel a\nprint 'after'\n");
    CHECK(o.out == "after\n");
    CHECK(o.err.find("Exception ValueError: ValueError('boom',) in <bound method A.__del__ of <__main__.A object at 0x") ==
          0);
}

TEST_CASE("exceptions in __repr__ and __eq__ propagate out of print, sort, lookups", "[bad-input]") {
    for (const char* v : {"2.7", "3.6", "3.12"}) {
        INFO(v);
        const bool py2 = std::string_view(v) == "2.7";
        RunOutput o = run_python(
            v, std::string("class A(object):\n"
                           "    def __repr__(self):\n        raise ValueError('repr fails')\n"
                           "    def __eq__(self, o):\n        raise ValueError('eq fails')\n"
                           "    def __lt__(self, o):\n        raise TypeError('lt fails')\n"
                           "    def __hash__(self):\n        return 1\n"
                           "def show(f):\n    try:\n        f()\n    except Exception as e:\n") +
                   (py2 ? "        print type(e).__name__, e\n" : "        print(type(e).__name__, e)\n") +
                   "show(lambda: str([A()]))\nshow(lambda: sorted([A(), A()]))\n"
                   "show(lambda: {A(): 1}[A()])\nshow(lambda: [A()].index(A()))\nshow(lambda: A() in [A()])\n"
                   "show(lambda: '%s' % A())\n");
        CHECK(o.err == "");
        CHECK(o.out ==
              "ValueError repr fails\nTypeError lt fails\nValueError eq fails\nValueError eq fails\n"
              "ValueError eq fails\nValueError repr fails\n");
    }
    check_then_recover("3.12", "class A:\n    def __repr__(self):\n        raise ValueError('repr fails')\nprint(A())\n",
                       "ValueError: repr fails");
}

TEST_CASE("gc.collect() called from __del__ works, also inside a collection", "[bad-input]") {
    for (const char* v : {"2.7", "3.6", "3.12"}) {
        INFO(v);
        const bool py2 = std::string_view(v) == "2.7";
        RunOutput o = run_python(v, std::string("import gc\nclass A(object):\n    def __del__(self):\n") +
                                        (py2 ? "        print 'del', gc.collect()\n" : "        print('del', gc.collect())\n") +
                                        "a = A()\nb = A()\nb.self = b\ndel a, b\nn = gc.collect()\n" +
                                        (py2 ? "print 'after'\n" : "print('after')\n"));
        CHECK(o.err == "");
        CHECK(o.out.substr(0, 6) == "del 0\n");
        CHECK(o.out.find("after\n") != std::string::npos);
    }
}

TEST_CASE("mutating a list while it is sorted or iterated", "[bad-input]") {
    for (const char* v : kAllProfiles) {
        INFO(v);
        RunOutput o = run_python(v,
                                 "l = list(range(10))\n"
                                 "def key(x):\n    l.append(x)\n    return x\n"
                                 "try:\n    l.sort(key=key)\nexcept ValueError as e:\n    r = str(e)\n"
                                 "m = [3, 1, 2]\nfor x in m:\n    if len(m) < 9: m.append(x)\n"
                                 "s = sorted(m)\nd = {1: 1}\ntry:\n    for k in d: d[k + 1] = 1\n"
                                 "except RuntimeError as e:\n    r2 = str(e)\n"
                                 "import sys\nsys.stdout.write('%s|%d|%s|%s\\n' % (r, len(l), m, r2))\n");
        CHECK(o.err == "");
        CHECK(o.out == "list modified during sort|10|[3, 1, 2, 3, 1, 2, 3, 1, 2]|dictionary changed size during iteration\n");
    }
}

TEST_CASE("a megabyte snippet runs: a long literal, many statements, many comments", "[bad-input]") {
    // 10 MB snippets run too (tens of seconds in a debug build, see the report in issue 9); 1 MB
    // keeps this test short.
    const std::string literal = "x = '" + std::string(1 << 20, 'a') + "'\nprint(len(x))\n";
    const std::string statements = "x = 0\n" + repeat("x += 1\n", 150000) + "print(x)\n";
    const std::string comments = repeat("# " + std::string(98, 'c') + "\n", 10000) + "print(1)\n";
    Lab lab(profile("3.12"), RunMode::Script, small_limits(2'000'000, uint64_t{64} << 20));
    for (auto [src, out] : {std::pair{&literal, "1048576\n"}, {&statements, "150000\n"}, {&comments, "1\n"}}) {
        lab.load(*src);
        CHECK(lab.run() == 0);
        CHECK(lab.output() == out);
    }
}
