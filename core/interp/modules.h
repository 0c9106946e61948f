// The built-in modules: builtins (bltinmodule.cpp), sys (sysmodule.cpp); gc, weakref and copy
// follow with the collector and weakrefs. import_builtin_module makes one on first import.
#pragma once

#include <string>

#include "interp/interp.h"
#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

void init_builtin_modules(Interp& in);
// A new reference to the built-in module `name`, registered in sys.modules; nullptr without an
// exception when there is no such module.
PyObject* import_builtin_module(Interp& in, const std::string& name);
PyObject* make_builtins_module(Interp& in);
PyObject* make_sys_module(Interp& in);
// sys.getsizeof(o): the object's size including its GC header, per profile.
int64_t object_sizeof(Runtime& rt, PyObject* o);
// Adds a module-level function (def must outlive the module: a static table).
bool module_add_functions(Runtime& rt, PyObject* module, const PyMethodDef* defs);
bool module_add_object(Runtime& rt, PyObject* module, const char* name, PyObject* value);  // steals

}  // namespace pymemlab
