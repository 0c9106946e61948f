// Type sizes: per profile, the tp_basicsize of every interpreter-level type (functions, methods,
// descriptors, modules, code, classes, instances, exceptions, iterators, generators, frames, weak
// references) and the rules by which a plain class lays out its instances and their __dict__.
// Measured by tests/cpython/measure_types.py into tests/data/types-<version>.tsv, held to it by
// tests/unit/test_type_sizes.cpp; tests/cpython/README.md ("Interpreter-level types") tells the
// layouts in prose. Read type_sizes.cpp for the table.
#pragma once

#include <cstdint>

#include "profile/profile.h"

namespace pymemlab {

// Where a plain class (`class C: pass`, instances made by object.__new__) keeps its instances'
// attributes.
enum class InstanceLayout : uint8_t {
    // 2.7: tp_dictoffset points at a __dict__ pointer in the instance; the dict is an ordinary
    // PyDictObject (8-slot ma_smalltable inside it; a separate ma_table past 5 keys).
    kDict,
    // 3.3-3.10 (PEP 412): the __dict__ is a split dict made on the first attribute store or
    // __dict__ read: a PyDictObject plus a values array of 8 * USABLE_FRACTION(keys size) bytes;
    // the keys table is the class's ht_cached_keys, shared, and grows (8, 16, 32, 64 slots) when
    // the first instance outgrows it.
    kSplitDict,
    // 3.11-3.12: Py_TPFLAGS_MANAGED_DICT: two pointers before the object (the "pre-header":
    // 3.11 dict and values pointers, 3.12 dict-or-values and weakref list), and a values block
    // (PyDictValues) requested right after the object; __dict__ is made only when read.
    kPreHeaderValues,
    // 3.13+: Py_TPFLAGS_INLINE_VALUES: the values live at the end of the instance's own block.
    kInlineValues,
};

// Figures are bytes on a 64-bit build, GC header NOT included (sys.getsizeof adds it, and the
// pre-header, for the objects that carry them). Each field names the CPython struct it is.
struct TypeSizes {
    // ---- callables and descriptors -----------------------------------------------------------
    int64_t function;           // PyFunctionObject: 88 (2.7), 112 (3.6), 120 (3.8: vectorcall),
                                // 128 (3.10: func_builtins), 136 (3.11: func_qualname moved in,
                                // func_version), 144 (3.12: func_typeparams), 152 (3.14: func_annotate)
    int64_t method;             // PyMethodObject (bound method): 48 (2.7: im_class), 40 (3.x), 48 (3.8: vectorcall)
    int64_t builtin_function;   // PyCFunctionObject ([].append, len): 40, 48 (3.x: m_weakreflist), 56 (3.8: vectorcall)
    int64_t method_descriptor;  // PyMethodDescrObject (list.append): 40, 48 (3.x: d_qualname), 56 (3.8: vectorcall)
    int64_t getset_descriptor;  // PyGetSetDescrObject (C.__dict__['__dict__']); PyMemberDescrObject
                                // (a __slots__ entry) has the same size: 40, 48 (3.x)
    int64_t classmethod;        // classmethod and staticmethod objects (one struct): 24 (2.7), 32 (3.x: cm_dict)
    int wrapper_dict_entries;   // classmethod(f) / staticmethod(f) copy f's __module__, __name__,
                                // __qualname__, __doc__ (and __annotations__ up to 3.13) into a new
                                // __dict__ (3.10+, functools_wraps): the entries; 0 = no dict made
    int64_t property;           // propertyobject: 56, 64 (3.10: prop_name)

    // ---- modules and code --------------------------------------------------------------------
    int64_t module;             // PyModuleObject: 24 (2.7: md_dict), 56 (3.x: def, state, weaklist, name)
    int module_dict_entries;    // a new module's __dict__: __name__, __doc__ (+ __package__,
                                // __loader__, __spec__ on 3.x); the dict and its keys are requested with it
    int64_t mappingproxy;       // mappingproxyobject (C.__dict__; 2.7 dictproxy)
    int64_t code;               // PyCodeObject tp_basicsize: 128 (2.7), 144 (3.6), 176 (3.8),
                                // 184 (3.11), 192 (3.12), 200 (3.13), 208 (3.14: _co_unique_id)
    int64_t code_itemsize;      // 0 up to 3.10 (co_code is a separate bytes object); 2 from 3.11, whose
                                // code object holds its bytecode (inline caches included) in one block:
                                // getsizeof = round_up(code + len(co_code), 8), not a GC object

    // ---- classes -----------------------------------------------------------------------------
    int64_t heap_type;          // PyHeapTypeObject: 872 (2.7), 864 (3.6), 880 (3.8), 888 (3.10),
                                // 904 (3.11), 920 (3.12), 928 (3.13), 936 (3.14: ht_token)
    int64_t member_def;         // PyMemberDef, type's tp_itemsize: a class's block is
                                // heap_type + member_def * (len(__slots__) + 1), plus the GC header
    int64_t static_type_sizeof; // type.__sizeof__(int): sizeof(PyTypeObject) on 3.x; on 2.7, which has no
                                // type.__sizeof__, object.__sizeof__ gives type's tp_basicsize
    bool static_type_counts_gc_head;  // 3.11, 3.12: sys.getsizeof(int) adds a GC header to it
    int64_t cached_keys;        // ht_cached_keys that `class C: pass` makes for its instances (type.__sizeof__
                                // counts it): 0 (2.7), 168 (3.x: 8-slot keys), 768 (3.11+: 64 slots)
    int class_dict_entries;     // C.__dict__ after `class C: pass`: __module__, __dict__, __weakref__, __doc__
                                // (+ __firstlineno__, __static_attributes__ from 3.13)
    int class_statement_blocks; // live blocks `class C: pass` leaves (README): heap type, tp_dict and its
                                // keys, cached keys, bases and mro tuples, two getset descriptors, the
                                // weakref and int key of object's subclass table, and up to 3.10 the
                                // class body's zombie frame (co_zombieframe); 2.7 derived, not measured

    // ---- instances ---------------------------------------------------------------------------
    int64_t object;             // PyObject: object()
    InstanceLayout instance_layout;
    int64_t instance;           // tp_basicsize of a plain class: 32 up to 3.10 (__dict__ and __weakref__
                                // pointers), 24 (3.11: __weakref__ only), 16 (3.12+: both managed)
    int64_t pre_header;         // bytes before the GC header of a managed-dict instance (3.11+), counted
                                // by sys.getsizeof
    int64_t instance_dict;      // PyDictObject that holds an instance's attributes: 248 (2.7, with its
                                // smalltable), 48 (3.x)
    int split_keys_slots;       // dk_size of the cached keys a class starts with: 8 (3.x), 64 (3.11+);
                                // 0 on 2.7 (no shared keys)
    int shared_keys_max;        // SHARED_KEYS_MAX_SIZE (3.11+): the cached keys take at most 30 names and
                                // start with dk_usable = 30; 0 = no limit (up to 3.10)
    int values_order_bytes;     // 3.11-3.12 PyDictValues: a values block is
    int values_header_slots;    //   round_up(capacity + values_order_bytes, 8) + 8 * (capacity + values_header_slots)
                                // (3.11-3.12: 2 order bytes before the values; 3.13+: the order array
                                // of `capacity` bytes, then a pointer-sized header of 4 bytes)
    // Each new instance takes one from the cached keys' dk_usable while it is above 1, so the k-th
    // instance of a fresh class gets capacity 30 - k (3.11, 3.12: taken before sizing) or a block
    // sized for 31 - k holding 30 - k (3.13+: _PyType_AllocNoTrack sizes it before
    // _PyObject_InitInlineValues takes one); once the keys hold every attribute, capacity is
    // nentries + 1, and an attribute that finds no room moves the instance to a combined dict.
    bool values_sized_before_take;
    bool keys_prefilled_from_static_attributes;  // 3.14: the class statement fills the cached keys from
                                // __static_attributes__ (self.x assignments in its methods), up to 30
    bool values_for_slotted_base;   // a subclass of a __slots__ class gets values at creation (3.11, 3.12,
                                    // 3.14; 3.13 makes a dict, with a 30-slot values block, on first store)
    bool values_for_builtin_base;   // a subclass of list gets values at creation (3.14 only)

    // ---- exceptions, frames, generators ------------------------------------------------------
    int64_t base_exception;     // PyBaseExceptionObject: 40 (2.7), 64 (3.x), 72 (3.11: notes);
                                // BaseException(x) keeps the call's argument tuple as args
    int64_t traceback;          // PyTracebackObject
    int64_t frame;              // PyFrameObject tp_basicsize, tp_itemsize 8. Up to 3.10 every call makes
                                // one: frame + 8 * (locals + cells + frees + co_stacksize), of which
                                // getsizeof counts one slot less (f_localsplus[1] is in the basicsize);
                                // from 3.11 frames live on the thread's data stack and a frame object of
                                // the same formula (frame = its header + _PyInterpreterFrame's) is made
                                // only on demand (sys._getframe(), a traceback, gi_frame)
    bool frame_getsizeof_excludes_slot;
    int64_t generator;          // PyGenObject tp_basicsize. Up to 3.10 the generator holds a separate
                                // frame; from 3.11 the frame is inside: + 8 * (locals + co_stacksize)
    bool generator_embeds_frame;

    // ---- iterators and small objects ---------------------------------------------------------
    int64_t seq_iterator;       // listiterobject, tuple, str and list-reverse iterators
    int64_t range_iterator;     // rangeiterobject (not a GC type) and longrangeiterobject: 48, 40 (3.12)
    int64_t dict_iterator;      // dictiterobject (keys, values, items; items keeps a result 2-tuple)
    int64_t dict_view;          // _PyDictViewObject (d.keys())
    int64_t set_iterator;       // setiterobject
    int64_t enumerate;          // enumobject (+ a result 2-tuple): 48, 56 (3.11: one_index)
    int64_t zip;                // zipobject (+ a tuple of iterators and a result tuple): 40, 48 (3.10: strict)
    int64_t map;                // mapobject (+ a tuple of iterators): 32, 40 (3.14: strict)
    int64_t filter;             // filterobject
    int64_t weakref;            // PyWeakReference (weakref.ref and weakref.proxy): 56, 64 (3.11: vectorcall)
    int64_t super;              // superobject (super(C, o))
    int64_t cell;               // PyCellObject
    int64_t slice;              // PySliceObject

    // The size of a values block of `capacity` slots (3.11+).
    constexpr int64_t values_bytes(int64_t capacity) const {
        return (capacity + values_order_bytes + 7) / 8 * 8 + 8 * (capacity + values_header_slots);
    }
    // The most attributes an instance of a fresh class keeps in its values (3.11+): 29 before 3.14,
    // because the first instance takes one of the 30 before it stores anything.
    constexpr int max_values_attrs() const {
        return keys_prefilled_from_static_attributes ? shared_keys_max : shared_keys_max - 1;
    }
    // The capacity of the values of an instance whose class's instances all set `nattrs`
    // attributes, once many exist (the steady state; nattrs < max_values_attrs()).
    constexpr int64_t steady_values_capacity(int nattrs) const {
        return nattrs + 1 < max_values_attrs() ? nattrs + 1 : max_values_attrs();
    }
};

// The type sizes of the profile's CPython version (by p.major / p.minor).
const TypeSizes& type_sizes(const Profile& p);

}  // namespace pymemlab
