// The interpreter state and the instructions that need more than a few lines: class
// building, imports, `with`, container extension, the REPL's display hook, 2.7's print.
#include "interp/atexitmodule.h"
#include "interp/interp.h"

#include <algorithm>
#include <string>
#include <utility>

#include "interp/ceval_internal.h"
#include "interp/code_object.h"
#include "interp/frame_object.h"
#include "interp/gen_object.h"
#include "interp/modules.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/cell_object.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/func_object.h"
#include "object/list_object.h"
#include "object/module_object.h"
#include "object/recursion.h"
#include "object/runtime.h"
#include "object/set_object.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"
#include "profile/startup_refs.h"

namespace pymemlab {
namespace {

// Adds (sign +1) or takes back (-1) the references CPython's start-up holds on the shared
// objects (profile/startup_refs.h): one ExternalRefs event each, not a run of increfs.
void hold_startup_refs(Runtime& rt, int sign) {
    const StartupRefs* refs = startup_refs(rt.profile());
    if (refs == nullptr) return;
    const Builtins& b = rt.builtins();
    const Singletons& s = b.singletons;
    PyObject* empty_str = rt.profile().major < 3 ? b.bytes_state.empty : b.str_state.empty;
    const std::pair<PyObject*, uint16_t> shared[] = {
        {s.none, refs->none},         {s.true_, refs->true_},           {s.false_, refs->false_},
        {s.ellipsis, refs->ellipsis}, {s.not_implemented, refs->not_implemented},
        {b.empty_tuple, refs->empty_tuple}, {empty_str, refs->empty_str},
    };
    auto hold = [&](PyObject* o, uint16_t n) {
        if (o != nullptr && n != 0) rt.add_external_refs(o, sign * n);
    };
    for (auto [o, n] : shared) hold(o, n);
    for (int i = 0; i < StartupRefs::kSmallInts; ++i) hold(b.small_ints[i], refs->small_ints[i]);
    // One-character strs: those made so far; the others as they are made (Runtime::note_char_made).
    PyObject* const* chars = rt.profile().major < 3 ? b.bytes_state.characters : b.str_state.latin1;
    for (int ch = 0; ch < StartupRefs::kChars; ++ch) hold(chars[ch], refs->latin1[ch]);
    rt.held_startup_refs = sign > 0 ? refs : nullptr;
}

}  // namespace

Interp::Interp(Runtime& runtime, InterpOptions opts) : rt(runtime), options(opts) {
    rt.tstate().start_stack_guard(options.native_stack_budget);
    rt.tstate().interp = this;
    rt.builtins().function_call = function_vectorcall;
    init_code_type(rt);
    init_cell_attributes(rt);
    init_module_attributes(rt);
    init_traceback_type(rt);
    init_frame_type(rt);
    init_generator_type(rt);
    write = [](int, std::string_view) {};
    rt.tstate().stderr_sink = [this](std::string_view text) { write(2, text); };
    rt.tstate().unraisable_sink = [this](std::string_view header, PyObject* exc, std::string_view last_line) {
        const PyObject* file = sys_stream(*this, "stderr");
        if (file == nullptr || file == rt.builtins().singletons.none) return;
        std::string text(header);
        if (exc != nullptr) text += format_traceback(*this, exception_traceback(rt, exc));
        text += last_line;
        write(2, text);
    };
    rt.tstate().charge = [this](uint64_t n) { return charge_budget(n); };
    budget_exceeded_type = new_static_type(rt, "BudgetExceeded", exception_basicsize(rt), 0,
                                           {.dealloc = rt.builtins().exc.BaseException->tp_dealloc,
                                            .traverse = rt.builtins().exc.BaseException->tp_traverse});
    budget_exceeded_type->tp_base = rt.builtins().exc.BaseException;
    type_ready(rt, budget_exceeded_type);
    init_builtin_modules(*this);
    atexit_init(*this);
    for (PyObject* key : dict_keys(rt, builtins_dict))
        if (str_check(rt, key)) startup_builtins.push_back(str_as_utf8(rt, key));
    std::sort(startup_builtins.begin(), startup_builtins.end());
    hold_startup_refs(rt, +1);
}

Interp::~Interp() {
    atexit_fini(*this);
    hold_startup_refs(rt, -1);
    exc_info_clear(rt, exc_info);
    for (auto& raised : std::exchange(rt.tstate().raised_tracebacks27, {})) rt.decref(raised.second);
    rt.xdecref(modules);
    rt.xdecref(sys_module);
    rt.xdecref(builtins_module);
    rt.tstate().interp = nullptr;
    rt.tstate().stderr_sink = nullptr;
    rt.tstate().unraisable_sink = nullptr;
    rt.tstate().charge = nullptr;
}

bool Interp::charge_budget(uint64_t n) {
    instructions += n;
    return instructions <= options.instruction_budget || !budget_raises();
}

bool Interp::budget_raises() {
    const uint64_t grace = options.instruction_budget / 10 + 10'000;
    if (budget_exhausted && instructions - options.instruction_budget <= grace) return false;
    budget_exhausted = true;
    err_format(rt, budget_exceeded_type, "the snippet ran more than %llu instructions (the lab's budget)",
               static_cast<unsigned long long>(options.instruction_budget));
    return true;
}

Interp& interp_of(Runtime& rt) { return *static_cast<Interp*>(rt.tstate().interp); }

PyObject* eval_code(Interp& in, PyObject* code, PyObject* globals, PyObject* locals) {
    Runtime& rt = in.rt;
    Frame frame;
    frame_init(rt, &frame, code, nullptr, globals, in.builtins_dict, locals);
    if (!frame_begin(rt, &frame)) {
        frame_clear(rt, &frame);
        return nullptr;
    }
    ThreadState& ts = rt.tstate();
    // The module's frame, or exec's, is one C code enters (object/recursion.h).
    CEntry entry(rt);
    if (!entry.ok) {
        frame_end(rt, &frame);
        return nullptr;
    }
    ++ts.recursion_depth;
    PyObject* r = frame_make_cells(rt, &frame) ? eval_frame(in, &frame) : nullptr;
    --ts.recursion_depth;
    frame_end(rt, &frame);
    return r;
}

bool display_hook(Interp& in, PyObject* value) {
    Runtime& rt = in.rt;
    if (value == rt.builtins().singletons.none) return true;
    PyObject* key = str_from_utf8(rt, "_");
    if (key == nullptr) return err_no_memory(rt), false;
    // sys.displayhook: `_` is set to None first (the previous value can die, and its __del__
    // print, before this repr), then to the value once it is written.
    bool ok = dict_setitem(rt, in.builtins_dict, key, rt.builtins().singletons.none);
    std::string text;
    ok = ok && object_repr_utf8(rt, value, &text);
    if (ok) {
        in.out(text);
        in.out("\n");
        ok = dict_setitem(rt, in.builtins_dict, key, value);
    }
    rt.decref(key);
    return ok;
}

bool print_item_27(Interp& in, PyObject* value) {
    std::string text;
    if (!object_str_utf8(in.rt, value, &text)) return false;
    if (in.softspace) in.out(" ");
    in.out(text);
    // softspace: a space goes before the next item unless this one ended a line.
    in.softspace = text.empty() || (text.back() != '\n' && text.back() != '\t');
    return true;
}

PyObject* with_enter(Interp& in, PyObject* mgr, PyObject** exit) {
    Runtime& rt = in.rt;
    PyObject* enter = lookup_special(rt, mgr, "__enter__");
    PyObject* ex = enter != nullptr ? lookup_special(rt, mgr, "__exit__") : nullptr;
    if (enter == nullptr || ex == nullptr) {
        if (err_occurred(rt)) return nullptr;
        const char* missing = enter == nullptr ? "__enter__" : "__exit__";
        if (rt.profile().at_least(3, 11))
            return err_format(rt, rt.builtins().exc.TypeError,
                              "'%s' object does not support the context manager protocol",
                              type_name(Py_TYPE(mgr)).c_str());
        return err_set_string(rt, rt.builtins().exc.AttributeError, missing);
    }
    auto bind = [&](PyObject* descr) -> PyObject* {
        if (descrgetfunc get = Py_TYPE(descr)->tp_descr_get; get != nullptr)
            return get(rt, descr, mgr, reinterpret_cast<PyObject*>(Py_TYPE(mgr)));
        rt.incref(descr);
        return descr;
    };
    *exit = bind(ex);
    if (*exit == nullptr) return nullptr;
    PyObject* bound_enter = bind(enter);
    PyObject* r = bound_enter != nullptr ? object_call_noargs(rt, bound_enter) : nullptr;
    rt.xdecref(bound_enter);
    if (r == nullptr) {
        rt.decref(*exit);
        *exit = nullptr;
    }
    return r;
}

namespace {

// The callable as format_kwargs_error names it: 3.10+ _PyObject_FunctionStr ("__main__.A.m()";
// builtins' own bare), before that PyEval_GetFuncName + PyEval_GetFuncDesc ("m()", "A
// constructor", "int object").
std::string function_str(Runtime& rt, PyObject* func) {
    const Builtins& b = rt.builtins();
    auto attr = [&](PyObject* o, const char* name) {
        std::string text;
        PyObject* v = object_getattr_string(rt, o, name);
        if (v == nullptr || !object_str_utf8(rt, v, &text)) err_clear(rt);
        rt.xdecref(v);
        return text;
    };
    if (rt.profile().at_least(3, 10)) {
        const std::string qualname = attr(func, "__qualname__");
        if (qualname.empty()) {
            std::string text;
            if (!object_str_utf8(rt, func, &text)) err_clear(rt);
            return text;
        }
        const std::string module = attr(func, "__module__");
        return (module.empty() || module == "builtins" ? "" : module + ".") + qualname + "()";
    }
    PyTypeObject* t = Py_TYPE(func);
    if (t == b.function_type || t == b.method_type || t == b.builtin_function_type) return attr(func, "__name__") + "()";
    if (object_type_check(func, b.type_type)) return type_name(reinterpret_cast<PyTypeObject*>(func)) + " constructor";
    return type_name(t) + " object";
}

}  // namespace

bool extend_container(Interp& in, Opcode op, PyObject* container, PyObject* source, PyObject* func) {
    Runtime& rt = in.rt;
    if (op == Opcode::DICT_UPDATE || op == Opcode::DICT_MERGE) {
        if (!object_type_check(source, rt.builtins().dict_type)) {
            if (op == Opcode::DICT_MERGE)
                err_format(rt, rt.builtins().exc.TypeError, "%s argument after ** must be a mapping, not %s",
                           function_str(rt, func).c_str(), type_name(Py_TYPE(source)).c_str());
            else
                err_format(rt, rt.builtins().exc.TypeError, "'%s' object is not a mapping",
                           type_name(Py_TYPE(source)).c_str());
            return false;
        }
        for (PyObject* k : dict_keys(rt, source)) {
            if (op == Opcode::DICT_MERGE && dict_getitem(rt, container, k) != nullptr) {
                std::string key;
                object_str_utf8(rt, k, &key);
                err_format(rt, rt.builtins().exc.TypeError, "%s got multiple values for keyword argument '%s'",
                           function_str(rt, func).c_str(), key.c_str());
                return false;
            }
            if (!dict_setitem(rt, container, k, dict_getitem(rt, source, k))) {
                if (!err_occurred(rt)) err_no_memory(rt);
                return false;
            }
        }
        return true;
    }
    // LIST_EXTEND is _PyList_Extend (the list's preallocation rules: [1, 2, 3] in 3.9+ is one).
    if (op == Opcode::LIST_EXTEND && !list_extend(rt, container, source)) {
        if (err_matches(rt, rt.builtins().exc.TypeError) && Py_TYPE(source)->tp_iter == nullptr) {
            err_clear(rt);
            err_format(rt, rt.builtins().exc.TypeError, "Value after * must be an iterable, not %s",
                       type_name(Py_TYPE(source)).c_str());
        }
        return false;
    }
    if (op == Opcode::LIST_EXTEND) return true;
    PyObject* it = object_get_iter(rt, source);
    if (it == nullptr) {
        if (op == Opcode::LIST_EXTEND && err_matches(rt, rt.builtins().exc.TypeError)) {
            err_clear(rt);
            err_format(rt, rt.builtins().exc.TypeError, "Value after * must be an iterable, not %s",
                       type_name(Py_TYPE(source)).c_str());
        }
        return false;
    }
    bool ok = true;
    while (PyObject* x = iter_next(rt, it)) {
        ok = op == Opcode::LIST_EXTEND ? list_append(rt, container, x) : set_add(rt, container, x);
        rt.decref(x);
        if (!ok) break;
    }
    rt.decref(it);
    if (!ok && !err_occurred(rt)) err_no_memory(rt);
    return ok && !err_occurred(rt);
}

namespace {

// Standard-library modules a snippet is likely to import (sys.stdlib_module_names has them all)
// that the lab does not model: importing one is refused by name, where CPython would succeed.
bool unmodelled_stdlib_module(std::string_view top) {
    for (const char* m :
         {"abc", "argparse", "array", "ast", "asyncio", "base64", "binascii", "bisect", "calendar",
          "cmath", "codecs", "collections", "contextlib", "copyreg", "csv", "ctypes", "dataclasses", "datetime",
          "decimal", "difflib", "dis", "enum", "errno", "fractions", "functools", "glob", "hashlib", "heapq", "inspect",
          "io", "itertools", "json", "keyword", "linecache", "locale", "logging", "marshal", "math", "mmap",
          "multiprocessing", "numbers", "operator", "os", "pathlib", "pickle", "platform", "pprint", "queue",
          "random", "re", "resource", "shutil", "signal", "socket", "statistics", "string", "struct", "subprocess",
          "tempfile", "textwrap", "threading", "time", "timeit", "traceback", "types", "typing", "unittest",
          "uuid", "warnings", "zlib", "cPickle", "cStringIO", "StringIO", "Queue", "thread"})
        if (top == m) return true;
    return false;
}

}  // namespace

PyObject* import_name(Interp& in, PyObject* name, PyObject*) {
    Runtime& rt = in.rt;
    std::string n;
    object_str_utf8(rt, name, &n);
    if (PyObject* m = dict_getitem(rt, in.modules, name)) {
        rt.incref(m);
        return m;
    }
    if (PyObject* m = import_builtin_module(in, n)) return m;
    if (err_occurred(rt)) return nullptr;
    if (unmodelled_stdlib_module(std::string_view(n).substr(0, n.find('.'))))
        return err_format(rt, rt.builtins().exc.NotImplementedError,
                          "the standard library's '%s' is not supported by the lab yet (it has sys, gc, weakref, copy, "
                          "atexit, objgraph and tracemalloc)",
                          n.c_str());
    PyTypeObject* type = rt.builtins().exc.ModuleNotFoundError != nullptr ? rt.builtins().exc.ModuleNotFoundError
                                                                           : rt.builtins().exc.ImportError;
    if (rt.profile().major == 2) return err_format(rt, type, "No module named %s", n.c_str());
    // PyErr_SetImportErrorSubclass: the missing module's name is the error's `name`.
    err_set_import_error(rt, type, "No module named '" + n + "'", name, nullptr, nullptr);
    return nullptr;
}

void import_from_error(Interp& in, PyObject* module, PyObject* name) {
    Runtime& rt = in.rt;
    err_clear(rt);
    std::string wanted;
    if (!object_repr_utf8(rt, name, &wanted)) return;
    // 3.6: PyErr_Format(ImportError, "cannot import name %R"), no fields set.
    if (!rt.profile().at_least(3, 7)) {
        err_set_string(rt, rt.builtins().exc.ImportError,
                       (rt.profile().major == 2 ? "cannot import name " + str_as_utf8(rt, name)
                                                : "cannot import name " + wanted));
        return;
    }
    // 3.7+: the module's __name__ (a str, else none) and its __file__ (where the message says
    // where the module is; the lab's modules have none: "unknown location").
    PyObject* pkgname = object_getattr_string(rt, module, "__name__");
    if (pkgname == nullptr) err_clear(rt);
    if (pkgname != nullptr && !str_check(rt, pkgname)) {
        rt.decref(pkgname);
        pkgname = nullptr;
    }
    std::string where = "'<unknown module name>'";
    if (pkgname != nullptr && !object_repr_utf8(rt, pkgname, &where)) {
        rt.decref(pkgname);
        return;
    }
    // PyModule_GetFilenameObject: __file__, when it is a str.
    PyObject* path = object_getattr_string(rt, module, "__file__");
    if (path == nullptr) err_clear(rt);
    std::string location = "unknown location";
    if (path != nullptr && str_check(rt, path)) {
        location = str_as_utf8(rt, path);
    } else {
        rt.xdecref(path);
        path = nullptr;
    }
    err_set_import_error(rt, rt.builtins().exc.ImportError,
                         "cannot import name " + wanted + " from " + where + " (" + location + ")", pkgname, path,
                         name);
    rt.xdecref(path);
    rt.xdecref(pkgname);
}

bool import_star(Interp& in, Frame* f, PyObject* module) {
    Runtime& rt = in.rt;
    PyObject* d = module_check(rt, module) ? module_dict(module) : nullptr;
    if (d == nullptr) {
        err_set_string(rt, rt.builtins().exc.TypeError, "import * needs a module");
        return false;
    }
    PyObject* target = f->locals != nullptr ? f->locals : f->globals;
    for (PyObject* k : dict_keys(rt, d)) {
        std::string key;
        object_str_utf8(rt, k, &key);
        if (!key.empty() && key[0] == '_') continue;
        if (!dict_setitem(rt, target, k, dict_getitem(rt, d, k))) return false;
    }
    return true;
}

PyObject* builtin_build_class(Interp& in) {
    Runtime& rt = in.rt;
    PyObject* key = str_intern_ascii(rt, "__build_class__");
    if (key == nullptr) return err_no_memory(rt);
    PyObject* v = dict_getitem(rt, in.builtins_dict, key);
    rt.decref(key);
    if (v == nullptr) return err_set_string(rt, rt.builtins().exc.NameError, "__build_class__ not found");
    rt.incref(v);
    return v;
}

bool stop_iteration_value(Interp& in, PyObject** value) {
    Runtime& rt = in.rt;
    if (err_occurred(rt)) {
        if (!err_matches(rt, rt.builtins().exc.StopIteration)) return false;
        PyObject* exc = err_fetch(rt);
        *value = exception_stop_iteration_value(rt, exc);
        rt.incref(*value);
        rt.decref(exc);
        return true;
    }
    *value = rt.builtins().singletons.none;
    rt.incref(*value);
    return true;
}

}  // namespace pymemlab
