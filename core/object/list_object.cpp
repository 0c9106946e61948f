// list: creation through the free list, growth by list_resize's per-version formula, extend with
// each version's preallocation, dealloc and clear, and the type's protocols: list(iterable),
// len, +, *, +=, *=, in, comparison, repr, iteration. Indexing is list_subscript.cpp.
#include "object/list_object.h"

#include <cstring>
#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/iter_object.h"
#include "object/list_internal.h"
#include "object/repr_guard.h"
#include "object/runtime.h"
#include "object/seq_internal.h"
#include "object/set_object.h"
#include "object/singletons.h"
#include "object/str_object.h"
#include "object/text_args.h"
#include "object/tuple_object.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {

constexpr Py_ssize_t kDefaultLengthHint = 8;  // list_extend's guess for an iterable without one

void list_dealloc(Runtime& rt, PyObject* o) {
    PyListObject* l = as_list(o);
    rt.gc_untrack(o);
    if (l->ob_item.p != nullptr) {
        for (int64_t i = Py_SIZE(o) - 1; i >= 0; --i) rt.xdecref(l->ob_item.p[i]);
        rt.mem_free(l->ob_item.p);
    }
    ListState& s = rt.builtins().list_state;
    if (list_check_exact(rt, o) && s.numfree < kListMaxFreeList) {
        s.free_list[s.numfree++] = l;
        return;
    }
    rt.free_object(o);
}

void list_traverse(PyObject* o, visitproc visit, void* arg) {
    PyListObject* l = as_list(o);
    for (int64_t i = Py_SIZE(o) - 1; i >= 0; --i)
        if (l->ob_item.p[i] != nullptr) visit(l->ob_item.p[i], arg);
}

int list_clear_slot(Runtime& rt, PyObject* o) {
    list_clear(rt, o);
    return 0;
}

// The capacity list_resize picks for newsize items (newsize > allocated or < allocated / 2).
int64_t over_allocate(const Profile& p, int64_t newsize, int64_t oldsize) {
    if (newsize == 0) return 0;
    if (!p.at_least(3, 9)) return newsize + (newsize >> 3) + (newsize < 9 ? 3 : 6);
    // 3.9+: a multiple of 4, and no more than needed when growing by a lot at once.
    int64_t allocated = (newsize + (newsize >> 3) + 6) & ~int64_t{3};
    if (newsize - oldsize > allocated - newsize) allocated = (newsize + 3) & ~int64_t{3};
    return allocated;
}

void list_blocks(const Runtime& rt, PyObject* o, blockproc visit, void* arg) {
    visit(rt.block_of(o), arg);
    if (as_list(o)->ob_item.p != nullptr) visit(as_list(o)->ob_item.p, arg);
}

// list_preallocate_exact: an items block of `size` slots for a list that has none; 3.9+ round an
// odd size up (pymalloc's 16-byte granularity makes the extra slot free).
bool preallocate_exact(Runtime& rt, PyObject* o, int64_t size) {
    if (rt.profile().at_least(3, 9)) size = (size + 1) & ~int64_t{1};
    if (size > kPySsizeTMax / kPointerBytes) return false;
    auto* items = static_cast<PyObject**>(rt.mem_malloc(static_cast<size_t>(size * kPointerBytes)));
    if (items == nullptr) return false;
    as_list(o)->ob_item.p = items;
    as_list(o)->allocated = size;
    return true;
}

bool no_memory(Runtime& rt) {
    if (!err_occurred(rt)) err_no_memory(rt);
    return false;
}

// list *= n (list_inplace_repeat): the items block grows to n times the items, each item gaining
// n - 1 references; n < 1 clears the list.
bool inplace_repeat(Runtime& rt, PyObject* self, Py_ssize_t n) {
    const Py_ssize_t size = Py_SIZE(self);
    if (size == 0 || n == 1) return true;
    if (n < 1) {
        list_clear(rt, self);
        return true;
    }
    if (size > kPySsizeTMax / n || !list_resize(rt, self, size * n)) return no_memory(rt);
    PyObject** items = list_items(self);
    for (Py_ssize_t j = 0; j < size; ++j)
        for (Py_ssize_t k = 1; k < n; ++k) rt.incref(items[j]);
    for (Py_ssize_t i = size; i < size * n; ++i) items[i] = items[i % size];
    return true;
}

// The items of a list or tuple appended (PySequence_Fast's fast path of list_extend).
bool extend_fast(Runtime& rt, PyObject* self, PyObject* seq) {
    const Py_ssize_t n = Py_SIZE(seq);
    if (n == 0) return true;
    const Py_ssize_t m = Py_SIZE(self);
    if (rt.profile().at_least(3, 9) && as_list(self)->ob_item.p == nullptr) {
        if (!preallocate_exact(rt, self, n)) return no_memory(rt);
        Py_SET_SIZE(self, n);
    } else if (!list_resize(rt, self, m + n)) {
        return no_memory(rt);
    }
    // Read the source after the resize: seq may be self (a.extend(a)).
    PyObject** src = list_check(rt, seq) ? list_items(seq) : tuple_items(seq);
    PyObject** dest = list_items(self) + m;
    for (Py_ssize_t i = 0; i < n; ++i) dest[i] = new_ref(rt, src[i]);
    return true;
}

// 3.13's list_extend_set / list_extend_dict / list_extend_dictitems: resize by the known size,
// then copy (items: a new 2-tuple each).
bool extend_known(Runtime& rt, PyObject* self, const std::vector<PyObject*>& keys, PyObject* dict, int which) {
    const Py_ssize_t m = Py_SIZE(self);
    const auto n = static_cast<Py_ssize_t>(keys.size());
    if (!list_resize(rt, self, m + n)) return no_memory(rt);
    PyObject** dest = list_items(self) + m;
    for (Py_ssize_t i = 0; i < n; ++i) {
        PyObject* key = keys[static_cast<size_t>(i)];
        if (which == 0) {
            dest[i] = new_ref(rt, key);
            continue;
        }
        PyObject* value = dict_getitem(rt, dict, key);
        if (which == 1) {
            dest[i] = new_ref(rt, value);
            continue;
        }
        PyObject* pair = tuple_new(rt, 2);
        if (pair == nullptr) {
            Py_SET_SIZE(self, m + i);
            return no_memory(rt);
        }
        tuple_items(pair)[0] = new_ref(rt, key);
        tuple_items(pair)[1] = new_ref(rt, value);
        dest[i] = pair;
    }
    return true;
}

// A dict view of 3.13+'s fast paths: the view type's name and its dict (a _PyDictViewObject
// holds the dict right after its header).
int dict_view_kind(const Runtime& rt, PyObject* o, PyObject** dict) {
    const std::string name = type_name(Py_TYPE(o));
    const int kind = name == "dict_keys" ? 0 : name == "dict_values" ? 1 : name == "dict_items" ? 2 : -1;
    if (kind < 0 || Py_TYPE(o)->has_flag(Py_TPFLAGS_HEAPTYPE)) return -1;
    *dict = reinterpret_cast<Slot<PyObject>*>(reinterpret_cast<char*>(o) + sizeof(PyObject))->p;
    return *dict != nullptr && Py_TYPE(*dict) == rt.builtins().dict_type ? kind : -1;
}

// list_extend's general path: room for the length hint, the iterator run to exhaustion, the
// surplus given back.
bool extend_iter(Runtime& rt, PyObject* self, PyObject* iterable) {
    PyObject* it = object_get_iter(rt, iterable);
    if (it == nullptr) return false;
    iternextfunc iternext = Py_TYPE(it)->tp_iternext;
    Py_ssize_t n;
    if (!object_length_hint(rt, iterable, kDefaultLengthHint, &n)) {
        rt.decref(it);
        return false;
    }
    const Py_ssize_t m = Py_SIZE(self);
    bool ok = true;
    if (m > kPySsizeTMax - n) {
        // m + n overflowed: the hint lied or memory runs out during the loop.
    } else if (rt.profile().at_least(3, 9) && as_list(self)->ob_item.p == nullptr) {
        if (n != 0 && !preallocate_exact(rt, self, n)) ok = no_memory(rt);
    } else if (list_resize(rt, self, m + n)) {
        Py_SET_SIZE(self, m);
    } else {
        ok = no_memory(rt);
    }
    while (ok) {
        PyObject* item = iternext(rt, it);
        if (item == nullptr) {
            if (err_occurred(rt) && !err_clear_stop_iteration(rt)) ok = false;
            break;
        }
        const Py_ssize_t len = Py_SIZE(self);
        if (len < as_list(self)->allocated) {
            list_items(self)[len] = item;
            Py_SET_SIZE(self, len + 1);
        } else if (list_resize(rt, self, len + 1)) {
            list_items(self)[len] = item;
        } else {
            rt.decref(item);
            ok = no_memory(rt);
        }
    }
    if (ok && Py_SIZE(self) < as_list(self)->allocated && !list_resize(rt, self, Py_SIZE(self))) ok = no_memory(rt);
    rt.decref(it);
    return ok;
}

// ---- the type's slots ---------------------------------------------------------------------------

PyObject* list_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const*, Py_ssize_t, PyObject*) {
    return object_new_instance(rt, type);
}

// list.__init__(iterable=()): the old items go first, then (3.8-3.12) a sized iterable gets an
// exactly sized items block before list_extend runs.
int list_tp_init(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Profile& p = rt.profile();
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
    PyObject* iterable = nargs > 0 ? args[0] : nullptr;
    if (p.at_least(3, 7)) {
        if (nkw > 0) {
            err_set_string(rt, rt.builtins().exc.TypeError, "list() takes no keyword arguments");
            return -1;
        }
        if (!check_positional(rt, "list", nargs, 0, 1)) return -1;
    } else {
        if (nargs + nkw > 1) {
            err_format(rt, rt.builtins().exc.TypeError, "list() takes at most 1 argument (%d given)",
                       static_cast<int>(nargs + nkw));
            return -1;
        }
        if (nkw == 1) {
            const std::string key = str_as_utf8(rt, tuple_items(kwnames)[0]);
            if (key != "sequence") {
                err_format(rt, rt.builtins().exc.TypeError, "'%s' is an invalid keyword argument for this function",
                           key.c_str());
                return -1;
            }
            iterable = args[0];
        }
    }
    if (as_list(self)->ob_item.p != nullptr) list_clear(rt, self);
    if (iterable == nullptr) return 0;
    if (p.at_least(3, 8) && !p.at_least(3, 13)) {
        const PyTypeObject* t = Py_TYPE(iterable);
        if (t->tp_as_sequence.sq_length != nullptr || t->tp_as_mapping.mp_length != nullptr) {
            Py_ssize_t n = object_length(rt, iterable);
            if (n < 0) {
                if (!err_matches(rt, rt.builtins().exc.TypeError)) return -1;
                err_clear(rt);
            }
            if (n > 0 && as_list(self)->ob_item.p == nullptr && !preallocate_exact(rt, self, n)) {
                no_memory(rt);
                return -1;
            }
        }
    }
    return list_extend(rt, self, iterable) ? 0 : -1;
}

Py_ssize_t list_length(Runtime&, PyObject* self) { return Py_SIZE(self); }

PyObject* list_concat(Runtime& rt, PyObject* a, PyObject* b) {
    if (!list_check(rt, b))
        return err_format(rt, rt.builtins().exc.TypeError, "can only concatenate list (not \"%s\") to list",
                          seq_type_name(b).c_str());
    const Py_ssize_t na = Py_SIZE(a), size = na + Py_SIZE(b);
    PyObject* np = list_new(rt, size);
    if (np == nullptr) return err_no_memory(rt);
    for (Py_ssize_t i = 0; i < na; ++i) list_items(np)[i] = new_ref(rt, list_items(a)[i]);
    for (Py_ssize_t i = na; i < size; ++i) list_items(np)[i] = new_ref(rt, list_items(b)[i - na]);
    return np;
}

PyObject* list_repeat(Runtime& rt, PyObject* a, Py_ssize_t n) {
    const Py_ssize_t size = Py_SIZE(a);
    if (size == 0 || n <= 0) {
        PyObject* empty = list_new(rt, 0);
        return empty != nullptr ? empty : err_no_memory(rt);
    }
    if (size > kPySsizeTMax / n || size * n > kPySsizeTMax / kPointerBytes) return err_no_memory(rt);
    PyObject* np = list_new(rt, size * n);
    if (np == nullptr) return err_no_memory(rt);
    PyObject** items = list_items(np);
    for (Py_ssize_t i = 0; i < size * n; ++i) items[i] = new_ref(rt, list_items(a)[i % size]);
    return np;
}

PyObject* list_inplace_concat(Runtime& rt, PyObject* self, PyObject* other) {
    if (!list_extend(rt, self, other)) return nullptr;
    return new_ref(rt, self);
}

PyObject* list_inplace_repeat(Runtime& rt, PyObject* self, Py_ssize_t n) {
    if (!inplace_repeat(rt, self, n)) return nullptr;
    return new_ref(rt, self);
}

// `el in list`: up to 3.8 el is compared with each item (el == item); from 3.9 item == el, with
// the item held by a reference while it is compared.
int list_contains(Runtime& rt, PyObject* self, PyObject* el) {
    const bool item_first = rt.profile().at_least(3, 9);
    int cmp = 0;
    for (Py_ssize_t i = 0; cmp == 0 && i < Py_SIZE(self); ++i) {
        PyObject* item = new_ref(rt, list_items(self)[i]);
        cmp = item_first ? object_richcompare_bool(rt, item, el, Py_EQ) : object_richcompare_bool(rt, el, item, Py_EQ);
        rt.decref(item);
    }
    return cmp;
}

PyObject* compare_sizes(Runtime& rt, Py_ssize_t a, Py_ssize_t b, int op) {
    bool r = false;
    switch (op) {
        case Py_LT: r = a < b; break;
        case Py_LE: r = a <= b; break;
        case Py_EQ: r = a == b; break;
        case Py_NE: r = a != b; break;
        case Py_GT: r = a > b; break;
        default: r = a >= b; break;
    }
    return bool_from(rt, r);
}

// list_richcompare: lists of different lengths differ; otherwise the first unequal pair decides.
PyObject* list_richcompare(Runtime& rt, PyObject* v, PyObject* w, int op) {
    if (!list_check(rt, v) || !list_check(rt, w)) return new_ref(rt, rt.builtins().singletons.not_implemented);
    if (Py_SIZE(v) != Py_SIZE(w) && (op == Py_EQ || op == Py_NE)) return bool_from(rt, op == Py_NE);
    Py_ssize_t i = 0;
    for (; i < Py_SIZE(v) && i < Py_SIZE(w); ++i) {
        PyObject* vitem = list_items(v)[i];
        PyObject* witem = list_items(w)[i];
        if (vitem == witem) continue;
        rt.incref(vitem);
        rt.incref(witem);
        const int k = object_richcompare_bool(rt, vitem, witem, Py_EQ);
        rt.decref(vitem);
        rt.decref(witem);
        if (k < 0) return nullptr;
        if (k == 0) break;
    }
    if (i >= Py_SIZE(v) || i >= Py_SIZE(w)) return compare_sizes(rt, Py_SIZE(v), Py_SIZE(w), op);
    if (op == Py_EQ) return bool_from(rt, false);
    if (op == Py_NE) return bool_from(rt, true);
    PyObject* vitem = new_ref(rt, list_items(v)[i]);
    PyObject* witem = new_ref(rt, list_items(w)[i]);
    PyObject* r = object_richcompare(rt, vitem, witem, op);
    rt.decref(vitem);
    rt.decref(witem);
    return r;
}

// list_repr: "[...]" for a list already being printed; the size is re-read after each item,
// whose repr may change the list.
PyObject* list_repr(Runtime& rt, PyObject* self) {
    if (Py_SIZE(self) == 0) return str_from_utf8(rt, "[]");
    const int entered = repr_enter(rt, self);
    if (entered != 0) return entered > 0 ? str_from_utf8(rt, "[...]") : nullptr;
    std::string text = "[", part;
    bool ok = true;
    for (Py_ssize_t i = 0; ok && i < Py_SIZE(self); ++i) {
        if (i > 0) text += ", ";
        ok = object_repr_utf8(rt, list_items(self)[i], &part);
        text += part;
    }
    repr_leave(rt, self);
    if (!ok) return nullptr;
    text += "]";
    return str_from_utf8(rt, text);
}

PyObject* list_tp_iter(Runtime& rt, PyObject* self) { return list_iter_new(rt, self); }

}  // namespace

void init_list_type(Runtime& rt) {
    PyTypeObject* t = new_static_type(rt, "list", sizeof(PyListObject), 0,
                                      {.dealloc = list_dealloc, .traverse = list_traverse, .blocks = list_blocks});
    t->tp_flags |= Py_TPFLAGS_BASETYPE | Py_TPFLAGS_LIST_SUBCLASS;
    t->tp_clear = list_clear_slot;
    t->tp_new = list_tp_new;
    t->tp_init = list_tp_init;
    t->tp_repr = list_repr;
    t->tp_richcompare = list_richcompare;
    t->tp_iter = list_tp_iter;
    t->tp_as_sequence.sq_length = list_length;
    t->tp_as_sequence.sq_concat = list_concat;
    t->tp_as_sequence.sq_repeat = list_repeat;
    t->tp_as_sequence.sq_contains = list_contains;
    t->tp_as_sequence.sq_inplace_concat = list_inplace_concat;
    t->tp_as_sequence.sq_inplace_repeat = list_inplace_repeat;
    t->tp_as_mapping.mp_length = list_length;
    t->tp_as_mapping.mp_subscript = list_subscript;
    t->tp_as_mapping.mp_ass_subscript = list_ass_subscript;
    t->tp_methods = list_method_table(rt);
    rt.builtins().list_type = t;
}

bool list_check(const Runtime& rt, const PyObject* o) {
    return Py_TYPE(o) == rt.builtins().list_type || Py_TYPE(o)->has_flag(Py_TPFLAGS_LIST_SUBCLASS);
}
bool list_check_exact(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == rt.builtins().list_type; }

PyObject* list_new(Runtime& rt, int64_t n) {
    Builtins& b = rt.builtins();
    ListState& s = b.list_state;
    if (n > kPySsizeTMax / kPointerBytes) return nullptr;
    PyObject* o;
    if (s.numfree > 0) {
        o = &s.free_list[--s.numfree]->ob_base.ob_base;
        o->ob_refcnt = 1;
        rt.note_alive(o);
    } else {
        o = rt.alloc_gc_object(b.list_type, sizeof(PyListObject));
        if (o == nullptr) return nullptr;
    }
    PyListObject* l = as_list(o);
    l->ob_item.p = nullptr;
    Py_SET_SIZE(o, 0);
    l->allocated = 0;
    if (n > 0) {
        auto* items = static_cast<PyObject**>(rt.mem_malloc(static_cast<size_t>(n * kPointerBytes)));
        if (items == nullptr) {
            rt.decref(o);
            return nullptr;
        }
        std::memset(items, 0, static_cast<size_t>(n * kPointerBytes));
        l->ob_item.p = items;
    }
    Py_SET_SIZE(o, n);
    l->allocated = n;
    rt.gc_track(o);
    return o;
}

bool list_resize(Runtime& rt, PyObject* o, int64_t newsize) {
    PyListObject* l = as_list(o);
    // Enough room and not too much: only the size changes.
    if (l->allocated >= newsize && newsize >= (l->allocated >> 1)) {
        Py_SET_SIZE(o, newsize);
        return true;
    }
    int64_t allocated = over_allocate(rt.profile(), newsize, Py_SIZE(o));
    if (allocated > kPySsizeTMax / kPointerBytes) return false;
    void* items = nullptr;
    if (allocated != 0) {
        items = rt.mem_realloc(l->ob_item.p, static_cast<size_t>(allocated * kPointerBytes));
        if (items == nullptr) return false;
    } else if (l->ob_item.p != nullptr) {
        rt.mem_free(l->ob_item.p);
    }
    l->ob_item.p = static_cast<PyObject**>(items);
    Py_SET_SIZE(o, newsize);
    l->allocated = allocated;
    return true;
}

bool list_append(Runtime& rt, PyObject* o, PyObject* item) {
    int64_t n = Py_SIZE(o);
    if (n < as_list(o)->allocated) {
        Py_SET_SIZE(o, n + 1);  // _PyList_AppendTakeRef's fast path: no resize call
    } else if (!list_resize(rt, o, n + 1)) {
        return false;
    }
    rt.incref(item);
    as_list(o)->ob_item.p[n] = item;
    return true;
}

bool list_insert(Runtime& rt, PyObject* o, Py_ssize_t where, PyObject* item) {
    const Py_ssize_t n = Py_SIZE(o);
    if (!list_resize(rt, o, n + 1)) return no_memory(rt);
    if (where < 0) {
        where += n;
        if (where < 0) where = 0;
    }
    if (where > n) where = n;
    PyObject** items = list_items(o);
    for (Py_ssize_t i = n; --i >= where;) items[i + 1] = items[i];
    items[where] = new_ref(rt, item);
    return true;
}

bool list_extend(Runtime& rt, PyObject* self, PyObject* iterable) {
    const Profile& p = rt.profile();
    const Builtins& b = rt.builtins();
    if (p.at_least(3, 13) && iterable == self) return inplace_repeat(rt, self, 2);
    PyTypeObject* t = Py_TYPE(iterable);
    if (t == b.list_type || t == b.tuple_type || iterable == self) return extend_fast(rt, self, iterable);
    if (p.at_least(3, 13)) {
        if (t == b.set_type || t == b.frozenset_type) return extend_known(rt, self, set_keys(rt, iterable), nullptr, 0);
        if (t == b.dict_type) return extend_known(rt, self, dict_keys(rt, iterable), iterable, 0);
        PyObject* dict = nullptr;
        if (int kind = dict_view_kind(rt, iterable, &dict); kind >= 0)
            return extend_known(rt, self, dict_keys(rt, dict), dict, kind);
    }
    return extend_iter(rt, self, iterable);
}

void list_clear(Runtime& rt, PyObject* o) {
    PyListObject* l = as_list(o);
    PyObject** items = l->ob_item.p;
    if (items == nullptr) return;
    // Empty first: a decref below may run code that looks at the list.
    Py_ssize_t i = Py_SIZE(o);
    Py_SET_SIZE(o, 0);
    l->ob_item.p = nullptr;
    l->allocated = 0;
    while (--i >= 0) rt.xdecref(items[i]);
    rt.mem_free(items);
}

void list_reverse(PyObject* o) {
    PyObject** items = list_items(o);
    for (Py_ssize_t lo = 0, hi = Py_SIZE(o) - 1; lo < hi; ++lo, --hi) std::swap(items[lo], items[hi]);
}

PyObject** list_items(PyObject* o) { return as_list(o)->ob_item.p; }
int64_t list_allocated(const PyObject* o) { return reinterpret_cast<const PyListObject*>(o)->allocated; }

int64_t list_basic_sizeof(const Runtime&, const PyObject* o) {
    return Py_TYPE(o)->tp_basicsize + kPointerBytes * list_allocated(o);
}

int64_t list_sizeof(const Runtime& rt, const PyObject* o) {
    return rt.profile().gc_head_size + list_basic_sizeof(rt, o);
}

PyObject* list_get_slice(Runtime& rt, PyObject* o, Py_ssize_t lo, Py_ssize_t hi) {
    const Py_ssize_t n = Py_SIZE(o);
    lo = lo < 0 ? 0 : lo > n ? n : lo;
    hi = hi < lo ? lo : hi > n ? n : hi;
    return list_slice(rt, o, lo, hi);
}

bool list_set_slice(Runtime& rt, PyObject* o, Py_ssize_t lo, Py_ssize_t hi, PyObject* v) {
    return list_ass_slice(rt, o, lo, hi, v) == 0;
}

// PyList_AsTuple: _PyTuple_FromArray over the items.
PyObject* list_as_tuple(Runtime& rt, PyObject* o) {
    const Py_ssize_t n = Py_SIZE(o);
    if (n == 0) return tuple_new(rt, 0);
    PyObject* t = tuple_alloc(rt, n);
    if (t == nullptr) return err_no_memory(rt);
    for (Py_ssize_t i = 0; i < n; ++i) tuple_items(t)[i] = new_ref(rt, list_items(o)[i]);
    tuple_track_filled(rt, t);
    return t;
}

PyObject* list_from_iterable(Runtime& rt, PyObject* iterable) {
    PyObject* l = list_new(rt, 0);
    if (l == nullptr) return err_no_memory(rt);
    if (!list_extend(rt, l, iterable)) {
        rt.decref(l);
        return nullptr;
    }
    return l;
}

int list_clear_free_list(Runtime& rt) {
    ListState& s = rt.builtins().list_state;
    const int freed = s.numfree;
    while (s.numfree > 0) rt.free_object(&s.free_list[--s.numfree]->ob_base.ob_base);
    return freed;
}

}  // namespace pymemlab
