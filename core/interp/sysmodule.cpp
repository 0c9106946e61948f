// The sys module: getrefcount, getsizeof, intern, the recursion limit, version_info, maxsize,
// _debugmallocstats.
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <string>
#include <utility>

#include "alloc/allocator.h"
#include "interp/bltin_internal.h"
#include "interp/code_object.h"
#include "interp/frame_object.h"
#include "interp/gen_object.h"
#include "interp/modules.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/bytes_object.h"
#include "object/cell_object.h"
#include "object/descr_object.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/instance_values.h"
#include "object/type_internal.h"
#include "object/type_object.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/module_object.h"
#include "object/range_object.h"
#include "object/runtime.h"
#include "object/set_object.h"
#include "object/singletons.h"
#include "object/slice_object.h"
#include "object/str_object.h"
#include "object/text_args.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {

// A METH_O function's argument check: 3.10+ name the module ("sys.getrefcount() takes exactly
// one argument (0 given)").
bool exactly_one(Runtime& rt, const char* name, Py_ssize_t nargs, PyObject* kwnames) {
    return check_one_arg(rt, "sys", name, nargs, kwnames);
}

PyObject* sys_getrefcount(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!exactly_one(rt, "getrefcount", nargs, kw)) return nullptr;
    // The count as CPython reports it: the argument itself holds one of the references.
    // 3.12+ immortal objects report the immortal value (its low 32 bits as a C long, as
    // _Py_REFCNT returns it).
    int64_t count = args[0]->ob_refcnt;
    if (rt.is_immortal(args[0])) count = rt.profile().immortal_refcnt;
    return long_from_int64(rt, count);
}

// What sys.getsizeof adds to __sizeof__'s answer: a GC object's header (and from 3.11 its
// pre-header, _PyType_PreHeaderSize).
int64_t object_headers(const Runtime& rt, const PyTypeObject* t) {
    return t->is_gc() ? rt.profile().gc_head_size + static_cast<int64_t>(Runtime::preheader_size(t)) : 0;
}

// A class's own __sizeof__ (a function in a class dict along the MRO before any built-in type):
// its answer, which must be an int >= 0. -1 with the exception set, or -2 when there is none.
int64_t class_sizeof(Runtime& rt, PyObject* o) {
    PyObject* attr = type_lookup_ascii(rt, Py_TYPE(o), "__sizeof__");
    if (attr == nullptr || Py_TYPE(attr) != rt.builtins().function_type) return -2;
    PyObject* r = call_method_found(rt, attr, o, nullptr, 0);
    if (r == nullptr) return -1;
    const bool is_int = long_check(r);
    bool overflow = false;
    const int64_t size = is_int ? long_as_int64(rt, r, &overflow) : -1;
    rt.decref(r);
    if (!is_int) {
        err_set_string(rt, rt.builtins().exc.TypeError, "an integer is required");
        return -1;
    }
    if (overflow || size < 0) {
        err_set_string(rt, rt.builtins().exc.ValueError, "__sizeof__() should return >= 0");
        return -1;
    }
    return size;
}

PyObject* sys_getsizeof(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject*) {
    if (nargs < 1)
        return err_set_string(rt, rt.builtins().exc.TypeError,
                              rt.profile().at_least(3, 7) ? "getsizeof() missing required argument 'object' (pos 1)"
                                                          : "Required argument 'object' (pos 1) not found");
    if (nargs > 2)
        return err_format(rt, rt.builtins().exc.TypeError, "getsizeof() takes at most 2 arguments (%d given)",
                          static_cast<int>(nargs));
    const int64_t own = class_sizeof(rt, args[0]);
    if (own == -2) return long_from_int64(rt, object_sizeof(rt, args[0]));
    if (own >= 0) return long_from_int64(rt, own + object_headers(rt, Py_TYPE(args[0])));
    // The default answers a TypeError only.
    if (nargs < 2 || !err_matches(rt, rt.builtins().exc.TypeError)) return nullptr;
    err_clear(rt);
    return new_ref(rt, args[1]);
}

// __sizeof__ of object and of the built-in types that have their own in CPython (int, dict, set,
// frozenset; list and str have theirs in the object layer; code, frame and generator use
// object's here): the bytes sys.getsizeof counts, less the GC header and pre-header. The type
// named in 3.10+'s arity message is the one the method is defined on.
template <const char* Type>
PyObject* sizeof_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!check_no_args(rt, Type, "__sizeof__", nargs, kw)) return nullptr;
    // object.__sizeof__ called for an object whose type has a __sizeof__ of its own
    // (object.__sizeof__([1, 2])) is object's formula: the basic size and the items.
    PyTypeObject* t = Py_TYPE(self);
    if (Type == std::string_view("object") &&
        type_lookup_ascii(rt, t, "__sizeof__") != dict_get_ascii(rt, rt.builtins().object_type->tp_dict, "__sizeof__"))
        return long_from_int64(rt, t->tp_basicsize + (t->tp_itemsize != 0 ? t->tp_itemsize * std::abs(Py_SIZE(self)) : 0));
    return long_from_int64(rt, object_sizeof(rt, self) - object_headers(rt, t));
}

PyObject* sys_intern(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    // 3.6 parsed it with PyArg_ParseTuple ("U:intern"); Argument Clinic from 3.7.
    const bool clinic = rt.profile().at_least(3, 7);
    if (clinic ? !exactly_one(rt, "intern", nargs, kw)
               : !check_no_keywords(rt, "intern", kw) || !check_getargs_arity(rt, "intern", nargs, 1, 1))
        return nullptr;
    if (!str_check(rt, args[0]))
        return err_format(rt, rt.builtins().exc.TypeError, "intern() argument %smust be str, not %s", clinic ? "" : "1 ",
                          type_name(Py_TYPE(args[0])).c_str());
    PyObject* s = args[0];
    rt.incref(s);
    str_intern_in_place(rt, &s);
    return s;
}

PyObject* sys_getrecursionlimit(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t, PyObject*) {
    return long_from_int64(rt, rt.tstate().recursion_limit);
}

PyObject* sys_setrecursionlimit(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    // PyArg_ParseTuple ("i:setrecursionlimit") until Argument Clinic in 3.7.
    if (rt.profile().at_least(3, 7) ? !exactly_one(rt, "setrecursionlimit", nargs, kw)
                                    : !check_no_keywords(rt, "setrecursionlimit", kw) ||
                                          !check_getargs_arity(rt, "setrecursionlimit", nargs, 1, 1))
        return nullptr;
    bool overflow = false;
    int64_t v = long_as_int64(rt, args[0], &overflow);
    if (overflow || v < 1)
        return err_set_string(rt, rt.builtins().exc.ValueError, rt.profile().major == 2
                                                                    ? "recursion limit must be positive"
                                                                    : "recursion limit must be greater or equal than 1");
    if (v > INT32_MAX)
        return err_set_string(rt, rt.builtins().exc.OverflowError, "Python int too large to convert to C int");
    // A deep recursion stays within the native stack through ThreadState::native_stack_exhausted.
    rt.tstate().recursion_limit = static_cast<int>(v);
    rt.incref(rt.builtins().singletons.none);
    return rt.builtins().singletons.none;
}

// sys._getframe([depth]): the frame object `depth` calls up from the caller's (3.11+: made now
// if the frame has none yet, frame_object_of).
PyObject* sys_getframe(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!bltin::no_keywords(rt, "_getframe", kw) || !bltin::positional(rt, "_getframe", nargs, 0, 1)) return nullptr;
    int64_t depth = 0;
    if (nargs == 1 && !arg_as_ssize(rt, args[0], &depth, IntConv::kInt)) return nullptr;
    Frame* f = interp_of(rt).frame;
    for (; depth > 0 && f != nullptr; --depth) f = f->back;
    if (f == nullptr) return err_set_string(rt, rt.builtins().exc.ValueError, "call stack is not deep enough");
    PyObject* fo = frame_object_of(rt, f);
    return fo != nullptr ? new_ref(rt, fo) : nullptr;
}

PyObject* sys_debugmallocstats(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t, PyObject*) {
    interp_of(rt).err(rt.allocator().debug_malloc_stats());
    rt.incref(rt.builtins().singletons.none);
    return rt.builtins().singletons.none;
}

// sys.getallocatedblocks() (3.4+): the allocator's blocks in use, pymalloc's and raw ones, as
// _Py_GetAllocatedBlocks counts them.
PyObject* sys_getallocatedblocks(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject*) {
    if (nargs != 0)
        return err_format(rt, rt.builtins().exc.TypeError, "getallocatedblocks() takes no arguments (%d given)",
                          static_cast<int>(nargs));
    return long_from_int64(rt, static_cast<int64_t>(rt.allocator().allocated_blocks()));
}

// sys.exc_info(): (type, value, traceback) of the exception being handled, looking through the
// generators now running to their callers; (None, None, None) when there is none.
PyObject* sys_exc_info(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject*) {
    if (nargs != 0)
        return err_format(rt, rt.builtins().exc.TypeError, "exc_info() takes no arguments (%d given)",
                          static_cast<int>(nargs));
    const ExcInfo* handled = handled_exc_info(interp_of(rt));
    PyObject* exc = handled != nullptr ? handled->value : nullptr;
    PyObject* none = rt.builtins().singletons.none;
    PyObject* tb = exc == nullptr                  ? nullptr
                   : exc_info_is_triple(rt)        ? handled->traceback
                                                   : exception_traceback(rt, exc);
    PyObject* r = tuple_new(rt, 3);
    if (r == nullptr) return err_no_memory(rt);
    PyObject* type = exc == nullptr ? none
                     : handled->type != nullptr ? handled->type
                                                : reinterpret_cast<PyObject*>(Py_TYPE(exc));
    PyObject* items[] = {type, exc != nullptr ? exc : none,
                         tb != nullptr ? tb : none};
    for (int i = 0; i < 3; ++i) {
        rt.incref(items[i]);
        tuple_items(r)[i] = items[i];
    }
    return r;
}

// 2.7's sys.exc_clear(): the exception being handled is forgotten (sys.exc_info() gives Nones),
// and with it the traceback and frames it kept alive.
PyObject* sys_exc_clear(Runtime& rt, PyObject*, PyObject* const*, Py_ssize_t nargs, PyObject*) {
    if (nargs != 0)
        return err_format(rt, rt.builtins().exc.TypeError, "exc_clear() takes no arguments (%d given)",
                          static_cast<int>(nargs));
    Interp& in = interp_of(rt);
    exc_info_clear(rt, in.exc_info);
    PyObject* none = rt.builtins().singletons.none;
    exc_info_publish27(in, {none, none, none});
    rt.incref(none);
    return none;
}

const PyMethodDef kSysMethods[] = {
    {"exc_info", sys_exc_info, 0},
    {"getrefcount", sys_getrefcount, METH_O},
    {"getsizeof", sys_getsizeof, 0},
    {"getrecursionlimit", sys_getrecursionlimit, 0},
    {"setrecursionlimit", sys_setrecursionlimit, 0},
    {"_debugmallocstats", sys_debugmallocstats, 0},
    {"_getframe", sys_getframe, 0},
    {nullptr, nullptr, 0},
};

const PyMethodDef kSys3Methods[] = {
    {"getallocatedblocks", sys_getallocatedblocks, 0},
    {"intern", sys_intern, METH_O},  // 2.7's is the builtin intern()
    {nullptr, nullptr, 0},
};

const PyMethodDef kSys27Methods[] = {
    {"exc_clear", sys_exc_clear, 0},
    {nullptr, nullptr, 0},
};

}  // namespace

int64_t object_sizeof(Runtime& rt, PyObject* o) {
    const Builtins& b = rt.builtins();
    PyTypeObject* t = Py_TYPE(o);
    if (t == b.long_type || t == b.singletons.true_->ob_type) {
        if (o == b.singletons.true_ || o == b.singletons.false_) return singleton_sizeof(rt, o);
        return long_sizeof(rt, o);
    }
    if (t == b.tuple_type) return tuple_sizeof(rt, o);
    if (t == b.list_type) return list_sizeof(rt, o);
    // A list subclass's instance: list.__sizeof__ counts its type's basic size (the class's dict
    // and weakref slots, __slots__) and its items block; getsizeof adds the GC and pre-headers.
    if (t->has_flag(Py_TPFLAGS_LIST_SUBCLASS)) return list_sizeof(rt, o) + static_cast<int64_t>(Runtime::preheader_size(t));
    if (t == b.dict_type) return dict_sizeof(rt, o);
    if (t == b.set_type || t == b.frozenset_type) return set_sizeof(rt, o);
    if (t == b.str_type) return str_sizeof(rt, o);
    if (t == b.unicode_type) return unicode_sizeof(rt, o);
    if (t == b.bytes_type) return bytes_sizeof(rt, o);
    if (t == b.range_type) return range_sizeof(rt, o);
    if (t == b.slice_type) return slice_sizeof(rt, o);
    if (t == b.cell_type) return cell_sizeof(rt, o);
    if (t == b.generator_type) return gen_sizeof(rt, o);
    if (t == b.frame_type) return frame_object_sizeof(rt, o);
    if (t == b.code_type) return code_sizeof(rt, o);
    if (o == b.singletons.none || o == b.singletons.not_implemented || o == b.singletons.ellipsis)
        return singleton_sizeof(rt, o);
    if (t->has_flag(Py_TPFLAGS_TYPE_SUBCLASS)) return type_getsizeof(rt, reinterpret_cast<PyTypeObject*>(o));
    int64_t size = t->tp_basicsize;
    if (t->tp_itemsize != 0) size += t->tp_itemsize * Py_SIZE(o);
    if (t->is_gc()) size += rt.profile().gc_head_size + static_cast<int64_t>(Runtime::preheader_size(t));
    return size;
}

namespace {

constexpr char kObjectName[] = "object", kIntName[] = "int", kLongName[] = "long", kDictName[] = "dict",
               kSetName[] = "set", kFrozensetName[] = "frozenset";
const PyMethodDef kSizeofDefs[] = {
    {"__sizeof__", sizeof_method<kObjectName>, 0}, {"__sizeof__", sizeof_method<kIntName>, 0},
    {"__sizeof__", sizeof_method<kLongName>, 0},   {"__sizeof__", sizeof_method<kDictName>, 0},
    {"__sizeof__", sizeof_method<kSetName>, 0},    {"__sizeof__", sizeof_method<kFrozensetName>, 0},
};

// The __sizeof__ methods (kSizeofDefs) in their types' dicts, as CPython's method tables put them.
bool add_sizeof_methods(Runtime& rt) {
    const Builtins& b = rt.builtins();
    PyTypeObject* types[] = {b.object_type, b.long_type, b.long27_type, b.dict_type, b.set_type, b.frozenset_type};
    for (size_t i = 0; i < std::size(types); ++i) {
        PyTypeObject* t = types[i];
        if (t == nullptr || dict_get_ascii(rt, t->tp_dict, "__sizeof__") != nullptr) continue;
        if (!type_add_to_dict(rt, t, "__sizeof__", method_descriptor_new(rt, t, &kSizeofDefs[i]))) return false;
    }
    return true;
}

}  // namespace

PyObject* make_sys_module(Interp& in) {
    Runtime& rt = in.rt;
    if (!add_sizeof_methods(rt)) return err_no_memory(rt);
    PyObject* m = module_new(rt, "sys");
    if (m == nullptr) return nullptr;
    bool ok = module_add_functions(rt, m, kSysMethods) &&
              module_add_functions(rt, m, rt.profile().major < 3 ? kSys27Methods : kSys3Methods) && sys_add_attributes(in, m) &&
              module_add_object(rt, m, "maxsize", long_from_int64(rt, INT64_MAX));
    if (!ok) {
        rt.decref(m);
        return nullptr;
    }
    return m;
}

}  // namespace pymemlab
