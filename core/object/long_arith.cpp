// int + - * and the unary operators (Objects/longobject.c): x_add, x_sub, x_mul and Karatsuba's
// k_mul over the objects' own digits, so that each result, and each temporary Karatsuba makes,
// is the block CPython's algorithm allocates (x_add asks for one digit more than the longer
// operand, x_mul for the sum of both sizes, and long_normalize never gives the spare back).
// Division and powers: long_divide.cpp.
#include "object/long_arith.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "object/builtins.h"
#include "object/errors.h"
#include "object/long_internal.h"
#include "object/runtime.h"

namespace pymemlab {

namespace {

// For int multiplication, CPython uses the O(N**2) school algorithm unless both operands have
// more than KARATSUBA_CUTOFF digits (squaring: KARATSUBA_SQUARE_CUTOFF).
constexpr int64_t kKaratsubaCutoff = 70;
constexpr int64_t kKaratsubaSquareCutoff = 2 * kKaratsubaCutoff;

// x_sub passes a small result through maybe_small_long from 3.10 (3.6 and 3.8 return -1 from
// (2**30 - 1) - 2**30 as a new two-digit object; measured with tracemalloc).
bool x_sub_caches_small(const Profile& p) { return p.at_least(3, 10); }

}  // namespace

// Add the absolute values of two ints.
PyObject* x_add(Runtime& rt, PyObject* a, PyObject* b) {
    const Profile& p = rt.profile();
    int64_t size_a = labs_size(p, a), size_b = labs_size(p, b);
    if (size_a < size_b) {
        std::swap(a, b);
        std::swap(size_a, size_b);
    }
    PyObject* z = long_new_or_raise(rt, size_a + 1);
    if (z == nullptr) return nullptr;
    digit carry = 0;
    int64_t i = 0;
    for (; i < size_b; ++i) {
        carry += ob_digit(a)[i] + ob_digit(b)[i];
        ob_digit(z)[i] = carry & PyLong_MASK;
        carry >>= PyLong_SHIFT;
    }
    for (; i < size_a; ++i) {
        carry += ob_digit(a)[i];
        ob_digit(z)[i] = carry & PyLong_MASK;
        carry >>= PyLong_SHIFT;
    }
    ob_digit(z)[i] = carry;
    return long_normalize(rt, z);
}

// Subtract the absolute value of b from the absolute value of a.
PyObject* x_sub(Runtime& rt, PyObject* a, PyObject* b) {
    const Profile& p = rt.profile();
    int64_t size_a = labs_size(p, a), size_b = labs_size(p, b);
    int sign = 1;
    if (size_a < size_b) {
        sign = -1;
        std::swap(a, b);
        std::swap(size_a, size_b);
    } else if (size_a == size_b) {
        // Find the highest digit where a and b differ.
        int64_t i = size_a;
        while (--i >= 0 && ob_digit(a)[i] == ob_digit(b)[i]) {
        }
        if (i < 0) return long_from_stwodigits(rt, 0);
        if (ob_digit(a)[i] < ob_digit(b)[i]) {
            sign = -1;
            std::swap(a, b);
        }
        size_a = size_b = i + 1;
    }
    PyObject* z = long_new_or_raise(rt, size_a);
    if (z == nullptr) return nullptr;
    digit borrow = 0;
    int64_t i = 0;
    for (; i < size_b; ++i) {
        borrow = ob_digit(a)[i] - ob_digit(b)[i] - borrow;
        ob_digit(z)[i] = borrow & PyLong_MASK;
        borrow = (borrow >> PyLong_SHIFT) & 1;
    }
    for (; i < size_a; ++i) {
        borrow = ob_digit(a)[i] - borrow;
        ob_digit(z)[i] = borrow & PyLong_MASK;
        borrow = (borrow >> PyLong_SHIFT) & 1;
    }
    if (sign < 0) set_lsize(p, z, -lsize(p, z));
    z = long_normalize(rt, z);
    return x_sub_caches_small(p) ? maybe_small_long(rt, z) : z;
}

PyObject* long_add(Runtime& rt, PyObject* x, PyObject* y) {
    BignumPair ops(rt, x, y);
    if (!ops.handled()) return new_not_implemented(rt);
    if (!ops.ok()) return nullptr;
    return long_add_bignums(rt, ops.a, ops.b);
}

PyObject* long_add_bignums(Runtime& rt, PyObject* a, PyObject* b) {
    const Profile& p = rt.profile();
    if (!bignum27(p) && is_medium(p, a) && is_medium(p, b))
        return long_from_stwodigits(rt, medium_value(p, a) + medium_value(p, b));
    PyObject* z;
    if (lsize(p, a) < 0) {
        if (lsize(p, b) < 0) {
            z = x_add(rt, a, b);
            // x_add had a multi-digit operand, so z is not a shared small int.
            if (z != nullptr) set_lsize(p, z, -lsize(p, z));
        } else {
            z = x_sub(rt, b, a);
        }
    } else {
        z = lsize(p, b) < 0 ? x_sub(rt, a, b) : x_add(rt, a, b);
    }
    return z;
}

PyObject* long_sub(Runtime& rt, PyObject* x, PyObject* y) {
    BignumPair ops(rt, x, y);
    if (!ops.handled()) return new_not_implemented(rt);
    if (!ops.ok()) return nullptr;
    return long_sub_bignums(rt, ops.a, ops.b);
}

PyObject* long_sub_bignums(Runtime& rt, PyObject* a, PyObject* b) {
    const Profile& p = rt.profile();
    if (!bignum27(p) && is_medium(p, a) && is_medium(p, b))
        return long_from_stwodigits(rt, medium_value(p, a) - medium_value(p, b));
    PyObject* z;
    if (lsize(p, a) < 0) {
        if (lsize(p, b) < 0) {
            z = x_sub(rt, b, a);
        } else {
            z = x_add(rt, a, b);
            if (z != nullptr) set_lsize(p, z, -lsize(p, z));
        }
    } else {
        z = lsize(p, b) < 0 ? x_add(rt, a, b) : x_sub(rt, a, b);
    }
    return z;
}

// ---- multiplication --------------------------------------------------------------------------

bool charge_digit_ops(Runtime& rt, int64_t ops) {
    return ops < kMinChargedDigitOps || rt.tstate().charge_work(static_cast<uint64_t>(ops / kDigitOpsPerInstruction));
}

namespace {

// Grade-school multiplication, ignoring the signs. The result has room for both sizes.
PyObject* x_mul(Runtime& rt, PyObject* a, PyObject* b) {
    const Profile& p = rt.profile();
    const int64_t size_a = labs_size(p, a), size_b = labs_size(p, b);
    if (!charge_digit_ops(rt, size_a * size_b)) return nullptr;
    PyObject* z = long_new_or_raise(rt, size_a + size_b);
    if (z == nullptr) return nullptr;
    digit* zd = ob_digit(z);
    std::memset(zd, 0, static_cast<size_t>(size_a + size_b) * sizeof(digit));
    for (int64_t i = 0; i < size_a; ++i) {
        twodigits carry = 0;
        const twodigits f = ob_digit(a)[i];
        digit* pz = zd + i;
        for (int64_t j = 0; j < size_b; ++j) {
            carry += *pz + ob_digit(b)[j] * f;
            *pz++ = static_cast<digit>(carry & PyLong_MASK);
            carry >>= PyLong_SHIFT;
        }
        while (carry) {
            carry += *pz;
            *pz++ = static_cast<digit>(carry & PyLong_MASK);
            carry >>= PyLong_SHIFT;
        }
    }
    return long_normalize(rt, z);
}

// kmul_split: |n| == (high << size digits) + low, both new non-negative ints.
bool kmul_split(Runtime& rt, PyObject* n, int64_t size, PyObject** high, PyObject** low) {
    const Profile& p = rt.profile();
    const int64_t size_n = labs_size(p, n);
    const int64_t size_lo = std::min(size_n, size);
    const int64_t size_hi = size_n - size_lo;
    PyObject* hi = long_new_or_raise(rt, size_hi);
    if (hi == nullptr) return false;
    PyObject* lo = long_new_or_raise(rt, size_lo);
    if (lo == nullptr) {
        rt.decref(hi);
        return false;
    }
    std::memcpy(ob_digit(lo), ob_digit(n), static_cast<size_t>(size_lo) * sizeof(digit));
    std::memcpy(ob_digit(hi), ob_digit(n) + size_lo, static_cast<size_t>(size_hi) * sizeof(digit));
    *high = long_normalize(rt, hi);
    *low = long_normalize(rt, lo);
    return true;
}

PyObject* k_mul(Runtime& rt, PyObject* a, PyObject* b);

// b has at least twice a's digits: multiply a by successive a-sized slices of b.
PyObject* k_lopsided_mul(Runtime& rt, PyObject* a, PyObject* b) {
    const Profile& p = rt.profile();
    const int64_t asize = labs_size(p, a);
    int64_t bsize = labs_size(p, b);
    PyObject* ret = long_new_or_raise(rt, asize + bsize);
    if (ret == nullptr) return nullptr;
    const int64_t retsize = asize + bsize;
    std::memset(ob_digit(ret), 0, static_cast<size_t>(retsize) * sizeof(digit));
    PyObject* bslice = long_new_or_raise(rt, asize);
    if (bslice == nullptr) {
        rt.decref(ret);
        return nullptr;
    }
    int64_t nbdone = 0;
    while (bsize > 0) {
        const int64_t nbtouse = std::min(bsize, asize);
        std::memcpy(ob_digit(bslice), ob_digit(b) + nbdone, static_cast<size_t>(nbtouse) * sizeof(digit));
        set_lsize(p, bslice, nbtouse);
        PyObject* product = k_mul(rt, a, bslice);
        if (product == nullptr) {
            rt.decref(ret);
            rt.decref(bslice);
            return nullptr;
        }
        v_iadd(ob_digit(ret) + nbdone, retsize - nbdone, ob_digit(product), labs_size(p, product));
        rt.decref(product);
        bsize -= nbtouse;
        nbdone += nbtouse;
    }
    rt.decref(bslice);
    return long_normalize(rt, ret);
}

// Karatsuba multiplication of the absolute values (Knuth Vol. 2, 4.3.3), as CPython does it:
// (ah*X+al)(bh*X+bl) = ah*bh*X*X + ((ah+al)(bh+bl) - ah*bh - al*bl)*X + al*bl.
PyObject* k_mul(Runtime& rt, PyObject* a, PyObject* b) {
    const Profile& p = rt.profile();
    int64_t asize = labs_size(p, a), bsize = labs_size(p, b);
    if (asize > bsize) {
        std::swap(a, b);
        std::swap(asize, bsize);
    }
    const int64_t cutoff = a == b ? kKaratsubaSquareCutoff : kKaratsubaCutoff;
    if (asize <= cutoff) return asize == 0 ? long_from_stwodigits(rt, 0) : x_mul(rt, a, b);
    if (2 * asize <= bsize) return k_lopsided_mul(rt, a, b);

    const int64_t shift = bsize >> 1;  // the number of digits split off
    PyObject *ah = nullptr, *al = nullptr, *bh = nullptr, *bl = nullptr, *ret = nullptr;
    PyObject *t1 = nullptr, *t2 = nullptr, *t3 = nullptr;
    auto fail = [&]() -> PyObject* {
        for (PyObject* o : {ret, ah, al, bh, bl}) rt.xdecref(o);
        return nullptr;
    };
    if (!kmul_split(rt, a, shift, &ah, &al)) return fail();
    if (a == b) {
        bh = ah;
        bl = al;
        rt.incref(bh);
        rt.incref(bl);
    } else if (!kmul_split(rt, b, shift, &bh, &bl)) {
        return fail();
    }
    // 1. The result has room for asize + bsize digits (always enough).
    ret = long_new_or_raise(rt, asize + bsize);
    if (ret == nullptr) return fail();
    const int64_t retsize = asize + bsize;
    digit* rd = ob_digit(ret);
    // 2. t1 <- ah*bh, copied into the high digits.
    if ((t1 = k_mul(rt, ah, bh)) == nullptr) return fail();
    const int64_t n1 = labs_size(p, t1);
    std::memcpy(rd + 2 * shift, ob_digit(t1), static_cast<size_t>(n1) * sizeof(digit));
    std::memset(rd + 2 * shift + n1, 0, static_cast<size_t>(retsize - 2 * shift - n1) * sizeof(digit));
    // 3. t2 <- al*bl, copied into the low digits.
    if ((t2 = k_mul(rt, al, bl)) == nullptr) {
        rt.decref(t1);
        return fail();
    }
    const int64_t n2 = labs_size(p, t2);
    std::memcpy(rd, ob_digit(t2), static_cast<size_t>(n2) * sizeof(digit));
    std::memset(rd + n2, 0, static_cast<size_t>(2 * shift - n2) * sizeof(digit));
    // 4 & 5. Subtract al*bl and ah*bh, starting at shift (borrows out of the top are harmless:
    // the final result fits).
    const int64_t i = retsize - shift;
    v_isub(rd + shift, i, ob_digit(t2), n2);
    rt.decref(t2);
    v_isub(rd + shift, i, ob_digit(t1), n1);
    rt.decref(t1);
    // 6. t3 <- (ah+al)(bh+bl), added in at shift.
    if ((t1 = x_add(rt, ah, al)) == nullptr) return fail();
    rt.decref(ah);
    rt.decref(al);
    ah = al = nullptr;
    if (a == b) {
        t2 = t1;
        rt.incref(t2);
    } else if ((t2 = x_add(rt, bh, bl)) == nullptr) {
        rt.decref(t1);
        return fail();
    }
    rt.decref(bh);
    rt.decref(bl);
    bh = bl = nullptr;
    t3 = k_mul(rt, t1, t2);
    rt.decref(t1);
    rt.decref(t2);
    if (t3 == nullptr) return fail();
    v_iadd(rd + shift, i, ob_digit(t3), labs_size(p, t3));
    rt.decref(t3);
    return long_normalize(rt, ret);
}

}  // namespace

PyObject* long_mul_bignums(Runtime& rt, PyObject* a, PyObject* b) {
    const Profile& p = rt.profile();
    if (!bignum27(p) && is_medium(p, a) && is_medium(p, b))
        return long_from_stwodigits(rt, medium_value(p, a) * medium_value(p, b));
    PyObject* z = k_mul(rt, a, b);
    // Negate if exactly one of the inputs is negative.
    if (z != nullptr && (lsize(p, a) < 0) != (lsize(p, b) < 0) && !long_negate(rt, &z)) return nullptr;
    return z;
}

PyObject* long_mul(Runtime& rt, PyObject* x, PyObject* y) {
    BignumPair ops(rt, x, y);
    if (!ops.handled()) return new_not_implemented(rt);
    if (!ops.ok()) return nullptr;
    return long_mul_bignums(rt, ops.a, ops.b);
}

// ---- unary operators ---------------------------------------------------------------------------

PyObject* long_neg(Runtime& rt, PyObject* v) {
    const Profile& p = rt.profile();
    if (!bignum27(p) && is_medium(p, v)) return long_from_stwodigits(rt, -medium_value(p, v));
    PyObject* z = long_copy(rt, v);
    if (z != nullptr) set_lsize(p, z, -lsize(p, v));
    return z;
}

PyObject* long_abs(Runtime& rt, PyObject* v) { return lsize(rt.profile(), v) < 0 ? long_neg(rt, v) : long_long(rt, v); }

// ~x is -(x+1).
PyObject* long_invert(Runtime& rt, PyObject* v) {
    const Profile& p = rt.profile();
    if (!bignum27(p) && is_medium(p, v)) return long_from_stwodigits(rt, ~medium_value(p, v));
    PyObject* one = long_from_stwodigits(rt, 1);
    if (one == nullptr) return err_no_memory(rt);
    PyObject* x = long_add_bignums(rt, v, one);
    rt.decref(one);
    if (x == nullptr) return nullptr;
    // 2.7 keeps the sign of a zero result positive (long_invert: "if (Py_SIZE(x) != 0)").
    if (!long_negate(rt, &x)) return nullptr;
    return x;
}

int long_bool(Runtime& rt, PyObject* v) { return long_ndigits(rt, v) != 0; }

PyObject* long_long(Runtime& rt, PyObject* v) { return long_long_ref(rt, v); }

}  // namespace pymemlab
