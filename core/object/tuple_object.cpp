// tuple: allocation through the free lists, the empty singleton per profile, traversal and
// dealloc (items released last to first, as tupledealloc does).
#include "object/tuple_object.h"

#include <cstring>

#include "object/builtins.h"
#include "object/runtime.h"

namespace pymemlab {

namespace {

constexpr int64_t kItemBytes = 8;

int64_t header_bytes(const Profile& p) { return p.at_least(3, 14) ? 32 : 24; }  // 3.14: ob_hash

void tuple_dealloc(Runtime& rt, PyObject* t) {
    const int64_t n = Py_SIZE(t);
    rt.gc_untrack(t);
    PyObject** items = tuple_items(t);
    for (int64_t i = n - 1; i >= 0; --i) rt.xdecref(items[i]);
    TupleState& s = rt.builtins().tuple_state;
    if (n > 0 && n <= tuple_max_saved_length(rt) && s.numfree[n] < kTupleMaxFreeList) {
        items[0] = s.free_list[n];
        s.free_list[n] = t;
        ++s.numfree[n];
        return;
    }
    rt.free_object(t);
}

// tupletraverse visits the items from the last to the first.
void tuple_traverse(PyObject* t, visitproc visit, void* arg) {
    PyObject** items = tuple_items(t);
    for (int64_t i = Py_SIZE(t) - 1; i >= 0; --i)
        if (items[i] != nullptr) visit(items[i], arg);
}

}  // namespace

PyObject** tuple_items(PyObject* t) {
    return reinterpret_cast<PyObject**>(reinterpret_cast<unsigned char*>(t) + Py_TYPE(t)->tp_basicsize);
}

int tuple_max_saved_length(const Runtime& rt) { return rt.profile().at_least(3, 11) ? 20 : 19; }
int tuple_max_reused_length(const Runtime& rt) { return rt.profile().at_least(3, 13) ? 20 : 19; }

int64_t tuple_sizeof(const Runtime& rt, const PyObject* t) {
    return rt.profile().gc_head_size + Py_TYPE(t)->tp_basicsize + kItemBytes * Py_SIZE(t);
}

void init_tuple_type(Runtime& rt) {
    Builtins& b = rt.builtins();
    const Profile& p = rt.profile();
    PyTypeObject* type = new_static_type(rt, "tuple", header_bytes(p), kItemBytes,
                                         {.dealloc = tuple_dealloc, .traverse = tuple_traverse});
    b.tuple_type = type;

    // (): a static singleton from 3.11; before, a GC block allocated at start-up and kept
    // forever by an extra reference (it sits in free_list[0]).
    PyObject* empty;
    if (p.at_least(3, 11)) {
        empty = rt.static_object(type, static_cast<size_t>(header_bytes(p)), true);
        rt.make_static_refcount(empty, true);
    } else {
        empty = rt.alloc_gc_object(type, static_cast<size_t>(header_bytes(p)));
        rt.incref(empty);
    }
    Py_SET_SIZE(empty, 0);
    b.empty_tuple = empty;
}

PyObject* tuple_new(Runtime& rt, int64_t n) {
    Builtins& b = rt.builtins();
    if (n == 0) {
        rt.incref(b.empty_tuple);
        return b.empty_tuple;
    }
    TupleState& s = b.tuple_state;
    PyObject* t = nullptr;
    if (n <= tuple_max_reused_length(rt) && s.free_list[n] != nullptr) {
        // Reuse: no allocation, so the GC's allocation count does not move.
        t = s.free_list[n];
        s.free_list[n] = tuple_items(t)[0];
        --s.numfree[n];
        t->ob_refcnt = 1;
        rt.note_alive(t);
    } else {
        const int64_t bytes = b.tuple_type->tp_basicsize + kItemBytes * n;
        t = rt.alloc_gc_object(b.tuple_type, static_cast<size_t>(bytes));
        if (t == nullptr) return nullptr;
        Py_SET_SIZE(t, n);
    }
    std::memset(tuple_items(t), 0, static_cast<size_t>(kItemBytes * n));
    rt.gc_track(t);
    return t;
}

}  // namespace pymemlab
