// The modelled 64-bit address space: where arenas and raw (malloc) blocks live, as addresses a
// 64-bit Linux CPython would print from id(). Addresses depend only on the sequence of calls,
// never on the host, so native and WebAssembly runs agree. Host memory is the allocator's business.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

namespace pymemlab {

// Two regions, as glibc on Linux lays them out:
// - the mmap region grows down from `mmap_top`; a request takes the highest hole that fits, the
//   way the kernel's top-down search does. Arenas and large malloc blocks live here.
// - the brk heap grows up from `heap_base`; malloc blocks below kMmapThreshold live here, in
//   chunks with a 16-byte header, reused most-recently-freed first per chunk size (tcache-like).
class AddressSpace {
public:
    static constexpr uint64_t kPageSize = 4096;
    static constexpr uint64_t kMmapThreshold = 128 * 1024;  // glibc M_MMAP_THRESHOLD default
    static constexpr uint64_t kChunkHeader = 16;            // glibc: prev_size + size
    static constexpr uint64_t kMinChunk = 32;

    AddressSpace(uint64_t mmap_top, uint64_t heap_base);

    // Page-granular mappings (mmap/munmap).
    uint64_t map(uint64_t size);
    void unmap(uint64_t address, uint64_t size);

    // malloc/free of `size` bytes: returns the user address. free takes the size malloc was given.
    uint64_t malloc(uint64_t size);
    void free(uint64_t address, uint64_t size);
    // Bytes a malloc(size) block occupies: its chunk (header included, 16-byte multiple, at
    // least 32), or from kMmapThreshold on its whole mapping.
    static uint64_t reserved_for(uint64_t size) {
        if (size >= kMmapThreshold) return (size + kChunkHeader + kPageSize - 1) & ~(kPageSize - 1);
        uint64_t chunk = (size + 8 + 15) & ~uint64_t{15};
        return chunk < kMinChunk ? kMinChunk : chunk;
    }

    uint64_t mapped_bytes() const { return mapped_bytes_; }

private:
    uint64_t mmap_low_;   // lowest address mapped so far
    uint64_t heap_top_;   // end of the brk heap
    uint64_t mapped_bytes_ = 0;
    std::map<uint64_t, uint64_t> holes_;                    // start -> size, below mmap_top
    // Freed heap chunks by size: free_chunks_[chunk / 16] holds addresses, most recent last.
    std::vector<std::vector<uint64_t>> free_chunks_;
};

}  // namespace pymemlab
