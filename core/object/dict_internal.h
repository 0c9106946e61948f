// The dict's internals shared by its files: a view of a 3.x keys object under the profile's
// layout, the casts, and the storage operations of each line (dict_object.cpp: 3.x's compact
// table; dict_object27.cpp: 2.7's open table). The type's behaviour is dict_methods.cpp.
#pragma once

#include <bit>
#include <cstdint>

#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/runtime.h"
#include "object/str_object.h"

namespace pymemlab::dict_detail {

constexpr int64_t DKIX_EMPTY = -1;
constexpr int64_t DKIX_DUMMY = -2;
constexpr int64_t DKIX_ERROR = -3;
constexpr int64_t kEmptyKeysIndexBytes = 8;  // Py_EMPTY_KEYS carries 8 empty indices

inline bool is_compact311(const Profile& p) { return p.at_least(3, 11); }
inline int64_t keys_header_bytes(const Profile& p) {
    return is_compact311(p) ? sizeof(PyDictKeysObject311) : sizeof(PyDictKeysObject36);
}
// DK_IXSIZE: the narrowest signed index that holds dk_size (so 256 slots need 2 bytes).
inline int64_t index_bytes(int64_t size) {
    return size <= 0x80 ? 1 : size <= 0x8000 ? 2 : size <= 0x80000000LL ? 4 : 8;
}
static_assert(sizeof(PyDictKeysObject36) + 8 + 5 * sizeof(PyDictKeyEntry) == 168);   // {"a": 1}'s keys, 3.6-3.10
static_assert(sizeof(PyDictKeysObject311) + 8 + 5 * sizeof(PyDictUnicodeEntry) == 120);  // 3.11+
static_assert(sizeof(PyDictKeysObject311) + 8 + 5 * sizeof(PyDictKeyEntry) == 160);      // {1: 1}, 3.11+

inline int64_t keys_bytes(const Profile& p, int64_t size, bool unicode) {
    const int64_t entry = unicode ? sizeof(PyDictUnicodeEntry) : sizeof(PyDictKeyEntry);
    return keys_header_bytes(p) + size * index_bytes(size) + usable_fraction(size) * entry;
}

inline int bit_length(uint64_t x) { return static_cast<int>(std::bit_width(x)); }

// A view of a PyDictKeysObject block under the profile's layout. A block's size and kind never
// change (a resize makes a new block), so the view works its layout out once, as CPython's
// macros read the header once: the hot paths (probing, inserting, teardown) only index.
class Keys {
public:
    // `values`: a split table's values array (ma_values), which value(ix) then reads instead of
    // the entries' me_value.
    Keys(bool v311, unsigned char* base, PyObject** values = nullptr) : base_(base), values_(values), v311_(v311) {
        size_ = v311 ? int64_t{1} << field<uint8_t>(offsetof(PyDictKeysObject311, dk_log2_size))
                     : field<int64_t>(offsetof(PyDictKeysObject36, dk_size));
        unicode_ = v311 && field<uint8_t>(offsetof(PyDictKeysObject311, dk_kind)) != DICT_KEYS_GENERAL;  // DK_IS_UNICODE
        index_bytes_ = static_cast<uint8_t>(index_bytes(size_));
        indices_ = base_ + (v311 ? sizeof(PyDictKeysObject311) : sizeof(PyDictKeysObject36));
        entries_ = indices_ + size_ * index_bytes_;
        entry_bytes_ = unicode_ ? sizeof(PyDictUnicodeEntry) : sizeof(PyDictKeyEntry);
        key_offset_ = unicode_ ? offsetof(PyDictUnicodeEntry, me_key) : offsetof(PyDictKeyEntry, me_key);
        value_offset_ = unicode_ ? offsetof(PyDictUnicodeEntry, me_value) : offsetof(PyDictKeyEntry, me_value);
    }

    unsigned char* base() const { return base_; }
    // dk_refcnt leads the header in every layout: readable without a view.
    static int64_t& refcnt_of(unsigned char* base) { return *reinterpret_cast<int64_t*>(base); }
    int64_t& refcnt() const { return refcnt_of(base_); }
    int64_t size() const { return size_; }
    int64_t& usable() const {
        return field<int64_t>(v311_ ? offsetof(PyDictKeysObject311, dk_usable) : offsetof(PyDictKeysObject36, dk_usable));
    }
    int64_t& nentries() const {
        return field<int64_t>(v311_ ? offsetof(PyDictKeysObject311, dk_nentries) : offsetof(PyDictKeysObject36, dk_nentries));
    }
    uint64_t& lookup() const { return field<uint64_t>(offsetof(PyDictKeysObject36, dk_lookup)); }  // 3.6-3.10 only
    bool unicode() const { return unicode_; }
    // Whether the table holds only str keys: traversal then visits values only.
    bool str_only() const { return v311_ ? unicode_ : lookup() != lookdict; }

    int64_t index(int64_t i) const {
        switch (index_bytes_) {
            case 1: return reinterpret_cast<int8_t*>(indices_)[i];
            case 2: return reinterpret_cast<int16_t*>(indices_)[i];
            case 4: return reinterpret_cast<int32_t*>(indices_)[i];
            default: return reinterpret_cast<int64_t*>(indices_)[i];
        }
    }
    void set_index(int64_t i, int64_t ix) const {
        switch (index_bytes_) {
            case 1: reinterpret_cast<int8_t*>(indices_)[i] = static_cast<int8_t>(ix); break;
            case 2: reinterpret_cast<int16_t*>(indices_)[i] = static_cast<int16_t>(ix); break;
            case 4: reinterpret_cast<int32_t*>(indices_)[i] = static_cast<int32_t>(ix); break;
            default: reinterpret_cast<int64_t*>(indices_)[i] = ix;
        }
    }

    PyObject*& key(int64_t ix) const { return slot(ix, key_offset_); }
    PyObject*& value(int64_t ix) const { return values_ != nullptr ? values_[ix] : slot(ix, value_offset_); }
    bool split() const { return values_ != nullptr; }
    // me_hash, or for a unicode table the hash the str caches.
    Py_hash_t hash(Runtime& rt, int64_t ix) const {
        return unicode_ ? unicode_hash(rt, key(ix)) : *reinterpret_cast<Py_hash_t*>(entry(ix));
    }
    void set_entry(int64_t ix, PyObject* k, Py_hash_t h, PyObject* v) const {
        if (!unicode_) *reinterpret_cast<Py_hash_t*>(entry(ix)) = h;
        key(ix) = k;
        value(ix) = v;
    }

    // The slot of `hash` in the index table that holds no entry (empty or dummy): where
    // CPython's find_empty_slot (3.6: lookdict's freeslot) puts a new index.
    int64_t find_empty_slot(Py_hash_t hash) const {
        const uint64_t mask = static_cast<uint64_t>(size_) - 1;
        uint64_t i = static_cast<uint64_t>(hash) & mask;
        uint64_t perturb = static_cast<uint64_t>(hash);
        for (int64_t ix = index(static_cast<int64_t>(i)); ix >= 0; ix = index(static_cast<int64_t>(i))) {
            perturb >>= PERTURB_SHIFT;
            i = (i * 5 + perturb + 1) & mask;
        }
        return static_cast<int64_t>(i);
    }

private:
    template <class T>
    T& field(size_t off) const { return *reinterpret_cast<T*>(base_ + off); }
    unsigned char* entry(int64_t ix) const { return entries_ + ix * entry_bytes_; }
    PyObject*& slot(int64_t ix, size_t off) const { return reinterpret_cast<Slot<PyObject>*>(entry(ix) + off)->p; }

    unsigned char* base_;
    PyObject** values_;
    bool v311_;
    bool unicode_;
    uint8_t index_bytes_;
    int64_t size_;
    unsigned char* indices_;
    unsigned char* entries_;
    int64_t entry_bytes_;
    size_t key_offset_, value_offset_;
};

inline PyDictObject* as_dict(PyObject* o) { return reinterpret_cast<PyDictObject*>(o); }
inline const PyDictObject* as_dict(const PyObject* o) { return reinterpret_cast<const PyDictObject*>(o); }
inline PyDictObject27* as_dict27(PyObject* o) { return reinterpret_cast<PyDictObject27*>(o); }
inline const PyDictObject27* as_dict27(const PyObject* o) { return reinterpret_cast<const PyDictObject27*>(o); }
// The values array of a split dict (3.6-3.10: ma_values itself, dict_split.h; 3.11+: a
// PyDictValues, instance_values.h), else nullptr ({}'s static empty values of 3.6-3.10 included).
PyObject** split_values_of(const Runtime& rt, const PyObject* d);
inline Keys keys_of(const Runtime& rt, const PyObject* d) {
    // Most dicts have no values array: that needs no call.
    PyObject** values = as_dict(d)->ma_values.p == nullptr ? nullptr : split_values_of(rt, d);
    return Keys(is_compact311(rt.profile()), as_dict(d)->ma_keys.p, values);
}
inline bool is_empty_keys(const Runtime& rt, const unsigned char* k) { return k == rt.builtins().dict_state.empty_keys; }


// ---- shared (dict_object.cpp) ---------------------------------------------------------------
// MAINTAIN_TRACKING: an untracked dict becomes tracked when it takes a key or value that may
// be tracked. 3.14 tracks every dict from its creation instead. Inline, with the type's GC flag
// tested before any call: most keys and values (ints, strs) are not GC objects.
inline void maintain_tracking(Runtime& rt, PyObject* d, PyObject* key, PyObject* value) {
    if (rt.gc_is_tracked(d) || rt.profile().at_least(3, 14)) return;
    if ((Py_TYPE(key)->is_gc() && gc_may_be_tracked(rt, key)) || (Py_TYPE(value)->is_gc() && gc_may_be_tracked(rt, value)))
        rt.gc_track(d);
}
// lookdict_unicode (2.7: lookdict_string) meeting a key that is not a str switches the table
// to lookdict for good; tp_traverse then visits keys too. The static empty keys never switch.
void switch_lookup(Runtime& rt, PyObject* d, PyObject* key);
// The hash of a key about to enter or be looked up in a dict or set: PyObject_Hash, whose
// TypeError 3.14 rewrites as "cannot use 'T' as a dict key (…)" (`what` = "dict key" or
// "set element"). -1 with the exception set.
Py_hash_t hash_for(Runtime& rt, PyObject* key, const char* what);

// ---- 3.x (dict_object.cpp) ------------------------------------------------------------------
// new_keys_object: a keys object of `size` slots (an 8-slot one from the keys free list).
unsigned char* new_keys_object(Runtime& rt, int64_t size, bool unicode);
// new_dict: a dict object from the free list (else the allocator, untracked) over `keys` (whose
// reference it takes) and `values`; both are released when it cannot be had (nullptr, no error set).
PyObject* new_dict(Runtime& rt, unsigned char* keys, void* values);
// new_dict over shared keys and split values (3.11+, instance_values.h): takes a reference to
// the keys, and the values as they are; tracked when `track`. nullptr on MemoryError.
PyObject* dict_new_split(Runtime& rt, unsigned char* keys, void* values, int64_t used, bool track);
// _PyDict_DetachFromObject (3.13): a dict over an instance's inline values gets a copy of its
// own. false on MemoryError.
bool dict_detach_embedded_values(Runtime& rt, PyObject* d);
// dictresize: a new keys object of the size the profile picks for minsize, holding the active
// entries in order (str-only when `unicode` and the old keys were). false on MemoryError.
bool dictresize(Runtime& rt, PyObject* d, int64_t minsize, bool unicode);
// dictresize to exactly `size` slots (a power of two): what 3.10+ do where CPython passes DK_SIZE
// (a split table made combined for a deletion or popitem); before 3.10 the same as dictresize.
bool dictresize_to(Runtime& rt, PyObject* d, int64_t size, bool unicode);
// dictkeys_decref: a keys object's last reference releases its keys and values and the block.
void dictkeys_decref(Runtime& rt, unsigned char* k);
// The entry index of key and its slot in the index table, DKIX_EMPTY, or DKIX_ERROR when a
// comparison raised. A comparison that changes the dict restarts the search, as lookdict does;
// `compared`, when given, is set once an __eq__ has run.
// `keys`, the caller's view of d's table, is read again when a comparison changed the table, so
// that it describes the table the result indexes.
int64_t lookup3(Runtime& rt, PyObject* d, Keys& keys, PyObject* key, Py_hash_t hash, int64_t* slot, bool* compared = nullptr);
inline int64_t lookup3(Runtime& rt, PyObject* d, PyObject* key, Py_hash_t hash, int64_t* slot, bool* compared = nullptr) {
    Keys keys = keys_of(rt, d);
    return lookup3(rt, d, keys, key, hash, slot, compared);
}
// insertdict: takes new references to key and value. false with the exception set.
bool insertdict3(Runtime& rt, PyObject* d, PyObject* key, Py_hash_t hash, PyObject* value);
// The active entry ix (at index slot) removed: its key released, its value handed to the
// caller (delitem_common).
PyObject* delitem_at3(Runtime& rt, PyObject* d, int64_t slot, int64_t ix);

// ---- 2.7 (dict_object27.cpp) ----------------------------------------------------------------
PyDictKeyEntry* table27(const PyObject* d);
void empty_to_minsize(PyObject* d);
// lookdict: the slot holding key, else the first dummy on the probe path, else the empty slot
// ending it; nullptr when a comparison raised. A comparison that changes the table restarts.
PyDictKeyEntry* lookdict27(Runtime& rt, PyObject* d, PyObject* key, Py_hash_t hash);
bool dictresize27(Runtime& rt, PyObject* d, int64_t minused);
bool insertdict27(Runtime& rt, PyObject* d, PyObject* key, Py_hash_t hash, PyObject* value);
// The active entry ep removed (a dummy key left): its key released, its value handed over.
PyObject* delitem_at27(Runtime& rt, PyObject* d, PyDictKeyEntry* ep);
// dict_get_ascii's probe of a 2.7 table (lookdict's order) for the str `name` of `hash`.
PyObject* get_ascii27(const Runtime& rt, const PyObject* d, std::string_view name, Py_hash_t hash);
// Releases the keys (dummies included) and values of a table's first `fill` used slots.
void release_table27(Runtime& rt, PyDictKeyEntry* table, int64_t fill);

}  // namespace pymemlab::dict_detail
