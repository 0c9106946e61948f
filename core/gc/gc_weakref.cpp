// handle_weakrefs (Python/gc.c) over the model's weak references (object/weakref_object.h).
#include "gc/gc_weakref.h"

#include <vector>

#include "gc/gc_list.h"
#include "gc/incremental.h"
#include "object/runtime.h"
#include "object/weakref_object.h"

namespace pymemlab::gc {

// Every weakref to an unreachable object is cleared before any callback runs, so no callback
// can reach an object being collected through a weakref. A callback runs only when its weakref
// is not garbage itself (not collecting: reachable, or in another generation). A weakref inside
// the garbage is cleared too (bpo-38006), its callback never called.
int64_t gc_handle_weakrefs(Runtime& rt, PyGC_Head* unreachable, PyGC_Head* old) {
    std::vector<PyObject*> to_call;  // strong references
    for (PyGC_Head* g = gc_next(unreachable); g != unreachable; g = gc_next(g)) {
        PyObject* op = rt.from_gc(g);
        if (weakref_check(rt, op) && rt.profile().at_least(3, 8) && weakref_referent(rt, op) != nullptr)
            weakref_clear_ref(rt, as_weakref(op));
        PyWeakReference** list = weakref_list_ptr(op);
        if (list == nullptr) continue;
        while (PyWeakReference* wr = *list) {
            weakref_clear_ref(rt, wr);  // unlinks wr: *list moves on
            PyObject* w = &wr->ob_base;
            if (wr->wr_callback.p == nullptr) continue;
            if (rt.object_is_gc(w) && gc_is_collecting(rt.as_gc(w))) continue;
            rt.incref(w);
            to_call.push_back(w);
        }
    }
    int64_t freed = 0;
    for (PyObject* w : to_call) {
        weakref_call_callback(rt, w, as_weakref(w)->wr_callback.p);
        if (w->ob_refcnt == 1) {
            // Ours was the last reference: the weakref dies now, counted as collected.
            rt.decref(w);
            ++freed;
            continue;
        }
        rt.decref(w);
        if (rt.object_is_gc(w) && rt.gc_is_tracked(w)) {
            gc_list_move(rt.as_gc(w), old);
            if (gc_is_incremental(rt)) gc_set_old_space(rt.as_gc(w), rt.gc_state().visited_space);
        }
    }
    return freed;
}

}  // namespace pymemlab::gc
