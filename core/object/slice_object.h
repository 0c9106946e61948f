// slice (Objects/sliceobject.c): a GC object of three references (start, stop, step). From 3.x a
// one-slot cache keeps the last freed slice for the next one; 2.7 frees every slice.
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
// PySlice_New: takes new references to its arguments (None for a missing one).
PyObject* slice_new(Runtime& rt, PyObject* start, PyObject* stop, PyObject* step);
int64_t slice_sizeof(const Runtime& rt, const PyObject* s);

}  // namespace pymemlab
