// The object heap checker: on top of the allocator's own check(), every allocated block belongs
// to exactly one owner (a live object, a free-list entry, or a runtime buffer such as 2.7's
// float blocks), every live object's blocks are allocated, and no count is below the number of
// references other live objects hold (tp_traverse). Needs RuntimeOptions::track_objects.
#pragma once

#include "alloc/allocator.h"

namespace pymemlab {

class Runtime;

CheckResult check_heap(const Runtime& rt);
// A model invariant broken between two statements is a bug in the lab, never the snippet's doing:
// check_heap, and on a problem its report naming the line about to start on stderr, and the
// process ends there, as a failed assertion would (LabLimits::check_heap, the CLI's --check-heap).
void check_heap_or_abort(const Runtime& rt, int line);

}  // namespace pymemlab
