// The host's native stack, as far as the recursion guard needs it (ThreadState's stack_base and
// stack_budget, runtime.h): how much of it lies below a given point.
#pragma once

#include <cstdint>

namespace pymemlab {

// Bytes of the calling thread's stack between `sp` (an address in the current frame) and the
// stack's lowest usable address, or 0 when the host does not say (WebAssembly, non-glibc hosts).
// On Linux the main thread's figure follows RLIMIT_STACK (`ulimit -s`), so a process started with
// a smaller stack than the usual 8 MiB gets a smaller recursion budget instead of a segfault.
uintptr_t native_stack_room(uintptr_t sp);

// The budget a thread whose guard starts at `sp` gets: the configured one, but never more than half the
// room left below `sp` (the other half is for what runs past the last check: raising
// RecursionError, formatting its traceback, deallocating the unwound frames).
uintptr_t native_stack_budget_at(uintptr_t sp, uintptr_t configured);

}  // namespace pymemlab
