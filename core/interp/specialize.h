// Adaptive specialization (Python/specialize.c), as far as it changes what users see. CALL's
// (3.13+) CALL_ALLOC_AND_ENTER_INIT: from its second run a CALL of a plain class whose __init__
// is a simple Python function makes the instance itself and moves the arguments from the
// caller's stack into __init__'s frame, with no argument tuple (tp_call.h): sys.getrefcount of
// an argument inside __init__ reads two less than on the first call. LOAD_SUPER_ATTR's (3.12+):
// from its second run `super().name` makes no super object (nor, for a method, a bound method).
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

// One run of an adaptive LOAD_SUPER_ATTR (3.12+): the first run is the generic instruction,
// which calls `global_super` and asks the super object; then, while `global_super` is the
// builtin super and `cls` a type, LOAD_SUPER_ATTR_ATTR/_METHOD look the name up without one
// (object/super_object.h's super_lookup). True when this run is the specialized one.
bool specialized_super_attr(const Runtime& rt, CallCache& cache, PyObject* global_super, PyObject* cls);

// CALL_ALLOC_AND_ENTER_INIT: args[-2] holds the class (released at once), args[-1] the null self
// slot; the new instance goes there and, with the nargs arguments, moves into __init__'s frame.
// Returns the instance, or nullptr with an exception (also when __init__ returns something else
// than None).
PyObject* alloc_and_enter_init(Interp& in, PyObject** args, Py_ssize_t nargs);

}  // namespace pymemlab
