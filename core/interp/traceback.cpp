// Tracebacks (Python/traceback.c): one traceback object per frame an exception passes
// through, holding the frame's object (so a saved exception keeps the frames it passed through,
// and their locals, alive), their attributes, and the text CPython's default excepthook prints,
// with chained exceptions.
#include <algorithm>
#include <string>
#include <vector>

#include "interp/ceval_internal.h"
#include "interp/code_object.h"
#include "interp/frame_object.h"
#include "interp/suggestions.h"
#include "interp/syntax_error.h"
#include "interp/traceback_lines.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/descr_object.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

struct PyTracebackObject {
    PyObject ob_base;
    Slot<PyObject> tb_next;
    Slot<PyObject> tb_frame;  // the frame object (interp/frame_object.h)
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

// tb_next, tb_frame, tb_lasti, tb_lineno (read-only here; CPython lets tb_next be set).
PyObject* tb_get_next(Runtime& rt, PyObject* self) {
    PyObject* n = as_tb(self)->tb_next.p;
    if (n == nullptr) n = rt.builtins().singletons.none;
    rt.incref(n);
    return n;
}
PyObject* tb_get_frame(Runtime& rt, PyObject* self) {
    rt.incref(as_tb(self)->tb_frame.p);
    return as_tb(self)->tb_frame.p;
}
PyObject* tb_get_lasti(Runtime& rt, PyObject* self) { return long_from_int64(rt, as_tb(self)->tb_lasti); }
PyObject* tb_get_lineno(Runtime& rt, PyObject* self) { return long_from_int64(rt, as_tb(self)->tb_lineno); }

const PyGetSetDef kTracebackGetSet[] = {
    {"tb_next", tb_get_next, nullptr},
    {"tb_frame", tb_get_frame, nullptr},
    {"tb_lasti", tb_get_lasti, nullptr},
    {"tb_lineno", tb_get_lineno, nullptr},
};


// 3.11+: the strings in exc.__notes__, one per line after the message (print_exception_notes);
// a __notes__ that is not a sequence prints as its repr.
void format_notes(Interp& in, PyObject* exc, std::string* out) {
    Runtime& rt = in.rt;
    PyObject* notes = object_getattr_string(rt, exc, "__notes__");
    if (notes == nullptr) {
        err_clear(rt);
        return;
    }
    const Builtins& b = rt.builtins();
    std::string text;
    if (Py_TYPE(notes) == b.list_type || Py_TYPE(notes) == b.tuple_type) {
        PyObject* items = sequence_tuple(rt, notes);
        for (Py_ssize_t i = 0; items != nullptr && i < Py_SIZE(items); ++i) {
            PyObject* note = tuple_items(items)[i];
            std::string line;
            if (!object_str_utf8(rt, note, &line)) {
                err_clear(rt);
                line = "<note str() failed>";
            }
            text += line + "\n";
        }
        rt.xdecref(items);
        if (items == nullptr) err_clear(rt);
    } else if (!object_repr_utf8(rt, notes, &text)) {
        err_clear(rt);
        text = "<__notes__ repr() failed>\n";
    } else {
        text += "\n";
    }
    rt.decref(notes);
    *out += text;
}

// The source range of the instruction a traceback entry stopped at (3.11+'s markers).
SourceRange instruction_range(PyObject* code, int lasti) {
    const std::vector<Instr>& instrs = code_body(code).instrs;
    if (lasti < 0 || static_cast<size_t>(lasti) >= instrs.size()) return {};
    const Instr& in = instrs[static_cast<size_t>(lasti)];
    if (in.line <= 0) return {};
    return {in.line, in.end_line, in.col, in.end_col};
}

// A SyntaxError instance with a lineno (one a compilation raised, as exec's, or one made with a
// location) prints as the compiler's do; false for one without (printed as any exception).
bool syntax_error_info(Runtime& rt, PyObject* exc, const std::string& name, SyntaxErrorInfo* e) {
    if (exception_kind(rt, Py_TYPE(exc)) != ExceptionKind::SyntaxError) return false;
    const bool v310 = rt.profile().at_least(3, 10);
    auto field = [&](int i) -> PyObject* {
        PyObject* v = *exception_field(rt, exc, i);
        return v == rt.builtins().singletons.none ? nullptr : v;
    };
    auto int_of = [&](PyObject* v) {
        bool overflow = false;
        return v != nullptr && long_check(v) ? static_cast<int>(long_as_int64(rt, v, &overflow)) : 0;
    };
    PyObject* lineno = field(2);
    if (lineno == nullptr || !long_check(lineno)) return false;
    e->type = name;
    if (PyObject* msg = field(0)) {
        if (!object_str_utf8(rt, msg, &e->msg)) err_clear(rt);
    }
    PyObject* filename = field(1);
    e->filename = filename != nullptr && str_check(rt, filename) ? str_as_utf8(rt, filename) : "<string>";
    e->line = int_of(lineno);
    e->offset = int_of(field(3));
    if (v310) {
        e->end_line = int_of(field(4));
        e->end_offset = int_of(field(5));
    }
    PyObject* text = field(v310 ? 6 : 4);
    if (text != nullptr && str_check(rt, text)) e->text = str_as_utf8(rt, text);
    if (!e->text.empty() && e->text.back() == '\n') e->text.pop_back();
    return true;
}

void format_one(Interp& in, PyObject* exc, std::string* out) {
    Runtime& rt = in.rt;
    *out += format_traceback(in, exception_traceback(rt, exc));
    std::string name = type_name(Py_TYPE(exc));
    if (is_heap_type(Py_TYPE(exc))) {
        PyObject* m = object_getattr_string(rt, reinterpret_cast<PyObject*>(Py_TYPE(exc)), "__module__");
        if (m == nullptr) err_clear(rt);
        std::string module = str_as_utf8(rt, m);
        rt.xdecref(m);
        if (!module.empty() && module != "__main__" && module != "builtins") name = module + "." + name;
    }
    if (SyntaxErrorInfo e; syntax_error_info(rt, exc, name, &e)) {
        *out += format_syntax_error(rt.profile(), e);
        if (rt.profile().at_least(3, 11)) format_notes(in, exc, out);
        return;
    }
    std::string message;
    if (!exception_message(rt, exc, &message)) {
        err_clear(rt);
        message = "<exception str() failed>";
    }
    // 3.10+: a NameError suggests the closest name in scope, an AttributeError the closest
    // attribute; 3.12+: an ImportError from `from m import name` the closest name in m.
    if (rt.profile().at_least(3, 10)) {
        std::string suggestion;
        if (object_type_check(exc, rt.builtins().exc.NameError))
            suggestion = name_error_suggestion(in, exc);
        else if (object_type_check(exc, rt.builtins().exc.AttributeError))
            suggestion = attribute_error_suggestion(in, exc);
        else if (object_type_check(exc, rt.builtins().exc.ImportError))
            suggestion = import_error_suggestion(in, exc);  // 3.12+: only name_from is set
        if (!suggestion.empty()) message += ". Did you mean: '" + suggestion + "'?";
    }
    *out += message.empty() ? name + "\n" : name + ": " + message + "\n";
    if (rt.profile().at_least(3, 11)) format_notes(in, exc, out);
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
        PyObject* cause = exception_cause(rt, exc);
        PyObject* context = exception_context(rt, exc);
        if (cause != nullptr && unseen(cause)) {
            format_chain(in, cause, seen, out);
            *out += "\nThe above exception was the direct cause of the following exception:\n\n";
        } else if (context != nullptr && !exception_suppress_context(rt, exc) && unseen(context)) {
            format_chain(in, context, seen, out);
            *out += "\nDuring handling of the above exception, another exception occurred:\n\n";
        }
    }
    format_one(in, exc, out);
}

}  // namespace

std::string format_syntax_error(const Profile& p, const SyntaxErrorInfo& e) {
    const bool v310 = p.at_least(3, 10);
    const bool v313 = p.at_least(3, 13);
    std::string text = "  File \"" + (e.filename.empty() ? std::string("<snippet>") : e.filename) + "\", line " +
                       std::to_string(e.line) + "\n";
    if (!e.text.empty()) {
        size_t start = e.text.find_first_not_of(" \t\f");
        if (start == std::string::npos) start = e.text.size();
        text += "    " + e.text.substr(start) + "\n";
        int caret = e.offset - 1 - static_cast<int>(start);
        // print_error_text: from 3.10 no caret that would point left of the text.
        if (caret >= 0 || !v310) {
            caret = std::max(caret, 0);
            const bool indentation = e.type == "IndentationError" || e.type == "TabError";
            int width = e.end_line == e.line && e.end_offset > e.offset ? e.end_offset - e.offset : 1;
            if (!v310 || (indentation && !v313)) width = 1;
            text += "    " + std::string(static_cast<size_t>(caret), ' ') + std::string(static_cast<size_t>(width), '^') + "\n";
        }
    }
    return text + e.type + ": " + e.msg + "\n";
}

void init_traceback_type(Runtime& rt) {
    PyTypeObject* type = new_static_type(
        rt, "traceback", model_basicsize(type_sizes(rt.profile()).traceback, sizeof(PyTracebackObject)), 0,
        {.dealloc = tb_dealloc, .traverse = tb_traverse});
    rt.builtins().traceback_type = type;
    type->tp_getattro = object_generic_getattr;
    type_ready(rt, type);
    for (const PyGetSetDef& def : kTracebackGetSet)
        type_add_to_dict(rt, type, def.name, getset_descriptor_new(rt, type, &def));
}

void traceback_here(Interp& in, Frame* f) {
    Runtime& rt = in.rt;
    if (err_current(rt) == nullptr) return;
    // PyTraceBack_Here: the frame's object (made now from 3.11), then the traceback. Without
    // memory for them the traceback is lost, and the exception stays the one being raised.
    FetchedError fetched = err_fetch_keeping_state(rt);
    PyObject* exc = fetched.exc;
    PyObject* frame = frame_object_of(rt, f);
    PyTypeObject* type = rt.builtins().traceback_type;
    PyObject* tb = frame != nullptr ? rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize)) : nullptr;
    err_clear(rt);
    err_restore_keeping_state(rt, fetched);
    if (tb == nullptr) return;
    PyObject* next = exception_traceback(rt, exc);
    if (next != nullptr) rt.incref(next);
    as_tb(tb)->tb_next.p = next;
    as_tb(tb)->tb_frame.p = frame;
    rt.incref(frame);
    as_tb(tb)->tb_lasti = f->ip - 1;
    as_tb(tb)->tb_lineno = f->line;
    rt.gc_track(tb);
    exception_set_traceback(rt, exc, tb);
    rt.decref(tb);
}

PyObject* traceback_innermost_frame(PyObject* tb) {
    while (as_tb(tb)->tb_next.p != nullptr) tb = as_tb(tb)->tb_next.p;
    return as_tb(tb)->tb_frame.p;
}

std::string format_traceback(Interp& in, PyObject* tb) {
    if (tb == nullptr) return "";
    Runtime& rt = in.rt;
    std::string out = "Traceback (most recent call last):\n";
    // 3.6+ (tb_printinternal): after three entries in a row for the same file, line and
    // function, the rest are counted instead of printed.
    const long cutoff = rt.profile().major >= 3 ? 3 : -1;
    PyObject* last_file = nullptr;
    PyObject* last_name = nullptr;
    int last_line = -1;
    long repeated = 0;
    auto flush = [&] {
        if (cutoff < 0 || repeated <= cutoff) return;
        const long more = repeated - cutoff;
        out += "  [Previous line repeated " + std::to_string(more) + (more > 1 ? " more times]\n" : " more time]\n");
    };
    for (PyObject* t = tb; t != nullptr; t = as_tb(t)->tb_next.p) {
        PyObject* code = frame_object_code(as_tb(t)->tb_frame.p);
        PyObject* file = as_code(code)->co_filename.p;
        PyObject* name = as_code(code)->co_name.p;
        if (file != last_file || name != last_name || as_tb(t)->tb_lineno != last_line) {
            flush();
            last_file = file;
            last_name = name;
            last_line = as_tb(t)->tb_lineno;
            repeated = 0;
        }
        if (++repeated > cutoff && cutoff >= 0) continue;
        const std::string filename = str_as_utf8(rt, file);
        out += "  File \"" + filename + "\", line " + std::to_string(as_tb(t)->tb_lineno) + ", in " +
               str_as_utf8(rt, name) + "\n";
        if (filename == "<snippet>")
            out += traceback_source_lines(in.script_source, as_tb(t)->tb_lineno,
                                          instruction_range(code, as_tb(t)->tb_lasti), rt.profile().major,
                                          rt.profile().minor);
    }
    flush();
    return out;
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
