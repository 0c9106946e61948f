// py_finalize: Py_FinalizeEx's collections and module teardown (3.x: finalize_modules, called
// PyImport_Cleanup up to 3.8; 2.7: PyImport_Cleanup), in CPython's order.
#include "interp/pylifecycle.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gc/collect.h"
#include "interp/atexitmodule.h"
#include "interp/run.h"
#include "interp/ceval_internal.h"
#include "gc/gc_state.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/list_object.h"
#include "object/module_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/weakref_object.h"

namespace pymemlab {

namespace {

void set_item(Runtime& rt, PyObject* dict, const char* name, PyObject* value) {
    PyObject* key = str_from_utf8(rt, name);
    bool ok = key != nullptr;
    if (ok) {
        str_intern_in_place(rt, &key);
        ok = dict_setitem(rt, dict, key, value);
    }
    rt.xdecref(key);
    if (!ok) err_clear(rt);
}

PyObject* get_item(Runtime& rt, PyObject* dict, const char* name) {
    PyObject* key = str_from_utf8(rt, name);
    if (key == nullptr) return err_clear(rt), nullptr;
    PyObject* value = dict_getitem(rt, dict, key);
    rt.decref(key);
    return value;
}

// finalize_modules_delete_special: the places where user objects hide and would otherwise die
// last of all: builtins._ (the prompt's last value), sys.last_* (the last uncaught exception
// with its traceback and frames), and replaced standard streams.
void delete_special(Interp& in) {
    Runtime& rt = in.rt;
    PyObject* none = rt.builtins().singletons.none;
    set_item(rt, in.builtins_dict, "_", none);
    if (in.sys_module == nullptr) return;
    PyObject* sys = module_dict(in.sys_module);
    std::vector<const char*> deletes;
    if (rt.profile().major == 2)
        deletes = {"path", "argv", "ps1", "ps2", "exitfunc", "exc_type", "exc_value", "exc_traceback",
                   "last_type", "last_value", "last_traceback", "path_hooks", "path_importer_cache", "meta_path",
                   "flags", "float_info"};
    else if (rt.profile().at_least(3, 12))
        deletes = {"path", "argv", "ps1", "ps2", "last_exc", "last_type", "last_value", "last_traceback",
                   "__interactivehook__", "meta_path"};
    else
        deletes = {"path", "argv", "ps1", "ps2", "last_type", "last_value", "last_traceback", "path_hooks",
                   "path_importer_cache", "meta_path", "__interactivehook__"};
    for (const char* name : deletes) set_item(rt, sys, name, none);
    for (const char* name : {"stdout", "stderr"}) {
        PyObject* original = get_item(rt, sys, (std::string("__") + name + "__").c_str());
        set_item(rt, sys, name, original != nullptr ? original : none);
    }
}

// finalize_restore_builtins: CPython puts back the builtins dict it copied at start-up, so
// what the snippet stored in builtins dies here. The lab drops the names that were not there
// at start-up, in their order; a builtin the snippet replaced or deleted stays so.
void restore_builtins(Interp& in) {
    Runtime& rt = in.rt;
    std::vector<PyObject*> added;
    for (PyObject* key : dict_keys(rt, in.builtins_dict)) {
        const bool startup = str_check(rt, key) && std::binary_search(in.startup_builtins.begin(),
                                                                      in.startup_builtins.end(), str_as_utf8(rt, key));
        if (startup) continue;
        rt.incref(key);
        added.push_back(key);
    }
    for (PyObject* key : added) {
        if (!dict_delitem(rt, in.builtins_dict, key)) err_clear(rt);
        rt.decref(key);
    }
}

// The exit takes __main__ away (3.x: out of sys.modules; 2.7: its names wiped): from here the
// trace shows no names, and nothing later is taken for __main__'s namespace.
void forget_main_names(Interp& in) {
    if (in.main_dict == nullptr) return;
    if (in.rt.trace() != nullptr)
        for (PyObject* key : dict_keys(in.rt, in.main_dict))
            if (str_check(in.rt, key)) trace_bind(in, in.main_dict, key, nullptr);
    in.main_dict = nullptr;
}

// finalize_remove_modules: each module in sys.modules becomes None, remembered by a weak
// reference that tells afterwards whether something kept it alive.
PyObject* remove_modules(Interp& in) {
    Runtime& rt = in.rt;
    PyObject* weaklist = list_new(rt, 0);
    if (weaklist == nullptr) err_clear(rt);
    int64_t pos = 0;
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    while (dict_next(rt, in.modules, &pos, &key, &value)) {
        if (!module_check(rt, value)) continue;
        if (weaklist != nullptr) {
            PyObject* wr = weakref_new_ref(rt, value, nullptr);
            if (wr == nullptr || !list_append(rt, weaklist, wr)) err_clear(rt);
            rt.xdecref(wr);
        }
        if (in.main_dict != nullptr && module_dict(value) == in.main_dict) forget_main_names(in);
        rt.incref(key);  // the key outlives the store that drops the module
        if (!dict_setitem(rt, in.modules, key, rt.builtins().singletons.none)) err_clear(rt);
        rt.decref(key);
    }
    return weaklist;
}

// finalize_modules_clear_weaklist: the globals of the modules that outlived the collection
// (3.8+, bpo-33331: those imported last first); sys and builtins come after.
void clear_surviving_modules(Interp& in, PyObject* weaklist) {
    Runtime& rt = in.rt;
    const int64_t n = Py_SIZE(weaklist);
    const bool reverse = rt.profile().at_least(3, 8);
    for (int64_t k = 0; k < n; ++k) {
        PyObject* mod = weakref_referent(rt, list_items(weaklist)[reverse ? n - 1 - k : k]);
        if (mod == nullptr) continue;
        PyObject* dict = module_dict(mod);
        if (dict == in.builtins_dict || (in.sys_module != nullptr && dict == module_dict(in.sys_module))) continue;
        rt.incref(mod);
        module_clear_dict(rt, dict);
        rt.decref(mod);
    }
}

void clear_sys_and_builtins(Interp& in) {
    if (in.sys_module != nullptr) module_clear_dict(in.rt, module_dict(in.sys_module));
    module_clear_dict(in.rt, in.builtins_dict);
}

void finalize_modules(Interp& in) {
    Runtime& rt = in.rt;
    delete_special(in);
    PyObject* weaklist = remove_modules(in);
    dict_clear(rt, in.modules);
    restore_builtins(in);
    gc_collect_no_fail(rt);
    if (weaklist != nullptr) {
        clear_surviving_modules(in, weaklist);
        rt.decref(weaklist);
    }
    clear_sys_and_builtins(in);
    gc_collect_no_fail(rt);
}

// 2.7's PyImport_Cleanup: wipes module globals itself instead of leaving modules to the
// collector, __main__ first.
void import_cleanup_27(Interp& in) {
    Runtime& rt = in.rt;
    PyObject* none = rt.builtins().singletons.none;
    delete_special(in);
    auto skipped = [&](PyObject* module) {
        return module == in.builtins_module || module == in.sys_module;
    };
    auto wipe = [&](PyObject* key, PyObject* module) {
        rt.incref(key);
        rt.incref(module);
        module_clear_dict(rt, module_dict(module));
        if (!dict_setitem(rt, in.modules, key, none)) err_clear(rt);
        rt.decref(module);
        rt.decref(key);
    };
    if (PyObject* main = get_item(rt, in.modules, "__main__"); main != nullptr && module_check(rt, main)) {
        if (module_dict(main) == in.main_dict) forget_main_names(in);
        PyObject* key = str_from_utf8(rt, "__main__");
        if (key != nullptr) wipe(key, main);
        rt.xdecref(key);
        err_clear(rt);
    }
    // The modules only sys.modules holds, over and over while that frees more; then the rest.
    for (const bool only_held_by_sys_modules : {true, false}) {
        for (bool wiped = true; wiped;) {
            wiped = false;
            int64_t pos = 0;
            PyObject* key = nullptr;
            PyObject* value = nullptr;
            while (dict_next(rt, in.modules, &pos, &key, &value)) {
                if (!module_check(rt, value) || skipped(value)) continue;
                if (only_held_by_sys_modules && value->ob_refcnt != 1) continue;
                wipe(key, value);
                wiped = only_held_by_sys_modules;
            }
        }
    }
    clear_sys_and_builtins(in);
    dict_clear(rt, in.modules);
}

// call_sys_exitfunc (2.7): sys.exitfunc, taken out of sys, called; what it raises is printed
// after "Error in sys.exitfunc:" (PyErr_Print), but a SystemExit sets the exit status.
std::optional<int> call_sys_exitfunc(Interp& in) {
    Runtime& rt = in.rt;
    if (in.sys_module == nullptr) return std::nullopt;
    PyObject* sys = module_dict(in.sys_module);
    PyObject* exitfunc = get_item(rt, sys, "exitfunc");
    if (exitfunc == nullptr) return std::nullopt;
    rt.incref(exitfunc);
    PyObject* key = str_from_utf8(rt, "exitfunc");
    if (key == nullptr || !dict_delitem(rt, sys, key)) err_clear(rt);
    rt.xdecref(key);
    std::optional<int> status;
    PyObject* res = object_call_noargs(rt, exitfunc);
    if (res == nullptr) {
        if (!err_matches(rt, rt.builtins().exc.SystemExit)) in.err("Error in sys.exitfunc:\n");
        bool exits = false;
        const int st = err_print(in, &exits);
        if (exits) status = st;
    }
    rt.xdecref(res);
    rt.decref(exitfunc);
    return status;
}

}  // namespace

std::optional<int> py_finalize(Interp& in) {
    Runtime& rt = in.rt;
    if (in.modules == nullptr || in.builtins_dict == nullptr) return std::nullopt;
    PyObject* saved = err_fetch(rt);
    rt.xdecref(saved);
    std::optional<int> status;
    if (rt.profile().major == 2) status = call_sys_exitfunc(in);
    else atexit_call(in);
    // PyGC_Collect: 2.7's runs whatever gc.isenabled() says; 3.6+ honours gc.disable().
    if (rt.profile().major == 2 || rt.gc_state().enabled) gc_collect(rt, GCState::kGenerations - 1);
    if (rt.profile().major == 2) {
        import_cleanup_27(in);
        in.main_dict = nullptr;
        return status;
    }
    finalize_modules(in);
    in.main_dict = nullptr;  // never read: a __main__ out of sys.modules may be gone
    // 3.10+: the interpreter state's clearing collects once more before gc's own state goes.
    if (rt.profile().at_least(3, 10)) gc_collect_no_fail(rt);
    return status;
}

}  // namespace pymemlab
