// tuple: allocation through the free lists, the empty singleton per profile, traversal and
// dealloc (items released last to first, as tupledealloc does), _PyTuple_Resize and
// PySequence_Tuple; the type's protocols (tuple(iterable), len, +, *, in, indexing and slices,
// comparison, hash, repr, iteration) and its methods index and count.
#include "object/text_args.h"
#include "object/tuple_object.h"

#include <cstring>
#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/hash.h"
#include "object/iter_object.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/repr_guard.h"
#include "object/runtime.h"
#include "object/seq_internal.h"
#include "object/singletons.h"
#include "object/slice_object.h"
#include "object/str_object.h"

namespace pymemlab {

namespace {

constexpr Py_ssize_t kDefaultLengthHint = 10;  // PySequence_Tuple's guess
constexpr int64_t kHashOffset314 = 24;         // 3.14's ob_hash, after the var header

int64_t header_bytes(const Profile& p) { return p.at_least(3, 14) ? 32 : 24; }  // 3.14: ob_hash

PyObject* empty_tuple(Runtime& rt) { return new_ref(rt, rt.builtins().empty_tuple); }
bool tuple_check_exact(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == rt.builtins().tuple_type; }

void tuple_dealloc(Runtime& rt, PyObject* t) {
    const int64_t n = Py_SIZE(t);
    rt.gc_untrack(t);
    PyObject** items = tuple_items(t);
    for (int64_t i = n - 1; i >= 0; --i) rt.xdecref(items[i]);
    TupleState& s = rt.builtins().tuple_state;
    if (n > 0 && n <= tuple_max_saved_length(rt) && s.numfree[n] < kTupleMaxFreeList && tuple_check_exact(rt, t)) {
        items[0] = s.free_list[n];
        s.free_list[n] = t;
        ++s.numfree[n];
        return;
    }
    rt.free_object(t);
}

// tupletraverse visits the items from the last to the first.
void tuple_traverse(PyObject* t, visitproc visit, void* arg) {
    PyObject** items = tuple_items(t);
    for (int64_t i = Py_SIZE(t) - 1; i >= 0; --i)
        if (items[i] != nullptr) visit(items[i], arg);
}

// tuple(iterable=()): the exact type only (classes cannot derive from tuple in the lab yet).
PyObject* tuple_tp_new(Runtime& rt, PyTypeObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
    PyTypeObject* type_error = rt.builtins().exc.TypeError;
    PyObject* iterable = nargs > 0 ? args[0] : nullptr;
    if (rt.profile().at_least(3, 7)) {
        if (nkw > 0) return err_set_string(rt, type_error, "tuple() takes no keyword arguments");
        if (!check_positional(rt, "tuple", nargs, 0, 1)) return nullptr;
    } else {
        if (nargs + nkw > 1)
            return err_format(rt, type_error, "tuple() takes at most 1 argument (%d given)",
                              static_cast<int>(nargs + nkw));
        if (nkw == 1) {
            const std::string key = str_as_utf8(rt, tuple_items(kwnames)[0]);
            if (key != "sequence")
                return err_format(rt, type_error, "'%s' is an invalid keyword argument for this function", key.c_str());
            iterable = args[0];
        }
    }
    return iterable == nullptr ? empty_tuple(rt) : tuple_from_iterable(rt, iterable);
}

Py_ssize_t tuple_length(Runtime&, PyObject* self) { return Py_SIZE(self); }

// tupleconcat: from 3.8 an empty operand gives the other tuple itself.
PyObject* tuple_concat(Runtime& rt, PyObject* a, PyObject* b) {
    if (!tuple_check(rt, b))
        return err_format(rt, rt.builtins().exc.TypeError, "can only concatenate tuple (not \"%s\") to tuple",
                          seq_type_name(b).c_str());
    if (rt.profile().at_least(3, 8)) {
        if (Py_SIZE(b) == 0 && tuple_check_exact(rt, a)) return new_ref(rt, a);
        if (Py_SIZE(a) == 0 && tuple_check_exact(rt, b)) return new_ref(rt, b);
    }
    const Py_ssize_t na = Py_SIZE(a), size = na + Py_SIZE(b);
    PyObject* np = tuple_new(rt, size);
    if (np == nullptr) return err_no_memory(rt);
    for (Py_ssize_t i = 0; i < na; ++i) tuple_items(np)[i] = new_ref(rt, tuple_items(a)[i]);
    for (Py_ssize_t i = na; i < size; ++i) tuple_items(np)[i] = new_ref(rt, tuple_items(b)[i - na]);
    return np;
}

PyObject* tuple_repeat(Runtime& rt, PyObject* a, Py_ssize_t n) {
    const Py_ssize_t size = Py_SIZE(a);
    if ((size == 0 || n == 1) && tuple_check_exact(rt, a)) return new_ref(rt, a);
    if (size == 0 || n <= 0) return empty_tuple(rt);
    if (n > kPySsizeTMax / size) return err_no_memory(rt);
    PyObject* np = tuple_new(rt, size * n);
    if (np == nullptr) return err_no_memory(rt);
    for (Py_ssize_t i = 0; i < size * n; ++i) tuple_items(np)[i] = new_ref(rt, tuple_items(a)[i % size]);
    return np;
}

// `el in tuple`: el == item up to 3.8, item == el from 3.9 (as list_contains).
int tuple_contains(Runtime& rt, PyObject* self, PyObject* el) {
    const bool item_first = rt.profile().at_least(3, 9);
    int cmp = 0;
    for (Py_ssize_t i = 0; cmp == 0 && i < Py_SIZE(self); ++i) {
        PyObject* item = tuple_items(self)[i];
        cmp = item_first ? object_richcompare_bool(rt, item, el, Py_EQ) : object_richcompare_bool(rt, el, item, Py_EQ);
    }
    return cmp;
}

PyObject* tuple_subscript(Runtime& rt, PyObject* self, PyObject* item) {
    if (seq_index_check(item)) {
        Py_ssize_t i;
        if (!seq_as_ssize(rt, item, rt.builtins().exc.IndexError, &i)) return nullptr;
        if (i < 0) i += Py_SIZE(self);
        if (i < 0 || i >= Py_SIZE(self))
            return err_set_string(rt, rt.builtins().exc.IndexError, "tuple index out of range");
        return new_ref(rt, tuple_items(self)[i]);
    }
    if (slice_check(rt, item)) {
        Py_ssize_t start, stop, step;
        if (!slice_unpack(rt, item, &start, &stop, &step)) return nullptr;
        const Py_ssize_t len = slice_adjust_indices(Py_SIZE(self), &start, &stop, step);
        if (len <= 0) return empty_tuple(rt);
        if (start == 0 && step == 1 && len == Py_SIZE(self) && tuple_check_exact(rt, self))
            return new_ref(rt, self);
        PyObject* np = tuple_new(rt, len);
        if (np == nullptr) return err_no_memory(rt);
        for (Py_ssize_t cur = start, i = 0; i < len; cur += step, ++i)
            tuple_items(np)[i] = new_ref(rt, tuple_items(self)[cur]);
        return np;
    }
    return err_format(rt, rt.builtins().exc.TypeError,
                      rt.profile().major == 2 ? "tuple indices must be integers, not %s"
                                              : "tuple indices must be integers or slices, not %s",
                      seq_type_name(item).c_str());
}

PyObject* compare_sizes(Runtime& rt, Py_ssize_t a, Py_ssize_t b, int op) {
    switch (op) {
        case Py_LT: return bool_from(rt, a < b);
        case Py_LE: return bool_from(rt, a <= b);
        case Py_EQ: return bool_from(rt, a == b);
        case Py_NE: return bool_from(rt, a != b);
        case Py_GT: return bool_from(rt, a > b);
        default: return bool_from(rt, a >= b);
    }
}

// tuplerichcompare: the first unequal pair decides, else the lengths.
PyObject* tuple_richcompare(Runtime& rt, PyObject* v, PyObject* w, int op) {
    if (!tuple_check(rt, v) || !tuple_check(rt, w))
        return new_ref(rt, rt.builtins().singletons.not_implemented);
    const Py_ssize_t vlen = Py_SIZE(v), wlen = Py_SIZE(w);
    Py_ssize_t i = 0;
    for (; i < vlen && i < wlen; ++i) {
        const int k = object_richcompare_bool(rt, tuple_items(v)[i], tuple_items(w)[i], Py_EQ);
        if (k < 0) return nullptr;
        if (k == 0) break;
    }
    if (i >= vlen || i >= wlen) return compare_sizes(rt, vlen, wlen, op);
    if (op == Py_EQ) return bool_from(rt, false);
    if (op == Py_NE) return bool_from(rt, true);
    return object_richcompare(rt, tuple_items(v)[i], tuple_items(w)[i], op);
}

// tuplerepr: "(1,)" for one item, "(...)" for a tuple reached again while its repr runs.
PyObject* tuple_repr(Runtime& rt, PyObject* self) {
    const Py_ssize_t n = Py_SIZE(self);
    if (n == 0) return str_from_utf8(rt, "()");
    const int entered = repr_enter(rt, self);
    if (entered != 0) return entered > 0 ? str_from_utf8(rt, "(...)") : nullptr;
    std::string text = "(", part;
    bool ok = true;
    for (Py_ssize_t i = 0; ok && i < n; ++i) {
        if (i > 0) text += ", ";
        ok = object_repr_utf8(rt, tuple_items(self)[i], &part);
        text += part;
    }
    repr_leave(rt, self);
    if (!ok) return nullptr;
    text += n == 1 ? ",)" : ")";
    return str_from_utf8(rt, text);
}

PyObject* tuple_tp_iter(Runtime& rt, PyObject* self) { return tuple_iter_new(rt, self); }

PyObject* tuple_index_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_positional(rt, "tuple", "index", nargs, kw, 1, 3, 8)) return nullptr;
    Py_ssize_t start = 0, stop = kPySsizeTMax;
    if (nargs > 1 && !seq_slice_index(rt, args[1], &start, false)) return nullptr;
    if (nargs > 2 && !seq_slice_index(rt, args[2], &stop, false)) return nullptr;
    const Py_ssize_t size = Py_SIZE(self);
    if (start < 0 && (start += size) < 0) start = 0;
    if (stop < 0)
        stop += size;
    else if (stop > size)
        stop = size;
    for (Py_ssize_t i = start; i < stop; ++i) {
        const int cmp = object_richcompare_bool(rt, tuple_items(self)[i], args[0], Py_EQ);
        if (cmp > 0) return long_from_int64(rt, i);
        if (cmp < 0) return nullptr;
    }
    return err_set_string(rt, rt.builtins().exc.ValueError, "tuple.index(x): x not in tuple");
}

PyObject* tuple_count_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!seq_check_one_arg(rt, "tuple", "count", nargs, kw)) return nullptr;
    int64_t count = 0;
    for (Py_ssize_t i = 0; i < Py_SIZE(self); ++i) {
        const int cmp = object_richcompare_bool(rt, tuple_items(self)[i], args[0], Py_EQ);
        if (cmp < 0) return nullptr;
        count += cmp;
    }
    return long_from_int64(rt, count);
}

const PyMethodDef kTupleMethods[] = {
    {"index", tuple_index_method, METH_VARARGS},
    {"count", tuple_count_method, METH_VARARGS},
    {nullptr, nullptr, 0},
};

}  // namespace

PyObject* tuple_view(Runtime& rt, std::vector<uint64_t>& storage, Py_ssize_t n) {
    PyTypeObject* type = rt.builtins().tuple_type;
    const size_t bytes = static_cast<size_t>(type->tp_basicsize) + static_cast<size_t>(n) * sizeof(PyObject*);
    storage.assign((bytes + 7) / 8, 0);
    auto* t = reinterpret_cast<PyVarObject*>(storage.data());
    t->ob_base.ob_refcnt = 1;
    t->ob_base.ob_type = type;
    t->ob_size = n;
    return &t->ob_base;
}

PyObject** tuple_items(PyObject* t) {
    return reinterpret_cast<PyObject**>(reinterpret_cast<unsigned char*>(t) + Py_TYPE(t)->tp_basicsize);
}

bool tuple_check(const Runtime& rt, const PyObject* o) {
    return Py_TYPE(o) == rt.builtins().tuple_type || Py_TYPE(o)->has_flag(Py_TPFLAGS_TUPLE_SUBCLASS);
}

int tuple_max_saved_length(const Runtime& rt) { return rt.profile().at_least(3, 11) ? 20 : 19; }
int tuple_max_reused_length(const Runtime& rt) { return rt.profile().at_least(3, 13) ? 20 : 19; }

int64_t tuple_sizeof(const Runtime& rt, const PyObject* t) {
    return rt.profile().gc_head_size + Py_TYPE(t)->tp_basicsize + kPointerBytes * Py_SIZE(t);
}

void init_tuple_type(Runtime& rt) {
    Builtins& b = rt.builtins();
    const Profile& p = rt.profile();
    PyTypeObject* type = new_static_type(rt, "tuple", header_bytes(p), kPointerBytes,
                                         {.dealloc = tuple_dealloc, .traverse = tuple_traverse});
    type->tp_flags |= Py_TPFLAGS_BASETYPE | Py_TPFLAGS_TUPLE_SUBCLASS;
    type->tp_new = tuple_tp_new;
    type->tp_repr = tuple_repr;
    type->tp_hash = tuple_hash;
    type->tp_richcompare = tuple_richcompare;
    type->tp_iter = tuple_tp_iter;
    type->tp_as_sequence.sq_length = tuple_length;
    type->tp_as_sequence.sq_concat = tuple_concat;
    type->tp_as_sequence.sq_repeat = tuple_repeat;
    type->tp_as_sequence.sq_contains = tuple_contains;
    type->tp_as_mapping.mp_length = tuple_length;
    type->tp_as_mapping.mp_subscript = tuple_subscript;
    type->tp_methods = kTupleMethods;
    b.tuple_type = type;

    // (): a static singleton from 3.11; before, a GC block allocated at start-up and kept
    // forever by an extra reference (it sits in free_list[0]).
    PyObject* empty;
    if (p.at_least(3, 11)) {
        empty = rt.static_object(type, static_cast<size_t>(header_bytes(p)), true);
        rt.make_static_refcount(empty, true);
    } else {
        empty = rt.alloc_gc_object(type, static_cast<size_t>(header_bytes(p)));
        rt.incref(empty);
    }
    Py_SET_SIZE(empty, 0);
    b.empty_tuple = empty;
}

PyObject* tuple_new(Runtime& rt, int64_t n) {
    Builtins& b = rt.builtins();
    if (n == 0) {
        rt.incref(b.empty_tuple);
        return b.empty_tuple;
    }
    PyObject* t = tuple_alloc(rt, n);
    if (t != nullptr) rt.gc_track(t);
    return t;
}

void tuple_track_filled(Runtime& rt, PyObject* t) {
    if (t == rt.builtins().empty_tuple) return;
    if (rt.profile().at_least(3, 14)) {
        // maybe_tracked: the item's type, not the item, decides (an untracked tuple inside
        // still counts), so the check is cheap and conservative.
        bool track = false;
        for (int64_t i = 0; i < Py_SIZE(t) && !track; ++i) track = Py_TYPE(tuple_items(t)[i])->is_gc();
        if (!track) return;
    }
    rt.gc_track(t);
}

PyObject* tuple_alloc(Runtime& rt, int64_t n) {
    Builtins& b = rt.builtins();
    // tuple_alloc's overflow check: the item bytes must fit a Py_ssize_t.
    if (n > (kPySsizeTMax - b.tuple_type->tp_basicsize) / kPointerBytes) return nullptr;
    TupleState& s = b.tuple_state;
    PyObject* t = nullptr;
    if (n <= tuple_max_reused_length(rt) && s.free_list[n] != nullptr) {
        // Reuse: no allocation, so the GC's allocation count does not move.
        t = s.free_list[n];
        s.free_list[n] = tuple_items(t)[0];
        --s.numfree[n];
        t->ob_refcnt = 1;
        rt.note_alive(t);
    } else {
        const int64_t bytes = b.tuple_type->tp_basicsize + kPointerBytes * n;
        t = rt.alloc_gc_object(b.tuple_type, static_cast<size_t>(bytes));
        if (t == nullptr) return nullptr;
        Py_SET_SIZE(t, n);
    }
    if (rt.profile().at_least(3, 14)) *reinterpret_cast<int64_t*>(reinterpret_cast<char*>(t) + kHashOffset314) = -1;
    std::memset(tuple_items(t), 0, static_cast<size_t>(kPointerBytes * n));
    return t;
}

bool tuple_resize(Runtime& rt, PyObject** pt, int64_t n) {
    PyObject* v = *pt;
    const int64_t old = Py_SIZE(v);
    if (old == n) return true;
    if (n == 0 && rt.profile().at_least(3, 11)) {
        rt.decref(v);
        *pt = empty_tuple(rt);
        return true;
    }
    if (old == 0) {
        // The empty tuple is shared: never resized in place.
        rt.decref(v);
        *pt = tuple_new(rt, n);
        if (*pt == nullptr) err_no_memory(rt);
        return *pt != nullptr;
    }
    rt.gc_untrack(v);
    rt.note_forgotten(v);
    for (int64_t i = n; i < old; ++i) {
        PyObject* item = tuple_items(v)[i];
        tuple_items(v)[i] = nullptr;
        rt.xdecref(item);
    }
    const int64_t head = rt.profile().gc_head_size;
    const int64_t bytes = head + Py_TYPE(v)->tp_basicsize + kPointerBytes * n;
    void* block = rt.obj_realloc(rt.block_of(v), static_cast<size_t>(bytes));
    if (block == nullptr) {
        rt.obj_free(rt.block_of(v));
        *pt = nullptr;
        err_no_memory(rt);
        return false;
    }
    PyObject* sv = reinterpret_cast<PyObject*>(static_cast<char*>(block) + head);
    rt.note_alive(sv);
    Py_SET_SIZE(sv, n);
    if (n > old) std::memset(tuple_items(sv) + old, 0, static_cast<size_t>(kPointerBytes * (n - old)));
    rt.gc_track(sv);
    *pt = sv;
    return true;
}

PyObject* tuple_from_iterable(Runtime& rt, PyObject* v) {
    if (tuple_check_exact(rt, v)) return new_ref(rt, v);
    if (list_check_exact(rt, v)) return list_as_tuple(rt, v);
    PyObject* it = object_get_iter(rt, v);
    if (it == nullptr) return nullptr;
    Py_ssize_t n;
    PyObject* result = nullptr;
    if (object_length_hint(rt, v, kDefaultLengthHint, &n)) {
        result = tuple_new(rt, n);
        if (result == nullptr) err_no_memory(rt);
    }
    Py_ssize_t j = 0;
    while (result != nullptr) {
        PyObject* item = iter_next(rt, it);
        if (item == nullptr) {
            if (err_occurred(rt)) {
                rt.decref(result);
                result = nullptr;
            }
            break;
        }
        if (j >= n) {
            // Grow by ten and then 25%: the excess is given back below.
            uint64_t newn = static_cast<uint64_t>(n) + 10;
            newn += newn >> 2;
            if (newn > static_cast<uint64_t>(kPySsizeTMax)) {
                err_no_memory(rt);
                rt.decref(item);
                rt.decref(result);
                result = nullptr;
                break;
            }
            n = static_cast<Py_ssize_t>(newn);
            if (!tuple_resize(rt, &result, n)) {
                rt.decref(item);
                break;
            }
        }
        tuple_items(result)[j++] = item;
    }
    if (result != nullptr && j < n && !tuple_resize(rt, &result, j)) result = nullptr;
    rt.decref(it);
    return result;
}

PyObject* tuple_get_slice(Runtime& rt, PyObject* t, Py_ssize_t lo, Py_ssize_t hi) {
    const Py_ssize_t n = Py_SIZE(t);
    lo = lo < 0 ? 0 : lo > n ? n : lo;
    hi = hi < lo ? lo : hi > n ? n : hi;
    if (lo == 0 && hi == n && tuple_check_exact(rt, t)) return new_ref(rt, t);
    return tuple_from_array(rt, tuple_items(t) + lo, hi - lo);
}

PyObject* tuple_from_array(Runtime& rt, PyObject* const* items, Py_ssize_t n) {
    if (n == 0) return empty_tuple(rt);
    PyObject* t = tuple_alloc(rt, n);
    if (t == nullptr) return err_no_memory(rt);
    for (Py_ssize_t i = 0; i < n; ++i) tuple_items(t)[i] = new_ref(rt, items[i]);
    tuple_track_filled(rt, t);
    return t;
}

}  // namespace pymemlab
