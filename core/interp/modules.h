// The built-in modules: builtins (bltinmodule.cpp) and sys (sysmodule.cpp), made at start-up;
// the others are made on first import by the maker that modules.cpp's registry (kBuiltinModules)
// lists for their name: gc (gcmodule.cpp), _weakref, _weakrefset and weakref (weakrefmodule.cpp),
// copy (copymodule.cpp), atexit (atexitmodule.cpp), objgraph (objgraph_module.cpp), _tracemalloc and tracemalloc
// (tracemalloc_module.cpp). A maker may build its module from Python source (module_from_source).
#pragma once

#include <string>
#include <string_view>
#include <string_view>

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
PyObject* make_gc_module(Interp& in);  // gcmodule.cpp
PyObject* make_weakref_c_module(Interp& in);    // weakrefmodule.cpp: _weakref
PyObject* make_weakrefset_module(Interp& in);   // weakrefmodule.cpp: _weakrefset (Python source)
PyObject* make_weakref_module(Interp& in);      // weakrefmodule.cpp: weakref (Python source)
PyObject* make_copy_module(Interp& in);         // copymodule.cpp
PyObject* make_atexit_module(Interp& in);       // atexitmodule.cpp
PyObject* make_future_module(Interp& in);       // future_module.cpp
PyObject* make_objgraph_module(Interp& in);     // objgraph_module.cpp
PyObject* make_tracemalloc_c_module(Interp& in);  // tracemalloc_module.cpp: _tracemalloc (not in 2.7)
PyObject* make_tracemalloc_module(Interp& in);    // tracemalloc_module.cpp: tracemalloc (Python source)
// A module `name` whose body is `source` (the lab's own Python, compiled under the profile): it is
// in sys.modules while the body runs, as an imported module is, and taken out again if the body
// raises. A new reference, or nullptr with the exception set.
PyObject* module_from_source(Interp& in, const char* name, std::string_view source);
// The sys module's data (version_info, argv, path, stdout, stderr, ...) and exit(); sys_attrs.cpp.
bool sys_add_attributes(Interp& in, PyObject* sys_module);
// sys.stdout / sys.stderr as the sys module holds them now (borrowed; nullptr when missing).
PyObject* sys_stream(Interp& in, const char* name);
// file.write(text) for print and 2.7's print statement: the lab's own streams write to the
// output directly; any other object's write method is called. False with an exception set.
bool file_write_object(Interp& in, PyObject* file, PyObject* text);
bool file_write_text(Interp& in, PyObject* file, std::string_view text);
bool file_flush(Interp& in, PyObject* file);
// sys.getsizeof(o): the object's size including its GC header, per profile.
int64_t object_sizeof(Runtime& rt, PyObject* o);
// Adds a module-level function (def must outlive the module: a static table).
bool module_add_functions(Runtime& rt, PyObject* module, const PyMethodDef* defs);
bool module_add_object(Runtime& rt, PyObject* module, const char* name, PyObject* value);  // steals

}  // namespace pymemlab
