// Syntax errors against CPython: every expectation below is what the pyenv builds (2.7.18,
// 3.6.15, 3.8.18, 3.10.13, 3.11.7, 3.12.1, 3.13.0) reported for the same source through
// compile(), as SyntaxError.msg, lineno, offset, end_lineno, end_offset (the last two from 3.10);
// regenerate one with
//   $(pyenv root)/versions/3.12.1/bin/python -c "compile(open('x.py','rb').read(), 'x.py', 'exec')"
#include <catch2/catch.hpp>

#include <string>
#include <utility>

#include "interp/parser.h"

using namespace pymemlab;

namespace {

struct Expected {
    const char* type;
    const char* msg;
    int line;
    int offset;
    int end_line;  // 3.10+; older profiles report no end
    int end_offset;
};

void check_error(const char* source, int major, int minor, const Expected& want) {
    ast::Module module;
    SyntaxErrorInfo err;
    INFO("profile " << major << "." << minor << ", source: " << source);
    REQUIRE_FALSE(parse_module(source, ParseOptions{major, minor}, module, &err));
    CHECK(err.type == want.type);
    CHECK(err.msg == want.msg);
    CHECK(err.line == want.line);
    CHECK(err.offset == want.offset);
    CHECK(err.end_line == want.end_line);
    CHECK(err.end_offset == want.end_offset);
}

}  // namespace

TEST_CASE("An unclosed parenthesis is never closed from 3.10 and an unexpected EOF before", "[parser]") {
    const char* source = "print((1)\n";
    check_error(source, 3, 12, {"SyntaxError", "'(' was never closed", 1, 6, 1, 0});
    check_error(source, 3, 8, {"SyntaxError", "unexpected EOF while parsing", 1, 10, 0, 0});
}

TEST_CASE("A parse error on a later line blames the unclosed bracket", "[parser]") {
    const char* source = "x = (1,\ny = 2\n";
    check_error(source, 3, 12, {"SyntaxError", "'(' was never closed", 1, 5, 1, 0});
}

TEST_CASE("A closing parenthesis without an opening one is unmatched", "[parser]") {
    const char* source = "f(1))\n";
    check_error(source, 3, 13, {"SyntaxError", "unmatched ')'", 1, 5, 1, 5});
    check_error(source, 3, 6, {"SyntaxError", "invalid syntax", 1, 5, 0, 0});
}

TEST_CASE("A closing parenthesis of the wrong kind does not match", "[parser]") {
    const char* source = "x = [1, 2)\n";
    check_error(source, 3, 12,
                {"SyntaxError", "closing parenthesis ')' does not match opening parenthesis '['", 1, 10, 1, 10});
    check_error(source, 3, 8,
                {"SyntaxError", "closing parenthesis ')' does not match opening parenthesis '['", 1, 10, 0, 0});
}

TEST_CASE("A mismatched bracket names the opening bracket's line", "[parser]") {
    const char* source = "x = [1, 2\ny = 3\nz = )\n";
    check_error(
        source, 3, 12,
        {"SyntaxError", "closing parenthesis ')' does not match opening parenthesis '[' on line 1", 3, 5, 3, 5});
}

TEST_CASE("A missing colon after if is expected from 3.10", "[parser]") {
    const char* source = "if x\n    pass\n";
    check_error(source, 3, 12, {"SyntaxError", "expected ':'", 1, 5, 1, 6});
    check_error(source, 3, 10, {"SyntaxError", "expected ':'", 1, 5, 1, 5});
    check_error(source, 3, 8, {"SyntaxError", "invalid syntax", 1, 5, 0, 0});
}

TEST_CASE("A missing colon after def is expected", "[parser]") {
    const char* source = "def f()\n    pass\n";
    check_error(source, 3, 12, {"SyntaxError", "expected ':'", 1, 8, 1, 9});
}

TEST_CASE("A missing colon after try is expected", "[parser]") {
    const char* source = "try\n  pass\n";
    check_error(source, 3, 12, {"SyntaxError", "expected ':'", 1, 4, 1, 5});
}

TEST_CASE("A def without parentheses expects an opening one from 3.11", "[parser]") {
    const char* source = "def f:\n  pass\n";
    check_error(source, 3, 11, {"SyntaxError", "expected '('", 1, 6, 1, 7});
    check_error(source, 3, 10, {"SyntaxError", "invalid syntax", 1, 6, 1, 7});
}

TEST_CASE("Two names in a row are invalid syntax", "[parser]") {
    const char* source = "x = a b\n";
    check_error(source, 3, 12, {"SyntaxError", "invalid syntax", 1, 7, 1, 8});
    check_error(source, 3, 6, {"SyntaxError", "invalid syntax", 1, 7, 0, 0});
}

TEST_CASE("Two expressions inside brackets suggest a forgotten comma", "[parser]") {
    const char* source = "f(a b)\n";
    check_error(source, 3, 12, {"SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3, 1, 6});
    check_error(source, 3, 8, {"SyntaxError", "invalid syntax", 1, 5, 0, 0});
}

TEST_CASE("A forgotten comma in a list is pointed out", "[parser]") {
    const char* source = "x = [1, 2 3]\n";
    check_error(source, 3, 12, {"SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 9, 1, 12});
}

TEST_CASE("A conditional expression without else expects one", "[parser]") {
    const char* source = "x = 1 if y\n";
    check_error(source, 3, 12, {"SyntaxError", "expected 'else' after 'if' expression", 1, 5, 1, 11});
}

TEST_CASE("Assigning to a literal says so", "[parser]") {
    const char* source = "1 = x\n";
    check_error(source, 3, 12,
                {"SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1, 1, 2});
    check_error(source, 3, 8, {"SyntaxError", "cannot assign to literal", 1, 1, 0, 0});
    check_error(source, 3, 6, {"SyntaxError", "can't assign to literal", 1, 0, 0, 0});
}

TEST_CASE("Assigning to a call suggests a comparison", "[parser]") {
    const char* source = "f() = 1\n";
    check_error(
        source, 3, 12,
        {"SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1, 1, 4});
    check_error(source, 3, 8, {"SyntaxError", "cannot assign to function call", 1, 1, 0, 0});
}

TEST_CASE("A literal in the middle of a chain cannot be assigned to", "[parser]") {
    const char* source = "x = 1 = 2\n";
    check_error(source, 3, 12, {"SyntaxError", "cannot assign to literal", 1, 5, 1, 6});
    check_error(source, 3, 8, {"SyntaxError", "cannot assign to literal", 1, 5, 0, 0});
}

TEST_CASE("A literal inside an unparenthesized target tuple suggests a comparison", "[parser]") {
    const char* source = "a, 1 = x\n";
    check_error(source, 3, 12,
                {"SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 4, 1, 5});
}

TEST_CASE("A name assigned after a literal suggests a comparison or walrus", "[parser]") {
    const char* source = "1, a = x\n";
    check_error(source, 3, 12,
                {"SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 4, 1, 9});
}

TEST_CASE("A literal inside a parenthesized target tuple is blamed alone", "[parser]") {
    const char* source = "(a, 1) = x\n";
    check_error(source, 3, 12, {"SyntaxError", "cannot assign to literal", 1, 5, 1, 6});
    check_error(source, 3, 8, {"SyntaxError", "cannot assign to literal", 1, 1, 0, 0});
}

TEST_CASE("True cannot be assigned to", "[parser]") {
    const char* source = "True = 1\n";
    check_error(source, 3, 12, {"SyntaxError", "cannot assign to True", 1, 1, 1, 5});
    check_error(source, 3, 8, {"SyntaxError", "cannot assign to True", 1, 1, 0, 0});
    check_error(source, 3, 6, {"SyntaxError", "can't assign to keyword", 1, 0, 0, 0});
}

TEST_CASE("An augmented assignment to a call is illegal", "[parser]") {
    const char* source = "f() += 1\n";
    check_error(source, 3, 12,
                {"SyntaxError", "'function call' is an illegal expression for augmented assignment", 1, 1, 1, 4});
    check_error(source, 3, 8, {"SyntaxError", "cannot assign to function call", 1, 1, 0, 0});
}

TEST_CASE("An augmented assignment to a tuple is illegal", "[parser]") {
    const char* source = "a, b += 1\n";
    check_error(source, 3, 12,
                {"SyntaxError", "'tuple' is an illegal expression for augmented assignment", 1, 1, 1, 5});
}

TEST_CASE("A yield cannot be assigned to", "[parser]") {
    const char* source = "x = yield = 1\n";
    check_error(source, 3, 12, {"SyntaxError", "assignment to yield expression not possible", 1, 5, 1, 10});
    check_error(source, 3, 8, {"SyntaxError", "assignment to yield expression not possible", 1, 5, 0, 0});
}

TEST_CASE("A call cannot be deleted", "[parser]") {
    const char* source = "del f()\n";
    check_error(source, 3, 12, {"SyntaxError", "cannot delete function call", 1, 5, 1, 8});
    check_error(source, 3, 8, {"SyntaxError", "cannot delete function call", 1, 5, 0, 0});
}

TEST_CASE("A for loop cannot bind a literal", "[parser]") {
    const char* source = "for 1 in x: pass\n";
    check_error(source, 3, 12, {"SyntaxError", "cannot assign to literal", 1, 5, 1, 6});
    check_error(source, 3, 8, {"SyntaxError", "cannot assign to literal", 1, 5, 0, 0});
}

TEST_CASE("A with statement cannot bind a literal", "[parser]") {
    const char* source = "with a as 1: pass\n";
    check_error(source, 3, 12, {"SyntaxError", "cannot assign to literal", 1, 11, 1, 12});
}

TEST_CASE("An assignment in a condition suggests a comparison", "[parser]") {
    const char* source = "if x = 1: pass\n";
    check_error(source, 3, 12,
                {"SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 4, 1, 9});
}

TEST_CASE("A walrus needs a name", "[parser]") {
    const char* source = "a.b := 1\n";
    check_error(source, 3, 12, {"SyntaxError", "cannot use assignment expressions with attribute", 1, 1, 1, 4});
}

TEST_CASE("Only a single target can be annotated", "[parser]") {
    const char* source = "x: int, y: int = 1, 2\n";
    check_error(source, 3, 12, {"SyntaxError", "invalid syntax", 1, 7, 1, 8});
    check_error(source, 3, 8, {"SyntaxError", "invalid syntax", 1, 7, 0, 0});
}

TEST_CASE("An unterminated string is reported per version", "[parser]") {
    const char* source = "s = 'abc\n";
    check_error(source, 3, 12, {"SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 1, 5});
    check_error(source, 3, 10, {"SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 1, 5});
    check_error(source, 3, 8, {"SyntaxError", "EOL while scanning string literal", 1, 9, 0, 0});
    check_error(source, 3, 6, {"SyntaxError", "EOL while scanning string literal", 1, 9, 0, 0});
}

TEST_CASE("An unterminated triple-quoted string reports the line where the file ended", "[parser]") {
    const char* source = "s = '''abc\nx\n\n";
    check_error(source, 3, 12,
                {"SyntaxError", "unterminated triple-quoted string literal (detected at line 3)", 1, 5, 1, 5});
    check_error(source, 3, 6, {"SyntaxError", "EOF while scanning triple-quoted string literal", 3, 14, 0, 0});
}

TEST_CASE("An unterminated f-string says f-string from 3.12", "[parser]") {
    const char* source = "x = f\"abc\n";
    check_error(source, 3, 12, {"SyntaxError", "unterminated f-string literal (detected at line 1)", 1, 5, 1, 5});
    check_error(source, 3, 11, {"SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 1, 5});
}

TEST_CASE("A missing indented block names its statement from 3.10", "[parser]") {
    const char* source = "if x:\npass\n";
    check_error(source, 3, 12,
                {"IndentationError", "expected an indented block after 'if' statement on line 1", 2, 1, 2, 5});
    check_error(source, 3, 8, {"IndentationError", "expected an indented block", 2, 1, 0, 0});
}

TEST_CASE("A function without a body is a function definition's missing block", "[parser]") {
    const char* source = "def f():\nreturn 1\n";
    check_error(source, 3, 12,
                {"IndentationError", "expected an indented block after function definition on line 1", 2, 1, 2, 7});
}

TEST_CASE("A block missing at the end of the file", "[parser]") {
    const char* source = "if x:\n";
    check_error(source, 3, 12,
                {"IndentationError", "expected an indented block after 'if' statement on line 1", 1, 6, 1, -1});
    check_error(source, 3, 8, {"SyntaxError", "unexpected EOF while parsing", 1, 6, 0, 0});
}

TEST_CASE("A dedent where a block should start", "[parser]") {
    const char* source = "def f():\n    if x:\ny = 1\n";
    check_error(source, 3, 12,
                {"IndentationError", "expected an indented block after 'if' statement on line 2", 3, 0, 3, -1});
}

TEST_CASE("A try without handlers expects except or finally", "[parser]") {
    const char* source = "try:\n    pass\nx = 1\n";
    check_error(source, 3, 12, {"SyntaxError", "expected 'except' or 'finally' block", 3, 1, 3, 2});
}

TEST_CASE("An indented line after a statement is unexpected", "[parser]") {
    const char* source = "x = 1\n    y = 2\n";
    check_error(source, 3, 12, {"IndentationError", "unexpected indent", 2, 4, 2, -1});
    check_error(source, 3, 6, {"IndentationError", "unexpected indent", 2, 4, 0, 0});
}

TEST_CASE("A dedent to no enclosing level does not match", "[parser]") {
    const char* source = "if x:\n        a\n    b\n";
    check_error(source, 3, 12,
                {"IndentationError", "unindent does not match any outer indentation level", 3, 6, 3, -1});
    check_error(source, 3, 6, {"IndentationError", "unindent does not match any outer indentation level", 3, 6, 0, 0});
}

TEST_CASE("Tabs and spaces mixed inconsistently raise TabError", "[parser]") {
    const char* source = "if x:\n\ty\n        z\n";
    check_error(source, 3, 12, {"TabError", "inconsistent use of tabs and spaces in indentation", 3, 1, 3, 0});
    check_error(source, 3, 8, {"TabError", "inconsistent use of tabs and spaces in indentation", 3, 10, 0, 0});
}

TEST_CASE("A trailing underscore is an invalid decimal literal", "[parser]") {
    const char* source = "x = 1_\n";
    check_error(source, 3, 12, {"SyntaxError", "invalid decimal literal", 1, 6, 1, 6});
    check_error(source, 3, 8, {"SyntaxError", "invalid decimal literal", 1, 6, 0, 0});
    check_error(source, 3, 6, {"SyntaxError", "invalid token", 1, 6, 0, 0});
}

TEST_CASE("A number running into a name is invalid from 3.10", "[parser]") {
    const char* source = "x = 1a\n";
    check_error(source, 3, 12, {"SyntaxError", "invalid decimal literal", 1, 5, 1, 5});
    check_error(source, 3, 8, {"SyntaxError", "invalid syntax", 1, 6, 0, 0});
}

TEST_CASE("Leading zeros are not permitted", "[parser]") {
    const char* source = "x = 0777\n";
    check_error(source, 3, 12,
                {"SyntaxError",
                 "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1,
                 5, 1, 6});
    check_error(source, 3, 8,
                {"SyntaxError",
                 "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1,
                 8, 0, 0});
}

TEST_CASE("A binary literal names its invalid digit", "[parser]") {
    const char* source = "x = 0b102\n";
    check_error(source, 3, 12, {"SyntaxError", "invalid digit '2' in binary literal", 1, 9, 1, 9});
    check_error(source, 3, 8, {"SyntaxError", "invalid digit '2' in binary literal", 1, 9, 0, 0});
}

TEST_CASE("A hexadecimal literal needs digits", "[parser]") {
    const char* source = "x = 0x\n";
    check_error(source, 3, 12, {"SyntaxError", "invalid hexadecimal literal", 1, 6, 1, 6});
    check_error(source, 3, 6, {"SyntaxError", "invalid token", 1, 6, 0, 0});
}

TEST_CASE("A print statement in Python 3 asks for parentheses", "[parser]") {
    const char* source = "print x\n";
    check_error(source, 3, 12,
                {"SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 1, 8});
    check_error(source, 3, 8,
                {"SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(x)?", 1, 7, 0, 0});
    check_error(source, 3, 6,
                {"SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(x)?", 1, 7, 0, 0});
}

TEST_CASE("A print statement with a trailing comma suggests end", "[parser]") {
    const char* source = "print x,\n";
    check_error(source, 3, 12,
                {"SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 1, 9});
    check_error(
        source, 3, 8,
        {"SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(x, end=\" \")?", 1, 7, 0, 0});
}

TEST_CASE("A currency sign is an invalid character", "[parser]") {
    const char* source = "x = 1 \342\202\254 2\n";
    check_error(source, 3, 12, {"SyntaxError", "invalid character '\342\202\254' (U+20AC)", 1, 7, 1, 7});
    check_error(source, 3, 8, {"SyntaxError", "invalid character in identifier", 1, 7, 0, 0});
}

TEST_CASE("A no-break space is a non-printable character", "[parser]") {
    const char* source = "x = \302\240 1\n";
    check_error(source, 3, 12, {"SyntaxError", "invalid non-printable character U+00A0", 1, 5, 1, 5});
}

TEST_CASE("Bytes and str literals cannot be mixed", "[parser]") {
    const char* source = "x = 'a' b'b'\n";
    check_error(source, 3, 12, {"SyntaxError", "cannot mix bytes and nonbytes literals", 1, 13, 1, 14});
    check_error(source, 3, 8, {"SyntaxError", "cannot mix bytes and nonbytes literals", 1, 5, 0, 0});
}

TEST_CASE("A truncated hex escape is a unicode error", "[parser]") {
    const char* source = "s = \"\\x1\"\n";
    check_error(source, 3, 12,
                {"SyntaxError",
                 "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1,
                 5, 1, 10});
    check_error(source, 3, 10,
                {"SyntaxError",
                 "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1,
                 10, 1, 10});
}

TEST_CASE("An f-string field needs an expression", "[parser]") {
    const char* source = "x = f\"{}\"\n";
    check_error(source, 3, 12, {"SyntaxError", "f-string: valid expression required before '}'", 1, 8, 1, 9});
    check_error(source, 3, 11, {"SyntaxError", "f-string: empty expression not allowed", 1, 10, 1, 10});
    check_error(source, 3, 8, {"SyntaxError", "f-string: empty expression not allowed", 1, 5, 0, 0});
}

TEST_CASE("A syntax error in an f-string field is in <fstring> up to 3.8", "[parser]") {
    for (auto [minor, filename] : {std::pair{6, "<fstring>"}, std::pair{8, "<fstring>"}, std::pair{10, ""}, std::pair{12, ""}}) {
        ast::Module module;
        SyntaxErrorInfo err;
        INFO("3." << minor);
        REQUIRE_FALSE(parse_module("x = 1\nprint(f\"{a b}\")\n", ParseOptions{3, minor}, module, &err));
        CHECK(err.filename == filename);
        CHECK(err.line == (minor <= 8 ? 1 : 2));  // the old parser counts from the field's own text
    }
}

TEST_CASE("An f-string conversion must be s r or a", "[parser]") {
    const char* source = "x = f\"{x!z}\"\n";
    check_error(source, 3, 12,
                {"SyntaxError", "f-string: invalid conversion character 'z': expected 's', 'r', or 'a'", 1, 10, 1, 11});
    check_error(source, 3, 10,
                {"SyntaxError", "f-string: invalid conversion character: expected 's', 'r', or 'a'", 1, 13, 1, 13});
}

TEST_CASE("A single closing brace is not allowed in an f-string", "[parser]") {
    const char* source = "x = f\"}\"\n";
    check_error(source, 3, 12, {"SyntaxError", "f-string: single '}' is not allowed", 1, 7, 1, 7});
    check_error(source, 3, 10, {"SyntaxError", "f-string: single '}' is not allowed", 1, 9, 1, 9});
}

TEST_CASE("An f-string field must be closed", "[parser]") {
    const char* source = "x = f\"{x\"\n";
    check_error(source, 3, 12, {"SyntaxError", "f-string: expecting '}'", 1, 9, 1, 9});
    check_error(source, 3, 10, {"SyntaxError", "f-string: expecting '}'", 1, 10, 1, 10});
}

TEST_CASE("Format specs nest two deep before 3.12", "[parser]") {
    const char* source = "x = f\"{x:{y:{z}}}\"\n";
    check_error(source, 3, 11, {"SyntaxError", "f-string: expressions nested too deeply", 1, 19, 1, 19});
}

TEST_CASE("An f-string expression error is reported against its own text before 3.12", "[parser]") {
    const char* source = "x = f\"{a b}\"\n";
    check_error(source, 3, 10, {"SyntaxError", "f-string: invalid syntax. Perhaps you forgot a comma?", 1, 2, 1, 5});
}

TEST_CASE("A positional argument cannot follow a keyword argument", "[parser]") {
    const char* source = "f(a=1, b)\n";
    check_error(source, 3, 12, {"SyntaxError", "positional argument follows keyword argument", 1, 9, 1, 10});
    check_error(source, 3, 8, {"SyntaxError", "positional argument follows keyword argument", 1, 8, 0, 0});
}

TEST_CASE("A generator argument must be parenthesized unless alone", "[parser]") {
    const char* source = "f(x for x in y, 1)\n";
    check_error(source, 3, 12, {"SyntaxError", "Generator expression must be parenthesized", 1, 3, 1, 15});
    check_error(source, 3, 8, {"SyntaxError", "Generator expression must be parenthesized", 1, 3, 0, 0});
    check_error(source, 3, 6,
                {"SyntaxError", "Generator expression must be parenthesized if not sole argument", 1, 2, 0, 0});
}

TEST_CASE("A parameter without a default cannot follow one with a default", "[parser]") {
    const char* source = "def f(a=1, b): pass\n";
    check_error(source, 3, 12,
                {"SyntaxError", "parameter without a default follows parameter with a default", 1, 12, 1, 13});
    check_error(source, 3, 11, {"SyntaxError", "non-default argument follows default argument", 1, 12, 1, 13});
}

TEST_CASE("A bare star needs a keyword-only parameter", "[parser]") {
    const char* source = "def f(*): pass\n";
    check_error(source, 3, 12, {"SyntaxError", "named arguments must follow bare *", 1, 7, 1, 8});
}

TEST_CASE("A trailing comma in an import needs parentheses", "[parser]") {
    const char* source = "from x import a,\n";
    check_error(source, 3, 12,
                {"SyntaxError", "trailing comma not allowed without surrounding parentheses", 1, 17, 1, 18});
    check_error(source, 3, 8,
                {"SyntaxError", "trailing comma not allowed without surrounding parentheses", 1, 15, 0, 0});
}

TEST_CASE("A backslash must end the line", "[parser]") {
    const char* source = "x = \\ 1\n";
    check_error(source, 3, 12, {"SyntaxError", "unexpected character after line continuation character", 1, 6, 1, 0});
}

TEST_CASE("A backslash at the end of the file is an unexpected EOF", "[parser]") {
    const char* source = "x = 1 \\\n";
    check_error(source, 3, 12, {"SyntaxError", "unexpected EOF while parsing", 1, 8, 1, -1});
    check_error(source, 3, 8, {"SyntaxError", "unexpected EOF while parsing", 1, 8, 0, 0});
}

TEST_CASE("An unclosed bracket at the end of the file is never closed", "[parser]") {
    const char* source = "x = (\n  1 +\n";
    check_error(source, 3, 12, {"SyntaxError", "'(' was never closed", 1, 5, 1, 0});
}

TEST_CASE("Python 2 says invalid syntax when the file ends in an older bracket", "[parser]") {
    const char* source = "x = [1,\n 2,\n 3\n";
    check_error(source, 2, 7, {"SyntaxError", "invalid syntax", 3, 3, 0, 0});
}

TEST_CASE("A dict key needs a colon", "[parser]") {
    const char* source = "x = {1: 2, 3}\n";
    check_error(source, 3, 12, {"SyntaxError", "':' expected after dictionary key", 1, 12, 1, 0});
    check_error(source, 3, 10, {"SyntaxError", "':' expected after dictionary key", 1, 12, 1, 0});
}

TEST_CASE("Iterable unpacking cannot be used in a comprehension", "[parser]") {
    const char* source = "x = [*a for a in b]\n";
    check_error(source, 3, 12, {"SyntaxError", "iterable unpacking cannot be used in comprehension", 1, 6, 1, 8});
}

TEST_CASE("A decorator at the end of the file is invalid syntax", "[parser]") {
    const char* source = "@foo\n";
    check_error(source, 3, 12, {"SyntaxError", "invalid syntax", 1, 0, 1, 0});
}
