// The compiler's SyntaxWarnings (core/interp/compile_warnings.cpp): 3.8+ warn, before the code
// runs, about `is` with a literal and about calling or subscripting a literal; 2.7 and 3.6 do
// not. The texts are CPython's (checked against the pyenv builds when written: 3.8-3.11 "with a
// literal", 3.12+ name the literal's type; 3.10+ repeat a while loop's test warnings).
#include <catch2/catch.hpp>

#include <string>

#include "python_run.h"

using namespace pymemlab;

namespace {

constexpr const char* kSource =
    "x = 1000\n"
    "print(x is 1000)\n"
    "print(not (x is 'a'))\n"
    "f = lambda: None()\n"
    "g = lambda: 1[0]\n"
    "h = lambda: 'ab'[0]\n"
    "while x is 7:\n"
    "    pass\n";

}  // namespace

TEST_CASE("2.7 and 3.6 give no SyntaxWarning", "[compiler]") {
    for (const char* profile : {"2.7", "3.6"}) {
        const RunOutput o = run_python(profile, "x = 1000\nprint(x is 1000)\nf = lambda: None()\n");
        CHECK(o.out == "True\n");
        CHECK(o.err.empty());
    }
}

TEST_CASE("3.8 warns about `is` with a literal, calls and subscripts of literals, before running", "[compiler]") {
    const RunOutput o = run_python("3.8", kSource);
    CHECK(o.out == "True\nTrue\n");
    CHECK(o.err ==
          "<snippet>:2: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\n"
          "  print(x is 1000)\n"
          "<snippet>:3: SyntaxWarning: \"is not\" with a literal. Did you mean \"!=\"?\n"
          "  print(not (x is 'a'))\n"
          "<snippet>:4: SyntaxWarning: 'NoneType' object is not callable; perhaps you missed a comma?\n"
          "  f = lambda: None()\n"
          "<snippet>:5: SyntaxWarning: 'int' object is not subscriptable; perhaps you missed a comma?\n"
          "  g = lambda: 1[0]\n"
          "<snippet>:7: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\n"
          "  while x is 7:\n");
}

TEST_CASE("3.12 names the literal's type, and a while loop's test warns twice", "[compiler]") {
    const RunOutput o = run_python("3.12", kSource);
    const std::string loop = "<snippet>:7: SyntaxWarning: \"is\" with 'int' literal. Did you mean \"==\"?\n"
                             "  while x is 7:\n";
    CHECK(o.err ==
          "<snippet>:2: SyntaxWarning: \"is\" with 'int' literal. Did you mean \"==\"?\n"
          "  print(x is 1000)\n"
          "<snippet>:3: SyntaxWarning: \"is not\" with 'str' literal. Did you mean \"!=\"?\n"
          "  print(not (x is 'a'))\n"
          "<snippet>:4: SyntaxWarning: 'NoneType' object is not callable; perhaps you missed a comma?\n"
          "  f = lambda: None()\n"
          "<snippet>:5: SyntaxWarning: 'int' object is not subscriptable; perhaps you missed a comma?\n"
          "  g = lambda: 1[0]\n" +
              loop + loop);
}

TEST_CASE("`is` with None, True, False or ... and a name is no warning", "[compiler]") {
    const RunOutput o = run_python("3.13", "x = 1\ny = 2\nprint(x is None, x is True, x is ..., x is not False, x is y)\n");
    CHECK(o.out == "False False False True False\n");
    CHECK(o.err.empty());
}
