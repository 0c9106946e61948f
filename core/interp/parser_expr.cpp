// Expressions: Grammar/python.gram's expression rules, from star_expressions down to primary
// (atoms are in parser_atom.cpp). Chains CPython nests (not not x, -(-x), a**b**c, lambda:
// lambda: x, a if b else c if d else e) are read in loops and folded afterwards, so native
// recursion grows only with brackets; CPython's parser stack is charged for them all (Nesting).
#include "interp/parser_internal.h"

namespace pymemlab {

using ast::Expr;
using ast::ExprKind;
using ast::Pos;

namespace {

// pegen's soft keywords: names that start no expression error of their own.
bool is_soft_keyword(std::string_view w, bool type_too) {
    return w == "match" || w == "case" || w == "_" || (type_too && w == "type");
}

// The binary operators below comparisons, by precedence (bitwise_or ... term).
int binary_precedence(TokenKind k, ast::Operator& op) {
    switch (k) {
        case TokenKind::VBar: op = ast::Operator::BitOr; return 1;
        case TokenKind::Circumflex: op = ast::Operator::BitXor; return 2;
        case TokenKind::Amper: op = ast::Operator::BitAnd; return 3;
        case TokenKind::LeftShift: op = ast::Operator::LShift; return 4;
        case TokenKind::RightShift: op = ast::Operator::RShift; return 4;
        case TokenKind::Plus: op = ast::Operator::Add; return 5;
        case TokenKind::Minus: op = ast::Operator::Sub; return 5;
        case TokenKind::Star: op = ast::Operator::Mult; return 6;
        case TokenKind::Slash: op = ast::Operator::Div; return 6;
        case TokenKind::DoubleSlash: op = ast::Operator::FloorDiv; return 6;
        case TokenKind::Percent: op = ast::Operator::Mod; return 6;
        case TokenKind::At: op = ast::Operator::MatMult; return 6;
        default: return 0;
    }
}

ast::UnaryOp unary_of(TokenKind k) {
    return k == TokenKind::Plus    ? ast::UnaryOp::UAdd
           : k == TokenKind::Minus ? ast::UnaryOp::USub
                                   : ast::UnaryOp::Invert;
}

bool is_unary(TokenKind k) { return k == TokenKind::Plus || k == TokenKind::Minus || k == TokenKind::Tilde; }

// The atom an expression starts with, through attribute, subscript, call and binary operands.
const Expr* leftmost(const Expr* e) {
    for (;;) {
        switch (e->kind) {
            case ExprKind::Attribute:
            case ExprKind::Subscript:
            case ExprKind::Call:
            case ExprKind::BinOp: e = e->left; break;
            default: return e;
        }
    }
}

}  // namespace

// ---- star_expressions ... expression ---------------------------------------------------------

// star_expressions: star_expression (',' star_expression)* [','] — a tuple when there is a comma.
Expr* Parser::star_expressions() {
    const Pos start = pos_of(cur());
    Expr* e = star_expression();
    if (failed_ || !at(TokenKind::Comma)) return e;
    Expr* t = mod_.new_expr(ExprKind::Tuple, start);
    t->elts.push_back(e);
    while (accept(TokenKind::Comma)) {
        if (!starts_expression(cur()) && !at(TokenKind::Star)) break;
        Expr* x = star_expression();
        if (failed_) return nullptr;
        t->elts.push_back(x);
    }
    t->pos = from(start);
    return t;
}

// star_expression: '*' bitwise_or | expression
Expr* Parser::star_expression() {
    if (!at(TokenKind::Star)) return expression();
    if (py2()) {
        invalid_syntax();
        return nullptr;
    }
    const Pos start = pos_of(cur());
    advance();
    Expr* v = bitwise_or();
    if (failed_) return nullptr;
    Expr* s = mod_.new_expr(ExprKind::Starred, span(start, v->pos));
    s->left = v;
    return s;
}

// star_named_expression: '*' bitwise_or | named_expression
Expr* Parser::star_named_expression() {
    if (at(TokenKind::Star)) return star_expression();
    return named_expression();
}

// named_expression: NAME ':=' expression | expression !':=' (3.8+), with pegen's
// invalid_named_expression where a '=' or ':=' follows.
Expr* Parser::named_expression() {
    const size_t start = pos_;
    if (at_name() && peek().kind == TokenKind::ColonEqual) return assignment_expression();
    Expr* e = expression();
    if (failed_) return nullptr;
    if (at(TokenKind::ColonEqual)) return invalid_walrus(e);
    if (pegen() && !no_invalid_ && at(TokenKind::Equal)) {
        invalid_named_expression(e, start);
        if (failed_) return nullptr;
    }
    return e;
}

// assignment_expression: NAME ':=' expression. Kept out of named_expression, whose frame is on
// every bracket level's recursion.
Expr* Parser::assignment_expression() {
    Expr* target = mod_.new_expr(ExprKind::Name, pos_of(cur()));
    target->id = std::string(text(cur()));
    target->ctx = ast::ExprContext::Store;
    advance();
    advance();
    Expr* value = expression();
    if (failed_) return nullptr;
    Expr* n = mod_.new_expr(ExprKind::NamedExpr, span(target->pos, value->pos));
    n->left = target;
    n->right = value;
    return n;
}

// `e := value` with e not a name: pegen raises at once, 3.8's ast.c once the file has parsed.
Expr* Parser::invalid_walrus(Expr* e) {
    std::string msg = std::string("cannot use assignment expressions with ") + expr_name(e);
    if (pegen()) {
        error_known(e->pos, msg);
        return nullptr;
    }
    advance();
    Expr* value = expression();
    if (failed_) return nullptr;
    ast_error(e->pos, msg);
    Expr* n = mod_.new_expr(ExprKind::NamedExpr, span(e->pos, value->pos));
    n->left = e;
    n->right = value;
    return n;
}

// pegen's invalid_named_expression at `a = b` not followed by another '=' or ':=': a bare name
// gets "Maybe you meant '==' or ':='", any other bitwise_or (not a list, tuple, generator or
// True/None/False) "cannot assign to X here".
void Parser::invalid_named_expression(Expr* a, size_t a_start) {
    const size_t saved = pos_;
    const Token first = (*toks_)[a_start];
    const bool bare_name = a->kind == ExprKind::Name && a_start + 1 == pos_;
    advance();
    const bool was = no_invalid_;
    no_invalid_ = true;
    Expr* b = bitwise_or();
    no_invalid_ = was;
    if (failed_) {
        if (!fatal_) failed_ = false;
        pos_ = saved;
        return;
    }
    const bool lone = !at(TokenKind::Equal) && !at(TokenKind::ColonEqual);
    pos_ = saved;
    if (!lone) return;
    if (bare_name) {
        error_known(a->pos, b->pos, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        return;
    }
    if (first.kind == TokenKind::Name &&
        (first.keyword == Keyword::True || first.keyword == Keyword::False || first.keyword == Keyword::None)) {
        return;
    }
    const Expr* base = leftmost(a);
    if ((base->kind == ExprKind::List || base->kind == ExprKind::Tuple || base->kind == ExprKind::GeneratorExp) &&
        base->pos.line == a->pos.line && base->pos.col == a->pos.col) {
        return;
    }
    switch (a->kind) {
        case ExprKind::Compare:
        case ExprKind::BoolOp:
        case ExprKind::IfExp:
        case ExprKind::Lambda:
        case ExprKind::NamedExpr:
        case ExprKind::Starred: return;
        case ExprKind::UnaryOp:
            if (a->unary == ast::UnaryOp::Not) return;
            break;
        default: break;
    }
    error_known(a->pos,
                std::string("cannot assign to ") + expr_name(a) + " here. Maybe you meant '==' instead of '='?");
}

// expression: disjunction 'if' disjunction 'else' expression | disjunction | lambdef.
// Lambdas and conditional expressions wait on a stack for the expression that ends them.
Expr* Parser::expression() {
    std::vector<Expr*> pending;
    int charged = 0;
    Expr* result = nullptr;
    for (;;) {
        if (at_kw(Keyword::Lambda)) {
            const Pos start = pos_of(cur());
            advance();
            level_ += stack_.lambda;
            charged += stack_.lambda;
            if (!check_level()) break;
            Expr* lambda = mod_.new_expr(ExprKind::Lambda, start);
            lambda->args = at(TokenKind::Colon) ? mod_.new_arguments() : parameters(true);
            if (failed_) break;
            if (!accept(TokenKind::Colon)) {
                invalid_syntax();
                break;
            }
            pending.push_back(lambda);
            continue;
        }
        const size_t a_start = pos_;
        Expr* a = disjunction();
        if (failed_) break;
        if (pegen() && !no_invalid_ && starts_expression(cur()) && invalid_expression(a, a_start)) break;
        if (!at_kw(Keyword::If)) {
            result = a;
            break;
        }
        advance();
        Expr* test = disjunction();
        if (failed_) break;
        if (!accept_kw(Keyword::Else)) {
            if (pegen() && !no_invalid_ && !at(TokenKind::Colon)) {
                error_known(a->pos, test->pos, "expected 'else' after 'if' expression");
            } else {
                invalid_syntax();
            }
            break;
        }
        level_ += stack_.ifexp;
        charged += stack_.ifexp;
        if (!check_level()) break;
        Expr* ifexp = mod_.new_expr(ExprKind::IfExp, a->pos);
        ifexp->left = a;
        ifexp->test = test;
        pending.push_back(ifexp);
    }
    level_ -= charged;
    if (failed_) return nullptr;
    for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
        Expr* n = *it;
        if (n->kind == ExprKind::Lambda) {
            n->left = result;
        } else {
            n->right = result;
        }
        n->pos.end_line = result->pos.end_line;
        n->pos.end_col = result->pos.end_col;
        result = n;
    }
    return result;
}

// expression_without_invalid: the same rule with no invalid_* checks inside.
Expr* Parser::expression_without_invalid() {
    const bool was = no_invalid_;
    no_invalid_ = true;
    Expr* e = expression();
    no_invalid_ = was;
    return e;
}

// pegen's invalid_expression and invalid_legacy_expression, where one expression ends and
// another begins: inside brackets "Perhaps you forgot a comma?", and the print hint. True if
// one of them raised.
bool Parser::invalid_expression(Expr* a, size_t a_start) {
    const Token first = (*toks_)[a_start];
    const bool legacy = a->kind == ExprKind::Name && a_start + 1 == pos_ && (a->id == "print" || a->id == "exec");
    const bool name_string = first.kind == TokenKind::Name && (*toks_)[a_start + 1].kind == TokenKind::String;
    const bool soft = first.kind == TokenKind::Name && first.keyword == Keyword::NotKeyword &&
                      is_soft_keyword(text(first), at_least(3, 12));
    const size_t saved = pos_;
    if (!legacy && !name_string && !soft) {
        Expr* b = expression_without_invalid();
        if (!failed_ && prev().level != 0) {
            error_known(a->pos, b->pos, "invalid syntax. Perhaps you forgot a comma?");
            return true;
        }
        if (fatal_) return true;
        failed_ = false;
        pos_ = saved;
    }
    if (legacy && !at(TokenKind::LPar)) {
        const bool was = no_invalid_;
        no_invalid_ = true;
        Expr* b = star_expressions();
        no_invalid_ = was;
        if (!failed_) {
            error_known(a->pos, b->pos,
                        "Missing parentheses in call to '" + a->id + "'. Did you mean " + a->id + "(...)?");
            return true;
        }
        if (fatal_) return true;
        failed_ = false;
        pos_ = saved;
    }
    return false;
}

// yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]
Expr* Parser::yield_expr() {
    const Pos start = pos_of(cur());
    advance();
    if (accept_kw(Keyword::From)) {
        Expr* v = expression();
        if (failed_) return nullptr;
        Expr* y = mod_.new_expr(ExprKind::YieldFrom, span(start, v->pos));
        y->left = v;
        return y;
    }
    Expr* y = mod_.new_expr(ExprKind::Yield, start);
    if (starts_expression(cur()) || at(TokenKind::Star)) {
        y->left = star_expressions();
        if (failed_) return nullptr;
        y->pos = span(start, y->left->pos);
    }
    return y;
}

// ---- Boolean operators, comparisons ----------------------------------------------------------

Expr* Parser::disjunction() {
    const Pos start = pos_of(cur());
    Expr* a = conjunction();
    if (failed_ || !at_kw(Keyword::Or)) return a;
    Expr* e = mod_.new_expr(ExprKind::BoolOp, a->pos);
    e->boolop = ast::BoolOp::Or;
    e->values.push_back(a);
    while (accept_kw(Keyword::Or)) {
        Expr* b = conjunction();
        if (failed_) return nullptr;
        e->values.push_back(b);
    }
    e->pos = from(start);
    return e;
}

Expr* Parser::conjunction() {
    const Pos start = pos_of(cur());
    Expr* a = inversion();
    if (failed_ || !at_kw(Keyword::And)) return a;
    Expr* e = mod_.new_expr(ExprKind::BoolOp, a->pos);
    e->boolop = ast::BoolOp::And;
    e->values.push_back(a);
    while (accept_kw(Keyword::And)) {
        Expr* b = inversion();
        if (failed_) return nullptr;
        e->values.push_back(b);
    }
    e->pos = from(start);
    return e;
}

// inversion: 'not' inversion | comparison
Expr* Parser::inversion() {
    const size_t first = pos_;
    int n = 0;
    while (at_kw(Keyword::Not)) {
        advance();
        ++n;
    }
    Nesting nesting(*this, n * stack_.unary);
    if (!nesting.ok()) return nullptr;
    Expr* e = comparison();
    if (failed_) return nullptr;
    for (int i = n - 1; i >= 0; --i) {
        Expr* u = mod_.new_expr(ExprKind::UnaryOp, from(pos_of((*toks_)[first + static_cast<size_t>(i)])));
        u->unary = ast::UnaryOp::Not;
        u->left = e;
        e = u;
    }
    return e;
}

// comparison: bitwise_or (compare_op bitwise_or)*, one Compare node for the chain.
Expr* Parser::comparison() {
    const Pos start = pos_of(cur());
    Expr* a = bitwise_or();
    if (failed_) return nullptr;
    Expr* cmp = nullptr;
    for (;;) {
        const Token& t = cur();
        ast::CmpOp op;
        int width = 1;
        switch (t.kind) {
            case TokenKind::EqEqual: op = ast::CmpOp::Eq; break;
            case TokenKind::NotEqual: op = ast::CmpOp::NotEq; break;
            case TokenKind::Less: op = ast::CmpOp::Lt; break;
            case TokenKind::LessEqual: op = ast::CmpOp::LtE; break;
            case TokenKind::Greater: op = ast::CmpOp::Gt; break;
            case TokenKind::GreaterEqual: op = ast::CmpOp::GtE; break;
            case TokenKind::Name:
                if (t.keyword == Keyword::In) {
                    op = ast::CmpOp::In;
                } else if (t.keyword == Keyword::Is) {
                    const bool is_not = peek().kind == TokenKind::Name && peek().keyword == Keyword::Not;
                    op = is_not ? ast::CmpOp::IsNot : ast::CmpOp::Is;
                    width = is_not ? 2 : 1;
                } else if (t.keyword == Keyword::Not && peek().kind == TokenKind::Name &&
                           peek().keyword == Keyword::In) {
                    op = ast::CmpOp::NotIn;
                    width = 2;
                } else {
                    width = 0;
                }
                break;
            default: width = 0; break;
        }
        if (width == 0) break;
        for (int i = 0; i < width; ++i) advance();
        Expr* b = bitwise_or();
        if (failed_) return nullptr;
        if (cmp == nullptr) {
            cmp = mod_.new_expr(ExprKind::Compare, a->pos);
            cmp->left = a;
        }
        cmp->ops.push_back(op);
        cmp->values.push_back(b);
    }
    if (cmp == nullptr) return a;
    cmp->pos = from(start);
    return cmp;
}

// ---- Arithmetic ------------------------------------------------------------------------------

// bitwise_or ... term by precedence climbing: left-associative, the recursion bounded by the six
// precedence levels, not by the length of the chain.
Expr* Parser::bitwise(int min_prec) {
    const Pos start = pos_of(cur());
    Expr* left = factor();
    if (failed_) return nullptr;
    for (;;) {
        ast::Operator op = ast::Operator::Add;
        const int prec = binary_precedence(cur().kind, op);
        if (prec == 0 || prec < min_prec) return left;
        advance();
        Expr* right = bitwise(prec + 1);
        if (failed_) return nullptr;
        Expr* b = mod_.new_expr(ExprKind::BinOp, from(start));
        b->left = left;
        b->op = op;
        b->right = right;
        left = b;
    }
}

// factor: ('+' | '-' | '~') factor | power
Expr* Parser::factor() {
    const size_t first = pos_;
    int n = 0;
    while (is_unary(cur().kind)) {
        advance();
        ++n;
    }
    Nesting nesting(*this, n * stack_.unary);
    if (!nesting.ok()) return nullptr;
    Expr* e = power();
    if (failed_) return nullptr;
    for (int i = n - 1; i >= 0; --i) {
        const Token& t = (*toks_)[first + static_cast<size_t>(i)];
        Expr* u = mod_.new_expr(ExprKind::UnaryOp, from(pos_of(t)));
        u->unary = unary_of(t.kind);
        u->left = e;
        e = u;
    }
    return e;
}

// power: await_primary '**' factor — right-associative, and the factor may carry unary
// operators: a ** -b ** c is a ** (-(b ** c)). The links are read in a loop and folded from the
// right.
Expr* Parser::power() {
    const Pos start = pos_of(cur());
    Expr* base = await_primary();
    if (failed_ || !at(TokenKind::DoubleStar)) return base;
    struct Link {
        size_t ops;  // the first unary operator token (the operand's first token when n_ops is 0)
        int n_ops;
        Expr* operand;
    };
    std::vector<Link> chain;
    int charged = 0;
    while (at(TokenKind::DoubleStar)) {
        advance();
        const size_t ops = pos_;
        int n = 0;
        while (is_unary(cur().kind)) {
            advance();
            ++n;
        }
        level_ += stack_.power + n * stack_.unary;
        charged += stack_.power + n * stack_.unary;
        if (!check_level()) break;
        Expr* operand = await_primary();
        if (failed_) break;
        chain.push_back({ops, n, operand});
    }
    level_ -= charged;
    if (failed_) return nullptr;
    Expr* f = nullptr;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        Expr* x = it->operand;
        if (f != nullptr) {
            Expr* p = mod_.new_expr(ExprKind::BinOp, from(pos_of((*toks_)[it->ops + static_cast<size_t>(it->n_ops)])));
            p->left = x;
            p->op = ast::Operator::Pow;
            p->right = f;
            x = p;
        }
        for (int i = it->n_ops - 1; i >= 0; --i) {
            const Token& t = (*toks_)[it->ops + static_cast<size_t>(i)];
            Expr* u = mod_.new_expr(ExprKind::UnaryOp, from(pos_of(t)));
            u->unary = unary_of(t.kind);
            u->left = x;
            x = u;
        }
        f = x;
    }
    Expr* p = mod_.new_expr(ExprKind::BinOp, from(start));
    p->left = base;
    p->op = ast::Operator::Pow;
    p->right = f;
    return p;
}

// await_primary: 'await' primary | primary
Expr* Parser::await_primary() {
    if (!at_kw(Keyword::Await)) return primary();
    const Pos start = pos_of(cur());
    advance();
    Expr* v = primary();
    if (failed_) return nullptr;
    Expr* a = mod_.new_expr(ExprKind::Await, span(start, v->pos));
    a->left = v;
    return a;
}

// primary: atom followed by attributes, calls and subscripts.
Expr* Parser::primary() {
    // Each trailer's node spans from the atom's first token (a group's '(' included) to its own
    // last one, as CPython's positions do.
    const Pos start = pos_of(cur());
    Expr* e = atom();
    while (!failed_) {
        if (at(TokenKind::Dot)) {
            advance();
            if (!at_name()) {
                invalid_syntax();
                return nullptr;
            }
            Expr* a = mod_.new_expr(ExprKind::Attribute, span(start, pos_of(cur())));
            a->left = e;
            a->id = std::string(text(cur()));
            advance();
            e = a;
        } else if (at(TokenKind::LPar)) {
            Nesting nesting(*this, stack_.call);
            if (!nesting.ok()) return nullptr;
            Expr* call = mod_.new_expr(ExprKind::Call, start);
            call->left = e;
            if (!arguments(call, false)) return nullptr;
            e = call;
        } else if (at(TokenKind::LSqb)) {
            Nesting nesting(*this, stack_.call);
            if (!nesting.ok()) return nullptr;
            advance();
            Expr* s = slices();
            if (failed_) return nullptr;
            if (!accept(TokenKind::RSqb)) {
                invalid_syntax();
                return nullptr;
            }
            Expr* sub = mod_.new_expr(ExprKind::Subscript, from(start));
            sub->left = e;
            sub->right = s;
            e = sub;
        } else {
            return e;
        }
    }
    return nullptr;
}

// slices: slice !',' | ','.(slice | starred_expression)+ [','] (a Tuple)
Expr* Parser::slices() {
    const Pos start = pos_of(cur());
    Expr* first = slice();
    if (failed_ || !at(TokenKind::Comma)) return first;
    Expr* t = mod_.new_expr(ExprKind::Tuple, start);
    t->elts.push_back(first);
    while (accept(TokenKind::Comma)) {
        if (at(TokenKind::RSqb)) break;
        Expr* x = slice();
        if (failed_) return nullptr;
        t->elts.push_back(x);
    }
    t->pos = from(start);
    return t;
}

// slice: [expression] ':' [expression] [':' [expression]] | named_expression; '*' expression
// from 3.11.
Expr* Parser::slice() {
    const Pos start = pos_of(cur());
    if (at(TokenKind::Star) && at_least(3, 11)) {
        advance();
        Expr* v = expression();
        if (failed_) return nullptr;
        Expr* s = mod_.new_expr(ExprKind::Starred, span(start, v->pos));
        s->left = v;
        return s;
    }
    if (py2() && at(TokenKind::Dot) && peek().kind == TokenKind::Dot && peek(2).kind == TokenKind::Dot) {
        // 2.7's Ellipsis, only in a subscript.
        advance();
        advance();
        advance();
        Expr* e = mod_.new_expr(ExprKind::Constant, from(start));
        e->constant.kind = ast::ConstKind::Ellipsis;
        return e;
    }
    Expr* lower = nullptr;
    if (!at(TokenKind::Colon)) {
        lower = named_expression();
        if (failed_ || !at(TokenKind::Colon)) return lower;
    }
    advance();
    Expr* s = mod_.new_expr(ExprKind::Slice, start);
    s->left = lower;
    auto bound = [&]() -> Expr* {
        if (at(TokenKind::Colon) || at(TokenKind::Comma) || at(TokenKind::RSqb)) return nullptr;
        return expression();
    };
    s->right = bound();
    if (failed_) return nullptr;
    if (accept(TokenKind::Colon)) {
        s->test = bound();
        if (failed_) return nullptr;
    }
    s->pos = from(start);
    return s;
}

}  // namespace pymemlab
