// PyTypeObject: what the model needs of a type (Include/cpython/object.h), with CPython's slot
// names. A type's sizes are per profile, so each Runtime fills its own type objects (types.cpp).
#pragma once

#include <cstdint>

#include "object/object.h"

namespace pymemlab {

class Runtime;

using visitproc = void (*)(PyObject* referent, void* arg);
// tp_traverse: calls visit on each object the object refers to, in CPython's order.
using traverseproc = void (*)(PyObject* self, visitproc visit, void* arg);
// tp_dealloc: releases what the object holds and frees (or caches) its memory.
using destructor = void (*)(Runtime& rt, PyObject* self);
// Not CPython's: calls visit on each allocator block the object owns (its own block, an items
// buffer, a keys table), for the heap checker. Null means: just the object's own block.
using blockproc = void (*)(const void* block, void* arg);
using blocksvisitor = void (*)(const Runtime& rt, PyObject* self, blockproc visit, void* arg);

constexpr unsigned long Py_TPFLAGS_HAVE_GC = 1ul << 14;

struct PyTypeObject {
    PyVarObject ob_base;
    const char* tp_name = "";
    Py_ssize_t tp_basicsize = 0;  // bytes of the object, GC header not included
    Py_ssize_t tp_itemsize = 0;   // bytes per item of a variable-size object
    destructor tp_dealloc = nullptr;
    traverseproc tp_traverse = nullptr;
    unsigned long tp_flags = 0;
    PyTypeObject* tp_base = nullptr;
    blocksvisitor tp_blocks = nullptr;  // model-only, see blockproc

    bool is_gc() const { return (tp_flags & Py_TPFLAGS_HAVE_GC) != 0; }
};

}  // namespace pymemlab
