// The generator type: creation from a bound frame, its block per profile, attributes (gi_frame,
// gi_running, gi_code, gi_yieldfrom, gi_suspended, __name__, __qualname__), repr, tp_traverse,
// and death (a suspended generator is closed first, PEP 442's tp_finalize). Running it is
// gen_send.cpp.
#include "interp/gen_object.h"

#include <cstdio>
#include <string>

#include "interp/code_object.h"
#include "interp/frame_object.h"
#include "interp/gen_internal.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/descr_object.h"
#include "object/errors.h"
#include "object/func_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/type_internal.h"
#include "object/type_object.h"
#include "object/weakref_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

constexpr int64_t kSlotBytes = 8;  // sizeof(PyObject*) on a 64-bit build

bool embeds_frame(const Runtime& rt) { return type_sizes(rt.profile()).generator_embeds_frame; }

// ---- death ------------------------------------------------------------------------------------

// Frees the host state without releasing references: at the runtime's end nothing may be
// released any more (gen_dealloc releases them first).
void gen_release_host(Runtime&, PyObject* self) {
    delete gen_state(self);
    as_gen(self)->state.p = nullptr;
}

// _PyGen_Finalize: closes a generator that is suspended (or, up to 3.11, not started: 3.12+'s
// close of one that never ran only marks it completed), reporting an error close() raises as
// unraisable, with the caller's exception put aside.
void gen_finalize(Runtime& rt, PyObject* self) {
    GenState* s = gen_state(self);
    if (s == nullptr || !gen_runnable(s)) return;
    PyObject* saved = err_fetch(rt);
    PyObject* r = gen_close(interp_of(rt), self);
    if (r == nullptr) {
        if (err_occurred(rt)) write_unraisable(rt, self, nullptr, Unraisable::ClosingGenerator);
    } else {
        rt.decref(r);
    }
    if (saved != nullptr) err_set_instance(rt, saved);
}

// PyObject_CallFinalizerFromDealloc: the finalizer runs under a temporary reference; true when
// it resurrected the generator (stored a reference to it somewhere).
bool finalize_from_dealloc(Runtime& rt, PyObject* self, bool once) {
    if (once && object_is_finalized(rt, self)) return false;
    self->ob_refcnt = 1;
    gen_finalize(rt, self);
    if (once) object_set_finalized(rt, self);
    if (rt.drop_finalizer_ref(self) == 0) return false;
    rt.note_alive(self);
    return true;
}

void gen_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    if (as_gen(self)->gi_weakreflist.p != nullptr) object_clear_weakrefs(rt, self);
    rt.gc_track(self);
    // 3.4+ finalizes once per object (PEP 442); 2.7's gen_del closes at every death.
    if (finalize_from_dealloc(rt, self, rt.profile().major >= 3)) return;
    rt.gc_untrack(self);
    PyGenObject* g = as_gen(self);
    GenState* s = g->state.p;
    if (s->frame != nullptr) {
        s->completed = true;
        gen_release_frame(rt, self);
    }
    PyObject* fo = g->gi_frame.p;
    g->gi_frame.p = nullptr;
    rt.xdecref(fo);
    for (PyObject** o : {&g->gi_code.p, &s->name, &s->qualname}) {
        PyObject* v = *o;
        *o = nullptr;
        rt.xdecref(v);
    }
    exc_info_clear(rt, s->exc_state);
    rt.release_host_storage(self);
    rt.free_object(self);
}

// gen_traverse. ≤3.10: the frame object, code, name and qualname (3.x), handled exception.
// 3.11+: code (3.11 only: 3.12 keeps it in the frame alone), name, qualname, then the frame
// inside while it is not cleared (its frame object, locals mapping, function, code, and locals
// and stack, up to 3.13 unless it is running), then the handled exception.
void gen_traverse(PyObject* self, visitproc visit, void* arg) {
    PyGenObject* g = as_gen(self);
    GenState* s = g->state.p;
    auto v = [&](PyObject* o) {
        if (o != nullptr) visit(o, arg);
    };
    if (s == nullptr) return;
    if (s->embedded == nullptr) {
        v(g->gi_frame.p);
        v(g->gi_code.p);
        v(s->name);
        v(s->qualname);
    } else {
        if (s->code_field) v(g->gi_code.p);
        v(s->name);
        v(s->qualname);
        if (const Frame* f = s->frame) {
            v(g->gi_frame.p);
            v(f->locals);
            if (f->owns_func) v(f->func);
            v(f->code);
            frame_visit_locals(f, visit, arg);  // 3.11-3.13: none while it runs
        }
    }
    if (s->exc_state_holder == GenState::ExcStateHolder::kGenerator) exc_info_visit(s->exc_state, visit, arg);
}

// ---- attributes ---------------------------------------------------------------------------------



PyObject* gen_get_running(Runtime& rt, PyObject* self) {
    const bool running = gen_state(self)->running;
    if (rt.profile().major == 2) {  // 2.7: an int member
        PyObject* r = long_from_int64(rt, running ? 1 : 0);
        return r != nullptr ? r : err_no_memory(rt);
    }
    return bool_from(rt, running);
}

PyObject* gen_get_code(Runtime& rt, PyObject* self) { return new_ref_or_none(rt, as_gen(self)->gi_code.p); }
PyObject* gen_get_yieldfrom(Runtime& rt, PyObject* self) { return new_ref_or_none(rt, gen_yf(self)); }

// 3.11+: FRAME_SUSPENDED, a started generator paused at a yield.
PyObject* gen_get_suspended(Runtime& rt, PyObject* self) {
    const GenState* s = gen_state(self);
    return bool_from(rt, gen_runnable(s) && !s->running && s->frame->ip > 0);
}

// The generator's name or qualified name: its own (3.x), or its code's co_name (2.7). Borrowed.
PyObject* gen_name(PyObject* self, bool qualname) {
    PyObject* own = qualname ? gen_state(self)->qualname : gen_state(self)->name;
    return own != nullptr ? own : as_code(as_gen(self)->gi_code.p)->co_name.p;
}

PyObject* gen_get_name(Runtime& rt, PyObject* self) { return new_ref_or_none(rt, gen_name(self, false)); }
PyObject* gen_get_qualname(Runtime& rt, PyObject* self) { return new_ref_or_none(rt, gen_name(self, true)); }

int set_name_field(Runtime& rt, PyObject** field, PyObject* value, const char* message) {
    if (value == nullptr || !str_check(rt, value)) {
        err_set_string(rt, rt.builtins().exc.TypeError, message);
        return -1;
    }
    rt.incref(value);
    PyObject* old = *field;
    *field = value;
    rt.xdecref(old);
    return 0;
}

int gen_set_name(Runtime& rt, PyObject* self, PyObject* value) {
    return set_name_field(rt, &gen_state(self)->name, value, "__name__ must be set to a string object");
}

int gen_set_qualname(Runtime& rt, PyObject* self, PyObject* value) {
    return set_name_field(rt, &gen_state(self)->qualname, value, "__qualname__ must be set to a string object");
}

// Members (T_OBJECT / T_BOOL, READONLY) refuse assignment with "readonly attribute" (a
// TypeError in 2.7); CPython made gi_running a getset in 3.10 and gi_frame, gi_code getsets in
// 3.11, whose refusal names the attribute.
int readonly(Runtime& rt, const char* name, int getset_since_minor) {
    if (rt.profile().major == 2) {
        err_set_string(rt, rt.builtins().exc.TypeError, "readonly attribute");
    } else if (rt.profile().at_least(3, getset_since_minor)) {
        err_format(rt, rt.builtins().exc.AttributeError, "attribute '%s' of 'generator' objects is not writable", name);
    } else {
        err_set_string(rt, rt.builtins().exc.AttributeError, "readonly attribute");
    }
    return -1;
}
int gen_set_frame(Runtime& rt, PyObject*, PyObject*) { return readonly(rt, "gi_frame", 11); }
int gen_set_code(Runtime& rt, PyObject*, PyObject*) { return readonly(rt, "gi_code", 11); }
int gen_set_running(Runtime& rt, PyObject*, PyObject*) { return readonly(rt, "gi_running", 10); }

const PyGetSetDef kGetSet27[] = {
    {"gi_frame", gen_get_frame, gen_set_frame},
    {"gi_running", gen_get_running, gen_set_running},
    {"gi_code", gen_get_code, gen_set_code},
};
const PyGetSetDef kGetSet3[] = {
    {"gi_frame", gen_get_frame, gen_set_frame},
    {"gi_running", gen_get_running, gen_set_running},
    {"gi_code", gen_get_code, gen_set_code},
    {"gi_yieldfrom", gen_get_yieldfrom, nullptr},
};
const PyGetSetDef kGetSetSuspended = {"gi_suspended", gen_get_suspended, nullptr};

// __name__ and __qualname__ are getsets in CPython; the model answers them here instead of from
// the type's dict, where `type(g).__name__` would find them before type's own __name__ (the
// model's type_getattro consults the class dict first; function_getattro does the same).
bool is_name_attr(Runtime& rt, PyObject* name, bool* qualname) {
    std::string n;
    if (!str_check(rt, name) || !object_str_utf8(rt, name, &n)) return false;
    *qualname = n == "__qualname__";
    return n == "__name__" || (*qualname && rt.profile().major >= 3);
}

PyObject* gen_getattro(Runtime& rt, PyObject* self, PyObject* name) {
    bool qualname = false;
    if (is_name_attr(rt, name, &qualname)) return qualname ? gen_get_qualname(rt, self) : gen_get_name(rt, self);
    return object_generic_getattr(rt, self, name);
}

int gen_setattro(Runtime& rt, PyObject* self, PyObject* name, PyObject* value) {
    bool qualname = false;
    if (is_name_attr(rt, name, &qualname)) {
        if (rt.profile().major == 2) {  // 2.7's __name__ is a getset without a setter
            err_set_string(rt, rt.builtins().exc.AttributeError,
                           "attribute '__name__' of 'generator' objects is not writable");
            return -1;
        }
        return qualname ? gen_set_qualname(rt, self, value) : gen_set_name(rt, self, value);
    }
    return object_generic_setattr(rt, self, name, value);
}

PyObject* gen_repr(Runtime& rt, PyObject* self) {
    std::string name;
    if (!object_str_utf8(rt, gen_name(self, true), &name)) return nullptr;
    return str_from_utf8(rt, "<generator object " + name + " at " + object_address(rt, self) + ">");
}

PyObject* gen_iter(Runtime& rt, PyObject* self) {
    rt.incref(self);
    return self;
}

}  // namespace

PyObject* gen_get_frame(Runtime& rt, PyObject* self) {
    PyGenObject* g = as_gen(self);
    GenState* s = g->state.p;
    if (s->embedded == nullptr) return new_ref_or_none(rt, g->gi_frame.p);
    // 3.11+: made on first use, for a frame that can still run (or is running); a completed
    // generator shows None even while it still keeps its frame.
    if (s->frame == nullptr || s->completed || s->frame->finished) return new_ref_or_none(rt, nullptr);
    if (g->gi_frame.p != nullptr) return new_ref_or_none(rt, g->gi_frame.p);
    PyObject* fo = frame_object_new(rt, s->frame, false);
    if (fo == nullptr) return nullptr;
    g->gi_frame.p = fo;
    return new_ref_or_none(rt, fo);
}

// ---- the type ---------------------------------------------------------------------------------

void init_generator_type(Runtime& rt) {
    Builtins& b = rt.builtins();
    if (b.generator_type != nullptr) return;
    const TypeSizes& sizes = type_sizes(rt.profile());
    PyTypeObject* t = new_static_type(rt, "generator", model_basicsize(sizes.generator, sizeof(PyGenObject)), 0,
                                      {.dealloc = gen_dealloc, .traverse = gen_traverse});
    t->tp_repr = gen_repr;
    t->tp_getattro = gen_getattro;
    t->tp_setattro = gen_setattro;
    t->tp_iter = gen_iter;
    t->tp_iternext = gen_iternext_slot;
    t->tp_weaklistoffset = offsetof(PyGenObject, gi_weakreflist);
    // PEP 442 (3.4+): tp_finalize closes a suspended generator, from dealloc or the collector.
    // 2.7's gen_del is not a tp_del here: 2.7's collector asks PyGen_NeedsFinalizing instead.
    if (rt.profile().major >= 3) t->tp_finalize = gen_finalize;
    t->tp_methods = rt.profile().major == 2 ? kGenMethods27 : kGenMethods3;
    b.generator_type = t;
    type_ready(rt, t);
    if (rt.profile().major == 2) {
        for (const PyGetSetDef& def : kGetSet27) type_add_to_dict(rt, t, def.name, getset_descriptor_new(rt, t, &def));
    } else {
        for (const PyGetSetDef& def : kGetSet3) type_add_to_dict(rt, t, def.name, getset_descriptor_new(rt, t, &def));
        if (rt.profile().at_least(3, 11))
            type_add_to_dict(rt, t, kGetSetSuspended.name, getset_descriptor_new(rt, t, &kGetSetSuspended));
    }
}

bool gen_check(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == rt.builtins().generator_type; }

PyObject* gen_new(Interp& in, PyObject* func, Frame* frame, PyObject* frame_object) {
    Runtime& rt = in.rt;
    PyTypeObject* type = rt.builtins().generator_type;
    const bool embeds = embeds_frame(rt);
    const int64_t request = type->tp_basicsize + (embeds ? kSlotBytes * frame_slots(rt, frame->code) : 0);
    PyObject* o = rt.alloc_gc_object(type, static_cast<size_t>(request));
    if (o == nullptr) {
        if (frame_object != nullptr) {
            rt.decref(frame_object);
        } else {
            frame_clear(rt, frame);
            delete frame;
        }
        return err_no_memory(rt);
    }
    PyGenObject* g = as_gen(o);
    auto* s = new GenState;
    s->frame = frame;
    if (embeds) s->embedded.reset(frame);
    s->code_field = !rt.profile().at_least(3, 12);
    s->exc_state_holder = rt.profile().at_least(3, 7) ? GenState::ExcStateHolder::kGenerator
                          : rt.profile().major == 3   ? GenState::ExcStateHolder::kFrame
                                                      : GenState::ExcStateHolder::kNone;
    g->gi_frame.p = frame_object;
    g->gi_code.p = frame->code;
    rt.incref(frame->code);
    g->gi_weakreflist.p = nullptr;
    g->state.p = s;
    // 3.x names the generator after the function (its __name__ and __qualname__ now); 2.7's
    // reads its code's name when asked (gen_name).
    PyCodeObject* code = as_code(frame->code);
    if (rt.profile().major >= 3) {
        if (func == nullptr) {
            s->name = code->co_name.p;
            s->qualname = code->co_qualname.p != nullptr ? code->co_qualname.p : code->co_name.p;
        } else {
            s->name = as_function(func)->func_name.p;
            s->qualname = as_function(func)->func_qualname.p;
        }
        rt.incref(s->name);
        rt.incref(s->qualname);
    }
    frame->generator = o;
    // A frame that has not run reports the def line (CPython's f_lineno at f_lasti -1).
    frame->line = code_body(frame->code).firstlineno;
    rt.own_host_storage(o, gen_release_host);
    rt.gc_track(o);
    return o;
}

void gen_release_frame(Runtime& rt, PyObject* gen) {
    PyGenObject* g = as_gen(gen);
    GenState* s = g->state.p;
    s->completed = true;
    Frame* f = s->frame;
    if (f == nullptr) return;
    s->frame = nullptr;
    f->generator = nullptr;
    PyObject* fo = g->gi_frame.p;
    g->gi_frame.p = nullptr;
    if (s->embedded == nullptr) {
        // ≤3.10: the frame object holds the frame; it lives on if something else holds it.
        rt.xdecref(fo);
        return;
    }
    // 3.11+ _PyFrame_ClearExceptCode: a frame object referenced elsewhere takes the frame over.
    if (fo != nullptr) {
        if (fo->ob_refcnt > 1) frame_object_take_ownership(fo);
        rt.decref(fo);
    }
    frame_clear(rt, f);
    f->finished = true;
}

PyObject* gen_yf(const PyObject* gen) {
    const GenState* s = gen_state(gen);
    if (!gen_runnable(s) || s->frame->ip == 0) return nullptr;
    const Frame* f = s->frame;
    const CodeBody& body = code_body(f->code);
    const auto next = static_cast<size_t>(f->ip);
    if (next >= body.instrs.size() || body.instrs[next].op != Opcode::YIELD_FROM) return nullptr;
    return f->stack.empty() ? nullptr : f->stack.back();
}

const ExcInfo* handled_exc_info(Interp& in) {
    PyObject* none = in.rt.builtins().singletons.none;
    // 3.7+ skips the states that hold nothing (None). Before 3.7 one thread-wide slot held the
    // state: a generator that has left an except block (its state None) hides its caller's.
    const bool skip_none = in.rt.profile().at_least(3, 7);
    auto found = [&](const ExcInfo* e) { return e->value != nullptr && (e->value != none || !skip_none); };
    const ExcInfo* e = &in.exc_info;
    const Frame* f = in.frame != nullptr && in.frame->generator == nullptr ? in.frame->generator_below : in.frame;
    for (; !found(e) && f != nullptr; f = f->generator_below) {
        const GenState* s = gen_state(f->generator);
        if (s->running) e = &s->outer_exc;
    }
    return e->value == nullptr || e->value == none ? nullptr : e;
}

PyObject* handled_exception(Interp& in) {
    const ExcInfo* e = handled_exc_info(in);
    return e != nullptr ? e->value : nullptr;
}

int64_t gen_sizeof(const Runtime& rt, const PyObject* o) {
    const PyTypeObject* t = Py_TYPE(o);
    int64_t size = t->tp_basicsize + rt.profile().gc_head_size;
    if (embeds_frame(rt)) size += kSlotBytes * frame_slots(rt, as_gen(o)->gi_code.p);
    return size;
}

bool gen_needs_finalizing_27(const PyObject* o) {
    const GenState* s = gen_state(o);
    return s != nullptr && gen_runnable(s) && !s->frame->blocks.empty();
}

}  // namespace pymemlab
