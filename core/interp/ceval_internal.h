// What the evaluation loop shares with the files that implement its heavier instructions
// (call.cpp, interp.cpp, traceback.cpp). Not for use outside core/interp.
#pragma once

#include "interp/code_object.h"
#include "interp/frame.h"
#include "interp/interp.h"
#include "interp/opcode.h"
#include "interp/specialize.h"
#include "object/object.h"
#include "object/runtime.h"

namespace pymemlab {

// Runs f until it returns (f->finished) or yields; the value, or nullptr with an exception. The
// Python functions its CALLs call run in this same native frame (ceval.cpp).
PyObject* eval_frame(Interp& in, Frame* f);
// LOAD_METHOD's lookup: *meth = the unbound function (new reference) when obj.name is a plain
// method of type(obj) not shadowed by an instance attribute, else nullptr. -1 on error.
int load_method(Interp& in, PyObject* obj, PyObject* name, PyObject** meth);
// A call of a Python function (call.cpp). `func_slot`, when given, is the caller's stack slot
// holding func, whose reference a 3.11+ frame takes over (CALL's _PyEvalFramePushAndInit).
// A generator function's call makes the generator; any other is python_frame_start, eval_frame
// and python_frame_finish.
PyObject* call_python_function(Interp& in, PyObject* func, PyObject** args, Py_ssize_t nargs, PyObject* kwnames,
                               bool steal, PyObject** func_slot = nullptr);
// The frame of a call of func, which is no generator function: the frame check passed
// (python_frame_allowed), the arguments bound and the recursion count raised; null with an
// exception. The frame is on the heap, for eval_frame to run in place of the caller's (CALL)
// or in a call of its own.
Frame* python_frame_start(Interp& in, PyObject* func, PyObject** args, Py_ssize_t nargs, PyObject* kwnames,
                          bool steal, PyObject** func_slot);
// Ends a frame python_frame_start made, once it has run: the count lowered, its references
// released (frame_end), the frame freed.
void python_frame_finish(Interp& in, Frame* f);
// A call of any other callable from the evaluation loop's stack (call.cpp): the recursion
// checks CPython's CALL makes, as far as the instruction is specialized yet.
PyObject* call_other_from_stack(Interp& in, PyObject* callable, PyObject** args, Py_ssize_t nargs,
                                PyObject* kwnames);
// A call of callable with the stack's arguments, as CALL makes it; what the callee's frame takes
// over is as for call_python_function, with `steal` the profile's (3.11+).
PyObject* call_from_stack(Interp& in, PyObject* callable, PyObject** args, Py_ssize_t nargs, PyObject* kwnames);
// Builtins::function_call: calling a Python function from C (arguments borrowed).
PyObject* function_vectorcall(Runtime& rt, PyObject* func, PyObject* const* args, Py_ssize_t nargs,
                              PyObject* kwnames);
// MAKE_FUNCTION: qualname (borrowed) is the name the stack gave up to 3.10, or null: the code's
// co_qualname (3.11+), or none (2.7). With `annotate` (3.14) `annotations` is the function's
// __annotate__ function.
PyObject* make_function(Interp& in, Frame* f, PyObject* code, PyObject* qualname, PyObject* defaults,
                        PyObject* kwdefaults, PyObject* annotations, PyObject* closure, bool annotate);
// LIST_EXTEND, SET_UPDATE, DICT_UPDATE, DICT_MERGE; `callable` (DICT_MERGE's call) is named in
// its errors.
bool extend_container(Interp& in, Opcode op, PyObject* container, PyObject* source, PyObject* callable);
bool display_hook(Interp& in, PyObject* value);
bool print_item_27(Interp& in, PyObject* value);
// `print >>stream, value` and its newline (print27.cpp); stream None means sys.stdout.
bool print_item_to_27(Interp& in, PyObject* stream, PyObject* value);
bool print_newline_to_27(Interp& in, PyObject* stream);
// 2.7's RAISE_VARARGS: `raise E`, `raise E, V` (value may be null), `raise instance`.
bool raise_27(Interp& in, PyObject* type, PyObject* value);
// 2.7's `raise type, value, tb`: as raise_27, with tb (a traceback, or None for none) as the
// exception's traceback.
bool raise_with_traceback_27(Interp& in, PyObject* type, PyObject* value, PyObject* tb);
// a / b under 2.7's `from __future__ import division` (BINARY_OP with kBinaryOpTrueDivide27).
PyObject* true_divide_27(Interp& in, PyObject* a, PyObject* b, bool inplace);
PyObject* builtin_build_class(Interp& in);
PyObject* import_name(Interp& in, PyObject* name, PyObject* fromlist);
bool import_star(Interp& in, Frame* f, PyObject* module);
// IMPORT_FROM's error once getattr(module, name) raised AttributeError (ceval.c's import_from):
// ImportError "cannot import name ..." as each version words it, with name, path and (3.12+)
// name_from set.
void import_from_error(Interp& in, PyObject* module, PyObject* name);
PyObject* with_enter(Interp& in, PyObject* mgr, PyObject** exit);
// After a sub-iterator finished: its return value (StopIteration.value) or false on error.
bool stop_iteration_value(Interp& in, PyObject** value);
void set_exception_context(Interp& in);
// Adds f's current line to the traceback of the exception being raised.
void traceback_here(Interp& in, Frame* f);
// The frame object of traceback tb's innermost entry (borrowed).
PyObject* traceback_innermost_frame(PyObject* tb);
// The trace's events from the loop (ceval_trace.cpp); called only while the runtime traces.
void new_line(Interp& in, Frame* f);  // a frame starts a new line (not 0: no line): the trace, on_line
void trace_bind(Interp& in, PyObject* namespace_dict, PyObject* name, PyObject* value);
// Creates the traceback type (Builtins::traceback_type); once per Runtime, by Interp.
void init_traceback_type(Runtime& rt);

}  // namespace pymemlab
