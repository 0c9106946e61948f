// The builtins module (Python/bltinmodule.c): the built-in functions, the built-in types and
// exceptions by name, and __build_class__.
#include <cinttypes>
#include <string>
#include <vector>

#include "interp/ceval_internal.h"
#include "interp/code_object.h"
#include "interp/modules.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/cell_object.h"
#include "object/exceptions.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/func_object.h"
#include "object/long_object.h"
#include "object/module_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {

PyObject* none(Runtime& rt) {
    rt.incref(rt.builtins().singletons.none);
    return rt.builtins().singletons.none;
}

bool no_keywords(Runtime& rt, const char* name, PyObject* kwnames) {
    if (kwnames == nullptr || Py_SIZE(kwnames) == 0) return true;
    err_format(rt, rt.builtins().exc.TypeError, "%s() takes no keyword arguments", name);
    return false;
}

bool arity(Runtime& rt, const char* name, Py_ssize_t nargs, Py_ssize_t lo, Py_ssize_t hi) {
    if (nargs >= lo && nargs <= hi) return true;
    if (lo == hi && lo == 1)
        err_format(rt, rt.builtins().exc.TypeError, "%s() takes exactly one argument (%d given)", name,
                   static_cast<int>(nargs));
    else if (nargs < lo)
        err_format(rt, rt.builtins().exc.TypeError, "%s expected %s%d argument%s, got %d", name,
                   lo == hi ? "" : "at least ", static_cast<int>(lo), lo == 1 ? "" : "s", static_cast<int>(nargs));
    else
        err_format(rt, rt.builtins().exc.TypeError, "%s expected %s%d argument%s, got %d", name,
                   lo == hi ? "" : "at most ", static_cast<int>(hi), hi == 1 ? "" : "s", static_cast<int>(nargs));
    return false;
}

PyObject* b_print(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    std::string sep = " ", end = "\n";
    int fd = 1;
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
    for (Py_ssize_t k = 0; k < nkw; ++k) {
        std::string key;
        object_str_utf8(rt, tuple_items(kwnames)[k], &key);
        PyObject* v = args[nargs + k];
        const bool is_none = v == rt.builtins().singletons.none;
        if (key == "sep" || key == "end") {
            if (!is_none && !str_check(rt, v))
                return err_format(rt, rt.builtins().exc.TypeError, "%s must be None or a string, not %s", key.c_str(),
                                  type_name(Py_TYPE(v)).c_str());
            std::string s;
            if (!is_none) object_str_utf8(rt, v, &s);
            (key == "sep" ? sep : end) = is_none ? (key == "sep" ? " " : "\n") : s;
        } else if (key == "file") {
            PyObject* name = object_getattr_string(rt, v, "name");
            if (name == nullptr) return nullptr;
            std::string n;
            object_str_utf8(rt, name, &n);
            rt.decref(name);
            fd = n == "<stderr>" ? 2 : 1;
        } else if (key == "flush") {
        } else {
            return err_format(rt, rt.builtins().exc.TypeError, "'%s' is an invalid keyword argument for print()",
                              key.c_str());
        }
    }
    std::string line;
    for (Py_ssize_t i = 0; i < nargs; ++i) {
        std::string s;
        if (!object_str_utf8(rt, args[i], &s)) return nullptr;
        if (i > 0) line += sep;
        line += s;
    }
    line += end;
    interp_of(rt).write(fd, line);
    return none(rt);
}

PyObject* b_id(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "id", kw) || !arity(rt, "id", nargs, 1, 1)) return nullptr;
    return long_from_int64(rt, static_cast<int64_t>(rt.id(args[0])));
}

PyObject* b_len(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "len", kw) || !arity(rt, "len", nargs, 1, 1)) return nullptr;
    Py_ssize_t n = object_length(rt, args[0]);
    return n < 0 ? nullptr : long_from_int64(rt, n);
}

PyObject* b_repr(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "repr", kw) || !arity(rt, "repr", nargs, 1, 1)) return nullptr;
    return object_repr(rt, args[0]);
}

PyObject* b_hash(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "hash", kw) || !arity(rt, "hash", nargs, 1, 1)) return nullptr;
    Py_hash_t h = object_hash_value(rt, args[0]);
    return h == -1 && err_occurred(rt) ? nullptr : long_from_int64(rt, h);
}

PyObject* b_isinstance(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "isinstance", kw) || !arity(rt, "isinstance", nargs, 2, 2)) return nullptr;
    int r = object_isinstance(rt, args[0], args[1]);
    return r < 0 ? nullptr : bool_from(rt, r == 1);
}

PyObject* b_issubclass(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "issubclass", kw) || !arity(rt, "issubclass", nargs, 2, 2)) return nullptr;
    int r = object_issubclass(rt, args[0], args[1]);
    return r < 0 ? nullptr : bool_from(rt, r == 1);
}

PyObject* b_callable(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "callable", kw) || !arity(rt, "callable", nargs, 1, 1)) return nullptr;
    return bool_from(rt, object_callable(args[0]));
}

PyObject* b_abs(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "abs", kw) || !arity(rt, "abs", nargs, 1, 1)) return nullptr;
    return number_absolute(rt, args[0]);
}

PyObject* b_getattr(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "getattr", kw) || !arity(rt, "getattr", nargs, 2, 3)) return nullptr;
    PyObject* v = object_getattr(rt, args[0], args[1]);
    if (v == nullptr && nargs == 3 && err_matches(rt, rt.builtins().exc.AttributeError)) {
        err_clear(rt);
        rt.incref(args[2]);
        return args[2];
    }
    return v;
}

PyObject* b_setattr(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "setattr", kw) || !arity(rt, "setattr", nargs, 3, 3)) return nullptr;
    return object_setattr(rt, args[0], args[1], args[2]) < 0 ? nullptr : none(rt);
}

PyObject* b_delattr(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "delattr", kw) || !arity(rt, "delattr", nargs, 2, 2)) return nullptr;
    return object_setattr(rt, args[0], args[1], nullptr) < 0 ? nullptr : none(rt);
}

PyObject* b_hasattr(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "hasattr", kw) || !arity(rt, "hasattr", nargs, 2, 2)) return nullptr;
    PyObject* v = object_getattr(rt, args[0], args[1]);
    if (v == nullptr) {
        if (!err_matches(rt, rt.builtins().exc.AttributeError)) return nullptr;
        err_clear(rt);
        return bool_from(rt, false);
    }
    rt.decref(v);
    return bool_from(rt, true);
}

PyObject* b_iter(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "iter", kw) || !arity(rt, "iter", nargs, 1, 1)) return nullptr;
    return object_get_iter(rt, args[0]);
}

PyObject* b_next(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!no_keywords(rt, "next", kw) || !arity(rt, "next", nargs, 1, 2)) return nullptr;
    iternextfunc next = Py_TYPE(args[0])->tp_iternext;
    if (next == nullptr)
        return err_format(rt, rt.builtins().exc.TypeError, "'%s' object is not an iterator",
                          type_name(Py_TYPE(args[0])).c_str());
    PyObject* r = next(rt, args[0]);
    if (r != nullptr) return r;
    if (err_occurred(rt) && !err_matches(rt, rt.builtins().exc.StopIteration)) return nullptr;
    if (nargs == 2) {
        err_clear(rt);
        rt.incref(args[1]);
        return args[1];
    }
    if (!err_occurred(rt)) err_set_instance(rt, exception_new(rt, rt.builtins().exc.StopIteration, rt.builtins().empty_tuple));
    return nullptr;
}

// __build_class__(func, name, *bases, metaclass=type): runs the class body with a fresh
// namespace as its locals, then calls the metaclass.
PyObject* b_build_class(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (nargs < 2) return err_set_string(rt, rt.builtins().exc.TypeError, "__build_class__: not enough arguments");
    PyObject* func = args[0];
    PyObject* name = args[1];
    PyObject* meta = reinterpret_cast<PyObject*>(rt.builtins().type_type);
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
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
    PyObject* body_result = frame_make_cells(rt, &frame) ? eval_frame(in, &frame) : nullptr;
    frame_clear(rt, &frame);
    PyObject* cls = nullptr;
    if (body_result != nullptr) {
        PyObject* margs[] = {name, bases, ns};
        cls = object_vectorcall(rt, meta, margs, 3, nullptr);
        rt.decref(body_result);
    }
    rt.decref(ns);
    rt.decref(bases);
    return cls;
}

const PyMethodDef kBuiltinFunctions[] = {
    {"__build_class__", b_build_class, 0},
    {"print", b_print, 0},
    {"id", b_id, 0},
    {"len", b_len, 0},
    {"repr", b_repr, 0},
    {"hash", b_hash, 0},
    {"isinstance", b_isinstance, 0},
    {"issubclass", b_issubclass, 0},
    {"callable", b_callable, 0},
    {"abs", b_abs, 0},
    {"getattr", b_getattr, 0},
    {"setattr", b_setattr, 0},
    {"delattr", b_delattr, 0},
    {"hasattr", b_hasattr, 0},
    {"iter", b_iter, 0},
    {"next", b_next, 0},
    {nullptr, nullptr, 0},
};

}  // namespace

PyObject* make_builtins_module(Interp& in) {
    Runtime& rt = in.rt;
    const Builtins& b = rt.builtins();
    PyObject* m = module_new(rt, rt.profile().major == 2 ? "__builtin__" : "builtins");
    if (m == nullptr) return nullptr;
    bool ok = module_add_functions(rt, m, kBuiltinFunctions);
    auto add_type = [&](const char* name, PyTypeObject* t) {
        if (t == nullptr) return;
        rt.incref(reinterpret_cast<PyObject*>(t));
        ok = ok && module_add_object(rt, m, name, reinterpret_cast<PyObject*>(t));
    };
    add_type("object", b.object_type);
    add_type("type", b.type_type);
    add_type("int", b.long_type);
    add_type("bool", Py_TYPE(b.singletons.true_));
    add_type("float", b.float_type);
    add_type("str", b.str_type);
    if (rt.profile().major == 2) add_type("unicode", b.unicode_type);
    else add_type("bytes", b.bytes_type);
    add_type("tuple", b.tuple_type);
    add_type("list", b.list_type);
    add_type("dict", b.dict_type);
    add_type("set", b.set_type);
    add_type("frozenset", b.frozenset_type);
    add_type(rt.profile().major == 2 ? "xrange" : "range", b.range_type);
    add_type("slice", b.slice_type);
    add_type("classmethod", b.classmethod_type);
    add_type("staticmethod", b.staticmethod_type);
    add_type("property", b.property_type);
    for_each_exception_type(b.exc, [&](PyTypeObject* t) { add_type(t->tp_name, t); });
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
