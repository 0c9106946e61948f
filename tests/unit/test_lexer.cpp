// Tokenizer tests: token kinds, positions and bracket levels as CPython's tokenizer makes them
// (compared with `python -m tokenize` under pyenv 3.12.1), the per-profile differences, and the
// tokenizer's own errors. Error wording is cross-checked against CPython in
// test_parser_errors.cpp.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "interp/lexer.h"

using namespace pymemlab;

namespace {

struct Lexed {
    std::vector<Token> tokens;
    LexError error;
    bool ok = false;
};

Lexed lex(const std::string& text, int major = 3, int minor = 12) {
    SourceText src(text);
    Lexer lexer(src, ParseOptions{major, minor});
    Lexed out;
    out.ok = lexer.tokenize(out.tokens);
    out.error = lexer.error();
    return out;
}

// One letter per token: n name, 1 number, s string, L newline, > indent, < dedent, o operator
// (any other kind), E end marker, ! error token.
std::string shape(const Lexed& l) {
    std::string s;
    for (const Token& t : l.tokens) {
        switch (t.kind) {
            case TokenKind::Name: s += 'n'; break;
            case TokenKind::Number: s += '1'; break;
            case TokenKind::String: s += 's'; break;
            case TokenKind::Newline: s += 'L'; break;
            case TokenKind::Indent: s += '>'; break;
            case TokenKind::Dedent: s += '<'; break;
            case TokenKind::EndMarker: s += 'E'; break;
            case TokenKind::ErrorToken: s += '!'; break;
            default: s += 'o'; break;
        }
    }
    return s;
}

}  // namespace

TEST_CASE("A simple statement becomes names, operators, a number and a newline", "[lexer]") {
    Lexed l = lex("x = f(1)\n");
    REQUIRE(l.ok);
    CHECK(shape(l) == "nono1oLE");
    const Token& call = l.tokens[3];
    CHECK(call.kind == TokenKind::LPar);
    CHECK(call.line == 1);
    CHECK(call.col == 5);
    CHECK(call.end_col == 6);
    CHECK(call.level == 1);
    CHECK(l.tokens[5].level == 0);  // the ')' closes the bracket
    const Token& nl = l.tokens[6];
    CHECK(nl.kind == TokenKind::Newline);
    CHECK(nl.col == 8);
}

TEST_CASE("Indentation gives INDENT and DEDENT tokens and blank lines none", "[lexer]") {
    Lexed l = lex("if a:\n    if b:\n\n        # note\n        c\nd\n");
    REQUIRE(l.ok);
    CHECK(shape(l) == "nnoL>nnoL>nL<<nLE");
    // A DEDENT sits where the line's first token starts, as CPython's tokenizer leaves it.
    CHECK(l.tokens[13].kind == TokenKind::Dedent);
    CHECK(l.tokens[13].line == 6);
    CHECK(l.tokens[13].col == 0);
}

TEST_CASE("Dedents close every open block at the end of the file", "[lexer]") {
    CHECK(shape(lex("if a:\n  if b:\n    c")) == "nnoL>nnoL>nL<<E");
}

TEST_CASE("Newlines inside brackets join lines", "[lexer]") {
    Lexed l = lex("x = [1,\n     2]\n");
    REQUIRE(l.ok);
    CHECK(shape(l) == "noo1o1oLE");
    CHECK(l.tokens[5].line == 2);
    CHECK(l.tokens[5].level == 1);
}

TEST_CASE("A backslash continues the logical line", "[lexer]") {
    CHECK(shape(lex("x = 1 + \\\n    2\n")) == "no1o1LE");
}

TEST_CASE("Every operator and delimiter is one token", "[lexer]") {
    const std::pair<const char*, TokenKind> ops[] = {
        {"+", TokenKind::Plus},
        {"**=", TokenKind::DoubleStarEqual},
        {"//=", TokenKind::DoubleSlashEqual},
        {"@=", TokenKind::AtEqual},
        {"->", TokenKind::RArrow},
        {"...", TokenKind::Ellipsis},
        {":=", TokenKind::ColonEqual},
        {"<<=", TokenKind::LeftShiftEqual},
        {">>=", TokenKind::RightShiftEqual},
        {"!=", TokenKind::NotEqual},
        {"==", TokenKind::EqEqual},
        {"<=", TokenKind::LessEqual},
        {"//", TokenKind::DoubleSlash},
        {"~", TokenKind::Tilde},
        {"^=", TokenKind::CircumflexEqual},
        {"|=", TokenKind::VBarEqual},
        {"&=", TokenKind::AmperEqual},
        {"%=", TokenKind::PercentEqual},
        {"@", TokenKind::At},
        {"$", TokenKind::Op},
        {"!", TokenKind::Op},
    };
    for (const auto& [text, kind] : ops) {
        INFO(text);
        Lexed l = lex(std::string("a ") + text + " b\n");
        REQUIRE(l.tokens.size() == 5);
        CHECK(l.tokens[1].kind == kind);
        CHECK(l.tokens[1].end_col - l.tokens[1].col == static_cast<int>(std::string(text).size()));
    }
}

TEST_CASE("The walrus is one token from 3.8 and two before", "[lexer]") {
    CHECK(lex("(a := 1)\n", 3, 8).tokens[2].kind == TokenKind::ColonEqual);
    CHECK(lex("(a := 1)\n", 3, 6).tokens[2].kind == TokenKind::Colon);
}

TEST_CASE("Numbers of every form are one token", "[lexer]") {
    for (const char* n : {"0", "00", "123", "1_000", "0x_FF", "0o17", "0B101", "1.5", ".5", "5.", "1e5", "1E-5",
                          "1_0.5e1_0", "3j", "1.5J", "1e3j", "0.0"}) {
        INFO(n);
        Lexed l = lex(std::string(n) + "\n");
        REQUIRE(l.ok);
        CHECK(shape(l) == "1LE");
    }
    // A keyword right after a number ends it (3.10+ only warns): `1if x else y`.
    CHECK(shape(lex("1if x else y\n")) == "1nnnnLE");
}

TEST_CASE("Strings of every prefix and quote are one token", "[lexer]") {
    for (const char* s : {"'a'", "\"a\"", "'''a\nb'''", "\"\"\"a\"\"\"", "r'\\\\'", "b'x'", "Rb'x'", "bR'x'", "u'x'",
                          "f'{x}'", "rf'{x}'", "FR'{x}'", "'a\\'b'", "'a\\\nb'", "''", "''''''"}) {
        INFO(s);
        Lexed l = lex(std::string(s) + "\n");
        REQUIRE(l.ok);
        CHECK(shape(l) == "sLE");
    }
    // Not prefixes: ub, bf, uf and a longer name stay names.
    CHECK(shape(lex("ub'x'\n")) == "nsLE");
    CHECK(shape(lex("bf'x'\n")) == "nsLE");
}

TEST_CASE("A triple-quoted string spans lines", "[lexer]") {
    Lexed l = lex("x = '''a\nbc'''\n");
    REQUIRE(l.ok);
    const Token& s = l.tokens[2];
    CHECK(s.line == 1);
    CHECK(s.col == 4);
    CHECK(s.end_line == 2);
    CHECK(s.end_col == 5);
}

TEST_CASE("2.7 has its own string prefixes and no ellipsis token", "[lexer]") {
    CHECK(shape(lex("ur'x'\n", 2, 7)) == "sLE");
    CHECK(shape(lex("rb'x'\n", 2, 7)) == "nsLE");
    CHECK(shape(lex("f'x'\n", 2, 7)) == "nsLE");
    CHECK(shape(lex("x[...]\n", 2, 7)) == "noooooLE");
    CHECK(shape(lex("0777L + 10l\n", 2, 7)) == "1o1LE");
    CHECK(lex("a <> b\n", 2, 7).tokens[1].kind == TokenKind::NotEqual);
    CHECK(lex("a <> b\n", 3, 12).tokens[1].kind == TokenKind::Op);
}

TEST_CASE("3.12 scans f-string fields so their strings may reuse the quotes", "[lexer]") {
    CHECK(shape(lex("f\"{d[\"k\"]}\"\n", 3, 12)) == "sLE");
    CHECK(shape(lex("f\"{f\"{x:{y}}\"}\"\n", 3, 12)) == "sLE");
    // Before 3.12 the same quote ends the f-string.
    CHECK(shape(lex("f\"{d[\"k\"]}\"\n", 3, 11)) == "snsLE");
    // A field's '{' is a bracket: the end of the file inside it leaves it open.
    Lexed open = lex("f'{x\n", 3, 12);
    CHECK_FALSE(open.ok);
    CHECK(open.error.kind == LexError::Kind::EofInBrackets);
    CHECK(open.error.bracket == '{');
}

TEST_CASE("Names may hold letters from any script but not symbols", "[lexer]") {
    CHECK(shape(lex("\xc3\xa9t\xc3\xa9 = \xe6\x97\xa5\xe6\x9c\xac\n")) == "nonLE");
    Lexed l = lex("x = 1 \xe2\x82\xac 2\n");
    CHECK_FALSE(l.ok);
    CHECK(l.error.info.msg == "invalid character '\xe2\x82\xac' (U+20AC)");
    CHECK(l.error.info.offset == 7);
    CHECK(lex("x\xc2\xa0= 1\n").error.info.msg == "invalid non-printable character U+00A0");
}

TEST_CASE("Tokenizer errors say where they are per profile", "[lexer]") {
    // CPython 3.12.1 and 3.8.18 on `s = 'abc`.
    Lexed a = lex("s = 'abc\n", 3, 12);
    CHECK(a.error.info.msg == "unterminated string literal (detected at line 1)");
    CHECK(a.error.info.offset == 5);
    Lexed b = lex("s = 'abc\n", 3, 8);
    CHECK(b.error.info.msg == "EOL while scanning string literal");
    CHECK(b.error.info.offset == 9);
    CHECK(lex("x = 1_\n").error.info.offset == 6);
    CHECK(lex("x = 1_\n", 3, 6).error.info.msg == "invalid token");
    CHECK(lex("if x:\n\ty\n        z\n").error.info.type == "TabError");
    CHECK(lex("x = (\n").error.kind == LexError::Kind::EofInBrackets);
    CHECK(lex("x = 1 \\\n").error.kind == LexError::Kind::EofAfterContinuation);
    CHECK(lex("x = 1 \\\n", 3, 6).ok);
}

TEST_CASE("The tokenizer never reads past the source", "[lexer]") {
    // Every prefix of a file that ends inside a token, at every profile.
    const std::string text = "def f(a, *b):\n\treturn f'{a!r:>{b}}' + b\"\\x00\" + 0x1F + .5e-3j  # c\n";
    for (size_t n = 0; n <= text.size(); ++n) {
        for (int minor : {6, 8, 12}) {
            Lexed l = lex(text.substr(0, n), 3, minor);
            REQUIRE_FALSE(l.tokens.empty());
            for (const Token& t : l.tokens) {
                CHECK(t.begin <= t.end);
                CHECK(t.end <= text.size() + 1);
            }
        }
    }
}

TEST_CASE("The source text translates newlines and counts characters", "[lexer]") {
    SourceText src("\xef\xbb\xbfx = 1\r\ny = '\xc3\xa9'\rz");
    CHECK(src.str() == "x = 1\ny = '\xc3\xa9'\nz\n");
    CHECK(src.line_count() == 3);
    CHECK(src.line(2) == "y = '\xc3\xa9'");
    CHECK(src.line_of(src.line_start(3)) == 3);
    CHECK(src.char_col(2, 8) == 7);  // the closing quote after a two-byte character
}

TEST_CASE("An f-string field's expression is tokenized where it stands", "[lexer]") {
    SourceText src("s = f'{a +\n b}'\n");
    Lexer lexer(src, ParseOptions{3, 12}, 7, 13);
    std::vector<Token> tokens;
    REQUIRE(lexer.tokenize(tokens));
    REQUIRE(tokens.size() == 4);  // a + b, no NEWLINE inside, then the end
    CHECK(tokens[2].line == 2);
    CHECK(tokens[2].col == 1);
    CHECK(tokens[0].level == 1);  // inside the field's braces
    CHECK(tokens[3].kind == TokenKind::EndMarker);
}
