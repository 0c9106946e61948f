// list: creation through the free list, growth by list_resize's per-version formula, dealloc.
#include "object/list_object.h"

#include <cstring>

#include "object/builtins.h"
#include "object/runtime.h"

namespace pymemlab {

namespace {

constexpr int64_t kItemBytes = 8;

PyListObject* as_list(PyObject* o) { return reinterpret_cast<PyListObject*>(o); }

void list_dealloc(Runtime& rt, PyObject* o) {
    PyListObject* l = as_list(o);
    rt.gc_untrack(o);
    if (l->ob_item.p != nullptr) {
        for (int64_t i = Py_SIZE(o) - 1; i >= 0; --i) rt.xdecref(l->ob_item.p[i]);
        rt.mem_free(l->ob_item.p);
    }
    ListState& s = rt.builtins().list_state;
    if (s.numfree < kListMaxFreeList) {
        s.free_list[s.numfree++] = l;
        return;
    }
    rt.free_object(o);
}

void list_traverse(PyObject* o, visitproc visit, void* arg) {
    PyListObject* l = as_list(o);
    for (int64_t i = Py_SIZE(o) - 1; i >= 0; --i)
        if (l->ob_item.p[i] != nullptr) visit(l->ob_item.p[i], arg);
}

// The capacity list_resize picks for newsize items (newsize > allocated or < allocated / 2).
int64_t over_allocate(const Profile& p, int64_t newsize, int64_t oldsize) {
    if (newsize == 0) return 0;
    if (!p.at_least(3, 9)) return newsize + (newsize >> 3) + (newsize < 9 ? 3 : 6);
    // 3.9+: a multiple of 4, and no more than needed when growing by a lot at once.
    int64_t allocated = (newsize + (newsize >> 3) + 6) & ~int64_t{3};
    if (newsize - oldsize > allocated - newsize) allocated = (newsize + 3) & ~int64_t{3};
    return allocated;
}

void list_blocks(const Runtime& rt, PyObject* o, blockproc visit, void* arg) {
    visit(rt.block_of(o), arg);
    if (as_list(o)->ob_item.p != nullptr) visit(as_list(o)->ob_item.p, arg);
}

}  // namespace

void init_list_type(Runtime& rt) {
    rt.builtins().list_type =
        new_static_type(rt, "list", sizeof(PyListObject), 0,
                        {.dealloc = list_dealloc, .traverse = list_traverse, .blocks = list_blocks});
}

PyObject* list_new(Runtime& rt, int64_t n) {
    Builtins& b = rt.builtins();
    ListState& s = b.list_state;
    PyObject* o;
    if (s.numfree > 0) {
        o = &s.free_list[--s.numfree]->ob_base.ob_base;
        o->ob_refcnt = 1;
        rt.note_alive(o);
    } else {
        o = rt.alloc_gc_object(b.list_type, sizeof(PyListObject));
        if (o == nullptr) return nullptr;
    }
    PyListObject* l = as_list(o);
    l->ob_item.p = nullptr;
    if (n > 0) {
        auto* items = static_cast<PyObject**>(rt.mem_malloc(static_cast<size_t>(n * kItemBytes)));
        if (items == nullptr) {
            rt.decref(o);
            return nullptr;
        }
        std::memset(items, 0, static_cast<size_t>(n * kItemBytes));
        l->ob_item.p = items;
    }
    Py_SET_SIZE(o, n);
    l->allocated = n;
    rt.gc_track(o);
    return o;
}

bool list_resize(Runtime& rt, PyObject* o, int64_t newsize) {
    PyListObject* l = as_list(o);
    // Enough room and not too much: only the size changes.
    if (l->allocated >= newsize && newsize >= (l->allocated >> 1)) {
        Py_SET_SIZE(o, newsize);
        return true;
    }
    int64_t allocated = over_allocate(rt.profile(), newsize, Py_SIZE(o));
    void* items = nullptr;
    if (allocated != 0) {
        items = rt.mem_realloc(l->ob_item.p, static_cast<size_t>(allocated * kItemBytes));
        if (items == nullptr) return false;
    } else if (l->ob_item.p != nullptr) {
        rt.mem_free(l->ob_item.p);
    }
    l->ob_item.p = static_cast<PyObject**>(items);
    Py_SET_SIZE(o, newsize);
    l->allocated = allocated;
    return true;
}

bool list_append(Runtime& rt, PyObject* o, PyObject* item) {
    int64_t n = Py_SIZE(o);
    if (!list_resize(rt, o, n + 1)) return false;
    rt.incref(item);
    as_list(o)->ob_item.p[n] = item;
    return true;
}

PyObject** list_items(PyObject* o) { return as_list(o)->ob_item.p; }
int64_t list_allocated(const PyObject* o) { return reinterpret_cast<const PyListObject*>(o)->allocated; }

int64_t list_sizeof(const Runtime& rt, const PyObject* o) {
    return rt.profile().gc_head_size + static_cast<int64_t>(sizeof(PyListObject)) + kItemBytes * list_allocated(o);
}

}  // namespace pymemlab
