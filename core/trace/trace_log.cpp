// TraceLog's side tables and the event kinds' names.
#include "trace/trace_log.h"

#include <algorithm>

namespace pymemlab::trace {

const char* event_kind_name(EventKind kind) {
    static constexpr const char* kNames[] = {
        "alloc",  "free",   "object_new", "object_dead", "incref",  "decref",   "track",     "untrack",    "line",
        "output", "bind",   "gc_start",   "gc_phase",    "gc_refs", "gc_done",  "gc_count", "retype", "immortalize",
        "arena_new", "arena_free", "external_refs"};
    static_assert(sizeof kNames / sizeof kNames[0] == static_cast<size_t>(EventKind::Count));
    return kNames[static_cast<size_t>(kind)];
}

void TraceLog::push_block(EventKind kind, uint64_t block, size_t size, bool gen_zero) {
    const uint32_t flag = gen_zero ? kGenZeroFlag : 0;
    if (size >= kSizeMask) {
        if (size_ < capacity_) big_sizes_[size_] = size;
        push(kind, block, kSizeMask | flag);
    } else {
        push(kind, block, static_cast<uint32_t>(size) | flag);
    }
}

bool TraceLog::grow() {
    const size_t room = words_.size();
    if (room >= capacity_) {
        truncated_ = true;
        return false;
    }
    const size_t grown = std::min(capacity_, std::max<size_t>(room * 2, 1 << 16));
    words_.resize(grown);
    addrs_.resize(grown);
    word_data_ = words_.data();
    addr_data_ = addrs_.data();
    room_ = words_.size();
    return true;
}

size_t TraceLog::big_size(size_t i) const {
    auto it = big_sizes_.find(i);
    return it == big_sizes_.end() ? kSizeMask : it->second;
}

size_t TraceLog::memory_bytes() const {
    size_t n = words_.memory_bytes(size_) + addrs_.memory_bytes(size_);
    n += big_sizes_.size() * 32;
    return n + types_.memory_bytes() + names_.memory_bytes();
}

void TraceLog::clear() {
    truncated_ = false;
    size_ = 0;
    big_sizes_.clear();
}

}  // namespace pymemlab::trace
