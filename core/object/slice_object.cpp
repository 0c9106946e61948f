// slice: the one-slot cache (3.x), traversal (start, stop, step) and dealloc (step first); slice()
// and its repr, comparison (as 3-tuples), hash (3.12+), indices() and read-only attributes; and
// the index arithmetic of sliceobject.c that list, tuple and range slicing use.
#include "object/slice_object.h"

#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/descr_object.h"
#include "object/errors.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/seq_internal.h"
#include "object/singletons.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {

// slice_hash (3.12+): tuplehash's xxHash round over (start, stop, step), without the length mix.
constexpr uint64_t kXXPrime1 = 11400714785074694791ull;
constexpr uint64_t kXXPrime2 = 14029467366897019727ull;
constexpr uint64_t kXXPrime5 = 2870177450012600261ull;
constexpr Py_hash_t kHashForMinusOne = 1546275796;
constexpr int kXXRotate = 31;

PySliceObject* as_slice(PyObject* o) { return reinterpret_cast<PySliceObject*>(o); }
PyObject* none_of(Runtime& rt) { return rt.builtins().singletons.none; }

void slice_dealloc(Runtime& rt, PyObject* o) {
    PySliceObject* s = as_slice(o);
    rt.gc_untrack(o);
    rt.decref(s->step.p);
    rt.decref(s->start.p);
    rt.decref(s->stop.p);
    PyObject*& cache = rt.builtins().slice_cache;
    if (rt.profile().major != 2 && cache == nullptr) {
        cache = o;
        return;
    }
    rt.free_object(o);
}

void slice_traverse(PyObject* o, visitproc visit, void* arg) {
    PySliceObject* s = as_slice(o);
    visit(s->start.p, arg);
    visit(s->stop.p, arg);
    visit(s->step.p, arg);
}

// slice(stop) / slice(start, stop[, step]).
PyObject* slice_tp_new(Runtime& rt, PyTypeObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Profile& p = rt.profile();
    if (kwnames != nullptr && Py_SIZE(kwnames) > 0)
        return err_set_string(rt, rt.builtins().exc.TypeError,
                              p.at_least(3, 7) ? "slice() takes no keyword arguments"
                                               : "slice() does not take keyword arguments");
    if (nargs < 1 || nargs > 3) {
        const bool singular = nargs < 1 && p.at_least(3, 8);
        return err_format(rt, rt.builtins().exc.TypeError, "slice expected %s %d argument%s, got %d",
                          nargs < 1 ? "at least" : "at most", nargs < 1 ? 1 : 3, singular ? "" : "s",
                          static_cast<int>(nargs));
    }
    PyObject* none = none_of(rt);
    PyObject* s = nargs == 1 ? slice_new(rt, none, args[0], none)
                             : slice_new(rt, args[0], args[1], nargs == 3 ? args[2] : none);
    return s != nullptr ? s : err_no_memory(rt);
}

PyObject* slice_repr(Runtime& rt, PyObject* o) {
    std::string text = "slice(", part;
    PySliceObject* s = as_slice(o);
    PyObject* const parts[] = {s->start.p, s->stop.p, s->step.p};
    for (int i = 0; i < 3; ++i) {
        if (!object_repr_utf8(rt, parts[i], &part)) return nullptr;
        text += part;
        text += i == 2 ? ")" : ", ";
    }
    return str_from_utf8(rt, text);
}

PyObject* as_tuple(Runtime& rt, PyObject* o) {
    PyObject* t = tuple_new(rt, 3);
    if (t == nullptr) return err_no_memory(rt);
    PySliceObject* s = as_slice(o);
    tuple_items(t)[0] = new_ref(rt, s->start.p);
    tuple_items(t)[1] = new_ref(rt, s->stop.p);
    tuple_items(t)[2] = new_ref(rt, s->step.p);
    return t;
}

// slice_richcompare: two slices compare as their (start, stop, step) tuples.
PyObject* slice_richcompare(Runtime& rt, PyObject* v, PyObject* w, int op) {
    if (!slice_check(rt, v) || !slice_check(rt, w)) return new_ref(rt, rt.builtins().singletons.not_implemented);
    if (v == w) return bool_from(rt, op == Py_EQ || op == Py_LE || op == Py_GE);
    PyObject* t1 = as_tuple(rt, v);
    if (t1 == nullptr) return nullptr;
    PyObject* t2 = as_tuple(rt, w);
    if (t2 == nullptr) {
        rt.decref(t1);
        return nullptr;
    }
    PyObject* r = object_richcompare(rt, t1, t2, op);
    rt.decref(t1);
    rt.decref(t2);
    return r;
}

Py_hash_t slice_hash(Runtime& rt, PyObject* o) {
    uint64_t acc = kXXPrime5;
    PySliceObject* s = as_slice(o);
    for (PyObject* item : {s->start.p, s->stop.p, s->step.p}) {
        const Py_hash_t lane = object_hash_value(rt, item);
        if (lane == -1) return -1;
        acc += static_cast<uint64_t>(lane) * kXXPrime2;
        acc = (acc << kXXRotate) | (acc >> (64 - kXXRotate));
        acc *= kXXPrime1;
    }
    return acc == ~uint64_t{0} ? kHashForMinusOne : static_cast<Py_hash_t>(acc);
}

// 2.7's slice_hash refuses without naming the type.
Py_hash_t slice_hash27(Runtime& rt, PyObject*) {
    err_set_string(rt, rt.builtins().exc.TypeError, "unhashable type");
    return -1;
}

// slice.indices(length): 3.x works on ints of any size; 2.7 on Py_ssize_t (a negative length
// is accepted there and clips everything to -1).
PyObject* slice_indices_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                               PyObject* kwnames) {
    if (!seq_check_one_arg(rt, "slice", "indices", nargs, kwnames)) return nullptr;
    PyObject* out[3] = {};
    if (rt.profile().major == 2) {
        Py_ssize_t length, start, stop, step;
        if (!seq_as_ssize(rt, args[0], rt.builtins().exc.OverflowError, &length)) return nullptr;
        if (!slice_unpack(rt, self, &start, &stop, &step)) return nullptr;
        // PySlice_GetIndicesEx of 2.7: defaults from the length, then clipping.
        PySliceObject* s = as_slice(self);
        PyObject* none = none_of(rt);
        auto clip = [&](Py_ssize_t v) {
            if (v < 0) v += length;
            if (v < 0) v = step < 0 ? -1 : 0;
            if (v >= length) v = step < 0 ? length - 1 : length;
            return v;
        };
        start = s->start.p == none ? (step < 0 ? length - 1 : 0) : clip(start);
        stop = s->stop.p == none ? (step < 0 ? -1 : length) : clip(stop);
        out[0] = long_from_int64(rt, start);
        out[1] = long_from_int64(rt, stop);
        out[2] = long_from_int64(rt, step);
    } else {
        PyObject* length = number_index(rt, args[0]);
        if (length == nullptr) return nullptr;
        if (seq_int_sign(rt, length) < 0) {
            rt.decref(length);
            return err_set_string(rt, rt.builtins().exc.ValueError, "length should not be negative");
        }
        const bool ok = slice_get_long_indices(rt, self, length, &out[0], &out[1], &out[2]);
        rt.decref(length);
        if (!ok) return nullptr;
    }
    PyObject* t = tuple_new(rt, 3);
    if (t == nullptr || out[0] == nullptr || out[1] == nullptr || out[2] == nullptr) {
        for (PyObject* o : out) rt.xdecref(o);
        rt.xdecref(t);
        return err_no_memory(rt);
    }
    for (int i = 0; i < 3; ++i) tuple_items(t)[i] = out[i];
    return t;
}

const PyMethodDef kSliceMethods[] = {
    {"indices", slice_indices_method, METH_VARARGS},
    {nullptr, nullptr, 0},
};

PyObject* get_start(Runtime& rt, PyObject* self) { return new_ref(rt, as_slice(self)->start.p); }
PyObject* get_stop(Runtime& rt, PyObject* self) { return new_ref(rt, as_slice(self)->stop.p); }
PyObject* get_step(Runtime& rt, PyObject* self) { return new_ref(rt, as_slice(self)->step.p); }

// The members are READONLY: structmember.c's refusal ("readonly attribute").
int set_readonly(Runtime& rt, PyObject*, PyObject*) {
    err_set_string(rt, rt.profile().major == 2 ? rt.builtins().exc.TypeError : rt.builtins().exc.AttributeError,
                   "readonly attribute");
    return -1;
}

const PyGetSetDef kSliceMembers[] = {
    {"start", get_start, set_readonly},
    {"stop", get_stop, set_readonly},
    {"step", get_step, set_readonly},
};

// _PyEval_SliceIndex's error for a slice bound, or the bound as an int (3.x's evaluate_slice_index).
PyObject* evaluate_slice_index(Runtime& rt, PyObject* v) {
    if (!seq_index_check(v))
        return err_set_string(rt, rt.builtins().exc.TypeError,
                              "slice indices must be integers or None or have an __index__ method");
    return number_index(rt, v);
}

// One bound of _PySlice_GetLongIndices: the default when None, else clipped to [lower, upper].
PyObject* long_bound(Runtime& rt, PyObject* v, PyObject* length, PyObject* lower, PyObject* upper, PyObject* dflt) {
    if (v == none_of(rt)) return new_ref(rt, dflt);
    PyObject* x = evaluate_slice_index(rt, v);
    if (x == nullptr) return nullptr;
    if (seq_int_sign(rt, x) < 0) {
        PyObject* moved = seq_int_add(rt, x, length);
        rt.decref(x);
        if (moved == nullptr) return nullptr;
        x = moved;
        if (seq_int_compare(rt, x, lower, Py_LT)) {
            rt.decref(x);
            return new_ref(rt, lower);
        }
    } else if (seq_int_compare(rt, x, upper, Py_GT)) {
        rt.decref(x);
        return new_ref(rt, upper);
    }
    return x;
}

}  // namespace

void init_slice_type(Runtime& rt) {
    PyTypeObject* t = new_static_type(rt, "slice", sizeof(PySliceObject), 0,
                                      {.dealloc = slice_dealloc, .traverse = slice_traverse});
    t->tp_new = slice_tp_new;
    t->tp_repr = slice_repr;
    t->tp_richcompare = slice_richcompare;
    if (rt.profile().major == 2)
        t->tp_hash = slice_hash27;
    else if (rt.profile().at_least(3, 12))
        t->tp_hash = slice_hash;
    t->tp_methods = kSliceMethods;
    rt.builtins().slice_type = t;
}

void slice_add_members(Runtime& rt) {
    PyTypeObject* t = rt.builtins().slice_type;
    for (const PyGetSetDef& def : kSliceMembers) type_add_to_dict(rt, t, def.name, getset_descriptor_new(rt, t, &def));
}

PyObject* slice_new(Runtime& rt, PyObject* start, PyObject* stop, PyObject* step) {
    PyObject*& cache = rt.builtins().slice_cache;
    PyObject* o = cache;
    if (o != nullptr) {
        cache = nullptr;
        o->ob_refcnt = 1;
        rt.note_alive(o);
    } else {
        o = rt.alloc_gc_object(rt.builtins().slice_type, sizeof(PySliceObject));
        if (o == nullptr) return nullptr;
    }
    for (PyObject* part : {start, stop, step}) rt.incref(part);
    as_slice(o)->start.p = start;
    as_slice(o)->stop.p = stop;
    as_slice(o)->step.p = step;
    rt.gc_track(o);
    return o;
}

bool slice_check(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == rt.builtins().slice_type; }

int64_t slice_sizeof(const Runtime& rt, const PyObject*) {
    return rt.profile().gc_head_size + static_cast<int64_t>(sizeof(PySliceObject));
}

bool slice_unpack(Runtime& rt, PyObject* slice, Py_ssize_t* start, Py_ssize_t* stop, Py_ssize_t* step) {
    PySliceObject* s = as_slice(slice);
    PyObject* none = none_of(rt);
    *step = 1;
    if (s->step.p != none) {
        if (!seq_slice_index(rt, s->step.p, step, true)) return false;
        if (*step == 0) {
            err_set_string(rt, rt.builtins().exc.ValueError, "slice step cannot be zero");
            return false;
        }
        // So that -step cannot overflow (CPython's PySlice_Unpack does the same).
        if (*step < -kPySsizeTMax) *step = -kPySsizeTMax;
    }
    *start = *step < 0 ? kPySsizeTMax : 0;
    if (s->start.p != none && !seq_slice_index(rt, s->start.p, start, true)) return false;
    *stop = *step < 0 ? kPySsizeTMin : kPySsizeTMax;
    if (s->stop.p != none && !seq_slice_index(rt, s->stop.p, stop, true)) return false;
    return true;
}

Py_ssize_t slice_adjust_indices(Py_ssize_t length, Py_ssize_t* start, Py_ssize_t* stop, Py_ssize_t step) {
    auto adjust = [&](Py_ssize_t* v) {
        if (*v < 0) {
            *v += length;
            if (*v < 0) *v = step < 0 ? -1 : 0;
        } else if (*v >= length) {
            *v = step < 0 ? length - 1 : length;
        }
    };
    adjust(start);
    adjust(stop);
    if (step < 0) return *stop < *start ? (*start - *stop - 1) / -step + 1 : 0;
    return *start < *stop ? (*stop - *start - 1) / step + 1 : 0;
}

bool slice_get_long_indices(Runtime& rt, PyObject* slice, PyObject* length, PyObject** start, PyObject** stop,
                            PyObject** step) {
    PySliceObject* s = as_slice(slice);
    *start = *stop = *step = nullptr;
    PyObject* step_value;
    if (s->step.p == none_of(rt)) {
        step_value = long_from_int64(rt, 1);
    } else {
        step_value = evaluate_slice_index(rt, s->step.p);
        if (step_value == nullptr) return false;
        if (seq_int_sign(rt, step_value) == 0) {
            rt.decref(step_value);
            err_set_string(rt, rt.builtins().exc.ValueError, "slice step cannot be zero");
            return false;
        }
    }
    const bool negative = seq_int_sign(rt, step_value) < 0;
    PyObject *lower, *upper;
    if (negative) {
        lower = long_from_int64(rt, -1);
        upper = seq_int_add(rt, length, lower);
    } else {
        lower = long_from_int64(rt, 0);
        upper = new_ref(rt, length);
    }
    if (upper == nullptr) {
        rt.decref(lower);
        rt.decref(step_value);
        return false;
    }
    PyObject* start_value = long_bound(rt, s->start.p, length, lower, upper, negative ? upper : lower);
    PyObject* stop_value =
        start_value != nullptr ? long_bound(rt, s->stop.p, length, lower, upper, negative ? lower : upper) : nullptr;
    rt.decref(lower);
    rt.decref(upper);
    if (stop_value == nullptr) {
        rt.xdecref(start_value);
        rt.decref(step_value);
        return false;
    }
    *start = start_value;
    *stop = stop_value;
    *step = step_value;
    return true;
}

}  // namespace pymemlab
