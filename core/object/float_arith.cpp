// float + - * / // % divmod ** and comparison (Objects/floatobject.c), with int operands
// converted as CONVERT_TO_DOUBLE does (an int too large raises OverflowError) and compared
// exactly; _Py_HashDouble per profile; float.__round__ (3.x) and 2.7's round().
#include "object/float_arith.h"

#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "object/builtins.h"
#include "object/complex_object.h"
#include "object/errors.h"
#include "object/float_object.h"
#include "object/hash.h"
#include "object/long_arith.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/singletons.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {

// PyFloat_Check: float or a subclass of it (the model walks tp_base).
bool is_float(const Runtime& rt, const PyObject* o) {
    for (const PyTypeObject* t = Py_TYPE(o); t != nullptr; t = t->tp_base)
        if (t == rt.builtins().float_type) return true;
    return false;
}

// CONVERT_TO_DOUBLE: 1 converted, 0 not a float or an int (NotImplemented), -1 error set.
int to_double(Runtime& rt, PyObject* o, double* out) {
    if (is_float(rt, o)) {
        *out = float_value(o);
        return 1;
    }
    if (long_check(o)) return long_as_double(rt, o, out) ? 1 : -1;
    return 0;
}

PyObject* new_float(Runtime& rt, double v) {
    PyObject* f = float_from_double(rt, v);
    return f != nullptr ? f : err_no_memory(rt);
}

PyObject* not_implemented(Runtime& rt) {
    PyObject* o = rt.builtins().singletons.not_implemented;
    rt.incref(o);
    return o;
}

// The operands of a binary slot: `status` 1 both converted, 0 NotImplemented, -1 error.
struct Doubles {
    double a = 0, b = 0;
    int status = 0;
    Doubles(Runtime& rt, PyObject* x, PyObject* y) {
        status = to_double(rt, x, &a);
        if (status == 1) status = to_double(rt, y, &b);
    }
};

#define FLOAT_OPERANDS(rt, x, y)                     \
    Doubles ops(rt, x, y);                           \
    if (ops.status == 0) return not_implemented(rt); \
    if (ops.status < 0) return nullptr

// _float_div_mod: floor quotient and modulo with the sign of the divisor (wx != 0).
void float_div_mod(double vx, double wx, double* floordiv, double* mod) {
    *mod = std::fmod(vx, wx);
    // fmod is exact, so vx - mod is an exact multiple of wx in exact arithmetic; in floating
    // point div may be a hair off an integer, hence the snapping below.
    double div = (vx - *mod) / wx;
    if (*mod != 0.0) {
        if ((wx < 0) != (*mod < 0)) {
            *mod += wx;
            div -= 1.0;
        }
    } else {
        *mod = std::copysign(0.0, wx);
    }
    if (div != 0.0) {
        *floordiv = std::floor(div);
        if (div - *floordiv > 0.5) *floordiv += 1.0;
    } else {
        *floordiv = std::copysign(0.0, vx / wx);
    }
}

bool is_odd_integer(double x) { return std::fmod(std::fabs(x), 2.0) == 1.0; }

}  // namespace

PyObject* float_add(Runtime& rt, PyObject* x, PyObject* y) {
    FLOAT_OPERANDS(rt, x, y);
    return new_float(rt, ops.a + ops.b);
}

PyObject* float_sub(Runtime& rt, PyObject* x, PyObject* y) {
    FLOAT_OPERANDS(rt, x, y);
    return new_float(rt, ops.a - ops.b);
}

PyObject* float_mul(Runtime& rt, PyObject* x, PyObject* y) {
    FLOAT_OPERANDS(rt, x, y);
    return new_float(rt, ops.a * ops.b);
}

PyObject* float_div(Runtime& rt, PyObject* x, PyObject* y) {
    FLOAT_OPERANDS(rt, x, y);
    if (ops.b == 0.0) return err_zero_division(rt, "float division by zero");
    return new_float(rt, ops.a / ops.b);
}

PyObject* float_rem(Runtime& rt, PyObject* x, PyObject* y) {
    FLOAT_OPERANDS(rt, x, y);
    if (ops.b == 0.0) return err_zero_division(rt, rt.profile().at_least(3, 13) ? "float modulo by zero" : "float modulo");
    double mod = std::fmod(ops.a, ops.b);
    if (mod != 0.0) {
        if ((ops.b < 0) != (mod < 0)) mod += ops.b;  // the sign of the divisor
    } else {
        mod = std::copysign(0.0, ops.b);
    }
    return new_float(rt, mod);
}

PyObject* float_floor_div(Runtime& rt, PyObject* x, PyObject* y) {
    FLOAT_OPERANDS(rt, x, y);
    if (ops.b == 0.0)
        return err_zero_division(rt, rt.profile().at_least(3, 10) ? "float floor division by zero" : "float divmod()");
    double div, mod;
    float_div_mod(ops.a, ops.b, &div, &mod);
    return new_float(rt, div);
}

PyObject* float_divmod(Runtime& rt, PyObject* x, PyObject* y) {
    FLOAT_OPERANDS(rt, x, y);
    if (ops.b == 0.0) return err_zero_division(rt, "float divmod()");
    double div, mod;
    float_div_mod(ops.a, ops.b, &div, &mod);
    PyObject* d = new_float(rt, div);
    PyObject* m = d != nullptr ? new_float(rt, mod) : nullptr;
    PyObject* t = m != nullptr ? tuple_new(rt, 2) : nullptr;
    if (t == nullptr) {
        rt.xdecref(d);
        rt.xdecref(m);
        return err_occurred(rt) ? nullptr : err_no_memory(rt);
    }
    tuple_items(t)[0] = d;
    tuple_items(t)[1] = m;
    return t;
}

PyObject* float_pow(Runtime& rt, PyObject* x, PyObject* y, PyObject* z) {
    if (z != rt.builtins().singletons.none)
        return err_set_string(rt, rt.builtins().exc.TypeError,
                              "pow() 3rd argument not allowed unless all arguments are integers");
    FLOAT_OPERANDS(rt, x, y);
    double iv = ops.a, iw = ops.b;
    // The special cases are sorted out here rather than left to the platform's pow().
    if (iw == 0) return new_float(rt, 1.0);  // v**0 is 1, even 0**0
    if (std::isnan(iv)) return new_float(rt, iv);
    if (std::isnan(iw)) return new_float(rt, iv == 1.0 ? 1.0 : iw);
    if (std::isinf(iw)) {
        // v**inf is 0.0, 1.0 or inf as |v| < 1, == 1, > 1; v**-inf the other way round.
        iv = std::fabs(iv);
        if (iv == 1.0) return new_float(rt, 1.0);
        if ((iw > 0.0) == (iv > 1.0)) return new_float(rt, std::fabs(iw));
        return new_float(rt, 0.0);
    }
    if (std::isinf(iv)) {
        const bool odd = is_odd_integer(iw);
        if (iw > 0.0) return new_float(rt, odd ? iv : std::fabs(iv));
        return new_float(rt, odd ? std::copysign(0.0, iv) : 0.0);
    }
    if (iv == 0.0) {
        const bool odd = is_odd_integer(iw);
        if (iw < 0.0) return err_set_string(rt, rt.builtins().exc.ZeroDivisionError, rt.profile().at_least(3, 14) ? "zero to a negative power" : "0.0 cannot be raised to a negative power");
        return new_float(rt, odd ? iv : 0.0);
    }
    bool negate_result = false;
    if (iv < 0.0) {
        if (iw != std::floor(iw)) {
            // 3.x hands a negative base with a fractional exponent to complex's power.
            if (rt.profile().major >= 3) return complex_pow_doubles(rt, iv, iw);
            return err_set_string(rt, rt.builtins().exc.ValueError,
                                  "negative number cannot be raised to a fractional power");
        }
        iv = -iv;
        negate_result = is_odd_integer(iw);
    }
    if (iv == 1.0) return new_float(rt, negate_result ? -1.0 : 1.0);
    errno = 0;
    double ix = std::pow(iv, iw);
    // _Py_ADJUST_ERANGE1: an infinite result is an overflow; an underflow to 0 is not an error.
    if (std::isinf(ix)) {
        return err_set_string(rt, rt.builtins().exc.OverflowError, "(34, 'Numerical result out of range')");
    }
    if (negate_result) ix = -ix;
    return new_float(rt, ix);
}

PyObject* float_neg(Runtime& rt, PyObject* v) { return new_float(rt, -float_value(v)); }
PyObject* float_abs(Runtime& rt, PyObject* v) { return new_float(rt, std::fabs(float_value(v))); }

PyObject* float_float(Runtime& rt, PyObject* v) {
    if (Py_TYPE(v) == rt.builtins().float_type) {
        rt.incref(v);
        return v;
    }
    return new_float(rt, float_value(v));
}

int float_bool(Runtime&, PyObject* v) { return float_value(v) != 0.0; }

PyObject* float_trunc(Runtime& rt, PyObject* v) { return long_from_double(rt, std::trunc(float_value(v))); }

// float_richcompare: v is the float (int's slot declines a float and the reflected call lands
// here). An int is compared exactly, however large.
PyObject* float_richcompare(Runtime& rt, PyObject* v, PyObject* w, int op) {
    const double i = float_value(v);
    int c;  // sign of i - w; 2 when unordered (a NaN)
    if (is_float(rt, w)) {
        const double j = float_value(w);
        c = std::isnan(i) || std::isnan(j) ? 2 : i < j ? -1 : i > j ? 1 : 0;
    } else if (long_check(w)) {
        c = long_compare_double(rt, w, i);
        if (c != 2) c = -c;
    } else {
        return not_implemented(rt);
    }
    bool r;
    switch (op) {
        case Py_EQ:
            r = c == 0;
            break;
        case Py_NE:
            r = c != 0;
            break;
        case Py_LE:
            r = c == 0 || c == -1;
            break;
        case Py_GE:
            r = c == 0 || c == 1;
            break;
        case Py_LT:
            r = c == -1;
            break;
        default:
            r = c == 1;
            break;
    }
    return bool_from(rt, r);
}

// ---- hashing -------------------------------------------------------------------------------------

Py_hash_t hash_double(const Runtime& rt, const PyObject* inst, double v) {
    const Profile& p = rt.profile();
    if (p.major == 2) {
        if (!std::isfinite(v)) return std::isinf(v) ? (v < 0 ? -271828 : 314159) : 0;
        double intpart;
        const double fractpart = std::modf(v, &intpart);
        if (fractpart == 0.0) {
            if (intpart > static_cast<double>(INT64_MAX / 2) || -intpart > static_cast<double>(INT64_MAX / 2)) {
                // Too large for a C long's own hash: the hash of the equal long.
                std::vector<uint32_t> digits;
                int expo;
                double frac = std::frexp(std::fabs(v), &expo);
                const int ndig = (expo - 1) / PyLong_SHIFT + 1;
                digits.resize(static_cast<size_t>(ndig));
                frac = std::ldexp(frac, (expo - 1) % PyLong_SHIFT + 1);
                for (int i = ndig; --i >= 0;) {
                    const auto bits = static_cast<uint32_t>(frac);
                    digits[static_cast<size_t>(i)] = bits;
                    frac = std::ldexp(frac - bits, PyLong_SHIFT);
                }
                return hash_long_digits(p, digits.data(), ndig, v < 0 ? -1 : 1);
            }
            const auto x = static_cast<int64_t>(intpart);
            return x == -1 ? -2 : x;
        }
        int expo;
        v = std::frexp(v, &expo);
        v *= 2147483648.0;  // 2**31
        const auto hipart = static_cast<int64_t>(v);
        v = (v - static_cast<double>(hipart)) * 2147483648.0;
        const int64_t x = hipart + static_cast<int64_t>(v) + (static_cast<int64_t>(expo) << 15);
        return x == -1 ? -2 : x;
    }
    if (!std::isfinite(v)) {
        if (std::isinf(v)) return v > 0 ? 314159 : -314159;  // _PyHASH_INF
        // A NaN: 0 up to 3.9; from 3.10 the object's identity (_Py_HashPointer).
        return p.at_least(3, 10) ? hash_pointer(rt.id(inst)) : 0;
    }
    int e;
    double m = std::frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    // 28 bits at a time, reduced modulo 2**61 - 1.
    Py_uhash_t x = 0;
    while (m != 0.0) {
        x = ((x << 28) & kPyHashModulus) | x >> (kPyHashBits - 28);
        m *= 268435456.0;  // 2**28
        e -= 28;
        const auto y = static_cast<Py_uhash_t>(m);
        m -= static_cast<double>(y);
        x += y;
        if (x >= kPyHashModulus) x -= kPyHashModulus;
    }
    // The exponent, reduced modulo 61 (a rotation).
    e = e >= 0 ? e % kPyHashBits : kPyHashBits - 1 - ((-1 - e) % kPyHashBits);
    x = ((x << e) & kPyHashModulus) | x >> (kPyHashBits - e);
    x = x * static_cast<Py_uhash_t>(static_cast<int64_t>(sign));
    if (x == static_cast<Py_uhash_t>(-1)) x = static_cast<Py_uhash_t>(-2);
    return static_cast<Py_hash_t>(x);
}

Py_hash_t float_tp_hash(Runtime& rt, PyObject* v) { return hash_double(rt, v, float_value(v)); }

// ---- round ------------------------------------------------------------------------------------------

namespace {

// Past NDIGITS_MAX a float rounds to itself; below NDIGITS_MIN to a zero of its sign (0.30103
// bounds log10(2) from above).
constexpr int kNdigitsMax = static_cast<int>((DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103);
constexpr int kNdigitsMin = -static_cast<int>((DBL_MAX_EXP + 1) * 0.30103);
static_assert(kNdigitsMax == 323 && kNdigitsMin == -308);

// round-half-away-from-zero to an integer (2.7's round(x), and C's round()).
double round_half_away(double x) {
    double rounded = std::round(x);
    if (std::fabs(rounded - x) == 0.5) rounded = x + (x > 0.0 ? 0.5 : -0.5);
    return rounded;
}

}  // namespace

PyObject* double_round_to_float(Runtime& rt, double x, int64_t ndigits) {
    if (!std::isfinite(x) || (rt.profile().major == 2 && x == 0.0)) return new_float(rt, x);
    if (ndigits > kNdigitsMax) return new_float(rt, x);
    if (ndigits < kNdigitsMin) return new_float(rt, 0.0 * x);
    if (rt.profile().major == 2 && ndigits == 0) return new_float(rt, round_half_away(x));
    const std::string text = double_round_text(x, static_cast<int>(ndigits), rt.profile().major == 2);
    errno = 0;
    const double rounded = std::strtod(text.c_str(), nullptr);
    if (std::isinf(rounded))
        return err_set_string(rt, rt.builtins().exc.OverflowError, "rounded value too large to represent");
    return new_float(rt, rounded);
}

PyObject* float_round(Runtime& rt, PyObject* v, PyObject* o_ndigits) {
    const Profile& p = rt.profile();
    double x;
    if (is_float(rt, v)) {
        x = float_value(v);
    } else if (!long_as_double(rt, v, &x)) {
        return nullptr;
    }
    const bool none = o_ndigits == nullptr || o_ndigits == rt.builtins().singletons.none;
    if (none && p.major != 2) {
        // round(x): to the nearest integer, halves to even, as an int.
        double rounded = std::round(x);
        if (std::fabs(x - rounded) == 0.5) rounded = 2.0 * std::round(x / 2.0);
        return long_from_double(rt, rounded);
    }
    int64_t ndigits = 0;
    if (!none) {
        if (!long_check(o_ndigits))
            return err_format(rt, rt.builtins().exc.TypeError,
                              p.major == 2 ? "'%s' object cannot be interpreted as an index"
                                           : "'%s' object cannot be interpreted as an integer",
                              Py_TYPE(o_ndigits)->tp_name);
        // PyNumber_AsSsize_t(o, NULL) clips on overflow.
        bool overflow = false;
        ndigits = long_as_int64(rt, o_ndigits, &overflow);
        if (overflow) ndigits = long_sign(rt, o_ndigits) < 0 ? INT64_MIN : INT64_MAX;
    }
    return double_round_to_float(rt, x, ndigits);
}

}  // namespace pymemlab
