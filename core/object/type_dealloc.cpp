// Freeing classes and their instances (Objects/typeobject.c: subtype_dealloc, subtype_traverse,
// subtype_clear, type_dealloc, type_traverse, type_clear), and __del__ (slot_tp_finalize,
// PyObject_CallFinalizerFromDealloc, PyErr_WriteUnraisable). Classes are built in type_new.cpp;
// their slots dispatch in type_slots.cpp.
#include <algorithm>
#include <string>
#include <unordered_set>
#include <vector>

#include "gc/gc_list.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/descr_object.h"
#include "object/dict_object.h"
#include "object/dict_split.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/instance_values.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"
#include "object/type_object.h"
#include "object/weakref_object.h"

namespace pymemlab {

namespace {

PyObject* as_object(PyTypeObject* t) { return reinterpret_cast<PyObject*>(t); }

// The __slots__ member i of class `type` in instance `self`. type_new lays the members out right
// after the primary base's fields, as the class's PyMemberDef table also records; the traversal,
// which has no Runtime to find that table, relies on the rule.
PyObject** slot_member(PyTypeObject* type, PyObject* self, int64_t i) {
    const int64_t offset = type->tp_base->tp_basicsize + i * static_cast<int64_t>(sizeof(Slot<PyObject>));
    return &reinterpret_cast<Slot<PyObject>*>(reinterpret_cast<char*>(self) + offset)->p;
}

// clear_slots: drops the references one class's own __slots__ members hold.
void clear_slots(Runtime& rt, PyTypeObject* type, PyObject* self) {
    for (int64_t i = 0; i < Py_SIZE(as_object(type)); ++i) {
        PyObject** member = slot_member(type, self, i);
        PyObject* old = *member;
        *member = nullptr;
        rt.xdecref(old);
    }
}

// Whether the class (not its built-in base) put the instance __dict__ where tp_dictoffset says.
bool class_added_dict(const PyTypeObject* type, const PyTypeObject* base) {
    return type->tp_dictoffset > 0 && type->tp_dictoffset != type_dictoffset(base);
}

// The built-in base's tp_dealloc. `object` (whose model slot is the static types' no-op) frees the
// block; the others release their fields and free it themselves.
void base_dealloc(Runtime& rt, PyTypeObject* base, PyObject* self) {
    if (base == rt.builtins().object_type)
        rt.free_object(self);
    else
        base->tp_dealloc(rt, self);
}

// ---- PyErr_WriteUnraisable ----------------------------------------------------------------------

std::string text_of(Runtime& rt, PyObject* o, bool repr) {
    std::string out;
    if (o != nullptr && !(repr ? object_repr_utf8(rt, o, &out) : object_str_utf8(rt, o, &out))) {
        err_clear(rt);
        out = repr ? "<object repr() failed>" : "<exception str() failed>";
    }
    return out;
}

// The exception's class as the unraisable hook names it: with its module, except builtins (2.7:
// exceptions) and, from 3.11, __main__.
std::string exception_class_name(Runtime& rt, PyObject* exc) {
    PyTypeObject* t = Py_TYPE(exc);
    std::string module = rt.profile().major == 2 ? "exceptions" : "builtins";
    if (is_heap_type(t) && heap_type(t)->ht_module.p != nullptr) module = text_of(rt, heap_type(t)->ht_module.p, false);
    const bool hide =
        module == "builtins" || module == "exceptions" || (module == "__main__" && rt.profile().at_least(3, 11));
    return hide ? type_name(t) : module + "." + type_name(t);
}

}  // namespace

bool finalize_from_dealloc(Runtime& rt, PyObject* self, destructor finalizer, bool once) {
    if (once && object_is_finalized(rt, self)) return false;
    self->ob_refcnt = 1;
    finalizer(rt, self);
    if (once) object_set_finalized(rt, self);
    if (rt.drop_finalizer_ref(self) == 0) return false;
    rt.note_alive(self);
    return true;
}

// Reports the exception raised by __del__ (`del`, found on self's class) the way CPython writes it
// to stderr (ThreadState::write_unraisable):
//   3.14: Exception ignored while calling deallocator <function C.__del__ at 0x...>: (and so on
//         for the other contexts), then the traceback and "ValueError: boom"
//   3.7+: Exception ignored in: <function C.__del__ at 0x...>, then the traceback and the last line
//   3.6:  Exception ignored in: <bound method C.__del__ of <__main__.C object at 0x...>>, ...
//   2.7:  Exception ValueError: ValueError('boom',) in <bound method C.__del__ of ...> ignored
// The traceback is the interpreter's (core/interp) to format.
void write_unraisable(Runtime& rt, PyObject* del, PyObject* self, Unraisable context) {
    using RawValue = ThreadState::RawValue;
    const bool unnormalized = rt.tstate().unnormalized27 != nullptr && rt.tstate().unnormalized27 == err_current(rt);
    const RawValue raw = rt.tstate().unnormalized27_value;
    PyObject* exc = err_fetch(rt);
    if (exc == nullptr) return;
    std::string where;
    if (rt.profile().at_least(3, 7) || self == nullptr || Py_TYPE(del) != rt.builtins().function_type ||
        rt.builtins().method_new == nullptr) {
        where = text_of(rt, del, true);
    } else {
        PyObject* bound = rt.builtins().method_new(rt, del, self);
        where = bound != nullptr ? text_of(rt, bound, true) : text_of(rt, del, true);
        rt.xdecref(bound);
        err_clear(rt);
    }
    const std::string name = exception_class_name(rt, exc);
    if (rt.profile().major == 2) {
        // 2.7: one line, no traceback; the value's repr, which is the instance's unless a C
        // function raised the exception (its message, say, then).
        PyObject* args = exception_args(exc);
        std::string value = ": " + type_name(Py_TYPE(exc)) + (args != nullptr ? text_of(rt, args, true) : "()");
        if (unnormalized && raw == RawValue::None) value.clear();
        if (unnormalized && raw == RawValue::Args) value = ": " + text_of(rt, args, true);
        if (unnormalized && raw == RawValue::FirstArg && args != nullptr && Py_SIZE(args) == 1)
            value = ": " + text_of(rt, tuple_items(args)[0], true);
        const std::string text = "Exception " + name + value + " in " + where + " ignored\n";
        rt.tstate().write_unraisable(text, nullptr, "");
    } else {
        std::string message;
        if (!exception_message(rt, exc, &message)) {
            err_clear(rt);
            message = "<exception str() failed>";
        }
        const char* what = nullptr;
        if (rt.profile().at_least(3, 14)) {
            switch (context) {
                case Unraisable::Deallocator: what = "calling deallocator"; break;
                case Unraisable::WeakrefCallback: what = "calling weakref callback"; break;
                case Unraisable::ClosingGenerator: what = "closing generator"; break;
                case Unraisable::GcCallback: what = "calling GC callback"; break;
                case Unraisable::Other:
                case Unraisable::AtexitCallback: break;
            }
        }
        std::string header = what != nullptr ? std::string("Exception ignored while ") + what + " " + where + ":\n"
                                             : "Exception ignored in: " + where + "\n";
        if (context == Unraisable::AtexitCallback)
            header = rt.profile().at_least(3, 13) ? "Exception ignored in atexit callback " + where + ":\n"
                                                  : "Exception ignored in atexit callback: " + where + "\n";
        rt.tstate().write_unraisable(header, exc, name + ": " + message + "\n");
    }
    rt.decref(exc);
}


// ---- instances ----------------------------------------------------------------------------------

void slot_tp_finalize(Runtime& rt, PyObject* self) {
    // __del__ runs with the caller's exception put aside and restored after.
    PyObject* saved = err_fetch(rt);
    if (PyObject* del = type_lookup_ascii(rt, Py_TYPE(self), "__del__")) {
        rt.incref(del);
        PyObject* r = call_method_found(rt, del, self, nullptr, 0);
        if (r == nullptr)
            write_unraisable(rt, del, self, Unraisable::Deallocator);
        else
            rt.decref(r);
        rt.decref(del);
    }
    if (saved != nullptr) err_set_instance(rt, saved);
}

bool object_is_finalized(const Runtime& rt, const PyObject* self) {
    return rt.object_is_gc(self) && (rt.as_gc(self)->_gc_prev & gc::kPrevMaskFinalized) != 0;
}

void object_set_finalized(Runtime& rt, PyObject* self) {
    if (rt.object_is_gc(self)) rt.as_gc(self)->_gc_prev |= gc::kPrevMaskFinalized;
}

// subtype_dealloc: __del__ first (it may resurrect the object), then the weakrefs, the class's
// __slots__ members and __dict__, then the built-in base's dealloc frees the block; last the
// reference the instance held on its class.
void subtype_dealloc(Runtime& rt, PyObject* self) {
    PyTypeObject* type = Py_TYPE(self);
    PyTypeObject* base = type;
    while (base->tp_dealloc == subtype_dealloc) base = base->tp_base;
    const bool gc = type->is_gc();
    if (gc) rt.gc_untrack(self);
    // 3.4+: tp_finalize, once per object (PEP 442), with the object tracked while it runs.
    if (type->tp_finalize != nullptr) {
        if (gc) rt.gc_track(self);
        if (finalize_from_dealloc(rt, self, type->tp_finalize, gc)) return;
        if (gc) rt.gc_untrack(self);
    }
    const bool own_weaklist = type->tp_weaklistoffset != 0 && type_weaklistoffset(base) == 0;
    if (own_weaklist) object_clear_weakrefs(rt, self);
    // 2.7: tp_del, at every death.
    if (type->tp_del != nullptr) {
        if (gc) rt.gc_track(self);
        if (finalize_from_dealloc(rt, self, type->tp_del, false)) return;
        if (gc) rt.gc_untrack(self);
    }
    // Weakrefs that a finalizer made to the dying object are cleared without their callbacks.
    if (own_weaklist && (type->tp_finalize != nullptr || type->tp_del != nullptr))
        object_clear_weakrefs_no_callbacks(rt, self);
    for (PyTypeObject* t = type; t->tp_dealloc == subtype_dealloc; t = t->tp_base) clear_slots(rt, t, self);
    if (type_has_managed_dict(type)) {
        instance_clear_managed(rt, self, true);
    } else if (class_added_dict(type, base)) {
        PyObject** dictptr = object_dict_ptr(self);
        PyObject* dict = *dictptr;
        *dictptr = nullptr;
        rt.xdecref(dict);
    }
    // The type may die with its last instance: decide before the base frees the block.
    const bool type_needs_decref = is_heap_type(type) && !is_heap_type(base);
    base_dealloc(rt, base, self);
    if (type_needs_decref) rt.decref(as_object(type));
}

// subtype_traverse: the class's __slots__ members and __dict__, the class itself (an instance
// refers to its class), then the built-in base's fields.
void subtype_traverse(PyObject* self, visitproc visit, void* arg) {
    PyTypeObject* type = Py_TYPE(self);
    PyTypeObject* base = type;
    for (; base->tp_traverse == subtype_traverse; base = base->tp_base)
        for (int64_t i = 0; i < Py_SIZE(as_object(base)); ++i)
            if (PyObject* v = *slot_member(base, self, i)) visit(v, arg);
    if (type_has_managed_dict(type))
        instance_visit_managed(self, visit, arg);
    else if (class_added_dict(type, base))
        if (PyObject** dictptr = object_dict_ptr(self); *dictptr != nullptr) visit(*dictptr, arg);
    traverseproc base_traverse = base->tp_traverse;
    if (is_heap_type(type) && (base_traverse == nullptr || !is_heap_type(base))) visit(as_object(type), arg);
    if (base_traverse != nullptr) base_traverse(self, visit, arg);
}

// subtype_clear: breaks cycles through the instance's members and __dict__ (the collector).
int subtype_clear(Runtime& rt, PyObject* self) {
    PyTypeObject* type = Py_TYPE(self);
    PyTypeObject* base = type;
    for (; base->tp_clear == subtype_clear; base = base->tp_base) clear_slots(rt, base, self);
    if (type_has_managed_dict(type)) {
        instance_clear_managed(rt, self, false);
    } else if (class_added_dict(type, base)) {
        PyObject** dictptr = object_dict_ptr(self);
        PyObject* dict = *dictptr;
        *dictptr = nullptr;
        rt.xdecref(dict);
    }
    return base->tp_clear != nullptr ? base->tp_clear(rt, self) : 0;
}

// ---- classes ------------------------------------------------------------------------------------

// type_dealloc for heap types; static types are never freed.
void heap_type_dealloc(Runtime& rt, PyObject* self) {
    auto* type = reinterpret_cast<PyTypeObject*>(self);
    if (!is_heap_type(type)) return;
    rt.gc_untrack(self);
    HeapTypeObject* et = heap_type(type);
    // remove_all_subclasses: the bases forget this class.
    if (PyObject* bases = type->tp_bases)
        for (int64_t i = 0; i < Py_SIZE(bases); ++i) {
            auto* b = reinterpret_cast<PyTypeObject*>(tuple_items(bases)[i]);
            if (!is_heap_type(b) || heap_type(b)->subclasses.p == nullptr) continue;
            std::vector<PyTypeObject*>& subs = *heap_type(b)->subclasses.p;
            subs.erase(std::remove(subs.begin(), subs.end(), type), subs.end());
        }
    object_clear_weakrefs(rt, self);
    rt.xdecref(as_object(type->tp_base));
    rt.xdecref(type->tp_dict);
    rt.xdecref(type->tp_bases);
    rt.xdecref(type->tp_mro);
    cached_keys_decref(rt, type);
    for (Slot<PyObject>* s : {&et->ht_name, &et->ht_qualname, &et->ht_module, &et->ht_slots}) rt.xdecref(s->p);
    rt.release_host_storage(self);
    if (rt.trace() != nullptr) rt.trace()->forget_type(type);  // the next class may take its address
    rt.free_object(self);
}

void heap_type_release_host(Runtime&, PyObject* self) {
    HeapTypeObject* et = heap_type(reinterpret_cast<PyTypeObject*>(self));
    delete et->name_storage.p;
    delete et->subclasses.p;
    et->name_storage.p = nullptr;
    et->subclasses.p = nullptr;
}

// type_traverse: what a class holds that can reach back to it.
void heap_type_traverse(PyObject* self, visitproc visit, void* arg) {
    auto* type = reinterpret_cast<PyTypeObject*>(self);
    if (!is_heap_type(type)) return;
    for (PyObject* o :
         {type->tp_dict, type->tp_mro, type->tp_bases, as_object(type->tp_base), heap_type(type)->ht_module.p})
        if (o != nullptr) visit(o, arg);
}

// type_clear: empties the class __dict__ and drops tp_mro, the tuple that holds the class itself;
// that breaks every cycle through a class (its methods and descriptors sit in the dict).
int heap_type_clear(Runtime& rt, PyObject* self) {
    auto* type = reinterpret_cast<PyTypeObject*>(self);
    if (!is_heap_type(type)) return 0;
    type_modified(type);  // nothing looked up before stays cached (Runtime::type_lookup_entry)
    if (!rt.profile().at_least(3, 11)) type_release_cached_keys(rt, type);  // 3.6-3.10 (dict_split.h)
    if (type->tp_dict != nullptr) dict_clear(rt, type->tp_dict);
    PyObject* mro = type->tp_mro;
    type->tp_mro = nullptr;
    rt.xdecref(mro);
    return 0;
}

}  // namespace pymemlab
