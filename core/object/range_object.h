// range (Objects/rangeobject.c): four int references (start, stop, step, length) in a plain
// 48-byte object; 2.7's xrange holds three C longs (40 bytes), and 2.7's range() is a function
// that returns a list (Python/bltinmodule.c builtin_range). Not a GC type. range_object.cpp is
// 3.x's range, range27.cpp 2.7's xrange and range(); the iterators are iter_object.h.
#pragma once

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

struct PyRangeObject {
    PyObject ob_base;
    Slot<PyObject> start, stop, step, length;
};
static_assert(sizeof(PyRangeObject) == 48);

// 2.7's xrange: start, step and the number of items (its stop is not kept).
struct PyRange27Object {
    PyObject ob_base;
    int64_t start;
    int64_t step;
    int64_t len;
};
static_assert(sizeof(PyRange27Object) == 40);

void init_range_type(Runtime& rt);
// Adds range's start/stop/step attributes (3.x); runs once descriptors can be made.
void range_add_members(Runtime& rt);
// range(start, stop, step) of C-long values (2.7: xrange); a new reference, nullptr on
// MemoryError (set) or a zero step (ValueError).
PyObject* range_new(Runtime& rt, int64_t start, int64_t stop, int64_t step);
bool range_check(const Runtime& rt, const PyObject* o);
int64_t range_sizeof(const Runtime& rt, const PyObject* r);

// 2.7's builtins.range (a list of ints, or of longs beyond a C long), for the builtins module.
extern const PyMethodDef kRange27Builtin[];

// range27.cpp: 2.7's xrange slots and the list-making range().
void init_xrange_slots(Runtime& rt, PyTypeObject* type);

}  // namespace pymemlab
