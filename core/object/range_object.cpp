// range (3.x): range(stop) / range(start, stop[, step]) with ints of any size, its length computed
// at creation, len, indexing and slicing (a slice is a range), `in` without iterating for ints,
// equality and hash by the values produced, repr, iteration and reversal (a C-long iterator when
// everything fits, else one over ints), count, index and the read-only start/stop/step.
#include "object/range_object.h"

#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/descr_object.h"
#include "object/errors.h"
#include "object/iter_object.h"
#include "object/long_arith.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/seq_internal.h"
#include "object/singletons.h"
#include "object/slice_object.h"
#include "object/str_object.h"
#include "object/text_args.h"
#include "object/tuple_object.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {

constexpr int64_t kXrangeBytes = 40;  // 2.7: header + start, step, len as C longs
static_assert(kXrangeBytes == sizeof(PyRange27Object));

PyRangeObject* as_range(PyObject* o) { return reinterpret_cast<PyRangeObject*>(o); }
PyObject* small_int(Runtime& rt, int64_t v) { return long_from_int64(rt, v); }

// 3.14: range objects have a free list (at most 6).
constexpr size_t kRangeMaxFreeList = 6;

void range_dealloc(Runtime& rt, PyObject* o) {
    if (rt.profile().major != 2) {
        PyRangeObject* r = as_range(o);
        rt.decref(r->start.p);
        rt.decref(r->stop.p);
        rt.decref(r->step.p);
        rt.decref(r->length.p);
    }
    if (!rt.builtins().range_free_list.keep(o)) rt.free_object(o);
}

// PyNumber_Index: up to 3.9 an int subclass (True) is kept as it is; from 3.10 it becomes an int.
PyObject* index_of(Runtime& rt, PyObject* o) {
    PyObject* i = number_index(rt, o);
    if (i == nullptr || !rt.profile().at_least(3, 10) || Py_TYPE(i) == rt.builtins().long_type) return i;
    PyObject* exact = long_long(rt, i);
    rt.decref(i);
    return exact;
}

// The value of an int when it fits a C long.
bool as_long(const Runtime& rt, const PyObject* o, int64_t* out) {
    bool overflow = false;
    *out = long_as_int64(rt, o, &overflow);
    return !overflow;
}

// get_len_of_range: the number of items of range(lo, hi, step), as an unsigned long.
uint64_t len_of_range(int64_t lo, int64_t hi, int64_t step) {
    const auto ulo = static_cast<uint64_t>(lo), uhi = static_cast<uint64_t>(hi);
    if (step > 0 && lo < hi) return 1 + (uhi - 1 - ulo) / static_cast<uint64_t>(step);
    if (step < 0 && lo > hi) return 1 + (ulo - 1 - uhi) / (0 - static_cast<uint64_t>(step));
    return 0;
}

// compute_range_length: C arithmetic when everything fits a long, else int arithmetic.
PyObject* compute_length(Runtime& rt, PyObject* start, PyObject* stop, PyObject* step) {
    int64_t lstart, lstop, lstep;
    if (as_long(rt, start, &lstart) && as_long(rt, stop, &lstop) && as_long(rt, step, &lstep)) {
        const uint64_t n = len_of_range(lstart, lstop, lstep);
        if (n <= static_cast<uint64_t>(INT64_MAX)) return small_int(rt, static_cast<int64_t>(n));
    }
    PyObject *lo, *hi, *pstep;
    if (seq_int_sign(rt, step) > 0) {
        lo = start;
        hi = stop;
        pstep = new_ref(rt, step);
    } else {
        lo = stop;
        hi = start;
        if ((pstep = seq_int_neg(rt, step)) == nullptr) return nullptr;
    }
    if (seq_int_compare(rt, lo, hi, Py_GE)) {
        rt.decref(pstep);
        return small_int(rt, 0);
    }
    PyObject* one = small_int(rt, 1);
    PyObject* diff = seq_int_sub(rt, hi, lo);
    PyObject* less = diff != nullptr ? seq_int_sub(rt, diff, one) : nullptr;
    PyObject* quotient = less != nullptr ? seq_int_floordiv(rt, less, pstep) : nullptr;
    PyObject* result = quotient != nullptr ? seq_int_add(rt, quotient, one) : nullptr;
    for (PyObject* o : {diff, less, quotient, pstep, one}) rt.xdecref(o);
    return result;
}

// make_range_object: takes the references to start, stop and step; the length is computed
// before the object is allocated.
PyObject* make_range(Runtime& rt, PyObject* start, PyObject* stop, PyObject* step) {
    PyObject* length = compute_length(rt, start, stop, step);
    PyObject* o = length != nullptr ? rt.builtins().range_free_list.take(rt) : nullptr;
    if (o == nullptr && length != nullptr) o = rt.alloc_object(rt.builtins().range_type, sizeof(PyRangeObject));
    if (o == nullptr) {
        if (length != nullptr) err_no_memory(rt);
        for (PyObject* f : {start, stop, step, length}) rt.xdecref(f);
        return nullptr;
    }
    PyRangeObject* r = as_range(o);
    r->start.p = start;
    r->stop.p = stop;
    r->step.p = step;
    r->length.p = length;
    return o;
}

PyObject* range_tp_new(Runtime& rt, PyTypeObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Profile& p = rt.profile();
    PyTypeObject* type_error = rt.builtins().exc.TypeError;
    if (kwnames != nullptr && Py_SIZE(kwnames) > 0)
        return err_set_string(rt, type_error, p.at_least(3, 7) ? "range() takes no keyword arguments"
                                                                : "range() does not take keyword arguments");
    if (nargs == 0)
        return err_set_string(rt, type_error,
                              p.at_least(3, 10)  ? "range expected at least 1 argument, got 0"
                              : p.at_least(3, 8) ? "range expected 1 argument, got 0"
                                                 : "range expected 1 arguments, got 0");
    if (!check_positional(rt, "range", nargs, 0, 3)) return nullptr;
    if (nargs == 1) {
        PyObject* stop = index_of(rt, args[0]);
        if (stop == nullptr) return nullptr;
        return make_range(rt, small_int(rt, 0), stop, small_int(rt, 1));
    }
    PyObject* start = index_of(rt, args[0]);
    if (start == nullptr) return nullptr;
    PyObject* stop = index_of(rt, args[1]);
    if (stop == nullptr) {
        rt.decref(start);
        return nullptr;
    }
    PyObject* step = nargs == 3 ? index_of(rt, args[2]) : small_int(rt, 1);
    if (step != nullptr && seq_int_sign(rt, step) == 0) {
        rt.decref(step);
        step = err_set_string(rt, rt.builtins().exc.ValueError, "range() arg 3 must not be zero");
    }
    if (step == nullptr) {
        rt.decref(start);
        rt.decref(stop);
        return nullptr;
    }
    return make_range(rt, start, stop, step);
}

PyObject* range_repr(Runtime& rt, PyObject* self) {
    PyRangeObject* r = as_range(self);
    Py_ssize_t istep = 0;
    if (!seq_as_ssize(rt, r->step.p, nullptr, &istep)) return nullptr;
    std::string text = "range(", part;
    PyObject* const fields[] = {r->start.p, r->stop.p, r->step.p};
    for (int i = 0; i < (istep == 1 ? 2 : 3); ++i) {
        if (i > 0) text += ", ";
        if (!object_repr_utf8(rt, fields[i], &part)) return nullptr;
        text += part;
    }
    return str_from_utf8(rt, text + ")");
}

Py_ssize_t range_length(Runtime& rt, PyObject* self) {
    int64_t n;
    if (as_long(rt, as_range(self)->length.p, &n)) return n;
    err_set_string(rt, rt.builtins().exc.OverflowError, "Python int too large to convert to C ssize_t");
    return -1;
}

int range_bool(Runtime& rt, PyObject* self) { return seq_int_sign(rt, as_range(self)->length.p) != 0; }

// compute_item: start + i * step (i itself when step is the cached 1).
bool step_is_cached_one(Runtime& rt, PyRangeObject* r) {
    PyObject* one = small_int(rt, 1);
    const bool unit = r->step.p == one;
    rt.decref(one);
    return unit;
}

PyObject* compute_item(Runtime& rt, PyRangeObject* r, PyObject* i) {
    PyObject* incr = step_is_cached_one(rt, r) ? new_ref(rt, i) : seq_int_mul(rt, i, r->step.p);
    if (incr == nullptr) return nullptr;
    PyObject* result = seq_int_add(rt, r->start.p, incr);
    rt.decref(incr);
    return result;
}

PyObject* compute_range_item(Runtime& rt, PyRangeObject* r, PyObject* arg) {
    PyObject* i = seq_int_sign(rt, arg) < 0 ? seq_int_add(rt, r->length.p, arg) : new_ref(rt, arg);
    if (i == nullptr) return nullptr;
    if (seq_int_sign(rt, i) < 0 || seq_int_compare(rt, i, r->length.p, Py_GE)) {
        rt.decref(i);
        return err_set_string(rt, rt.builtins().exc.IndexError, "range object index out of range");
    }
    PyObject* result = compute_item(rt, r, i);
    rt.decref(i);
    return result;
}

PyObject* compute_slice(Runtime& rt, PyRangeObject* r, PyObject* slice) {
    PyObject *start, *stop, *step;
    if (!slice_get_long_indices(rt, slice, r->length.p, &start, &stop, &step)) return nullptr;
    PyObject* substep = seq_int_mul(rt, r->step.p, step);
    PyObject* substart = substep != nullptr ? compute_item(rt, r, start) : nullptr;
    PyObject* substop = substart != nullptr ? compute_item(rt, r, stop) : nullptr;
    rt.decref(start);
    rt.decref(stop);
    rt.decref(step);
    if (substop == nullptr) {
        rt.xdecref(substep);
        rt.xdecref(substart);
        return nullptr;
    }
    return make_range(rt, substart, substop, substep);
}

PyObject* range_subscript(Runtime& rt, PyObject* self, PyObject* item) {
    if (seq_index_check(item)) {
        PyObject* i = number_index(rt, item);
        if (i == nullptr) return nullptr;
        PyObject* result = compute_range_item(rt, as_range(self), i);
        rt.decref(i);
        return result;
    }
    if (slice_check(rt, item)) return compute_slice(rt, as_range(self), item);
    return err_format(rt, rt.builtins().exc.TypeError, "range indices must be integers or slices, not %s",
                      seq_type_name(item).c_str());
}

// range_contains_long: inside the bounds and on the stride.
int contains_long(Runtime& rt, PyRangeObject* r, PyObject* ob) {
    int in_bounds;
    if (seq_int_sign(rt, r->step.p) > 0)
        in_bounds = seq_int_compare(rt, r->start.p, ob, Py_LE) && seq_int_compare(rt, ob, r->stop.p, Py_LT);
    else
        in_bounds = seq_int_compare(rt, ob, r->start.p, Py_LE) && seq_int_compare(rt, r->stop.p, ob, Py_LT);
    if (!in_bounds) return 0;
    PyObject* offset = seq_int_sub(rt, ob, r->start.p);
    PyObject* rest = offset != nullptr ? long_mod(rt, offset, r->step.p) : nullptr;
    rt.xdecref(offset);
    if (rest == nullptr) return -1;
    const int result = seq_int_sign(rt, rest) == 0;
    rt.decref(rest);
    return result;
}

bool is_int_or_bool(const Runtime& rt, const PyObject* o) {
    return Py_TYPE(o) == rt.builtins().long_type || Py_TYPE(o) == Py_TYPE(rt.builtins().singletons.true_);
}

// _PySequence_IterSearch over the range for objects that are not ints: the position of the first
// equal value (or the count of them), -1 with an error.
Py_ssize_t iter_search(Runtime& rt, PyObject* self, PyObject* ob, bool count) {
    PyObject* it = object_get_iter(rt, self);
    if (it == nullptr) return -1;
    Py_ssize_t n = 0, position = 0;
    bool found = false;
    while (PyObject* x = iter_next(rt, it)) {
        const int eq = object_richcompare_bool(rt, x, ob, Py_EQ);
        rt.decref(x);
        if (eq < 0) break;
        if (eq > 0) {
            ++n;
            if (!count) {
                found = true;
                break;
            }
        }
        ++position;
    }
    rt.decref(it);
    if (err_occurred(rt)) return -1;
    if (count) return n;
    if (found) return position;
    err_set_string(rt, rt.builtins().exc.ValueError, "sequence.index(x): x not in sequence");
    return -1;
}

int range_contains(Runtime& rt, PyObject* self, PyObject* ob) {
    if (is_int_or_bool(rt, ob)) return contains_long(rt, as_range(self), ob);
    const Py_ssize_t n = iter_search(rt, self, ob, true);
    return n < 0 ? -1 : n > 0;
}

// range_equals: equal lengths, and then (unless empty) equal starts and (unless one item) steps.
int range_equals(Runtime& rt, PyRangeObject* a, PyRangeObject* b) {
    if (a == b) return 1;
    if (!seq_int_compare(rt, a->length.p, b->length.p, Py_EQ)) return 0;
    if (seq_int_sign(rt, a->length.p) == 0) return 1;
    if (!seq_int_compare(rt, a->start.p, b->start.p, Py_EQ)) return 0;
    PyObject* one = small_int(rt, 1);
    const bool single = seq_int_compare(rt, a->length.p, one, Py_EQ);
    rt.decref(one);
    return single ? 1 : seq_int_compare(rt, a->step.p, b->step.p, Py_EQ);
}

PyObject* range_richcompare(Runtime& rt, PyObject* self, PyObject* other, int op) {
    if (!range_check(rt, other) || (op != Py_EQ && op != Py_NE))
        return new_ref(rt, rt.builtins().singletons.not_implemented);
    const int eq = range_equals(rt, as_range(self), as_range(other));
    return bool_from(rt, op == Py_EQ ? eq == 1 : eq == 0);
}

// range_hash: hash((len, start, step)) with None for what equality ignores.
Py_hash_t range_hash(Runtime& rt, PyObject* self) {
    PyRangeObject* r = as_range(self);
    PyObject* t = tuple_new(rt, 3);
    if (t == nullptr) {
        err_no_memory(rt);
        return -1;
    }
    PyObject* none = rt.builtins().singletons.none;
    tuple_items(t)[0] = new_ref(rt, r->length.p);
    const bool empty = seq_int_sign(rt, r->length.p) == 0;
    PyObject* one = small_int(rt, 1);
    const bool single = seq_int_compare(rt, r->length.p, one, Py_EQ);
    rt.decref(one);
    tuple_items(t)[1] = new_ref(rt, empty ? none : r->start.p);
    tuple_items(t)[2] = new_ref(rt, empty || single ? none : r->step.p);
    const Py_hash_t h = object_hash_value(rt, t);
    rt.decref(t);
    return h;
}

PyObject* range_tp_iter(Runtime& rt, PyObject* self) {
    PyRangeObject* r = as_range(self);
    int64_t lstart, lstop, lstep;
    if (as_long(rt, r->start.p, &lstart) && as_long(rt, r->stop.p, &lstop) && as_long(rt, r->step.p, &lstep)) {
        const uint64_t n = len_of_range(lstart, lstop, lstep);
        // The value after the last must not overflow a C long either.
        const bool fits = n <= static_cast<uint64_t>(INT64_MAX) &&
                          (n == 0 || (lstep > 0 ? lstop <= INT64_MAX - (lstep - 1) : lstop >= INT64_MIN + (-1 - lstep)));
        if (fits) return range_iter_new(rt, lstart, lstep, static_cast<int64_t>(n));
    }
    return longrange_iter_new(rt, r->start.p, r->step.p, r->length.p);
}

// range.__reversed__: range(start + (n - 1) * step, start - step, -step).
PyObject* range_reversed(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_no_args(rt, "range", "__reversed__", nargs, kw)) return nullptr;
    PyRangeObject* r = as_range(self);
    int64_t lstart, lstop, lstep;
    if (as_long(rt, r->start.p, &lstart) && as_long(rt, r->stop.p, &lstop) && as_long(rt, r->step.p, &lstep) &&
        lstep != INT64_MIN) {
        const auto ustart = static_cast<uint64_t>(lstart), ustep = static_cast<uint64_t>(lstep);
        // start - step must fit a C long.
        const bool fits = lstep > 0 ? ustart - static_cast<uint64_t>(INT64_MIN) >= ustep
                                    : static_cast<uint64_t>(INT64_MAX) - ustart >= 0 - ustep;
        const uint64_t n = len_of_range(lstart, lstop, lstep);
        if (fits && n <= static_cast<uint64_t>(INT64_MAX)) {
            const uint64_t new_stop = ustart - ustep;
            const auto new_start = static_cast<int64_t>(new_stop + n * ustep);
            return range_iter_new(rt, new_start, -lstep, static_cast<int64_t>(n));
        }
    }
    PyObject* one = small_int(rt, 1);
    PyObject* diff = seq_int_sub(rt, r->length.p, one);
    rt.decref(one);
    PyObject* product = diff != nullptr ? seq_int_mul(rt, diff, r->step.p) : nullptr;
    PyObject* start = product != nullptr ? seq_int_add(rt, r->start.p, product) : nullptr;
    PyObject* step = start != nullptr ? seq_int_neg(rt, r->step.p) : nullptr;
    PyObject* it = step != nullptr ? longrange_iter_new(rt, start, step, r->length.p) : nullptr;
    for (PyObject* o : {diff, product, start, step}) rt.xdecref(o);
    return it;
}

PyObject* range_count(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_one_arg(rt, "range", "count", nargs, kw)) return nullptr;
    const Py_ssize_t n = is_int_or_bool(rt, args[0]) ? contains_long(rt, as_range(self), args[0])
                                                     : iter_search(rt, self, args[0], true);
    return n < 0 ? nullptr : small_int(rt, n);
}

PyObject* range_index(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_one_arg(rt, "range", "index", nargs, kw)) return nullptr;
    PyObject* ob = args[0];
    PyRangeObject* r = as_range(self);
    if (!is_int_or_bool(rt, ob)) {
        const Py_ssize_t i = iter_search(rt, self, ob, false);
        return i < 0 ? nullptr : small_int(rt, i);
    }
    const int contains = contains_long(rt, r, ob);
    if (contains < 0) return nullptr;
    if (contains == 0) {
        if (rt.profile().at_least(3, 14))
            return err_set_string(rt, rt.builtins().exc.ValueError, "range.index(x): x not in range");
        std::string text;
        if (!object_repr_utf8(rt, ob, &text)) return nullptr;
        return err_format(rt, rt.builtins().exc.ValueError, "%s is not in range", text.c_str());
    }
    PyObject* idx = seq_int_sub(rt, ob, r->start.p);
    if (idx == nullptr || step_is_cached_one(rt, r)) return idx;
    PyObject* sidx = seq_int_floordiv(rt, idx, r->step.p);
    rt.decref(idx);
    return sidx;
}

const PyMethodDef kRangeMethods[] = {
    {"__reversed__", range_reversed, METH_VARARGS},
    {"count", range_count, METH_VARARGS},
    {"index", range_index, METH_VARARGS},
    {nullptr, nullptr, 0},
};

PyObject* get_start(Runtime& rt, PyObject* self) { return new_ref(rt, as_range(self)->start.p); }
PyObject* get_stop(Runtime& rt, PyObject* self) { return new_ref(rt, as_range(self)->stop.p); }
PyObject* get_step(Runtime& rt, PyObject* self) { return new_ref(rt, as_range(self)->step.p); }
int set_readonly(Runtime& rt, PyObject*, PyObject*) {
    err_set_string(rt, rt.builtins().exc.AttributeError, "readonly attribute");
    return -1;
}

const PyGetSetDef kRangeMembers[] = {
    {"start", get_start, set_readonly},
    {"stop", get_stop, set_readonly},
    {"step", get_step, set_readonly},
};

}  // namespace

void init_range_type(Runtime& rt) {
    const bool py2 = rt.profile().major == 2;
    rt.builtins().range_free_list.limit = rt.profile().at_least(3, 14) ? kRangeMaxFreeList : 0;
    PyTypeObject* t = new_static_type(rt, py2 ? "xrange" : "range", py2 ? kXrangeBytes : sizeof(PyRangeObject), 0,
                                      {.dealloc = range_dealloc});
    rt.builtins().range_type = t;
    if (py2) {
        init_xrange_slots(rt, t);
        return;
    }
    t->tp_new = range_tp_new;
    t->tp_repr = range_repr;
    t->tp_richcompare = range_richcompare;
    t->tp_hash = range_hash;
    t->tp_iter = range_tp_iter;
    t->tp_as_number.nb_bool = range_bool;
    t->tp_as_sequence.sq_length = range_length;
    t->tp_as_sequence.sq_contains = range_contains;
    t->tp_as_mapping.mp_length = range_length;
    t->tp_as_mapping.mp_subscript = range_subscript;
    t->tp_methods = kRangeMethods;
}

void range_add_members(Runtime& rt) {
    if (rt.profile().major == 2) return;
    PyTypeObject* t = rt.builtins().range_type;
    for (const PyGetSetDef& def : kRangeMembers) type_add_to_dict(rt, t, def.name, getset_descriptor_new(rt, t, &def));
}

PyObject* range_new(Runtime& rt, int64_t start, int64_t stop, int64_t step) {
    if (step == 0) return err_set_string(rt, rt.builtins().exc.ValueError, "range() arg 3 must not be zero");
    if (rt.profile().major == 2) {
        PyObject* o = rt.alloc_object(rt.builtins().range_type, kXrangeBytes);
        if (o == nullptr) return err_no_memory(rt);
        auto* r = reinterpret_cast<PyRange27Object*>(o);
        r->start = start;
        r->step = step;
        r->len = static_cast<int64_t>(len_of_range(start, stop, step));
        return o;
    }
    return make_range(rt, small_int(rt, start), small_int(rt, stop), small_int(rt, step));
}

bool range_check(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == rt.builtins().range_type; }

int64_t range_sizeof(const Runtime&, const PyObject* r) { return Py_TYPE(r)->tp_basicsize; }

}  // namespace pymemlab
