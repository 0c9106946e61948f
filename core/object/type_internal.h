// What the type files share and nothing else needs: the heap type's layout, its __slots__ member
// table, the slot update that follows a change to a class's dunder methods, and the deallocation of
// classes and their instances. type_new.cpp builds classes, type_slots.cpp points their slots at
// the dunders, type_dealloc.cpp releases them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// PyHeapTypeObject: the type object of a class, then the names CPython keeps beside it. Invariant:
// ht_name and ht_qualname are str; ht_slots is the sorted, mangled __slots__ tuple or null;
// name_storage owns tp_name's text. The last fields are host bookkeeping inside the room of
// CPython's PyHeapTypeObject (its as_async ... ht_cached_keys fields, which the model does not
// keep); heap_type_release_host deletes them (Runtime::own_host_storage).
struct HeapTypeObject {
    PyTypeObject type;
    Slot<PyObject> ht_name;
    Slot<PyObject> ht_qualname;
    Slot<PyObject> ht_module;  // the value of __module__ (also in the dict, as in CPython)
    Slot<PyObject> ht_slots;
    Slot<std::string> name_storage;
    // The classes that list this one among their bases: CPython's tp_subclasses (a dict of weak
    // references there, plain pointers here), so that setting a dunder on a class also updates the
    // slots of its subclasses. A class removes itself when it is freed.
    Slot<std::vector<PyTypeObject*>> subclasses;
    // ht_cached_keys (3.11+ classes with Py_TPFLAGS_MANAGED_DICT, instance_values.h): the shared
    // keys of the instances' attributes, owned (one dk_refcnt); null otherwise.
    Slot<unsigned char> ht_cached_keys;
    // tp_version_tag: a number no other class version has had, renewed whenever the class or a
    // class along its MRO is modified (PyType_Modified); what a specialized instruction checks.
    uint32_t version_tag;
};

// PyType_Modified for a class: new version tags for it and every class derived from it.
void type_modified(PyTypeObject* type);
// 3.14: type.__annotate__ and type.__annotations__ (type_annotations.cpp). New references.
PyObject* type_get_annotate(Runtime& rt, PyTypeObject* type);
PyObject* type_get_annotations(Runtime& rt, PyTypeObject* type);
// Their setters (type_set_annotate, type_set_annotations): value nullptr deletes. 0, or -1 with
// the error set.
int type_set_annotate(Runtime& rt, PyTypeObject* type, PyObject* value);
int type_set_annotations(Runtime& rt, PyTypeObject* type, PyObject* value);

inline HeapTypeObject* heap_type(PyTypeObject* t) { return reinterpret_cast<HeapTypeObject*>(t); }

// PyMemberDef (Include/structmember.h): a class's items, one per __slots__ entry plus a zeroed
// sentinel, follow its PyHeapTypeObject (PyHeapType_GET_MEMBERS, at the profile's
// TypeSizes::heap_type), since type's tp_itemsize is sizeof(PyMemberDef). Py_SIZE(class) is the
// number of slots. Member i of class T sits at T->tp_base->tp_basicsize + 8 * i.
struct PyMemberDef {
    Slot<const char> name;  // model: null, the names are ht_slots' strings
    int32_t type;
    int32_t padding;
    Py_ssize_t offset;
    int32_t flags;
    int32_t padding2;
    Slot<const char> doc;
};
static_assert(sizeof(PyMemberDef) == 40 && offsetof(PyMemberDef, offset) == 16);
constexpr int32_t T_OBJECT_EX = 16;  // a PyObject* that raises AttributeError when null
PyMemberDef* heap_type_members(const Runtime& rt, PyTypeObject* type);

// The instance __dict__ and weakref-list offsets of a type as CPython states them (0: none). The
// model's static types record only what the model reads, so two are filled in here: BaseException's
// instances keep their dict at offsetof(PyBaseExceptionObject, dict), and a class (an instance of
// `type` or of a metaclass) keeps its dict and weakref list in type's tp_dict and tp_weaklist
// fields, at these offsets of a 64-bit 3.x PyTypeObject (type.__dictoffset__ and
// type.__weakrefoffset__).
constexpr int64_t kTypeDictOffset = 264;
constexpr int64_t kTypeWeaklistOffset = 368;
int64_t type_dictoffset(const PyTypeObject* t);
int64_t type_weaklistoffset(const PyTypeObject* t);

// Points every slot of a class at the dunder-dispatching function when the class or a class along
// its MRO defines that dunder, and otherwise at the nearest built-in base's slot; then does the
// same for the classes that derive from it.
void type_update_slots(Runtime& rt, PyTypeObject* type);
// The attribute `name` along type's MRO (every dict, built-in types' included), borrowed.
PyObject* type_lookup_ascii(const Runtime& rt, PyTypeObject* type, std::string_view name);
// Whether `o` is the __new__ a built-in type's dict holds for its tp_new (tp_new_wrapper).
bool is_tp_new_wrapper(const Runtime& rt, const PyObject* o);
// Whether a class's tp_new is the one that calls a Python-level __new__ (slot_tp_new).
bool tp_new_is_slot(const PyTypeObject* t);
// Calls `attr`, found on type(self), as a method of self (CPython's call_unbound): functions and
// method descriptors get self as their first argument, other descriptors are bound first.
PyObject* call_method_found(Runtime& rt, PyObject* attr, PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                            PyObject* kwnames = nullptr);

// tp_dealloc / tp_traverse / tp_clear of class instances (type_dealloc.cpp).
void subtype_dealloc(Runtime& rt, PyObject* self);
void subtype_traverse(PyObject* self, visitproc visit, void* arg);
int subtype_clear(Runtime& rt, PyObject* self);
// `type`'s tp_dealloc and tp_traverse (init_type_system installs them) and its type_clear, for
// the collector to call: they act on classes (heap types) and leave static types alone, as
// CPython's type_is_gc keeps the collector away from those.
void heap_type_dealloc(Runtime& rt, PyObject* self);
void heap_type_release_host(Runtime& rt, PyObject* self);
void heap_type_traverse(PyObject* self, visitproc visit, void* arg);
int heap_type_clear(Runtime& rt, PyObject* self);
PyObject* object_dict_getter(Runtime& rt, PyObject* self);
// tp_finalize (3.4+) / tp_del (2.7) of a class that defines __del__: calls it, and reports an
// exception it raises as CPython's PyErr_WriteUnraisable does (ThreadState::write_stderr).
void slot_tp_finalize(Runtime& rt, PyObject* self);
// PyObject_CallFinalizerFromDealloc: runs `finalizer` (__del__) on the dying object under a
// temporary reference; with `once` (PEP 442) not if it ran before. Returns true when it
// resurrected the object (stored a reference somewhere): the object stays alive with the
// references it gained, as if the last decref had never happened.
bool finalize_from_dealloc(Runtime& rt, PyObject* self, destructor finalizer, bool once);
// What raised an unraisable exception, which 3.14 names in its report ("Exception ignored while
// calling deallocator <function A.__del__ at 0x...>:"); before 3.14 every report reads
// "Exception ignored in: <...>". An atexit callback's (3.10+) has its own: "Exception ignored in
// atexit callback: <...>", from 3.13 "Exception ignored in atexit callback <...>:".
enum class Unraisable { Other, Deallocator, WeakrefCallback, ClosingGenerator, GcCallback, AtexitCallback };
// PyErr_WriteUnraisable: reports and clears the pending exception, raised in `obj` (a __del__
// function found on self's class, or with self null any callable, e.g. a gc callback).
void write_unraisable(Runtime& rt, PyObject* obj, PyObject* self, Unraisable context = Unraisable::Other);
// Whether the object's finalizer has run (PEP 442: it runs once per object from 3.4; 2.7 runs
// __del__ at every death). The collector uses these too.
// PEP 442's mark: bit 0 of the GC header's _gc_prev (_PyGC_PREV_MASK_FINALIZED; a gc_refs bit
// in 3.4-3.7), set once tp_finalize has run on a GC object; objects of non-GC types have none.
bool object_is_finalized(const Runtime& rt, const PyObject* self);
void object_set_finalized(Runtime& rt, PyObject* self);
// Clearing the weak references of an object that is being freed (PyObject_ClearWeakRefs) is
// object/weakref_object.h's object_clear_weakrefs.

}  // namespace pymemlab
