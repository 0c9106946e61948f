// Exception types and instances: BaseException's slots, the fields the built-in subclasses add,
// the built-in hierarchy per profile. Creation, __init__, str/repr and the attributes are
// exception_attrs.cpp.
#include "object/exceptions.h"

#include <cstring>
#include <string_view>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/bytes_object.h"
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

constexpr int64_t kFieldSize = 8;
static_assert(kFieldSize == sizeof(Slot<PyObject>));

// The layout an instance of `type` has, read off the types (tp_traverse gets no Runtime):
// BaseException's size (the profile's), and how many fields the nearest built-in exception type
// adds after it. Every added field is an object pointer; OSError's integer `written` is kept as a
// null pointer, so the model never reads it as one.
struct Layout {
    int64_t base_size;
    int added;
};
Layout layout_of(const PyTypeObject* type) {
    const PyTypeObject* builtin = type;
    while ((builtin->tp_flags & Py_TPFLAGS_HEAPTYPE) != 0) builtin = builtin->tp_base;
    const PyTypeObject* root = builtin;
    while (root->tp_base != nullptr && (root->tp_base->tp_flags & Py_TPFLAGS_BASE_EXC_SUBCLASS) != 0)
        root = root->tp_base;
    return {root->tp_basicsize, static_cast<int>((builtin->tp_basicsize - root->tp_basicsize) / kFieldSize)};
}

// Every object field in tp_traverse order: the subclass's own first (StopIteration_traverse
// visits value, then calls BaseException_traverse), then BaseException's (dict, args, notes
// (3.11+), traceback, cause, context), those inside the profile's layout only: 2.7's ends after
// its third slot, 3.x's before notes until 3.11.
// UnicodeError and its subclasses keep start and end (their 3rd and 4th fields) as integers.
bool has_unicode_error_layout(const PyTypeObject* type) {
    while ((type->tp_flags & Py_TPFLAGS_HEAPTYPE) != 0) type = type->tp_base;
    for (; type != nullptr; type = type->tp_base) {
        const std::string_view name = type->tp_name;
        if (name == "UnicodeError" || name == "exceptions.UnicodeError") return true;
    }
    return false;
}

template <class F>
void for_each_field(PyObject* self, F f) {
    const Layout layout = layout_of(Py_TYPE(self));
    char* bytes = reinterpret_cast<char*>(self);
    const bool unicode_error = layout.added == kUnicodeErrorFields && has_unicode_error_layout(Py_TYPE(self));
    for (int i = 0; i < layout.added; ++i)
        if (!unicode_error || (i != 2 && i != 3))
            f(&reinterpret_cast<Slot<PyObject>*>(bytes + layout.base_size + kFieldSize * i)->p);
    PyBaseExceptionObject* e = as_exc(self);
    for (Slot<PyObject>* s : {&e->dict, &e->args, &e->notes, &e->traceback, &e->cause, &e->context}) {
        const auto offset = reinterpret_cast<char*>(s) - bytes;
        if (offset + kFieldSize <= layout.base_size) f(&s->p);
    }
}

void exception_traverse(PyObject* self, visitproc visit, void* arg) {
    for_each_field(self, [&](PyObject** p) {
        if (*p != nullptr) visit(*p, arg);
    });
}

int exception_clear(Runtime& rt, PyObject* self) {
    for_each_field(self, [&](PyObject** p) {
        PyObject* o = *p;
        *p = nullptr;
        rt.xdecref(o);
    });
    return 0;
}

void exception_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    exception_drop_traceback27(rt, self);
    exception_clear(rt, self);
    rt.free_object(self);
}

// How many fields a built-in exception type adds, per profile (the measured tp_basicsize less
// BaseException's, over 8).
int added_fields(const Runtime& rt, ExceptionKind kind) {
    const Profile& p = rt.profile();
    const bool py3 = p.major >= 3;
    switch (kind) {
        case ExceptionKind::Base: return 0;
        case ExceptionKind::StopIteration: return py3 ? 1 : 0;  // value
        case ExceptionKind::SystemExit: return 1;               // code
        case ExceptionKind::ImportError: return !py3 ? 0 : p.at_least(3, 12) ? 4 : 3;  // msg, name, path, name_from
        case ExceptionKind::OSError: return py3 ? 5 : 3;  // errno, strerror, filename, filename2, written
        case ExceptionKind::SyntaxError: return py3 && p.at_least(3, 10) ? 8 : 6;
        case ExceptionKind::NameError: return p.at_least(3, 10) ? 1 : 0;       // name
        case ExceptionKind::AttributeError: return p.at_least(3, 10) ? 2 : 0;  // obj, name
        case ExceptionKind::UnicodeError: return kUnicodeErrorFields;
    }
    return 0;
}

// A static exception type named `name` under `base`, as large as the base plus `fields` fields.
PyTypeObject* subtype(Runtime& rt, const char* name, PyTypeObject* base, int fields = 0) {
    const int64_t size = (base != nullptr ? base->tp_basicsize : exception_basicsize(rt)) + kFieldSize * fields;
    PyTypeObject* t = new_static_type(rt, name, size, 0, {.dealloc = exception_dealloc, .traverse = exception_traverse});
    t->tp_base = base;
    t->tp_clear = exception_clear;
    t->tp_flags |= Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BASE_EXC_SUBCLASS;
    t->tp_dictoffset = static_cast<Py_ssize_t>(offsetof(PyBaseExceptionObject, dict));
    return t;
}

}  // namespace

int64_t exception_basicsize(const Runtime& rt) {
    // 40 in 2.7 (ob_base, dict, args, message), 64 in 3.x (... traceback, context, cause,
    // suppress_context), 72 from 3.11 (... notes): for_each_base_field keeps within it.
    return type_sizes(rt.profile()).base_exception;
}

ExceptionKind exception_kind(const Runtime& rt, const PyTypeObject* type) {
    const ExceptionTypes& t = rt.builtins().exc;
    // Most exceptions add nothing: test the common case's types last.
    struct Entry {
        PyTypeObject* type;
        ExceptionKind kind;
    };
    for (Entry e : {Entry{t.StopIteration, ExceptionKind::StopIteration}, Entry{t.SystemExit, ExceptionKind::SystemExit},
                    Entry{t.ImportError, ExceptionKind::ImportError}, Entry{t.OSError, ExceptionKind::OSError},
                    Entry{t.EnvironmentError, ExceptionKind::OSError}, Entry{t.SyntaxError, ExceptionKind::SyntaxError},
                    Entry{t.NameError, ExceptionKind::NameError},
                    Entry{t.AttributeError, ExceptionKind::AttributeError},
                    Entry{t.UnicodeError, ExceptionKind::UnicodeError}})
        if (e.type != nullptr && (type == e.type || type_is_subtype(type, e.type))) return e.kind;
    return ExceptionKind::Base;
}

int exception_added_fields(const Runtime& rt, ExceptionKind kind) { return added_fields(rt, kind); }

PyObject** exception_field(const Runtime& rt, PyObject* exc, int i) {
    char* base = reinterpret_cast<char*>(exc) + exception_basicsize(rt) + kFieldSize * i;
    return &reinterpret_cast<Slot<PyObject>*>(base)->p;
}

void init_exception_types(Runtime& rt) {
    ExceptionTypes& t = rt.builtins().exc;
    const Profile& p = rt.profile();
    const bool py3 = p.major >= 3;
    auto fields = [&](ExceptionKind k) { return added_fields(rt, k); };
    t.BaseException = subtype(rt, "BaseException", nullptr);
    t.SystemExit = subtype(rt, "SystemExit", t.BaseException, fields(ExceptionKind::SystemExit));
    t.KeyboardInterrupt = subtype(rt, "KeyboardInterrupt", t.BaseException);
    t.GeneratorExit = subtype(rt, "GeneratorExit", t.BaseException);
    t.Exception = subtype(rt, "Exception", t.BaseException);
    t.StopIteration = subtype(rt, "StopIteration", t.Exception, fields(ExceptionKind::StopIteration));
    if (py3) t.StopAsyncIteration = subtype(rt, "StopAsyncIteration", t.Exception);
    // 2.7's errors derive from StandardError; 3.x's from Exception directly.
    PyTypeObject* errors = t.Exception;
    if (!py3) errors = t.StandardError = subtype(rt, "StandardError", t.Exception);
    t.ArithmeticError = subtype(rt, "ArithmeticError", errors);
    t.FloatingPointError = subtype(rt, "FloatingPointError", t.ArithmeticError);
    t.OverflowError = subtype(rt, "OverflowError", t.ArithmeticError);
    t.ZeroDivisionError = subtype(rt, "ZeroDivisionError", t.ArithmeticError);
    t.AssertionError = subtype(rt, "AssertionError", errors);
    t.AttributeError = subtype(rt, "AttributeError", errors, fields(ExceptionKind::AttributeError));
    t.BufferError = subtype(rt, "BufferError", errors);
    t.EOFError = subtype(rt, "EOFError", errors);
    t.ImportError = subtype(rt, "ImportError", errors, fields(ExceptionKind::ImportError));
    if (p.at_least(3, 6)) t.ModuleNotFoundError = subtype(rt, "ModuleNotFoundError", t.ImportError);
    t.LookupError = subtype(rt, "LookupError", errors);
    t.IndexError = subtype(rt, "IndexError", t.LookupError);
    t.KeyError = subtype(rt, "KeyError", t.LookupError);
    t.MemoryError = subtype(rt, "MemoryError", errors);
    t.NameError = subtype(rt, "NameError", errors, fields(ExceptionKind::NameError));
    t.UnboundLocalError = subtype(rt, "UnboundLocalError", t.NameError);
    if (py3) {
        t.OSError = t.EnvironmentError = t.IOError = subtype(rt, "OSError", t.Exception, fields(ExceptionKind::OSError));
        t.BlockingIOError = subtype(rt, "BlockingIOError", t.OSError);
        t.ChildProcessError = subtype(rt, "ChildProcessError", t.OSError);
        t.ConnectionError = subtype(rt, "ConnectionError", t.OSError);
        t.BrokenPipeError = subtype(rt, "BrokenPipeError", t.ConnectionError);
        t.ConnectionAbortedError = subtype(rt, "ConnectionAbortedError", t.ConnectionError);
        t.ConnectionRefusedError = subtype(rt, "ConnectionRefusedError", t.ConnectionError);
        t.ConnectionResetError = subtype(rt, "ConnectionResetError", t.ConnectionError);
        t.FileExistsError = subtype(rt, "FileExistsError", t.OSError);
        t.FileNotFoundError = subtype(rt, "FileNotFoundError", t.OSError);
        t.InterruptedError = subtype(rt, "InterruptedError", t.OSError);
        t.IsADirectoryError = subtype(rt, "IsADirectoryError", t.OSError);
        t.NotADirectoryError = subtype(rt, "NotADirectoryError", t.OSError);
        t.PermissionError = subtype(rt, "PermissionError", t.OSError);
        t.ProcessLookupError = subtype(rt, "ProcessLookupError", t.OSError);
        t.TimeoutError = subtype(rt, "TimeoutError", t.OSError);
    } else {
        t.EnvironmentError = subtype(rt, "EnvironmentError", errors, fields(ExceptionKind::OSError));
        t.IOError = subtype(rt, "IOError", t.EnvironmentError);
        t.OSError = subtype(rt, "OSError", t.EnvironmentError);
    }
    t.ReferenceError = subtype(rt, "ReferenceError", errors);
    t.RuntimeError = subtype(rt, "RuntimeError", errors);
    t.NotImplementedError = subtype(rt, "NotImplementedError", t.RuntimeError);
    // 3.5 added RecursionError; 2.7 raises RuntimeError at the recursion limit.
    t.RecursionError = py3 ? subtype(rt, "RecursionError", t.RuntimeError) : t.RuntimeError;
    t.SyntaxError = subtype(rt, "SyntaxError", errors, fields(ExceptionKind::SyntaxError));
    t.IndentationError = subtype(rt, "IndentationError", t.SyntaxError);
    t.TabError = subtype(rt, "TabError", t.IndentationError);
    t.SystemError = subtype(rt, "SystemError", errors);
    t.TypeError = subtype(rt, "TypeError", errors);
    t.ValueError = subtype(rt, "ValueError", errors);
    t.UnicodeError = subtype(rt, "UnicodeError", t.ValueError, fields(ExceptionKind::UnicodeError));
    t.UnicodeEncodeError = subtype(rt, "UnicodeEncodeError", t.UnicodeError);
    t.UnicodeDecodeError = subtype(rt, "UnicodeDecodeError", t.UnicodeError);
    t.UnicodeTranslateError = subtype(rt, "UnicodeTranslateError", t.UnicodeError);
    t.Warning = subtype(rt, "Warning", t.Exception);
    t.UserWarning = subtype(rt, "UserWarning", t.Warning);
    t.DeprecationWarning = subtype(rt, "DeprecationWarning", t.Warning);
    t.PendingDeprecationWarning = subtype(rt, "PendingDeprecationWarning", t.Warning);
    t.SyntaxWarning = subtype(rt, "SyntaxWarning", t.Warning);
    t.RuntimeWarning = subtype(rt, "RuntimeWarning", t.Warning);
    t.FutureWarning = subtype(rt, "FutureWarning", t.Warning);
    t.ImportWarning = subtype(rt, "ImportWarning", t.Warning);
    t.UnicodeWarning = subtype(rt, "UnicodeWarning", t.Warning);
    t.BytesWarning = subtype(rt, "BytesWarning", t.Warning);
    if (p.at_least(3, 10)) t.EncodingWarning = subtype(rt, "EncodingWarning", t.Warning);
    t.ResourceWarning = py3 ? subtype(rt, "ResourceWarning", t.Warning) : nullptr;
    init_exception_slots(rt);

    // The last-resort MemoryError, in the data segment.
    PyObject* m = rt.static_object(t.MemoryError, static_cast<size_t>(exception_basicsize(rt)), true);
    as_exc(m)->args.p = rt.builtins().empty_tuple;
    rt.incref(rt.builtins().empty_tuple);
    rt.builtins().memory_error_instance = m;
}

PyObject* exception_new(Runtime& rt, PyTypeObject* type, PyObject* args) {
    // 2.7's BaseException_new: message ''.
    PyObject* message = nullptr;
    if (rt.profile().major == 2 && (message = bytes_from_string(rt, "")) == nullptr) return nullptr;
    PyObject* o = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) {
        rt.xdecref(message);
        return nullptr;
    }
    // Every field after the header starts empty: BaseException's, the built-in subclass's, and a
    // class's __slots__ (tp_alloc zeroes the block).
    std::memset(reinterpret_cast<char*>(o) + sizeof(PyObject), 0,
                static_cast<size_t>(type->tp_basicsize) - sizeof(PyObject));
    as_exc(o)->args.p = args;
    rt.incref(args);
    as_exc(o)->traceback.p = message;
    rt.gc_track(o);
    return o;
}

bool exception_check(const Runtime& rt, const PyObject* o) {
    return object_type_check(o, rt.builtins().exc.BaseException);
}

PyObject* exception_args(const PyObject* exc) { return as_exc(exc)->args.p; }

namespace {

std::pair<const PyObject*, PyObject*>* raised_entry27(const Runtime& rt, const PyObject* exc) {
    auto& table = const_cast<Runtime&>(rt).tstate().raised_tracebacks27;
    for (auto& e : table)
        if (e.first == exc) return &e;
    return nullptr;
}

}  // namespace

PyObject* exception_traceback(const Runtime& rt, const PyObject* exc) {
    if (rt.profile().major >= 3) return as_exc(exc)->traceback.p;
    const auto* e = raised_entry27(rt, exc);
    return e != nullptr ? e->second : nullptr;
}

void exception_set_traceback(Runtime& rt, PyObject* exc, PyObject* tb) {
    if (rt.profile().major >= 3) {
        rt.replace_ref(as_exc(exc)->traceback, tb);
        return;
    }
    if (tb == nullptr) {
        exception_drop_traceback27(rt, exc);
        return;
    }
    rt.incref(tb);
    if (auto* e = raised_entry27(rt, exc)) {
        rt.decref(std::exchange(e->second, tb));
        return;
    }
    rt.tstate().raised_tracebacks27.emplace_back(exc, tb);
}

PyObject* exception_take_traceback(Runtime& rt, PyObject* exc) {
    if (rt.profile().major >= 3) {
        PyObject* tb = as_exc(exc)->traceback.p;
        if (tb != nullptr) rt.incref(tb);
        return tb;
    }
    auto* e = raised_entry27(rt, exc);
    if (e == nullptr) return nullptr;
    PyObject* tb = e->second;
    auto& table = rt.tstate().raised_tracebacks27;
    table.erase(table.begin() + (e - table.data()));
    return tb;
}

void exception_drop_traceback27(Runtime& rt, const PyObject* exc) {
    if (rt.profile().major >= 3) return;
    rt.xdecref(exception_take_traceback(rt, const_cast<PyObject*>(exc)));
}

PyObject* exception_context(const Runtime& rt, const PyObject* exc) {
    return has_chain_fields(rt) ? as_exc(exc)->context.p : nullptr;
}

void exception_set_context(Runtime& rt, PyObject* exc, PyObject* context) {
    if (!has_chain_fields(rt)) {
        rt.xdecref(context);
        return;
    }
    PyObject* old = as_exc(exc)->context.p;
    as_exc(exc)->context.p = context;
    rt.xdecref(old);
}

PyObject* exception_cause(const Runtime& rt, const PyObject* exc) {
    return has_chain_fields(rt) ? as_exc(exc)->cause.p : nullptr;
}

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

bool exception_suppress_context(const Runtime& rt, const PyObject* exc) {
    return has_chain_fields(rt) && as_exc(exc)->suppress_context != 0;
}

}  // namespace pymemlab
