// dict views and dict iterators: dictiter_new/iternext (forwards and reversed, with the size
// check, 3.8's "keys changed" check and the items iterator's result-tuple reuse), the views'
// len/iter/contains/repr, the set-like comparisons and operators of keys and items views.
// The dict's storage walk is dict_object.h's dict_next; the sets they build are set_object.h.
#include "object/dictview_object.h"

#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/mapping_args.h"
#include "object/repr_guard.h"
#include "object/runtime.h"
#include "object/set_object.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

DictIterObject* as_iter(PyObject* o) { return reinterpret_cast<DictIterObject*>(o); }
DictViewObject* as_view(PyObject* o) { return reinterpret_cast<DictViewObject*>(o); }

// ---- iterators -----------------------------------------------------------------------------

void dictiter_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    rt.xdecref(as_iter(self)->di_dict.p);
    rt.xdecref(as_iter(self)->di_result.p);
    rt.free_object(self);
}

void dictiter_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyObject* d = as_iter(self)->di_dict.p) visit(d, arg);
    if (PyObject* r = as_iter(self)->di_result.p) visit(r, arg);
}

PyObject* self_iter(Runtime& rt, PyObject* self) { return mapping_new_ref(rt, self); }

// An exhausted iterator lets go of its dict.
PyObject* exhausted(Runtime& rt, DictIterObject* it) {
    PyObject* d = it->di_dict.p;
    it->di_dict.p = nullptr;
    rt.xdecref(d);
    return nullptr;
}

// What an iterator hands out for the entry (key, value), both borrowed. The items iterator's
// tuple goes out again when only the iterator holds it; it is tracked again in case a
// collection untracked it (bpo-42536, 3.8+).
PyObject* yield_entry(Runtime& rt, DictIterObject* it, DictItemKind kind, PyObject* key, PyObject* value) {
    if (kind == kDictKeys) return mapping_new_ref(rt, key);
    if (kind == kDictValues) return mapping_new_ref(rt, value);
    rt.incref(key);
    rt.incref(value);
    PyObject* result = it->di_result.p;
    if (result != nullptr && result->ob_refcnt == 1) {
        PyObject* old_key = tuple_items(result)[0];
        PyObject* old_value = tuple_items(result)[1];
        tuple_items(result)[0] = key;
        tuple_items(result)[1] = value;
        rt.incref(result);
        rt.xdecref(old_key);
        rt.xdecref(old_value);
        if (rt.profile().at_least(3, 8) && !rt.gc_is_tracked(result)) rt.gc_track(result);
        return result;
    }
    result = tuple_new(rt, 2);
    if (result == nullptr) {
        rt.decref(key);
        rt.decref(value);
        return err_no_memory(rt);
    }
    tuple_items(result)[0] = key;
    tuple_items(result)[1] = value;
    return result;
}

bool size_unchanged(Runtime& rt, DictIterObject* it, PyObject* d) {
    if (it->di_used == dict_len(rt, d)) return true;
    err_set_string(rt, rt.builtins().exc.RuntimeError, "dictionary changed size during iteration");
    it->di_used = -1;  // sticky
    return false;
}

template <DictItemKind Kind>
PyObject* dictiter_next(Runtime& rt, PyObject* self) {
    DictIterObject* it = as_iter(self);
    PyObject* d = it->di_dict.p;
    if (d == nullptr) return nullptr;
    if (!size_unchanged(rt, it, d)) return nullptr;
    int64_t pos = it->di_pos;
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    if (!dict_next(rt, d, &pos, &key, &value)) return exhausted(rt, it);
    // An entry found when none was expected: same size, other keys.
    if (it->len == 0 && rt.profile().at_least(3, 8)) {
        err_set_string(rt, rt.builtins().exc.RuntimeError, "dictionary keys changed during iteration");
        return exhausted(rt, it);
    }
    it->di_pos = pos;
    --it->len;
    return yield_entry(rt, it, Kind, key, value);
}

template <DictItemKind Kind>
PyObject* dictreviter_next(Runtime& rt, PyObject* self) {
    DictIterObject* it = as_iter(self);
    PyObject* d = it->di_dict.p;
    if (d == nullptr) return nullptr;
    if (!size_unchanged(rt, it, d)) return nullptr;
    int64_t i = it->di_pos;
    if (i >= dict_positions(rt, d)) i = dict_positions(rt, d) - 1;
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    for (; i >= 0; --i)
        if (dict_entry_at(rt, d, i, &key, &value)) break;
    if (i < 0) return exhausted(rt, it);
    it->di_pos = i - 1;
    --it->len;
    return yield_entry(rt, it, Kind, key, value);
}

PyObject* dictiter_len(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_no_args(rt, "dict_keyiterator", "__length_hint__", nargs, kwnames)) return nullptr;
    DictIterObject* it = as_iter(self);
    const int64_t n = it->di_dict.p != nullptr && it->di_used == dict_len(rt, it->di_dict.p) ? it->len : 0;
    PyObject* r = long_from_int64(rt, n);
    return r != nullptr ? r : err_no_memory(rt);
}

const PyMethodDef kDictIterMethods[] = {{"__length_hint__", dictiter_len, METH_VARARGS}, {nullptr, nullptr, 0}};

// ---- views ---------------------------------------------------------------------------------

void dictview_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    rt.xdecref(as_view(self)->dv_dict.p);
    rt.free_object(self);
}

void dictview_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyObject* d = as_view(self)->dv_dict.p) visit(d, arg);
}

Py_ssize_t dictview_len(Runtime& rt, PyObject* self) { return dict_len(rt, as_view(self)->dv_dict.p); }

template <DictItemKind Kind>
PyObject* dictview_iter(Runtime& rt, PyObject* self) {
    return dictiter_new(rt, as_view(self)->dv_dict.p, Kind, false);
}

int dictkeys_contains(Runtime& rt, PyObject* self, PyObject* key) {
    return dict_contains(rt, as_view(self)->dv_dict.p, key);
}

// (key, value) in d.items(): the key's value compared with value.
int dictitems_contains(Runtime& rt, PyObject* self, PyObject* item) {
    if (Py_TYPE(item) != rt.builtins().tuple_type && !object_type_check(item, rt.builtins().tuple_type)) return 0;
    if (Py_SIZE(item) != 2) return 0;
    PyObject* found = dict_getitem(rt, as_view(self)->dv_dict.p, tuple_items(item)[0]);
    if (found == nullptr) return err_occurred(rt) ? -1 : 0;
    rt.incref(found);
    const int r = object_richcompare_bool(rt, found, tuple_items(item)[1], Py_EQ);
    rt.decref(found);
    return r;
}

// "dict_keys([1, 2])"; a view met again while its repr is built prints "...".
PyObject* dictview_repr(Runtime& rt, PyObject* self) {
    const int entered = repr_enter(rt, self);
    if (entered != 0) return entered > 0 ? str_from_utf8(rt, "...") : nullptr;
    PyObject* seq = sequence_list(rt, self);
    std::string text;
    const bool ok = seq != nullptr && object_repr_utf8(rt, seq, &text);
    rt.xdecref(seq);
    repr_leave(rt, self);
    if (!ok) return nullptr;
    return str_from_utf8(rt, type_name(Py_TYPE(self)) + "(" + text + ")");
}

// all_contained_in: every item of `self` is in `other`.
int all_contained_in(Runtime& rt, PyObject* self, PyObject* other) {
    PyObject* it = object_get_iter(rt, self);
    if (it == nullptr) return -1;
    int ok = 1;
    while (PyObject* x = iter_next(rt, it)) {
        ok = sequence_contains(rt, other, x);
        rt.decref(x);
        if (ok <= 0) break;
    }
    rt.decref(it);
    if (ok > 0 && err_occurred(rt)) ok = -1;
    return ok;
}

PyObject* dictview_richcompare(Runtime& rt, PyObject* self, PyObject* other, int op) {
    const Builtins& b = rt.builtins();
    const bool other_set = object_type_check(other, b.set_type) || object_type_check(other, b.frozenset_type);
    if (!other_set && !dictview_is_set_like(rt, other)) return mapping_new_ref(rt, b.singletons.not_implemented);
    const Py_ssize_t len_self = object_length(rt, self);
    if (len_self < 0) return nullptr;
    const Py_ssize_t len_other = object_length(rt, other);
    if (len_other < 0) return nullptr;
    int ok = 0;
    switch (op) {
        case Py_EQ:
        case Py_NE:
            if (len_self == len_other) ok = all_contained_in(rt, self, other);
            if (op == Py_NE && ok >= 0) ok = !ok;
            break;
        case Py_LT: if (len_self < len_other) ok = all_contained_in(rt, self, other); break;
        case Py_LE: if (len_self <= len_other) ok = all_contained_in(rt, self, other); break;
        case Py_GT: if (len_self > len_other) ok = all_contained_in(rt, other, self); break;
        case Py_GE: if (len_self >= len_other) ok = all_contained_in(rt, other, self); break;
        default: break;
    }
    if (ok < 0) return nullptr;
    return bool_from(rt, ok != 0);
}

// dictviews_to_set: set(view); from 3.10 a keys view of an exact dict hands set() the dict,
// whose keys set() takes with a presized table.
PyObject* dictviews_to_set(Runtime& rt, PyObject* left) {
    if (rt.profile().at_least(3, 10) && Py_TYPE(left) == rt.builtins().dict_state.view_types[kDictKeys] &&
        Py_TYPE(as_view(left)->dv_dict.p) == rt.builtins().dict_type)
        left = as_view(left)->dv_dict.p;
    return set_new_from(rt, rt.builtins().set_type, left);
}

PyObject* dictviews_or(Runtime& rt, PyObject* self, PyObject* other) {
    PyObject* result = dictviews_to_set(rt, self);
    if (result == nullptr) return nullptr;
    if (!set_update_from(rt, result, other)) {
        rt.decref(result);
        return nullptr;
    }
    return result;
}

PyObject* dictviews_sub(Runtime& rt, PyObject* self, PyObject* other) {
    PyObject* result = dictviews_to_set(rt, self);
    if (result == nullptr) return nullptr;
    if (!set_difference_update_from(rt, result, other)) {
        rt.decref(result);
        return nullptr;
    }
    return result;
}

PyObject* dictviews_xor(Runtime& rt, PyObject* self, PyObject* other) {
    PyObject* result = dictviews_to_set(rt, self);
    if (result == nullptr) return nullptr;
    if (!set_symmetric_difference_update_from(rt, result, other)) {
        rt.decref(result);
        return nullptr;
    }
    return result;
}

// _PyDictView_Intersect (3.8+): the smaller operand is iterated and each item looked up in
// the other; a set at least as large intersects itself with the view. 2.7 and 3.6 copy the
// view into a set and intersect in place.
PyObject* dictviews_and(Runtime& rt, PyObject* self, PyObject* other) {
    if (!rt.profile().at_least(3, 8)) {
        PyObject* result = set_new_from(rt, rt.builtins().set_type, self);
        if (result == nullptr) return nullptr;
        if (!set_intersection_update_from(rt, result, other)) {
            rt.decref(result);
            return nullptr;
        }
        return result;
    }
    if (!dictview_is_set_like(rt, self)) std::swap(self, other);
    const Py_ssize_t len_self = dictview_len(rt, self);
    if (Py_TYPE(other) == rt.builtins().set_type) {
        const Py_ssize_t len_other = object_length(rt, other);
        if (len_other < 0) return nullptr;
        if (len_self <= len_other) return set_intersection_of(rt, other, self);
    }
    if (dictview_is_set_like(rt, other) && dictview_len(rt, other) > len_self) std::swap(self, other);
    PyObject* result = set_new_from(rt, rt.builtins().set_type, nullptr);
    if (result == nullptr) return nullptr;
    PyObject* it = object_get_iter(rt, other);
    if (it == nullptr) {
        rt.decref(result);
        return nullptr;
    }
    const bool keys = Py_TYPE(self) == rt.builtins().dict_state.view_types[kDictKeys];
    bool ok = true;
    while (PyObject* key = iter_next(rt, it)) {
        const int found = keys ? dictkeys_contains(rt, self, key) : dictitems_contains(rt, self, key);
        ok = found >= 0 && (found == 0 || set_add(rt, result, key));
        rt.decref(key);
        if (!ok) break;
    }
    rt.decref(it);
    if (!ok || err_occurred(rt)) {
        rt.decref(result);
        return nullptr;
    }
    return result;
}

// view.isdisjoint(other), 3.x.
PyObject* dictviews_isdisjoint(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_one_arg(rt, type_name(Py_TYPE(self)).c_str(), "isdisjoint", nargs, kwnames)) return nullptr;
    PyObject* other = args[0];
    if (other == self) return bool_from(rt, dictview_len(rt, self) == 0);
    // Iterate the smaller of two sized operands, looking each item up in the larger.
    PyObject* big = self;
    PyObject* small = other;
    const Builtins& b = rt.builtins();
    if (object_type_check(other, b.set_type) || object_type_check(other, b.frozenset_type) ||
        dictview_is_set_like(rt, other)) {
        const Py_ssize_t len_other = object_length(rt, other);
        if (len_other < 0) return nullptr;
        if (dictview_len(rt, self) > len_other) std::swap(big, small);
    }
    PyObject* it = object_get_iter(rt, small);
    if (it == nullptr) return nullptr;
    int disjoint = 1;
    while (PyObject* item = iter_next(rt, it)) {
        const int contains = sequence_contains(rt, big, item);
        rt.decref(item);
        if (contains != 0) {
            disjoint = contains < 0 ? -1 : 0;
            break;
        }
    }
    rt.decref(it);
    if (disjoint < 0 || err_occurred(rt)) return nullptr;
    return bool_from(rt, disjoint != 0);
}

template <DictItemKind Kind>
PyObject* dictview_reversed(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_no_args(rt, type_name(Py_TYPE(self)).c_str(), "__reversed__", nargs, kwnames)) return nullptr;
    return dictiter_new(rt, as_view(self)->dv_dict.p, Kind, true);
}

const PyMethodDef kKeysMethods[] = {{"isdisjoint", dictviews_isdisjoint, METH_VARARGS},
                                    {"__reversed__", dictview_reversed<kDictKeys>, METH_VARARGS},
                                    {nullptr, nullptr, 0}};
const PyMethodDef kItemsMethods[] = {{"isdisjoint", dictviews_isdisjoint, METH_VARARGS},
                                     {"__reversed__", dictview_reversed<kDictItems>, METH_VARARGS},
                                     {nullptr, nullptr, 0}};
const PyMethodDef kValuesMethods[] = {{"__reversed__", dictview_reversed<kDictValues>, METH_VARARGS},
                                      {nullptr, nullptr, 0}};
// 2.7 and 3.6 views have no __reversed__; 2.7's have no isdisjoint either.
const PyMethodDef kKeysMethods36[] = {{"isdisjoint", dictviews_isdisjoint, METH_VARARGS}, {nullptr, nullptr, 0}};
const PyMethodDef kNoMethods[] = {{nullptr, nullptr, 0}};

}  // namespace

void init_dictview_types(Runtime& rt) {
    const Profile& p = rt.profile();
    DictState& s = rt.builtins().dict_state;
    const TypeSizes& sizes = type_sizes(p);
    const int64_t iter_size = model_basicsize(sizes.dict_iterator, sizeof(DictIterObject));
    const int64_t view_size = model_basicsize(sizes.dict_view, sizeof(DictViewObject));
    const bool py2 = p.major == 2;
    const TypeSlots iter_slots{.dealloc = dictiter_dealloc, .traverse = dictiter_traverse};
    const char* iter_names[3] = {py2 ? "dictionary-keyiterator" : "dict_keyiterator",
                                 py2 ? "dictionary-valueiterator" : "dict_valueiterator",
                                 py2 ? "dictionary-itemiterator" : "dict_itemiterator"};
    const char* reviter_names[3] = {"dict_reversekeyiterator", "dict_reversevalueiterator", "dict_reverseitemiterator"};
    const iternextfunc nexts[3] = {dictiter_next<kDictKeys>, dictiter_next<kDictValues>, dictiter_next<kDictItems>};
    const iternextfunc revnexts[3] = {dictreviter_next<kDictKeys>, dictreviter_next<kDictValues>,
                                      dictreviter_next<kDictItems>};
    for (int k = 0; k < 3; ++k) {
        PyTypeObject* t = new_static_type(rt, iter_names[k], iter_size, 0, iter_slots);
        t->tp_iter = self_iter;
        t->tp_iternext = nexts[k];
        t->tp_methods = kDictIterMethods;
        s.iter_types[k] = t;
        if (!p.at_least(3, 8)) continue;
        t = new_static_type(rt, reviter_names[k], iter_size, 0, iter_slots);
        t->tp_iter = self_iter;
        t->tp_iternext = revnexts[k];
        t->tp_methods = kDictIterMethods;
        s.reviter_types[k] = t;
    }
    const TypeSlots view_slots{.dealloc = dictview_dealloc, .traverse = dictview_traverse};
    const char* view_names[3] = {"dict_keys", "dict_values", "dict_items"};
    const getiterfunc iters[3] = {dictview_iter<kDictKeys>, dictview_iter<kDictValues>, dictview_iter<kDictItems>};
    const bool reversible = p.at_least(3, 8);
    const PyMethodDef* methods[3] = {reversible ? kKeysMethods : py2 ? kNoMethods : kKeysMethods36,
                                     reversible ? kValuesMethods : kNoMethods,
                                     reversible ? kItemsMethods : py2 ? kNoMethods : kKeysMethods36};
    for (int k = 0; k < 3; ++k) {
        PyTypeObject* t = new_static_type(rt, view_names[k], view_size, 0, view_slots);
        t->tp_iter = iters[k];
        t->tp_repr = dictview_repr;
        t->tp_as_sequence.sq_length = dictview_len;
        t->tp_methods = methods[k];
        if (k != kDictValues) {
            t->tp_as_sequence.sq_contains = k == kDictKeys ? dictkeys_contains : dictitems_contains;
            t->tp_richcompare = dictview_richcompare;
            t->tp_as_number.nb_subtract = dictviews_sub;
            t->tp_as_number.nb_and = dictviews_and;
            t->tp_as_number.nb_or = dictviews_or;
            t->tp_as_number.nb_xor = dictviews_xor;
        }
        s.view_types[k] = t;
    }
}

PyObject* dictiter_new(Runtime& rt, PyObject* d, DictItemKind kind, bool reversed) {
    DictState& s = rt.builtins().dict_state;
    PyTypeObject* type = reversed ? s.reviter_types[kind] : s.iter_types[kind];
    PyObject* o = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) return err_no_memory(rt);
    DictIterObject* it = as_iter(o);
    rt.incref(d);
    it->di_dict.p = d;
    it->di_used = dict_len(rt, d);
    it->len = it->di_used;
    it->di_pos = reversed ? dict_positions(rt, d) - 1 : 0;
    it->di_result.p = nullptr;
    if (kind == kDictItems) {
        // PyTuple_Pack(2, None, None)
        PyObject* result = tuple_new(rt, 2);
        if (result == nullptr) {
            rt.decref(o);
            return err_no_memory(rt);
        }
        PyObject* none = rt.builtins().singletons.none;
        rt.incref(none);
        rt.incref(none);
        tuple_items(result)[0] = none;
        tuple_items(result)[1] = none;
        it->di_result.p = result;
    }
    rt.gc_track(o);
    return o;
}

PyObject* dictview_new(Runtime& rt, PyObject* d, DictItemKind kind) {
    PyTypeObject* type = rt.builtins().dict_state.view_types[kind];
    PyObject* o = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) return err_no_memory(rt);
    rt.incref(d);
    as_view(o)->dv_dict.p = d;
    rt.gc_track(o);
    return o;
}

bool dictview_is_set_like(const Runtime& rt, const PyObject* o) {
    const DictState& s = rt.builtins().dict_state;
    return Py_TYPE(o) == s.view_types[kDictKeys] || Py_TYPE(o) == s.view_types[kDictItems];
}

}  // namespace pymemlab
