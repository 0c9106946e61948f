// The profile table. Each row is checked below by static_assert against the figures that
// ../shared/CPYTHON_FACTS.md gives for that version, so a comment can never drift from a constant.
#include "profile/profile.h"

namespace pymemlab {
namespace {

constexpr uint32_t KiB = 1024;
constexpr uint32_t MiB = 1024 * KiB;
constexpr uint32_t kPoolHeader = 48;  // sizeof(struct pool_header) on a 64-bit build
constexpr int64_t kImmortal312 = 0xFFFFFFFF;         // _Py_IMMORTAL_REFCNT, 3.12 and 3.13
constexpr int64_t kImmortal314 = int64_t{3} << 30;   // _Py_IMMORTAL_INITIAL_REFCNT, 3.14
constexpr int64_t kStatic311 = 999999999;            // _PyObject_IMMORTAL_INIT, 3.11

// Notes on the choice of release within a series:
// - 2.7 is 2.7.18, the final release: bpo-27987 raised ALIGNMENT to 16 and the threshold to 512
//   in 2.7.17 (older 2.7 used 8 and 256). Measured on the pyenv 2.7.18 build.
// - 3.6 is upstream 3.6 (ALIGNMENT 8, 64 size classes); the pyenv 3.6.15 build carries the
//   bpo-27987 backport and so aligns to 16.
// - 3.14 models 3.14.0-3.14.4, the releases that ship the incremental collector.
constexpr Profile kProfiles[] = {
    // name maj min align shift thr arena pool hdr keep-last-arena arena-map immortal static-base
    //     gc-threshold gc-head
    {"2.7", 2, 7, 16, 4, 512, 256 * KiB, 4 * KiB, kPoolHeader, false, false, 0, 0, {700, 10, 10}, 32},
    {"3.6", 3, 6, 8, 3, 512, 256 * KiB, 4 * KiB, kPoolHeader, false, false, 0, 0, {700, 10, 10}, 24},
    {"3.8", 3, 8, 16, 4, 512, 256 * KiB, 4 * KiB, kPoolHeader, false, false, 0, 0, {700, 10, 10}, 16},
    {"3.10", 3, 10, 16, 4, 512, 1 * MiB, 16 * KiB, kPoolHeader, true, true, 0, 0, {700, 10, 10}, 16},
    {"3.11", 3, 11, 16, 4, 512, 1 * MiB, 16 * KiB, kPoolHeader, true, true, 0, kStatic311, {700, 10, 10}, 16},
    {"3.12", 3, 12, 16, 4, 512, 1 * MiB, 16 * KiB, kPoolHeader, true, true, kImmortal312, 0, {700, 10, 10}, 16},
    {"3.13", 3, 13, 16, 4, 512, 1 * MiB, 16 * KiB, kPoolHeader, true, true, kImmortal312, 0, {2000, 10, 10}, 16},
    {"3.14", 3, 14, 16, 4, 512, 1 * MiB, 16 * KiB, kPoolHeader, true, true, kImmortal314, 0, {2000, 10, 0}, 16},
};

constexpr const Profile& row(std::string_view name) {
    for (const Profile& p : kProfiles)
        if (p.name == name) return p;
    return kProfiles[0];
}

// The facts table of CPYTHON_FACTS.md, row by row.
static_assert(row("2.7").nb_small_size_classes() == 32);
static_assert(row("3.6").nb_small_size_classes() == 64);
static_assert(row("3.8").nb_small_size_classes() == 32);
static_assert(row("3.13").nb_small_size_classes() == 32);
static_assert(row("3.8").max_pools_in_arena() == 64);
static_assert(row("3.10").max_pools_in_arena() == 64);
static_assert(!row("3.8").keeps_last_empty_arena && row("3.10").keeps_last_empty_arena);
static_assert(row("3.13").gc_threshold[0] == 2000 && row("3.12").gc_threshold[0] == 700);
static_assert(row("3.14").gc_threshold[2] == 0);
static_assert(row("2.7").gc_head_size == 32 && row("3.6").gc_head_size == 24 &&
              row("3.8").gc_head_size == 16);
// A pool of 16-byte blocks: (4096 - 48) / 16 = 253 blocks; (16384 - 48) / 16 = 1021.
static_assert(row("3.8").blocks_per_pool(0) == 253 && row("3.11").blocks_per_pool(0) == 1021);
static_assert(row("3.13").index_to_size(31) == 512 && row("3.6").index_to_size(63) == 512);
// getrefcount(1): 4294967295 in 3.12 and 3.13, 3221225472 in 3.14; 999999999 + real refs in 3.11.
static_assert(row("3.12").immortal_refcnt == 4294967295 && row("3.14").immortal_refcnt == 3221225472);
static_assert(row("3.11").static_refcnt_base == 999999999 && !row("3.11").has_immortal_objects());
static_assert(row("3.10").at_least(3, 8) && !row("3.8").at_least(3, 10) && !row("2.7").at_least(3, 6) &&
              row("3.14").at_least(3, 14) && row("3.6").at_least(2, 7));

constexpr bool table_is_consistent() {
    for (const Profile& p : kProfiles) {
        if ((1u << p.alignment_shift) != p.alignment) return false;
        if (p.small_request_threshold % p.alignment != 0) return false;
        if (p.arena_size % p.pool_size != 0) return false;
        if (p.pool_overhead % p.alignment != 0) return false;
    }
    return true;
}
static_assert(table_is_consistent());

}  // namespace

std::span<const Profile> all_profiles() { return kProfiles; }

const Profile& default_profile() { return row("3.13"); }

const Profile* find_profile(std::string_view name) {
    for (const Profile& p : kProfiles)
        if (p.name == name) return &p;
    return nullptr;
}

}  // namespace pymemlab
