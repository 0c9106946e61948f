// Frame objects: their block (sized per profile), the references an owning frame object holds,
// its attributes (f_code, f_lineno, f_back, f_globals, f_builtins), and 3.11+'s
// take_ownership when the generator holding the frame lets go of it.
#include "interp/frame_object.h"

#include <utility>
#include <vector>

#include "interp/code_object.h"
#include "interp/gen_internal.h"
#include "interp/gen_object.h"
#include "interp/interp.h"
#include "object/abstract.h"
#include "object/builtins.h"
#include "object/cell_object.h"
#include "object/descr_object.h"
#include "object/errors.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/type_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

constexpr int64_t kSlotBytes = 8;  // sizeof(PyObject*) on a 64-bit build

// Frees the host frame without touching the references in it: at the runtime's end (objects
// left in cycles) nothing may be released any more; frame_dealloc releases them first.
void frame_release_host(Runtime&, PyObject* self) {
    PyFrameObject* fo = as_frame_object(self);
    if (fo->owns_frame != 0) delete fo->f_frame.p;
    fo->f_frame.p = nullptr;
    fo->owns_frame = 0;
}

// The block a frame object of `slots` slots needs (_PyObject_VAR_SIZE: the basicsize has room
// for one already up to 3.10; frame_object_sizeof).
size_t frame_request(const PyTypeObject* type, int64_t slots) {
    return static_cast<size_t>(type->tp_basicsize + kSlotBytes * slots);
}

// frame_dealloc's end (≤3.10): the dead object becomes its code's zombie frame if it has none,
// else goes on the free list while that has room, else back to the allocator (PyObject_GC_Del).
void frame_keep_or_free(Runtime& rt, PyObject* self) {
    PyFrameObject* fo = as_frame_object(self);
    PyCodeObject* code = as_code(fo->f_code.p);
    if (code->co_zombieframe.p == nullptr) {
        code->co_zombieframe.p = self;
        return;
    }
    fo->f_code.p = nullptr;
    if (!rt.builtins().frame_free_list.keep(self)) rt.free_object(self);
}

// _PyFrame_New_NoTrack's reuse (≤3.10): the code's zombie frame, else the newest on the free
// list, grown when it has fewer than `slots` slots (the block may move). Null when neither has
// one, or when growing it fails (*failed is set then, and the frame is gone).
PyObject* frame_reuse(Runtime& rt, PyObject* code, int64_t slots, bool* failed) {
    PyObject* o = std::exchange(as_code(code)->co_zombieframe.p, nullptr);
    if (o == nullptr) {
        std::vector<PyObject*>& free_list = rt.builtins().frame_free_list.items;
        if (free_list.empty()) return nullptr;
        o = free_list.back();
        free_list.pop_back();
    }
    if (as_frame_object(o)->nslots < slots) {
        // PyObject_GC_Resize: a free-list frame too small for this code grows, and may move.
        const int64_t head = rt.profile().gc_head_size;
        void* block = rt.obj_realloc(rt.block_of(o), head + frame_request(Py_TYPE(o), slots));
        if (block == nullptr) {
            rt.obj_free(rt.block_of(o));
            *failed = true;
            return nullptr;
        }
        o = reinterpret_cast<PyObject*>(static_cast<char*>(block) + head);
        as_frame_object(o)->nslots = static_cast<int32_t>(slots);
    }
    o->ob_refcnt = 1;  // _Py_NewReference
    rt.note_alive(o);
    return o;
}

void frame_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    PyFrameObject* fo = as_frame_object(self);
    // frame_dealloc releases the frame's code last (Py_DECREF(co)), after the object is kept;
    // f_back after the locals.
    PyObject* code = nullptr;
    if (fo->owns_frame != 0 && fo->f_frame.p != nullptr) code = frame_clear_except_code(rt, fo->f_frame.p);
    rt.xdecref(std::exchange(fo->f_back.p, nullptr));
    rt.release_host_storage(self);
    if (frames_are_objects(rt)) {
        frame_keep_or_free(rt, self);
    } else {
        rt.free_object(self);
    }
    rt.xdecref(code);
}

// frame_traverse: f_back (f_trace is never set), then the fields the frame holds references to,
// then locals and stack: up to 3.10 the object is the frame, running or not (a running frame's
// stack aside: frame_visit_locals); from 3.11 the object visits the frame only once it owns it,
// and a frame inside a live generator is the generator's to visit.
void frame_traverse(PyObject* self, visitproc visit, void* arg) {
    PyFrameObject* fo = as_frame_object(self);
    if (fo->f_back.p != nullptr) visit(fo->f_back.p, arg);
    const Frame* f = fo->f_frame.p;
    if (f == nullptr || (fo->owns_frame == 0 && (f->generator != nullptr || f->interpreter_frame))) return;
    if (f->owns_globals) {
        // ≤3.10's frame_traverse: f_code, f_builtins, f_globals, f_locals.
        for (PyObject* o : {f->code, f->builtins, f->globals, f->locals})
            if (o != nullptr) visit(o, arg);
        // f_exc_type, f_exc_value, f_exc_traceback: 2.7's set-aside state, 3.6's generator's.
        exc_info_visit(f->exc_saved_info, visit, arg);
        if (f->generator != nullptr) {
            const GenState* s = gen_state(f->generator);
            if (s->exc_state_holder == GenState::ExcStateHolder::kFrame)
                exc_info_visit(s->running ? s->outer_exc : s->exc_state, visit, arg);
        }
    } else {
        // 3.11+'s _PyFrame_Traverse: f_locals, f_funcobj, f_code (globals are borrowed).
        if (f->locals != nullptr) visit(f->locals, arg);
        if (f->owns_func) visit(f->func, arg);
        visit(f->code, arg);
    }
    frame_visit_locals(f, visit, arg);
}

// frame_tp_clear: the frame is marked finished first, so the generator that shares it sees it
// can no longer run, then its locals and stack go.
int frame_tp_clear(Runtime& rt, PyObject* self) {
    PyFrameObject* fo = as_frame_object(self);
    if (fo->owns_frame != 0 && fo->f_frame.p != nullptr) frame_clear_locals(rt, fo->f_frame.p);
    return 0;
}

Frame* frame_of(PyObject* self) { return as_frame_object(self)->f_frame.p; }


PyObject* frame_get_code(Runtime& rt, PyObject* self) { return new_ref_or_none(rt, frame_of(self)->code); }
PyObject* frame_get_globals(Runtime& rt, PyObject* self) { return new_ref_or_none(rt, frame_of(self)->globals); }
PyObject* frame_get_builtins(Runtime& rt, PyObject* self) { return new_ref_or_none(rt, frame_of(self)->builtins); }
// PyFrame_GetBack: the held caller (≤3.10; 3.11+ once the object took over its frame); a
// running 3.11+ frame's caller, its frame object made now if it has none. A suspended or
// finished generator's frame has none.
PyObject* frame_get_back(Runtime& rt, PyObject* self) {
    PyFrameObject* fo = as_frame_object(self);
    if (fo->f_back.p != nullptr || frames_are_objects(rt)) return new_ref_or_none(rt, fo->f_back.p);
    const Frame* f = fo->f_frame.p;
    const bool running = f != nullptr && fo->owns_frame == 0 && !f->finished &&
                         (f->generator == nullptr || gen_state(f->generator)->running);
    if (!running || f->back == nullptr) return new_ref_or_none(rt, nullptr);
    PyObject* back = frame_object_of(rt, f->back);
    return back != nullptr ? new_ref(rt, back) : nullptr;
}

PyObject* frame_get_lineno(Runtime& rt, PyObject* self) {
    const Frame* f = frame_of(self);
    const int line = f->line != 0 ? f->line : code_body(f->code).firstlineno;
    PyObject* r = long_from_int64(rt, line);
    return r != nullptr ? r : err_no_memory(rt);
}

// f_locals: the frame's locals() (frame_locals). From 3.13 a function's frame gives PEP 667's
// FrameLocalsProxy, a view that writes through to the fast locals, which the lab does not model.
PyObject* frame_get_locals(Runtime& rt, PyObject* self) {
    Frame* f = frame_of(self);
    if (f == nullptr) return dict_new(rt);
    if (rt.profile().at_least(3, 13) && (code_body(f->code).flags & CO_OPTIMIZED) != 0)
        return err_set_string(rt, rt.builtins().exc.NotImplementedError,
                              "frame.f_locals of a function's frame (3.13's FrameLocalsProxy) is not supported by the lab yet");
    return frame_locals(interp_of(rt), f);
}

const PyGetSetDef kFrameGetSet[] = {
    {"f_code", frame_get_code, nullptr},       {"f_globals", frame_get_globals, nullptr},
    {"f_builtins", frame_get_builtins, nullptr}, {"f_back", frame_get_back, nullptr},
    {"f_lineno", frame_get_lineno, nullptr},   {"f_locals", frame_get_locals, nullptr},
};

}  // namespace

void init_frame_type(Runtime& rt) {
    Builtins& b = rt.builtins();
    if (b.frame_type != nullptr) return;
    b.frame_free_list.limit = kFrameMaxFreeList;  // kept only up to 3.10 (frame_keep_or_free)
    const TypeSizes& sizes = type_sizes(rt.profile());
    b.frame_type = new_static_type(rt, "frame", model_basicsize(sizes.frame, sizeof(PyFrameObject)), 0,
                                   {.dealloc = frame_dealloc, .traverse = frame_traverse});
    b.frame_type->tp_clear = frame_tp_clear;
    b.frame_type->tp_getattro = object_generic_getattr;
    type_ready(rt, b.frame_type);
    for (const PyGetSetDef& def : kFrameGetSet)
        type_add_to_dict(rt, b.frame_type, def.name, getset_descriptor_new(rt, b.frame_type, &def));
}

bool frame_object_check(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == rt.builtins().frame_type; }

int64_t frame_slots(const Runtime& rt, const PyObject* code) {
    // 3.11+: a local that is also a cell (a captured parameter) is one slot (co_nlocalsplus).
    const int64_t merged = rt.profile().at_least(3, 11) ? code_body(code).local_cells : 0;
    return code_nlocals(code) + code_ncells(code) + code_nfrees(code) - merged + code_body(code).stacksize;
}

bool frames_are_objects(const Runtime& rt) { return !rt.profile().at_least(3, 11); }

PyObject* frame_object_new(Runtime& rt, Frame* f, bool owns, bool track) {
    PyTypeObject* type = rt.builtins().frame_type;
    const int64_t slots = frame_slots(rt, f->code);
    bool failed = false;
    PyObject* o = frames_are_objects(rt) ? frame_reuse(rt, f->code, slots, &failed) : nullptr;
    if (failed) return err_no_memory(rt);
    if (o == nullptr) {
        o = rt.alloc_gc_object(type, frame_request(type, slots));
        if (o == nullptr) return err_no_memory(rt);
        as_frame_object(o)->nslots = static_cast<int32_t>(slots);
    }
    PyFrameObject* fo = as_frame_object(o);
    fo->f_frame.p = f;
    fo->f_code.p = f->code;
    fo->f_back.p = nullptr;
    fo->owns_frame = owns ? 1 : 0;
    rt.own_host_storage(o, frame_release_host);
    if (track) rt.gc_track(o);
    return o;
}

namespace {

// Py_XNewRef.
PyObject* xnew_ref(Runtime& rt, PyObject* o) { return o != nullptr ? new_ref(rt, o) : nullptr; }

// The frame object a running frame already has (borrowed; ≤3.10 every frame's), none made.
PyObject* existing_frame_object(Frame* f) {
    if (f == nullptr) return nullptr;
    if (f->generator != nullptr) return as_gen(f->generator)->gi_frame.p;
    return f->frame_object;
}

}  // namespace

bool frame_begin(Runtime& rt, Frame* f) {
    if (!frames_are_objects(rt)) return true;
    f->frame_object = frame_object_new(rt, f, false, !rt.profile().at_least(3, 7));
    if (f->frame_object == nullptr) return false;
    // PyFrame_New: f_back is the frame running now, the caller.
    as_frame_object(f->frame_object)->f_back.p = xnew_ref(rt, existing_frame_object(interp_of(rt).frame));
    return true;
}

void frame_object_set_back(Runtime& rt, PyObject* fo, Frame* caller) {
    PyObject* old = std::exchange(as_frame_object(fo)->f_back.p, xnew_ref(rt, existing_frame_object(caller)));
    rt.xdecref(old);
}

void frame_end(Runtime& rt, Frame* f) {
    PyObject* fo = std::exchange(f->frame_object, nullptr);
    if (fo == nullptr) {
        frame_clear(rt, f);
        return;
    }
    if (fo->ob_refcnt > 1) {
        // 3.11+ take_ownership links the caller's frame object, made now if need be (≤3.10's
        // object has held it since the call).
        if (!frames_are_objects(rt) && f->back != nullptr && as_frame_object(fo)->f_back.p == nullptr) {
            PyObject* back = frame_object_of(rt, f->back);
            if (back != nullptr) as_frame_object(fo)->f_back.p = new_ref(rt, back);
            else err_clear(rt);
        }
        frame_object_take_ownership(fo);
        rt.gc_track(fo);
        rt.decref(fo);
        return;
    }
    PyObject* code = frame_clear_except_code(rt, f);
    as_frame_object(fo)->f_frame.p = nullptr;
    rt.decref(fo);
    rt.decref(code);
}

PyObject* frame_object_of(Runtime& rt, Frame* f) {
    if (f->generator != nullptr) {
        PyObject* fo = gen_get_frame(rt, f->generator);
        if (fo == nullptr) return nullptr;
        rt.decref(fo);  // the generator holds it
        return frame_object_check(rt, fo) ? fo : nullptr;
    }
    if (f->frame_object == nullptr) f->frame_object = frame_object_new(rt, f, false, false);
    return f->frame_object;
}

PyObject* frame_object_code(const PyObject* fo) { return reinterpret_cast<const PyFrameObject*>(fo)->f_code.p; }

void frame_object_take_ownership(PyObject* o) {
    PyFrameObject* fo = as_frame_object(o);
    if (fo->owns_frame != 0) return;
    Frame* source = fo->f_frame.p;
    auto* copy = new Frame(std::move(*source));
    // The moved-from frame keeps nothing: its references now belong to the copy.
    *source = Frame{};
    source->finished = true;
    copy->back = nullptr;
    copy->generator = nullptr;
    fo->f_frame.p = copy;
    fo->owns_frame = 1;
}

int64_t frame_object_sizeof(const Runtime& rt, const PyObject* o) {
    const PyFrameObject* fo = reinterpret_cast<const PyFrameObject*>(o);
    const TypeSizes& sizes = type_sizes(rt.profile());
    int64_t slots = fo->f_frame.p != nullptr ? frame_slots(rt, fo->f_frame.p->code) : 0;
    if (sizes.frame_getsizeof_excludes_slot && slots > 0) --slots;
    return Py_TYPE(o)->tp_basicsize + kSlotBytes * slots + rt.profile().gc_head_size;
}

// The namespace `locals()` gives for frame f. A module or class body: its namespace dict. A
// function: up to 3.12 the frame's own dict (made on first use and kept, so it holds references
// to the values), refreshed from the fast locals, cells and free variables at each call; from 3.13
// (PEP 667) a new snapshot each time. Returns a new reference.
PyObject* frame_locals(Interp& in, Frame* f) {
    Runtime& rt = in.rt;
    const CodeBody& body = code_body(f->code);
    const bool optimized = (body.flags & CO_OPTIMIZED) != 0;
    if (!optimized && f->locals != nullptr) return new_ref(rt, f->locals);
    const bool snapshot = rt.profile().at_least(3, 13);
    PyObject* dict = snapshot ? nullptr : f->locals;
    if (dict == nullptr) {
        if ((dict = dict_new(rt)) == nullptr) return err_no_memory(rt);
        if (!snapshot) f->locals = dict;
    }
    if (!snapshot) rt.incref(dict);
    PyCodeObject* code = as_code(f->code);
    const int64_t nlocals = code_nlocals(f->code), ncells = code_ncells(f->code), nfrees = code_nfrees(f->code);
    // map_to_dict: each bound name set, each unbound one removed. 3.11+ list a local that is a
    // cell (a parameter; 3.12+ an inlined comprehension's name) in its local's place; before,
    // after the plain locals.
    const bool cells_in_place = rt.profile().at_least(3, 11);
    std::vector<std::pair<PyObject*, PyObject*>> entries;  // name, value (null: unbound)
    std::vector<uint8_t> cell_done(static_cast<size_t>(ncells), false);
    auto cell_value = [&](int64_t j) { return cell_get(f->localsplus[static_cast<size_t>(nlocals + j)]); };
    for (int64_t i = 0; i < nlocals; ++i) {
        PyObject* v = f->localsplus[static_cast<size_t>(i)];
        if (v == nullptr && cells_in_place) {
            for (int64_t j = 0; j < ncells; ++j) {
                if (j < static_cast<int64_t>(body.cell2local.size()) && body.cell2local[static_cast<size_t>(j)] == i) {
                    v = cell_value(j);
                    cell_done[static_cast<size_t>(j)] = true;
                }
            }
        }
        entries.emplace_back(tuple_items(code->co_varnames.p)[i], v);
    }
    for (int64_t j = 0; j < ncells; ++j)
        if (!cell_done[static_cast<size_t>(j)]) entries.emplace_back(tuple_items(code->co_cellvars.p)[j], cell_value(j));
    for (int64_t j = 0; j < nfrees; ++j)
        entries.emplace_back(tuple_items(code->co_freevars.p)[j],
                             cell_get(f->localsplus[static_cast<size_t>(nlocals + ncells + j)]));
    for (auto [name, value] : entries) {
        bool ok = true;
        if (value != nullptr) {
            ok = dict_setitem(rt, dict, name, value);
            if (!ok && !err_occurred(rt)) err_no_memory(rt);
        } else if (dict_getitem(rt, dict, name) != nullptr) {
            ok = dict_delitem(rt, dict, name);
        }
        if (!ok || err_occurred(rt)) {
            rt.decref(dict);
            return nullptr;
        }
    }
    return dict;
}

}  // namespace pymemlab
