// The object heap checker: on top of the allocator's own check(), every allocated block belongs
// to exactly one owner (a live object, a free-list entry, or a runtime buffer such as 2.7's
// float blocks), every live object's blocks are allocated, and no count is below the number of
// references other live objects hold (tp_traverse). Needs RuntimeOptions::track_objects.
#pragma once

#include "alloc/allocator.h"

namespace pymemlab {

class Runtime;

CheckResult check_heap(const Runtime& rt);

}  // namespace pymemlab
