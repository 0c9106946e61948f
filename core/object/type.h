// PyTypeObject: what the model needs of a type (Include/cpython/object.h), with CPython's slot
// names. A slot is a host function; the calling convention is CPython's: a function returning
// PyObject* returns a new reference, or nullptr with an exception set (object/errors.h); an
// int-returning one returns -1 on error. Calls use vectorcall's shape (args, nargs, kwnames).
// Generic operations over these slots (getattr, call, binary operators) are object/abstract.h;
// user classes (heap types) and their dunder-dispatching slots are object/type_object.h.
#pragma once

#include <cstdint>

#include "object/object.h"

namespace pymemlab {

class Runtime;
struct PyWeakReference;
using Py_hash_t = int64_t;

using visitproc = void (*)(PyObject* referent, void* arg);
// tp_traverse: calls visit on each object the object refers to, in CPython's order.
using traverseproc = void (*)(PyObject* self, visitproc visit, void* arg);
// tp_dealloc: releases what the object holds and frees (or caches) its memory.
using destructor = void (*)(Runtime& rt, PyObject* self);
// Not CPython's: calls visit on each allocator block the object owns (its own block, an items
// buffer, a keys table), for the heap checker. Null means: just the object's own block.
using blockproc = void (*)(const void* block, void* arg);
using blocksvisitor = void (*)(const Runtime& rt, PyObject* self, blockproc visit, void* arg);

using unaryfunc = PyObject* (*)(Runtime& rt, PyObject* self);
using binaryfunc = PyObject* (*)(Runtime& rt, PyObject* a, PyObject* b);
using ternaryfunc = PyObject* (*)(Runtime& rt, PyObject* a, PyObject* b, PyObject* c);
using inquiry = int (*)(Runtime& rt, PyObject* self);  // nb_bool, tp_clear: -1 on error
using lenfunc = Py_ssize_t (*)(Runtime& rt, PyObject* self);
using ssizeargfunc = PyObject* (*)(Runtime& rt, PyObject* self, Py_ssize_t i);
using objobjproc = int (*)(Runtime& rt, PyObject* self, PyObject* item);  // sq_contains
// mp_ass_subscript / tp_setattro / tp_descr_set: value nullptr means delete.
using objobjargproc = int (*)(Runtime& rt, PyObject* self, PyObject* key, PyObject* value);
using reprfunc = PyObject* (*)(Runtime& rt, PyObject* self);
using hashfunc = Py_hash_t (*)(Runtime& rt, PyObject* self);  // -1 on error
using richcmpfunc = PyObject* (*)(Runtime& rt, PyObject* a, PyObject* b, int op);
using getiterfunc = PyObject* (*)(Runtime& rt, PyObject* self);
// tp_iternext: the next item; nullptr with no exception set when exhausted.
using iternextfunc = PyObject* (*)(Runtime& rt, PyObject* self);
using getattrofunc = PyObject* (*)(Runtime& rt, PyObject* self, PyObject* name);
using setattrofunc = objobjargproc;
using descrgetfunc = PyObject* (*)(Runtime& rt, PyObject* descr, PyObject* obj, PyObject* type);
using descrsetfunc = objobjargproc;
// Calls: positional arguments args[0..nargs), then keyword values args[nargs..] named by the
// kwnames tuple (or nullptr). The callee borrows args.
using vectorcallfunc = PyObject* (*)(Runtime& rt, PyObject* callable, PyObject* const* args, Py_ssize_t nargs,
                                     PyObject* kwnames);
using newfunc = PyObject* (*)(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs,
                              PyObject* kwnames);
using initproc = int (*)(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames);

// Rich comparison operators (Include/object.h).
enum CompareOp : int { Py_LT = 0, Py_LE = 1, Py_EQ = 2, Py_NE = 3, Py_GT = 4, Py_GE = 5 };

// 3.11+: where a class's instances keep their attributes (instance_values.h). CPython's bits:
// 3.11 MANAGED_DICT; 3.12 adds MANAGED_WEAKREF; 3.13 adds INLINE_VALUES. DICT_OR_VALUES is the
// model's (an unused CPython bit): the instance's pre-header holds 3.12's tagged dict-or-values
// word rather than 3.11's separate values and dict words.
constexpr unsigned long Py_TPFLAGS_INLINE_VALUES = 1ul << 2;
constexpr unsigned long Py_TPFLAGS_MANAGED_WEAKREF = 1ul << 3;
constexpr unsigned long Py_TPFLAGS_MANAGED_DICT = 1ul << 4;
constexpr unsigned long Py_TPFLAGS_MODEL_DICT_OR_VALUES = 1ul << 21;
constexpr unsigned long Py_TPFLAGS_HEAPTYPE = 1ul << 9;
constexpr unsigned long Py_TPFLAGS_BASETYPE = 1ul << 10;
constexpr unsigned long Py_TPFLAGS_HAVE_GC = 1ul << 14;
// Model-only flags in bits CPython leaves to subclass checks (Include/object.h keeps 24..31
// for *_SUBCLASS); ours mark what the interpreter needs to know quickly.
constexpr unsigned long Py_TPFLAGS_LONG_SUBCLASS = 1ul << 24;
constexpr unsigned long Py_TPFLAGS_LIST_SUBCLASS = 1ul << 25;
constexpr unsigned long Py_TPFLAGS_TUPLE_SUBCLASS = 1ul << 26;
constexpr unsigned long Py_TPFLAGS_BYTES_SUBCLASS = 1ul << 27;
constexpr unsigned long Py_TPFLAGS_UNICODE_SUBCLASS = 1ul << 28;
constexpr unsigned long Py_TPFLAGS_DICT_SUBCLASS = 1ul << 29;
constexpr unsigned long Py_TPFLAGS_BASE_EXC_SUBCLASS = 1ul << 30;
constexpr unsigned long Py_TPFLAGS_TYPE_SUBCLASS = 1ul << 31;

// PyNumberMethods, embedded (CPython points to it). Binary slots receive (a, b) in source order
// and return Py_NotImplemented (a new reference) when they do not handle the pair.
struct PyNumberMethods {
    binaryfunc nb_add = nullptr;
    binaryfunc nb_subtract = nullptr;
    binaryfunc nb_multiply = nullptr;
    binaryfunc nb_remainder = nullptr;
    binaryfunc nb_divmod = nullptr;
    ternaryfunc nb_power = nullptr;
    unaryfunc nb_negative = nullptr;
    unaryfunc nb_positive = nullptr;
    unaryfunc nb_absolute = nullptr;
    inquiry nb_bool = nullptr;
    unaryfunc nb_invert = nullptr;
    binaryfunc nb_lshift = nullptr;
    binaryfunc nb_rshift = nullptr;
    binaryfunc nb_and = nullptr;
    binaryfunc nb_xor = nullptr;
    binaryfunc nb_or = nullptr;
    unaryfunc nb_int = nullptr;
    unaryfunc nb_float = nullptr;
    binaryfunc nb_inplace_add = nullptr;
    binaryfunc nb_inplace_subtract = nullptr;
    binaryfunc nb_inplace_multiply = nullptr;
    binaryfunc nb_inplace_remainder = nullptr;
    ternaryfunc nb_inplace_power = nullptr;
    binaryfunc nb_inplace_lshift = nullptr;
    binaryfunc nb_inplace_rshift = nullptr;
    binaryfunc nb_inplace_and = nullptr;
    binaryfunc nb_inplace_xor = nullptr;
    binaryfunc nb_inplace_or = nullptr;
    binaryfunc nb_floor_divide = nullptr;
    binaryfunc nb_true_divide = nullptr;
    binaryfunc nb_inplace_floor_divide = nullptr;
    binaryfunc nb_inplace_true_divide = nullptr;
    unaryfunc nb_index = nullptr;
    binaryfunc nb_matrix_multiply = nullptr;
    binaryfunc nb_inplace_matrix_multiply = nullptr;
};

// PySequenceMethods and PyMappingMethods, embedded and merged: what the interpreter calls.
struct PySequenceMethods {
    lenfunc sq_length = nullptr;
    binaryfunc sq_concat = nullptr;
    ssizeargfunc sq_repeat = nullptr;
    objobjproc sq_contains = nullptr;
    binaryfunc sq_inplace_concat = nullptr;
    ssizeargfunc sq_inplace_repeat = nullptr;
};
struct PyMappingMethods {
    lenfunc mp_length = nullptr;
    binaryfunc mp_subscript = nullptr;
    objobjargproc mp_ass_subscript = nullptr;
};

// A built-in method of a type (PyMethodDef): `meth` is called with self first in args.
struct PyMethodDef {
    const char* ml_name;
    vectorcallfunc ml_meth;  // callable = the bound self; args exclude self
    int ml_flags;            // METH_* below
};
constexpr int METH_VARARGS = 0x1;  // (CPython's flag names and values)
// One argument, or none: 3.11+'s CALL specializes such a builtin with a recursion check
// (object/recursion.h); set where that shows (repr, hash, ...).
constexpr int METH_NOARGS = 0x4;
constexpr int METH_O = 0x8;
constexpr int METH_CLASS = 0x10;
constexpr int METH_STATIC = 0x20;

struct PyTypeObject {
    PyVarObject ob_base;
    const char* tp_name = "";
    Py_ssize_t tp_basicsize = 0;  // bytes of the object, GC header not included
    Py_ssize_t tp_itemsize = 0;   // bytes per item of a variable-size object
    destructor tp_dealloc = nullptr;
    reprfunc tp_repr = nullptr;
    PyNumberMethods tp_as_number;
    PySequenceMethods tp_as_sequence;
    PyMappingMethods tp_as_mapping;
    hashfunc tp_hash = nullptr;
    vectorcallfunc tp_call = nullptr;
    reprfunc tp_str = nullptr;
    getattrofunc tp_getattro = nullptr;
    setattrofunc tp_setattro = nullptr;
    unsigned long tp_flags = 0;
    traverseproc tp_traverse = nullptr;
    inquiry tp_clear = nullptr;
    richcmpfunc tp_richcompare = nullptr;
    Py_ssize_t tp_weaklistoffset = 0;  // offset of the weakref list pointer, 0 if none
    PyWeakReference* tp_weaklist = nullptr;  // the weakrefs to this type object (object/weakref_object.h)
    getiterfunc tp_iter = nullptr;
    iternextfunc tp_iternext = nullptr;
    const PyMethodDef* tp_methods = nullptr;  // terminated by an entry with a null name
    PyTypeObject* tp_base = nullptr;
    PyObject* tp_dict = nullptr;  // the type's namespace (a dict), built by type_ready
    descrgetfunc tp_descr_get = nullptr;
    descrsetfunc tp_descr_set = nullptr;
    Py_ssize_t tp_dictoffset = 0;  // offset of the instance __dict__ pointer, 0 if none
    initproc tp_init = nullptr;
    newfunc tp_new = nullptr;
    PyObject* tp_bases = nullptr;  // tuple
    PyObject* tp_mro = nullptr;    // tuple: the type, then its bases in lookup order
    destructor tp_finalize = nullptr;  // PEP 442 (3.4+): __del__ of a heap type
    destructor tp_del = nullptr;       // 2.7's legacy __del__ (objects with it are uncollectable in cycles)
    vectorcallfunc tp_vectorcall = nullptr;  // calling the type object itself
    blocksvisitor tp_blocks = nullptr;       // model-only, see blockproc
    // Model-only, never inherited: instances hold no references (int, float), so tp_dealloc
    // cannot reach another dealloc and Runtime::dealloc calls it outside the trashcan, which
    // CPython, too, runs only in containers' deallocs.
    bool tp_model_no_refs = false;

    bool is_gc() const { return (tp_flags & Py_TPFLAGS_HAVE_GC) != 0; }
    bool has_flag(unsigned long f) const { return (tp_flags & f) != 0; }
};

inline bool PyType_HasFeature(const PyTypeObject* t, unsigned long f) { return (t->tp_flags & f) != 0; }

}  // namespace pymemlab
