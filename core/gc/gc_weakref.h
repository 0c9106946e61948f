// handle_weakrefs for the collector (Python/gc.c): weak references to objects about to be
// collected are cleared before any finalizer can see them; a cleared weakref's callback runs
// only when the weakref object itself is not part of the garbage.
#pragma once

#include <cstdint>

#include "object/gc_head.h"

namespace pymemlab {

class Runtime;

namespace gc {

// Returns how many weakref objects the callbacks freed (collect() counts them as collected).
int64_t gc_handle_weakrefs(Runtime& rt, PyGC_Head* unreachable, PyGC_Head* old);

}  // namespace gc
}  // namespace pymemlab
