// CALL's adaptive specialization (Python/specialize.c, 3.13+), as far as it changes what users
// see: CALL_ALLOC_AND_ENTER_INIT. From its second run a CALL of a plain class whose __init__ is
// a simple Python function makes the instance itself and moves the arguments from the caller's
// stack into __init__'s frame, with no argument tuple (tp_call.h): sys.getrefcount of an
// argument inside __init__ reads two less than on the first call.
#pragma once

#include "interp/code_object.h"
#include "object/object.h"

namespace pymemlab {

class Runtime;
struct Interp;

// One run of an adaptive CALL through its cache (3.13+): counts down, specializes when the
// counter fires (or backs off when it cannot), deoptimizes when the class no longer matches.
// True when this run is CALL_ALLOC_AND_ENTER_INIT for `callable`.
bool specialized_init(Runtime& rt, CallCache& cache, PyObject* callable, Py_ssize_t nargs);

// CALL_ALLOC_AND_ENTER_INIT: args[-2] holds the class (released at once), args[-1] the null self
// slot; the new instance goes there and, with the nargs arguments, moves into __init__'s frame.
// Returns the instance, or nullptr with an exception (also when __init__ returns something else
// than None).
PyObject* alloc_and_enter_init(Interp& in, PyObject** args, Py_ssize_t nargs);

}  // namespace pymemlab
