// map, filter and zip (Python/bltinmodule.c's mapobject, filterobject, zipobject): 3.x's lazy
// iterators. zip keeps a result tuple and refills it while nobody else holds it, as enumerate
// does (enum_object.h). 2.7's map/filter/zip are functions returning lists (interp/bltin_iter.cpp).
#pragma once

#include <cstddef>

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// mapobject: a tuple of iterators and the function. 3.14 adds `strict` (40 bytes, 32 before).
struct MapObject {
    PyObject ob_base;
    Slot<PyObject> iters;
    Slot<PyObject> func;
    int32_t strict;  // 3.14+
};
static_assert(sizeof(MapObject) == 40);

// filterobject: the predicate (None or bool: truth of the item itself) and the iterator.
struct FilterObject {
    PyObject ob_base;
    Slot<PyObject> func;
    Slot<PyObject> it;
};
static_assert(sizeof(FilterObject) == 32);

// zipobject: the number of iterables, a tuple of their iterators, the reusable result tuple and
// (3.10+) strict.
struct ZipObject {
    PyObject ob_base;
    Py_ssize_t tuplesize;
    Slot<PyObject> ittuple;
    Slot<PyObject> result;
    int32_t strict;  // 3.10+
};
static_assert(sizeof(ZipObject) == 48 && offsetof(ZipObject, strict) == 40);

// Creates map, filter and zip (Builtins::map_type, ...), once per runtime (3.x only).
void init_map_types(Runtime& rt);

}  // namespace pymemlab
