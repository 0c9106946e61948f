// map, filter and zip: bltinmodule.c's iterator objects, with CPython's allocation order (the
// tuple of iterators, then the iterators, then the result tuple, then the object), references
// and argument errors per version.
#include "object/map_object.h"

#include <cstring>
#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/enum_object.h"
#include "object/errors.h"
#include "object/runtime.h"
#include "object/stack_depth.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

// map_next passes up to this many items on the C stack; more take a PyMem block for the call.
constexpr Py_ssize_t kSmallStack = 5;  // _PY_FASTCALL_SMALL_STACK

MapObject* as_map(PyObject* o) { return reinterpret_cast<MapObject*>(o); }
FilterObject* as_filter(PyObject* o) { return reinterpret_cast<FilterObject*>(o); }
ZipObject* as_zip(PyObject* o) { return reinterpret_cast<ZipObject*>(o); }


Py_ssize_t count_keywords(PyObject* kwnames) { return kwnames != nullptr ? Py_SIZE(kwnames) : 0; }

// An object of `type` with its fields zeroed (untracked); a class's instance holds its class.
PyObject* alloc_instance(Runtime& rt, PyTypeObject* type) {
    PyObject* o = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) return err_no_memory(rt);
    std::memset(reinterpret_cast<char*>(o) + sizeof(PyObject), 0,
                static_cast<size_t>(type->tp_basicsize) - sizeof(PyObject));
    if (is_heap_type(type)) rt.incref(reinterpret_cast<PyObject*>(type));
    return o;
}

// _PyArg_NoKeywords("map", kwds), as each version words it.
bool no_keywords(Runtime& rt, const char* name, PyObject* kwnames) {
    if (count_keywords(kwnames) == 0) return true;
    err_format(rt, rt.builtins().exc.TypeError,
               rt.profile().at_least(3, 7) ? "%s() takes no keyword arguments" : "%s() does not take keyword arguments",
               name);
    return false;
}

// A tuple of iter(a) for each of args[0..n); its slots fill as the iterators are made.
PyObject* iterators(Runtime& rt, PyObject* const* args, Py_ssize_t n, bool zip_message) {
    PyObject* t = tuple_new(rt, n);
    if (t == nullptr) return err_no_memory(rt);
    for (Py_ssize_t i = 0; i < n; ++i) {
        PyObject* it = object_get_iter(rt, args[i]);
        if (it == nullptr) {
            if (zip_message && !rt.profile().at_least(3, 7) && err_matches(rt, rt.builtins().exc.TypeError))
                err_format(rt, rt.builtins().exc.TypeError, "zip argument #%d must support iteration",
                           static_cast<int>(i + 1));
            rt.decref(t);
            return nullptr;
        }
        tuple_items(t)[i] = it;
    }
    return t;
}

PyObject* self_iter(Runtime& rt, PyObject* self) { return new_ref(rt, self); }

// ---- map ----------------------------------------------------------------------------------------

void map_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    rt.xdecref(as_map(self)->iters.p);
    rt.xdecref(as_map(self)->func.p);
    rt.free_object(self);
}

void map_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyObject* o = as_map(self)->iters.p) visit(o, arg);
    if (PyObject* o = as_map(self)->func.p) visit(o, arg);
}

PyObject* map_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (type == rt.builtins().map_type && !no_keywords(rt, "map", kwnames)) return nullptr;
    if (nargs < 2) return err_set_string(rt, rt.builtins().exc.TypeError, "map() must have at least two arguments.");
    PyObject* iters = iterators(rt, args + 1, nargs - 1, false);
    if (iters == nullptr) return nullptr;
    PyObject* o = alloc_instance(rt, type);
    if (o == nullptr) {
        rt.decref(iters);
        return nullptr;
    }
    as_map(o)->iters.p = iters;
    as_map(o)->func.p = new_ref(rt, args[0]);
    rt.gc_track(o);
    return o;
}

// One item from each iterator, then func(*items); the end of any iterator ends the map.
PyObject* map_next(Runtime& rt, PyObject* self) {
    StackDepth depth(rt);
    if (!depth.ok) return nullptr;
    MapObject* lz = as_map(self);
    const Py_ssize_t niters = Py_SIZE(lz->iters.p);
    PyObject* small[kSmallStack];
    PyObject** stack = small;
    if (niters > kSmallStack) {
        stack = static_cast<PyObject**>(rt.mem_malloc(static_cast<size_t>(niters) * sizeof(Slot<PyObject>)));
        if (stack == nullptr) return err_no_memory(rt);
    }
    Py_ssize_t n = 0;
    PyObject* result = nullptr;
    for (; n < niters; ++n) {
        PyObject* it = tuple_items(lz->iters.p)[n];
        PyObject* v = Py_TYPE(it)->tp_iternext(rt, it);
        if (v == nullptr) break;
        stack[n] = v;
    }
    if (n == niters) result = object_vectorcall(rt, lz->func.p, stack, n, nullptr);
    for (Py_ssize_t i = 0; i < n; ++i) rt.decref(stack[i]);
    if (stack != small) rt.mem_free(stack);
    return result;
}

// ---- filter -------------------------------------------------------------------------------------

void filter_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    rt.xdecref(as_filter(self)->func.p);
    rt.xdecref(as_filter(self)->it.p);
    rt.free_object(self);
}

void filter_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyObject* o = as_filter(self)->func.p) visit(o, arg);
    if (PyObject* o = as_filter(self)->it.p) visit(o, arg);
}

PyObject* filter_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs,
                        PyObject* kwnames) {
    if (type == rt.builtins().filter_type && !no_keywords(rt, "filter", kwnames)) return nullptr;
    if (nargs != 2)
        return err_format(rt, rt.builtins().exc.TypeError, "filter expected 2 arguments, got %d",
                          static_cast<int>(nargs));
    PyObject* it = object_get_iter(rt, args[1]);
    if (it == nullptr) return nullptr;
    PyObject* o = alloc_instance(rt, type);
    if (o == nullptr) {
        rt.decref(it);
        return nullptr;
    }
    as_filter(o)->func.p = new_ref(rt, args[0]);
    as_filter(o)->it.p = it;
    rt.gc_track(o);
    return o;
}

PyObject* filter_next(Runtime& rt, PyObject* self) {
    StackDepth depth(rt);
    if (!depth.ok) return nullptr;
    FilterObject* lz = as_filter(self);
    PyObject* func = lz->func.p;
    const bool checktrue =
        func == rt.builtins().singletons.none || func == reinterpret_cast<PyObject*>(Py_TYPE(rt.builtins().singletons.true_));
    for (;;) {
        PyObject* item = Py_TYPE(lz->it.p)->tp_iternext(rt, lz->it.p);
        if (item == nullptr) return nullptr;
        int ok;
        if (checktrue) {
            ok = object_is_true(rt, item);
        } else {
            PyObject* good = object_call_one(rt, func, item);
            if (good == nullptr) {
                rt.decref(item);
                return nullptr;
            }
            ok = object_is_true(rt, good);
            rt.decref(good);
        }
        if (ok > 0) return item;
        rt.decref(item);
        if (ok < 0) return nullptr;
    }
}

// ---- zip ----------------------------------------------------------------------------------------

void zip_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    rt.xdecref(as_zip(self)->ittuple.p);
    rt.xdecref(as_zip(self)->result.p);
    rt.free_object(self);
}

void zip_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyObject* o = as_zip(self)->ittuple.p) visit(o, arg);
    if (PyObject* o = as_zip(self)->result.p) visit(o, arg);
}

PyObject* zip_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Profile& p = rt.profile();
    int strict = 0;
    if (!p.at_least(3, 10)) {
        if (type == rt.builtins().zip_type && !no_keywords(rt, "zip", kwnames)) return nullptr;
    } else {
        const Py_ssize_t nkw = count_keywords(kwnames);
        for (Py_ssize_t k = 0; k < nkw; ++k) {
            const std::string key = str_as_utf8(rt, tuple_items(kwnames)[k]);
            if (key != "strict") {
                if (p.at_least(3, 13))
                    return err_format(rt, rt.builtins().exc.TypeError, "zip() got an unexpected keyword argument '%s'",
                                      key.c_str());
                return err_format(rt, rt.builtins().exc.TypeError, "'%s' is an invalid keyword argument for zip()",
                                  key.c_str());
            }
            if ((strict = object_is_true(rt, args[nargs + k])) < 0) return nullptr;
        }
    }
    PyObject* ittuple = iterators(rt, args, nargs, true);
    if (ittuple == nullptr) return nullptr;
    // The result holder, (None, ...) until the first next().
    PyObject* result = tuple_new(rt, nargs);
    if (result == nullptr) {
        rt.decref(ittuple);
        return err_no_memory(rt);
    }
    for (Py_ssize_t i = 0; i < nargs; ++i) tuple_items(result)[i] = new_ref(rt, rt.builtins().singletons.none);
    PyObject* o = alloc_instance(rt, type);
    if (o == nullptr) {
        rt.decref(ittuple);
        rt.decref(result);
        return nullptr;
    }
    ZipObject* lz = as_zip(o);
    lz->tuplesize = nargs;
    lz->ittuple.p = ittuple;
    lz->result.p = result;
    if (p.at_least(3, 10)) lz->strict = strict;
    rt.gc_track(o);
    return o;
}

// zip(strict=True) at the end of iterator i: the others must end there too.
PyObject* zip_check_lengths(Runtime& rt, ZipObject* lz, Py_ssize_t i) {
    if (err_occurred(rt)) {
        if (!err_matches(rt, rt.builtins().exc.StopIteration)) return nullptr;
        err_clear(rt);
    }
    if (i > 0) {
        return err_format(rt, rt.builtins().exc.ValueError, "zip() argument %d is shorter than argument%s%d",
                          static_cast<int>(i + 1), i == 1 ? " " : "s 1-", static_cast<int>(i));
    }
    for (i = 1; i < lz->tuplesize; ++i) {
        PyObject* it = tuple_items(lz->ittuple.p)[i];
        PyObject* item = Py_TYPE(it)->tp_iternext(rt, it);
        if (item != nullptr) {
            rt.decref(item);
            return err_format(rt, rt.builtins().exc.ValueError, "zip() argument %d is longer than argument%s%d",
                              static_cast<int>(i + 1), i == 1 ? " " : "s 1-", static_cast<int>(i));
        }
        if (err_occurred(rt)) {
            if (!err_matches(rt, rt.builtins().exc.StopIteration)) return nullptr;
            err_clear(rt);
        }
    }
    return nullptr;
}

// The next tuple: the kept result refilled in place while its count is 1 (3.8+ track it again if
// a collection had untracked it), else a new tuple.
PyObject* zip_next(Runtime& rt, PyObject* self) {
    StackDepth depth(rt);
    if (!depth.ok) return nullptr;
    ZipObject* lz = as_zip(self);
    const Py_ssize_t n = lz->tuplesize;
    if (n == 0) return nullptr;
    const bool strict = rt.profile().at_least(3, 10) && lz->strict != 0;
    PyObject* result = lz->result.p;
    if (result->ob_refcnt == 1) {
        rt.incref(result);
        for (Py_ssize_t i = 0; i < n; ++i) {
            PyObject* it = tuple_items(lz->ittuple.p)[i];
            PyObject* item = Py_TYPE(it)->tp_iternext(rt, it);
            if (item == nullptr) {
                rt.decref(result);
                return strict ? zip_check_lengths(rt, lz, i) : nullptr;
            }
            PyObject* old = tuple_items(result)[i];
            tuple_items(result)[i] = item;
            rt.decref(old);
        }
        if (rt.profile().at_least(3, 8) && !rt.gc_is_tracked(result)) rt.gc_track(result);
        return result;
    }
    result = tuple_new(rt, n);
    if (result == nullptr) return err_no_memory(rt);
    for (Py_ssize_t i = 0; i < n; ++i) {
        PyObject* it = tuple_items(lz->ittuple.p)[i];
        PyObject* item = Py_TYPE(it)->tp_iternext(rt, it);
        if (item == nullptr) {
            // The slots not yet filled are null; the tuple's dealloc skips them.
            rt.decref(result);
            return strict ? zip_check_lengths(rt, lz, i) : nullptr;
        }
        tuple_items(result)[i] = item;
    }
    return result;
}

PyTypeObject* make_type(Runtime& rt, const char* name, int64_t size, destructor dealloc, traverseproc traverse,
                        newfunc tp_new, iternextfunc next) {
    PyTypeObject* t = new_static_type(rt, name, size, 0, {.dealloc = dealloc, .traverse = traverse});
    t->tp_new = tp_new;
    t->tp_iter = self_iter;
    t->tp_iternext = next;
    t->tp_methods = kIteratorMethods3;
    t->tp_flags |= Py_TPFLAGS_BASETYPE;
    type_ready(rt, t);
    return t;
}

}  // namespace

void init_map_types(Runtime& rt) {
    Builtins& b = rt.builtins();
    if (b.map_type != nullptr || rt.profile().major == 2) return;
    const TypeSizes& sizes = type_sizes(rt.profile());
    // Each request is the profile's; the model's structs follow the newest layout, whose extra
    // `strict` field lies past an older request and is never touched there.
    b.map_type = make_type(rt, "map", sizes.map, map_dealloc, map_traverse, map_tp_new, map_next);
    b.filter_type = make_type(rt, "filter", model_basicsize(sizes.filter, sizeof(FilterObject)), filter_dealloc,
                              filter_traverse, filter_tp_new, filter_next);
    b.zip_type = make_type(rt, "zip", sizes.zip, zip_dealloc, zip_traverse, zip_tp_new, zip_next);
}

}  // namespace pymemlab
