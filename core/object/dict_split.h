// Key-sharing (split) instance dicts of 3.6-3.10 (PEP 412; Objects/dictobject.c's split tables and
// _PyObjectDict_SetItem, Objects/typeobject.c's ht_cached_keys). The tables themselves, split or
// combined, are dict_object.cpp; 3.11+ instance values are instance_values.h. Read dict_split.cpp.
//
// Invariants, 3.6-3.10:
// - A class whose instances have a __dict__ starts with ht_cached_keys: an 8-slot keys object whose
//   dk_lookup is lookdict_split; dk_refcnt counts the class and every dict that shares the keys.
// - A split dict's values are one PyMem block of USABLE_FRACTION(dk_size) pointers, filled densely:
//   values[0 .. ma_used) are set, the rest NULL ("pending"), because a split dict takes a key only
//   in the shared keys' order (ma_used == its index, or == dk_nentries for a new key), and any
//   deletion, non-str key or out-of-order insertion makes it combined first.
// - A class drops its keys (CACHED_KEYS = NULL, instances then get ordinary dicts) when an attribute
//   is deleted through setattr, or when a store made a dict combined while other dicts still shared
//   the keys; when that dict was the only other sharer, its new keys become the class's instead.
#pragma once

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// _PyDict_NewKeysForClass: the keys a new class with an instance __dict__ gets (3.6-3.10), or
// nullptr when none could be allocated (the class then does not share; no exception).
unsigned char* dict_new_keys_for_class(Runtime& rt);
// The __dict__ that PyObject_GenericGetDict makes for an instance that has none: a split dict over
// the class's cached keys when it has them (3.6-3.10), else PyDict_New. New reference, or nullptr
// with MemoryError set.
PyObject* object_generic_new_dict(Runtime& rt, PyTypeObject* tp);
// _PyObjectDict_SetItem (3.6-3.10): obj.name = value (value nullptr deletes) into *dictptr, made
// (split when the class shares keys) if absent, with the class's keys updated as described above.
// 0, or -1 with the exception set (KeyError for a missing key, which the caller turns into
// AttributeError).
int objectdict_setitem(Runtime& rt, PyTypeObject* tp, PyObject** dictptr, PyObject* key, PyObject* value);
// type_clear and type_dealloc: the class lets its cached keys go (any profile).
void type_release_cached_keys(Runtime& rt, PyTypeObject* type);
// The bytes of a class's cached keys that type.__sizeof__ adds (_PyDict_KeysSize), 0 if none.
int64_t type_cached_keys_bytes(const Runtime& rt, PyTypeObject* type);

namespace dict_detail {
// Whether d is a 3.6-3.10 split table with values of its own (not {}'s static empty values).
bool is_split36(const Runtime& rt, const PyObject* d);
// new_values (3.6-3.10): `size` NULL slots from PyMem_Malloc; nullptr on MemoryError (not set).
void* new_values36(Runtime& rt, int64_t size);
// PyDict_Copy of a split table: the same keys and a values array of its own, in a dict that
// PyObject_GC_New makes (never the free list), tracked when d is. nullptr with MemoryError set.
PyObject* split_copy(Runtime& rt, PyObject* d);
// tp_blocks' view of shared keys that no class holds any more (the class dropped them or died):
// the live split dict with the lowest address that shares them claims their block.
void note_orphan_keys(Runtime& rt, const unsigned char* keys);
void forget_keys(Runtime& rt, const unsigned char* keys);
bool claims_shared_keys(const Runtime& rt, const PyObject* d);
}  // namespace dict_detail

}  // namespace pymemlab
