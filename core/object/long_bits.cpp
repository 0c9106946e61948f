// int << >> & | ^, comparison, hashing and conversion to and from float (Objects/longobject.c).
// Shifts and bitwise operations work on the objects' digits as CPython's do (two's complement
// for negative operands, made in temporary ints); comparing an int with a float is exact, as
// float_richcompare does it, without rounding the int.
#include <cmath>
#include <cstring>
#include <vector>

#include "object/builtins.h"
#include "object/errors.h"
#include "object/float_object.h"
#include "object/hash.h"
#include "object/long_arith.h"
#include "object/long_internal.h"
#include "object/runtime.h"
#include "object/singletons.h"

namespace pymemlab {

namespace {

// 3.11 rewrote right shifts of negative ints (no more ~(~a >> n)) and gave both shifts a
// fast path for values of one digit.
bool shifts311(const Profile& p) { return p.at_least(3, 11); }

// The bits of a bignum's magnitude (_PyLong_NumBits).
int64_t num_bits(const Profile& p, const PyObject* v) {
    const int64_t n = labs_size(p, v);
    return n == 0 ? 0 : (n - 1) * PyLong_SHIFT + bit_length_digit(ob_digit(v)[n - 1]);
}

// divmod_shift: wordshift, remshift = divmod(shiftby, PyLong_SHIFT) for a non-negative count,
// clipped (past any possible size) when it does not fit a Py_ssize_t.
bool divmod_shift(Runtime& rt, PyObject* shiftby, int64_t* wordshift, digit* remshift) {
    const Profile& p = rt.profile();
    bool overflow = false;
    const int64_t n = long_as_int64(rt, shiftby, &overflow);
    if (!overflow) {
        *wordshift = n / PyLong_SHIFT;
        *remshift = static_cast<digit>(n % PyLong_SHIFT);
        return true;
    }
    if (!p.at_least(3, 8)) {
        err_set_string(
            rt, rt.builtins().exc.OverflowError,
            p.major == 2 ? "long int too large to convert to int" : "Python int too large to convert to C ssize_t");
        return false;
    }
    *wordshift = INT64_MAX / 4;  // PY_SSIZE_T_MAX / sizeof(digit): _PyLong_New refuses it
    *remshift = 0;
    return true;
}

PyObject* rshift_pre311(Runtime& rt, PyObject* a, int64_t wordshift, digit remshift);

PyObject* long_rshift1(Runtime& rt, PyObject* a, int64_t wordshift, digit remshift) {
    const Profile& p = rt.profile();
    if (!shifts311(p)) return rshift_pre311(rt, a, wordshift, remshift);
    if (is_medium(p, a)) {
        const stwodigits m = medium_value(p, a);
        const int shift = wordshift == 0 ? static_cast<int>(remshift) : PyLong_SHIFT;
        return long_from_stwodigits(rt, m < 0 ? ~(~m >> shift) : m >> shift);
    }
    const bool a_negative = lsize(p, a) < 0;
    const int64_t size_a = labs_size(p, a);
    if (a_negative && remshift == 0) {
        // Keep 0 < remshift <= PyLong_SHIFT for a negative a, so that newsize below is right.
        if (wordshift == 0) return long_long_ref(rt, a);
        remshift = PyLong_SHIFT;
        --wordshift;
    }
    const int64_t newsize = size_a - wordshift;
    if (newsize <= 0) return long_from_stwodigits(rt, a_negative ? -1 : 0);
    PyObject* z = long_new_or_raise(rt, newsize);
    if (z == nullptr) return nullptr;
    const int hishift = PyLong_SHIFT - static_cast<int>(remshift);
    twodigits accum = ob_digit(a)[wordshift];
    if (a_negative) {
        // (-a) >> shift == -((a + 2**shift - 1) >> shift).
        set_lsize(p, z, -newsize);
        digit sticky = 0;
        for (int64_t j = 0; j < wordshift; ++j) sticky |= ob_digit(a)[j];
        accum += (PyLong_MASK >> hishift) + static_cast<digit>(sticky != 0);
    }
    accum >>= remshift;
    int64_t i = 0;
    for (int64_t j = wordshift + 1; j < size_a; ++i, ++j) {
        accum += static_cast<twodigits>(ob_digit(a)[j]) << hishift;
        ob_digit(z)[i] = static_cast<digit>(accum & PyLong_MASK);
        accum >>= PyLong_SHIFT;
    }
    ob_digit(z)[newsize - 1] = static_cast<digit>(accum);
    return maybe_small_long(rt, long_normalize(rt, z));
}

// Up to 3.10: a negative a is shifted as ~(~a >> n).
PyObject* rshift_pre311(Runtime& rt, PyObject* a, int64_t wordshift, digit remshift) {
    const Profile& p = rt.profile();
    if (lsize(p, a) < 0) {
        PyObject* a1 = long_invert(rt, a);
        if (a1 == nullptr) return nullptr;
        PyObject* a2 = rshift_pre311(rt, a1, wordshift, remshift);
        rt.decref(a1);
        if (a2 == nullptr) return nullptr;
        PyObject* z = long_invert(rt, a2);
        rt.decref(a2);
        return z;
    }
    const int64_t newsize = lsize(p, a) - wordshift;
    if (newsize <= 0) return long_from_stwodigits(rt, 0);
    const int loshift = static_cast<int>(remshift);
    const int hishift = PyLong_SHIFT - loshift;
    const digit lomask = (digit{1} << hishift) - 1;
    const digit himask = PyLong_MASK ^ lomask;
    PyObject* z = long_new_or_raise(rt, newsize);
    if (z == nullptr) return nullptr;
    for (int64_t i = 0, j = wordshift; i < newsize; ++i, ++j) {
        ob_digit(z)[i] = (ob_digit(a)[j] >> loshift) & lomask;
        if (i + 1 < newsize) ob_digit(z)[i] |= (ob_digit(a)[j + 1] << hishift) & himask;
    }
    return maybe_small_long(rt, long_normalize(rt, z));
}

PyObject* long_lshift1(Runtime& rt, PyObject* a, int64_t wordshift, digit remshift) {
    const Profile& p = rt.profile();
    if (shifts311(p) && wordshift == 0 && is_medium(p, a)) {
        const stwodigits m = medium_value(p, a);
        return long_from_stwodigits(rt, m < 0 ? -(-m << remshift) : m << remshift);
    }
    const int64_t oldsize = labs_size(p, a);
    int64_t newsize = oldsize + wordshift;
    if (remshift) ++newsize;
    PyObject* z = long_new_or_raise(rt, newsize);
    if (z == nullptr) return nullptr;
    if (lsize(p, a) < 0) set_lsize(p, z, -newsize);
    std::memset(ob_digit(z), 0, static_cast<size_t>(wordshift) * sizeof(digit));
    twodigits accum = 0;
    int64_t i = wordshift;
    for (int64_t j = 0; j < oldsize; ++i, ++j) {
        accum |= static_cast<twodigits>(ob_digit(a)[j]) << remshift;
        ob_digit(z)[i] = static_cast<digit>(accum & PyLong_MASK);
        accum >>= PyLong_SHIFT;
    }
    if (remshift) ob_digit(z)[newsize - 1] = static_cast<digit>(accum);
    return maybe_small_long(rt, long_normalize(rt, z));
}

// Two's complement of a[0:m] into z[0:m] (a not all zero).
void v_complement(digit* z, const digit* a, int64_t m) {
    digit carry = 1;
    for (int64_t i = 0; i < m; ++i) {
        carry += a[i] ^ PyLong_MASK;
        z[i] = carry & PyLong_MASK;
        carry >>= PyLong_SHIFT;
    }
}

// & | ^ as though on two's complement: negative operands are complemented into temporary
// ints, and the result back. The result is allocated as short as the operation allows (AND
// of two positives: the shorter; OR of two negatives: the shorter; and so on), plus a digit
// when it is negative.
PyObject* long_bitwise(Runtime& rt, PyObject* a, char op, PyObject* b) {
    const Profile& p = rt.profile();
    int64_t size_a = labs_size(p, a);
    bool nega = lsize(p, a) < 0;
    if (nega) {
        PyObject* z = long_new_or_raise(rt, size_a);
        if (z == nullptr) return nullptr;
        v_complement(ob_digit(z), ob_digit(a), size_a);
        a = z;
    } else {
        rt.incref(a);
    }
    int64_t size_b = labs_size(p, b);
    bool negb = lsize(p, b) < 0;
    if (negb) {
        PyObject* z = long_new_or_raise(rt, size_b);
        if (z == nullptr) {
            rt.decref(a);
            return nullptr;
        }
        v_complement(ob_digit(z), ob_digit(b), size_b);
        b = z;
    } else {
        rt.incref(b);
    }
    if (size_a < size_b) {
        std::swap(a, b);
        std::swap(size_a, size_b);
        std::swap(nega, negb);
    }
    bool negz;
    int64_t size_z;
    switch (op) {
        case '^':
            negz = nega ^ negb;
            size_z = size_a;
            break;
        case '&':
            negz = nega & negb;
            size_z = negb ? size_a : size_b;
            break;
        default:  // '|'
            negz = nega | negb;
            size_z = negb ? size_b : size_a;
            break;
    }
    PyObject* z = long_new_or_raise(rt, size_z + (negz ? 1 : 0));
    if (z == nullptr) {
        rt.decref(a);
        rt.decref(b);
        return nullptr;
    }
    const digit* ad = ob_digit(a);
    const digit* bd = ob_digit(b);
    digit* zd = ob_digit(z);
    int64_t i = 0;
    for (; i < size_b; ++i) zd[i] = op == '&' ? ad[i] & bd[i] : op == '|' ? ad[i] | bd[i] : ad[i] ^ bd[i];
    if (op == '^' && negb)
        for (; i < size_z; ++i) zd[i] = ad[i] ^ PyLong_MASK;
    else if (i < size_z)
        std::memcpy(zd + i, ad + i, static_cast<size_t>(size_z - i) * sizeof(digit));
    if (negz) {
        set_lsize(p, z, -(size_z + 1));
        zd[size_z] = PyLong_MASK;
        v_complement(zd, zd, size_z + 1);
    }
    rt.decref(a);
    rt.decref(b);
    return maybe_small_long(rt, long_normalize(rt, z));
}

// The medium-value fast paths of & | ^ came with 3.11.
PyObject* bitwise_op(Runtime& rt, PyObject* x, char op, PyObject* y) {
    BignumPair ops(rt, x, y);
    if (!ops.handled()) return new_not_implemented(rt);
    if (!ops.ok()) return nullptr;
    const Profile& p = rt.profile();
    if (p.at_least(3, 11) && is_medium(p, ops.a) && is_medium(p, ops.b)) {
        const stwodigits m = medium_value(p, ops.a), n = medium_value(p, ops.b);
        return long_from_stwodigits(rt, op == '&' ? m & n : op == '|' ? m | n : m ^ n);
    }
    return long_bitwise(rt, ops.a, op, ops.b);
}

}  // namespace

PyObject* long_rshift(Runtime& rt, PyObject* x, PyObject* y) {
    BignumPair ops(rt, x, y);
    if (!ops.handled()) return new_not_implemented(rt);
    if (!ops.ok()) return nullptr;
    const Profile& p = rt.profile();
    if (lsize(p, ops.b) < 0) return err_set_string(rt, rt.builtins().exc.ValueError, "negative shift count");
    if (lsize(p, ops.a) == 0) return long_from_stwodigits(rt, 0);
    int64_t wordshift;
    digit remshift;
    if (!divmod_shift(rt, ops.b, &wordshift, &remshift)) return nullptr;
    return long_rshift1(rt, ops.a, wordshift, remshift);
}

PyObject* long_lshift(Runtime& rt, PyObject* x, PyObject* y) {
    BignumPair ops(rt, x, y);
    if (!ops.handled()) return new_not_implemented(rt);
    if (!ops.ok()) return nullptr;
    const Profile& p = rt.profile();
    if (lsize(p, ops.b) < 0) return err_set_string(rt, rt.builtins().exc.ValueError, "negative shift count");
    if (lsize(p, ops.a) == 0) return long_from_stwodigits(rt, 0);
    int64_t wordshift;
    digit remshift;
    if (!divmod_shift(rt, ops.b, &wordshift, &remshift)) return nullptr;
    return long_lshift1(rt, ops.a, wordshift, remshift);
}

PyObject* long_and(Runtime& rt, PyObject* a, PyObject* b) { return bitwise_op(rt, a, '&', b); }
PyObject* long_xor(Runtime& rt, PyObject* a, PyObject* b) { return bitwise_op(rt, a, '^', b); }
PyObject* long_or(Runtime& rt, PyObject* a, PyObject* b) { return bitwise_op(rt, a, '|', b); }

// ---- comparison and hashing ---------------------------------------------------------------------

PyObject* long_richcompare(Runtime& rt, PyObject* a, PyObject* b, int op) {
    BignumPair ops(rt, a, b);
    if (!ops.handled()) return new_not_implemented(rt);
    if (!ops.ok()) return nullptr;
    const int c = a == b ? 0 : long_compare_digits(rt, ops.a, ops.b);
    bool r = false;
    switch (op) {
        case Py_LT:
            r = c < 0;
            break;
        case Py_LE:
            r = c <= 0;
            break;
        case Py_EQ:
            r = c == 0;
            break;
        case Py_NE:
            r = c != 0;
            break;
        case Py_GT:
            r = c > 0;
            break;
        default:
            r = c >= 0;
            break;
    }
    return bool_from(rt, r);
}

Py_hash_t long_tp_hash(Runtime& rt, PyObject* v) {
    const Profile& p = rt.profile();
    if (p.major == 2 && !is_int27(rt, v)) return hash_long_digits(p, ob_digit(v), labs_size(p, v), long_sign(p, v));
    return long_hash(rt, v);
}

// ---- float conversion ---------------------------------------------------------------------------

bool long_as_double(Runtime& rt, PyObject* v, double* out) {
    const Profile& p = rt.profile();
    if (is_int27(rt, v)) {
        *out = static_cast<double>(reinterpret_cast<const PyIntObject*>(v)->ob_ival);
        return true;
    }
    const int64_t n = labs_size(p, v);
    const int64_t nbits = num_bits(p, v);
    uint64_t top;
    int64_t shift = 0;
    if (nbits <= 64) {
        top = 0;
        for (int64_t i = n; i-- > 0;) top = (top << PyLong_SHIFT) | ob_digit(v)[i];
    } else {
        // The top 64 bits, with any lower bit that is set folded into the lowest (a sticky bit
        // far below the 53 kept): converting that to double rounds exactly as the whole would.
        shift = nbits - 64;
        top = 0;
        bool sticky = false;
        for (int64_t bit = nbits - 1; bit >= 0; bit -= PyLong_SHIFT) {
            (void)bit;
            break;
        }
        const int64_t low_digit = shift / PyLong_SHIFT;
        const int low_bit = static_cast<int>(shift % PyLong_SHIFT);
        // Gather digits from the top down to low_digit.
        unsigned __int128 acc = 0;
        for (int64_t i = n - 1; i >= low_digit; --i) acc = (acc << PyLong_SHIFT) | ob_digit(v)[i];
        top = static_cast<uint64_t>(acc >> low_bit);
        if (acc & ((static_cast<unsigned __int128>(1) << low_bit) - 1)) sticky = true;
        for (int64_t i = 0; !sticky && i < low_digit; ++i) sticky = ob_digit(v)[i] != 0;
        if (sticky) top |= 1;
    }
    if (nbits > 1024) {
        *out = HUGE_VAL;
    } else {
        *out = std::ldexp(static_cast<double>(top), static_cast<int>(shift));
    }
    if (std::isinf(*out)) {
        err_set_string(rt, rt.builtins().exc.OverflowError,
                       p.major == 2 ? "long int too large to convert to float" : "int too large to convert to float");
        return false;
    }
    if (long_sign(p, v) < 0) *out = -*out;
    return true;
}

PyObject* long_float(Runtime& rt, PyObject* v) {
    double d;
    if (!long_as_double(rt, v, &d)) return nullptr;
    PyObject* f = float_from_double(rt, d);
    return f != nullptr ? f : err_no_memory(rt);
}

PyObject* long_from_double(Runtime& rt, double dval) {
    const Profile& p = rt.profile();
    if (std::isinf(dval))
        return err_set_string(rt, rt.builtins().exc.OverflowError, "cannot convert float infinity to integer");
    if (std::isnan(dval))
        return err_set_string(rt, rt.builtins().exc.ValueError, "cannot convert float NaN to integer");
    // Values that fit a C long go through PyLong_FromLong (2.7: PyInt_FromLong).
    constexpr double kIntMax = 9223372036854775808.0;  // (unsigned long)LONG_MAX + 1
    if (-kIntMax < dval && dval < kIntMax) {
        PyObject* o = long_from_int64(rt, static_cast<int64_t>(dval));
        return o != nullptr ? o : err_no_memory(rt);
    }
    const bool neg = dval < 0.0;
    if (neg) dval = -dval;
    int expo;
    double frac = std::frexp(dval, &expo);  // dval = frac * 2**expo, 0.5 <= frac < 1
    const int ndig = (expo - 1) / PyLong_SHIFT + 1;
    PyObject* v = long_new_or_raise(rt, ndig);
    if (v == nullptr) return nullptr;
    frac = std::ldexp(frac, (expo - 1) % PyLong_SHIFT + 1);
    for (int i = ndig; --i >= 0;) {
        const digit bits = static_cast<digit>(frac);
        ob_digit(v)[i] = bits;
        frac = std::ldexp(frac - static_cast<double>(bits), PyLong_SHIFT);
    }
    if (neg) set_lsize(p, v, -ndig);
    return v;
}

int long_compare_double(const Runtime& rt, const PyObject* v, double d) {
    const Profile& p = rt.profile();
    if (std::isnan(d)) return 2;
    int64_t iv = 0;
    bool overflow = false;
    iv = long_as_int64(rt, v, &overflow);
    if (!overflow && iv > -(int64_t{1} << 53) && iv < (int64_t{1} << 53)) {
        const double j = static_cast<double>(iv);  // exact
        return j < d ? -1 : j > d ? 1 : 0;
    }
    // Here |v| >= 2**53 (an int of 64 bits or more, or 2.7's C long).
    const int wsign = overflow ? long_sign(p, v) : (iv < 0 ? -1 : 1);
    const int vsign = d == 0.0 ? 0 : d < 0.0 ? -1 : 1;
    if (std::isinf(d) || vsign != wsign) return wsign > vsign ? 1 : wsign < vsign ? -1 : -vsign;
    // Same sign: compare magnitudes, then flip for negatives.
    const double m = std::fabs(d);
    int exponent;
    std::frexp(m, &exponent);  // bits of m before the radix point
    std::vector<digit> w;      // |v|'s digits
    if (overflow) {
        w.assign(ob_digit(v), ob_digit(v) + labs_size(p, v));
    } else {
        for (uint64_t u = iv < 0 ? 0 - static_cast<uint64_t>(iv) : static_cast<uint64_t>(iv); u; u >>= PyLong_SHIFT)
            w.push_back(static_cast<digit>(u & PyLong_MASK));
    }
    const int64_t nbits = (static_cast<int64_t>(w.size()) - 1) * PyLong_SHIFT + bit_length_digit(w.back());
    int mag;  // sign of |v| - m
    if (exponent < nbits) {
        mag = 1;
    } else if (exponent > nbits) {
        mag = -1;
    } else {
        // Same number of bits before the point: compare m's integer part digit by digit, then
        // any fraction makes m the larger.
        double intpart;
        const double fracpart = std::modf(m, &intpart);
        std::vector<digit> f(w.size(), 0);
        double rest = std::ldexp(intpart, -PyLong_SHIFT * static_cast<int>(w.size()));
        for (size_t i = w.size(); i-- > 0;) {
            rest = std::ldexp(rest, PyLong_SHIFT);
            const digit dgt = static_cast<digit>(rest);
            f[i] = dgt;
            rest -= dgt;
        }
        mag = 0;
        for (size_t i = w.size(); mag == 0 && i-- > 0;) mag = w[i] > f[i] ? 1 : w[i] < f[i] ? -1 : 0;
        if (mag == 0 && fracpart != 0.0) mag = -1;
    }
    return wsign < 0 ? -mag : mag;
}

bool long_as_ssize(Runtime& rt, PyObject* v, Py_ssize_t* out) {
    bool overflow = false;
    *out = long_as_int64(rt, v, &overflow);
    if (overflow)
        err_set_string(rt, rt.builtins().exc.OverflowError,
                       rt.profile().major == 2 ? "long int too large to convert to int"
                                               : "Python int too large to convert to C ssize_t");
    return !overflow;
}

}  // namespace pymemlab
