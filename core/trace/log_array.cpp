// The trace log's reservations (log_array.h), recycled between logs.
#include "trace/log_array.h"

#ifdef PYMEMLAB_LOG_ARRAY_RESERVES

#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <mutex>

namespace pymemlab::trace {

namespace {

// A few released reservations, each whole, the most recent last: a log takes back the latest of
// its size, whose pages are the likeliest still to be there. Invariant: kept[0, n_kept) are
// mapped, readable and writable; their pages hold garbage or zeros.
struct Kept {
    void* p = nullptr;
    size_t bytes = 0;
};
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

}  // namespace pymemlab::trace

#endif
