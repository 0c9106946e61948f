// The recursive-descent parser, in phases: parser.cpp (driver, errors, targets), parser_stmt.cpp
// and parser_compound.cpp (statements), parser_expr.cpp, parser_atom.cpp and parser_args.cpp
// (expressions), parser_literal.cpp and parser_fstring.cpp (literals). It follows
// Grammar/python.gram rule by rule in one pass and raises CPython's invalid_* errors where the
// pass fails, as CPython's second pass would. Not part of the interface: read parser.h.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "interp/ast.h"
#include "interp/lexer.h"
#include "interp/parser.h"
#include "interp/token.h"

namespace pymemlab {

// CPython's parser stack, as a cost per nested construct measured on the pyenv builds (binary
// search for the deepest `x = ---...1`, `2**2**...`, `lambda: lambda: ...`, `((...))` that
// still compiles). MAXSTACK is 6000 in pegen (3.10+), 1700 in 3.8's parser.c and 1500 before.
struct StackModel {
    int limit;    // MAXSTACK
    int base;     // the levels an assignment statement's value starts at
    int bracket;  // ( or [
    int brace;    // {
    int call;     // f( or a[
    int unary;    // - + ~ not
    int power;    // **
    int lambda;   // lambda
    int ifexp;    // x if c else ...
};
inline constexpr StackModel kStack312{6000, 34, 29, 29, 24, 1, 2, 2, 1};
inline constexpr StackModel kStack310{6000, 33, 29, 29, 24, 1, 2, 2, 1};
inline constexpr StackModel kStack38{1700, 21, 17, 16, 17, 1, 2, 2, 1};
inline constexpr StackModel kStack36{1500, 21, 16, 16, 17, 1, 2, 2, 1};
inline constexpr StackModel kStack27{1500, 21, 15, 15, 16, 1, 2, 2, 1};
// 3.12: `x = ` then 5966 minus signs compile, 5967 overflow; 200 nested brackets must fit.
static_assert(kStack312.base + 5966 * kStack312.unary == kStack312.limit);
static_assert(kStack310.base + 2983 * kStack310.power <= kStack310.limit);
static_assert(kStack312.base + 200 * kStack312.bracket <= kStack312.limit);
// 3.8: 98 nested brackets compile, 99 overflow; 3.6: 92.
static_assert(kStack38.base + 98 * kStack38.bracket <= kStack38.limit &&
              kStack38.base + 99 * kStack38.bracket > kStack38.limit);
static_assert(kStack36.base + 92 * kStack36.bracket <= kStack36.limit &&
              kStack36.base + 93 * kStack36.bracket > kStack36.limit);

// Escapes of a str (unicode_escape) and a bytes literal's body (parser_literal.cpp). Invalid
// escapes keep their backslash; false with CPython's message in *error.
bool decode_unicode_escapes(std::string_view body, std::string& out, std::string* error);
bool decode_bytes_escapes(std::string_view body, std::string& out, std::string* error);

// What an assignment-like target is checked for (pegen's TARGETS_TYPE).
enum class TargetsType { Star, Del, For };

class Parser {
public:
    Parser(const SourceText& src, const ParseOptions& options, ast::Module& module);
    // Parses the whole token stream into the module; on failure fills *err.
    bool run(std::vector<Token> tokens, const LexError& lex, SyntaxErrorInfo* err);

private:
    friend class Nesting;

    // ---- tokens (parser.cpp) ----
    const Token& cur() {
        if (pos_ > furthest_) furthest_ = pos_;
        return (*toks_)[pos_];
    }
    const Token& peek(size_t ahead = 1) {
        size_t i = pos_ + ahead < toks_->size() ? pos_ + ahead : toks_->size() - 1;
        if (i > furthest_) furthest_ = i;
        return (*toks_)[i];
    }
    const Token& prev() const { return (*toks_)[pos_ > 0 ? pos_ - 1 : 0]; }
    void advance() {
        if (pos_ + 1 < toks_->size()) ++pos_;
        if (pos_ > furthest_) furthest_ = pos_;
    }
    bool at(TokenKind k) { return cur().kind == k; }
    bool at_kw(Keyword k) { return cur().kind == TokenKind::Name && cur().keyword == k; }
    bool at_name() { return cur().kind == TokenKind::Name && is_name(cur()); }
    bool is_name(const Token& t) const;
    bool accept(TokenKind k);
    bool accept_kw(Keyword k);
    std::string_view text(const Token& t) const {
        return std::string_view(src_.str()).substr(t.begin, t.end - t.begin);
    }
    bool at_least(int major, int minor) const {
        return opt_.major > major || (opt_.major == major && opt_.minor >= minor);
    }
    bool py2() const { return opt_.major == 2; }
    bool pegen() const { return at_least(3, 10); }  // 3.10+: the PEG parser's messages
    bool starts_expression(const Token& t) const;
    static ast::Pos pos_of(const Token& t) { return {t.line, t.col, t.end_line, t.end_col}; }
    static ast::Pos span(const ast::Pos& a, const ast::Pos& b) { return {a.line, a.col, b.end_line, b.end_col}; }
    // From a to the end of the last token consumed that is not layout: a compound statement ends
    // where its last body statement does (CPython's end_lineno), not at the DEDENT after it.
    ast::Pos from(const ast::Pos& a) const {
        size_t i = pos_ > 0 ? pos_ - 1 : 0;
        while (i > 0 && is_layout((*toks_)[i].kind)) --i;
        return span(a, pos_of((*toks_)[i]));
    }
    static bool is_layout(TokenKind k) {
        return k == TokenKind::Newline || k == TokenKind::Indent || k == TokenKind::Dedent || k == TokenKind::EndMarker;
    }

    // ---- errors (parser.cpp) ----
    bool failed() const { return failed_; }
    void fail_info(SyntaxErrorInfo info);
    // The token-located error of each profile (pegen: col + 1 to end + 1; 3.8: col + 1; 3.6 and
    // 2.7: the token's end), with INDENT, DEDENT and ENDMARKER placed as CPython places them.
    void error_at_token(const Token& t, std::string msg, const char* type = "SyntaxError");
    // Generic "invalid syntax" at the current token, with CPython's special cases (unexpected
    // indent, unexpected EOF while parsing, the tokenizer's error).
    void invalid_syntax();
    void generic_syntax_error();
    // pegen's RAISE_SYNTAX_ERROR: at the last token the parser has looked at.
    void error_last_token(std::string msg, const char* type = "SyntaxError");
    // RAISE_SYNTAX_ERROR_KNOWN_LOCATION / _RANGE (pegen) at a node or between two nodes.
    void error_known(const ast::Pos& a, const ast::Pos& b, std::string msg);
    void error_known(const ast::Pos& a, std::string msg) { error_known(a, a, std::move(msg)); }
    // An error CPython's ast.c raises (up to 3.8): reported at the node (3.8: col + 1; 3.6:
    // col; 2.7: no offset) and only if the whole file parses; from 3.10 pegen raises it at once.
    void ast_error(const ast::Pos& at, std::string msg);
    int offset_of(int line, int byte_col) const;
    bool check_level();

    // ---- targets (parser.cpp) ----
    const char* expr_name(const ast::Expr* e) const;
    ast::Expr* invalid_target(ast::Expr* e, TargetsType type) const;
    void set_context(ast::Expr* e, ast::ExprContext ctx);
    // Checks e as an assignment, for or del target and marks it Store or Del; false after
    // reporting CPython's error for the first invalid part.
    bool check_target(ast::Expr* e, TargetsType type, const ast::Pos* old_at = nullptr);
    bool diagnose_assignment(size_t stmt_start);

    // ---- statements (parser_stmt.cpp) ----
    bool statements(std::vector<ast::Stmt*>& out);
    bool statement(std::vector<ast::Stmt*>& out);
    bool simple_stmts(std::vector<ast::Stmt*>& out);
    ast::Stmt* simple_stmt();
    ast::Stmt* compound_stmt();
    bool block(std::vector<ast::Stmt*>& out, const Token& owner, const std::string& what);
    bool expect_colon(bool forced);
    std::nullptr_t unsupported(const char* construct);
    ast::Stmt* assignment();
    ast::Stmt* annotated(ast::Expr* target, size_t start, const ast::Pos& at);
    ast::Stmt* print_stmt();
    ast::Stmt* import_stmt();
    ast::Stmt* del_stmt();
    ast::Stmt* if_stmt();
    ast::Stmt* while_stmt();
    ast::Stmt* for_stmt();
    ast::Stmt* try_stmt();
    ast::Stmt* with_stmt();
    bool with_items(std::vector<ast::WithItem>& items, bool parenthesized);
    ast::Stmt* function_def(std::vector<ast::Expr*>& decorators, const ast::Pos* first_decorator);
    ast::Stmt* class_def(std::vector<ast::Expr*>& decorators, const ast::Pos* first_decorator);
    ast::Arguments* parameters(bool lambda);
    bool param(bool lambda, ast::Arg& out, bool star = false);
    bool detect_match_statement();

    // ---- expressions (parser_expr.cpp) ----
    ast::Expr* star_expressions();
    ast::Expr* star_expression();
    ast::Expr* star_named_expression();
    ast::Expr* named_expression();
    ast::Expr* assignment_expression();
    ast::Expr* invalid_walrus(ast::Expr* e);
    ast::Expr* expression();
    bool invalid_expression(ast::Expr* a, size_t a_start);
    void invalid_named_expression(ast::Expr* a, size_t a_start);
    ast::Expr* expression_without_invalid();
    ast::Expr* yield_expr();
    ast::Expr* disjunction();
    ast::Expr* conjunction();
    ast::Expr* inversion();
    ast::Expr* comparison();
    ast::Expr* bitwise(int min_prec);
    ast::Expr* bitwise_or() { return bitwise(1); }
    ast::Expr* factor();
    ast::Expr* power();
    ast::Expr* await_primary();
    ast::Expr* primary();
    ast::Expr* atom();
    ast::Expr* paren_atom();
    ast::Expr* list_atom();
    ast::Expr* brace_atom();
    bool for_if_clauses(std::vector<ast::Comprehension>& out);
    ast::Expr* star_targets();
    ast::Expr* slices();
    ast::Expr* slice();
    // The state of one argument list while it is parsed.
    struct ArgState {
        ast::Pos open;                     // the '('
        bool class_bases = false;          // a class's bases (no generator expression)
        bool kw_unpack = false;            // a '**' mapping has been seen
        const char* late_error = nullptr;  // pegen raises it at the last token of the list
    };
    bool arguments(ast::Expr* call, bool class_bases);
    bool starred_argument(ast::Expr* call, ArgState& st);
    bool keyword_argument(ast::Expr* call, ArgState& st);
    bool positional_argument(ast::Expr* call, ast::Expr* e, ArgState& st);
    ast::Expr* lambdef_head(size_t& cost);

    // ---- literals (parser_literal.cpp) ----
    ast::Expr* number(const Token& t);
    ast::Expr* strings();
    void string_error(const Token& t, const std::string& msg);

    // ---- f-strings (parser_fstring.cpp) ----
    bool fstring(const Token& t, size_t& s, size_t end, bool raw, int lvl, std::vector<ast::Expr*>& values,
                 std::string& literal);
    bool fstring_field(const Token& t, size_t& s, size_t end, bool raw, int lvl, std::vector<ast::Expr*>& values,
                       std::string& literal);
    bool fstring_error(const Token& t, size_t at, int width, std::string msg);
    ast::Expr* fstring_expression(size_t begin, size_t end);
    void fstring_remap(size_t begin, size_t end);

    const SourceText& src_;
    ParseOptions opt_;
    ast::Module& mod_;
    StackModel stack_;

    std::vector<Token>* toks_ = nullptr;
    size_t pos_ = 0;
    size_t furthest_ = 0;
    int level_ = 0;                  // CPython's parser stack levels in use (see StackModel)
    bool no_invalid_ = false;        // inside expression_without_invalid: no invalid_* checks
    bool print_function_ = false;    // 2.7: from __future__ import print_function
    bool unicode_literals_ = false;  // 2.7: from __future__ import unicode_literals
    int fstring_depth_ = 0;
    // 3.6-3.11 report errors inside an f-string's expression against the text "(expr)".
    struct FStringExpr {
        size_t begin;
        size_t end;
    };
    std::vector<FStringExpr> fstring_exprs_;

    bool failed_ = false;
    bool fatal_ = false;     // MemoryError: no tokenizer error is reported over it
    bool specific_ = false;  // the error is one of pegen's invalid_* messages, not "invalid syntax"
    SyntaxErrorInfo err_;
    size_t err_pos_ = 0;     // the main token the parser failed at
    size_t err_fdepth_ = 0;  // how deep in f-string expressions it failed
    size_t main_pos_ = 0;    // the main token being parsed while in an f-string expression
    bool has_ast_error_ = false;
    SyntaxErrorInfo ast_err_;
};

// Charges a construct's cost to CPython's parser stack for as long as it is being parsed.
class Nesting {
public:
    Nesting(Parser& p, int cost) : p_(p), cost_(cost) {
        p_.level_ += cost_;
        ok_ = p_.check_level();
    }
    ~Nesting() { p_.level_ -= cost_; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;
    bool ok() const { return ok_; }

private:
    Parser& p_;
    int cost_;
    bool ok_;
};

}  // namespace pymemlab
