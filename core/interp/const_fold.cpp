// ConstantPool, part two: constant folding. The primitives check ast_opt.c's size limits
// (safe_multiply, safe_power, safe_lshift, safe_mod) before evaluating with the object API and
// drop any fold that raises; the AST pass (3.7+, Python/ast_opt.c) walks the tree bottom-up in
// astfold_stmt/astfold_expr's field order, so folded objects are made in CPython's order.
#include <string>

#include "interp/const_pool.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/set_object.h"
#include "object/singletons.h"
#include "object/tuple_object.h"

namespace pymemlab {

// ==== primitives ===============================================================================

int64_t ConstantPool::complexity_left(PyObject* o, int64_t limit) const {
    const Builtins& b = rt_.builtins();
    if (Py_TYPE(o) == b.tuple_type) {
        limit -= Py_SIZE(o);
        PyObject** items = tuple_items(o);
        for (int64_t i = 0; limit >= 0 && i < Py_SIZE(o); ++i) limit = complexity_left(items[i], limit);
    } else if (Py_TYPE(o) == b.frozenset_type) {
        limit -= set_len(o);
        for (PyObject* item : set_keys(rt_, o)) {
            if (limit < 0) break;
            limit = complexity_left(item, limit);
        }
    }
    return limit;
}

bool ConstantPool::safe_to_fold(ast::Operator op, PyObject* a, PyObject* b, const FoldLimits& limits) const {
    const Builtins& bi = rt_.builtins();
    auto value = [&](PyObject* o, bool* ok) {
        bool overflow = false;
        int64_t v = o == bi.singletons.true_ ? 1 : o == bi.singletons.false_ ? 0 : long_as_int64(rt_, o, &overflow);
        *ok = !overflow;
        return v;
    };
    auto is_sized_seq = [&](PyObject* o) { return Py_TYPE(o) == bi.tuple_type || Py_TYPE(o) == bi.frozenset_type; };
    auto is_text = [&](PyObject* o) { return Py_TYPE(o) == bi.unicode_type || Py_TYPE(o) == bi.bytes_type; };
    const bool ints = const_is_int(rt_, a) && const_is_int(rt_, b);
    if (limits.size_20_rule) {
        // 2.7 checks nothing before evaluating; the lab still refuses what would be huge.
        bool ok = true;
        if (ints && (op == ast::Operator::Pow || op == ast::Operator::LShift || op == ast::Operator::Mult)) {
            int64_t abits = const_int_bits(rt_, a), bbits = const_int_bits(rt_, b);
            if (op == ast::Operator::Mult) return abits + bbits <= limits.max_int_bits;
            int64_t n = value(b, &ok);
            if (!ok) return false;
            if (op == ast::Operator::LShift) return n < 0 || abits + n <= limits.max_int_bits;
            return n <= 0 || abits <= limits.max_int_bits / n;
        }
        if (op == ast::Operator::Mult) {
            PyObject* seq = const_is_int(rt_, a) ? b : a;
            PyObject* num = const_is_int(rt_, a) ? a : b;
            int64_t len = const_length(rt_, seq);
            if (len > 0 && const_is_int(rt_, num)) {
                int64_t n = value(num, &ok);
                return ok && n <= kPeephole27MaxSize / len;
            }
        }
        return true;
    }
    switch (op) {
        case ast::Operator::Mult: {
            if (ints) {
                if (const_int_bits(rt_, a) == 0 || const_int_bits(rt_, b) == 0) return true;
                return const_int_bits(rt_, a) + const_int_bits(rt_, b) <= limits.max_int_bits;
            }
            PyObject* v = a;
            PyObject* w = b;
            if (!const_is_int(rt_, v)) std::swap(v, w);
            if (!const_is_int(rt_, v)) return true;
            bool ok = true;
            if (is_sized_seq(w)) {
                int64_t size = const_length(rt_, w);
                if (size == 0) return true;
                int64_t n = value(v, &ok);
                if (!ok || n < 0 || n > limits.max_collection / size) return false;
                return n == 0 || complexity_left(w, limits.max_total_items / n) >= 0;
            }
            if (is_text(w)) {
                int64_t size = const_length(rt_, w);
                if (size == 0) return true;
                int64_t n = value(v, &ok);
                return ok && n >= 0 && n <= limits.max_str / size;
            }
            return true;
        }
        case ast::Operator::Pow: {
            if (!ints || const_int_bits(rt_, a) == 0) return true;
            bool ok = true;
            int64_t w = value(b, &ok);
            if (!ok) return false;
            if (w <= 0) return true;
            return const_int_bits(rt_, a) <= limits.max_int_bits / w;
        }
        case ast::Operator::LShift: {
            if (!ints || const_int_bits(rt_, a) == 0 || const_int_bits(rt_, b) == 0) return true;
            bool ok = true;
            int64_t w = value(b, &ok);
            if (!ok || w < 0) return false;  // PyLong_AsSize_t fails: nothing is folded
            return w <= limits.max_int_bits && const_int_bits(rt_, a) <= limits.max_int_bits - w;
        }
        case ast::Operator::Mod: return limits.fold_mod_of_str || !(is_text(a));
        case ast::Operator::MatMult: return false;
        default: return true;
    }
}

PyObject* ConstantPool::fold_binop(ast::Operator op, PyObject* a, PyObject* b, const FoldLimits& limits) {
    if (!safe_to_fold(op, a, b, limits)) return nullptr;
    PyObject* r = number_binary_op(rt_, a, b, static_cast<BinaryOp>(op), false);
    if (r == nullptr) {
        err_clear(rt_);
        return nullptr;
    }
    if (limits.size_20_rule && const_length(rt_, r) > kPeephole27MaxSize) {
        rt_.decref(r);
        return nullptr;
    }
    return r;
}

PyObject* ConstantPool::fold_unaryop(ast::UnaryOp op, PyObject* v) {
    PyObject* r = nullptr;
    switch (op) {
        case ast::UnaryOp::Not: {
            int truth = object_is_true(rt_, v);
            r = truth < 0 ? nullptr : bool_from(rt_, truth == 0);
            break;
        }
        case ast::UnaryOp::USub: r = number_negative(rt_, v); break;
        case ast::UnaryOp::UAdd: r = number_positive(rt_, v); break;
        case ast::UnaryOp::Invert: r = number_invert(rt_, v); break;
    }
    if (r == nullptr) err_clear(rt_);
    return r;
}

PyObject* ConstantPool::fold_subscript(PyObject* container, PyObject* index) {
    PyObject* r = object_getitem(rt_, container, index);
    if (r == nullptr) err_clear(rt_);
    return r;
}

PyObject* ConstantPool::make_tuple(const std::vector<PyObject*>& items) {
    PyObject* t = tuple_new(rt_, static_cast<int64_t>(items.size()));
    if (t == nullptr) {
        err_clear(rt_);
        return nullptr;
    }
    PyObject** slots = tuple_items(t);
    for (size_t i = 0; i < items.size(); ++i) {
        rt_.incref(items[i]);
        slots[i] = items[i];
    }
    return t;
}

PyObject* ConstantPool::make_frozenset(const std::vector<PyObject*>& items) {
    PyObject* t = make_tuple(items);
    if (t == nullptr) return nullptr;
    PyObject* fs = frozenset_new(rt_, &items);
    rt_.decref(t);
    if (fs == nullptr) err_clear(rt_);
    return fs;
}

// ==== the AST optimizer (3.7+) =================================================================

void ConstantPool::fold_iter(const ast::Expr* e) {
    // A list display iterated over or tested with `in` becomes a tuple (a constant when its
    // items are), a set display a frozenset.
    std::vector<PyObject*> items;
    auto all_constant = [&]() {
        for (const ast::Expr* elt : e->elts) {
            PyObject* v = value_of(elt);
            if (v == nullptr) return false;
            items.push_back(v);
        }
        return true;
    };
    if (e->kind == ast::ExprKind::List) {
        for (const ast::Expr* elt : e->elts)
            if (elt->kind == ast::ExprKind::Starred) return;
        list_as_tuple_.insert(e);
        if (!all_constant()) return;
        if (PyObject* t = make_tuple(items)) keep(e, t);
    } else if (e->kind == ast::ExprKind::Set) {
        if (!all_constant()) return;
        if (PyObject* fs = make_frozenset(items)) keep(e, fs);
    }
}

void ConstantPool::fold_arguments(const ast::Arguments* a) {
    if (a == nullptr) return;
    auto params = [&](const std::vector<ast::Arg>& ps) {
        for (const ast::Arg& p : ps)
            if (p.annotation != nullptr) fold_expr(p.annotation);
    };
    params(a->posonlyargs);
    params(a->args);
    if (a->vararg != nullptr && a->vararg->annotation != nullptr) fold_expr(a->vararg->annotation);
    params(a->kwonlyargs);
    for (const ast::Expr* d : a->kw_defaults)
        if (d != nullptr) fold_expr(d);
    if (a->kwarg != nullptr && a->kwarg->annotation != nullptr) fold_expr(a->kwarg->annotation);
    for (const ast::Expr* d : a->defaults) fold_expr(d);
}

void ConstantPool::fold_expr(const ast::Expr* e) {
    using K = ast::ExprKind;
    auto each = [&](const std::vector<ast::Expr*>& es) {
        for (const ast::Expr* x : es)
            if (x != nullptr) fold_expr(x);
    };
    auto generators = [&]() {
        for (const ast::Comprehension& g : e->generators) {
            fold_expr(g.target);
            fold_expr(g.iter);
            each(g.ifs);
            fold_iter(g.iter);
        }
    };
    switch (e->kind) {
        case K::BoolOp: each(e->values); break;
        case K::NamedExpr: fold_expr(e->right); break;
        case K::BinOp: {
            fold_expr(e->left);
            fold_expr(e->right);
            PyObject* l = value_of(e->left);
            PyObject* r = value_of(e->right);
            if (l != nullptr && r != nullptr) {
                if (PyObject* v = fold_binop(e->op, l, r, kAstOptLimits)) keep(e, v);
            }
            break;
        }
        case K::UnaryOp: {
            fold_expr(e->left);
            if (PyObject* v = value_of(e->left)) {
                if (PyObject* folded = fold_unaryop(e->unary, v)) keep(e, folded);
            } else if (e->unary == ast::UnaryOp::Not && e->left->kind == K::Compare && e->left->ops.size() == 1) {
                const ast::CmpOp op = e->left->ops[0];
                if (op == ast::CmpOp::Is || op == ast::CmpOp::IsNot || op == ast::CmpOp::In || op == ast::CmpOp::NotIn)
                    inverted_not_.insert(e);
            }
            break;
        }
        case K::Lambda:
            fold_arguments(e->args);
            fold_expr(e->left);
            break;
        case K::IfExp:
            fold_expr(e->test);
            fold_expr(e->left);
            fold_expr(e->right);
            break;
        case K::Dict:
            each(e->keys);
            each(e->values);
            break;
        case K::Set: each(e->elts); break;
        case K::ListComp:
        case K::SetComp:
        case K::GeneratorExp:
            fold_expr(e->left);
            generators();
            break;
        case K::DictComp:
            fold_expr(e->left);
            fold_expr(e->right);
            generators();
            break;
        case K::Await:
        case K::Yield:
        case K::YieldFrom:
        case K::Starred:
        case K::Attribute:
            if (e->left != nullptr) fold_expr(e->left);
            break;
        case K::Compare:
            fold_expr(e->left);
            each(e->values);
            if (!e->ops.empty() && (e->ops.back() == ast::CmpOp::In || e->ops.back() == ast::CmpOp::NotIn))
                fold_iter(e->values.back());
            break;
        case K::Call:
            fold_expr(e->left);
            each(e->elts);
            for (const ast::Keyword& k : e->keywords) fold_expr(k.value);
            break;
        case K::FormattedValue:
            fold_expr(e->left);
            if (e->right != nullptr) fold_expr(e->right);
            break;
        case K::JoinedStr: each(e->values); break;
        case K::Constant: break;
        case K::Subscript: {
            fold_expr(e->left);
            fold_expr(e->right);
            PyObject* c = value_of(e->left);
            PyObject* i = value_of(e->right);
            if (c != nullptr && i != nullptr) {
                if (PyObject* v = fold_subscript(c, i)) keep(e, v);
            }
            break;
        }
        case K::Name:
            if (e->ctx == ast::ExprContext::Load && e->id == "__debug__") {
                keep(e, bool_from(rt_, true));  // sys.flags.optimize is 0: `python -O` is not modelled
            }
            break;
        case K::List: each(e->elts); break;
        case K::Tuple: {
            each(e->elts);
            if (e->ctx != ast::ExprContext::Load) break;
            std::vector<PyObject*> items;
            for (const ast::Expr* elt : e->elts) {
                PyObject* v = value_of(elt);
                if (v == nullptr) return;
                items.push_back(v);
            }
            if (PyObject* t = make_tuple(items)) keep(e, t);
            break;
        }
        case K::Slice:
            if (e->left != nullptr) fold_expr(e->left);
            if (e->right != nullptr) fold_expr(e->right);
            if (e->test != nullptr) fold_expr(e->test);
            break;
    }
}

void ConstantPool::fold_stmts(const std::vector<ast::Stmt*>& body) {
    for (const ast::Stmt* s : body) fold_stmt(s);
}

void ConstantPool::fold_stmt(const ast::Stmt* s) {
    using K = ast::StmtKind;
    auto each = [&](const std::vector<ast::Expr*>& es) {
        for (const ast::Expr* x : es)
            if (x != nullptr) fold_expr(x);
    };
    auto opt = [&](const ast::Expr* e) {
        if (e != nullptr) fold_expr(e);
    };
    switch (s->kind) {
        case K::FunctionDef:
            fold_arguments(s->args);
            fold_stmts(s->body);
            each(s->decorator_list);
            opt(s->value);
            break;
        case K::ClassDef:
            each(s->targets);
            for (const ast::Keyword& k : s->keywords) fold_expr(k.value);
            fold_stmts(s->body);
            each(s->decorator_list);
            break;
        case K::Return:
        case K::Expr: opt(s->value); break;
        case K::Delete: each(s->targets); break;
        case K::Assign:
        case K::AugAssign:
            each(s->targets);
            fold_expr(s->value);
            break;
        case K::AnnAssign:
            each(s->targets);
            fold_expr(s->test);
            opt(s->value);
            break;
        case K::For:
            each(s->targets);
            fold_expr(s->value);
            fold_stmts(s->body);
            fold_stmts(s->orelse);
            fold_iter(s->value);
            break;
        case K::While:
        case K::If:
            fold_expr(s->test);
            fold_stmts(s->body);
            fold_stmts(s->orelse);
            break;
        case K::With:
            for (const ast::WithItem& item : s->items) {
                fold_expr(item.context_expr);
                opt(item.optional_vars);
            }
            fold_stmts(s->body);
            break;
        case K::Raise:
            opt(s->value);
            opt(s->test);
            break;
        case K::Try:
            fold_stmts(s->body);
            for (const ast::ExceptHandler& h : s->handlers) {
                opt(h.type);
                fold_stmts(h.body);
            }
            fold_stmts(s->orelse);
            fold_stmts(s->finalbody);
            break;
        case K::Assert:
            fold_expr(s->test);
            opt(s->value);
            break;
        default: break;
    }
}

void ConstantPool::fold_ast(const std::vector<ast::Stmt*>& body) { fold_stmts(body); }

}  // namespace pymemlab
