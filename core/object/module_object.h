// Module objects (Objects/moduleobject.c): a name and a dict of globals. Built-in modules
// (sys, gc, weakref, copy, builtins) are made by core/interp; __main__ by the Lab.
#pragma once

#include <string_view>

#include "object/object.h"

namespace pymemlab {

class Runtime;

// PyModuleObject. 2.7's ends after md_dict: its objects' blocks hold no more (the request is
// CPython's measured size), and the 2.7 profile touches no later field.
struct PyModuleObject {
    PyObject ob_base;
    Slot<PyObject> md_dict;
    // 3.x
    Slot<void> md_def;
    Slot<void> md_state;
    Slot<PyObject> md_weaklist;
    Slot<PyObject> md_name;
};
static_assert(sizeof(PyModuleObject) == 56);

void init_module_type(Runtime& rt);
// module.__dict__ (a read-only member over md_dict), once the type system is ready.
void init_module_attributes(Runtime& rt);
// A module named `name` with a fresh dict holding __name__ (and __doc__ None).
PyObject* module_new(Runtime& rt, std::string_view name);
// The same with the str `name_object` as its name (a reference taken) when not null.
PyObject* module_new_named(Runtime& rt, std::string_view name, PyObject* name_object);
PyObject* module_dict(PyObject* module);  // borrowed
bool module_check(const Runtime& rt, const PyObject* o);
// _PyModule_ClearDict: what wipes a module's globals, at the interpreter's exit (pylifecycle.h)
// and, in 2.7, when the module dies. Names with a single leading underscore become None first,
// then every other name but __builtins__, each pass in the dict's order, so the objects die
// in CPython's order and a __del__ that runs meanwhile sees its module's names half gone.
void module_clear_dict(Runtime& rt, PyObject* dict);

}  // namespace pymemlab
