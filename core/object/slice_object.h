// slice (Objects/sliceobject.c): a GC object of three references (start, stop, step). From 3.x a
// one-slot cache keeps the last freed slice for the next one; 2.7 frees every slice. The index
// arithmetic every sequence uses (PySlice_Unpack, PySlice_AdjustIndices) lives here; the
// sequences themselves are list_object.h, tuple_object.h and range_object.h.
#pragma once

#include "object/object.h"

namespace pymemlab {

class Runtime;

struct PySliceObject {
    PyObject ob_base;
    Slot<PyObject> start, stop, step;
};
static_assert(sizeof(PySliceObject) == 40);

void init_slice_type(Runtime& rt);
// Adds the start/stop/step attributes; runs once descriptors can be made (init_builtins).
void slice_add_members(Runtime& rt);
// PySlice_New: takes new references to its arguments (None for a missing one).
PyObject* slice_new(Runtime& rt, PyObject* start, PyObject* stop, PyObject* step);
bool slice_check(const Runtime& rt, const PyObject* o);
int64_t slice_sizeof(const Runtime& rt, const PyObject* s);

// PySlice_Unpack: the slice's start, stop and step as Py_ssize_t, before any length is known:
// None becomes 0 / PY_SSIZE_T_MAX (or the reverse for a negative step), values beyond the range
// are clamped. ValueError "slice step cannot be zero"; TypeError for a non-index.
bool slice_unpack(Runtime& rt, PyObject* slice, Py_ssize_t* start, Py_ssize_t* stop, Py_ssize_t* step);
// PySlice_AdjustIndices: clips start and stop to a sequence of `length` and returns the number
// of items the slice selects.
Py_ssize_t slice_adjust_indices(Py_ssize_t length, Py_ssize_t* start, Py_ssize_t* stop, Py_ssize_t step);
// _PySlice_GetLongIndices (3.x): the same for a length that is an int of any size (>= 0); new
// references to three ints. What range slicing and slice.indices() use.
bool slice_get_long_indices(Runtime& rt, PyObject* slice, PyObject* length, PyObject** start, PyObject** stop,
                            PyObject** step);

}  // namespace pymemlab
