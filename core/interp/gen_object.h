// Generators (Objects/genobject.c): what calling a generator function returns. The generator
// holds the suspended frame; next()/send()/throw()/close() resume it through eval_frame, and
// `yield from` delegates to a sub-iterator. Up to 3.10 the frame lives in a frame object of its
// own (frame_object.h); from 3.11 it is inside the generator's block. Read frame.h for what a
// frame holds and opcode.h for YIELD_VALUE / YIELD_FROM.
#pragma once

#include <cstdint>

#include "interp/frame.h"
#include "interp/interp.h"
#include "object/object.h"

namespace pymemlab {

struct GenState;

// The block: CPython's leading fields (gi_frame, gi_code, gi_weakreflist) in 48 bytes, within
// every profile's tp_basicsize; the rest of the generator's state is host-side (GenState).
struct PyGenObject {
    PyObject ob_base;
    // ≤3.10: the frame object holding the frame, strong, until the generator finishes.
    // 3.11+: the frame object gi_frame made on demand, strong, until the frame is cleared.
    Slot<PyObject> gi_frame;
    Slot<PyObject> gi_code;         // strong
    Slot<PyObject> gi_weakreflist;  // the weak references to the generator (none yet in the model)
    Slot<GenState> state;
};
static_assert(sizeof(PyGenObject) == 48);

void init_generator_type(Runtime& rt);
bool gen_check(const Runtime& rt, const PyObject* o);

// The generator of a call of a generator function `func` whose frame is bound (arguments and
// cells) but has not run. Takes `frame` (allocated with new): ≤3.10 `frame_object` already owns
// it and the generator takes that reference; 3.11+ `frame_object` is null and the frame moves
// into the generator. On failure (MemoryError set) the frame and its references are released.
PyObject* gen_new(Interp& in, PyObject* func, Frame* frame, PyObject* frame_object);
// gen.gi_frame: a new reference to the generator's frame object (made on first use from 3.11),
// or to None once its frame cannot run any more. nullptr on MemoryError.
PyObject* gen_get_frame(Runtime& rt, PyObject* self);

// PySendResult: the generator yielded (kNext), returned (kReturn: *result is the return value),
// or raised (kError; also kError with no exception when next() finds it exhausted).
enum class SendResult { kNext, kReturn, kError };
// gen_send_ex2: resumes the generator with `arg` (null for next()) or, when `exc`, by raising
// the pending exception at its yield. *result is a new reference or null.
SendResult gen_send_ex2(Interp& in, PyObject* gen, PyObject* arg, PyObject** result, bool exc, bool closing);
// YIELD_FROM's step: sends `sent` into `receiver` (a generator directly; another iterator by
// __next__ when sent is None, else its send method). kReturn gives the sub-iterator's return
// value (StopIteration.value).
SendResult yield_from_send(Interp& in, PyObject* receiver, PyObject* sent, PyObject** result);

// The exception being handled, as sys.exc_info() and a bare `raise` see it: the innermost
// non-None handled exception, looking through the generators now running to their callers
// (_PyErr_GetTopmostException). Borrowed; null when none.
PyObject* handled_exception(Interp& in);
// The whole state of it (≤3.10 the triple, whose traceback sys.exc_info() gives).
const ExcInfo* handled_exc_info(Interp& in);

// sys.getsizeof of a generator (3.11+ counts the frame inside it).
int64_t gen_sizeof(const Runtime& rt, const PyObject* o);
// 2.7's PyGen_NeedsFinalizing: a suspended generator inside a try block (its close would run
// code), which 2.7's collector treats as having a legacy finalizer.
bool gen_needs_finalizing_27(const PyObject* o);

}  // namespace pymemlab
