// native_stack.h and ThreadState's stack guard: the thread's stack bounds from
// pthread_getattr_np where glibc provides it.
#include "object/native_stack.h"

#include "object/runtime.h"

#include <algorithm>

#if defined(__linux__) && defined(__GLIBC__) && !defined(__EMSCRIPTEN__)
#include <pthread.h>
#define PYMEMLAB_HAVE_GETATTR_NP 1
#endif

namespace pymemlab {

uintptr_t native_stack_room(uintptr_t sp) {
#ifdef PYMEMLAB_HAVE_GETATTR_NP
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
    void* low = nullptr;
    size_t size = 0;
    const int got = pthread_attr_getstack(&attr, &low, &size);
    size_t guard = 0;
    pthread_attr_getguardsize(&attr, &guard);
    pthread_attr_destroy(&attr);
    if (got != 0 || low == nullptr) return 0;
    // The guard page(s) at the low end are part of the reported range but not usable.
    const uintptr_t lowest = reinterpret_cast<uintptr_t>(low) + guard;
    return sp > lowest ? sp - lowest : 0;
#else
    (void)sp;
    return 0;
#endif
}

uintptr_t native_stack_budget_at(uintptr_t sp, uintptr_t configured) {
    const uintptr_t room = native_stack_room(sp);
    return room == 0 ? configured : std::min(configured, room / 2);
}

void ThreadState::start_stack_guard(uintptr_t budget) {
    char here = 0;
    stack_base = reinterpret_cast<uintptr_t>(&here);
    stack_budget = native_stack_budget_at(stack_base, budget);
    engine_stack.start();
}

}  // namespace pymemlab
