// Character properties and case mappings: binary search over the generated range tables.
#include "object/unicode_ctype.h"

#include <algorithm>
#include <iterator>

namespace pymemlab {

namespace {

struct UnicodeFlagRange {
    uint32_t first;
    uint32_t flags;
};

// A run of `count` code points, `stride` apart, that share their four mappings as deltas.
struct UnicodeCaseRun {
    uint32_t first;
    uint16_t count;
    uint16_t stride;
    int32_t mapping[4];  // CaseMapping order: lower, upper, title, fold
};

// A mapping at or above kCaseSpecial is an index into kCaseSpecials; deltas stay far below it
// (code points end at U+10FFFF).
constexpr int32_t kCaseSpecial = 0x40000000;
static_assert(kCaseSpecial > 0x10ffff);

#include "object/unicode_db.inc"

const UnicodeCaseRun* find_run(uint32_t ch) {
    auto it = std::upper_bound(std::begin(kCaseRuns), std::end(kCaseRuns), ch,
                               [](uint32_t c, const UnicodeCaseRun& r) { return c < r.first; });
    if (it == std::begin(kCaseRuns)) return nullptr;
    const UnicodeCaseRun& run = *std::prev(it);
    const uint32_t offset = ch - run.first;
    if (offset % run.stride != 0 || offset / run.stride >= run.count) return nullptr;
    return &run;
}

// 2.7's simple mappings where the full one has several characters (UnicodeData.txt's own
// fields): only U+0130 has one among them.
constexpr uint32_t kCapitalIWithDot = 0x130;

}  // namespace

uint32_t unicode_flags(uint32_t ch) {
    if (ch > 0x10ffff) return 0;
    auto it = std::upper_bound(std::begin(kFlagRanges), std::end(kFlagRanges), ch,
                               [](uint32_t c, const UnicodeFlagRange& r) { return c < r.first; });
    return std::prev(it)->flags;
}

int unicode_case_full(uint32_t ch, CaseMapping which, uint32_t out[3]) {
    const UnicodeCaseRun* run = find_run(ch);
    const int32_t m = run != nullptr ? run->mapping[static_cast<int>(which)] : 0;
    if (m < kCaseSpecial) {
        out[0] = static_cast<uint32_t>(static_cast<int32_t>(ch) + m);
        return 1;
    }
    const char32_t* special = kCaseSpecials[m - kCaseSpecial];
    int n = 0;
    while (n < 3 && special[n] != 0) {
        out[n] = special[n];
        ++n;
    }
    return n;
}

uint32_t unicode_case_simple(uint32_t ch, CaseMapping which) {
    uint32_t out[3];
    if (unicode_case_full(ch, which, out) == 1) return out[0];
    if (ch == kCapitalIWithDot && which == CaseMapping::kLower) return 'i';
    return ch;
}

}  // namespace pymemlab
