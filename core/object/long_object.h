// int: PyLongObject (Objects/longobject.c), arbitrary precision in 30-bit digits, with the
// small-int cache (-5..256) where the profile keeps it: the data segment (3.6-3.8, 3.11+) or
// blocks allocated at start-up (3.9-3.10). In 2.7, int is PyIntObject (a C long, from the
// block allocator of object_blocks.h, small ints included) and `long` a type of its own with
// PyLongObject's layout. Arithmetic and text: long_arith.h. Not modelled: 3.14's free list.
#pragma once

#include <cstdint>

#include "object/object.h"
#include "profile/profile.h"

namespace pymemlab {

class Runtime;

constexpr int PyLong_SHIFT = 30;
constexpr uint32_t PyLong_MASK = (1u << PyLong_SHIFT) - 1;
constexpr int kSmallNegInts = 5;    // _PY_NSMALLNEGINTS
constexpr int kSmallPosInts = 257;  // _PY_NSMALLPOSINTS

// The digits follow the header. Up to 3.11 (and in 2.7's long) ob_size is the signed digit
// count; from 3.12 that word is lv_tag = ndigits << 3 | sign (0 positive, 1 zero, 2 negative).
struct PyLongObject {
    PyVarObject ob_base;
    uint32_t ob_digit[1];
};
static_assert(offsetof(PyLongObject, ob_digit) == 24);

// 2.7's int.
struct PyIntObject {
    PyObject ob_base;
    int64_t ob_ival;
};
static_assert(sizeof(PyIntObject) == 24);

// Creates int (and in 2.7 long) with their slots; bool is made by init_singletons.
void init_long_type(Runtime& rt);

// PyLong_FromLongLong: the cached object for -5..256 (a new reference), else a new int.
// nullptr when the heap is exhausted.
PyObject* long_from_int64(Runtime& rt, int64_t value);
// _PyLong_New(ndigits): a new bignum (3.x int, 2.7 long) with room for ndigits digits, its size
// set to +ndigits and its digits left for the caller. The request is CPython's: the 24-byte
// header plus 4 bytes a digit, at least one digit from 3.11 (and only 3.11+'s medium-value
// path, long_from_int64, asks for sizeof(PyLongObject), 32). nullptr on MemoryError (not set).
PyObject* long_new(Runtime& rt, int64_t ndigits);
// The value of an int that fits in 64 bits; *overflow set otherwise. Any int of the profile:
// 3.x int or bool, 2.7 int, bool or long.
int64_t long_as_int64(const Runtime& rt, const PyObject* o, bool* overflow);
// isinstance(o, int) (2.7: int or long), by the type's Py_TPFLAGS_LONG_SUBCLASS.
bool long_check(const PyObject* o);
// Digits in use (0 for zero) and the sign (-1, 0, 1), read from ob_size (up to 3.11, and 2.7's
// long) or lv_tag (3.12+). For PyLongObjects only: 2.7's PyIntObject has no digits.
// Inline: hashing and comparisons read them on every call.
inline int64_t long_ndigits(const Profile& p, const PyObject* o) {
    int64_t size = reinterpret_cast<const PyVarObject*>(o)->ob_size;
    if (p.at_least(3, 12)) return size >> 3;
    return size < 0 ? -size : size;
}
inline int long_sign(const Profile& p, const PyObject* o) {
    int64_t size = reinterpret_cast<const PyVarObject*>(o)->ob_size;
    if (p.at_least(3, 12)) return 1 - static_cast<int>(size & 3);
    return size < 0 ? -1 : size > 0 ? 1 : 0;
}
int64_t long_ndigits(const Runtime& rt, const PyObject* o);
int long_sign(const Runtime& rt, const PyObject* o);
// sys.getsizeof(o) for an int.
int64_t long_sizeof(const Runtime& rt, const PyObject* o);
// a == b for two ints.
bool long_equal(const Runtime& rt, const PyObject* a, const PyObject* b);

}  // namespace pymemlab
