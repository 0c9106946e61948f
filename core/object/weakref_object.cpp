// Weak references: ref objects (creation and reuse, call, hash, repr, comparison), the referent's
// list, and PyObject_ClearWeakRefs with CPython's callback order. Objects/weakrefobject.c is the
// counterpart; the proxies' forwarding slots are weakref_proxy.cpp.
#include "object/text_args.h"
#include "object/weakref_object.h"

#include <cstdio>
#include <cstring>
#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/descr_object.h"
#include "object/errors.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/singletons.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"
#include "object/type_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

PyObject* none(const Runtime& rt) { return rt.builtins().singletons.none; }
PyObject* as_object(PyWeakReference* wr) { return reinterpret_cast<PyObject*>(wr); }

// ---- the referent's list ------------------------------------------------------------------------

// clear_weakref: unlinks wr from its referent's list (the only code that removes a list entry)
// and drops its callback.
void clear_weakref(Runtime& rt, PyWeakReference* wr) {
    PyObject* callback = wr->wr_callback.p;
    if (wr->wr_object.p != none(rt)) {
        PyWeakReference** list = weakref_list_ptr(wr->wr_object.p);
        if (*list == wr) *list = wr->wr_next.p;
        wr->wr_object.p = none(rt);
        if (wr->wr_prev.p != nullptr) wr->wr_prev.p->wr_next.p = wr->wr_next.p;
        if (wr->wr_next.p != nullptr) wr->wr_next.p->wr_prev.p = wr->wr_prev.p;
        wr->wr_prev.p = nullptr;
        wr->wr_next.p = nullptr;
    }
    if (callback != nullptr) {
        wr->wr_callback.p = nullptr;
        rt.decref(callback);
    }
}

// get_basic_refs: the callback-less ref and proxy at the head of a list (either may be null).
void get_basic_refs(const Runtime& rt, PyWeakReference* head, PyWeakReference** ref, PyWeakReference** proxy) {
    *ref = nullptr;
    *proxy = nullptr;
    if (head == nullptr || head->wr_callback.p != nullptr) return;
    if (Py_TYPE(as_object(head)) == rt.builtins().weakref_type) {
        *ref = head;
        head = head->wr_next.p;
    }
    if (head != nullptr && head->wr_callback.p == nullptr && weakref_proxy_check(rt, as_object(head))) *proxy = head;
}

void insert_after(PyWeakReference* wr, PyWeakReference* prev) {
    wr->wr_prev.p = prev;
    wr->wr_next.p = prev->wr_next.p;
    if (prev->wr_next.p != nullptr) prev->wr_next.p->wr_prev.p = wr;
    prev->wr_next.p = wr;
}

void insert_head(PyWeakReference* wr, PyWeakReference** list) {
    PyWeakReference* next = *list;
    wr->wr_prev.p = nullptr;
    wr->wr_next.p = next;
    if (next != nullptr) next->wr_prev.p = wr;
    *list = wr;
}

// new_weakref: a tracked weakref of `type` (ref, a proxy type, or a class derived from ref, whose
// own fields start zeroed) to ob, not yet linked.
PyWeakReference* new_weakref(Runtime& rt, PyTypeObject* type, PyObject* ob, PyObject* callback) {
    const size_t size = static_cast<size_t>(type->tp_basicsize);
    PyObject* o = rt.alloc_gc_object(type, size);
    if (o == nullptr) return nullptr;
    std::memset(reinterpret_cast<char*>(o) + sizeof(PyObject), 0, size - sizeof(PyObject));
    if (is_heap_type(type)) rt.incref(reinterpret_cast<PyObject*>(type));
    PyWeakReference* wr = as_weakref(o);
    wr->hash = -1;
    wr->wr_object.p = ob;
    if (callback != nullptr) rt.incref(callback);
    wr->wr_callback.p = callback;
    rt.gc_track(o);
    return wr;
}

enum class Kind { kRef, kProxy };

// get_or_create_weakref: the basic ref or proxy when no callback is asked for and one exists,
// else a new weakref linked where CPython links it: a basic ref at the head, a basic proxy after
// the basic ref, anything else (a callback, or a class derived from ref) after both, so the
// newest comes first. `type` is the ref type or a class derived from it; ignored for proxies.
PyObject* get_or_create(Runtime& rt, Kind kind, PyTypeObject* type, PyObject* ob, PyObject* callback) {
    PyWeakReference** list = weakref_list_ptr(ob);
    if (list == nullptr)
        return err_format(rt, rt.builtins().exc.TypeError, "cannot create weak reference to '%s' object",
                          Py_TYPE(ob)->tp_name);
    if (callback == none(rt)) callback = nullptr;
    PyWeakReference* ref;
    PyWeakReference* proxy;
    const Builtins& b = rt.builtins();
    const bool basic = callback == nullptr && (kind == Kind::kProxy || type == b.weakref_type);
    get_basic_refs(rt, *list, &ref, &proxy);
    if (basic) {
        PyWeakReference* reuse = kind == Kind::kRef ? ref : proxy;
        if (reuse != nullptr) {
            rt.incref(as_object(reuse));
            return as_object(reuse);
        }
    }
    if (kind == Kind::kProxy) type = object_callable(rt, ob) ? b.weakcallableproxy_type : b.weakproxy_type;
    PyWeakReference* wr = new_weakref(rt, type, ob, callback);
    if (wr == nullptr) return err_no_memory(rt);
    // The allocation may have run a collection, and its callbacks may have made weakrefs to ob.
    get_basic_refs(rt, *list, &ref, &proxy);
    PyWeakReference* prev;
    if (basic && kind == Kind::kRef)
        prev = nullptr;
    else if (basic)
        prev = ref;
    else
        prev = proxy != nullptr ? proxy : ref;
    if (prev == nullptr)
        insert_head(wr, list);
    else
        insert_after(wr, prev);
    return as_object(wr);
}

// ---- ref objects --------------------------------------------------------------------------------

// The messages of PyArg_UnpackTuple for `name`(1 or 2 arguments).
bool unpack_ob_callback(Runtime& rt, const char* name, PyObject* const* args, Py_ssize_t nargs, PyObject** ob,
                        PyObject** callback) {
    if (!check_positional(rt, name, nargs, 1, 2, 8)) return false;
    *ob = args[0];
    *callback = nargs == 2 ? args[1] : nullptr;
    return true;
}

// weakref___new__; weakref___init__'s keyword check comes first here, as type_call would run it
// right after.
PyObject* weakref_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    PyObject* ob;
    PyObject* callback;
    if (!unpack_ob_callback(rt, "__new__", args, nargs, &ob, &callback)) return nullptr;
    if (kwnames != nullptr && Py_SIZE(kwnames) > 0)
        return err_set_string(rt, rt.builtins().exc.TypeError, "ref() takes no keyword arguments");
    return get_or_create(rt, Kind::kRef, type, ob, callback);
}

// weakref___init__: checks the arguments __new__ took.
int weakref_tp_init(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (kwnames != nullptr && Py_SIZE(kwnames) > 0) {
        err_set_string(rt, rt.builtins().exc.TypeError, "ref() takes no keyword arguments");
        return -1;
    }
    PyObject* ob;
    PyObject* callback;
    return unpack_ob_callback(rt, "__init__", args, nargs, &ob, &callback) ? 0 : -1;
}

void weakref_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    clear_weakref(rt, as_weakref(self));
    rt.free_object(self);
}

void weakref_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyObject* cb = as_weakref(self)->wr_callback.p) visit(cb, arg);
}

int weakref_tp_clear(Runtime& rt, PyObject* self) {
    clear_weakref(rt, as_weakref(self));
    return 0;
}

// weakref_vectorcall (3.11+) / weakref_call: r() is the referent, or None once it died.
PyObject* weakref_call(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    const bool new_text = rt.profile().at_least(3, 11);
    if (kwnames != nullptr && Py_SIZE(kwnames) > 0)
        return err_set_string(
            rt, rt.builtins().exc.TypeError,
            new_text ? "weakref() takes no keyword arguments" : "__call__() takes no keyword arguments");
    if (nargs != 0) {
        if (new_text)
            return err_format(rt, rt.builtins().exc.TypeError, "weakref expected 0 arguments, got %d",
                              static_cast<int>(nargs));
        return err_format(rt, rt.builtins().exc.TypeError, "__call__() takes at most 0 arguments (%d given)",
                          static_cast<int>(nargs));
    }
    PyObject* ob = weakref_referent(rt, self);
    if (ob == nullptr) ob = none(rt);
    rt.incref(ob);
    return ob;
}

// weakref_hash: the referent's hash, cached; a dead weakref that never hashed has none.
Py_hash_t weakref_hash(Runtime& rt, PyObject* self) {
    PyWeakReference* wr = as_weakref(self);
    if (wr->hash != -1) return wr->hash;
    PyObject* ob = weakref_referent(rt, self);
    if (ob == nullptr) {
        err_set_string(rt, rt.builtins().exc.TypeError, "weak object has gone away");
        return -1;
    }
    rt.incref(ob);
    wr->hash = object_hash_value(rt, ob);
    rt.decref(ob);
    return wr->hash;
}

// weakref_repr: <weakref at 0x...; to 'C' at 0x...>, with " (name)" when the referent has a str
// __name__ (functions, classes, modules); <weakref at 0x...; dead> after it died.
PyObject* weakref_repr(Runtime& rt, PyObject* self) {
    PyObject* ob = weakref_referent(rt, self);
    if (ob == nullptr) return str_from_utf8(rt, "<weakref at " + object_address(rt, self) + "; dead>");
    rt.incref(ob);
    std::string text =
        "<weakref at " + object_address(rt, self) + "; to '" + Py_TYPE(ob)->tp_name + "' at " + object_address(rt, ob);
    PyObject* name = object_getattr_string(rt, ob, "__name__");
    if (name == nullptr) {
        err_clear(rt);
    } else if (str_check(rt, name)) {
        text += " (" + str_as_utf8(rt, name) + ")";
    }
    rt.xdecref(name);
    rt.decref(ob);
    return str_from_utf8(rt, text + ">");
}

// weakref_richcompare: == and != compare the referents while both live, identity otherwise.
PyObject* weakref_richcompare(Runtime& rt, PyObject* a, PyObject* b, int op) {
    if ((op != Py_EQ && op != Py_NE) || !weakref_check(rt, a) || !weakref_check(rt, b)) {
        rt.incref(rt.builtins().singletons.not_implemented);
        return rt.builtins().singletons.not_implemented;
    }
    PyObject* x = weakref_referent(rt, a);
    PyObject* y = weakref_referent(rt, b);
    if (x == nullptr || y == nullptr) {
        const bool same = a == b;
        return bool_from(rt, op == Py_EQ ? same : !same);
    }
    rt.incref(x);
    rt.incref(y);
    PyObject* r = object_richcompare(rt, x, y, op);
    rt.decref(x);
    rt.decref(y);
    return r;
}

// ref.__callback__ (3.4+): the callback, or None.
PyObject* weakref_get_callback(Runtime& rt, PyObject* self) {
    PyObject* cb = as_weakref(self)->wr_callback.p;
    if (cb == nullptr) cb = none(rt);
    rt.incref(cb);
    return cb;
}
const PyGetSetDef kCallbackGetSet = {"__callback__", weakref_get_callback, nullptr};

// ---- the dunders a class derived from ref finds (CPython's slot wrappers) -------------------------

PyObject* none_result(Runtime& rt) {
    rt.incref(none(rt));
    return none(rt);
}

PyObject* ref_init_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return weakref_tp_init(rt, self, args, nargs, kw) < 0 ? nullptr : none_result(rt);
}

bool one_argument(Runtime& rt, Py_ssize_t nargs) {
    if (nargs == 1) return true;
    err_format(rt, rt.builtins().exc.TypeError, "expected 1 argument, got %d", static_cast<int>(nargs));
    return false;
}

PyObject* ref_eq_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject*) {
    return one_argument(rt, nargs) ? weakref_richcompare(rt, self, args[0], Py_EQ) : nullptr;
}

PyObject* ref_ne_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject*) {
    return one_argument(rt, nargs) ? weakref_richcompare(rt, self, args[0], Py_NE) : nullptr;
}

PyObject* ref_hash_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t, PyObject*) {
    const Py_hash_t h = weakref_hash(rt, self);
    return h == -1 && err_occurred(rt) ? nullptr : long_from_int64(rt, h);
}

const PyMethodDef kRefMethods[] = {
    {"__init__", ref_init_method, METH_VARARGS}, {"__call__", weakref_call, METH_VARARGS},
    {"__eq__", ref_eq_method, METH_VARARGS},     {"__ne__", ref_ne_method, METH_VARARGS},
    {"__hash__", ref_hash_method, METH_VARARGS}, {nullptr, nullptr, 0},
};

// The types' names: "weakref" and "weakproxy" up to 3.8; 3.9 moved them into the weakref module.
struct TypeNames {
    const char* ref;
    const char* proxy;
    const char* callable_proxy;
};
TypeNames type_names(const Runtime& rt) {
    if (rt.profile().at_least(3, 9)) return {"weakref.ReferenceType", "weakref.ProxyType", "weakref.CallableProxyType"};
    return {"weakref", "weakproxy", "weakcallableproxy"};
}

}  // namespace

void init_weakref_types(Runtime& rt) {
    Builtins& b = rt.builtins();
    const int64_t size = model_basicsize(type_sizes(rt.profile()).weakref, sizeof(PyWeakReference));
    const TypeNames names = type_names(rt);
    const TypeSlots slots{.dealloc = weakref_dealloc, .traverse = weakref_traverse};
    PyTypeObject* ref = new_static_type(rt, names.ref, size, 0, slots);
    ref->tp_new = weakref_tp_new;
    ref->tp_init = weakref_tp_init;
    ref->tp_call = weakref_call;
    ref->tp_hash = weakref_hash;
    ref->tp_repr = weakref_repr;
    ref->tp_richcompare = weakref_richcompare;
    ref->tp_clear = weakref_tp_clear;
    ref->tp_methods = kRefMethods;
    ref->tp_flags |= Py_TPFLAGS_BASETYPE;
    b.weakref_type = ref;
    if (rt.profile().major >= 3)
        type_add_to_dict(rt, ref, "__callback__", getset_descriptor_new(rt, ref, &kCallbackGetSet));
    b.weakproxy_type = new_static_type(rt, names.proxy, size, 0, slots);
    b.weakcallableproxy_type = new_static_type(rt, names.callable_proxy, size, 0, slots);
    for (PyTypeObject* t : {b.weakproxy_type, b.weakcallableproxy_type}) t->tp_clear = weakref_tp_clear;
    init_weakref_proxy_slots(rt, b.weakproxy_type, b.weakcallableproxy_type);
}

bool weakref_ref_check(const Runtime& rt, const PyObject* o) {
    return object_type_check(o, rt.builtins().weakref_type);
}

bool weakref_proxy_check(const Runtime& rt, const PyObject* o) {
    return Py_TYPE(o) == rt.builtins().weakproxy_type || Py_TYPE(o) == rt.builtins().weakcallableproxy_type;
}

// 3.12+ classes keep the list in the instance's pre-header: a negative offset (MANAGED_WEAKREF_OFFSET).
bool type_supports_weakrefs(const PyTypeObject* type) { return type_weaklistoffset(type) != 0; }

PyWeakReference** weakref_list_ptr(PyObject* o) {
    PyTypeObject* t = Py_TYPE(o);
    if (t->has_flag(Py_TPFLAGS_TYPE_SUBCLASS)) return &reinterpret_cast<PyTypeObject*>(o)->tp_weaklist;
    if (t->tp_weaklistoffset == 0) return nullptr;
    return &reinterpret_cast<Slot<PyWeakReference>*>(reinterpret_cast<char*>(o) + t->tp_weaklistoffset)->p;
}

PyObject* weakref_new_ref(Runtime& rt, PyObject* ob, PyObject* callback) {
    return get_or_create(rt, Kind::kRef, rt.builtins().weakref_type, ob, callback);
}

PyObject* weakref_new_proxy(Runtime& rt, PyObject* ob, PyObject* callback) {
    return get_or_create(rt, Kind::kProxy, nullptr, ob, callback);
}

PyObject* weakref_referent(const Runtime& rt, PyObject* wr) {
    PyObject* ob = as_weakref(wr)->wr_object.p;
    // Dead: cleared (None), or the referent is being deallocated and its weakrefs not yet cleared.
    return ob == none(rt) || ob->ob_refcnt == 0 ? nullptr : ob;
}

int64_t weakref_count(PyObject* o) {
    PyWeakReference** list = weakref_list_ptr(o);
    int64_t n = 0;
    for (PyWeakReference* wr = list != nullptr ? *list : nullptr; wr != nullptr; wr = wr->wr_next.p) ++n;
    return n;
}

PyObject* weakref_list_of(Runtime& rt, PyObject* o) {
    const int64_t n = weakref_count(o);
    PyObject* list = list_new(rt, n);
    if (list == nullptr) return err_no_memory(rt);
    PyWeakReference* wr = n > 0 ? *weakref_list_ptr(o) : nullptr;
    for (int64_t i = 0; i < n; ++i, wr = wr->wr_next.p) {
        rt.incref(as_object(wr));
        list_items(list)[i] = as_object(wr);
    }
    return list;
}

void weakref_call_callback(Runtime& rt, PyObject* wr, PyObject* callback) {
    PyObject* r = object_call_one(rt, callback, wr);
    if (r == nullptr)
        write_unraisable(rt, callback, nullptr, Unraisable::WeakrefCallback);
    else
        rt.decref(r);
}

void object_clear_weakrefs(Runtime& rt, PyObject* o) {
    PyWeakReference** list = weakref_list_ptr(o);
    if (list == nullptr || *list == nullptr) return;
    // The basic ref and proxy, which have no callbacks, go first.
    if ((*list)->wr_callback.p == nullptr) {
        clear_weakref(rt, *list);
        if (*list != nullptr && (*list)->wr_callback.p == nullptr) clear_weakref(rt, *list);
    }
    if (*list == nullptr) return;
    PyObject* saved = err_fetch(rt);
    const int64_t count = weakref_count(o);
    // Up to 3.13 a lone weakref's callback is called directly; otherwise (and always from 3.14)
    // the weakrefs and their callbacks are collected into a tuple first, so that every weakref
    // is cleared before any callback runs.
    if (count == 1 && !rt.profile().at_least(3, 14)) {
        PyWeakReference* wr = *list;
        PyObject* callback = wr->wr_callback.p;
        wr->wr_callback.p = nullptr;
        clear_weakref(rt, wr);
        if (callback != nullptr) {
            if (as_object(wr)->ob_refcnt > 0) weakref_call_callback(rt, as_object(wr), callback);
            rt.decref(callback);
        }
    } else {
        PyObject* tuple = tuple_new(rt, count * 2);
        if (tuple == nullptr) {
            // CPython gives up here, leaving the weakrefs alive; the model's heap is the limit.
            err_no_memory(rt);
            write_unraisable(rt, o, nullptr);
            if (saved != nullptr) err_set_instance(rt, saved);
            return;
        }
        PyObject** items = tuple_items(tuple);
        for (int64_t i = 0; i < count * 2; ++i) items[i] = nullptr;
        PyWeakReference* wr = *list;
        for (int64_t i = 0; i < count && wr != nullptr; ++i) {
            PyWeakReference* next = wr->wr_next.p;
            // A weakref whose own count is 0 is being freed (it sits in the list until its
            // dealloc unlinks it): its callback is dropped.
            if (as_object(wr)->ob_refcnt > 0) {
                rt.incref(as_object(wr));
                items[i * 2] = as_object(wr);
                items[i * 2 + 1] = wr->wr_callback.p;
            } else {
                rt.xdecref(wr->wr_callback.p);
            }
            wr->wr_callback.p = nullptr;
            clear_weakref(rt, wr);
            wr = next;
        }
        for (int64_t i = 0; i < count; ++i)
            if (PyObject* callback = items[i * 2 + 1]) weakref_call_callback(rt, items[i * 2], callback);
        rt.decref(tuple);
    }
    if (saved != nullptr) err_set_instance(rt, saved);
}

void weakref_clear_ref(Runtime& rt, PyWeakReference* wr) {
    PyObject* callback = wr->wr_callback.p;
    wr->wr_callback.p = nullptr;
    clear_weakref(rt, wr);
    wr->wr_callback.p = callback;
}

void object_clear_weakrefs_no_callbacks(Runtime& rt, PyObject* o) {
    PyWeakReference** list = weakref_list_ptr(o);
    while (list != nullptr && *list != nullptr) weakref_clear_ref(rt, *list);
}

}  // namespace pymemlab
