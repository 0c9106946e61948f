// dict: the 3.x compact dict (keys object, index table, lookups that restart when __eq__
// changed the table, insertdict, dictresize with each version's growth rule), then what both
// lines share: creation through the free list, dealloc, traversal, tracking, sizes, and hashing
// and comparing keys. 2.7's open table is dict_object27.cpp; popitem, iteration by position,
// copy and merge are dict_ops.cpp; the type's slots and methods are dict_methods.cpp; what makes
// and unmakes split tables is dict_split.cpp (3.6-3.10) and instance_values.cpp (3.11+).
// Not modelled: ma_version_tag.
#include "object/dict_object.h"

#include <cstring>
#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/bytes_object.h"
#include "object/dict_internal.h"
#include "object/dict_split.h"
#include "object/dictview_object.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/instance_values.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"
#include "object/type_object.h"

namespace pymemlab {

using namespace dict_detail;

namespace dict_detail {

PyObject** split_values_of(const Runtime& rt, const PyObject* d) {
    if (rt.profile().major == 2) return nullptr;
    void* values = as_dict(d)->ma_values.p;
    if (values == nullptr || values == rt.builtins().dict_state.empty_values) return nullptr;
    return split_values_array(rt, values);
}


// ================================ 3.x: the keys object ========================================

// new_keys_object: an 8-slot request comes from the keys free list when it has one (3.11+:
// str-keyed tables only); indices all DKIX_EMPTY, entries zero.
unsigned char* new_keys_object(Runtime& rt, int64_t size, bool unicode) {
    const Profile& p = rt.profile();
    const bool v311 = is_compact311(p);
    unicode = unicode && v311;  // before 3.11 every table has 24-byte entries
    DictState& s = rt.builtins().dict_state;
    unsigned char* k;
    if (size == PyDict_MINSIZE && s.keys_numfree > 0 && (!v311 || unicode))
        k = static_cast<unsigned char*>(s.keys_free_list[--s.keys_numfree]);
    else if ((k = static_cast<unsigned char*>(rt.obj_malloc(static_cast<size_t>(keys_bytes(p, size, unicode))))) == nullptr)
        return nullptr;
    // The header field by field (its padding zeroed), each layout's size a constant.
    const auto ix_bytes = static_cast<size_t>(size * index_bytes(size));
    unsigned char* indices;
    if (v311) {
        std::memset(k, 0, sizeof(PyDictKeysObject311));
        auto* h = reinterpret_cast<PyDictKeysObject311*>(k);
        h->dk_refcnt = 1;
        h->dk_log2_size = static_cast<uint8_t>(bit_length(static_cast<uint64_t>(size)) - 1);
        h->dk_log2_index_bytes = static_cast<uint8_t>(h->dk_log2_size + bit_length(static_cast<uint64_t>(index_bytes(size))) - 1);
        h->dk_kind = unicode ? DICT_KEYS_UNICODE : DICT_KEYS_GENERAL;
        h->dk_usable = usable_fraction(size);
        indices = k + sizeof(PyDictKeysObject311);
    } else {
        auto* h = reinterpret_cast<PyDictKeysObject36*>(k);
        *h = PyDictKeysObject36{1, size, lookdict_unicode_nodummy, usable_fraction(size), 0};  // no padding
        indices = k + sizeof(PyDictKeysObject36);
    }
    std::memset(indices, 0xff, ix_bytes);
    std::memset(indices + ix_bytes, 0, static_cast<size_t>(usable_fraction(size)) * (unicode ? sizeof(PyDictUnicodeEntry) : sizeof(PyDictKeyEntry)));
    return k;
}

// Gives a keys block back: to the keys free list if it has 8 slots (3.11+: and str keys),
// else to the allocator. dictresize never feeds the free list in 3.6.
void release_keys_block(Runtime& rt, Keys keys, bool from_resize) {
    const Profile& p = rt.profile();
    DictState& s = rt.builtins().dict_state;
    const bool kept_kind = is_compact311(p) ? keys.unicode() : !(from_resize && !p.at_least(3, 7));
    if (keys.size() == PyDict_MINSIZE && kept_kind && s.keys_numfree < kDictMaxFreeList) {
        s.keys_free_list[s.keys_numfree++] = keys.base();
        return;
    }
    rt.obj_free(keys.base());
}

// dictkeys_decref: the empty keys are only counted (not at all once immortal, 3.12+); a
// combined table's keys die with their dict: free_keys_object releases each entry's key and
// value, first to last.
void dictkeys_decref(Runtime& rt, unsigned char* k) {
    if (is_empty_keys(rt, k)) {
        if (!rt.profile().has_immortal_objects()) --Keys::refcnt_of(k);
        return;
    }
    if (--Keys::refcnt_of(k) != 0) return;
    const Keys keys(is_compact311(rt.profile()), k);
    if (!rt.builtins().dict_state.orphan_keys.empty()) forget_keys(rt, k);
    for (int64_t i = 0, n = keys.nentries(); i < n; ++i) {
        rt.xdecref(keys.key(i));
        rt.xdecref(keys.value(i));
    }
    release_keys_block(rt, keys, false);
}

// Points d at the empty keys (and, 3.6-3.10, the empty values): {} and a cleared dict.
void set_empty_keys(Runtime& rt, PyObject* d) {
    DictState& s = rt.builtins().dict_state;
    if (!rt.profile().has_immortal_objects()) ++Keys::refcnt_of(s.empty_keys);
    as_dict(d)->ma_keys.p = s.empty_keys;
    as_dict(d)->ma_values.p = rt.profile().at_least(3, 11) ? nullptr : s.empty_values;
}

// The table size dictresize picks for `minsize`: the smallest power of two >= minsize, at
// least 8. From 3.10, calculate_keysize computes it as bit_length((minsize | 8) - 1 | 7),
// which for a minsize below 8 other than 0 gives 16, not 8: a dict shrunk to one key
// regrows to 16 slots.
int64_t new_table_size(const Profile& p, int64_t minsize) {
    if (p.at_least(3, 10)) {
        const uint64_t m = (static_cast<uint64_t>(minsize) | PyDict_MINSIZE) - 1;
        return int64_t{1} << bit_length(m | (PyDict_MINSIZE - 1));
    }
    int64_t size = PyDict_MINSIZE;
    while (size < minsize) size <<= 1;
    return size;
}

// GROWTH_RATE: used*2 + dk_size/2 in 3.6 (3.4-3.6), used*3 from 3.7 (bpo-33205).
int64_t growth_rate(const Runtime& rt, const PyObject* d) {
    const int64_t used = as_dict(d)->ma_used;
    if (!rt.profile().at_least(3, 7)) return used * 2 + (keys_of(rt, d).size() >> 1);
    return used * 3;
}

bool dictresize(Runtime& rt, PyObject* d, int64_t minsize, bool unicode) {
    return dictresize_to(rt, d, new_table_size(rt.profile(), minsize), unicode);
}

// dictresize: a new keys object (allocated before the old is released) holding the active
// entries in order, indices rebuilt. The old keys go to the free list or the allocator.
bool dictresize_to(Runtime& rt, PyObject* d, int64_t size, bool unicode) {
    const Profile& p = rt.profile();
    Keys old = keys_of(rt, d);
    unicode = unicode && old.unicode();  // the empty keys are a unicode table (3.11+)
    unsigned char* k = new_keys_object(rt, size, unicode);
    if (k == nullptr) return false;
    Keys keys(is_compact311(p), k);
    if (!is_compact311(p) && !is_empty_keys(rt, old.base()) && old.lookup() == lookdict) keys.lookup() = lookdict;
    int64_t n = 0;
    void* old_values = old.split() ? as_dict(d)->ma_values.p : nullptr;
    if (old_values != nullptr) {
        // A split table turns combined: its entries in insertion order, each key referenced once
        // more (the shared keys keep theirs), the values moved.
        for (int64_t i = 0, used = as_dict(d)->ma_used; i < used; ++i) {
            const int64_t ix = split_values_order_at(rt, old_values, i);
            const Py_hash_t h = old.hash(rt, ix);
            rt.incref(old.key(ix));
            keys.set_entry(n, old.key(ix), h, old.value(ix));
            old.value(ix) = nullptr;
            keys.set_index(keys.find_empty_slot(h), n);
            ++n;
        }
    } else if (!is_empty_keys(rt, old.base()))
        for (int64_t i = 0; i < old.nentries(); ++i) {
            if (old.value(i) == nullptr) continue;
            const Py_hash_t h = old.hash(rt, i);
            keys.set_entry(n, old.key(i), h, old.value(i));
            keys.set_index(keys.find_empty_slot(h), n);
            ++n;
        }
    keys.usable() -= n;
    keys.nentries() = n;
    as_dict(d)->ma_keys.p = k;
    as_dict(d)->ma_values.p = nullptr;
    if (old_values != nullptr && !is_compact311(p)) {
        dictkeys_decref(rt, old.base());  // 3.6-3.10 let the shared keys go before the values
        split_values_release(rt, old_values);
    } else if (old_values != nullptr) {
        split_values_release(rt, old_values);
        dictkeys_decref(rt, old.base());
    } else if (is_empty_keys(rt, old.base()))
        dictkeys_decref(rt, old.base());
    else
        release_keys_block(rt, old, true);  // the references moved to the new keys
    return true;
}

// lookdict_unicode (2.7: lookdict_string) meeting a key that is not a str switches the table
// to lookdict for good; tp_traverse then visits keys too. The static empty keys never switch.
void switch_lookup(Runtime& rt, PyObject* d, PyObject* key) {
    if (is_compact311(rt.profile()) || key_is_unicode(rt, key)) return;  // 3.11+ tables have no lookup function
    if (rt.profile().major == 2) {
        as_dict27(d)->ma_lookup = lookdict;
    } else if (!is_compact311(rt.profile())) {
        // lookdict_split (split tables and the empty keys) looks any key up as it is.
        Keys keys = keys_of(rt, d);
        if (keys.lookup() != lookdict_split) keys.lookup() = lookdict;
    }
}

int64_t lookup3(Runtime& rt, PyObject* d, Keys& keys, PyObject* key, Py_hash_t hash, int64_t* slot, bool* compared) {
    goto probe;
restart:
    keys = keys_of(rt, d);
probe:
    const uint64_t mask = static_cast<uint64_t>(keys.size()) - 1;
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    uint64_t perturb = static_cast<uint64_t>(hash);
    for (;;) {
        const int64_t ix = keys.index(static_cast<int64_t>(i));
        if (ix == DKIX_EMPTY) return DKIX_EMPTY;
        if (ix >= 0) {
            PyObject* startkey = keys.key(ix);
            if (startkey == key) {
                *slot = static_cast<int64_t>(i);
                return ix;
            }
            if (keys.hash(rt, ix) == hash) {
                if (compared != nullptr) *compared = true;
                rt.incref(startkey);
                const int cmp = key_equal(rt, startkey, key);
                rt.decref(startkey);
                if (cmp < 0) return DKIX_ERROR;
                // __eq__ may have changed the dict: start over unless the entry is intact.
                if (keys.base() != as_dict(d)->ma_keys.p || keys.key(ix) != startkey) goto restart;
                if (cmp > 0) {
                    *slot = static_cast<int64_t>(i);
                    return ix;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

namespace {

// 3.11+ insert_to_emptydict: {} taking its first key gets a table of PyDict_MINSIZE slots of
// the key's kind, and the entry at its hash's slot; nothing to look up, nothing to move. What
// dictresize from the empty keys and the general insertion would do, step for step.
bool insert_to_emptydict(Runtime& rt, PyObject* d, PyObject* key, Py_hash_t hash, PyObject* value, bool unicode) {
    unsigned char* k = new_keys_object(rt, PyDict_MINSIZE, unicode);
    if (k == nullptr) return false;
    unsigned char* empty = as_dict(d)->ma_keys.p;
    as_dict(d)->ma_keys.p = k;
    as_dict(d)->ma_values.p = nullptr;
    dictkeys_decref(rt, empty);
    maintain_tracking(rt, d, key, value);
    Keys keys(true, k);
    keys.set_index(keys.find_empty_slot(hash), 0);
    keys.set_entry(0, key, hash, value);
    ++as_dict(d)->ma_used;
    --keys.usable();
    ++keys.nentries();
    return true;
}

}  // namespace

bool insertdict3(Runtime& rt, PyObject* d, PyObject* key, Py_hash_t hash, PyObject* value) {
    const bool unicode = key_is_unicode(rt, key);
    rt.incref(key);
    rt.incref(value);
    auto fail = [&](bool no_memory) {
        if (no_memory) err_no_memory(rt);
        rt.decref(value);
        rt.decref(key);
        return false;
    };
    if (is_compact311(rt.profile()) && is_empty_keys(rt, as_dict(d)->ma_keys.p))
        return insert_to_emptydict(rt, d, key, hash, value, unicode) || fail(true);
    // One view of the table, read again only where the table may have been replaced: a resize
    // here, or an __eq__ during the lookup (which lookup3 follows).
    Keys keys = keys_of(rt, d);
    auto resize = [&](bool str_keys) {
        if (!dictresize(rt, d, growth_rate(rt, d), str_keys)) return false;
        keys = keys_of(rt, d);
        return true;
    };
    // {} takes its first key (3.6-3.10: a split table of no values is made combined; 3.10+:
    // insert_to_emptydict); 3.11+: a str-keyed table taking another key becomes general, at
    // the size GROWTH_RATE asks. Checked again after the lookup, whose __eq__ calls may have
    // emptied or replaced the table.
    auto ensure_kind = [&] {
        return (!is_empty_keys(rt, keys.base()) && (unicode || !keys.unicode())) || resize(unicode);
    };
    if (!ensure_kind()) return fail(true);
    // 3.6-3.10: a split table takes str keys only (insertion_resize makes it combined).
    const bool v36 = !is_compact311(rt.profile());
    if (v36 && !unicode && is_split36(rt, d) && !resize(true)) return fail(true);
    switch_lookup(rt, d, key);
    int64_t slot = 0;
    bool compared = false;  // an __eq__ ran, which may have changed the table
    int64_t ix = lookup3(rt, d, keys, key, hash, &slot, &compared);
    if (ix == DKIX_ERROR) return fail(false);
    if (compared) keys = keys_of(rt, d);  // an __eq__ may also have replaced a split dict's values
    maintain_tracking(rt, d, key, value);
    // 3.6-3.10: a split table takes a key only in the shared keys' order (a pending key at index
    // ma_used, or a new key when it holds them all); any other makes it combined.
    const bool made_combined = v36 && is_split36(rt, d) &&
                               (ix >= 0 ? keys.value(ix) == nullptr && as_dict(d)->ma_used != ix
                                        : as_dict(d)->ma_used != keys.nentries());
    if (made_combined) {
        if (!resize(true)) return fail(true);
        ix = DKIX_EMPTY;
    }
    if (ix >= 0) {
        PyObject* old = keys.value(ix);
        keys.value(ix) = value;
        if (old == nullptr) {  // a split table's key without a value in this dict
            split_values_add_to_order(rt, as_dict(d)->ma_values.p, ix);
            ++as_dict(d)->ma_used;
        }
        rt.xdecref(old);
        rt.decref(key);
        return true;
    }
    // Only an __eq__, or the split-table change above, can have made the table another.
    if (compared || made_combined) {
        if (!ensure_kind()) return fail(true);
        switch_lookup(rt, d, key);
    }
    if (keys.usable() <= 0 && !resize(true)) return fail(true);
    const int64_t n = keys.nentries();
    keys.set_index(keys.find_empty_slot(hash), n);
    keys.set_entry(n, key, hash, value);
    if (keys.split()) split_values_add_to_order(rt, as_dict(d)->ma_values.p, n);  // the shared keys grow
    ++as_dict(d)->ma_used;
    --keys.usable();
    ++keys.nentries();
    return true;
}

PyObject* delitem_at3(Runtime& rt, PyObject* d, int64_t slot, int64_t ix) {
    Keys keys = keys_of(rt, d);
    if (keys.split()) {
        // The shared keys keep the key: only this dict's value and its place in the order go.
        PyObject* old_value = keys.value(ix);
        keys.value(ix) = nullptr;
        split_values_remove_from_order(rt, as_dict(d)->ma_values.p, ix);
        --as_dict(d)->ma_used;
        return old_value;
    }
    PyObject* old_key = keys.key(ix);
    PyObject* old_value = keys.value(ix);
    keys.set_index(slot, DKIX_DUMMY);
    keys.key(ix) = nullptr;
    keys.value(ix) = nullptr;
    --as_dict(d)->ma_used;
    // ENSURE_ALLOWS_DELETIONS
    if (!is_compact311(rt.profile()) && keys.lookup() == lookdict_unicode_nodummy) keys.lookup() = lookdict_unicode;
    rt.decref(old_key);
    return old_value;
}

// %T: a class's module-qualified name ("mod.C"; PEP 737 leaves out builtins and __main__).
std::string fully_qualified_name(Runtime& rt, PyTypeObject* t) {
    if (!is_heap_type(t)) return type_name(t);
    std::string module, qualname;
    PyObject* m = heap_type(t)->ht_module.p;
    if (m != nullptr && str_check(rt, m)) module = str_as_utf8(rt, m);
    qualname = str_as_utf8(rt, heap_type_qualname(t));
    // PEP 737: builtins and __main__ are left out.
    return module.empty() || module == "builtins" || module == "__main__" ? qualname : module + "." + qualname;
}

Py_hash_t hash_for(Runtime& rt, PyObject* key, const char* what) {
    // An exact str carries its hash: no call, no error (the lookups' fast path).
    const Py_hash_t h = object_hash_any(rt, key);
    if (h != -1 || !rt.profile().at_least(3, 14)) return h;
    PyObject* exc = err_current(rt);
    if (exc == nullptr || Py_TYPE(exc) != rt.builtins().exc.TypeError) return -1;
    std::string inner;
    exc = err_fetch(rt);
    const bool ok = exception_message(rt, exc, &inner);
    rt.decref(exc);
    if (!ok) return -1;
    err_format(rt, rt.builtins().exc.TypeError, "cannot use '%s' as a %s (%s)", fully_qualified_name(rt, Py_TYPE(key)).c_str(),
               what, inner.c_str());
    return -1;
}

}  // namespace dict_detail

namespace {

// ================================ both: the type ==============================================

void dict_dealloc(Runtime& rt, PyObject* d) {
    rt.gc_untrack(d);
    if (rt.profile().major == 2) {
        PyDictObject27* m = as_dict27(d);
        release_table27(rt, m->ma_table.p, m->ma_fill);
        if (m->ma_table.p != m->ma_smalltable) rt.mem_free(m->ma_table.p);
    } else {
        // A split table: its values die with it unless they are an instance's inline values.
        void* values = as_dict(d)->ma_values.p;
        if (values != nullptr && split_values_of(rt, d) != nullptr && !split_values_embedded(rt, values)) {
            const Keys keys = keys_of(rt, d);
            for (int64_t i = 0, n = keys.nentries(); i < n; ++i) rt.xdecref(keys.value(i));
            split_values_release(rt, values);
        }
        dictkeys_decref(rt, as_dict(d)->ma_keys.p);
    }
    DictState& s = rt.builtins().dict_state;
    if (Py_TYPE(d) == rt.builtins().dict_type && s.numfree < kDictMaxFreeList) {
        s.free_list[s.numfree++] = d;
        return;
    }
    rt.free_object(d);
}

// dict_traverse. 2.7: key then value, in table order.
void dict_traverse27(PyObject* d, visitproc visit, void* arg) {
    const PyDictObject27* m = as_dict27(d);
    for (int64_t i = 0; i <= m->ma_mask; ++i) {
        const PyDictKeyEntry& e = m->ma_table.p[i];
        if (e.me_value.p == nullptr) continue;
        visit(e.me_key.p, arg);
        visit(e.me_value.p, arg);
    }
}

// dict_traverse, 3.x: value then key, in entry order; a table of str keys only visits the
// values (a str holds no references). One instance per keys layout: tp_traverse gets no profile.
// A split table visits its values in index order, and none when they are a 3.13 instance's
// inline values (the instance visits those).
template <bool V311, bool V313 = false>
void dict_traverse3(PyObject* d, visitproc visit, void* arg) {
    auto* values = static_cast<unsigned char*>(as_dict(d)->ma_values.p);
    if (values != nullptr) {  // 3.6-3.10: also {}'s empty values, under keys of no entries
        if (V313 && values[2] != 0) return;  // PyDictValues.embedded
        const Keys keys(V311, as_dict(d)->ma_keys.p, reinterpret_cast<PyObject**>(V313 ? values + 8 : values));
        for (int64_t i = 0, n = keys.nentries(); i < n; ++i)
            if (PyObject* value = keys.value(i)) visit(value, arg);
        return;
    }
    const Keys keys(V311, as_dict(d)->ma_keys.p);
    for (int64_t i = 0, n = keys.nentries(); i < n; ++i) {
        PyObject* value = keys.value(i);
        if (value == nullptr) continue;
        visit(value, arg);
        if (!keys.str_only()) visit(keys.key(i), arg);
    }
}

void dict_blocks(const Runtime& rt, PyObject* d, blockproc visit, void* arg) {
    visit(rt.block_of(d), arg);
    if (split_values_of(rt, d) != nullptr) {  // the shared keys are the class's, or orphans
        if (const void* block = split_values_block(rt, as_dict(d)->ma_values.p)) visit(block, arg);
        if (claims_shared_keys(rt, d)) visit(as_dict(d)->ma_keys.p, arg);
        return;
    }
    if (const void* table = dict_table_block(rt, d)) visit(table, arg);
}

void dict_dummy_dealloc(Runtime&, PyObject*) {}  // static: never freed

}  // namespace

void init_dict_type(Runtime& rt) {
    const Profile& p = rt.profile();
    Builtins& b = rt.builtins();
    DictState& s = b.dict_state;
    const int64_t basicsize = p.major == 2 ? sizeof(PyDictObject27) : sizeof(PyDictObject);
    traverseproc traverse = p.major == 2             ? dict_traverse27
                            : p.at_least(3, 13)      ? dict_traverse3<true, true>
                            : is_compact311(p)       ? dict_traverse3<true>
                                                     : dict_traverse3<false>;
    b.dict_type = new_static_type(rt, "dict", basicsize, 0,
                                  {.dealloc = dict_dealloc, .traverse = traverse, .blocks = dict_blocks});
    // dict_tp_clear (PyDict_Clear): how the cycle collector breaks a cycle through a dict.
    b.dict_type->tp_clear = [](Runtime& r, PyObject* d) { return dict_clear(r, d), 0; };
    init_dict_methods(rt);
    init_dictview_types(rt);

    if (p.major == 2) {
        PyTypeObject* dummy_type =
            new_static_type(rt, "<dummy key>", sizeof(PyObject), 0, {.dealloc = dict_dummy_dealloc});
        s.dummy = rt.static_object(dummy_type, sizeof(PyObject));
        rt.make_static_refcount(s.dummy, false);
        return;
    }
    // Py_EMPTY_KEYS: 3.6-3.10 {refcnt 1, dk_size 1, lookdict_split, usable 0, nentries 0};
    // 3.11+ {refcnt 1 (immortal from 3.12), log2_size 0, log2_index_bytes 3, UNICODE, version 1}.
    // Eight DKIX_EMPTY indices follow in both.
    const size_t bytes = static_cast<size_t>(keys_header_bytes(p) + kEmptyKeysIndexBytes);
    auto* k = reinterpret_cast<unsigned char*>(rt.static_object(nullptr, bytes));
    std::memset(k, 0, bytes);
    if (is_compact311(p)) {
        auto* h = reinterpret_cast<PyDictKeysObject311*>(k);
        h->dk_refcnt = p.has_immortal_objects() ? p.immortal_refcnt : 1;
        h->dk_log2_index_bytes = 3;
        h->dk_kind = DICT_KEYS_UNICODE;
        h->dk_version = 1;
    } else {
        auto* h = reinterpret_cast<PyDictKeysObject36*>(k);
        h->dk_refcnt = 1;
        h->dk_size = 1;
        h->dk_lookup = lookdict_split;
        s.empty_values = rt.static_object(nullptr, sizeof(PyObject));
        std::memset(s.empty_values, 0, sizeof(PyObject));
    }
    std::memset(k + keys_header_bytes(p), 0xff, kEmptyKeysIndexBytes);
    s.empty_keys = k;
}

namespace {

// A dict object from the free list (no allocation, so the GC's allocation count does not move),
// else from the allocator.
PyObject* dict_object_new(Runtime& rt) {
    Builtins& b = rt.builtins();
    DictState& s = b.dict_state;
    if (s.numfree == 0) return rt.alloc_gc_object(b.dict_type, static_cast<size_t>(b.dict_type->tp_basicsize));
    PyObject* d = s.free_list[--s.numfree];
    d->ob_refcnt = 1;
    rt.note_alive(d);
    return d;
}

}  // namespace

PyObject* dict_new(Runtime& rt) {
    const Profile& p = rt.profile();
    if (p.major == 3) {
        // 3.6: keys of its own, made first; 3.7+: the empty keys (up to 3.10 with the empty values).
        DictState& s = rt.builtins().dict_state;
        if (!p.at_least(3, 7)) {
            unsigned char* keys = new_keys_object(rt, PyDict_MINSIZE, true);
            return keys != nullptr ? new_dict(rt, keys, nullptr) : nullptr;
        }
        if (!p.has_immortal_objects()) ++Keys::refcnt_of(s.empty_keys);
        return new_dict(rt, s.empty_keys, p.at_least(3, 11) ? nullptr : s.empty_values);
    }
    PyObject* d = dict_object_new(rt);
    if (d == nullptr) return nullptr;
    empty_to_minsize(d);
    as_dict27(d)->ma_lookup = lookdict_unicode;
    return d;
}

namespace dict_detail {

PyObject* new_dict(Runtime& rt, unsigned char* keys, void* values) {
    PyObject* d = dict_object_new(rt);
    if (d == nullptr) {
        dictkeys_decref(rt, keys);
        if (values != nullptr && values != rt.builtins().dict_state.empty_values) split_values_release(rt, values);
        return nullptr;
    }
    as_dict(d)->ma_used = 0;
    as_dict(d)->ma_version_tag = 0;
    as_dict(d)->ma_keys.p = keys;
    as_dict(d)->ma_values.p = values;
    if (rt.profile().at_least(3, 14)) rt.gc_track(d);
    return d;
}

}  // namespace dict_detail

PyObject* dict_new_from_type(Runtime& rt, PyTypeObject* type) {
    const Profile& p = rt.profile();
    if (type == nullptr) type = rt.builtins().dict_type;
    PyObject* d = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (d == nullptr) return nullptr;
    std::memset(reinterpret_cast<unsigned char*>(d) + sizeof(PyObject), 0,
                static_cast<size_t>(type->tp_basicsize) - sizeof(PyObject));  // tp_alloc zeroes
    if (is_heap_type(type)) rt.incref(reinterpret_cast<PyObject*>(type));
    if (p.major == 2) {
        empty_to_minsize(d);
        as_dict27(d)->ma_lookup = lookdict_unicode;
    } else if (!p.at_least(3, 10)) {
        // 3.6-3.9: dict_new gives the object (made first) 8-slot keys of its own.
        unsigned char* keys = new_keys_object(rt, PyDict_MINSIZE, true);
        if (keys == nullptr) {
            set_empty_keys(rt, d);
            rt.decref(d);
            return nullptr;
        }
        as_dict(d)->ma_keys.p = keys;
    } else {
        set_empty_keys(rt, d);
    }
    // tp_alloc tracks; dict_new untracks an exact dict again (3.14: keeps it tracked).
    if (p.at_least(3, 14) || type != rt.builtins().dict_type) rt.gc_track(d);
    return d;
}

bool dict_setitem(Runtime& rt, PyObject* d, PyObject* key, PyObject* value) {
    const Py_hash_t hash = hash_for(rt, key, "dict key");
    return hash != -1 && dict_setitem_known_hash(rt, d, key, hash, value);
}

bool dict_setitem_known_hash(Runtime& rt, PyObject* d, PyObject* key, Py_hash_t hash, PyObject* value) {
    return rt.profile().major == 2 ? insertdict27(rt, d, key, hash, value) : insertdict3(rt, d, key, hash, value);
}

PyObject* dict_getitem(Runtime& rt, PyObject* d, PyObject* key) {
    const Py_hash_t hash = hash_for(rt, key, "dict key");
    return hash == -1 ? nullptr : dict_getitem_known_hash(rt, d, key, hash);
}

PyObject* dict_getitem_known_hash(Runtime& rt, PyObject* d, PyObject* key, Py_hash_t hash) {
    switch_lookup(rt, d, key);
    if (rt.profile().major == 2) {
        PyDictKeyEntry* ep = lookdict27(rt, d, key, hash);
        return ep != nullptr ? ep->me_value.p : nullptr;
    }
    int64_t slot = 0;
    bool compared = false;
    Keys keys = keys_of(rt, d);
    const int64_t ix = lookup3(rt, d, keys, key, hash, &slot, &compared);
    if (ix < 0) return nullptr;
    return (compared ? keys_of(rt, d) : keys).value(ix);  // an __eq__ may have replaced split values
}

PyObject* dict_get_ascii(const Runtime& rt, PyObject* d, std::string_view name) {
    const Py_hash_t hash = str_hash_ascii(rt.profile(), name);
    if (rt.profile().major == 2) return get_ascii27(rt, d, name, hash);
    // A str key's hash is cached since its insertion: keys.hash computes nothing here.
    Runtime& mrt = const_cast<Runtime&>(rt);
    const Keys keys = keys_of(rt, d);
    const uint64_t mask = static_cast<uint64_t>(keys.size()) - 1;
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    for (uint64_t perturb = static_cast<uint64_t>(hash);;) {
        const int64_t ix = keys.index(static_cast<int64_t>(i));
        if (ix == DKIX_EMPTY) return nullptr;
        if (ix >= 0 && keys.hash(mrt, ix) == hash && str_equals_ascii(rt, keys.key(ix), name)) return keys.value(ix);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

int dict_pop_ascii(Runtime& rt, PyObject* d, std::string_view name) {
    if (dict_get_ascii(rt, d, name) == nullptr) return 0;
    PyObject* key = str_intern_ascii(rt, name);
    if (key == nullptr) {
        err_no_memory(rt);
        return -1;
    }
    PyObject* value = nullptr;
    const int popped = dict_pop(rt, d, key, &value);
    rt.decref(key);
    rt.xdecref(value);
    return popped;
}

int dict_contains(Runtime& rt, PyObject* d, PyObject* key) {
    const Py_hash_t hash = hash_for(rt, key, "dict key");
    if (hash == -1) return -1;
    if (dict_getitem_known_hash(rt, d, key, hash) != nullptr) return 1;
    return err_occurred(rt) ? -1 : 0;
}

int dict_pop_known_hash(Runtime& rt, PyObject* d, PyObject* key, Py_hash_t hash, PyObject** value) {
    *value = nullptr;
    if (dict_len(rt, d) == 0) return 0;
    switch_lookup(rt, d, key);
    if (rt.profile().major == 2) {
        PyDictKeyEntry* ep = lookdict27(rt, d, key, hash);
        if (ep == nullptr) return -1;
        if (ep->me_value.p == nullptr) return 0;
        *value = delitem_at27(rt, d, ep);
        return 1;
    }
    int64_t slot = 0;
    int64_t ix = lookup3(rt, d, key, hash, &slot);
    if (ix == DKIX_ERROR) return -1;
    if (ix < 0 || keys_of(rt, d).value(ix) == nullptr) return 0;
    if (is_split36(rt, d)) {  // 3.6-3.10: a split table is made combined (same size) before a deletion
        if (!dictresize_to(rt, d, keys_of(rt, d).size(), true)) {
            err_no_memory(rt);
            return -1;
        }
        ix = lookup3(rt, d, key, hash, &slot);
    }
    *value = delitem_at3(rt, d, slot, ix);
    return 1;
}

int dict_pop(Runtime& rt, PyObject* d, PyObject* key, PyObject** value) {
    *value = nullptr;
    if (dict_len(rt, d) == 0) return 0;
    const Py_hash_t hash = hash_for(rt, key, "dict key");
    return hash == -1 ? -1 : dict_pop_known_hash(rt, d, key, hash, value);
}

bool dict_delitem(Runtime& rt, PyObject* d, PyObject* key) {
    const Py_hash_t hash = hash_for(rt, key, "dict key");
    if (hash == -1) return false;
    PyObject* old = nullptr;
    // PyDict_DelItem looks up even an empty dict (the lookup may raise).
    int found;
    if (dict_len(rt, d) == 0) {
        found = dict_getitem_known_hash(rt, d, key, hash) == nullptr && err_occurred(rt) ? -1 : 0;
    } else {
        found = dict_pop_known_hash(rt, d, key, hash, &old);
    }
    if (found <= 0) return false;
    rt.decref(old);
    return true;
}

void dict_clear(Runtime& rt, PyObject* d) {
    if (rt.profile().major == 2) {
        // The dict is emptied before anything is released: a release may reach the dict.
        PyDictObject27* m = as_dict27(d);
        PyDictKeyEntry* table = m->ma_table.p;
        const bool malloced = table != m->ma_smalltable;
        const int64_t fill = m->ma_fill;
        PyDictKeyEntry small_copy[PyDict_MINSIZE];
        if (!malloced && fill > 0) {
            std::memcpy(small_copy, table, sizeof(small_copy));
            table = small_copy;
        }
        if (malloced || fill > 0) empty_to_minsize(d);
        release_table27(rt, table, fill);
        if (malloced) rt.mem_free(table);
        return;
    }
    unsigned char* old = as_dict(d)->ma_keys.p;
    if (is_empty_keys(rt, old)) return;
    if (PyObject** values = split_values_of(rt, d)) {
        // The values are emptied first, then let go (3.13 inline values become invalid).
        void* old_values = as_dict(d)->ma_values.p;
        const int64_t n = keys_of(rt, d).nentries();
        set_empty_keys(rt, d);
        as_dict(d)->ma_used = 0;
        for (int64_t i = 0; i < n; ++i) {
            PyObject* v = values[i];
            values[i] = nullptr;
            rt.xdecref(v);
        }
        split_values_release(rt, old_values);
        dictkeys_decref(rt, old);
        return;
    }
    set_empty_keys(rt, d);
    as_dict(d)->ma_used = 0;
    dictkeys_decref(rt, old);
}

int64_t dict_len(const Runtime& rt, const PyObject* d) {
    return rt.profile().major == 2 ? as_dict27(d)->ma_used : as_dict(d)->ma_used;
}

std::vector<PyObject*> dict_keys(const Runtime& rt, const PyObject* d) {
    std::vector<PyObject*> out;
    if (rt.profile().major == 2) {
        for (int64_t i = 0; i <= as_dict27(d)->ma_mask; ++i)
            if (table27(d)[i].me_value.p != nullptr) out.push_back(table27(d)[i].me_key.p);
        return out;
    }
    int64_t pos = 0;
    PyObject* key = nullptr;
    while (dict_next(rt, d, &pos, &key, nullptr)) out.push_back(key);
    return out;
}

int64_t dict_sizeof(const Runtime& rt, const PyObject* d) {
    const Profile& p = rt.profile();
    int64_t size = p.gc_head_size + static_cast<int64_t>(Runtime::preheader_size(Py_TYPE(d))) + Py_TYPE(d)->tp_basicsize;
    if (p.major == 2) {
        if (table27(d) != as_dict27(d)->ma_smalltable) size += (as_dict27(d)->ma_mask + 1) * static_cast<int64_t>(sizeof(PyDictKeyEntry));
        return size;
    }
    // _PyDict_SizeOf: the keys count only when this dict owns them (dk_refcnt == 1); the
    // empty values of 3.6-3.10 add USABLE_FRACTION(1) == 0 pointers.
    // A split table counts its values (USABLE_FRACTION(dk_size) pointers up to 3.10,
    // shared_keys_usable_size after); its keys are the class's while the class shares them.
    const Keys keys = keys_of(rt, d);
    const int64_t values = is_compact311(p) ? keys.nentries() + keys.usable() : usable_fraction(keys.size());
    if (keys.split()) size += values * static_cast<int64_t>(sizeof(Slot<PyObject>));  // 8 on every host
    if (!is_empty_keys(rt, keys.base()) && keys.refcnt() == 1) size += keys_bytes(p, keys.size(), keys.unicode());
    return size;
}

const void* dict_table_block(const Runtime& rt, const PyObject* d) {
    if (rt.profile().major == 2) return table27(d) != as_dict27(d)->ma_smalltable ? table27(d) : nullptr;
    const unsigned char* k = as_dict(d)->ma_keys.p;
    return is_empty_keys(rt, k) || split_values_of(rt, d) != nullptr ? nullptr : k;
}

int64_t dict_table_slots(const Runtime& rt, const PyObject* d) {
    if (rt.profile().major == 2) return as_dict27(d)->ma_mask + 1;
    return keys_of(rt, d).size();
}

void dict_maybe_untrack(Runtime& rt, PyObject* d) {
    if (rt.profile().at_least(3, 14) || !rt.gc_is_tracked(d)) return;
    bool keep = false;
    struct Ctx { Runtime* rt; bool* keep; } ctx{&rt, &keep};
    Py_TYPE(d)->tp_traverse(d, [](PyObject* o, void* arg) {
        auto* c = static_cast<Ctx*>(arg);
        if (gc_may_be_tracked(*c->rt, o)) *c->keep = true;
    }, &ctx);
    // A str-only table visits no keys, and str keys are never tracked: the same answer.
    if (!keep) rt.gc_untrack(d);
}

int dict_clear_free_list(Runtime& rt) {
    DictState& s = rt.builtins().dict_state;
    const int freed = s.numfree + s.keys_numfree;
    while (s.numfree > 0) rt.free_object(s.free_list[--s.numfree]);
    while (s.keys_numfree > 0) rt.obj_free(s.keys_free_list[--s.keys_numfree]);
    return freed;
}

void dict_free_list_blocks(const Runtime& rt, blockproc visit, void* arg) {
    const DictState& s = rt.builtins().dict_state;
    for (int i = 0; i < s.numfree; ++i) visit(rt.block_of(s.free_list[i]), arg);
    for (int i = 0; i < s.keys_numfree; ++i) visit(s.keys_free_list[i], arg);
}

// ================================ keys ========================================================

Py_hash_t key_hash(Runtime& rt, PyObject* key) { return object_hash_any(rt, key); }

int key_equal(Runtime& rt, PyObject* a, PyObject* b) {
    if (a == b) return 1;
    const Builtins& bt = rt.builtins();
    PyTypeObject* type = Py_TYPE(a);
    // Exact built-in types of the same kind compare without user code (lookdict_unicode's
    // unicode_eq, and what their tp_richcompare would answer).
    if (type == Py_TYPE(b)) {
        if (type == bt.long_type) return long_equal(rt, a, b);
        if (type == bt.unicode_type) return unicode_equal(rt, a, b);
        if (type == bt.bytes_type) return bytes_equal(rt, a, b);
        // Tuples compare item by item while the tuple type has no comparison of its own yet.
        if (type == bt.tuple_type && (type->tp_richcompare == nullptr || type->tp_richcompare == bt.object_type->tp_richcompare)) {
            if (Py_SIZE(a) != Py_SIZE(b)) return 0;
            for (int64_t i = 0; i < Py_SIZE(a); ++i) {
                const int eq = key_equal(rt, tuple_items(a)[i], tuple_items(b)[i]);
                if (eq <= 0) return eq;
            }
            return 1;
        }
    }
    return object_richcompare_bool(rt, a, b, Py_EQ);
}

bool key_is_unicode(const Runtime& rt, const PyObject* key) {
    const Builtins& b = rt.builtins();
    return Py_TYPE(key) == (rt.profile().major == 2 ? b.str_type : b.unicode_type);
}

bool gc_may_be_tracked(const Runtime& rt, const PyObject* o) {
    if (!Py_TYPE(o)->is_gc()) return false;
    if (Py_TYPE(o) == rt.builtins().tuple_type) return rt.gc_is_tracked(o);
    return true;
}

}  // namespace pymemlab
