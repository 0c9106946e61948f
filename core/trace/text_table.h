// TextTable: one of the trace log's side tables (trace_log.h): texts by index, each text once
// (type names, the names __main__ binds), with the indexes looked up lately kept by a host key
// (the type object, the name's str) so that a run's repeated lookups neither hash nor copy.
//
// Invariants: texts_[i] is the text of index i and index_[texts_[i]] == i; a Recent's index is
// a valid index (what the key stands for is the caller's to check or to forget).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pymemlab::trace {

class TextTable {
public:
    // The index of `text`, added when new.
    uint32_t index_of(std::string_view text);
    const std::string& operator[](uint32_t index) const { return texts_[index]; }
    size_t size() const { return texts_.size(); }
    // Bytes the texts take, in the table and in its index.
    size_t memory_bytes() const;

    struct Recent {
        const void* key = nullptr;
        uint32_t index = 0;
    };
    // The slot a key's recent lookup lives in (another key may hold it).
    Recent& recent(const void* key) { return recent_[(reinterpret_cast<uintptr_t>(key) >> 4) % kRecent]; }

private:
    static constexpr size_t kRecent = 8;
    std::vector<std::string> texts_;
    std::unordered_map<std::string, uint32_t> index_;
    Recent recent_[kRecent];
};

}  // namespace pymemlab::trace
