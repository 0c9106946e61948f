// Built-in module registry: builtins and sys at start-up, the others on first import; modules
// whose body is the lab's own Python source.
#include "interp/modules.h"

#include "interp/compiler.h"
#include "interp/parser.h"
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

namespace {

// The registry: each importable built-in module's name and maker.
struct BuiltinModule {
    const char* name;
    PyObject* (*make)(Interp& in);
};
const BuiltinModule kBuiltinModules[] = {
    {"gc", make_gc_module},
    {"_weakref", make_weakref_c_module},
    {"_weakrefset", make_weakrefset_module},
    {"weakref", make_weakref_module},
    {"copy", make_copy_module},
    {"atexit", make_atexit_module},
    {"__future__", make_future_module},
    {"objgraph", make_objgraph_module},
    {"_tracemalloc", make_tracemalloc_c_module},
    {"tracemalloc", make_tracemalloc_module},
};

bool set_module(Interp& in, const char* name, PyObject* m) {
    PyObject* key = str_from_utf8(in.rt, name);
    if (key == nullptr) return err_no_memory(in.rt), false;
    str_intern_in_place(in.rt, &key);
    bool ok = m != nullptr ? dict_setitem(in.rt, in.modules, key, m) : dict_delitem(in.rt, in.modules, key);
    in.rt.decref(key);
    if (!ok && !err_occurred(in.rt)) err_no_memory(in.rt);
    return ok;
}

}  // namespace

PyObject* module_from_source(Interp& in, const char* name, std::string_view source) {
    Runtime& rt = in.rt;
    const Profile& p = rt.profile();
    ast::Module tree;
    SyntaxErrorInfo error;
    if (!parse_module(source, ParseOptions{p.major, p.minor}, tree, &error))
        return err_format(rt, rt.builtins().exc.SystemError, "the lab's module '%s' does not parse: %s (line %d)",
                          name, error.msg.c_str(), error.line);
    CompileOptions options{&p};
    options.filename = std::string("<lab module ") + name + ">";
    PyObject* code = compile_module(rt, tree, options, &error);
    if (code == nullptr) {
        if (err_occurred(rt)) return nullptr;
        return err_format(rt, rt.builtins().exc.SystemError, "the lab's module '%s' does not compile: %s (line %d)",
                          name, error.msg.c_str(), error.line);
    }
    PyObject* m = module_new(rt, name);
    PyObject* globals = m != nullptr ? module_dict(m) : nullptr;
    // An imported module's __builtins__ is the builtins dict (the __main__ module's is the module).
    if (globals != nullptr) rt.incref(in.builtins_dict);
    bool ok = globals != nullptr && module_add_object(rt, m, "__builtins__", in.builtins_dict) &&
              set_module(in, name, m);
    PyObject* r = ok ? eval_code(in, code, globals, globals) : nullptr;
    rt.decref(code);
    if (r == nullptr) {
        if (ok) {
            PyObject* exc = err_fetch(rt);
            set_module(in, name, nullptr);
            if (exc != nullptr) err_set_instance(rt, exc);
        }
        rt.xdecref(m);
        if (!err_occurred(rt)) err_no_memory(rt);
        return nullptr;
    }
    rt.decref(r);
    return m;
}

PyObject* import_builtin_module(Interp& in, const std::string& name) {
    PyObject* m = nullptr;
    for (const BuiltinModule& def : kBuiltinModules)
        if (name == def.name) {
            if ((m = def.make(in)) == nullptr) return nullptr;
            break;
        }
    if (m == nullptr) return nullptr;
    PyObject* key = str_from_utf8(in.rt, name);
    const bool ok = key != nullptr && dict_setitem(in.rt, in.modules, key, m);
    in.rt.xdecref(key);
    if (!ok) {
        in.rt.decref(m);
        return err_no_memory(in.rt);
    }
    return m;
}

}  // namespace pymemlab
