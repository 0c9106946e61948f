// Frame objects (Objects/frameobject.c). Up to 3.10 a frame object is the frame: every frame
// (a call, a module, a class body, a generator's) takes one, from its code object's zombie frame
// (co_zombieframe), else the free list, else a new block, and gives it back there when it ends;
// so a call counts in gc.get_count() only when no kept frame was free. From 3.11 frames live on
// the thread's data stack and a frame object is made only on demand: the model makes them for
// generators (`gen.gi_frame`). Read frame.h for the frame itself and gen_object.h for the
// generators that own them.
#pragma once

#include <cstdint>

#include "interp/frame.h"
#include "object/object.h"

namespace pymemlab {

class Runtime;
struct Interp;

// Invariant: while alive, f_frame is the host frame this object shows; f_code is the code object
// the block was last made or reused for (borrowed: the frame holds the reference), whose zombie
// it becomes when it dies. When `owns_frame` is set the object holds the frame's references
// (≤3.10 generators; 3.11+ once the generator that held the frame has finished or died while
// this object was still referenced: CPython's take_ownership); otherwise the frame belongs to a
// call in progress or a live generator and this object only looks at it. nslots is Py_SIZE: the
// locals, cells, free variables and stack items its block has room for.
// Dead and kept (≤3.10: a zombie, or on Builtins::frame_free_list), f_frame is null.
// f_back (a reference, or null): ≤3.10 the caller's frame object, from the call on (a
// generator's only while it runs), kept when the frame ends and the object lives on, released
// when the object dies; 3.11+ set only when the object takes over a frame that ended while its
// caller ran (take_ownership), a running frame's being computed when read. So a traceback
// that outlives its frames keeps their callers' frames, and their locals, alive.
struct PyFrameObject {
    PyObject ob_base;
    Slot<Frame> f_frame;
    Slot<PyObject> f_code;
    Slot<PyObject> f_back;
    int32_t owns_frame;
    int32_t nslots;
};
static_assert(sizeof(PyFrameObject) == 48);

// PyFrame_MAXFREELIST (2.7-3.10).
constexpr size_t kFrameMaxFreeList = 200;

void init_frame_type(Runtime& rt);
bool frame_object_check(const Runtime& rt, const PyObject* o);
inline PyFrameObject* as_frame_object(PyObject* o) { return reinterpret_cast<PyFrameObject*>(o); }
// Whether every frame has a frame object (≤3.10).
bool frames_are_objects(const Runtime& rt);

// A frame object over `f` for a code object's frame: ≤3.10 the code's zombie frame or one from
// the free list (resized to fit, as PyObject_GC_Resize does) when there is one, else a new
// block of the profile's frame size plus one slot per local, cell, free variable and stack item.
// Tracked when `track`. When `owns` it takes `f` (allocated with new) and releases it when it
// dies; on failure (MemoryError set) it has not taken it.
PyObject* frame_object_new(Runtime& rt, Frame* f, bool owns, bool track = true);
// A frame run in place (a call, a module, a class body) starts with frame_begin: ≤3.10 it makes
// the frame's object (Frame::frame_object; tracked in 2.7 and 3.6, whose PyFrame_New tracks it;
// untracked from 3.7, _PyFrame_New_NoTrack). From 3.11 nothing: frame_object_of makes one on
// demand. False (MemoryError set) when there is no memory for it; the caller then releases the
// frame with frame_clear.
bool frame_begin(Runtime& rt, Frame* f);
// ...and ends with frame_end: the frame's references are released (the code's last, as
// frame_dealloc and _PyFrame_ClearExceptCode do), and its object (if any) with it: back to its
// code's zombie slot, the free list or the allocator. If something else still holds the object
// (a traceback), it takes the frame over instead, locals and all, and is tracked.
void frame_end(Runtime& rt, Frame* f);
// _PyFrame_GetFrameObject: the frame object of a running frame (borrowed), made on demand from
// 3.11; a generator's is its gi_frame. nullptr (MemoryError set) when there is no memory for it.
PyObject* frame_object_of(Runtime& rt, Frame* f);
// The namespace `locals()` gives for frame f (a new reference; nullptr with the exception set): a
// module or class body's dict; a function's, up to 3.12, the frame's own dict, refreshed from its
// fast locals and cells (so it holds references to them), from 3.13 a new snapshot.
PyObject* frame_locals(Interp& in, Frame* f);
// The code object a frame object shows (borrowed): f_code.
PyObject* frame_object_code(const PyObject* fo);
// 3.11+ take_ownership: the generator that held `fo`'s frame is clearing it; the frame object
// keeps a copy of the frame (its references move over) because something else still holds it.
void frame_object_take_ownership(PyObject* fo);
// ≤3.10 gen_send_ex: a generator's frame object holds its caller's frame object while it runs
// (`caller` null: none; the previous one is released).
void frame_object_set_back(Runtime& rt, PyObject* fo, Frame* caller);
// sys.getsizeof of a frame object (≤3.10 counts one slot less: f_localsplus[1] is in the basicsize).
int64_t frame_object_sizeof(const Runtime& rt, const PyObject* o);
// The slots a frame of `code` takes in a frame object or generator: locals + cells + frees +
// co_stacksize, a name both local and cell counted once from 3.11 (co_nlocalsplus).
int64_t frame_slots(const Runtime& rt, const PyObject* code);

}  // namespace pymemlab
