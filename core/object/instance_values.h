// Instance attribute storage of 3.11+ (Objects/dictobject.c's "managed dict" functions and the
// pre-header of Objects/typeobject.c): a class's shared keys (ht_cached_keys), each instance's
// values array (PyDictValues) and the __dict__ made from them only on request. 3.6-3.10 split
// dicts (dict_split.h) and 2.7's plain dicts stay with tp_dictoffset. Read instance_values.cpp.
//
// Invariants, for a class with Py_TPFLAGS_MANAGED_DICT:
// - Its ht_cached_keys is a 64-slot DICT_KEYS_SPLIT keys object holding at most 30 names
//   (SHARED_KEYS_MAX_SIZE). dk_nentries + dk_usable (shared_keys_usable_size) never grows: a new
//   instance takes one from dk_usable while it is above 1, a new name moves one to dk_nentries.
//   So an index below dk_nentries fits the values of every live instance.
// - An instance has values or a dict, never neither once it has an attribute:
//   3.11: pre-header word 0 = values (or null), word 1 = the dict (or null);
//   3.12: word 0 = weakref list, word 1 = the dict, or the values tagged by their low bit;
//   3.13: word 0 = weakref list, word 1 = the dict (or null); the values live inline after
//   tp_basicsize and are used while their `valid` byte is 1, a dict or not.
// - 3.11/3.12: a dict made from values takes them over (ma_values); the instance keeps only the
//   dict. 3.13: a dict made from inline values points at them (embedded = 1) and the instance
//   keeps using them; when the dict stops using them, valid = 0 and the dict is the storage.
#pragma once

#include <cstdint>

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

constexpr int kSharedKeysMaxSize = 30;  // SHARED_KEYS_MAX_SIZE
constexpr int64_t kSharedKeysSlots = 64;  // the cached keys' dk_size (dk_log2_size 6)
// MANAGED_WEAKREF_OFFSET (3.12+): the weakref list is the pre-header's first word.
constexpr Py_ssize_t kManagedWeakrefOffset = -4 * static_cast<Py_ssize_t>(sizeof(Slot<PyObject>));  // 64-bit words on every host

// Whether instances of `type` keep their attributes as described above.
inline bool type_has_managed_dict(const PyTypeObject* type) { return (type->tp_flags & Py_TPFLAGS_MANAGED_DICT) != 0; }

// ht_cached_keys: made when type_new gives a class Py_TPFLAGS_MANAGED_DICT (false on MemoryError),
// dropped when the class dies (dicts that share the keys hold references of their own); the
// 3.6-3.10 keys (dict_split.h) are dropped by these too.
bool cached_keys_new(Runtime& rt, PyTypeObject* type);
void cached_keys_decref(Runtime& rt, PyTypeObject* type);
unsigned char* cached_keys(PyTypeObject* type);

// 3.13: the bytes of inline values _PyType_AllocNoTrack adds to an instance of `type` (0 for other
// profiles and classes without Py_TPFLAGS_INLINE_VALUES).
int64_t inline_values_bytes(const Runtime& rt, PyTypeObject* type);
// object_new's _PyObject_InitializeDict / _PyObject_InitInlineValues: the new instance's values
// (3.11, 3.12: a block of its own). false with MemoryError set.
bool instance_values_init(Runtime& rt, PyObject* obj);

// PyObject_GenericGetAttr's instance step: *found is set when the values or the managed dict
// answered (the value, borrowed, or nullptr for "absent"). false with an exception set.
bool instance_attr_lookup(Runtime& rt, PyObject* obj, PyObject* name, PyObject** found);
// PyObject_GenericSetAttr's instance step (value nullptr deletes): 0, or -1 with the exception set.
int instance_attr_store(Runtime& rt, PyObject* obj, PyObject* name, PyObject* value);
// obj.__dict__: the managed dict, made from the values (or empty) when there is none. New reference.
PyObject* instance_get_dict(Runtime& rt, PyObject* obj);
// obj.__dict__ = d.
int instance_set_dict(Runtime& rt, PyObject* obj, PyObject* dict);

// subtype_traverse / subtype_clear / subtype_dealloc's managed-dict steps: the values (in index
// order) while the instance uses them, else the dict.
void instance_visit_managed(PyObject* obj, visitproc visit, void* arg);
// `dealloc`: the instance dies (its values block is freed); otherwise tp_clear, which empties the
// values but keeps the block (_PyObject_ClearInstanceAttributes).
void instance_clear_managed(Runtime& rt, PyObject* obj, bool dealloc);
// The values block a 3.11/3.12 instance owns (for the heap checker), or nullptr.
const void* instance_values_block(const PyObject* obj);
// tp_blocks of a managed class: the built-in base's blocks (or the object's own) and the values block.
void instance_blocks(const Runtime& rt, PyObject* self, blockproc visit, void* arg);
// tp_blocks of `type`: a class's block and its cached keys.
void heap_type_blocks(const Runtime& rt, PyObject* self, blockproc visit, void* arg);

// For dict_object.cpp: the values array a split dict reads (ma_values, per profile's layout; up to
// 3.10 a plain array of pointers in insertion order), and
// what a split dict does with its values when it dies, is cleared or turns combined.
PyObject** split_values_array(const Runtime& rt, void* ma_values);
// The index of the i-th entry (i < ma_used) in a split dict's insertion order.
uint8_t split_values_order_at(const Runtime& rt, void* ma_values, int64_t i);
void split_values_add_to_order(const Runtime& rt, void* ma_values, int64_t ix);
void split_values_remove_from_order(const Runtime& rt, void* ma_values, int64_t ix);
// Whether the values are a 3.13 instance's inline values (the dict does not own them).
bool split_values_embedded(const Runtime& rt, void* ma_values);
// The dict no longer uses these values (it died, was cleared or became combined; the references
// the values held are already released or moved): frees a block it owned, or marks inline values
// no longer valid.
void split_values_release(Runtime& rt, void* ma_values);
// copy_values: a values block of `size` slots (owned by a dict) holding the same values (new
// references) in the same order. nullptr on MemoryError.
void* split_values_copy(Runtime& rt, void* ma_values, int64_t size);
// The values block's first byte (3.11/3.12: the order prefix precedes ma_values), for heap checks.
const void* split_values_block(const Runtime& rt, void* ma_values);

}  // namespace pymemlab
