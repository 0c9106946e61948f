// The error indicator: one current exception per Runtime, created when it is raised.
#include "object/errors.h"

#include <cstdarg>
#include <cstdio>

#include "object/abstract.h"
#include "object/exceptions.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {

// 2.7: the current exception, just made by a C-level setter, is still its bare value.
void mark_unnormalized27(Runtime& rt, ThreadState::RawValue value) {
    if (rt.profile().major != 2) return;
    rt.tstate().unnormalized27 = rt.tstate().curexc;
    rt.tstate().unnormalized27_value = value;
}

}  // namespace

void err_set_instance(Runtime& rt, PyObject* exc) {
    rt.tstate().unnormalized27 = nullptr;
    PyObject* old = rt.tstate().curexc;
    rt.tstate().curexc = exc;
    // 2.7's PyErr_Restore lets the traceback of the exception it replaces go too.
    if (old != nullptr && old != exc) exception_drop_traceback27(rt, old);
    rt.xdecref(old);
}

PyObject* err_set_string(Runtime& rt, PyTypeObject* type, std::string_view message) {
    PyObject* text = str_from_utf8(rt, message);
    if (text == nullptr) return err_no_memory(rt);
    PyObject* args = tuple_new(rt, 1);
    if (args == nullptr) {
        rt.decref(text);
        return err_no_memory(rt);
    }
    tuple_items(args)[0] = text;
    PyObject* exc = exception_create(rt, type, args);
    rt.decref(args);
    if (exc == nullptr) return err_no_memory(rt);
    err_set_instance(rt, exc);
    mark_unnormalized27(rt, ThreadState::RawValue::FirstArg);
    return nullptr;
}

PyObject* err_zero_division(Runtime& rt, const char* message) {
    return err_set_string(rt, rt.builtins().exc.ZeroDivisionError,
                          rt.profile().at_least(3, 14) ? "division by zero" : message);
}

PyObject* err_set_object(Runtime& rt, PyTypeObject* type, PyObject* value) {
    PyObject* args = nullptr;
    using RawValue = ThreadState::RawValue;
    const RawValue raw = value == nullptr || value == rt.builtins().singletons.none ? RawValue::None
                         : Py_TYPE(value) == rt.builtins().tuple_type           ? RawValue::Args
                                                                                : RawValue::FirstArg;
    if (value == nullptr || value == rt.builtins().singletons.none) {
        args = rt.builtins().empty_tuple;
        rt.incref(args);
    } else if (Py_TYPE(value) == rt.builtins().tuple_type) {
        args = value;
        rt.incref(args);
    } else if ((args = tuple_new(rt, 1)) != nullptr) {
        tuple_items(args)[0] = value;
        rt.incref(value);
    }
    if (args == nullptr) return err_no_memory(rt);
    PyObject* exc = exception_create(rt, type, args);
    rt.decref(args);
    if (exc == nullptr) return err_no_memory(rt);
    err_set_instance(rt, exc);
    mark_unnormalized27(rt, raw);
    return nullptr;
}

PyObject* err_set_key_error(Runtime& rt, PyObject* key) {
    PyObject* args = tuple_new(rt, 1);
    if (args == nullptr) return err_no_memory(rt);
    tuple_items(args)[0] = key;
    rt.incref(key);
    err_set_object(rt, rt.builtins().exc.KeyError, args);
    rt.decref(args);
    return nullptr;
}

PyObject* err_format(Runtime& rt, PyTypeObject* type, const char* format, ...) {
    char buffer[1024];
    va_list ap;
    va_start(ap, format);
    int n = std::vsnprintf(buffer, sizeof buffer, format, ap);
    va_end(ap);
    if (n < 0) n = 0;
    if (static_cast<size_t>(n) >= sizeof buffer) n = sizeof buffer - 1;
    return err_set_string(rt, type, std::string_view(buffer, static_cast<size_t>(n)));
}

PyObject* err_no_memory(Runtime& rt) {
    // MemoryError() with no arguments: CPython keeps a few preallocated; the model makes one
    // from whatever the heap still has, and otherwise reuses the static instance.
    PyObject* exc = exception_new(rt, rt.builtins().exc.MemoryError, rt.builtins().empty_tuple);
    if (exc == nullptr) {
        exc = rt.builtins().memory_error_instance;
        rt.incref(exc);
    }
    err_set_instance(rt, exc);
    return nullptr;
}

bool err_occurred(const Runtime& rt) { return rt.tstate().curexc != nullptr; }

PyObject* err_current(const Runtime& rt) { return rt.tstate().curexc; }

bool err_matches(const Runtime& rt, PyTypeObject* type) {
    const PyObject* exc = rt.tstate().curexc;
    return exc != nullptr && object_type_check(exc, type);
}

PyObject* err_fetch(Runtime& rt) {
    rt.tstate().unnormalized27 = nullptr;
    PyObject* exc = rt.tstate().curexc;
    rt.tstate().curexc = nullptr;
    return exc;
}

void err_clear(Runtime& rt) { err_set_instance(rt, nullptr); }

FetchedError err_fetch_keeping_state(Runtime& rt) {
    ThreadState& ts = rt.tstate();
    const bool unnormalized = ts.unnormalized27 != nullptr && ts.unnormalized27 == ts.curexc;
    const int raw = static_cast<int>(ts.unnormalized27_value);
    return {err_fetch(rt), unnormalized, raw};
}

void err_restore_keeping_state(Runtime& rt, FetchedError e) {
    err_set_instance(rt, e.exc);
    if (e.unnormalized27) mark_unnormalized27(rt, static_cast<ThreadState::RawValue>(e.raw_value));
}

bool err_clear_stop_iteration(Runtime& rt) {
    if (!err_matches(rt, rt.builtins().exc.StopIteration)) return false;
    err_clear(rt);
    return true;
}

}  // namespace pymemlab
