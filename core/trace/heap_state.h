// HeapState: what memory looks like at one point of a trace — live blocks, objects with their
// reference counts and tracking, the names of __main__, the collector's counts and phase, the
// output's length — rebuilt from events alone, by applying them in order. Replay (replay.h)
// moves one through a TraceLog, keeping copies to restart from; the Lab turns it into a Snapshot.
// Its maps are AddressMaps: a copy shares their pages until one side writes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "trace/event.h"
#include "trace/address_map.h"

namespace pymemlab::trace {

class TraceLog;

// One object as the trace knows it. An object that existed before the trace began (a static
// type, None, a small int, the builtins) is "foreign": the trace saw only changes to it, so its
// refcnt is a delta from its count when tracing began, and its type is kNoType.
struct ObjectRecord {
    static constexpr uint32_t kNoType = (1u << 24) - 1;  // type indexes are 24-bit payloads
    static constexpr uint8_t kBorn = 1;     // made while tracing (ObjectNew): refcnt is absolute
    static constexpr uint8_t kTracked = 2;  // in a GC generation
    static constexpr uint8_t kImmortal = 4; // 3.12+: the count no longer moves (Immortalize)
    uint32_t type : 24 = kNoType;
    uint32_t flags : 8 = 0;
    int32_t refcnt = 0;
    bool operator==(const ObjectRecord&) const = default;
};
static_assert(sizeof(ObjectRecord) == 8, "a page of records is read whole by every snapshot");

struct GcView {
    static constexpr int kGenerations = 3;
    int64_t count[kGenerations] = {0, 0, 0};  // gc.get_count(), as the trace followed it
    bool collecting = false;
    uint32_t generation = 0;  // being collected, or last collected
    uint32_t phase = 0;       // gc::Phase while collecting
    uint64_t collections = 0;
    uint64_t last_collected = 0;
    bool operator==(const GcView&) const = default;
};

// Invariants (checked by the tests through operator==): a foreign record with refcnt 0 and no
// flags is erased, and unbound names at the end of names() are dropped, so the state at a
// position has one form, whichever checkpoint it was replayed from.
class HeapState {
public:
    // Addresses in the trace are multiples of 2^granule_bits (TraceLog::granule_bits).
    explicit HeapState(unsigned granule_bits = 3)
        : objects_(granule_bits), blocks_(granule_bits), gc_refs_(granule_bits) {}
    // Out of line, so that the maps' copies and releases are emitted once (the module's size).
    HeapState(const HeapState&);
    HeapState& operator=(const HeapState&);
    HeapState(HeapState&&) noexcept;
    HeapState& operator=(HeapState&&) noexcept;
    ~HeapState();

    // Applies the events [from, to) of `log`, from being the next one after those applied so far.
    void apply(const TraceLog& log, size_t from, size_t to);

    const AddressMap<ObjectRecord>& objects() const { return objects_; }
    const AddressMap<uint64_t>& blocks() const { return blocks_; }  // address -> size
    const AddressMap<int32_t>& gc_refs() const { return gc_refs_; }  // during a collection
    // Arenas mapped (their first bytes, ascending): ArenaNew adds one, ArenaFree removes it.
    const std::vector<uint64_t>& arenas() const { return arenas_; }
    // __main__'s names: index (TraceLog::name) -> id, 0 when unbound (possibly shorter than the
    // name table: names past its end are unbound).
    const std::vector<uint64_t>& names() const { return names_; }
    const GcView& gc() const { return gc_; }
    uint64_t bytes_in_use() const { return bytes_in_use_; }
    uint64_t output_bytes() const { return output_bytes_; }
    uint32_t line() const { return line_; }
    uint32_t depth() const { return depth_; }

    bool operator==(const HeapState&) const = default;

    // Bytes of the state's own tables; its maps' pages go to `pages` with their sizes, for the
    // caller to count each once (copies share them, address_map.h).
    size_t table_bytes(std::vector<std::pair<const void*, size_t>>& pages) const;
    // Bytes of pages cloned since take_cloned_bytes() last ran: what a copy taken then has come
    // to cost alone; take_cloned_bytes() also starts counting again.
    size_t cloned_bytes() const;
    size_t take_cloned_bytes();

private:
    AddressMap<ObjectRecord> objects_;
    AddressMap<uint64_t> blocks_;
    AddressMap<int32_t> gc_refs_;
    std::vector<uint64_t> arenas_;
    std::vector<uint64_t> names_;
    GcView gc_;
    uint64_t bytes_in_use_ = 0;
    uint64_t output_bytes_ = 0;
    uint32_t line_ = 0;
    uint32_t depth_ = 0;

    // Changes the record of `id` (made when absent), then erases it if it is a foreign record
    // that no longer says anything.
    template <class F>
    void update(uint64_t id, F change);
    void apply_one(const TraceLog& log, size_t index, Event e);
    void trim_names();  // unbound names at the end are dropped: one form per state
    void add_arena(uint64_t address);
    void remove_arena(uint64_t address);
};

}  // namespace pymemlab::trace
