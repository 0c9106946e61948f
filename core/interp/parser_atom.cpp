// Atoms and displays: names, constants, strings, '(' ... ')' (tuple, group, generator
// expression), lists, dicts and sets with their comprehensions, and the targets of a for
// clause. Each bracket charges CPython's parser stack (Nesting); the expressions inside come
// from parser_expr.cpp.
#include "interp/parser_internal.h"

namespace pymemlab {

using ast::Expr;
using ast::ExprKind;
using ast::Pos;

// ---- Atoms -----------------------------------------------------------------------------------

Expr* Parser::atom() {
    const Token& t = cur();
    switch (t.kind) {
        case TokenKind::Name: {
            if (is_name(t)) {
                Expr* n = mod_.new_expr(ExprKind::Name, pos_of(t));
                n->id = std::string(text(t));
                advance();
                return n;
            }
            ast::ConstKind k;
            if (t.keyword == Keyword::True) {
                k = ast::ConstKind::True;
            } else if (t.keyword == Keyword::False) {
                k = ast::ConstKind::False;
            } else if (t.keyword == Keyword::None) {
                k = ast::ConstKind::None;
            } else {
                invalid_syntax();
                return nullptr;
            }
            Expr* c = mod_.new_expr(ExprKind::Constant, pos_of(t));
            c->constant.kind = k;
            advance();
            return c;
        }
        case TokenKind::Number: {
            Expr* n = number(t);
            advance();
            return n;
        }
        case TokenKind::String: return strings();
        case TokenKind::LPar: return paren_atom();
        case TokenKind::LSqb: return list_atom();
        case TokenKind::LBrace: return brace_atom();
        case TokenKind::Ellipsis: {
            Expr* c = mod_.new_expr(ExprKind::Constant, pos_of(t));
            c->constant.kind = ast::ConstKind::Ellipsis;
            advance();
            return c;
        }
        case TokenKind::Op:
            if (py2() && text(t) == "`") {
                unsupported("2.7's backquote repr");
                return nullptr;
            }
            invalid_syntax();
            return nullptr;
        default: invalid_syntax(); return nullptr;
    }
}

// '(' ... ')': the empty tuple, a parenthesized yield, a generator expression, a tuple, or a
// group (which keeps the inner expression and its position, as CPython's does).
Expr* Parser::paren_atom() {
    Nesting nesting(*this, stack_.bracket);
    if (!nesting.ok()) return nullptr;
    const Pos start = pos_of(cur());
    advance();
    if (accept(TokenKind::RPar)) return mod_.new_expr(ExprKind::Tuple, from(start));
    if (at_kw(Keyword::Yield)) {
        Expr* y = yield_expr();
        if (failed_) return nullptr;
        if (!accept(TokenKind::RPar)) {
            invalid_syntax();
            return nullptr;
        }
        return y;
    }
    if (at(TokenKind::DoubleStar) && pegen()) {
        // invalid_group: '(' '**' expression ')'
        const Pos star = pos_of(cur());
        advance();
        expression();
        if (failed_) return nullptr;
        if (at(TokenKind::RPar)) {
            error_known(star, "cannot use double starred expression here");
        } else {
            invalid_syntax();
        }
        return nullptr;
    }
    Expr* first = star_named_expression();
    if (failed_) return nullptr;
    if (at_kw(Keyword::For) || (at_kw(Keyword::Async) && peek().keyword == Keyword::For)) {
        if (first->kind == ExprKind::Starred) {
            ast_error(first->pos, "iterable unpacking cannot be used in comprehension");
            if (failed_) return nullptr;
        }
        Expr* g = mod_.new_expr(ExprKind::GeneratorExp, start);
        g->left = first;
        if (!for_if_clauses(g->generators)) return nullptr;
        if (!accept(TokenKind::RPar)) {
            invalid_syntax();
            return nullptr;
        }
        g->pos = from(start);
        return g;
    }
    if (at(TokenKind::Comma)) {
        Expr* t = mod_.new_expr(ExprKind::Tuple, start);
        t->elts.push_back(first);
        while (accept(TokenKind::Comma)) {
            if (at(TokenKind::RPar)) break;
            Expr* x = star_named_expression();
            if (failed_) return nullptr;
            t->elts.push_back(x);
        }
        if (!accept(TokenKind::RPar)) {
            invalid_syntax();
            return nullptr;
        }
        t->pos = from(start);
        return t;
    }
    if (!accept(TokenKind::RPar)) {
        invalid_syntax();
        return nullptr;
    }
    if (first->kind == ExprKind::Starred && pegen()) {
        error_known(first->pos, "cannot use starred expression here");
        return nullptr;
    }
    return first;
}

// '[' ... ']': a list or a list comprehension.
Expr* Parser::list_atom() {
    Nesting nesting(*this, stack_.bracket);
    if (!nesting.ok()) return nullptr;
    const Pos start = pos_of(cur());
    advance();
    Expr* list = mod_.new_expr(ExprKind::List, start);
    if (accept(TokenKind::RSqb)) {
        list->pos = from(start);
        return list;
    }
    Expr* first = star_named_expression();
    if (failed_) return nullptr;
    if (at_kw(Keyword::For) || (at_kw(Keyword::Async) && peek().keyword == Keyword::For)) {
        if (first->kind == ExprKind::Starred) {
            ast_error(first->pos, "iterable unpacking cannot be used in comprehension");
            if (failed_) return nullptr;
        }
        Expr* comp = mod_.new_expr(ExprKind::ListComp, start);
        comp->left = first;
        if (!for_if_clauses(comp->generators)) return nullptr;
        if (!accept(TokenKind::RSqb)) {
            invalid_syntax();
            return nullptr;
        }
        comp->pos = from(start);
        return comp;
    }
    list->elts.push_back(first);
    while (accept(TokenKind::Comma)) {
        if (at(TokenKind::RSqb)) break;
        if (at_kw(Keyword::For) && pegen()) {
            error_known(first->pos, pos_of(prev()), "did you forget parentheses around the comprehension target?");
            return nullptr;
        }
        Expr* x = star_named_expression();
        if (failed_) return nullptr;
        list->elts.push_back(x);
    }
    if (at_kw(Keyword::For) && pegen() && list->elts.size() > 1) {
        error_known(first->pos, list->elts.back()->pos, "did you forget parentheses around the comprehension target?");
        return nullptr;
    }
    if (!accept(TokenKind::RSqb)) {
        invalid_syntax();
        return nullptr;
    }
    list->pos = from(start);
    return list;
}

// '{' ... '}': a dict (with ** unpacking), a set, or their comprehensions.
Expr* Parser::brace_atom() {
    Nesting nesting(*this, stack_.brace);
    if (!nesting.ok()) return nullptr;
    const Pos start = pos_of(cur());
    advance();
    if (accept(TokenKind::RBrace)) return mod_.new_expr(ExprKind::Dict, from(start));
    // A dict value: pegen names a starred value and a missing one.
    auto dict_value = [&]() -> Expr* {
        if (pegen() && at(TokenKind::Star)) {
            const Pos star = pos_of(cur());
            advance();
            Expr* v = bitwise_or();
            if (failed_) return nullptr;
            error_known(star, v->pos, "cannot use a starred expression in a dictionary value");
            return nullptr;
        }
        if (pegen() && (at(TokenKind::RBrace) || at(TokenKind::Comma))) {
            error_known(pos_of(prev()), "expression expected after dictionary key and ':'");
            return nullptr;
        }
        return expression();
    };
    Expr* first_key = nullptr;
    Expr* first_value = nullptr;
    Expr* first = nullptr;
    if (at(TokenKind::DoubleStar)) {
        const Pos star = pos_of(cur());
        if (py2()) {
            invalid_syntax();
            return nullptr;
        }
        advance();
        first_value = bitwise_or();
        if (failed_) return nullptr;
        if (at_kw(Keyword::For)) {
            // pegen at the '**', ast.c at the display.
            if (pegen()) {
                error_known(star, "dict unpacking cannot be used in dict comprehension");
                return nullptr;
            }
            ast_error(start, "dict unpacking cannot be used in dict comprehension");
        }
    } else {
        first = star_named_expression();
        if (failed_) return nullptr;
        if (first->kind != ExprKind::Starred && accept(TokenKind::Colon)) {
            first_key = first;
            first_value = dict_value();
            if (failed_) return nullptr;
            first = nullptr;
        }
    }
    const bool is_dict = first == nullptr;
    const bool comp = at_kw(Keyword::For) || (at_kw(Keyword::Async) && peek().keyword == Keyword::For);
    if (comp && (!is_dict || first_key != nullptr || !pegen())) {
        if (!is_dict && first->kind == ExprKind::Starred) {
            ast_error(first->pos, "iterable unpacking cannot be used in comprehension");
            if (failed_) return nullptr;
        }
        Expr* c = mod_.new_expr(is_dict ? ExprKind::DictComp : ExprKind::SetComp, start);
        c->left = is_dict ? first_key : first;
        c->right = is_dict ? first_value : nullptr;
        if (!for_if_clauses(c->generators)) return nullptr;
        if (!accept(TokenKind::RBrace)) {
            invalid_syntax();
            return nullptr;
        }
        c->pos = from(start);
        return c;
    }
    Expr* d = mod_.new_expr(is_dict ? ExprKind::Dict : ExprKind::Set, start);
    if (is_dict) {
        d->keys.push_back(first_key);
        d->values.push_back(first_value);
    } else {
        d->elts.push_back(first);
    }
    while (accept(TokenKind::Comma)) {
        if (at(TokenKind::RBrace)) break;
        if (!is_dict) {
            Expr* x = star_named_expression();
            if (failed_) return nullptr;
            d->elts.push_back(x);
            continue;
        }
        if (accept(TokenKind::DoubleStar)) {
            Expr* v = bitwise_or();
            if (failed_) return nullptr;
            d->keys.push_back(nullptr);
            d->values.push_back(v);
            continue;
        }
        Expr* k = expression();
        if (failed_) return nullptr;
        if (!accept(TokenKind::Colon)) {
            if (pegen() && (at(TokenKind::RBrace) || at(TokenKind::Comma))) {
                // invalid_kvpair: the caret goes on the key's last character.
                int offset = offset_of(k->pos.end_line, k->pos.end_col - 1) + 1;
                fail_info(source_error(src_, "SyntaxError", "':' expected after dictionary key", k->pos.line, offset,
                                       k->pos.end_line, 0));
            } else {
                invalid_syntax();
            }
            return nullptr;
        }
        Expr* v = dict_value();
        if (failed_) return nullptr;
        d->keys.push_back(k);
        d->values.push_back(v);
    }
    if (!accept(TokenKind::RBrace)) {
        invalid_syntax();
        return nullptr;
    }
    d->pos = from(start);
    return d;
}

// for_if_clauses: ([ASYNC] 'for' star_targets 'in' disjunction ('if' disjunction)*)+
bool Parser::for_if_clauses(std::vector<ast::Comprehension>& out) {
    while (at_kw(Keyword::For) || (at_kw(Keyword::Async) && peek().keyword == Keyword::For)) {
        ast::Comprehension c;
        if (accept_kw(Keyword::Async)) c.is_async = true;
        advance();
        const Pos written = pos_of(cur());
        c.target = star_targets();
        if (failed_ || !check_target(c.target, TargetsType::For, &written)) return false;
        if (!accept_kw(Keyword::In)) {
            invalid_syntax();
            return false;
        }
        c.iter = disjunction();
        if (failed_) return false;
        while (accept_kw(Keyword::If)) {
            Expr* cond = disjunction();
            if (failed_) return false;
            c.ifs.push_back(cond);
        }
        out.push_back(std::move(c));
    }
    return true;
}

// star_targets of a for loop or comprehension: items read as bitwise_or, so that the `in` which
// follows is not taken for a comparison.
Expr* Parser::star_targets() {
    const Pos start = pos_of(cur());
    auto item = [&]() -> Expr* {
        if (!at(TokenKind::Star)) return bitwise_or();
        if (py2()) {
            invalid_syntax();
            return nullptr;
        }
        const Pos star = pos_of(cur());
        advance();
        Expr* v = bitwise_or();
        if (failed_) return nullptr;
        Expr* s = mod_.new_expr(ExprKind::Starred, span(star, v->pos));
        s->left = v;
        return s;
    };
    Expr* first = item();
    if (failed_ || !at(TokenKind::Comma)) return first;
    Expr* t = mod_.new_expr(ExprKind::Tuple, start);
    t->elts.push_back(first);
    while (accept(TokenKind::Comma)) {
        if (!starts_expression(cur()) && !at(TokenKind::Star)) break;
        Expr* x = item();
        if (failed_) return nullptr;
        t->elts.push_back(x);
    }
    t->pos = from(start);
    return t;
}

}  // namespace pymemlab
