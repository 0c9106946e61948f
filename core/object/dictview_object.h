// dict views and iterators (Objects/dictobject.c): d.keys(), d.values(), d.items() (2.7:
// d.viewkeys() ...) as 24-byte _PyDictViewObject, and dictiterobject (56 bytes) over keys,
// values or items, forwards and (3.8+) reversed. An iterator holds its dict until exhausted and
// raises "dictionary changed size during iteration" when the dict's size changes; the items
// iterator reuses its result tuple while nobody else holds it. Sizes: profile/type_sizes.h.
#pragma once

#include "object/object.h"

namespace pymemlab {

class Runtime;

enum DictItemKind : int { kDictKeys = 0, kDictValues = 1, kDictItems = 2 };

struct DictIterObject {
    PyObject ob_base;
    Slot<PyObject> di_dict;  // null once exhausted
    Py_ssize_t di_used;      // the dict's size when the iterator was made; -1 after a change
    Py_ssize_t di_pos;       // the next position (dict_next's), or for reversed the current one
    Slot<PyObject> di_result;  // items iterators: the 2-tuple handed out again when free
    Py_ssize_t len;          // items left, for __length_hint__
};
static_assert(sizeof(DictIterObject) == 56);

struct DictViewObject {
    PyObject ob_base;
    Slot<PyObject> dv_dict;
};
static_assert(sizeof(DictViewObject) == 24);

void init_dictview_types(Runtime& rt);

// iter(d), iter(d.values()), ...: a new tracked iterator holding a reference to d.
PyObject* dictiter_new(Runtime& rt, PyObject* d, DictItemKind kind, bool reversed);
// d.keys() / d.values() / d.items(): a new tracked view holding a reference to d.
PyObject* dictview_new(Runtime& rt, PyObject* d, DictItemKind kind);
// Whether o is a keys or items view (PyDictViewSet_Check).
bool dictview_is_set_like(const Runtime& rt, const PyObject* o);

}  // namespace pymemlab
