// set and frozenset behaviour (Objects/setobject.c): set()/frozenset() from an iterable, the
// iterator (setiterobject, "Set changed size during iteration"), len, `in` (a set key is looked
// up as a frozenset), repr ("{1, 2}", "frozenset({1})", 2.7 "set([1, 2])"), the comparisons as
// subset tests, frozenset's hash, the methods and the | & - ^ operators in both forms. Storage
// (tables, merge, pop, clear) is set_object.cpp.
#include <string>
#include <utility>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/long_object.h"
#include "object/mapping_args.h"
#include "object/repr_guard.h"
#include "object/runtime.h"
#include "object/set_object.h"
#include "object/str_object.h"
#include "object/text_args.h"
#include "object/tuple_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

struct SetIterObject {
    PyObject ob_base;
    Slot<PyObject> si_set;  // null once exhausted
    Py_ssize_t si_used;     // the set's size when the iterator was made; -1 after a change
    Py_ssize_t si_pos;
    Py_ssize_t len;
};
static_assert(sizeof(SetIterObject) == 48);

SetIterObject* as_setiter(PyObject* o) { return reinterpret_cast<SetIterObject*>(o); }

bool any_set(const Runtime& rt, const PyObject* o) {
    return object_type_check(o, rt.builtins().set_type) || object_type_check(o, rt.builtins().frozenset_type);
}
bool exact_any_set(const Runtime& rt, const PyObject* o) {
    return Py_TYPE(o) == rt.builtins().set_type || Py_TYPE(o) == rt.builtins().frozenset_type;
}
PyObject* not_implemented(Runtime& rt) { return mapping_new_ref(rt, rt.builtins().singletons.not_implemented); }
PyObject* none_ref(Runtime& rt) { return mapping_new_ref(rt, rt.builtins().singletons.none); }
const char* type_of(const PyObject* so) { return Py_TYPE(so)->tp_name; }

// make_new_set_basetype: results of set algebra are plain sets or frozensets, never subclasses.
PyTypeObject* basetype(Runtime& rt, const PyObject* so) {
    return object_type_check(so, rt.builtins().set_type) ? rt.builtins().set_type : rt.builtins().frozenset_type;
}

// ---- the iterator ------------------------------------------------------------------------------

void setiter_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    rt.xdecref(as_setiter(self)->si_set.p);
    rt.free_object(self);
}

void setiter_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyObject* s = as_setiter(self)->si_set.p) visit(s, arg);
}

PyObject* setiter_self(Runtime& rt, PyObject* self) { return mapping_new_ref(rt, self); }

PyObject* setiter_next(Runtime& rt, PyObject* self) {
    SetIterObject* si = as_setiter(self);
    PyObject* so = si->si_set.p;
    if (so == nullptr) return nullptr;
    if (si->si_used != set_len(so)) {
        err_set_string(rt, rt.builtins().exc.RuntimeError, "Set changed size during iteration");
        si->si_used = -1;  // sticky
        return nullptr;
    }
    int64_t pos = si->si_pos;
    PyObject* key = nullptr;
    const bool found = set_next(rt, so, &pos, &key, nullptr);
    si->si_pos = pos;
    if (!found) {
        si->si_set.p = nullptr;
        rt.decref(so);
        return nullptr;
    }
    --si->len;
    return mapping_new_ref(rt, key);
}

PyObject* setiter_len(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_no_args(rt, "set_iterator", "__length_hint__", nargs, kwnames)) return nullptr;
    SetIterObject* si = as_setiter(self);
    const int64_t n = si->si_set.p != nullptr && si->si_used == set_len(si->si_set.p) ? si->len : 0;
    PyObject* r = long_from_int64(rt, n);
    return r != nullptr ? r : err_no_memory(rt);
}

const PyMethodDef kSetIterMethods[] = {{"__length_hint__", setiter_len, METH_VARARGS}, {nullptr, nullptr, 0}};

PyObject* set_iter(Runtime& rt, PyObject* so) {
    PyTypeObject* type = rt.builtins().set_state.iterator_type;
    PyObject* o = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) return err_no_memory(rt);
    SetIterObject* si = as_setiter(o);
    rt.incref(so);
    si->si_set.p = so;
    si->si_used = set_len(so);
    si->si_pos = 0;
    si->len = set_len(so);
    rt.gc_track(o);
    return o;
}

// ---- lookups with a set as the key ------------------------------------------------------------

// A set key is unhashable; set_contains, remove and discard look it up again as a frozenset.
template <class Op>
int with_frozen_key(Runtime& rt, PyObject* key, Op op) {
    int r = op(key);
    if (r >= 0 || !object_type_check(key, rt.builtins().set_type) || !err_matches(rt, rt.builtins().exc.TypeError))
        return r;
    err_clear(rt);
    PyObject* frozen = set_new_from(rt, rt.builtins().frozenset_type, key);
    if (frozen == nullptr) return -1;
    r = op(frozen);
    rt.decref(frozen);
    return r;
}

int set_sq_contains(Runtime& rt, PyObject* so, PyObject* key) {
    return with_frozen_key(rt, key, [&](PyObject* k) { return set_contains(rt, so, k); });
}

Py_ssize_t set_length(Runtime& rt, PyObject* so) {
    (void)rt;
    return set_len(so);
}

// ---- repr and hash ------------------------------------------------------------------------------

PyObject* set_repr(Runtime& rt, PyObject* so) {
    const std::string name = type_name(Py_TYPE(so));
    const int entered = repr_enter(rt, so);
    if (entered != 0) return entered > 0 ? str_from_utf8(rt, name + "(...)") : nullptr;
    if (set_len(so) == 0 && rt.profile().major == 3) {
        repr_leave(rt, so);
        return str_from_utf8(rt, name + "()");
    }
    PyObject* keys = sequence_list(rt, so);
    std::string list;
    const bool ok = keys != nullptr && object_repr_utf8(rt, keys, &list);
    rt.xdecref(keys);
    repr_leave(rt, so);
    if (!ok) return nullptr;
    if (rt.profile().major == 2) return str_from_utf8(rt, name + "(" + list + ")");
    const std::string inner = "{" + list.substr(1, list.size() - 2) + "}";
    return str_from_utf8(rt, Py_TYPE(so) == rt.builtins().set_type ? inner : name + "(" + inner + ")");
}

Py_hash_t frozenset_tp_hash(Runtime& rt, PyObject* so) { return frozenset_hash(rt, so); }

// ---- algebra ----------------------------------------------------------------------------------

PyObject* set_copy_of(Runtime& rt, PyObject* so) { return set_new_from(rt, basetype(rt, so), so); }

// set_issubset: every key of so in other (a set, or any iterable made into one).
PyObject* issubset(Runtime& rt, PyObject* so, PyObject* other) {
    if (!any_set(rt, other)) {
        PyObject* tmp = set_new_from(rt, rt.builtins().set_type, other);
        if (tmp == nullptr) return nullptr;
        PyObject* r = issubset(rt, so, tmp);
        rt.decref(tmp);
        return r;
    }
    if (set_len(so) > set_len(other)) return bool_from(rt, false);
    int64_t pos = 0;
    PyObject* key;
    Py_hash_t hash;
    while (set_next(rt, so, &pos, &key, &hash)) {
        rt.incref(key);
        const int rv = set_contains_known_hash(rt, other, key, hash);
        rt.decref(key);
        if (rv < 0) return nullptr;
        if (rv == 0) return bool_from(rt, false);
    }
    return bool_from(rt, true);
}

PyObject* issuperset(Runtime& rt, PyObject* so, PyObject* other) {
    if (any_set(rt, other)) return issubset(rt, other, so);
    PyObject* tmp = set_new_from(rt, rt.builtins().set_type, other);
    if (tmp == nullptr) return nullptr;
    PyObject* r = issubset(rt, tmp, so);
    rt.decref(tmp);
    return r;
}

// set_intersection: a new set of so's base type with the keys of the smaller operand found in
// the larger (a non-set other is iterated, each item hashed).
PyObject* intersection(Runtime& rt, PyObject* so, PyObject* other) {
    if (so == other) return set_copy_of(rt, so);
    PyObject* result = set_new_from(rt, basetype(rt, so), nullptr);
    if (result == nullptr) return nullptr;
    if (any_set(rt, other)) {
        if (set_len(other) > set_len(so)) std::swap(so, other);
        int64_t pos = 0;
        PyObject* key;
        Py_hash_t hash;
        while (set_next(rt, other, &pos, &key, &hash)) {
            rt.incref(key);
            const int rv = set_contains_known_hash(rt, so, key, hash);
            const bool ok = rv >= 0 && (rv == 0 || set_add_known_hash(rt, result, key, hash));
            rt.decref(key);
            if (!ok) {
                rt.decref(result);
                return nullptr;
            }
        }
        return result;
    }
    PyObject* it = object_get_iter(rt, other);
    if (it == nullptr) {
        rt.decref(result);
        return nullptr;
    }
    bool ok = true;
    while (PyObject* key = iter_next(rt, it)) {
        const Py_hash_t hash = key_hash(rt, key);
        const int rv = hash == -1 ? -1 : set_contains_known_hash(rt, so, key, hash);
        ok = rv >= 0 && (rv == 0 || set_add_known_hash(rt, result, key, hash));
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

bool difference_update(Runtime& rt, PyObject* so, PyObject* other) {
    if (so == other) {
        set_clear(rt, so);
        return true;
    }
    if (any_set(rt, other)) {
        // Against a set more than 8 times larger, only the common keys are walked.
        PyObject* walk = (set_len(other) >> 3) > set_len(so) ? intersection(rt, so, other) : mapping_new_ref(rt, other);
        if (walk == nullptr) return false;
        int64_t pos = 0;
        PyObject* key;
        Py_hash_t hash;
        bool ok = true;
        while (ok && set_next(rt, walk, &pos, &key, &hash)) {
            rt.incref(key);
            ok = set_discard_known_hash(rt, so, key, hash) >= 0;
            rt.decref(key);
        }
        rt.decref(walk);
        if (!ok) return false;
    } else {
        PyObject* it = object_get_iter(rt, other);
        if (it == nullptr) return false;
        bool ok = true;
        while (PyObject* key = iter_next(rt, it)) {
            ok = set_discard(rt, so, key) >= 0;
            rt.decref(key);
            if (!ok) break;
        }
        rt.decref(it);
        if (!ok || err_occurred(rt)) return false;
    }
    return set_purge_dummies(rt, so);
}

// set_difference: a new set of so's keys not in other; a large so is copied and pruned instead.
PyObject* difference(Runtime& rt, PyObject* so, PyObject* other) {
    const bool other_dict = Py_TYPE(other) == rt.builtins().dict_type;
    const bool sized = any_set(rt, other) || other_dict;
    if (!sized || (set_len(so) >> 2) > (other_dict ? dict_len(rt, other) : set_len(other))) {
        PyObject* result = set_copy_of(rt, so);
        if (result == nullptr) return nullptr;
        if (!difference_update(rt, result, other)) {
            rt.decref(result);
            return nullptr;
        }
        return result;
    }
    PyObject* result = set_new_from(rt, basetype(rt, so), nullptr);
    if (result == nullptr) return nullptr;
    int64_t pos = 0;
    PyObject* key;
    Py_hash_t hash;
    while (set_next(rt, so, &pos, &key, &hash)) {
        int rv;
        if (other_dict) {
            PyObject* v = dict_getitem_known_hash(rt, other, key, hash);
            rv = v != nullptr ? 1 : err_occurred(rt) ? -1 : 0;
        } else {
            rv = set_contains_known_hash(rt, other, key, hash);
        }
        if (rv < 0 || (rv == 0 && !set_add_known_hash(rt, result, key, hash))) {
            rt.decref(result);
            return nullptr;
        }
    }
    return result;
}

bool symmetric_difference_update(Runtime& rt, PyObject* so, PyObject* other) {
    if (so == other) {
        set_clear(rt, so);
        return true;
    }
    auto toggle = [&](PyObject* key, Py_hash_t hash) {
        rt.incref(key);
        const int rv = set_discard_known_hash(rt, so, key, hash);
        const bool ok = rv > 0 || (rv == 0 && set_add_known_hash(rt, so, key, hash));
        rt.decref(key);
        return ok;
    };
    int64_t pos = 0;
    PyObject* key;
    Py_hash_t hash;
    if (Py_TYPE(other) == rt.builtins().dict_type) {
        while (dict_next(rt, other, &pos, &key, nullptr, &hash))
            if (!toggle(key, hash)) return false;
        return true;
    }
    PyObject* otherset = any_set(rt, other) ? mapping_new_ref(rt, other) : set_new_from(rt, basetype(rt, so), other);
    if (otherset == nullptr) return false;
    bool ok = true;
    while (ok && set_next(rt, otherset, &pos, &key, &hash)) ok = toggle(key, hash);
    rt.decref(otherset);
    return ok;
}

PyObject* symmetric_difference(Runtime& rt, PyObject* so, PyObject* other) {
    PyObject* result = set_new_from(rt, basetype(rt, so), other);
    if (result == nullptr) return nullptr;
    if (!symmetric_difference_update(rt, result, so)) {
        rt.decref(result);
        return nullptr;
    }
    return result;
}

bool intersection_update(Runtime& rt, PyObject* so, PyObject* other) {
    PyObject* tmp = intersection(rt, so, other);
    if (tmp == nullptr) return false;
    set_swap_bodies(rt, so, tmp);
    rt.decref(tmp);
    return true;
}

// ---- number slots ------------------------------------------------------------------------------

PyObject* set_or(Runtime& rt, PyObject* a, PyObject* b) {
    if (!any_set(rt, a) || !any_set(rt, b)) return not_implemented(rt);
    PyObject* result = set_copy_of(rt, a);
    if (result == nullptr || a == b) return result;
    if (!set_update_from(rt, result, b)) {
        rt.decref(result);
        return nullptr;
    }
    return result;
}
PyObject* set_and(Runtime& rt, PyObject* a, PyObject* b) {
    if (!any_set(rt, a) || !any_set(rt, b)) return not_implemented(rt);
    return intersection(rt, a, b);
}
PyObject* set_sub(Runtime& rt, PyObject* a, PyObject* b) {
    if (!any_set(rt, a) || !any_set(rt, b)) return not_implemented(rt);
    return difference(rt, a, b);
}
PyObject* set_xor(Runtime& rt, PyObject* a, PyObject* b) {
    if (!any_set(rt, a) || !any_set(rt, b)) return not_implemented(rt);
    return symmetric_difference(rt, a, b);
}

template <bool (*Update)(Runtime&, PyObject*, PyObject*)>
PyObject* set_inplace(Runtime& rt, PyObject* a, PyObject* b) {
    if (!any_set(rt, b)) return not_implemented(rt);
    if (!Update(rt, a, b)) return nullptr;
    return mapping_new_ref(rt, a);
}

PyObject* set_richcompare(Runtime& rt, PyObject* v, PyObject* w, int op) {
    if (!any_set(rt, w)) return not_implemented(rt);
    switch (op) {
        case Py_EQ: {
            if (set_len(v) != set_len(w)) return bool_from(rt, false);
            const bool frozen = object_type_check(v, rt.builtins().frozenset_type) &&
                                object_type_check(w, rt.builtins().frozenset_type);
            if (frozen && rt.profile().major == 3) {
                const Py_hash_t hv = reinterpret_cast<PySetObject*>(v)->hash;
                const Py_hash_t hw = reinterpret_cast<PySetObject*>(w)->hash;
                if (hv != -1 && hw != -1 && hv != hw) return bool_from(rt, false);
            }
            return issubset(rt, v, w);
        }
        case Py_NE: {
            PyObject* r = set_richcompare(rt, v, w, Py_EQ);
            if (r == nullptr) return nullptr;
            const int t = object_is_true(rt, r);
            rt.decref(r);
            return t < 0 ? nullptr : bool_from(rt, t == 0);
        }
        case Py_LE: return issubset(rt, v, w);
        case Py_GE: return issuperset(rt, v, w);
        case Py_LT: return set_len(v) >= set_len(w) ? bool_from(rt, false) : issubset(rt, v, w);
        case Py_GT: return set_len(v) <= set_len(w) ? bool_from(rt, false) : issuperset(rt, v, w);
        default: return not_implemented(rt);
    }
}

// ---- tp_new / tp_init -------------------------------------------------------------------------

bool refuse_keywords(Runtime& rt, PyTypeObject* type, PyObject* kwnames) {
    if (kwnames == nullptr || Py_SIZE(kwnames) == 0) return true;
    const bool set = type == rt.builtins().set_type;
    if (!set && type != rt.builtins().frozenset_type) return true;  // subclasses take keywords to __init__
    err_format(rt, rt.builtins().exc.TypeError,
               rt.profile().at_least(3, 7) ? "%s() takes no keyword arguments" : "%s() does not take keyword arguments",
               set ? "set" : "frozenset");
    return false;
}

bool check_count(Runtime& rt, const char* name, Py_ssize_t nargs) { return check_positional(rt, name, nargs, 0, 1, 7); }

PyObject* set_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const*, Py_ssize_t, PyObject* kwnames) {
    if (!refuse_keywords(rt, type, kwnames)) return nullptr;
    return set_new_from(rt, type, nullptr);
}

int set_init(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!refuse_keywords(rt, Py_TYPE(self), kwnames)) return -1;
    if (!check_count(rt, type_of(self), nargs)) return -1;
    if (set_len(self) > 0 || set_fill(self) > 0) set_clear(rt, self);
    if (nargs == 0) return 0;
    return set_update_from(rt, self, args[0]) ? 0 : -1;
}

PyObject* frozenset_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs,
                           PyObject* kwnames) {
    if (!refuse_keywords(rt, type, kwnames)) return nullptr;
    if (!check_count(rt, type->tp_name, nargs)) return nullptr;
    PyObject* iterable = nargs > 0 ? args[0] : nullptr;
    if (type != rt.builtins().frozenset_type) return set_new_from(rt, type, iterable);
    if (iterable != nullptr) {
        if (Py_TYPE(iterable) == type) return mapping_new_ref(rt, iterable);  // frozenset(f) is f
        PyObject* result = set_new_from(rt, type, iterable);
        if (result == nullptr || set_len(result) > 0 || rt.profile().at_least(3, 10)) return result;
        rt.decref(result);
    }
    PyObject* empty = frozenset_new(rt, nullptr);
    return empty != nullptr ? empty : err_no_memory(rt);
}

// ---- methods ----------------------------------------------------------------------------------

PyObject* m_add(Runtime& rt, PyObject* so, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_one_arg(rt, "set", "add", nargs, kwnames)) return nullptr;
    return set_add(rt, so, args[0]) ? none_ref(rt) : nullptr;
}

PyObject* m_discard(Runtime& rt, PyObject* so, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_one_arg(rt, "set", "discard", nargs, kwnames)) return nullptr;
    const int r = with_frozen_key(rt, args[0], [&](PyObject* k) { return set_discard(rt, so, k); });
    return r < 0 ? nullptr : none_ref(rt);
}

PyObject* m_remove(Runtime& rt, PyObject* so, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_one_arg(rt, "set", "remove", nargs, kwnames)) return nullptr;
    const int r = with_frozen_key(rt, args[0], [&](PyObject* k) { return set_discard(rt, so, k); });
    if (r < 0) return nullptr;
    if (r == 0) {
        err_set_key_error(rt, args[0]);
        return nullptr;
    }
    return none_ref(rt);
}

PyObject* m_pop(Runtime& rt, PyObject* so, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_no_args(rt, "set", "pop", nargs, kwnames)) return nullptr;
    return set_pop(rt, so);
}

PyObject* m_clear(Runtime& rt, PyObject* so, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_no_args(rt, "set", "clear", nargs, kwnames)) return nullptr;
    set_clear(rt, so);
    return none_ref(rt);
}

PyObject* m_copy(Runtime& rt, PyObject* so, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_no_args(rt, type_of(so), "copy", nargs, kwnames)) return nullptr;
    // frozenset.copy() of an exact frozenset is the frozenset itself.
    if (Py_TYPE(so) == rt.builtins().frozenset_type) return mapping_new_ref(rt, so);
    return set_copy_of(rt, so);
}

PyObject* m_contains(Runtime& rt, PyObject* so, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_one_arg(rt, type_of(so), "__contains__", nargs, kwnames)) return nullptr;
    const int r = set_sq_contains(rt, so, args[0]);
    return r < 0 ? nullptr : bool_from(rt, r > 0);
}

PyObject* m_union(Runtime& rt, PyObject* so, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_no_keywords(rt, type_of(so), "union", kwnames)) return nullptr;
    PyObject* result = set_copy_of(rt, so);
    for (Py_ssize_t i = 0; result != nullptr && i < nargs; ++i) {
        if (args[i] == so) continue;
        if (!set_update_from(rt, result, args[i])) {
            rt.decref(result);
            result = nullptr;
        }
    }
    return result;
}

PyObject* m_update(Runtime& rt, PyObject* so, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_no_keywords(rt, "set", "update", kwnames)) return nullptr;
    for (Py_ssize_t i = 0; i < nargs; ++i)
        if (!set_update_from(rt, so, args[i])) return nullptr;
    return none_ref(rt);
}

PyObject* m_intersection(Runtime& rt, PyObject* so, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_no_keywords(rt, type_of(so), "intersection", kwnames)) return nullptr;
    if (nargs == 0) return set_copy_of(rt, so);
    PyObject* result = mapping_new_ref(rt, so);
    for (Py_ssize_t i = 0; i < nargs; ++i) {
        PyObject* next = intersection(rt, result, args[i]);
        rt.decref(result);
        if (next == nullptr) return nullptr;
        result = next;
    }
    return result;
}

PyObject* m_intersection_update(Runtime& rt, PyObject* so, PyObject* const* args, Py_ssize_t nargs,
                                PyObject* kwnames) {
    PyObject* tmp = m_intersection(rt, so, args, nargs, kwnames);
    if (tmp == nullptr) return nullptr;
    set_swap_bodies(rt, so, tmp);
    rt.decref(tmp);
    return none_ref(rt);
}

PyObject* m_difference(Runtime& rt, PyObject* so, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_no_keywords(rt, type_of(so), "difference", kwnames)) return nullptr;
    if (nargs == 0) return set_copy_of(rt, so);
    PyObject* result = difference(rt, so, args[0]);
    for (Py_ssize_t i = 1; result != nullptr && i < nargs; ++i)
        if (!difference_update(rt, result, args[i])) {
            rt.decref(result);
            result = nullptr;
        }
    return result;
}

PyObject* m_difference_update(Runtime& rt, PyObject* so, PyObject* const* args, Py_ssize_t nargs,
                              PyObject* kwnames) {
    if (!mapping_no_keywords(rt, "set", "difference_update", kwnames)) return nullptr;
    for (Py_ssize_t i = 0; i < nargs; ++i)
        if (!difference_update(rt, so, args[i])) return nullptr;
    return none_ref(rt);
}

PyObject* m_symmetric_difference(Runtime& rt, PyObject* so, PyObject* const* args, Py_ssize_t nargs,
                                 PyObject* kwnames) {
    if (!mapping_one_arg(rt, type_of(so), "symmetric_difference", nargs, kwnames)) return nullptr;
    return symmetric_difference(rt, so, args[0]);
}

PyObject* m_symmetric_difference_update(Runtime& rt, PyObject* so, PyObject* const* args, Py_ssize_t nargs,
                                        PyObject* kwnames) {
    if (!mapping_one_arg(rt, "set", "symmetric_difference_update", nargs, kwnames)) return nullptr;
    return symmetric_difference_update(rt, so, args[0]) ? none_ref(rt) : nullptr;
}

PyObject* m_issubset(Runtime& rt, PyObject* so, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_one_arg(rt, type_of(so), "issubset", nargs, kwnames)) return nullptr;
    return issubset(rt, so, args[0]);
}

PyObject* m_issuperset(Runtime& rt, PyObject* so, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_one_arg(rt, type_of(so), "issuperset", nargs, kwnames)) return nullptr;
    return issuperset(rt, so, args[0]);
}

PyObject* m_isdisjoint(Runtime& rt, PyObject* so, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_one_arg(rt, type_of(so), "isdisjoint", nargs, kwnames)) return nullptr;
    PyObject* other = args[0];
    if (so == other) return bool_from(rt, set_len(so) == 0);
    if (exact_any_set(rt, other)) {
        if (set_len(other) > set_len(so)) std::swap(so, other);
        int64_t pos = 0;
        PyObject* key;
        Py_hash_t hash;
        while (set_next(rt, other, &pos, &key, &hash)) {
            const int rv = set_contains_known_hash(rt, so, key, hash);
            if (rv != 0) return rv < 0 ? nullptr : bool_from(rt, false);
        }
        return bool_from(rt, true);
    }
    PyObject* it = object_get_iter(rt, other);
    if (it == nullptr) return nullptr;
    int disjoint = 1;
    while (PyObject* key = iter_next(rt, it)) {
        const int rv = set_contains(rt, so, key);
        rt.decref(key);
        if (rv != 0) {
            disjoint = rv < 0 ? -1 : 0;
            break;
        }
    }
    rt.decref(it);
    if (disjoint < 0 || err_occurred(rt)) return nullptr;
    return bool_from(rt, disjoint != 0);
}

const PyMethodDef kSetMethods[] = {
    {"add", m_add, METH_VARARGS},
    {"clear", m_clear, METH_VARARGS},
    {"__contains__", m_contains, METH_VARARGS},
    {"copy", m_copy, METH_VARARGS},
    {"discard", m_discard, METH_VARARGS},
    {"difference", m_difference, METH_VARARGS},
    {"difference_update", m_difference_update, METH_VARARGS},
    {"intersection", m_intersection, METH_VARARGS},
    {"intersection_update", m_intersection_update, METH_VARARGS},
    {"isdisjoint", m_isdisjoint, METH_VARARGS},
    {"issubset", m_issubset, METH_VARARGS},
    {"issuperset", m_issuperset, METH_VARARGS},
    {"pop", m_pop, METH_VARARGS},
    {"remove", m_remove, METH_VARARGS},
    {"symmetric_difference", m_symmetric_difference, METH_VARARGS},
    {"symmetric_difference_update", m_symmetric_difference_update, METH_VARARGS},
    {"union", m_union, METH_VARARGS},
    {"update", m_update, METH_VARARGS},
    {nullptr, nullptr, 0},
};

const PyMethodDef kFrozensetMethods[] = {
    {"__contains__", m_contains, METH_VARARGS},
    {"copy", m_copy, METH_VARARGS},
    {"difference", m_difference, METH_VARARGS},
    {"intersection", m_intersection, METH_VARARGS},
    {"isdisjoint", m_isdisjoint, METH_VARARGS},
    {"issubset", m_issubset, METH_VARARGS},
    {"issuperset", m_issuperset, METH_VARARGS},
    {"symmetric_difference", m_symmetric_difference, METH_VARARGS},
    {"union", m_union, METH_VARARGS},
    {nullptr, nullptr, 0},
};

}  // namespace

bool set_difference_update_from(Runtime& rt, PyObject* s, PyObject* other) { return difference_update(rt, s, other); }
bool set_symmetric_difference_update_from(Runtime& rt, PyObject* s, PyObject* other) {
    return symmetric_difference_update(rt, s, other);
}
bool set_intersection_update_from(Runtime& rt, PyObject* s, PyObject* other) {
    return intersection_update(rt, s, other);
}
PyObject* set_intersection_of(Runtime& rt, PyObject* s, PyObject* other) { return intersection(rt, s, other); }

void init_set_methods(Runtime& rt) {
    Builtins& b = rt.builtins();
    const Profile& p = rt.profile();
    for (PyTypeObject* t : {b.set_type, b.frozenset_type}) {
        const bool mutable_set = t == b.set_type;
        t->tp_flags |= Py_TPFLAGS_BASETYPE;
        t->tp_repr = set_repr;
        t->tp_richcompare = set_richcompare;
        t->tp_iter = set_iter;
        t->tp_as_sequence.sq_length = set_length;
        t->tp_as_sequence.sq_contains = set_sq_contains;
        t->tp_as_number.nb_or = set_or;
        t->tp_as_number.nb_and = set_and;
        t->tp_as_number.nb_subtract = set_sub;
        t->tp_as_number.nb_xor = set_xor;
        t->tp_methods = mutable_set ? kSetMethods : kFrozensetMethods;
        if (mutable_set) {
            t->tp_new = set_tp_new;
            t->tp_init = set_init;
            t->tp_as_number.nb_inplace_or = set_inplace<set_update_from>;
            t->tp_as_number.nb_inplace_and = set_inplace<intersection_update>;
            t->tp_as_number.nb_inplace_subtract = set_inplace<difference_update>;
            t->tp_as_number.nb_inplace_xor = set_inplace<symmetric_difference_update>;
        } else {
            t->tp_new = frozenset_tp_new;
            t->tp_hash = frozenset_tp_hash;
        }
    }
    const TypeSizes& sizes = type_sizes(p);
    PyTypeObject* it = new_static_type(rt, p.major == 2 ? "setiterator" : "set_iterator",
                                       model_basicsize(sizes.set_iterator, sizeof(SetIterObject)), 0,
                                       {.dealloc = setiter_dealloc, .traverse = setiter_traverse});
    it->tp_iter = setiter_self;
    it->tp_iternext = setiter_next;
    it->tp_methods = kSetIterMethods;
    b.set_state.iterator_type = it;
}

}  // namespace pymemlab
