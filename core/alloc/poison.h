// Block poisoning, as CPython's debug allocator does it: a debug build fills freed blocks with
// PYMEM_DEADBYTE (0xDD) and blocks it hands out (all of the block, the slack past the request
// too) with PYMEM_CLEANBYTE (0xCD), so a read of memory nobody wrote sees the same bytes on
// every machine, not what the host's memory held; an AddressSanitizer build marks freed blocks
// unaddressable, so a use after free in the model is caught where it happens. All of it
// compiles to nothing in a release build.
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

constexpr unsigned char kDeadByte = 0xDD;   // PYMEM_DEADBYTE
constexpr unsigned char kCleanByte = 0xCD;  // PYMEM_CLEANBYTE

// A block just handed out by malloc (not calloc), n bytes of it.
inline void fill_clean(void* p, size_t n) {
#ifndef NDEBUG
    std::memset(p, kCleanByte, n);
#endif
    (void)p;
    (void)n;
}

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
