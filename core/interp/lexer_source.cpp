// The source as the tokenizer reads it (SourceText: newlines translated, lines indexed, columns
// in characters) and the characters it is made of: UTF-8 decoding and validation, and the
// approximate Unicode classes that decide which characters may be in a name. lexer.cpp uses
// both; lexer_internal.h declares the character helpers.
#include <algorithm>
#include <cstdio>
#include <iterator>

#include "interp/lexer.h"
#include "interp/lexer_internal.h"

namespace pymemlab {

// ---- SourceText ------------------------------------------------------------------------------

SourceText::SourceText(std::string_view raw) {
    size_t i = raw.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    text_.reserve(raw.size() - i + 1);
    for (; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '\r') {
            text_ += '\n';
            if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
        } else {
            text_ += c;
        }
    }
    if (text_.empty() || text_.back() != '\n') text_ += '\n';
    starts_.push_back(0);
    for (size_t k = 0; k + 1 < text_.size(); ++k) {
        if (text_[k] == '\n') starts_.push_back(k + 1);
    }
}

size_t SourceText::line_start(int line) const {
    if (line < 1) return 0;
    if (line > line_count()) return text_.size();
    return starts_[static_cast<size_t>(line - 1)];
}

std::string_view SourceText::line(int line) const {
    if (line < 1 || line > line_count()) return {};
    size_t b = line_start(line);
    size_t e = text_.find('\n', b);
    return std::string_view(text_).substr(b, e - b);
}

int SourceText::line_of(size_t offset) const {
    auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    return static_cast<int>(it - starts_.begin());
}

int SourceText::char_col(int line, int byte_col) const {
    size_t b = line_start(line);
    size_t e = std::min(text_.size(), b + static_cast<size_t>(std::max(byte_col, 0)));
    int n = 0;
    for (size_t k = b; k < e; ++k) {
        if ((static_cast<unsigned char>(text_[k]) & 0xC0) != 0x80) ++n;
    }
    return n + static_cast<int>(b + static_cast<size_t>(std::max(byte_col, 0)) - e);
}

SyntaxErrorInfo source_error(const SourceText& src, const char* type, std::string msg, int line, int offset,
                             int end_line, int end_offset) {
    SyntaxErrorInfo e;
    e.type = type;
    e.msg = std::move(msg);
    e.line = line;
    e.offset = offset;
    e.end_line = end_line;
    e.end_offset = end_offset;
    e.text = std::string(src.line(line));
    // Bytes that are not UTF-8 are shown as U+FFFD, as CPython decodes the line with "replace".
    size_t at;
    const char* reason;
    while (lex::find_invalid_utf8(e.text, at, reason)) e.text.replace(at, 1, "\xEF\xBF\xBD");
    return e;
}

// ---- Characters ------------------------------------------------------------------------------

namespace lex {

struct Range {
    uint32_t lo, hi;
};

bool in_ranges(uint32_t cp, const Range* r, size_t n) {
    for (size_t i = 0; i < n; ++i) {
        if (cp >= r[i].lo && cp <= r[i].hi) return true;
    }
    return false;
}

// Code points that are neither letters, marks nor digits: the symbol, punctuation, space and
// control blocks a snippet is likely to contain (currency, arrows, maths, box drawing, emoji,
// CJK punctuation, fullwidth punctuation, private use). An approximation of Unicode's
// XID_Continue complement, not the full database.
constexpr Range kNotIdentifier[] = {
    {0x80, 0xA9},       {0xAB, 0xB4},       {0xB6, 0xB6},        {0xB8, 0xB9},       {0xBB, 0xBF},
    {0xD7, 0xD7},       {0xF7, 0xF7},       {0x2C2, 0x2C5},      {0x2D2, 0x2DF},     {0x2E5, 0x2EB},
    {0x2ED, 0x2ED},     {0x2EF, 0x2FF},     {0x37E, 0x37E},      {0x384, 0x385},     {0x3F6, 0x3F6},
    {0x482, 0x482},     {0x55A, 0x55F},     {0x589, 0x58A},      {0x5BE, 0x5BE},     {0x5C0, 0x5C0},
    {0x5C3, 0x5C3},     {0x5C6, 0x5C6},     {0x5F3, 0x5F4},      {0x600, 0x60F},     {0x61B, 0x61F},
    {0x66A, 0x66D},     {0x6D4, 0x6D4},     {0x6DD, 0x6DE},      {0x6E9, 0x6E9},     {0x6FD, 0x6FE},
    {0x700, 0x70F},     {0x964, 0x965},     {0x970, 0x970},      {0xE3F, 0xE3F},     {0xE4F, 0xE4F},
    {0xE5A, 0xE5B},     {0x1680, 0x1680},   {0x180E, 0x180E},    {0x2000, 0x203E},   {0x2041, 0x2053},
    {0x2055, 0x2070},   {0x2074, 0x207E},   {0x2080, 0x208E},    {0x20A0, 0x20CF},   {0x2100, 0x2101},
    {0x2103, 0x2106},   {0x2108, 0x2109},   {0x2114, 0x2114},    {0x2116, 0x2117},   {0x211E, 0x2123},
    {0x2125, 0x2125},   {0x2127, 0x2127},   {0x2129, 0x2129},    {0x213A, 0x213B},   {0x2140, 0x2144},
    {0x214A, 0x214D},   {0x214F, 0x214F},   {0x2190, 0x2BFF},    {0x2CE5, 0x2CEA},   {0x2CF9, 0x2CFF},
    {0x2E00, 0x2FFF},   {0x3000, 0x3004},   {0x3008, 0x3020},    {0x3030, 0x3030},   {0x3036, 0x3037},
    {0x303D, 0x303F},   {0x30A0, 0x30A0},   {0x30FB, 0x30FB},    {0x3190, 0x3191},   {0x3196, 0x319F},
    {0x31C0, 0x31EF},   {0x3200, 0x33FF},   {0x4DC0, 0x4DFF},    {0xA490, 0xA4CF},   {0xD800, 0xF8FF},
    {0xFD3E, 0xFD3F},   {0xFDFC, 0xFDFD},   {0xFE10, 0xFE19},    {0xFE30, 0xFE32},   {0xFE35, 0xFE4C},
    {0xFE50, 0xFE6B},   {0xFEFF, 0xFEFF},   {0xFF01, 0xFF0F},    {0xFF1A, 0xFF20},   {0xFF3B, 0xFF3E},
    {0xFF40, 0xFF40},   {0xFF5B, 0xFF65},   {0xFFE0, 0xFFFF},    {0x10100, 0x1013F}, {0x1D000, 0x1D24F},
    {0x1F000, 0x1FBFF}, {0xE0000, 0xE007F}, {0xF0000, 0x10FFFF},
};

// Marks and digits: they may continue an identifier but not start one.
constexpr Range kContinueOnly[] = {
    {0xB7, 0xB7},     {0x300, 0x36F},   {0x387, 0x387},   {0x483, 0x487},   {0x591, 0x5BD},
    {0x610, 0x61A},   {0x64B, 0x669},   {0x6F0, 0x6F9},   {0x966, 0x96F},   {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF}, {0x203F, 0x2040}, {0x2054, 0x2054}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F}, {0xFE33, 0xFE34}, {0xFE4D, 0xFE4F}, {0xFF10, 0xFF19}, {0xFF3F, 0xFF3F},
};

// Not printable in str.isprintable()'s sense: controls, format characters, separators other
// than the ASCII space, private use.
constexpr Range kNotPrintable[] = {
    {0x80, 0xA0},     {0xAD, 0xAD},       {0x600, 0x605},     {0x61C, 0x61C},      {0x6DD, 0x6DD},
    {0x70F, 0x70F},   {0x1680, 0x1680},   {0x180E, 0x180E},   {0x2000, 0x200F},    {0x2028, 0x202F},
    {0x205F, 0x2064}, {0x2066, 0x206F},   {0x3000, 0x3000},   {0xD800, 0xF8FF},    {0xFEFF, 0xFEFF},
    {0xFFF9, 0xFFFB}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F}, {0xF0000, 0x10FFFF},
};

bool is_id_start(uint32_t cp) {
    if (cp < 0x80) return is_alpha(static_cast<int>(cp)) || cp == '_';
    return !in_ranges(cp, kNotIdentifier, std::size(kNotIdentifier)) &&
           !in_ranges(cp, kContinueOnly, std::size(kContinueOnly));
}

bool is_id_continue(uint32_t cp) {
    if (cp < 0x80) return is_alpha(static_cast<int>(cp)) || is_digit(static_cast<int>(cp)) || cp == '_';
    return !in_ranges(cp, kNotIdentifier, std::size(kNotIdentifier));
}

bool is_printable(uint32_t cp) {
    if (cp < 0x80) return cp >= 0x20 && cp != 0x7F;
    return !in_ranges(cp, kNotPrintable, std::size(kNotPrintable));
}

size_t utf8_decode(const std::string& s, size_t i, size_t end, uint32_t& cp) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (i + n > end) n = end - i;
    cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return n;
}

// Python's UTF-8 decoder: the first bad byte and the reason it gives, or false if all is well.
bool find_invalid_utf8(std::string_view s, size_t& at, const char*& reason) {
    size_t i = 0;
    while (i < s.size()) {
        unsigned char b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        size_t need;
        unsigned char lo = 0x80, hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            if (b == 0xE0) lo = 0xA0;
            if (b == 0xED) hi = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            if (b == 0xF0) lo = 0x90;
            if (b == 0xF4) hi = 0x8F;
        } else {
            at = i;
            reason = "invalid start byte";
            return true;
        }
        for (size_t k = 1; k <= need; ++k) {
            if (i + k >= s.size()) {
                at = i;
                reason = "unexpected end of data";
                return true;
            }
            unsigned char c = static_cast<unsigned char>(s[i + k]);
            if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) {
                at = i;
                reason = "invalid continuation byte";
                return true;
            }
        }
        i += need + 1;
    }
    return false;
}

std::string utf8_error(std::string_view s, size_t at, const char* reason, int major) {
    char msg[160];
    std::snprintf(msg, sizeof msg, "(unicode error) '%s' codec can't decode byte 0x%02x in position %zu: %s",
                  major == 2 ? "utf8" : "utf-8", static_cast<unsigned char>(s[at]), at, reason);
    return msg;
}

}  // namespace lex

}  // namespace pymemlab
