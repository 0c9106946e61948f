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

// Runs f until it returns (f->finished) or yields; the value, or nullptr with an exception.
PyObject* eval_frame(Interp& in, Frame* f);
// LOAD_METHOD's lookup: *meth = the unbound function (new reference) when obj.name is a plain
// method of type(obj) not shadowed by an instance attribute, else nullptr. -1 on error.
int load_method(Interp& in, PyObject* obj, PyObject* name, PyObject** meth);
// CALL: calls callable with the stack's arguments. When the profile moves arguments into the
// callee's frame (3.11+), it takes their references and nulls the stack slots; so too the
// callable's reference, from `callable_slot` when given, when it is a Python function whose
// frame holds its function (3.11+). `cache` is the instruction's (3.13+, a call without keywords
// and a null self slot: args[-2] is the callable's slot and args[-1] the null one), for
// CALL_ALLOC_AND_ENTER_INIT (interp/specialize.h).
// Inline, so that a Python function's call holds no frame of its own between the caller's
// eval_frame and the callee's (the WebAssembly engine's stack holds about 1,000 such calls in a
// browser's worker: engine_stack.h).
// A call of a Python function (call.cpp). `func_slot`, when given, is the caller's stack slot
// holding func, whose reference a 3.11+ frame takes over (CALL's _PyEvalFramePushAndInit).
PyObject* call_python_function(Interp& in, PyObject* func, PyObject** args, Py_ssize_t nargs, PyObject* kwnames,
                               bool steal, PyObject** func_slot = nullptr);
// call_from_stack's other callables (call.cpp).
PyObject* call_other_from_stack(Interp& in, PyObject* callable, PyObject** args, Py_ssize_t nargs,
                                PyObject* kwnames);
inline PyObject* call_from_stack(Interp& in, PyObject* callable, PyObject** args, Py_ssize_t nargs,
                                 PyObject* kwnames, CallCache* cache = nullptr, PyObject** callable_slot = nullptr) {
    Runtime& rt = in.rt;
    if (cache != nullptr && specialized_init(rt, *cache, callable, nargs)) return alloc_and_enter_init(in, args, nargs);
    // 3.11+ moves the arguments from the caller's stack into the callee's frame; older
    // versions copy them, so the caller's stack keeps a reference during the call.
    if (Py_TYPE(callable) == rt.builtins().function_type)
        return call_python_function(in, callable, args, nargs, kwnames, rt.profile().at_least(3, 11), callable_slot);
    return call_other_from_stack(in, callable, args, nargs, kwnames);
}
// Builtins::function_call: calling a Python function from C (arguments borrowed).
PyObject* function_vectorcall(Runtime& rt, PyObject* func, PyObject* const* args, Py_ssize_t nargs,
                              PyObject* kwnames);
// MAKE_FUNCTION: qualname (borrowed) is the name the stack gave up to 3.10, or null: the code's
// co_qualname (3.11+), or none (2.7).
PyObject* make_function(Interp& in, Frame* f, PyObject* code, PyObject* qualname, PyObject* defaults,
                        PyObject* kwdefaults, PyObject* annotations, PyObject* closure);
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
