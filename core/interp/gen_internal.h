// What gen_object.cpp (the type: creation, attributes, death) and gen_send.cpp (running it:
// send, throw, close, yield from) share about a generator's host-side state. Not for use
// outside those two files.
#pragma once

#include <cstdint>
#include <memory>

#include "interp/frame.h"
#include "interp/gen_object.h"
#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// Invariants: `frame` is the frame while the generator holds it (≤3.10 it belongs to gi_frame's
// frame object, 3.11+ to `embedded`), null once released. `completed` is set when the frame can
// never run again (it returned or raised, or close() ended it); the frame is released at once
// then, except that 3.12+'s close() of a generator that never started keeps it (and so its
// arguments) until the generator dies, as CPython does. `outer_exc` is set only while running.
struct GenState {
    Frame* frame = nullptr;
    std::unique_ptr<Frame> embedded;
    // Strong: __name__ and __qualname__ (3.5+). 2.7's generator has neither field: both null,
    // and its __name__ and repr read the code's co_name (gen_name).
    PyObject* name = nullptr;
    PyObject* qualname = nullptr;
    ExcInfo exc_state;  // the exception handled in the suspended frame (gi_exc_state)
    ExcInfo outer_exc;  // the caller's handled exception, set aside while running
    bool running = false;
    bool completed = false;
    bool code_field = true;
    // Which object's tp_traverse visits exc_state (and outer_exc while running): the generator
    // from 3.7 (gi_exc_state); 3.6's frame, which keeps it in f_exc_type ... (swapped with the
    // caller's while it runs); none in 2.7, whose generator keeps nothing across a yield (its
    // frame's f_exc_* are Frame::exc_saved_info).
    enum class ExcStateHolder : uint8_t { kNone, kFrame, kGenerator };
    ExcStateHolder exc_state_holder = ExcStateHolder::kGenerator;  // tp_traverse visits gi_code itself (up to 3.11; 3.12 has no gi_code field)
};

inline PyGenObject* as_gen(PyObject* o) { return reinterpret_cast<PyGenObject*>(o); }
inline const PyGenObject* as_gen(const PyObject* o) { return reinterpret_cast<const PyGenObject*>(o); }
inline GenState* gen_state(const PyObject* o) { return as_gen(o)->state.p; }

// The frame can run (suspended or not started).
inline bool gen_runnable(const GenState* s) { return s->frame != nullptr && !s->completed && !s->frame->finished; }
// Not started: nothing of the frame has run (CPython's f_lasti == -1, FRAME_CREATED).
inline bool gen_just_started(const GenState* s) { return gen_runnable(s) && s->frame->ip == 0; }

// The frame has finished: marks the generator completed and releases the frame (≤3.10 by
// dropping the frame object; 3.11+ by clearing it, a frame object still referenced elsewhere
// taking it over).
void gen_release_frame(Runtime& rt, PyObject* gen);
// _PyGen_yf: the sub-iterator a suspended `yield from` delegates to, borrowed, or null.
PyObject* gen_yf(const PyObject* gen);
// gen_close: closes the generator (GeneratorExit at its yield); None, the return value on
// 3.13+, or null with the error set.
PyObject* gen_close(Interp& in, PyObject* gen);
// _gen_throw: raises typ/val/tb at the generator's yield (or in its sub-iterator).
PyObject* gen_throw(Interp& in, PyObject* gen, bool close_on_genexit, PyObject* typ, PyObject* val, PyObject* tb);
// gen_send_ex: like gen_send_ex2, with the return turned into StopIteration(value).
PyObject* gen_send_ex(Interp& in, PyObject* gen, PyObject* arg, bool exc, bool closing);
// tp_iternext and the methods (send, throw, close; next in 2.7, __next__ in 3.x).
PyObject* gen_iternext_slot(Runtime& rt, PyObject* self);
extern const PyMethodDef kGenMethods27[];
extern const PyMethodDef kGenMethods3[];
// _PyGen_SetStopIterationValue: StopIteration(value) (StopIteration() for null).
void set_stop_iteration_value(Runtime& rt, PyObject* value);

}  // namespace pymemlab
