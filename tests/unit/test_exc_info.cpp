// The exception being handled (interp/exc_info.h): up to 3.10 a (type, value, traceback) triple
// whose type and traceback are references of their own, 3.11+ the exception alone; 2.7's
// tracebacks outside the exception (ThreadState::raised_tracebacks27). The counts are the
// pyenv CPythons' (tests/snippets/exceptions/handled_exception_refs.py compares more of them).
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "checked_runtime.h"
#include "interp/interp.h"
#include "interp/run.h"
#include "object/runtime.h"
#include "python_run.h"

using namespace pymemlab;

TEST_CASE("the handled state holds the traceback up to 3.10, and 2.7's sys.exc_traceback one more", "[exc_info]") {
    const char* source =
        "import sys\n"
        "def f():\n"
        "    try:\n"
        "        raise ValueError(1)\n"
        "    except ValueError:\n"
        "        tb = sys.exc_info()[2]\n"
        "        print(sys.getrefcount(tb))\n"
        "f()\n";
    // tb, getrefcount's argument, the exception's __traceback__ (3.x) or sys.exc_traceback
    // (2.7), and the thread state's triple (≤3.10).
    const std::pair<const char*, const char*> expected[] = {{"2.7", "4\n"},  {"3.6", "4\n"},  {"3.8", "4\n"},
                                                            {"3.10", "4\n"}, {"3.11", "3\n"}, {"3.12", "3\n"},
                                                            {"3.13", "3\n"}, {"3.14", "3\n"}};
    for (const auto& [profile, out] : expected) {
        INFO(profile);
        RunOutput o = run_python(profile, source);
        CHECK(o.err.empty());
        CHECK(o.out == out);
    }
}

TEST_CASE("a finally block's exception keeps its class and traceback on the stack up to 3.10", "[exc_info]") {
    const char* source =
        "import sys\n"
        "class E(Exception): pass\n"
        "def f():\n"
        "    try:\n"
        "        try:\n"
        "            raise E()\n"
        "        finally:\n"
        "            print(sys.getrefcount(E))\n"
        "    except E:\n"
        "        pass\n"
        "f()\n"
        "print(sys.getrefcount(E))\n";
    // In the finally block the instance, the thread state's triple (≤3.10, not 2.7's in a
    // finally block) and the stack's (≤3.10, 2.7) hold E beyond its references after f().
    const std::pair<const char*, int> expected[] = {{"2.7", 2},  {"3.6", 3},  {"3.8", 3},  {"3.10", 3},
                                                    {"3.11", 1}, {"3.12", 1}, {"3.13", 1}};
    for (const auto& [profile, held] : expected) {
        INFO(profile);
        const std::string out = run_python(profile, source).out;
        const int during = std::stoi(out), after = std::stoi(out.substr(out.find('\n') + 1));
        CHECK(during - after == held);
    }
}

TEST_CASE("2.7: a saved exception keeps no frame alive, and no raised traceback is left behind", "[exc_info]") {
    const char* source =
        "class Big(object):\n"
        "    def __del__(self): print('Big freed')\n"
        "def fail():\n"
        "    big = Big()\n"
        "    raise ValueError('x')\n"
        "def catch():\n"
        "    try:\n"
        "        fail()\n"
        "    except ValueError as e:\n"
        "        return e\n"
        "saved = catch()\n"
        "print('returned')\n"
        "print(hasattr(saved, '__traceback__'))\n"
        "for i in (x for x in range(3)):\n"
        "    pass\n"
        "print('%s %s %s' % (hasattr(saved, 'nothing'), getattr(saved, 'nothing', 0), {}.get(1)))\n"
        "try:\n"
        "    try:\n"
        "        raise KeyError(1)\n"
        "    finally:\n"
        "        pass\n"
        "except KeyError:\n"
        "    pass\n";
    CheckedRuntime rt("2.7");
    std::string out;
    {
        Interp in(rt);
        in.write = [&](int, std::string_view text) { out += text; };
        CHECK(run_source(in, source, RunMode::Script) == 0);
        // Every traceback raised was taken by a handler or dropped with its exception.
        CHECK(rt.tstate().raised_tracebacks27.empty());
    }
    CHECK(out == "Big freed\nreturned\nFalse\nFalse 0 None\n");
    // Under 3.x the same exception keeps fail()'s frame, and Big, until it goes.
    RunOutput o = run_python("3.8", std::string(source) + "saved = None\nprint('dropped')\n");
    CHECK(o.out.rfind("returned\nTrue\nFalse 0 None\nBig freed\ndropped\n", 0) == 0);
}
