// int // % divmod / and ** (Objects/longobject.c): Knuth's algorithm D (x_divrem) and divrem1
// over the objects' digits, the floor adjustments of l_divmod, the correctly rounded true
// division, modular inverse and left-to-right binary exponentiation. Per profile: the error
// texts, whether a remainder goes through the small-int cache (3.11+), 3.11's separate modulo
// path, and pow's handling of a negative exponent with a modulus (3.8+).
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>

#include "object/builtins.h"
#include "object/errors.h"
#include "object/float_arith.h"
#include "object/float_object.h"
#include "object/long_arith.h"
#include "object/long_internal.h"
#include "object/runtime.h"
#include "object/singletons.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {

// From 3.11 the remainder of x_divrem passes through maybe_small_long (3.10 returns 0 from
// 2**30 % 2**30 as a new two-digit object; measured with tracemalloc), and `%` has its own
// path (l_mod, long_rem) with its own message.
bool caches_remainder(const Profile& p) { return p.at_least(3, 11); }
bool has_l_mod(const Profile& p) { return p.at_least(3, 11); }

const char* divrem_zero_message(const Profile& p) {
    return p.major == 2 ? "long division or modulo by zero" : "integer division or modulo by zero";
}

// Unsigned division with remainder (Knuth, TAOCP Vol. 2, 4.3.1, Algorithm D), for
// 2 <= |w1| <= |v1| digits. The quotient has k = size_v - size_w digits (one more when the
// normalized v's top digit is not below w's); w's block, size_w digits, holds the remainder.
PyObject* x_divrem(Runtime& rt, PyObject* v1, PyObject* w1, PyObject** prem) {
    const Profile& p = rt.profile();
    int64_t size_v = labs_size(p, v1);
    const int64_t size_w = labs_size(p, w1);
    *prem = nullptr;
    if (!charge_digit_ops(rt, (size_v - size_w + 1) * size_w)) return nullptr;
    PyObject* v = long_new_or_raise(rt, size_v + 1);
    if (v == nullptr) return nullptr;
    PyObject* w = long_new_or_raise(rt, size_w);
    if (w == nullptr) {
        rt.decref(v);
        return nullptr;
    }
    // Normalize: shift w1 left so that its top digit is >= PyLong_BASE/2, v1 by as much.
    const int d = PyLong_SHIFT - bit_length_digit(ob_digit(w1)[size_w - 1]);
    v_lshift(ob_digit(w), ob_digit(w1), size_w, d);
    digit carry = v_lshift(ob_digit(v), ob_digit(v1), size_v, d);
    if (carry != 0 || ob_digit(v)[size_v - 1] >= ob_digit(w)[size_w - 1]) {
        ob_digit(v)[size_v] = carry;
        size_v++;
    }
    const int64_t k = size_v - size_w;
    PyObject* a = long_new_or_raise(rt, k);
    if (a == nullptr) {
        rt.decref(w);
        rt.decref(v);
        return nullptr;
    }
    digit* v0 = ob_digit(v);
    const digit* w0 = ob_digit(w);
    const digit wm1 = w0[size_w - 1], wm2 = w0[size_w - 2];
    digit* ak = ob_digit(a) + k;
    for (digit* vk = v0 + k; vk-- > v0;) {
        // Estimate the quotient digit q (may be one too large, rarely).
        const digit vtop = vk[size_w];
        const twodigits vv = (static_cast<twodigits>(vtop) << PyLong_SHIFT) | vk[size_w - 1];
        digit q = static_cast<digit>(vv / wm1);
        digit r = static_cast<digit>(vv - static_cast<twodigits>(wm1) * q);
        while (static_cast<twodigits>(wm2) * q > ((static_cast<twodigits>(r) << PyLong_SHIFT) | vk[size_w - 2])) {
            --q;
            r += wm1;
            if (r >= PyLong_BASE) break;
        }
        // Subtract q * w0[0:size_w] from vk[0:size_w+1].
        sdigit zhi = 0;
        for (int64_t i = 0; i < size_w; ++i) {
            const stwodigits z = static_cast<sdigit>(vk[i]) + zhi - static_cast<stwodigits>(q) * w0[i];
            vk[i] = static_cast<digit>(z) & PyLong_MASK;
            zhi = static_cast<sdigit>(z >> PyLong_SHIFT);  // arithmetic shift
        }
        // Add w back if q was too large.
        if (static_cast<sdigit>(vtop) + zhi < 0) {
            digit c = 0;
            for (int64_t i = 0; i < size_w; ++i) {
                c += vk[i] + w0[i];
                vk[i] = c & PyLong_MASK;
                c >>= PyLong_SHIFT;
            }
            --q;
        }
        *--ak = q;
    }
    // Unshift the remainder into w's block.
    v_rshift(ob_digit(w), v0, size_w, d);
    rt.decref(v);
    *prem = long_normalize(rt, w);
    return long_normalize(rt, a);
}

// long_divrem: truncating division; the quotient has the sign of a*b, the remainder a's.
int long_divrem(Runtime& rt, PyObject* a, PyObject* b, PyObject** pdiv, PyObject** prem) {
    const Profile& p = rt.profile();
    const int64_t size_a = labs_size(p, a), size_b = labs_size(p, b);
    if (size_b == 0) {
        err_zero_division(rt, divrem_zero_message(p));
        return -1;
    }
    if (size_a < size_b || (size_a == size_b && ob_digit(a)[size_a - 1] < ob_digit(b)[size_b - 1])) {
        // |a| < |b|: the remainder is a itself.
        *prem = long_long_ref(rt, a);
        if (*prem == nullptr) return -1;
        *pdiv = long_from_stwodigits(rt, 0);
        return *pdiv != nullptr ? 0 : (rt.decref(*prem), err_no_memory(rt), -1);
    }
    PyObject* z;
    if (size_b == 1) {
        digit rem = 0;
        z = divrem1(rt, a, ob_digit(b)[0], &rem);
        if (z == nullptr) return -1;
        *prem = long_from_stwodigits(rt, rem);
        if (*prem == nullptr) {
            rt.decref(z);
            err_no_memory(rt);
            return -1;
        }
    } else {
        z = x_divrem(rt, a, b, prem);
        if (z == nullptr) return -1;
        if (caches_remainder(p)) *prem = maybe_small_long(rt, *prem);
    }
    if ((lsize(p, a) < 0) != (lsize(p, b) < 0) && !long_negate(rt, &z)) {
        rt.decref(*prem);
        return -1;
    }
    if (lsize(p, a) < 0 && lsize(p, *prem) != 0 && !long_negate(rt, prem)) {
        rt.decref(z);
        return -1;
    }
    *pdiv = maybe_small_long(rt, z);
    return 0;
}

// long_rem (3.11+): the truncating remainder alone, with the sign of a.
int long_rem(Runtime& rt, PyObject* a, PyObject* b, PyObject** prem) {
    const Profile& p = rt.profile();
    const int64_t size_a = labs_size(p, a), size_b = labs_size(p, b);
    if (size_b == 0) {
        err_zero_division(rt, "integer modulo by zero");
        return -1;
    }
    if (size_a < size_b || (size_a == size_b && ob_digit(a)[size_a - 1] < ob_digit(b)[size_b - 1])) {
        *prem = long_long_ref(rt, a);
        return *prem != nullptr ? 0 : -1;
    }
    if (size_b == 1) {
        // rem1: the remainder without building the quotient.
        twodigits rem = 0;
        for (int64_t i = size_a; i-- > 0;) rem = ((rem << PyLong_SHIFT) | ob_digit(a)[i]) % ob_digit(b)[0];
        *prem = long_from_stwodigits(rt, static_cast<stwodigits>(rem));
        if (*prem == nullptr) {
            err_no_memory(rt);
            return -1;
        }
    } else {
        PyObject* q = x_divrem(rt, a, b, prem);
        if (q == nullptr) return -1;
        rt.decref(q);
        *prem = maybe_small_long(rt, *prem);
    }
    if (lsize(p, a) < 0 && lsize(p, *prem) != 0 && !long_negate(rt, prem)) return -1;
    return 0;
}

// fast_mod / fast_floor_div: both operands of exactly one digit.
PyObject* fast_mod(Runtime& rt, PyObject* a, PyObject* b) {
    const Profile& p = rt.profile();
    const sdigit left = static_cast<sdigit>(ob_digit(a)[0]), right = static_cast<sdigit>(ob_digit(b)[0]);
    const sdigit mod = lsize(p, a) == lsize(p, b) ? left % right : right - 1 - (left - 1) % right;
    return long_from_stwodigits(rt, static_cast<stwodigits>(mod) * lsize(p, b));
}

PyObject* fast_floor_div(Runtime& rt, PyObject* a, PyObject* b) {
    const Profile& p = rt.profile();
    const sdigit left = static_cast<sdigit>(ob_digit(a)[0]), right = static_cast<sdigit>(ob_digit(b)[0]);
    const sdigit div = lsize(p, a) == lsize(p, b) ? left / right : -1 - (left - 1) / right;
    return long_from_stwodigits(rt, div);
}

bool single_digits(const Profile& p, const PyObject* v, const PyObject* w) {
    return !bignum27(p) && labs_size(p, v) == 1 && labs_size(p, w) == 1;
}

// l_mod (3.11+): the floor modulo alone.
int l_mod(Runtime& rt, PyObject* v, PyObject* w, PyObject** pmod) {
    const Profile& p = rt.profile();
    if (single_digits(p, v, w)) {
        *pmod = fast_mod(rt, v, w);
        return *pmod != nullptr ? 0 : -1;
    }
    PyObject* mod;
    if (long_rem(rt, v, w, &mod) < 0) return -1;
    if ((lsize(p, mod) < 0 && lsize(p, w) > 0) || (lsize(p, mod) > 0 && lsize(p, w) < 0)) {
        PyObject* temp = long_add_bignums(rt, mod, w);
        rt.decref(mod);
        mod = temp;
        if (mod == nullptr) return -1;
    }
    *pmod = mod;
    return 0;
}

}  // namespace

PyObject* divrem1(Runtime& rt, PyObject* a, digit n, digit* prem) {
    const int64_t size = labs_size(rt.profile(), a);
    PyObject* z = long_new_or_raise(rt, size);
    if (z == nullptr) return nullptr;
    *prem = inplace_divrem1(ob_digit(z), ob_digit(a), size, n);
    return long_normalize(rt, z);
}

// Python's floor division and modulo from the truncating ones: where the remainder's sign
// differs from the divisor's, add the divisor to it and take one from the quotient.
int l_divmod(Runtime& rt, PyObject* v, PyObject* w, PyObject** pdiv, PyObject** pmod) {
    const Profile& p = rt.profile();
    if (single_digits(p, v, w)) {
        PyObject* div = nullptr;
        if (pdiv != nullptr && (div = fast_floor_div(rt, v, w)) == nullptr) return -1;
        if (pmod != nullptr && (*pmod = fast_mod(rt, v, w)) == nullptr) {
            rt.xdecref(div);
            return -1;
        }
        if (pdiv != nullptr) *pdiv = div;
        return 0;
    }
    PyObject *div, *mod;
    if (long_divrem(rt, v, w, &div, &mod) < 0) return -1;
    if ((lsize(p, mod) < 0 && lsize(p, w) > 0) || (lsize(p, mod) > 0 && lsize(p, w) < 0)) {
        PyObject* temp = long_add_bignums(rt, mod, w);
        rt.decref(mod);
        mod = temp;
        if (mod == nullptr) {
            rt.decref(div);
            return -1;
        }
        PyObject* one = long_from_stwodigits(rt, 1);
        temp = one != nullptr ? long_sub_bignums(rt, div, one) : err_no_memory(rt);
        rt.xdecref(one);
        rt.decref(div);
        if (temp == nullptr) {
            rt.decref(mod);
            return -1;
        }
        div = temp;
    }
    if (pdiv != nullptr)
        *pdiv = div;
    else
        rt.decref(div);
    if (pmod != nullptr)
        *pmod = mod;
    else
        rt.decref(mod);
    return 0;
}

PyObject* long_div(Runtime& rt, PyObject* x, PyObject* y) {
    BignumPair ops(rt, x, y);
    if (!ops.handled()) return new_not_implemented(rt);
    if (!ops.ok()) return nullptr;
    PyObject* div;
    return l_divmod(rt, ops.a, ops.b, &div, nullptr) < 0 ? nullptr : div;
}

PyObject* long_mod(Runtime& rt, PyObject* x, PyObject* y) {
    BignumPair ops(rt, x, y);
    if (!ops.handled()) return new_not_implemented(rt);
    if (!ops.ok()) return nullptr;
    PyObject* mod;
    const int status =
        has_l_mod(rt.profile()) ? l_mod(rt, ops.a, ops.b, &mod) : l_divmod(rt, ops.a, ops.b, nullptr, &mod);
    return status < 0 ? nullptr : mod;
}

PyObject* long_divmod(Runtime& rt, PyObject* x, PyObject* y) {
    BignumPair ops(rt, x, y);
    if (!ops.handled()) return new_not_implemented(rt);
    if (!ops.ok()) return nullptr;
    PyObject *div, *mod;
    if (l_divmod(rt, ops.a, ops.b, &div, &mod) < 0) return nullptr;
    PyObject* z = tuple_new(rt, 2);
    if (z == nullptr) {
        rt.decref(div);
        rt.decref(mod);
        return err_no_memory(rt);
    }
    tuple_items(z)[0] = div;
    tuple_items(z)[1] = mod;
    return z;
}

// ---- true division ------------------------------------------------------------------------------

// a / b correctly rounded: x = floor(|a| * 2**-shift / |b|) with two or three bits to spare,
// rounded half to even by hand (with a sticky bit for an inexact division), then scaled by
// ldexp. `shift` is chosen so that subnormal results are rounded once, not twice.
PyObject* long_true_divide(Runtime& rt, PyObject* x, PyObject* y) {
    BignumPair ops(rt, x, y);
    if (!ops.handled()) return new_not_implemented(rt);
    if (!ops.ok()) return nullptr;
    const Profile& p = rt.profile();
    PyObject* a = ops.a;
    PyObject* b = ops.b;
    constexpr int kMantDigDigits = DBL_MANT_DIG / PyLong_SHIFT;  // 1
    constexpr int kMantDigBits = DBL_MANT_DIG % PyLong_SHIFT;    // 23
    static_assert(kMantDigDigits == 1 && kMantDigBits == 23);
    int64_t a_size = labs_size(p, a), b_size = labs_size(p, b);
    const bool negate = (lsize(p, a) < 0) != (lsize(p, b) < 0);
    auto finish = [&](double result) -> PyObject* {
        PyObject* f = float_from_double(rt, negate ? -result : result);
        return f != nullptr ? f : err_no_memory(rt);
    };
    auto overflow = [&]() -> PyObject* {
        return err_set_string(rt, rt.builtins().exc.OverflowError, "integer division result too large for a float");
    };
    if (b_size == 0) return err_zero_division(rt, "division by zero");
    if (a_size == 0) return finish(0.0);

    // Both exactly representable as doubles: one correctly rounded division.
    auto is_small = [&](const PyObject* o, int64_t size) {
        return size <= kMantDigDigits ||
               (size == kMantDigDigits + 1 && ob_digit(o)[kMantDigDigits] >> kMantDigBits == 0);
    };
    if (is_small(a, a_size) && is_small(b, b_size)) {
        double da = ob_digit(a)[--a_size];
        while (a_size > 0) da = da * static_cast<double>(PyLong_BASE) + ob_digit(a)[--a_size];
        double db = ob_digit(b)[--b_size];
        while (b_size > 0) db = db * static_cast<double>(PyLong_BASE) + ob_digit(b)[--b_size];
        return finish(da / db);
    }
    // diff = a_bits - b_bits; catch obvious overflow and underflow.
    int64_t diff = a_size - b_size;
    if (diff > INT64_MAX / PyLong_SHIFT - 1) return overflow();
    if (diff < 1 - INT64_MAX / PyLong_SHIFT) return finish(0.0);
    diff = diff * PyLong_SHIFT + bit_length_digit(ob_digit(a)[a_size - 1]) - bit_length_digit(ob_digit(b)[b_size - 1]);
    if (diff > DBL_MAX_EXP) return overflow();
    if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1) return finish(0.0);
    const int64_t shift = std::max<int64_t>(diff, DBL_MIN_EXP) - DBL_MANT_DIG - 2;

    bool inexact = false;
    PyObject* xo;
    if (shift <= 0) {  // x = a << -shift
        const int64_t shift_digits = -shift / PyLong_SHIFT;
        xo = long_new_or_raise(rt, a_size + shift_digits + 1);
        if (xo == nullptr) return nullptr;
        std::memset(ob_digit(xo), 0, static_cast<size_t>(shift_digits) * sizeof(digit));
        const digit rem =
            v_lshift(ob_digit(xo) + shift_digits, ob_digit(a), a_size, static_cast<int>(-shift % PyLong_SHIFT));
        ob_digit(xo)[a_size + shift_digits] = rem;
    } else {  // x = a >> shift
        int64_t shift_digits = shift / PyLong_SHIFT;
        xo = long_new_or_raise(rt, a_size - shift_digits);
        if (xo == nullptr) return nullptr;
        const digit rem = v_rshift(ob_digit(xo), ob_digit(a) + shift_digits, a_size - shift_digits,
                                   static_cast<int>(shift % PyLong_SHIFT));
        inexact = rem != 0;
        while (!inexact && shift_digits > 0)
            if (ob_digit(a)[--shift_digits]) inexact = true;
    }
    long_normalize(rt, xo);
    int64_t x_size = labs_size(p, xo);
    // x //= b; a nonzero remainder makes the result inexact.
    if (b_size == 1) {
        const digit rem = inplace_divrem1(ob_digit(xo), ob_digit(xo), x_size, ob_digit(b)[0]);
        long_normalize(rt, xo);
        if (rem) inexact = true;
    } else {
        PyObject* rem;
        PyObject* div = x_divrem(rt, xo, b, &rem);
        rt.decref(xo);
        if (div == nullptr) return nullptr;
        xo = div;
        if (lsize(p, rem) != 0) inexact = true;
        rt.decref(rem);
    }
    x_size = labs_size(p, xo);
    const int64_t x_bits = (x_size - 1) * PyLong_SHIFT + bit_length_digit(ob_digit(xo)[x_size - 1]);
    // Round away the extra bits (2 or 3) in the low digit, half to even.
    const int64_t extra_bits = std::max<int64_t>(x_bits, DBL_MIN_EXP - shift) - DBL_MANT_DIG;
    const digit mask = digit{1} << (extra_bits - 1);
    digit low = ob_digit(xo)[0] | (inexact ? 1u : 0u);
    if ((low & mask) && (low & (3U * mask - 1U))) low += mask;
    ob_digit(xo)[0] = low & ~(2U * mask - 1U);
    // Convert x to a double exactly.
    double dx = ob_digit(xo)[--x_size];
    while (x_size > 0) dx = dx * static_cast<double>(PyLong_BASE) + ob_digit(xo)[--x_size];
    rt.decref(xo);
    if (shift + x_bits >= DBL_MAX_EXP &&
        (shift + x_bits > DBL_MAX_EXP || dx == std::ldexp(1.0, static_cast<int>(x_bits))))
        return overflow();
    return finish(std::ldexp(dx, static_cast<int>(shift)));
}

// ---- powers ----------------------------------------------------------------------------------------

namespace {

// long_invmod (3.8+): the inverse of a modulo n > 0 by the extended Euclidean algorithm.
PyObject* long_invmod(Runtime& rt, PyObject* a, PyObject* n) {
    PyObject* b = long_from_stwodigits(rt, 1);
    PyObject* c = long_from_stwodigits(rt, 0);
    if (b == nullptr || c == nullptr) {
        rt.xdecref(b);
        rt.xdecref(c);
        return err_no_memory(rt);
    }
    rt.incref(a);
    rt.incref(n);
    const Profile& p = rt.profile();
    while (lsize(p, n) != 0) {
        PyObject *q, *r;
        if (l_divmod(rt, a, n, &q, &r) == -1) {
            for (PyObject* o : {a, b, c, n}) rt.decref(o);
            return nullptr;
        }
        rt.decref(a);
        a = n;
        n = r;
        PyObject* t = long_mul_bignums(rt, q, c);
        rt.decref(q);
        PyObject* s = t != nullptr ? long_sub_bignums(rt, b, t) : nullptr;
        rt.xdecref(t);
        if (s == nullptr) {
            for (PyObject* o : {a, b, c, n}) rt.decref(o);
            return nullptr;
        }
        rt.decref(b);
        b = c;
        c = s;
    }
    rt.decref(c);
    rt.decref(n);
    const bool is_one = lsize(p, a) == 1 && ob_digit(a)[0] == 1;
    rt.decref(a);
    if (!is_one) {
        rt.decref(b);
        return err_set_string(rt, rt.builtins().exc.ValueError, "base is not invertible for the given modulus");
    }
    return b;
}

}  // namespace

PyObject* long_pow(Runtime& rt, PyObject* v, PyObject* w, PyObject* x) {
    const Profile& p = rt.profile();
    if (!long_check(v) || !long_check(w)) return new_not_implemented(rt);
    const bool has_mod = x != rt.builtins().singletons.none;
    if (has_mod && !long_check(x)) return new_not_implemented(rt);
    PyObject* a = as_bignum(rt, v);
    PyObject* b = a != nullptr ? as_bignum(rt, w) : nullptr;
    PyObject* c = b != nullptr && has_mod ? as_bignum(rt, x) : nullptr;
    PyObject *z = nullptr, *temp = nullptr;
    bool negative_output = false;
    auto done = [&](PyObject* result) {
        for (PyObject* o : {a, b, c}) rt.xdecref(o);
        return result;
    };
    if (a == nullptr || b == nullptr || (has_mod && c == nullptr)) return done(err_no_memory(rt));

    if (lsize(p, b) < 0 && !has_mod) {
        // A negative exponent without a modulus: float_pow does it (with its own errors).
        return done(float_pow(rt, v, w, x));
    }
    if (lsize(p, b) < 0 && !p.at_least(3, 8)) {
        PyTypeObject* type = p.major == 2 ? rt.builtins().exc.TypeError : rt.builtins().exc.ValueError;
        return done(err_set_string(rt, type, "pow() 2nd argument cannot be negative when 3rd argument specified"));
    }
    if (c != nullptr) {
        if (lsize(p, c) == 0)
            return done(err_set_string(rt, rt.builtins().exc.ValueError, "pow() 3rd argument cannot be 0"));
        if (lsize(p, c) < 0) {  // modulus < 0: negate it, and the result at the end
            negative_output = true;
            temp = long_copy(rt, c);
            rt.decref(c);
            c = temp;
            temp = nullptr;
            if (c == nullptr || !long_negate(rt, &c)) return done(c == nullptr ? err_no_memory(rt) : nullptr);
        }
        if (lsize(p, c) == 1 && ob_digit(c)[0] == 1) return done(long_from_stwodigits(rt, 0));
        if (lsize(p, b) < 0) {  // 3.8+: replace the base by its modular inverse
            temp = long_copy(rt, b);
            rt.decref(b);
            b = temp;
            temp = nullptr;
            if (b == nullptr || !long_negate(rt, &b)) return done(b == nullptr ? err_no_memory(rt) : nullptr);
            temp = long_invmod(rt, a, c);
            if (temp == nullptr) return done(nullptr);
            rt.decref(a);
            a = temp;
            temp = nullptr;
        }
        // Reduce the base when it is negative or obviously larger than the modulus.
        if (lsize(p, a) < 0 || lsize(p, a) > lsize(p, c)) {
            if (l_divmod(rt, a, c, nullptr, &temp) < 0) return done(nullptr);
            rt.decref(a);
            a = temp;
            temp = nullptr;
        }
    }
    z = long_from_stwodigits(rt, 1);
    if (z == nullptr) return done(err_no_memory(rt));
    // MULT: result = X*Y, reduced modulo c when there is one.
    auto mult = [&](PyObject* X, PyObject* Y) -> bool {
        PyObject* t = long_mul_bignums(rt, X, Y);
        if (t == nullptr) return false;
        if (c != nullptr) {
            PyObject* r;
            const int status = l_divmod(rt, t, c, nullptr, &r);
            rt.decref(t);
            if (status < 0) return false;
            t = r;
        }
        rt.decref(z);
        z = t;
        return true;
    };
    // Left-to-right binary exponentiation (HAC Algorithm 14.79). CPython 3.11+ starts from a
    // and special-cases exponents up to 3, older versions square 1 until the first set bit;
    // both make the same products. (Exponents over 60 bits use a window method in 3.11+ and
    // over 8 digits a 5-ary one before: same values, other temporaries.)
    const int64_t nb = lsize(p, b);
    bool ok = true;
    for (int64_t i = nb - 1; ok && i >= 0; --i) {
        const digit bi = ob_digit(b)[i];
        for (digit bit = digit{1} << (PyLong_SHIFT - 1); ok && bit != 0; bit >>= 1) {
            const bool one = lsize(p, z) == 1 && ob_digit(z)[0] == 1 && c == nullptr;
            if (!one) ok = mult(z, z);
            if (ok && (bi & bit)) ok = mult(z, a);
        }
    }
    if (!ok) {
        rt.decref(z);
        return done(nullptr);
    }
    if (negative_output && lsize(p, z) != 0) {
        temp = long_sub_bignums(rt, z, c);
        rt.decref(z);
        z = temp;
    }
    return done(z);
}

// ---- round ---------------------------------------------------------------------------------------------

namespace {

// _PyLong_DivmodNear: q = a / b rounded to the nearest integer (halves to even) and r = a - q*b.
int divmod_near(Runtime& rt, PyObject* a, PyObject* b, PyObject** pq, PyObject** pr) {
    const Profile& p = rt.profile();
    const bool quo_is_neg = (lsize(p, a) < 0) != (lsize(p, b) < 0);
    PyObject *quo, *rem;
    if (long_divrem(rt, a, b, &quo, &rem) < 0) return -1;
    PyObject* one = long_from_stwodigits(rt, 1);
    PyObject* twice_rem = one != nullptr ? long_lshift(rt, rem, one) : nullptr;
    if (twice_rem != nullptr && quo_is_neg) {
        PyObject* t = long_neg(rt, twice_rem);
        rt.decref(twice_rem);
        twice_rem = t;
    }
    if (twice_rem == nullptr) {
        for (PyObject* o : {quo, rem, one}) rt.xdecref(o);
        return -1;
    }
    const int cmp = long_compare_digits(rt, twice_rem, b);
    rt.decref(twice_rem);
    const bool quo_is_odd = lsize(p, quo) != 0 && (ob_digit(quo)[0] & 1) != 0;
    if ((lsize(p, b) < 0 ? cmp < 0 : cmp > 0) || (cmp == 0 && quo_is_odd)) {
        PyObject* q2 = quo_is_neg ? long_sub_bignums(rt, quo, one) : long_add_bignums(rt, quo, one);
        rt.decref(quo);
        quo = q2;
        PyObject* r2 = quo_is_neg ? long_add_bignums(rt, rem, b) : long_sub_bignums(rt, rem, b);
        rt.decref(rem);
        rem = r2;
    }
    rt.decref(one);
    if (quo == nullptr || rem == nullptr) {
        rt.xdecref(quo);
        rt.xdecref(rem);
        return -1;
    }
    *pq = quo;
    *pr = rem;
    return 0;
}

}  // namespace

PyObject* long_round(Runtime& rt, PyObject* v, PyObject* o_ndigits) {
    const Profile& p = rt.profile();
    // 2.7 has no int.__round__: round() makes a float of the number first.
    if (p.major == 2) return float_round(rt, v, o_ndigits);
    if (o_ndigits == nullptr || o_ndigits == rt.builtins().singletons.none) return long_long(rt, v);
    if (!long_check(o_ndigits))
        return err_format(rt, rt.builtins().exc.TypeError, "'%s' object cannot be interpreted as an integer",
                          Py_TYPE(o_ndigits)->tp_name);
    if (long_sign(p, o_ndigits) >= 0) return long_long(rt, v);
    // The nearest multiple of 10**-ndigits: v - divmod_near(v, 10**-ndigits)[1].
    PyObject* exponent = long_neg(rt, o_ndigits);
    PyObject* ten = long_from_stwodigits(rt, 10);
    PyObject* power =
        exponent != nullptr && ten != nullptr ? long_pow(rt, ten, exponent, rt.builtins().singletons.none) : nullptr;
    rt.xdecref(exponent);
    rt.xdecref(ten);
    if (power == nullptr) return err_occurred(rt) ? nullptr : err_no_memory(rt);
    PyObject *q, *r;
    const int status = divmod_near(rt, v, power, &q, &r);
    rt.decref(power);
    if (status < 0) return nullptr;
    rt.decref(q);
    PyObject* result = long_sub_bignums(rt, v, r);
    rt.decref(r);
    return result;
}

}  // namespace pymemlab
