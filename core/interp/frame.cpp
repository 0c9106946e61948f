// Frames: starting one over a code object, its cells, and releasing what it holds.
#include "interp/frame.h"

#include <algorithm>
#include <utility>

#include "interp/code_object.h"
#include "object/cell_object.h"
#include "object/errors.h"
#include "object/func_object.h"
#include "object/runtime.h"
#include "object/tuple_object.h"

namespace pymemlab {

bool frame_holds_func(const Runtime& rt) { return rt.profile().at_least(3, 11); }

void frame_init(Runtime& rt, Frame* f, PyObject* code, PyObject* func, PyObject* globals, PyObject* builtins,
                PyObject* locals, FuncRef how) {
    f->code = code;
    f->func = func;
    f->ip = f->line = f->traced_line = 0;
    f->finished = false;
    f->owns_func = func != nullptr && frame_holds_func(rt) && how != FuncRef::kMovedBorrowed;
    f->globals = globals;
    f->builtins = builtins;
    f->owns_globals = !(func != nullptr && frame_holds_func(rt));
    f->interpreter_frame = rt.profile().at_least(3, 11);
    f->stack_saved_at_calls = rt.profile().at_least(3, 14);
    f->locals = locals;
    for (PyObject* o : {code, locals})
        if (o != nullptr) rt.incref(o);
    if (f->owns_globals)
        for (PyObject* o : {globals, builtins}) rt.incref(o);
    if (f->owns_func && how == FuncRef::kNew) rt.incref(func);
    const int64_t nlocals = code_nlocals(code), ncells = code_ncells(code), nfrees = code_nfrees(code);
    f->localsplus.assign(static_cast<size_t>(nlocals + ncells + nfrees), nullptr);
    f->stack.reserve(static_cast<size_t>(code_body(code).stacksize));
    for (int64_t i = 0; i < nfrees; ++i) {
        PyObject* cell = tuple_items(as_function(func)->func_closure.p)[i];
        rt.incref(cell);
        f->localsplus[static_cast<size_t>(nlocals + ncells + i)] = cell;
    }
}

bool frame_make_cells(Runtime& rt, Frame* f) {
    const CodeBody& body = code_body(f->code);
    const int64_t nlocals = code_nlocals(f->code), ncells = code_ncells(f->code);
    for (int64_t i = 0; i < ncells; ++i) {
        const int arg = i < static_cast<int64_t>(body.cell2local.size()) ? body.cell2local[static_cast<size_t>(i)] : -1;
        PyObject* initial = arg >= 0 ? f->localsplus[static_cast<size_t>(arg)] : nullptr;
        PyObject* cell = cell_new(rt, initial);
        if (cell == nullptr) {
            err_no_memory(rt);
            return false;
        }
        if (initial != nullptr) {
            f->localsplus[static_cast<size_t>(arg)] = nullptr;
            if (!f->borrowed_locals.empty() && f->borrowed_locals[static_cast<size_t>(arg)])
                f->borrowed_locals[static_cast<size_t>(arg)] = false;  // the cell holds its own reference
            else
                rt.decref(initial);
        }
        f->localsplus[static_cast<size_t>(nlocals + i)] = cell;
    }
    return true;
}

void block_release(Runtime& rt, Block& b) {
    for (PyObject** o : {&b.saved_type, &b.saved_traceback, &b.raised_type, &b.raised_traceback})
        rt.xdecref(std::exchange(*o, nullptr));
}

namespace {

// Releases the fast locals and the value stack; a borrowed local or item (3.14,
// borrowed_refs.h) holds no reference to release.
void release_locals_and_stack(Runtime& rt, Frame* f) {
    std::vector<uint8_t> borrowed_locals;
    borrowed_locals.swap(f->borrowed_locals);
    for (size_t i = 0; i < f->localsplus.size(); ++i) {
        PyObject* v = f->localsplus[i];
        f->localsplus[i] = nullptr;
        if (i >= borrowed_locals.size() || !borrowed_locals[i]) rt.xdecref(v);
    }
    std::vector<PyObject*> stack;
    std::vector<int32_t> borrowed;
    stack.swap(f->stack);
    borrowed.swap(f->borrowed_stack);
    for (size_t i = 0; i < stack.size(); ++i)
        if (!std::binary_search(borrowed.begin(), borrowed.end(), static_cast<int32_t>(i))) rt.xdecref(stack[i]);
    // The stack's buffer stays with the frame, for its next use (python_frame_start's spares).
    stack.clear();
    if (f->stack.capacity() == 0) f->stack.swap(stack);
    std::vector<Block> blocks;
    blocks.swap(f->blocks);
    for (Block& b : blocks) block_release(rt, b);
}

}  // namespace

void frame_clear_locals(Runtime& rt, Frame* f) {
    f->finished = true;
    release_locals_and_stack(rt, f);
}

// A borrowed local or item is no reference the frame holds, so it is not visited.
void frame_visit_locals(const Frame* f, visitproc visit, void* arg) {
    const bool hidden = f->executing && !f->stack_saved_at_calls;
    if (hidden && f->interpreter_frame) return;
    for (size_t i = 0; i < f->localsplus.size(); ++i)
        if (f->localsplus[i] != nullptr && !(i < f->borrowed_locals.size() && f->borrowed_locals[i]))
            visit(f->localsplus[i], arg);
    if (hidden) return;
    for (size_t i = 0; i < f->stack.size(); ++i)
        if (f->stack[i] != nullptr &&
            !std::binary_search(f->borrowed_stack.begin(), f->borrowed_stack.end(), static_cast<int32_t>(i)))
            visit(f->stack[i], arg);
    for (const Block& b : f->blocks)
        for (PyObject* o : {b.saved_type, b.saved_traceback, b.raised_type, b.raised_traceback})
            if (o != nullptr) visit(o, arg);
}

PyObject* frame_clear_except_code(Runtime& rt, Frame* f) {
    release_locals_and_stack(rt, f);
    // The order of frame_dealloc (≤3.10) and _PyFrame_ClearExceptCode (3.11+): builtins,
    // globals, the locals mapping, the function; the code is the caller's to release last.
    auto release = [&](PyObject** o, bool owned) {
        PyObject* v = *o;
        *o = nullptr;
        if (owned) rt.xdecref(v);
    };
    release(&f->builtins, f->owns_globals);
    release(&f->globals, f->owns_globals);
    release(&f->locals, true);
    release(&f->func, f->owns_func);
    f->owns_func = false;
    return std::exchange(f->code, nullptr);
}

void frame_clear(Runtime& rt, Frame* f) { rt.xdecref(frame_clear_except_code(rt, f)); }

}  // namespace pymemlab
