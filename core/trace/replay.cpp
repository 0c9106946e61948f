// Replay::seek: forwards by applying events, otherwise from the checkpoint below the target.
#include "trace/replay.h"

#include <algorithm>

namespace pymemlab::trace {

Replay::Replay(const TraceLog& log, size_t checkpoint_every) : log_(log), every_(std::max<size_t>(checkpoint_every, 1)) {
    reset();
}

Replay::~Replay() = default;

void Replay::forward_to(size_t target) {
    while (position_ < target) {
        // A checkpoint may be taken only at last + k * every_ (k >= 1): apply up to the next
        // such point at once.
        const size_t last = checkpoints_.back().position;
        const size_t next = position_ < last ? last + every_ : last + ((position_ - last) / every_ + 1) * every_;
        const size_t stop = std::min(target, next);
        state_.apply(log_, position_, stop);
        applied_ += stop - position_;
        position_ = stop;
        // A new checkpoint only once the pages cloned since the last one are paid for by the
        // events between them.
        if (position_ != next || state_.cloned_bytes() > kCheckpointBytesPerEvent * (position_ - last)) continue;
        checkpoints_.push_back({position_, state_});
        state_.take_cloned_bytes();
    }
}

void Replay::seek(size_t target) {
    target = std::min(target, log_.size());
    auto above = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), target,
                                  [](size_t p, const Checkpoint& c) { return p < c.position; });
    const Checkpoint& below = *(above - 1);  // checkpoints_[0] is at 0
    if (target < position_ || below.position > position_) {
        state_ = below.state;
        position_ = below.position;
        state_.take_cloned_bytes();
    }
    forward_to(target);
}

size_t Replay::memory_bytes() const {
    std::vector<std::pair<const void*, size_t>> pages;
    size_t n = state_.table_bytes(pages) + checkpoints_.capacity() * sizeof(Checkpoint);
    for (const Checkpoint& c : checkpoints_) n += c.state.table_bytes(pages);
    std::sort(pages.begin(), pages.end());
    pages.erase(std::unique(pages.begin(), pages.end()), pages.end());
    for (const auto& page : pages) n += page.second;
    return n;
}

void Replay::reset() {
    state_ = HeapState(log_.granule_bits());
    position_ = 0;
    checkpoints_.clear();
    checkpoints_.push_back({0, state_});
}

}  // namespace pymemlab::trace
