// PyGC_Head: the header before every object of a GC type (Include/internal/pycore_gc.h). Its
// modelled size is the profile's gc_head_size: 32 bytes in 2.7 (three words padded to a long
// double), 24 in 3.6-3.7 (gc_next, gc_prev, gc_refs), 16 from 3.8 (two words; gc_refs and flags
// live in _gc_prev during a collection). The host struct uses the first 16 bytes of that room.
#pragma once

#include <cstdint>

#include "object/object.h"

namespace pymemlab {

struct PyGC_Head {
    uintptr_t _gc_next;  // next in its generation's list; 0 when untracked
    uintptr_t _gc_prev;  // previous in the list (plus flag bits during a collection)
};
static_assert(sizeof(PyGC_Head) <= 16);

}  // namespace pymemlab
