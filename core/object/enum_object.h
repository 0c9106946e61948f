// enumerate and reversed (Objects/enumobject.c), and iter(callable, sentinel)'s callable_iterator
// (Objects/iterobject.c). enumerate keeps a result 2-tuple and hands the same tuple out again while
// nobody else holds it; reversed walks a sequence from its end by index, or defers to the object's
// __reversed__. map, filter and zip are map_object.h.
#pragma once

#include <cstddef>

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// enumobject. 3.11 added `one` (a borrowed 1 for the long-index path): 56 bytes, 48 before.
struct EnumObject {
    PyObject ob_base;
    Py_ssize_t en_index;
    Slot<PyObject> en_sit;        // the underlying iterator
    Slot<PyObject> en_result;     // the reusable (index, item) tuple, or null
    Slot<PyObject> en_longindex;  // the index once it passes PY_SSIZE_T_MAX, else null
    Slot<PyObject> one;           // 3.11+, borrowed
};
static_assert(sizeof(EnumObject) == 56 && offsetof(EnumObject, en_longindex) == 40);

// reversedobject: the next index to read (-1 when done) and the sequence (dropped when done).
struct ReversedObject {
    PyObject ob_base;
    Py_ssize_t index;
    Slot<PyObject> seq;
};
static_assert(sizeof(ReversedObject) == 32);

// calliterobject: calls it_callable until it returns it_sentinel; both are dropped at the end.
struct CallIterObject {
    PyObject ob_base;
    Slot<PyObject> it_callable;
    Slot<PyObject> it_sentinel;
};
static_assert(sizeof(CallIterObject) == 32);

// Creates enumerate, reversed and callable_iterator (Builtins::enumerate_type, reversed_type,
// calliter_type), once per runtime.
void init_enum_types(Runtime& rt);
// iter(callable, sentinel): a new callable_iterator holding both.
PyObject* calliter_new(Runtime& rt, PyObject* callable, PyObject* sentinel);

// __iter__ and __next__ (2.7: next), the wrappers of tp_iter and tp_iternext that CPython's
// iterator types have in their dicts, as methods: tables for the builtins' iterator types.
extern const PyMethodDef kIteratorMethods3[];
extern const PyMethodDef kIteratorMethods27[];

}  // namespace pymemlab
