// instance, 2.7's classic instance (Objects/classobject.c, PyInstance_Type): every instance of
// every classic class (object/class_object27.h) is of this one type. It finds an attribute in
// its own dict, then through its class (binding what it finds there), and each special method
// by that same lookup: so, unlike a new-style instance, one can get its __len__ or __add__ from
// its own dict, and every slot exists whether the class defines the method or not (len() of an
// instance without __len__ is an AttributeError, not a TypeError). 2.7 only.
#pragma once

#include "object/object.h"

namespace pymemlab {

class Runtime;

// PyInstanceObject, field for field. Invariants: in_class is a classic class; in_dict a dict,
// made with the instance (not on first use as a new-style instance's).
struct PyInstanceObject {
    PyObject ob_base;
    Slot<PyObject> in_class;
    Slot<PyObject> in_dict;
    Slot<PyObject> in_weakreflist;
};
static_assert(sizeof(PyInstanceObject) == 40, "2.7's PyInstanceObject; 72 bytes with its GC header");

inline PyInstanceObject* as_instance27(PyObject* o) { return reinterpret_cast<PyInstanceObject*>(o); }

void init_instance27_type(Runtime& rt);
bool instance27_check(const Runtime& rt, const PyObject* o);
// PyInstance_New, classobj's tp_call: a new instance (its dict made first), then __init__ called
// with the arguments, which must return None.
PyObject* instance27_new(Runtime& rt, PyObject* klass, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames);
// _PyInstance_Lookup: `name` in the instance's dict, then its class's; borrowed, or nullptr.
// Runs no code (the collector asks it whether an instance has __del__).
PyObject* instance27_lookup_ascii(const Runtime& rt, PyObject* inst, const char* name);

}  // namespace pymemlab
