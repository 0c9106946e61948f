// Compound statements: decorators, if/elif/else (read as a loop, charged to pegen's stack per
// elif), while, for, try, with (the 3.9+ parenthesized form tried first), def and class, each
// with its block from parser_stmt.cpp and the constructs ast.h has no node for refused by name.
#include <string>

#include "interp/parser_internal.h"

namespace pymemlab {

using ast::Expr;
using ast::ExprKind;
using ast::Pos;
using ast::Stmt;
using ast::StmtKind;

namespace {

// CPython's parser stack for an elif chain (pegen): the levels of the first elif, and of each.
constexpr int kElifBase = 4;
constexpr int kElifCost = 1;
static_assert(kStack312.base + kElifBase + 5962 * kElifCost == kStack312.limit);

}  // namespace

// ---- Compound statements ---------------------------------------------------------------------

Stmt* Parser::compound_stmt() {
    std::vector<Expr*> decorators;
    Pos first_decorator{};
    while (at(TokenKind::At)) {
        if (decorators.empty()) first_decorator = pos_of(cur());
        advance();
        Expr* d = named_expression();
        if (failed_) return nullptr;
        decorators.push_back(d);
        if (!accept(TokenKind::Newline)) {
            invalid_syntax();
            return nullptr;
        }
    }
    const Pos* first = decorators.empty() ? nullptr : &first_decorator;
    if (at_kw(Keyword::Def)) return function_def(decorators, first);
    if (at_kw(Keyword::Class)) return class_def(decorators, first);
    if (at_kw(Keyword::Async) || (at_name() && text(cur()) == "async" && !at_least(3, 7))) {
        const Keyword next = peek().keyword;
        if (next == Keyword::Def) return unsupported("'async def'");
        if (next == Keyword::For && decorators.empty()) return unsupported("'async for'");
        if (next == Keyword::With && decorators.empty()) return unsupported("'async with'");
    }
    if (!decorators.empty()) {
        invalid_syntax();
        return nullptr;
    }
    switch (cur().keyword) {
        case Keyword::If: return if_stmt();
        case Keyword::While: return while_stmt();
        case Keyword::For: return for_stmt();
        case Keyword::Try: return try_stmt();
        case Keyword::With: return with_stmt();
        default: invalid_syntax(); return nullptr;
    }
}

// if_stmt / elif_stmt: the chain is read in a loop; each elif is an If in its predecessor's
// orelse, and every If of the chain ends where the chain ends.
Stmt* Parser::if_stmt() {
    std::vector<Stmt*> chain;
    // pegen's elif_stmt recurses: each elif is a level of its stack (3.12.1 compiles 5962 elifs
    // after an if, not 5963); the older parsers read the chain flat.
    const int elif_base = pegen() ? kElifBase : 0;
    int charged = 0;
    struct Release {
        int& level;
        const int& charged;
        ~Release() { level -= charged; }
    } release{level_, charged};
    do {
        if (pegen() && !chain.empty()) {
            const int cost = (chain.size() == 1 ? elif_base : 0) + kElifCost;
            level_ += cost;
            charged += cost;
            if (!check_level()) break;
        }
        const Token kw = cur();
        advance();
        Expr* test = named_expression();
        if (failed_ || !expect_colon(false)) return nullptr;
        Stmt* s = mod_.new_stmt(StmtKind::If, pos_of(kw));
        s->test = test;
        if (!block(s->body, kw, kw.keyword == Keyword::Elif ? "'elif' statement" : "'if' statement")) return nullptr;
        if (!chain.empty()) chain.back()->orelse.push_back(s);
        chain.push_back(s);
    } while (at_kw(Keyword::Elif));
    if (failed_) return nullptr;
    if (at_kw(Keyword::Else)) {
        const Token kw = cur();
        advance();
        if (!expect_colon(true) || !block(chain.back()->orelse, kw, "'else' statement")) return nullptr;
    }
    const Pos end = pos_of(prev());
    for (Stmt* s : chain) s->pos = span(s->pos, end);
    return chain.front();
}

Stmt* Parser::while_stmt() {
    const Token kw = cur();
    advance();
    Expr* test = named_expression();
    if (failed_ || !expect_colon(false)) return nullptr;
    Stmt* s = mod_.new_stmt(StmtKind::While, pos_of(kw));
    s->test = test;
    if (!block(s->body, kw, "'while' statement")) return nullptr;
    if (at_kw(Keyword::Else)) {
        const Token e = cur();
        advance();
        if (!expect_colon(true) || !block(s->orelse, e, "'else' statement")) return nullptr;
    }
    s->pos = from(pos_of(kw));
    return s;
}

// for_stmt: 'for' star_targets 'in' star_expressions ':' block [else_block]
Stmt* Parser::for_stmt() {
    const Token kw = cur();
    advance();
    const Pos written = pos_of(cur());
    Expr* target = star_targets();
    if (failed_ || !check_target(target, TargetsType::For, &written)) return nullptr;
    if (!accept_kw(Keyword::In)) {
        invalid_syntax();
        return nullptr;
    }
    Expr* iter = star_expressions();
    if (failed_ || !expect_colon(false)) return nullptr;
    Stmt* s = mod_.new_stmt(StmtKind::For, pos_of(kw));
    s->targets.push_back(target);
    s->value = iter;
    if (!block(s->body, kw, "'for' statement")) return nullptr;
    if (at_kw(Keyword::Else)) {
        const Token e = cur();
        advance();
        if (!expect_colon(true) || !block(s->orelse, e, "'else' statement")) return nullptr;
    }
    s->pos = from(pos_of(kw));
    return s;
}

// try_stmt: 'try' ':' block (except_block+ [else_block] [finally_block] | finally_block)
Stmt* Parser::try_stmt() {
    const Token kw = cur();
    advance();
    Stmt* s = mod_.new_stmt(StmtKind::Try, pos_of(kw));
    if (!expect_colon(true) || !block(s->body, kw, "'try' statement")) return nullptr;
    while (at_kw(Keyword::Except)) {
        const Token ex = cur();
        advance();
        if (at(TokenKind::Star) && at_least(3, 11)) return unsupported("'except*'");
        ast::ExceptHandler h;
        h.pos = pos_of(ex);
        if (!at(TokenKind::Colon)) {
            h.type = expression();
            if (failed_) return nullptr;
            if (accept_kw(Keyword::As) || (py2() && accept(TokenKind::Comma))) {
                if (!at_name()) {
                    invalid_syntax();
                    return nullptr;
                }
                h.name = std::string(text(cur()));
                advance();
            } else if (at(TokenKind::Comma) && pegen()) {
                error_known(h.type->pos, "multiple exception types must be parenthesized");
                return nullptr;
            }
        }
        if (!expect_colon(false) || !block(h.body, ex, "'except' statement")) return nullptr;
        h.pos = from(h.pos);
        s->handlers.push_back(std::move(h));
    }
    if (!s->handlers.empty() && at_kw(Keyword::Else)) {
        const Token e = cur();
        advance();
        if (!expect_colon(true) || !block(s->orelse, e, "'else' statement")) return nullptr;
    }
    if (at_kw(Keyword::Finally)) {
        const Token f = cur();
        advance();
        if (!expect_colon(true) || !block(s->finalbody, f, "'finally' statement")) return nullptr;
    }
    if (s->handlers.empty() && s->finalbody.empty()) {
        if (pegen()) {
            error_last_token("expected 'except' or 'finally' block");
        } else {
            invalid_syntax();
        }
        return nullptr;
    }
    s->pos = from(pos_of(kw));
    return s;
}

// with_stmt: 'with' ('(' ','.with_item+ ','? ')' | ','.with_item+) ':' block. The
// parenthesized form (3.9+) is tried first and given up if no ':' follows its ')'.
Stmt* Parser::with_stmt() {
    const Token kw = cur();
    advance();
    Stmt* s = mod_.new_stmt(StmtKind::With, pos_of(kw));
    bool done = false;
    if (at(TokenKind::LPar) && at_least(3, 9)) {
        const size_t saved = pos_;
        advance();
        std::vector<ast::WithItem> items;
        if (with_items(items, true) && accept(TokenKind::RPar) && at(TokenKind::Colon)) {
            s->items = std::move(items);
            done = true;
        } else {
            if (fatal_) return nullptr;
            failed_ = false;
            pos_ = saved;
        }
    }
    if (!done && !with_items(s->items, false)) return nullptr;
    if (!expect_colon(false) || !block(s->body, kw, "'with' statement")) return nullptr;
    s->pos = from(pos_of(kw));
    return s;
}

// with_item: expression ['as' star_target]
bool Parser::with_items(std::vector<ast::WithItem>& items, bool parenthesized) {
    do {
        if (parenthesized && at(TokenKind::RPar) && !items.empty()) break;
        ast::WithItem item;
        item.context_expr = expression();
        if (failed_) return false;
        if (accept_kw(Keyword::As)) {
            item.optional_vars = star_expression();
            if (failed_ || !check_target(item.optional_vars, TargetsType::Star, &item.context_expr->pos)) return false;
        }
        items.push_back(item);
    } while (accept(TokenKind::Comma));
    return true;
}

// function_def: decorators 'def' NAME '(' [params] ')' ['->' expression] ':' block. Up to 3.7
// the node starts at the first decorator, from 3.8 at `def`.
Stmt* Parser::function_def(std::vector<Expr*>& decorators, const Pos* first_decorator) {
    const Token kw = cur();
    advance();
    if (!at_name()) {
        invalid_syntax();
        return nullptr;
    }
    Stmt* s = mod_.new_stmt(StmtKind::FunctionDef,
                            first_decorator != nullptr && !at_least(3, 8) ? *first_decorator : pos_of(kw));
    s->name = std::string(text(cur()));
    advance();
    if (at(TokenKind::LSqb) && at_least(3, 12)) return unsupported("type parameter lists");
    if (!at(TokenKind::LPar)) {
        if (at_least(3, 11)) {
            error_at_token(cur(), "expected '('");
        } else {
            invalid_syntax();
        }
        return nullptr;
    }
    advance();
    s->args = parameters(false);
    if (failed_) return nullptr;
    if (!accept(TokenKind::RPar)) {
        invalid_syntax();
        return nullptr;
    }
    if (accept(TokenKind::RArrow)) {
        s->value = expression();
        if (failed_) return nullptr;
    }
    if (!expect_colon(true) || !block(s->body, kw, "function definition")) return nullptr;
    s->decorator_list = std::move(decorators);
    s->pos = from(s->pos);
    return s;
}

// class_def: decorators 'class' NAME ['(' [arguments] ')'] ':' block
Stmt* Parser::class_def(std::vector<Expr*>& decorators, const Pos* first_decorator) {
    const Token kw = cur();
    advance();
    if (!at_name()) {
        invalid_syntax();
        return nullptr;
    }
    Stmt* s = mod_.new_stmt(StmtKind::ClassDef,
                            first_decorator != nullptr && !at_least(3, 8) ? *first_decorator : pos_of(kw));
    s->name = std::string(text(cur()));
    advance();
    if (at(TokenKind::LSqb) && at_least(3, 12)) return unsupported("type parameter lists");
    if (at(TokenKind::LPar) && py2()) {
        // 2.7: class C(testlist), expressions only.
        advance();
        while (!at(TokenKind::RPar)) {
            Expr* b = expression();
            if (failed_) return nullptr;
            s->targets.push_back(b);
            if (!accept(TokenKind::Comma)) break;
        }
        if (!accept(TokenKind::RPar)) {
            invalid_syntax();
            return nullptr;
        }
    } else if (at(TokenKind::LPar)) {
        Expr* bases = mod_.new_expr(ExprKind::Call, pos_of(cur()));
        if (!arguments(bases, true)) return nullptr;
        s->targets = std::move(bases->elts);
        s->keywords = std::move(bases->keywords);
    }
    if (!expect_colon(false) || !block(s->body, kw, "class definition")) return nullptr;
    s->decorator_list = std::move(decorators);
    s->pos = from(s->pos);
    return s;
}

}  // namespace pymemlab
