// What the sequence files (list, tuple, range, slice and their iterators) share and nothing else
// needs: index conversion as PyNumber_AsSsize_t does it, int arithmetic on objects for the
// unbounded ranges of 3.x, and the argument checks whose wording the list, tuple and range methods
// have in common. The public APIs are list_object.h, tuple_object.h, range_object.h, slice_object.h
// and iter_object.h.
#pragma once

#include <cstdint>
#include <string>

#include "object/abstract.h"
#include "object/object.h"
#include "object/runtime.h"
#include "object/type.h"

namespace pymemlab {

constexpr Py_ssize_t kPySsizeTMax = INT64_MAX;  // PY_SSIZE_T_MAX of a 64-bit build
constexpr Py_ssize_t kPySsizeTMin = INT64_MIN;
constexpr int64_t kPointerBytes = 8;  // an item slot of a list or tuple

inline std::string seq_type_name(const PyObject* o) { return type_name(Py_TYPE(o)); }

// _PyIndex_Check: the object converts through __index__ (every int does).
inline bool seq_index_check(const PyObject* o) {
    return Py_TYPE(o)->tp_as_number.nb_index != nullptr || Py_TYPE(o)->has_flag(Py_TPFLAGS_LONG_SUBCLASS);
}

// PyNumber_AsSsize_t(o, exc): o's __index__ value as a Py_ssize_t. A value out of range raises
// `exc` ("cannot fit 'int' into an index-sized integer"; 2.7 names 'long'), or is clamped to the
// range when exc is null. A non-index raises TypeError ("'str' object cannot be interpreted as an
// integer"; 2.7 says "as an index").
bool seq_as_ssize(Runtime& rt, PyObject* o, PyTypeObject* exc, Py_ssize_t* out);

// An argument converted as the methods' parsers convert a Py_ssize_t ("n" in getargs, clinic's
// Py_ssize_t): floats are refused with each version's text, overflow raises OverflowError.
bool seq_arg_ssize(Runtime& rt, PyObject* o, Py_ssize_t* out);

// _PyEval_SliceIndex (none_ok) and _PyEval_SliceIndexNotNone: None leaves *out alone; an index is
// clamped to the Py_ssize_t range; anything else is a TypeError.
bool seq_slice_index(Runtime& rt, PyObject* o, Py_ssize_t* out, bool none_ok);

// ---- argument checks (METH_O, METH_NOARGS, positional-only methods) -------------------------------
// The qualified method name CPython prints from 3.10 ("list.append"), or the bare one before.
std::string seq_method_name(const Runtime& rt, const char* type, const char* name);
// METH_O: exactly one positional argument, no keywords.
bool seq_check_one_arg(Runtime& rt, const char* type, const char* name, Py_ssize_t nargs, PyObject* kwnames);
// METH_NOARGS.
bool seq_check_no_args(Runtime& rt, const char* type, const char* name, Py_ssize_t nargs, PyObject* kwnames);
// A positional-only method of min..max arguments, parsed by getargs (2.7, 3.6: "insert() takes
// exactly 2 arguments (1 given)") or, from `clinic_from` (3.x minor), by Argument Clinic ("insert
// expected 2 arguments, got 1").
bool seq_check_positional(Runtime& rt, const char* type, const char* name, Py_ssize_t nargs, PyObject* kwnames,
                          int min, int max, int clinic_from = 7);

// ---- int arithmetic on objects (3.x ranges of any size) -----------------------------------------
// New references, nullptr with the error set. The operands are ints.
PyObject* seq_int_add(Runtime& rt, PyObject* a, PyObject* b);
PyObject* seq_int_sub(Runtime& rt, PyObject* a, PyObject* b);
PyObject* seq_int_mul(Runtime& rt, PyObject* a, PyObject* b);
PyObject* seq_int_floordiv(Runtime& rt, PyObject* a, PyObject* b);
PyObject* seq_int_neg(Runtime& rt, PyObject* a);
// a op b for two ints: 1 or 0 (never fails: int comparison allocates nothing).
int seq_int_compare(Runtime& rt, PyObject* a, PyObject* b, int op);
// The sign of an int: -1, 0, 1.
int seq_int_sign(const Runtime& rt, const PyObject* a);

}  // namespace pymemlab
