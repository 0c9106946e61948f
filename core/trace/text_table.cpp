// TextTable's lookups (text_table.h).
#include "trace/text_table.h"

namespace pymemlab::trace {

uint32_t TextTable::index_of(std::string_view text) {
    auto [it, inserted] = index_.try_emplace(std::string(text), static_cast<uint32_t>(texts_.size()));
    if (inserted) texts_.emplace_back(text);
    return it->second;
}

size_t TextTable::memory_bytes() const {
    size_t n = 0;
    for (const std::string& s : texts_) n += 2 * (s.capacity() + sizeof s);
    return n;
}

}  // namespace pymemlab::trace
