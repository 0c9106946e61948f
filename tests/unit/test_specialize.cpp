// CALL's adaptive specialization (interp/specialize.h) and calls through tp_call
// (object/tp_call.h), seen the way users see them: sys.getrefcount of an argument inside
// __init__, call by call. The figures are CPython's (3.13.0, Pyodide's 3.14; the snippets
// refcounts/init_argument_refcount.py and call_dunder_refcount.py check them live).
#include <catch2/catch.hpp>
#include <string>

#include "python_run.h"

using namespace pymemlab;

namespace {

// Each call of C(o) prints getrefcount(x) inside __init__ on one line.
std::string init_counts(const char* profile, const char* klass, const char* calls) {
    std::string source = std::string("import sys\n") + klass +
                         "o = []\n"
                         "for c in " +
                         calls + ":\n    c(o)\nprint(' '.join(map(str, seen)))\n";
    const RunOutput r = run_python(profile, source);
    INFO(r.err);
    REQUIRE(r.status == 0);
    return r.out;
}

const char* const kPlain =
    "seen = []\n"
    "class P(object):\n    def __init__(self, x):\n        seen.append(sys.getrefcount(x))\n";
const char* const kPlainAndSlotted =
    "seen = []\n"
    "class P(object):\n    def __init__(self, x):\n        seen.append(sys.getrefcount(x))\n"
    "class S(object):\n    __slots__ = ('a',)\n    def __init__(self, x):\n        seen.append(sys.getrefcount(x))\n";

}  // namespace

TEST_CASE("a class call packs its arguments into a tuple in every version before 3.13", "[specialize]") {
    for (const char* v : {"2.7", "3.6", "3.8", "3.10", "3.11", "3.12"}) {
        INFO(v);
        CHECK(init_counts(v, kPlain, "(P, P, P, P)") == "5 5 5 5\n");
    }
}

TEST_CASE("from its second run a class call enters __init__ directly (3.13, 3.14)", "[specialize]") {
    CHECK(init_counts("3.13", kPlain, "(P, P, P, P)") == "5 3 3 3\n");
    CHECK(init_counts("3.14", kPlain, "(P, P, P, P)") == "4 2 2 2\n");
}

TEST_CASE("a specialized class call deoptimizes for another class and stays specialized", "[specialize]") {
    // 3.13 cannot specialize for S (no managed dict); 3.14 could, but the site is P's.
    CHECK(init_counts("3.13", kPlainAndSlotted, "(P, P, S, S, P)") == "5 3 5 5 3\n");
    CHECK(init_counts("3.14", kPlainAndSlotted, "(P, P, S, S, P)") == "4 2 4 4 2\n");
    // A site that first sees S: 3.13 backs off and never specializes; 3.14 does, for S.
    CHECK(init_counts("3.13", kPlainAndSlotted, "(S, S, S, S, S, S, S)") == "5 5 5 5 5 5 5\n");
    CHECK(init_counts("3.14", kPlainAndSlotted, "(S, S, S)") == "4 2 2\n");
}

TEST_CASE("changing a class renews its version, so its specialized calls deoptimize", "[specialize]") {
    const char* klass =
        "seen = []\n"
        "class P(object):\n    def __init__(self, x):\n        seen.append(sys.getrefcount(x))\n"
        "def mutate():\n    P.tag = 1\n";
    const RunOutput r = run_python("3.13",
                                   std::string("import sys\n") + klass +
                                       "o = []\n"
                                       "for i in range(5):\n    if i == 2:\n        mutate()\n    P(o)\n"
                                       "print(seen)\n");
    INFO(r.err);
    REQUIRE(r.status == 0);
    // Runs 0 and 1 warm up and specialize; run 2 finds a new version and deoptimizes until the
    // cooldown counter (52) runs out.
    CHECK(r.out == "[5, 3, 5, 5, 5]\n");
}

TEST_CASE("an instance's __call__ sees the argument tuple its call packed", "[specialize]") {
    for (const char* v : kAllProfiles) {
        INFO(v);
        const RunOutput r = run_python(v,
                                       "import sys\n"
                                       "class A(object):\n    def __call__(self, v):\n        return sys.getrefcount(v)\n"
                                       "o = []\n"
                                       "a = A()\n"
                                       "print(a(o))\n");
        REQUIRE(r.status == 0);
        CHECK(r.out == (std::string(v) == "3.14" ? "4\n" : "5\n"));
    }
}
