// 3.14.1-3.14.4's incremental collector (Python/gc.c of the 3.14 branch): a
// young generation and two old spaces, `visited` and `pending`. gc.collect(0)
// collects young into visited; an increment (gc.collect(1), and every automatic
// collection) collects young plus a slice of pending; a full collection
// (gc.collect()) collects everything. Each is a gc::Collection whose region
// this file assembles (start) and whose bookkeeping it does (finish);
// collect.cpp wraps them.
#pragma once

#include <cstdint>

#include "object/gc_head.h"

namespace pymemlab {

class Runtime;

namespace gc {

// The 3.14 profile runs this collector; the others the generational one.
bool gc_is_incremental(const Runtime& rt);
// GEN_HEAD: 0 young, 1 the visited old space, 2 the pending one.
PyGC_Head* gen_head(Runtime& rt, int n);
// gc.get_count(): young.count, old[visited].count, old[pending].count.
int64_t gen_count(const Runtime& rt, int n);

// _PyObject_GC_TRACK / _PyObject_GC_UNTRACK of 3.14.1+: an object joins young
// in the pending space; young.count and heap_size count tracked objects, and
// crossing the young threshold schedules a collection for the next eval-breaker
// check.
void incremental_on_track(Runtime& rt, PyGC_Head* g);
void incremental_on_untrack(Runtime& rt);

// gc_collect_increment's opening: adds the work the new objects bring; false
// when this increment collects nothing (work still owed from before, or the
// scavenge's marking step ran instead).
bool incremental_begin_increment(Runtime& rt);
// Moves the collection's objects to `region` (young; young plus a slice of
// pending and what it reaches; or for generation 2 everything, in place in the
// visited list: then *from = *to). Returns the increment's size for
// gc_collect_increment's accounting.
int64_t incremental_region(Runtime& rt, int generation, PyGC_Head* region, PyGC_Head** from, PyGC_Head** to);
// After the collection: counts, work left, and the end of a scavenge
// (completed_scavenge).
void incremental_finish(Runtime& rt, int generation, int64_t increment_size);

// gc.freeze() / gc.unfreeze() of 3.14: the permanent generation counts as
// visited.
void incremental_freeze(Runtime& rt);
void incremental_unfreeze(Runtime& rt);

}  // namespace gc
}  // namespace pymemlab
