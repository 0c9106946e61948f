// Frame objects (Objects/frameobject.c): the Python-visible face of a frame (`gen.gi_frame`).
// The model makes them only for generators: up to 3.10 with each generator (the frame object
// holds the frame), from 3.11 on demand for a frame that lives inside its generator.
// Read frame.h for the frame itself and gen_object.h for the generators that own them.
#pragma once

#include <cstdint>

#include "interp/frame.h"
#include "object/object.h"

namespace pymemlab {

class Runtime;

// Invariant: f_frame is the host frame this object shows. When `owns_frame` is set the object
// holds the frame's references (≤3.10 always; 3.11+ once the generator that held the frame has
// finished or died while this object was still referenced: CPython's take_ownership); otherwise
// the frame belongs to a live generator and this object only looks at it.
struct PyFrameObject {
    PyObject ob_base;
    Slot<Frame> f_frame;
    int32_t owns_frame;
    int32_t padding;
};
static_assert(sizeof(PyFrameObject) == 32);

void init_frame_type(Runtime& rt);
bool frame_object_check(const Runtime& rt, const PyObject* o);
inline PyFrameObject* as_frame_object(PyObject* o) { return reinterpret_cast<PyFrameObject*>(o); }

// A frame object over `f` for a code object's frame: the block is the profile's frame size plus
// one slot per local, cell, free variable and stack item. When `owns` it takes `f` (allocated
// with new) and releases it when it dies; on failure (MemoryError set) it has not taken it.
PyObject* frame_object_new(Runtime& rt, Frame* f, bool owns);
// 3.11+ take_ownership: the generator that held `fo`'s frame is clearing it; the frame object
// keeps a copy of the frame (its references move over) because something else still holds it.
void frame_object_take_ownership(PyObject* fo);
// sys.getsizeof of a frame object (≤3.10 counts one slot less: f_localsplus[1] is in the basicsize).
int64_t frame_object_sizeof(const Runtime& rt, const PyObject* o);
// The slots a frame of `code` takes in a frame object or generator: locals + cells + frees +
// co_stacksize.
int64_t frame_slots(const PyObject* code);

}  // namespace pymemlab
