// Module objects: creation, attribute access through md_dict, repr, release.
#include "object/module_object.h"

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/weakref_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

PyModuleObject* as_module(PyObject* o) { return reinterpret_cast<PyModuleObject*>(o); }

void module_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    object_clear_weakrefs(rt, self);
    rt.xdecref(as_module(self)->md_dict.p);
    rt.xdecref(as_module(self)->md_name.p);
    rt.free_object(self);
}

void module_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyObject* d = as_module(self)->md_dict.p) visit(d, arg);
}

PyObject* module_repr(Runtime& rt, PyObject* self) {
    std::string name;
    PyObject* d = as_module(self)->md_dict.p;
    PyObject* key = str_from_utf8(rt, "__name__");
    PyObject* n = key != nullptr ? dict_getitem(rt, d, key) : nullptr;
    rt.xdecref(key);
    if (n != nullptr) object_str_utf8(rt, n, &name);
    bool builtin = name == "sys" || name == "builtins" || name == "__builtin__" || name == "gc" || name == "_weakref";
    return str_from_utf8(rt, "<module '" + name + "'" + (builtin ? " (built-in)" : "") + ">");
}

PyObject* module_getattro(Runtime& rt, PyObject* self, PyObject* name) {
    PyObject* r = object_generic_getattr(rt, self, name);
    if (r != nullptr || !err_matches(rt, rt.builtins().exc.AttributeError)) return r;
    err_clear(rt);
    std::string modname, attr;
    PyObject* key = str_from_utf8(rt, "__name__");
    PyObject* n = key != nullptr ? dict_getitem(rt, as_module(self)->md_dict.p, key) : nullptr;
    rt.xdecref(key);
    if (n != nullptr) object_str_utf8(rt, n, &modname);
    object_str_utf8(rt, name, &attr);
    if (rt.profile().major == 2)
        return err_format(rt, rt.builtins().exc.AttributeError, "'module' object has no attribute '%s'", attr.c_str());
    return err_format(rt, rt.builtins().exc.AttributeError, "module '%s' has no attribute '%s'", modname.c_str(),
                      attr.c_str());
}

}  // namespace

void init_module_type(Runtime& rt) {
    PyTypeObject* t = new_static_type(rt, "module",
                                      model_basicsize(type_sizes(rt.profile()).module, sizeof(PyModuleObject)), 0,
                                      {.dealloc = module_dealloc, .traverse = module_traverse});
    t->tp_repr = module_repr;
    t->tp_getattro = module_getattro;
    t->tp_setattro = object_generic_setattr;
    t->tp_dictoffset = offsetof(PyModuleObject, md_dict);
    if (rt.profile().major >= 3) t->tp_weaklistoffset = offsetof(PyModuleObject, md_weaklist);  // 2.7 has none
    rt.builtins().module_type = t;
}

PyObject* module_new(Runtime& rt, std::string_view name) {
    PyTypeObject* type = rt.builtins().module_type;
    PyObject* o = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) return err_no_memory(rt);
    PyModuleObject* m = as_module(o);
    m->md_def.p = m->md_state.p = nullptr;
    m->md_weaklist.p = nullptr;
    m->md_name.p = nullptr;
    m->md_dict.p = dict_new(rt);
    PyObject* n = str_from_utf8(rt, name);
    PyObject* key = str_from_utf8(rt, "__name__");
    PyObject* doc = str_from_utf8(rt, "__doc__");
    bool ok = m->md_dict.p != nullptr && n != nullptr && key != nullptr && doc != nullptr;
    if (ok) {
        str_intern_in_place(rt, &key);
        str_intern_in_place(rt, &doc);
        ok = dict_setitem(rt, m->md_dict.p, key, n) && dict_setitem(rt, m->md_dict.p, doc, rt.builtins().singletons.none);
        m->md_name.p = n;
        n = nullptr;
    }
    rt.xdecref(n);
    rt.xdecref(key);
    rt.xdecref(doc);
    rt.gc_track(o);
    if (!ok) {
        rt.decref(o);
        return err_no_memory(rt);
    }
    return o;
}

PyObject* module_dict(PyObject* module) { return as_module(module)->md_dict.p; }
bool module_check(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == rt.builtins().module_type; }

}  // namespace pymemlab
