// TraceLog: the append-only record of a run's memory events (event.h), 12 bytes an event in
// two parallel arrays that JavaScript reads as typed arrays, plus the tables the events index
// (type names, variable names). The runtime writes it; Replay (replay.h) reads it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "trace/event.h"
#include "trace/log_array.h"
#include "trace/text_table.h"

namespace pymemlab::trace {

class TraceLog {
public:
    // Past `capacity` events the log stops recording and says so (truncated()): a runaway
    // snippet cannot exhaust the page's memory through its trace.
    explicit TraceLog(size_t capacity = kDefaultCapacity)
        : capacity_(capacity), words_(capacity), addrs_(capacity), word_data_(words_.data()), addr_data_(addrs_.data()),
          room_(words_.size()) {}

    static constexpr size_t kDefaultCapacity = 50'000'000;

    void push(EventKind kind, uint64_t addr, uint32_t arg = 0) {
        if (size_ == room_ && !grow()) return;
        word_data_[size_] = pack_word(kind, arg);
        addr_data_[size_] = addr;
        ++size_;
    }
    // Alloc / Free with the request size; sizes past the 23-bit field are kept aside.
    void push_block(EventKind kind, uint64_t block, size_t size, bool gen_zero);

    size_t size() const { return size_; }
    bool truncated() const { return truncated_; }
    Event at(size_t i) const { return {word_kind(word_data_[i]), word_arg(word_data_[i]), addr_data_[i]}; }
    // The size an Alloc or Free at index i records.
    size_t block_size(size_t i) const {
        const uint32_t size = word_arg(word_data_[i]) & kSizeMask;
        return size != kSizeMask ? size : big_size(i);
    }
    const uint32_t* words() const { return word_data_; }
    const uint64_t* addrs() const { return addr_data_; }

    // Type names: ObjectNew's payload, an index of the name table. `key` is the type's address
    // in the host, a shortcut to its name's index: a run makes objects of a few types, over and
    // over, answered without hashing or measuring the name. A type whose name changes
    // (`C.__name__ = ...`) or that dies (its address goes to the next class) must be forgotten,
    // so that its key is not taken for its old name.
    uint32_t type_index(const void* key, const char* name) {
        TextTable::Recent& recent = types_.recent(key);
        if (recent.key != key) recent = {key, types_.index_of(name)};
        return recent.index;
    }
    void forget_type(const void* key) {
        if (TextTable::Recent& recent = types_.recent(key); recent.key == key) recent = {};
    }
    const std::string& type_name(uint32_t index) const { return types_[index]; }
    size_t type_count() const { return types_.size(); }
    // Variable names: Bind's payload. `key` (the name's str in the host, or null) is a
    // shortcut as type_index's keys are, checked against the name (strs die unannounced).
    uint32_t name_index(std::string_view name, const void* key = nullptr) {
        TextTable::Recent& recent = names_.recent(key);
        if (key == nullptr || recent.key != key || names_[recent.index] != name) recent = {key, names_.index_of(name)};
        return recent.index;
    }
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
    // The events are words_[0, size_) and addrs_[0, size_); both arrays are the same length (grown
    // by grow() where they are not reserved whole, log_array.h; never shrunk: a run after clear()
    // writes over the last one's memory).
    size_t size_ = 0;
    bool truncated_ = false;
    unsigned granule_bits_ = 3;
    LogArray<uint32_t> words_;
    LogArray<uint64_t> addrs_;
    // words_.data(), addrs_.data() and their length, which only grow() changes: every push
    // reads them.
    uint32_t* word_data_;
    uint64_t* addr_data_;
    size_t room_;
    std::unordered_map<size_t, size_t> big_sizes_;  // event index -> size, for sizes >= kSizeMask
    TextTable types_;  // type names (clear() keeps both tables: indexes stay valid)
    TextTable names_;  // __main__'s names

    // Makes room for more events, up to capacity_; false (and truncated) at capacity_.
    bool grow();
    size_t big_size(size_t i) const;  // block_size of an event whose size is kept aside
};

}  // namespace pymemlab::trace
