// What the list files share and nothing else needs: the unclipped slice copy, the slice
// assignment, the subscript slots and the method table. list_object.h is the public API.
#pragma once

#include "object/list_object.h"
#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

inline PyListObject* as_list(PyObject* o) { return reinterpret_cast<PyListObject*>(o); }

// list_slice: a new list of items [lo, hi) (0 <= lo, hi <= len; an empty list when hi <= lo),
// allocated exactly (list_new_prealloc). nullptr with MemoryError set.
PyObject* list_slice(Runtime& rt, PyObject* list, Py_ssize_t lo, Py_ssize_t hi);
// list_ass_slice: list[lo:hi] = v (v null: delete), v any iterable; -1 with the error set.
int list_ass_slice(Runtime& rt, PyObject* list, Py_ssize_t lo, Py_ssize_t hi, PyObject* v);
// list_ass_item: list[i] = v (v null: delete); i already made non-negative by the caller.
int list_ass_item(Runtime& rt, PyObject* list, Py_ssize_t i, PyObject* v);
// The mapping slots (list_subscript.cpp).
PyObject* list_subscript(Runtime& rt, PyObject* self, PyObject* item);
int list_ass_subscript(Runtime& rt, PyObject* self, PyObject* item, PyObject* value);

// listsort with 2.7's cmp function too (null: compare with <): list_sort.cpp.
bool list_sort_with(Runtime& rt, PyObject* list, PyObject* key, PyObject* cmp, bool reverse);
// The methods of list in the profile (2.7 has no clear and copy): list_methods.cpp.
const PyMethodDef* list_method_table(const Runtime& rt);

}  // namespace pymemlab
