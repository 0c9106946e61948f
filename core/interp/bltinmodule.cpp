// The builtins module (Python/bltinmodule.c): the module itself with the built-in types and
// exceptions by name, print, __build_class__, and the argument checks every builtin shares
// (bltin_internal.h). The other functions are in bltin_numbers.cpp, bltin_iter.cpp and
// bltin_names.cpp.
#include <cinttypes>
#include <string>
#include <string_view>
#include <vector>

#include "interp/bltin_internal.h"
#include "interp/ceval_internal.h"
#include "interp/code_object.h"
#include "interp/frame_object.h"
#include "interp/modules.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/cell_object.h"
#include "object/dict_object.h"
#include "object/enum_object.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/descr_object.h"
#include "object/func_object.h"
#include "object/long_object.h"
#include "object/map_object.h"
#include "object/module_object.h"
#include "object/range_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/slot_wrapper.h"
#include "object/super_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"

namespace pymemlab {

namespace bltin {



bool is_none(const Runtime& rt, const PyObject* o) { return o == rt.builtins().singletons.none; }

Py_ssize_t count_keywords(PyObject* kwnames) { return kwnames != nullptr ? Py_SIZE(kwnames) : 0; }

bool no_keywords(Runtime& rt, const char* name, PyObject* kwnames) {
    if (count_keywords(kwnames) == 0) return true;
    err_format(rt, rt.builtins().exc.TypeError, "%s() takes no keyword arguments", name);
    return false;
}

bool one_arg(Runtime& rt, const char* name, Py_ssize_t nargs, PyObject* kwnames) {
    if (!no_keywords(rt, name, kwnames)) return false;
    if (nargs == 1) return true;
    err_format(rt, rt.builtins().exc.TypeError, "%s() takes exactly one argument (%d given)", name,
               static_cast<int>(nargs));
    return false;
}

bool no_args(Runtime& rt, const char* name, Py_ssize_t nargs, PyObject* kwnames) {
    if (!no_keywords(rt, name, kwnames)) return false;
    if (nargs == 0) return true;
    err_format(rt, rt.builtins().exc.TypeError, "%s() takes no arguments (%d given)", name, static_cast<int>(nargs));
    return false;
}

bool positional(Runtime& rt, const char* name, Py_ssize_t nargs, Py_ssize_t lo, Py_ssize_t hi) {
    if (nargs >= lo && nargs <= hi) return true;
    const bool below = nargs < lo;
    const Py_ssize_t bound = below ? lo : hi;
    // 3.7 made the noun agree with the number; 2.7 and 3.6 always say "arguments".
    const bool plural = bound != 1 || !rt.profile().at_least(3, 7);
    err_format(rt, rt.builtins().exc.TypeError, "%s expected %s%d argument%s, got %d", name,
               lo == hi ? "" : below ? "at least " : "at most ", static_cast<int>(bound), plural ? "s" : "",
               static_cast<int>(nargs));
    return false;
}

bool keywords(Runtime& rt, const char* fname, PyObject* const* values, PyObject* kwnames,
              std::initializer_list<const char*> names, PyObject** out) {
    const Py_ssize_t nkw = count_keywords(kwnames);
    for (Py_ssize_t k = 0; k < nkw; ++k) {
        const std::string key = str_as_utf8(rt, tuple_items(kwnames)[k]);
        size_t i = 0;
        for (const char* n : names) {
            if (key == n) break;
            ++i;
        }
        if (i < names.size()) {
            out[i] = values[k];
            continue;
        }
        const Profile& p = rt.profile();
        if (p.at_least(3, 13))
            err_format(rt, rt.builtins().exc.TypeError, "%s() got an unexpected keyword argument '%s'", fname,
                       key.c_str());
        else if (p.at_least(3, 7))
            err_format(rt, rt.builtins().exc.TypeError, "'%s' is an invalid keyword argument for %s()", key.c_str(),
                       fname);
        else
            err_format(rt, rt.builtins().exc.TypeError, "'%s' is an invalid keyword argument for this function",
                       key.c_str());
        return false;
    }
    return true;
}

PyObject* multiple_values(Runtime& rt, const char* fname, const char* name) {
    if (rt.profile().at_least(3, 13))
        return err_format(rt, rt.builtins().exc.TypeError, "%s() got multiple values for argument '%s'", fname, name);
    return err_format(rt, rt.builtins().exc.TypeError, "argument for %s() given by name ('%s') and position", fname,
                      name);
}

PyObject* missing_argument(Runtime& rt, const char* fname, const char* name, int pos) {
    if (rt.profile().at_least(3, 7))
        return err_format(rt, rt.builtins().exc.TypeError, "%s() missing required argument '%s' (pos %d)", fname,
                          name, pos);
    return err_format(rt, rt.builtins().exc.TypeError, "Required argument '%s' (pos %d) not found", name, pos);
}

}  // namespace bltin

namespace {

using namespace bltin;

// print(*objects, sep=' ', end='\n', file=None, flush=False): each piece goes to file.write in
// turn (sys.stdout's own object writes straight to the output).
PyObject* b_print(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    PyObject* kw[4] = {};  // sep, end, file, flush
    if (!keywords(rt, "print", args + nargs, kwnames, {"sep", "end", "file", "flush"}, kw)) return nullptr;
    Interp& in = interp_of(rt);
    for (int i = 0; i < 2; ++i) {
        if (kw[i] != nullptr && !is_none(rt, kw[i]) && !str_check(rt, kw[i]))
            return err_format(rt, rt.builtins().exc.TypeError, "%s must be None or a string, not %s",
                              i == 0 ? "sep" : "end", type_name_of(kw[i]).c_str());
    }
    PyObject* file = kw[2] != nullptr && !is_none(rt, kw[2]) ? kw[2] : sys_stream(in, "stdout");
    if (file == nullptr) return err_set_string(rt, rt.builtins().exc.RuntimeError, "lost sys.stdout");
    if (is_none(rt, file)) return none(rt);
    rt.incref(file);
    auto write_text = [&](PyObject* piece_or_null, const char* fallback) {
        if (piece_or_null != nullptr && !is_none(rt, piece_or_null)) return file_write_object(in, file, piece_or_null);
        return file_write_text(in, file, fallback);
    };
    bool ok = true;
    for (Py_ssize_t i = 0; ok && i < nargs; ++i) {
        if (i > 0) ok = write_text(kw[0], " ");
        if (!ok) break;
        PyObject* s = object_str(rt, args[i]);
        ok = s != nullptr && file_write_object(in, file, s);
        rt.xdecref(s);
    }
    if (ok) ok = write_text(kw[1], "\n");
    if (ok && kw[3] != nullptr) {
        const int flush = object_is_true(rt, kw[3]);
        ok = flush >= 0 && (flush == 0 || file_flush(in, file));
    }
    rt.decref(file);
    return ok ? none(rt) : nullptr;
}

// 2.7's build_class (ceval.c), which chooses the metaclass after running the body: the body's
// __metaclass__, else the first base's __class__ (its type when it has none: a classic class),
// else the module's __metaclass__, else classobj. A new reference, or nullptr with an exception
// set.
PyObject* metaclass27(Runtime& rt, PyObject* ns, PyObject* bases, PyObject* globals) {
    if (PyObject* meta = dict_get_ascii(rt, ns, "__metaclass__")) return new_ref(rt, meta);
    if (Py_SIZE(bases) > 0) {
        PyObject* base = tuple_items(bases)[0];
        PyObject* cls = object_getattr_string(rt, base, "__class__");
        if (cls != nullptr || !err_matches(rt, rt.builtins().exc.AttributeError)) return cls;
        err_clear(rt);
        return new_ref(rt, reinterpret_cast<PyObject*>(Py_TYPE(base)));
    }
    if (PyObject* meta = dict_get_ascii(rt, globals, "__metaclass__")) return new_ref(rt, meta);
    return new_ref(rt, reinterpret_cast<PyObject*>(rt.builtins().class27_type));
}

// __build_class__(func, name, *bases, metaclass=type): runs the class body with a fresh
// namespace as its locals, then calls the metaclass.
PyObject* b_build_class(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (nargs < 2) return err_set_string(rt, rt.builtins().exc.TypeError, "__build_class__: not enough arguments");
    PyObject* func = args[0];
    PyObject* name = args[1];
    PyObject* meta = reinterpret_cast<PyObject*>(rt.builtins().type_type);
    const Py_ssize_t nkw = count_keywords(kwnames);
    for (Py_ssize_t k = 0; k < nkw; ++k) {
        std::string key;
        object_str_utf8(rt, tuple_items(kwnames)[k], &key);
        if (key != "metaclass")
            return err_set_string(rt, rt.builtins().exc.NotImplementedError,
                                  "class keyword arguments other than metaclass are not supported by the lab yet");
        meta = args[nargs + k];
    }
    PyObject* bases = tuple_new(rt, nargs - 2);
    if (bases == nullptr) return err_no_memory(rt);
    for (Py_ssize_t i = 2; i < nargs; ++i) {
        tuple_items(bases)[i - 2] = args[i];
        rt.incref(args[i]);
    }
    if (nkw == 0 && Py_SIZE(bases) > 0) meta = reinterpret_cast<PyObject*>(Py_TYPE(tuple_items(bases)[0]));
    PyObject* ns = dict_new(rt);
    if (ns == nullptr) {
        rt.decref(bases);
        return err_no_memory(rt);
    }
    Interp& in = interp_of(rt);
    PyFunctionObject* fo = as_function(func);
    PyObject* code = fo->func_code.p;
    Frame frame;
    frame_init(rt, &frame, code, func, fo->func_globals.p, in.builtins_dict, ns);
    PyObject* body_result = nullptr;
    if (!frame_begin(rt, &frame)) {
        frame_clear(rt, &frame);
    } else {
        if (frame_make_cells(rt, &frame)) body_result = eval_frame(in, &frame);
        frame_end(rt, &frame);
    }
    PyObject* cls = nullptr;
    if (body_result != nullptr) {
        rt.decref(body_result);
        PyObject* meta27 = rt.profile().major == 2 ? metaclass27(rt, ns, bases, fo->func_globals.p) : nullptr;
        if (meta27 != nullptr) meta = meta27;
        PyObject* margs[] = {name, bases, ns};
        if (meta27 != nullptr || rt.profile().major != 2) cls = object_vectorcall(rt, meta, margs, 3, nullptr);
        rt.xdecref(meta27);
    }
    rt.decref(ns);
    rt.decref(bases);
    return cls;
}

// The functions one version has and the other lacks (3.x's map, filter and zip are types).
bool available(const Runtime& rt, std::string_view name) {
    static constexpr std::string_view only27[] = {"unichr", "map", "filter", "zip", "reduce", "intern", "raw_input",
                                                   "cmp", "apply"};
    static constexpr std::string_view only3[] = {"ascii", "exec"};
    const bool py2 = rt.profile().major == 2;
    for (std::string_view n : only27)
        if (n == name) return py2;
    for (std::string_view n : only3)
        if (n == name) return !py2;
    return true;
}

const PyMethodDef kModuleFunctions[] = {
    {"__build_class__", b_build_class, 0},
    {"print", b_print, 0},
    {nullptr, nullptr, 0},
};

}  // namespace

PyObject* make_builtins_module(Interp& in) {
    Runtime& rt = in.rt;
    const Builtins& b = rt.builtins();
    const bool py2 = rt.profile().major == 2;
    init_enum_types(rt);
    init_map_types(rt);
    init_super_type(rt);
    PyObject* m = module_new(rt, py2 ? "__builtin__" : "builtins");
    if (m == nullptr) return nullptr;
    bool ok = true;
    for (const PyMethodDef* table : {kModuleFunctions, kNumberFunctions, kIterFunctions, kNameFunctions,
                                     kNameFunctions27})
        for (const PyMethodDef* d = table; ok && d->ml_name != nullptr; ++d)
            if (available(rt, d->ml_name)) ok = module_add_object(rt, m, d->ml_name, cfunction_new(rt, d, m));
    rt.builtins().super_frame_args = super_frame_args;
    auto add_type = [&](const char* name, PyTypeObject* t) {
        if (t == nullptr) return;
        rt.incref(reinterpret_cast<PyObject*>(t));
        ok = ok && module_add_object(rt, m, name, reinterpret_cast<PyObject*>(t));
    };
    add_type("object", b.object_type);
    add_type("type", b.type_type);
    add_type("int", b.long_type);
    if (py2) add_type("long", b.long27_type);
    add_type("bool", Py_TYPE(b.singletons.true_));
    add_type("float", b.float_type);
    add_type("complex", b.complex_type);
    add_type("str", b.str_type);
    if (py2) add_type("unicode", b.unicode_type);
    if (py2) add_type("basestring", b.basestring_type);
    add_type("bytes", b.bytes_type);  // 2.7: str itself
    add_type("tuple", b.tuple_type);
    add_type("list", b.list_type);
    add_type("dict", b.dict_type);
    add_type("set", b.set_type);
    add_type("frozenset", b.frozenset_type);
    add_type(py2 ? "xrange" : "range", b.range_type);
    if (py2) ok = ok && module_add_object(rt, m, "range", cfunction_new(rt, kRange27Builtin, m));  // a list
    add_type("slice", b.slice_type);
    add_type("classmethod", b.classmethod_type);
    add_type("staticmethod", b.staticmethod_type);
    add_type("property", b.property_type);
    add_type("enumerate", b.enumerate_type);
    add_type("reversed", b.reversed_type);
    add_type("super", b.super_type);
    // 2.7's map, filter and zip are functions that return lists (bltin_iter.cpp).
    if (!py2) {
        add_type("map", b.map_type);
        add_type("filter", b.filter_type);
        add_type("zip", b.zip_type);
    }
    for_each_exception_type(b.exc, [&](PyTypeObject* t) { add_type(type_name(t).c_str(), t); });
    if (!py2) {
        add_type("EnvironmentError", b.exc.OSError);
        add_type("IOError", b.exc.OSError);
    }
    for (auto [name, o] : {std::pair{"None", b.singletons.none}, std::pair{"True", b.singletons.true_},
                           std::pair{"False", b.singletons.false_}, std::pair{"Ellipsis", b.singletons.ellipsis},
                           std::pair{"NotImplemented", b.singletons.not_implemented}}) {
        rt.incref(o);
        ok = ok && module_add_object(rt, m, name, o);
    }
    if (!ok) {
        rt.decref(m);
        return nullptr;
    }
    return m;
}

}  // namespace pymemlab
