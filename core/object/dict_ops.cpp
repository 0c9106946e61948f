// dict storage operations that methods build on: popitem (3.x the last entry, 2.7 the slot
// after its finger), iteration by position, clone_combined_dict, dict_merge with its presizing
// resize, and PyDict_Copy per version. The tables themselves are dict_object.cpp and
// dict_object27.cpp.
#include <cstring>

#include "object/builtins.h"
#include "object/dict_internal.h"
#include "object/dict_split.h"
#include "object/instance_values.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/runtime.h"
#include "object/tuple_object.h"

namespace pymemlab {

using namespace dict_detail;

PyObject* dict_popitem(Runtime& rt, PyObject* d) {
    // The result tuple comes first, before the size is checked (as CPython allocates it).
    PyObject* res = tuple_new(rt, 2);
    if (res == nullptr) return err_no_memory(rt);
    if (dict_len(rt, d) == 0) {
        rt.decref(res);
        return err_set_string(rt, rt.builtins().exc.KeyError, "popitem(): dictionary is empty");
    }
    PyObject* key;
    PyObject* value;
    if (rt.profile().major == 2) {
        // ma_table[0].me_hash is the search finger while slot 0 holds no value.
        PyDictKeyEntry* table = table27(d);
        const int64_t mask = as_dict27(d)->ma_mask;
        int64_t i = 0;
        if (table[0].me_value.p == nullptr) {
            i = table[0].me_hash;
            if (i > mask || i < 1) i = 1;
            while (table[i].me_value.p == nullptr)
                if (++i > mask) i = 1;
        }
        key = table[i].me_key.p;
        rt.incref(key);
        value = delitem_at27(rt, d, &table[i]);
        table[0].me_hash = i + 1;
    } else {
        // A split table is made combined first (popitem's dictresize, to the same size).
        if (keys_of(rt, d).split() && !dictresize_to(rt, d, keys_of(rt, d).size(), true)) {
            err_no_memory(rt);
            rt.decref(res);
            return nullptr;
        }
        Keys keys = keys_of(rt, d);
        int64_t i = keys.nentries() - 1;
        while (i >= 0 && keys.value(i) == nullptr) --i;
        key = keys.key(i);
        const Py_hash_t hash = keys.hash(rt, i);
        // lookdict_index: the slot holding entry i.
        const uint64_t mask = static_cast<uint64_t>(keys.size()) - 1;
        uint64_t slot = static_cast<uint64_t>(hash) & mask;
        for (uint64_t perturb = static_cast<uint64_t>(hash); keys.index(static_cast<int64_t>(slot)) != i;) {
            perturb >>= PERTURB_SHIFT;
            slot = (slot * 5 + perturb + 1) & mask;
        }
        keys.set_index(static_cast<int64_t>(slot), DKIX_DUMMY);
        value = keys.value(i);
        keys.key(i) = nullptr;
        keys.value(i) = nullptr;
        // dk_usable stays: the dummy index still takes a slot.
        keys.nentries() = i;
        --as_dict(d)->ma_used;
        if (!is_compact311(rt.profile()) && keys.lookup() == lookdict_unicode_nodummy) keys.lookup() = lookdict_unicode;
    }
    tuple_items(res)[0] = key;
    tuple_items(res)[1] = value;
    return res;
}

bool dict_next(const Runtime& rt, const PyObject* d, int64_t* pos, PyObject** key, PyObject** value, Py_hash_t* hash) {
    int64_t i = *pos;
    if (i < 0) return false;
    if (rt.profile().major == 2) {
        const PyDictKeyEntry* table = table27(d);
        const int64_t mask = as_dict27(d)->ma_mask;
        while (i <= mask && table[i].me_value.p == nullptr) ++i;
        if (i > mask) return false;
        *pos = i + 1;
        if (key != nullptr) *key = table[i].me_key.p;
        if (value != nullptr) *value = table[i].me_value.p;
        if (hash != nullptr) *hash = table[i].me_hash;
        return true;
    }
    const Keys keys = keys_of(rt, d);
    if (keys.split()) {
        // 3.11+ split table: position i is the i-th entry of the values' insertion order.
        if (i >= as_dict(d)->ma_used) return false;
        const int64_t ix = split_values_order_at(rt, as_dict(d)->ma_values.p, i);
        *pos = i + 1;
        if (key != nullptr) *key = keys.key(ix);
        if (value != nullptr) *value = keys.value(ix);
        if (hash != nullptr) *hash = keys.hash(const_cast<Runtime&>(rt), ix);
        return true;
    }
    const int64_t n = keys.nentries();
    while (i < n && keys.value(i) == nullptr) ++i;
    if (i >= n) return false;
    *pos = i + 1;
    if (key != nullptr) *key = keys.key(i);
    if (value != nullptr) *value = keys.value(i);
    if (hash != nullptr) *hash = keys.hash(const_cast<Runtime&>(rt), i);
    return true;
}

int64_t dict_positions(const Runtime& rt, const PyObject* d) {
    if (rt.profile().major == 2) return as_dict27(d)->ma_mask + 1;
    return keys_of(rt, d).split() ? as_dict(d)->ma_used : keys_of(rt, d).nentries();
}

bool dict_entry_at(const Runtime& rt, const PyObject* d, int64_t i, PyObject** key, PyObject** value) {
    if (i < 0 || i >= dict_positions(rt, d)) return false;
    int64_t pos = i;
    PyObject* k = nullptr;
    PyObject* v = nullptr;
    if (!dict_next(rt, d, &pos, &k, &v) || pos != i + 1) return false;
    *key = k;
    *value = v;
    return true;
}

bool dict_resize(Runtime& rt, PyObject* d, int64_t minsize, bool unicode) {
    const bool ok = rt.profile().major == 2 ? dictresize27(rt, d, minsize) : dictresize(rt, d, minsize, unicode);
    if (!ok) err_no_memory(rt);
    return ok;
}

bool dict_keys_unicode(const Runtime& rt, const PyObject* d) {
    return rt.profile().major == 3 && keys_of(rt, d).unicode();
}

namespace {

// clone_combined_dict_keys (3.7+): a byte copy of d's keys block from the allocator (never the
// keys free list), each active key and value referenced once more.
unsigned char* clone_keys(Runtime& rt, const PyObject* d) {
    const Profile& p = rt.profile();
    const Keys old = keys_of(rt, d);
    const auto bytes = static_cast<size_t>(keys_bytes(p, old.size(), old.unicode()));
    auto* k = static_cast<unsigned char*>(rt.obj_malloc(bytes));
    if (k == nullptr) return nullptr;
    std::memcpy(k, old.base(), bytes);
    Keys keys(is_compact311(p), k);
    keys.refcnt() = 1;
    for (int64_t i = 0, n = keys.nentries(); i < n; ++i)
        if (keys.value(i) != nullptr) {
            rt.incref(keys.key(i));
            rt.incref(keys.value(i));
        }
    return k;
}

// Points an empty dict at cloned keys (the empty keys it held are released).
void adopt_keys(Runtime& rt, PyObject* d, unsigned char* keys, int64_t used, const PyObject* source) {
    unsigned char* old = as_dict(d)->ma_keys.p;
    // An empty split target lets its values go (3.13 inline values become invalid).
    if (split_values_of(rt, d) != nullptr) split_values_release(rt, as_dict(d)->ma_values.p);
    as_dict(d)->ma_keys.p = keys;
    as_dict(d)->ma_values.p = nullptr;
    as_dict(d)->ma_used = used;
    dictkeys_decref(rt, old);
    if (rt.gc_is_tracked(source) && !rt.gc_is_tracked(d)) rt.gc_track(d);
}

// ESTIMATE_SIZE: the table size argument that holds n entries without a resize.
int64_t estimate_size(int64_t n) { return (n * 3 + 1) >> 1; }

bool merge3(Runtime& rt, PyObject* a, PyObject* b, int override) {
    const Profile& p = rt.profile();
    if (a == b || as_dict(b)->ma_used == 0) return true;
    if (as_dict(a)->ma_used == 0) {
        override = 1;
        // 3.10+: a clean, just-grown source is cloned whole into an empty target.
        const Keys okeys = keys_of(rt, b);
        if (p.at_least(3, 10) && !okeys.split() && as_dict(b)->ma_used == okeys.nentries() &&
            (okeys.size() == PyDict_MINSIZE || usable_fraction(okeys.size() / 2) < as_dict(b)->ma_used)) {
            unsigned char* keys = clone_keys(rt, b);
            if (keys == nullptr) {
                err_no_memory(rt);
                return false;
            }
            adopt_keys(rt, a, keys, as_dict(b)->ma_used, b);
            return true;
        }
    }
    // One resize up front rather than several while inserting.
    if (usable_fraction(keys_of(rt, a).size()) < as_dict(b)->ma_used &&
        !dict_resize(rt, a, estimate_size(as_dict(a)->ma_used + as_dict(b)->ma_used), keys_of(rt, b).unicode()))
        return false;
    const int64_t n = keys_of(rt, b).nentries();
    for (int64_t i = 0; i < n; ++i) {
        const Keys okeys = keys_of(rt, b);
        if (i >= okeys.nentries() || okeys.value(i) == nullptr) continue;
        PyObject* key = okeys.key(i);
        PyObject* value = okeys.value(i);
        const Py_hash_t hash = okeys.hash(rt, i);
        rt.incref(key);
        rt.incref(value);
        bool ok = true;
        if (override == 1) {
            ok = insertdict3(rt, a, key, hash, value);
        } else if (dict_getitem_known_hash(rt, a, key, hash) == nullptr) {
            ok = !err_occurred(rt) && insertdict3(rt, a, key, hash, value);
        } else if (override != 0) {
            err_set_key_error(rt, key);
            ok = false;
        }
        rt.decref(value);
        rt.decref(key);
        if (!ok) return false;
        if (n != keys_of(rt, b).nentries()) {
            err_set_string(rt, rt.builtins().exc.RuntimeError, "dict mutated during update");
            return false;
        }
    }
    return true;
}

bool merge27(Runtime& rt, PyObject* a, PyObject* b, int override) {
    PyDictObject27* mp = as_dict27(a);
    const PyDictObject27* other = as_dict27(b);
    if (a == b || other->ma_used == 0) return true;
    if ((mp->ma_fill + other->ma_used) * 3 >= (mp->ma_mask + 1) * 2 &&
        !dict_resize(rt, a, (mp->ma_used + other->ma_used) * 2, false))
        return false;
    for (int64_t i = 0; i <= as_dict27(b)->ma_mask; ++i) {
        const PyDictKeyEntry& e = table27(b)[i];
        if (e.me_value.p == nullptr) continue;
        PyObject* key = e.me_key.p;
        PyObject* value = e.me_value.p;
        const Py_hash_t hash = e.me_hash;
        if (override == 0 || override == 2) {
            if (dict_getitem_known_hash(rt, a, key, hash) != nullptr) {
                if (override == 2) {
                    err_set_key_error(rt, key);
                    return false;
                }
                continue;
            }
            if (err_occurred(rt)) return false;
        }
        if (!insertdict27(rt, a, key, hash, value)) return false;
    }
    return true;
}

}  // namespace

bool dict_merge_dict(Runtime& rt, PyObject* a, PyObject* b, int override) {
    return rt.profile().major == 2 ? merge27(rt, a, b, override) : merge3(rt, a, b, override);
}

PyObject* dict_copy(Runtime& rt, PyObject* d) {
    const Profile& p = rt.profile();
    // A split table's copy shares its keys and gets values of its own (dict_split.h).
    if (p.major == 3 && !p.at_least(3, 7) && keys_of(rt, d).split()) return split_copy(rt, d);
    if (p.at_least(3, 7)) {
        if (as_dict(d)->ma_used == 0) {
            PyObject* copy = dict_new(rt);
            return copy != nullptr ? copy : err_no_memory(rt);
        }
        const Keys keys = keys_of(rt, d);
        if (keys.split()) return split_copy(rt, d);
        // clone_combined_dict, unless a third or more of the entries are deleted ones.
        if (Py_TYPE(d)->tp_iter == rt.builtins().dict_type->tp_iter && as_dict(d)->ma_used >= keys.nentries() * 2 / 3) {
            unsigned char* k = clone_keys(rt, d);
            if (k == nullptr) return err_no_memory(rt);
            PyObject* copy = dict_new(rt);
            if (copy == nullptr) {
                dictkeys_decref(rt, k);
                return err_no_memory(rt);
            }
            adopt_keys(rt, copy, k, as_dict(d)->ma_used, d);
            return copy;
        }
    }
    PyObject* copy = dict_new(rt);
    if (copy == nullptr) return err_no_memory(rt);
    if (!dict_merge_dict(rt, copy, d, 1)) {
        rt.decref(copy);
        return nullptr;
    }
    return copy;
}

}  // namespace pymemlab
