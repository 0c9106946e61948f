// ast.dump() as CPython 3.12 prints it, for comparing the parser's trees with CPython's
// (test_parser_trees.cpp): no positions, None fields left out, lists always shown, 2.7's
// Print27 as 2.7's Print node.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "interp/ast.h"

namespace pymemlab::ast_dump {

inline std::string float_repr(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buf[64];
    int prec = 1;
    for (; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    std::string s = buf;
    size_t e = s.find('e');
    int exp = std::atoi(s.c_str() + e + 1);
    std::string mant = s.substr(0, e);
    bool neg = mant[0] == '-';
    if (neg) mant.erase(0, 1);
    std::string digits;
    for (char c : mant) {
        if (c != '.') digits += c;
    }
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    std::string out;
    if (exp >= -4 && exp < 16) {
        if (exp < 0) {
            out = "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
        } else if (static_cast<int>(digits.size()) <= exp + 1) {
            out = digits + std::string(static_cast<size_t>(exp + 1 - static_cast<int>(digits.size())), '0') + ".0";
        } else {
            out = digits.substr(0, static_cast<size_t>(exp + 1)) + "." + digits.substr(static_cast<size_t>(exp + 1));
        }
    } else {
        out = digits.substr(0, 1);
        if (digits.size() > 1) out += "." + digits.substr(1);
        char eb[16];
        std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
        out += eb;
    }
    return neg ? "-" + out : out;
}

inline std::string str_repr(const std::string& s, bool bytes) {
    bool has_single = s.find('\'') != std::string::npos;
    bool has_double = s.find('"') != std::string::npos;
    char q = has_single && !has_double ? '"' : '\'';
    std::string out = bytes ? "b" : "";
    out += q;
    for (unsigned char c : s) {
        if (c == static_cast<unsigned char>(q) || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7F || (bytes && c >= 0x80)) {
            char b[8];
            std::snprintf(b, sizeof b, "\\x%02x", c);
            out += b;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += q;
    return out;
}

inline const char* op_name(ast::Operator o) {
    static const char* names[] = {"Add",    "Sub",    "Mult",  "MatMult", "Div",    "Mod",     "Pow",
                                  "LShift", "RShift", "BitOr", "BitXor",  "BitAnd", "FloorDiv"};
    return names[static_cast<int>(o)];
}
inline const char* unary_name(ast::UnaryOp o) {
    static const char* names[] = {"Invert", "Not", "UAdd", "USub"};
    return names[static_cast<int>(o)];
}
inline const char* cmp_name(ast::CmpOp o) {
    static const char* names[] = {"Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot", "In", "NotIn"};
    return names[static_cast<int>(o)];
}
inline const char* ctx_name(ast::ExprContext c) {
    return c == ast::ExprContext::Load ? "Load()" : c == ast::ExprContext::Store ? "Store()" : "Del()";
}

struct Dumper {
    std::string out;
    bool first = true;

    void open(const char* name) {
        out += name;
        out += '(';
        first = true;
    }
    void close() {
        out += ')';
        first = false;
    }
    void field(const char* name) {
        if (!first) out += ", ";
        first = false;
        out += name;
        out += '=';
    }
    void raw(const char* name, const std::string& v) {
        field(name);
        out += v;
    }
    void expr_field(const char* name, const ast::Expr* e) {
        if (e == nullptr) return;
        field(name);
        expr(e);
    }
    template <class T, class F>
    void list(const char* name, const std::vector<T>& v, F each) {
        field(name);
        out += '[';
        for (size_t i = 0; i < v.size(); ++i) {
            if (i) out += ", ";
            each(v[i]);
        }
        out += ']';
        first = false;
    }
    void exprs(const char* name, const std::vector<ast::Expr*>& v) {
        list(name, v, [&](const ast::Expr* e) {
            if (e == nullptr) {
                out += "None";
            } else {
                expr(e);
            }
        });
    }
    void stmts(const char* name, const std::vector<ast::Stmt*>& v) {
        list(name, v, [&](const ast::Stmt* s) { stmt(s); });
    }
    void arg(const ast::Arg& a) {
        open("arg");
        raw("arg", str_repr(a.arg, false));
        expr_field("annotation", a.annotation);
        close();
    }
    void arguments(const ast::Arguments* a) {
        open("arguments");
        list("posonlyargs", a->posonlyargs, [&](const ast::Arg& x) { arg(x); });
        list("args", a->args, [&](const ast::Arg& x) { arg(x); });
        if (a->vararg) {
            field("vararg");
            arg(*a->vararg);
        }
        list("kwonlyargs", a->kwonlyargs, [&](const ast::Arg& x) { arg(x); });
        exprs("kw_defaults", a->kw_defaults);
        if (a->kwarg) {
            field("kwarg");
            arg(*a->kwarg);
        }
        exprs("defaults", a->defaults);
        close();
    }
    void keywords(const std::vector<ast::Keyword>& v) {
        list("keywords", v, [&](const ast::Keyword& k) {
            open("keyword");
            if (!k.arg.empty()) raw("arg", str_repr(k.arg, false));
            expr_field("value", k.value);
            close();
        });
    }
    void generators(const std::vector<ast::Comprehension>& v) {
        list("generators", v, [&](const ast::Comprehension& c) {
            open("comprehension");
            expr_field("target", c.target);
            expr_field("iter", c.iter);
            exprs("ifs", c.ifs);
            raw("is_async", c.is_async ? "1" : "0");
            close();
        });
    }
    void constant(const ast::Constant& c) {
        switch (c.kind) {
            case ast::ConstKind::None: out += "None"; break;
            case ast::ConstKind::True: out += "True"; break;
            case ast::ConstKind::False: out += "False"; break;
            case ast::ConstKind::Ellipsis: out += "Ellipsis"; break;
            case ast::ConstKind::Int: out += c.text; break;
            case ast::ConstKind::Float: out += float_repr(c.number); break;
            case ast::ConstKind::Complex: {
                std::string f = float_repr(c.number);
                if (f.size() > 2 && f.compare(f.size() - 2, 2, ".0") == 0) f.resize(f.size() - 2);
                out += f + "j";
                break;
            }
            case ast::ConstKind::Str: out += str_repr(c.text, false); break;
            case ast::ConstKind::Bytes: out += str_repr(c.text, true); break;
        }
    }
    void expr(const ast::Expr* e) {
        using K = ast::ExprKind;
        switch (e->kind) {
            case K::BoolOp:
                open("BoolOp");
                raw("op", e->boolop == ast::BoolOp::And ? "And()" : "Or()");
                exprs("values", e->values);
                break;
            case K::NamedExpr:
                open("NamedExpr");
                expr_field("target", e->left);
                expr_field("value", e->right);
                break;
            case K::BinOp:
                open("BinOp");
                expr_field("left", e->left);
                raw("op", std::string(op_name(e->op)) + "()");
                expr_field("right", e->right);
                break;
            case K::UnaryOp:
                open("UnaryOp");
                raw("op", std::string(unary_name(e->unary)) + "()");
                expr_field("operand", e->left);
                break;
            case K::Lambda:
                open("Lambda");
                field("args");
                arguments(e->args);
                expr_field("body", e->left);
                break;
            case K::IfExp:
                open("IfExp");
                expr_field("test", e->test);
                expr_field("body", e->left);
                expr_field("orelse", e->right);
                break;
            case K::Dict:
                open("Dict");
                exprs("keys", e->keys);
                exprs("values", e->values);
                break;
            case K::Set:
                open("Set");
                exprs("elts", e->elts);
                break;
            case K::ListComp:
            case K::SetComp:
            case K::GeneratorExp:
                open(e->kind == K::ListComp ? "ListComp" : e->kind == K::SetComp ? "SetComp" : "GeneratorExp");
                expr_field("elt", e->left);
                generators(e->generators);
                break;
            case K::DictComp:
                open("DictComp");
                expr_field("key", e->left);
                expr_field("value", e->right);
                generators(e->generators);
                break;
            case K::Await:
            case K::Yield:
            case K::YieldFrom:
                open(e->kind == K::Await ? "Await" : e->kind == K::Yield ? "Yield" : "YieldFrom");
                expr_field("value", e->left);
                break;
            case K::Compare:
                open("Compare");
                expr_field("left", e->left);
                list("ops", e->ops, [&](ast::CmpOp o) { out += std::string(cmp_name(o)) + "()"; });
                exprs("comparators", e->values);
                break;
            case K::Call:
                open("Call");
                expr_field("func", e->left);
                exprs("args", e->elts);
                keywords(e->keywords);
                break;
            case K::FormattedValue:
                open("FormattedValue");
                expr_field("value", e->left);
                raw("conversion", std::to_string(e->conversion == 0 ? -1 : e->conversion));
                expr_field("format_spec", e->right);
                break;
            case K::JoinedStr:
                open("JoinedStr");
                exprs("values", e->values);
                break;
            case K::Constant:
                open("Constant");
                field("value");
                constant(e->constant);
                break;
            case K::Attribute:
                open("Attribute");
                expr_field("value", e->left);
                raw("attr", str_repr(e->id, false));
                raw("ctx", ctx_name(e->ctx));
                break;
            case K::Subscript:
                open("Subscript");
                expr_field("value", e->left);
                expr_field("slice", e->right);
                raw("ctx", ctx_name(e->ctx));
                break;
            case K::Starred:
                open("Starred");
                expr_field("value", e->left);
                raw("ctx", ctx_name(e->ctx));
                break;
            case K::Name:
                open("Name");
                raw("id", str_repr(e->id, false));
                raw("ctx", ctx_name(e->ctx));
                break;
            case K::List:
            case K::Tuple:
                open(e->kind == K::List ? "List" : "Tuple");
                exprs("elts", e->elts);
                raw("ctx", ctx_name(e->ctx));
                break;
            case K::Slice:
                open("Slice");
                expr_field("lower", e->left);
                expr_field("upper", e->right);
                expr_field("step", e->test);
                break;
        }
        close();
    }
    void body(const ast::Stmt* s) { stmts("body", s->body); }
    void stmt(const ast::Stmt* s) {
        using K = ast::StmtKind;
        switch (s->kind) {
            case K::FunctionDef:
                open("FunctionDef");
                raw("name", str_repr(s->name, false));
                field("args");
                arguments(s->args);
                body(s);
                exprs("decorator_list", s->decorator_list);
                expr_field("returns", s->value);
                break;
            case K::ClassDef:
                open("ClassDef");
                raw("name", str_repr(s->name, false));
                exprs("bases", s->targets);
                keywords(s->keywords);
                body(s);
                exprs("decorator_list", s->decorator_list);
                break;
            case K::Return:
                open("Return");
                expr_field("value", s->value);
                break;
            case K::Delete:
                open("Delete");
                exprs("targets", s->targets);
                break;
            case K::Assign:
                open("Assign");
                exprs("targets", s->targets);
                expr_field("value", s->value);
                break;
            case K::AugAssign:
                open("AugAssign");
                expr_field("target", s->targets[0]);
                raw("op", std::string(op_name(s->op)) + "()");
                expr_field("value", s->value);
                break;
            case K::AnnAssign:
                open("AnnAssign");
                expr_field("target", s->targets[0]);
                expr_field("annotation", s->test);
                expr_field("value", s->value);
                raw("simple", s->simple ? "1" : "0");
                break;
            case K::For:
                open("For");
                expr_field("target", s->targets[0]);
                expr_field("iter", s->value);
                body(s);
                stmts("orelse", s->orelse);
                break;
            case K::While:
            case K::If:
                open(s->kind == K::While ? "While" : "If");
                expr_field("test", s->test);
                body(s);
                stmts("orelse", s->orelse);
                break;
            case K::With:
                open("With");
                list("items", s->items, [&](const ast::WithItem& w) {
                    open("withitem");
                    expr_field("context_expr", w.context_expr);
                    expr_field("optional_vars", w.optional_vars);
                    close();
                });
                body(s);
                break;
            case K::Raise:
                open("Raise");
                expr_field("exc", s->value);
                expr_field("cause", s->test);
                break;
            case K::Try:
                open("Try");
                body(s);
                list("handlers", s->handlers, [&](const ast::ExceptHandler& h) {
                    open("ExceptHandler");
                    expr_field("type", h.type);
                    if (!h.name.empty()) raw("name", str_repr(h.name, false));
                    stmts("body", h.body);
                    close();
                });
                stmts("orelse", s->orelse);
                stmts("finalbody", s->finalbody);
                break;
            case K::Assert:
                open("Assert");
                expr_field("test", s->test);
                expr_field("msg", s->value);
                break;
            case K::Import:
            case K::ImportFrom:
                open(s->kind == K::Import ? "Import" : "ImportFrom");
                if (s->kind == K::ImportFrom && !s->name.empty()) raw("module", str_repr(s->name, false));
                list("names", s->names, [&](const ast::Alias& a) {
                    open("alias");
                    raw("name", str_repr(a.name, false));
                    if (!a.asname.empty()) raw("asname", str_repr(a.asname, false));
                    close();
                });
                if (s->kind == K::ImportFrom) raw("level", std::to_string(s->level));
                break;
            case K::Global:
            case K::Nonlocal:
                open(s->kind == K::Global ? "Global" : "Nonlocal");
                list("names", s->identifiers, [&](const std::string& n) { out += str_repr(n, false); });
                break;
            case K::Expr:
                open("Expr");
                expr_field("value", s->value);
                break;
            case K::Pass: open("Pass"); break;
            case K::Break: open("Break"); break;
            case K::Continue: open("Continue"); break;
            case K::Print27:
                open("Print");
                expr_field("dest", s->value);
                exprs("values", s->targets);
                raw("nl", s->simple ? "True" : "False");
                break;
        }
        close();
    }
};

inline std::string module(const ast::Module& m) {
    Dumper d;
    d.open("Module");
    d.stmts("body", m.body);
    d.close();
    return d.out;
}

}  // namespace pymemlab::ast_dump
