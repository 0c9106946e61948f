// Parser tests for what a tree dump does not show: literal values, positions, 2.7's forms, the
// constructs refused by name, CPython's nesting limits (measured on the pyenv builds) and
// random input. Trees are compared with CPython's in test_parser_trees.cpp, errors in
// test_parser_errors.cpp.
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "interp/parser.h"

using namespace pymemlab;

namespace {

ast::Module parse_ok(const std::string& source, int major = 3, int minor = 12) {
    ast::Module m;
    SyntaxErrorInfo err;
    INFO(source);
    const bool ok = parse_module(source, ParseOptions{major, minor}, m, &err);
    INFO(err.type << ": " << err.msg << " at " << err.line << ":" << err.offset);
    REQUIRE(ok);
    return m;
}

SyntaxErrorInfo parse_error(const std::string& source, int major = 3, int minor = 12) {
    ast::Module m;
    SyntaxErrorInfo err;
    INFO(source);
    REQUIRE_FALSE(parse_module(source, ParseOptions{major, minor}, m, &err));
    return err;
}

// The value of the only statement (an expression statement's or an assignment's).
const ast::Expr* value_of(const ast::Module& m) {
    REQUIRE(m.body.size() == 1);
    REQUIRE(m.body[0]->value != nullptr);
    return m.body[0]->value;
}

// The value of a one-expression source's constant (the tree is freed before this returns).
std::string text_of(const std::string& source) {
    ast::Module m = parse_ok(source);
    return value_of(m)->constant.text;
}

double number_of(const std::string& source) {
    ast::Module m = parse_ok(source);
    return value_of(m)->constant.number;
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    out.reserve(s.size() * static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

// ---- Literals --------------------------------------------------------------------------------

TEST_CASE("A 40-digit hexadecimal literal becomes the decimal digits of its value", "[parser]") {
    // int('123456789abcdef0123456789abcdef012345678', 16) under CPython.
    ast::Module m = parse_ok("0x123456789abcdef0123456789abcdef012345678\n");
    const ast::Expr* e = value_of(m);
    REQUIRE(e->kind == ast::ExprKind::Constant);
    CHECK(e->constant.kind == ast::ConstKind::Int);
    CHECK(e->constant.text == "103929005321308650608990281194157653061304342136");
}

TEST_CASE("Octal and binary literals of any length are converted to decimal", "[parser]") {
    CHECK(text_of("0o7777777777777777777777777777777777777777\n") == "1329227995784915872903807060280344575");
    CHECK(text_of("0b1010101010101010101010101010101010101010101010101010101010101010101\n") == "98382635059784275285");
    CHECK(text_of("0_0\n") == "0");
    CHECK(text_of("1_000\n") == "1000");
}

TEST_CASE("Float and imaginary literals hold their double", "[parser]") {
    ast::Module m1 = parse_ok("1_0.5e1_0\n");
    const ast::Expr* f = value_of(m1);
    CHECK(f->constant.kind == ast::ConstKind::Float);
    CHECK(f->constant.number == 10.5e10);
    ast::Module m2 = parse_ok("2.5j\n");
    const ast::Expr* j = value_of(m2);
    CHECK(j->constant.kind == ast::ConstKind::Complex);
    CHECK(j->constant.number == 2.5);
    CHECK(number_of("1e400\n") > 1e308);
}

TEST_CASE("A minus before a literal stays a unary operation", "[parser]") {
    ast::Module m3 = parse_ok("-1\n");
    const ast::Expr* e = value_of(m3);
    REQUIRE(e->kind == ast::ExprKind::UnaryOp);
    CHECK(e->unary == ast::UnaryOp::USub);
    CHECK(e->left->constant.text == "1");
}

TEST_CASE("String escapes decode to UTF-8 and bytes keep raw bytes", "[parser]") {
    CHECK(text_of("'\\x41\\101\\u00e9\\U0001F600'\n") == "AA\xc3\xa9\xf0\x9f\x98\x80");
    CHECK(text_of("'\\q\\d'\n") == "\\q\\d");
    CHECK(text_of("'a\\\nb'\n") == "ab");
    ast::Module m4 = parse_ok("b'\\xff\\0\\u1234'\n");
    const ast::Expr* b = value_of(m4);
    CHECK(b->constant.kind == ast::ConstKind::Bytes);
    CHECK(b->constant.text == std::string("\xff\0\\u1234", 8));
    CHECK(text_of("rb'\\x00' Rb'\\n'\n") == "\\x00\\n");
}

TEST_CASE("Every string prefix is accepted in any case", "[parser]") {
    for (const char* prefix :
         {"r", "u", "b", "br", "rb", "f", "rf", "fr", "R", "U", "B", "bR", "Rb", "F", "rF", "Fr"}) {
        INFO(prefix);
        parse_ok(std::string(prefix) + "'x' " + prefix + "\"\"\"y\"\"\"\n");
    }
}

TEST_CASE("A named unicode escape is refused by name", "[parser]") {
    SyntaxErrorInfo e = parse_error("s = '\\N{EM DASH}'\n");
    CHECK(e.msg.find("\\N{EM DASH}") != std::string::npos);
    CHECK(e.msg.find("PyMemLab does not support") != std::string::npos);
}

TEST_CASE("3.12 lets an f-string field reuse the f-string's quotes", "[parser]") {
    parse_ok("x = f\"{d[\"key\"]}\"\n", 3, 12);
    parse_ok("x = f\"{f\"{f\"{1}\"}\"}\"\n", 3, 13);
    CHECK(parse_error("x = f\"{d[\"key\"]}\"\n", 3, 11).msg == "f-string: unmatched '['");
}

TEST_CASE("The f-string debug specifier keeps the expression's spacing", "[parser]") {
    ast::Module m5 = parse_ok("f'{x = !r:>4}'\n");
    const ast::Expr* e = value_of(m5);
    REQUIRE(e->kind == ast::ExprKind::JoinedStr);
    REQUIRE(e->values.size() == 2);
    CHECK(e->values[0]->constant.text == "x = ");
    CHECK(e->values[1]->conversion == 'r');
    REQUIRE(e->values[1]->right != nullptr);
    CHECK(e->values[1]->right->values[0]->constant.text == ">4");
}

// ---- Positions -------------------------------------------------------------------------------

TEST_CASE("Nodes carry CPython's line and byte columns", "[parser]") {
    // ast.parse under 3.12.1: the Call at columns 4-14, its argument at 6-10 (UTF-8 bytes).
    ast::Module m = parse_ok("pass\nx = f(\"\xc3\xa9\", 1)\n");
    const ast::Expr* call = m.body[1]->value;
    CHECK(call->pos.line == 2);
    CHECK(call->pos.col == 4);
    CHECK(call->pos.end_col == 14);
    CHECK(call->elts[0]->pos.col == 6);
    CHECK(call->elts[0]->pos.end_col == 10);
    CHECK(m.body[1]->pos.end_col == 14);
}

TEST_CASE("An f-string's expression keeps its place in the source", "[parser]") {
    ast::Module m = parse_ok("s = f'ab{x + y}'\n");
    const ast::Expr* fv = m.body[0]->value->values[1];
    REQUIRE(fv->kind == ast::ExprKind::FormattedValue);
    CHECK(fv->left->pos.col == 9);
    CHECK(fv->left->pos.end_col == 14);
}

TEST_CASE("Statements span their blocks and functions start at def from 3.8", "[parser]") {
    ast::Module m = parse_ok("@d\ndef f():\n    return 1\n");
    CHECK(m.body[0]->pos.line == 2);
    CHECK(m.body[0]->pos.end_line == 3);
    CHECK(parse_ok("@d\ndef f():\n    return 1\n", 3, 6).body[0]->pos.line == 1);
}

// ---- Python 2.7 ------------------------------------------------------------------------------

TEST_CASE("The 2.7 print statement holds its values, file and newline flag", "[parser]") {
    ast::Module m = parse_ok("print x, y\nprint x,\nprint >>f, x\nprint\nprint(a, b)\n", 2, 7);
    REQUIRE(m.body.size() == 5);
    for (const ast::Stmt* s : m.body) CHECK(s->kind == ast::StmtKind::Print27);
    CHECK(m.body[0]->targets.size() == 2);
    CHECK(m.body[0]->simple);
    CHECK_FALSE(m.body[1]->simple);
    REQUIRE(m.body[2]->value != nullptr);
    CHECK(m.body[2]->value->id == "f");
    CHECK(m.body[3]->targets.empty());
    CHECK(m.body[3]->simple);
    REQUIRE(m.body[4]->targets.size() == 1);
    CHECK(m.body[4]->targets[0]->kind == ast::ExprKind::Tuple);
}

TEST_CASE("print_function makes print a name in 2.7", "[parser]") {
    ast::Module m = parse_ok("from __future__ import print_function\nprint(1, end='')\n", 2, 7);
    CHECK(m.body[1]->kind == ast::StmtKind::Expr);
    CHECK(m.body[1]->value->kind == ast::ExprKind::Call);
}

TEST_CASE("2.7 literals follow 2.7's rules", "[parser]") {
    ast::Module m = parse_ok("x = 'a', u'b', b'c', 0777, 10L, 0xffL, True\n", 2, 7);
    const std::vector<ast::Expr*>& v = m.body[0]->value->elts;
    CHECK(v[0]->constant.kind == ast::ConstKind::Bytes);
    CHECK(v[1]->constant.kind == ast::ConstKind::Str);
    CHECK(v[2]->constant.kind == ast::ConstKind::Bytes);
    CHECK(v[3]->constant.text == "511");
    CHECK(v[4]->constant.text == "10");
    CHECK(v[5]->constant.text == "255");
    CHECK(v[6]->kind == ast::ExprKind::Name);
    ast::Module u = parse_ok("from __future__ import unicode_literals\nx = 'a'\n", 2, 7);
    CHECK(u.body[1]->value->constant.kind == ast::ConstKind::Str);
}

TEST_CASE("2.7 accepts its except comma form and mixed tab indentation", "[parser]") {
    ast::Module m = parse_ok("try:\n    pass\nexcept E, e:\n    pass\n", 2, 7);
    CHECK(m.body[0]->handlers[0].name == "e");
    // CPython 2.7.18 compiles this (a tab is 8 columns); 3.x raises TabError.
    parse_ok("if x:\n\ty\n        z\n", 2, 7);
}

// ---- Constructs refused by name --------------------------------------------------------------

TEST_CASE("Constructs without a node in ast.h are refused by name", "[parser]") {
    CHECK(parse_error("async def f():\n    pass\n").msg == "PyMemLab does not support 'async def'");
    CHECK(parse_error("match x:\n    case 1:\n        pass\n").msg == "PyMemLab does not support 'match' statements");
    CHECK(parse_error("try:\n    pass\nexcept* E:\n    pass\n").msg == "PyMemLab does not support 'except*'");
    CHECK(parse_error("type X = int\n").msg == "PyMemLab does not support 'type' alias statements");
    CHECK(parse_error("def f[T](x): pass\n").msg == "PyMemLab does not support type parameter lists");
    CHECK(parse_error("exec 'x = 1'\n", 2, 7).msg == "PyMemLab does not support 2.7's exec statement");
    // match stays a name where it is one.
    parse_ok("match = 1\nmatch(x)\nmatch[1] = 2\n");
}

// ---- Nesting limits --------------------------------------------------------------------------

TEST_CASE("100000 nested parentheses stop at the tokenizer's 200", "[parser]") {
    std::string src = "x = " + std::string(100000, '(') + "1" + std::string(100000, ')') + "\n";
    SyntaxErrorInfo e = parse_error(src);
    CHECK(e.msg == "too many nested parentheses");
    CHECK(e.line == 1);
    CHECK(e.offset == 205);  // the 201st '(' (3.12.1: offset 201 without "x = ")
    // 3.8's parser runs out of stack first (MemoryError after 98 levels).
    CHECK(parse_error(src, 3, 8).type == "MemoryError");
    // 200 levels are within both limits in 3.12.
    parse_ok("x = " + std::string(200, '(') + "1" + std::string(200, ')') + "\n");
}

TEST_CASE("100000 unary minus signs overflow CPython's parser stack", "[parser]") {
    SyntaxErrorInfo e = parse_error("x = " + std::string(100000, '-') + "1\n");
    CHECK(e.type == "MemoryError");
    CHECK(e.msg == "Parser stack overflowed - Python source too complex to parse");
    CHECK(parse_error("x = " + std::string(100000, '-') + "1\n", 3, 10).msg.empty());
}

TEST_CASE("The parser stack overflows where CPython's does", "[parser]") {
    // Deepest `x = ` + n * op + `1` that compiles, by binary search on the pyenv builds:
    // 3.12.1: 5966 '-' or 'not ', 2983 '2**' or 'lambda: '; 3.8.18: 1679 '-'; 3.6.15: 1479 '-'.
    parse_ok("x = " + std::string(5966, '-') + "1\n");
    CHECK(parse_error("x = " + std::string(5967, '-') + "1\n").type == "MemoryError");
    parse_ok("x = " + repeat("not ", 5966) + "1\n");
    CHECK(parse_error("x = " + repeat("not ", 5967) + "1\n").type == "MemoryError");
    parse_ok("x = " + repeat("2**", 2983) + "1\n");
    CHECK(parse_error("x = " + repeat("2**", 2984) + "1\n").type == "MemoryError");
    parse_ok("x = " + repeat("lambda: ", 2983) + "1\n");
    CHECK(parse_error("x = " + repeat("lambda: ", 2984) + "1\n").type == "MemoryError");
    parse_ok("x = " + std::string(1679, '-') + "1\n", 3, 8);
    CHECK(parse_error("x = " + std::string(1680, '-') + "1\n", 3, 8).type == "MemoryError");
    parse_ok("x = " + std::string(1479, '-') + "1\n", 3, 6);
    CHECK(parse_error("x = " + std::string(1480, '-') + "1\n", 3, 6).type == "MemoryError");
}

TEST_CASE("Long flat chains parse without deep recursion", "[parser]") {
    // Recursing once per link would overflow the native stack (ASan's larger frames included)
    // long before 100000 links; how long it takes belongs to bench/, not here.
    parse_ok("x = a" + repeat(".b", 100000) + "\n");
    parse_ok("x = 1" + repeat(" + 1", 100000) + "\n");
    parse_ok("x = 1" + repeat(" < 1", 100000) + "\n");
    parse_ok("x = f" + repeat("()", 100000) + "\n");
    parse_ok("x = " + repeat("1 if y else ", 5000) + "1\n");
}

TEST_CASE("An elif chain is flat before 3.10 and costs a level each after", "[parser]") {
    // 3.12.1 compiles an if with 5962 elifs and not 5963; 3.8.18 takes 20000.
    const std::string head = "if x:\n    pass\n";
    parse_ok(head + repeat("elif x:\n    pass\n", 5962));
    CHECK(parse_error(head + repeat("elif x:\n    pass\n", 5963)).type == "MemoryError");
    parse_ok(head + repeat("elif x:\n    pass\n", 20000) + "else:\n    pass\n", 3, 8);
}

TEST_CASE("1000 nested if blocks stop at 100 levels of indentation", "[parser]") {
    std::string src;
    for (int i = 0; i < 1000; ++i) src += std::string(static_cast<size_t>(i), ' ') + "if x:\n";
    src += std::string(1000, ' ') + "pass\n";
    SyntaxErrorInfo e = parse_error(src);
    // CPython 3.12.1 on 101 nested ifs: IndentationError at line 101, offset 1, end offset 0.
    CHECK(e.type == "IndentationError");
    CHECK(e.msg == "too many levels of indentation");
    CHECK(e.line == 101);
    CHECK(e.offset == 1);
    std::string ok;
    for (int i = 0; i < 99; ++i) ok += std::string(static_cast<size_t>(i), ' ') + "if x:\n";
    parse_ok(ok + std::string(99, ' ') + "pass\n");
}

// ---- Random input ----------------------------------------------------------------------------

namespace {

// A deterministic LCG (Numerical Recipes' constants), so that failures reproduce.
struct Lcg {
    uint32_t state;
    uint32_t next() {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    }
};

void check_survives(const std::string& src, int major, int minor) {
    ast::Module m;
    SyntaxErrorInfo err;
    if (!parse_module(src, ParseOptions{major, minor}, m, &err)) {
        INFO(err.type << ": " << err.msg);
        CHECK(err.line >= 1);
        CHECK((!err.msg.empty() || err.type == "MemoryError"));
    }
}

}  // namespace

TEST_CASE("Random bytes never crash the parser and errors have a line", "[parser]") {
    Lcg rng{12345};
    const int profiles[][2] = {{2, 7}, {3, 6}, {3, 8}, {3, 10}, {3, 12}, {3, 13}};
    for (int i = 0; i < 2000; ++i) {
        std::string src(rng.next() % 201, '\0');
        for (char& c : src) {
            uint32_t r = rng.next();
            // Mostly printable ASCII, some newlines, tabs, NULs and bytes that are not UTF-8.
            c = r % 10 == 0 ? "\n\t\0\xff\xc3\x80 "[r / 10 % 8] : static_cast<char>(32 + r / 10 % 95);
        }
        const int* p = profiles[i % 6];
        check_survives(src, p[0], p[1]);
    }
}

TEST_CASE("Random token soup never crashes the parser", "[parser]") {
    const char* pieces[] = {"x",    "1",   "'s'",  "f'{", "}'",     "(",      ")",     "[",  "]",      "{",      "}",
                            ",",    ":",   "=",    "==",  "+",      "-",      "*",     "**", "not",    "lambda", "if",
                            "else", "for", "in",   "def", "class",  "return", "yield", "\n", "\n    ", "\n\t",   ";",
                            ".",    "@",   "\\\n", "#c",  "\"\"\"", "b'",     "0x",    "1_", "async",  "await",  ":=",
                            "->",   "...", "del",  "try", "except", "with",   "as"};
    Lcg rng{777};
    for (int i = 0; i < 3000; ++i) {
        std::string src;
        const uint32_t n = rng.next() % 40;
        for (uint32_t k = 0; k < n; ++k) {
            src += pieces[rng.next() % (sizeof pieces / sizeof pieces[0])];
            src += ' ';
        }
        check_survives(src, 3, i % 2 == 0 ? 12 : 8);
        check_survives(src, 2, 7);
    }
}
