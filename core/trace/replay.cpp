// Replay::seek: forwards by applying events, backwards by unapplying them or from a checkpoint.
#include "trace/replay.h"

#include <algorithm>

namespace pymemlab::trace {

Replay::Replay(const TraceLog& log, size_t checkpoint_every) : log_(log), every_(std::max<size_t>(checkpoint_every, 1)) {
    checkpoints_.push_back({state_, 0});
}

void Replay::forward_to(size_t target) {
    while (position_ < target) {
        state_.apply(log_, position_, undo_);
        ++position_;
        if (position_ % every_ == 0 && position_ / every_ == checkpoints_.size())
            checkpoints_.push_back({state_, undo_.size()});
    }
}

void Replay::seek(size_t target) {
    target = std::min(target, log_.size());
    if (target >= position_) {
        forward_to(target);
        return;
    }
    const size_t k = std::min(target / every_, checkpoints_.size() - 1);
    const size_t from_checkpoint = target - k * every_;
    if (from_checkpoint < position_ - target) {
        state_ = checkpoints_[k].state;
        undo_.resize(checkpoints_[k].undo_size);
        position_ = k * every_;
        forward_to(target);
        return;
    }
    while (position_ > target) {
        --position_;
        state_.unapply(log_, position_, undo_);
    }
}

size_t Replay::memory_bytes() const {
    auto state_bytes = [](const HeapState& s) {
        return s.objects().capacity() * sizeof(FlatMap<ObjectRecord>::Slot) +
               s.blocks().capacity() * sizeof(FlatMap<uint64_t>::Slot) +
               s.gc_refs().capacity() * sizeof(FlatMap<int32_t>::Slot) + s.names().size() * sizeof(uint64_t);
    };
    size_t n = undo_.capacity() * sizeof(uint64_t) + state_bytes(state_);
    for (const Checkpoint& c : checkpoints_) n += state_bytes(c.state);
    return n;
}

void Replay::reset() {
    state_ = HeapState();
    undo_.clear();
    position_ = 0;
    checkpoints_.clear();
    checkpoints_.push_back({state_, 0});
}

}  // namespace pymemlab::trace
