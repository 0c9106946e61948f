// The trace log's reservations and buffers (log_array.h), recycled between logs.
#include "trace/log_array.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <mutex>

#ifdef PYMEMLAB_LOG_ARRAY_RESERVES
#include <sys/mman.h>
#endif

namespace pymemlab::trace {

namespace {

// Memory a log let go of, kept for the next: released buffers here, reservations below.
struct Region {
    void* p = nullptr;
    size_t bytes = 0;
};

// The largest buffers released, in no order. Invariant: buffers[0, n_buffers) came from operator
// new with their sizes, and nothing else holds them.
using Buffer = Region;
constexpr size_t kBuffers = 4;
std::mutex buffers_mutex;
std::array<Buffer, kBuffers> buffers;
size_t n_buffers = 0;

}  // namespace

void* take_log_buffer(size_t min_bytes, size_t& bytes) {
    std::lock_guard<std::mutex> lock(buffers_mutex);
    size_t best = kBuffers;
    for (size_t i = 0; i < n_buffers; ++i)
        if (buffers[i].bytes >= min_bytes && (best == kBuffers || buffers[i].bytes < buffers[best].bytes)) best = i;
    if (best == kBuffers) return nullptr;
    const Buffer taken = buffers[best];
    buffers[best] = buffers[--n_buffers];
    bytes = taken.bytes;
    return taken.p;
}

void keep_log_buffer(void* p, size_t bytes) {
    Buffer dropped{p, bytes};
    {
        std::lock_guard<std::mutex> lock(buffers_mutex);
        if (n_buffers < kBuffers) {
            buffers[n_buffers++] = dropped;
            return;
        }
        // Full: the smallest of the kept ones and this one goes.
        auto smallest = std::min_element(buffers.begin(), buffers.end(),
                                         [](const Buffer& a, const Buffer& b) { return a.bytes < b.bytes; });
        if (smallest->bytes < bytes) std::swap(*smallest, dropped);
    }
    ::operator delete(dropped.p);
}

void forget_log_buffers() {
    std::lock_guard<std::mutex> lock(buffers_mutex);
    for (size_t i = 0; i < n_buffers; ++i) ::operator delete(buffers[i].p);
    n_buffers = 0;
}

#ifdef PYMEMLAB_LOG_ARRAY_RESERVES

namespace {

// A few released reservations, each whole, the most recent last: a log takes back the latest of
// its size, whose pages are the likeliest still to be there. Invariant: kept[0, n_kept) are
// mapped, readable and writable; their pages hold garbage or zeros.
using Kept = Region;
constexpr size_t kKept = 4;
std::mutex kept_mutex;
std::array<Kept, kKept> kept;
size_t n_kept = 0;
std::atomic<size_t> mapped{0};

}  // namespace

void* reserve_log_pages(size_t bytes) {
    {
        std::lock_guard<std::mutex> lock(kept_mutex);
        for (size_t i = n_kept; i-- > 0;) {
            if (kept[i].bytes != bytes) continue;
            void* p = kept[i].p;
            std::copy(kept.begin() + i + 1, kept.begin() + n_kept, kept.begin() + i);
            --n_kept;
            return p;
        }
    }
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return nullptr;
    madvise(p, bytes, MADV_HUGEPAGE);
    ++mapped;
    return p;
}

void release_log_pages(void* p, size_t bytes) {
    // The kernel may take the pages back when memory runs short; until then the next log
    // writes over them without a fault.
    madvise(p, bytes, MADV_FREE);
    Kept oldest;
    {
        std::lock_guard<std::mutex> lock(kept_mutex);
        if (n_kept == kKept) {
            oldest = kept[0];
            std::copy(kept.begin() + 1, kept.end(), kept.begin());
            --n_kept;
        }
        kept[n_kept++] = Kept{p, bytes};
    }
    if (oldest.p != nullptr) munmap(oldest.p, oldest.bytes);
}

size_t log_reservations_mapped() { return mapped; }

#endif

}  // namespace pymemlab::trace
