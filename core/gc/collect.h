// When the collector runs and what surrounds a run (Python/gc.c's gc_collect_main,
// collect_with_callback, gc_collect_generations): counts, the full-collection rule, statistics,
// DEBUG_* output and gc.callbacks. One run is a gc::Collection (collector.h).
#pragma once

#include <cstdint>

namespace pymemlab {

class Runtime;

// gc.collect(generation): a whole collection with callbacks, stats and debug output. Returns
// the unreachable objects found (CPython's n + m); 0 when a collection is already running.
int64_t gc_collect(Runtime& rt, int generation);
// _PyGC_CollectNoFail: the interpreter's exit collects the oldest generation whether or not
// collection is enabled, with debug output and statistics but without gc.callbacks. Returns
// what gc_collect returns.
int64_t gc_collect_no_fail(Runtime& rt);
// The automatic collection (up to 3.11 inside the allocation that crossed threshold 0): the
// oldest generation whose count passed its threshold, subject to the long-lived rule.
void gc_collect_generations(Runtime& rt);
// 3.12+: the eval breaker's check: runs gc_collect_generations if an allocation scheduled one.
void gc_run_scheduled(Runtime& rt);
// gc.freeze / gc.unfreeze / gc.get_freeze_count (3.7+).
void gc_freeze(Runtime& rt);
void gc_unfreeze(Runtime& rt);
int64_t gc_freeze_count(Runtime& rt);
// Frees what the free lists keep (full collections; which lists per version in collect.cpp).
void gc_clear_freelists(Runtime& rt);

}  // namespace pymemlab
