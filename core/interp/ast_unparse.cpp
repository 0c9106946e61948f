// The expression writer of ast_unparse.c: each node appends its text, given the precedence of
// the place it stands in (`level`), and parenthesises itself when it binds less tightly.
#include "interp/ast_unparse.h"

#include "interp/const_pool.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/runtime.h"

namespace pymemlab {

namespace {

// Priority levels, loosest first (ast_unparse.c's PR_*).
enum Level : int {
    kTuple,
    kTest,  // if-else, lambda
    kOr,
    kAnd,
    kNot,
    kCmp,
    kBor,  // also any expression
    kBxor,
    kBand,
    kShift,
    kArith,
    kTerm,
    kFactor,  // unary + - ~
    kPower,
    kAwait,
    kAtom,
};

class Unparser {
public:
    Unparser(Runtime& rt, const ConstantPool& pool, bool folded, std::string& out)
        : rt_(rt), pool_(pool), folded_(folded), out_(out) {}

    bool expr(const ast::Expr* e, int level) {
        using K = ast::ExprKind;
        // 3.7-3.9 unparse the optimized tree: a folded expression is its constant.
        if (e->kind == K::Constant || (folded_ && pool_.value_of(e) != nullptr)) return constant(e);
        switch (e->kind) {
            case K::BoolOp: {
                const int pr = e->boolop == ast::BoolOp::And ? kAnd : kOr;
                return open(level > pr) && sequence(e->values, pr == kAnd ? " and " : " or ", pr + 1) && close(level > pr);
            }
            case K::BinOp: return binop(e, level);
            case K::UnaryOp: {
                static const char* const kOps[] = {"~", "not ", "+", "-"};
                const int pr = e->unary == ast::UnaryOp::Not ? kNot : kFactor;
                return open(level > pr) && text(kOps[static_cast<int>(e->unary)]) && expr(e->left, pr) &&
                       close(level > pr);
            }
            case K::Lambda: {
                const ast::Arguments* a = e->args;
                const bool named = a != nullptr && a->args.size() + a->posonlyargs.size() > 0;
                return open(level > kTest) && text(named ? "lambda " : "lambda") && (a == nullptr || arguments(*a)) &&
                       text(": ") && expr(e->left, kTest) && close(level > kTest);
            }
            case K::IfExp:
                return open(level > kTest) && expr(e->left, kTest + 1) && text(" if ") && expr(e->test, kTest + 1) &&
                       text(" else ") && expr(e->right, kTest) && close(level > kTest);
            case K::Dict: {
                out_ += "{";
                for (size_t i = 0; i < e->values.size(); ++i) {
                    if (i > 0) out_ += ", ";
                    if (e->keys[i] == nullptr) {
                        out_ += "**";
                        if (!expr(e->values[i], kBor)) return false;
                        continue;
                    }
                    if (!expr(e->keys[i], kTest)) return false;
                    out_ += ": ";
                    if (!expr(e->values[i], kTest)) return false;
                }
                out_ += "}";
                return true;
            }
            case K::Set: return bracketed("{", e->elts, "}");
            case K::List: return bracketed("[", e->elts, "]");
            case K::Tuple:
                if (e->elts.empty()) {
                    out_ += "()";
                    return true;
                }
                return open(level > kTuple) && sequence(e->elts, ", ", kTest) && text(e->elts.size() == 1 ? "," : "") &&
                       close(level > kTuple);
            case K::ListComp: return comprehension("[", e, "]");
            case K::SetComp: return comprehension("{", e, "}");
            case K::DictComp: return comprehension("{", e, "}");
            case K::GeneratorExp: return comprehension("(", e, ")");
            case K::Compare: return compare(e, level);
            case K::Call: return call(e);
            case K::Attribute: {
                if (!expr(e->left, kAtom)) return false;
                // `1 .real`: an int literal's dot would read as a float's.
                const PyObject* v = e->left->kind == K::Constant ? pool_.value_of(e->left) : nullptr;
                out_ += v != nullptr && Py_TYPE(v) == rt_.builtins().long_type ? " ." : ".";
                out_ += e->id;
                return true;
            }
            case K::Subscript:
                if (!expr(e->left, kAtom)) return false;
                out_ += "[";
                // A tuple of indexes is written bare (3.7-3.9: unless folded into a constant).
                if (e->right->kind == K::Tuple && !e->right->elts.empty() &&
                    !(folded_ && pool_.value_of(e->right) != nullptr)) {
                    for (size_t i = 0; i < e->right->elts.size(); ++i) {
                        if (i > 0) out_ += ", ";
                        if (!slice(e->right->elts[i])) return false;
                    }
                    if (e->right->elts.size() == 1) out_ += ",";
                } else if (!slice(e->right)) {
                    return false;
                }
                out_ += "]";
                return true;
            case K::Starred:
                out_ += "*";
                return expr(e->left, kBor);
            case K::Name: out_ += e->id; return true;
            case K::Slice: return slice(e);
            default: return false;  // f-strings, yield, await, :=
        }
    }

private:
    Runtime& rt_;
    const ConstantPool& pool_;
    const bool folded_;
    std::string& out_;

    bool text(const char* t) {
        out_ += t;
        return true;
    }
    bool open(bool parens) { return text(parens ? "(" : ""); }
    bool close(bool parens) { return text(parens ? ")" : ""); }

    bool sequence(const std::vector<ast::Expr*>& items, const char* sep, int level) {
        for (size_t i = 0; i < items.size(); ++i) {
            if (i > 0) out_ += sep;
            if (!expr(items[i], level)) return false;
        }
        return true;
    }

    bool bracketed(const char* open, const std::vector<ast::Expr*>& items, const char* close) {
        out_ += open;
        if (!sequence(items, ", ", kTest)) return false;
        out_ += close;
        return true;
    }

    // append_repr: Ellipsis is `...`; from 3.10 an infinite float writes as 1e309 (so that the
    // string evaluates back to it).
    bool constant(const ast::Expr* e) {
        PyObject* v = pool_.value_of(e);
        if (v == nullptr) return false;
        if (v == rt_.builtins().singletons.ellipsis) {
            out_ += "...";
            return true;
        }
        std::string repr;
        if (!object_repr_utf8(rt_, v, &repr)) return false;
        const bool number = Py_TYPE(v) == rt_.builtins().float_type || Py_TYPE(v) == rt_.builtins().complex_type;
        if (number && !folded_)
            for (size_t at = repr.find("inf"); at != std::string::npos; at = repr.find("inf", at + 5))
                repr.replace(at, 3, "1e309");
        out_ += repr;
        return true;
    }

    bool binop(const ast::Expr* e, int level) {
        struct Op {
            const char* text;
            int pr;
        };
        // ast::Operator's order: Add Sub Mult MatMult Div Mod Pow LShift RShift BitOr BitXor BitAnd FloorDiv.
        static const Op kOps[] = {{" + ", kArith}, {" - ", kArith},  {" * ", kTerm},  {" @ ", kTerm},   {" / ", kTerm},
                                  {" % ", kTerm},  {" ** ", kPower}, {" << ", kShift}, {" >> ", kShift}, {" | ", kBor},
                                  {" ^ ", kBxor},  {" & ", kBand},   {" // ", kTerm}};
        const Op op = kOps[static_cast<int>(e->op)];
        const int right_assoc = e->op == ast::Operator::Pow ? 1 : 0;
        return open(level > op.pr) && expr(e->left, op.pr + right_assoc) && text(op.text) &&
               expr(e->right, op.pr + 1 - right_assoc) && close(level > op.pr);
    }

    bool compare(const ast::Expr* e, int level) {
        static const char* const kOps[] = {" == ", " != ", " < ", " <= ", " > ", " >= ", " is ", " is not ", " in ", " not in "};
        if (!open(level > kCmp) || !expr(e->left, kCmp + 1)) return false;
        for (size_t i = 0; i < e->ops.size(); ++i)
            if (!text(kOps[static_cast<int>(e->ops[i])]) || !expr(e->values[i], kCmp + 1)) return false;
        return close(level > kCmp);
    }

    bool call(const ast::Expr* e) {
        if (!expr(e->left, kAtom)) return false;
        // f(x for x in y): the generator's own parentheses are the call's.
        if (e->elts.size() == 1 && e->keywords.empty() && e->elts[0]->kind == ast::ExprKind::GeneratorExp)
            return expr(e->elts[0], kTest);
        out_ += "(";
        bool first = true;
        for (const ast::Expr* a : e->elts) {
            if (!first) out_ += ", ";
            first = false;
            if (!expr(a, kTest)) return false;
        }
        for (const ast::Keyword& k : e->keywords) {
            if (!first) out_ += ", ";
            first = false;
            out_ += k.arg.empty() ? "**" : k.arg + "=";
            if (!expr(k.value, kTest)) return false;
        }
        out_ += ")";
        return true;
    }

    bool comprehension(const char* open, const ast::Expr* e, const char* close) {
        out_ += open;
        if (!expr(e->left, kTest)) return false;
        if (e->kind == ast::ExprKind::DictComp) {
            out_ += ": ";
            if (!expr(e->right, kTest)) return false;
        }
        for (const ast::Comprehension& g : e->generators) {
            out_ += g.is_async ? " async for " : " for ";
            if (!expr(g.target, kTuple)) return false;
            out_ += " in ";
            if (!expr(g.iter, kTest + 1)) return false;
            for (const ast::Expr* cond : g.ifs) {
                out_ += " if ";
                if (!expr(cond, kTest + 1)) return false;
            }
        }
        out_ += close;
        return true;
    }

    // append_ast_slice: a:b[:c] with the parts that are there; anything else as an expression.
    bool slice(const ast::Expr* e) {
        if (e->kind != ast::ExprKind::Slice) return expr(e, kTest);
        if (e->left != nullptr && !expr(e->left, kTest)) return false;
        out_ += ":";
        if (e->right != nullptr && !expr(e->right, kTest)) return false;
        if (e->test != nullptr) {
            out_ += ":";
            if (!expr(e->test, kTest)) return false;
        }
        return true;
    }

    void argument(const ast::Arg& a) { out_ += a.arg; }  // lambda parameters have no annotations

    // append_ast_args: positional (then `/` after the positional-only ones) with their defaults,
    // `*` or *args, keyword-only with theirs, **kwargs.
    bool arguments(const ast::Arguments& a) {
        bool first = true;
        auto comma = [&] {
            if (!first) out_ += ", ";
            first = false;
        };
        const size_t npos = a.posonlyargs.size() + a.args.size();
        for (size_t i = 0; i < npos; ++i) {
            comma();
            argument(i < a.posonlyargs.size() ? a.posonlyargs[i] : a.args[i - a.posonlyargs.size()]);
            const size_t without = npos - a.defaults.size();
            if (i >= without) {
                out_ += "=";
                if (!expr(a.defaults[i - without], kTest)) return false;
            }
            if (!a.posonlyargs.empty() && i + 1 == a.posonlyargs.size()) out_ += ", /";
        }
        if (a.vararg != nullptr || !a.kwonlyargs.empty()) {
            comma();
            out_ += "*";
            if (a.vararg != nullptr) argument(*a.vararg);
        }
        for (size_t i = 0; i < a.kwonlyargs.size(); ++i) {
            comma();
            argument(a.kwonlyargs[i]);
            if (i < a.kw_defaults.size() && a.kw_defaults[i] != nullptr) {
                out_ += "=";
                if (!expr(a.kw_defaults[i], kTest)) return false;
            }
        }
        if (a.kwarg != nullptr) {
            comma();
            out_ += "**";
            argument(*a.kwarg);
        }
        return true;
    }
};

}  // namespace

bool unparse_expr(Runtime& rt, const ConstantPool& pool, const ast::Expr* e, bool folded, std::string* out) {
    Unparser u(rt, pool, folded, *out);
    return u.expr(e, kTest);
}

}  // namespace pymemlab
