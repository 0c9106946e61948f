// The evaluation loop (Python/ceval.c): runs a frame's instructions (opcode.h) until it returns
// or yields. A CALL of a Python function runs the callee's frame in the same loop, in place of
// the caller's, and resumes the caller with its result, as CPython 3.11+ does: such calls take
// no native stack (the recursion limit and ThreadState::kMaxLoopFrames bound them). Calls from C
// code recurse through call.cpp, under the native stack guards. Exceptions unwind the block stack
// here.
#include <cstring>
#include <string>
#include <utility>

#include "gc/collect.h"
#include "interp/borrowed_refs.h"
#include "interp/ceval_internal.h"
#include "interp/code_object.h"
#include "interp/gen_object.h"
#include "interp/interp.h"
#include "interp/specialize.h"
#include "interp/suggestions.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/cell_object.h"
#include "object/descr_object.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/func_object.h"
#include "object/iter_object.h"
#include "object/list_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/set_object.h"
#include "object/slice_object.h"
#include "object/str_object.h"
#include "object/super_object.h"
#include "object/tp_call.h"
#include "object/tuple_object.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {

PyObject* name_at(PyObject* code, int i) { return tuple_items(as_code(code)->co_names.p)[i]; }

// The end of an except block (POP_EXCEPT, or an exception leaving it): 3.x puts back the
// exception handled before, which the block's stack slot (and ≤3.10 the block) holds; 2.7
// leaves the caught one set (sys.exc_info() still gives it) until its frame ends (eval_frame's
// exit), its slot holding None.
void restore_exc_info(Interp& in, Block& blk, PyObject* prev) {
    Runtime& rt = in.rt;
    // What the stack held of the exception passing through a finally or with handler goes first
    // (CPython pops it before POP_EXCEPT); then the state set aside comes back (2.7 sets none
    // aside in the block).
    rt.xdecref(std::exchange(blk.raised_type, nullptr));
    rt.xdecref(std::exchange(blk.raised_traceback, nullptr));
    if (rt.profile().major == 2) {
        rt.xdecref(prev);
        return;
    }
    ExcInfo old = std::exchange(in.exc_info, {std::exchange(blk.saved_type, nullptr), prev,
                                              std::exchange(blk.saved_traceback, nullptr)});
    exc_info_clear(rt, old);
}

// PUSH_EXC_INFO: makes exc the exception being handled as the profile does (opcode.h) and
// returns the except-handler block, at stack depth `level`; *prev gets the item the stack keeps
// below exc (a new reference): 3.x the exception handled before (None for none), 2.7 None.
Block push_exc_info(Interp& in, Frame* f, PyObject* exc, int arg, int32_t level, PyObject** prev) {
    Runtime& rt = in.rt;
    Block blk{Block::ExceptHandler, 0, level};
    const bool keeps_exc = arg != 0;
    if (rt.profile().major == 2) {
        // set_exc_info, for except and with: the frame sets aside the state it found the first
        // time it catches one (None for the type when there was none), and sys.exc_type ...
        // follow. A finally or with handler's block holds the traceback the stack held.
        ExcInfo raised = exc_info_of(rt, exc);
        if (keeps_exc) {
            blk.raised_type = new_ref(rt, raised.type);
            if (raised.traceback != nullptr) blk.raised_traceback = new_ref(rt, raised.traceback);
        }
        if (arg != kPushExcInfoFinally) {
            if (!f->exc_saved) {
                f->exc_saved = true;
                if (in.exc_info.type == nullptr) in.exc_info.type = none(rt);
                f->exc_saved_info = exc_info_copy(rt, in.exc_info);
            }
            ExcInfo old = std::exchange(in.exc_info, raised);
            exc_info_clear(rt, old);
            exc_info_publish27(in, in.exc_info);
        } else {
            exc_info_clear(rt, raised);
        }
        *prev = none(rt);
        return blk;
    }
    ExcInfo before = std::exchange(in.exc_info, exc_info_of(rt, exc));
    blk.saved_type = before.type;
    blk.saved_traceback = before.traceback;
    *prev = before.value != nullptr ? before.value : none(rt);
    if (keeps_exc && exc_info_is_triple(rt)) {
        ExcInfo raised = exc_info_of(rt, exc);
        rt.decref(raised.value);
        blk.raised_type = raised.type;
        blk.raised_traceback = raised.traceback;
    }
    return blk;
}

// 2.7 says "global name" when LOAD_GLOBAL or DELETE_GLOBAL misses (a function's global).
PyObject* name_error(Interp& in, PyObject* name, bool global = false) {
    err_format(in.rt, in.rt.builtins().exc.NameError,
               global && in.rt.profile().major == 2 ? "global name '%s' is not defined" : "name '%s' is not defined",
               str_as_utf8(in.rt, name).c_str());
    // 3.10+: NameError.name, which the traceback's "Did you mean" reads.
    if (PyObject* exc = err_current(in.rt)) {
        exception_set_name(in.rt, exc, name);
        note_self_suggestion(in, exc, name);
    }
    return nullptr;
}

PyObject* unbound_local(Interp& in, PyObject* name) {
    Runtime& rt = in.rt;
    std::string n = str_as_utf8(rt, name);
    if (rt.profile().at_least(3, 11))
        return err_format(rt, rt.builtins().exc.UnboundLocalError,
                          "cannot access local variable '%s' where it is not associated with a value", n.c_str());
    return err_format(rt, rt.builtins().exc.UnboundLocalError, "local variable '%s' referenced before assignment",
                      n.c_str());
}

PyObject* unbound_free(Interp& in, PyObject* code, int i) {
    Runtime& rt = in.rt;
    const int64_t ncells = code_ncells(code);
    PyObject* name = i < ncells ? tuple_items(as_code(code)->co_cellvars.p)[i]
                                : tuple_items(as_code(code)->co_freevars.p)[i - ncells];
    if (i < ncells) return unbound_local(in, name);
    std::string n = str_as_utf8(rt, name);
    if (rt.profile().at_least(3, 11))
        return err_format(rt, rt.builtins().exc.NameError,
                          "cannot access free variable '%s' where it is not associated with a value in enclosing scope",
                          n.c_str());
    return err_format(rt, rt.builtins().exc.NameError,
                      "free variable '%s' referenced before assignment in enclosing scope", n.c_str());
}

// dict lookup that reports errors: a new reference, or nullptr (with or without an error).
PyObject* dict_lookup(Runtime& rt, PyObject* d, PyObject* key) {
    PyObject* v = dict_getitem(rt, d, key);
    if (v != nullptr) rt.incref(v);
    return v;
}

// Whether CPython of profile p has a built-in `n` that the lab does not provide: a snippet
// naming one is told so, rather than given a NameError CPython would not raise.
bool unmodelled_builtin(const Profile& p, std::string_view n) {
    for (const char* b : {"bytearray", "memoryview", "compile", "exit", "quit", "help", "copyright", "credits", "license"})
        if (n == b) return true;
    if (p.major == 2) {
        for (const char* b : {"buffer", "coerce", "execfile", "file", "reload"})
            if (n == b) return true;
        return false;
    }
    return (p.at_least(3, 7) && n == "breakpoint") || (p.at_least(3, 10) && (n == "aiter" || n == "anext")) ||
           (p.at_least(3, 11) && (n == "ExceptionGroup" || n == "BaseExceptionGroup")) ||
           (p.at_least(3, 13) && n == "PythonFinalizationError");
}

// LOAD_NAME / LOAD_GLOBAL: a mapping that may not be a dict (class namespaces from
// __prepare__ are not modelled: always dicts).
PyObject* load_global(Interp& in, Frame* f, PyObject* name, bool global) {
    if (PyObject* v = dict_lookup(in.rt, f->globals, name)) return v;
    if (err_occurred(in.rt)) return nullptr;
    if (PyObject* v = dict_lookup(in.rt, f->builtins, name)) return v;
    if (err_occurred(in.rt)) return nullptr;
    if (const std::string n = str_as_utf8(in.rt, name); unmodelled_builtin(in.rt.profile(), n))
        return err_format(in.rt, in.rt.builtins().exc.NotImplementedError,
                          "the built-in '%s' is not supported by the lab yet", n.c_str());
    return name_error(in, name, global);
}

bool store_in(Runtime& rt, PyObject* d, PyObject* key, PyObject* value) {
    if (dict_setitem(rt, d, key, value)) return true;
    if (!err_occurred(rt)) err_no_memory(rt);
    return false;
}

// UNPACK_SEQUENCE / UNPACK_EX: object/iter_object.h's unpack_iterable, onto the value stack.
bool unpack(Interp& in, Frame* f, PyObject* seq, int before, int after, bool starred) {
    return unpack_iterable(in.rt, seq, before, starred ? after : -1, f->stack);
}

// unicode_concatenate / 2.7's string_concatenate: when the variable the next instruction stores
// to holds the only other reference to the left operand, it lets go first, so that the str can
// grow in place (a STORE_NAME deletes the name, which then goes back in at the end of the dict).
void release_concat_target(Interp& in, Frame* f, const Instr& next, PyObject* v) {
    Runtime& rt = in.rt;
    if (v->ob_refcnt != 2) return;
    if (next.op == Opcode::STORE_FAST) {
        PyObject*& slot = f->localsplus[static_cast<size_t>(next.arg)];
        if (slot == v) {
            slot = nullptr;
            rt.decref(v);
        }
    } else if (next.op == Opcode::STORE_DEREF) {
        PyObject* cell = f->localsplus[static_cast<size_t>(code_nlocals(f->code) + next.arg)];
        if (cell_get(cell) == v) cell_set(rt, cell, nullptr);
    } else if (next.op == Opcode::STORE_NAME && f->locals != nullptr &&
               Py_TYPE(f->locals) == rt.builtins().dict_type) {
        PyObject* name = name_at(f->code, next.arg);
        if (dict_getitem(rt, f->locals, name) == v && !dict_delitem(rt, f->locals, name)) err_clear(rt);
    }
}

PyObject* format_value(Interp& in, PyObject* value, int conversion, PyObject* spec) {
    Runtime& rt = in.rt;
    PyObject* converted = nullptr;
    switch (conversion) {
        case 1: converted = object_str(rt, value); break;
        case 2: converted = object_repr(rt, value); break;
        case 3: converted = object_ascii(rt, value); break;
        default: rt.incref(value); converted = value;
    }
    if (converted == nullptr) return nullptr;
    if (spec == nullptr && str_check(rt, converted)) return converted;
    PyObject* r = object_format(rt, converted, spec);
    rt.decref(converted);
    return r;
}

bool exception_matches(Interp& in, PyObject* exc, PyObject* type) {
    Runtime& rt = in.rt;
    // 2.7 checks nothing: a clause naming anything else (a classic class) matches none of the
    // lab's exceptions, which are all new-style.
    const bool py2 = rt.profile().major == 2;
    auto check = [&](PyObject* t) {
        if (py2) return true;
        if (!object_type_check(t, rt.builtins().type_type) ||
            !type_is_subtype(reinterpret_cast<PyTypeObject*>(t), rt.builtins().exc.BaseException)) {
            err_set_string(rt, rt.builtins().exc.TypeError,
                           "catching classes that do not inherit from BaseException is not allowed");
            return false;
        }
        return true;
    };
    auto is_class = [&](PyObject* t) { return object_type_check(t, rt.builtins().type_type); };
    if (Py_TYPE(type) == rt.builtins().tuple_type) {
        for (int64_t i = 0; i < Py_SIZE(type); ++i) {
            PyObject* t = tuple_items(type)[i];
            if (!check(t)) return false;
            if (is_class(t) && object_type_check(exc, reinterpret_cast<PyTypeObject*>(t))) return true;
        }
        return false;
    }
    if (!check(type)) return false;
    return is_class(type) && object_type_check(exc, reinterpret_cast<PyTypeObject*>(type));
}

// RAISE_VARARGS: exc may be a class (instantiated here) or an instance.
bool do_raise(Interp& in, PyObject* exc, PyObject* cause) {
    Runtime& rt = in.rt;
    if (exc == nullptr) {
        const ExcInfo* state = handled_exc_info(in);
        PyObject* handled = state != nullptr ? state->value : nullptr;
        if (handled == nullptr) {
            err_set_string(rt, rt.builtins().exc.RuntimeError,
                           rt.profile().major == 2 ? "exceptions must be old-style classes or derived from BaseException, not NoneType"
                                                   : "No active exception to reraise");
            return false;
        }
        rt.incref(handled);
        err_set_instance(rt, handled);
        // A re-raise keeps its traceback: 2.7's is the handled state's.
        if (rt.profile().major == 2 && state->traceback != nullptr) exception_set_traceback(rt, handled, state->traceback);
        return true;
    }
    if (rt.profile().major == 2) return raise_27(in, exc, cause);
    PyObject* instance = nullptr;
    if (object_type_check(exc, rt.builtins().type_type) &&
        type_is_subtype(reinterpret_cast<PyTypeObject*>(exc), rt.builtins().exc.BaseException)) {
        instance = object_call_noargs(rt, exc);
        if (instance == nullptr) return false;
    } else if (exception_check(rt, exc)) {
        rt.incref(exc);
        instance = exc;
    } else {
        err_set_string(rt, rt.builtins().exc.TypeError, "exceptions must derive from BaseException");
        return false;
    }
    if (cause != nullptr) {
        PyObject* c = nullptr;
        if (cause == rt.builtins().singletons.none) {
        } else if (object_type_check(cause, rt.builtins().type_type) &&
                   type_is_subtype(reinterpret_cast<PyTypeObject*>(cause), rt.builtins().exc.BaseException)) {
            if ((c = object_call_noargs(rt, cause)) == nullptr) {
                rt.decref(instance);
                return false;
            }
        } else if (exception_check(rt, cause)) {
            rt.incref(cause);
            c = cause;
        } else {
            rt.decref(instance);
            err_set_string(rt, rt.builtins().exc.TypeError, "exception causes must derive from BaseException");
            return false;
        }
        exception_set_cause(rt, instance, c);
    }
    err_set_instance(rt, instance);
    return true;
}

}  // namespace

// Sets the implicit context of a newly raised exception (__context__ = the one being handled).
void set_exception_context(Interp& in) {
    Runtime& rt = in.rt;
    PyObject* exc = err_current(rt);
    PyObject* handled = handled_exception(in);
    if (exc == nullptr || handled == nullptr || handled == exc) return;
    // _PyErr_SetObject: the handled exception becomes the context (replacing any); a cycle that
    // would form is cut where the chain comes back to the raised exception.
    for (PyObject* o = handled; PyObject* c = exception_context(rt, o); o = c) {
        if (c == exc) {
            exception_set_context(rt, o, nullptr);
            break;
        }
    }
    rt.incref(handled);
    exception_set_context(rt, exc, handled);
}

namespace {

// The end of a CALL: releases what the call left of its items from stack depth `base` (slots
// whose references a 3.11+ callee took over are null; a borrowed item, 3.14, is let go without a
// decref), and 2.7/3.6's own reference to the callable.
void call_done(Runtime& rt, Frame* f, size_t base, PyObject* held) {
    if (held != nullptr) rt.decref(held);
    for (size_t i = f->stack.size(); i-- > base;)
        if (!frame_untag_stack(f, i)) rt.xdecref(f->stack[i]);
    f->stack.resize(base);
}

// Runs f from f->ip until it returns or yields: the value, or null with an exception. Or until a
// CALL of a Python function has started that function's frame: then *callee is the frame, for
// eval_frame to run, and run_frame is called again with its result (`resumed`, `call_result`).
PyObject* run_frame(Interp& in, Frame* f, bool resumed, PyObject* call_result, Frame** callee) {
    Runtime& rt = in.rt;
    const Builtins& b = rt.builtins();
    PyObject* const code = f->code;
    const CodeBody& body = code_body(code);
    const Instr* instrs = body.instrs.data();
    PyObject* const* consts = tuple_items(as_code(code)->co_consts.p);
    std::vector<PyObject*>& stack = f->stack;
    const int64_t nlocals = code_nlocals(code);
    PyObject* kwnames = nullptr;  // set by KW_NAMES for the next CALL (borrowed from co_consts)
    std::vector<uint64_t> kw_pair_names;  // CALL_KW_PAIRS's names as a tuple (tuple_view)
    PyObject* retval = nullptr;
    bool reraise = false;

    // 3.14's borrowed items (borrowed_refs.h). One that an instruction letting its operands go
    // (`releases`) pops is noted, and release() then drops it without a decref, as
    // PyStackRef_CLOSE does; one that any other pop() takes gets a reference of its own.
    PyObject* borrowed_popped[kMaxReleasedOperands];
    int nborrowed_popped = 0;
    bool releases = false;
    auto pop = [&]() {
        PyObject* v = stack.back();
        stack.pop_back();
        if (!f->borrowed_stack.empty() && f->borrowed_stack.back() == static_cast<int32_t>(stack.size())) {
            f->borrowed_stack.pop_back();
            if (releases && v != nullptr && nborrowed_popped < kMaxReleasedOperands)
                borrowed_popped[nborrowed_popped++] = v;
            else if (v != nullptr)
                rt.incref(v);
        }
        return v;
    };
    auto release = [&](PyObject* v) {
        for (int i = 0; i < nborrowed_popped; ++i)
            if (borrowed_popped[i] == v) {
                borrowed_popped[i] = borrowed_popped[--nborrowed_popped];
                return;
            }
        rt.decref(v);
    };
    auto top = [&]() { return stack.back(); };
    auto push = [&](PyObject* v) { stack.push_back(v); };
    auto peek = [&](int i) { return stack[stack.size() - static_cast<size_t>(i)]; };

    // The eval breaker (3.12+ runs a scheduled collection there): checked on entry (RESUME),
    // after backward jumps and after calls that succeed, where CPython 3.12 checks it.
    bool eval_breaker = !resumed || call_result != nullptr;
    if (resumed) {
        call_done(rt, f, static_cast<size_t>(std::exchange(f->call_base, -1)), std::exchange(f->call_held, nullptr));
        if (call_result != nullptr)
            push(call_result);
        else
            f->throw_pending = true;  // the error is the CALL's: raised before the next instruction
    }
    // Whether anyone hears of new lines (the trace, the on_line hook): fixed for a run, so the
    // loop tests one local per instruction.
    const bool lines_heard = rt.trace() != nullptr || static_cast<bool>(in.on_line);
    // Only 3.14's code loads borrowed items (borrow_loads.cpp).
    const bool borrows = rt.profile().at_least(3, 14);
    for (;;) {
        if (eval_breaker) {
            eval_breaker = false;
            if (rt.gc_state().scheduled) gc_run_scheduled(rt);
        }
        // A generator resumed by throw() or close() raises at its yield before running anything.
        const Instr& ins = instrs[f->throw_pending ? f->ip : f->ip++];
        if (f->throw_pending) {
            f->throw_pending = false;
            goto error;
        }
        f->line = ins.line;
        if (lines_heard && ins.line != f->traced_line && ins.line != 0) new_line(in, f);
        if (++in.instructions > in.options.instruction_budget && in.budget_raises()) goto error;
        // An operand the last instruction kept without releasing it keeps a reference of its own.
        for (; nborrowed_popped > 0; --nborrowed_popped) rt.incref(borrowed_popped[nborrowed_popped - 1]);
        releases = borrows && instruction_releases_operands(ins.op);
        if (!f->borrowed_stack.empty()) borrow_before_instruction(rt, f, ins);
        switch (ins.op) {
            case Opcode::NOP: break;
            case Opcode::POP_TOP: release(pop()); break;
            case Opcode::COPY: {
                PyObject* v = peek(ins.arg);
                rt.incref(v);
                push(v);
                break;
            }
            case Opcode::SWAP:
                std::swap(stack.back(), stack[stack.size() - static_cast<size_t>(ins.arg)]);
                if (!f->borrowed_stack.empty()) frame_swap_tags(f, stack.size() - 1, stack.size() - static_cast<size_t>(ins.arg));
                break;

            case Opcode::LOAD_CONST: {
                PyObject* v = consts[ins.arg];
                rt.incref(v);
                push(v);
                break;
            }
            case Opcode::LOAD_SMALL_INT: {
                PyObject* v = long_from_int64(rt, ins.arg);  // the cached one
                push(v);
                break;
            }
            case Opcode::LOAD_NAME: {
                PyObject* name = name_at(code, ins.arg);
                PyObject* v = f->locals != nullptr ? dict_lookup(rt, f->locals, name) : nullptr;
                if (v == nullptr && !err_occurred(rt)) v = load_global(in, f, name, false);
                if (v == nullptr) goto error;
                push(v);
                break;
            }
            case Opcode::STORE_NAME: {
                PyObject* v = pop();
                bool ok = store_in(rt, f->locals, name_at(code, ins.arg), v);
                if (ok && rt.trace() != nullptr) trace_bind(in, f->locals, name_at(code, ins.arg), v);
                rt.decref(v);
                if (!ok) goto error;
                break;
            }
            case Opcode::DELETE_NAME: {
                PyObject* name = name_at(code, ins.arg);
                if (dict_getitem(rt, f->locals, name) == nullptr) {
                    if (!err_occurred(rt)) name_error(in, name);
                    goto error;
                }
                if (!dict_delitem(rt, f->locals, name)) goto error;
                if (rt.trace() != nullptr) trace_bind(in, f->locals, name, nullptr);
                break;
            }
            case Opcode::LOAD_GLOBAL: {
                PyObject* v = load_global(in, f, name_at(code, ins.arg), true);
                if (v == nullptr) goto error;
                push(v);
                break;
            }
            case Opcode::STORE_GLOBAL: {
                PyObject* v = pop();
                bool ok = store_in(rt, f->globals, name_at(code, ins.arg), v);
                if (ok && rt.trace() != nullptr) trace_bind(in, f->globals, name_at(code, ins.arg), v);
                rt.decref(v);
                if (!ok) goto error;
                break;
            }
            case Opcode::DELETE_GLOBAL: {
                PyObject* name = name_at(code, ins.arg);
                if (dict_getitem(rt, f->globals, name) == nullptr) {
                    if (!err_occurred(rt)) name_error(in, name, true);
                    goto error;
                }
                if (!dict_delitem(rt, f->globals, name)) goto error;
                if (rt.trace() != nullptr) trace_bind(in, f->globals, name, nullptr);
                break;
            }
            case Opcode::LOAD_FAST_AND_CLEAR: {
                const size_t k = static_cast<size_t>(ins.arg);
                PyObject* v = std::exchange(f->localsplus[k], nullptr);
                // 3.14: a borrowed local's object gets a reference of its own on the stack.
                if (frame_local_borrowed(f, k)) {
                    if (v != nullptr) rt.incref(v);
                    frame_set_local_borrowed(f, k, false);
                }
                push(v);
                break;
            }
            case Opcode::LOAD_FAST:
            case Opcode::LOAD_FAST_BORROW: {
                PyObject* v = f->localsplus[static_cast<size_t>(ins.arg)];
                if (v == nullptr) {
                    unbound_local(in, tuple_items(as_code(code)->co_varnames.p)[ins.arg]);
                    goto error;
                }
                // 3.14: a local bound to a borrowed argument loads as a borrowed item
                // (PyStackRef_DUP), and so does LOAD_FAST_BORROW.
                if (ins.op == Opcode::LOAD_FAST_BORROW || frame_local_borrowed(f, static_cast<size_t>(ins.arg))) {
                    frame_push_borrowed(f, v);
                    break;
                }
                rt.incref(v);
                push(v);
                break;
            }
            case Opcode::STORE_FAST: {
                PyObject* old = f->localsplus[static_cast<size_t>(ins.arg)];
                const bool old_borrowed = frame_local_borrowed(f, static_cast<size_t>(ins.arg));
                frame_set_local_borrowed(f, static_cast<size_t>(ins.arg), false);
                f->localsplus[static_cast<size_t>(ins.arg)] = pop();
                if (!old_borrowed) rt.xdecref(old);
                break;
            }
            case Opcode::DELETE_FAST: {
                PyObject* old = f->localsplus[static_cast<size_t>(ins.arg)];
                if (old == nullptr) {
                    unbound_local(in, tuple_items(as_code(code)->co_varnames.p)[ins.arg]);
                    goto error;
                }
                f->localsplus[static_cast<size_t>(ins.arg)] = nullptr;
                if (!frame_local_borrowed(f, static_cast<size_t>(ins.arg))) rt.decref(old);
                frame_set_local_borrowed(f, static_cast<size_t>(ins.arg), false);
                break;
            }
            case Opcode::LOAD_DEREF:
            case Opcode::LOAD_CLASSDEREF:
            case Opcode::LOAD_FROM_DICT_OR_DEREF: {
                PyObject* cell = f->localsplus[static_cast<size_t>(nlocals + ins.arg)];
                // A mapping first: a class body's namespace (LOAD_CLASSDEREF), or the one popped
                // (3.14's annotation scopes: the __classdict__ cell's).
                const bool popped = ins.op == Opcode::LOAD_FROM_DICT_OR_DEREF;
                PyObject* mapping = popped ? pop() : ins.op == Opcode::LOAD_CLASSDEREF ? f->locals : nullptr;
                if (mapping != nullptr) {
                    const int64_t ncells = code_ncells(code);
                    PyObject* name = ins.arg < ncells ? tuple_items(as_code(code)->co_cellvars.p)[ins.arg]
                                                      : tuple_items(as_code(code)->co_freevars.p)[ins.arg - ncells];
                    PyObject* v = dict_lookup(rt, mapping, name);
                    if (popped) rt.decref(mapping);
                    if (v != nullptr) {
                        push(v);
                        break;
                    }
                    if (err_occurred(rt)) goto error;
                }
                PyObject* v = cell_get(cell);
                if (v == nullptr) {
                    unbound_free(in, code, ins.arg);
                    goto error;
                }
                rt.incref(v);
                push(v);
                break;
            }
            case Opcode::LOAD_FROM_DICT_OR_GLOBALS: {
                PyObject* mapping = pop();
                PyObject* name = name_at(code, ins.arg);
                PyObject* v = dict_lookup(rt, mapping, name);
                rt.decref(mapping);
                if (v == nullptr && !err_occurred(rt)) v = load_global(in, f, name, false);
                if (v == nullptr) goto error;
                push(v);
                break;
            }
            case Opcode::STORE_DEREF: {
                PyObject* v = pop();
                cell_set(rt, f->localsplus[static_cast<size_t>(nlocals + ins.arg)], v);
                rt.decref(v);
                break;
            }
            case Opcode::DELETE_DEREF: {
                PyObject* cell = f->localsplus[static_cast<size_t>(nlocals + ins.arg)];
                if (cell_get(cell) == nullptr) {
                    unbound_free(in, code, ins.arg);
                    goto error;
                }
                cell_set(rt, cell, nullptr);
                break;
            }
            case Opcode::LOAD_CLOSURE: {
                PyObject* cell = f->localsplus[static_cast<size_t>(nlocals + ins.arg)];
                rt.incref(cell);
                push(cell);
                break;
            }
            case Opcode::SAVE_CELL: {
                PyObject* fresh = cell_new(rt, nullptr);
                if (fresh == nullptr) {
                    err_no_memory(rt);
                    goto error;
                }
                PyObject*& slot = f->localsplus[static_cast<size_t>(nlocals + ins.arg)];
                push(slot);  // the cell's reference moves to the stack
                slot = fresh;
                break;
            }
            case Opcode::RESTORE_CELL: {
                PyObject*& slot = f->localsplus[static_cast<size_t>(nlocals + ins.arg)];
                PyObject* inner = slot;
                slot = pop();
                rt.decref(inner);
                break;
            }
            case Opcode::MAKE_CELL: {
                PyObject*& slot = f->localsplus[static_cast<size_t>(nlocals + ins.arg)];
                PyObject* cell = cell_new(rt, slot);  // holds what the slot held
                if (cell == nullptr) {
                    err_no_memory(rt);
                    goto error;
                }
                rt.xdecref(std::exchange(slot, cell));
                break;
            }

            case Opcode::LOAD_ATTR: {
                PyObject* obj = pop();
                rt.tstate().eval_access_nesting = rt.tstate().nesting();
                PyObject* v = object_getattr(rt, obj, name_at(code, ins.arg));
                rt.tstate().eval_access_nesting = -1;
                rt.tstate().frame_pushed_inline = false;
                release(obj);
                if (v == nullptr) goto error;
                push(v);
                break;
            }
            case Opcode::STORE_ATTR: {
                PyObject* obj = pop();
                PyObject* v = pop();
                int r = object_setattr(rt, obj, name_at(code, ins.arg), v);
                release(obj);
                release(v);
                if (r < 0) goto error;
                break;
            }
            case Opcode::DELETE_ATTR: {
                PyObject* obj = pop();
                int r = object_setattr(rt, obj, name_at(code, ins.arg), nullptr);
                release(obj);
                if (r < 0) goto error;
                break;
            }
            case Opcode::LOAD_METHOD: {
                PyObject* obj = top();
                PyObject* meth = nullptr;
                if (load_method(in, obj, name_at(code, ins.arg), &meth) < 0) goto error;
                if (meth != nullptr) {
                    // Unbound: meth obj (the object stays on the stack as self, borrowed or not).
                    stack.back() = meth;
                    push(obj);
                    if (!f->borrowed_stack.empty()) frame_swap_tags(f, stack.size() - 2, stack.size() - 1);
                } else {
                    PyObject* attr = object_getattr(rt, obj, name_at(code, ins.arg));
                    if (attr == nullptr) goto error;
                    stack.back() = attr;
                    if (!frame_untag_stack(f, stack.size() - 1)) rt.decref(obj);
                    push(nullptr);
                }
                break;
            }
            case Opcode::LOAD_SUPER_ATTR: {
                // super cls self -> attr (with arg & 1: meth self, or attr NULL)
                const bool method = (ins.arg & 1) != 0;
                PyObject* name = name_at(code, ins.arg >> 2);
                PyObject* global_super = peek(3);
                PyObject* cls = peek(2);
                PyObject* self = peek(1);
                std::vector<CallCache>& caches = as_code(code)->body.p->call_caches;
                if (caches.empty()) caches.resize(body.instrs.size());
                bool found_method = false;
                PyObject* res;
                if (specialized_super_attr(rt, caches[static_cast<size_t>(&ins - instrs)], global_super, cls)) {
                    // LOAD_SUPER_ATTR_METHOD binds nothing unless the class has its own getattr.
                    const bool unbound =
                        method && reinterpret_cast<PyTypeObject*>(cls)->tp_getattro == object_generic_getattr;
                    res = super_lookup(rt, reinterpret_cast<PyTypeObject*>(cls), self, name,
                                       unbound ? &found_method : nullptr);
                } else {
                    PyObject* args[] = {cls, self};
                    PyObject* su = object_vectorcall(rt, global_super, args, (ins.arg & 2) != 0 ? 2 : 0, nullptr);
                    res = su != nullptr ? object_getattr(rt, su, name) : nullptr;
                    rt.xdecref(su);
                }
                if (res == nullptr) goto error;
                const size_t n = stack.size();
                for (size_t i = n - 3; i < n - (found_method ? 1 : 0); ++i)
                    if (!frame_untag_stack(f, i)) rt.decref(stack[i]);
                if (found_method) {  // self stays, as the method's self (its borrowed mark too)
                    if (!f->borrowed_stack.empty()) frame_swap_tags(f, n - 1, n - 2);
                    stack[n - 3] = res;
                    stack[n - 2] = self;
                    stack.pop_back();
                } else {
                    stack.resize(n - 3);
                    push(res);
                    if (method) push(nullptr);
                }
                break;
            }
            case Opcode::PUSH_NULL: push(nullptr); break;
            case Opcode::KW_NAMES: kwnames = consts[ins.arg]; break;
            case Opcode::CALL_KW_PAIRS: {
                // Each value moves down over the names, which go on top, still held by the stack
                // for the call as CPython 2.7's are: a1 .. an v1 .. vm k1 .. km.
                const size_t nkw = static_cast<size_t>(ins.arg >> 8);
                PyObject** pairs = &stack[stack.size() - 2 * nkw];
                kwnames = tuple_view(rt, kw_pair_names, static_cast<Py_ssize_t>(nkw));
                PyObject** names = tuple_items(kwnames);
                for (size_t i = 0; i < nkw; ++i) {
                    names[i] = pairs[2 * i];
                    pairs[i] = pairs[2 * i + 1];
                }
                std::copy_n(names, nkw, pairs + nkw);
                [[fallthrough]];
            }
            case Opcode::CALL: {
                // The arguments (CALL_KW_PAIRS's names above them, popped with them after the call).
                const int nkw_pushed = ins.op == Opcode::CALL ? 0 : ins.arg >> 8;
                const int argc = ins.op == Opcode::CALL ? ins.arg : (ins.arg & 0xff) + nkw_pushed;
                const size_t base = stack.size() - static_cast<size_t>(argc + nkw_pushed) - 2;
                PyObject* callable = stack[base];
                PyObject* self = stack[base + 1];
                // 2.7/3.6's call_function and 3.11+'s CALL unpack a bound method: its self
                // takes the self slot and its function the callable's (3.7-3.10 call it whole).
                if (self == nullptr && Py_TYPE(callable) == b.method_type && as_method(callable)->im_self.p != nullptr &&
                    (!rt.profile().at_least(3, 7) || rt.profile().at_least(3, 11))) {
                    self = as_method(callable)->im_self.p;
                    PyObject* func = as_method(callable)->im_func.p;
                    rt.incref(self);
                    rt.incref(func);
                    stack[base + 1] = self;
                    stack[base] = func;
                    if (!frame_untag_stack(f, base)) rt.decref(callable);
                    callable = func;
                }
                // 2.7/3.6's call_function holds its own reference to any callable but a
                // built-in function for the call (the unpacked function's is the one above).
                PyObject* held = nullptr;
                if (!rt.profile().at_least(3, 7) && self == nullptr && Py_TYPE(callable) != b.builtin_function_type) {
                    held = callable;
                    rt.incref(held);
                }
                PyObject** args = &stack[base + 2];
                Py_ssize_t nargs = argc - (kwnames != nullptr ? Py_SIZE(kwnames) : 0);
                if (self != nullptr) {
                    --args;
                    ++nargs;
                }
                // 3.13+: a positional call with a null self slot is the adaptive CALL whose cache
                // can turn it into CALL_ALLOC_AND_ENTER_INIT.
                CallCache* cache = nullptr;
                if (self == nullptr && kwnames == nullptr && rt.profile().at_least(3, 13)) {
                    std::vector<CallCache>& caches = as_code(code)->body.p->call_caches;
                    if (caches.empty()) caches.resize(body.instrs.size());
                    cache = &caches[static_cast<size_t>(&ins - instrs)];
                }
                PyObject* r;
                if (cache != nullptr && specialized_init(rt, *cache, callable, nargs)) {
                    r = alloc_and_enter_init(in, args, nargs);
                } else if (Py_TYPE(callable) == b.function_type &&
                           !(code_body(as_function(callable)->func_code.p).flags & CO_GENERATOR)) {
                    // A Python function's frame runs in place of this one (eval_frame), so that
                    // a Python call takes no native stack, as none does in CPython 3.11+. 3.11+
                    // moves the arguments from the caller's stack into the callee's frame; older
                    // versions copy them, so the caller's stack keeps a reference during the call.
                    *callee = python_frame_start(in, callable, args, nargs, kwnames, rt.profile().at_least(3, 11),
                                                 &stack[base]);
                    if (*callee != nullptr) {
                        f->call_base = static_cast<int32_t>(base);
                        f->call_held = held;
                        return nullptr;
                    }
                    r = nullptr;
                } else {
                    r = call_from_stack(in, callable, args, nargs, kwnames);  // a generator function's too
                }
                kwnames = nullptr;
                call_done(rt, f, base, held);
                if (r == nullptr) goto error;
                push(r);
                eval_breaker = true;
                break;
            }
            case Opcode::CALL_FUNCTION_EX: {
                PyObject* kwargs = (ins.arg & 1) ? pop() : nullptr;
                PyObject* args = pop();
                PyObject* null = pop();
                PyObject* callable = pop();
                PyObject* argtuple = args;
                if (Py_TYPE(args) != b.tuple_type) {
                    argtuple = sequence_tuple(rt, args);
                    rt.decref(args);
                }
                PyObject* r = argtuple != nullptr ? object_call(rt, callable, argtuple, kwargs) : nullptr;
                rt.xdecref(argtuple);
                rt.xdecref(kwargs);
                rt.xdecref(null);
                rt.decref(callable);
                if (r == nullptr) goto error;
                push(r);
                eval_breaker = true;
                break;
            }

            case Opcode::BINARY_OP: {
                PyObject* rhs = pop();
                PyObject* lhs = pop();
                const bool inplace = ins.arg >= kBinaryOpInplaceOffset;
                const auto op = static_cast<BinaryOp>(inplace ? ins.arg - kBinaryOpInplaceOffset : ins.arg);
                PyObject* r;
                if (op == BinaryOp::Add && str_concatenate_applies(rt, lhs, rhs)) {
                    // unicode_concatenate (up to 3.10) / string_concatenate (2.7): takes lhs.
                    release_concat_target(in, f, instrs[f->ip], lhs);
                    r = str_concatenate_in_place(rt, lhs, rhs);
                } else {
                    r = ins.arg >= kBinaryOpTrueDivide27
                            ? true_divide_27(in, lhs, rhs, ins.arg > kBinaryOpTrueDivide27)
                            : number_binary_op(rt, lhs, rhs, op, inplace);
                    release(lhs);
                }
                release(rhs);
                if (r == nullptr) goto error;
                push(r);
                break;
            }
            case Opcode::UNARY_NEGATIVE:
            case Opcode::UNARY_POSITIVE:
            case Opcode::UNARY_INVERT: {
                PyObject* v = pop();
                PyObject* r = ins.op == Opcode::UNARY_NEGATIVE   ? number_negative(rt, v)
                              : ins.op == Opcode::UNARY_POSITIVE ? number_positive(rt, v)
                                                                 : number_invert(rt, v);
                release(v);
                if (r == nullptr) goto error;
                push(r);
                break;
            }
            case Opcode::UNARY_NOT: {
                PyObject* v = pop();
                int t = object_is_true(rt, v);
                release(v);
                if (t < 0) goto error;
                push(bool_from(rt, t == 0));
                break;
            }
            case Opcode::COMPARE_OP: {
                PyObject* rhs = pop();
                PyObject* lhs = pop();
                PyObject* r = object_richcompare(rt, lhs, rhs, ins.arg);
                release(lhs);
                release(rhs);
                if (r == nullptr) goto error;
                push(r);
                break;
            }
            case Opcode::IS_OP: {
                PyObject* rhs = pop();
                PyObject* lhs = pop();
                push(bool_from(rt, (lhs == rhs) != (ins.arg == 1)));
                release(lhs);
                release(rhs);
                break;
            }
            case Opcode::CONTAINS_OP: {
                PyObject* container = pop();
                PyObject* item = pop();
                int r = sequence_contains(rt, container, item);
                release(container);
                release(item);
                if (r < 0) goto error;
                push(bool_from(rt, (r == 1) != (ins.arg == 1)));
                break;
            }

            case Opcode::BINARY_SUBSCR: {
                PyObject* key = pop();
                PyObject* container = pop();
                rt.tstate().eval_access_nesting = rt.tstate().nesting();
                PyObject* r = object_getitem(rt, container, key);
                rt.tstate().eval_access_nesting = -1;
                rt.tstate().frame_pushed_inline = false;
                release(key);
                release(container);
                if (r == nullptr) goto error;
                push(r);
                break;
            }
            case Opcode::STORE_SUBSCR: {
                PyObject* key = pop();
                PyObject* container = pop();
                PyObject* v = pop();
                int r = object_setitem(rt, container, key, v);
                release(key);
                release(container);
                release(v);
                if (r < 0) goto error;
                break;
            }
            case Opcode::DELETE_SUBSCR: {
                PyObject* key = pop();
                PyObject* container = pop();
                int r = object_delitem(rt, container, key);
                rt.decref(key);
                rt.decref(container);
                if (r < 0) goto error;
                break;
            }
            case Opcode::BUILD_SLICE: {
                PyObject* step = ins.arg == 3 ? pop() : nullptr;
                PyObject* stop = pop();
                PyObject* start = pop();
                PyObject* none = b.singletons.none;
                PyObject* s = slice_new(rt, start, stop, step != nullptr ? step : none);
                rt.decref(start);
                rt.decref(stop);
                rt.xdecref(step);
                if (s == nullptr) {
                    err_no_memory(rt);
                    goto error;
                }
                push(s);
                break;
            }
            case Opcode::BUILD_TUPLE:
            case Opcode::BUILD_LIST: {
                const int n = ins.arg;
                // BUILD_TUPLE: _PyTuple_FromStackRefStealOnSuccess (tracked once filled).
                const bool tuple = ins.op == Opcode::BUILD_TUPLE;
                PyObject* o = tuple ? (n > 0 ? tuple_alloc(rt, n) : tuple_new(rt, 0)) : list_new(rt, n);
                if (o == nullptr) {
                    err_no_memory(rt);
                    goto error;
                }
                PyObject** items = tuple ? tuple_items(o) : list_items(o);
                for (int i = n - 1; i >= 0; --i) items[i] = pop();
                if (tuple) tuple_track_filled(rt, o);
                push(o);
                break;
            }
            case Opcode::BUILD_SET: {
                PyObject* s = set_new(rt);
                if (s == nullptr) {
                    err_no_memory(rt);
                    goto error;
                }
                const size_t first = stack.size() - static_cast<size_t>(ins.arg);
                bool ok = true;
                for (size_t i = first; i < stack.size(); ++i) ok = ok && set_add(rt, s, stack[i]);
                for (size_t i = stack.size(); i-- > first;) rt.decref(stack[i]);
                stack.resize(first);
                if (!ok) {
                    rt.decref(s);
                    if (!err_occurred(rt)) err_no_memory(rt);
                    goto error;
                }
                push(s);
                break;
            }
            case Opcode::BUILD_MAP: {
                PyObject* d = dict_new(rt);
                if (d == nullptr) {
                    err_no_memory(rt);
                    goto error;
                }
                const size_t first = stack.size() - 2 * static_cast<size_t>(ins.arg);
                bool ok = true;
                for (size_t i = first; ok && i < stack.size(); i += 2) ok = store_in(rt, d, stack[i], stack[i + 1]);
                for (size_t i = stack.size(); i-- > first;) rt.decref(stack[i]);
                stack.resize(first);
                if (!ok) {
                    rt.decref(d);
                    goto error;
                }
                push(d);
                break;
            }
            case Opcode::BUILD_CONST_KEY_MAP: {
                PyObject* keys = pop();
                PyObject* d = dict_new(rt);
                if (d == nullptr) {
                    rt.decref(keys);
                    err_no_memory(rt);
                    goto error;
                }
                const size_t first = stack.size() - static_cast<size_t>(ins.arg);
                bool ok = true;
                for (size_t i = first; ok && i < stack.size(); ++i)
                    ok = store_in(rt, d, tuple_items(keys)[i - first], stack[i]);
                for (size_t i = stack.size(); i-- > first;) rt.decref(stack[i]);
                stack.resize(first);
                rt.decref(keys);
                if (!ok) {
                    rt.decref(d);
                    goto error;
                }
                push(d);
                break;
            }
            case Opcode::BUILD_STRING: {
                // _PyUnicode_JoinArray: one piece is the result itself, more make a new str.
                const size_t first = stack.size() - static_cast<size_t>(ins.arg);
                PyObject* r = unicode_join_array(rt, stack.data() + first, ins.arg);
                for (size_t i = stack.size(); i-- > first;) rt.decref(stack[i]);
                stack.resize(first);
                if (r == nullptr) goto error;
                push(r);
                break;
            }
            case Opcode::LIST_APPEND:
            case Opcode::SET_ADD: {
                PyObject* v = pop();
                PyObject* container = peek(ins.arg);
                bool ok = ins.op == Opcode::LIST_APPEND ? list_append(rt, container, v) : set_add(rt, container, v);
                rt.decref(v);
                if (!ok) {
                    if (!err_occurred(rt)) err_no_memory(rt);
                    goto error;
                }
                break;
            }
            case Opcode::MAP_ADD: {
                PyObject* v = pop();
                PyObject* k = pop();
                bool ok = store_in(rt, peek(ins.arg), k, v);
                rt.decref(k);
                rt.decref(v);
                if (!ok) goto error;
                break;
            }
            case Opcode::LIST_EXTEND:
            case Opcode::SET_UPDATE:
            case Opcode::DICT_UPDATE:
            case Opcode::DICT_MERGE: {
                PyObject* source = pop();
                // DICT_MERGE builds a call's keywords: the stack holds callable, NULL, args, dict.
                PyObject* callable = ins.op == Opcode::DICT_MERGE ? peek(ins.arg + 3) : nullptr;
                bool ok = extend_container(in, ins.op, peek(ins.arg), source, callable);
                rt.decref(source);
                if (!ok) goto error;
                break;
            }
            case Opcode::LIST_TO_TUPLE: {
                PyObject* list = pop();
                PyObject* t = sequence_tuple(rt, list);
                rt.decref(list);
                if (t == nullptr) goto error;
                push(t);
                break;
            }
            case Opcode::FORMAT_VALUE: {
                PyObject* spec = (ins.arg & 4) ? pop() : nullptr;
                PyObject* v = pop();
                PyObject* r = format_value(in, v, ins.arg & 3, spec);
                rt.decref(v);
                rt.xdecref(spec);
                if (r == nullptr) goto error;
                push(r);
                break;
            }
            case Opcode::UNPACK_SEQUENCE:
            case Opcode::UNPACK_EX: {
                PyObject* seq = pop();
                bool ok = ins.op == Opcode::UNPACK_SEQUENCE ? unpack(in, f, seq, ins.arg, 0, false)
                                                            : unpack(in, f, seq, ins.arg & 0xff, ins.arg >> 8, true);
                rt.decref(seq);
                if (!ok) goto error;
                break;
            }

            case Opcode::JUMP:
                eval_breaker = ins.arg < f->ip;
                f->ip = ins.arg;
                break;
            case Opcode::POP_JUMP_IF_FALSE:
            case Opcode::POP_JUMP_IF_TRUE: {
                PyObject* v = pop();
                int t = object_is_true(rt, v);
                release(v);
                if (t < 0) goto error;
                if ((t == 1) == (ins.op == Opcode::POP_JUMP_IF_TRUE)) f->ip = ins.arg;
                break;
            }
            case Opcode::JUMP_IF_FALSE_OR_POP:
            case Opcode::JUMP_IF_TRUE_OR_POP: {
                int t = object_is_true(rt, top());
                if (t < 0) goto error;
                if ((t == 1) == (ins.op == Opcode::JUMP_IF_TRUE_OR_POP)) f->ip = ins.arg;
                else rt.decref(pop());
                break;
            }
            case Opcode::GET_ITER:
            case Opcode::GET_YIELD_FROM_ITER: {
                PyObject* v = pop();
                PyObject* it = object_get_iter(rt, v);
                release(v);
                if (it == nullptr) goto error;
                push(it);
                break;
            }
            case Opcode::FOR_ITER: {
                PyObject* it = top();
                // 3.12+'s FOR_ITER_GEN pushes a generator's frame itself (object/recursion.h).
                rt.tstate().frame_pushed_inline = Py_TYPE(it) == rt.builtins().generator_type;
                PyObject* next = Py_TYPE(it)->tp_iternext(rt, it);
                rt.tstate().frame_pushed_inline = false;
                if (next != nullptr) {
                    push(next);
                    break;
                }
                if (err_occurred(rt) && !err_clear_stop_iteration(rt)) goto error;
                rt.decref(pop());
                f->ip = ins.arg;
                break;
            }
            case Opcode::RETURN_VALUE:
                retval = pop();
                f->finished = true;
                goto exit;
            case Opcode::YIELD_VALUE:
                retval = pop();
                goto exit;
            case Opcode::YIELD_FROM: {
                PyObject* sent = pop();
                PyObject* r = nullptr;
                rt.tstate().frame_pushed_inline = Py_TYPE(top()) == rt.builtins().generator_type;  // SEND_GEN
                const SendResult sr = yield_from_send(in, top(), sent, &r);
                rt.tstate().frame_pushed_inline = false;
                rt.decref(sent);
                if (sr == SendResult::kNext) {
                    // Yield r; resume here to send the next value.
                    f->ip--;
                    retval = r;
                    goto exit;
                }
                if (sr == SendResult::kError) goto error;
                rt.decref(pop());
                push(r);  // the sub-iterator's return value
                break;
            }
            case Opcode::PRINT_EXPR: {
                PyObject* v = pop();
                bool ok = display_hook(in, v);
                rt.decref(v);
                if (!ok) goto error;
                break;
            }

            case Opcode::MAKE_FUNCTION: {
                PyObject* qualname = (ins.arg & kMakeFunctionQualname) ? pop() : nullptr;
                PyObject* fcode = pop();
                PyObject* closure = (ins.arg & 8) ? pop() : nullptr;
                PyObject* annotations = (ins.arg & (4 | kMakeFunctionAnnotate)) ? pop() : nullptr;
                PyObject* kwdefaults = (ins.arg & 2) ? pop() : nullptr;
                PyObject* defaults = (ins.arg & 1) ? pop() : nullptr;
                PyObject* fn = make_function(in, f, fcode, qualname, defaults, kwdefaults, annotations, closure,
                                             (ins.arg & kMakeFunctionAnnotate) != 0);
                rt.decref(fcode);
                rt.xdecref(qualname);
                if (fn == nullptr) goto error;
                push(fn);
                break;
            }
            case Opcode::LOAD_LOCALS:
                if (f->locals == nullptr) {
                    err_set_string(rt, b.exc.SystemError, "no locals found");
                    goto error;
                }
                rt.incref(f->locals);
                push(f->locals);
                break;
            case Opcode::LOAD_BUILD_CLASS: {
                PyObject* bc = builtin_build_class(in);
                if (bc == nullptr) goto error;
                push(bc);
                break;
            }
            case Opcode::IMPORT_NAME: {
                PyObject* fromlist = pop();
                PyObject* level = pop();
                PyObject* m = import_name(in, name_at(code, ins.arg), fromlist);
                rt.decref(fromlist);
                rt.decref(level);
                if (m == nullptr) goto error;
                push(m);
                break;
            }
            case Opcode::IMPORT_FROM: {
                PyObject* m = top();
                PyObject* v = object_getattr(rt, m, name_at(code, ins.arg));
                if (v == nullptr) {
                    if (err_matches(rt, b.exc.AttributeError)) import_from_error(in, m, name_at(code, ins.arg));
                    goto error;
                }
                push(v);
                break;
            }
            case Opcode::IMPORT_STAR: {
                PyObject* m = pop();
                bool ok = import_star(in, f, m);
                rt.decref(m);
                if (!ok) goto error;
                break;
            }
            case Opcode::PRINT_ITEM: {
                PyObject* v = pop();
                bool ok = print_item_27(in, v);
                rt.decref(v);
                if (!ok) goto error;
                break;
            }
            case Opcode::PRINT_NEWLINE:
                in.out("\n");
                in.softspace = false;
                break;
            case Opcode::PRINT_ITEM_TO: {
                PyObject* stream = pop();
                PyObject* v = pop();
                bool ok = print_item_to_27(in, stream, v);
                rt.decref(v);
                rt.decref(stream);
                if (!ok) goto error;
                break;
            }
            case Opcode::PRINT_NEWLINE_TO: {
                PyObject* stream = pop();
                bool ok = print_newline_to_27(in, stream);
                rt.decref(stream);
                if (!ok) goto error;
                break;
            }

            case Opcode::SETUP_FINALLY:
                f->blocks.push_back({Block::Handler, ins.arg, static_cast<int32_t>(stack.size())});
                break;
            case Opcode::SETUP_WITH:  // the handler's depth leaves out the __enter__ result on top
                f->blocks.push_back({Block::Handler, ins.arg, static_cast<int32_t>(stack.size()) - 1});
                break;
            case Opcode::SETUP_ANNOTATIONS: {
                PyObject* key = str_intern_ascii(rt, "__annotations__");
                if (key == nullptr) {
                    err_no_memory(rt);
                    goto error;
                }
                str_intern_in_place(rt, &key);
                bool ok = true;
                if (dict_getitem(rt, f->locals, key) == nullptr && !err_occurred(rt)) {
                    PyObject* d = dict_new(rt);
                    ok = d != nullptr && store_in(rt, f->locals, key, d);
                    if (d == nullptr) err_no_memory(rt);
                    rt.xdecref(d);
                }
                rt.decref(key);
                if (!ok || err_occurred(rt)) goto error;
                break;
            }
            case Opcode::POP_BLOCK: f->blocks.pop_back(); break;
            case Opcode::PUSH_EXC_INFO: {
                PyObject* exc = pop();
                PyObject* prev = nullptr;
                f->blocks.push_back(push_exc_info(in, f, exc, ins.arg, static_cast<int32_t>(stack.size()), &prev));
                push(prev);
                push(exc);
                break;
            }
            case Opcode::POP_EXCEPT: {
                Block blk = f->blocks.back();
                f->blocks.pop_back();
                restore_exc_info(in, blk, pop());
                break;
            }
            case Opcode::CHECK_EXC_MATCH: {
                PyObject* type = pop();
                bool m = exception_matches(in, top(), type);
                rt.decref(type);
                if (err_occurred(rt)) goto error;
                push(bool_from(rt, m));
                break;
            }
            case Opcode::RERAISE: {
                PyObject* exc = pop();
                err_set_instance(rt, exc);
                // 2.7's END_FINALLY restores the traceback the stack held beside the exception:
                // a finally or with handler's block has it, an except clause set it as handled.
                if (rt.profile().major == 2 && !f->blocks.empty()) {
                    const Block& blk = f->blocks.back();
                    PyObject* tb = blk.raised_traceback != nullptr ? blk.raised_traceback
                                   : in.exc_info.value == exc     ? in.exc_info.traceback
                                                                  : nullptr;
                    if (tb != nullptr) exception_set_traceback(rt, exc, tb);
                }
                reraise = true;
                goto error;
            }
            case Opcode::LOAD_ASSERTION_ERROR:
            case Opcode::LOAD_COMMON_CONSTANT: {
                PyTypeObject* t = ins.op == Opcode::LOAD_ASSERTION_ERROR ? b.exc.AssertionError : b.exc.NotImplementedError;
                rt.incref(reinterpret_cast<PyObject*>(t));
                push(reinterpret_cast<PyObject*>(t));
                break;
            }
            case Opcode::RAISE_VARARGS: {
                PyObject* tb = ins.arg == 3 ? pop() : nullptr;
                PyObject* cause = ins.arg >= 2 ? pop() : nullptr;
                PyObject* exc = ins.arg >= 1 ? pop() : nullptr;
                bool ok = tb != nullptr ? raise_with_traceback_27(in, exc, cause, tb) : do_raise(in, exc, cause);
                rt.xdecref(exc);
                rt.xdecref(cause);
                // 2.7's do_raise with a traceback is a re-raise: no entry for this frame.
                if (ok && (ins.arg == 0 || (tb != nullptr && tb != b.singletons.none))) reraise = true;
                else set_exception_context(in);
                rt.xdecref(tb);
                goto error;
            }
            case Opcode::BEFORE_WITH: {
                PyObject* mgr = pop();
                PyObject* exit = nullptr;
                PyObject* r = with_enter(in, mgr, &exit);
                rt.decref(mgr);
                if (r == nullptr) goto error;
                push(exit);
                push(r);
                break;
            }
            case Opcode::WITH_EXIT: {
                PyObject* exit = pop();
                PyObject* none = b.singletons.none;
                PyObject* args[] = {none, none, none};
                PyObject* r = object_vectorcall(rt, exit, args, 3, nullptr);
                rt.decref(exit);
                if (r == nullptr) goto error;
                rt.decref(r);
                break;
            }
            case Opcode::WITH_EXCEPT_START: {
                PyObject* exc = top();
                PyObject* exit = peek(3);
                // ≤3.10 the stack's traceback (which the handler's block holds), else the exception's.
                PyObject* tb = exc_info_is_triple(rt) ? f->blocks.back().raised_traceback : exception_traceback(rt, exc);
                PyObject* args[] = {reinterpret_cast<PyObject*>(Py_TYPE(exc)), exc,
                                    tb != nullptr ? tb : b.singletons.none};
                // Before 3.7 WITH_CLEANUP_START calls it with PyObject_CallFunctionObjArgs.
                // 3.14 holds its own reference to the traceback for the call.
                const bool hold_tb = rt.profile().at_least(3, 14) && tb != nullptr;
                if (hold_tb) rt.incref(tb);
                PyObject* r = rt.profile().at_least(3, 7) ? object_vectorcall(rt, exit, args, 3, nullptr)
                                                          : call_obj_args_pre37(rt, exit, args, 3);
                if (hold_tb) rt.decref(tb);
                if (r == nullptr) goto error;
                push(r);
                break;
            }
            case Opcode::UNSUPPORTED: {
                err_set_string(rt, b.exc.NotImplementedError, str_as_utf8(rt, consts[ins.arg]));
                goto error;
            }
        }
        continue;

    error:
        releases = false;  // unwinding gives each borrowed item it pops a reference, then drops it
        if (!err_occurred(rt))
            err_set_string(rt, b.exc.SystemError, "error return without exception set");
        if (!reraise) {
            // An error the runtime raised gets its context here (RAISE_VARARGS sets its own); one
            // that comes up from a call has one already if anything was being handled.
            PyObject* exc = err_current(rt);
            if (exception_context(rt, exc) == nullptr) set_exception_context(in);
            if (exception_traceback(rt, exc) == nullptr) note_self_attribute_error(in, exc, f);
            traceback_here(in, f);
        }
        reraise = false;
        kwnames = nullptr;
        // Unwind to the innermost handler. An exception that stops the run (the budget) skips
        // every handler so nothing can catch it.
        while (!f->blocks.empty()) {
            Block blk = f->blocks.back();
            f->blocks.pop_back();
            if (blk.kind == Block::ExceptHandler) {
                while (stack.size() > static_cast<size_t>(blk.level) + 1) rt.xdecref(pop());
                restore_exc_info(in, blk, pop());
                continue;
            }
            if (in.budget_exhausted) continue;
            while (stack.size() > static_cast<size_t>(blk.level)) rt.xdecref(pop());
            push(err_fetch(rt));
            f->ip = blk.handler;
            goto resume;
        }
        while (!stack.empty()) rt.xdecref(pop());
        retval = nullptr;
        f->finished = true;
        goto exit;
    resume:;
    }

exit:
    if (f->exc_saved) {  // 2.7's reset_exc_info
        ExcInfo old = std::exchange(in.exc_info, std::exchange(f->exc_saved_info, {}));
        f->exc_saved = false;
        exc_info_publish27(in, in.exc_info);
        exc_info_clear(rt, old);
    }
    return retval;
}

// Puts f on the interpreter's frame chain, over `back`.
void link_frame(Frame* f, Frame* back) {
    f->back = back;
    f->generator_below = back == nullptr || back->generator != nullptr ? back : back->generator_below;
}

}  // namespace

PyObject* eval_frame(Interp& in, Frame* entry) {
    ThreadState& ts = in.rt.tstate();
    Frame* f = entry;
    link_frame(f, in.frame);
    PyObject* r = nullptr;
    bool resumed = false;
    for (;;) {
        in.frame = f;
        f->executing = true;
        Frame* callee = nullptr;
        r = run_frame(in, f, resumed, r, &callee);
        if (callee != nullptr) {
            link_frame(callee, f);
            ++ts.loop_frames;
            f = callee;
            resumed = false;
            continue;
        }
        in.frame = f->back;
        f->executing = false;
        if (f == entry) return r;
        Frame* caller = f->back;
        python_frame_finish(in, f);
        --ts.loop_frames;
        f = caller;
        resumed = true;
    }
}

}  // namespace pymemlab
