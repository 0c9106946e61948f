// The memory events the lab records while a snippet runs: what the allocator, the reference
// counts, the collector and the interpreter did, in order. TraceLog (trace_log.h) stores them;
// HeapState (heap_state.h) replays them forwards and backwards; Replay (replay.h) seeks.
#pragma once

#include <cstdint>

namespace pymemlab::trace {

// What each kind's two fields hold. `addr` is always a modelled address (what id() shows, or
// a block's address); `arg` is a 24-bit payload.
enum class EventKind : uint8_t {
    Alloc,       // addr: block; arg: request size (kArgMax: see TraceLog::big_size); flag: gen-0 count +1
    Free,        // addr: block (its size is its Alloc's); flag: gen-0 count -1
    ObjectNew,   // addr: id; arg: type index (TraceLog::type_name). A block becomes an object with
                 // refcount 1, freshly or revived from a free list.
    ObjectDead,  // addr: id; the object's block is about to be freed (free_object)
    Incref,      // addr: id
    Decref,      // addr: id
    Track,       // addr: id; PyObject_GC_Track
    Untrack,     // addr: id
    Line,        // addr: frame depth (0: the module); arg: line number
    Output,      // addr: bytes written to stdout and stderr so far
    Bind,        // addr: id bound (0: unbound); arg: name index (TraceLog::name) in __main__
    GcStart,     // arg: the generation collected
    GcPhase,     // arg: gc::Phase, once the collection has run it (its GcRefs come just before)
    GcRefs,      // addr: id; arg: its gc_refs once update_refs/subtract_refs have run (biased)
    GcDone,      // addr: objects collected
    GcCount,     // addr: the count's new value; arg: generation (gc.get_count() after a collection)
    Retype,      // addr: id; arg: the type index the object now has (a struct sequence made as a tuple)
    Immortalize, // addr: id; the count becomes the profile's immortal value (3.12+ interned strings)
    ArenaNew,    // addr: the arena's first byte; before the Alloc of the block that needed it
    ArenaFree,   // addr: the arena's first byte; after the Free that emptied it
    ExternalRefs,  // addr: id; arg: references held outside the model added to its count (biased
                   // like GcRefs; negative when taken back): CPython's start-up (profile/startup_refs.h)
    Count
};

constexpr uint32_t kArgBits = 24;
constexpr uint32_t kArgMask = (1u << kArgBits) - 1;
// Alloc and Free keep the gen-0 flag in the payload's top bit; sizes use the 23 below it.
constexpr uint32_t kGenZeroFlag = 1u << (kArgBits - 1);
constexpr uint32_t kSizeMask = kGenZeroFlag - 1;
// gc_refs may be negative mid-collection in a broken heap; they are stored biased, and so are
// ExternalRefs' signed counts.
constexpr int32_t kGcRefsBias = 1 << (kArgBits - 1);
static_assert(static_cast<uint32_t>(EventKind::Count) <= 256, "the kind lives in a word's top byte");

struct Event {
    EventKind kind;
    uint32_t arg;
    uint64_t addr;
};

// A word of the log: the kind in the top 8 bits, the payload in the low 24.
constexpr uint32_t pack_word(EventKind kind, uint32_t arg) {
    return static_cast<uint32_t>(kind) << kArgBits | (arg & kArgMask);
}
constexpr EventKind word_kind(uint32_t word) { return static_cast<EventKind>(word >> kArgBits); }
constexpr uint32_t word_arg(uint32_t word) { return word & kArgMask; }

const char* event_kind_name(EventKind kind);

}  // namespace pymemlab::trace
