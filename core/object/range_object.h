// range (Objects/rangeobject.c): four int references (start, stop, step, length) in a plain
// 48-byte object; 2.7's xrange holds three C longs (40 bytes). Not a GC type.
#pragma once

#include "object/object.h"

namespace pymemlab {

class Runtime;

struct PyRangeObject {
    PyObject ob_base;
    Slot<PyObject> start, stop, step, length;
};
static_assert(sizeof(PyRangeObject) == 48);

void init_range_type(Runtime& rt);
// range(start, stop, step) of small values; a new reference, nullptr on MemoryError.
PyObject* range_new(Runtime& rt, int64_t start, int64_t stop, int64_t step);
int64_t range_sizeof(const Runtime& rt, const PyObject* r);

}  // namespace pymemlab
