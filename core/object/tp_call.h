// Calls through tp_call (Objects/call.c): CPython calls a callable that has no vectorcall — a
// class, an instance of a class — with its arguments packed, a tuple of the positional ones
// and a dict of the keyword ones, alive for the whole call (_PyObject_MakeTpCall); the slots
// that pass such a call on to a Python method (__init__, __new__, __call__) unpack it again,
// per version (_PyObject_Call_Prepend). Both are visible: inside __init__, sys.getrefcount of
// an argument counts the tuple, and the tuple and dict are allocations.
#pragma once

#include "object/object.h"

namespace pymemlab {

class Runtime;

// True when CPython calls `callable` through tp_call: a class (whose type is `type` or a
// metaclass), an instance of a class, or a built-in type without a vectorcall in the profile
// (every one before 3.9).
bool calls_through_tp_call(const Runtime& rt, const PyObject* callable);

// _PyObject_MakeTpCall: packs args (nargs positional, then the values of kwnames' names) into
// a new tuple and dict and calls Py_TYPE(callable)->tp_call with them. With `move` (2.7's
// do_call, popping the VM's stack) the slots' references move into the tuple and dict and the
// slots are nulled; otherwise the tuple and dict take references of their own.
PyObject* make_tp_call(Runtime& rt, PyObject* callable, PyObject** args, Py_ssize_t nargs, PyObject* kwnames,
                       bool move);

// slot_tp_init, slot_tp_new and slot_tp_call calling the dunder `attr` found on the type with
// `self` (or the class) first and the packed arguments: 3.7+ _PyObject_Call_Prepend (with
// keywords the arguments are copied, each taking a reference); before 3.7 `bound` (__init__,
// __call__: lookup_method) goes through a bound method, and the arguments are copied: 2.7 into
// a new tuple (instancemethod_call; slot_tp_new likewise), 3.6 only the keyword values.
PyObject* call_prepend(Runtime& rt, PyObject* attr, PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                       PyObject* kwnames, bool bound);

// 2.7's and 3.6's call_method, how their slots call a Python-level dunder (3.7 made it
// vectorcall_method): a bound method, and the arguments in a new tuple (Py_VaBuildValue; 3.6
// makes none for a call without arguments), then as call_prepend.
PyObject* call_method_packed(Runtime& rt, PyObject* attr, PyObject* self, PyObject* const* args, Py_ssize_t nargs);

// PyObject_CallFunctionObjArgs before 3.7, as WITH_CLEANUP calls __exit__: 3.6 calls a
// function as it is (fast call) and packs the arguments in a tuple for anything else (a bound
// method, through tp_call); 2.7 packs them always, and a bound method's call
// (instancemethod_call) copies them with self into a second tuple.
PyObject* call_obj_args_pre37(Runtime& rt, PyObject* callable, PyObject* const* args, Py_ssize_t nargs);

}  // namespace pymemlab
