// Types as objects (Objects/typeobject.c): `object` and `type`, type_ready (a static type's
// MRO, its inherited slots and its __dict__ of method descriptors), and classes made by a class
// statement (heap types) whose slots dispatch to the dunder methods the class defines.
// Instances of classes: object_new, subtype_dealloc (with __del__ and weakref clearing).
#pragma once

#include <string>

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// Creates `object` and fills `type`'s slots; called once by init_builtins, after which
// type_ready can run on every static type.
void init_type_system(Runtime& rt);
// Builds tp_mro, inherits unset slots from tp_base, and makes tp_dict with a method descriptor
// per tp_methods entry. Returns false (MemoryError set) when the heap is exhausted.
bool type_ready(Runtime& rt, PyTypeObject* type);
// Adds `value` (stolen) to a static type's dict under `name`, for getsets and class attributes.
bool type_add_to_dict(Runtime& rt, PyTypeObject* type, const char* name, PyObject* value);

// type(name, bases, namespace): a class. bases is a tuple (empty means (object,)); ns a dict
// whose items are copied into the class __dict__. Handles __slots__, __classcell__, __qualname__.
PyObject* type_new_class(Runtime& rt, PyTypeObject* metatype, PyObject* name, PyObject* bases, PyObject* ns);

// True for objects that are instances of a class made by a class statement.
inline bool is_heap_type(const PyTypeObject* t) { return (t->tp_flags & Py_TPFLAGS_HEAPTYPE) != 0; }
// sys.getsizeof(type): 3.x's type.__sizeof__ (PyHeapTypeObject plus the class's cached keys, or
// PyTypeObject for a static type); 2.7's object.__sizeof__ (PyHeapTypeObject plus a PyMemberDef
// per slot); plus the GC header CPython adds (core/profile/type_sizes.h).
int64_t type_getsizeof(const Runtime& rt, PyTypeObject* type);
// The heap type's __name__/__qualname__/__module__ (borrowed str objects; 2.7's type has no
// qualified name of its own: its __name__).
PyObject* heap_type_name(PyTypeObject* t);
PyObject* heap_type_qualname(PyTypeObject* t);

// object.__new__ for a class: allocates basicsize (+ GC header), zeroes the slots, tracks it.
PyObject* object_new_instance(Runtime& rt, PyTypeObject* type);
// The default repr: <__main__.C object at 0x7f...>.
PyObject* object_default_repr(Runtime& rt, PyObject* o);

// Slot-wrapper lookups the VM needs: the special method `name` found on type(o), borrowed.
PyObject* lookup_special(Runtime& rt, PyObject* o, const char* name);

}  // namespace pymemlab
