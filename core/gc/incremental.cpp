// The 3.14 incremental collector's scheduling around gc::Collection
// (Python/gc.c of 3.14: gc_collect_young, gc_collect_increment,
// gc_collect_full, completed_scavenge, mark_at_start,
// expand_region_transitively_reachable). The phases of each collection are
// collector.cpp's.
//
// mark_at_start moves what the interpreter's roots (sys, builtins, static
// types' dicts, the frames' stacks) reach into the visited space. The model
// cannot name those roots from here; it takes as roots the tracked objects
// referenced from outside the tracked heap (what update_refs and subtract_refs
// over the whole heap leave above zero), which are the same objects seen from
// the collector. Not modelled: mark_stacks at each later increment (new frames'
// objects are then collected with the increment instead of being marked).
#include "gc/incremental.h"

#include <unordered_map>

#include "gc/gc_list.h"
#include "object/dict_object.h"
#include "object/runtime.h"
#include "object/tuple_object.h"
#include "object/type.h"

namespace pymemlab::gc {

namespace {

// Divides the heap so that the default old threshold of 10 scans 1% of it per
// increment.
constexpr int64_t kScanRateDivisor = 10;

PyGC_Head* old_head(Runtime& rt, int space) { return &rt.gc_state().generations[1 + space]; }
int other_space(int space) { return space ^ 1; }

// _PyTuple_MaybeUntrack over a list (untrack_tuples).
void untrack_tuples(Runtime& rt, PyGC_Head* head) {
    for (PyGC_Head* g = gc_next(head); g != head;) {
        PyGC_Head* next = gc_next(g);
        PyObject* op = rt.from_gc(g);
        if (Py_TYPE(op) == rt.builtins().tuple_type) {
            bool untrack = true;
            for (int64_t i = 0; i < Py_SIZE(op) && untrack; ++i) {
                PyObject* item = tuple_items(op)[i];
                untrack = item != nullptr && !gc_may_be_tracked(rt, item);
            }
            if (untrack) rt.gc_untrack(op);
        }
        g = next;
    }
}

struct ContainerArg {
    Runtime* rt;
    PyGC_Head* container;
    int visited_space;
    int64_t size;
};

// visit_add_to_container: a tracked object not yet in the visited space joins
// the increment.
void visit_add_to_container(PyObject* op, void* arg) {
    auto* cf = static_cast<ContainerArg*>(arg);
    Runtime& rt = *cf->rt;
    if (rt.is_immortal(op) || !rt.object_is_gc(op) || !rt.gc_is_tracked(op)) return;
    PyGC_Head* g = rt.as_gc(op);
    if (gc_old_space(g) == cf->visited_space) return;
    gc_set_old_space(g, cf->visited_space);
    gc_list_move(g, cf->container);
    ++cf->size;
}

// expand_region_transitively_reachable: from `g` (the container's last object)
// to the end, everything the increment's objects reach joins it, so no
// increment cuts a cycle in two.
int64_t expand_region(Runtime& rt, PyGC_Head* container, PyGC_Head* g) {
    ContainerArg arg{&rt, container, rt.gc_state().visited_space, 0};
    while (g != container) {
        PyObject* op = rt.from_gc(g);
        if (traverseproc t = Py_TYPE(op)->tp_traverse) t(op, visit_add_to_container, &arg);
        g = gc_next(g);
    }
    return arg.size;
}

// assess_work_to_do: the new objects, plus a share of the heap no larger than
// 3/2 of them.
int64_t assess_work_to_do(GCState& st) {
    const int64_t scale_factor = st.threshold[1] < 2 ? 2 : st.threshold[1];
    const int64_t new_objects = st.count[0];
    int64_t heap_fraction = st.heap_size / kScanRateDivisor / scale_factor;
    if (heap_fraction > new_objects * 3 / 2) heap_fraction = new_objects * 3 / 2;
    st.count[0] = 0;
    return new_objects + heap_fraction;
}

// completed_scavenge: the pending space is empty; the visited one becomes the
// next pending (by flipping what the bit means), or, while gc.freeze() holds
// objects in the permanent generation (which must stay "visited"), by moving
// the objects.
void completed_scavenge(Runtime& rt) {
    GCState& st = rt.gc_state();
    if (gc_list_is_empty(&st.permanent)) {
        const int not_visited = st.visited_space;
        st.visited_space = other_space(not_visited);
        gc_list_set_space(&st.generations[0], not_visited);
    } else {
        const int visited = st.visited_space;
        gc_list_merge(old_head(rt, visited), old_head(rt, other_space(visited)));
        gc_list_set_space(old_head(rt, other_space(visited)), other_space(visited));
    }
    st.work_to_do = 0;
    st.phase = GCPhase::kMark;
}

// subtract_refs' visit over the whole heap, with the counts in a side table so
// that the lists' prev links stay intact.
struct RefsArg {
    Runtime* rt;
    std::unordered_map<PyGC_Head*, int64_t>* refs;
};

void visit_subtract(PyObject* op, void* arg) {
    auto* a = static_cast<RefsArg*>(arg);
    if (!a->rt->object_is_gc(op) || !a->rt->gc_is_tracked(op)) return;
    auto it = a->refs->find(a->rt->as_gc(op));
    if (it != a->refs->end()) --it->second;
}

// mark_at_start: every object the roots reach joins the visited space; returns
// how many moved.
int64_t mark_at_start(Runtime& rt) {
    GCState& st = rt.gc_state();
    const int visited = st.visited_space;
    std::unordered_map<PyGC_Head*, int64_t> refs;
    PyGC_Head* heads[] = {&st.generations[0], old_head(rt, other_space(visited))};
    for (PyGC_Head* head : heads)
        for (PyGC_Head* g = gc_next(head); g != head; g = gc_next(g)) {
            PyObject* op = rt.from_gc(g);
            refs[g] = rt.is_immortal(op) ? int64_t{1} << 30 : static_cast<int64_t>(op->ob_refcnt);
        }
    RefsArg arg{&rt, &refs};
    for (auto& [g, n] : refs) {
        PyObject* op = rt.from_gc(g);
        if (traverseproc t = Py_TYPE(op)->tp_traverse) t(op, visit_subtract, &arg);
    }
    PyGC_Head reachable;
    gc_list_init(&reachable);
    int64_t marked = 0;
    for (PyGC_Head* head : heads) {
        for (PyGC_Head* g = gc_next(head); g != head;) {
            PyGC_Head* next = gc_next(g);
            if (refs[g] > 0) {
                gc_set_old_space(g, visited);
                gc_list_move(g, &reachable);
                ++marked;
            }
            g = next;
        }
    }
    // mark_all_reachable: each marked object's referents not yet visited are
    // marked in turn.
    ContainerArg cf{&rt, &reachable, visited, 0};
    PyGC_Head* visited_head = old_head(rt, visited);
    while (!gc_list_is_empty(&reachable)) {
        PyGC_Head* g = gc_next(&reachable);
        gc_list_move(g, visited_head);
        PyObject* op = rt.from_gc(g);
        if (traverseproc t = Py_TYPE(op)->tp_traverse) t(op, visit_add_to_container, &cf);
    }
    return marked + cf.size;
}

}  // namespace

bool gc_is_incremental(const Runtime& rt) { return rt.profile().at_least(3, 14); }

PyGC_Head* gen_head(Runtime& rt, int n) {
    GCState& st = rt.gc_state();
    if (n == 0) return &st.generations[0];
    return old_head(rt, n == 1 ? st.visited_space : other_space(st.visited_space));
}

int64_t gen_count(const Runtime& rt, int n) {
    const GCState& st = rt.gc_state();
    if (n == 0) return st.count[0];
    return st.count[1 + (n == 1 ? st.visited_space : other_space(st.visited_space))];
}

void incremental_on_track(Runtime& rt, PyGC_Head* g) {
    GCState& st = rt.gc_state();
    gc_set_old_space(g, other_space(st.visited_space));
    ++st.count[0];
    ++st.heap_size;
    if (st.count[0] > st.threshold[0] && st.enabled && st.threshold[0] != 0 && !st.collecting &&
        rt.tstate().curexc == nullptr)
        st.scheduled = true;
}

void incremental_on_untrack(Runtime& rt) {
    GCState& st = rt.gc_state();
    if (st.count[0] > 0) --st.count[0];
    --st.heap_size;
}

// 3.14.2's gc_collect_increment runs nothing while work is owed, and its
// marking step (which subtracts what it marked twice, as CPython does) ends the
// call.
bool incremental_begin_increment(Runtime& rt) {
    GCState& st = rt.gc_state();
    st.work_to_do += assess_work_to_do(st);
    if (st.work_to_do < 0) return false;
    untrack_tuples(rt, &st.generations[0]);
    if (st.phase == GCPhase::kMark) {
        const int64_t objects_marked = mark_at_start(rt);
        st.work_to_do -= 2 * objects_marked;
        st.phase = GCPhase::kCollect;
        return false;
    }
    return true;
}

int64_t incremental_region(Runtime& rt, int generation, PyGC_Head* region, PyGC_Head** from, PyGC_Head** to) {
    GCState& st = rt.gc_state();
    const int visited = st.visited_space;
    PyGC_Head* young = &st.generations[0];
    PyGC_Head* visited_head = old_head(rt, visited);
    PyGC_Head* pending = old_head(rt, other_space(visited));
    untrack_tuples(rt, young);
    if (generation == 2) {
        // gc_collect_full: everything into the visited space, collected where it
        // lies.
        gc_list_merge(young, pending);
        gc_list_set_space(pending, visited);
        st.count[0] = 0;
        gc_list_merge(pending, visited_head);
        *from = *to = visited_head;
        return 0;
    }
    gc_list_set_space(young, visited);
    gc_list_merge(young, region);
    *from = region;
    *to = visited_head;
    if (generation == 0) return 0;
    int64_t increment_size = gc_list_size(region);
    while (increment_size < st.work_to_do && !gc_list_is_empty(pending)) {
        PyGC_Head* g = gc_next(pending);
        gc_list_move(g, region);
        gc_set_old_space(g, visited);
        ++increment_size;
        increment_size += expand_region(rt, region, g);
    }
    return increment_size;
}

void incremental_finish(Runtime& rt, int generation, int64_t increment_size) {
    GCState& st = rt.gc_state();
    if (generation == 0) {
        st.count[0] = 0;
        ++st.count[1 + st.visited_space];
        return;
    }
    if (generation == 1) {
        const int64_t scale_factor = st.threshold[1] < 2 ? 2 : st.threshold[1];
        st.work_to_do += st.heap_size / kScanRateDivisor / scale_factor;
        st.work_to_do -= increment_size;
        if (gc_list_is_empty(old_head(rt, other_space(st.visited_space)))) completed_scavenge(rt);
        return;
    }
    st.count[0] = st.count[1] = st.count[2] = 0;
    completed_scavenge(rt);
}

void incremental_freeze(Runtime& rt) {
    GCState& st = rt.gc_state();
    gc_list_set_space(&st.generations[0], st.visited_space);
    gc_list_merge(&st.generations[0], &st.permanent);
    st.count[0] = 0;
    gc_list_set_space(old_head(rt, other_space(st.visited_space)), st.visited_space);
    for (int s = 0; s < 2; ++s) {
        gc_list_merge(old_head(rt, s), &st.permanent);
        st.count[1 + s] = 0;
    }
}

void incremental_unfreeze(Runtime& rt) {
    GCState& st = rt.gc_state();
    gc_list_merge(&st.permanent, old_head(rt, st.visited_space));
}

}  // namespace pymemlab::gc
