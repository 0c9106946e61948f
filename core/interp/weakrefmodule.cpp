// The weakref modules: `_weakref` in C++ (ref, proxy, getweakrefcount, getweakrefs and the types,
// as Modules/_weakref.c), and `_weakrefset` and `weakref`, whose containers CPython writes in
// Python (Lib/_weakrefset.py, Lib/weakref.py): here they are the lab's own Python, in
// weakref_source.cpp, compiled when first imported. Weak references themselves are
// object/weakref_object.h.
#include <string>

#include "interp/modules.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/long_object.h"
#include "object/module_object.h"
#include "object/runtime.h"
#include "object/text_args.h"
#include "object/weakref_object.h"

namespace pymemlab {

// The Python text of the modules written in Python (weakref_source.cpp), for the profile.
std::string weakrefset_source(const Profile& p);
std::string weakref_source(const Profile& p);

namespace {

// A METH_O function's argument-count error: 3.10+ name the module.
bool exactly_one(Runtime& rt, const char* name, Py_ssize_t nargs, PyObject* kwnames) {
    return check_one_arg(rt, "_weakref", name, nargs, kwnames);
}

PyObject* weakref_getweakrefcount(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!exactly_one(rt, "getweakrefcount", nargs, kw)) return nullptr;
    return long_from_int64(rt, weakref_count(args[0]));
}

PyObject* weakref_getweakrefs(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!exactly_one(rt, "getweakrefs", nargs, kw)) return nullptr;
    return weakref_list_of(rt, args[0]);
}

// proxy(object[, callback]), with PyArg_UnpackTuple's messages.
PyObject* weakref_proxy(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyTypeObject* type_error = rt.builtins().exc.TypeError;
    if (kw != nullptr && Py_SIZE(kw) > 0) return err_set_string(rt, type_error, "proxy() takes no keyword arguments");
    if (!check_positional(rt, "proxy", nargs, 1, 2, 8)) return nullptr;
    return weakref_new_proxy(rt, args[0], nargs == 2 ? args[1] : nullptr);
}

// _remove_dead_weakref(dict, key): deletes dict[key] if it is a dead weakref; a missing key is
// no error (the entry may have been replaced or removed already).
PyObject* weakref_remove_dead_weakref(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject*) {
    if (nargs != 2)
        return err_format(rt, rt.builtins().exc.TypeError, "_remove_dead_weakref expected 2 arguments, got %d",
                          static_cast<int>(nargs));
    if (!object_type_check(args[0], rt.builtins().dict_type))
        return err_format(rt, rt.builtins().exc.TypeError, "_remove_dead_weakref() argument 1 must be dict, not %s",
                          Py_TYPE(args[0])->tp_name);
    PyObject* value = dict_getitem(rt, args[0], args[1]);
    if (value == nullptr && err_occurred(rt)) return nullptr;
    if (value != nullptr) {
        if (!weakref_check(rt, value)) return err_set_string(rt, rt.builtins().exc.TypeError, "not a weakref");
        if (weakref_referent(rt, value) == nullptr && !dict_delitem(rt, args[0], args[1])) return nullptr;
    }
    rt.incref(rt.builtins().singletons.none);
    return rt.builtins().singletons.none;
}

const PyMethodDef kWeakrefFunctions[] = {
    {"getweakrefcount", weakref_getweakrefcount, 0},
    {"getweakrefs", weakref_getweakrefs, 0},
    {"proxy", weakref_proxy, 0},
    {"_remove_dead_weakref", weakref_remove_dead_weakref, 0},
    {nullptr, nullptr, 0},
};

PyObject* type_ref(Runtime& rt, PyTypeObject* t) {
    rt.incref(reinterpret_cast<PyObject*>(t));
    return reinterpret_cast<PyObject*>(t);
}

}  // namespace

PyObject* make_weakref_c_module(Interp& in) {
    Runtime& rt = in.rt;
    const Builtins& b = rt.builtins();
    PyObject* m = module_new(rt, "_weakref");
    if (m == nullptr) return nullptr;
    const bool ok = module_add_functions(rt, m, kWeakrefFunctions) &&
                    module_add_object(rt, m, "ref", type_ref(rt, b.weakref_type)) &&
                    module_add_object(rt, m, "ReferenceType", type_ref(rt, b.weakref_type)) &&
                    module_add_object(rt, m, "ProxyType", type_ref(rt, b.weakproxy_type)) &&
                    module_add_object(rt, m, "CallableProxyType", type_ref(rt, b.weakcallableproxy_type));
    if (!ok) {
        rt.decref(m);
        if (!err_occurred(rt)) err_no_memory(rt);
        return nullptr;
    }
    return m;
}

PyObject* make_weakrefset_module(Interp& in) {
    return module_from_source(in, "_weakrefset", weakrefset_source(in.rt.profile()));
}

PyObject* make_weakref_module(Interp& in) { return module_from_source(in, "weakref", weakref_source(in.rt.profile())); }

}  // namespace pymemlab
