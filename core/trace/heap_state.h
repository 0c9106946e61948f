// HeapState: what memory looks like at one point of a trace — live blocks, objects with their
// reference counts and tracking, the names of __main__, the collector's counts and phase, the
// output's length — rebuilt from events alone, forwards (apply) and backwards (unapply).
// Replay (replay.h) moves one through a TraceLog; the Lab turns it into a Snapshot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "trace/event.h"
#include "trace/flat_map.h"

namespace pymemlab::trace {

class TraceLog;

// One object as the trace knows it. An object that existed before the trace began (a static
// type, None, a small int, the builtins) is "foreign": the trace saw only changes to it, so its
// refcnt is a delta from its count when tracing began, and its type is kNoType.
struct ObjectRecord {
    static constexpr uint32_t kNoType = UINT32_MAX;
    static constexpr uint8_t kBorn = 1;     // made while tracing (ObjectNew): refcnt is absolute
    static constexpr uint8_t kTracked = 2;  // in a GC generation
    static constexpr uint8_t kImmortal = 4; // 3.12+: the count no longer moves (Immortalize)
    uint32_t type = kNoType;
    int32_t refcnt = 0;
    uint8_t flags = 0;
    bool operator==(const ObjectRecord&) const = default;
};

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
// flags is erased, so the state after apply(e) then unapply(e) equals the state before, and the
// state at a position is the same whichever way it was reached. `undo` holds what destructive
// events overwrote; apply pushes and unapply pops, so its length is a function of the position.
class HeapState {
public:
    void apply(const TraceLog& log, size_t index, std::vector<uint64_t>& undo);
    void unapply(const TraceLog& log, size_t index, std::vector<uint64_t>& undo);

    const FlatMap<ObjectRecord>& objects() const { return objects_; }
    const FlatMap<uint64_t>& blocks() const { return blocks_; }  // address -> size
    const FlatMap<int32_t>& gc_refs() const { return gc_refs_; }  // during a collection
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

private:
    FlatMap<ObjectRecord> objects_;
    FlatMap<uint64_t> blocks_;
    FlatMap<int32_t> gc_refs_;
    std::vector<uint64_t> arenas_;
    std::vector<uint64_t> names_;
    GcView gc_;
    uint64_t bytes_in_use_ = 0;
    uint64_t output_bytes_ = 0;
    uint32_t line_ = 0;
    uint32_t depth_ = 0;

    ObjectRecord& record(uint64_t id) { return objects_[id]; }
    void settle(uint64_t id);  // erases a foreign record that no longer says anything
    void trim_names();         // unbound names at the end are dropped: one form per state
    void add_refcnt(uint64_t id, int32_t delta);
    void set_flag(uint64_t id, uint8_t flag, bool on);
    void add_arena(uint64_t address);
    void remove_arena(uint64_t address);
};

}  // namespace pymemlab::trace
