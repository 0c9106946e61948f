// The cycle collector's phases (Python/gc.c's deduce_unreachable, move_legacy_finalizers,
// handle_weakrefs, finalize_garbage, handle_resurrected_objects, delete_garbage), each a step
// of Collection. Version differences are marked where they act; collect.cpp wraps a run.
#include "gc/collector.h"

#include "gc/gc_list.h"
#include "gc/gc_weakref.h"
#include "gc/incremental.h"
#include "object/dict_object.h"
#include "object/instance_object27.h"
#include "object/list_object.h"
#include "object/runtime.h"
#include "object/tuple_object.h"
#include "object/type.h"

namespace pymemlab::gc {

namespace {

// What the visit functions need: the runtime, and the list they may move objects to.
struct VisitArg {
    Runtime* rt;
    PyGC_Head* list;
};

void traverse(PyObject* op, visitproc visit, void* arg) {
    if (traverseproc t = Py_TYPE(op)->tp_traverse) t(op, visit, arg);
}

// subtract_refs' visit: a reference from inside the young list.
void visit_decref(PyObject* op, void* arg) {
    Runtime& rt = *static_cast<VisitArg*>(arg)->rt;
    if (!rt.object_is_gc(op)) return;
    PyGC_Head* g = rt.as_gc(op);
    if (gc_is_collecting(g)) gc_decref(g);
}

// move_unreachable's visit: whatever a reachable object refers to is reachable too.
void visit_reachable(PyObject* op, void* arg) {
    auto* va = static_cast<VisitArg*>(arg);
    Runtime& rt = *va->rt;
    if (!rt.object_is_gc(op)) return;
    PyGC_Head* g = rt.as_gc(op);
    // Objects of other generations, and those the scan has already passed, are not collecting.
    if (!gc_is_collecting(g)) return;
    if ((g->_gc_next & kNextMaskUnreachable) != 0) {
        // Tentatively unreachable, reachable after all: back to the young list, where the scan
        // will get to it again. The list functions cannot be used with the flag set.
        PyGC_Head* prev = gc_prev(g);
        PyGC_Head* next = gc_next(g);
        prev->_gc_next = g->_gc_next;  // keeps the flags on prev's link (one region: one old space)
        set_prev(next, prev);
        g->_gc_next &= ~kNextMaskUnreachable;
        gc_list_append(g, va->list);
        gc_set_refs(g, 1);
    } else if (gc_get_refs(g) == 0) {
        // Ahead of the scan in the young list: tell the scan it is reachable.
        gc_set_refs(g, 1);
    }
}

// move_legacy_finalizer_reachable's visit: what an uncollectable object reaches is uncollectable.
void visit_move(PyObject* op, void* arg) {
    auto* va = static_cast<VisitArg*>(arg);
    Runtime& rt = *va->rt;
    if (!rt.object_is_gc(op)) return;
    PyGC_Head* g = rt.as_gc(op);
    if (!gc_is_collecting(g)) return;
    gc_list_move(g, va->list);
    gc_clear_collecting(g);
}

// _PyTuple_MaybeUntrack: a tuple none of whose items may be tracked is untracked.
void tuple_maybe_untrack(Runtime& rt, PyObject* op) {
    PyObject** items = tuple_items(op);
    for (int64_t i = 0; i < Py_SIZE(op); ++i)
        if (items[i] == nullptr || gc_may_be_tracked(rt, items[i])) return;
    rt.gc_untrack(op);
}

}  // namespace

const char* phase_name(Phase p) {
    switch (p) {
        case Phase::kStart: return "start";
        case Phase::kUpdateRefs: return "update_refs";
        case Phase::kSubtractRefs: return "subtract_refs";
        case Phase::kMoveUnreachable: return "move_unreachable";
        case Phase::kUntrack: return "untrack";
        case Phase::kMoveLegacyFinalizers: return "move_legacy_finalizers";
        case Phase::kHandleWeakrefs: return "handle_weakrefs";
        case Phase::kFinalizeGarbage: return "finalize_garbage";
        case Phase::kHandleResurrected: return "handle_resurrected_objects";
        case Phase::kDeleteGarbage: return "delete_garbage";
        case Phase::kDone: return "done";
    }
    return "?";
}

Collection::Collection(Runtime& rt, int generation) : rt_(rt), generation_(generation) {
    gc_list_init(&unreachable_);
    gc_list_init(&finalizers_);
    gc_list_init(&region_);
}

Collection::~Collection() { run(); }

void Collection::run() {
    while (step()) {
    }
}

bool Collection::step() {
    if (rt_.trace() != nullptr && phase_ == Phase::kStart) trace_start(rt_, *this);
    const Phase before = phase_;
    const bool more = run_phase();
    if (rt_.trace() != nullptr && phase_ != before) trace_phase(rt_, *this);
    return more;
}

bool Collection::run_phase() {
    switch (phase_) {
        case Phase::kStart:
            start();
            update_refs(young_);
            phase_ = Phase::kUpdateRefs;
            return true;
        case Phase::kUpdateRefs:
            subtract_refs(young_);
            phase_ = Phase::kSubtractRefs;
            return true;
        case Phase::kSubtractRefs:
            move_unreachable(young_, &unreachable_);
            phase_ = Phase::kMoveUnreachable;
            return true;
        case Phase::kMoveUnreachable:
            untrack();
            phase_ = Phase::kUntrack;
            return true;
        case Phase::kUntrack:
            move_legacy_finalizers();
            phase_ = Phase::kMoveLegacyFinalizers;
            return true;
        case Phase::kMoveLegacyFinalizers:
            handle_weakrefs();
            phase_ = Phase::kHandleWeakrefs;
            return true;
        case Phase::kHandleWeakrefs:
            finalize_garbage();
            phase_ = Phase::kFinalizeGarbage;
            return true;
        case Phase::kFinalizeGarbage:
            handle_resurrected();
            phase_ = Phase::kHandleResurrected;
            return true;
        case Phase::kHandleResurrected:
            delete_garbage();
            phase_ = Phase::kDeleteGarbage;
            return true;
        case Phase::kDeleteGarbage:
            finish();
            phase_ = Phase::kDone;
            return false;
        case Phase::kDone:
            return false;
    }
    return false;
}

// Younger generations join the one collected; its counts restart, the next one's counts it.
void Collection::start() {
    GCState& st = rt_.gc_state();
    if (gc_is_incremental(rt_)) {
        increment_size_ = incremental_region(rt_, generation_, &region_, &young_, &old_);
        return;
    }
    if (generation_ + 1 < GCState::kGenerations) st.count[generation_ + 1] += 1;
    for (int i = 0; i <= generation_; ++i) st.count[i] = 0;
    for (int i = 0; i < generation_; ++i) gc_list_merge(&st.generations[i], &st.generations[generation_]);
    young_ = &st.generations[generation_];
    old_ = generation_ + 1 < GCState::kGenerations ? &st.generations[generation_ + 1] : young_;
}

void Collection::update_refs(PyGC_Head* containers) {
    for (PyGC_Head* g = gc_next(containers); g != containers; g = gc_next(g)) {
        // An immortal object's count (3.12+) is huge; any positive figure keeps it reachable.
        PyObject* op = rt_.from_gc(g);
        const int64_t refs = rt_.is_immortal(op) ? int64_t{1} << 30 : static_cast<int64_t>(op->ob_refcnt);
        gc_reset_refs(g, refs);
    }
}

void Collection::subtract_refs(PyGC_Head* containers) {
    VisitArg arg{&rt_, nullptr};
    for (PyGC_Head* g = gc_next(containers); g != containers; g = gc_next(g)) traverse(rt_.from_gc(g), visit_decref, &arg);
}

// Objects with gc_refs > 0 are referenced from outside the list: they, and all they reach, stay.
// The scan leaves the young list singly linked behind it and relinks prev as it goes; the
// unreachable list's links carry kNextMaskUnreachable until move_legacy_finalizers clears them.
void Collection::move_unreachable(PyGC_Head* young, PyGC_Head* unreachable) {
    VisitArg arg{&rt_, young};
    PyGC_Head* prev = young;
    PyGC_Head* g = gc_next(young);
    // Every object of the list is in one old space (3.14); the unreachable links carry it too.
    const uintptr_t flags = kNextMaskUnreachable | (g != young ? g->_gc_next & kNextMaskOldSpace : 0);
    while (g != young) {
        if (gc_get_refs(g) != 0) {
            // The visit may append to young, changing g's next when g is last: read it after.
            traverse(rt_.from_gc(g), visit_reachable, &arg);
            set_prev(g, prev);
            gc_clear_collecting(g);
            prev = g;
        } else {
            prev->_gc_next = g->_gc_next;
            auto* last = reinterpret_cast<PyGC_Head*>(unreachable->_gc_prev);
            last->_gc_next = flags | reinterpret_cast<uintptr_t>(g);
            set_prev(g, last);
            g->_gc_next = flags | reinterpret_cast<uintptr_t>(unreachable);
            unreachable->_gc_prev = reinterpret_cast<uintptr_t>(g);
        }
        g = gc_next(prev);
    }
    young->_gc_prev = reinterpret_cast<uintptr_t>(prev);
    // List heads carry no flags; the copies above may have left some on them.
    young->_gc_next &= ~kNextMaskFlags;
    unreachable->_gc_next &= ~kNextMaskFlags;
}

// untrack_tuples on every collection; untrack_dicts on full ones (up to 3.13: dict_maybe_untrack
// knows). Survivors join the next generation; a full collection resets the long-lived figures.
void Collection::untrack() {
    GCState& st = rt_.gc_state();
    for (PyGC_Head* g = gc_next(young_); g != young_;) {
        PyGC_Head* next = gc_next(g);
        PyObject* op = rt_.from_gc(g);
        if (Py_TYPE(op) == rt_.builtins().tuple_type) tuple_maybe_untrack(rt_, op);
        g = next;
    }
    if (gc_is_incremental(rt_)) {
        // 3.14 untracks no dicts and keeps no long-lived figures.
        if (young_ != old_) gc_list_merge(young_, old_);
    } else if (young_ != old_) {
        if (generation_ == GCState::kGenerations - 2) st.long_lived_pending += gc_list_size(young_);
        gc_list_merge(young_, old_);
    } else {
        for (PyGC_Head* g = gc_next(young_); g != young_;) {
            PyGC_Head* next = gc_next(g);
            PyObject* op = rt_.from_gc(g);
            if (Py_TYPE(op) == rt_.builtins().dict_type) dict_maybe_untrack(rt_, op);
            g = next;
        }
        st.long_lived_pending = 0;
        st.long_lived_total = gc_list_size(young_);
    }
}

// has_legacy_finalizer (2.7's has_finalizer): a classic instance with __del__ on it or its class;
// else tp_del, which the model's classes have for __del__ in 2.7 only.
bool Collection::has_legacy_finalizer(PyObject* op) const {
    if (instance27_check(rt_, op)) return instance27_lookup_ascii(rt_, op, "__del__") != nullptr;
    return Py_TYPE(op)->tp_del != nullptr;
}

void Collection::move_legacy_finalizers() {
    PyGC_Head* g = gc_next(&unreachable_);
    while (g != &unreachable_) {
        g->_gc_next &= ~kNextMaskUnreachable;
        PyGC_Head* next = gc_next(g);
        if (has_legacy_finalizer(rt_.from_gc(g))) {
            gc_clear_collecting(g);
            gc_list_move(g, &finalizers_);
        }
        g = next;
    }
    VisitArg arg{&rt_, &finalizers_};
    for (PyGC_Head* f = gc_next(&finalizers_); f != &finalizers_; f = gc_next(f)) traverse(rt_.from_gc(f), visit_move, &arg);
    // Up to 3.8, collect() counts what is collectable here, before finalizers run.
    if (!rt_.profile().at_least(3, 9)) collected_ += gc_list_size(&unreachable_);
}

void Collection::handle_weakrefs() { collected_ += gc_handle_weakrefs(rt_, &unreachable_, old_); }

// PEP 442: each object's tp_finalize once, under a temporary reference. 2.7 has none.
void Collection::finalize_garbage() {
    if (!rt_.profile().at_least(3, 4)) return;
    PyGC_Head seen;
    gc_list_init(&seen);
    while (!gc_list_is_empty(&unreachable_)) {
        PyGC_Head* g = gc_next(&unreachable_);
        PyObject* op = rt_.from_gc(g);
        gc_list_move(g, &seen);
        destructor finalize = Py_TYPE(op)->tp_finalize;
        if ((g->_gc_prev & kPrevMaskFinalized) == 0 && finalize != nullptr) {
            g->_gc_prev |= kPrevMaskFinalized;
            rt_.incref(op);
            finalize(rt_, op);
            rt_.decref(op);
        }
    }
    gc_list_merge(&seen, &unreachable_);
}

// What a finalizer made reachable again. 3.9+ reruns the detection on the unreachable set and
// lets the resurrected part survive; 3.4-3.8 (check_garbage) give up on the whole set if any
// object is referenced from outside it.
void Collection::handle_resurrected() {
    if (!rt_.profile().at_least(3, 4)) return;
    if (rt_.profile().at_least(3, 9)) {
        // CPython clears each object's collecting bit first (gc_list_clear_collecting); update_refs
        // sets it again on every one of them before anything reads it, so the walk is left out.
        // Each walk over a large unreachable set is a cache miss an object.
        PyGC_Head still;
        gc_list_init(&still);
        update_refs(&unreachable_);
        subtract_refs(&unreachable_);
        move_unreachable(&unreachable_, &still);
        // clear_unreachable_mask, counting what stays unreachable on the way.
        int64_t n = 0;
        for (PyGC_Head* g = gc_next(&still); g != &still; g = gc_next(g), ++n) g->_gc_next &= ~kNextMaskUnreachable;
        gc_list_merge(&unreachable_, old_);
        gc_list_merge(&still, &unreachable_);
        collected_ += n;
        return;
    }
    // update_refs breaks the prev links (gc_refs live there); the second walk restores them.
    update_refs(&unreachable_);
    subtract_refs(&unreachable_);
    bool resurrected = false;
    PyGC_Head* prev = &unreachable_;
    for (PyGC_Head* g = gc_next(&unreachable_); g != &unreachable_; g = gc_next(g)) {
        if (gc_get_refs(g) != 0) resurrected = true;
        gc_set_refs(g, 0);
        set_prev(g, prev);
        gc_clear_collecting(g);
        prev = g;
    }
    if (resurrected) gc_list_merge(&unreachable_, old_);
}

// tp_clear breaks each cycle and refcounting frees what it can; DEBUG_SAVEALL keeps everything
// in gc.garbage instead. An object still alive after its tp_clear survives into `old`.
void Collection::delete_garbage() {
    GCState& st = rt_.gc_state();
    while (!gc_list_is_empty(&unreachable_)) {
        PyGC_Head* g = gc_next(&unreachable_);
        PyObject* op = rt_.from_gc(g);
        if ((st.debug & kDebugSaveAll) != 0) {
            if (st.garbage == nullptr) st.garbage = list_new(rt_, 0);
            if (st.garbage != nullptr) list_append(rt_, st.garbage, op);
        } else if (inquiry clear = Py_TYPE(op)->tp_clear) {
            rt_.incref(op);
            clear(rt_, op);
            rt_.decref(op);
        }
        if (gc_next(&unreachable_) == g) {
            gc_clear_collecting(g);
            gc_list_move(g, old_);
        }
    }
}

// Uncollectable objects (legacy finalizers and what they reach) go to gc.garbage; the rest of
// the finalizers list survives into `old`.
void Collection::finish() {
    GCState& st = rt_.gc_state();
    for (PyGC_Head* g = gc_next(&finalizers_); g != &finalizers_; g = gc_next(g)) {
        ++uncollectable_;
        PyObject* op = rt_.from_gc(g);
        if ((st.debug & kDebugSaveAll) != 0 || has_legacy_finalizer(op)) {
            if (st.garbage == nullptr) st.garbage = list_new(rt_, 0);
            if (st.garbage != nullptr) list_append(rt_, st.garbage, op);
        }
    }
    gc_list_merge(&finalizers_, old_);
    if (gc_is_incremental(rt_)) incremental_finish(rt_, generation_, increment_size_);
}

void Collection::list_snapshot(const PyGC_Head* list, ListId id, std::vector<ObjectState>& out) const {
    if (list == nullptr) return;
    for (const PyGC_Head* g = gc_next(list); g != list;
         g = gc_next(g)) {
        out.push_back({rt_.from_gc(g), id, gc_get_refs(g), gc_is_collecting(g)});
    }
}

std::vector<ObjectState> Collection::snapshot() const {
    std::vector<ObjectState> out;
    // Between update_refs and move_unreachable the young list is singly linked: walk _gc_next.
    list_snapshot(young_, ListId::kYoung, out);
    if (old_ != young_) list_snapshot(old_, ListId::kOld, out);
    list_snapshot(&unreachable_, ListId::kUnreachable, out);
    list_snapshot(&finalizers_, ListId::kFinalizers, out);
    return out;
}

}  // namespace pymemlab::gc
