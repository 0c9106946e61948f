// float: PyFloatObject (Objects/floatobject.c) and its free list. 3.x keeps up to 100 freed
// floats for reuse (PyFloat_MAXFREELIST), linked through ob_type; 2.7 carves floats 41 at a
// time from 992-byte blocks got from malloc and keeps every freed float, without limit.
#pragma once

#include "object/object.h"
#include "object/object_blocks.h"

namespace pymemlab {

class Runtime;

struct PyFloatObject {
    PyObject ob_base;
    double ob_fval;
};
static_assert(sizeof(PyFloatObject) == 24);

constexpr int kFloatMaxFreeList = 100;  // PyFloat_MAXFREELIST

// The free list (3.x) or the block allocator (2.7).
struct FloatState {
    PyFloatObject* free_list = nullptr;  // 3.x, linked through ob_type
    int numfree = 0;
    ObjectBlocks blocks27;
};

void init_float_type(Runtime& rt);
// _PyFloat_ClearFreeList (3.x full collections): frees the free-listed floats. Returns how many.
int float_clear_free_list(Runtime& rt);
// PyFloat_FromDouble: from the free list when it has one, else a new block. nullptr on
// MemoryError.
PyObject* float_from_double(Runtime& rt, double value);
double float_value(const PyObject* o);

}  // namespace pymemlab
