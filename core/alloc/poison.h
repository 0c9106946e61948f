// Block poisoning, as CPython's debug allocator does it: a debug build fills freed blocks with
// PYMEM_DEADBYTE (0xDD) and blocks it hands out (all of the block, the slack past the request
// too) with PYMEM_CLEANBYTE (0xCD), so a read of memory nobody wrote sees the same bytes on
// every machine, not what the host's memory held; an AddressSanitizer build marks freed blocks
// unaddressable, and the slack past a live block's request too, so a use after free or a read
// past an object in the model is caught where it happens. All of it
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
#ifdef PYMEMLAB_ASAN
    ASAN_UNPOISON_MEMORY_REGION(p, n);  // the slack past the request was unaddressable
#endif
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

// A block of `block_size` bytes given out for a request of `nbytes`: under AddressSanitizer only
// the request is addressable, so reading or writing past the object a caller asked for, into
// the size class's slack, is caught as CPython's debug allocator catches it with its
// FORBIDDENBYTE pads.
inline void limit_to_request(void* block, size_t block_size, size_t nbytes) {
#ifdef PYMEMLAB_ASAN
    ASAN_POISON_MEMORY_REGION(block, block_size);
    ASAN_UNPOISON_MEMORY_REGION(block, nbytes);
#endif
    (void)block;
    (void)block_size;
    (void)nbytes;
}

}  // namespace pymemlab
