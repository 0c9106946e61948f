// int: representation per profile, construction through the small-int cache, sizes, dealloc,
// the small helpers every digit algorithm uses (long_internal.h), and the type objects with
// their slots (the algorithms themselves: long_arith.cpp, long_bits.cpp, long_text.cpp, and
// 2.7's int: int27_arith.cpp).
#include "object/long_object.h"

#include <cstring>

#include "object/builtins.h"
#include "object/errors.h"
#include "object/long_arith.h"
#include "object/long_internal.h"
#include "object/object_blocks.h"
#include "object/runtime.h"
#include "object/singletons.h"

namespace pymemlab {

namespace {

constexpr int64_t kDigitBytes = 4;
constexpr int64_t kLongHeader = offsetof(PyLongObject, ob_digit);  // 24
static_assert(kDigitBytes == sizeof(digit));

// From 3.11 an int always has room for one digit, zero included (getsizeof(0) == 28).
bool min_one_digit(const Profile& p) { return p.at_least(3, 11); }

constexpr size_t kIntMaxFreeList = 100;  // 3.14's Py_ints_MAXFREELIST

// 3.14: an exact int of one digit or none goes to the free list.
void long_dealloc(Runtime& rt, PyObject* o) {
    if (Py_TYPE(o) == rt.builtins().long_type && is_medium(rt.profile(), o) && rt.builtins().int_free_list.keep(o))
        return;
    rt.free_object(o);
}

// An int of room for one digit: from the free list (3.14), else a new object of `request` bytes.
PyObject* long_new_compact(Runtime& rt, size_t request) {
    if (PyObject* o = rt.builtins().int_free_list.take(rt)) return o;
    return rt.alloc_object(rt.builtins().long_type, request);
}

// 2.7: a freed int goes back to the block allocator's free list, kept forever.
void int_dealloc27(Runtime& rt, PyObject* o) { object_blocks_give(rt.builtins().int_blocks27, o); }

PyObject* int_new27(Runtime& rt, int64_t value) {
    PyObject* o = object_blocks_take(rt, rt.builtins().int_blocks27);
    if (o == nullptr) return nullptr;
    o->ob_refcnt = 1;
    o->ob_type = rt.builtins().long_type;
    reinterpret_cast<PyIntObject*>(o)->ob_ival = value;
    return o;
}

bool profile27(const Runtime& rt) { return rt.profile().major == 2; }

// Writes |value|'s digits into o and sets its size and sign.
void fill(const Profile& p, PyObject* o, int64_t value) {
    uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    int64_t n = 0;
    auto* l = reinterpret_cast<PyLongObject*>(o);
    for (uint64_t m = magnitude; m != 0; m >>= PyLong_SHIFT) l->ob_digit[n++] = static_cast<uint32_t>(m & PyLong_MASK);
    if (n == 0 && min_one_digit(p)) l->ob_digit[0] = 0;  // before 3.11, 0 has no digit to write
    set_lsize(p, o, value < 0 ? -n : n);
}

int64_t digits_for(uint64_t magnitude) {
    int64_t n = 0;
    for (; magnitude != 0; magnitude >>= PyLong_SHIFT) ++n;
    return n;
}

// The request of a value's own object: _PyLong_New(ndigits), except that from 3.11 a value of
// one digit takes the medium-int path (_PyLong_FromMedium), which requests
// sizeof(PyLongObject): 28 bytes padded to 32 (tracemalloc shows 32 where getsizeof says 28).
PyObject* long_new_for_value(Runtime& rt, int64_t ndigits) {
    if (min_one_digit(rt.profile()) && ndigits == 1) return long_new_compact(rt, sizeof(PyLongObject));
    return long_new(rt, ndigits);
}

}  // namespace

static_assert(sizeof(PyLongObject) == 32);

void init_long_type(Runtime& rt) {
    const Profile& p = rt.profile();
    Builtins& b = rt.builtins();
    b.int_free_list.limit = p.at_least(3, 14) ? kIntMaxFreeList : 0;
    if (profile27(rt)) {
        // _PyInt_Init: the small ints come first out of the int blocks.
        PyTypeObject* type = new_static_type(rt, "int", sizeof(PyIntObject), 0,
                                             {.dealloc = int_dealloc27, .blocks = objects_own_no_block});
        b.long_type = type;
        type->tp_model_no_refs = true;
        int27_install_slots(type);
        for (int v = -kSmallNegInts; v < kSmallPosInts; ++v) {
            b.small_ints[v + kSmallNegInts] = int_new27(rt, v);
            rt.note_alive(b.small_ints[v + kSmallNegInts]);  // live for the runtime's life (heap checker)
        }
        PyTypeObject* long27 = new_static_type(rt, "long", kLongHeader, kDigitBytes, {.dealloc = long_dealloc});
        b.long27_type = long27;
        long27->tp_model_no_refs = true;
        long_install_slots(long27, true);
        return;
    }
    PyTypeObject* type = new_static_type(rt, "int", kLongHeader, kDigitBytes, {.dealloc = long_dealloc});
    b.long_type = type;
    type->tp_model_no_refs = true;
    long_install_slots(type, false);

    // The small ints: 3.9 and 3.10 allocate them at start-up, in the arenas; the others keep
    // them in the data segment (a static array up to 3.8, _PyRuntime from 3.11).
    const bool allocated = p.at_least(3, 9) && !p.at_least(3, 11);
    for (int v = -kSmallNegInts; v < kSmallPosInts; ++v) {
        int64_t n = v == 0 ? 0 : 1;
        PyObject* o =
            allocated ? long_new(rt, n) : rt.static_object(type, static_cast<size_t>(kLongHeader + kDigitBytes));
        fill(p, o, v);
        if (!allocated) rt.make_static_refcount(o, true);
        b.small_ints[v + kSmallNegInts] = o;
    }
}

// PyLong_Type's slots (3.x int, 2.7 long). int's __str__ is object's (it calls the repr), but
// 2.7's long has its own str, without the 'L'. In 2.7 the model's / (nb_true_divide) is classic
// division, which floors two longs (long_classic_div), and int(long) makes an int if it can.
void long_install_slots(PyTypeObject* t, bool py27) {
    PyNumberMethods& nb = t->tp_as_number;
    nb.nb_add = long_add;
    nb.nb_subtract = long_sub;
    nb.nb_multiply = long_mul;
    nb.nb_remainder = long_mod;
    nb.nb_divmod = long_divmod;
    nb.nb_power = long_pow;
    nb.nb_negative = long_neg;
    nb.nb_positive = long_long;
    nb.nb_absolute = long_abs;
    nb.nb_bool = long_bool;
    nb.nb_invert = long_invert;
    nb.nb_lshift = long_lshift;
    nb.nb_rshift = long_rshift;
    nb.nb_and = long_and;
    nb.nb_xor = long_xor;
    nb.nb_or = long_or;
    nb.nb_int = py27 ? long_int27 : long_long;
    nb.nb_float = long_float;
    nb.nb_floor_divide = long_div;
    nb.nb_true_divide = py27 ? long_div : long_true_divide;
    nb.nb_index = long_long;
    t->tp_richcompare = long_richcompare;
    t->tp_hash = long_tp_hash;
    t->tp_repr = long_to_decimal_string;
    t->tp_str = long_str;
    t->tp_new = long_tp_new;
    t->tp_methods = kLongMethods;
    t->tp_flags |= Py_TPFLAGS_LONG_SUBCLASS | Py_TPFLAGS_BASETYPE;
}

PyObject* long_new(Runtime& rt, int64_t ndigits) {
    const Profile& p = rt.profile();
    int64_t room = min_one_digit(p) && ndigits == 0 ? 1 : ndigits;
    PyTypeObject* type = profile27(rt) ? rt.builtins().long27_type : rt.builtins().long_type;
    const size_t request = static_cast<size_t>(kLongHeader + kDigitBytes * room);
    PyObject* o = room == 1 && !profile27(rt) ? long_new_compact(rt, request) : rt.alloc_object(type, request);
    if (o != nullptr) set_lsize(p, o, ndigits);
    return o;
}

PyObject* long_from_int64(Runtime& rt, int64_t value) {
    if (value >= -kSmallNegInts && value < kSmallPosInts) {
        PyObject* o = rt.builtins().small_ints[value + kSmallNegInts];
        rt.incref(o);
        return o;
    }
    if (profile27(rt)) {
        PyObject* o = int_new27(rt, value);
        if (o != nullptr) rt.note_alive(o);
        return o;
    }
    uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    if (magnitude <= PyLong_MASK && min_one_digit(rt.profile())) {
        // _PyLong_FromMedium (3.11+): one digit, the common case, without counting or looping.
        PyObject* o = long_new_for_value(rt, 1);
        if (o == nullptr) return nullptr;
        reinterpret_cast<PyLongObject*>(o)->ob_digit[0] = static_cast<digit>(magnitude);
        set_lsize(rt.profile(), o, value < 0 ? -1 : 1);
        return o;
    }
    PyObject* o = long_new_for_value(rt, digits_for(magnitude));
    if (o == nullptr) return nullptr;
    fill(rt.profile(), o, value);
    return o;
}

int64_t long_ndigits(const Runtime& rt, const PyObject* o) { return long_ndigits(rt.profile(), o); }
int long_sign(const Runtime& rt, const PyObject* o) { return long_sign(rt.profile(), o); }

bool long_check(const PyObject* o) { return Py_TYPE(o)->has_flag(Py_TPFLAGS_LONG_SUBCLASS); }

int64_t long_as_int64(const Runtime& rt, const PyObject* o, bool* overflow) {
    *overflow = false;
    if (is_int27(rt, o)) return reinterpret_cast<const PyIntObject*>(o)->ob_ival;
    const auto* l = reinterpret_cast<const PyLongObject*>(o);
    int64_t n = long_ndigits(rt, o);
    uint64_t magnitude = 0;
    for (int64_t i = n - 1; i >= 0; --i) {
        if (magnitude >> (64 - PyLong_SHIFT)) {
            *overflow = true;
            return 0;
        }
        magnitude = (magnitude << PyLong_SHIFT) | l->ob_digit[i];
    }
    int sign = long_sign(rt, o);
    if (magnitude > (sign < 0 ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1)) {
        *overflow = true;
        return 0;
    }
    return sign < 0 ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

int64_t long_sizeof(const Runtime& rt, const PyObject* o) {
    if (is_int27(rt, o)) return sizeof(PyIntObject);
    int64_t n = long_ndigits(rt, o);
    if (min_one_digit(rt.profile()) && n == 0) n = 1;
    return kLongHeader + kDigitBytes * n;
}

bool long_equal(const Runtime& rt, const PyObject* a, const PyObject* b) {
    if (is_int27(rt, a) || is_int27(rt, b)) {
        bool oa = false, ob = false;
        const int64_t va = long_as_int64(rt, a, &oa), vb = long_as_int64(rt, b, &ob);
        return !oa && !ob && va == vb;
    }
    return long_compare_digits(rt, a, b) == 0;
}

// ---- long_internal.h ------------------------------------------------------------------------

bool is_int27(const Runtime& rt, const PyObject* o) {
    return rt.profile().major == 2 && long_check(o) && Py_TYPE(o) != rt.builtins().long27_type;
}

PyObject* as_bignum(Runtime& rt, PyObject* o) {
    if (!is_int27(rt, o)) {
        rt.incref(o);
        return o;
    }
    return long_from_stwodigits(rt, reinterpret_cast<const PyIntObject*>(o)->ob_ival);
}

PyObject* long_normalize(Runtime& rt, PyObject* v) {
    const Profile& p = rt.profile();
    const int64_t j = labs_size(p, v);
    int64_t i = j;
    while (i > 0 && ob_digit(v)[i - 1] == 0) --i;
    if (i != j) set_lsize(p, v, lsize(p, v) < 0 ? -i : i);
    return v;
}

PyObject* maybe_small_long(Runtime& rt, PyObject* v) {
    const Profile& p = rt.profile();
    if (v != nullptr && !bignum27(p) && is_medium(p, v)) {
        const stwodigits ival = medium_value(p, v);
        if (ival >= -kSmallNegInts && ival < kSmallPosInts) {
            rt.decref(v);
            return long_from_int64(rt, ival);
        }
    }
    return v;
}

PyObject* long_from_stwodigits(Runtime& rt, stwodigits x) {
    if (!profile27(rt)) return long_from_int64(rt, x);
    // 2.7's PyLong_FromLong: exactly the digits the value needs (none for 0).
    const uint64_t magnitude = x < 0 ? 0 - static_cast<uint64_t>(x) : static_cast<uint64_t>(x);
    PyObject* o = long_new(rt, digits_for(magnitude));
    if (o != nullptr) fill(rt.profile(), o, x);
    return o;
}

bool long_negate(Runtime& rt, PyObject** x) {
    const Profile& p = rt.profile();
    if ((*x)->ob_refcnt == 1 && !rt.is_immortal(*x) && !rt.is_static(*x)) {
        set_lsize(p, *x, -lsize(p, *x));
        return true;
    }
    PyObject* z = long_from_stwodigits(rt, -medium_value(p, *x));
    rt.decref(*x);
    *x = z;
    return z != nullptr;
}

PyObject* long_copy(Runtime& rt, const PyObject* src) {
    const Profile& p = rt.profile();
    const int64_t i = labs_size(p, src);
    if (i < 2 && !bignum27(p)) {
        const stwodigits ival = medium_value(p, src);
        if (ival >= -kSmallNegInts && ival < kSmallPosInts) return long_from_int64(rt, ival);
    }
    PyObject* result = long_new(rt, i);
    if (result == nullptr) return nullptr;
    set_lsize(p, result, lsize(p, src));
    std::memcpy(ob_digit(result), ob_digit(src), static_cast<size_t>(i) * sizeof(digit));
    return result;
}

PyObject* long_long_ref(Runtime& rt, PyObject* o) {
    PyTypeObject* exact = profile27(rt) ? rt.builtins().long27_type : rt.builtins().long_type;
    if (Py_TYPE(o) == exact) {
        rt.incref(o);
        return o;
    }
    return long_copy(rt, o);
}

int long_compare_digits(const Runtime& rt, const PyObject* a, const PyObject* b) {
    const Profile& p = rt.profile();
    const int64_t sa = lsize(p, a), sb = lsize(p, b);
    if (sa != sb) return sa < sb ? -1 : 1;
    int64_t i = sa < 0 ? -sa : sa;
    while (--i >= 0 && ob_digit(a)[i] == ob_digit(b)[i]) {
    }
    if (i < 0) return 0;
    const bool greater = ob_digit(a)[i] > ob_digit(b)[i];
    return (greater ? 1 : -1) * (sa < 0 ? -1 : 1);
}

}  // namespace pymemlab

namespace pymemlab {

BignumPair::BignumPair(Runtime& rt, PyObject* x, PyObject* y) : rt_(rt) {
    if (!long_check(x) || !long_check(y)) return;
    handled_ = true;
    a = as_bignum(rt, x);
    b = a != nullptr ? as_bignum(rt, y) : nullptr;
    if (!ok()) err_no_memory(rt);
}

BignumPair::~BignumPair() {
    rt_.xdecref(a);
    rt_.xdecref(b);
}

PyObject* new_not_implemented(Runtime& rt) {
    PyObject* o = rt.builtins().singletons.not_implemented;
    rt.incref(o);
    return o;
}

PyObject* long_new_or_raise(Runtime& rt, int64_t ndigits) {
    // MAX_LONG_DIGITS: (PY_SSIZE_T_MAX - offsetof(PyLongObject, ob_digit)) / sizeof(digit).
    constexpr int64_t kMaxLongDigits = (INT64_MAX - 24) / 4;
    if (ndigits > kMaxLongDigits) {
        err_set_string(rt, rt.builtins().exc.OverflowError, "too many digits in integer");
        return nullptr;
    }
    PyObject* z = long_new(rt, ndigits);
    if (z == nullptr) err_no_memory(rt);
    return z;
}

}  // namespace pymemlab
