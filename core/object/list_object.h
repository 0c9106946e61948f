// list: PyListObject (Objects/listobject.c): a 40-byte GC object whose items live in a separate
// PyMem block, over-allocated on growth by the profile's formula (list_resize), and a free list
// of 80 freed list objects. Traversal and release go from the last item to the first.
// list_object.cpp holds the object and its protocols, list_subscript.cpp indexing and slices,
// list_methods.cpp the methods, list_sort.cpp the sort; the iterators are iter_object.h.
#pragma once

#include "object/object.h"

namespace pymemlab {

class Runtime;

constexpr int kListMaxFreeList = 80;  // PyList_MAXFREELIST

struct PyListObject {
    PyVarObject ob_base;
    Slot<PyObject*> ob_item;  // the items block; null when allocated == 0
    Py_ssize_t allocated;     // -1 while a sort runs (the list looks empty meanwhile)
};
static_assert(sizeof(PyListObject) == 40);

// Freed list objects, a stack (free_list[numfree - 1] is reused first).
struct ListState {
    PyListObject* free_list[kListMaxFreeList] = {};
    int numfree = 0;
};

void init_list_type(Runtime& rt);
// _PyList_ClearFreeList (3.x full collections): frees the free-listed lists. Returns how many.
int list_clear_free_list(Runtime& rt);
// PyList_New(n): a list from the free list (or a new GC block) with n null items, exactly n
// allocated; tracked. nullptr on MemoryError (not set).
PyObject* list_new(Runtime& rt, int64_t n);
// isinstance(o, list) / type(o) is list.
bool list_check(const Runtime& rt, const PyObject* o);
bool list_check_exact(const Runtime& rt, const PyObject* o);
PyObject** list_items(PyObject* list);
int64_t list_allocated(const PyObject* list);
// sys.getsizeof / list.__sizeof__ (without the GC header): the object and its allocated items.
int64_t list_sizeof(const Runtime& rt, const PyObject* list);
int64_t list_basic_sizeof(const Runtime& rt, const PyObject* list);

// ---- growth and mutation (false: an exception is set) --------------------------------------------
// list_resize: make room for newsize items, over-allocating as the profile does; only the size
// changes while the allocation stays between newsize and twice it. MemoryError is not set.
bool list_resize(Runtime& rt, PyObject* list, int64_t newsize);
// list.append(item) / PyList_Append: takes a new reference. false on MemoryError (not set).
bool list_append(Runtime& rt, PyObject* list, PyObject* item);
// list.insert(where, item) / PyList_Insert: where is clipped to [0, len] after adding len to a
// negative one.
bool list_insert(Runtime& rt, PyObject* list, Py_ssize_t where, PyObject* item);
// list.extend(iterable) / PyList_Extend, with each version's preallocation: a list or tuple is
// copied (3.9+ allocate exactly, rounded up to even, when the list has no items block); any other
// iterable is run to exhaustion after a resize to len + its length hint (default 8), and the
// surplus is given back; 3.13+ size sets, dicts and dict views exactly as well.
bool list_extend(Runtime& rt, PyObject* list, PyObject* iterable);
// list.clear(): the list is emptied first, then its items are released last to first and the
// items block freed.
void list_clear(Runtime& rt, PyObject* list);
// list.reverse() in place.
void list_reverse(PyObject* list);
// list.sort(key=key, reverse=reverse) / PyList_Sort: a stable timsort comparing with <; key may be
// null. ValueError "list modified during sort" when the list changed meanwhile.
bool list_sort(Runtime& rt, PyObject* list, PyObject* key, bool reverse);

// ---- slices --------------------------------------------------------------------------------------
// PyList_GetSlice: a new list of list[lo:hi] (bounds clipped).
PyObject* list_get_slice(Runtime& rt, PyObject* list, Py_ssize_t lo, Py_ssize_t hi);
// PyList_SetSlice: list[lo:hi] = v, or del list[lo:hi] when v is null.
bool list_set_slice(Runtime& rt, PyObject* list, Py_ssize_t lo, Py_ssize_t hi, PyObject* v);
// PyList_AsTuple: a new tuple of the items.
PyObject* list_as_tuple(Runtime& rt, PyObject* list);
// PySequence_List: a new list of any iterable's items (list_extend into a new list).
PyObject* list_from_iterable(Runtime& rt, PyObject* iterable);

}  // namespace pymemlab
