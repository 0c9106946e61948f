// Character properties and case mappings: lookups in the generated two-stage tables.
#include "object/unicode_ctype.h"

#include <iterator>

namespace pymemlab {

namespace {

// A mapping at or above kCaseSpecial is an index into kCaseSpecials; deltas stay far below it
// (code points end at U+10FFFF).
constexpr int32_t kCaseSpecial = 0x40000000;
static_assert(kCaseSpecial > 0x10ffff);

#include "object/unicode_db.inc"

constexpr uint32_t kMaxCodePoint = 0x10ffff;
static_assert(std::size(kFlagIndex1) == (kMaxCodePoint + 1) >> kShift);
static_assert(std::size(kCaseIndex1) == (kMaxCodePoint + 1) >> kShift);
static_assert(std::size(kFlagIndex2) % (1u << kShift) == 0 && std::size(kCaseIndex2) % (1u << kShift) == 0);
// Record 0 (U+0000's) stands for code points past the last: no property, no mapping.
static_assert(kFlagRecords[0] == 0);
static_assert(kCaseRecords[0][0] == 0 && kCaseRecords[0][1] == 0 && kCaseRecords[0][2] == 0 &&
              kCaseRecords[0][3] == 0);

// The record number of ch through a two-stage index (CPython's gettyperecord).
template <typename Index2>
unsigned record_of(const uint8_t* index1, const Index2* index2, uint32_t ch) {
    if (ch > kMaxCodePoint) return 0;
    return index2[(index1[ch >> kShift] << kShift) + (ch & ((1u << kShift) - 1))];
}

// 2.7's simple mappings where the full one has several characters (UnicodeData.txt's own
// fields): only U+0130 has one among them.
constexpr uint32_t kCapitalIWithDot = 0x130;

}  // namespace

uint32_t unicode_flags(uint32_t ch) { return kFlagRecords[record_of(kFlagIndex1, kFlagIndex2, ch)]; }

int unicode_case_full(uint32_t ch, CaseMapping which, uint32_t out[3]) {
    const int32_t m = kCaseRecords[record_of(kCaseIndex1, kCaseIndex2, ch)][static_cast<int>(which)];
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
