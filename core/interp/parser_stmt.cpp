// Statements: Grammar/python.gram's statement rules — statement sequences and blocks (pegen's
// "expected ':'" and "expected an indented block after ..."), and the simple statements
// (assignments and their target errors, del, import, 2.7's print). Compound statements are in
// parser_compound.cpp, parameters and call arguments in parser_args.cpp.
#include <string>

#include "interp/parser_internal.h"

namespace pymemlab {

using ast::Expr;
using ast::ExprKind;
using ast::Pos;
using ast::Stmt;
using ast::StmtKind;

namespace {

bool augassign_op(TokenKind k, ast::Operator& op) {
    switch (k) {
        case TokenKind::PlusEqual: op = ast::Operator::Add; return true;
        case TokenKind::MinEqual: op = ast::Operator::Sub; return true;
        case TokenKind::StarEqual: op = ast::Operator::Mult; return true;
        case TokenKind::AtEqual: op = ast::Operator::MatMult; return true;
        case TokenKind::SlashEqual: op = ast::Operator::Div; return true;
        case TokenKind::PercentEqual: op = ast::Operator::Mod; return true;
        case TokenKind::AmperEqual: op = ast::Operator::BitAnd; return true;
        case TokenKind::VBarEqual: op = ast::Operator::BitOr; return true;
        case TokenKind::CircumflexEqual: op = ast::Operator::BitXor; return true;
        case TokenKind::LeftShiftEqual: op = ast::Operator::LShift; return true;
        case TokenKind::RightShiftEqual: op = ast::Operator::RShift; return true;
        case TokenKind::DoubleStarEqual: op = ast::Operator::Pow; return true;
        case TokenKind::DoubleSlashEqual: op = ast::Operator::FloorDiv; return true;
        default: return false;
    }
}

bool is_single_target(const Expr* e) {
    return e->kind == ExprKind::Name || e->kind == ExprKind::Attribute || e->kind == ExprKind::Subscript;
}

}  // namespace

// ---- Statement sequences and blocks ----------------------------------------------------------

// statements: statement+, up to the DEDENT that closes the block or the end of the file.
bool Parser::statements(std::vector<Stmt*>& out) {
    while (!failed_ && !at(TokenKind::Dedent) && !at(TokenKind::EndMarker)) statement(out);
    return !failed_;
}

bool Parser::statement(std::vector<Stmt*>& out) {
    const Token& t = cur();
    if (t.kind == TokenKind::ErrorToken) {
        invalid_syntax();
        return false;
    }
    bool compound = t.kind == TokenKind::At;
    if (t.kind == TokenKind::Name) {
        switch (t.keyword) {
            case Keyword::Def:
            case Keyword::Class:
            case Keyword::If:
            case Keyword::While:
            case Keyword::For:
            case Keyword::Try:
            case Keyword::With:
            case Keyword::Async: compound = true; break;
            case Keyword::NotKeyword:
                if (text(t) == "async" && !at_least(3, 7) && opt_.major == 3 &&
                    (peek().keyword == Keyword::Def || peek().keyword == Keyword::For ||
                     peek().keyword == Keyword::With)) {
                    compound = true;
                }
                break;
            default: break;
        }
    }
    if (!compound && detect_match_statement()) return false;
    if (!compound) return simple_stmts(out);
    Stmt* s = compound_stmt();
    if (s != nullptr) out.push_back(s);
    return !failed_;
}

// simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE
bool Parser::simple_stmts(std::vector<Stmt*>& out) {
    for (;;) {
        Stmt* s = simple_stmt();
        if (failed_) return false;
        if (s != nullptr) out.push_back(s);
        if (!accept(TokenKind::Semi) || at(TokenKind::Newline)) break;
    }
    if (!accept(TokenKind::Newline)) {
        invalid_syntax();
        return false;
    }
    return true;
}

// block: NEWLINE INDENT statements DEDENT | simple_stmts. `what` names the owner for pegen's
// "expected an indented block after ..." (older profiles: "expected an indented block").
bool Parser::block(std::vector<Stmt*>& out, const Token& owner, const std::string& what) {
    if (!at(TokenKind::Newline)) return simple_stmts(out);
    advance();
    if (!at(TokenKind::Indent)) {
        if (pegen()) {
            error_last_token("expected an indented block after " + what + " on line " + std::to_string(owner.line),
                             "IndentationError");
        } else if (at(TokenKind::EndMarker) || at(TokenKind::ErrorToken)) {
            invalid_syntax();
        } else {
            error_at_token(cur(), "expected an indented block", "IndentationError");
        }
        return false;
    }
    advance();
    if (!statements(out)) return false;
    if (!accept(TokenKind::Dedent)) {
        invalid_syntax();
        return false;
    }
    return true;
}

// ':' after a compound statement's header. pegen says "expected ':'" where the grammar forces
// the token (def, else, try, finally) and where the header ends the line (if, while, for, ...).
bool Parser::expect_colon(bool forced) {
    if (accept(TokenKind::Colon)) return true;
    if (pegen() && forced) {
        error_at_token(cur(), "expected ':'");
    } else if (pegen() && at(TokenKind::Newline)) {
        error_last_token("expected ':'");
    } else {
        invalid_syntax();
    }
    return false;
}

std::nullptr_t Parser::unsupported(const char* construct) {
    error_at_token(cur(), std::string("PyMemLab does not support ") + construct);
    return nullptr;
}

// 3.10's match statement and 3.12's type alias have no node in ast.h: a line that starts with
// the soft keyword and can only be one of them is reported as unsupported.
bool Parser::detect_match_statement() {
    const Token& t = cur();
    if (t.kind != TokenKind::Name || t.keyword != Keyword::NotKeyword || !pegen()) return false;
    if (text(t) == "type" && at_least(3, 12) && peek().kind == TokenKind::Name &&
        (peek(2).kind == TokenKind::Equal || peek(2).kind == TokenKind::LSqb)) {
        unsupported("'type' alias statements");
        return true;
    }
    if (text(t) != "match") return false;
    size_t i = pos_;
    while (i + 1 < toks_->size() && (*toks_)[i].kind != TokenKind::Newline && (*toks_)[i].kind != TokenKind::ErrorToken)
        ++i;
    if (i + 1 >= toks_->size() || (*toks_)[i].kind != TokenKind::Newline) return false;
    if ((*toks_)[i - 1].kind != TokenKind::Colon || (*toks_)[i + 1].kind != TokenKind::Indent || i == pos_ + 1)
        return false;
    unsupported("'match' statements");
    return true;
}

// ---- Simple statements -----------------------------------------------------------------------

Stmt* Parser::simple_stmt() {
    const Token t = cur();
    const Pos start = pos_of(t);
    if (t.kind != TokenKind::Name) return assignment();
    if (py2() && text(t) == "exec" && peek().kind != TokenKind::LPar && starts_expression(peek())) {
        return unsupported("2.7's exec statement");
    }
    switch (t.keyword) {
        case Keyword::Pass:
        case Keyword::Break:
        case Keyword::Continue: {
            advance();
            StmtKind k = t.keyword == Keyword::Pass    ? StmtKind::Pass
                         : t.keyword == Keyword::Break ? StmtKind::Break
                                                       : StmtKind::Continue;
            return mod_.new_stmt(k, start);
        }
        case Keyword::Return: {
            advance();
            Stmt* s = mod_.new_stmt(StmtKind::Return, start);
            if (starts_expression(cur()) || at(TokenKind::Star)) {
                s->value = star_expressions();
                if (failed_) return nullptr;
            }
            s->pos = from(start);
            return s;
        }
        case Keyword::Raise: {
            advance();
            Stmt* s = mod_.new_stmt(StmtKind::Raise, start);
            if (starts_expression(cur())) {
                s->value = expression();
                if (failed_) return nullptr;
                if (accept_kw(Keyword::From)) {
                    s->test = expression();
                    if (failed_) return nullptr;
                } else if (py2() && accept(TokenKind::Comma)) {
                    // 2.7's `raise E, V[, T]`: the value rides in `test`, where 3.x keeps the
                    // cause, and the traceback in targets[0]; RAISE_VARARGS 2 means (type,
                    // value) in the 2.7 profile, 3 (type, value, traceback).
                    s->test = expression();
                    if (failed_) return nullptr;
                    if (accept(TokenKind::Comma)) {
                        s->targets.push_back(expression());
                        if (failed_) return nullptr;
                    }
                }
            }
            s->pos = from(start);
            return s;
        }
        case Keyword::Global:
        case Keyword::Nonlocal: {
            advance();
            Stmt* s = mod_.new_stmt(t.keyword == Keyword::Global ? StmtKind::Global : StmtKind::Nonlocal, start);
            do {
                if (!at_name()) {
                    invalid_syntax();
                    return nullptr;
                }
                s->identifiers.emplace_back(text(cur()));
                advance();
            } while (accept(TokenKind::Comma));
            s->pos = from(start);
            return s;
        }
        case Keyword::Assert: {
            advance();
            Stmt* s = mod_.new_stmt(StmtKind::Assert, start);
            s->test = expression();
            if (failed_) return nullptr;
            if (accept(TokenKind::Comma)) {
                s->value = expression();
                if (failed_) return nullptr;
            }
            s->pos = from(start);
            return s;
        }
        case Keyword::Del: return del_stmt();
        case Keyword::Import:
        case Keyword::From: return import_stmt();
        case Keyword::Print: return print_function_ ? assignment() : print_stmt();
        default: return assignment();
    }
}

// An expression statement, an assignment (a = b = c), an augmented or annotated assignment.
// Targets are parsed as expressions and checked afterwards, as ast.c did; pegen's messages come
// from the same checks.
Stmt* Parser::assignment() {
    const size_t stmt_start = pos_;
    const Pos start = pos_of(cur());
    Expr* first = at_kw(Keyword::Yield) ? yield_expr() : star_expressions();
    if (failed_) return nullptr;
    if (at(TokenKind::Colon) && !py2()) return annotated(first, stmt_start, start);
    if (at(TokenKind::ColonEqual) && pegen() && !(first->kind == ExprKind::Name && stmt_start + 1 == pos_)) {
        // invalid_named_expression, reached through invalid_assignment.
        error_known(first->pos, std::string("cannot use assignment expressions with ") + expr_name(first));
        return nullptr;
    }
    ast::Operator op = ast::Operator::Add;
    if (augassign_op(cur().kind, op)) {
        if (is_single_target(first)) {
            set_context(first, ast::ExprContext::Store);
        } else if (pegen()) {
            error_known(first->pos,
                        std::string("'") + expr_name(first) + "' is an illegal expression for augmented assignment");
            return nullptr;
        } else {
            // ast.c: set_context's error if it has one, else this.
            Expr* bad = invalid_target(first, TargetsType::Star);
            std::string prefix = at_least(3, 8) ? "cannot assign to " : "can't assign to ";
            ast_error(first->pos,
                      bad != nullptr ? prefix + expr_name(bad) : "illegal expression for augmented assignment");
        }
        advance();
        Expr* value = at_kw(Keyword::Yield) ? yield_expr() : star_expressions();
        if (failed_) return nullptr;
        Stmt* s = mod_.new_stmt(StmtKind::AugAssign, from(start));
        s->targets.push_back(first);
        s->op = op;
        s->value = value;
        return s;
    }
    if (!at(TokenKind::Equal)) {
        Stmt* s = mod_.new_stmt(StmtKind::Expr, from(start));
        s->value = first;
        return s;
    }
    std::vector<Expr*> chain{first};
    std::vector<size_t> starts{stmt_start};
    while (accept(TokenKind::Equal)) {
        starts.push_back(pos_);
        Expr* e = at_kw(Keyword::Yield) ? yield_expr() : star_expressions();
        if (failed_) return nullptr;
        chain.push_back(e);
    }
    for (size_t i = 0; i + 1 < chain.size(); ++i) {
        Expr* t = chain[i];
        const Token& t0 = (*toks_)[starts[i]];
        if (t0.kind == TokenKind::Name && t0.keyword == Keyword::Yield) {
            ast_error(t->pos, "assignment to yield expression not possible");
            if (failed_) return nullptr;
            continue;
        }
        if (invalid_target(t, TargetsType::Star) == nullptr) {
            set_context(t, ast::ExprContext::Store);
            continue;
        }
        if (pegen() && diagnose_assignment(stmt_start)) return nullptr;
        const Pos written = pos_of(t0);
        if (!check_target(t, TargetsType::Star, &written)) return nullptr;
    }
    Stmt* s = mod_.new_stmt(StmtKind::Assign, from(start));
    s->targets.assign(chain.begin(), chain.end() - 1);
    s->value = chain.back();
    return s;
}

// target ':' expression ['=' annotated_rhs]: a name (simple unless parenthesized), an attribute
// or a subscript.
Stmt* Parser::annotated(Expr* target, size_t stmt_start, const Pos& start) {
    advance();
    Expr* annotation = expression();
    if (failed_) return nullptr;
    const bool parenthesized = (*toks_)[stmt_start].kind == TokenKind::LPar;
    const char* msg = nullptr;
    Pos where = target->pos;
    if (target->kind == ExprKind::Tuple) {
        msg = "only single target (not tuple) can be annotated";
        // pegen blames an unparenthesized tuple's first element.
        if (!parenthesized && !target->elts.empty()) where = target->elts[0]->pos;
    } else if (target->kind == ExprKind::List) {
        msg = "only single target (not list) can be annotated";
    } else if (!is_single_target(target)) {
        msg = "illegal target for annotation";
    }
    if (msg != nullptr) {
        if (pegen()) {
            error_known(where, msg);
            return nullptr;
        }
        ast_error(target->pos, msg);
    }
    set_context(target, ast::ExprContext::Store);
    Stmt* s = mod_.new_stmt(StmtKind::AnnAssign, start);
    s->targets.push_back(target);
    s->test = annotation;
    s->simple = target->kind == ExprKind::Name && !parenthesized;
    if (accept(TokenKind::Equal)) {
        s->value = at_kw(Keyword::Yield) ? yield_expr() : star_expressions();
        if (failed_) return nullptr;
    }
    s->pos = from(start);
    return s;
}

// del_targets: each target is checked for Del (pegen: "cannot delete X" at the first bad part).
Stmt* Parser::del_stmt() {
    const Pos start = pos_of(cur());
    advance();
    Stmt* s = mod_.new_stmt(StmtKind::Delete, start);
    std::vector<Pos> written;
    do {
        if (at(TokenKind::Semi) || at(TokenKind::Newline)) break;
        written.push_back(pos_of(cur()));
        Expr* t = star_expression();
        if (failed_) return nullptr;
        s->targets.push_back(t);
    } while (accept(TokenKind::Comma));
    if (s->targets.empty()) {
        invalid_syntax();
        return nullptr;
    }
    for (size_t i = 0; i < s->targets.size(); ++i) {
        if (!check_target(s->targets[i], TargetsType::Del, &written[i])) return nullptr;
    }
    if (!at(TokenKind::Semi) && !at(TokenKind::Newline)) {
        invalid_syntax();
        return nullptr;
    }
    s->pos = from(start);
    return s;
}

// 2.7: print_stmt: 'print' ( [test (',' test)* [',']] | '>>' test [(',' test)+ [',']] ).
// The values go to targets, the file to value; simple is false after a trailing comma (no
// newline).
Stmt* Parser::print_stmt() {
    const Pos start = pos_of(cur());
    advance();
    Stmt* s = mod_.new_stmt(StmtKind::Print27, start);
    bool trailing_comma = false;
    if (accept(TokenKind::RightShift)) {
        s->value = expression();
        if (failed_) return nullptr;
        if (accept(TokenKind::Comma) && !starts_expression(cur())) {
            invalid_syntax();
            return nullptr;
        }
    }
    while (starts_expression(cur())) {
        Expr* v = expression();
        if (failed_) return nullptr;
        s->targets.push_back(v);
        trailing_comma = accept(TokenKind::Comma);
        if (!trailing_comma) break;
    }
    s->simple = !trailing_comma;
    s->pos = from(start);
    return s;
}

// import_name | import_from. 2.7's `from __future__ import print_function` and
// unicode_literals change how the rest of the file parses.
Stmt* Parser::import_stmt() {
    const Token kw = cur();
    const Pos start = pos_of(kw);
    advance();
    auto dotted_name = [&](std::string& out) {
        if (!at_name()) {
            invalid_syntax();
            return false;
        }
        out = std::string(text(cur()));
        advance();
        while (at(TokenKind::Dot)) {
            advance();
            if (!at_name()) {
                invalid_syntax();
                return false;
            }
            out += '.';
            out += text(cur());
            advance();
        }
        return true;
    };
    auto as_name = [&](ast::Alias& a) {
        if (accept_kw(Keyword::As)) {
            if (!at_name()) {
                invalid_syntax();
                return false;
            }
            a.asname = std::string(text(cur()));
            advance();
        }
        a.pos = from(a.pos);
        return true;
    };
    if (kw.keyword == Keyword::Import) {
        if (at(TokenKind::Newline) && at_least(3, 13)) {
            error_at_token(cur(), "Expected one or more names after 'import'");
            err_.end_offset = err_.offset;
            return nullptr;
        }
        Stmt* s = mod_.new_stmt(StmtKind::Import, start);
        do {
            ast::Alias a;
            a.pos = pos_of(cur());
            if (!dotted_name(a.name) || !as_name(a)) return nullptr;
            s->names.push_back(std::move(a));
        } while (accept(TokenKind::Comma));
        s->pos = from(start);
        return s;
    }
    Stmt* s = mod_.new_stmt(StmtKind::ImportFrom, start);
    while (at(TokenKind::Dot) || at(TokenKind::Ellipsis)) {
        s->level += at(TokenKind::Dot) ? 1 : 3;
        advance();
    }
    if (s->level == 0 || at_name()) {
        if (!dotted_name(s->name)) return nullptr;
    }
    if (!accept_kw(Keyword::Import)) {
        invalid_syntax();
        return nullptr;
    }
    if (at(TokenKind::Newline) && at_least(3, 13)) {
        error_at_token(cur(), "Expected one or more names after 'import'");
        err_.end_offset = err_.offset;
        return nullptr;
    }
    if (at(TokenKind::Star)) {
        ast::Alias a;
        a.name = "*";
        a.pos = pos_of(cur());
        advance();
        s->names.push_back(std::move(a));
        s->pos = from(start);
        return s;
    }
    const bool parenthesized = accept(TokenKind::LPar);
    for (;;) {
        ast::Alias a;
        a.pos = pos_of(cur());
        if (!at_name()) {
            invalid_syntax();
            return nullptr;
        }
        a.name = std::string(text(cur()));
        advance();
        if (!as_name(a)) return nullptr;
        s->names.push_back(std::move(a));
        if (!accept(TokenKind::Comma)) break;
        if (parenthesized && at(TokenKind::RPar)) break;
        if (!parenthesized && at(TokenKind::Newline)) {
            const char* msg = "trailing comma not allowed without surrounding parentheses";
            if (pegen()) {
                error_last_token(msg);
                return nullptr;
            }
            ast_error(s->names[0].pos, msg);
            break;
        }
    }
    if (parenthesized && !accept(TokenKind::RPar)) {
        invalid_syntax();
        return nullptr;
    }
    if (s->name == "__future__" && s->level == 0) {
        for (const ast::Alias& a : s->names) {
            if (a.name == "print_function") print_function_ = true;
            if (a.name == "unicode_literals") unicode_literals_ = true;
        }
    }
    s->pos = from(start);
    return s;
}

}  // namespace pymemlab
