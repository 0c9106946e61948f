// Exception types and instances: BaseException's slots, the built-in hierarchy, str(exc).
#include "object/exceptions.h"

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

PyBaseExceptionObject* as_exc(PyObject* o) { return reinterpret_cast<PyBaseExceptionObject*>(o); }
const PyBaseExceptionObject* as_exc(const PyObject* o) { return reinterpret_cast<const PyBaseExceptionObject*>(o); }

bool has_chain_fields(const Runtime& rt) { return rt.profile().major >= 3; }

// The exception fields this profile's layout has: the request of the nearest built-in
// exception type bounds them (2.7 ends after the third slot, 3.x before 3.11 before notes).
Py_ssize_t fields_size(const PyObject* self) {
    const PyTypeObject* t = Py_TYPE(self);
    while ((t->tp_flags & Py_TPFLAGS_HEAPTYPE) != 0 && t->tp_base != nullptr) t = t->tp_base;
    return t->tp_basicsize;
}

template <class F>
void for_each_field(PyObject* self, F f) {
    PyBaseExceptionObject* e = as_exc(self);
    const Py_ssize_t size = fields_size(self);
    // BaseException_traverse's order: dict, args, notes (3.11+), traceback, context, cause.
    for (Slot<PyObject>* s : {&e->dict, &e->args, &e->notes, &e->traceback, &e->context, &e->cause}) {
        const auto offset = reinterpret_cast<char*>(s) - reinterpret_cast<char*>(e);
        if (offset + static_cast<Py_ssize_t>(sizeof(Slot<PyObject>)) <= size) f(s);
    }
}

void exception_traverse(PyObject* self, visitproc visit, void* arg) {
    for_each_field(self, [&](Slot<PyObject>* s) {
        if (s->p != nullptr) visit(s->p, arg);
    });
}

int exception_clear(Runtime& rt, PyObject* self) {
    for_each_field(self, [&](Slot<PyObject>* s) {
        PyObject* p = s->p;
        s->p = nullptr;
        rt.xdecref(p);
    });
    return 0;
}

void exception_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    exception_clear(rt, self);
    rt.free_object(self);
}

// The exception types that get a type of their own in CPython but nothing more in the model.
PyTypeObject* subtype(Runtime& rt, const char* name, PyTypeObject* base) {
    PyTypeObject* t = new_static_type(rt, name, exception_basicsize(rt), 0,
                                      {.dealloc = exception_dealloc, .traverse = exception_traverse});
    t->tp_base = base;
    t->tp_clear = exception_clear;
    t->tp_flags |= Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BASE_EXC_SUBCLASS;
    return t;
}

}  // namespace

int64_t exception_basicsize(const Runtime& rt) {
    // 40 in 2.7 (ob_base, dict, args, message), 64 in 3.x (... traceback, context, cause,
    // suppress_context), 72 from 3.11 (... notes): for_each_field keeps within it.
    return type_sizes(rt.profile()).base_exception;
}

void init_exception_types(Runtime& rt) {
    ExceptionTypes& t = rt.builtins().exc;
    const bool py3 = rt.profile().major >= 3;
    t.BaseException = subtype(rt, "BaseException", nullptr);
    t.SystemExit = subtype(rt, "SystemExit", t.BaseException);
    t.KeyboardInterrupt = subtype(rt, "KeyboardInterrupt", t.BaseException);
    t.GeneratorExit = subtype(rt, "GeneratorExit", t.BaseException);
    t.Exception = subtype(rt, "Exception", t.BaseException);
    t.StopIteration = subtype(rt, "StopIteration", t.Exception);
    t.ArithmeticError = subtype(rt, "ArithmeticError", t.Exception);
    t.FloatingPointError = subtype(rt, "FloatingPointError", t.ArithmeticError);
    t.OverflowError = subtype(rt, "OverflowError", t.ArithmeticError);
    t.ZeroDivisionError = subtype(rt, "ZeroDivisionError", t.ArithmeticError);
    t.AssertionError = subtype(rt, "AssertionError", t.Exception);
    t.AttributeError = subtype(rt, "AttributeError", t.Exception);
    t.BufferError = subtype(rt, "BufferError", t.Exception);
    t.EOFError = subtype(rt, "EOFError", t.Exception);
    t.ImportError = subtype(rt, "ImportError", t.Exception);
    if (rt.profile().at_least(3, 6)) t.ModuleNotFoundError = subtype(rt, "ModuleNotFoundError", t.ImportError);
    t.LookupError = subtype(rt, "LookupError", t.Exception);
    t.IndexError = subtype(rt, "IndexError", t.LookupError);
    t.KeyError = subtype(rt, "KeyError", t.LookupError);
    t.MemoryError = subtype(rt, "MemoryError", t.Exception);
    t.NameError = subtype(rt, "NameError", t.Exception);
    t.UnboundLocalError = subtype(rt, "UnboundLocalError", t.NameError);
    t.OSError = subtype(rt, py3 ? "OSError" : "EnvironmentError", t.Exception);
    t.ReferenceError = subtype(rt, "ReferenceError", t.Exception);
    t.RuntimeError = subtype(rt, "RuntimeError", t.Exception);
    t.NotImplementedError = subtype(rt, "NotImplementedError", t.RuntimeError);
    // 3.5 added RecursionError; 2.7 raises RuntimeError at the recursion limit.
    t.RecursionError = py3 ? subtype(rt, "RecursionError", t.RuntimeError) : t.RuntimeError;
    t.SyntaxError = subtype(rt, "SyntaxError", t.Exception);
    t.IndentationError = subtype(rt, "IndentationError", t.SyntaxError);
    t.TabError = subtype(rt, "TabError", t.IndentationError);
    t.SystemError = subtype(rt, "SystemError", t.Exception);
    t.TypeError = subtype(rt, "TypeError", t.Exception);
    t.ValueError = subtype(rt, "ValueError", t.Exception);
    t.UnicodeError = subtype(rt, "UnicodeError", t.ValueError);
    t.Warning = subtype(rt, "Warning", t.Exception);
    t.UserWarning = subtype(rt, "UserWarning", t.Warning);
    t.DeprecationWarning = subtype(rt, "DeprecationWarning", t.Warning);
    t.RuntimeWarning = subtype(rt, "RuntimeWarning", t.Warning);
    t.ResourceWarning = py3 ? subtype(rt, "ResourceWarning", t.Warning) : nullptr;

    // The last-resort MemoryError, in the data segment.
    PyObject* m = rt.static_object(t.MemoryError, static_cast<size_t>(exception_basicsize(rt)), true);
    as_exc(m)->args.p = rt.builtins().empty_tuple;
    rt.incref(rt.builtins().empty_tuple);
    rt.builtins().memory_error_instance = m;
}

PyObject* exception_new(Runtime& rt, PyTypeObject* type, PyObject* args) {
    PyObject* o = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) return nullptr;
    PyBaseExceptionObject* e = as_exc(o);
    e->dict.p = nullptr;
    e->args.p = args;
    rt.incref(args);
    e->traceback.p = nullptr;
    if (has_chain_fields(rt)) {
        e->context.p = nullptr;
        e->cause.p = nullptr;
        e->suppress_context = 0;
    }
    if (rt.profile().at_least(3, 11)) e->notes.p = nullptr;
    rt.gc_track(o);
    return o;
}

bool exception_check(const Runtime& rt, const PyObject* o) {
    return object_type_check(o, rt.builtins().exc.BaseException);
}

PyObject* exception_args(const PyObject* exc) { return as_exc(exc)->args.p; }

PyObject* exception_traceback(const PyObject* exc) { return as_exc(exc)->traceback.p; }

void exception_set_traceback(Runtime& rt, PyObject* exc, PyObject* tb) {
    // 2.7 kept the traceback in the thread state; the model keeps it in the exception's third
    // slot (2.7's `message`, unused by the lab), which lies inside 2.7's 40-byte request.
    PyObject* old = as_exc(exc)->traceback.p;
    if (tb != nullptr) rt.incref(tb);
    as_exc(exc)->traceback.p = tb;
    rt.xdecref(old);
}

PyObject* exception_context(const PyObject* exc) { return as_exc(exc)->context.p; }

void exception_set_context(Runtime& rt, PyObject* exc, PyObject* context) {
    if (!has_chain_fields(rt)) {
        rt.xdecref(context);
        return;
    }
    PyObject* old = as_exc(exc)->context.p;
    as_exc(exc)->context.p = context;
    rt.xdecref(old);
}

PyObject* exception_cause(const PyObject* exc) { return as_exc(exc)->cause.p; }

void exception_set_cause(Runtime& rt, PyObject* exc, PyObject* cause) {
    if (!has_chain_fields(rt)) {
        rt.xdecref(cause);
        return;
    }
    PyObject* old = as_exc(exc)->cause.p;
    as_exc(exc)->cause.p = cause;
    as_exc(exc)->suppress_context = 1;
    rt.xdecref(old);
}

bool exception_suppress_context(const PyObject* exc) { return as_exc(exc)->suppress_context != 0; }

bool exception_message(Runtime& rt, PyObject* exc, std::string* out) {
    PyObject* args = exception_args(exc);
    const int64_t n = args != nullptr ? Py_SIZE(args) : 0;
    out->clear();
    if (n == 0) return true;
    if (n == 1) {
        PyObject* a = tuple_items(args)[0];
        // KeyError_str: a lone key prints as its repr, so KeyError('') reads KeyError: ''.
        if (object_type_check(exc, rt.builtins().exc.KeyError)) return object_repr_utf8(rt, a, out);
        return object_str_utf8(rt, a, out);
    }
    return object_str_utf8(rt, args, out);
}

}  // namespace pymemlab
