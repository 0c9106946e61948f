// Exception types and instances (Objects/exceptions.c): BaseException's layout per profile
// (args, traceback, context, cause, suppress_context; notes from 3.11; 2.7's message), the
// built-in hierarchy with the fields some types add (StopIteration.value, SystemExit.code, ...),
// and the helpers the interpreter raises with. tp_new/tp_init, str/repr and the attributes are
// exception_attrs.cpp; the error indicator is errors.h; printing a traceback is interp/traceback.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// PyBaseExceptionObject. The request is per profile (exception_basicsize): 2.7's ends after its
// third slot (`message`; 2.7 keeps tracebacks in the thread state, not in the exception: see
// ThreadState::raised_tracebacks27), 3.x's
// after suppress_context, 3.11+ adds notes. The model keeps CPython's fields but not all of
// their order: notes sits last so that one struct serves every profile. The fields a built-in
// subclass adds (exception_extra_fields) follow at the profile's size, not at sizeof.
struct PyBaseExceptionObject {
    PyObject ob_base;
    Slot<PyObject> dict;
    Slot<PyObject> args;       // a tuple
    // 2.7: BaseException.message ('' from tp_new, the argument when __init__ gets one; a
    // reference, which tp_traverse visits).
    Slot<PyObject> traceback;
    Slot<PyObject> context;
    Slot<PyObject> cause;
    char suppress_context;
    alignas(8) Slot<PyObject> notes;  // 3.11+ (8-aligned on wasm32 too)
};
static_assert(offsetof(PyBaseExceptionObject, context) == 40 && offsetof(PyBaseExceptionObject, notes) == 64 &&
              sizeof(PyBaseExceptionObject) == 72);

// The built-in exception types, in the order of CPython's hierarchy. A type the profile lacks
// is null; 3.x's IOError and EnvironmentError are OSError itself.
struct ExceptionTypes {
    PyTypeObject* BaseException = nullptr;
    PyTypeObject* SystemExit = nullptr;
    PyTypeObject* KeyboardInterrupt = nullptr;
    PyTypeObject* GeneratorExit = nullptr;
    PyTypeObject* BaseExceptionGroup = nullptr;  // 3.11+
    PyTypeObject* Exception = nullptr;
    PyTypeObject* ExceptionGroup = nullptr;  // 3.11+
    PyTypeObject* StopIteration = nullptr;
    PyTypeObject* StopAsyncIteration = nullptr;  // 3.5+
    PyTypeObject* StandardError = nullptr;       // 2.7 only: the base of the errors below
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
    PyTypeObject* EnvironmentError = nullptr;  // 2.7: the base of IOError and OSError; 3.x: OSError
    PyTypeObject* IOError = nullptr;           // 3.x: OSError
    PyTypeObject* OSError = nullptr;
    PyTypeObject* BlockingIOError = nullptr;  // 3.x: OSError's subclasses, by errno
    PyTypeObject* ChildProcessError = nullptr;
    PyTypeObject* ConnectionError = nullptr;
    PyTypeObject* BrokenPipeError = nullptr;
    PyTypeObject* ConnectionAbortedError = nullptr;
    PyTypeObject* ConnectionRefusedError = nullptr;
    PyTypeObject* ConnectionResetError = nullptr;
    PyTypeObject* FileExistsError = nullptr;
    PyTypeObject* FileNotFoundError = nullptr;
    PyTypeObject* InterruptedError = nullptr;
    PyTypeObject* IsADirectoryError = nullptr;
    PyTypeObject* NotADirectoryError = nullptr;
    PyTypeObject* PermissionError = nullptr;
    PyTypeObject* ProcessLookupError = nullptr;
    PyTypeObject* TimeoutError = nullptr;
    PyTypeObject* ReferenceError = nullptr;
    PyTypeObject* RuntimeError = nullptr;
    PyTypeObject* NotImplementedError = nullptr;
    PyTypeObject* RecursionError = nullptr;  // 2.7: RuntimeError itself
    PyTypeObject* SyntaxError = nullptr;
    PyTypeObject* IndentationError = nullptr;
    PyTypeObject* TabError = nullptr;
    PyTypeObject* SystemError = nullptr;
    PyTypeObject* TypeError = nullptr;
    PyTypeObject* ValueError = nullptr;
    PyTypeObject* UnicodeError = nullptr;
    PyTypeObject* UnicodeEncodeError = nullptr;
    PyTypeObject* UnicodeDecodeError = nullptr;
    PyTypeObject* UnicodeTranslateError = nullptr;
    PyTypeObject* Warning = nullptr;
    PyTypeObject* UserWarning = nullptr;
    PyTypeObject* DeprecationWarning = nullptr;
    PyTypeObject* PendingDeprecationWarning = nullptr;
    PyTypeObject* SyntaxWarning = nullptr;
    PyTypeObject* RuntimeWarning = nullptr;
    PyTypeObject* FutureWarning = nullptr;
    PyTypeObject* ImportWarning = nullptr;
    PyTypeObject* UnicodeWarning = nullptr;
    PyTypeObject* BytesWarning = nullptr;
    PyTypeObject* EncodingWarning = nullptr;  // 3.10+
    PyTypeObject* ResourceWarning = nullptr;  // 3.x
};

void init_exception_types(Runtime& rt);
// The attributes (args, __traceback__, StopIteration.value, ...) as getset descriptors in the
// types' dicts: after type_ready has run on every static type (init_builtins).
bool init_exception_attributes(Runtime& rt);
// Every built-in exception type once, for the builtins module (its __name__ is its name there).
template <class F>
void for_each_exception_type(const ExceptionTypes& t, F f);

// The request an exception instance makes (GC header not included): BaseException's; the types
// with fields of their own request more (their tp_basicsize).
int64_t exception_basicsize(const Runtime& rt);
// A new instance of `type` holding `args` (a tuple; borrowed), its other fields empty: what
// BaseException.__new__ makes. Does not run __init__; does not take a reference to a class.
PyObject* exception_new(Runtime& rt, PyTypeObject* type, PyObject* args);
// type(*args) for a built-in exception type, as the runtime raises it (PyErr_SetObject calls the
// type): the instance with the fields its __init__ sets (StopIteration.value, SystemExit.code).
// `args` is borrowed. nullptr with MemoryError set when the heap is exhausted.
PyObject* exception_create(Runtime& rt, PyTypeObject* type, PyObject* args);
bool exception_check(const Runtime& rt, const PyObject* o);  // isinstance(o, BaseException)
PyObject* exception_args(const PyObject* exc);                 // borrowed
// Its traceback, borrowed: 3.x __traceback__; 2.7 the one it is being raised with
// (ThreadState::raised_tracebacks27), null once a handler took it.
PyObject* exception_traceback(const Runtime& rt, const PyObject* exc);
void exception_set_traceback(Runtime& rt, PyObject* exc, PyObject* tb);
// 2.7: the handler that receives exc takes its traceback (a new reference, or null) from the
// raise; 3.x: a new reference to __traceback__ (which the exception keeps).
PyObject* exception_take_traceback(Runtime& rt, PyObject* exc);
// 2.7: the traceback exc was being raised with is dropped (the error indicator let it go).
void exception_drop_traceback27(Runtime& rt, const PyObject* exc);
// The chaining fields (3.x): null (false) in 2.7, whose exceptions end before them.
PyObject* exception_context(const Runtime& rt, const PyObject* exc);
void exception_set_context(Runtime& rt, PyObject* exc, PyObject* context);  // steals
PyObject* exception_cause(const Runtime& rt, const PyObject* exc);
void exception_set_cause(Runtime& rt, PyObject* exc, PyObject* cause);  // steals; sets suppress_context
bool exception_suppress_context(const Runtime& rt, const PyObject* exc);
// StopIteration.value (3.x; None when unset), SystemExit.code (nullptr when unset), borrowed.
PyObject* exception_stop_iteration_value(Runtime& rt, PyObject* exc);
PyObject* exception_system_exit_code(Runtime& rt, PyObject* exc);
// NameError.name / AttributeError.name (3.10+), set by the runtime where CPython sets them; name
// and obj are borrowed and references taken. Does nothing in a profile without the field.
void exception_set_name(Runtime& rt, PyObject* exc, PyObject* name, PyObject* obj = nullptr);
PyObject* exception_name(Runtime& rt, PyObject* exc);  // borrowed; nullptr when unset
// set_attribute_error_context (3.10+): after a failed lookup of `name` on `obj`, the
// AttributeError being raised records both (3.12+ only when neither is set yet), so a kept
// error keeps obj alive and the printer can suggest a name.
void exception_note_attribute_lookup(Runtime& rt, PyObject* obj, PyObject* name);
PyObject* exception_attribute_obj(Runtime& rt, PyObject* exc);  // borrowed; nullptr when unset
// PyErr_SetImportError (3.3+) / _PyErr_SetImportErrorWithNameFrom (3.12+): a new ImportError
// (or `type`, a subclass) with `msg` and the module's name, path and the missing name, each
// borrowed, nullptr for None; name_from only where the profile has the field (3.12+). Returns
// false with MemoryError set if it cannot be made.
bool err_set_import_error(Runtime& rt, PyTypeObject* type, std::string_view msg, PyObject* name, PyObject* path,
                          PyObject* name_from);
// ImportError.name / name_from (3.12+), borrowed; nullptr when unset or absent.
PyObject* exception_import_name(Runtime& rt, PyObject* exc);
PyObject* exception_import_name_from(Runtime& rt, PyObject* exc);
// str(exc): what CPython prints after "Type: " (KeyError shows the repr of its one argument; a
// class's __str__ is called). Returns false with an exception set if str() fails.
bool exception_message(Runtime& rt, PyObject* exc, std::string* out);

// ---- the pieces exception_attrs.cpp builds on ----------------------------------------------
// The built-in exception types that add fields after BaseException's, in CPython's order, which
// is also tp_traverse's: StopIteration (value, 3.x), SystemExit (code), ImportError (msg, name,
// path; name_from 3.12+), OSError (errno, strerror, filename; filename2 and written 3.x),
// SyntaxError (msg, filename, lineno, offset, [end_lineno, end_offset 3.10+,] text,
// print_file_and_line), NameError (name, 3.10+), AttributeError (obj, name, 3.10+), UnicodeError
// and its subclasses (encoding, object, start, end, reason; start and end are Py_ssize_t).
enum class ExceptionKind : int {
    Base, StopIteration, SystemExit, ImportError, OSError, SyntaxError, NameError, AttributeError, UnicodeError
};
constexpr int kUnicodeErrorFields = 5;
ExceptionKind exception_kind(const Runtime& rt, const PyTypeObject* type);
int exception_added_fields(const Runtime& rt, ExceptionKind kind);
// The i-th added field of an instance (0-based), at BaseException's size + 8 * i. Every one is
// an object pointer or null (OSError's integer `written` is kept null: characters_written is
// not modelled).
PyObject** exception_field(const Runtime& rt, PyObject* exc, int i);
// Sets the per-type slots (tp_new, tp_init, tp_str, tp_repr) and methods; exception_attrs.cpp.
void init_exception_slots(Runtime& rt);
// UnicodeEncodeError / UnicodeDecodeError / UnicodeTranslateError (exception_unicode.cpp): the
// fields __init__ parses from args (false with TypeError set; true for plain UnicodeError), str()
// (*handled false for plain UnicodeError, whose str is BaseException's), the attributes.
bool exception_unicode_init(Runtime& rt, PyObject* self);
PyObject* exception_unicode_str(Runtime& rt, PyObject* self, bool* handled);
bool init_unicode_error_attributes(Runtime& rt);

template <class F>
void for_each_exception_type(const ExceptionTypes& t, F f) {
    for (PyTypeObject* type :
         {t.BaseException,      t.SystemExit,         t.KeyboardInterrupt,
          t.GeneratorExit,      t.BaseExceptionGroup, t.Exception,
          t.ExceptionGroup,     t.StopIteration,      t.StopAsyncIteration,
          t.StandardError,      t.ArithmeticError,    t.FloatingPointError,
          t.OverflowError,      t.ZeroDivisionError,  t.AssertionError,
          t.AttributeError,     t.BufferError,        t.EOFError,
          t.ImportError,        t.ModuleNotFoundError, t.LookupError,
          t.IndexError,         t.KeyError,           t.MemoryError,
          t.NameError,          t.UnboundLocalError,  t.EnvironmentError == t.OSError ? nullptr : t.EnvironmentError,
          t.IOError == t.OSError ? nullptr : t.IOError, t.OSError, t.BlockingIOError,
          t.ChildProcessError,  t.ConnectionError,    t.BrokenPipeError,
          t.ConnectionAbortedError, t.ConnectionRefusedError, t.ConnectionResetError,
          t.FileExistsError,    t.FileNotFoundError,  t.InterruptedError,
          t.IsADirectoryError,  t.NotADirectoryError, t.PermissionError,
          t.ProcessLookupError, t.TimeoutError,       t.ReferenceError,
          t.RuntimeError,       t.NotImplementedError, t.RecursionError == t.RuntimeError ? nullptr : t.RecursionError,
          t.SyntaxError,        t.IndentationError,   t.TabError,
          t.SystemError,        t.TypeError,          t.ValueError,
          t.UnicodeError,       t.UnicodeEncodeError, t.UnicodeDecodeError,
          t.UnicodeTranslateError, t.Warning,            t.UserWarning,
          t.DeprecationWarning, t.PendingDeprecationWarning, t.SyntaxWarning,
          t.RuntimeWarning,     t.FutureWarning,      t.ImportWarning,
          t.UnicodeWarning,     t.BytesWarning,       t.EncodingWarning,
          t.ResourceWarning})
        if (type != nullptr) f(type);
}

}  // namespace pymemlab
