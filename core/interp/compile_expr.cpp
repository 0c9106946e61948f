// Code generation for expressions (compiler_visit_expr1): constants (what the optimizer folded
// is one LOAD_CONST), names, operators, comparisons and their chains, displays with CPython's
// build strategies per version (starunpack_helper, compiler_dict), subscripts, attributes,
// f-strings, lambdas, walrus, yield, and assignment targets. Calls and comprehensions are in
// compile_call.cpp.
#include <algorithm>

#include "interp/compiler_internal.h"
#include "object/builtins.h"
#include "object/runtime.h"
#include "object/slice_object.h"
#include "object/str_object.h"

namespace pymemlab {

void Compiler::visit_exprs(const std::vector<ast::Expr*>& es) {
    for (const ast::Expr* e : es)
        if (e != nullptr) visit_expr(e);
}

void Compiler::visit_expr(const ast::Expr* e) {
    if (failed_ || !enter_recursion(e->pos)) return;
    ++depth_;
    const ast::Pos saved = loc_;
    if (e->pos.line > 0) loc_ = e->pos;
    u_->lineno = std::max(u_->lineno, e->pos.line);
    if (e->ctx == ast::ExprContext::Load && e->kind != ast::ExprKind::Starred) {
        if (PyObject* v = pool_.value_of(e)) {
            // 3.14 folds in its CFG optimizer, after codegen has loaded the operands.
            const bool folded = e->kind != ast::ExprKind::Constant && e->kind != ast::ExprKind::Name;
            if (folded && at_least(3, 14))
                load_folded_const(e, v);
            else
                load_const(v);
            loc_ = saved;
            --depth_;
            return;
        }
    }
    visit_expr_inner(e);
    loc_ = saved;
    --depth_;
}

void Compiler::compare_op(ast::CmpOp op) {
    switch (op) {
        case ast::CmpOp::Eq: emit(Opcode::COMPARE_OP, Py_EQ); break;
        case ast::CmpOp::NotEq: emit(Opcode::COMPARE_OP, Py_NE); break;
        case ast::CmpOp::Lt: emit(Opcode::COMPARE_OP, Py_LT); break;
        case ast::CmpOp::LtE: emit(Opcode::COMPARE_OP, Py_LE); break;
        case ast::CmpOp::Gt: emit(Opcode::COMPARE_OP, Py_GT); break;
        case ast::CmpOp::GtE: emit(Opcode::COMPARE_OP, Py_GE); break;
        case ast::CmpOp::Is: emit(Opcode::IS_OP, 0); break;
        case ast::CmpOp::IsNot: emit(Opcode::IS_OP, 1); break;
        case ast::CmpOp::In: emit(Opcode::CONTAINS_OP, 0); break;
        case ast::CmpOp::NotIn: emit(Opcode::CONTAINS_OP, 1); break;
    }
}

// A chain `a < b < c` evaluates b once: it is kept under the first result (SWAP 2; COPY 2)
// and dropped on the short-circuit path.
void Compiler::compare(const ast::Expr* e) {
    check_compare(e);
    visit_expr(e->left);
    const size_t n = e->ops.size();
    if (n == 1) {
        visit_expr(e->values[0]);
        loc_ = e->pos;
        compare_op(e->ops[0]);
        return;
    }
    const int cleanup = new_label();
    for (size_t i = 0; i + 1 < n; ++i) {
        visit_expr(e->values[i]);
        loc_ = e->pos;
        emit(Opcode::SWAP, 2);
        emit(Opcode::COPY, 2);
        compare_op(e->ops[i]);
        emit(Opcode::JUMP_IF_FALSE_OR_POP, cleanup);
    }
    visit_expr(e->values[n - 1]);
    loc_ = e->pos;
    compare_op(e->ops[n - 1]);
    const int end = new_label();
    emit(Opcode::JUMP, end);
    bind(cleanup);
    emit(Opcode::SWAP, 2);
    emit(Opcode::POP_TOP);
    bind(end);
}

void Compiler::bool_op(const ast::Expr* e) {
    const int end = new_label();
    const Opcode jump = e->boolop == ast::BoolOp::And ? Opcode::JUMP_IF_FALSE_OR_POP : Opcode::JUMP_IF_TRUE_OR_POP;
    for (size_t i = 0; i + 1 < e->values.size(); ++i) {
        visit_expr(e->values[i]);
        loc_ = e->pos;
        emit(jump, end);
    }
    visit_expr(e->values.back());
    bind(end);
}

void Compiler::if_exp(const ast::Expr* e) {
    const int end = new_label();
    const int next = new_label();
    jump_if(e->test, next, false);
    visit_expr(e->left);
    emit(Opcode::JUMP, end);
    bind(next);
    visit_expr(e->right);
    bind(end);
}

// starunpack_helper: a list, set or tuple display (or a call's positional arguments, with
// `pushed` items already on the stack). 3.9+ turns more than two constants into one constant
// extended into an empty list or set; 3.10+ builds big displays item by item.
void Compiler::starunpack(const std::vector<ast::Expr*>& elts, int pushed, Opcode build, Opcode add, Opcode extend,
                          bool tuple, const ast::Expr* container) {
    const int n = static_cast<int>(elts.size());
    bool seen_star = false;
    for (const ast::Expr* elt : elts)
        if (elt->kind == ast::ExprKind::Starred) seen_star = true;
    const bool big = at_least(3, 10) && n + pushed > kStackUseGuideline;
    if (at_least(3, 9) && !seen_star && n > 2) {
        std::vector<PyObject*> items;
        for (const ast::Expr* elt : elts) {
            PyObject* v = pool_.value_of(elt);
            if (v == nullptr) break;
            items.push_back(v);
        }
        if (static_cast<int>(items.size()) == n) {
            PyObject* folded = add == Opcode::SET_ADD ? pool_.make_frozenset(items) : pool_.make_tuple(items);
            if (folded == nullptr) return memory_error();
            // 3.14's optimizer makes the constant after codegen has loaded the items.
            const bool late = at_least(3, 14);
            if (late)
                for (const ast::Expr* elt : elts) add_operand_consts(elt);
            if (tuple && pushed == 0) {
                const int i = add_const(folded, late);
                if (i >= 0) emit(Opcode::LOAD_CONST, i);
                return;
            }
            emit(build, pushed);
            const int i = add_const(folded, late);
            if (i >= 0) emit(Opcode::LOAD_CONST, i);
            emit(extend, 1);
            if (tuple) emit(Opcode::LIST_TO_TUPLE);
            return;
        }
    }
    if (!seen_star && !big) {
        visit_exprs(elts);
        if (container != nullptr) loc_ = container->pos;
        emit(tuple ? Opcode::BUILD_TUPLE : build, n + pushed);
        return;
    }
    if (!at_least(3, 9)) {
        // Up to 3.8 the runs of plain items between starred ones are tuples (constants once
        // the peephole folds them; sets for a set display) unpacked into the result
        // (BUILD_*_UNPACK).
        const Opcode group = build == Opcode::BUILD_SET ? Opcode::BUILD_SET : Opcode::BUILD_TUPLE;
        emit(build, pushed);
        int run = 0;
        for (const ast::Expr* elt : elts) {
            if (elt->kind != ast::ExprKind::Starred) {
                visit_expr(elt);
                ++run;
                continue;
            }
            if (run > 0) {
                emit(group, run);
                emit(extend, 1);
                run = 0;
            }
            visit_expr(elt->left);
            emit(extend, 1);
        }
        if (run > 0) {
            emit(group, run);
            emit(extend, 1);
        }
        if (tuple) emit(Opcode::LIST_TO_TUPLE);
        return;
    }
    bool built = false;
    if (big) {
        emit(build, pushed);
        built = true;
    }
    for (int i = 0; i < n; ++i) {
        const ast::Expr* elt = elts[static_cast<size_t>(i)];
        if (elt->kind == ast::ExprKind::Starred) {
            if (!built) {
                emit(build, i + pushed);
                built = true;
            }
            visit_expr(elt->left);
            emit(extend, 1);
        } else {
            visit_expr(elt);
            if (built) emit(add, 1);
        }
    }
    if (tuple) emit(Opcode::LIST_TO_TUPLE);
}

// compiler_subdict: keys that are all constants become one constant tuple (3.6+).
void Compiler::subdict(const ast::Expr* e, size_t begin, size_t end) {
    const size_t n = end - begin;
    const bool big = at_least(3, 10) && n * 2 > kStackUseGuideline;
    // 3.14 has no BUILD_CONST_KEY_MAP: keys and values alternate.
    if (at_least(3, 6) && !at_least(3, 14) && n > 1 && !big) {
        std::vector<PyObject*> keys;
        for (size_t i = begin; i < end; ++i) {
            PyObject* k = pool_.value_of(e->keys[i]);
            if (k == nullptr) break;
            keys.push_back(k);
        }
        if (keys.size() == n) {
            for (size_t i = begin; i < end; ++i) visit_expr(e->values[i]);
            PyObject* t = pool_.make_tuple(keys);
            if (t == nullptr) return memory_error();
            const int i = add_const(t);
            if (i >= 0) emit(Opcode::LOAD_CONST, i);
            emit(Opcode::BUILD_CONST_KEY_MAP, static_cast<int>(n));
            return;
        }
    }
    if (big) emit(Opcode::BUILD_MAP, 0);
    for (size_t i = begin; i < end; ++i) {
        visit_expr(e->keys[i]);
        visit_expr(e->values[i]);
        if (big) emit(Opcode::MAP_ADD, 1);
    }
    if (!big) emit(Opcode::BUILD_MAP, static_cast<int>(n));
}

void Compiler::dict(const ast::Expr* e) {
    const size_t n = e->values.size();
    if (is27()) {
        // 2.7 makes the dict first, then stores each pair evaluating the value before the key.
        emit(Opcode::BUILD_MAP, 0);
        for (size_t i = 0; i < n; ++i) {
            visit_expr(e->values[i]);
            visit_expr(e->keys[i]);
            emit(Opcode::SWAP, 2);
            emit(Opcode::MAP_ADD, 1);
        }
        return;
    }
    bool have_dict = false;
    size_t elements = 0;
    for (size_t i = 0; i < n; ++i) {
        if (e->keys[i] == nullptr) {
            if (elements > 0) {
                subdict(e, i - elements, i);
                if (have_dict) emit(Opcode::DICT_UPDATE, 1);
                have_dict = true;
                elements = 0;
            }
            if (!have_dict) {
                emit(Opcode::BUILD_MAP, 0);
                have_dict = true;
            }
            visit_expr(e->values[i]);
            emit(Opcode::DICT_UPDATE, 1);
        } else if (at_least(3, 10) && elements * 2 > kStackUseGuideline) {
            subdict(e, i - elements, i + 1);
            if (have_dict) emit(Opcode::DICT_UPDATE, 1);
            have_dict = true;
            elements = 0;
        } else {
            ++elements;
        }
    }
    if (elements > 0) {
        subdict(e, n - elements, n);
        if (have_dict) emit(Opcode::DICT_UPDATE, 1);
        have_dict = true;
    }
    if (!have_dict) emit(Opcode::BUILD_MAP, 0);
}

void Compiler::slice(const ast::Expr* e) {
    // 3.14 (is_constant_slice): a slice of literals and omitted parts is one constant.
    if (at_least(3, 14)) {
        PyObject* parts[3] = {nullptr, nullptr, nullptr};
        const ast::Expr* exprs[3] = {e->left, e->right, e->test};
        bool constant = true;
        for (int k = 0; k < 3 && constant; ++k) {
            if (exprs[k] == nullptr)
                parts[k] = rt_.builtins().singletons.none;
            else if (exprs[k]->kind == ast::ExprKind::Constant)
                parts[k] = pool_.value_of(exprs[k]);
            constant = parts[k] != nullptr;
        }
        if (constant) {
            PyObject* value = slice_new(rt_, parts[0], parts[1], parts[2]);
            if (value == nullptr) return memory_error();
            const int i = add_const(value);
            if (i >= 0) emit(Opcode::LOAD_CONST, i);
            return;
        }
    }
    int n = 2;
    if (e->left != nullptr)
        visit_expr(e->left);
    else
        load_none();
    if (e->right != nullptr)
        visit_expr(e->right);
    else
        load_none();
    if (e->test != nullptr) {
        visit_expr(e->test);
        n = 3;
    }
    loc_ = e->pos;
    emit(Opcode::BUILD_SLICE, n);
}

void Compiler::subscript(const ast::Expr* e) {
    if (e->ctx == ast::ExprContext::Load) check_subscripter(e->left);
    visit_expr(e->left);
    if (e->right->kind == ast::ExprKind::Slice)
        slice(e->right);
    else
        visit_expr(e->right);
    loc_ = e->pos;
    switch (e->ctx) {
        case ast::ExprContext::Load: emit(Opcode::BINARY_SUBSCR); break;
        case ast::ExprContext::Store: emit(Opcode::STORE_SUBSCR); break;
        case ast::ExprContext::Del: emit(Opcode::DELETE_SUBSCR); break;
    }
}

ast::Pos Compiler::attr_loc(ast::Pos loc, const ast::Expr* attr) const {
    if (!at_least(3, 10) || loc.line == attr->pos.end_line) return loc;
    loc.line = attr->pos.end_line;
    if (!at_least(3, 11)) return loc;
    int len = 0;  // PyUnicode_GET_LENGTH of the name (columns are bytes; CPython mixes them too)
    for (unsigned char c : attr->id) len += (c & 0xC0) != 0x80 ? 1 : 0;
    loc.col = len <= attr->pos.end_col ? attr->pos.end_col - len : -1;
    if (loc.col < 0) loc.end_col = -1;
    loc.end_line = std::max(loc.line, loc.end_line);
    if (loc.line == loc.end_line) loc.end_col = std::max(loc.col, loc.end_col);
    return loc;
}

void Compiler::attribute(const ast::Expr* e) {
    if (e->ctx == ast::ExprContext::Load && super_attr(e, false)) return;
    visit_expr(e->left);
    loc_ = attr_loc(e->pos, e);
    switch (e->ctx) {
        case ast::ExprContext::Load: emit_name(Opcode::LOAD_ATTR, e->id); break;
        case ast::ExprContext::Store:
            // 3.13 records `self.x = ...` in any function below a class as __static_attributes__.
            if (at_least(3, 13) && e->left->kind == ast::ExprKind::Name && e->left->id == "self") {
                for (size_t i = stack_.size(); i-- > 0;) {
                    if (stack_[i]->kind == UnitKind::Class) {
                        stack_[i]->static_attributes.insert(e->id);  // as written, not mangled
                        break;
                    }
                }
            }
            emit_name(Opcode::STORE_ATTR, e->id);
            break;
        case ast::ExprContext::Del: emit_name(Opcode::DELETE_ATTR, e->id); break;
    }
}

void Compiler::formatted_value(const ast::Expr* e) {
    visit_expr(e->left);
    int arg = 0;
    switch (e->conversion) {
        case 's': arg = 1; break;
        case 'r': arg = 2; break;
        case 'a': arg = 3; break;
        default: break;
    }
    if (e->right != nullptr) {
        visit_expr(e->right);
        arg |= 4;
    }
    loc_ = e->pos;
    emit(Opcode::FORMAT_VALUE, arg);
}

void Compiler::joined_str(const ast::Expr* e) {
    const size_t n = e->values.size();
    if (at_least(3, 10) && n > kStackUseGuideline) {
        // ''.join([...]) keeps the stack small.
        PyObject* empty = new_str("");
        if (empty == nullptr) return;
        load_const(empty);
        rt_.decref(empty);
        emit(at_least(3, 7) ? Opcode::LOAD_METHOD : Opcode::LOAD_ATTR, add_name("join"));
        emit(Opcode::BUILD_LIST, 0);
        for (const ast::Expr* v : e->values) {
            visit_expr(v);
            emit(Opcode::LIST_APPEND, 1);
        }
        emit(Opcode::CALL, 1);
        return;
    }
    visit_exprs(e->values);
    loc_ = e->pos;
    if (n != 1) emit(Opcode::BUILD_STRING, static_cast<int>(n));
}

void Compiler::lambda(const ast::Expr* e) {
    const int flags = make_defaults(e->args);
    enter_scope(UnitKind::Lambda, "<lambda>", e, e->pos.line);
    // "Make None the first constant, so the lambda can't have a docstring." (3.14 flags a
    // docstring instead: CO_HAS_DOCSTRING.)
    if (!at_least(3, 14)) {
        rt_.incref(rt_.builtins().singletons.none);
        add_const(rt_.builtins().singletons.none);
    }
    if (e->args != nullptr) {
        u_->argcount = static_cast<int>(e->args->posonlyargs.size() + e->args->args.size());
        u_->posonlyargcount = static_cast<int>(e->args->posonlyargs.size());
        u_->kwonlyargcount = static_cast<int>(e->args->kwonlyargs.size());
        u_->varargs = e->args->vararg != nullptr;
        u_->varkeywords = e->args->kwarg != nullptr;
    }
    visit_expr(e->left);
    loc_ = e->pos;
    // 3.11+'s RETURN_VALUE has the scope's entry position (its first line, column 0), 3.13's the
    // body's (co_positions; the line table's length).
    if (at_least(3, 13)) loc_ = e->left->pos;
    else if (at_least(3, 11)) loc_ = ast::Pos{u_->firstlineno, 0, u_->firstlineno, 0};
    if (u_->ste->generator && !at_least(3, 10)) {
        emit(Opcode::POP_TOP);
        load_none();
    }
    emit(Opcode::RETURN_VALUE);
    PyObject* code = exit_scope();
    loc_ = e->pos;
    make_closure(code, flags);
}

void Compiler::named_expr(const ast::Expr* e) {
    visit_expr(e->right);
    loc_ = e->pos;
    emit(Opcode::COPY, 1);
    name_op(e->left->id, ast::ExprContext::Store);
}

void Compiler::yield_expr(const ast::Expr* e) {
    if (u_->ste->type != BlockType::Function) {
        error(e->pos, "'yield' outside function");
        return;
    }
    if (e->kind == ast::ExprKind::Yield) {
        if (e->left != nullptr)
            visit_expr(e->left);
        else
            load_none();
        loc_ = e->pos;
        emit(Opcode::YIELD_VALUE);
        return;
    }
    visit_expr(e->left);
    loc_ = e->pos;
    emit(Opcode::GET_YIELD_FROM_ITER);
    load_none();
    emit(Opcode::YIELD_FROM);
}

// Assignment to a tuple or list of targets: UNPACK_SEQUENCE, or UNPACK_EX around one star.
void Compiler::unpack_helper(const std::vector<ast::Expr*>& elts, const ast::Pos& pos) {
    int star = -1;
    for (size_t i = 0; i < elts.size(); ++i) {
        if (elts[i]->kind != ast::ExprKind::Starred) continue;
        if (star >= 0) {
            error(pos, at_least(3, 9) ? "multiple starred expressions in assignment"
                                      : "two starred expressions in assignment");
            return;
        }
        star = static_cast<int>(i);
    }
    const int n = static_cast<int>(elts.size());
    if (star >= 0) {
        const int after = n - star - 1;
        if (star >= 256 || after >= (1 << 24)) {
            error(pos, "too many expressions in star-unpacking assignment");
            return;
        }
        emit(Opcode::UNPACK_EX, star | (after << 8));
    } else {
        emit(Opcode::UNPACK_SEQUENCE, n);
    }
    for (const ast::Expr* elt : elts) visit_expr(elt->kind == ast::ExprKind::Starred ? elt->left : elt);
}

void Compiler::store_target(const ast::Expr* e) { visit_expr(e); }

void Compiler::visit_expr_inner(const ast::Expr* e) {
    using K = ast::ExprKind;
    using C = ast::ExprContext;
    switch (e->kind) {
        case K::BoolOp: bool_op(e); break;
        case K::NamedExpr: named_expr(e); break;
        case K::BinOp:
            visit_expr(e->left);
            visit_expr(e->right);
            loc_ = e->pos;
            emit(Opcode::BINARY_OP, is27() && future_division_ && e->op == ast::Operator::Div
                                        ? kBinaryOpTrueDivide27
                                        : static_cast<int>(e->op));
            break;
        case K::UnaryOp:
            if (pool_.inverts_compare(e)) {
                // `not (a is b)` is compiled as `a is not b` (3.7+'s fold_unaryop).
                const ast::Expr* c = e->left;
                check_compare(c, true);
                visit_expr(c->left);
                visit_expr(c->values[0]);
                loc_ = e->pos;
                const ast::CmpOp op = c->ops[0];
                compare_op(op == ast::CmpOp::Is      ? ast::CmpOp::IsNot
                           : op == ast::CmpOp::IsNot ? ast::CmpOp::Is
                           : op == ast::CmpOp::In    ? ast::CmpOp::NotIn
                                                     : ast::CmpOp::In);
                break;
            }
            visit_expr(e->left);
            loc_ = e->pos;
            switch (e->unary) {
                case ast::UnaryOp::Invert: emit(Opcode::UNARY_INVERT); break;
                case ast::UnaryOp::Not: emit(Opcode::UNARY_NOT); break;
                case ast::UnaryOp::UAdd: emit(Opcode::UNARY_POSITIVE); break;
                case ast::UnaryOp::USub: emit(Opcode::UNARY_NEGATIVE); break;
            }
            break;
        case K::Lambda: lambda(e); break;
        case K::IfExp: if_exp(e); break;
        case K::Dict: dict(e); break;
        case K::Set: starunpack(e->elts, 0, Opcode::BUILD_SET, Opcode::SET_ADD, Opcode::SET_UPDATE, false, e); break;
        case K::ListComp:
            if (is27()) {
                emit(Opcode::BUILD_LIST, 0);
                listcomp27(e, 0);
            } else {
                comprehension(e);
            }
            break;
        case K::SetComp:
        case K::DictComp:
        case K::GeneratorExp: comprehension(e); break;
        case K::Await:
            // The parser rejects `async def`, so every await is outside an async function.
            error(e->pos,
                  u_->ste->type == BlockType::Function ? "'await' outside async function" : "'await' outside function");
            break;
        case K::Yield:
        case K::YieldFrom: yield_expr(e); break;
        case K::Compare: compare(e); break;
        case K::Call: call(e); break;
        case K::FormattedValue: formatted_value(e); break;
        case K::JoinedStr: joined_str(e); break;
        case K::Constant: {
            // 2.7: None, True and False are names (the peephole turns None into a constant).
            const ast::ConstKind k = e->constant.kind;
            if (is27() && (k == ast::ConstKind::None || k == ast::ConstKind::True || k == ast::ConstKind::False)) {
                name_op(k == ast::ConstKind::None ? "None" : k == ast::ConstKind::True ? "True" : "False", C::Load);
                break;
            }
            if (PyObject* v = pool_.value_of(e)) load_const(v);
            break;
        }
        case K::Attribute: attribute(e); break;
        case K::Subscript: subscript(e); break;
        case K::Starred:
            error(e->pos, e->ctx == C::Store ? "starred assignment target must be in a list or tuple"
                                             : "can't use starred expression here");
            break;
        case K::Name:
            // 3.6 loads __debug__ as a constant (3.7+ folds it; 2.7 looks it up).
            if (!is27() && e->ctx == C::Load && e->id == "__debug__") {
                load_const(rt_.builtins().singletons.true_);
                break;
            }
            name_op(e->id, e->ctx);
            break;
        case K::List:
        case K::Tuple:
            if (e->ctx == C::Store) {
                unpack_helper(e->elts, e->pos);
            } else if (e->ctx == C::Del) {
                visit_exprs(e->elts);
            } else if (e->kind == K::Tuple || pool_.list_is_tuple(e)) {
                starunpack(e->elts, 0, Opcode::BUILD_LIST, Opcode::LIST_APPEND, Opcode::LIST_EXTEND, true, e);
            } else {
                starunpack(e->elts, 0, Opcode::BUILD_LIST, Opcode::LIST_APPEND, Opcode::LIST_EXTEND, false, e);
            }
            break;
        case K::Slice: slice(e); break;
    }
}

}  // namespace pymemlab
