// classobj, 2.7's classic class (Objects/classobject.c, PyClass_Type): what `class A:` makes in
// 2.7 when no base and no __metaclass__ says otherwise. It is not a type: its instances are all
// of the one type `instance` (object/instance_object27.h), and it finds attributes by searching
// its own dict, then each base's, depth first, left to right (class_lookup). 3.x has no classobj:
// the type is made only for the 2.7 profile.
#pragma once

#include <string>

#include "object/object.h"

namespace pymemlab {

class Runtime;

// PyClassObject, field for field. Invariants: cl_bases is a tuple of classic classes (the empty
// tuple for none); cl_dict is a dict, the class body's namespace itself (not a copy); cl_name a
// str; cl_getattr/cl_setattr/cl_delattr hold what class_lookup finds for __getattr__,
// __setattr__ and __delattr__ (null when nothing), refreshed whenever the dict or bases are
// replaced or those names are set on the class.
struct PyClassObject {
    PyObject ob_base;
    Slot<PyObject> cl_bases;
    Slot<PyObject> cl_dict;
    Slot<PyObject> cl_name;
    Slot<PyObject> cl_getattr;
    Slot<PyObject> cl_setattr;
    Slot<PyObject> cl_delattr;
    Slot<PyObject> cl_weakreflist;
};
static_assert(sizeof(PyClassObject) == 72, "2.7's PyClassObject; 104 bytes with its GC header");

inline PyClassObject* as_class27(PyObject* o) { return reinterpret_cast<PyClassObject*>(o); }

// 2.7 only: classobj, whose tp_call makes an instance (instance_object27.h).
void init_class27_type(Runtime& rt);
bool class27_check(const Runtime& rt, const PyObject* o);
// PyClass_New: a classic class over `dict` (borrowed; kept as the class's dict, with __doc__ set
// to None when absent). A base that is not a classic class hands the whole creation to its type,
// as CPython does (`class B(A, object)` makes a new-style class through `type`).
PyObject* class27_new(Runtime& rt, PyObject* bases, PyObject* dict, PyObject* name);
// class_lookup: `name` in the class's dict, then its bases' depth first; borrowed, or nullptr
// (no exception set). `ascii` names a lookup by a C string (CPython's interned static names).
PyObject* class27_lookup(Runtime& rt, PyObject* cls, PyObject* name);
PyObject* class27_lookup_ascii(const Runtime& rt, PyObject* cls, const char* ascii);
// PyClass_IsSubclass: klass is base, or one of its bases (recursively) is.
bool class27_is_subclass(const Runtime& rt, PyObject* klass, PyObject* base);
// The class's name as text, or "?" when __name__ holds no str (its repr, error messages).
std::string class27_name(const Runtime& rt, PyObject* cls);

}  // namespace pymemlab
