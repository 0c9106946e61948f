// list: PyListObject (Objects/listobject.c): a 40-byte GC object whose items live in a separate
// PyMem block, over-allocated on growth by the profile's formula (list_resize), and a free list
// of 80 freed list objects. Traversal and release go from the last item to the first.
#pragma once

#include "object/object.h"

namespace pymemlab {

class Runtime;

constexpr int kListMaxFreeList = 80;  // PyList_MAXFREELIST

struct PyListObject {
    PyVarObject ob_base;
    Slot<PyObject*> ob_item;  // the items block; null when allocated == 0
    Py_ssize_t allocated;
};
static_assert(sizeof(PyListObject) == 40);

// Freed list objects, a stack (free_list[numfree - 1] is reused first).
struct ListState {
    PyListObject* free_list[kListMaxFreeList] = {};
    int numfree = 0;
};

void init_list_type(Runtime& rt);
// PyList_New(n): n null items, exactly n allocated; tracked. nullptr on MemoryError.
PyObject* list_new(Runtime& rt, int64_t n);
// list.append(item): steals nothing, takes a new reference. false on MemoryError.
bool list_append(Runtime& rt, PyObject* list, PyObject* item);
// list_resize: make room for newsize items, over-allocating as the profile does.
bool list_resize(Runtime& rt, PyObject* list, int64_t newsize);
PyObject** list_items(PyObject* list);
int64_t list_allocated(const PyObject* list);
// sys.getsizeof: GC header + 40 + 8 per allocated item.
int64_t list_sizeof(const Runtime& rt, const PyObject* list);

}  // namespace pymemlab
