// TraceLog: the append-only record of a run's memory events (event.h), 12 bytes an event in
// two parallel arrays that JavaScript reads as typed arrays, plus the tables the events index
// (type names, variable names). The runtime writes it; Replay (replay.h) reads it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "trace/event.h"

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#endif

namespace pymemlab::trace {

// The log's arrays grow to hundreds of megabytes in a long run. Natively, from 4 MB up they are
// 2 MB aligned and marked for transparent huge pages: a page fault maps 2 MB, not 4 KB (the
// kernel's zeroing of fresh pages was half of a long traced run). WebAssembly has no pages to
// fault: there the arrays are plain vectors.
#if defined(__linux__) && !defined(__EMSCRIPTEN__)
template <class T>
struct LogAllocator {
    using value_type = T;
    LogAllocator() = default;
    template <class U>
    LogAllocator(const LogAllocator<U>&) {}
    T* allocate(size_t n) {
        constexpr size_t kHuge = size_t{2} << 20;
        const size_t bytes = n * sizeof(T);
        void* p = bytes >= 2 * kHuge ? std::aligned_alloc(kHuge, (bytes + kHuge - 1) & ~(kHuge - 1)) : std::malloc(bytes);
        if (p == nullptr) throw std::bad_alloc();
        if (bytes >= 2 * kHuge) madvise(p, bytes, MADV_HUGEPAGE);
        return static_cast<T*>(p);
    }
    void deallocate(T* p, size_t) { std::free(p); }
    template <class U>
    bool operator==(const LogAllocator<U>&) const { return true; }
};
#else
template <class T>
using LogAllocator = std::allocator<T>;
#endif

class TraceLog {
public:
    // Past `capacity` events the log stops recording and says so (truncated()): a runaway
    // snippet cannot exhaust the page's memory through its trace.
    explicit TraceLog(size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

    static constexpr size_t kDefaultCapacity = 50'000'000;

    void push(EventKind kind, uint64_t addr, uint32_t arg = 0) {
        if (size_ == words_.size() && !grow()) return;
        words_[size_] = pack_word(kind, arg);
        addrs_[size_] = addr;
        ++size_;
    }
    // Alloc / Free with the request size; sizes past the 23-bit field are kept aside.
    void push_block(EventKind kind, uint64_t block, size_t size, bool gen_zero);

    size_t size() const { return size_; }
    bool truncated() const { return truncated_; }
    Event at(size_t i) const { return {word_kind(words_[i]), word_arg(words_[i]), addrs_[i]}; }
    // The size an Alloc or Free at index i records.
    size_t block_size(size_t i) const;
    const uint32_t* words() const { return words_.data(); }
    const uint64_t* addrs() const { return addrs_.data(); }

    // Type names: ObjectNew's payload. `key` identifies the type (its address in the host).
    uint32_t type_index(const void* key, std::string_view name);
    const std::string& type_name(uint32_t index) const { return types_[index]; }
    size_t type_count() const { return types_.size(); }
    // Variable names: Bind's payload.
    uint32_t name_index(std::string_view name);
    const std::string& name(uint32_t index) const { return names_[index]; }
    size_t name_count() const { return names_.size(); }

    // Every address the log records is a multiple of 2^granule_bits(): the ALIGNMENT of the
    // profile whose runtime writes it (which sets it).
    unsigned granule_bits() const { return granule_bits_; }
    void set_granule_bits(unsigned bits) { granule_bits_ = bits; }

    // Bytes the log holds: the events and the side tables.
    size_t memory_bytes() const;
    void clear();

private:
    size_t capacity_;
    // The events are words_[0, size_) and addrs_[0, size_); both vectors are the same length (grown
    // by grow(), never shrunk: a run after clear() writes over the last one's memory).
    size_t size_ = 0;
    bool truncated_ = false;
    unsigned granule_bits_ = 3;
    std::vector<uint32_t, LogAllocator<uint32_t>> words_;
    std::vector<uint64_t, LogAllocator<uint64_t>> addrs_;
    std::unordered_map<size_t, size_t> big_sizes_;  // event index -> size, for sizes >= kSizeMask
    std::vector<std::string> types_;
    std::unordered_map<const void*, uint32_t> type_keys_;
    std::vector<std::string> names_;
    std::unordered_map<std::string, uint32_t> name_keys_;

    // Makes room for more events, up to capacity_; false (and truncated) at capacity_.
    bool grow();
};

}  // namespace pymemlab::trace
