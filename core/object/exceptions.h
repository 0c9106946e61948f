// Exception types and instances (Objects/exceptions.c): BaseException's layout per profile
// (args, traceback, context, cause, suppress_context; notes from 3.11; 2.7's message), the
// built-in hierarchy, and the KeyError/StopIteration/... helpers the interpreter raises with.
#pragma once

#include <cstddef>
#include <string>

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// PyBaseExceptionObject. The request is per profile (exception_basicsize): 2.7's ends after its
// third slot (`message`; 2.7 keeps tracebacks in the thread state, not in the exception), 3.x's
// after suppress_context, 3.11+ adds notes. The model keeps CPython's fields but not all of
// their order: notes sits last so that one struct serves every profile.
struct PyBaseExceptionObject {
    PyObject ob_base;
    Slot<PyObject> dict;
    Slot<PyObject> args;       // a tuple
    Slot<PyObject> traceback;  // 2.7: BaseException.message
    Slot<PyObject> context;
    Slot<PyObject> cause;
    char suppress_context;
    alignas(8) Slot<PyObject> notes;  // 3.11+ (8-aligned on wasm32 too)
};
static_assert(offsetof(PyBaseExceptionObject, context) == 40 && offsetof(PyBaseExceptionObject, notes) == 64 &&
              sizeof(PyBaseExceptionObject) == 72);

// The built-in exception types, in the order of CPython's hierarchy.
struct ExceptionTypes {
    PyTypeObject* BaseException = nullptr;
    PyTypeObject* SystemExit = nullptr;
    PyTypeObject* KeyboardInterrupt = nullptr;
    PyTypeObject* GeneratorExit = nullptr;
    PyTypeObject* Exception = nullptr;
    PyTypeObject* StopIteration = nullptr;
    PyTypeObject* ArithmeticError = nullptr;
    PyTypeObject* FloatingPointError = nullptr;
    PyTypeObject* OverflowError = nullptr;
    PyTypeObject* ZeroDivisionError = nullptr;
    PyTypeObject* AssertionError = nullptr;
    PyTypeObject* AttributeError = nullptr;
    PyTypeObject* BufferError = nullptr;
    PyTypeObject* EOFError = nullptr;
    PyTypeObject* ImportError = nullptr;
    PyTypeObject* ModuleNotFoundError = nullptr;
    PyTypeObject* LookupError = nullptr;
    PyTypeObject* IndexError = nullptr;
    PyTypeObject* KeyError = nullptr;
    PyTypeObject* MemoryError = nullptr;
    PyTypeObject* NameError = nullptr;
    PyTypeObject* UnboundLocalError = nullptr;
    PyTypeObject* OSError = nullptr;
    PyTypeObject* ReferenceError = nullptr;
    PyTypeObject* RuntimeError = nullptr;
    PyTypeObject* NotImplementedError = nullptr;
    PyTypeObject* RecursionError = nullptr;
    PyTypeObject* SyntaxError = nullptr;
    PyTypeObject* IndentationError = nullptr;
    PyTypeObject* TabError = nullptr;
    PyTypeObject* SystemError = nullptr;
    PyTypeObject* TypeError = nullptr;
    PyTypeObject* ValueError = nullptr;
    PyTypeObject* UnicodeError = nullptr;
    PyTypeObject* Warning = nullptr;
    PyTypeObject* UserWarning = nullptr;
    PyTypeObject* DeprecationWarning = nullptr;
    PyTypeObject* RuntimeWarning = nullptr;
    PyTypeObject* ResourceWarning = nullptr;
};

void init_exception_types(Runtime& rt);
// Every built-in exception type with its name, for the builtins module.
template <class F>
void for_each_exception_type(const ExceptionTypes& t, F f);

// The request an exception instance makes (GC header not included).
int64_t exception_basicsize(const Runtime& rt);
// type(*args) for an exception type: a new instance holding `args` (a tuple; borrowed).
PyObject* exception_new(Runtime& rt, PyTypeObject* type, PyObject* args);
bool exception_check(const Runtime& rt, const PyObject* o);  // isinstance(o, BaseException)
PyObject* exception_args(const PyObject* exc);                 // borrowed
PyObject* exception_traceback(const PyObject* exc);            // borrowed
void exception_set_traceback(Runtime& rt, PyObject* exc, PyObject* tb);
PyObject* exception_context(const PyObject* exc);
void exception_set_context(Runtime& rt, PyObject* exc, PyObject* context);  // steals
PyObject* exception_cause(const PyObject* exc);
void exception_set_cause(Runtime& rt, PyObject* exc, PyObject* cause);  // steals; sets suppress_context
bool exception_suppress_context(const PyObject* exc);
// str(exc) as CPython prints it after "Type: " (KeyError shows the repr of its one argument).
// Returns false with an exception set if str() of an argument fails.
bool exception_message(Runtime& rt, PyObject* exc, std::string* out);

template <class F>
void for_each_exception_type(const ExceptionTypes& t, F f) {
    for (PyTypeObject* type :
         {t.BaseException, t.SystemExit, t.KeyboardInterrupt, t.GeneratorExit, t.Exception, t.StopIteration,
          t.ArithmeticError, t.FloatingPointError, t.OverflowError, t.ZeroDivisionError, t.AssertionError,
          t.AttributeError, t.BufferError, t.EOFError, t.ImportError, t.ModuleNotFoundError, t.LookupError,
          t.IndexError, t.KeyError, t.MemoryError, t.NameError, t.UnboundLocalError, t.OSError,
          t.ReferenceError, t.RuntimeError, t.NotImplementedError, t.RecursionError, t.SyntaxError,
          t.IndentationError, t.TabError, t.SystemError, t.TypeError, t.ValueError, t.UnicodeError, t.Warning,
          t.UserWarning, t.DeprecationWarning, t.RuntimeWarning, t.ResourceWarning})
        if (type != nullptr) f(type);
}

}  // namespace pymemlab
