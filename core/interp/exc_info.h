// The exception being handled (sys.exc_info()), as CPython keeps it: _PyErr_StackItem in the
// thread state, in a generator (gi_exc_state) and on the value stack of an except handler, and
// 2.7's thread state and frame fields (tstate->exc_type, f->f_exc_type, ...).
#pragma once

#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;
struct Interp;

// Up to 3.10 (and in 2.7) a (type, value, traceback) triple: the type and the traceback are
// references of their own, beside the exception's (a traceback held here stays alive after
// `e.__traceback__` is replaced). From 3.11 the exception alone.
// Invariants: each field is a strong reference or null; type and traceback are null from 3.11
// and whenever value is null or None. value None is CPython's state of a handler that has
// ended (≤3.10 its exc_type None): nothing is being handled, yet the slot is taken.
struct ExcInfo {
    PyObject* type = nullptr;
    PyObject* value = nullptr;
    PyObject* traceback = nullptr;
};

// Whether the profile keeps the triple: ≤3.10.
bool exc_info_is_triple(const Runtime& rt);
// The state of handling exc (null or None for nothing), with new references: ≤3.10 its type,
// itself and its traceback now (2.7: the handler takes the traceback from the raise,
// exception_take_traceback); 3.11+ itself alone.
ExcInfo exc_info_of(Runtime& rt, PyObject* exc);
// Another holder of the same state: new references to e's fields.
ExcInfo exc_info_copy(Runtime& rt, const ExcInfo& e);
// Releases the references, value first (the order CPython's _PyErr_StackItem is cleared in
// does not matter to any count; value first keeps an exception's __del__ seeing its type).
void exc_info_clear(Runtime& rt, ExcInfo& e);
// Visits type, value, traceback (gen_traverse's order, and 2.7's frame_traverse's).
void exc_info_visit(const ExcInfo& e, visitproc visit, void* arg);

// 2.7's set_exc_info and reset_exc_info also publish the state as sys.exc_type, sys.exc_value
// and sys.exc_traceback ("for b/w compatibility"): set, or deleted for a null field. The error
// indicator is left as it was.
void exc_info_publish27(Interp& in, const ExcInfo& e);

}  // namespace pymemlab
