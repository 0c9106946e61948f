// Slot wrappers (Objects/descrobject.c): a built-in type's slot as Python reaches it. The
// wrapper_descriptor `int.__add__` (what the type's dict holds in CPython) and the method-wrapper
// `(1).__add__`, the descriptor bound to an object. The model's built-in types keep no slot
// wrappers in their dicts (type_slots.cpp calls their slots directly), so type and instance
// attribute lookup, and super (super_object.h), ask here after the dicts along the MRO have no
// entry. The rows are slot_defs.h's.
#pragma once

#include <string_view>

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// A new method-wrapper binding `self` to the slot behind the dunder `name` (a row of slot_defs.h
// with a wrapper: __init__, __new__, __repr__, __eq__, __add__, __radd__, __len__, ...) of the
// built-in type `type`, when `type` implements that slot itself (not by inheritance) — where
// CPython's dict for `type` holds the slot's wrapper. nullptr without an exception otherwise.
PyObject* slot_wrapper_bind(Runtime& rt, PyTypeObject* type, std::string_view name, PyObject* self);

// Attribute lookup's last resort (object_generic_getattr), for `[1].__len__` or `a.__eq__`: the
// method-wrapper of the first type along type's base chain whose dict in CPython would hold the
// slot wrapper for `name`, or None for the __hash__ of an unhashable type; never __new__ (a static
// method of the type). nullptr, with an exception only on MemoryError, when there is none.
PyObject* slot_wrapper_find(Runtime& rt, PyTypeObject* type, std::string_view name, PyObject* self);

// A type's attribute lookup's last resort (type_getattro), for `int.__add__` or `object.__init__`:
// a new reference to the wrapper_descriptor of the first type along type's base chain whose dict
// in CPython would hold the slot wrapper for `name`, or to None for the __hash__ of a type that
// compares but does not hash. nullptr, without an exception, when there is none.
PyObject* slot_wrapper_lookup(Runtime& rt, PyTypeObject* type, std::string_view name);

// Creates the method-wrapper and wrapper_descriptor types (Builtins::method_wrapper_type,
// wrapper_descriptor_type), once per runtime.
void init_slot_wrapper_type(Runtime& rt);

}  // namespace pymemlab
