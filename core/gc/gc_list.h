// The collector's list and header primitives (Python/gc.c's gc_list_* and gc_*_refs), over
// PyGC_Head. During a collection _gc_prev holds gc_refs shifted by two, with two flag bits
// below it, and _gc_next may carry NEXT_MASK_UNREACHABLE, exactly as CPython 3.8+ does; the
// model uses the same encoding in every profile (2.7-3.7 kept gc_refs in a third word).
#pragma once

#include <cstdint>

#include "object/gc_head.h"

namespace pymemlab::gc {

// Bit 0 of _gc_prev: the object's tp_finalize has run (PEP 442); kept while tracked.
constexpr uintptr_t kPrevMaskFinalized = 1;
// Bit 1 of _gc_prev: the object is in the generation being collected.
constexpr uintptr_t kPrevMaskCollecting = 2;
constexpr int kPrevShift = 2;
constexpr uintptr_t kPrevMask = ~uintptr_t{0} << kPrevShift;
// Bit 0 of _gc_next: move_unreachable has put the object on the unreachable list.
constexpr uintptr_t kNextMaskUnreachable = 1;
// Bit 1 of _gc_next (3.14's incremental collector): the old space the object belongs to, 0 or 1
// (CPython's _PyGC_NEXT_MASK_OLD_SPACE_1; CPython keeps it in bit 0 and the unreachable flag in
// bit 1, the model the other way round so that 3.8-3.13 keep their encoding). Always 0 before 3.14.
// The bit belongs to the object, not to the link: setting an object's next keeps it.
constexpr uintptr_t kNextMaskOldSpace = 2;
constexpr uintptr_t kNextMaskFlags = kNextMaskUnreachable | kNextMaskOldSpace;
static_assert(kNextMaskFlags == 3 && (kNextMaskFlags & kPrevMask) == 0);

inline PyGC_Head* gc_next(const PyGC_Head* g) { return reinterpret_cast<PyGC_Head*>(g->_gc_next & ~kNextMaskFlags); }
inline PyGC_Head* gc_prev(const PyGC_Head* g) { return reinterpret_cast<PyGC_Head*>(g->_gc_prev & kPrevMask); }
inline void set_next(PyGC_Head* g, PyGC_Head* next) {
    g->_gc_next = (g->_gc_next & kNextMaskFlags) | reinterpret_cast<uintptr_t>(next);
}
// The object's old space (0 or 1); objects of young are in the space not being visited.
inline int gc_old_space(const PyGC_Head* g) { return (g->_gc_next & kNextMaskOldSpace) != 0 ? 1 : 0; }
inline void gc_set_old_space(PyGC_Head* g, int space) {
    g->_gc_next = (g->_gc_next & ~kNextMaskOldSpace) | (space != 0 ? kNextMaskOldSpace : 0);
}
inline void set_prev(PyGC_Head* g, PyGC_Head* prev) {
    g->_gc_prev = (g->_gc_prev & ~kPrevMask) | reinterpret_cast<uintptr_t>(prev);
}

inline bool gc_is_collecting(const PyGC_Head* g) { return (g->_gc_prev & kPrevMaskCollecting) != 0; }
inline void gc_clear_collecting(PyGC_Head* g) { g->_gc_prev &= ~kPrevMaskCollecting; }
inline int64_t gc_get_refs(const PyGC_Head* g) { return static_cast<int64_t>(g->_gc_prev >> kPrevShift); }
inline void gc_set_refs(PyGC_Head* g, int64_t refs) {
    g->_gc_prev = (g->_gc_prev & ~kPrevMask) | (static_cast<uintptr_t>(refs) << kPrevShift);
}
// update_refs' start: gc_refs = refcount, collecting, the finalized bit kept.
inline void gc_reset_refs(PyGC_Head* g, int64_t refs) {
    g->_gc_prev = (g->_gc_prev & kPrevMaskFinalized) | kPrevMaskCollecting | (static_cast<uintptr_t>(refs) << kPrevShift);
}
inline void gc_decref(PyGC_Head* g) { g->_gc_prev -= uintptr_t{1} << kPrevShift; }

inline void gc_list_init(PyGC_Head* list) {
    list->_gc_prev = reinterpret_cast<uintptr_t>(list);
    list->_gc_next = reinterpret_cast<uintptr_t>(list);
}
inline bool gc_list_is_empty(const PyGC_Head* list) { return list->_gc_next == reinterpret_cast<uintptr_t>(list); }
inline void gc_list_append(PyGC_Head* node, PyGC_Head* list) {
    PyGC_Head* last = reinterpret_cast<PyGC_Head*>(list->_gc_prev);
    set_prev(node, last);
    set_next(last, node);
    set_next(node, list);
    list->_gc_prev = reinterpret_cast<uintptr_t>(node);
}
inline void gc_list_remove(PyGC_Head* node) {
    PyGC_Head* prev = gc_prev(node);
    PyGC_Head* next = gc_next(node);
    set_next(prev, next);
    set_prev(next, prev);
    node->_gc_next = 0;
}
// A list head carries no flags; an object's link may (see kNextMaskOldSpace).
inline void gc_list_set_space(PyGC_Head* list, int space) {
    for (PyGC_Head* g = gc_next(list); g != list; g = gc_next(g)) gc_set_old_space(g, space);
}
inline void gc_list_move(PyGC_Head* node, PyGC_Head* list) {
    PyGC_Head* from_prev = gc_prev(node);
    PyGC_Head* from_next = gc_next(node);
    set_next(from_prev, from_next);
    set_prev(from_next, from_prev);
    gc_list_append(node, list);
}
// Appends `from` to the end of `to`; `from` is left empty.
inline void gc_list_merge(PyGC_Head* from, PyGC_Head* to) {
    if (gc_list_is_empty(from)) return;
    PyGC_Head* to_tail = gc_prev(to);
    PyGC_Head* from_head = gc_next(from);
    PyGC_Head* from_tail = gc_prev(from);
    set_next(to_tail, from_head);
    set_prev(from_head, to_tail);
    set_next(from_tail, to);
    set_prev(to, from_tail);
    gc_list_init(from);
}
inline int64_t gc_list_size(const PyGC_Head* list) {
    int64_t n = 0;
    for (const PyGC_Head* g = gc_next(list); g != list; g = gc_next(g)) ++n;
    return n;
}

}  // namespace pymemlab::gc
