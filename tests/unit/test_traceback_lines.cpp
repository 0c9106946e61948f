// The source lines and markers under a traceback entry (core/interp/traceback_lines.h), per
// profile. Each expected text is what CPython printed for the same line and instruction range
// (3.10.13, 3.11.7, 3.12.1 and 3.13.0 from pyenv; co_positions read with dis). Whole
// tracebacks against the oracles are the snippets in tests/snippets/tracebacks/.
#include <catch2/catch.hpp>
#include <string>

#include "interp/traceback_lines.h"

using pymemlab::SourceRange;
using pymemlab::traceback_source_lines;

namespace {

std::string lines(const std::string& source, int lineno, SourceRange where, const char* profile) {
    const int minor = std::stoi(std::string(profile).substr(2));
    return traceback_source_lines(source, lineno, where, profile[0] - '0', minor);
}

}  // namespace

TEST_CASE("up to 3.10 an entry shows its line without indentation, and no markers", "[traceback]") {
    const std::string src = "def f():\n    return 1/0\n";
    for (const char* p : {"2.7", "3.6", "3.10"}) {
        INFO(p);
        CHECK(lines(src, 2, {2, 2, 11, 14}, p) == "    return 1/0\n");
    }
    CHECK(lines(src, 3, {}, "3.10").empty());  // past the last line: nothing
    CHECK(lines("x = 1\n\n", 2, {}, "3.12").empty());
}

TEST_CASE("3.11+ mark a binary operation's operands with ~ and its operator with ^", "[traceback]") {
    for (const char* p : {"3.11", "3.12", "3.13", "3.14"}) {
        INFO(p);
        CHECK(lines("x = 1/0\n", 1, {1, 1, 4, 7}, p) == "    x = 1/0\n        ~^~\n");
        // A two-character operator after the left side's closing parenthesis.
        CHECK(lines("x = (1) // 0\n", 1, {1, 1, 4, 12}, p) == "    x = (1) // 0\n        ~~~~^^~~\n");
        // Left-associative: the outer operation is the one marked.
        CHECK(lines("x = 3 * 'b' * 'c'\n", 1, {1, 1, 4, 17}, p) == "    x = 3 * 'b' * 'c'\n        ~~~~~~~~^~~~~\n");
    }
}

TEST_CASE("3.11+ mark a subscript from its opening bracket to its closing one", "[traceback]") {
    for (const char* p : {"3.11", "3.13"}) {
        INFO(p);
        CHECK(lines("x = [1] [5]\n", 1, {1, 1, 4, 11}, p) == "    x = [1] [5]\n        ~~~~^^^\n");
        CHECK(lines("x = [1][ 5 ]\n", 1, {1, 1, 4, 12}, p) == "    x = [1][ 5 ]\n        ~~~^^^^^\n");
    }
}

TEST_CASE("a call is marked with ^ up to 3.12 and with ~ and ^ from 3.13", "[traceback]") {
    const std::string src = "x = abs(-1) + abs('a')\n";
    CHECK(lines(src, 1, {1, 1, 14, 22}, "3.12") == "    x = abs(-1) + abs('a')\n                  ^^^^^^^^\n");
    CHECK(lines(src, 1, {1, 1, 14, 22}, "3.13") == "    x = abs(-1) + abs('a')\n                  ~~~^^^^^\n");
}

TEST_CASE("markers that would cover the whole line are left out", "[traceback]") {
    // Up to 3.12 a call alone on its line has none; 3.13 marks its brackets.
    CHECK(lines("f()\n", 1, {1, 1, 0, 3}, "3.11") == "    f()\n");
    CHECK(lines("f()\n", 1, {1, 1, 0, 3}, "3.13") == "    f()\n    ~^^\n");
    // 3.11/3.12 measure the line with its trailing blanks (and print them); 3.13 strips them.
    CHECK(lines("f()  \n", 1, {1, 1, 0, 3}, "3.12") == "    f()  \n    ^^^\n");
    CHECK(lines("f()  \n", 1, {1, 1, 0, 3}, "3.13") == "    f()\n    ~^^\n");
    // 3.13 leaves `x = f()` and `return f()` bare; 3.11 marks what is not the whole line.
    const std::string src = "def f():\n    return g()\n";
    CHECK(lines(src, 2, {2, 2, 11, 14}, "3.11") == "    return g()\n           ^^^\n");
    CHECK(lines(src, 2, {2, 2, 11, 14}, "3.13") == "    return g()\n");
    CHECK(lines("x = obj.m()\n", 1, {1, 1, 4, 11}, "3.13") == "    x = obj.m()\n");
    CHECK(lines("x = obj.m()\n", 1, {1, 1, 4, 11}, "3.12") == "    x = obj.m()\n        ^^^^^^^\n");
}

TEST_CASE("an instruction spanning lines: its first line up to 3.12, every line from 3.13", "[traceback]") {
    const std::string src = "x = (1 +\n     None)\n";
    CHECK(lines(src, 1, {1, 2, 5, 9}, "3.11") == "    x = (1 +\n         ^^^\n");
    CHECK(lines(src, 1, {1, 2, 5, 9}, "3.13") == "    x = (1 +\n         ~~^\n         None)\n         ~~~~\n");
    // Dedented together; the lines between the significant ones abbreviated.
    const std::string call = "x = f(\n    1,\n    2,\n    3,\n    4,\n    5)\n";
    CHECK(lines(call, 1, {1, 6, 4, 6}, "3.13") ==
          "    x = f(\n        1,\n    ...<2 lines>...\n        4,\n        5)\n");
    const std::string nested = "x = [0,\n     f(\n    1,\n    2)]\n";
    CHECK(lines(nested, 2, {2, 4, 5, 6}, "3.11") == "    f(\n");
    CHECK(lines(nested, 2, {2, 4, 5, 6}, "3.13") == "     f(\n     ~^\n    1,\n    ^^\n    2)]\n    ^^\n");
}

TEST_CASE("markers count display columns: wide characters take two", "[traceback]") {
    const std::string src = "x = ('\xe4\xb8\xad\xe6\x96\x87', 1/0)\n";  // two CJK characters, 3 bytes each
    for (const char* p : {"3.11", "3.13"}) {
        INFO(p);
        CHECK(lines(src, 1, {1, 1, 15, 18}, p) == "    " + src + "                 ~^~\n");
    }
}

TEST_CASE("without columns an entry shows its line alone", "[traceback]") {
    CHECK(lines("    y = 2\n", 1, {1, 1, -1, -1}, "3.11") == "    y = 2\n");
    CHECK(lines("    y = 2\n", 1, {1, 1, -1, -1}, "3.13") == "    y = 2\n");
}
