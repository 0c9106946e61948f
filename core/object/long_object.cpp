// int: representation per profile, construction through the small-int cache, sizes, dealloc.
#include "object/long_object.h"

#include <cstring>

#include "object/builtins.h"
#include "object/object_blocks.h"
#include "object/runtime.h"

namespace pymemlab {

namespace {

constexpr int64_t kDigitBytes = 4;
constexpr int64_t kLongHeader = offsetof(PyLongObject, ob_digit);  // 24

bool uses_lv_tag(const Profile& p) { return p.at_least(3, 12); }
// From 3.11 an int always has room for one digit, zero included (getsizeof(0) == 28).
bool min_one_digit(const Profile& p) { return p.at_least(3, 11); }

void set_digits(const Profile& p, PyObject* o, int64_t ndigits, int sign) {
    auto* v = reinterpret_cast<PyVarObject*>(o);
    if (uses_lv_tag(p))
        v->ob_size = (ndigits << 3) | (sign < 0 ? 2 : sign == 0 ? 1 : 0);
    else
        v->ob_size = sign < 0 ? -ndigits : ndigits;
}

void long_dealloc(Runtime& rt, PyObject* o) { rt.free_object(o); }

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

bool is_int27(const Runtime& rt) { return rt.profile().major == 2; }

// Writes |value|'s digits into o and sets its size and sign.
void fill(const Profile& p, PyObject* o, int64_t value) {
    uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    int64_t n = 0;
    auto* l = reinterpret_cast<PyLongObject*>(o);
    for (uint64_t m = magnitude; m != 0; m >>= PyLong_SHIFT) l->ob_digit[n++] = static_cast<uint32_t>(m & PyLong_MASK);
    if (n == 0) l->ob_digit[0] = 0;
    set_digits(p, o, n, value < 0 ? -1 : value == 0 ? 0 : 1);
}

int64_t digits_for(uint64_t magnitude) {
    int64_t n = 0;
    for (; magnitude != 0; magnitude >>= PyLong_SHIFT) ++n;
    return n;
}

// _PyLong_New(ndigits): the request is the header plus the digits (at least one from 3.11).
// From 3.11 a value of one digit or none takes the medium-int path, which requests
// sizeof(PyLongObject): 28 bytes padded to 32 (tracemalloc shows 32 where getsizeof says 28).
PyObject* long_new(Runtime& rt, int64_t ndigits) {
    const Profile& p = rt.profile();
    int64_t bytes = kLongHeader + kDigitBytes * ndigits;
    if (min_one_digit(p) && ndigits <= 1) bytes = sizeof(PyLongObject);
    return rt.alloc_object(rt.builtins().long_type, static_cast<size_t>(bytes));
}

}  // namespace

void init_long_type(Runtime& rt) {
    const Profile& p = rt.profile();
    Builtins& b = rt.builtins();
    if (is_int27(rt)) {
        // _PyInt_Init: the small ints come first out of the int blocks.
        b.long_type = new_static_type(rt, "int", sizeof(PyIntObject), 0,
                                      {.dealloc = int_dealloc27, .blocks = objects_own_no_block});
        for (int v = -kSmallNegInts; v < kSmallPosInts; ++v) b.small_ints[v + kSmallNegInts] = int_new27(rt, v);
        return;
    }
    PyTypeObject* type = new_static_type(rt, "int", kLongHeader, kDigitBytes, {.dealloc = long_dealloc});
    b.long_type = type;

    // The small ints: 3.9 and 3.10 allocate them at start-up, in the arenas; the others keep
    // them in the data segment (a static array up to 3.8, _PyRuntime from 3.11).
    const bool allocated = p.at_least(3, 9) && !p.at_least(3, 11);
    for (int v = -kSmallNegInts; v < kSmallPosInts; ++v) {
        int64_t n = v == 0 ? 0 : 1;
        PyObject* o = allocated ? long_new(rt, n)
                                : rt.static_object(type, static_cast<size_t>(kLongHeader + kDigitBytes));
        fill(p, o, v);
        if (!allocated) rt.make_static_refcount(o, true);
        b.small_ints[v + kSmallNegInts] = o;
    }
}

PyObject* long_from_int64(Runtime& rt, int64_t value) {
    if (value >= -kSmallNegInts && value < kSmallPosInts) {
        PyObject* o = rt.builtins().small_ints[value + kSmallNegInts];
        rt.incref(o);
        return o;
    }
    if (is_int27(rt)) {
        PyObject* o = int_new27(rt, value);
        if (o != nullptr) rt.note_alive(o);
        return o;
    }
    uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    const int64_t ndigits = digits_for(magnitude);
    PyObject* o = long_new(rt, ndigits);
    if (o == nullptr) return nullptr;
    if (ndigits == 1) {
        // The common case, written directly (CPython's medium-int path).
        reinterpret_cast<PyLongObject*>(o)->ob_digit[0] = static_cast<uint32_t>(magnitude);
        set_digits(rt.profile(), o, 1, value < 0 ? -1 : 1);
    } else {
        fill(rt.profile(), o, value);
    }
    return o;
}

int64_t long_ndigits(const Runtime& rt, const PyObject* o) { return long_ndigits(rt.profile(), o); }
int long_sign(const Runtime& rt, const PyObject* o) { return long_sign(rt.profile(), o); }

int64_t long_as_int64(const Runtime& rt, const PyObject* o, bool* overflow) {
    if (is_int27(rt)) {
        *overflow = false;
        return reinterpret_cast<const PyIntObject*>(o)->ob_ival;
    }
    const auto* l = reinterpret_cast<const PyLongObject*>(o);
    int64_t n = long_ndigits(rt, o);
    *overflow = false;
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
    if (is_int27(rt)) return sizeof(PyIntObject);
    int64_t n = long_ndigits(rt, o);
    if (min_one_digit(rt.profile()) && n == 0) n = 1;
    return kLongHeader + kDigitBytes * n;
}

}  // namespace pymemlab

namespace pymemlab {

bool long_equal(const Runtime& rt, const PyObject* a, const PyObject* b) {
    if (is_int27(rt)) return reinterpret_cast<const PyIntObject*>(a)->ob_ival == reinterpret_cast<const PyIntObject*>(b)->ob_ival;
    const int64_t n = long_ndigits(rt, a);
    if (n != long_ndigits(rt, b) || long_sign(rt, a) != long_sign(rt, b)) return false;
    const auto* la = reinterpret_cast<const PyLongObject*>(a);
    const auto* lb = reinterpret_cast<const PyLongObject*>(b);
    return std::memcmp(la->ob_digit, lb->ob_digit, static_cast<size_t>(n) * sizeof(uint32_t)) == 0;
}

}  // namespace pymemlab
