// 2.7's int (Objects/intobject.c): arithmetic on C longs. A result that does not fit goes to
// long's slot with both operands (which converts them to temporary longs), so 2**62 * 4 is a
// long, as in 2.7; an operand that is a long or a float makes these slots decline
// (NotImplemented) and long's or float's take the pair.
#include <cstdint>

#include "object/builtins.h"
#include "object/errors.h"
#include "object/float_arith.h"
#include "object/long_arith.h"
#include "object/long_internal.h"
#include "object/runtime.h"
#include "object/singletons.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {

int64_t ival(const PyObject* o) { return reinterpret_cast<const PyIntObject*>(o)->ob_ival; }

PyObject* new_int(Runtime& rt, int64_t v) {
    PyObject* o = long_from_int64(rt, v);
    return o != nullptr ? o : err_no_memory(rt);
}

// CONVERT_TO_LONG: both operands must be 2.7 ints (bool included).
#define INT_OPERANDS(rt, x, y)                                                \
    if (!is_int27(rt, x) || !is_int27(rt, y)) return new_not_implemented(rt); \
    const int64_t a = ival(x), b = ival(y)

enum class DivmodResult { kOk, kOverflow, kError };

// i_divmod: floor division and modulo of C longs.
DivmodResult i_divmod(Runtime& rt, int64_t x, int64_t y, int64_t* p_xdivy, int64_t* p_xmody) {
    if (y == 0) {
        err_set_string(rt, rt.builtins().exc.ZeroDivisionError, "integer division or modulo by zero");
        return DivmodResult::kError;
    }
    if (y == -1 && x == INT64_MIN) return DivmodResult::kOverflow;  // the only overflow
    int64_t xdivy = x / y;
    int64_t xmody =
        static_cast<int64_t>(static_cast<uint64_t>(x) - static_cast<uint64_t>(xdivy) * static_cast<uint64_t>(y));
    if (xmody && ((y ^ xmody) < 0)) {  // signs differ: C truncated, Python floors
        xmody += y;
        --xdivy;
    }
    *p_xdivy = xdivy;
    *p_xmody = xmody;
    return DivmodResult::kOk;
}

PyObject* int_add(Runtime& rt, PyObject* x, PyObject* y) {
    INT_OPERANDS(rt, x, y);
    int64_t r;
    if (__builtin_add_overflow(a, b, &r)) return long_add(rt, x, y);
    return new_int(rt, r);
}

PyObject* int_sub(Runtime& rt, PyObject* x, PyObject* y) {
    INT_OPERANDS(rt, x, y);
    int64_t r;
    if (__builtin_sub_overflow(a, b, &r)) return long_sub(rt, x, y);
    return new_int(rt, r);
}

PyObject* int_mul(Runtime& rt, PyObject* x, PyObject* y) {
    INT_OPERANDS(rt, x, y);
    int64_t r;
    if (__builtin_mul_overflow(a, b, &r)) return long_mul(rt, x, y);
    return new_int(rt, r);
}

// int_div / int_floor_div: 2.7's / on two ints floors, like //.
PyObject* int_div(Runtime& rt, PyObject* x, PyObject* y) {
    INT_OPERANDS(rt, x, y);
    int64_t d, m;
    switch (i_divmod(rt, a, b, &d, &m)) {
        case DivmodResult::kOk:
            return new_int(rt, d);
        case DivmodResult::kOverflow:
            return long_div(rt, x, y);
        default:
            return nullptr;
    }
}

PyObject* int_mod(Runtime& rt, PyObject* x, PyObject* y) {
    INT_OPERANDS(rt, x, y);
    int64_t d, m;
    switch (i_divmod(rt, a, b, &d, &m)) {
        case DivmodResult::kOk:
            return new_int(rt, m);
        case DivmodResult::kOverflow:
            return long_mod(rt, x, y);
        default:
            return nullptr;
    }
}

PyObject* int_divmod(Runtime& rt, PyObject* x, PyObject* y) {
    INT_OPERANDS(rt, x, y);
    int64_t d, m;
    switch (i_divmod(rt, a, b, &d, &m)) {
        case DivmodResult::kOk:
            break;
        case DivmodResult::kOverflow:
            return long_divmod(rt, x, y);
        default:
            return nullptr;
    }
    PyObject* q = new_int(rt, d);
    PyObject* r = q != nullptr ? new_int(rt, m) : nullptr;
    PyObject* t = r != nullptr ? tuple_new(rt, 2) : nullptr;
    if (t == nullptr) {
        rt.xdecref(q);
        rt.xdecref(r);
        return err_occurred(rt) ? nullptr : err_no_memory(rt);
    }
    tuple_items(t)[0] = q;
    tuple_items(t)[1] = r;
    return t;
}

// int_pow: square-and-multiply on C longs with the overflow checks of 2.7 (which hand the
// whole computation to long_pow, with the modulus too, at the first overflow).
PyObject* int_pow(Runtime& rt, PyObject* x, PyObject* y, PyObject* z) {
    if (!is_int27(rt, x) || !is_int27(rt, y)) return new_not_implemented(rt);
    const int64_t iv = ival(x);
    int64_t iw = ival(y), iz = 0;
    const bool has_mod = z != rt.builtins().singletons.none;
    if (iw < 0) {
        if (has_mod)
            return err_set_string(rt, rt.builtins().exc.TypeError,
                                  "pow() 2nd argument cannot be negative when 3rd argument specified");
        return float_pow(rt, x, y, z);
    }
    if (has_mod) {
        if (!is_int27(rt, z)) return new_not_implemented(rt);
        iz = ival(z);
        if (iz == 0) return err_set_string(rt, rt.builtins().exc.ValueError, "pow() 3rd argument cannot be 0");
    }
    int64_t temp = iv, ix = 1;
    while (iw > 0) {
        int64_t prev = ix;
        if (iw & 1) {
            ix = static_cast<int64_t>(static_cast<uint64_t>(ix) * static_cast<uint64_t>(temp));
            if (temp == 0) break;
            if ((temp == -1 && ix == INT64_MIN) || ix / temp != prev) return long_pow(rt, x, y, z);
        }
        iw >>= 1;
        if (iw == 0) break;
        prev = temp;
        temp = static_cast<int64_t>(static_cast<uint64_t>(temp) * static_cast<uint64_t>(temp));
        if (prev != 0 && ((prev == -1 && temp == INT64_MIN) || temp / prev != prev)) return long_pow(rt, x, y, z);
        if (iz) {
            ix = ix % iz;
            temp = temp % iz;
        }
    }
    if (iz) {
        int64_t d, m;
        switch (i_divmod(rt, ix, iz, &d, &m)) {
            case DivmodResult::kOk:
                ix = m;
                break;
            case DivmodResult::kOverflow:
                return long_pow(rt, x, y, z);
            default:
                return nullptr;
        }
    }
    return new_int(rt, ix);
}

// int_int: the object itself when it is exactly an int, else an int of its value.
PyObject* int_int(Runtime& rt, PyObject* v) {
    if (Py_TYPE(v) == rt.builtins().long_type) {
        rt.incref(v);
        return v;
    }
    return new_int(rt, ival(v));
}

PyObject* int_neg(Runtime& rt, PyObject* v) {
    if (ival(v) == INT64_MIN) {  // -LONG_MIN is a long
        PyObject* big = as_bignum(rt, v);
        if (big == nullptr) return err_no_memory(rt);
        PyObject* r = long_neg(rt, big);
        rt.decref(big);
        return r;
    }
    return new_int(rt, -ival(v));
}

PyObject* int_abs(Runtime& rt, PyObject* v) { return ival(v) >= 0 ? int_int(rt, v) : int_neg(rt, v); }
PyObject* int_invert(Runtime& rt, PyObject* v) { return new_int(rt, ~ival(v)); }
int int_nonzero(Runtime&, PyObject* v) { return ival(v) != 0; }

PyObject* int_float(Runtime& rt, PyObject* v) { return long_float(rt, v); }

PyObject* int_lshift(Runtime& rt, PyObject* x, PyObject* y) {
    INT_OPERANDS(rt, x, y);
    if (b < 0) return err_set_string(rt, rt.builtins().exc.ValueError, "negative shift count");
    if (a == 0 || b == 0) return int_int(rt, x);
    if (b >= 64) return long_lshift(rt, x, y);
    const int64_t c = static_cast<int64_t>(static_cast<uint64_t>(a) << b);
    if (a != (c >> b)) return long_lshift(rt, x, y);
    return new_int(rt, c);
}

PyObject* int_rshift(Runtime& rt, PyObject* x, PyObject* y) {
    INT_OPERANDS(rt, x, y);
    if (b < 0) return err_set_string(rt, rt.builtins().exc.ValueError, "negative shift count");
    if (a == 0 || b == 0) return int_int(rt, x);
    return new_int(rt, b >= 64 ? (a < 0 ? -1 : 0) : a >> b);
}

PyObject* int_richcompare(Runtime& rt, PyObject* x, PyObject* y, int op) {
    if (!is_int27(rt, x) || !is_int27(rt, y)) return new_not_implemented(rt);
    const int64_t a = ival(x), b = ival(y);
    bool r;
    switch (op) {
        case Py_LT:
            r = a < b;
            break;
        case Py_LE:
            r = a <= b;
            break;
        case Py_EQ:
            r = a == b;
            break;
        case Py_NE:
            r = a != b;
            break;
        case Py_GT:
            r = a > b;
            break;
        default:
            r = a >= b;
            break;
    }
    return bool_from(rt, r);
}

}  // namespace

PyObject* int27_and(Runtime& rt, PyObject* x, PyObject* y) {
    INT_OPERANDS(rt, x, y);
    return new_int(rt, a & b);
}
PyObject* int27_or(Runtime& rt, PyObject* x, PyObject* y) {
    INT_OPERANDS(rt, x, y);
    return new_int(rt, a | b);
}
PyObject* int27_xor(Runtime& rt, PyObject* x, PyObject* y) {
    INT_OPERANDS(rt, x, y);
    return new_int(rt, a ^ b);
}

void int27_install_slots(PyTypeObject* t) {
    PyNumberMethods& nb = t->tp_as_number;
    nb.nb_add = int_add;
    nb.nb_subtract = int_sub;
    nb.nb_multiply = int_mul;
    nb.nb_remainder = int_mod;
    nb.nb_divmod = int_divmod;
    nb.nb_power = int_pow;
    nb.nb_negative = int_neg;
    nb.nb_positive = int_int;
    nb.nb_absolute = int_abs;
    nb.nb_bool = int_nonzero;
    nb.nb_invert = int_invert;
    nb.nb_lshift = int_lshift;
    nb.nb_rshift = int_rshift;
    nb.nb_and = int27_and;
    nb.nb_xor = int27_xor;
    nb.nb_or = int27_or;
    nb.nb_int = int_int;
    nb.nb_float = int_float;
    nb.nb_floor_divide = int_div;
    // The model's / is nb_true_divide; 2.7 without `from __future__ import division` divides
    // two ints classically, flooring (int_classic_div).
    nb.nb_true_divide = int_div;
    nb.nb_index = int_int;
    t->tp_richcompare = int_richcompare;
    t->tp_hash = long_tp_hash;
    t->tp_repr = long_to_decimal_string;
    t->tp_str = long_str;
    t->tp_new = long_tp_new;
    t->tp_methods = kLongMethods;
    t->tp_flags |= Py_TPFLAGS_LONG_SUBCLASS | Py_TPFLAGS_BASETYPE;
}

}  // namespace pymemlab
