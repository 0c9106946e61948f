// Calling Python functions: binding arguments to parameters (CPython's initialize_locals, with
// its error messages), the frame's cells, the recursion limit, and LOAD_METHOD's lookup.
#include <memory>
#include <string>
#include <vector>

#include "interp/borrowed_refs.h"
#include "interp/ceval_internal.h"
#include "interp/specialize.h"
#include "interp/code_object.h"
#include "interp/frame_object.h"
#include "interp/gen_object.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/cell_object.h"
#include "object/descr_object.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/func_object.h"
#include "object/recursion.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

// The name CPython puts in argument errors: the qualified name from 3.10.
std::string func_label(Runtime& rt, PyObject* func) {
    PyFunctionObject* f = as_function(func);
    return str_as_utf8(rt, rt.profile().at_least(3, 10) ? f->func_qualname.p : f->func_name.p) + "()";
}

// The code's name, which up to 3.9 (2.7 included) names a function in these messages.
std::string code_name(Runtime& rt, PyObject* code) { return str_as_utf8(rt, as_code(code)->co_name.p); }

std::string quoted_list(const std::vector<std::string>& names) {
    std::string s;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i > 0) s += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
        s += "'" + names[i] + "'";
    }
    return s;
}

PyObject* varname(PyObject* code, int64_t i) { return tuple_items(as_code(code)->co_varnames.p)[i]; }

struct ArgSource {
    Runtime& rt;
    PyObject** args;
    bool steal;
    // The frame whose stack args lies in when stealing (3.14: its items may be borrowed), and
    // whether a borrowed item may stay borrowed in the callee's local (not in a generator,
    // whose frame is made heap-safe).
    Frame* caller = nullptr;
    bool keep_borrowed = false;
    // A new reference to args[i]: moved out of the caller's stack when stealing. A borrowed
    // item stays borrowed when `borrowed` is given (*borrowed is set), else gets a reference.
    PyObject* take(Py_ssize_t i, bool* borrowed = nullptr) {
        PyObject* v = args[i];
        if (!steal) {
            rt.incref(v);
            return v;
        }
        args[i] = nullptr;
        if (caller != nullptr && frame_untag_stack(caller, static_cast<size_t>(args + i - caller->stack.data()))) {
            if (borrowed != nullptr && keep_borrowed) *borrowed = true;
            else rt.incref(v);
        }
        return v;
    }
    // Binds local i of the callee's frame to args[j].
    void bind(Frame* f, size_t i, Py_ssize_t j) {
        bool borrowed = false;
        f->localsplus[i] = take(j, &borrowed);
        if (borrowed) frame_set_local_borrowed(f, i, true);
    }
};

// The caller's frame when args are items of its value stack (a CALL moving its arguments).
Frame* stack_owner(Interp& in, PyObject** args, bool steal) {
    Frame* f = in.frame;
    if (!steal || f == nullptr || f->borrowed_stack.empty()) return nullptr;
    if (args < f->stack.data() || args > f->stack.data() + f->stack.size()) return nullptr;
    return f;
}

// 2.7's PyEval_EvalCodeEx counts arguments in one message for a count that does not fit:
// "f() takes exactly 2 arguments (1 given)", "at most" with defaults, "at least" with defaults or
// *args for a missing one, and "takes no arguments (N given)" for a function of none.
void arity_error27(Runtime& rt, PyObject* code, const char* bound, int64_t n, int64_t given) {
    err_format(rt, rt.builtins().exc.TypeError, "%s() takes %s %lld argument%s (%lld given)",
               code_name(rt, code).c_str(), bound, static_cast<long long>(n), n == 1 ? "" : "s",
               static_cast<long long>(given));
}

bool bind_arguments(Interp& in, PyObject* func, Frame* f, ArgSource src, Py_ssize_t nargs, PyObject* kwnames) {
    Runtime& rt = in.rt;
    PyObject* code = f->code;
    const CodeBody& body = code_body(code);
    const int64_t argcount = body.argcount;
    const int64_t total = argcount + body.kwonlyargcount;
    const bool has_varargs = (body.flags & CO_VARARGS) != 0;
    const bool has_varkw = (body.flags & CO_VARKEYWORDS) != 0;
    std::vector<PyObject*>& locals = f->localsplus;
    const bool py27 = rt.profile().major == 2;
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
    const int64_t ndefaults = as_function(func)->func_defaults.p != nullptr ? Py_SIZE(as_function(func)->func_defaults.p) : 0;
    if (py27 && argcount == 0 && !has_varargs && !has_varkw && nargs + nkw > 0) {
        err_format(rt, rt.builtins().exc.TypeError, "%s() takes no arguments (%lld given)", code_name(rt, code).c_str(),
                   static_cast<long long>(nargs + nkw));
        return false;
    }
    PyObject* kwdict = nullptr;
    if (has_varkw) {
        if ((kwdict = dict_new(rt)) == nullptr) {
            err_no_memory(rt);
            return false;
        }
        locals[static_cast<size_t>(total + (has_varargs ? 1 : 0))] = kwdict;
    }
    const Py_ssize_t npos = nargs < argcount ? nargs : argcount;
    for (Py_ssize_t i = 0; i < npos; ++i) src.bind(f, static_cast<size_t>(i), i);
    if (has_varargs) {
        // *args: _PyTuple_FromStackRefStealOnSuccess / _PyTuple_FromArray, tracked once filled.
        PyObject* rest = nargs > npos ? tuple_alloc(rt, nargs - npos) : tuple_new(rt, 0);
        if (rest == nullptr) {
            err_no_memory(rt);
            return false;
        }
        for (Py_ssize_t i = npos; i < nargs; ++i) tuple_items(rest)[i - npos] = src.take(i);
        tuple_track_filled(rt, rest);
        locals[static_cast<size_t>(total)] = rest;
    } else if (nargs > argcount) {
        if (py27) {
            arity_error27(rt, code, ndefaults > 0 ? "at most" : "exactly", argcount, nargs + nkw);
            return false;
        }
        std::string given = std::to_string(nargs);
        std::string takes = ndefaults > 0 ? "from " + std::to_string(argcount - ndefaults) + " to " + std::to_string(argcount)
                                          : std::to_string(argcount);
        err_format(rt, rt.builtins().exc.TypeError, "%s takes %s positional argument%s but %s %s given",
                   func_label(rt, func).c_str(), takes.c_str(), argcount == 1 && ndefaults == 0 ? "" : "s",
                   given.c_str(), nargs == 1 ? "was" : "were");
        return false;
    }
    for (Py_ssize_t k = 0; k < nkw; ++k) {
        PyObject* name = tuple_items(kwnames)[k];
        if (!str_check(rt, name) && Py_TYPE(name) != rt.builtins().unicode_type) {
            // A ** mapping's other key (3.10+ refuse it before the call: abstract.cpp).
            err_format(rt, rt.builtins().exc.TypeError, "%s() keywords must be strings", code_name(rt, code).c_str());
            return false;
        }
        int64_t index = -1;
        for (int64_t j = body.posonlyargcount; j < total; ++j)
            if (varname(code, j) == name || str_equal(rt, varname(code, j), name)) {
                index = j;
                break;
            }
        if (index < 0) {
            if (kwdict == nullptr) {
                // positional_only_passed_as_keyword: the positional-only parameters (in their
                // order) that keywords name, before the first name matching nothing is unexpected.
                std::string posonly;
                for (int64_t j = 0; j < body.posonlyargcount; ++j)
                    for (Py_ssize_t k2 = 0; k2 < nkw; ++k2)
                        if (str_equal(rt, varname(code, j), tuple_items(kwnames)[k2]))
                            posonly += (posonly.empty() ? "" : ", ") + str_as_utf8(rt, varname(code, j));
                if (!posonly.empty())
                    err_format(rt, rt.builtins().exc.TypeError,
                               "%s got some positional-only arguments passed as keyword arguments: '%s'",
                               func_label(rt, func).c_str(), posonly.c_str());
                else
                    err_format(rt, rt.builtins().exc.TypeError, "%s got an unexpected keyword argument '%s'",
                               func_label(rt, func).c_str(), str_as_utf8(rt, name).c_str());
                return false;
            }
            PyObject* v = src.take(nargs + k);
            bool ok = dict_setitem(rt, kwdict, name, v);
            rt.decref(v);
            if (!ok) {
                err_no_memory(rt);
                return false;
            }
            continue;
        }
        if (locals[static_cast<size_t>(index)] != nullptr) {
            err_format(rt, rt.builtins().exc.TypeError,
                       py27 ? "%s got multiple values for keyword argument '%s'" : "%s got multiple values for argument '%s'",
                       func_label(rt, func).c_str(), str_as_utf8(rt, name).c_str());
            return false;
        }
        src.bind(f, static_cast<size_t>(index), nargs + k);
    }
    PyFunctionObject* fo = as_function(func);
    PyObject* defaults = fo->func_defaults.p;
    if (py27) {
        const int64_t m = argcount - ndefaults;
        for (int64_t i = nargs; i < m; ++i) {
            if (locals[static_cast<size_t>(i)] != nullptr) continue;
            int64_t given = 0;
            for (int64_t j = 0; j < argcount; ++j) given += locals[static_cast<size_t>(j)] != nullptr ? 1 : 0;
            arity_error27(rt, code, has_varargs || ndefaults > 0 ? "at least" : "exactly", m, given);
            return false;
        }
    }
    std::vector<std::string> missing;
    for (int64_t i = 0; i < argcount; ++i) {
        if (locals[static_cast<size_t>(i)] != nullptr) continue;
        const int64_t d = i - (argcount - ndefaults);
        if (d >= 0) {
            PyObject* v = tuple_items(defaults)[d];
            rt.incref(v);
            locals[static_cast<size_t>(i)] = v;
        } else {
            missing.push_back(str_as_utf8(rt, varname(code, i)));
        }
    }
    if (!missing.empty()) {
        err_format(rt, rt.builtins().exc.TypeError, "%s missing %d required positional argument%s: %s",
                   func_label(rt, func).c_str(), static_cast<int>(missing.size()), missing.size() == 1 ? "" : "s",
                   quoted_list(missing).c_str());
        return false;
    }
    for (int64_t i = argcount; i < total; ++i) {
        if (locals[static_cast<size_t>(i)] != nullptr) continue;
        PyObject* v = fo->func_kwdefaults.p != nullptr ? dict_getitem(rt, fo->func_kwdefaults.p, varname(code, i)) : nullptr;
        if (v != nullptr) {
            rt.incref(v);
            locals[static_cast<size_t>(i)] = v;
        } else {
            missing.push_back(str_as_utf8(rt, varname(code, i)));
        }
    }
    if (!missing.empty()) {
        err_format(rt, rt.builtins().exc.TypeError, "%s missing %d required keyword-only argument%s: %s",
                   func_label(rt, func).c_str(), static_cast<int>(missing.size()), missing.size() == 1 ? "" : "s",
                   quoted_list(missing).c_str());
        return false;
    }
    return true;
}

// A call of a generator function: the frame is bound as for any call, then handed to a new
// generator instead of run. Up to 3.10 the frame object is made first and holds the frame (and
// not the function); from 3.11 the frame moves into the generator's block.
PyObject* make_generator(Interp& in, PyObject* func, PyObject** args, Py_ssize_t nargs, PyObject* kwnames,
                         bool steal) {
    Runtime& rt = in.rt;
    PyFunctionObject* fo = as_function(func);
    auto* frame = new Frame;
    frame_init(rt, frame, fo->func_code.p, func, fo->func_globals.p, in.builtins_dict, nullptr);
    PyObject* frame_object = nullptr;
    if (!type_sizes(rt.profile()).generator_embeds_frame) {
        frame->func = nullptr;  // borrowed: ≤3.10 frames hold no function
        if ((frame_object = frame_object_new(rt, frame, true)) == nullptr) {
            frame_clear(rt, frame);
            delete frame;
            return nullptr;
        }
    }
    const ArgSource src{rt, args, steal, stack_owner(in, args, steal), false};
    if (!bind_arguments(in, func, frame, src, nargs, kwnames) || !frame_make_cells(rt, frame)) {
        if (frame_object != nullptr) {
            rt.decref(frame_object);
        } else {
            frame_clear(rt, frame);
            delete frame;
        }
        return nullptr;
    }
    return gen_new(in, func, frame, frame_object);
}

}  // namespace

Frame* python_frame_start(Interp& in, PyObject* func, PyObject** args, Py_ssize_t nargs, PyObject* kwnames,
                          bool steal, PyObject** func_slot) {
    Runtime& rt = in.rt;
    PyFunctionObject* fo = as_function(func);
    PyObject* code = fo->func_code.p;
    if (!python_frame_allowed(rt)) return nullptr;
    FuncRef how = FuncRef::kNew;
    if (func_slot != nullptr && frame_holds_func(rt)) {
        Frame* caller = in.frame;
        const bool borrowed = caller != nullptr && !caller->borrowed_stack.empty() &&
                              frame_untag_stack(caller, static_cast<size_t>(func_slot - caller->stack.data()));
        *func_slot = nullptr;
        how = borrowed ? FuncRef::kMovedBorrowed : FuncRef::kMoved;
    }
    std::unique_ptr<Frame> frame;
    if (in.spare_frames.empty()) {
        frame = std::make_unique<Frame>();
    } else {
        frame = std::move(in.spare_frames.back());
        in.spare_frames.pop_back();
    }
    frame_init(rt, frame.get(), code, func, fo->func_globals.p, in.builtins_dict, nullptr, how);
    if (!frame_begin(rt, frame.get())) {
        frame_clear(rt, frame.get());
        return nullptr;
    }
    const ArgSource src{rt, args, steal, stack_owner(in, args, steal), true};
    if (!bind_arguments(in, func, frame.get(), src, nargs, kwnames) || !frame_make_cells(rt, frame.get())) {
        frame_end(rt, frame.get());
        return nullptr;
    }
    note_code_run(rt.profile(), code);
    ++rt.tstate().recursion_depth;
    return frame.release();
}

void python_frame_finish(Interp& in, Frame* f) {
    --in.rt.tstate().recursion_depth;
    frame_end(in.rt, f);
    // Cleared, with the buffers of its fast locals and stack kept (frame_init starts it anew).
    std::unique_ptr<Frame> spare(f);
    if (in.spare_frames.size() < Interp::kSpareFrames) in.spare_frames.push_back(std::move(spare));
}

PyObject* call_python_function(Interp& in, PyObject* func, PyObject** args, Py_ssize_t nargs, PyObject* kwnames,
                               bool steal, PyObject** func_slot) {
    if (code_body(as_function(func)->func_code.p).flags & CO_GENERATOR)
        return make_generator(in, func, args, nargs, kwnames, steal);
    Frame* frame = python_frame_start(in, func, args, nargs, kwnames, steal, func_slot);
    if (frame == nullptr) return nullptr;
    PyObject* r = eval_frame(in, frame);
    python_frame_finish(in, frame);
    return r;
}

PyObject* function_vectorcall(Runtime& rt, PyObject* func, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    CEntry entry(rt);
    if (!entry.ok) return nullptr;
    return call_python_function(interp_of(rt), func, const_cast<PyObject**>(args), nargs, kwnames, false);
}

// Whether the running CALL is specialized yet: 3.11 specializes a code object's CALLs from its
// eighth run (quickening), 3.12+ an instruction from its second run (adaptive_counter_warmup).
// Before, a call makes the recursion checks C code's would (abstract.cpp's call_checks).
static CallOrigin call_origin(Interp& in) {
    const Profile& p = in.rt.profile();
    if (in.frame == nullptr || !p.at_least(3, 11)) return CallOrigin::kEval;
    CodeBody& body = *as_code(in.frame->code)->body.p;
    if (p.version_number == 311) return body.runs < kQuickeningRuns311 ? CallOrigin::kEval : CallOrigin::kEvalSpecialized;
    if (body.calls_run.empty()) body.calls_run.resize(body.instrs.size());
    const auto index = static_cast<size_t>(in.frame->ip - 1);
    if (index >= body.calls_run.size() || body.calls_run[index]) return CallOrigin::kEvalSpecialized;
    body.calls_run[index] = true;
    return CallOrigin::kEval;
}

PyObject* call_other_from_stack(Interp& in, PyObject* callable, PyObject** args, Py_ssize_t nargs,
                                PyObject* kwnames) {
    Runtime& rt = in.rt;
    // 2.7's do_call pops the arguments into the tuple of a call through tp_call.
    if (rt.profile().major < 3) return object_vectorcall_moving(rt, callable, args, nargs, kwnames);
    const CallOrigin origin = call_origin(in);
    // 3.12+'s CALL takes a bound method's function and self apart and pushes the function's
    // frame itself (object/recursion.h).
    if (Py_TYPE(callable) == rt.builtins().method_type && rt.profile().at_least(3, 12) &&
        Py_TYPE(as_method(callable)->im_func.p) == rt.builtins().function_type) {
        rt.tstate().frame_pushed_inline = true;
        PyObject* r = object_vectorcall_from_eval(rt, callable, args, nargs, kwnames, origin);
        rt.tstate().frame_pushed_inline = false;
        return r;
    }
    return object_vectorcall_from_eval(rt, callable, args, nargs, kwnames, origin);
}

PyObject* call_from_stack(Interp& in, PyObject* callable, PyObject** args, Py_ssize_t nargs, PyObject* kwnames) {
    if (Py_TYPE(callable) == in.rt.builtins().function_type)
        return call_python_function(in, callable, args, nargs, kwnames, in.rt.profile().at_least(3, 11));
    return call_other_from_stack(in, callable, args, nargs, kwnames);
}

PyObject* make_function(Interp& in, Frame* f, PyObject* code, PyObject* qualname, PyObject* defaults,
                        PyObject* kwdefaults, PyObject* annotations, PyObject* closure, bool annotate) {
    Runtime& rt = in.rt;
    PyCodeObject* c = as_code(code);
    PyObject* fn = function_new(rt, code, f->globals, c->co_name.p, qualname != nullptr ? qualname : c->co_qualname.p);
    if (fn == nullptr) {
        for (PyObject* o : {defaults, kwdefaults, annotations, closure}) rt.xdecref(o);
        return nullptr;
    }
    PyFunctionObject* fo = as_function(fn);
    fo->func_defaults.p = defaults;
    if (rt.profile().major >= 3) {
        fo->func_kwdefaults.p = kwdefaults;
        (annotate ? fo->func_annotate : fo->func_annotations).p = annotations;
    } else {
        rt.xdecref(kwdefaults);  // 2.7's compiler makes neither; its functions have no such field
        rt.xdecref(annotations);
    }
    fo->func_closure.p = closure;
    // PyFunction_New: the docstring is the first constant when that is a str (the compiler puts
    // None there when the function has none; 3.14 says so in co_flags), else None; 3.10+ keep
    // the builtins (the frame's: those of the same globals); the module is the globals' __name__.
    PyObject* consts = c->co_consts.p;
    const bool flagged = !rt.profile().at_least(3, 14) || (code_body(code).flags & CO_HAS_DOCSTRING) != 0;
    PyObject* doc = rt.builtins().singletons.none;
    if (flagged && Py_SIZE(consts) > 0) {
        PyObject* first = tuple_items(consts)[0];
        if (str_check(rt, first) || (rt.profile().major == 2 && Py_TYPE(first) == rt.builtins().unicode_type))
            doc = first;
    }
    rt.incref(doc);
    fo->func_doc.p = doc;
    if (rt.profile().at_least(3, 10) && f->builtins != nullptr) {
        rt.incref(f->builtins);
        fo->func_builtins.p = f->builtins;
    }
    if (PyObject* m = dict_get_ascii(rt, f->globals, "__name__")) {
        rt.incref(m);
        fo->func_module.p = m;
    }
    return fn;
}

int load_method(Interp& in, PyObject* obj, PyObject* name, PyObject** meth) {
    Runtime& rt = in.rt;
    *meth = nullptr;
    // LOAD_METHOD arrived in 3.7; before it every method call made a bound method.
    if (!rt.profile().at_least(3, 7)) return 0;
    PyTypeObject* type = Py_TYPE(obj);
    if (type->tp_getattro != object_generic_getattr) return 0;
    PyObject* descr = type_lookup(rt, type, name);
    if (descr == nullptr) return err_occurred(rt) ? -1 : 0;
    const bool is_method = Py_TYPE(descr) == rt.builtins().function_type || method_descriptor_check(rt, descr);
    if (!is_method) return 0;
    if (object_instance_attr(rt, obj, name) != nullptr) return 0;  // shadowed (3.11+ values included)
    if (err_occurred(rt)) return -1;
    rt.incref(descr);
    *meth = descr;
    return 1;
}

}  // namespace pymemlab
