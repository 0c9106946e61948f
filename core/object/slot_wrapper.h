// method-wrapper (Objects/descrobject.c's wrapperobject): a built-in type's slot bound to an
// object, what `super().__init__` finds when the next class along the MRO is a built-in type.
// The model's built-in types keep no slot wrappers in their dicts (type_slots.cpp calls their
// slots directly), so super (super_object.h) and attribute lookup ask here after a type's dict
// has no entry.
#pragma once

#include <string_view>

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// A new method-wrapper binding `self` to the slot behind the dunder `name` (__init__, __new__,
// __repr__, __str__, __hash__, __eq__..., __getattribute__, __setattr__, __delattr__,
// __getitem__, __setitem__, __delitem__, __len__, __contains__, __iter__, __next__, __call__) of
// the built-in type `type`, when `type` implements that slot itself (not by inheritance) — where
// CPython's dict for `type` holds the slot's wrapper. nullptr without an exception otherwise.
PyObject* slot_wrapper_bind(Runtime& rt, PyTypeObject* type, std::string_view name, PyObject* self);

// Attribute lookup's last resort (object_generic_getattr), for `[1].__len__` or `a.__eq__`: the
// method-wrapper of the first type along type's base chain whose dict in CPython would hold the
// slot wrapper for `name`. Not __hash__ (None in an unhashable type's dict) nor __new__ (a static
// method of the type). nullptr, with an exception only on MemoryError, when there is none.
PyObject* slot_wrapper_find(Runtime& rt, PyTypeObject* type, std::string_view name, PyObject* self);

// Creates the method-wrapper type (Builtins::method_wrapper_type), once per runtime.
void init_slot_wrapper_type(Runtime& rt);

}  // namespace pymemlab
