// What the int files (long_object.cpp, long_arith.cpp, long_divide.cpp, long_bits.cpp,
// long_text.cpp, int27_arith.cpp) share and nothing else needs: CPython's digit types, Py_SIZE
// as a signed digit count whatever the profile stores, and longobject.c's small helpers
// (long_normalize, maybe_small_long, _PyLong_Negate, _PyLong_Copy), so the algorithms read as
// CPython's do.
#pragma once

#include <cstdint>

#include "object/long_object.h"
#include "object/object.h"
#include "profile/profile.h"

namespace pymemlab {

class Runtime;

using digit = uint32_t;
using sdigit = int32_t;
using twodigits = uint64_t;
using stwodigits = int64_t;
constexpr twodigits PyLong_BASE = twodigits{1} << PyLong_SHIFT;
static_assert(PyLong_MASK == PyLong_BASE - 1);
// _PyLong_DECIMAL_SHIFT / _PyLong_DECIMAL_BASE: long_to_decimal_string works in base 10**9.
constexpr int kDecimalShift = 9;
constexpr digit kDecimalBase = 1000000000;
static_assert(kDecimalBase < PyLong_BASE);
// _PY_LONG_DEFAULT_MAX_STR_DIGITS (3.11+, backported to 3.8.14 and 3.10.7): the longest
// decimal text int() reads or str() writes; 640 (_PY_LONG_MAX_STR_DIGITS_THRESHOLD) is the
// length below which the check is skipped.
constexpr int64_t kMaxStrDigits = 4300;
constexpr int64_t kMaxStrDigitsThreshold = 640;

// The quadratic digit loops (x_mul, x_divrem, decimal conversion both ways) charge the
// interpreter's instruction budget (ThreadState::charge) one instruction per this many digit
// operations — about the time one instruction takes — so that `2 ** 10**9` or `str(10**10**7)`
// stops at the budget instead of running for minutes. Loops smaller than kMinChargedDigitOps
// (ordinary ints) are not charged.
constexpr int64_t kDigitOpsPerInstruction = 16;
constexpr int64_t kMinChargedDigitOps = 1024;
// False: the budget is spent and its error (BudgetExceeded) set.
bool charge_digit_ops(Runtime& rt, int64_t ops);

inline digit* ob_digit(PyObject* o) { return reinterpret_cast<PyLongObject*>(o)->ob_digit; }
inline const digit* ob_digit(const PyObject* o) { return reinterpret_cast<const PyLongObject*>(o)->ob_digit; }

// Py_SIZE(o) as CPython up to 3.11 reads it: the digit count, negative for a negative value.
// 3.12+ stores lv_tag (ndigits << 3 | sign); these translate, so the algorithms below stay
// CPython 3.11's text.
inline int64_t lsize(const Profile& p, const PyObject* o) {
    return long_sign(p, o) < 0 ? -long_ndigits(p, o) : long_ndigits(p, o);
}
inline void set_lsize(const Profile& p, PyObject* o, int64_t n) {
    auto* v = reinterpret_cast<PyVarObject*>(o);
    if (p.at_least(3, 12))
        v->ob_size = ((n < 0 ? -n : n) << 3) | (n < 0 ? 2 : n == 0 ? 1 : 0);
    else
        v->ob_size = n;
}
inline int64_t labs_size(const Profile& p, const PyObject* o) { return long_ndigits(p, o); }

// IS_MEDIUM_VALUE / medium_value: a value of one digit or none, as a C integer.
inline bool is_medium(const Profile& p, const PyObject* o) { return long_ndigits(p, o) <= 1; }
inline stwodigits medium_value(const Profile& p, const PyObject* o) {
    return long_ndigits(p, o) == 0 ? 0 : long_sign(p, o) * static_cast<stwodigits>(ob_digit(o)[0]);
}

// True for the 2.7 profile, whose bignum arithmetic has no small-int cache and no medium-value
// fast paths (those came with 3.0's unified int).
inline bool bignum27(const Profile& p) { return p.major == 2; }

// long_normalize: drops leading zero digits (the block keeps its size).
PyObject* long_normalize(Runtime& rt, PyObject* v);
// maybe_small_long: a result of one digit or none that is a small int is swapped for the
// cached object (the fresh block is freed). 2.7's longs have no cache.
PyObject* maybe_small_long(Runtime& rt, PyObject* v);
// PyLong_FromLong / _PyLong_FromSTwoDigits for the profile's bignum type: 3.x's int (through
// the small-int cache), 2.7's long (always a new object of exactly the digits it needs).
PyObject* long_from_stwodigits(Runtime& rt, stwodigits x);
// _PyLong_Negate: flips the sign in place when the caller holds the only reference, else
// makes the negated value (a cached small int is shared).
bool long_negate(Runtime& rt, PyObject** x);
// _PyLong_Copy: a new int of the same digits (a small value comes from the cache).
PyObject* long_copy(Runtime& rt, const PyObject* src);
// long_long: o itself (a new reference) when it is exactly an int, else a copy.
PyObject* long_long_ref(Runtime& rt, PyObject* o);
// long_compare: -1, 0 or 1 as a <, ==, > b (both bignums).
int long_compare_digits(const Runtime& rt, const PyObject* a, const PyObject* b);
// bit_length_digit: bits in a digit (0 for 0).
inline int bit_length_digit(digit x) { return x == 0 ? 0 : 32 - __builtin_clz(x); }

// The 2.7 profile's int (PyIntObject, bool included) and its long (PyLongObject).
bool is_int27(const Runtime& rt, const PyObject* o);
// A bignum operand for the digit algorithms: o itself (a new reference) for a PyLongObject;
// 2.7's int is converted to a new long, as CONVERT_BINOP does. nullptr on MemoryError.
PyObject* as_bignum(Runtime& rt, PyObject* o);

// The operands of a binary bignum slot. `handled` is false when either is not an int
// (CHECK_BINOP: the slot returns NotImplemented); otherwise a and b are bignums: the operands
// themselves, or (2.7) a temporary long made from an int, as CONVERT_BINOP makes. `a` and `b`
// are owned until the pair goes out of scope; ok() is false on MemoryError (set).
class BignumPair {
   public:
    BignumPair(Runtime& rt, PyObject* x, PyObject* y);
    ~BignumPair();
    BignumPair(const BignumPair&) = delete;
    BignumPair& operator=(const BignumPair&) = delete;
    bool handled() const { return handled_; }
    bool ok() const { return a != nullptr && b != nullptr; }
    PyObject* a = nullptr;
    PyObject* b = nullptr;

   private:
    Runtime& rt_;
    bool handled_ = false;
};
// A new reference to NotImplemented.
PyObject* new_not_implemented(Runtime& rt);
// _PyLong_New with CPython's errors: OverflowError "too many digits in integer" past
// MAX_LONG_DIGITS, MemoryError when the heap is full.
PyObject* long_new_or_raise(Runtime& rt, int64_t ndigits);

// The algorithms other int files call (long_arith.cpp, long_divide.cpp). They take bignums
// (never 2.7's PyIntObject), return a new reference or nullptr with an exception set.
PyObject* x_add(Runtime& rt, PyObject* a, PyObject* b);  // |a| + |b|
PyObject* x_sub(Runtime& rt, PyObject* a, PyObject* b);  // |a| - |b|
PyObject* long_add_bignums(Runtime& rt, PyObject* a, PyObject* b);
PyObject* long_sub_bignums(Runtime& rt, PyObject* a, PyObject* b);
PyObject* long_mul_bignums(Runtime& rt, PyObject* a, PyObject* b);
// l_divmod: floor division and modulo (either output may be null: not wanted). 0 or -1.
int l_divmod(Runtime& rt, PyObject* v, PyObject* w, PyObject** pdiv, PyObject** pmod);
// divrem1: |a| // n into a new int; the remainder in *prem.
PyObject* divrem1(Runtime& rt, PyObject* a, digit n, digit* prem);

// ---- digit-vector helpers (longobject.c's v_* functions) ----------------------------------------
// x[0:m] += y[0:n] (m >= n); returns the carry out of x[m-1].
inline digit v_iadd(digit* x, int64_t m, const digit* y, int64_t n) {
    digit carry = 0;
    int64_t i = 0;
    for (; i < n; ++i) {
        carry += x[i] + y[i];
        x[i] = carry & PyLong_MASK;
        carry >>= PyLong_SHIFT;
    }
    for (; carry && i < m; ++i) {
        carry += x[i];
        x[i] = carry & PyLong_MASK;
        carry >>= PyLong_SHIFT;
    }
    return carry;
}
// x[0:m] -= y[0:n] (m >= n); returns the borrow out of x[m-1].
inline digit v_isub(digit* x, int64_t m, const digit* y, int64_t n) {
    digit borrow = 0;
    int64_t i = 0;
    for (; i < n; ++i) {
        borrow = x[i] - y[i] - borrow;
        x[i] = borrow & PyLong_MASK;
        borrow = (borrow >> PyLong_SHIFT) & 1;
    }
    for (; borrow && i < m; ++i) {
        borrow = x[i] - borrow;
        x[i] = borrow & PyLong_MASK;
        borrow = (borrow >> PyLong_SHIFT) & 1;
    }
    return borrow;
}
// z[0:m] = a[0:m] << d (0 <= d < PyLong_SHIFT); returns the bits shifted out.
inline digit v_lshift(digit* z, const digit* a, int64_t m, int d) {
    digit carry = 0;
    for (int64_t i = 0; i < m; ++i) {
        const twodigits acc = static_cast<twodigits>(a[i]) << d | carry;
        z[i] = static_cast<digit>(acc) & PyLong_MASK;
        carry = static_cast<digit>(acc >> PyLong_SHIFT);
    }
    return carry;
}
// z[0:m] = a[0:m] >> d (0 <= d < PyLong_SHIFT); returns the bits shifted out.
inline digit v_rshift(digit* z, const digit* a, int64_t m, int d) {
    digit carry = 0;
    const digit mask = (digit{1} << d) - 1U;
    for (int64_t i = m; i-- > 0;) {
        const twodigits acc = static_cast<twodigits>(carry) << PyLong_SHIFT | a[i];
        carry = static_cast<digit>(acc) & mask;
        z[i] = static_cast<digit>(acc >> d);
    }
    return carry;
}
// pout[0:size] = pin[0:size] // n; returns the remainder (inplace_divrem1).
inline digit inplace_divrem1(digit* pout, const digit* pin, int64_t size, digit n) {
    twodigits rem = 0;
    for (int64_t i = size; i-- > 0;) {
        rem = (rem << PyLong_SHIFT) | pin[i];
        const digit hi = static_cast<digit>(rem / n);
        pout[i] = hi;
        rem -= static_cast<twodigits>(hi) * n;
    }
    return static_cast<digit>(rem);
}

}  // namespace pymemlab
