// The parser's driver and its errors: parse_module, which of the tokenizer's and the parser's
// errors CPython would report, where each profile puts the caret, and assignment targets
// (pegen's _PyPegen_get_invalid_target, ast.c's set_context). The grammar rules live in the
// other parser_*.cpp files (parser_internal.h lists them).
#include "interp/parser.h"

#include <cstdio>

#include "interp/lexer.h"
#include "interp/lexer_internal.h"
#include "interp/parser_internal.h"

namespace pymemlab {

namespace {

const StackModel& stack_model(const ParseOptions& o) {
    if (o.major == 2) return kStack27;
    if (o.minor >= 12) return kStack312;
    if (o.minor >= 10) return kStack310;
    if (o.minor >= 8) return kStack38;
    return kStack36;
}

// 3.6 and 3.8 rewrite a SyntaxError on a line that starts with `print ` (and has no '(') into
// the hint of Objects/exceptions.c's _report_missing_parentheses, arguments included.
void report_missing_parentheses(SyntaxErrorInfo& e) {
    const std::string& text = e.text;
    if (e.type != "SyntaxError" || text.find('(') != std::string::npos) return;
    auto legacy = [&](size_t start) {
        while (start < text.size() && (text[start] == ' ' || text[start] == '\t' || text[start] == '\f')) ++start;
        if (text.compare(start, 6, "print ") == 0) {
            size_t b = start + 6;
            size_t end = text.find(';', b);
            std::string data = text.substr(b, end == std::string::npos ? std::string::npos : end - b);
            size_t first = data.find_first_not_of(" \t\r\n");
            size_t last = data.find_last_not_of(" \t\r\n");
            data = first == std::string::npos ? "" : data.substr(first, last - first + 1);
            const char* end_arg = !data.empty() && data.back() == ',' ? " end=\" \"" : "";
            e.msg = "Missing parentheses in call to 'print'. Did you mean print(" + data + end_arg + ")?";
            return true;
        }
        if (text.compare(start, 5, "exec ") == 0) {
            e.msg = "Missing parentheses in call to 'exec'";
            return true;
        }
        return false;
    };
    if (!legacy(0)) {
        size_t colon = text.find(':');
        if (colon != std::string::npos) legacy(colon + 1);
    }
}

}  // namespace

bool parse_module(std::string_view source, const ParseOptions& options, ast::Module& out, SyntaxErrorInfo* err) {
    SyntaxErrorInfo local;
    SyntaxErrorInfo* e = err != nullptr ? err : &local;
    SourceText src(source);
    // Checked before tokenizing: CPython's tokenizer raises it as it reads the line, and from 3.10
    // a tokenizer error anywhere in the file is reported ahead of the parser's. Bytes that are not
    // UTF-8 are reported where CPython decodes them: in names and in string literals.
    size_t nul = src.str().find('\0');
    if (nul != std::string::npos) {
        int line = src.line_of(nul);
        *e = source_error(src, "SyntaxError", "source code cannot contain null bytes", line, 0, 0, 0);
        e->text = e->text.substr(0, nul - src.line_start(line));
        return false;
    }
    Lexer lexer(src, options);
    std::vector<Token> tokens;
    lexer.tokenize(tokens);
    Parser parser(src, options, out);
    return parser.run(std::move(tokens), lexer.error(), e);
}

Parser::Parser(const SourceText& src, const ParseOptions& options, ast::Module& module)
    : src_(src), opt_(options), mod_(module), stack_(stack_model(options)) {}

bool Parser::run(std::vector<Token> tokens, const LexError& lex, SyntaxErrorInfo* err) {
    toks_ = &tokens;
    pos_ = furthest_ = 0;
    while (!failed_ && !at(TokenKind::EndMarker)) {
        if (at(TokenKind::ErrorToken)) {
            invalid_syntax();
            break;
        }
        statement(mod_.body);
    }
    if (!failed_ && !has_ast_error_) return true;

    // Which error CPython reports: from 3.10 the tokenizer's, wherever it is, as pegen
    // tokenizes the rest of the file after a failure; before, whichever comes first.
    SyntaxErrorInfo result = failed_ ? err_ : ast_err_;
    const size_t error_token = tokens.size() - 1;
    const bool reached = failed_ && err_pos_ >= error_token;
    const int last = src_.line_count();
    const int after_last = offset_of(last, static_cast<int>(src_.line(last).size())) + 1;
    if (!fatal_ && lex.kind != LexError::Kind::None) {
        if (pegen()) {
            if (lex.kind == LexError::Kind::Error) {
                result = lex.info;
            } else if (lex.kind == LexError::Kind::EofInBrackets) {
                // Fetching the end of the file raises at once; a failure on a later line than
                // the bracket is blamed on it too.
                if (reached || furthest_ >= error_token || tokens[furthest_].line > lex.bracket_line) {
                    int line = lex.bracket_line;
                    std::string msg = std::string("'") + lex.bracket + "' was never closed";
                    result =
                        source_error(src_, "SyntaxError", msg, line, offset_of(line, lex.bracket_col) + 1, line, 0);
                }
            } else if (reached) {
                result = source_error(src_, "SyntaxError", "unexpected EOF while parsing", last, after_last, last, -1);
            }
        } else if (reached) {
            // 2.7 says "invalid syntax" when the bracket was opened on an earlier line.
            const bool eof = !py2() || lex.kind != LexError::Kind::EofInBrackets || lex.bracket_line == last;
            result = lex.kind == LexError::Kind::Error
                         ? lex.info
                         : source_error(src_, "SyntaxError", eof ? "unexpected EOF while parsing" : "invalid syntax",
                                        last, after_last, 0, 0);
        }
    }
    if (opt_.major == 3 && opt_.minor < 10) report_missing_parentheses(result);
    if (result.line < 1) result.line = 1;
    if (err != nullptr) *err = std::move(result);
    return false;
}

// ---- Tokens ----------------------------------------------------------------------------------

// A name where a name is expected: keywords are not, except 2.7's print after
// `from __future__ import print_function`.
bool Parser::is_name(const Token& t) const {
    if (t.kind != TokenKind::Name) return false;
    if (t.keyword == Keyword::NotKeyword) return true;
    return t.keyword == Keyword::Print && print_function_;
}

bool Parser::accept(TokenKind k) {
    if (!at(k)) return false;
    advance();
    return true;
}

bool Parser::accept_kw(Keyword k) {
    if (!at_kw(k)) return false;
    advance();
    return true;
}

bool Parser::starts_expression(const Token& t) const {
    switch (t.kind) {
        case TokenKind::Name:
            switch (t.keyword) {
                case Keyword::NotKeyword:
                case Keyword::Not:
                case Keyword::Lambda:
                case Keyword::Await:
                case Keyword::None:
                case Keyword::True:
                case Keyword::False: return true;
                case Keyword::Print: return print_function_;
                default: return false;
            }
        case TokenKind::Number:
        case TokenKind::String:
        case TokenKind::LPar:
        case TokenKind::LSqb:
        case TokenKind::LBrace:
        case TokenKind::Minus:
        case TokenKind::Plus:
        case TokenKind::Tilde:
        case TokenKind::Ellipsis: return true;
        default: return false;
    }
}

// ---- Errors ----------------------------------------------------------------------------------

int Parser::offset_of(int line, int byte_col) const { return lex::columns(src_, opt_, line, byte_col); }

void Parser::fail_info(SyntaxErrorInfo info) {
    if (failed_) return;
    failed_ = true;
    specific_ = true;
    err_pos_ = fstring_exprs_.empty() ? pos_ : main_pos_;
    err_fdepth_ = fstring_exprs_.size();
    err_ = std::move(info);
}

void Parser::error_at_token(const Token& t, std::string msg, const char* type) {
    int line = t.line;
    int offset;
    int end_line = 0;
    int end_offset = 0;
    if (t.kind == TokenKind::Indent || t.kind == TokenKind::Dedent || t.kind == TokenKind::EndMarker) {
        // pegen places these tokens (col_offset -1) at 0 when it is told their location.
        offset = pegen() ? 0 : offset_of(line, t.col);
        if (pegen()) end_line = line;
    } else if (pegen()) {
        offset = offset_of(line, t.col) + 1;
        end_line = t.end_line;
        end_offset = offset_of(t.end_line, t.end_col) + 1;
        // NEWLINE has no width before 3.12.
        if (t.kind == TokenKind::Newline && !at_least(3, 12)) end_offset = offset;
    } else if (at_least(3, 8)) {
        offset = offset_of(line, t.col) + 1;
    } else {
        line = t.end_line;
        offset = offset_of(t.end_line, t.end_col);
    }
    fail_info(source_error(src_, type, std::move(msg), line, offset, end_line, end_offset));
}

void Parser::error_last_token(std::string msg, const char* type) {
    const Token& t = (*toks_)[furthest_];
    if (t.kind == TokenKind::Indent || t.kind == TokenKind::Dedent || t.kind == TokenKind::EndMarker) {
        // The tokenizer's own position: where the line's first token starts, or past the end.
        fail_info(source_error(src_, type, std::move(msg), t.line, offset_of(t.line, t.col), pegen() ? t.line : 0,
                               pegen() ? -1 : 0));
        return;
    }
    error_at_token(t, std::move(msg), type);
}

void Parser::invalid_syntax() {
    const bool was = failed_;
    generic_syntax_error();
    if (!was && failed_) specific_ = false;
}

void Parser::generic_syntax_error() {
    const Token& t = cur();
    if (!fstring_exprs_.empty() && t.kind == TokenKind::EndMarker) {
        // The expression of an f-string ended early: CPython parsed "(expr)" and failed at the
        // ')' (3.12+: at the '}' the field ends with).
        if (at_least(3, 12)) {
            // 3.12 blames the token after the longest expression it could parse.
            error_at_token(pos_ > 0 ? prev() : t, "f-string: expecting '=', or '!', or ':', or '}'");
            return;
        }
        Token close = t;
        close.end_col = close.col + 1;
        close.kind = TokenKind::RPar;
        error_at_token(close, pegen() ? "invalid syntax" : "unexpected EOF while parsing");
        return;
    }
    if (t.kind == TokenKind::Indent || t.kind == TokenKind::Dedent) {
        const char* msg = t.kind == TokenKind::Indent ? "unexpected indent" : "unexpected unindent";
        fail_info(source_error(src_, "IndentationError", msg, t.line, offset_of(t.line, t.col), pegen() ? t.line : 0,
                               pegen() ? -1 : 0));
        return;
    }
    if (t.kind == TokenKind::EndMarker && !pegen()) {
        int last = src_.line_count();
        fail_info(source_error(src_, "SyntaxError", "unexpected EOF while parsing", last,
                               offset_of(last, static_cast<int>(src_.line(last).size())) + 1, 0, 0));
        return;
    }
    error_at_token(t, "invalid syntax");
}

void Parser::error_known(const ast::Pos& a, const ast::Pos& b, std::string msg) {
    int offset = offset_of(a.line, a.col) + 1;
    if (pegen()) {
        fail_info(source_error(src_, "SyntaxError", std::move(msg), a.line, offset, b.end_line,
                               offset_of(b.end_line, b.end_col) + 1));
        return;
    }
    if (!at_least(3, 8)) offset = py2() ? 0 : offset - 1;
    fail_info(source_error(src_, "SyntaxError", std::move(msg), a.line, offset, 0, 0));
}

void Parser::ast_error(const ast::Pos& at, std::string msg) {
    if (pegen()) {
        error_known(at, std::move(msg));
        return;
    }
    if (has_ast_error_ || failed_) return;
    has_ast_error_ = true;
    int offset = py2() ? 0 : offset_of(at.line, at.col) + (at_least(3, 8) ? 1 : 0);
    ast_err_ = source_error(src_, "SyntaxError", std::move(msg), at.line, offset, 0, 0);
}

bool Parser::check_level() {
    if (stack_.base + level_ <= stack_.limit) return true;
    if (!failed_) {
        SyntaxErrorInfo e;
        e.type = "MemoryError";
        e.msg = at_least(3, 12) ? "Parser stack overflowed - Python source too complex to parse" : "";
        e.line = cur().line;
        fail_info(std::move(e));
        fatal_ = true;
    }
    return false;
}

// ---- Targets ---------------------------------------------------------------------------------

// The words CPython uses for an expression in "cannot assign to ..." (pegen's
// _PyPegen_get_expr_name; ast.c's set_context before 3.10).
const char* Parser::expr_name(const ast::Expr* e) const {
    using K = ast::ExprKind;
    switch (e->kind) {
        case K::Attribute: return "attribute";
        case K::Subscript: return "subscript";
        case K::Starred: return "starred";
        case K::Name: return "name";
        case K::List: return "list";
        case K::Tuple: return "tuple";
        case K::Lambda: return "lambda";
        case K::Call: return "function call";
        case K::BoolOp:
        case K::BinOp:
        case K::UnaryOp: return pegen() ? "expression" : "operator";
        case K::GeneratorExp: return "generator expression";
        case K::Yield:
        case K::YieldFrom: return "yield expression";
        case K::Await: return "await expression";
        case K::ListComp: return "list comprehension";
        case K::SetComp: return "set comprehension";
        case K::DictComp: return "dict comprehension";
        case K::Dict: return pegen() ? "dict literal" : py2() ? "literal" : "dict display";
        case K::Set: return py2() ? "literal" : "set display";
        case K::JoinedStr:
        case K::FormattedValue: return "f-string expression";
        case K::Compare: return "comparison";
        case K::IfExp: return "conditional expression";
        case K::NamedExpr: return "named expression";
        case K::Slice: return "slice";
        case K::Constant:
            switch (e->constant.kind) {
                case ast::ConstKind::None: return at_least(3, 8) || py2() ? "None" : "keyword";
                case ast::ConstKind::True: return at_least(3, 8) ? "True" : "keyword";
                case ast::ConstKind::False: return at_least(3, 8) ? "False" : "keyword";
                case ast::ConstKind::Ellipsis: return pegen() ? "ellipsis" : "Ellipsis";
                default: return "literal";
            }
    }
    return "expression";
}

// The first part of e that cannot be assigned to (or deleted), or null: lists and tuples are
// searched, a starred target's value too; a for-target's `a in b` is a comparison pegen parsed
// too far, whose left side is the target.
ast::Expr* Parser::invalid_target(ast::Expr* e, TargetsType type) const {
    using K = ast::ExprKind;
    if (e == nullptr) return nullptr;
    switch (e->kind) {
        case K::List:
        case K::Tuple:
            for (ast::Expr* elt : e->elts) {
                if (ast::Expr* bad = invalid_target(elt, type)) return bad;
            }
            return nullptr;
        case K::Starred:
            if (type == TargetsType::Del) return e;
            return invalid_target(e->left, type);
        case K::Compare:
            if (type == TargetsType::For) {
                return e->ops[0] == ast::CmpOp::In ? invalid_target(e->left, type) : nullptr;
            }
            return e;
        case K::Name:
            // 2.7 checks names: None may not be bound.
            return py2() && e->id == "None" ? e : nullptr;
        case K::Subscript:
        case K::Attribute: return nullptr;
        default: return e;
    }
}

void Parser::set_context(ast::Expr* e, ast::ExprContext ctx) {
    using K = ast::ExprKind;
    switch (e->kind) {
        case K::Name:
        case K::Attribute:
        case K::Subscript: e->ctx = ctx; break;
        case K::Starred:
            e->ctx = ctx;
            set_context(e->left, ctx);
            break;
        case K::List:
        case K::Tuple:
            e->ctx = ctx;
            for (ast::Expr* elt : e->elts) set_context(elt, ctx);
            break;
        default: break;
    }
}

bool Parser::check_target(ast::Expr* e, TargetsType type, const ast::Pos* old_at) {
    const ast::ExprContext ctx = type == TargetsType::Del ? ast::ExprContext::Del : ast::ExprContext::Store;
    ast::Expr* bad = invalid_target(e, type);
    if (bad == nullptr) {
        set_context(e, ctx);
        return true;
    }
    std::string msg = type == TargetsType::Del ? (at_least(3, 8) ? "cannot delete " : "can't delete ")
                                               : (at_least(3, 8) ? "cannot assign to " : "can't assign to ");
    if (!pegen() && type == TargetsType::Del && bad->kind == ast::ExprKind::Starred) {
        msg = "can't use starred expression here";
    } else if (py2() && bad->kind == ast::ExprKind::Constant && bad->constant.kind == ast::ConstKind::None) {
        msg = type == TargetsType::Del ? "cannot delete None" : "cannot assign to None";
    } else {
        msg += expr_name(bad);
    }
    if (pegen()) {
        error_known(bad->pos, msg);
        return false;
    }
    // ast.c blamed the whole target as written (its parentheses included, for a with statement
    // the whole item), and the parse went on.
    ast_error(old_at != nullptr ? *old_at : e->pos, msg);
    set_context(e, ctx);
    return true;
}

// pegen's invalid_assignment reaches invalid_named_expression first: it parses the statement's
// first targets as star_named_expressions, and `x = 1` or `f() = 1` at the end of them raises
// "Maybe you meant '=='". True if that raised.
bool Parser::diagnose_assignment(size_t stmt_start) {
    const size_t saved = pos_;
    pos_ = stmt_start;
    for (;;) {
        star_named_expression();
        if (failed_) break;
        if (!at(TokenKind::Comma)) break;
        advance();
        if (!starts_expression(cur()) && !at(TokenKind::Star)) break;
    }
    if (failed_ && specific_) return true;
    if (!fatal_) failed_ = false;
    pos_ = saved;
    return false;
}

}  // namespace pymemlab
