// dict: PyDictObject (Objects/dictobject.c) per profile. 3.6+: a 48-byte GC object whose table
// is a separate PyDictKeysObject block (header, index table, entries); from 3.8 `{}` shares a
// static empty keys object. 2.7: a 248-byte object with 8 entries inline and a malloc'ed table
// beyond. Probing, resizing, free lists, GC tracking and traversal as CPython; read dict_object.cpp.
#pragma once

#include <cstdint>
#include <unordered_set>
#include <vector>

#include "object/hash.h"
#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

constexpr int kDictMaxFreeList = 80;  // PyDict_MAXFREELIST: dicts, and (3.6+) keys objects
constexpr int64_t PyDict_MINSIZE = 8;
constexpr int PERTURB_SHIFT = 5;

// USABLE_FRACTION: entries a table of n slots holds before it must grow (2/3 of n).
constexpr int64_t usable_fraction(int64_t n) { return (n << 1) / 3; }
static_assert(usable_fraction(PyDict_MINSIZE) == 5 && usable_fraction(16) == 10 && usable_fraction(32) == 21);

// PyDictKeyEntry (3.x) and 2.7's PyDictEntry: the same three words.
struct PyDictKeyEntry {
    Py_hash_t me_hash;
    Slot<PyObject> me_key;
    Slot<PyObject> me_value;
};
static_assert(sizeof(PyDictKeyEntry) == 24);

// PyDictUnicodeEntry (3.11+): tables of str keys only; the hash is the one the str caches.
struct PyDictUnicodeEntry {
    Slot<PyObject> me_key;
    Slot<PyObject> me_value;
};
static_assert(sizeof(PyDictUnicodeEntry) == 16);

// ---- 3.x ------------------------------------------------------------------------------------
struct PyDictObject {
    PyObject ob_base;
    Py_ssize_t ma_used;
    uint64_t ma_version_tag;          // 3.13+: _ma_watcher_tag. Not modelled: always 0.
    Slot<unsigned char> ma_keys;      // the PyDictKeysObject
    Slot<void> ma_values;             // null for a combined table; 3.6-3.10: empty_values for {}
};
static_assert(sizeof(PyDictObject) == 48);

// The keys object's header, 3.6-3.10. dk_indices (dk_size indices of 1, 2, 4 or 8 bytes)
// follows, then USABLE_FRACTION(dk_size) PyDictKeyEntry.
struct PyDictKeysObject36 {
    Py_ssize_t dk_refcnt;
    Py_ssize_t dk_size;
    uint64_t dk_lookup;  // a function pointer in CPython; here the DictLookup it names
    Py_ssize_t dk_usable;
    Py_ssize_t dk_nentries;
};
static_assert(sizeof(PyDictKeysObject36) == 40);

// The keys object's header, 3.11+; entries are PyDictUnicodeEntry when dk_kind is UNICODE.
struct PyDictKeysObject311 {
    Py_ssize_t dk_refcnt;
    uint8_t dk_log2_size;
    uint8_t dk_log2_index_bytes;
    uint8_t dk_kind;
    uint32_t dk_version;
    Py_ssize_t dk_usable;
    Py_ssize_t dk_nentries;
};
static_assert(sizeof(PyDictKeysObject311) == 32 && offsetof(PyDictKeysObject311, dk_version) == 12);

enum DictKeysKind : uint8_t { DICT_KEYS_GENERAL = 0, DICT_KEYS_UNICODE = 1, DICT_KEYS_SPLIT = 2 };

// The lookup function a 3.6-3.10 keys object (or a 2.7 dict) names: it tells whether the table
// holds only str keys, which decides what tp_traverse visits.
enum DictLookup : uint64_t {
    lookdict = 1,              // any keys
    lookdict_unicode,          // str keys, some deleted (3.x); 2.7: lookdict_string
    lookdict_unicode_nodummy,  // str keys, none deleted: what a new keys object starts with
    lookdict_split,            // the shared keys of split tables, and the empty keys object
};

// ---- 2.7 ------------------------------------------------------------------------------------
struct PyDictObject27 {
    PyObject ob_base;
    Py_ssize_t ma_fill;  // active + dummy entries
    Py_ssize_t ma_used;  // active entries
    Py_ssize_t ma_mask;  // slots - 1
    Slot<PyDictKeyEntry> ma_table;  // ma_smalltable, or a malloc'ed table
    uint64_t ma_lookup;             // DictLookup: lookdict_unicode stands for lookdict_string
    PyDictKeyEntry ma_smalltable[PyDict_MINSIZE];
};
static_assert(sizeof(PyDictObject27) == 248);

// Free lists and static objects of the dict type.
struct DictState {
    PyObject* free_list[kDictMaxFreeList] = {};
    int numfree = 0;
    // Freed keys objects of PyDict_MINSIZE slots (3.6-3.10: any; 3.11+: str-keyed only).
    void* keys_free_list[kDictMaxFreeList] = {};
    int keys_numfree = 0;
    unsigned char* empty_keys = nullptr;  // Py_EMPTY_KEYS, in the data segment (3.x)
    void* empty_values = nullptr;         // 3.6-3.10: the empty values array of {} (data segment)
    // Shared keys that split dicts still use after their class let them go (dict_split.h): host
    // bookkeeping for the heap checker, not part of CPython's state.
    std::unordered_set<const unsigned char*> orphan_keys;
    // 2.7's dummy key. CPython makes it a str ("<dummy key>") on first use; here it is a static
    // object of a private type, so it never enters the heap.
    PyObject* dummy = nullptr;
    // The view and iterator types (dictview_object.h), indexed by DictItemKind: dict_keys,
    // dict_values, dict_items; dict_keyiterator, ...; 3.8+: dict_reversekeyiterator, ...
    PyTypeObject* view_types[3] = {};
    PyTypeObject* iter_types[3] = {};
    PyTypeObject* reviter_types[3] = {};
};

void init_dict_type(Runtime& rt);
// The dict type's slots and methods (dict_methods.cpp), set by init_dict_type.
void init_dict_methods(Runtime& rt);
// dict.fromkeys, a classmethod, added to the ready dict type's __dict__ (after type_ready).
void dict_add_class_methods(Runtime& rt);

// PyDict_New, what `{}` calls: from the free list when it has a dict. 3.6 gives it an 8-slot
// keys object at once; 3.8+ share the static empty keys until the first insertion. Untracked
// until it holds a container (up to 3.13); tracked from the start in 3.14. nullptr on MemoryError.
PyObject* dict_new(Runtime& rt);
// dict() (or a subclass `type`, tracked, holding its class): tp_alloc (no free list) then
// dict_new's fields. 3.6-3.9 allocate 8-slot keys here
// even though {} does not from 3.8.
PyObject* dict_new_from_type(Runtime& rt, PyTypeObject* type = nullptr);
// d[key] = value: new references to both. false with the exception set: an unhashable key,
// a raising __eq__, MemoryError. The known-hash form skips hashing (the caller hashed key).
bool dict_setitem(Runtime& rt, PyObject* d, PyObject* key, PyObject* value);
bool dict_setitem_known_hash(Runtime& rt, PyObject* d, PyObject* key, Py_hash_t hash, PyObject* value);
// PyDict_GetItemWithError: the value (borrowed), or nullptr — with an exception set when
// hashing or comparing raised, without one when the key is absent.
PyObject* dict_getitem(Runtime& rt, PyObject* d, PyObject* key);
PyObject* dict_getitem_known_hash(Runtime& rt, PyObject* d, PyObject* key, Py_hash_t hash);
// The value of the str key `name` (ASCII text) in d, borrowed, or nullptr when absent: found by
// the hash such a str has and its text, so that the lab's own lookups (a dunder of a class, an
// attribute of a module) make no str object. Calls no __eq__ and raises nothing.
PyObject* dict_get_ascii(const Runtime& rt, PyObject* d, std::string_view name);
// PyDict_Pop(d, name, NULL) for that key: 1 when it was there (its value released), 0 when
// absent (no str made), -1 with the exception set.
int dict_pop_ascii(Runtime& rt, PyObject* d, std::string_view name);
// `key in d`: 1, 0, or -1 with the exception set.
int dict_contains(Runtime& rt, PyObject* d, PyObject* key);
// del d[key]: false if key is absent (no exception: the caller raises KeyError) or on error
// (exception set).
bool dict_delitem(Runtime& rt, PyObject* d, PyObject* key);
// _PyDict_Pop: removes key. 1 with *value the removed value (the dict's reference, handed
// over), 0 when absent, -1 with the exception set.
int dict_pop(Runtime& rt, PyObject* d, PyObject* key, PyObject** value);
int dict_pop_known_hash(Runtime& rt, PyObject* d, PyObject* key, Py_hash_t hash, PyObject** value);
// dict.popitem(): a new (key, value) tuple — 3.x the last entry, 2.7 the slot after the
// finger kept in ma_table[0].me_hash — or KeyError when the dict is empty.
PyObject* dict_popitem(Runtime& rt, PyObject* d);
// PyDict_Next: the first active entry at position *pos or after it (3.x: entry index; 2.7:
// table slot), borrowed; *pos moves past it. false at the end.
bool dict_next(const Runtime& rt, const PyObject* d, int64_t* pos, PyObject** key, PyObject** value,
               Py_hash_t* hash = nullptr);
// One past the last position dict_next can return: 3.x dk_nentries, 2.7 the slots.
int64_t dict_positions(const Runtime& rt, const PyObject* d);
// The entry at position i when it is active (reversed iteration walks positions down).
bool dict_entry_at(const Runtime& rt, const PyObject* d, int64_t i, PyObject** key, PyObject** value);
// PyDict_Copy (of a dict or subclass instance): an exact dict. 3.7+ clone a compact combined
// table (one keys block of the same size, no free list); otherwise a new dict merged into.
PyObject* dict_copy(Runtime& rt, PyObject* d);
// dict_merge with a dict `b` (PyDict_Merge's fast path): one presizing resize, then b's
// entries in order. override 1 replaces a's values; 0 keeps them; 2 raises KeyError(key) on a
// key already in a (what ** in a call needs). false with the exception set.
bool dict_merge_dict(Runtime& rt, PyObject* a, PyObject* b, int override);
// PyDict_Merge (dict_methods.cpp): a dict through dict_merge_dict, any other mapping through
// list(b.keys()) and b[key] ({**m}, f(**m)). override as dict_merge_dict.
bool dict_merge(Runtime& rt, PyObject* a, PyObject* b, int override);
// d.update(arg) / d |= arg: from a dict, anything with keys(), or an iterable of pairs.
bool dict_update_from(Runtime& rt, PyObject* d, PyObject* arg);
// dictresize to hold `minsize` as the profile's CPython computes sizes for it (3.x: the keys
// stay str-only when `unicode` and they were; 2.7: 4x rule does not apply, minsize is minused).
bool dict_resize(Runtime& rt, PyObject* d, int64_t minsize, bool unicode);
// Whether d's table holds str keys only (3.11+: a DICT_KEYS_UNICODE keys object).
bool dict_keys_unicode(const Runtime& rt, const PyObject* d);
// d.clear(): 3.x back to the empty keys, the old keys released; 2.7 back to the small table.
void dict_clear(Runtime& rt, PyObject* d);
int64_t dict_len(const Runtime& rt, const PyObject* d);
// The keys in iteration order: insertion order from 3.6, table order in 2.7.
std::vector<PyObject*> dict_keys(const Runtime& rt, const PyObject* d);
// sys.getsizeof: GC header, object, and the keys object when the dict owns it (3.x), or the
// table when it is not the small one (2.7).
int64_t dict_sizeof(const Runtime& rt, const PyObject* d);
// The separately allocated table: the keys object (3.x), or the malloc'ed table (2.7); nullptr
// for the static empty keys and for 2.7's small table.
const void* dict_table_block(const Runtime& rt, const PyObject* d);
// Slots of the index table (3.x dk_size) or of the table (2.7 ma_mask + 1).
int64_t dict_table_slots(const Runtime& rt, const PyObject* d);
// _PyDict_MaybeUntrack, which full collections run on tracked dicts (up to 3.13): untracks d
// if neither its keys nor its values may be tracked. Nothing from 3.14.
void dict_maybe_untrack(Runtime& rt, PyObject* d);
// PyDict_ClearFreeList (full collections up to 3.8, and finalization): frees the free-listed
// dicts and keys objects. Returns how many it freed.
int dict_clear_free_list(Runtime& rt);
// For heap checkers: calls visit on each block the free lists keep.
void dict_free_list_blocks(const Runtime& rt, blockproc visit, void* arg);

// ---- keys, for dicts and sets --------------------------------------------------------------
// hash(key): PyObject_Hash (hash.h's object_hash_any): the type's tp_hash, -1 with TypeError
// for an unhashable key.
Py_hash_t key_hash(Runtime& rt, PyObject* key);
// key == other for two keys of equal hash, as PyObject_RichCompareBool(a, b, Py_EQ): identity,
// then equal exact ints, str or bytes without calls, then the types' rich comparison (a
// class's __eq__ runs here). 1, 0, or -1 with the exception set.
int key_equal(Runtime& rt, PyObject* a, PyObject* b);
// PyUnicode_CheckExact (2.7: PyString_CheckExact, for lookdict_string).
bool key_is_unicode(const Runtime& rt, const PyObject* key);
// _PyObject_GC_MAY_BE_TRACKED: a GC object, and for a tuple one that is tracked.
bool gc_may_be_tracked(const Runtime& rt, const PyObject* o);

}  // namespace pymemlab
