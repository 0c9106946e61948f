// HeapState::apply: each event's effect on the state.
#include "trace/heap_state.h"

#include <algorithm>

#include "trace/trace_log.h"

namespace pymemlab::trace {

HeapState::HeapState(const HeapState&) = default;
HeapState& HeapState::operator=(const HeapState&) = default;
HeapState::HeapState(HeapState&&) noexcept = default;
HeapState& HeapState::operator=(HeapState&&) noexcept = default;
HeapState::~HeapState() = default;

template <class F>
void HeapState::update(uint64_t id, F change) {
    ObjectRecord& r = objects_[id];
    change(r);
    if (r.flags == 0 && r.refcnt == 0 && r.type == ObjectRecord::kNoType) objects_.erase(id);
}

void HeapState::trim_names() {
    while (!names_.empty() && names_.back() == 0) names_.pop_back();
}

void HeapState::add_arena(uint64_t address) {
    arenas_.insert(std::lower_bound(arenas_.begin(), arenas_.end(), address), address);
}

void HeapState::remove_arena(uint64_t address) {
    auto it = std::lower_bound(arenas_.begin(), arenas_.end(), address);
    if (it != arenas_.end() && *it == address) arenas_.erase(it);
}

size_t HeapState::table_bytes(std::vector<std::pair<const void*, size_t>>& pages) const {
    return objects_.table_bytes(pages) + blocks_.table_bytes(pages) + gc_refs_.table_bytes(pages) +
           names_.capacity() * sizeof(uint64_t) + arenas_.capacity() * sizeof(uint64_t);
}

size_t HeapState::cloned_bytes() const {
    return objects_.cloned_bytes() + blocks_.cloned_bytes() + gc_refs_.cloned_bytes();
}

size_t HeapState::take_cloned_bytes() {
    return objects_.take_cloned_bytes() + blocks_.take_cloned_bytes() + gc_refs_.take_cloned_bytes();
}

inline void HeapState::apply_one(const TraceLog& log, size_t index, Event e) {
    switch (e.kind) {
        case EventKind::Alloc: {
            const size_t size = log.block_size(index);
            blocks_[e.addr] = size;
            bytes_in_use_ += size;
            if (e.arg & kGenZeroFlag) ++gc_.count[0];
            break;
        }
        case EventKind::Free: {
            // Its size is the Alloc's; a block from before the trace began has none known.
            uint64_t size = 0;
            if (blocks_.erase(e.addr, &size)) bytes_in_use_ -= size;
            if (e.arg & kGenZeroFlag) --gc_.count[0];
            break;
        }
        case EventKind::ObjectNew: {
            ObjectRecord& r = objects_[e.addr];
            r.type = e.arg;
            r.refcnt = 1;
            r.flags = (r.flags & ObjectRecord::kTracked) | ObjectRecord::kBorn;
            break;
        }
        case EventKind::ObjectDead: objects_.erase(e.addr); break;
        case EventKind::Incref: update(e.addr, [](ObjectRecord& r) { ++r.refcnt; }); break;
        case EventKind::Decref: update(e.addr, [](ObjectRecord& r) { --r.refcnt; }); break;
        case EventKind::Track: update(e.addr, [](ObjectRecord& r) { r.flags |= ObjectRecord::kTracked; }); break;
        case EventKind::Untrack:
            update(e.addr, [](ObjectRecord& r) { r.flags = r.flags & ~uint32_t{ObjectRecord::kTracked}; });
            break;
        case EventKind::Line:
            depth_ = static_cast<uint32_t>(e.addr);
            line_ = e.arg;
            break;
        case EventKind::Output: output_bytes_ = e.addr; break;
        case EventKind::Bind:
            if (names_.size() <= e.arg) names_.resize(e.arg + 1, 0);
            names_[e.arg] = e.addr;
            trim_names();
            break;
        case EventKind::GcStart:
            gc_.collecting = true;
            gc_.generation = e.arg;
            gc_.phase = 0;
            break;
        case EventKind::GcPhase: gc_.phase = e.arg; break;
        case EventKind::GcRefs: gc_refs_[e.addr] = static_cast<int32_t>(e.arg) - kGcRefsBias; break;
        case EventKind::GcDone:
            gc_refs_.clear();  // the gc_refs die with the collection
            gc_.collecting = false;
            gc_.last_collected = e.addr;
            ++gc_.collections;
            break;
        case EventKind::Retype: update(e.addr, [&](ObjectRecord& r) { r.type = e.arg; }); break;
        case EventKind::Immortalize: update(e.addr, [](ObjectRecord& r) { r.flags |= ObjectRecord::kImmortal; }); break;
        case EventKind::GcCount: gc_.count[e.arg % GcView::kGenerations] = static_cast<int64_t>(e.addr); break;
        case EventKind::ArenaNew: add_arena(e.addr); break;
        case EventKind::ArenaFree: remove_arena(e.addr); break;
        case EventKind::ExternalRefs:
            update(e.addr, [&](ObjectRecord& r) { r.refcnt += static_cast<int32_t>(e.arg) - kGcRefsBias; });
            break;
        case EventKind::Count: break;
    }
}

// Flattened (every call in it inlined, even where the WebAssembly module is compiled for size):
// it runs once for every event a trace records.
[[gnu::flatten]] void HeapState::apply(const TraceLog& log, size_t from, size_t to) {
    // The arrays' pointers stay in registers across the loop.
    const uint32_t* words = log.words();
    const uint64_t* addrs = log.addrs();
    for (size_t i = from; i < to; ++i) apply_one(log, i, Event{word_kind(words[i]), word_arg(words[i]), addrs[i]});
}

}  // namespace pymemlab::trace
