// HeapState::apply and unapply: each event's effect and its exact inverse. An event that
// overwrites something (an object's record, a name's binding, the line, a count) pushes the old
// value on `undo`; its inverse pops it. Keep the two switch statements side by side when editing.
#include "trace/heap_state.h"

#include <algorithm>

#include "trace/trace_log.h"

namespace pymemlab::trace {

namespace {

// A record on the undo stack: two words, the first saying whether there was one.
void push_record(std::vector<uint64_t>& undo, const ObjectRecord* r) {
    if (r == nullptr) {
        undo.push_back(0);
        undo.push_back(0);
        return;
    }
    undo.push_back(static_cast<uint64_t>(r->type) << 32 | static_cast<uint64_t>(r->flags) << 1 | 1);
    undo.push_back(static_cast<uint32_t>(r->refcnt));
}

// Pops a record pushed by push_record; false if there was none.
bool pop_record(std::vector<uint64_t>& undo, ObjectRecord* r) {
    const uint64_t refcnt = undo.back();
    undo.pop_back();
    const uint64_t head = undo.back();
    undo.pop_back();
    if ((head & 1) == 0) return false;
    r->type = static_cast<uint32_t>(head >> 32);
    r->flags = static_cast<uint8_t>((head >> 1) & 0xff);
    r->refcnt = static_cast<int32_t>(static_cast<uint32_t>(refcnt));
    return true;
}

uint64_t pop(std::vector<uint64_t>& undo) {
    const uint64_t v = undo.back();
    undo.pop_back();
    return v;
}

}  // namespace

void HeapState::settle(uint64_t id) {
    const ObjectRecord* r = objects_.find(id);
    if (r != nullptr && r->flags == 0 && r->refcnt == 0 && r->type == ObjectRecord::kNoType) objects_.erase(id);
}

void HeapState::trim_names() {
    while (!names_.empty() && names_.back() == 0) names_.pop_back();
}

void HeapState::add_refcnt(uint64_t id, int32_t delta) {
    record(id).refcnt += delta;
    settle(id);
}

void HeapState::set_flag(uint64_t id, uint8_t flag, bool on) {
    ObjectRecord& r = record(id);
    r.flags = static_cast<uint8_t>(on ? r.flags | flag : r.flags & ~flag);
    settle(id);
}

void HeapState::add_arena(uint64_t address) {
    arenas_.insert(std::lower_bound(arenas_.begin(), arenas_.end(), address), address);
}

void HeapState::remove_arena(uint64_t address) {
    auto it = std::lower_bound(arenas_.begin(), arenas_.end(), address);
    if (it != arenas_.end() && *it == address) arenas_.erase(it);
}

void HeapState::apply(const TraceLog& log, size_t index, std::vector<uint64_t>& undo) {
    const Event e = log.at(index);
    switch (e.kind) {
        case EventKind::Alloc:
            blocks_[e.addr] = log.block_size(index);
            bytes_in_use_ += log.block_size(index);
            if (e.arg & kGenZeroFlag) ++gc_.count[0];
            break;
        case EventKind::Free: {
            // Its size is the Alloc's; a block from before the trace began has none known.
            const uint64_t* size = blocks_.find(e.addr);
            undo.push_back(size == nullptr ? 0 : *size << 1 | 1);
            if (size != nullptr) {
                bytes_in_use_ -= *size;
                blocks_.erase(e.addr);
            }
            if (e.arg & kGenZeroFlag) --gc_.count[0];
            break;
        }
        case EventKind::ObjectNew: {
            push_record(undo, objects_.find(e.addr));
            ObjectRecord& r = record(e.addr);
            r.type = e.arg;
            r.refcnt = 1;
            r.flags = static_cast<uint8_t>((r.flags & ObjectRecord::kTracked) | ObjectRecord::kBorn);
            break;
        }
        case EventKind::ObjectDead: {
            push_record(undo, objects_.find(e.addr));
            objects_.erase(e.addr);
            break;
        }
        case EventKind::Incref: add_refcnt(e.addr, 1); break;
        case EventKind::Decref: add_refcnt(e.addr, -1); break;
        case EventKind::Track: set_flag(e.addr, ObjectRecord::kTracked, true); break;
        case EventKind::Untrack: set_flag(e.addr, ObjectRecord::kTracked, false); break;
        case EventKind::Line:
            undo.push_back(static_cast<uint64_t>(depth_) << 32 | line_);
            depth_ = static_cast<uint32_t>(e.addr);
            line_ = e.arg;
            break;
        case EventKind::Output:
            undo.push_back(output_bytes_);
            output_bytes_ = e.addr;
            break;
        case EventKind::Bind:
            if (names_.size() <= e.arg) names_.resize(e.arg + 1, 0);
            undo.push_back(names_[e.arg]);
            names_[e.arg] = e.addr;
            trim_names();
            break;
        case EventKind::GcStart:
            undo.push_back(static_cast<uint64_t>(gc_.generation) << 32 | gc_.phase);
            gc_.collecting = true;
            gc_.generation = e.arg;
            gc_.phase = 0;
            break;
        case EventKind::GcPhase:
            undo.push_back(gc_.phase);
            gc_.phase = e.arg;
            break;
        case EventKind::GcRefs: {
            const int32_t* refs = gc_refs_.find(e.addr);
            undo.push_back(refs == nullptr ? 0 : static_cast<uint64_t>(static_cast<uint32_t>(*refs)) << 1 | 1);
            gc_refs_[e.addr] = static_cast<int32_t>(e.arg) - kGcRefsBias;
            break;
        }
        case EventKind::GcDone:
            // The gc_refs die with the collection: all of them go on the stack, then their number.
            gc_refs_.for_each([&](uint64_t id, int32_t refs) {
                undo.push_back(id);
                undo.push_back(static_cast<uint32_t>(refs));
            });
            undo.push_back(gc_refs_.size());
            undo.push_back(gc_.last_collected);
            gc_refs_.clear();
            gc_.collecting = false;
            gc_.last_collected = e.addr;
            ++gc_.collections;
            break;
        case EventKind::Retype: {
            ObjectRecord& r = record(e.addr);
            undo.push_back(r.type);
            r.type = e.arg;
            break;
        }
        case EventKind::Immortalize: {
            ObjectRecord& r = record(e.addr);
            undo.push_back(r.flags);
            r.flags |= ObjectRecord::kImmortal;
            break;
        }
        case EventKind::GcCount:
            undo.push_back(static_cast<uint64_t>(gc_.count[e.arg % GcView::kGenerations]));
            gc_.count[e.arg % GcView::kGenerations] = static_cast<int64_t>(e.addr);
            break;
        case EventKind::ArenaNew: add_arena(e.addr); break;
        case EventKind::ArenaFree: remove_arena(e.addr); break;
        case EventKind::ExternalRefs: add_refcnt(e.addr, static_cast<int32_t>(e.arg) - kGcRefsBias); break;
        case EventKind::Count: break;
    }
}

void HeapState::unapply(const TraceLog& log, size_t index, std::vector<uint64_t>& undo) {
    const Event e = log.at(index);
    switch (e.kind) {
        case EventKind::Alloc:
            blocks_.erase(e.addr);
            bytes_in_use_ -= log.block_size(index);
            if (e.arg & kGenZeroFlag) --gc_.count[0];
            break;
        case EventKind::Free: {
            const uint64_t v = pop(undo);
            if (v & 1) {
                blocks_[e.addr] = v >> 1;
                bytes_in_use_ += v >> 1;
            }
            if (e.arg & kGenZeroFlag) ++gc_.count[0];
            break;
        }
        case EventKind::ObjectNew:
        case EventKind::ObjectDead: {
            ObjectRecord old;
            if (pop_record(undo, &old))
                objects_[e.addr] = old;
            else
                objects_.erase(e.addr);
            break;
        }
        case EventKind::Incref: add_refcnt(e.addr, -1); break;
        case EventKind::Decref: add_refcnt(e.addr, 1); break;
        case EventKind::Track: set_flag(e.addr, ObjectRecord::kTracked, false); break;
        case EventKind::Untrack: set_flag(e.addr, ObjectRecord::kTracked, true); break;
        case EventKind::Line: {
            const uint64_t v = pop(undo);
            depth_ = static_cast<uint32_t>(v >> 32);
            line_ = static_cast<uint32_t>(v);
            break;
        }
        case EventKind::Output: output_bytes_ = pop(undo); break;
        case EventKind::Bind:
            if (names_.size() <= e.arg) names_.resize(e.arg + 1, 0);
            names_[e.arg] = pop(undo);
            trim_names();
            break;
        case EventKind::GcStart: {
            const uint64_t v = pop(undo);
            gc_.collecting = false;
            gc_.generation = static_cast<uint32_t>(v >> 32);
            gc_.phase = static_cast<uint32_t>(v);
            break;
        }
        case EventKind::GcPhase: gc_.phase = static_cast<uint32_t>(pop(undo)); break;
        case EventKind::GcRefs: {
            const uint64_t v = pop(undo);
            if (v & 1)
                gc_refs_[e.addr] = static_cast<int32_t>(static_cast<uint32_t>(v >> 1));
            else
                gc_refs_.erase(e.addr);
            break;
        }
        case EventKind::GcDone: {
            gc_.last_collected = pop(undo);
            for (uint64_t n = pop(undo); n > 0; --n) {
                const auto refs = static_cast<int32_t>(static_cast<uint32_t>(pop(undo)));
                gc_refs_[pop(undo)] = refs;
            }
            gc_.collecting = true;
            --gc_.collections;
            break;
        }
        case EventKind::Retype:
            record(e.addr).type = static_cast<uint32_t>(pop(undo));
            settle(e.addr);
            break;
        case EventKind::Immortalize:
            record(e.addr).flags = static_cast<uint8_t>(pop(undo));
            settle(e.addr);
            break;
        case EventKind::GcCount:
            gc_.count[e.arg % GcView::kGenerations] = static_cast<int64_t>(pop(undo));
            break;
        case EventKind::ArenaNew: remove_arena(e.addr); break;
        case EventKind::ArenaFree: add_arena(e.addr); break;
        case EventKind::ExternalRefs: add_refcnt(e.addr, kGcRefsBias - static_cast<int32_t>(e.arg)); break;
        case EventKind::Count: break;
    }
}

}  // namespace pymemlab::trace
