// FlatMap: an open-addressing hash map from nonzero 64-bit keys to small values: AddressMap's
// page table (address_map.h). One array of slots, linear probing, backward-shift deletion (no
// tombstones): a lookup touches one cache line or two, a copy is one array copy, and iterating
// walks the array.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pymemlab::trace {

template <class V>
class FlatMap {
public:
    struct Slot {
        uint64_t key = 0;  // 0: empty
        V value{};
    };

    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    size_t capacity() const { return slots_.size(); }

    const V* find(uint64_t key) const {
        if (slots_.empty()) return nullptr;
        for (size_t i = home(key);; i = (i + 1) & mask()) {
            if (slots_[i].key == key) return &slots_[i].value;
            if (slots_[i].key == 0) return nullptr;
        }
    }
    V* find(uint64_t key) { return const_cast<V*>(static_cast<const FlatMap&>(*this).find(key)); }

    // The value for `key`, inserted as V{} when absent.
    V& operator[](uint64_t key) {
        if ((size_ + 1) * 2 > slots_.size()) grow();
        size_t i = home(key);
        while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask();
        if (slots_[i].key == 0) {
            slots_[i].key = key;
            slots_[i].value = V{};
            ++size_;
        }
        return slots_[i].value;
    }

    bool erase(uint64_t key) {
        if (slots_.empty()) return false;
        size_t i = home(key);
        while (slots_[i].key != key) {
            if (slots_[i].key == 0) return false;
            i = (i + 1) & mask();
        }
        // Backward shift: pull each following entry that may live at i back into the hole.
        for (size_t j = (i + 1) & mask(); slots_[j].key != 0; j = (j + 1) & mask()) {
            const size_t h = home(slots_[j].key);
            const bool movable = i <= j ? (h <= i || h > j) : (h <= i && h > j);
            if (movable) {
                slots_[i] = slots_[j];
                i = j;
            }
        }
        slots_[i] = Slot{};
        --size_;
        return true;
    }

    void clear() {
        slots_.clear();
        size_ = 0;
    }

    // f(key, value) for every entry, in slot order.
    template <class F>
    void for_each(F f) const {
        for (const Slot& s : slots_)
            if (s.key != 0) f(s.key, s.value);
    }

    // Same entries, whatever the slot order.
    bool operator==(const FlatMap& other) const {
        if (size_ != other.size_) return false;
        for (const Slot& s : slots_) {
            if (s.key == 0) continue;
            const V* v = other.find(s.key);
            if (v == nullptr || !(*v == s.value)) return false;
        }
        return true;
    }

private:
    std::vector<Slot> slots_;
    size_t size_ = 0;

    size_t mask() const { return slots_.size() - 1; }
    size_t home(uint64_t key) const {
        key ^= key >> 33;
        key *= 0xff51afd7ed558ccdULL;
        key ^= key >> 33;
        return static_cast<size_t>(key) & mask();
    }
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
        size_ = 0;
        for (const Slot& s : old)
            if (s.key != 0) (*this)[s.key] = s.value;
    }
};

}  // namespace pymemlab::trace
