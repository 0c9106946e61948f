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
};

void init_set_type(Runtime& rt);

// set(): make_new_set, tracked at once. 2.7: from the free list when it has a set. nullptr on
// MemoryError.
PyObject* set_new(Runtime& rt);
// frozenset(items), or frozenset() when items is null: the empty singleton where the profile
// keeps one (frozenset([]) builds a set, drops it and returns the singleton).
PyObject* frozenset_new(Runtime& rt, const std::vector<PyObject*>* items);
// s.add(key): a new reference. false on MemoryError.
bool set_add(Runtime& rt, PyObject* s, PyObject* key);
// s.discard(key): true if key was present.
bool set_discard(Runtime& rt, PyObject* s, PyObject* key);
bool set_contains(Runtime& rt, PyObject* s, PyObject* key);
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
