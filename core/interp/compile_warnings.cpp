// The SyntaxWarnings CPython's compiler gives from 3.8 (compiler_warn in Python/compile.c):
// `is` with a literal (check_compare), and calling or subscripting a literal or display that
// cannot be called or subscripted, most likely a missing comma (check_caller,
// check_subscripter). They go to CompileOptions::warnings; the runner prints them before the
// code runs, as CPython prints them while compiling.
#include "interp/compiler_internal.h"
#include "object/builtins.h"
#include "object/runtime.h"
#include "object/type.h"

namespace pymemlab {

namespace {

// infer_type's name: what the literal, or the object a display makes, is.
const char* literal_type_name(const ConstantPool& pool, const ast::Expr* e) {
    if (PyObject* v = pool.value_of(e)) return Py_TYPE(v)->tp_name;
    switch (e->kind) {
        case ast::ExprKind::Tuple: return "tuple";
        case ast::ExprKind::List:
        case ast::ExprKind::ListComp: return "list";
        case ast::ExprKind::Dict:
        case ast::ExprKind::DictComp: return "dict";
        case ast::ExprKind::Set:
        case ast::ExprKind::SetComp: return "set";
        case ast::ExprKind::GeneratorExp: return "generator";
        case ast::ExprKind::Lambda: return "function";
        case ast::ExprKind::JoinedStr:
        case ast::ExprKind::FormattedValue: return "str";
        default: return "object";
    }
}

}  // namespace

void Compiler::warn(const ast::Expr* e, const std::string& message) {
    if (options_.warnings == nullptr) return;
    // 3.12+ place it at the expression; before, at the line the compiler had reached.
    const int line = at_least(3, 12) ? e->pos.line : u_->lineno;
    options_.warnings->push_back(CompileWarning{line, message});
}

// check_is_arg: an operand of `is` that is a constant other than None, True, False or ...
bool Compiler::is_literal_operand(const ast::Expr* e) const {
    PyObject* v = pool_.value_of(e);
    if (v == nullptr) return false;
    const Singletons& s = rt_.builtins().singletons;
    return v != s.none && v != s.true_ && v != s.false_ && v != s.ellipsis;
}

void Compiler::check_compare(const ast::Expr* e, bool inverted) {
    if (!at_least(3, 8)) return;
    const ast::Expr* left = e->left;
    for (size_t i = 0; i < e->ops.size(); ++i) {
        const ast::Expr* right = e->values[i];
        ast::CmpOp op = e->ops[i];
        if (inverted) op = op == ast::CmpOp::Is ? ast::CmpOp::IsNot : op == ast::CmpOp::IsNot ? ast::CmpOp::Is : op;
        if ((op == ast::CmpOp::Is || op == ast::CmpOp::IsNot) && (is_literal_operand(left) || is_literal_operand(right))) {
            const bool is = op == ast::CmpOp::Is;
            std::string literal = "a literal";
            if (at_least(3, 12))
                literal = std::string("'") + literal_type_name(pool_, is_literal_operand(left) ? left : right) + "' literal";
            warn(e, std::string(is ? "\"is\"" : "\"is not\"") + " with " + literal + ". Did you mean " +
                        (is ? "\"==\"" : "\"!=\"") + "?");
            return;  // one warning a comparison, as compiler_warn's error return stops the loop
        }
        left = right;
    }
}

void Compiler::check_caller(const ast::Expr* func) {
    if (!at_least(3, 8)) return;
    switch (func->kind) {
        case ast::ExprKind::Constant:
        case ast::ExprKind::Tuple:
        case ast::ExprKind::List:
        case ast::ExprKind::ListComp:
        case ast::ExprKind::Dict:
        case ast::ExprKind::DictComp:
        case ast::ExprKind::Set:
        case ast::ExprKind::SetComp:
        case ast::ExprKind::GeneratorExp:
        case ast::ExprKind::JoinedStr:
        case ast::ExprKind::FormattedValue: break;
        default: return;
    }
    warn(func, std::string("'") + literal_type_name(pool_, func) + "' object is not callable; perhaps you missed a comma?");
}

void Compiler::check_subscripter(const ast::Expr* value) {
    if (!at_least(3, 8)) return;
    switch (value->kind) {
        case ast::ExprKind::Constant: {
            // A str, bytes or tuple literal can be subscripted.
            PyObject* v = pool_.value_of(value);
            const Builtins& b = rt_.builtins();
            const PyTypeObject* t = v != nullptr ? Py_TYPE(v) : nullptr;
            const bool number = t == b.long_type || v == b.singletons.true_ || v == b.singletons.false_ ||
                                t == b.float_type || t == b.complex_type;
            if (t == nullptr || !(v == b.singletons.none || v == b.singletons.ellipsis || number || t == b.frozenset_type))
                return;
            break;
        }
        case ast::ExprKind::Set:
        case ast::ExprKind::SetComp:
        case ast::ExprKind::GeneratorExp:
        case ast::ExprKind::Lambda: break;
        default: return;
    }
    warn(value, std::string("'") + literal_type_name(pool_, value) + "' object is not subscriptable; perhaps you missed a comma?");
}

}  // namespace pymemlab
