// engine_stack.h: when to put the question to the WebAssembly engine (engine_stack.js asks it).
#include "object/engine_stack.h"

#ifdef __EMSCRIPTEN__
// engine_stack.js, linked with every program that links the core under Emscripten.
extern "C" int pymemlab_engine_stack_frames(void);
#endif

namespace pymemlab {

namespace {

// The reserve, and the most one nesting level may hold, as fractions of the room at start():
// a 32nd (31 KB of Node's 984, 16 KB of a Chromium worker's 510), for what runs past the last
// check (raising RecursionError, a trashcan's 50 nested deallocations), and a 256th (3.8 KB,
// 2 KB; a plain call holds 0.5 KB (0.6 once V8 has optimized the interpreter), one through a
// __getattr__ hook 1.7 KB over three levels). A worker's stack holds fewer plain calls than
// CPython's limit of 1,000: cpydiff/recursion_native_stack.md.
constexpr int64_t kReserveDivisor = 32;
constexpr int64_t kLevelDivisor = 256;

int64_t engine_stack_frames() {
#ifdef __EMSCRIPTEN__
    return pymemlab_engine_stack_frames();
#else
    return 0;
#endif
}

}  // namespace

void EngineStack::start() {
    room0_ = engine_stack_frames();
    low_ = 0;
    allowance_ = static_cast<int>(kLevelDivisor - kLevelDivisor / kReserveDivisor);
}

bool EngineStack::ask(int nesting) {
    const int64_t above_reserve = engine_stack_frames() - room0_ / kReserveDivisor;
    const auto levels = above_reserve * kLevelDivisor / room0_;
    if (levels < 1) return true;
    low_ = nesting;
    allowance_ = static_cast<int>(levels);
    return false;
}

}  // namespace pymemlab
