// Calls through tp_call: the packing of _PyObject_MakeTpCall (2.7: ceval's do_call) and the
// unpacking of _PyObject_Call_Prepend, per version. Read tp_call.h first.
#include "object/tp_call.h"

#include <optional>
#include <vector>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/func_object.h"
#include "object/recursion.h"
#include "object/runtime.h"
#include "object/seq_internal.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"
#include "object/type_object.h"

namespace pymemlab {
namespace {

// _PY_FASTCALL_SMALL_STACK: _PyObject_Call_Prepend's arguments live in a C array up to this
// many; more take a PyMem block for the call.
constexpr Py_ssize_t kSmallStack = 5;
constexpr size_t kPointer = 8;

// An argument array the length of a call, on the host: a few on the C stack, more in a vector.
class ArgArray {
 public:
    explicit ArgArray(Py_ssize_t n) {
        if (n > static_cast<Py_ssize_t>(sizeof small_ / sizeof small_[0])) {
            large_.resize(static_cast<size_t>(n));
            data_ = large_.data();
        }
    }
    PyObject*& operator[](Py_ssize_t i) { return data_[i]; }
    PyObject** data() { return data_; }

 private:
    PyObject* small_[8];
    std::vector<PyObject*> large_;
    PyObject** data_ = small_;
};

// A PyMem block held for a call's length (the argument arrays CPython mallocs): allocated, as
// CPython allocates it, only to be seen in the heap while the call runs.
class TempBlock {
 public:
    // Held (ThreadState::hold) while the call runs, so the heap checker knows its owner.
    TempBlock(Runtime& rt, size_t bytes) : rt_(rt), p_(rt.mem_malloc(bytes)) { rt.tstate().hold(p_); }
    ~TempBlock() {
        if (p_ == nullptr) return;
        rt_.tstate().let_go(p_);
        rt_.mem_free(p_);
    }
    TempBlock(const TempBlock&) = delete;
    TempBlock& operator=(const TempBlock&) = delete;

 private:
    Runtime& rt_;
    void* p_;
};

bool is_python_function(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == rt.builtins().function_type; }


// The positional arguments as a new tuple (the empty tuple for none), taking the slots'
// references with `move`. nullptr with MemoryError set.
PyObject* pack_tuple(Runtime& rt, PyObject** args, Py_ssize_t nargs, bool move) {
    if (!move || nargs == 0) return tuple_from_array(rt, args, nargs);
    PyObject* t = tuple_alloc(rt, nargs);
    if (t == nullptr) return err_no_memory(rt);
    for (Py_ssize_t i = 0; i < nargs; ++i) {
        tuple_items(t)[i] = args[i];
        args[i] = nullptr;
    }
    tuple_track_filled(rt, t);
    return t;
}

// The keyword arguments as a new dict (_PyStack_AsDict; 2.7's update_keyword_args).
PyObject* pack_dict(Runtime& rt, PyObject** values, PyObject* kwnames, bool move) {
    PyObject* d = dict_new(rt);
    if (d == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < Py_SIZE(kwnames); ++i) {
        if (!dict_setitem(rt, d, tuple_items(kwnames)[i], values[i])) {
            rt.decref(d);
            return nullptr;
        }
        if (move) {
            rt.decref(values[i]);  // the stack's reference, now the dict's
            values[i] = nullptr;
        }
    }
    return d;
}

// _PyStack_UnpackDict (3.8+): a call with keywords copies self, the arguments and the keyword
// values into a PyMem array, each taking a reference, with a new tuple of the names.
PyObject* call_unpacked(Runtime& rt, PyObject* attr, PyObject* const* stack, Py_ssize_t n, PyObject* kwnames) {
    const Py_ssize_t nkw = Py_SIZE(kwnames);
    const size_t offset = rt.profile().at_least(3, 9) ? 1 : 0;  // PY_VECTORCALL_ARGUMENTS_OFFSET's slot
    TempBlock block(rt, (offset + static_cast<size_t>(n + nkw)) * kPointer);
    PyObject* names = tuple_from_array(rt, tuple_items(kwnames), nkw);
    if (names == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < n + nkw; ++i) rt.incref(stack[i]);
    PyObject* r = object_vectorcall(rt, attr, stack, n, names);
    for (Py_ssize_t i = 0; i < n + nkw; ++i) rt.decref(stack[i]);
    rt.decref(names);
    return r;
}

// 3.6's _PyFunction_FastCallDict: a call with keywords copies the names and values into a new
// tuple of pairs; the positional arguments are borrowed.
PyObject* call_with_pairs(Runtime& rt, PyObject* attr, PyObject* const* stack, Py_ssize_t n, PyObject* kwnames) {
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
    if (nkw == 0) return object_vectorcall(rt, attr, stack, n, nullptr);
    PyObject* pairs = tuple_new(rt, 2 * nkw);
    if (pairs == nullptr) return err_no_memory(rt);
    for (Py_ssize_t i = 0; i < nkw; ++i) {
        tuple_items(pairs)[2 * i] = new_ref(rt, tuple_items(kwnames)[i]);
        tuple_items(pairs)[2 * i + 1] = new_ref(rt, stack[n + i]);
    }
    PyObject* r = object_vectorcall(rt, attr, stack, n, kwnames);
    rt.decref(pairs);
    return r;
}

// 2.7's instancemethod_call (and slot_tp_new): self and the arguments copied into a new tuple,
// then function_call, whose keyword pairs are borrowed pointers in a malloc'd array (no block in
// the pools, no references).
PyObject* call_via_newarg27(Runtime& rt, PyObject* attr, PyObject* const* stack, Py_ssize_t n, PyObject* kwnames) {
    PyObject* newarg = tuple_from_array(rt, stack, n);
    if (newarg == nullptr) return nullptr;
    PyObject* r = object_vectorcall(rt, attr, stack, n, kwnames);
    rt.decref(newarg);
    return r;
}

// Built-in types got a vectorcall of their own from 3.9 (bpo-37207: range, list, tuple, dict,
// set, frozenset; then float, bool, type(x), reversed, map, filter...). Those still called
// through tp_call, as measured with gc.get_count() after a full collection on the pyenv builds:
// bytes, complex and zip throughout, enumerate in 3.10, str until 3.12 and int until 3.13.
bool builtin_type_has_vectorcall(const Runtime& rt, const PyTypeObject* type) {
    const Profile& p = rt.profile();
    if (!p.at_least(3, 9)) return false;
    const Builtins& b = rt.builtins();
    if (type == b.bytes_type || type == b.complex_type || type == b.zip_type) return false;
    if (type == b.enumerate_type) return p.at_least(3, 11);
    if (type == b.str_type) return p.at_least(3, 12);
    if (type == b.long_type) return p.at_least(3, 13);
    return true;
}

}  // namespace

bool calls_through_tp_call(const Runtime& rt, const PyObject* callable) {
    const PyTypeObject* t = Py_TYPE(callable);
    if (t->tp_call == nullptr) return false;
    if (is_heap_type(t)) return true;  // an instance of a class: its __call__
    // 2.7's classic class (making an instance) and classic instance (its __call__).
    if (t == rt.builtins().class27_type || t == rt.builtins().instance27_type) return true;
    if (!t->has_flag(Py_TPFLAGS_TYPE_SUBCLASS)) return false;
    const auto* type = reinterpret_cast<const PyTypeObject*>(callable);
    return is_heap_type(type) || !builtin_type_has_vectorcall(rt, type);
}

PyObject* make_tp_call(Runtime& rt, PyObject* callable, PyObject** args, Py_ssize_t nargs, PyObject* kwnames,
                       bool move) {
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
    ArgArray items(nargs + nkw);
    for (Py_ssize_t i = 0; i < nkw; ++i) items[nargs + i] = args[nargs + i];
    PyObject* tuple = pack_tuple(rt, args, nargs, move);
    if (tuple == nullptr) return nullptr;
    PyObject* kwargs = nkw > 0 ? pack_dict(rt, args + nargs, kwnames, move) : nullptr;
    if (nkw > 0 && kwargs == nullptr) {
        rt.decref(tuple);
        return err_occurred(rt) ? nullptr : err_no_memory(rt);
    }
    for (Py_ssize_t i = 0; i < nargs; ++i) items[i] = tuple_items(tuple)[i];
    PyObject* r = Py_TYPE(callable)->tp_call(rt, callable, items.data(), nargs, kwnames);
    rt.xdecref(kwargs);
    rt.decref(tuple);
    return r;
}

PyObject* call_prepend(Runtime& rt, PyObject* attr, PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                       PyObject* kwnames, bool bound) {
    if (!is_python_function(rt, attr)) return call_method_found(rt, attr, self, args, nargs, kwnames);
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
    const Py_ssize_t n = nargs + 1;
    // The lookup's reference (the call may rebind the class attribute that holds it): the
    // function itself from 3.7 (lookup_maybe_method), before that the bound method made below.
    const bool method_holds_attr = bound && !rt.profile().at_least(3, 7);
    if (!method_holds_attr) rt.incref(attr);
    ArgArray stack(n + nkw);
    stack[0] = self;
    for (Py_ssize_t i = 0; i < nargs + nkw; ++i) stack[i + 1] = args[i];
    PyObject* r;
    if (rt.profile().at_least(3, 7)) {
        if (nkw > 0) {
            r = call_unpacked(rt, attr, stack.data(), n, kwnames);
        } else {
            std::optional<TempBlock> big;
            if (n > kSmallStack) big.emplace(rt, static_cast<size_t>(n) * kPointer);
            r = object_vectorcall(rt, attr, stack.data(), n, nullptr);
        }
    } else {
        // lookup_method: a bound method for the call's length (from the method free list).
        PyObject* method = bound ? method_new(rt, attr, self) : nullptr;
        if (bound && method == nullptr) return err_no_memory(rt);
        // The method's own PyObject_Call checks the recursion limit before its function's.
        RecursiveCall depth(rt, " while calling a Python object", bound ? 1 : 0);
        r = !depth.ok ? nullptr
            : rt.profile().major < 3 ? call_via_newarg27(rt, attr, stack.data(), n, kwnames)
                                     : call_with_pairs(rt, attr, stack.data(), n, kwnames);
        rt.xdecref(method);
    }
    if (!method_holds_attr) rt.decref(attr);
    return r;
}

PyObject* call_obj_args_pre37(Runtime& rt, PyObject* callable, PyObject* const* args, Py_ssize_t nargs) {
    const bool is27 = rt.profile().major == 2;
    if (!is27 && is_python_function(rt, callable)) return object_vectorcall(rt, callable, args, nargs, nullptr);
    PyObject* tuple = tuple_from_array(rt, args, nargs);
    if (tuple == nullptr) return nullptr;
    PyObject* r;
    PyMethodObject* m = Py_TYPE(callable) == rt.builtins().method_type ? as_method(callable) : nullptr;
    if (is27 && m != nullptr && m->im_self.p != nullptr && is_python_function(rt, m->im_func.p)) {
        ArgArray stack(nargs + 1);
        stack[0] = m->im_self.p;
        for (Py_ssize_t i = 0; i < nargs; ++i) stack[i + 1] = tuple_items(tuple)[i];
        r = call_via_newarg27(rt, m->im_func.p, stack.data(), nargs + 1, nullptr);
    } else {
        r = object_vectorcall(rt, callable, tuple_items(tuple), nargs, nullptr);
    }
    rt.decref(tuple);
    return r;
}

PyObject* call_method_packed(Runtime& rt, PyObject* attr, PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
    if (nargs == 0 && rt.profile().major >= 3) return call_prepend(rt, attr, self, args, 0, nullptr, true);
    PyObject* tuple = tuple_from_array(rt, args, nargs);
    if (tuple == nullptr) return nullptr;
    PyObject* r = call_prepend(rt, attr, self, tuple_items(tuple), nargs, nullptr, true);
    rt.decref(tuple);
    return r;
}

}  // namespace pymemlab
