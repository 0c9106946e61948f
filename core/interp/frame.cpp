// Frames: starting one over a code object, its cells, and releasing what it holds.
#include "interp/frame.h"

#include "interp/code_object.h"
#include "object/cell_object.h"
#include "object/errors.h"
#include "object/func_object.h"
#include "object/runtime.h"
#include "object/tuple_object.h"

namespace pymemlab {

void frame_init(Runtime& rt, Frame* f, PyObject* code, PyObject* func, PyObject* globals, PyObject* builtins,
                PyObject* locals) {
    f->code = code;
    f->func = func;
    f->globals = globals;
    f->builtins = builtins;
    f->locals = locals;
    for (PyObject* o : {code, func, globals, builtins, locals})
        if (o != nullptr) rt.incref(o);
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
        const int arg = i < static_cast<int64_t>(body.cell2arg.size()) ? body.cell2arg[static_cast<size_t>(i)] : -1;
        PyObject* initial = arg >= 0 ? f->localsplus[static_cast<size_t>(arg)] : nullptr;
        PyObject* cell = cell_new(rt, initial);
        if (cell == nullptr) {
            err_no_memory(rt);
            return false;
        }
        if (arg >= 0) {
            f->localsplus[static_cast<size_t>(arg)] = nullptr;
            rt.decref(initial);
        }
        f->localsplus[static_cast<size_t>(nlocals + i)] = cell;
    }
    return true;
}

void frame_clear_locals(Runtime& rt, Frame* f) {
    f->finished = true;
    for (PyObject*& o : f->localsplus) {
        PyObject* v = o;
        o = nullptr;
        rt.xdecref(v);
    }
    std::vector<PyObject*> stack;
    stack.swap(f->stack);
    for (PyObject* o : stack) rt.xdecref(o);
    f->blocks.clear();
}

void frame_visit_locals(const Frame* f, visitproc visit, void* arg) {
    for (PyObject* o : f->localsplus)
        if (o != nullptr) visit(o, arg);
    for (PyObject* o : f->stack)
        if (o != nullptr) visit(o, arg);
}

void frame_clear(Runtime& rt, Frame* f) {
    for (PyObject*& o : f->localsplus) {
        PyObject* v = o;
        o = nullptr;
        rt.xdecref(v);
    }
    for (PyObject* o : f->stack) rt.xdecref(o);
    f->stack.clear();
    for (PyObject** o : {&f->code, &f->func, &f->globals, &f->builtins, &f->locals}) {
        PyObject* v = *o;
        *o = nullptr;
        rt.xdecref(v);
    }
}

}  // namespace pymemlab
