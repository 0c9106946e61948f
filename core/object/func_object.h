// Function objects and bound methods (Objects/funcobject.c, classobject.c). Calling a function
// runs its code in the evaluation loop, which core/interp registers (Builtins::function_call);
// this file only knows the objects and the references they hold.
#pragma once

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// PyFunctionObject: the fields the model uses, at 8-byte slots, 2.7's first and then the tail
// later versions added, so that each profile's function is no larger than CPython's (its
// request is the measured size, and the block holds the struct only so far): 2.7's ends before
// func_qualname, 3.6-3.7's before func_builtins, 3.8-3.13's before func_annotate (function_has
// says whether an object has a field). Only ob_refcnt and ob_type sit at CPython's offsets.
// Invariant: func_code is a code object; func_defaults a tuple or null; func_kwdefaults a dict
// or null; func_closure a tuple of cells or null; func_name/func_qualname str; func_builtins
// null (it gives 3.10+ their size); func_annotate (3.14) null or anything __annotate__ was set
// to, func_annotations then the dict it returned, cached.
struct PyFunctionObject {
    PyObject ob_base;
    Slot<PyObject> func_globals;
    Slot<PyObject> func_name;
    Slot<PyObject> func_code;
    Slot<PyObject> func_defaults;
    Slot<PyObject> func_closure;
    Slot<PyObject> func_doc;
    Slot<PyObject> func_dict;
    Slot<PyObject> func_weakreflist;
    Slot<PyObject> func_module;
    // 3.x
    Slot<PyObject> func_qualname;
    Slot<PyObject> func_kwdefaults;
    Slot<PyObject> func_annotations;
    // 3.8+ (their vectorcall slot; 3.10's builtins)
    Slot<PyObject> func_builtins;
    // 3.14: the __annotate__ function (PEP 649), which func_annotations caches the result of.
    Slot<PyObject> func_annotate;
};
static_assert(sizeof(PyFunctionObject) == 128);
static_assert(offsetof(PyFunctionObject, func_qualname) == 88, "2.7's function body");
static_assert(offsetof(PyFunctionObject, func_builtins) == 112, "3.6's function body");

// PyMethodObject: a function bound to an object. 2.7's instancemethod also records the class it
// was found through (im_class), and is unbound (im_self null) when found through the class:
// calling it then checks its first argument is an instance of im_class. Invariant: im_func is
// set; im_self is set in 3.x; im_class is null in 3.x (where 3.8+ has vectorcall there).
struct PyMethodObject {
    PyObject ob_base;
    Slot<PyObject> im_func;
    Slot<PyObject> im_self;
    Slot<PyObject> im_weakreflist;
    Slot<PyObject> im_class;
};
static_assert(sizeof(PyMethodObject) == 48);

void init_func_types(Runtime& rt);
// A function over `code` with globals (both borrowed; references taken), qualname from the code.
PyObject* function_new(Runtime& rt, PyObject* code, PyObject* globals, PyObject* name, PyObject* qualname);
inline PyFunctionObject* as_function(PyObject* o) { return reinterpret_cast<PyFunctionObject*>(o); }
bool function_check(const Runtime& rt, const PyObject* o);
// 3.14: annotate(1), format VALUE, as a function's, class's and module's __annotations__ call it:
// the dict it returns (a new reference), or nullptr with the error set (TypeError when it returns
// anything else).
PyObject* annotate_call(Runtime& rt, PyObject* annotate);
// Whether function f's block holds the field at `offset` (a field of the tail: see above).
inline bool function_has(const PyObject* f, size_t offset) {
    return static_cast<int64_t>(offset + sizeof(Slot<PyObject>)) <= Py_TYPE(f)->tp_basicsize;
}
// A bound method (references to func and self taken); in 2.7 its im_class is self's type.
PyObject* method_new(Runtime& rt, PyObject* func, PyObject* self);
// 2.7's PyMethod_New(func, self, klass): self null makes an unbound method (references taken).
PyObject* method_new27(Runtime& rt, PyObject* func, PyObject* self, PyObject* klass);
bool method_check(const Runtime& rt, const PyObject* o);
inline PyMethodObject* as_method(PyObject* o) { return reinterpret_cast<PyMethodObject*>(o); }

}  // namespace pymemlab
