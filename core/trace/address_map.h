// AddressMap: a map from modelled addresses (never 0, multiples of a granule of 8 or 16 bytes:
// TraceLog::granule_bits) to small values, for the trace's states. The address space is cut
// into pages of kSlots granules; a page holds a value for each granule and a bitmap of which
// granules have one. So a lookup is a page-table probe (usually the page of the last lookup)
// and an index; iteration runs in address order (a snapshot needs no sort); and pages are
// shared between copies until one of them writes: copying a map (a Replay checkpoint) costs
// its page table, not its entries.
//
// Invariants: `count` of a page is the number of bits set in its bitmap; a value whose bit is
// clear is V{}; size_ is the sum of the pages' counts; pages_ is in ascending page number and
// index_ maps each number to its position; a page that another map shares (use_count() > 1)
// is never written: writers clone it first (writable()).
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

#include "trace/flat_map.h"

namespace pymemlab::trace {

template <class V>
class AddressMap {
public:
    static constexpr unsigned kSlotBits = 11;
    static constexpr size_t kSlots = size_t{1} << kSlotBits;
    static constexpr size_t kWords = kSlots / 64;

private:
    struct Page {
        uint64_t bits[kWords] = {};
        uint32_t count = 0;
        V values[kSlots] = {};
        bool has(size_t slot) const { return (bits[slot / 64] >> (slot % 64)) & 1; }
    };

public:
    static constexpr size_t kPageBytes = sizeof(Page);

    // Keys are multiples of 2^granule_bits.
    explicit AddressMap(unsigned granule_bits = 3) : granule_bits_(granule_bits) {}

    // A copy shares every page with its original, so neither may go on writing to a page it
    // remembered as its own: both forget which pages they own (Recent::own).
    AddressMap(const AddressMap& other)
        : granule_bits_(other.granule_bits_), pages_(other.pages_), index_(other.index_), size_(other.size_),
          cloned_bytes_(other.cloned_bytes_) {
        other.forget_owned();
    }
    AddressMap& operator=(const AddressMap& other) {
        if (this == &other) return *this;
        granule_bits_ = other.granule_bits_;
        pages_ = other.pages_;
        index_ = other.index_;
        size_ = other.size_;
        cloned_bytes_ = other.cloned_bytes_;
        forget_positions();
        other.forget_owned();
        return *this;
    }
    // A move takes the pages and what is known of them; the map left behind has none.
    AddressMap(AddressMap&& other) noexcept { *this = std::move(other); }
    AddressMap& operator=(AddressMap&& other) noexcept {
        if (this == &other) return *this;
        granule_bits_ = other.granule_bits_;
        pages_ = std::move(other.pages_);
        index_ = std::move(other.index_);
        size_ = std::exchange(other.size_, 0);
        cloned_bytes_ = std::exchange(other.cloned_bytes_, 0);
        std::copy(std::begin(other.recent_), std::end(other.recent_), std::begin(recent_));
        other.pages_.clear();
        other.index_.clear();
        other.forget_positions();
        return *this;
    }

    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    const V* find(uint64_t key) const {
        const Page* page = page_of(key);
        if (page == nullptr) return nullptr;
        const size_t slot = slot_of(key);
        return page->has(slot) ? &page->values[slot] : nullptr;
    }

    // The value for `key`, inserted as V{} when absent.
    [[gnu::always_inline]] V& operator[](uint64_t key) {
        Page& page = writable(key);
        const size_t slot = slot_of(key);
        if (!page.has(slot)) {
            page.bits[slot / 64] |= uint64_t{1} << (slot % 64);
            ++page.count;
            ++size_;
        }
        return page.values[slot];
    }

    // Erases `key`'s value, handing it to `taken` when given; false if there was none.
    bool erase(uint64_t key, V* taken = nullptr) {
        const Page* shared = page_of(key);
        if (shared == nullptr || !shared->has(slot_of(key))) return false;
        Page& page = writable(key);
        const size_t slot = slot_of(key);
        page.bits[slot / 64] &= ~(uint64_t{1} << (slot % 64));
        if (taken != nullptr) *taken = page.values[slot];
        page.values[slot] = V{};
        --page.count;
        --size_;
        return true;
    }

    void clear() {
        pages_.clear();
        index_.clear();
        size_ = 0;
        forget_positions();
    }

    // f(key, value) for every entry, in ascending address order.
    template <class F>
    void for_each(F f) const {
        for_each_page([&](uint64_t base, const uint64_t* bits, const V* values) {
            for (size_t w = 0; w < kWords; ++w)
                for (uint64_t b = bits[w]; b != 0; b &= b - 1) {
                    const size_t slot = w * 64 + static_cast<size_t>(__builtin_ctzll(b));
                    f(base + (slot << granule_bits_), values[slot]);
                }
        });
    }

    // f(base, bits, values) for every page with entries, in ascending address order: the page's
    // entries are values[slot] for each bit `slot` set in bits[0, kWords), at key base + (slot <<
    // granule_bits()). For loops that keep their state in registers across a page (a snapshot).
    template <class F>
    void for_each_page(F f) const {
        for (const Entry& e : pages_)
            if (e.page->count != 0) f(e.number << (kSlotBits + granule_bits_), e.page->bits, e.page->values);
    }
    unsigned granule_bits() const { return granule_bits_; }

    // Same entries, whatever the pages.
    bool operator==(const AddressMap& other) const {
        if (size_ != other.size_) return false;
        bool same = true;
        for_each([&](uint64_t key, const V& v) {
            const V* w = other.find(key);
            same = same && w != nullptr && *w == v;
        });
        return same;
    }

    // This map's page table in bytes; its pages (which copies may share) go to `pages` with their
    // size, for the caller to count each once.
    size_t table_bytes(std::vector<std::pair<const void*, size_t>>& pages) const {
        for (const Entry& e : pages_) pages.emplace_back(e.page.get(), kPageBytes);
        return pages_.capacity() * sizeof(Entry) + index_.capacity() * sizeof(typename FlatMap<uint32_t>::Slot);
    }

    // Bytes of pages this map has cloned since take_cloned_bytes() last ran.
    size_t cloned_bytes() const { return cloned_bytes_; }
    // The same, and starts counting again (what keeping the previous copy
    // costs), and starts counting again.
    size_t take_cloned_bytes() { return std::exchange(cloned_bytes_, 0); }

private:
    struct Entry {
        uint64_t number;  // key >> (kSlotBits + granule_bits_)
        std::shared_ptr<Page> page;
    };
    static constexpr size_t kNoPage = SIZE_MAX;

    unsigned granule_bits_;
    std::vector<Entry> pages_;  // ascending page numbers
    FlatMap<uint32_t> index_;   // page number + 1 -> its position in pages_
    size_t size_ = 0;
    size_t cloned_bytes_ = 0;
    // The positions of recently looked-up pages, by page number modulo kRecent: events come in
    // runs over a few pages (a pool's objects, the size classes a loop uses). A number that no
    // page has is never cached; an insertion moves positions, so it forgets them all. `own` is
    // the page itself once writable() has made sure no copy shares it, so that the next write
    // goes straight to it; a copy of the map clears it (forget_owned).
    // Invariant: own != nullptr => own == pages_[at].page.get() and that page's use_count() is 1.
    static constexpr size_t kRecent = 16;
    struct Recent {
        uint64_t number = UINT64_MAX;
        size_t at = 0;
        Page* own = nullptr;
    };
    mutable Recent recent_[kRecent];

    void forget_positions() {
        for (Recent& r : recent_) r = Recent{};
    }
    void forget_owned() const {
        for (Recent& r : recent_) r.own = nullptr;
    }

    size_t slot_of(uint64_t key) const {
        assert((key & ((uint64_t{1} << granule_bits_) - 1)) == 0 && "keys are multiples of the granule");
        return static_cast<size_t>(key >> granule_bits_) & (kSlots - 1);
    }
    uint64_t number_of(uint64_t key) const { return key >> (kSlotBits + granule_bits_); }

    size_t position_of(uint64_t number) const {
        Recent& recent = recent_[number % kRecent];
        if (recent.number == number) return recent.at;
        const uint32_t* at = index_.find(number + 1);
        if (at == nullptr) return kNoPage;
        recent = Recent{number, *at};
        return *at;
    }

    const Page* page_of(uint64_t key) const {
        const size_t at = position_of(number_of(key));
        return at == kNoPage ? nullptr : pages_[at].page.get();
    }

    [[gnu::always_inline]] Page& writable(uint64_t key) {
        const uint64_t number = number_of(key);
        const Recent& recent = recent_[number % kRecent];
        if (recent.number == number && recent.own != nullptr) return *recent.own;
        return writable_slow(number);
    }

    // writable() for a page not known to be this map's alone: found or made, cloned if shared.
    __attribute__((noinline)) Page& writable_slow(uint64_t number) {
        size_t at = position_of(number);
        if (at == kNoPage) {
            // In address order: nearly always at the end (the heap grows upwards), otherwise the
            // pages after it move up one, and the index with them.
            auto it = std::lower_bound(pages_.begin(), pages_.end(), number,
                                       [](const Entry& e, uint64_t n) { return e.number < n; });
            at = static_cast<size_t>(it - pages_.begin());
            pages_.insert(it, Entry{number, std::make_shared<Page>()});
            for (size_t i = at; i < pages_.size(); ++i) index_[pages_[i].number + 1] = static_cast<uint32_t>(i);
            forget_positions();
            recent_[number % kRecent] = Recent{number, at, pages_[at].page.get()};
            return *pages_[at].page;
        }
        Entry& entry = pages_[at];
        if (entry.page.use_count() > 1) {
            entry.page = std::make_shared<Page>(*entry.page);
            cloned_bytes_ += kPageBytes;
        }
        recent_[number % kRecent].own = entry.page.get();  // position_of() has just cached `number`
        return *entry.page;
    }
};

}  // namespace pymemlab::trace
