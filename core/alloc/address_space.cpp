// The modelled address space: a top-down mmap region with hole reuse and a brk heap with
// per-size LIFO reuse. Simple on purpose: plausible, deterministic addresses are the goal,
// not a copy of the kernel's or glibc's every rule.
#include "alloc/address_space.h"

#include <iterator>

namespace pymemlab {

namespace {
uint64_t round_up(uint64_t n, uint64_t to) { return (n + to - 1) / to * to; }
}  // namespace

AddressSpace::AddressSpace(uint64_t mmap_top, uint64_t heap_base)
    : mmap_low_(mmap_top), heap_top_(heap_base) {}

uint64_t AddressSpace::map(uint64_t size) {
    size = round_up(size, kPageSize);
    mapped_bytes_ += size;
    // Highest hole first: the kernel searches top-down from mmap_base.
    for (auto it = holes_.rbegin(); it != holes_.rend(); ++it) {
        if (it->second < size) continue;
        uint64_t start = it->first, hole = it->second;
        uint64_t address = start + hole - size;
        holes_.erase(std::next(it).base());
        if (hole > size) holes_[start] = hole - size;
        return address;
    }
    mmap_low_ -= size;
    return mmap_low_;
}

void AddressSpace::unmap(uint64_t address, uint64_t size) {
    size = round_up(size, kPageSize);
    mapped_bytes_ -= size;
    // Merge with the neighbouring holes, and give the lowest hole back to the free region.
    auto next = holes_.find(address + size);
    if (next != holes_.end()) {
        size += next->second;
        holes_.erase(next);
    }
    auto prev = holes_.lower_bound(address);
    if (prev != holes_.begin()) {
        --prev;
        if (prev->first + prev->second == address) {
            address = prev->first;
            size += prev->second;
            holes_.erase(prev);
        }
    }
    if (address == mmap_low_)
        mmap_low_ += size;
    else
        holes_[address] = size;
}

uint64_t AddressSpace::malloc(uint64_t size) {
    uint64_t chunk = reserved_for(size);
    if (size >= kMmapThreshold) return map(chunk) + kChunkHeader;
    const size_t bin = chunk / 16;
    if (bin < free_chunks_.size() && !free_chunks_[bin].empty()) {
        uint64_t address = free_chunks_[bin].back();
        free_chunks_[bin].pop_back();
        return address;
    }
    uint64_t address = heap_top_ + kChunkHeader;
    heap_top_ += chunk;
    return address;
}

void AddressSpace::free(uint64_t address, uint64_t size) {
    uint64_t chunk = reserved_for(size);
    if (size >= kMmapThreshold) {
        unmap(address - kChunkHeader, chunk);
        return;
    }
    const size_t bin = chunk / 16;
    if (bin >= free_chunks_.size()) free_chunks_.resize(bin + 1);
    free_chunks_[bin].push_back(address);
}

}  // namespace pymemlab
