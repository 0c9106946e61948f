// Frames: one activation of a code object — its fast locals, cells, value stack, block stack
// and position. The model keeps frames in host memory (3.11+'s frames are not heap objects
// either); up to 3.10 each frame also has its PyFrameObject block, which stands for it in the
// heap (frame_object.h). Every PyObject* a frame holds is a strong reference exactly where
// CPython's frame holds one; where CPython's only borrows (its function up to 3.10, 3.11+'s
// globals), the owns_ flags say so.
#pragma once

#include <cstdint>
#include <vector>

#include "interp/exc_info.h"
#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// A block of the block stack (opcode.h): a handler (SETUP_FINALLY) or an except handler
// being run (PUSH_EXC_INFO), with the value-stack depth to unwind to.
// Up to 3.10 CPython's value stack holds an exception as three items (type, value, traceback)
// where the lab's holds one (the value): an except handler's block holds the other two, strong
// or null, for as long as CPython's stack does (to POP_EXCEPT, or the unwinding past the
// block): `saved`, those of the exception handled before (3.x: the triple PUSH_EXC_INFO set
// aside; 2.7 sets it aside in the frame instead), and `raised`, those of the exception a
// finally or with handler keeps on the stack through its body (an except clause pops its
// exception's at once, so it holds none).
struct Block {
    enum Kind : uint8_t { Handler, ExceptHandler } kind;
    int32_t handler;  // instruction index (Handler)
    int32_t level;    // stack depth
    PyObject* saved_type = nullptr;
    PyObject* saved_traceback = nullptr;
    PyObject* raised_type = nullptr;
    PyObject* raised_traceback = nullptr;
};
// Releases what an except handler's block holds (Block's saved and raised items).
void block_release(Runtime& rt, Block& b);

struct Frame {
    PyObject* code = nullptr;     // strong
    // The function being run; null for module and exec frames. Strong only when owns_func:
    // from 3.11 (_PyInterpreterFrame.f_func / f_funcobj) unless 3.14's call moved a borrowed
    // stack item into it. Up to 3.10 the frame has no such field: the caller keeps the function
    // alive (its stack, or 2.7/3.6's call_function reference) and the frame only borrows it.
    PyObject* func = nullptr;
    bool owns_func = false;
    // Strong unless owns_globals is clear: 3.11+ frames of functions borrow them from the
    // function (a module or exec frame's are held by the function PyEval_EvalCode makes).
    PyObject* globals = nullptr;
    PyObject* builtins = nullptr;  // the builtins module's dict
    bool owns_globals = true;
    PyObject* locals = nullptr;   // strong; module and class bodies: the namespace dict
    // nlocals fast locals, then cells, then free variables (the cells of the closure).
    std::vector<PyObject*> localsplus;
    std::vector<PyObject*> stack;
    // 3.14's borrowed items (borrowed_refs.h): the stack indexes, ascending, whose item holds no
    // reference of its own, and the fast locals bound to such an item by a call (empty unless
    // one was). Every index here is below stack.size().
    std::vector<int32_t> borrowed_stack;
    std::vector<uint8_t> borrowed_locals;
    std::vector<Block> blocks;
    int32_t ip = 0;               // index of the next instruction
    int32_t line = 0;             // the line of the instruction being run
    int32_t traced_line = 0;      // the last line the trace was told this frame started (ceval_trace.cpp)
    Frame* back = nullptr;        // the calling frame (borrowed)
    // The nearest frame below this one on the chain that is a generator's (borrowed, or null):
    // set with back, so that what walks the chain for generators skips the frames between.
    Frame* generator_below = nullptr;
    // A CALL of a Python function waiting for its frame, which eval_frame runs in place of this
    // one: the stack depth the call's items start at (-1: none waits), and 2.7/3.6's reference
    // to the callable for the call (strong, or null).
    int32_t call_base = -1;
    PyObject* call_held = nullptr;
    // The frame's PyFrameObject once it has one (borrowed; frame_object.h): up to 3.10 from
    // frame_begin, from 3.11 made on demand (a traceback) for a frame run in place. A
    // generator's frame object is the generator's (gi_frame) and is not kept here.
    PyObject* frame_object = nullptr;
    PyObject* generator = nullptr;  // the generator that owns this frame (borrowed), if any
    bool finished = false;
    // eval_frame is running it: it is on the interpreter's frame chain, itself running or
    // waiting for a call it made (a suspended generator's frame is not).
    bool executing = false;
    // 3.11+: a _PyInterpreterFrame, which a frame object visits only once it owns it (else a
    // PyFrameObject, the frame itself).
    bool interpreter_frame = false;
    // 3.14: the interpreter saves a running frame's stack pointer at each call it makes, so a
    // generator's traversal sees its locals and stack while it runs too.
    bool stack_saved_at_calls = false;
    // Set by a generator's throw() and close(): eval_frame starts by raising the pending
    // exception at ip, as CPython's throwflag does, so the frame's handlers see it.
    bool throw_pending = false;
    // 2.7 (set_exc_info / reset_exc_info, f_exc_type ...): the exception that was being
    // handled when this frame first caught one, kept while the frame runs, since 2.7 leaves a
    // caught exception set after its except block ends; the frame puts it back when it returns,
    // raises or yields. exc_saved: whether it holds one (its fields may all be null).
    ExcInfo exc_saved_info;
    bool exc_saved = false;
};

// How frame_init gets its function's reference (3.11+, where the frame holds one): a new one,
// or the one the caller's stack held (CALL moves it: Frame::func).
enum class FuncRef : uint8_t { kNew, kMoved, kMovedBorrowed };

// Starts a frame over `code`, a new one or one cleared after a run (frame_clear; its position
// is reset here, and its chain links are set as it runs): takes references to code and locals (may be null), to globals
// and builtins (except 3.11+ function frames), and from 3.11 to func (may be null; `how` says
// whether the reference is new or moved in), makes room for the fast locals, cells and free variables, and copies the free
// variables' cells from func's closure.
void frame_init(Runtime& rt, Frame* f, PyObject* code, PyObject* func, PyObject* globals, PyObject* builtins,
                PyObject* locals, FuncRef how = FuncRef::kNew);
// Whether the profile's frames hold a reference to their function (3.11+).
bool frame_holds_func(const Runtime& rt);
// Makes the frame's cells once its arguments are bound (a parameter that is a cell moves into
// it), as CPython does before running the body. False (MemoryError set) when the heap is full.
bool frame_make_cells(Runtime& rt, Frame* f);
// Releases every reference the frame holds.
void frame_clear(Runtime& rt, Frame* f);
// _PyFrame_ClearExceptCode: releases every reference but the code's, which it returns for the
// caller to release last (after a frame object is kept as the code's zombie frame).
PyObject* frame_clear_except_code(Runtime& rt, Frame* f);
// Releases the fast locals, cells and value stack only (frame_tp_clear), leaving the code,
// globals and builtins: the frame can no longer run, so it is marked finished.
void frame_clear_locals(Runtime& rt, Frame* f);
// Visits the fast locals, cells and free variables, then the value stack (what a frame's
// tp_traverse adds after its fixed fields), as far as CPython's traversal sees a frame being
// executed: up to 3.10 not its stack, which its eval loop keeps (f_stacktop is NULL meanwhile);
// 3.11-3.13 nothing (_PyFrame_Traverse stops at stacktop, which is -1 while it runs); 3.14 all
// of it (its stack pointer as saved at the call it is making).
void frame_visit_locals(const Frame* f, visitproc visit, void* arg);

}  // namespace pymemlab
