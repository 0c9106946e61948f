// The error indicator (Python/errors.c): a failing operation sets the current exception and
// returns nullptr (or -1); the caller passes the failure up until an except clause or the top
// level takes it. The exception is created at once, as CPython 3.12+ does; its types and
// instances are exceptions.h. One indicator per Runtime (the model has one thread).
#pragma once

#include <string>
#include <string_view>

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// Sets the current exception to type(message). Always returns nullptr, for `return err_...;`.
PyObject* err_set_string(Runtime& rt, PyTypeObject* type, std::string_view message);
// ZeroDivisionError for a division, floor division, modulo or divmod by zero, int, float or
// complex: `message` is the wording up to 3.13; 3.14 says "division by zero" for all of them.
PyObject* err_zero_division(Runtime& rt, const char* message);
// PyErr_SetObject: type(*value) when value is a tuple, type() for None or nullptr, else
// type(value). Always returns nullptr.
PyObject* err_set_object(Runtime& rt, PyTypeObject* type, PyObject* value);
// _PyErr_SetKeyError: KeyError(key) with args (key,) whatever the key is (a tuple too).
PyObject* err_set_key_error(Runtime& rt, PyObject* key);
// Sets the current exception to an exception instance (steals the reference).
void err_set_instance(Runtime& rt, PyObject* exc);
// printf-style message (PyErr_Format); %s takes a C string, %R/%S/%U are not supported here:
// format the text first (object/abstract.h has repr/str).
PyObject* err_format(Runtime& rt, PyTypeObject* type, const char* format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
// MemoryError (preallocated in CPython; here made without allocating when the heap is full).
PyObject* err_no_memory(Runtime& rt);
bool err_occurred(const Runtime& rt);
// The current exception, borrowed (nullptr when none).
PyObject* err_current(const Runtime& rt);
// True when the current exception is an instance of `type` (or a subclass).
bool err_matches(const Runtime& rt, PyTypeObject* type);
// Takes the current exception out of the indicator: a new reference, or nullptr.
PyObject* err_fetch(Runtime& rt);
void err_clear(Runtime& rt);
// PyErr_Fetch and PyErr_Restore around work that must not see the exception (a traceback entry
// being added): as err_fetch and err_set_instance, but 2.7's unnormalized state (runtime.h's
// ThreadState) goes and comes back with the exception.
struct FetchedError {
    PyObject* exc = nullptr;  // owned
    bool unnormalized27 = false;
    int raw_value = 0;
};
FetchedError err_fetch_keeping_state(Runtime& rt);
void err_restore_keeping_state(Runtime& rt, FetchedError e);
// Clears a pending StopIteration (an iterator's end) and reports whether there was one.
bool err_clear_stop_iteration(Runtime& rt);

}  // namespace pymemlab
