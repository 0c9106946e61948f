// Running a generator (Objects/genobject.c's gen_send_ex2, gen_close, _gen_throw): resuming its
// frame with a sent value or a thrown exception, with the generator's own handled exception
// swapped in while it runs (3.7's gi_exc_state), PEP 479, and `yield from`'s delegation of
// send, throw and close. The type itself is gen_object.cpp; the frame runs in ceval.cpp.
#include <string>

#include "interp/ceval_internal.h"
#include "interp/frame_object.h"
#include "interp/gen_internal.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/runtime.h"
#include "object/text_args.h"
#include "object/recursion.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {

PyObject* none_of(Runtime& rt) { return rt.builtins().singletons.none; }

// PyErr_SetNone(PyExc_GeneratorExit).
void set_generator_exit(Runtime& rt) {
    PyObject* exc = exception_create(rt, rt.builtins().exc.GeneratorExit, rt.builtins().empty_tuple);
    if (exc != nullptr) err_set_instance(rt, exc);
}

// _PyErr_ChainStackItem: an exception thrown into a generator that is suspended inside an except
// block gets that block's exception as its __context__ (the generator's own state only).
void chain_thrown_exception(Interp& in) {
    Runtime& rt = in.rt;
    PyObject* handled = in.exc_info.value;
    PyObject* exc = err_current(rt);
    if (exc == nullptr || handled == nullptr || handled == none_of(rt) || handled == exc) return;
    for (PyObject* o = handled; o != nullptr; o = exception_context(rt, o))
        if (o == exc) return;
    rt.incref(handled);
    exception_set_context(rt, exc, handled);
}

// PEP 479 (3.7+): a StopIteration leaving the generator's frame becomes RuntimeError, with the
// StopIteration as its __cause__ and __context__. 3.6 only warns (a DeprecationWarning, which the
// default filters ignore) and 2.7 lets it end the iteration.
void convert_stop_iteration(Interp& in) {
    Runtime& rt = in.rt;
    if (!rt.profile().at_least(3, 7) || !err_matches(rt, rt.builtins().exc.StopIteration)) return;
    PyObject* cause = err_fetch(rt);
    err_set_string(rt, rt.builtins().exc.RuntimeError, "generator raised StopIteration");
    PyObject* exc = err_current(rt);
    if (exc == nullptr || !exception_check(rt, exc)) {
        rt.decref(cause);
        return;
    }
    rt.incref(cause);
    exception_set_cause(rt, exc, cause);
    exception_set_context(rt, exc, cause);
}

// gen_close_iter: closes the sub-iterator of a `yield from`. -1 with the error set.
int gen_close_iter(Interp& in, PyObject* yf) {
    Runtime& rt = in.rt;
    PyObject* r = nullptr;
    if (gen_check(rt, yf)) {
        if ((r = gen_close(in, yf)) == nullptr) return -1;
    } else {
        PyObject* meth = object_getattr_string(rt, yf, "close");
        if (meth == nullptr) {
            if (!err_matches(rt, rt.builtins().exc.AttributeError)) write_unraisable(rt, yf, nullptr);
            err_clear(rt);
        } else {
            r = object_call_noargs(rt, meth);
            rt.decref(meth);
            if (r == nullptr) return -1;
        }
    }
    rt.xdecref(r);
    return 0;
}

bool is_exception_class(Runtime& rt, PyObject* o) {
    return object_type_check(o, rt.builtins().type_type) &&
           type_is_subtype(reinterpret_cast<PyTypeObject*>(o), rt.builtins().exc.BaseException);
}

// PyErr_GivenExceptionMatches(typ, GeneratorExit) for a class or an instance.
bool is_generator_exit(Runtime& rt, PyObject* typ) {
    PyTypeObject* exit = rt.builtins().exc.GeneratorExit;
    if (is_exception_class(rt, typ)) return type_is_subtype(reinterpret_cast<PyTypeObject*>(typ), exit);
    return object_type_check(typ, exit);
}

// PyErr_NormalizeException for throw(type, value): the instance to raise, a new reference.
PyObject* normalize_exception(Runtime& rt, PyObject* type, PyObject* value) {
    if (value != nullptr && object_type_check(value, reinterpret_cast<PyTypeObject*>(type))) {
        rt.incref(value);
        return value;
    }
    if (value == nullptr || value == none_of(rt)) return object_call_noargs(rt, type);
    if (Py_TYPE(value) == rt.builtins().tuple_type) return object_call(rt, type, value, nullptr);
    return object_call_one(rt, type, value);
}

// The argument-count errors of METH_O / METH_NOARGS methods, named as the version names them.
PyObject* arg_count_error(Runtime& rt, const char* method, const char* form, Py_ssize_t given) {
    const std::string name = rt.profile().at_least(3, 10) ? std::string("generator.") + method : std::string(method);
    return err_format(rt, rt.builtins().exc.TypeError, form, name.c_str(), static_cast<int>(given));
}

PyObject* no_keywords(Runtime& rt, const char* method) {
    const std::string name = rt.profile().at_least(3, 10) ? std::string("generator.") + method : std::string(method);
    return err_format(rt, rt.builtins().exc.TypeError, "%s() takes no keyword arguments", name.c_str());
}

bool has_keywords(PyObject* kwnames) { return kwnames != nullptr && Py_SIZE(kwnames) > 0; }

PyObject* gen_send_meth(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (has_keywords(kwnames)) return no_keywords(rt, "send");
    if (nargs != 1) return arg_count_error(rt, "send", "%s() takes exactly one argument (%d given)", nargs);
    return gen_send_ex(interp_of(rt), self, args[0], false, false);
}

PyObject* gen_close_meth(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (has_keywords(kwnames)) return no_keywords(rt, "close");
    if (nargs != 0) return arg_count_error(rt, "close", "%s() takes no arguments (%d given)", nargs);
    return gen_close(interp_of(rt), self);
}

PyObject* gen_throw_meth(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (has_keywords(kwnames)) return no_keywords(rt, "throw");
    if (!check_positional(rt, "throw", nargs, 1, 3, 8)) return nullptr;
    return gen_throw(interp_of(rt), self, true, args[0], nargs > 1 ? args[1] : nullptr, nargs > 2 ? args[2] : nullptr);
}

// The slot wrappers __next__ (2.7: next) and __iter__.
PyObject* gen_next_meth(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject*) {
    if (nargs != 0) return arg_count_error(rt, "__next__", "%s() takes no arguments (%d given)", nargs);
    PyObject* r = gen_iternext_slot(rt, self);
    if (r == nullptr && !err_occurred(rt)) set_stop_iteration_value(rt, nullptr);
    return r;
}

PyObject* gen_iter_meth(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t, PyObject*) {
    rt.incref(self);
    return self;
}

}  // namespace

const PyMethodDef kGenMethods3[] = {
    {"send", gen_send_meth, 0},        {"throw", gen_throw_meth, 0},   {"close", gen_close_meth, 0},
    {"__next__", gen_next_meth, 0},    {"__iter__", gen_iter_meth, 0}, {nullptr, nullptr, 0},
};
const PyMethodDef kGenMethods27[] = {
    {"send", gen_send_meth, 0}, {"throw", gen_throw_meth, 0}, {"close", gen_close_meth, 0},
    {"next", gen_next_meth, 0}, {"__iter__", gen_iter_meth, 0}, {nullptr, nullptr, 0},
};

void set_stop_iteration_value(Runtime& rt, PyObject* value) {
    PyObject* args = rt.builtins().empty_tuple;
    if (value != nullptr) {
        if ((args = tuple_new(rt, 1)) == nullptr) {
            err_no_memory(rt);
            return;
        }
        rt.incref(value);
        tuple_items(args)[0] = value;
    } else {
        rt.incref(args);
    }
    PyObject* exc = exception_create(rt, rt.builtins().exc.StopIteration, args);
    rt.decref(args);
    if (exc != nullptr) err_set_instance(rt, exc);
}

SendResult gen_send_ex2(Interp& in, PyObject* gen, PyObject* arg, PyObject** presult, bool exc, bool) {
    Runtime& rt = in.rt;
    PyObject* const none = none_of(rt);
    GenState* s = gen_state(gen);
    *presult = nullptr;
    // 3.10 moved the just-started check before the running and exhausted checks.
    const bool started_check_first = rt.profile().at_least(3, 10);
    auto sent_too_early = [&]() {
        if (!gen_just_started(s) || arg == nullptr || arg == none) return false;
        err_set_string(rt, rt.builtins().exc.TypeError, "can't send non-None value to a just-started generator");
        return true;
    };
    if (started_check_first && sent_too_early()) return SendResult::kError;
    if (s->running) {
        err_set_string(rt, rt.builtins().exc.ValueError, "generator already executing");
        return SendResult::kError;
    }
    if (!gen_runnable(s)) {
        // Exhausted: send() returns None as its StopIteration; next() and throw() end quietly
        // (throw's exception stays set).
        if (arg != nullptr && !exc) {
            rt.incref(none);
            *presult = none;
            return SendResult::kReturn;
        }
        return SendResult::kError;
    }
    if (!started_check_first && sent_too_early()) return SendResult::kError;

    Frame* f = s->frame;
    // The value of the paused yield expression (a throw unwinds the stack instead).
    if (f->ip > 0 && !exc) {
        PyObject* v = arg != nullptr ? arg : none;
        rt.incref(v);
        f->stack.push_back(v);
    }
    ThreadState& ts = rt.tstate();
    PyObject* result = nullptr;
    // 3.12+: resumed by C code (next(), list()) rather than by the loop's FOR_ITER or SEND, the
    // frame costs two C units first (object/recursion.h).
    CEntry entry(rt);
    if (!entry.ok || !python_frame_allowed(rt)) {
        // The frame cannot be entered: the generator ends with RecursionError, unrun.
    } else {
        s->running = true;
        // The generator's handled exception becomes the current one; the caller's waits aside
        // (handled_exception() still finds it).
        s->outer_exc = std::exchange(in.exc_info, std::exchange(s->exc_state, {}));
        if (exc) chain_thrown_exception(in);
        f->throw_pending = exc;
        note_code_run(rt.profile(), f->code);
        ++ts.recursion_depth;
        // ≤3.10: the frame object holds its caller's while the generator runs (gen_send_ex).
        PyObject* fo = s->embedded == nullptr ? as_gen(gen)->gi_frame.p : nullptr;
        if (fo != nullptr) frame_object_set_back(rt, fo, in.frame);
        result = eval_frame(in, f);
        if (fo != nullptr) frame_object_set_back(rt, fo, nullptr);
        --ts.recursion_depth;
        s->exc_state = std::exchange(in.exc_info, std::exchange(s->outer_exc, {}));
        s->running = false;
        if (result != nullptr && !f->finished) {
            *presult = result;
            return SendResult::kNext;
        }
    }
    if (result != nullptr) {
        // next() signals a plain return by an empty error indicator.
        if (result == none && arg == nullptr) {
            rt.decref(result);
            result = nullptr;
        }
    } else {
        convert_stop_iteration(in);
    }
    // The generator cannot run again: its handled exception (which may reach back to it through
    // a traceback) goes first, then the frame.
    exc_info_clear(rt, s->exc_state);
    gen_release_frame(rt, gen);
    *presult = result;
    return result != nullptr ? SendResult::kReturn : SendResult::kError;
}

PyObject* gen_send_ex(Interp& in, PyObject* gen, PyObject* arg, bool exc, bool closing) {
    Runtime& rt = in.rt;
    PyObject* result = nullptr;
    if (gen_send_ex2(in, gen, arg, &result, exc, closing) != SendResult::kReturn) return result;
    set_stop_iteration_value(rt, result == none_of(rt) ? nullptr : result);
    rt.decref(result);
    return nullptr;
}

PyObject* gen_iternext_slot(Runtime& rt, PyObject* self) {
    PyObject* result = nullptr;
    if (gen_send_ex2(interp_of(rt), self, nullptr, &result, false, false) != SendResult::kReturn) return result;
    set_stop_iteration_value(rt, result);
    rt.decref(result);
    return nullptr;
}

SendResult yield_from_send(Interp& in, PyObject* receiver, PyObject* sent, PyObject** result) {
    Runtime& rt = in.rt;
    *result = nullptr;
    if (gen_check(rt, receiver)) return gen_send_ex2(in, receiver, sent, result, false, false);
    PyObject* r = nullptr;
    if (sent == none_of(rt)) {
        iternextfunc next = Py_TYPE(receiver)->tp_iternext;
        r = next != nullptr ? next(rt, receiver)
                            : err_format(rt, rt.builtins().exc.TypeError, "'%s' object is not an iterator",
                                         type_name(Py_TYPE(receiver)).c_str());
    } else {
        r = object_call_method(rt, receiver, "send", &sent, 1);
    }
    if (r != nullptr) {
        *result = r;
        return SendResult::kNext;
    }
    return stop_iteration_value(in, result) ? SendResult::kReturn : SendResult::kError;
}

PyObject* gen_close(Interp& in, PyObject* gen) {
    Runtime& rt = in.rt;
    GenState* s = gen_state(gen);
    // 3.12+: a generator that never ran just becomes completed; its frame (with the arguments)
    // stays until the generator dies.
    if (rt.profile().at_least(3, 12) && gen_just_started(s)) {
        s->completed = true;
        rt.incref(none_of(rt));
        return none_of(rt);
    }
    int err = 0;
    PyObject* yf = gen_yf(gen);
    if (yf != nullptr) {
        rt.incref(yf);
        const bool was_running = s->running;
        s->running = true;
        err = gen_close_iter(in, yf);
        s->running = was_running;
        rt.decref(yf);
    }
    // 3.13+: a generator suspended at a yield outside any try block (and not in a `yield from`,
    // whose loop has a handler of its own) has nothing to run on GeneratorExit: the frame just
    // completes and drops its locals and stack (the function and code stay until it dies).
    if (yf == nullptr && rt.profile().at_least(3, 13) && gen_runnable(s) && !s->running && s->frame->ip > 0 &&
        s->frame->blocks.empty()) {
        s->completed = true;
        frame_clear_locals(rt, s->frame);
        rt.incref(none_of(rt));
        return none_of(rt);
    }
    if (err == 0) set_generator_exit(rt);
    PyObject* r = gen_send_ex(in, gen, none_of(rt), true, true);
    if (r != nullptr) {
        rt.decref(r);
        return err_set_string(rt, rt.builtins().exc.RuntimeError, "generator ignored GeneratorExit");
    }
    // 3.13+: a generator that returns on GeneratorExit gives close() its return value.
    if (rt.profile().at_least(3, 13) && err_matches(rt, rt.builtins().exc.StopIteration)) {
        PyObject* value = nullptr;
        if (stop_iteration_value(in, &value)) return value;
        return nullptr;
    }
    if (err_matches(rt, rt.builtins().exc.StopIteration) || err_matches(rt, rt.builtins().exc.GeneratorExit)) {
        err_clear(rt);
        rt.incref(none_of(rt));
        return none_of(rt);
    }
    return nullptr;
}

namespace {

// throw_here: the exception made from (typ, val, tb) is raised at the generator's yield.
PyObject* throw_here(Interp& in, PyObject* gen, PyObject* typ, PyObject* val, PyObject* tb) {
    Runtime& rt = in.rt;
    if (tb == none_of(rt)) tb = nullptr;
    if (tb != nullptr && Py_TYPE(tb) != rt.builtins().traceback_type)
        return err_set_string(rt, rt.builtins().exc.TypeError, "throw() third argument must be a traceback object");
    PyObject* instance = nullptr;
    if (is_exception_class(rt, typ)) {
        if ((instance = normalize_exception(rt, typ, val)) == nullptr) return nullptr;
        if (!exception_check(rt, instance)) {
            rt.decref(instance);
            return err_format(rt, rt.builtins().exc.TypeError,
                              "calling %s should have returned an instance of BaseException, not %s",
                              type_name(reinterpret_cast<PyTypeObject*>(typ)).c_str(),
                              type_name(Py_TYPE(instance)).c_str());
        }
    } else if (exception_check(rt, typ)) {
        if (val != nullptr && val != none_of(rt))
            return err_set_string(rt, rt.builtins().exc.TypeError, "instance exception may not have a separate value");
        rt.incref(typ);
        instance = typ;
    } else if (rt.profile().major == 2) {
        return err_format(rt, rt.builtins().exc.TypeError, "exceptions must be classes, or instances, not %s",
                          type_name(Py_TYPE(typ)).c_str());
    } else {
        return err_format(rt, rt.builtins().exc.TypeError,
                          "exceptions must be classes or instances deriving from BaseException, not %s",
                          type_name(Py_TYPE(typ)).c_str());
    }
    if (tb != nullptr) exception_set_traceback(rt, instance, tb);
    err_set_instance(rt, instance);
    return gen_send_ex(in, gen, none_of(rt), true, false);
}

}  // namespace

PyObject* gen_throw(Interp& in, PyObject* gen, bool close_on_genexit, PyObject* typ, PyObject* val, PyObject* tb) {
    Runtime& rt = in.rt;
    GenState* s = gen_state(gen);
    if (PyObject* yf = gen_yf(gen)) {
        rt.incref(yf);
        PyObject* ret = nullptr;
        if (close_on_genexit && is_generator_exit(rt, typ)) {
            // GeneratorExit closes the sub-iterator, then is raised here.
            const bool was_running = s->running;
            s->running = true;
            const int err = gen_close_iter(in, yf);
            s->running = was_running;
            rt.decref(yf);
            if (err < 0) return gen_send_ex(in, gen, none_of(rt), true, false);
            return throw_here(in, gen, typ, val, tb);
        }
        if (gen_check(rt, yf)) {
            const bool was_running = s->running;
            s->running = true;
            ret = gen_throw(in, yf, close_on_genexit, typ, val, tb);
            s->running = was_running;
        } else {
            PyObject* meth = object_getattr_string(rt, yf, "throw");
            if (meth == nullptr) {
                if (!err_matches(rt, rt.builtins().exc.AttributeError)) {
                    rt.decref(yf);
                    return nullptr;
                }
                err_clear(rt);
                rt.decref(yf);
                return throw_here(in, gen, typ, val, tb);
            }
            PyObject* args[] = {typ, val, tb};
            const Py_ssize_t n = val == nullptr ? 1 : tb == nullptr ? 2 : 3;
            const bool was_running = s->running;
            s->running = true;
            ret = object_vectorcall(rt, meth, args, n, nullptr);
            s->running = was_running;
            rt.decref(meth);
        }
        rt.decref(yf);
        if (ret == nullptr && gen_runnable(s) && !s->frame->stack.empty()) {
            // The sub-iterator ended: `yield from` ends with its return value, or raises here.
            Frame* f = s->frame;
            PyObject* it = f->stack.back();
            f->stack.pop_back();
            rt.decref(it);
            ++f->ip;  // past YIELD_FROM
            PyObject* value = nullptr;
            if (stop_iteration_value(in, &value)) {
                ret = gen_send_ex(in, gen, value, false, false);
                rt.decref(value);
            } else {
                ret = gen_send_ex(in, gen, none_of(rt), true, false);
            }
        }
        return ret;
    }
    return throw_here(in, gen, typ, val, tb);
}

}  // namespace pymemlab
