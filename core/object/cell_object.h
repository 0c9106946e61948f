// cell (Objects/cellobject.c): the GC object a closure keeps a captured variable in; one
// reference, possibly empty.
#pragma once

#include "object/object.h"

namespace pymemlab {

class Runtime;

struct PyCellObject {
    PyObject ob_base;
    Slot<PyObject> ob_ref;  // null when the variable is unbound
};
static_assert(sizeof(PyCellObject) == 24);

void init_cell_type(Runtime& rt);
// cell_contents (read-only before 3.7), once the type system is ready.
void init_cell_attributes(Runtime& rt);
// PyCell_New: takes a new reference to `value` (which may be null); tracked.
PyObject* cell_new(Runtime& rt, PyObject* value);
PyObject* cell_get(const PyObject* cell);
// Replaces the contents, releasing the old value.
void cell_set(Runtime& rt, PyObject* cell, PyObject* value);
int64_t cell_sizeof(const Runtime& rt, const PyObject* cell);

}  // namespace pymemlab
