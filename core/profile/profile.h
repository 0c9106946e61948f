// Profiles: one table of per-version constants, each row fixing what ../shared/CPYTHON_FACTS.md
// lists for one CPython version. Everything version-dependent in core/ reads it from here;
// nothing else in the tree spells a version number. Read profile.cpp for the table itself.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace pymemlab {

struct Profile {
    std::string_view name;  // what users type: "3.13"
    int major;
    int minor;

    // ---- pymalloc (Objects/obmalloc.c) -------------------------------------------------------
    uint32_t alignment;                // ALIGNMENT: every block size is a multiple of it
    uint32_t alignment_shift;          // ALIGNMENT_SHIFT = log2(ALIGNMENT)
    uint32_t small_request_threshold;  // SMALL_REQUEST_THRESHOLD: larger requests go to malloc
    uint32_t arena_size;               // ARENA_SIZE: bytes mmapped at a time
    uint32_t pool_size;                // POOL_SIZE: one size class per pool
    uint32_t pool_overhead;            // POOL_OVERHEAD: the pool header, 48 bytes everywhere
    bool keeps_last_empty_arena;       // bpo-37257 (3.9): an empty arena at the tail survives
    bool has_arena_map;                // WITH_PYMALLOC_RADIX_TREE (3.10): address_in_range by radix tree

    // ---- reference counts (Include/object.h) --------------------------------------------------
    // 3.12+: immortal objects carry this count and Py_INCREF/Py_DECREF leave it alone
    // (_Py_IMMORTAL_REFCNT: UINT32_MAX in 3.12 and 3.13; 3 << 30 in 3.14); 0 before 3.12.
    int64_t immortal_refcnt;
    // 3.11: statically allocated objects (small ints, (), '', one-character strings) start at
    // this count and are counted normally from there (_PyObject_IMMORTAL_INIT); 0 elsewhere.
    int64_t static_refcnt_base;

    // ---- cycle collector (Modules/gcmodule.c, Python/gc.c) -----------------------------------
    int gc_threshold[3];    // gc.get_threshold()
    uint32_t gc_head_size;  // sizeof(PyGC_Head): precedes every tracked container

    // Derived, never written in the table: major and minor as one number (3.11 -> 311), so
    // at_least, asked on every hot path of the object layer, is a single comparison.
    int version_number = major * 100 + minor;

    constexpr bool has_immortal_objects() const { return immortal_refcnt != 0; }
    constexpr uint32_t nb_small_size_classes() const {
        return small_request_threshold >> alignment_shift;
    }
    constexpr uint32_t max_pools_in_arena() const { return arena_size / pool_size; }
    // INDEX2SIZE: the block size of size class `szidx`.
    constexpr uint32_t index_to_size(uint32_t szidx) const { return (szidx + 1) << alignment_shift; }
    // The size class of a request of 1..SMALL_REQUEST_THRESHOLD bytes.
    constexpr uint32_t size_to_index(uint32_t nbytes) const { return (nbytes - 1) >> alignment_shift; }
    // NUMBLOCKS: blocks a pool of size class `szidx` holds.
    constexpr uint32_t blocks_per_pool(uint32_t szidx) const {
        return (pool_size - pool_overhead) / index_to_size(szidx);
    }
    constexpr bool at_least(int maj, int min) const { return version_number >= maj * 100 + min; }
};

// Every profile, oldest first.
std::span<const Profile> all_profiles();
// The profile users get when they name none: 3.13.
const Profile& default_profile();
// The profile called `name` ("3.12"), or nullptr.
const Profile* find_profile(std::string_view name);

}  // namespace pymemlab
