// Character properties and case mappings (Objects/unicodectype.c): what str's predicates
// (isalpha, isspace, ...), case methods (lower, upper, title, casefold) and splitlines ask of a
// code point, from tables generated on CPython 3.12 (unicode_db.inc, Unicode 15.0) for every
// profile. The bytes versions (3.x bytes, 2.7 str) are ASCII-only and live in bytes_methods.cpp.
#pragma once

#include <cstdint>

namespace pymemlab {

// The property bits of one code point.
enum UnicodeFlag : uint32_t {
    kUnicodeAlpha = 1u << 0,           // Lu Ll Lt Lm Lo
    kUnicodeDecimal = 1u << 1,         // has a decimal value (Nd)
    kUnicodeDigit = 1u << 2,           // has a digit value
    kUnicodeNumeric = 1u << 3,         // has a numeric value
    kUnicodeSpace = 1u << 4,           // str.isspace: bidi WS, B, S or category Zs
    kUnicodeLower = 1u << 5,           // the derived property Lowercase
    kUnicodeUpper = 1u << 6,           // Uppercase
    kUnicodeTitle = 1u << 7,           // category Lt
    kUnicodePrintable = 1u << 8,       // str.isprintable
    kUnicodeCased = 1u << 9,           // Cased
    kUnicodeCaseIgnorable = 1u << 10,  // Case_Ignorable (and not Cased)
    kUnicodeXidStart = 1u << 11,       // XID_Start, or '_'
    kUnicodeXidContinue = 1u << 12,    // XID_Continue
    kUnicodeLinebreak = 1u << 13,      // a line boundary for splitlines
};

uint32_t unicode_flags(uint32_t ch);
inline bool unicode_has(uint32_t ch, UnicodeFlag f) { return (unicode_flags(ch) & f) != 0; }

// The full case mappings (SpecialCasing included), used by 3.x's str: up to three code points
// written to out; returns how many. 'ß'.upper() is 'SS', 'İ'.lower() is 'i̇'.
enum class CaseMapping { kLower = 0, kUpper = 1, kTitle = 2, kFold = 3 };
int unicode_case_full(uint32_t ch, CaseMapping which, uint32_t out[3]);
// The simple one-to-one mappings of 2.7's unicode (Py_UNICODE_TOLOWER and friends): where the
// full mapping has several code points, the character itself (İ lowers to i).
uint32_t unicode_case_simple(uint32_t ch, CaseMapping which);

}  // namespace pymemlab
