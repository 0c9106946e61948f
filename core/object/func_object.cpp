// Functions and bound methods: creation, attributes, binding, release.
#include "object/func_object.h"

#include <cstdio>
#include <vector>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/descr_object.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/instance_object27.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"
#include "object/weakref_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

void function_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    object_clear_weakrefs(rt, self);
    PyFunctionObject* f = as_function(self);
    for (Slot<PyObject>* s : {&f->func_globals, &f->func_name, &f->func_code, &f->func_defaults, &f->func_closure,
                              &f->func_doc, &f->func_dict, &f->func_module})
        rt.xdecref(s->p);
    if (function_has(self, offsetof(PyFunctionObject, func_annotations)))
        for (Slot<PyObject>* s : {&f->func_qualname, &f->func_kwdefaults, &f->func_annotations}) rt.xdecref(s->p);
    if (function_has(self, offsetof(PyFunctionObject, func_annotate))) rt.xdecref(f->func_annotate.p);
    if (rt.profile().at_least(3, 10)) rt.xdecref(f->func_builtins.p);
    rt.free_object(self);
}

// func_traverse's order: code, globals, (3.10: builtins,) module, defaults, (3.x: kwdefaults,)
// doc, name, dict, closure, (3.x: annotations, 3.14: annotate, 3.x: qualname).
void function_traverse(PyObject* self, visitproc visit, void* arg) {
    PyFunctionObject* f = as_function(self);
    const bool py3 = function_has(self, offsetof(PyFunctionObject, func_annotations));
    const bool builtins = function_has(self, offsetof(PyFunctionObject, func_builtins));
    const bool annotate = function_has(self, offsetof(PyFunctionObject, func_annotate));
    for (PyObject* o : {f->func_code.p, f->func_globals.p, builtins ? f->func_builtins.p : nullptr, f->func_module.p,
                        f->func_defaults.p, py3 ? f->func_kwdefaults.p : nullptr, f->func_doc.p, f->func_name.p,
                        f->func_dict.p, f->func_closure.p, py3 ? f->func_annotations.p : nullptr,
                        annotate ? f->func_annotate.p : nullptr, py3 ? f->func_qualname.p : nullptr})
        if (o != nullptr) visit(o, arg);
}

PyObject* function_call(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    return rt.builtins().function_call(rt, self, args, nargs, kwnames);
}

// 3.x: the function itself through a class, a bound method through an instance. 2.7
// (func_descr_get): an instancemethod either way, unbound through a class (or None).
PyObject* function_get(Runtime& rt, PyObject* self, PyObject* obj, PyObject* type) {
    if (obj == rt.builtins().singletons.none) obj = nullptr;
    if (rt.profile().major == 2) return method_new27(rt, self, obj, type);
    if (obj == nullptr) {
        rt.incref(self);
        return self;
    }
    return method_new(rt, self, obj);
}

PyObject* function_repr(Runtime& rt, PyObject* self) {
    std::string name;
    // 2.7 has no __qualname__: a method is shown by its own name.
    PyFunctionObject* f = as_function(self);
    object_str_utf8(rt, rt.profile().major == 2 ? f->func_name.p : f->func_qualname.p, &name);
    return str_from_utf8(rt, "<function " + name + " at " + object_address(rt, self) + ">");
}

// func_get_annotation_dict: the pairs' dict replaces the tuple.
bool annotations_tuple_to_dict(Runtime& rt, PyFunctionObject* f) {
    PyObject* pairs = f->func_annotations.p;
    PyObject* d = dict_new(rt);
    if (d == nullptr) {
        err_no_memory(rt);
        return false;
    }
    for (Py_ssize_t i = 0; i + 1 < Py_SIZE(pairs); i += 2) {
        if (!dict_setitem(rt, d, tuple_items(pairs)[i], tuple_items(pairs)[i + 1])) {
            rt.decref(d);
            return false;
        }
    }
    f->func_annotations.p = d;
    rt.decref(pairs);
    return true;
}

}  // namespace

PyObject* annotate_call(Runtime& rt, PyObject* annotate) {
    PyObject* one = long_from_int64(rt, 1);
    if (one == nullptr) return err_no_memory(rt);
    PyObject* d = object_call_one(rt, annotate, one);
    rt.decref(one);
    if (d != nullptr && !object_type_check(d, rt.builtins().dict_type)) {
        err_format(rt, rt.builtins().exc.TypeError, "__annotate__ returned non-dict of type '%s'",
                   type_name(Py_TYPE(d)).c_str());
        rt.decref(d);
        return nullptr;
    }
    return d;
}

namespace {

PyObject* function_getattro(Runtime& rt, PyObject* self, PyObject* name) {
    std::string n;
    object_str_utf8(rt, name, &n);
    PyFunctionObject* f = as_function(self);
    PyObject* v = nullptr;
    bool known = true;
    const bool py27 = rt.profile().major == 2;
    const bool lazy = rt.profile().at_least(3, 14);
    if (n == "__name__" || n == "func_name") v = f->func_name.p;
    else if (n == "__qualname__" && !py27) v = f->func_qualname.p;
    else if (n == "__code__" || n == "func_code") v = f->func_code.p;
    else if (n == "__defaults__" || n == "func_defaults") v = f->func_defaults.p;
    else if (n == "__kwdefaults__" && !py27) v = f->func_kwdefaults.p;
    else if (n == "__closure__" || n == "func_closure") v = f->func_closure.p;
    else if (n == "__globals__" || n == "func_globals") v = f->func_globals.p;
    else if (n == "__doc__") v = f->func_doc.p;
    else if (n == "__module__") v = f->func_module.p;
    else if (n == "__annotate__" && lazy) v = f->func_annotate.p;
    else if (n == "__annotations__" && lazy && f->func_annotations.p == nullptr && f->func_annotate.p != nullptr &&
             object_callable(rt, f->func_annotate.p)) {
        // func_get_annotation_dict: __annotate__(1) (Format.VALUE), kept.
        PyObject* d = annotate_call(rt, f->func_annotate.p);
        if (d == nullptr) return nullptr;
        f->func_annotations.p = d;
        v = d;
    } else if (n == "__annotations__" && f->func_annotations.p != nullptr &&
               Py_TYPE(f->func_annotations.p) == rt.builtins().tuple_type) {
        // 3.10-3.13 keep the def's (name, value) pairs as a tuple until first read.
        if (!annotations_tuple_to_dict(rt, f)) return nullptr;
        v = f->func_annotations.p;
    } else if (n == "__dict__" || (n == "__annotations__" && !py27)) {
        // Made on first use and kept, as func_get_dict and func_get_annotations do (a function
        // without annotations gets an empty dict; MAKE_FUNCTION stores a dict of those it has).
        Slot<PyObject>& slot = n == "__dict__" ? f->func_dict : f->func_annotations;
        if (slot.p == nullptr && (slot.p = dict_new(rt)) == nullptr) return err_no_memory(rt);
        v = slot.p;
    } else known = false;
    if (known) {
        if (v == nullptr) v = rt.builtins().singletons.none;
        rt.incref(v);
        return v;
    }
    return object_generic_getattr(rt, self, name);
}

// func_getsetlist and func_memberlist: the attributes that are the function's own fields, each
// set (or deleted: nullptr) as CPython checks it; any other name goes to the function's __dict__.
int function_setattro(Runtime& rt, PyObject* self, PyObject* name, PyObject* value) {
    std::string n;
    object_str_utf8(rt, name, &n);
    PyFunctionObject* f = as_function(self);
    const bool py27 = rt.profile().major == 2;
    PyTypeObject* type_error = rt.builtins().exc.TypeError;
    auto store = [&](Slot<PyObject>& slot, PyObject* v) {
        rt.replace_ref(slot, v);
        return 0;
    };
    auto refuse = [&](PyTypeObject* type, const std::string& message) {
        err_set_string(rt, type, message.c_str());
        return -1;
    };
    const bool none = value != nullptr && value == rt.builtins().singletons.none;
    if (n == "__name__" || (py27 && n == "func_name") || (!py27 && n == "__qualname__")) {
        if (value == nullptr || !str_check(rt, value))
            return refuse(type_error, (n == "__qualname__" ? "__qualname__" : "__name__") + std::string(" must be set to a string object"));
        return store(n == "__qualname__" ? f->func_qualname : f->func_name, value);
    }
    if (n == "__defaults__" || (py27 && n == "func_defaults")) {
        if (value != nullptr && !none && !object_type_check(value, rt.builtins().tuple_type))
            return refuse(type_error, "__defaults__ must be set to a tuple object");
        return store(f->func_defaults, none ? nullptr : value);
    }
    if (!py27 && (n == "__kwdefaults__" || n == "__annotations__")) {
        const bool kw = n == "__kwdefaults__";
        if (value != nullptr && !none && !object_type_check(value, rt.builtins().dict_type))
            return refuse(type_error, n + " must be set to a dict object");
        store(kw ? f->func_kwdefaults : f->func_annotations, none ? nullptr : value);
        if (!kw && rt.profile().at_least(3, 14)) rt.replace_ref(f->func_annotate, nullptr);  // 3.14 drops __annotate__
        return 0;
    }
    if (n == "__annotate__" && rt.profile().at_least(3, 14)) {
        // function.__annotate__'s setter: None, or a callable (which drops the cached dict).
        if (value == nullptr) return refuse(type_error, "__annotate__ cannot be deleted");
        if (!none && !object_callable(rt, value)) return refuse(type_error, "__annotate__ must be callable or None");
        if (!none) rt.replace_ref(f->func_annotations, nullptr);
        return store(f->func_annotate, value);
    }
    if (n == "__doc__" || (py27 && n == "func_doc")) return store(f->func_doc, value);
    if (n == "__module__") return store(f->func_module, value);
    if (n == "__dict__" || (py27 && n == "func_dict")) {
        if (value == nullptr)
            return refuse(type_error, py27 ? "function's dictionary may not be deleted" : "cannot delete __dict__");
        if (!object_type_check(value, rt.builtins().dict_type))
            return refuse(type_error, py27 ? std::string("setting function's dictionary to a non-dict")
                                           : "__dict__ must be set to a dictionary, not a '" + type_name(Py_TYPE(value)) + "'");
        return store(f->func_dict, value);
    }
    if (n == "__closure__" || n == "__globals__" || (py27 && (n == "func_closure" || n == "func_globals")))
        return refuse(py27 ? type_error : rt.builtins().exc.AttributeError, "readonly attribute");  // PyMember_SetOne
    if (n == "__code__" || (py27 && n == "func_code"))
        return refuse(rt.builtins().exc.NotImplementedError, "assigning a function's __code__ is not supported by the lab");
    return object_generic_setattr(rt, self, name, value);
}

// Up to 3.8 and from 3.14 a dead bound method is kept on the free list (PyMethod_MAXFREELIST,
// 256; 3.14's Py_pymethodobjects_MAXFREELIST, 20).
size_t method_free_list_limit(const Runtime& rt) {
    return !rt.profile().at_least(3, 9) ? 256 : rt.profile().at_least(3, 14) ? 20 : 0;
}

void method_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    object_clear_weakrefs(rt, self);
    rt.xdecref(as_method(self)->im_func.p);
    rt.xdecref(as_method(self)->im_self.p);
    rt.xdecref(as_method(self)->im_class.p);
    if (!rt.builtins().method_free_list.keep(self))
        rt.free_object(self);
}

// instancemethod_traverse (2.7: im_func, im_self, im_class) and meth_traverse (3.x).
void method_traverse(PyObject* self, visitproc visit, void* arg) {
    for (PyObject* o : {as_method(self)->im_func.p, as_method(self)->im_self.p, as_method(self)->im_class.p})
        if (o != nullptr) visit(o, arg);
}

// 2.7's getclassname / getinstclassname: a class's __name__ ("?" without one), an instance's
// class's; "nothing" for no instance.
std::string class_name27(Runtime& rt, PyObject* klass) {
    if (klass == nullptr) return "nothing";
    PyObject* name = object_getattr_string(rt, klass, "__name__");
    std::string out = "?";
    if (name == nullptr) err_clear(rt);
    else if (str_check(rt, name)) object_str_utf8(rt, name, &out);
    rt.xdecref(name);
    return out;
}

// getinstclassname's class: a classic instance's own class, any other object's type.
PyObject* instance_class27(const Runtime& rt, PyObject* o) {
    return instance27_check(rt, o) ? as_instance27(o)->in_class.p : reinterpret_cast<PyObject*>(Py_TYPE(o));
}

// An unbound method's call (2.7's instancemethod_call): the first argument must be an
// instance of im_class; the function then gets the arguments as they are.
PyObject* unbound_method_call(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                              PyObject* kwnames) {
    PyObject* func = as_method(self)->im_func.p;
    PyObject* klass = as_method(self)->im_class.p;
    PyObject* first = nargs >= 1 ? args[0] : nullptr;
    int ok = first != nullptr && klass != nullptr ? object_isinstance(rt, first, klass) : 0;
    if (ok < 0) return nullptr;
    if (ok == 0) {
        std::string fname = "?";
        if (function_check(rt, func)) object_str_utf8(rt, as_function(func)->func_name.p, &fname);
        return err_format(rt, rt.builtins().exc.TypeError,
                          "unbound method %s() must be called with %s instance as first argument (got %s%s instead)",
                          fname.c_str(), class_name27(rt, klass).c_str(),
                          first == nullptr ? "nothing" : class_name27(rt, instance_class27(rt, first)).c_str(),
                          first == nullptr ? "" : " instance");
    }
    return object_vectorcall(rt, func, args, nargs, kwnames);
}

PyObject* method_call(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (as_method(self)->im_self.p == nullptr) return unbound_method_call(rt, self, args, nargs, kwnames);
    const Py_ssize_t total = nargs + (kwnames != nullptr ? Py_SIZE(kwnames) : 0);
    std::vector<PyObject*> all(static_cast<size_t>(total) + 1);
    all[0] = as_method(self)->im_self.p;
    for (Py_ssize_t i = 0; i < total; ++i) all[static_cast<size_t>(i) + 1] = args[i];
    return object_vectorcall(rt, as_method(self)->im_func.p, all.data(), nargs + 1, kwnames);
}

PyObject* method_repr(Runtime& rt, PyObject* self) {
    std::string fname, sname;
    PyObject* func = as_method(self)->im_func.p;
    PyObject* name = object_getattr_string(rt, func, rt.profile().major >= 3 ? "__qualname__" : "__name__");
    if (name == nullptr) return nullptr;
    object_str_utf8(rt, name, &fname);
    rt.decref(name);
    // 2.7 (instancemethod_repr): the class the method was found through, then its name.
    if (rt.profile().major == 2) {
        PyObject* klass = as_method(self)->im_class.p;
        fname = (klass != nullptr ? class_name27(rt, klass) : "?") + "." + fname;
        if (as_method(self)->im_self.p == nullptr) return str_from_utf8(rt, "<unbound method " + fname + ">");
    }
    if (!object_repr_utf8(rt, as_method(self)->im_self.p, &sname)) return nullptr;
    return str_from_utf8(rt, "<bound method " + fname + " of " + sname + ">");
}

PyObject* method_richcompare(Runtime& rt, PyObject* a, PyObject* b, int op) {
    if ((op != Py_EQ && op != Py_NE) || !method_check(rt, b)) {
        rt.incref(rt.builtins().singletons.not_implemented);
        return rt.builtins().singletons.not_implemented;
    }
    bool eq = as_method(a)->im_func.p == as_method(b)->im_func.p &&
              as_method(a)->im_self.p == as_method(b)->im_self.p;
    return bool_from(rt, op == Py_EQ ? eq : !eq);
}

PyObject* method_getattro(Runtime& rt, PyObject* self, PyObject* name) {
    std::string n;
    object_str_utf8(rt, name, &n);
    PyObject* v = nullptr;
    const bool known = n == "__self__" || n == "im_self" || n == "__func__" || n == "im_func" ||
                       (rt.profile().major == 2 && n == "im_class");
    if (n == "__self__" || n == "im_self") v = as_method(self)->im_self.p;
    else if (n == "__func__" || n == "im_func") v = as_method(self)->im_func.p;
    else if (n == "im_class") v = as_method(self)->im_class.p;
    if (known) {
        if (v == nullptr) v = rt.builtins().singletons.none;  // an unbound method's im_self
        rt.incref(v);
        return v;
    }
    return object_getattr(rt, as_method(self)->im_func.p, name);
}

// method(function, instance) (3.x's types.MethodType): a bound method.
PyObject* method_tp_new(Runtime& rt, PyTypeObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    PyTypeObject* type_error = rt.builtins().exc.TypeError;
    if (kwnames != nullptr && Py_SIZE(kwnames) > 0)
        return err_set_string(rt, type_error, "method() takes no keyword arguments");
    if (nargs != 2)
        return err_format(rt, type_error, "method expected 2 arguments, got %d", static_cast<int>(nargs));
    if (!object_callable(rt, args[0])) return err_set_string(rt, type_error, "first argument must be callable");
    if (args[1] == rt.builtins().singletons.none) return err_set_string(rt, type_error, "instance must not be None");
    return method_new(rt, args[0], args[1]);
}

}  // namespace

void init_func_types(Runtime& rt) {
    Builtins& b = rt.builtins();
    b.method_free_list.limit = method_free_list_limit(rt);
    const TypeSizes& sizes = type_sizes(rt.profile());
    // Each profile's function holds the struct as far as its version's fields go.
    size_t function_host = sizeof(PyFunctionObject);
    if (rt.profile().major == 2)
        function_host = offsetof(PyFunctionObject, func_qualname);
    else if (!rt.profile().at_least(3, 8))
        function_host = offsetof(PyFunctionObject, func_builtins);
    else if (!rt.profile().at_least(3, 14))
        function_host = offsetof(PyFunctionObject, func_annotate);
    b.function_type = new_static_type(rt, "function", model_basicsize(sizes.function, function_host), 0,
                                      {.dealloc = function_dealloc, .traverse = function_traverse});
    b.function_type->tp_call = function_call;
    b.function_type->tp_descr_get = function_get;
    b.function_type->tp_repr = function_repr;
    b.function_type->tp_getattro = function_getattro;
    b.function_type->tp_setattro = function_setattro;
    b.function_type->tp_dictoffset = offsetof(PyFunctionObject, func_dict);
    b.function_type->tp_weaklistoffset = offsetof(PyFunctionObject, func_weakreflist);
    b.method_type = new_static_type(rt, rt.profile().major == 2 ? "instancemethod" : "method",
                                    model_basicsize(sizes.method, sizeof(PyMethodObject)), 0,
                                    {.dealloc = method_dealloc, .traverse = method_traverse});
    b.method_type->tp_call = method_call;
    b.method_type->tp_repr = method_repr;
    b.method_type->tp_richcompare = method_richcompare;
    b.method_type->tp_getattro = method_getattro;
    b.method_type->tp_weaklistoffset = offsetof(PyMethodObject, im_weakreflist);
    if (rt.profile().major >= 3) b.method_type->tp_new = method_tp_new;
    b.method_new = method_new;
}

PyObject* function_new(Runtime& rt, PyObject* code, PyObject* globals, PyObject* name, PyObject* qualname) {
    PyTypeObject* type = rt.builtins().function_type;
    PyObject* o = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) return err_no_memory(rt);
    PyFunctionObject* f = as_function(o);
    auto keep = [&](PyObject* v) {
        if (v != nullptr) rt.incref(v);
        return v;
    };
    f->func_globals.p = keep(globals);
    f->func_name.p = keep(name);
    f->func_code.p = keep(code);
    f->func_defaults.p = f->func_closure.p = f->func_doc.p = f->func_dict.p = f->func_weakreflist.p = nullptr;
    f->func_module.p = nullptr;
    if (function_has(o, offsetof(PyFunctionObject, func_annotations))) {
        f->func_qualname.p = keep(qualname);
        f->func_kwdefaults.p = f->func_annotations.p = nullptr;
    }
    if (function_has(o, offsetof(PyFunctionObject, func_builtins))) f->func_builtins.p = nullptr;
    if (function_has(o, offsetof(PyFunctionObject, func_annotate))) f->func_annotate.p = nullptr;
    rt.gc_track(o);
    return o;
}

bool function_check(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == rt.builtins().function_type; }
bool method_check(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == rt.builtins().method_type; }

PyObject* method_new(Runtime& rt, PyObject* func, PyObject* self) {
    return method_new27(rt, func, self,
                        rt.profile().major == 2 && self != nullptr ? reinterpret_cast<PyObject*>(Py_TYPE(self)) : nullptr);
}

PyObject* method_new27(Runtime& rt, PyObject* func, PyObject* self, PyObject* klass) {
    PyTypeObject* type = rt.builtins().method_type;
    PyObject* o = rt.builtins().method_free_list.take(rt);
    if (o == nullptr) o = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) return err_no_memory(rt);
    as_method(o)->im_func.p = func;
    rt.incref(func);
    as_method(o)->im_self.p = self;
    if (self != nullptr) rt.incref(self);
    as_method(o)->im_weakreflist.p = nullptr;
    as_method(o)->im_class.p = klass;
    if (klass != nullptr) rt.incref(klass);
    rt.gc_track(o);
    return o;
}

}  // namespace pymemlab
