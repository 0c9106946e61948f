// super (Objects/typeobject.c's superobject): super(type, obj) finds attributes along type(obj)'s
// MRO after `type`, binding them to obj. super() without arguments takes type from the running
// function's __class__ cell and obj from its first argument, which core/interp finds
// (Builtins::super_frame_args). A built-in type's slots are reached through slot_wrapper.h.
#pragma once

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// superobject: the starting class, the object (or class) bound, and the type whose MRO is
// searched (type(obj), or obj itself for a class).
struct SuperObject {
    PyObject ob_base;
    Slot<PyTypeObject> type;
    Slot<PyObject> obj;
    Slot<PyTypeObject> obj_type;
};
static_assert(sizeof(SuperObject) == 40);

// _PySuper_Lookup, 3.12+'s LOAD_SUPER_ATTR: super(type, obj).name without a super object (one is
// made only when the name is not found, for super's own attributes and the AttributeError).
// With `method`, a function or method descriptor comes back unbound and *method is set, as
// LOAD_METHOD leaves it. A new reference, or nullptr with an exception set.
PyObject* super_lookup(Runtime& rt, PyTypeObject* type, PyObject* obj, PyObject* name, bool* method);

// Creates super and method-wrapper (Builtins::super_type, method_wrapper_type), once per runtime.
void init_super_type(Runtime& rt);

}  // namespace pymemlab
