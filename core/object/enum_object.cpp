// enumerate and reversed: Objects/enumobject.c's objects, with the references CPython holds (the
// iterator, the reusable result tuple, the sequence) and its argument errors per version.
#include "object/enum_object.h"

#include <cstring>
#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/long_arith.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/stack_depth.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

// reversedobject's tp_basicsize: PyObject_HEAD, index, seq on every 64-bit version.
constexpr int64_t kReversedSize = 32;
static_assert(sizeof(ReversedObject) == kReversedSize);

EnumObject* as_enum(PyObject* o) { return reinterpret_cast<EnumObject*>(o); }
ReversedObject* as_reversed(PyObject* o) { return reinterpret_cast<ReversedObject*>(o); }


Py_ssize_t count_keywords(PyObject* kwnames) { return kwnames != nullptr ? Py_SIZE(kwnames) : 0; }

// An object of `type`, its fields after the header zeroed; a class's instance holds its class.
// Untracked: the caller tracks it once its fields are set.
PyObject* alloc_instance(Runtime& rt, PyTypeObject* type) {
    PyObject* o = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) return err_no_memory(rt);
    std::memset(reinterpret_cast<char*>(o) + sizeof(PyObject), 0,
                static_cast<size_t>(type->tp_basicsize) - sizeof(PyObject));
    if (is_heap_type(type)) rt.incref(reinterpret_cast<PyObject*>(type));
    return o;
}

// A class's instance gives up its class in subtype_dealloc, after this.
void release_instance(Runtime& rt, PyObject* self) { rt.free_object(self); }

// ---- enumerate ----------------------------------------------------------------------------------

void enum_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    EnumObject* en = as_enum(self);
    rt.xdecref(en->en_sit.p);
    rt.xdecref(en->en_result.p);
    rt.xdecref(en->en_longindex.p);
    release_instance(rt, self);
}

void enum_traverse(PyObject* self, visitproc visit, void* arg) {
    EnumObject* en = as_enum(self);
    for (PyObject* o : {en->en_sit.p, en->en_result.p, en->en_longindex.p})
        if (o != nullptr) visit(o, arg);
}

// The argument errors of enumerate(iterable, start=0) (2.7 calls the first `sequence`).
PyObject* enum_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Profile& p = rt.profile();
    PyTypeObject* type_error = rt.builtins().exc.TypeError;
    const char* first = p.major == 2 ? "sequence" : "iterable";
    PyObject* iterable = nargs > 0 ? args[0] : nullptr;
    PyObject* start = nargs > 1 ? args[1] : nullptr;
    if (nargs > 2)
        return err_format(rt, type_error,
                          p.at_least(3, 7) ? "enumerate() takes at most 2 arguments (%d given)"
                                           : "enumerate() takes at most 2 arguments (%d given)",
                          static_cast<int>(nargs));
    const Py_ssize_t nkw = count_keywords(kwnames);
    for (Py_ssize_t k = 0; k < nkw; ++k) {
        const std::string key = str_as_utf8(rt, tuple_items(kwnames)[k]);
        PyObject* value = args[nargs + k];
        PyObject** slot = key == first ? &iterable : key == "start" ? &start : nullptr;
        if (slot == nullptr) {
            // 3.13 still words this the old way for enumerate (its own argument parsing).
            if (p.at_least(3, 7))
                return err_format(rt, type_error, "'%s' is an invalid keyword argument for enumerate()", key.c_str());
            return err_format(rt, type_error, "'%s' is an invalid keyword argument for this function", key.c_str());
        }
        if (*slot != nullptr) {
            if (p.at_least(3, 13))
                return err_format(rt, type_error, "enumerate() got multiple values for argument '%s'", key.c_str());
            return err_format(rt, type_error, "argument for enumerate() given by name ('%s') and position (%d)",
                              key.c_str(), slot == &iterable ? 1 : 2);
        }
        *slot = value;
    }
    if (iterable == nullptr) {
        if (p.at_least(3, 11))
            return err_format(rt, type_error, "enumerate() missing required argument '%s'", first);
        if (p.at_least(3, 7))
            return err_format(rt, type_error, "enumerate() missing required argument '%s' (pos 1)", first);
        return err_format(rt, type_error, "Required argument '%s' (pos 1) not found", first);
    }
    // The start index: a C ssize_t while it fits, else an int object (en_longindex).
    Py_ssize_t index = 0;
    PyObject* longindex = nullptr;
    if (start != nullptr) {
        PyObject* s = number_index(rt, start);
        if (s == nullptr) return nullptr;
        bool overflow = false;
        index = long_as_int64(rt, s, &overflow);
        if (overflow) {
            index = INT64_MAX;
            longindex = s;
        } else {
            rt.decref(s);
        }
    }
    PyObject* it = object_get_iter(rt, iterable);
    if (it == nullptr) {
        rt.xdecref(longindex);
        return nullptr;
    }
    // The result tuple starts as (None, None), made with the object (PyTuple_Pack).
    PyObject* result = tuple_new(rt, 2);
    if (result == nullptr) {
        rt.decref(it);
        rt.xdecref(longindex);
        return err_no_memory(rt);
    }
    tuple_items(result)[0] = new_ref(rt, rt.builtins().singletons.none);
    tuple_items(result)[1] = new_ref(rt, rt.builtins().singletons.none);
    PyObject* o = alloc_instance(rt, type);
    if (o == nullptr) {
        rt.decref(result);
        rt.decref(it);
        rt.xdecref(longindex);
        return nullptr;
    }
    EnumObject* en = as_enum(o);
    en->en_index = index;
    en->en_sit.p = it;
    en->en_result.p = result;
    en->en_longindex.p = longindex;
    if (p.at_least(3, 11)) en->one.p = rt.builtins().small_ints[5 + 1];
    rt.gc_track(o);
    return o;
}

// The (index, item) pair: the kept tuple refilled when nobody else holds it (its count is 1),
// else a new tuple. 3.8+ track a reused tuple again if a collection had untracked it.
PyObject* enum_pair(Runtime& rt, EnumObject* en, PyObject* index, PyObject* item) {
    PyObject* result = en->en_result.p;
    if (result != nullptr && result->ob_refcnt == 1) {
        rt.incref(result);
        PyObject* old_index = tuple_items(result)[0];
        PyObject* old_item = tuple_items(result)[1];
        tuple_items(result)[0] = index;
        tuple_items(result)[1] = item;
        rt.decref(old_index);
        rt.decref(old_item);
        if (rt.profile().at_least(3, 8) && !rt.gc_is_tracked(result)) rt.gc_track(result);
        return result;
    }
    result = tuple_new(rt, 2);
    if (result == nullptr) {
        rt.decref(index);
        rt.decref(item);
        return err_no_memory(rt);
    }
    tuple_items(result)[0] = index;
    tuple_items(result)[1] = item;
    return result;
}

PyObject* enum_next(Runtime& rt, PyObject* self) {
    StackDepth depth(rt);
    if (!depth.ok) return nullptr;
    EnumObject* en = as_enum(self);
    PyObject* it = en->en_sit.p;
    PyObject* item = Py_TYPE(it)->tp_iternext(rt, it);
    if (item == nullptr) return nullptr;
    PyObject* index = nullptr;
    if (en->en_index == INT64_MAX) {
        // enum_next_long: the index is an int object from here on.
        if (en->en_longindex.p == nullptr) en->en_longindex.p = long_from_int64(rt, INT64_MAX);
        PyObject* one = long_from_int64(rt, 1);
        PyObject* next = en->en_longindex.p != nullptr && one != nullptr ? long_add(rt, en->en_longindex.p, one) : nullptr;
        rt.xdecref(one);
        if (next == nullptr) {
            rt.decref(item);
            return err_occurred(rt) ? nullptr : err_no_memory(rt);
        }
        index = en->en_longindex.p;
        en->en_longindex.p = next;
    } else {
        index = long_from_int64(rt, en->en_index);
        if (index == nullptr) {
            rt.decref(item);
            return err_no_memory(rt);
        }
        ++en->en_index;
    }
    return enum_pair(rt, en, index, item);
}

PyObject* self_iter(Runtime& rt, PyObject* self) { return new_ref(rt, self); }

bool no_method_args(Runtime& rt, Py_ssize_t nargs, PyObject* kwnames) {
    if (count_keywords(kwnames) > 0) {
        err_set_string(rt, rt.builtins().exc.TypeError, "wrapper takes no keyword arguments");
        return false;
    }
    if (nargs == 0) return true;
    err_format(rt, rt.builtins().exc.TypeError, "expected 0 arguments, got %d", static_cast<int>(nargs));
    return false;
}

PyObject* iter_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (!no_method_args(rt, nargs, kwnames)) return nullptr;
    return Py_TYPE(self)->tp_iter(rt, self);
}

// The end of the iteration is StopIteration here, as the wrapper raises it.
PyObject* next_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (!no_method_args(rt, nargs, kwnames)) return nullptr;
    PyObject* r = Py_TYPE(self)->tp_iternext(rt, self);
    if (r == nullptr && !err_occurred(rt)) err_set_object(rt, rt.builtins().exc.StopIteration, nullptr);
    return r;
}

// ---- reversed -----------------------------------------------------------------------------------

void reversed_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    rt.xdecref(as_reversed(self)->seq.p);
    release_instance(rt, self);
}

void reversed_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyObject* s = as_reversed(self)->seq.p) visit(s, arg);
}

// PySequence_Check: a subscriptable type that is not a dict.
bool is_sequence(Runtime& rt, PyObject* o) {
    PyTypeObject* t = Py_TYPE(o);
    return t->tp_as_mapping.mp_subscript != nullptr && !object_type_check(o, rt.builtins().dict_type);
}

PyObject* not_reversible(Runtime& rt, PyObject* seq) {
    if (rt.profile().major == 2)
        return err_set_string(rt, rt.builtins().exc.TypeError, "argument to reversed() must be a sequence");
    return err_format(rt, rt.builtins().exc.TypeError, "'%s' object is not reversible", Py_TYPE(seq)->tp_name);
}

// reversed(seq): seq.__reversed__() when its type has one (None there means not reversible), else
// an index walk from len(seq) - 1 down.
PyObject* reversed_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs,
                          PyObject* kwnames) {
    const Profile& p = rt.profile();
    if (count_keywords(kwnames) > 0 && type == rt.builtins().reversed_type)
        return err_format(rt, rt.builtins().exc.TypeError,
                          p.at_least(3, 7) ? "reversed() takes no keyword arguments"
                                           : "reversed() does not take keyword arguments");
    if (nargs != 1)
        return err_format(rt, rt.builtins().exc.TypeError, "reversed expected 1 argument%s, got %d",
                          p.at_least(3, 7) ? "" : "s", static_cast<int>(nargs));
    PyObject* seq = args[0];
    if (PyObject* meth = lookup_special(rt, seq, "__reversed__")) {
        if (meth == rt.builtins().singletons.none) return not_reversible(rt, seq);
        PyObject* bound = nullptr;
        if (descrgetfunc get = Py_TYPE(meth)->tp_descr_get; get != nullptr) {
            bound = get(rt, meth, seq, reinterpret_cast<PyObject*>(Py_TYPE(seq)));
        } else {
            bound = new_ref(rt, meth);
        }
        if (bound == nullptr) return nullptr;
        PyObject* r = object_call_noargs(rt, bound);
        rt.decref(bound);
        return r;
    }
    if (err_occurred(rt)) return nullptr;
    if (!is_sequence(rt, seq)) return not_reversible(rt, seq);
    const Py_ssize_t n = object_length(rt, seq);
    if (n < 0) return nullptr;
    PyObject* o = alloc_instance(rt, type);
    if (o == nullptr) return nullptr;
    as_reversed(o)->index = n - 1;
    as_reversed(o)->seq.p = new_ref(rt, seq);
    rt.gc_track(o);
    return o;
}

PyObject* reversed_next(Runtime& rt, PyObject* self) {
    ReversedObject* ro = as_reversed(self);
    if (ro->index >= 0 && ro->seq.p != nullptr) {
        PyObject* i = long_from_int64(rt, ro->index);
        if (i == nullptr) return err_no_memory(rt);
        PyObject* item = object_getitem(rt, ro->seq.p, i);
        rt.decref(i);
        if (item != nullptr) {
            --ro->index;
            return item;
        }
        const ExceptionTypes& t = rt.builtins().exc;
        if (!err_matches(rt, t.IndexError) && !err_matches(rt, t.StopIteration)) return nullptr;
        err_clear(rt);
    }
    ro->index = -1;
    PyObject* seq = ro->seq.p;
    ro->seq.p = nullptr;
    rt.xdecref(seq);
    return nullptr;
}

PyObject* reversed_length_hint(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t, PyObject*) {
    ReversedObject* ro = as_reversed(self);
    if (ro->seq.p == nullptr) return long_from_int64(rt, 0);
    const Py_ssize_t n = object_length(rt, ro->seq.p);
    if (n < 0) return nullptr;
    return long_from_int64(rt, n < ro->index + 1 ? 0 : ro->index + 1);
}

const PyMethodDef kReversedMethods3[] = {{"__iter__", iter_method, 0},
                                         {"__next__", next_method, 0},
                                         {"__length_hint__", reversed_length_hint, 0},
                                         {nullptr, nullptr, 0}};
const PyMethodDef kReversedMethods27[] = {{"__iter__", iter_method, 0},
                                          {"next", next_method, 0},
                                          {"__length_hint__", reversed_length_hint, 0},
                                          {nullptr, nullptr, 0}};

// ---- callable_iterator --------------------------------------------------------------------------

CallIterObject* as_calliter(PyObject* o) { return reinterpret_cast<CallIterObject*>(o); }

void calliter_clear(Runtime& rt, CallIterObject* it) {
    PyObject* callable = it->it_callable.p;
    PyObject* sentinel = it->it_sentinel.p;
    it->it_callable.p = nullptr;
    it->it_sentinel.p = nullptr;
    rt.xdecref(callable);
    rt.xdecref(sentinel);
}

void calliter_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    calliter_clear(rt, as_calliter(self));
    rt.free_object(self);
}

void calliter_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyObject* o = as_calliter(self)->it_callable.p) visit(o, arg);
    if (PyObject* o = as_calliter(self)->it_sentinel.p) visit(o, arg);
}

// callable() until it equals the sentinel (or raises StopIteration); then the iterator is spent.
PyObject* calliter_next(Runtime& rt, PyObject* self) {
    CallIterObject* it = as_calliter(self);
    if (it->it_callable.p == nullptr) return nullptr;
    PyObject* result = object_call_noargs(rt, it->it_callable.p);
    if (result != nullptr) {
        const int found = object_richcompare_bool(rt, it->it_sentinel.p, result, Py_EQ);
        if (found == 0) return result;
        rt.decref(result);
        if (found > 0) calliter_clear(rt, it);
    } else if (err_matches(rt, rt.builtins().exc.StopIteration)) {
        err_clear(rt);
        calliter_clear(rt, it);
    }
    return nullptr;
}

}  // namespace

const PyMethodDef kIteratorMethods3[] = {
    {"__iter__", iter_method, 0}, {"__next__", next_method, 0}, {nullptr, nullptr, 0}};
const PyMethodDef kIteratorMethods27[] = {{"__iter__", iter_method, 0}, {"next", next_method, 0}, {nullptr, nullptr, 0}};

PyObject* calliter_new(Runtime& rt, PyObject* callable, PyObject* sentinel) {
    PyTypeObject* type = rt.builtins().calliter_type;
    PyObject* o = alloc_instance(rt, type);
    if (o == nullptr) return nullptr;
    as_calliter(o)->it_callable.p = new_ref(rt, callable);
    as_calliter(o)->it_sentinel.p = new_ref(rt, sentinel);
    rt.gc_track(o);
    return o;
}

void init_enum_types(Runtime& rt) {
    Builtins& b = rt.builtins();
    if (b.enumerate_type != nullptr) return;
    const TypeSizes& sizes = type_sizes(rt.profile());
    PyTypeObject* e = new_static_type(rt, "enumerate", model_basicsize(sizes.enumerate, sizeof(EnumObject)), 0,
                                      {.dealloc = enum_dealloc, .traverse = enum_traverse});
    // The model's struct has 3.11's `one`; before 3.11 the request is 48 and `one` lies outside it.
    e->tp_basicsize = rt.profile().at_least(3, 11) ? model_basicsize(sizes.enumerate, sizeof(EnumObject))
                                                   : sizes.enumerate;
    e->tp_new = enum_tp_new;
    e->tp_iter = self_iter;
    e->tp_iternext = enum_next;
    e->tp_methods = rt.profile().major == 2 ? kIteratorMethods27 : kIteratorMethods3;
    e->tp_flags |= Py_TPFLAGS_BASETYPE;
    b.enumerate_type = e;
    PyTypeObject* r = new_static_type(rt, "reversed", kReversedSize, 0,
                                      {.dealloc = reversed_dealloc, .traverse = reversed_traverse});
    r->tp_new = reversed_tp_new;
    r->tp_iter = self_iter;
    r->tp_iternext = reversed_next;
    r->tp_methods = rt.profile().major == 2 ? kReversedMethods27 : kReversedMethods3;
    r->tp_flags |= Py_TPFLAGS_BASETYPE;
    b.reversed_type = r;
    PyTypeObject* c = new_static_type(rt, rt.profile().major == 2 ? "callable-iterator" : "callable_iterator",
                                      sizeof(CallIterObject), 0, {.dealloc = calliter_dealloc, .traverse = calliter_traverse});
    c->tp_iter = self_iter;
    c->tp_iternext = calliter_next;
    c->tp_methods = rt.profile().major == 2 ? kIteratorMethods27 : kIteratorMethods3;
    b.calliter_type = c;
    type_ready(rt, e);
    type_ready(rt, r);
    type_ready(rt, c);
}

}  // namespace pymemlab
