// Call arguments and function parameters: Grammar/python.gram's arguments/args/kwargs and
// params/lambda_params, with the order errors CPython reports for each (pegen's
// invalid_arguments, invalid_kwarg, invalid_parameters; ast.c's before 3.10).
#include <string>

#include "interp/parser_internal.h"

namespace pymemlab {

using ast::Expr;
using ast::ExprKind;
using ast::Pos;

namespace {

// _PyPegen_get_last_comprehension_item: the last condition of the last clause, or its iterable.
const Expr* last_comprehension_item(const std::vector<ast::Comprehension>& gens) {
    const ast::Comprehension& c = gens.back();
    return c.ifs.empty() ? c.iter : c.ifs.back();
}

}  // namespace

// '(' [args] ')' after a primary (or a class name): positional arguments and *iterables in
// elts, name=value and **mapping in keywords, a lone generator expression as the only argument.
// Each kind of argument has its own function, so that the frame on every nested call's
// recursion stays small.
bool Parser::arguments(Expr* call, bool class_bases) {
    ArgState st;
    st.open = pos_of(cur());
    st.class_bases = class_bases;
    advance();
    const Pos first = pos_of(cur());
    while (!at(TokenKind::RPar)) {
        bool ok;
        if (at(TokenKind::Star)) {
            ok = starred_argument(call, st);
        } else if (at(TokenKind::DoubleStar) || (at_name() && peek().kind == TokenKind::Equal) ||
                   ((at_kw(Keyword::True) || at_kw(Keyword::False) || at_kw(Keyword::None)) &&
                    peek().kind == TokenKind::Equal && at_least(3, 8))) {
            ok = keyword_argument(call, st);
        } else {
            Expr* e = at_name() && peek().kind == TokenKind::ColonEqual ? named_expression() : expression();
            ok = !failed_ && positional_argument(call, e, st);
        }
        if (!ok) return false;
        if (py2() && st.kw_unpack && at(TokenKind::Comma)) {
            // 2.7: the '**' mapping is the last argument, without a trailing comma.
            invalid_syntax();
            return false;
        }
        if (!accept(TokenKind::Comma)) break;
    }
    if (st.late_error != nullptr && pegen()) {
        error_last_token(st.late_error);
        return false;
    }
    if (!accept(TokenKind::RPar)) {
        invalid_syntax();
        return false;
    }
    // ast.c up to 3.6 (ast_for_call): at most 255 arguments, counted from the first; 2.7 counts
    // the positional and keyword ones, not a * or ** argument.
    if (!at_least(3, 7)) {
        size_t n = 0;
        for (const Expr* a : call->elts) n += !py2() || a->kind != ExprKind::Starred;
        for (const ast::Keyword& k : call->keywords) n += !py2() || !k.arg.empty();
        if (n > 255) ast_error(first, "more than 255 arguments");
    }
    call->pos = from(call->pos);
    return true;
}

// '*' expression, which may not follow a '**' mapping.
bool Parser::starred_argument(Expr* call, ArgState& st) {
    const Pos comma = pos_of(prev());
    const Pos star = pos_of(cur());
    advance();
    Expr* v = expression();
    if (failed_) return false;
    Expr* s = mod_.new_expr(ExprKind::Starred, span(star, v->pos));
    s->left = v;
    if (st.kw_unpack) {
        const char* msg = "iterable argument unpacking follows keyword argument unpacking";
        if (pegen()) {
            if (at_least(3, 13)) {
                error_known(comma, s->pos, msg);
            } else if (at_least(3, 11)) {
                error_known(star, msg);
            } else {
                const Pos a = !call->elts.empty() ? call->elts.front()->pos : call->keywords.front().pos;
                error_known(a, call->keywords.back().pos, msg);
            }
            return false;
        }
        ast_error(s->pos, msg);
    }
    call->elts.push_back(s);
    return true;
}

// '**' expression, NAME '=' expression, and pegen's invalid_kwarg for True/False/None '='.
bool Parser::keyword_argument(Expr* call, ArgState& st) {
    ast::Keyword k;
    const Pos start = pos_of(cur());
    if (at(TokenKind::DoubleStar)) {
        st.kw_unpack = true;
    } else if (at_name()) {
        k.arg = std::string(text(cur()));
        advance();
    } else {
        const std::string msg = "cannot assign to " + std::string(text(cur()));
        if (pegen()) {
            error_known(start, pos_of(peek()), msg);
            return false;
        }
        ast_error(start, msg);
        advance();
    }
    advance();
    k.value = expression();
    if (failed_) return false;
    k.pos = span(start, k.value->pos);
    call->keywords.push_back(std::move(k));
    return true;
}

// After a positional argument's expression: a misplaced walrus or '=', a generator expression
// (parenthesized by the call only when it is the only argument), or the argument itself, which
// may not follow keywords.
bool Parser::positional_argument(Expr* call, Expr* e, ArgState& st) {
    if (at(TokenKind::ColonEqual)) {
        if (pegen()) {
            error_known(e->pos, std::string("cannot use assignment expressions with ") + expr_name(e));
        } else {
            invalid_syntax();
        }
        return false;
    }
    if (at(TokenKind::Equal)) {
        // invalid_kwarg: f(a.b=1)
        if (pegen()) {
            error_known(e->pos, pos_of(cur()), "expression cannot contain assignment, perhaps you meant \"==\"?");
            return false;
        }
        advance();
        Expr* v = expression();
        if (failed_) return false;
        ast_error(e->pos, at_least(3, 8) ? "expression cannot contain assignment, perhaps you meant \"==\"?"
                                         : "keyword can't be an expression");
        ast::Keyword k;
        k.value = v;
        k.pos = span(e->pos, v->pos);
        call->keywords.push_back(std::move(k));
        return true;
    }
    if (at_kw(Keyword::For) || (at_kw(Keyword::Async) && peek().keyword == Keyword::For)) {
        const Token for_token = at_kw(Keyword::Async) ? peek() : cur();
        Expr* g = mod_.new_expr(ExprKind::GeneratorExp, e->pos);
        g->left = e;
        if (!for_if_clauses(g->generators)) return false;
        const bool sole = call->elts.empty() && call->keywords.empty() && at(TokenKind::RPar);
        if (st.class_bases && (at_least(3, 8) || py2())) {
            // class C(x for x in y): bases are arguments, not a genexp.
            if (pegen() || py2()) {
                error_at_token(for_token, "invalid syntax");
                return false;
            }
            ast_error(e->pos, "invalid syntax");
        } else if (!sole) {
            const char* msg = at_least(3, 8) ? "Generator expression must be parenthesized"
                                             : "Generator expression must be parenthesized if not sole argument";
            if (pegen()) {
                error_known(e->pos, last_comprehension_item(g->generators)->pos, msg);
                return false;
            }
            ast_error(e->pos, msg);
        }
        // The generator's parentheses are the call's.
        g->pos = sole ? span(st.open, pos_of(cur())) : from(e->pos);
        call->elts.push_back(g);
        return true;
    }
    if (!call->keywords.empty() && st.late_error == nullptr) {
        st.late_error = py2()          ? "non-keyword arg after keyword arg"
                        : st.kw_unpack ? "positional argument follows keyword argument unpacking"
                                       : "positional argument follows keyword argument";
        if (!pegen()) ast_error(e->pos, st.late_error);
    }
    call->elts.push_back(e);
    return true;
}

// One parameter: NAME [':' expression] (no annotation in a lambda).
bool Parser::param(bool lambda, ast::Arg& out, bool star) {
    if (!at_name()) {
        invalid_syntax();
        return false;
    }
    out.arg = std::string(text(cur()));
    out.pos = pos_of(cur());
    advance();
    if (!lambda && !py2() && accept(TokenKind::Colon)) {
        // *args: *Ts (3.11+, param_star_annotation)
        out.annotation = star && at_least(3, 11) && at(TokenKind::Star) ? star_expression() : expression();
        if (failed_) return false;
        out.pos = from(out.pos);
    }
    return true;
}

// params / lambda_params, up to the ')' (or a lambda's ':'): positional parameters (before '/'
// they are positional-only, 3.8+), *args or a bare '*', keyword-only parameters, **kwargs.
ast::Arguments* Parser::parameters(bool lambda) {
    ast::Arguments* a = mod_.new_arguments();
    const TokenKind close = lambda ? TokenKind::Colon : TokenKind::RPar;
    const Pos first = pos_of(cur());
    bool seen_default = false;
    bool star = false;
    bool slash = false;
    // pegen's invalid_parameters messages (3.11+; 3.10 and older say "invalid syntax" here).
    auto param_error = [&](const Pos& at, const char* msg) {
        if (at_least(3, 11)) {
            error_known(at, msg);
        } else {
            invalid_syntax();
        }
        return nullptr;
    };
    while (!at(close)) {
        if (at(TokenKind::Slash) && at_least(3, 8)) {
            const Pos p = pos_of(cur());
            if (slash) return param_error(p, "/ may appear only once");
            if (star) return param_error(p, "/ must be ahead of *");
            if (a->args.empty()) return param_error(p, "at least one argument must precede /");
            slash = true;
            a->posonlyargs = std::move(a->args);
            a->args.clear();
            advance();
        } else if (at(TokenKind::Star)) {
            const Pos p = pos_of(cur());
            if (star) return param_error(p, "* argument may appear only once");
            star = true;
            advance();
            if (py2() && (at(TokenKind::Comma) || at(close))) {
                // 2.7 has no keyword-only parameters.
                invalid_syntax();
                return nullptr;
            }
            if (at(TokenKind::Comma) || at(close)) {
                // A bare '*' needs a keyword-only parameter after it.
                const bool named = at(TokenKind::Comma) && peek().kind == TokenKind::Name && is_name(peek());
                if (!named) {
                    const char* msg = "named arguments must follow bare *";
                    if (pegen()) {
                        if (lambda) {
                            if (at(TokenKind::Comma)) advance();
                            error_last_token(msg);
                        } else {
                            error_known(p, msg);
                        }
                        return nullptr;
                    }
                    // ast.c: at what follows "*," (or at the '*').
                    ast_error(at(TokenKind::Comma) ? pos_of(peek()) : p, msg);
                }
            } else {
                ast::Arg* v = mod_.new_arg();
                if (!param(lambda, *v, true)) return nullptr;
                a->vararg = v;
                if (at(TokenKind::Equal)) {
                    return param_error(pos_of(cur()), "var-positional argument cannot have default value");
                }
            }
        } else if (at(TokenKind::DoubleStar)) {
            advance();
            ast::Arg* k = mod_.new_arg();
            if (!param(lambda, *k)) return nullptr;
            a->kwarg = k;
            if (at(TokenKind::Equal)) {
                return param_error(pos_of(cur()), "var-keyword argument cannot have default value");
            }
            if (py2() && at(TokenKind::Comma)) {
                invalid_syntax();
                return nullptr;
            }
            if (accept(TokenKind::Comma) && !at(close)) {
                return param_error(pos_of(cur()), "arguments cannot follow var-keyword argument");
            }
            break;
        } else if (at(TokenKind::LPar) && !lambda) {
            // 2.7's tuple parameters; 3.11+ names the mistake.
            if (py2()) {
                unsupported("2.7's tuple parameters");
                return nullptr;
            }
            const Pos open = pos_of(cur());
            size_t i = pos_ + 1;
            while (i + 1 < toks_->size() && (*toks_)[i].kind != TokenKind::RPar &&
                   (*toks_)[i].kind != TokenKind::Newline)
                ++i;
            if (at_least(3, 11) && (*toks_)[i].kind == TokenKind::RPar) {
                error_known(open, pos_of((*toks_)[i]), "Function parameters cannot be parenthesized");
                return nullptr;
            }
            invalid_syntax();
            return nullptr;
        } else {
            ast::Arg p;
            if (!param(lambda, p)) return nullptr;
            Expr* def = nullptr;
            if (accept(TokenKind::Equal)) {
                def = expression();
                if (failed_) return nullptr;
            }
            if (star) {
                a->kwonlyargs.push_back(p);
                a->kw_defaults.push_back(def);
            } else {
                if (def != nullptr) {
                    seen_default = true;
                    a->defaults.push_back(def);
                } else if (seen_default) {
                    const char* msg = at_least(3, 12) ? "parameter without a default follows parameter with a default"
                                                      : "non-default argument follows default argument";
                    if (pegen()) {
                        error_known(p.pos, msg);
                        return nullptr;
                    }
                    ast_error(first, msg);
                }
                a->args.push_back(p);
            }
        }
        if (!accept(TokenKind::Comma)) break;
    }
    // 3.6's ast_for_arguments: at most 255 named parameters, positional and keyword-only.
    if (!py2() && !at_least(3, 7) && a->args.size() + a->kwonlyargs.size() > 255)
        ast_error(first, "more than 255 arguments");
    return a;
}

}  // namespace pymemlab
