// A C-level recursion CPython runs without a recursion check of its own (an iterator that wraps
// another: map, filter, zip, enumerate, each chained 100,000 deep): CPython overflows its C
// stack there and crashes. The lab counts each level as nesting and asks the thread's stack
// guards (ThreadState::native_stack_exhausted: the host's stack, and in WebAssembly the
// engine's), so such a chain ends in RecursionError instead. No fixed limit applies, as none
// does in CPython, and the levels are not counted as CPython's recursion checks are
// (object/recursion.h).
#pragma once

#include "object/recursion.h"
#include "object/runtime.h"

namespace pymemlab {

struct StackDepth {
    ThreadState& ts;
    bool ok;
    explicit StackDepth(Runtime& rt) : ts(rt.tstate()) {
        ++ts.uncounted_depth;
        ok = !ts.native_stack_exhausted();
        if (!ok) set_recursion_error(rt);
    }
    ~StackDepth() { --ts.uncounted_depth; }
    StackDepth(const StackDepth&) = delete;
    StackDepth& operator=(const StackDepth&) = delete;
};

}  // namespace pymemlab
