// Descriptors and built-in callables (Objects/descrobject.c, methodobject.c, funcobject.c's
// classmethod/staticmethod, property): what a type's __dict__ holds and what `len`, `[].append`
// and `@property` are.
#pragma once

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

using getter = PyObject* (*)(Runtime& rt, PyObject* self);
using setter = int (*)(Runtime& rt, PyObject* self, PyObject* value);

// CPython's PyGetSetDef: a computed attribute's name and accessors, in a static table.
struct PyGetSetDef {
    const char* name;
    getter get;
    setter set;  // null: read-only
};

void init_descr_types(Runtime& rt);
// A method_descriptor for a type's PyMethodDef (list.append).
PyObject* method_descriptor_new(Runtime& rt, PyTypeObject* type, const PyMethodDef* def);
// A getset_descriptor (object.__class__, C.__dict__).
PyObject* getset_descriptor_new(Runtime& rt, PyTypeObject* type, const PyGetSetDef* def);
// A member_descriptor for a __slots__ entry at `offset` in the instance.
PyObject* member_descriptor_new(Runtime& rt, PyTypeObject* type, PyObject* name, Py_ssize_t offset);
// builtin_function_or_method: def bound to self (a module for builtins, the object for
// [].append). self is borrowed and a reference taken.
PyObject* cfunction_new(Runtime& rt, const PyMethodDef* def, PyObject* self);
bool cfunction_check(const Runtime& rt, const PyObject* o);
// The PyMethodDef a builtin_function_or_method calls, or nullptr for any other object.
const PyMethodDef* cfunction_def(const Runtime& rt, const PyObject* o);
bool method_descriptor_check(const Runtime& rt, const PyObject* o);
// Calls a method descriptor's function with self first (LOAD_METHOD's unbound call).
PyObject* method_descriptor_call_unbound(Runtime& rt, PyObject* descr, PyObject* self, PyObject* const* args,
                                         Py_ssize_t nargs, PyObject* kwnames);

}  // namespace pymemlab
