// parser_identifiers: the identifiers the AST holds, as CPython's AST builder makes them.
#include "interp/parser_identifiers.h"

#include "interp/ast_walk.h"
#include "profile/profile.h"

namespace pymemlab {

namespace {

void add_arguments(const ast::Arguments* a, std::vector<ParserIdentifier>& out) {
    if (a == nullptr) return;
    for (const std::vector<ast::Arg>* params : {&a->posonlyargs, &a->args, &a->kwonlyargs})
        for (const ast::Arg& p : *params) out.push_back({p.pos, p.arg});
    for (const ast::Arg* p : {a->vararg, a->kwarg})
        if (p != nullptr) out.push_back({p->pos, p->arg});
}

void add_keywords(const std::vector<ast::Keyword>& keywords, std::vector<ParserIdentifier>& out) {
    for (const ast::Keyword& k : keywords)
        if (!k.arg.empty()) out.push_back({k.pos, k.arg});  // `**mapping` has none
}

}  // namespace

std::string_view constant_as_name(const ast::Expr* e, const Profile& profile) {
    if (profile.major != 2) return {};
    switch (e->constant.kind) {
        case ast::ConstKind::None: return "None";
        case ast::ConstKind::True: return "True";
        case ast::ConstKind::False: return "False";
        default: return {};
    }
}

std::vector<ParserIdentifier> parser_identifiers(const std::vector<ast::Stmt*>& body, const Profile& profile) {
    // ast_for_classdef's dummy Name for the bases' call (3.0-3.8; the PEG parser has none).
    const bool class_dummy = profile.major == 3 && !profile.at_least(3, 9);
    std::vector<ParserIdentifier> out;
    ast::walk_stmts(
        body,
        [&](const ast::Expr* e) {
            switch (e->kind) {
                case ast::ExprKind::Name: out.push_back({e->pos, e->id}); break;
                case ast::ExprKind::Attribute:
                    // The attribute's name ends the expression.
                    out.push_back({{e->pos.end_line, e->pos.end_col, e->pos.end_line, e->pos.end_col}, e->id});
                    break;
                case ast::ExprKind::Call: add_keywords(e->keywords, out); break;
                case ast::ExprKind::Lambda: add_arguments(e->args, out); break;
                case ast::ExprKind::Constant:
                    if (std::string_view name = constant_as_name(e, profile); !name.empty()) out.push_back({e->pos, name});
                    break;
                default: break;
            }
            return true;
        },
        [&](const ast::Stmt* s) {
            switch (s->kind) {
                case ast::StmtKind::FunctionDef:
                    out.push_back({s->pos, s->name});
                    add_arguments(s->args, out);
                    break;
                case ast::StmtKind::ClassDef:
                    if (class_dummy && !(s->targets.empty() && s->keywords.empty())) out.push_back({s->pos, s->name});
                    out.push_back({s->pos, s->name});
                    add_keywords(s->keywords, out);
                    break;
                case ast::StmtKind::Global:
                case ast::StmtKind::Nonlocal:
                    for (const std::string& name : s->identifiers) out.push_back({s->pos, name});
                    break;
                case ast::StmtKind::Try:
                    for (const ast::ExceptHandler& h : s->handlers)
                        if (!h.name.empty()) out.push_back({h.pos, h.name});
                    break;
                case ast::StmtKind::ImportFrom:
                    if (!s->name.empty()) out.push_back({s->pos, s->name});
                    [[fallthrough]];
                case ast::StmtKind::Import:
                    for (const ast::Alias& a : s->names) {
                        out.push_back({a.pos, a.name});
                        if (!a.asname.empty()) out.push_back({a.pos, a.asname});
                    }
                    break;
                default: break;
            }
        });
    return out;
}

}  // namespace pymemlab
