// Tracebacks (Python/traceback.c): one traceback object per frame an exception passes
// through, and the text CPython's default excepthook prints, with chained exceptions.
// The model has no frame objects: a traceback's tb_frame slot holds the frame's code object.
#include <string>
#include <vector>

#include "interp/ceval_internal.h"
#include "interp/code_object.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/type_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

struct PyTracebackObject {
    PyObject ob_base;
    Slot<PyObject> tb_next;
    Slot<PyObject> tb_frame;  // model: the code object of the frame
    int32_t tb_lasti;
    int32_t tb_lineno;
};
static_assert(sizeof(PyTracebackObject) == 40);

PyTracebackObject* as_tb(PyObject* o) { return reinterpret_cast<PyTracebackObject*>(o); }

void tb_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    rt.xdecref(as_tb(self)->tb_next.p);
    rt.xdecref(as_tb(self)->tb_frame.p);
    rt.free_object(self);
}

void tb_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyObject* n = as_tb(self)->tb_next.p) visit(n, arg);
    if (PyObject* f = as_tb(self)->tb_frame.p) visit(f, arg);
}


void format_one(Interp& in, PyObject* exc, std::string* out) {
    Runtime& rt = in.rt;
    PyObject* tb = exception_traceback(exc);
    if (tb != nullptr) {
        *out += "Traceback (most recent call last):\n";
        for (PyObject* t = tb; t != nullptr; t = as_tb(t)->tb_next.p) {
            PyObject* code = as_tb(t)->tb_frame.p;
            *out += "  File \"" + str_as_utf8(rt, as_code(code)->co_filename.p) + "\", line " +
                    std::to_string(as_tb(t)->tb_lineno) + ", in " + str_as_utf8(rt, as_code(code)->co_name.p) + "\n";
        }
    }
    std::string name = type_name(Py_TYPE(exc));
    if (is_heap_type(Py_TYPE(exc))) {
        PyObject* m = object_getattr_string(rt, reinterpret_cast<PyObject*>(Py_TYPE(exc)), "__module__");
        if (m == nullptr) err_clear(rt);
        std::string module = str_as_utf8(rt, m);
        rt.xdecref(m);
        if (!module.empty() && module != "__main__" && module != "builtins") name = module + "." + name;
    }
    std::string message;
    if (!exception_message(rt, exc, &message)) {
        err_clear(rt);
        message = "<exception str() failed>";
    }
    *out += message.empty() ? name + "\n" : name + ": " + message + "\n";
}

void format_chain(Interp& in, PyObject* exc, std::vector<PyObject*>& seen, std::string* out) {
    Runtime& rt = in.rt;
    seen.push_back(exc);
    auto unseen = [&](PyObject* e) {
        for (PyObject* s : seen)
            if (s == e) return false;
        return true;
    };
    if (rt.profile().major >= 3) {
        PyObject* cause = exception_cause(exc);
        PyObject* context = exception_context(exc);
        if (cause != nullptr && unseen(cause)) {
            format_chain(in, cause, seen, out);
            *out += "\nThe above exception was the direct cause of the following exception:\n\n";
        } else if (context != nullptr && !exception_suppress_context(exc) && unseen(context)) {
            format_chain(in, context, seen, out);
            *out += "\nDuring handling of the above exception, another exception occurred:\n\n";
        }
    }
    format_one(in, exc, out);
}

}  // namespace

void init_traceback_type(Runtime& rt) {
    rt.builtins().traceback_type = new_static_type(
        rt, "traceback", model_basicsize(type_sizes(rt.profile()).traceback, sizeof(PyTracebackObject)), 0,
        {.dealloc = tb_dealloc, .traverse = tb_traverse});
}

void traceback_here(Interp& in, Frame* f) {
    Runtime& rt = in.rt;
    PyObject* exc = err_current(rt);
    if (exc == nullptr) return;
    PyTypeObject* type = rt.builtins().traceback_type;
    PyObject* tb = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (tb == nullptr) return;  // the traceback is lost, as when CPython cannot allocate one
    PyObject* next = exception_traceback(exc);
    if (next != nullptr) rt.incref(next);
    as_tb(tb)->tb_next.p = next;
    as_tb(tb)->tb_frame.p = f->code;
    rt.incref(f->code);
    as_tb(tb)->tb_lasti = f->ip - 1;
    as_tb(tb)->tb_lineno = f->line;
    rt.gc_track(tb);
    exception_set_traceback(rt, exc, tb);
    rt.decref(tb);
}

void print_exception(Interp& in) {
    Runtime& rt = in.rt;
    PyObject* exc = err_fetch(rt);
    if (exc == nullptr) return;
    std::string text;
    std::vector<PyObject*> seen;
    format_chain(in, exc, seen, &text);
    in.err(text);
    rt.decref(exc);
}

}  // namespace pymemlab
