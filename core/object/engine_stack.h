// The WebAssembly engine's call stack: where every wasm frame lives, apart from the shadow stack
// in linear memory that ThreadState's stack guard watches. The engine allows a fixed size (984 KB
// in Node, about 510 KB in a Chromium worker, where the page runs the lab) and ends the whole
// module with RangeError past it, so a recursion must stop before. A Python function called by
// CALL holds none of it (the evaluation loop runs its frame in place of the caller's); one that
// C code calls does: about 1,700 bytes through a __getattr__ hook, more through exec.
// No wasm instruction reads the engine's stack pointer; the engine is asked instead, by a
// JavaScript function that recurses until RangeError and counts its frames (about 0.2 ms).
#pragma once

#include <cstdint>

namespace pymemlab {

// When to ask the engine. Counted in nesting (Python frames plus C-level recursions, each check
// point of the recursion guard adding one) and in the probe's frames. Between two questions a
// descent may take at most the room the last answer left above the reserve, at the worst
// cost per nesting level; a return below the point of that answer spends the allowance, since
// the new path down may be fatter. So a program far from the engine's limit is never probed,
// and one near it is probed ever more often, until the room left is the reserve.
// Natively the class does nothing: the host's stack is the one ThreadState's guard watches.
class EngineStack {
public:
    // Measures the room the engine has from here, the scale of the checks below (WebAssembly).
    void start();
    // Whether a call at `nesting` must not go deeper: the engine's room left is under the
    // reserve (a 32nd of the whole, for raising RecursionError and unwinding).
    bool exhausted(int nesting) {
        if (nesting < low_) low_ = nesting;
        return room0_ != 0 && nesting >= low_ + allowance_ && ask(nesting);
    }

private:
    bool ask(int nesting);
    int64_t room0_ = 0;   // probe frames free at start(); 0: not measured (native builds)
    int low_ = 0;         // the lowest nesting checked since the last answer
    int allowance_ = 0;   // nesting levels that may follow low_ before the next question
};

}  // namespace pymemlab
