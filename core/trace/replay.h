// Replay: a cursor over a TraceLog with the HeapState at the cursor. Seeking forwards applies
// events; seeking backwards unapplies them or, when nearer, restores the checkpoint below the
// target (one is kept every `checkpoint_every` events, made the first time the cursor passes it)
// and applies from there: any seek costs at most `checkpoint_every` events.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "trace/heap_state.h"
#include "trace/trace_log.h"

namespace pymemlab::trace {

class Replay {
public:
    static constexpr size_t kDefaultCheckpointEvery = 1 << 19;

    explicit Replay(const TraceLog& log, size_t checkpoint_every = kDefaultCheckpointEvery);

    // The number of events applied: 0 is before the first event, log.size() after the last.
    size_t position() const { return position_; }
    // Moves to `target` (clamped to log.size()).
    void seek(size_t target);
    const HeapState& state() const { return state_; }
    // Bytes the checkpoints and the undo stack hold.
    size_t memory_bytes() const;
    // Forgets checkpoints past the log's end (after the log was cleared or a run was replaced).
    void reset();

private:
    struct Checkpoint {
        HeapState state;
        size_t undo_size = 0;
    };
    const TraceLog& log_;
    size_t every_;
    size_t position_ = 0;
    HeapState state_;
    std::vector<uint64_t> undo_;
    std::vector<Checkpoint> checkpoints_;  // checkpoints_[k] is the state at k * every_

    void forward_to(size_t target);
};

}  // namespace pymemlab::trace
