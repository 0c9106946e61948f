// Built-in module registry: builtins and sys at start-up, the others on first import.
#include "interp/modules.h"

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/descr_object.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/module_object.h"
#include "object/runtime.h"
#include "object/str_object.h"

namespace pymemlab {

bool module_add_object(Runtime& rt, PyObject* module, const char* name, PyObject* value) {
    if (value == nullptr) return false;
    PyObject* key = str_from_utf8(rt, name);
    if (key == nullptr) {
        rt.decref(value);
        return false;
    }
    str_intern_in_place(rt, &key);
    bool ok = dict_setitem(rt, module_dict(module), key, value);
    rt.decref(key);
    rt.decref(value);
    return ok;
}

bool module_add_functions(Runtime& rt, PyObject* module, const PyMethodDef* defs) {
    for (const PyMethodDef* d = defs; d->ml_name != nullptr; ++d)
        if (!module_add_object(rt, module, d->ml_name, cfunction_new(rt, d, module))) return false;
    return true;
}

void init_builtin_modules(Interp& in) {
    Runtime& rt = in.rt;
    in.modules = dict_new(rt);
    in.builtins_module = make_builtins_module(in);
    in.builtins_dict = module_dict(in.builtins_module);
    in.sys_module = make_sys_module(in);
    rt.incref(in.modules);
    module_add_object(rt, in.sys_module, "modules", in.modules);
    for (PyObject* m : {in.builtins_module, in.sys_module}) {
        PyObject* name = object_getattr_string(rt, m, "__name__");
        dict_setitem(rt, in.modules, name, m);
        rt.decref(name);
    }
}

PyObject* import_builtin_module(Interp& in, const std::string& name) {
    (void)name;
    (void)in;
    return nullptr;
}

}  // namespace pymemlab
