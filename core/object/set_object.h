// set and frozenset: PySetObject (Objects/setobject.c), a 200-byte GC object with an 8-entry
// table inline and a PyMem table beyond it (malloc in 2.7), dummy entries for removed keys,
// set_table_resize per version, 2.7's free list of 80 and the empty frozenset singleton up to
// 3.9. Keys hash and compare as dict keys do (dict_object.h); read set_object.cpp next.
#pragma once

#include <cstdint>
#include <vector>

#include "object/hash.h"
#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

constexpr int64_t PySet_MINSIZE = 8;
constexpr int kSetMaxFreeList = 80;  // 2.7's PySet_MAXFREELIST; 3.x keeps no freed sets
constexpr int LINEAR_PROBES = 9;     // 3.x: slots tried after the hashed one before perturbing

// setentry: {key, hash} in 3.x, {hash, key} in 2.7.
struct setentry {
    Slot<PyObject> key;
    Py_hash_t hash;
};
struct setentry27 {
    Py_hash_t hash;
    Slot<PyObject> key;
};
static_assert(sizeof(setentry) == 16 && sizeof(setentry27) == 16);

// 3.x. fill, used, mask and table sit at the same offsets in 2.7's struct.
struct PySetObject {
    PyObject ob_base;
    Py_ssize_t fill;  // active + dummy entries
    Py_ssize_t used;  // active entries
    Py_ssize_t mask;  // slots - 1
    Slot<setentry> table;
    Py_hash_t hash;       // frozenset's cached hash; -1 until computed
    Py_ssize_t finger;    // where pop() starts looking
    setentry smalltable[PySet_MINSIZE];
    Slot<PyObject> weakreflist;
};
static_assert(sizeof(PySetObject) == 200 && offsetof(PySetObject, smalltable) == 64);

struct PySetObject27 {
    PyObject ob_base;
    Py_ssize_t fill;
    Py_ssize_t used;
    Py_ssize_t mask;
    Slot<setentry27> table;
    uint64_t lookup;  // set_lookkey or set_lookkey_string, a function pointer in CPython
    setentry27 smalltable[PySet_MINSIZE];
    int64_t hash;
    Slot<PyObject> weakreflist;
};
static_assert(sizeof(PySetObject27) == 200 && offsetof(PySetObject27, smalltable) == 56 &&
              offsetof(PySetObject27, table) == offsetof(PySetObject, table));

struct SetState {
    PyObject* free_list[kSetMaxFreeList] = {};  // 2.7 only
    int numfree = 0;
    // The dummy key of removed entries: 3.x's static _dummy_struct; 2.7's is a str
    // ("<dummy key>") that CPython makes on first use, modelled as a static object too.
    PyObject* dummy = nullptr;
    // The empty frozenset singleton (2.7, 3.6-3.9): made on first use, kept by this reference.
    PyObject* empty_frozenset = nullptr;
    PyTypeObject* iterator_type = nullptr;  // set_iterator (2.7: setiterator)
};

void init_set_type(Runtime& rt);

// set(): make_new_set, tracked at once. 2.7: from the free list when it has a set. nullptr on
// MemoryError.
PyObject* set_new(Runtime& rt);
// frozenset(items), or frozenset() when items is null: the empty singleton where the profile
// keeps one (frozenset([]) builds a set, drops it and returns the singleton).
PyObject* frozenset_new(Runtime& rt, const std::vector<PyObject*>* items);
// s.add(key): a new reference. false with the exception set (an unhashable key, a raising
// __eq__, MemoryError). The known-hash forms take the hash the caller has.
bool set_add(Runtime& rt, PyObject* s, PyObject* key);
bool set_add_known_hash(Runtime& rt, PyObject* s, PyObject* key, Py_hash_t hash);
// s.discard(key): 1 if key was present (now removed), 0 if not, -1 with the exception set.
int set_discard(Runtime& rt, PyObject* s, PyObject* key);
int set_discard_known_hash(Runtime& rt, PyObject* s, PyObject* key, Py_hash_t hash);
// key in s: 1, 0, or -1 with the exception set.
int set_contains(Runtime& rt, PyObject* s, PyObject* key);
int set_contains_known_hash(Runtime& rt, PyObject* s, PyObject* key, Py_hash_t hash);
// The first active entry at table slot *pos or after it (borrowed key and its hash); *pos
// moves past it. false at the end.
bool set_next(const Runtime& rt, const PyObject* s, int64_t* pos, PyObject** key, Py_hash_t* hash);
// s.pop(): the key (the set's reference, handed over) of the first active slot from the finger
// (3.x so->finger; 2.7 slot 0's hash), or KeyError "pop from an empty set".
PyObject* set_pop(Runtime& rt, PyObject* s);
// set_clear_internal: back to the empty small table; the keys released after.
void set_clear(Runtime& rt, PyObject* s);
// set_merge: other's keys into s (one presizing resize; an empty s copies slot for slot or
// inserts clean). set_update_internal: from a set, an exact dict (presized, hashes reused), or
// any iterable. false with the exception set.
bool set_merge(Runtime& rt, PyObject* s, PyObject* other);
bool set_update_from(Runtime& rt, PyObject* s, PyObject* iterable);
// After removals: a table more than a quarter dummies (2.7: a fifth) is rebuilt.
bool set_purge_dummies(Runtime& rt, PyObject* s);
// set_swap_bodies: a and b exchange tables (and small tables' contents); hashes swap when both
// are frozensets, else both are reset.
void set_swap_bodies(Runtime& rt, PyObject* a, PyObject* b);
// frozenset_hash, cached in the object.
Py_hash_t frozenset_hash(Runtime& rt, PyObject* s);
// make_new_set(type, iterable): a new set or frozenset (or subclass) filled by
// set_update_internal; iterable may be null. nullptr with the exception set.
PyObject* set_new_from(Runtime& rt, PyTypeObject* type, PyObject* iterable);
// Set algebra over any iterable (set_methods.cpp), as set methods do it: s |= it, s -= it,
// s ^= it, s &= it in place; s & it as a new set of s's type.
bool set_difference_update_from(Runtime& rt, PyObject* s, PyObject* other);
bool set_symmetric_difference_update_from(Runtime& rt, PyObject* s, PyObject* other);
bool set_intersection_update_from(Runtime& rt, PyObject* s, PyObject* other);
PyObject* set_intersection_of(Runtime& rt, PyObject* s, PyObject* other);
// The set and frozenset slots and methods and the set iterator (set_methods.cpp).
void init_set_methods(Runtime& rt);
int64_t set_len(const PyObject* s);
int64_t set_fill(const PyObject* s);
int64_t set_table_slots(const PyObject* s);
// The keys in table order: what iteration and tp_traverse see.
std::vector<PyObject*> set_keys(const Runtime& rt, const PyObject* s);
// The table block when it is not the small table, else nullptr.
const void* set_table_block(const Runtime& rt, const PyObject* s);
// sys.getsizeof: GC header, 200, and 16 bytes per slot of a table other than the small one.
int64_t set_sizeof(const Runtime& rt, const PyObject* s);
// PySet_ClearFreeList (2.7). Returns how many sets it freed.
int set_clear_free_list(Runtime& rt);
// For heap checkers: calls visit on each block the free list keeps.
void set_free_list_blocks(const Runtime& rt, blockproc visit, void* arg);

}  // namespace pymemlab
