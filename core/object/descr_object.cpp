// Descriptors and built-in callables: method_descriptor, builtin_function_or_method,
// getset_descriptor, member_descriptor, classmethod, staticmethod, property.
#include "object/descr_object.h"

#include <cstdio>
#include <vector>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/recursion.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"
#include "object/weakref_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

// PyMethodDescrObject / PyGetSetDescrObject / PyMemberDescrObject: PyDescrObject's head and
// one word naming what the descriptor wraps, so each fits CPython's 48-byte request (method
// descriptors request 56, with 3.x's vectorcall slot).
struct PyDescrObject {
    PyObject ob_base;
    Slot<PyTypeObject> d_type;  // a strong reference
    Slot<PyObject> d_name;
    Slot<PyObject> d_qualname;
    union {
        Slot<const PyMethodDef> d_method;  // method descriptors
        Slot<const PyGetSetDef> d_getset;  // getset descriptors (a static table)
        Py_ssize_t d_offset;               // member descriptors
    };
};
static_assert(sizeof(PyDescrObject) == 48);

// PyCFunctionObject: m_ml, m_self, m_module, then what later versions added. A profile's
// objects hold the struct as far as its version's fields go (2.7's end before m_weakreflist,
// 3.6-3.7's before vectorcall), as their requests are CPython's measured sizes.
struct PyCFunctionObject {
    PyObject ob_base;
    Slot<const PyMethodDef> m_ml;
    Slot<PyObject> m_self;
    Slot<PyObject> m_module;
    Slot<PyObject> m_weakreflist;  // 3.x
    Slot<void> vectorcall;         // 3.8+
};
static_assert(sizeof(PyCFunctionObject) == 56);

// classmethod / staticmethod: cm_callable, and from 3.x cm_dict (2.7's objects end before it;
// cm_has_dict says which an object is).
struct PyClassMethod {
    PyObject ob_base;
    Slot<PyObject> cm_callable;
    Slot<PyObject> cm_dict;  // 3.x
};

// propertyobject: prop_get, prop_set, prop_del, prop_doc, 3.10's prop_name, then CPython's int
// getter_doc, which the model does not keep (56 bytes, where CPython's are 56 before 3.10 and 64
// from it: the request follows CPython's).
struct PyPropertyObject {
    PyObject ob_base;
    Slot<PyObject> prop_get, prop_set, prop_del, prop_doc;
    Slot<PyObject> prop_name;  // 3.10+
};
static_assert(sizeof(PyPropertyObject) == 56);

PyDescrObject* as_descr(PyObject* o) { return reinterpret_cast<PyDescrObject*>(o); }
PyCFunctionObject* as_cfunc(PyObject* o) { return reinterpret_cast<PyCFunctionObject*>(o); }
PyClassMethod* as_cm(PyObject* o) { return reinterpret_cast<PyClassMethod*>(o); }
PyPropertyObject* as_prop(PyObject* o) { return reinterpret_cast<PyPropertyObject*>(o); }

// ---- descriptors ------------------------------------------------------------------------------

void descr_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    PyDescrObject* d = as_descr(self);
    rt.xdecref(reinterpret_cast<PyObject*>(d->d_type.p));
    rt.xdecref(d->d_name.p);
    rt.xdecref(d->d_qualname.p);
    rt.free_object(self);
}

void descr_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyTypeObject* t = as_descr(self)->d_type.p) visit(reinterpret_cast<PyObject*>(t), arg);
}

PyObject* descr_new(Runtime& rt, PyTypeObject* descrtype, PyTypeObject* type, PyObject* name) {
    PyObject* o = rt.alloc_gc_object(descrtype, static_cast<size_t>(descrtype->tp_basicsize));
    if (o == nullptr) {
        rt.xdecref(name);
        return err_no_memory(rt);
    }
    PyDescrObject* d = as_descr(o);
    d->d_type.p = type;
    rt.incref(reinterpret_cast<PyObject*>(type));
    d->d_name.p = name;
    d->d_qualname.p = nullptr;
    d->d_offset = 0;
    rt.gc_track(o);
    return o;
}

bool descr_check(Runtime& rt, PyObject* descr, PyObject* obj) {
    PyDescrObject* d = as_descr(descr);
    if (object_type_check(obj, d->d_type.p)) return true;
    err_format(rt, rt.builtins().exc.TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
               str_as_utf8(rt, d->d_name.p).c_str(), d->d_type.p->tp_name, type_name(Py_TYPE(obj)).c_str());
    return false;
}

PyObject* method_get(Runtime& rt, PyObject* descr, PyObject* obj, PyObject*) {
    if (obj == nullptr) {
        rt.incref(descr);
        return descr;
    }
    if (!descr_check(rt, descr, obj)) return nullptr;
    return cfunction_new(rt, as_descr(descr)->d_method.p, obj);
}

PyObject* method_descr_call(Runtime& rt, PyObject* descr, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (nargs < 1) {
        const char* type = as_descr(descr)->d_type.p->tp_name;
        const char* name = as_descr(descr)->d_method.p->ml_name;
        if (!rt.profile().at_least(3, 10))
            return err_format(rt, rt.builtins().exc.TypeError, "descriptor '%s' of '%s' object needs an argument", name,
                              type);
        return err_format(rt, rt.builtins().exc.TypeError, "unbound method %s.%s() needs an argument", type, name);
    }
    if (!descr_check(rt, descr, args[0])) return nullptr;
    return method_descriptor_call_unbound(rt, descr, args[0], args + 1, nargs - 1, kwnames);
}

PyObject* method_repr(Runtime& rt, PyObject* descr) {
    return str_from_utf8(rt, std::string("<method '") + as_descr(descr)->d_method.p->ml_name + "' of '" +
                                 as_descr(descr)->d_type.p->tp_name + "' objects>");
}

PyObject* getset_get(Runtime& rt, PyObject* descr, PyObject* obj, PyObject*) {
    if (obj == nullptr) {
        rt.incref(descr);
        return descr;
    }
    if (!descr_check(rt, descr, obj)) return nullptr;
    return as_descr(descr)->d_getset.p->get(rt, obj);
}

int getset_set(Runtime& rt, PyObject* descr, PyObject* obj, PyObject* value) {
    if (!descr_check(rt, descr, obj)) return -1;
    setter set = as_descr(descr)->d_getset.p->set;
    if (set == nullptr) {
        err_format(rt, rt.builtins().exc.AttributeError, "attribute '%s' of '%s' objects is not writable",
                   str_as_utf8(rt, as_descr(descr)->d_name.p).c_str(), as_descr(descr)->d_type.p->tp_name);
        return -1;
    }
    return set(rt, obj, value);
}

PyObject** member_slot(PyObject* descr, PyObject* obj) {
    return &reinterpret_cast<Slot<PyObject>*>(reinterpret_cast<char*>(obj) + as_descr(descr)->d_offset)->p;
}

PyObject* member_get(Runtime& rt, PyObject* descr, PyObject* obj, PyObject*) {
    if (obj == nullptr) {
        rt.incref(descr);
        return descr;
    }
    if (!descr_check(rt, descr, obj)) return nullptr;
    PyObject* v = *member_slot(descr, obj);
    if (v == nullptr) {
        std::string n = str_as_utf8(rt, as_descr(descr)->d_name.p);
        return err_format(rt, rt.builtins().exc.AttributeError,
                          rt.profile().at_least(3, 10) ? "'%s' object has no attribute '%s'" : "%s",
                          rt.profile().at_least(3, 10) ? type_name(Py_TYPE(obj)).c_str() : n.c_str(), n.c_str());
    }
    rt.incref(v);
    return v;
}

int member_set(Runtime& rt, PyObject* descr, PyObject* obj, PyObject* value) {
    if (!descr_check(rt, descr, obj)) return -1;
    PyObject** slot = member_slot(descr, obj);
    PyObject* old = *slot;
    if (value == nullptr && old == nullptr) {
        std::string n = str_as_utf8(rt, as_descr(descr)->d_name.p);
        err_format(rt, rt.builtins().exc.AttributeError, rt.profile().at_least(3, 10) ? "'%s' object has no attribute '%s'" : "%s",
                   rt.profile().at_least(3, 10) ? type_name(Py_TYPE(obj)).c_str() : n.c_str(), n.c_str());
        return -1;
    }
    if (value != nullptr) rt.incref(value);
    *slot = value;
    rt.xdecref(old);
    return 0;
}

// ---- builtin_function_or_method ---------------------------------------------------------------

// Up to 3.8 and from 3.14 a dead built-in function (a bound built-in method) is kept on the
// free list (PyCFunction_MAXFREELIST, 256; 3.14's Py_pycfunctionobject_MAXFREELIST, 16).
size_t cfunction_free_list_limit(const Runtime& rt) {
    return !rt.profile().at_least(3, 9) ? 256 : rt.profile().at_least(3, 14) ? 16 : 0;
}

void cfunction_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    object_clear_weakrefs(rt, self);
    rt.xdecref(as_cfunc(self)->m_self.p);
    rt.xdecref(as_cfunc(self)->m_module.p);
    if (!rt.builtins().cfunction_free_list.keep(self)) rt.free_object(self);
}

void cfunction_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyObject* s = as_cfunc(self)->m_self.p) visit(s, arg);
    if (PyObject* m = as_cfunc(self)->m_module.p) visit(m, arg);
}

PyObject* cfunction_call(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    PyCFunctionObject* f = as_cfunc(self);
    return f->m_ml.p->ml_meth(rt, f->m_self.p, args, nargs, kwnames);
}

PyObject* cfunction_repr(Runtime& rt, PyObject* self) {
    PyCFunctionObject* f = as_cfunc(self);
    PyObject* s = f->m_self.p;
    if (s == nullptr || Py_TYPE(s) == rt.builtins().module_type)
        return str_from_utf8(rt, std::string("<built-in function ") + f->m_ml.p->ml_name + ">");
    return str_from_utf8(rt, std::string("<built-in method ") + f->m_ml.p->ml_name + " of " +
                                 type_name(Py_TYPE(s)) + " object at " + object_address(rt, s) + ">");
}

// ---- classmethod / staticmethod -----------------------------------------------------------------

void cm_dealloc(Runtime& rt, PyObject* self);

// Whether a classmethod or staticmethod (or an instance of a subclass) has cm_dict: the
// built-in type's size says (a subclass's own slots follow the base's struct, wherever it ends).
bool cm_has_dict(const PyObject* self) {
    const PyTypeObject* t = Py_TYPE(self);
    while (t->tp_dealloc != cm_dealloc) t = t->tp_base;
    return t->tp_basicsize >= static_cast<int64_t>(sizeof(PyClassMethod));
}

void cm_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    rt.xdecref(as_cm(self)->cm_callable.p);
    if (cm_has_dict(self)) rt.xdecref(as_cm(self)->cm_dict.p);
    rt.free_object(self);
}

void cm_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyObject* c = as_cm(self)->cm_callable.p) visit(c, arg);
    if (!cm_has_dict(self)) return;
    if (PyObject* d = as_cm(self)->cm_dict.p) visit(d, arg);
}

PyObject* cm_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject*) {
    if (nargs != 1)
        return err_format(rt, rt.builtins().exc.TypeError, "%s expected 1 argument, got %d", type->tp_name,
                          static_cast<int>(nargs));
    PyObject* o = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) return err_no_memory(rt);
    as_cm(o)->cm_callable.p = args[0];
    rt.incref(args[0]);
    if (cm_has_dict(o)) as_cm(o)->cm_dict.p = nullptr;
    rt.gc_track(o);
    return o;
}

PyObject* cm_get(Runtime& rt, PyObject* self, PyObject* obj, PyObject* type) {
    if (type == nullptr) type = reinterpret_cast<PyObject*>(Py_TYPE(obj));
    return rt.builtins().method_new(rt, as_cm(self)->cm_callable.p, type);
}

PyObject* sm_get(Runtime& rt, PyObject* self, PyObject*, PyObject*) {
    PyObject* f = as_cm(self)->cm_callable.p;
    rt.incref(f);
    return f;
}

PyObject* sm_call(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    return object_vectorcall(rt, as_cm(self)->cm_callable.p, args, nargs, kwnames);
}

// ---- property -------------------------------------------------------------------------------------

void prop_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    PyPropertyObject* p = as_prop(self);
    for (Slot<PyObject>* s : {&p->prop_get, &p->prop_set, &p->prop_del, &p->prop_doc, &p->prop_name}) rt.xdecref(s->p);
    rt.free_object(self);
}

void prop_traverse(PyObject* self, visitproc visit, void* arg) {
    PyPropertyObject* p = as_prop(self);
    for (PyObject* o : {p->prop_get.p, p->prop_set.p, p->prop_del.p, p->prop_doc.p, p->prop_name.p})
        if (o != nullptr) visit(o, arg);
}

// property_init: a doc not given (or None) is the getter's __doc__ when that is not None
// (getter_doc). nullptr with the error set when reading the getter's __doc__ raised.
PyObject* prop_make(Runtime& rt, PyTypeObject* type, PyObject* get, PyObject* set, PyObject* del, PyObject* doc) {
    PyObject* none = rt.builtins().singletons.none;
    auto given = [&](PyObject* v) { return v != nullptr && v != none ? v : nullptr; };
    PyObject* d = given(doc);
    if (d != nullptr) {
        rt.incref(d);
    } else if (given(get) != nullptr) {
        d = object_getattr_string(rt, get, "__doc__");
        if (d == nullptr) {
            if (!err_matches(rt, rt.builtins().exc.AttributeError)) return nullptr;
            err_clear(rt);
        } else if (d == none) {
            rt.decref(d);
            d = nullptr;
        }
    }
    PyObject* o = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) {
        rt.xdecref(d);
        return err_no_memory(rt);
    }
    PyPropertyObject* p = as_prop(o);
    auto keep = [&](PyObject* v) -> PyObject* {
        v = given(v);
        if (v != nullptr) rt.incref(v);
        return v;
    };
    p->prop_get.p = keep(get);
    p->prop_set.p = keep(set);
    p->prop_del.p = keep(del);
    p->prop_doc.p = d;
    p->prop_name.p = nullptr;
    rt.gc_track(o);
    return o;
}

// property(fget=None, fset=None, fdel=None, doc=None)
PyObject* prop_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    PyObject* a[4] = {};
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
    if (nargs + nkw > 4)
        return err_format(rt, rt.builtins().exc.TypeError, "property() takes at most 4 arguments (%d given)",
                          static_cast<int>(nargs + nkw));
    for (Py_ssize_t i = 0; i < nargs; ++i) a[i] = args[i];
    static const char* const kNames[] = {"fget", "fset", "fdel", "doc"};
    for (Py_ssize_t k = 0; k < nkw; ++k) {
        const std::string key = str_as_utf8(rt, tuple_items(kwnames)[k]);
        int i = 0;
        while (i < 4 && key != kNames[i]) ++i;
        if (i == 4)
            return err_format(rt, rt.builtins().exc.TypeError,
                              rt.profile().at_least(3, 7) ? "'%s' is an invalid keyword argument for property()"
                                                          : "'%s' is an invalid keyword argument for this function",
                              key.c_str());
        if (i < nargs)
            return err_format(rt, rt.builtins().exc.TypeError, "argument for property() given by name ('%s') and position (%d)",
                              kNames[i], i + 1);
        a[i] = args[nargs + k];
    }
    return prop_make(rt, type, a[0], a[1], a[2], a[3]);
}

// fget, fset and fdel are read-only members; __doc__ a writable one.
PyObject* prop_getattro(Runtime& rt, PyObject* self, PyObject* name) {
    std::string n;
    object_str_utf8(rt, name, &n);
    PyPropertyObject* p = as_prop(self);
    Slot<PyObject>* slot = n == "fget" ? &p->prop_get : n == "fset" ? &p->prop_set : n == "fdel" ? &p->prop_del
                         : n == "__doc__" ? &p->prop_doc : nullptr;
    if (slot == nullptr) return object_generic_getattr(rt, self, name);
    PyObject* v = slot->p != nullptr ? slot->p : rt.builtins().singletons.none;
    rt.incref(v);
    return v;
}

int prop_setattro(Runtime& rt, PyObject* self, PyObject* name, PyObject* value) {
    std::string n;
    object_str_utf8(rt, name, &n);
    if (n == "fget" || n == "fset" || n == "fdel") {
        err_set_string(rt, rt.profile().major == 2 ? rt.builtins().exc.TypeError : rt.builtins().exc.AttributeError,
                       "readonly attribute");
        return -1;
    }
    if (n != "__doc__") return object_generic_setattr(rt, self, name, value);
    rt.replace_ref(as_prop(self)->prop_doc, value);
    return 0;
}

PyObject* prop_get(Runtime& rt, PyObject* self, PyObject* obj, PyObject*) {
    if (obj == nullptr) {
        rt.incref(self);
        return self;
    }
    PyObject* g = as_prop(self)->prop_get.p;
    if (g == nullptr) return err_set_string(rt, rt.builtins().exc.AttributeError, "unreadable attribute");
    note_eval_access_call(rt, g);  // LOAD_ATTR_PROPERTY
    return object_call_one(rt, g, obj);
}

int prop_set(Runtime& rt, PyObject* self, PyObject* obj, PyObject* value) {
    PyObject* f = value == nullptr ? as_prop(self)->prop_del.p : as_prop(self)->prop_set.p;
    if (f == nullptr) {
        err_set_string(rt, rt.builtins().exc.AttributeError, value == nullptr ? "can't delete attribute" : "can't set attribute");
        return -1;
    }
    PyObject* args[] = {obj, value};
    PyObject* r = object_vectorcall(rt, f, args, value == nullptr ? 1 : 2, nullptr);
    if (r == nullptr) return -1;
    rt.decref(r);
    return 0;
}

PyObject* prop_with(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, int which) {
    if (nargs != 1) return err_set_string(rt, rt.builtins().exc.TypeError, "expected 1 argument");
    PyPropertyObject* p = as_prop(self);
    // property_copy: a doc that came from the getter comes from the new getter.
    PyObject* doc = p->prop_doc.p;
    if (which == 0 && doc != nullptr && p->prop_get.p != nullptr) {
        PyObject* getter_doc = object_getattr_string(rt, p->prop_get.p, "__doc__");
        if (getter_doc == nullptr) err_clear(rt);
        if (getter_doc == doc) doc = nullptr;
        rt.xdecref(getter_doc);
    }
    return prop_make(rt, Py_TYPE(self), which == 0 ? args[0] : p->prop_get.p, which == 1 ? args[0] : p->prop_set.p,
                     which == 2 ? args[0] : p->prop_del.p, doc);
}
PyObject* prop_getter(Runtime& rt, PyObject* s, PyObject* const* a, Py_ssize_t n, PyObject*) { return prop_with(rt, s, a, n, 0); }
PyObject* prop_setter(Runtime& rt, PyObject* s, PyObject* const* a, Py_ssize_t n, PyObject*) { return prop_with(rt, s, a, n, 1); }
PyObject* prop_deleter(Runtime& rt, PyObject* s, PyObject* const* a, Py_ssize_t n, PyObject*) { return prop_with(rt, s, a, n, 2); }

const PyMethodDef kPropertyMethods[] = {
    {"getter", prop_getter, 0}, {"setter", prop_setter, 0}, {"deleter", prop_deleter, 0}, {nullptr, nullptr, 0}};

}  // namespace

void init_descr_types(Runtime& rt) {
    Builtins& b = rt.builtins();
    b.cfunction_free_list.limit = cfunction_free_list_limit(rt);
    const TypeSizes& sizes = type_sizes(rt.profile());
    const int64_t descr_size = model_basicsize(sizes.getset_descriptor, sizeof(PyDescrObject));
    b.method_descriptor_type = new_static_type(rt, "method_descriptor",
                                           model_basicsize(sizes.method_descriptor, sizeof(PyDescrObject)), 0,
                                           {.dealloc = descr_dealloc, .traverse = descr_traverse});
    b.method_descriptor_type->tp_descr_get = method_get;
    b.method_descriptor_type->tp_call = method_descr_call;
    b.method_descriptor_type->tp_repr = method_repr;
    b.getset_descriptor_type = new_static_type(rt, "getset_descriptor", descr_size, 0,
                                           {.dealloc = descr_dealloc, .traverse = descr_traverse});
    b.getset_descriptor_type->tp_descr_get = getset_get;
    b.getset_descriptor_type->tp_descr_set = getset_set;
    b.member_descriptor_type = new_static_type(rt, "member_descriptor", descr_size, 0,
                                           {.dealloc = descr_dealloc, .traverse = descr_traverse});
    b.member_descriptor_type->tp_descr_get = member_get;
    b.member_descriptor_type->tp_descr_set = member_set;
    size_t cfunction_host = sizeof(PyCFunctionObject);
    if (rt.profile().major == 2)
        cfunction_host = offsetof(PyCFunctionObject, m_weakreflist);
    else if (!rt.profile().at_least(3, 8))
        cfunction_host = offsetof(PyCFunctionObject, vectorcall);
    b.builtin_function_type = new_static_type(rt, "builtin_function_or_method",
                                              model_basicsize(sizes.builtin_function, cfunction_host), 0,
                                              {.dealloc = cfunction_dealloc, .traverse = cfunction_traverse});
    b.builtin_function_type->tp_call = cfunction_call;
    if (rt.profile().major >= 3)
        b.builtin_function_type->tp_weaklistoffset = offsetof(PyCFunctionObject, m_weakreflist);
    b.builtin_function_type->tp_repr = cfunction_repr;
    const int64_t cm_size = model_basicsize(
        sizes.classmethod, rt.profile().major == 2 ? offsetof(PyClassMethod, cm_dict) : sizeof(PyClassMethod));
    b.classmethod_type = new_static_type(rt, "classmethod", cm_size, 0,
                                     {.dealloc = cm_dealloc, .traverse = cm_traverse});
    b.classmethod_type->tp_new = cm_new;
    b.classmethod_type->tp_descr_get = cm_get;
    b.classmethod_type->tp_flags |= Py_TPFLAGS_BASETYPE;
    b.staticmethod_type = new_static_type(rt, "staticmethod", cm_size, 0,
                                      {.dealloc = cm_dealloc, .traverse = cm_traverse});
    b.staticmethod_type->tp_new = cm_new;
    b.staticmethod_type->tp_descr_get = sm_get;
    if (rt.profile().at_least(3, 10)) b.staticmethod_type->tp_call = sm_call;
    b.staticmethod_type->tp_flags |= Py_TPFLAGS_BASETYPE;
    b.property_type = new_static_type(rt, "property", model_basicsize(sizes.property, sizeof(PyPropertyObject)), 0,
                                  {.dealloc = prop_dealloc, .traverse = prop_traverse});
    b.property_type->tp_new = prop_new;
    b.property_type->tp_descr_get = prop_get;
    b.property_type->tp_descr_set = prop_set;
    b.property_type->tp_getattro = prop_getattro;
    b.property_type->tp_setattro = prop_setattro;
    b.property_type->tp_methods = kPropertyMethods;
    b.property_type->tp_flags |= Py_TPFLAGS_BASETYPE;
}


PyObject* method_descriptor_new(Runtime& rt, PyTypeObject* type, const PyMethodDef* def) {
    PyObject* name = str_from_utf8(rt, def->ml_name);
    if (name == nullptr) return err_no_memory(rt);
    str_intern_in_place(rt, &name);
    PyObject* d = descr_new(rt, rt.builtins().method_descriptor_type, type, name);
    if (d != nullptr) as_descr(d)->d_method.p = def;
    return d;
}

PyObject* getset_descriptor_new(Runtime& rt, PyTypeObject* type, const PyGetSetDef* def) {
    PyObject* n = str_from_utf8(rt, def->name);
    if (n == nullptr) return err_no_memory(rt);
    str_intern_in_place(rt, &n);
    PyObject* d = descr_new(rt, rt.builtins().getset_descriptor_type, type, n);
    if (d != nullptr) {
        as_descr(d)->d_getset.p = def;
    }
    return d;
}

PyObject* member_descriptor_new(Runtime& rt, PyTypeObject* type, PyObject* name, Py_ssize_t offset) {
    rt.incref(name);
    PyObject* d = descr_new(rt, rt.builtins().member_descriptor_type, type, name);
    if (d != nullptr) as_descr(d)->d_offset = offset;
    return d;
}

PyObject* cfunction_new(Runtime& rt, const PyMethodDef* def, PyObject* self) {
    PyTypeObject* type = rt.builtins().builtin_function_type;
    PyObject* o = rt.builtins().cfunction_free_list.take(rt);
    if (o == nullptr) o = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) return err_no_memory(rt);
    PyCFunctionObject* f = as_cfunc(o);
    f->m_ml.p = def;
    f->m_self.p = self;
    if (self != nullptr) rt.incref(self);
    f->m_module.p = nullptr;
    if (rt.profile().major >= 3) f->m_weakreflist.p = nullptr;
    if (rt.profile().at_least(3, 8)) f->vectorcall.p = nullptr;
    rt.gc_track(o);
    return o;
}

bool cfunction_check(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == rt.builtins().builtin_function_type; }
const PyMethodDef* cfunction_def(const Runtime& rt, const PyObject* o) {
    return cfunction_check(rt, o) ? as_cfunc(const_cast<PyObject*>(o))->m_ml.p : nullptr;
}
bool method_descriptor_check(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == rt.builtins().method_descriptor_type; }

PyObject* method_descriptor_call_unbound(Runtime& rt, PyObject* descr, PyObject* self, PyObject* const* args,
                                         Py_ssize_t nargs, PyObject* kwnames) {
    return as_descr(descr)->d_method.p->ml_meth(rt, self, args, nargs, kwnames);
}

}  // namespace pymemlab
