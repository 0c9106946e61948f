// walk_stmts: the tree's statements and expressions in field order (ast_walk.h).
#include "interp/ast_walk.h"

namespace pymemlab::ast {

namespace {

using ExprVisitor = std::function<bool(const Expr*)>;
using StmtVisitor = std::function<void(const Stmt*)>;

void walk_expr(const Expr* e, const ExprVisitor& f);

void walk_exprs(const std::vector<Expr*>& es, const ExprVisitor& f) {
    for (const Expr* e : es)
        if (e != nullptr) walk_expr(e, f);
}

void walk_arguments(const Arguments* a, const ExprVisitor& f) {
    if (a == nullptr) return;
    auto params = [&](const std::vector<Arg>& ps) {
        for (const Arg& p : ps)
            if (p.annotation != nullptr) walk_expr(p.annotation, f);
    };
    params(a->posonlyargs);
    params(a->args);
    if (a->vararg != nullptr && a->vararg->annotation != nullptr) walk_expr(a->vararg->annotation, f);
    params(a->kwonlyargs);
    walk_exprs(a->kw_defaults, f);
    if (a->kwarg != nullptr && a->kwarg->annotation != nullptr) walk_expr(a->kwarg->annotation, f);
    walk_exprs(a->defaults, f);
}

void walk_expr(const Expr* e, const ExprVisitor& f) {
    if (!f(e)) return;
    for (const Expr* child : {e->left, e->right, e->test})
        if (child != nullptr) walk_expr(child, f);
    walk_exprs(e->elts, f);
    walk_exprs(e->keys, f);
    walk_exprs(e->values, f);
    for (const Keyword& k : e->keywords) walk_expr(k.value, f);
    for (const Comprehension& g : e->generators) {
        walk_expr(g.target, f);
        walk_expr(g.iter, f);
        walk_exprs(g.ifs, f);
    }
    walk_arguments(e->args, f);
}

}  // namespace

void walk_stmts(const std::vector<Stmt*>& body, const ExprVisitor& f, const StmtVisitor& on_stmt) {
    for (const Stmt* s : body) {
        if (on_stmt) on_stmt(s);
        walk_exprs(s->decorator_list, f);
        walk_arguments(s->args, f);
        walk_exprs(s->targets, f);
        for (const Keyword& k : s->keywords) walk_expr(k.value, f);
        if (s->test != nullptr) walk_expr(s->test, f);
        if (s->value != nullptr) walk_expr(s->value, f);
        for (const WithItem& item : s->items) {
            walk_expr(item.context_expr, f);
            if (item.optional_vars != nullptr) walk_expr(item.optional_vars, f);
        }
        walk_stmts(s->body, f, on_stmt);
        for (const ExceptHandler& h : s->handlers) {
            if (h.type != nullptr) walk_expr(h.type, f);
            walk_stmts(h.body, f, on_stmt);
        }
        walk_stmts(s->orelse, f, on_stmt);
        walk_stmts(s->finalbody, f, on_stmt);
    }
}

}  // namespace pymemlab::ast
