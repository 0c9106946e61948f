// The sequence iterators: creation (GC-tracked for the 32-byte ones, plain blocks for the range
// iterators), next, __length_hint__, traversal and dealloc; and PyObject_LengthHint.
#include "object/iter_object.h"

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/list_object.h"
#include "object/long_internal.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/seq_internal.h"
#include "object/tuple_object.h"
#include "object/type_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

SeqIterObject* as_seqiter(PyObject* o) { return reinterpret_cast<SeqIterObject*>(o); }

// rangeiterobject: 3.12 keeps start, step and the items left; up to 3.11 (and 2.7) an index
// came first (48 bytes). The model counts down `len` in every version and requests the
// profile's size.
struct RangeIterObject {
    PyObject ob_base;
    int64_t start;
    int64_t step;
    int64_t len;  // items left
};
static_assert(sizeof(RangeIterObject) == 40);

// longrangeiterobject: the same as ints (3.12 layout; up to 3.11 an index int came first).
struct LongRangeIterObject {
    PyObject ob_base;
    Slot<PyObject> start, step, len;
};
static_assert(sizeof(LongRangeIterObject) == 40);

RangeIterObject* as_rangeiter(PyObject* o) { return reinterpret_cast<RangeIterObject*>(o); }
LongRangeIterObject* as_longrangeiter(PyObject* o) { return reinterpret_cast<LongRangeIterObject*>(o); }

// An iterator's length hint as the profile's int: 2.7's listreverseiterator returns a long
// (PyLong_FromSsize_t), the others an int.
PyObject* hint_value(Runtime& rt, int64_t n, bool long27 = false) {
    PyObject* r = long27 && rt.profile().major == 2 ? long_from_stwodigits(rt, n) : long_from_int64(rt, n);
    return r != nullptr ? r : err_no_memory(rt);
}

// ---- the 32-byte iterators ----------------------------------------------------------------------

// 3.14: list and tuple iterators have free lists of their own (at most 10 each), as range
// iterators have (at most 6).
constexpr size_t kSeqIterMaxFreeList = 10;
constexpr size_t kRangeIterMaxFreeList = 6;

FreeList* seqiter_free_list(Runtime& rt, const PyTypeObject* type) {
    Builtins& b = rt.builtins();
    if (type == b.iter_types.list_iter) return &b.list_iter_free_list;
    if (type == b.iter_types.tuple_iter) return &b.tuple_iter_free_list;
    return nullptr;
}

void seqiter_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    rt.xdecref(as_seqiter(self)->it_seq.p);
    FreeList* kept = seqiter_free_list(rt, Py_TYPE(self));
    if (kept == nullptr || !kept->keep(self)) rt.free_object(self);
}

void seqiter_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyObject* seq = as_seqiter(self)->it_seq.p) visit(seq, arg);
}

PyObject* self_iter(Runtime& rt, PyObject* self) { return new_ref(rt, self); }

PyObject* seqiter_alloc(Runtime& rt, PyTypeObject* type, PyObject* seq, Py_ssize_t index) {
    FreeList* kept = seqiter_free_list(rt, type);
    PyObject* o = kept != nullptr ? kept->take(rt) : nullptr;
    if (o == nullptr) o = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) return err_no_memory(rt);
    as_seqiter(o)->it_index = index;
    as_seqiter(o)->it_seq.p = new_ref(rt, seq);
    rt.gc_track(o);
    return o;
}

// Exhaustion drops the sequence: the iterator no longer keeps it alive.
PyObject* exhausted(Runtime& rt, SeqIterObject* it) {
    PyObject* seq = it->it_seq.p;
    it->it_seq.p = nullptr;
    rt.xdecref(seq);
    return nullptr;
}

PyObject* listiter_next(Runtime& rt, PyObject* self) {
    SeqIterObject* it = as_seqiter(self);
    PyObject* seq = it->it_seq.p;
    if (seq == nullptr) return nullptr;
    if (it->it_index < Py_SIZE(seq)) return new_ref(rt, list_items(seq)[it->it_index++]);
    return exhausted(rt, it);
}

PyObject* tupleiter_next(Runtime& rt, PyObject* self) {
    SeqIterObject* it = as_seqiter(self);
    PyObject* seq = it->it_seq.p;
    if (seq == nullptr) return nullptr;
    if (it->it_index < Py_SIZE(seq)) return new_ref(rt, tuple_items(seq)[it->it_index++]);
    return exhausted(rt, it);
}

PyObject* listreviter_next(Runtime& rt, PyObject* self) {
    SeqIterObject* it = as_seqiter(self);
    PyObject* seq = it->it_seq.p;
    // 3.13+ stop at index -1 without looking at the list, which the iterator then keeps; only a
    // list that shrank under it is let go.
    if (it->it_index < 0 && rt.profile().at_least(3, 13)) return nullptr;
    if (it->it_index >= 0 && seq != nullptr && it->it_index < Py_SIZE(seq))
        return new_ref(rt, list_items(seq)[it->it_index--]);
    it->it_index = -1;
    return exhausted(rt, it);
}

// iter_iternext: seq[0], seq[1], ... until IndexError or StopIteration.
PyObject* seqiter_next(Runtime& rt, PyObject* self) {
    SeqIterObject* it = as_seqiter(self);
    PyObject* seq = it->it_seq.p;
    if (seq == nullptr) return nullptr;
    if (it->it_index == kPySsizeTMax)
        return err_set_string(rt, rt.builtins().exc.OverflowError, "iter index too large");
    PyObject* index = long_from_int64(rt, it->it_index);
    if (index == nullptr) return err_no_memory(rt);
    PyObject* r = object_getitem(rt, seq, index);
    rt.decref(index);
    if (r != nullptr) {
        ++it->it_index;
        return r;
    }
    if (err_matches(rt, rt.builtins().exc.IndexError) || err_matches(rt, rt.builtins().exc.StopIteration)) {
        err_clear(rt);
        exhausted(rt, it);
    }
    return nullptr;
}

PyObject* listiter_len(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (!seq_check_no_args(rt, Py_TYPE(self)->tp_name, "__length_hint__", nargs, kwnames)) return nullptr;
    SeqIterObject* it = as_seqiter(self);
    const int64_t left = it->it_seq.p != nullptr ? Py_SIZE(it->it_seq.p) - it->it_index : 0;
    return hint_value(rt, left > 0 ? left : 0);
}

PyObject* listreviter_len(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (!seq_check_no_args(rt, Py_TYPE(self)->tp_name, "__length_hint__", nargs, kwnames)) return nullptr;
    SeqIterObject* it = as_seqiter(self);
    int64_t left = it->it_index + 1;
    if (it->it_seq.p == nullptr || Py_SIZE(it->it_seq.p) < left) left = 0;
    return hint_value(rt, left, true);
}

PyObject* seqiter_len(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (!seq_check_no_args(rt, "iterator", "__length_hint__", nargs, kwnames)) return nullptr;
    SeqIterObject* it = as_seqiter(self);
    PyObject* seq = it->it_seq.p;
    if (seq == nullptr) return hint_value(rt, 0);
    const PyTypeObject* t = Py_TYPE(seq);
    if (rt.profile().major != 2 && t->tp_as_sequence.sq_length == nullptr && t->tp_as_mapping.mp_length == nullptr)
        return new_ref(rt, rt.builtins().singletons.not_implemented);
    const Py_ssize_t size = object_length(rt, seq);
    if (size < 0) return nullptr;
    const int64_t left = size - it->it_index;
    return hint_value(rt, left > 0 ? left : 0);
}

const PyMethodDef kListIterMethods[] = {{"__length_hint__", listiter_len, METH_VARARGS}, {nullptr, nullptr, 0}};
const PyMethodDef kListRevIterMethods[] = {{"__length_hint__", listreviter_len, METH_VARARGS}, {nullptr, nullptr, 0}};
const PyMethodDef kSeqIterMethods[] = {{"__length_hint__", seqiter_len, METH_VARARGS}, {nullptr, nullptr, 0}};

// ---- range iterators ----------------------------------------------------------------------------

void rangeiter_dealloc(Runtime& rt, PyObject* self) {
    if (!rt.builtins().range_iter_free_list.keep(self)) rt.free_object(self);
}

PyObject* rangeiter_next(Runtime& rt, PyObject* self) {
    RangeIterObject* r = as_rangeiter(self);
    if (r->len <= 0) return nullptr;
    const int64_t value = r->start;
    // Unsigned: the step past the last value may leave the C long range, as CPython lets it.
    r->start = static_cast<int64_t>(static_cast<uint64_t>(value) + static_cast<uint64_t>(r->step));
    --r->len;
    PyObject* v = long_from_int64(rt, value);
    return v != nullptr ? v : err_no_memory(rt);
}

PyObject* rangeiter_len(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (!seq_check_no_args(rt, Py_TYPE(self)->tp_name, "__length_hint__", nargs, kwnames)) return nullptr;
    return hint_value(rt, as_rangeiter(self)->len);
}

void longrangeiter_dealloc(Runtime& rt, PyObject* self) {
    LongRangeIterObject* r = as_longrangeiter(self);
    rt.decref(r->start.p);
    rt.decref(r->step.p);
    rt.decref(r->len.p);
    rt.free_object(self);
}

PyObject* longrangeiter_next(Runtime& rt, PyObject* self) {
    LongRangeIterObject* r = as_longrangeiter(self);
    if (seq_int_sign(rt, r->len.p) <= 0) return nullptr;
    PyObject* one = long_from_int64(rt, 1);
    PyObject* new_start = seq_int_add(rt, r->start.p, r->step.p);
    PyObject* new_len = new_start != nullptr ? seq_int_sub(rt, r->len.p, one) : nullptr;
    rt.decref(one);
    if (new_len == nullptr) {
        rt.xdecref(new_start);
        return nullptr;
    }
    PyObject* result = r->start.p;  // the reference the iterator held moves to the caller
    r->start.p = new_start;
    rt.decref(r->len.p);
    r->len.p = new_len;
    return result;
}

PyObject* longrangeiter_len(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (!seq_check_no_args(rt, "longrange_iterator", "__length_hint__", nargs, kwnames)) return nullptr;
    return new_ref(rt, as_longrangeiter(self)->len.p);
}

const PyMethodDef kRangeIterMethods[] = {{"__length_hint__", rangeiter_len, METH_VARARGS}, {nullptr, nullptr, 0}};
const PyMethodDef kLongRangeIterMethods[] = {{"__length_hint__", longrangeiter_len, METH_VARARGS},
                                             {nullptr, nullptr, 0}};

PyTypeObject* make_type(Runtime& rt, const char* name, int64_t size, TypeSlots slots, iternextfunc next,
                        const PyMethodDef* methods) {
    PyTypeObject* t = new_static_type(rt, name, size, 0, slots);
    t->tp_iter = self_iter;
    t->tp_iternext = next;
    t->tp_methods = methods;
    return t;
}

}  // namespace

void init_iter_types(Runtime& rt) {
    const bool py2 = rt.profile().major == 2;
    const TypeSizes& sizes = type_sizes(rt.profile());
    const int64_t seq_size = model_basicsize(sizes.seq_iterator, sizeof(SeqIterObject));
    const int64_t range_size = model_basicsize(sizes.range_iterator, sizeof(RangeIterObject));
    const TypeSlots seq_slots{.dealloc = seqiter_dealloc, .traverse = seqiter_traverse};
    Builtins& b = rt.builtins();
    const bool v314 = rt.profile().at_least(3, 14);
    b.list_iter_free_list.limit = b.tuple_iter_free_list.limit = v314 ? kSeqIterMaxFreeList : 0;
    b.range_iter_free_list.limit = v314 ? kRangeIterMaxFreeList : 0;
    IterTypes& t = b.iter_types;
    t.seq_iter = make_type(rt, "iterator", seq_size, seq_slots, seqiter_next, kSeqIterMethods);
    t.list_iter = make_type(rt, py2 ? "listiterator" : "list_iterator", seq_size, seq_slots, listiter_next,
                            kListIterMethods);
    t.list_reviter = make_type(rt, py2 ? "listreverseiterator" : "list_reverseiterator", seq_size, seq_slots,
                               listreviter_next, kListRevIterMethods);
    t.tuple_iter = make_type(rt, py2 ? "tupleiterator" : "tuple_iterator", seq_size, seq_slots, tupleiter_next,
                             kListIterMethods);
    t.range_iter = make_type(rt, py2 ? "rangeiterator" : "range_iterator", range_size,
                             {.dealloc = rangeiter_dealloc}, rangeiter_next, kRangeIterMethods);
    if (!py2)
        t.longrange_iter = make_type(rt, "longrange_iterator", range_size, {.dealloc = longrangeiter_dealloc},
                                     longrangeiter_next, kLongRangeIterMethods);
}

PyObject* list_iter_new(Runtime& rt, PyObject* list) {
    return seqiter_alloc(rt, rt.builtins().iter_types.list_iter, list, 0);
}
PyObject* list_reviter_new(Runtime& rt, PyObject* list) {
    return seqiter_alloc(rt, rt.builtins().iter_types.list_reviter, list, Py_SIZE(list) - 1);
}
PyObject* tuple_iter_new(Runtime& rt, PyObject* tuple) {
    return seqiter_alloc(rt, rt.builtins().iter_types.tuple_iter, tuple, 0);
}
PyObject* seqiter_new(Runtime& rt, PyObject* seq) { return seqiter_alloc(rt, rt.builtins().iter_types.seq_iter, seq, 0); }

PyObject* range_iter_new(Runtime& rt, int64_t start, int64_t step, int64_t len) {
    PyTypeObject* type = rt.builtins().iter_types.range_iter;
    PyObject* o = rt.builtins().range_iter_free_list.take(rt);
    if (o == nullptr) o = rt.alloc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) return err_no_memory(rt);
    RangeIterObject* r = as_rangeiter(o);
    r->start = start;
    r->step = step;
    r->len = len;
    return o;
}

PyObject* longrange_iter_new(Runtime& rt, PyObject* start, PyObject* step, PyObject* len) {
    PyTypeObject* type = rt.builtins().iter_types.longrange_iter;
    PyObject* o = rt.alloc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) return err_no_memory(rt);
    LongRangeIterObject* r = as_longrangeiter(o);
    r->start.p = new_ref(rt, start);
    r->step.p = new_ref(rt, step);
    r->len.p = new_ref(rt, len);
    return o;
}

bool object_length_hint(Runtime& rt, PyObject* o, Py_ssize_t dflt, Py_ssize_t* out) {
    const PyTypeObject* t = Py_TYPE(o);
    if (t->tp_as_sequence.sq_length != nullptr || t->tp_as_mapping.mp_length != nullptr) {
        const Py_ssize_t n = object_length(rt, o);
        if (n >= 0) {
            *out = n;
            return true;
        }
        // 2.7 also passes over an AttributeError (a classic instance without __len__).
        const bool py2 = rt.profile().major == 2;
        if (!err_matches(rt, rt.builtins().exc.TypeError) && !(py2 && err_matches(rt, rt.builtins().exc.AttributeError)))
            return false;
        err_clear(rt);
    }
    *out = dflt;
    // _PyObject_LookupSpecial: the type's attribute, bound to o (a method object is made).
    PyObject* attr = lookup_special(rt, o, "__length_hint__");
    if (attr == nullptr) return !err_occurred(rt);
    PyObject* hint;
    if (descrgetfunc get = Py_TYPE(attr)->tp_descr_get; get != nullptr)
        hint = get(rt, attr, o, reinterpret_cast<PyObject*>(Py_TYPE(o)));
    else
        hint = new_ref(rt, attr);
    if (hint == nullptr) return false;
    PyObject* result = object_call_noargs(rt, hint);
    rt.decref(hint);
    const bool py2 = rt.profile().major == 2;
    if (result == nullptr) {
        if (!err_matches(rt, rt.builtins().exc.TypeError) && !(py2 && err_matches(rt, rt.builtins().exc.AttributeError)))
            return false;
        err_clear(rt);
        return true;
    }
    if (result == rt.builtins().singletons.not_implemented) {
        rt.decref(result);
        return true;
    }
    if (!long_check(result)) {
        if (py2) {  // 2.7 takes any number and otherwise falls back to the default
            rt.decref(result);
            return true;
        }
        err_format(rt, rt.builtins().exc.TypeError, "__length_hint__ must be an integer, not %s",
                   seq_type_name(result).c_str());
        rt.decref(result);
        return false;
    }
    bool overflow = false;
    const int64_t n = long_as_int64(rt, result, &overflow);
    const bool negative = overflow ? long_sign(rt, result) < 0 : n < 0;
    rt.decref(result);
    if (overflow && !negative) {
        err_set_string(rt, rt.builtins().exc.OverflowError, "Python int too large to convert to C ssize_t");
        return false;
    }
    if (negative) {
        err_set_string(rt, rt.builtins().exc.ValueError, "__length_hint__() should return >= 0");
        return false;
    }
    *out = n;
    return true;
}

bool unpack_iterable(Runtime& rt, PyObject* seq, int before, int after, std::vector<PyObject*>& stack) {
    const Builtins& b = rt.builtins();
    const Profile& p = rt.profile();
    if (after < 0 && (Py_TYPE(seq) == b.tuple_type || Py_TYPE(seq) == b.list_type) && Py_SIZE(seq) == before) {
        PyObject** items = Py_TYPE(seq) == b.tuple_type ? tuple_items(seq) : list_items(seq);
        for (int i = before - 1; i >= 0; --i) stack.push_back(new_ref(rt, items[i]));
        return true;
    }
    PyObject* it = object_get_iter(rt, seq);
    if (it == nullptr) {
        if (p.at_least(3, 7) && err_matches(rt, b.exc.TypeError) && Py_TYPE(seq)->tp_iter == nullptr) {
            err_clear(rt);
            err_format(rt, b.exc.TypeError, "cannot unpack non-iterable %s object", seq_type_name(seq).c_str());
        }
        return false;
    }
    std::vector<PyObject*> got;  // items 0..before-1, then (starred) the after items and the list
    auto fail = [&] {
        for (auto i = got.rbegin(); i != got.rend(); ++i) rt.decref(*i);
        rt.decref(it);
        return false;
    };
    for (int i = 0; i < before; ++i) {
        PyObject* w = iter_next(rt, it);
        if (w == nullptr) {
            if (err_occurred(rt)) return fail();
            if (p.major == 2)
                err_format(rt, b.exc.ValueError, "need more than %d value%s to unpack", i, i == 1 ? "" : "s");
            else if (after < 0)
                err_format(rt, b.exc.ValueError, "not enough values to unpack (expected %d, got %d)", before, i);
            else
                err_format(rt, b.exc.ValueError, "not enough values to unpack (expected at least %d, got %d)",
                           before + after, i);
            return fail();
        }
        got.push_back(w);
    }
    if (after < 0) {
        // The iterator must be exhausted now.
        PyObject* w = iter_next(rt, it);
        if (w == nullptr) {
            if (err_occurred(rt)) return fail();
            rt.decref(it);
            for (auto i = got.rbegin(); i != got.rend(); ++i) stack.push_back(*i);
            return true;
        }
        rt.decref(w);
        const PyTypeObject* t = Py_TYPE(seq);
        if (p.major == 2) {
            err_set_string(rt, b.exc.ValueError, "too many values to unpack");
        } else if (p.at_least(3, 14) && (t == b.list_type || t == b.tuple_type || t == b.dict_type) &&
                   object_length(rt, seq) > before) {
            err_format(rt, b.exc.ValueError, "too many values to unpack (expected %d, got %lld)", before,
                       static_cast<long long>(object_length(rt, seq)));
        } else {
            err_format(rt, b.exc.ValueError, "too many values to unpack (expected %d)", before);
        }
        return fail();
    }
    PyObject* rest = list_from_iterable(rt, it);
    if (rest == nullptr) return fail();
    const Py_ssize_t ll = Py_SIZE(rest);
    if (ll < after) {
        err_format(rt, b.exc.ValueError, "not enough values to unpack (expected at least %d, got %lld)", before + after,
                   static_cast<long long>(before + ll));
        rt.decref(rest);
        return fail();
    }
    // The after items leave the list with their references; the list keeps its allocation.
    for (int j = 1; j <= after; ++j) stack.push_back(list_items(rest)[ll - j]);
    Py_SET_SIZE(rest, ll - after);
    stack.push_back(rest);
    for (auto i = got.rbegin(); i != got.rend(); ++i) stack.push_back(*i);
    rt.decref(it);
    return true;
}

}  // namespace pymemlab
