// Arithmetic dispatch (Objects/abstract.c binary_op1, ternary_op): the left operand's slot,
// the right operand's (first when its type is a subclass of the left's), then the sequence
// fallbacks, and CPython's "unsupported operand type(s)" TypeError.
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/long_object.h"
#include "object/runtime.h"

namespace pymemlab {

namespace {

using NbSlot = binaryfunc PyNumberMethods::*;

struct OpSlots {
    NbSlot binary;
    NbSlot inplace;
    const char* symbol;
    const char* inplace_symbol;
};

// Indexed by BinaryOp. Pow is ternary in CPython; its binary form passes None as the modulus
// (number_power below), so its entries here are null.
const OpSlots kOps[] = {
    {&PyNumberMethods::nb_add, &PyNumberMethods::nb_inplace_add, "+", "+="},
    {&PyNumberMethods::nb_subtract, &PyNumberMethods::nb_inplace_subtract, "-", "-="},
    {&PyNumberMethods::nb_multiply, &PyNumberMethods::nb_inplace_multiply, "*", "*="},
    {&PyNumberMethods::nb_matrix_multiply, &PyNumberMethods::nb_inplace_matrix_multiply, "@", "@="},
    {&PyNumberMethods::nb_true_divide, &PyNumberMethods::nb_inplace_true_divide, "/", "/="},
    {&PyNumberMethods::nb_remainder, &PyNumberMethods::nb_inplace_remainder, "%", "%="},
    {nullptr, nullptr, "** or pow()", "**="},
    {&PyNumberMethods::nb_lshift, &PyNumberMethods::nb_inplace_lshift, "<<", "<<="},
    {&PyNumberMethods::nb_rshift, &PyNumberMethods::nb_inplace_rshift, ">>", ">>="},
    {&PyNumberMethods::nb_or, &PyNumberMethods::nb_inplace_or, "|", "|="},
    {&PyNumberMethods::nb_xor, &PyNumberMethods::nb_inplace_xor, "^", "^="},
    {&PyNumberMethods::nb_and, &PyNumberMethods::nb_inplace_and, "&", "&="},
    {&PyNumberMethods::nb_floor_divide, &PyNumberMethods::nb_inplace_floor_divide, "//", "//="},
};
static_assert(sizeof(kOps) / sizeof(kOps[0]) == static_cast<int>(BinaryOp::FloorDiv) + 1);

bool is_not_implemented(const Runtime& rt, const PyObject* o) {
    return o == rt.builtins().singletons.not_implemented;
}

// binary_op1: nullptr with no error set means neither operand handled it.
PyObject* binary_op1(Runtime& rt, PyObject* a, PyObject* b, NbSlot slot) {
    binaryfunc slotv = Py_TYPE(a)->tp_as_number.*slot;
    binaryfunc slotw = nullptr;
    if (Py_TYPE(b) != Py_TYPE(a)) {
        slotw = Py_TYPE(b)->tp_as_number.*slot;
        if (slotw == slotv) slotw = nullptr;
    }
    if (slotv != nullptr) {
        if (slotw != nullptr && type_is_subtype(Py_TYPE(b), Py_TYPE(a))) {
            PyObject* x = slotw(rt, a, b);
            if (x == nullptr || !is_not_implemented(rt, x)) return x;
            rt.decref(x);
            slotw = nullptr;
        }
        PyObject* x = slotv(rt, a, b);
        if (x == nullptr || !is_not_implemented(rt, x)) return x;
        rt.decref(x);
    }
    if (slotw != nullptr) {
        PyObject* x = slotw(rt, a, b);
        if (x == nullptr || !is_not_implemented(rt, x)) return x;
        rt.decref(x);
    }
    return nullptr;
}

PyObject* unsupported(Runtime& rt, PyObject* a, PyObject* b, const char* symbol) {
    if (rt.profile().major == 2)
        return err_format(rt, rt.builtins().exc.TypeError, "unsupported operand type(s) for %s: '%s' and '%s'",
                          symbol, type_name(Py_TYPE(a)).c_str(), type_name(Py_TYPE(b)).c_str());
    return err_format(rt, rt.builtins().exc.TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", symbol,
                      type_name(Py_TYPE(a)).c_str(), type_name(Py_TYPE(b)).c_str());
}

// seq * n or n * seq (sequence_repeat): n must be an index.
PyObject* sequence_repeat(Runtime& rt, ssizeargfunc repeat, PyObject* seq, PyObject* n) {
    if (Py_TYPE(n)->tp_as_number.nb_index == nullptr)
        return err_format(rt, rt.builtins().exc.TypeError, "can't multiply sequence by non-int of type '%s'",
                          type_name(Py_TYPE(n)).c_str());
    // PyNumber_AsSsize_t(n, OverflowError): a count beyond Py_ssize_t is an OverflowError here.
    PyObject* index = number_index(rt, n);
    if (index == nullptr) return nullptr;
    bool overflow = false;
    const Py_ssize_t count = long_as_int64(rt, index, &overflow);
    if (overflow) {
        err_format(rt, rt.builtins().exc.OverflowError, "cannot fit '%s' into an index-sized integer",
                   type_name(Py_TYPE(index)).c_str());
        rt.decref(index);
        return nullptr;
    }
    rt.decref(index);
    return repeat(rt, seq, count);
}

PyObject* ternary_power(Runtime& rt, PyObject* base, PyObject* exp, PyObject* mod, bool inplace) {
    if (inplace && Py_TYPE(base)->tp_as_number.nb_inplace_power != nullptr) {
        PyObject* x = Py_TYPE(base)->tp_as_number.nb_inplace_power(rt, base, exp, mod);
        if (x == nullptr || !is_not_implemented(rt, x)) return x;
        rt.decref(x);
    }
    ternaryfunc slotv = Py_TYPE(base)->tp_as_number.nb_power;
    ternaryfunc slotw = Py_TYPE(exp) != Py_TYPE(base) ? Py_TYPE(exp)->tp_as_number.nb_power : nullptr;
    if (slotw == slotv) slotw = nullptr;
    if (slotv != nullptr) {
        if (slotw != nullptr && type_is_subtype(Py_TYPE(exp), Py_TYPE(base))) {
            PyObject* x = slotw(rt, base, exp, mod);
            if (x == nullptr || !is_not_implemented(rt, x)) return x;
            rt.decref(x);
            slotw = nullptr;
        }
        PyObject* x = slotv(rt, base, exp, mod);
        if (x == nullptr || !is_not_implemented(rt, x)) return x;
        rt.decref(x);
    }
    if (slotw != nullptr) {
        PyObject* x = slotw(rt, base, exp, mod);
        if (x == nullptr || !is_not_implemented(rt, x)) return x;
        rt.decref(x);
    }
    if (mod == rt.builtins().singletons.none)
        return unsupported(rt, base, exp, inplace ? "**=" : "** or pow()");
    return err_format(rt, rt.builtins().exc.TypeError, "unsupported operand type(s) for pow(): '%s', '%s', '%s'",
                      type_name(Py_TYPE(base)).c_str(), type_name(Py_TYPE(exp)).c_str(),
                      type_name(Py_TYPE(mod)).c_str());
}

PyObject* unary(Runtime& rt, PyObject* o, unaryfunc f, const char* symbol) {
    if (f != nullptr) return f(rt, o);
    return err_format(rt, rt.builtins().exc.TypeError, "bad operand type for %s: '%s'", symbol,
                      type_name(Py_TYPE(o)).c_str());
}

}  // namespace

const char* binary_op_symbol(BinaryOp op, bool inplace) {
    const OpSlots& s = kOps[static_cast<int>(op)];
    return inplace ? s.inplace_symbol : s.symbol;
}

PyObject* number_binary_op(Runtime& rt, PyObject* a, PyObject* b, BinaryOp op, bool inplace) {
    if (op == BinaryOp::Pow) return ternary_power(rt, a, b, rt.builtins().singletons.none, inplace);
    const OpSlots& s = kOps[static_cast<int>(op)];
    const PySequenceMethods& sq = Py_TYPE(a)->tp_as_sequence;
    if (inplace) {
        if (binaryfunc f = Py_TYPE(a)->tp_as_number.*s.inplace; f != nullptr) {
            PyObject* x = f(rt, a, b);
            if (x == nullptr || !is_not_implemented(rt, x)) return x;
            rt.decref(x);
        }
    }
    if (PyObject* x = binary_op1(rt, a, b, s.binary); x != nullptr || err_occurred(rt)) return x;
    if (op == BinaryOp::Add) {
        binaryfunc concat = inplace && sq.sq_inplace_concat != nullptr ? sq.sq_inplace_concat : sq.sq_concat;
        if (concat != nullptr) return concat(rt, a, b);
    } else if (op == BinaryOp::Mult) {
        ssizeargfunc repeat = inplace && sq.sq_inplace_repeat != nullptr ? sq.sq_inplace_repeat : sq.sq_repeat;
        if (repeat != nullptr) return sequence_repeat(rt, repeat, a, b);
        if (ssizeargfunc r = Py_TYPE(b)->tp_as_sequence.sq_repeat; r != nullptr) return sequence_repeat(rt, r, b, a);
    }
    return unsupported(rt, a, b, inplace ? s.inplace_symbol : s.symbol);
}

PyObject* number_power(Runtime& rt, PyObject* base, PyObject* exp, PyObject* mod) {
    return ternary_power(rt, base, exp, mod, false);
}

PyObject* number_divmod(Runtime& rt, PyObject* a, PyObject* b) {
    PyObject* r = binary_op1(rt, a, b, &PyNumberMethods::nb_divmod);
    if (r != nullptr || err_occurred(rt)) return r;
    return unsupported(rt, a, b, "divmod()");
}

PyObject* number_negative(Runtime& rt, PyObject* o) {
    return unary(rt, o, Py_TYPE(o)->tp_as_number.nb_negative, "unary -");
}
PyObject* number_positive(Runtime& rt, PyObject* o) {
    return unary(rt, o, Py_TYPE(o)->tp_as_number.nb_positive, "unary +");
}
PyObject* number_invert(Runtime& rt, PyObject* o) {
    return unary(rt, o, Py_TYPE(o)->tp_as_number.nb_invert, "unary ~");
}
PyObject* number_absolute(Runtime& rt, PyObject* o) {
    return unary(rt, o, Py_TYPE(o)->tp_as_number.nb_absolute, "abs()");
}

PyObject* number_index(Runtime& rt, PyObject* o) {
    if (Py_TYPE(o)->has_flag(Py_TPFLAGS_LONG_SUBCLASS)) {
        rt.incref(o);
        return o;
    }
    unaryfunc f = Py_TYPE(o)->tp_as_number.nb_index;
    if (f == nullptr)
        return err_format(rt, rt.builtins().exc.TypeError,
                          "'%s' object cannot be interpreted as an integer", type_name(Py_TYPE(o)).c_str());
    return f(rt, o);
}

bool number_as_ssize(Runtime& rt, PyObject* o, Py_ssize_t* out) {
    PyObject* i = number_index(rt, o);
    if (i == nullptr) return false;
    bool overflow = false;
    *out = long_as_int64(rt, i, &overflow);
    rt.decref(i);
    if (overflow) {
        err_format(rt, rt.builtins().exc.IndexError, "cannot fit 'int' into an index-sized integer");
        return false;
    }
    return true;
}

PyObject* number_long(Runtime& rt, PyObject* o) {
    if (Py_TYPE(o) == rt.builtins().long_type) {
        rt.incref(o);
        return o;
    }
    if (unaryfunc f = Py_TYPE(o)->tp_as_number.nb_int; f != nullptr) return f(rt, o);
    if (unaryfunc f = Py_TYPE(o)->tp_as_number.nb_index; f != nullptr) return f(rt, o);
    return err_format(rt, rt.builtins().exc.TypeError,
                      "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                      type_name(Py_TYPE(o)).c_str());
}

PyObject* number_float(Runtime& rt, PyObject* o) {
    if (Py_TYPE(o) == rt.builtins().float_type) {
        rt.incref(o);
        return o;
    }
    if (unaryfunc f = Py_TYPE(o)->tp_as_number.nb_float; f != nullptr) return f(rt, o);
    return err_format(rt, rt.builtins().exc.TypeError, "float() argument must be a string or a real number, not '%s'",
                      type_name(Py_TYPE(o)).c_str());
}

}  // namespace pymemlab
