// Weak references (Objects/weakrefobject.c): weakref.ref and the two proxy types, the per-object
// list of weak references that tp_weaklistoffset locates, and PyObject_ClearWeakRefs, which a
// dying object's tp_dealloc calls to clear them and run their callbacks. The proxies' forwarding
// slots are weakref_proxy.cpp; the `_weakref` and `weakref` modules are core/interp/weakrefmodule.cpp.
#pragma once

#include <cstdint>

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// PyWeakReference (Include/cpython/weakrefobject.h). Invariants: wr_object is the referent,
// borrowed (a weakref never keeps it alive), or None once the weakref is cleared; while it is
// not None the weakref is linked, through wr_prev/wr_next, into the referent's list, whose head
// sits at the referent's tp_weaklistoffset. The list holds, in order: the basic ref (the one
// ref(o) without a callback hands out again), then the basic proxy, then the others, newest
// first. hash is -1 until hash() reads the referent's. 3.11+ add a vectorcall pointer after
// these fields: type_sizes.h's `weakref` counts it; the model leaves it zero.
struct PyWeakReference {
    PyObject ob_base;
    Slot<PyObject> wr_object;
    Slot<PyObject> wr_callback;  // strong, or null
    Py_hash_t hash;
    Slot<PyWeakReference> wr_prev;
    Slot<PyWeakReference> wr_next;
};
static_assert(sizeof(PyWeakReference) == 56 && offsetof(PyWeakReference, wr_next) == 48);

inline PyWeakReference* as_weakref(PyObject* o) { return reinterpret_cast<PyWeakReference*>(o); }

// Creates weakref.ReferenceType, ProxyType and CallableProxyType (Builtins::weakref_type, ...).
void init_weakref_types(Runtime& rt);

// PyWeakref_CheckRef (ref and its subclasses), PyWeakref_CheckProxy, PyWeakref_Check (either).
bool weakref_ref_check(const Runtime& rt, const PyObject* o);
bool weakref_proxy_check(const Runtime& rt, const PyObject* o);
inline bool weakref_check(const Runtime& rt, const PyObject* o) {
    return weakref_ref_check(rt, o) || weakref_proxy_check(rt, o);
}

// _PyType_SUPPORTS_WEAKREFS: instances of `type` have a weakref list.
bool type_supports_weakrefs(const PyTypeObject* type);
// _PyObject_GET_WEAKREFS_LISTPTR: where o's list head lives, or nullptr when o's type has none.
// A class keeps its list in its type object (PyTypeObject::tp_weaklist).
PyWeakReference** weakref_list_ptr(PyObject* o);

// PyWeakref_NewRef / PyWeakref_NewProxy: ref(ob[, callback]) and proxy(ob[, callback]). Without
// a callback (or with None) the existing basic ref or proxy is returned when there is one.
// TypeError "cannot create weak reference to 'int' object" when ob's type has no weakref list.
PyObject* weakref_new_ref(Runtime& rt, PyObject* ob, PyObject* callback);
PyObject* weakref_new_proxy(Runtime& rt, PyObject* ob, PyObject* callback);
// The referent, borrowed; nullptr once the weakref is dead.
PyObject* weakref_referent(const Runtime& rt, PyObject* wr);

// _PyWeakref_GetWeakrefCount and getweakrefs(): o's weakrefs (0 / none for types without a list).
int64_t weakref_count(PyObject* o);
PyObject* weakref_list_of(Runtime& rt, PyObject* o);  // a new list, head first

// PyObject_ClearWeakRefs: called by a tp_dealloc while o's refcount is 0. Clears every weakref
// to o; then calls the callbacks of those that are themselves alive, in list order (newest
// first), each with its weakref, reporting an exception as PyErr_WriteUnraisable does.
void object_clear_weakrefs(Runtime& rt, PyObject* o);
// _PyWeakref_ClearRef: unlinks wr from its referent's list and sets wr_object to None, keeping
// its callback uncalled (the collector clears first and calls later; see gc/gc_weakref.h).
void weakref_clear_ref(Runtime& rt, PyWeakReference* wr);
// The rest of subtype_dealloc's second pass: clears weakrefs made during __del__ without
// calling their callbacks.
void object_clear_weakrefs_no_callbacks(Runtime& rt, PyObject* o);
// handle_callback: callback(wr); an exception is reported as unraisable, never propagated.
void weakref_call_callback(Runtime& rt, PyObject* wr, PyObject* callback);

// Proxies (weakref_proxy.cpp): the slots of ProxyType and CallableProxyType.
void init_weakref_proxy_slots(Runtime& rt, PyTypeObject* proxy, PyTypeObject* callable_proxy);

}  // namespace pymemlab
