// The atexit module (Modules/atexitmodule.c; 2.7's Lib/atexit.py): functions registered to run
// when the interpreter exits, last registered first, before anything else the exit does.
// 3.x keeps them in native state (AtexitState in interp.h), 2.7 in the module's own list of
// (func, args, kwargs) tuples with sys.exitfunc running them; both hold a reference to each
// function and its arguments until they have run (or are unregistered).
#include "interp/atexitmodule.h"

#include <string>
#include <string_view>

#include "interp/modules.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/module_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"

namespace pymemlab {

namespace {

// atexit_py_callback (3.6-3.13): a PyMem block of three pointers. Invariant: func and args
// are set (args a tuple), kwargs a dict or null.
struct AtexitCallback {
    Slot<PyObject> func;
    Slot<PyObject> args;
    Slot<PyObject> kwargs;
};
static_assert(sizeof(AtexitCallback) == 24);

constexpr int kFirstTableLength = 32;  // callback_len at first, then 16 more at a time
constexpr int kTableGrowth = 16;

bool uses_list(const Runtime& rt) { return rt.profile().at_least(3, 14); }

Slot<AtexitCallback>* table(AtexitState& st) { return static_cast<Slot<AtexitCallback>*>(st.table); }

// _PyAtExit_Init (3.10+, at start-up) and atexit_exec (3.6-3.9, on import): the empty table
// of 32 slots, or 3.14's empty list. False without memory.
bool make_state(Interp& in) {
    Runtime& rt = in.rt;
    AtexitState& st = in.atexit;
    if (uses_list(rt)) return st.list != nullptr || (st.list = list_new(rt, 0)) != nullptr;
    if (st.table != nullptr) return true;
    st.table = rt.mem_malloc(sizeof(Slot<AtexitCallback>) * kFirstTableLength);
    if (st.table == nullptr) return false;
    rt.tstate().hold(st.table);
    st.len = kFirstTableLength;
    st.count = 0;
    return true;
}

// atexit_delete_cb: the callback's references go, then its block.
void delete_callback(Runtime& rt, AtexitState& st, int i) {
    AtexitCallback* cb = table(st)[i].p;
    table(st)[i].p = nullptr;
    rt.decref(cb->func.p);
    rt.decref(cb->args.p);
    rt.xdecref(cb->kwargs.p);
    rt.tstate().let_go(cb);
    rt.mem_free(cb);
}

// atexit_cleanup: every callback dropped without being called, first registered first.
void cleanup(Runtime& rt, AtexitState& st) {
    if (st.list != nullptr) {
        list_clear(rt, st.list);
        return;
    }
    for (int i = 0; i < st.count; ++i)
        if (table(st)[i].p != nullptr) delete_callback(rt, st, i);
    st.count = 0;
}

// What a callback that raised prints, per version: 3.6-3.9 "Error in atexit._run_exitfuncs:"
// and the exception as the interpreter prints it (SystemExit silently); 3.10+ an unraisable
// exception report naming the function.
void report(Interp& in, PyObject* func) {
    Runtime& rt = in.rt;
    if (rt.profile().at_least(3, 10)) {
        write_unraisable(rt, func, nullptr, Unraisable::AtexitCallback);
        return;
    }
    if (err_matches(rt, rt.builtins().exc.SystemExit)) return;
    PyObject* exc = err_fetch(rt);
    in.err("Error in atexit._run_exitfuncs:\n");
    err_set_instance(rt, new_ref(rt, exc));  // print_exception takes this reference
    print_exception(in);
    err_set_instance(rt, exc);  // kept pending: the last one is what _run_exitfuncs raises
}

// Calls func(*args, **kwargs), from 3.10 holding the function for the call (bpo-46025), and reports
// what it raises. 3.6-3.9 keep the last exception raised in *last (a new reference).
void call_one(Interp& in, PyObject* func, PyObject* args, PyObject* kwargs, PyObject** last) {
    Runtime& rt = in.rt;
    const bool held = rt.profile().at_least(3, 10);
    if (held) rt.incref(func);
    PyObject* res = object_call(rt, func, args, kwargs);
    if (res != nullptr) {
        rt.decref(res);
    } else {
        report(in, func);
        PyObject* exc = err_fetch(rt);  // 3.6-3.9 only: report() left it pending
        if (exc != nullptr) {
            rt.xdecref(*last);
            *last = exc;
        }
    }
    if (held) rt.decref(func);
}

// atexit_callfuncs: the callbacks, last registered first, then all dropped. 3.6-3.9 leave the
// last exception raised pending (and then return false).
bool call_funcs(Interp& in) {
    Runtime& rt = in.rt;
    AtexitState& st = in.atexit;
    PyObject* last = nullptr;
    if (st.list != nullptr) {
        // 3.14: the list is copied and emptied first, so callbacks may register and unregister.
        PyObject* copy = list_get_slice(rt, st.list, 0, Py_SIZE(st.list));
        if (copy == nullptr) return false;
        list_clear(rt, st.list);
        for (Py_ssize_t i = Py_SIZE(copy) - 1; i >= 0; --i) {
            PyObject* entry = new_ref(rt, list_items(copy)[i]);
            PyObject* const* item = tuple_items(entry);
            call_one(in, item[0], item[1], item[2] == rt.builtins().singletons.none ? nullptr : item[2], &last);
            rt.decref(entry);
        }
        rt.decref(copy);
    } else {
        for (int i = st.count - 1; i >= 0; --i) {
            AtexitCallback* cb = st.table != nullptr ? table(st)[i].p : nullptr;
            if (cb != nullptr) call_one(in, cb->func.p, cb->args.p, cb->kwargs.p, &last);
        }
        cleanup(rt, st);
    }
    if (last == nullptr) return true;
    err_set_instance(rt, last);  // takes the reference
    return false;
}

// ---- the module's functions ------------------------------------------------------------------------

// atexit_register(args, kwargs): args the call's argument tuple (func first), kwargs its
// keyword dict or null; the registration keeps func, a slice of args and kwargs itself.
PyObject* register_packed(Interp& in, PyObject* args, PyObject* kwargs) {
    Runtime& rt = in.rt;
    PyTypeObject* type_error = rt.builtins().exc.TypeError;
    const Py_ssize_t nargs = Py_SIZE(args);
    if (nargs == 0) return err_set_string(rt, type_error, "register() takes at least 1 argument (0 given)");
    PyObject* func = tuple_items(args)[0];
    if (!object_callable(rt, func)) return err_set_string(rt, type_error, "the first argument must be callable");
    if (!make_state(in)) return err_occurred(rt) ? nullptr : err_no_memory(rt);
    AtexitState& st = in.atexit;
    if (st.list != nullptr) {
        // 3.14: (func, args[1:], kwargs or None) appended to the list.
        PyObject* rest = tuple_get_slice(rt, args, 1, nargs);
        if (rest == nullptr) return nullptr;
        PyObject* items[3] = {func, rest, kwargs != nullptr ? kwargs : rt.builtins().singletons.none};
        PyObject* entry = tuple_from_array(rt, items, 3);
        rt.decref(rest);
        const bool ok = entry != nullptr && list_append(rt, st.list, entry);
        rt.xdecref(entry);
        return ok ? new_ref(rt, func) : nullptr;
    }
    if (st.count >= st.len) {
        const int len = st.len + kTableGrowth;
        rt.tstate().let_go(st.table);
        void* grown = rt.mem_realloc(st.table, sizeof(Slot<AtexitCallback>) * static_cast<size_t>(len));
        rt.tstate().hold(grown != nullptr ? grown : st.table);
        if (grown == nullptr) return err_no_memory(rt);
        st.table = grown;
        st.len = len;
    }
    auto* cb = static_cast<AtexitCallback*>(rt.mem_malloc(sizeof(AtexitCallback)));
    if (cb == nullptr) return err_no_memory(rt);
    PyObject* rest = tuple_get_slice(rt, args, 1, nargs);
    if (rest == nullptr) {
        rt.mem_free(cb);
        return nullptr;
    }
    rt.tstate().hold(cb);
    cb->func.p = new_ref(rt, func);
    cb->args.p = rest;
    cb->kwargs.p = kwargs != nullptr ? new_ref(rt, kwargs) : nullptr;
    table(st)[st.count++].p = cb;
    return new_ref(rt, func);
}

// register(func, *args, **kwargs), called as METH_VARARGS | METH_KEYWORDS: the arguments packed
// into a tuple and a dict (null without keywords) for the call, which lasts as long as it.
PyObject* atexit_register(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    PyObject* kwargs = nullptr;
    if (kwnames != nullptr && Py_SIZE(kwnames) > 0) {
        if ((kwargs = dict_new(rt)) == nullptr) return nullptr;
        for (Py_ssize_t i = 0; i < Py_SIZE(kwnames); ++i)
            if (!dict_setitem(rt, kwargs, tuple_items(kwnames)[i], args[nargs + i])) {
                rt.decref(kwargs);
                return nullptr;
            }
    }
    PyObject* packed = tuple_from_array(rt, args, nargs);
    PyObject* r = packed != nullptr ? register_packed(interp_of(rt), packed, kwargs) : nullptr;
    rt.xdecref(packed);
    rt.xdecref(kwargs);
    return r;
}

// unregister(func): every registration of a function equal to func goes (3.6-3.13 leave its
// slot empty, still counted by _ncallbacks).
PyObject* atexit_unregister(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject*) {
    Interp& in = interp_of(rt);
    AtexitState& st = in.atexit;
    if (nargs != 1)
        return err_format(rt, rt.builtins().exc.TypeError, "unregister() takes exactly one argument (%d given)",
                          static_cast<int>(nargs));
    if (st.list != nullptr) {
        for (Py_ssize_t i = 0; i < Py_SIZE(st.list);) {
            const int eq = object_richcompare_bool(rt, tuple_items(list_items(st.list)[i])[0], args[0], Py_EQ);
            if (eq < 0) return nullptr;
            if (eq == 0) ++i;
            else if (!list_set_slice(rt, st.list, i, i + 1, nullptr)) return nullptr;
        }
        return none(rt);
    }
    for (int i = 0; i < st.count; ++i) {
        AtexitCallback* cb = table(st)[i].p;
        if (cb == nullptr) continue;
        const int eq = object_richcompare_bool(rt, cb->func.p, args[0], Py_EQ);
        if (eq < 0) return nullptr;
        if (eq != 0) delete_callback(rt, st, i);
    }
    return none(rt);
}

PyObject* atexit_run_exitfuncs(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t, PyObject*) {
    if (!call_funcs(interp_of(rt))) return nullptr;  // 3.6-3.9: the last exception is raised
    return none(rt);
}

PyObject* atexit_clear(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t, PyObject*) {
    cleanup(rt, interp_of(rt).atexit);
    return none(rt);
}

PyObject* atexit_ncallbacks(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t, PyObject*) {
    const AtexitState& st = interp_of(rt).atexit;
    return long_from_int64(rt, st.list != nullptr ? Py_SIZE(st.list) : st.count);
}

const PyMethodDef kAtexitFunctions[] = {
    {"register", atexit_register, METH_VARARGS},
    {"_clear", atexit_clear, 0},
    {"unregister", atexit_unregister, 0},
    {"_run_exitfuncs", atexit_run_exitfuncs, 0},
    {"_ncallbacks", atexit_ncallbacks, 0},
    {nullptr, nullptr, 0},
};

// 2.7's Lib/atexit.py, as it runs: register() appends to _exithandlers and sys.exitfunc runs
// them, last first, printing what they raise, then raises the last exception again (the exit
// then prints it once more, after "Error in sys.exitfunc:").
constexpr std::string_view kAtexitSource27 = R"(import sys

__all__ = ["register"]

_exithandlers = []
def _run_exitfuncs():
    exc_info = None
    while _exithandlers:
        func, targs, kargs = _exithandlers.pop()
        try:
            func(*targs, **kargs)
        except SystemExit:
            exc_info = sys.exc_info()
        except:
            _print_exc("Error in atexit._run_exitfuncs:")
            exc_info = sys.exc_info()

    if exc_info is not None:
        raise exc_info[0], exc_info[1], exc_info[2]


def register(func, *targs, **kargs):
    _exithandlers.append((func, targs, kargs))
    return func

if hasattr(sys, "exitfunc"):
    register(sys.exitfunc)
sys.exitfunc = _run_exitfuncs
)";

// The lab's stand-in for 2.7's `print >> sys.stderr, header; traceback.print_exc()`: the
// exception being handled, as the interpreter prints it.
PyObject* atexit_print_exc27(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject*) {
    Interp& in = interp_of(rt);
    if (nargs == 1) in.err(str_as_utf8(rt, args[0]) + "\n");
    if (in.exc_info.value != nullptr) {
        err_set_instance(rt, new_ref(rt, in.exc_info.value));  // print_exception takes this reference
        print_exception(in);
    }
    return none(rt);
}

const PyMethodDef kAtexitHelpers27[] = {{"_print_exc", atexit_print_exc27, 0}, {nullptr, nullptr, 0}};

}  // namespace

void atexit_init(Interp& in) {
    if (in.rt.profile().at_least(3, 10) && !make_state(in)) err_clear(in.rt);
}

void atexit_call(Interp& in) {
    if (!call_funcs(in)) err_clear(in.rt);
}

void atexit_fini(Interp& in) {
    Runtime& rt = in.rt;
    AtexitState& st = in.atexit;
    cleanup(rt, st);
    if (st.table != nullptr) {
        rt.tstate().let_go(st.table);
        rt.mem_free(st.table);
    }
    st.table = nullptr;
    st.len = 0;
    PyObject* list = st.list;
    st.list = nullptr;
    rt.xdecref(list);
}

PyObject* make_atexit_module(Interp& in) {
    Runtime& rt = in.rt;
    if (rt.profile().major == 2) {
        // _run_exitfuncs finds the helper among the module's globals when it runs.
        PyObject* m = module_from_source(in, "atexit", kAtexitSource27);
        if (m != nullptr && !module_add_functions(rt, m, kAtexitHelpers27)) {
            rt.decref(m);
            return err_occurred(rt) ? nullptr : err_no_memory(rt);
        }
        return m;
    }
    PyObject* m = module_new(rt, "atexit");
    if (m == nullptr) return nullptr;
    if (!module_add_functions(rt, m, kAtexitFunctions) || (!rt.profile().at_least(3, 10) && !make_state(in))) {
        rt.decref(m);
        return err_occurred(rt) ? nullptr : err_no_memory(rt);
    }
    return m;
}

}  // namespace pymemlab
