// Replay: a cursor over a TraceLog with the HeapState at the cursor. Seeking forwards applies
// events; any other seek restores the nearest checkpoint at or below the target and applies
// from there. Checkpoints are copies of the state, taken the first time the cursor passes a
// point: one every `checkpoint_every` events, or further apart while the copies would pin more
// than kCheckpointBytesPerEvent of cloned pages an event (copies share pages, address_map.h).
// So a seek applies at most about max(checkpoint_every, heap bytes / kCheckpointBytesPerEvent)
// events, and the checkpoints cost about that many bytes an event at most.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "trace/heap_state.h"
#include "trace/trace_log.h"

namespace pymemlab::trace {

class Replay {
public:
    static constexpr size_t kDefaultCheckpointEvery = 1 << 18;
    static constexpr size_t kCheckpointBytesPerEvent = 8;

    explicit Replay(const TraceLog& log, size_t checkpoint_every = kDefaultCheckpointEvery);
    ~Replay();  // out of line: the checkpoints' maps are released in one place, not wherever a Replay dies

    // The number of events applied: 0 is before the first event, log.size() after the last.
    size_t position() const { return position_; }
    // Moves to `target` (clamped to log.size()).
    void seek(size_t target);
    const HeapState& state() const { return state_; }
    // Bytes the state and the checkpoints hold (pages they share counted once).
    size_t memory_bytes() const;
    // Events applied since construction (what seeks have cost).
    uint64_t events_applied() const { return applied_; }
    // Forgets every checkpoint (after the log was cleared or a run was replaced).
    void reset();

private:
    struct Checkpoint {
        size_t position = 0;
        HeapState state;
    };
    const TraceLog& log_;
    size_t every_;
    size_t position_ = 0;
    HeapState state_;
    std::vector<Checkpoint> checkpoints_;  // ascending positions; the first at 0
    uint64_t applied_ = 0;

    void forward_to(size_t target);
};

}  // namespace pymemlab::trace
