// Freed-block poisoning: a debug build fills freed blocks with PYMEM_DEADBYTE (0xDD) as CPython's
// debug allocator does, and an AddressSanitizer build marks them unaddressable, so a use after
// free in the model is caught where it happens. Both compile to nothing in a release build.
#pragma once

#include <cstddef>
#include <cstring>

#if defined(__SANITIZE_ADDRESS__)
#define PYMEMLAB_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PYMEMLAB_ASAN 1
#endif
#endif

#ifdef PYMEMLAB_ASAN
#include <sanitizer/asan_interface.h>
#endif

namespace pymemlab {

constexpr unsigned char kDeadByte = 0xDD;  // PYMEM_DEADBYTE

inline void poison(void* p, size_t n) {
#ifndef NDEBUG
    std::memset(p, kDeadByte, n);
#endif
#ifdef PYMEMLAB_ASAN
    ASAN_POISON_MEMORY_REGION(p, n);
#endif
    (void)p;
    (void)n;
}

inline void unpoison(void* p, size_t n) {
#ifdef PYMEMLAB_ASAN
    ASAN_UNPOISON_MEMORY_REGION(p, n);
#endif
    (void)p;
    (void)n;
}

}  // namespace pymemlab
