// Builtins: the built-in type objects and singletons of one Runtime, created in its data
// segment by init_builtins() (builtins.cpp), each by its own type's file.
#pragma once

#include <map>
#include <utility>
#include <vector>

#include "object/bytes_object.h"
#include "object/dict_object.h"
#include "object/exceptions.h"
#include "object/float_object.h"
#include "object/free_list.h"
#include "object/iter_object.h"
#include "object/list_object.h"
#include "object/set_object.h"
#include "object/str_object.h"
#include "object/object.h"
#include "object/singletons.h"
#include "object/tuple_object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

struct Builtins {
    PyTypeObject* type_type = nullptr;
    PyTypeObject* long_type = nullptr;  // int: PyLongObject in 3.x, PyIntObject in 2.7
    // 3.14+: compact ints (one digit or none) kept for the next one (longobject.c's `ints` free
    // list, at most kIntMaxFreeList).
    FreeList int_free_list;
    PyTypeObject* long27_type = nullptr;  // 2.7's long (PyLongObject); null in 3.x
    PyTypeObject* class27_type = nullptr;     // 2.7's classobj (object/class_object27.h); null in 3.x
    PyTypeObject* instance27_type = nullptr;  // 2.7's instance (object/instance_object27.h); null in 3.x
    ObjectBlocks int_blocks27;          // 2.7's int block allocator
    PyTypeObject* float_type = nullptr;
    PyTypeObject* complex_type = nullptr;
    FloatState float_state;
    PyTypeObject* tuple_type = nullptr;
    PyObject* empty_tuple = nullptr;
    TupleState tuple_state;
    PyTypeObject* list_type = nullptr;
    ListState list_state;
    Singletons singletons;
    PyTypeObject* range_type = nullptr;
    PyTypeObject* slice_type = nullptr;
    PyObject* slice_cache = nullptr;  // the last freed slice (3.x)
    IterTypes iter_types;             // the sequence iterators (object/iter_object.h)
    // 3.14+: dead list and tuple iterators (at most 10 each), range objects and range iterators
    // (at most 6 each) kept for the next one (pycore_freelist_state.h).
    FreeList list_iter_free_list, tuple_iter_free_list, range_free_list, range_iter_free_list;
    std::vector<PyObject*> repr_running;  // Py_ReprEnter's objects, each holding a reference (repr_guard.h)
    PyTypeObject* cell_type = nullptr;
    // Strings. 3.x: str is the PEP 393 unicode type, bytes its own type. 2.7: str is the
    // bytes type (PyStringObject) and unicode a type of its own.
    PyTypeObject* str_type = nullptr;
    PyTypeObject* unicode_type = nullptr;
    PyTypeObject* basestring_type = nullptr;  // 2.7: the base of str and unicode; null in 3.x
    PyTypeObject* bytes_type = nullptr;
    StrState str_state;
    BytesState bytes_state;
    PyTypeObject* dict_type = nullptr;
    DictState dict_state;
    PyTypeObject* mappingproxy_type = nullptr;  // C.__dict__ (object/mappingproxy_object.h)
    PyTypeObject* set_type = nullptr;
    PyTypeObject* frozenset_type = nullptr;
    SetState set_state;
    // Types of the interpreter layer (core/interp), registered here when it starts.
    PyTypeObject* code_type = nullptr;
    PyTypeObject* traceback_type = nullptr;
    PyTypeObject* frame_type = nullptr;      // frame objects (interp/frame_object.h)
    // ≤3.10's frame free list (frameobject.c's, at most 200); each code object keeps one more
    // frame of its own (co_zombieframe, interp/frame_object.h).
    FreeList frame_free_list;
    PyTypeObject* generator_type = nullptr;  // interp/gen_object.h
    PyTypeObject* object_type = nullptr;  // `object`, the root of every class
    PyTypeObject* module_type = nullptr;
    PyTypeObject* function_type = nullptr;
    PyTypeObject* method_type = nullptr;  // bound methods
    FreeList method_free_list;            // ≤3.8 (classobject.c's, at most 256), 3.14+ (20)
    PyTypeObject* builtin_function_type = nullptr;
    FreeList cfunction_free_list;  // ≤3.8 (methodobject.c's, at most 256), 3.14+ (16)
    PyTypeObject* method_descriptor_type = nullptr;
    PyTypeObject* classmethod_descriptor_type = nullptr;
    PyTypeObject* getset_descriptor_type = nullptr;
    PyTypeObject* member_descriptor_type = nullptr;
    PyTypeObject* classmethod_type = nullptr;
    PyTypeObject* staticmethod_type = nullptr;
    PyTypeObject* property_type = nullptr;
    // The builtins module's own types (enum_object.h, map_object.h, super_object.h), made with it;
    // sys.stdout's type (interp/sysmodule.cpp).
    PyTypeObject* enumerate_type = nullptr;
    PyTypeObject* reversed_type = nullptr;
    PyTypeObject* calliter_type = nullptr;  // iter(callable, sentinel)
    PyTypeObject* map_type = nullptr;
    PyTypeObject* filter_type = nullptr;
    PyTypeObject* zip_type = nullptr;
    PyTypeObject* super_type = nullptr;
    PyTypeObject* method_wrapper_type = nullptr;
    PyTypeObject* wrapper_descriptor_type = nullptr;
    PyTypeObject* textio_type = nullptr;
    // super() without arguments: the running frame's __class__ cell and first argument, which
    // core/interp finds (both borrowed); false with RuntimeError set when there are none.
    bool (*super_frame_args)(Runtime& rt, PyTypeObject** type, PyObject** obj) = nullptr;
    PyTypeObject* weakref_type = nullptr;            // weakref.ref (object/weakref_object.h)
    PyTypeObject* weakproxy_type = nullptr;          // weakref.ProxyType
    PyTypeObject* weakcallableproxy_type = nullptr;  // weakref.CallableProxyType
    std::vector<PyTypeObject*> static_types;  // every new_static_type, in creation order
    // The slot wrappers of built-in types (slot_wrapper.cpp), made on first use: a static type and
    // a row of slot_defs() to the wrapper_descriptor, which this table holds a reference to, as
    // the type's dict does in CPython.
    std::map<std::pair<const PyTypeObject*, const void*>, PyObject*> slot_wrappers;
    // Calling a Python function: the evaluation loop (core/interp) registers it.
    vectorcallfunc function_call = nullptr;  // descr_object.cpp's own table
    // method(func, self): a bound method (func_object.cpp), for classmethod.__get__.
    PyObject* (*method_new)(Runtime& rt, PyObject* func, PyObject* self) = nullptr;
    ExceptionTypes exc;
    PyObject* memory_error_instance = nullptr;  // static: raised when even MemoryError cannot be made
    // int's small-int cache: small_ints[v + 5] for v in -5..256.
    PyObject* small_ints[5 + 257] = {};
};

// Creates every built-in type and singleton in `rt`'s data segment (and, where the profile
// allocated them at start-up, in its arenas), in the order CPython creates them.
void init_builtins(Runtime& rt);

// The slots a built-in type sets. A type with tp_traverse is a GC type (Py_TPFLAGS_HAVE_GC).
struct TypeSlots {
    destructor dealloc = nullptr;
    traverseproc traverse = nullptr;
    blocksvisitor blocks = nullptr;
};

// A static type object named `name` in the data segment, of the given instance sizes.
PyTypeObject* new_static_type(Runtime& rt, const char* name, int64_t basicsize, int64_t itemsize,
                              TypeSlots slots = {});

}  // namespace pymemlab
