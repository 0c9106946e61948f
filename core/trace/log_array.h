// LogArray<T>: one of the trace log's arrays (trace_log.h), which grow to hundreds of megabytes
// in a long run. Natively on Linux it reserves address space for the log's whole capacity up
// front and the kernel commits pages as they are first written (2 MB pages where transparent
// huge pages allow): growing it copies nothing and zeroes nothing twice, and a released
// reservation serves the next log of its size. A growing vector wrote each event's memory three
// times (the kernel's zeroing, resize's zeroing, the copy when it grew again), and the kernel's
// share alone was half of a long traced run. In WebAssembly, or where the reservation is
// refused, it is a buffer the caller grows (TraceLog doubles it), and a released buffer serves
// the next array that fits in it: a page's worker makes a fresh Lab for every run, whose log
// then neither copies nor zeroes anything as it grows, up to the longest run before it.
//
// Invariants: data()[0, size()) is writable; size() is what resize() last asked for (it only
// grows, up to the capacity given at construction); what was written stays until the array is
// destroyed.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <new>

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#define PYMEMLAB_LOG_ARRAY_RESERVES 1
#endif

namespace pymemlab::trace {

#ifdef PYMEMLAB_LOG_ARRAY_RESERVES
// Reservations of `bytes` of address space, recycled (log_array.cpp): a released one is kept for
// the next log of the same size with its pages handed back lazily (MADV_FREE), so a process that
// runs snippet after snippet, like the page's worker whose WebAssembly memory never shrinks,
// does not have the kernel zero the log's pages again for every run. Null when refused.
void* reserve_log_pages(size_t bytes);
void release_log_pages(void* p, size_t bytes);
// Reservations mapped from the kernel so far (not recycled ones), for the tests.
size_t log_reservations_mapped();
#endif

// Released buffers of grown arrays (log_array.cpp): at most a few, the largest; take returns the
// smallest that holds `min_bytes` (its size to `bytes`), or nullptr. Memory from operator new.
void* take_log_buffer(size_t min_bytes, size_t& bytes);
void keep_log_buffer(void* p, size_t bytes);
// Lets go of every kept buffer: for the tests, which need to know what the next array takes.
void forget_log_buffers();

template <class T>
class LogArray {
public:
    explicit LogArray(size_t capacity) : capacity_(capacity) {
#ifdef PYMEMLAB_LOG_ARRAY_RESERVES
        const size_t bytes = capacity * sizeof(T);
        if (bytes >= kReserveFrom) {
            if (void* p = reserve_log_pages(bytes)) {
                mapped_ = static_cast<T*>(p);
                size_ = capacity;
            }
        }
#endif
    }
    ~LogArray() {
#ifdef PYMEMLAB_LOG_ARRAY_RESERVES
        if (mapped_ != nullptr) release_log_pages(mapped_, capacity_ * sizeof(T));
#endif
        if (heap_ != nullptr) keep_log_buffer(heap_, heap_bytes_);
    }
    LogArray(const LogArray&) = delete;
    LogArray& operator=(const LogArray&) = delete;

    T* data() { return mapped_ != nullptr ? mapped_ : heap_; }
    const T* data() const { return mapped_ != nullptr ? mapped_ : heap_; }
    T& operator[](size_t i) { return data()[i]; }
    const T& operator[](size_t i) const { return data()[i]; }
    size_t size() const { return size_; }

    // Makes room for n elements (n up to the capacity); a reserved array has it already.
    void resize(size_t n) {
        if (mapped_ != nullptr || n <= size_) return;
        if (n * sizeof(T) > heap_bytes_) {
            size_t bytes = 0;
            void* p = take_log_buffer(n * sizeof(T), bytes);
            if (p == nullptr) {
                bytes = n * sizeof(T);
                p = ::operator new(bytes);
            }
            if (size_ != 0) std::memcpy(p, heap_, size_ * sizeof(T));
            ::operator delete(heap_);
            heap_ = static_cast<T*>(p);
            heap_bytes_ = bytes;
        }
        size_ = n;
    }

    // Bytes the array needs when `used` elements have been written: the pages those touch, or
    // what it has grown to (a recycled buffer may be larger: the rest is a cache of the next runs').
    size_t memory_bytes(size_t used) const {
        if (mapped_ == nullptr) return size_ * sizeof(T);
        return (used * sizeof(T) + kPage - 1) / kPage * kPage;
    }

private:
    static constexpr size_t kPage = size_t{2} << 20;
    // Smaller logs (the tests') are vectors: a reservation costs a system call and a mapping.
    static constexpr size_t kReserveFrom = size_t{16} << 20;
    size_t capacity_;
    size_t size_ = 0;
    T* mapped_ = nullptr;
    T* heap_ = nullptr;  // unreserved: a buffer of heap_bytes_, its contents past size_ undefined
    size_t heap_bytes_ = 0;
};

}  // namespace pymemlab::trace
