// Start-up references: what CPython's own start-up (site, encodings, io, codecs, abc and the
// other modules a `python FILE` run has loaded before the script's first line) holds on the
// shared objects, beyond what the lab's smaller interpreter holds itself. Up to 3.11 these are
// ordinary counts, so `sys.getrefcount(1)` or `sys.getrefcount(None)` read in the hundreds or
// thousands; from 3.12 the objects are immortal and this table has no row.
// Measured by tests/cpython/startup_refs.py (a `python FILE` run, PYTHONHASHSEED=0,
// LC_ALL=C.UTF-8), which also checks the lab against CPython; read startup_refs.cpp for the table.
#pragma once

#include <cstdint>

#include "profile/profile.h"

namespace pymemlab {

// Invariant: a count here is CPython's getrefcount of the object in the probe script minus the
// lab's own count there, so the lab's count plus it is CPython's. None's varies by a few dozen
// between CPython runs (it depends on the hash seed); the others do not.
struct StartupRefs {
    static constexpr int kSmallIntFirst = -5;
    static constexpr int kSmallInts = 262;  // -5 .. 256
    uint16_t none, true_, false_, ellipsis, not_implemented, empty_tuple, empty_str;
    uint16_t small_ints[kSmallInts];
    // The one-character strs chr(0) .. chr(127) (3.x's latin-1 cache, 2.7's characters; CPython's
    // start-up holds none past them): those it made, the lab makes on first use (up to 3.10),
    // and adds the count then (Runtime::note_char_made).
    static constexpr int kChars = 128;
    uint16_t latin1[kChars];
};

// The profile's row, or nullptr where the shared objects are immortal (3.12+).
const StartupRefs* startup_refs(const Profile& p);

}  // namespace pymemlab
