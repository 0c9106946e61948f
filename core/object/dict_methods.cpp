// dict's behaviour (Objects/dictobject.c): the mapping and sequence slots (d[k] with KeyError
// and a subclass's __missing__, del d[k], `in`, len), iteration, repr with its `{...}` guard,
// ==, dict(...) and d.update(...) from mappings, pairs and keywords, the methods (get,
// setdefault, pop, popitem, keys/values/items, copy, clear, fromkeys, __reversed__, 3.9's |
// and |=) and 2.7's list-returning keys()/values()/items(), has_key, iter* and view*.
// Storage is dict_object.cpp; views and iterators are dictview_object.cpp.
#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/dict_internal.h"
#include "object/dict_object.h"
#include "object/descr_object.h"
#include "object/dictview_object.h"
#include "object/errors.h"
#include "object/list_object.h"
#include "object/mapping_args.h"
#include "object/repr_guard.h"
#include "object/runtime.h"
#include "object/set_object.h"
#include "object/str_object.h"
#include "object/text_args.h"
#include "object/tuple_object.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {

using dict_detail::hash_for;

PyObject* none_ref(Runtime& rt) { return mapping_new_ref(rt, rt.builtins().singletons.none); }
bool is_dict(const Runtime& rt, const PyObject* o) { return object_type_check(o, rt.builtins().dict_type); }
bool is_exact_dict(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == rt.builtins().dict_type; }

// ---- merging from mappings and pairs --------------------------------------------------------

// PyDict_Merge: a dict that iterates as a dict merges entry by entry (dict_merge_dict); any
// other mapping through list(b.keys()) and b[key].
bool merge_mapping(Runtime& rt, PyObject* a, PyObject* b, int override) {
    if (is_dict(rt, b) && (rt.profile().major == 2 || Py_TYPE(b)->tp_iter == rt.builtins().dict_type->tp_iter))
        return dict_merge_dict(rt, a, b, override);
    PyObject* keys = object_call_method(rt, b, "keys", nullptr, 0);
    if (keys == nullptr) return false;
    if (rt.profile().at_least(3, 7)) {
        PyObject* list = sequence_list(rt, keys);
        rt.decref(keys);
        if (list == nullptr) return false;
        keys = list;
    }
    PyObject* it = object_get_iter(rt, keys);
    rt.decref(keys);
    if (it == nullptr) return false;
    bool ok = true;
    while (ok) {
        PyObject* key = iter_next(rt, it);
        if (key == nullptr) break;
        if (override != 1) {
            const int found = dict_contains(rt, a, key);
            if (found != 0) {
                if (found > 0 && override == 2) err_set_key_error(rt, key);
                ok = found > 0 && override == 0;
                rt.decref(key);
                continue;
            }
        }
        PyObject* value = object_getitem(rt, b, key);
        ok = value != nullptr && dict_setitem(rt, a, key, value);
        rt.xdecref(value);
        rt.decref(key);
    }
    rt.decref(it);
    return ok && !err_occurred(rt);
}

// type(message), with `note` added to its __notes__ (3.11+'s _PyErr_FormatNote).
void set_error_with_note(Runtime& rt, PyTypeObject* type, const char* message, const std::string& note) {
    err_set_string(rt, type, message);
    PyObject* exc = err_fetch(rt);
    PyObject* text = exc != nullptr ? str_from_utf8(rt, note) : nullptr;
    PyObject* r = text != nullptr ? object_call_method(rt, exc, "add_note", &text, 1) : nullptr;
    rt.xdecref(r);
    rt.xdecref(text);
    if (err_occurred(rt)) err_clear(rt);
    if (exc != nullptr) err_set_instance(rt, exc);
}

// PyDict_MergeFromSeq2: each item of seq is a 2-sequence (key, value).
bool merge_from_seq2(Runtime& rt, PyObject* d, PyObject* seq, int override) {
    PyObject* it = object_get_iter(rt, seq);
    if (it == nullptr) return false;
    const Builtins& b = rt.builtins();
    bool ok = true;
    for (int64_t i = 0; ok; ++i) {
        PyObject* item = iter_next(rt, it);
        if (item == nullptr) break;
        // PySequence_Fast: a list or tuple as it is, anything else copied into a list.
        PyObject* fast = item;
        if (Py_TYPE(item) == b.list_type || Py_TYPE(item) == b.tuple_type) {
            rt.incref(fast);
        } else if ((fast = sequence_list(rt, item)) == nullptr) {
            if (err_matches(rt, b.exc.TypeError)) {
                err_clear(rt);
                if (rt.profile().at_least(3, 14))
                    set_error_with_note(rt, b.exc.TypeError, "object is not iterable",
                                        "Cannot convert dictionary update sequence element #" + std::to_string(i) +
                                            " to a sequence");
                else
                    err_format(rt, b.exc.TypeError, "cannot convert dictionary update sequence element #%lld to a sequence",
                               static_cast<long long>(i));
            }
            rt.decref(item);
            ok = false;
            break;
        }
        const int64_t n = Py_SIZE(fast);
        if (n != 2) {
            err_format(rt, b.exc.ValueError, "dictionary update sequence element #%lld has length %lld; 2 is required",
                       static_cast<long long>(i), static_cast<long long>(n));
            ok = false;
        } else {
            PyObject** items = Py_TYPE(fast) == b.tuple_type ? tuple_items(fast) : list_items(fast);
            PyObject* key = items[0];
            PyObject* value = items[1];
            rt.incref(key);
            rt.incref(value);
            if (override) {
                ok = dict_setitem(rt, d, key, value);
            } else {
                const int found = dict_contains(rt, d, key);
                ok = found == 0 ? dict_setitem(rt, d, key, value) : found > 0;
            }
            rt.decref(key);
            rt.decref(value);
        }
        rt.decref(fast);
        rt.decref(item);
    }
    rt.decref(it);
    return ok && !err_occurred(rt);
}

// dict_update_arg: a dict (3.9+: checked first), anything with keys(), or pairs.
bool update_arg(Runtime& rt, PyObject* d, PyObject* arg) {
    if (rt.profile().at_least(3, 9) && is_exact_dict(rt, arg)) return dict_merge_dict(rt, d, arg, 1);
    PyObject* name = str_from_utf8(rt, "keys");
    if (name == nullptr) {
        err_no_memory(rt);
        return false;
    }
    str_intern_in_place(rt, &name);
    PyObject* keys = object_lookup_attr(rt, arg, name);
    rt.decref(name);
    if (keys == nullptr && err_occurred(rt)) return false;
    if (keys != nullptr) {
        rt.decref(keys);
        return merge_mapping(rt, d, arg, 1);
    }
    return merge_from_seq2(rt, d, arg, 1);
}

// dict_update_common: the positional argument, then the keywords in call order.
bool update_common(Runtime& rt, PyObject* d, const char* name, PyObject* const* args, Py_ssize_t nargs,
                   PyObject* kwnames) {
    if (!check_positional(rt, name, nargs, 0, 1, 7)) return false;
    if (nargs == 1 && !update_arg(rt, d, args[0])) return false;
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
    for (Py_ssize_t i = 0; i < nkw; ++i)
        if (!dict_setitem(rt, d, tuple_items(kwnames)[i], args[nargs + i])) return false;
    return true;
}

// ---- slots -----------------------------------------------------------------------------------

Py_ssize_t dict_length(Runtime& rt, PyObject* self) { return dict_len(rt, self); }

PyObject* dict_subscript(Runtime& rt, PyObject* self, PyObject* key) {
    const Py_hash_t hash = hash_for(rt, key, "dict key");
    if (hash == -1) return nullptr;
    PyObject* value = dict_getitem_known_hash(rt, self, key, hash);
    if (value != nullptr) return mapping_new_ref(rt, value);
    if (err_occurred(rt)) return nullptr;
    if (!is_exact_dict(rt, self)) {
        // A subclass's __missing__(key) answers for a missing key.
        if (PyObject* missing = lookup_special(rt, self, "__missing__")) {
            PyObject* call_args[] = {self, key};
            return object_vectorcall(rt, missing, call_args, 2, nullptr);
        }
        if (err_occurred(rt)) return nullptr;
    }
    err_set_key_error(rt, key);
    return nullptr;
}

int dict_ass_sub(Runtime& rt, PyObject* self, PyObject* key, PyObject* value) {
    if (value != nullptr) return dict_setitem(rt, self, key, value) ? 0 : -1;
    if (dict_delitem(rt, self, key)) return 0;
    if (!err_occurred(rt)) err_set_key_error(rt, key);
    return -1;
}

int dict_sq_contains(Runtime& rt, PyObject* self, PyObject* key) { return dict_contains(rt, self, key); }

PyObject* dict_iter(Runtime& rt, PyObject* self) { return dictiter_new(rt, self, kDictKeys, false); }

// "{k: v, ...}", each key and value held while its repr runs (a repr may change the dict); a
// dict met again inside its own repr prints "{...}".
PyObject* dict_repr(Runtime& rt, PyObject* self) {
    const int entered = repr_enter(rt, self);
    if (entered != 0) return entered > 0 ? str_from_utf8(rt, "{...}") : nullptr;
    std::string text = "{";
    bool ok = true;
    int64_t pos = 0;
    PyObject* key;
    PyObject* value;
    bool first = true;
    while (ok && dict_next(rt, self, &pos, &key, &value)) {
        rt.incref(key);
        rt.incref(value);
        if (!first) text += ", ";
        first = false;
        std::string part;
        ok = object_repr_utf8(rt, key, &part);
        if (ok) {
            text += part + ": ";
            ok = object_repr_utf8(rt, value, &part);
            if (ok) text += part;
        }
        rt.decref(key);
        rt.decref(value);
    }
    repr_leave(rt, self);
    if (!ok) return nullptr;
    return str_from_utf8(rt, text + "}");
}

// dict_equal: equal sizes, and every key of a found in b with an equal value.
int dict_equal(Runtime& rt, PyObject* a, PyObject* b) {
    if (dict_len(rt, a) != dict_len(rt, b)) return 0;
    int64_t pos = 0;
    PyObject* key;
    PyObject* aval;
    Py_hash_t hash;
    while (dict_next(rt, a, &pos, &key, &aval, &hash)) {
        rt.incref(aval);
        rt.incref(key);
        PyObject* bval = dict_getitem_known_hash(rt, b, key, hash);
        if (bval == nullptr) {
            rt.decref(key);
            rt.decref(aval);
            return err_occurred(rt) ? -1 : 0;
        }
        rt.incref(bval);
        const int cmp = object_richcompare_bool(rt, aval, bval, Py_EQ);
        rt.decref(key);
        rt.decref(aval);
        rt.decref(bval);
        if (cmp <= 0) return cmp;
    }
    return 1;
}

PyObject* dict_richcompare(Runtime& rt, PyObject* a, PyObject* b, int op) {
    if (!is_dict(rt, a) || !is_dict(rt, b) || (op != Py_EQ && op != Py_NE))
        return mapping_new_ref(rt, rt.builtins().singletons.not_implemented);
    const int cmp = dict_equal(rt, a, b);
    if (cmp < 0) return nullptr;
    return bool_from(rt, (cmp == 1) == (op == Py_EQ));
}

PyObject* dict_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const*, Py_ssize_t, PyObject*) {
    PyObject* d = dict_new_from_type(rt, type);
    return d != nullptr ? d : err_no_memory(rt);
}

int dict_init(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    return update_common(rt, self, "dict", args, nargs, kwnames) ? 0 : -1;
}

// d | other (3.9+): a copy of d updated from other, for two dicts only.
PyObject* dict_or(Runtime& rt, PyObject* a, PyObject* b) {
    if (!is_dict(rt, a) || !is_dict(rt, b)) return mapping_new_ref(rt, rt.builtins().singletons.not_implemented);
    PyObject* result = dict_copy(rt, a);
    if (result == nullptr) return nullptr;
    if (!update_arg(rt, result, b)) {
        rt.decref(result);
        return nullptr;
    }
    return result;
}

// d |= other: an update from any mapping or pairs.
PyObject* dict_ior(Runtime& rt, PyObject* self, PyObject* other) {
    if (!update_arg(rt, self, other)) return nullptr;
    return mapping_new_ref(rt, self);
}

// ---- methods ---------------------------------------------------------------------------------

PyObject* dict_get(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_positional(rt, "dict", "get", nargs, kwnames, 1, 2)) return nullptr;
    PyObject* value = dict_getitem(rt, self, args[0]);
    if (value == nullptr && err_occurred(rt)) return nullptr;
    if (value == nullptr) return nargs > 1 ? mapping_new_ref(rt, args[1]) : none_ref(rt);
    return mapping_new_ref(rt, value);
}

// PyDict_SetDefault: one hash, the value found or the default inserted under it.
PyObject* dict_setdefault(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_positional(rt, "dict", "setdefault", nargs, kwnames, 1, 2)) return nullptr;
    PyObject* key = args[0];
    PyObject* dflt = nargs > 1 ? args[1] : rt.builtins().singletons.none;
    const Py_hash_t hash = hash_for(rt, key, "dict key");
    if (hash == -1) return nullptr;
    PyObject* value = dict_getitem_known_hash(rt, self, key, hash);
    if (value != nullptr) return mapping_new_ref(rt, value);
    if (err_occurred(rt)) return nullptr;
    if (!dict_setitem_known_hash(rt, self, key, hash, dflt)) return nullptr;
    return mapping_new_ref(rt, dflt);
}

PyObject* dict_pop_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_positional(rt, "dict", "pop", nargs, kwnames, 1, 2)) return nullptr;
    PyObject* value = nullptr;
    const int found = dict_pop(rt, self, args[0], &value);
    if (found < 0) return nullptr;
    if (found > 0) return value;
    if (nargs > 1) return mapping_new_ref(rt, args[1]);
    err_set_key_error(rt, args[0]);
    return nullptr;
}

PyObject* dict_popitem_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_no_args(rt, "dict", "popitem", nargs, kwnames)) return nullptr;
    return dict_popitem(rt, self);
}

// 2.7's keys(), values(), items(): lists made in one pass (the list, then for items each
// pair's tuple, before any entry is read).
PyObject* dict_list_of(Runtime& rt, PyObject* self, DictItemKind kind) {
    const int64_t n = dict_len(rt, self);
    PyObject* list = list_new(rt, n);
    if (list == nullptr) return err_no_memory(rt);
    if (kind == kDictItems)
        for (int64_t i = 0; i < n; ++i) {
            PyObject* pair = tuple_new(rt, 2);
            if (pair == nullptr) {
                rt.decref(list);
                return err_no_memory(rt);
            }
            list_items(list)[i] = pair;
        }
    int64_t pos = 0;
    PyObject* key;
    PyObject* value;
    for (int64_t j = 0; j < n && dict_next(rt, self, &pos, &key, &value); ++j) {
        rt.incref(key);
        rt.incref(value);
        if (kind == kDictKeys) {
            list_items(list)[j] = key;
            rt.decref(value);
        } else if (kind == kDictValues) {
            list_items(list)[j] = value;
            rt.decref(key);
        } else {
            tuple_items(list_items(list)[j])[0] = key;
            tuple_items(list_items(list)[j])[1] = value;
        }
    }
    return list;
}

template <DictItemKind Kind>
PyObject* dict_view_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    static const char* const names[] = {"keys", "values", "items"};
    if (!mapping_no_args(rt, "dict", names[Kind], nargs, kwnames)) return nullptr;
    if (rt.profile().major == 2) return dict_list_of(rt, self, Kind);
    return dictview_new(rt, self, Kind);
}

template <DictItemKind Kind>
PyObject* dict_view27(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    static const char* const names[] = {"viewkeys", "viewvalues", "viewitems"};
    if (!mapping_no_args(rt, "dict", names[Kind], nargs, kwnames)) return nullptr;
    return dictview_new(rt, self, Kind);
}

template <DictItemKind Kind>
PyObject* dict_iter27(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    static const char* const names[] = {"iterkeys", "itervalues", "iteritems"};
    if (!mapping_no_args(rt, "dict", names[Kind], nargs, kwnames)) return nullptr;
    return dictiter_new(rt, self, Kind, false);
}

PyObject* dict_has_key(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_one_arg(rt, "dict", "has_key", nargs, kwnames)) return nullptr;
    const int found = dict_contains(rt, self, args[0]);
    return found < 0 ? nullptr : bool_from(rt, found > 0);
}

PyObject* dict_update(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (!update_common(rt, self, "update", args, nargs, kwnames)) return nullptr;
    return none_ref(rt);
}

PyObject* dict_copy_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_no_args(rt, "dict", "copy", nargs, kwnames)) return nullptr;
    return dict_copy(rt, self);
}

PyObject* dict_clear_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_no_args(rt, "dict", "clear", nargs, kwnames)) return nullptr;
    dict_clear(rt, self);
    return none_ref(rt);
}

PyObject* dict_contains_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                               PyObject* kwnames) {
    if (!mapping_one_arg(rt, "dict", "__contains__", nargs, kwnames)) return nullptr;
    const int found = dict_contains(rt, self, args[0]);
    return found < 0 ? nullptr : bool_from(rt, found > 0);
}

PyObject* dict_getitem_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                              PyObject* kwnames) {
    if (!mapping_one_arg(rt, "dict", "__getitem__", nargs, kwnames)) return nullptr;
    return dict_subscript(rt, self, args[0]);
}

PyObject* dict_reversed(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (!mapping_no_args(rt, "dict", "__reversed__", nargs, kwnames)) return nullptr;
    return dictiter_new(rt, self, kDictKeys, true);
}

// fromkeys's presized paths: an empty exact dict filled from an exact dict or set, each key
// inserted with the hash it already carries.
PyObject* fromkeys_presized(Runtime& rt, PyObject* d, PyObject* iterable, PyObject* value, bool from_dict) {
    const Profile& p = rt.profile();
    const int64_t n = from_dict ? dict_len(rt, iterable) : set_len(iterable);
    // 2.7 asks dictresize for n / 2 * 3 slots' worth; 3.x for ESTIMATE_SIZE(n).
    const int64_t minsize = p.major == 2 ? n / 2 * 3 : (n * 3 + 1) >> 1;
    if (!dict_resize(rt, d, minsize, from_dict && dict_keys_unicode(rt, iterable))) {
        rt.decref(d);
        return nullptr;
    }
    int64_t pos = 0;
    PyObject* key;
    Py_hash_t hash;
    while (from_dict ? dict_next(rt, iterable, &pos, &key, nullptr, &hash) : set_next(rt, iterable, &pos, &key, &hash))
        if (!dict_setitem_known_hash(rt, d, key, hash, value)) {
            rt.decref(d);
            return nullptr;
        }
    return d;
}

// dict.fromkeys(iterable, value=None), a classmethod: called through the classmethod wrapper,
// the class comes first among the arguments.
PyObject* dict_fromkeys(Runtime& rt, PyObject* cls, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (cls == nullptr && nargs > 0) {
        cls = args[0];
        ++args;
        --nargs;
    }
    if (!mapping_positional(rt, "dict", "fromkeys", nargs, kwnames, 1, 2)) return nullptr;
    PyObject* iterable = args[0];
    PyObject* value = nargs > 1 ? args[1] : rt.builtins().singletons.none;
    PyObject* d = object_call_noargs(rt, cls);
    if (d == nullptr) return nullptr;
    const Builtins& b = rt.builtins();
    if (is_exact_dict(rt, d) && (rt.profile().major == 2 || dict_len(rt, d) == 0)) {
        if (is_exact_dict(rt, iterable)) return fromkeys_presized(rt, d, iterable, value, true);
        if (Py_TYPE(iterable) == b.set_type || Py_TYPE(iterable) == b.frozenset_type)
            return fromkeys_presized(rt, d, iterable, value, false);
    }
    PyObject* it = object_get_iter(rt, iterable);
    if (it == nullptr) {
        rt.decref(d);
        return nullptr;
    }
    const bool exact = is_exact_dict(rt, d);
    bool ok = true;
    while (PyObject* key = iter_next(rt, it)) {
        ok = exact ? dict_setitem(rt, d, key, value) : object_setitem(rt, d, key, value) == 0;
        rt.decref(key);
        if (!ok) break;
    }
    rt.decref(it);
    if (!ok || err_occurred(rt)) {
        rt.decref(d);
        return nullptr;
    }
    return d;
}

const PyMethodDef kDictMethods3[] = {
    {"__contains__", dict_contains_method, METH_VARARGS},
    {"__getitem__", dict_getitem_method, METH_VARARGS},
    {"get", dict_get, METH_VARARGS},
    {"setdefault", dict_setdefault, METH_VARARGS},
    {"pop", dict_pop_method, METH_VARARGS},
    {"popitem", dict_popitem_method, METH_VARARGS},
    {"keys", dict_view_method<kDictKeys>, METH_VARARGS},
    {"items", dict_view_method<kDictItems>, METH_VARARGS},
    {"values", dict_view_method<kDictValues>, METH_VARARGS},
    {"update", dict_update, METH_VARARGS},
    {"clear", dict_clear_method, METH_VARARGS},
    {"copy", dict_copy_method, METH_VARARGS},
    {"__reversed__", dict_reversed, METH_VARARGS},  // 3.8+: dropped below for 3.6
    {nullptr, nullptr, 0},
};

const PyMethodDef kDictMethods27[] = {
    {"__contains__", dict_contains_method, METH_VARARGS},
    {"__getitem__", dict_getitem_method, METH_VARARGS},
    {"has_key", dict_has_key, METH_VARARGS},
    {"get", dict_get, METH_VARARGS},
    {"setdefault", dict_setdefault, METH_VARARGS},
    {"pop", dict_pop_method, METH_VARARGS},
    {"popitem", dict_popitem_method, METH_VARARGS},
    {"keys", dict_view_method<kDictKeys>, METH_VARARGS},
    {"items", dict_view_method<kDictItems>, METH_VARARGS},
    {"values", dict_view_method<kDictValues>, METH_VARARGS},
    {"viewkeys", dict_view27<kDictKeys>, METH_VARARGS},
    {"viewitems", dict_view27<kDictItems>, METH_VARARGS},
    {"viewvalues", dict_view27<kDictValues>, METH_VARARGS},
    {"update", dict_update, METH_VARARGS},
    {"clear", dict_clear_method, METH_VARARGS},
    {"copy", dict_copy_method, METH_VARARGS},
    {"iterkeys", dict_iter27<kDictKeys>, METH_VARARGS},
    {"itervalues", dict_iter27<kDictValues>, METH_VARARGS},
    {"iteritems", dict_iter27<kDictItems>, METH_VARARGS},
    {nullptr, nullptr, 0},
};

const PyMethodDef kDictFromkeys = {"fromkeys", dict_fromkeys, METH_CLASS};

// 3.6: kDictMethods3 without its last entry (__reversed__ came in 3.8).
constexpr size_t kDictMethods3Count = sizeof(kDictMethods3) / sizeof(kDictMethods3[0]);
PyMethodDef kDictMethods36[kDictMethods3Count - 1];

}  // namespace

void init_dict_methods(Runtime& rt) {
    const Profile& p = rt.profile();
    PyTypeObject* t = rt.builtins().dict_type;
    t->tp_flags |= Py_TPFLAGS_BASETYPE | Py_TPFLAGS_DICT_SUBCLASS;
    t->tp_repr = dict_repr;
    t->tp_richcompare = dict_richcompare;
    t->tp_iter = dict_iter;
    t->tp_new = dict_tp_new;
    t->tp_init = dict_init;
    t->tp_as_mapping.mp_length = dict_length;
    t->tp_as_mapping.mp_subscript = dict_subscript;
    t->tp_as_mapping.mp_ass_subscript = dict_ass_sub;
    t->tp_as_sequence.sq_contains = dict_sq_contains;
    if (p.at_least(3, 9)) {
        t->tp_as_number.nb_or = dict_or;
        t->tp_as_number.nb_inplace_or = dict_ior;
    }
    if (p.major == 2) {
        t->tp_methods = kDictMethods27;
    } else if (p.at_least(3, 8)) {
        t->tp_methods = kDictMethods3;
    } else {
        for (size_t i = 0; i + 2 < kDictMethods3Count; ++i) kDictMethods36[i] = kDictMethods3[i];
        kDictMethods36[kDictMethods3Count - 2] = {nullptr, nullptr, 0};
        t->tp_methods = kDictMethods36;
    }
}

}  // namespace pymemlab

namespace pymemlab {

bool dict_merge(Runtime& rt, PyObject* a, PyObject* b, int override) { return merge_mapping(rt, a, b, override); }

bool dict_update_from(Runtime& rt, PyObject* d, PyObject* arg) { return update_arg(rt, d, arg); }

void dict_add_class_methods(Runtime& rt) {
    Builtins& b = rt.builtins();
    PyObject* f = cfunction_new(rt, &kDictFromkeys, nullptr);
    if (f == nullptr) return;
    PyObject* wrapped = object_call_one(rt, reinterpret_cast<PyObject*>(b.classmethod_type), f);
    rt.decref(f);
    if (wrapped == nullptr) {
        err_clear(rt);
        return;
    }
    type_add_to_dict(rt, b.dict_type, "fromkeys", wrapped);  // takes the reference
}

}  // namespace pymemlab
