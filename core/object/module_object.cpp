// Module objects: creation, attribute access through md_dict, repr, release.
#include "object/module_object.h"

#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/descr_object.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/func_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"
#include "object/weakref_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

PyModuleObject* as_module(PyObject* o) { return reinterpret_cast<PyModuleObject*>(o); }

void module_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    object_clear_weakrefs(rt, self);
    // 2.7 wipes the globals of a module that dies, even where its dict lives on.
    if (rt.profile().major == 2 && as_module(self)->md_dict.p != nullptr) module_clear_dict(rt, as_module(self)->md_dict.p);
    rt.xdecref(as_module(self)->md_dict.p);
    if (rt.profile().major >= 3) rt.xdecref(as_module(self)->md_name.p);
    rt.free_object(self);
}

void module_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyObject* d = as_module(self)->md_dict.p) visit(d, arg);
}

PyObject* module_repr(Runtime& rt, PyObject* self) {
    std::string name;
    PyObject* d = as_module(self)->md_dict.p;
    PyObject* key = str_intern_ascii(rt, "__name__");
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
    PyObject* key = str_intern_ascii(rt, "__name__");
    PyObject* n = key != nullptr ? dict_getitem(rt, as_module(self)->md_dict.p, key) : nullptr;
    rt.xdecref(key);
    if (n != nullptr) object_str_utf8(rt, n, &modname);
    object_str_utf8(rt, name, &attr);
    if (rt.profile().major == 2)
        return err_format(rt, rt.builtins().exc.AttributeError, "'module' object has no attribute '%s'", attr.c_str());
    return err_format(rt, rt.builtins().exc.AttributeError, "module '%s' has no attribute '%s'", modname.c_str(),
                      attr.c_str());
}

bool set_item(Runtime& rt, PyObject* dict, const char* name, PyObject* value) {
    PyObject* key = str_from_utf8(rt, name);
    if (key == nullptr) return false;
    str_intern_in_place(rt, &key);
    const bool ok = dict_setitem(rt, dict, key, value);
    rt.decref(key);
    return ok;
}
bool set_none(Runtime& rt, PyObject* dict, const char* name) {
    return set_item(rt, dict, name, rt.builtins().singletons.none);
}

// module(name, doc=None): module_new plus module___init__'s dict (3.4+ adds __package__,
// __loader__ and __spec__, all None). Subclasses of module are not modelled.
PyObject* module_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
    PyObject* name = nargs > 0 ? args[0] : nullptr;
    PyObject* doc = nargs > 1 ? args[1] : nullptr;
    for (Py_ssize_t i = 0; i < nkw; ++i) {
        const std::string key = str_as_utf8(rt, tuple_items(kwnames)[i]);
        PyObject*& slot = key == "name" ? name : doc;
        if ((key != "name" && key != "doc") || slot != nullptr)
            return err_format(rt, rt.builtins().exc.TypeError, "module() got an unexpected keyword argument '%s'",
                              key.c_str());
        slot = args[nargs + i];
    }
    if (nargs + nkw > 2)
        return err_format(rt, rt.builtins().exc.TypeError, "module() takes at most 2 arguments (%lld given)",
                          static_cast<long long>(nargs + nkw));
    if (name == nullptr)
        return err_set_string(rt, rt.builtins().exc.TypeError,
                              rt.profile().at_least(3, 7) ? "module() missing required argument 'name' (pos 1)"
                                                          : "Required argument 'name' (pos 1) not found");
    if (!str_check(rt, name))
        return err_format(rt, rt.builtins().exc.TypeError, "module.__init__() argument %s must be str, not %s",
                          rt.profile().at_least(3, 10) ? "'name'" : "1", Py_TYPE(name)->tp_name);
    if (type != rt.builtins().module_type)
        return err_set_string(rt, rt.builtins().exc.TypeError, "the lab does not make instances of module subclasses");
    // module_init_dict: the name given is the one kept (its __name__, and 3.x's md_name).
    PyObject* m = module_new_named(rt, {}, name);
    if (m == nullptr) return nullptr;
    PyObject* dict = module_dict(m);
    bool ok = doc == nullptr || set_item(rt, dict, "__doc__", doc);
    if (ok && rt.profile().major >= 3)
        ok = set_none(rt, dict, "__package__") && set_none(rt, dict, "__loader__") && set_none(rt, dict, "__spec__");
    if (!ok) {
        rt.decref(m);
        return err_no_memory(rt);
    }
    return m;
}

PyObject* module_get_dict(Runtime& rt, PyObject* self) {
    PyObject* d = as_module(self)->md_dict.p;
    if (d == nullptr) d = rt.builtins().singletons.none;
    rt.incref(d);
    return d;
}

// 3.14 (PEP 649): a module's __annotate__ is its dict's, None (then kept there) when it has
// none; its __annotations__ the dict's, else what __annotate__(1) (format VALUE) returns, kept.
PyObject* module_get_annotate(Runtime& rt, PyObject* self) {
    PyObject* d = as_module(self)->md_dict.p;
    PyObject* annotate = dict_get_ascii(rt, d, "__annotate__");
    if (annotate == nullptr) {
        annotate = rt.builtins().singletons.none;
        if (!set_item(rt, d, "__annotate__", annotate)) return nullptr;
    }
    rt.incref(annotate);
    return annotate;
}

PyObject* module_get_annotations(Runtime& rt, PyObject* self) {
    PyObject* d = as_module(self)->md_dict.p;
    if (PyObject* annotations = dict_get_ascii(rt, d, "__annotations__")) {
        rt.incref(annotations);
        return annotations;
    }
    PyObject* annotate = dict_get_ascii(rt, d, "__annotate__");
    PyObject* annotations = nullptr;
    if (annotate != nullptr && object_callable(rt, annotate)) {
        annotations = annotate_call(rt, annotate);
        if (annotations == nullptr) return nullptr;
    } else {
        annotations = dict_new(rt);
        if (annotations == nullptr) return err_no_memory(rt);
    }
    if (!set_item(rt, d, "__annotations__", annotations)) {
        rt.decref(annotations);
        return nullptr;
    }
    return annotations;
}

int module_set_annotate(Runtime& rt, PyObject* self, PyObject* value) {
    if (value == nullptr) {
        err_set_string(rt, rt.builtins().exc.TypeError, "cannot delete __annotate__ attribute");
        return -1;
    }
    if (value != rt.builtins().singletons.none && !object_callable(rt, value)) {
        err_set_string(rt, rt.builtins().exc.TypeError, "__annotate__ must be callable or None");
        return -1;
    }
    return set_item(rt, as_module(self)->md_dict.p, "__annotate__", value) ? 0 : -1;
}

int module_set_annotations(Runtime& rt, PyObject* self, PyObject* value) {
    PyObject* d = as_module(self)->md_dict.p;
    if (value != nullptr) return set_item(rt, d, "__annotations__", value) ? 0 : -1;
    const int popped = dict_pop_ascii(rt, d, "__annotations__");
    if (popped == 0) err_set_string(rt, rt.builtins().exc.AttributeError, "__annotations__");
    return popped == 1 ? 0 : -1;
}

}  // namespace

void module_clear_dict(Runtime& rt, PyObject* dict) {
    PyObject* none = rt.builtins().singletons.none;
    for (const bool underscored_pass : {true, false}) {
        int64_t pos = 0;
        PyObject* key = nullptr;
        PyObject* value = nullptr;
        while (dict_next(rt, dict, &pos, &key, &value)) {
            if (value == none || !str_check(rt, key)) continue;
            const std::string name = str_as_utf8(rt, key);
            const bool underscored = name.size() > 0 && name[0] == '_' && (name.size() < 2 || name[1] != '_');
            if (underscored_pass ? !underscored : name == "__builtins__") continue;
            if (!dict_setitem(rt, dict, key, none)) err_clear(rt);  // only MemoryError
        }
    }
}

void init_module_attributes(Runtime& rt) {
    static const PyGetSetDef kDict = {"__dict__", module_get_dict, nullptr};
    PyTypeObject* type = rt.builtins().module_type;
    if (type->tp_mro == nullptr) type_ready(rt, type);
    type_add_to_dict(rt, type, kDict.name, getset_descriptor_new(rt, type, &kDict));
    if (rt.profile().at_least(3, 14)) {
        static const PyGetSetDef kAnnotations = {"__annotations__", module_get_annotations, module_set_annotations};
        static const PyGetSetDef kAnnotate = {"__annotate__", module_get_annotate, module_set_annotate};
        for (const PyGetSetDef* def : {&kAnnotations, &kAnnotate})
            type_add_to_dict(rt, type, def->name, getset_descriptor_new(rt, type, def));
    }
}

void init_module_type(Runtime& rt) {
    const size_t host = rt.profile().major == 2 ? offsetof(PyModuleObject, md_def) : sizeof(PyModuleObject);
    PyTypeObject* t = new_static_type(rt, "module", model_basicsize(type_sizes(rt.profile()).module, host), 0,
                                      {.dealloc = module_dealloc, .traverse = module_traverse});
    t->tp_repr = module_repr;
    t->tp_new = module_tp_new;
    t->tp_getattro = module_getattro;
    t->tp_setattro = object_generic_setattr;
    t->tp_dictoffset = offsetof(PyModuleObject, md_dict);
    if (rt.profile().major >= 3) t->tp_weaklistoffset = offsetof(PyModuleObject, md_weaklist);  // 2.7 has none
    rt.builtins().module_type = t;
}

PyObject* module_new(Runtime& rt, std::string_view name) { return module_new_named(rt, name, nullptr); }

PyObject* module_new_named(Runtime& rt, std::string_view name, PyObject* name_object) {
    PyTypeObject* type = rt.builtins().module_type;
    PyObject* o = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) return err_no_memory(rt);
    PyModuleObject* m = as_module(o);
    const bool py3 = rt.profile().major >= 3;  // 2.7's module is its dict alone
    if (py3) {
        m->md_def.p = m->md_state.p = nullptr;
        m->md_weaklist.p = nullptr;
        m->md_name.p = nullptr;
    }
    m->md_dict.p = dict_new(rt);
    PyObject* n = name_object != nullptr ? new_ref(rt, name_object) : str_from_utf8(rt, name);
    PyObject* key = str_intern_ascii(rt, "__name__");
    PyObject* doc = str_intern_ascii(rt, "__doc__");
    bool ok = m->md_dict.p != nullptr && n != nullptr && key != nullptr && doc != nullptr;
    if (ok) {
        ok = dict_setitem(rt, m->md_dict.p, key, n) && dict_setitem(rt, m->md_dict.p, doc, rt.builtins().singletons.none);
        if (py3) {
            m->md_name.p = n;  // PyModule_NewObject keeps the name
            n = nullptr;
        }
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
