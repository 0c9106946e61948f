// Allocator::debug_malloc_stats: the pymalloc part of sys._debugmallocstats(), line for line in
// CPython's layout (printone's 35-column labels and 21-column comma-grouped values). The
// object layer appends its free-list lines after it.
#include <cstdio>
#include <string>

#include "alloc/allocator.h"
#include "alloc/heap_view.h"

namespace pymemlab {

namespace {

// printone(): the label padded to 35 columns, '=', the value right-aligned in 21 columns with
// thousands separators, newline. Returns the value so totals can be summed as CPython does.
uint64_t printone(std::string& out, const std::string& label, uint64_t value) {
    out += label;
    if (label.size() < 35) out.append(35 - label.size(), ' ');
    out += '=';
    std::string digits = std::to_string(value), grouped;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    if (grouped.size() < 21) out.append(21 - grouped.size(), ' ');
    out += grouped;
    out += '\n';
    return value;
}

}  // namespace

std::string Allocator::debug_malloc_stats() const {
    HeapView view;
    view.refresh(*this);
    const uint32_t classes = profile_.nb_small_size_classes();
    std::string out;
    char line[128];
    std::snprintf(line, sizeof line, "Small block threshold = %u, in %u size classes.\n",
                  threshold_, classes);
    out += line;
    out += "\nclass   size   num pools   blocks in use  avail blocks\n"
           "-----   ----   ---------   -------------  ------------\n";

    uint64_t allocated_bytes = 0, available_bytes = 0, pool_header_bytes = 0, quantization = 0;
    for (uint32_t i = 0; i < classes; ++i) {
        uint64_t p = view.class_pools[i], b = view.class_blocks_in_use[i],
                 f = view.class_avail_blocks[i];
        if (p == 0) continue;
        uint32_t size = profile_.index_to_size(i);
        std::snprintf(line, sizeof line, "%5u %6u %11llu %15llu %13llu\n", i, size,
                      static_cast<unsigned long long>(p), static_cast<unsigned long long>(b),
                      static_cast<unsigned long long>(f));
        out += line;
        allocated_bytes += b * size;
        available_bytes += f * size;
        pool_header_bytes += p * pool_overhead_;
        quantization += p * ((pool_size_ - pool_overhead_) % size);
    }
    out += '\n';

    uint64_t narenas = view.arena_index.size(), numfreepools = 0, arena_alignment = 0;
    for (size_t i = 0; i < narenas; ++i) {
        numfreepools += view.arena_nfreepools[i];
        if (static_cast<uint64_t>(view.arena_address[i]) & pool_size_mask_)
            arena_alignment += pool_size_;
    }
    // Empty pools are counted among the arena's nfreepools already.
    printone(out, "# arenas allocated total", counters_.ntimes_arena_allocated);
    printone(out, "# arenas reclaimed", counters_.ntimes_arena_allocated - narenas);
    printone(out, "# arenas highwater mark", counters_.narenas_highwater);
    printone(out, "# arenas allocated current", narenas);
    std::snprintf(line, sizeof line, "%llu arenas * %u bytes/arena",
                  static_cast<unsigned long long>(narenas), arena_size_);
    printone(out, line, narenas * arena_size_);
    out += '\n';

    uint64_t total = printone(out, "# bytes in allocated blocks", allocated_bytes);
    total += printone(out, "# bytes in available blocks", available_bytes);
    std::snprintf(line, sizeof line, "%llu unused pools * %u bytes",
                  static_cast<unsigned long long>(numfreepools), pool_size_);
    total += printone(out, line, numfreepools * pool_size_);
    total += printone(out, "# bytes lost to pool headers", pool_header_bytes);
    total += printone(out, "# bytes lost to quantization", quantization);
    total += printone(out, "# bytes lost to arena alignment", arena_alignment);
    printone(out, "Total", total);

    if (profile_.has_arena_map) {
        // The radix tree's nodes, as sized on a 64-bit build: a root and mid nodes of 2^15
        // pointers, bot nodes of 2^14 eight-byte arena_coverage_t entries.
        constexpr uint64_t kRootBytes = (uint64_t{1} << 15) * 8, kMidBytes = (uint64_t{1} << 15) * 8,
                           kBotBytes = (uint64_t{1} << 14) * 8;
        static_assert(kRootBytes == 262144 && kBotBytes == 131072);
        out += "\narena map counts\n";
        printone(out, "# arena map mid nodes", counters_.arena_map_mid_count);
        printone(out, "# arena map bot nodes", counters_.arena_map_bot_count);
        out += '\n';
        total = printone(out, "# bytes lost to arena map root", kRootBytes);
        total += printone(out, "# bytes lost to arena map mid", kMidBytes * counters_.arena_map_mid_count);
        total += printone(out, "# bytes lost to arena map bot", kBotBytes * counters_.arena_map_bot_count);
        printone(out, "Total", total);
    }
    return out;
}

}  // namespace pymemlab
