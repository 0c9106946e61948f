// slice: the one-slot cache (3.x), traversal (start, stop, step) and dealloc (step first).
#include "object/slice_object.h"

#include "object/builtins.h"
#include "object/runtime.h"

namespace pymemlab {

namespace {

PySliceObject* as_slice(PyObject* o) { return reinterpret_cast<PySliceObject*>(o); }

void slice_dealloc(Runtime& rt, PyObject* o) {
    PySliceObject* s = as_slice(o);
    rt.gc_untrack(o);
    rt.decref(s->step.p);
    rt.decref(s->start.p);
    rt.decref(s->stop.p);
    PyObject*& cache = rt.builtins().slice_cache;
    if (rt.profile().major != 2 && cache == nullptr) {
        cache = o;
        return;
    }
    rt.free_object(o);
}

void slice_traverse(PyObject* o, visitproc visit, void* arg) {
    PySliceObject* s = as_slice(o);
    visit(s->start.p, arg);
    visit(s->stop.p, arg);
    visit(s->step.p, arg);
}

}  // namespace

void init_slice_type(Runtime& rt) {
    rt.builtins().slice_type = new_static_type(rt, "slice", sizeof(PySliceObject), 0,
                                               {.dealloc = slice_dealloc, .traverse = slice_traverse});
}

PyObject* slice_new(Runtime& rt, PyObject* start, PyObject* stop, PyObject* step) {
    PyObject*& cache = rt.builtins().slice_cache;
    PyObject* o = cache;
    if (o != nullptr) {
        cache = nullptr;
        o->ob_refcnt = 1;
        rt.note_alive(o);
    } else {
        o = rt.alloc_gc_object(rt.builtins().slice_type, sizeof(PySliceObject));
        if (o == nullptr) return nullptr;
    }
    for (PyObject* part : {start, stop, step}) rt.incref(part);
    as_slice(o)->start.p = start;
    as_slice(o)->stop.p = stop;
    as_slice(o)->step.p = step;
    rt.gc_track(o);
    return o;
}

int64_t slice_sizeof(const Runtime& rt, const PyObject* s) {
    return rt.profile().gc_head_size + static_cast<int64_t>(sizeof(PySliceObject));
}

}  // namespace pymemlab
