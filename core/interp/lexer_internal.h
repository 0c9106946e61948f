// Helpers shared by the tokenizer's files (lexer.cpp, lexer_string.cpp) and the literal decoder
// (parser_literal.cpp): CPython's tokenizer constants, character classes, UTF-8 and the operator
// tables. Not part of the parser's interface.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "interp/lexer.h"

namespace pymemlab::lex {

inline constexpr int kTabSize = 8;      // TABSIZE: a tab advances to the next multiple of 8
inline constexpr int kAltTabSize = 1;   // ALTTABSIZE: the second measure, to detect mixing
inline constexpr int kMaxIndent = 100;  // MAXINDENT: indentation levels, the first included
inline constexpr int kMaxLevel = 200;   // MAXLEVEL: nested (), [] and {}
static_assert(kTabSize == 8 && kAltTabSize == 1, "CPython's tokenizer measures tabs as 8 and 1");

inline bool is_digit(int c) { return c >= '0' && c <= '9'; }
inline bool is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_xdigit(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// CPython's is_potential_identifier_start/char: ASCII letters, '_', and (3.x) any byte of a
// non-ASCII character, checked afterwards by verify_identifier.
inline bool is_potential_identifier_start(int c, int major) {
    return is_alpha(c) || c == '_' || (c >= 128 && major >= 3);
}
inline bool is_potential_identifier_char(int c, int major) {
    return is_potential_identifier_start(c, major) || is_digit(c);
}

bool is_id_start(uint32_t cp);
bool is_id_continue(uint32_t cp);
bool is_printable(uint32_t cp);

// Decodes the character at s[i] (valid UTF-8, or as much of it as lies before end); returns its
// length in bytes.
size_t utf8_decode(const std::string& s, size_t i, size_t end, uint32_t& cp);
// The first byte Python's UTF-8 decoder rejects, and its reason ("invalid start byte", ...).
bool find_invalid_utf8(std::string_view s, size_t& at, const char*& reason);
// CPython's message for a literal or name that is not UTF-8, position counted from its start.
std::string utf8_error(std::string_view s, size_t at, const char* reason, int major);

// Columns as the profile reports them: characters in 3.x, bytes in 2.7.
inline int columns(const SourceText& src, const ParseOptions& opt, int line, int byte_col) {
    return opt.major == 2 ? byte_col : src.char_col(line, byte_col);
}

// Parser/token.c's _PyToken_OneChar, TwoChars and ThreeChars; Op where there is no token.
inline TokenKind one_char(int c) {
    switch (c) {
        case '%': return TokenKind::Percent;
        case '&': return TokenKind::Amper;
        case '(': return TokenKind::LPar;
        case ')': return TokenKind::RPar;
        case '*': return TokenKind::Star;
        case '+': return TokenKind::Plus;
        case ',': return TokenKind::Comma;
        case '-': return TokenKind::Minus;
        case '.': return TokenKind::Dot;
        case '/': return TokenKind::Slash;
        case ':': return TokenKind::Colon;
        case ';': return TokenKind::Semi;
        case '<': return TokenKind::Less;
        case '=': return TokenKind::Equal;
        case '>': return TokenKind::Greater;
        case '@': return TokenKind::At;
        case '[': return TokenKind::LSqb;
        case ']': return TokenKind::RSqb;
        case '^': return TokenKind::Circumflex;
        case '{': return TokenKind::LBrace;
        case '|': return TokenKind::VBar;
        case '}': return TokenKind::RBrace;
        case '~': return TokenKind::Tilde;
        default: return TokenKind::Op;
    }
}

inline TokenKind two_chars(int c1, int c2, bool walrus) {
    switch (c1) {
        case '!': return c2 == '=' ? TokenKind::NotEqual : TokenKind::Op;
        case '%': return c2 == '=' ? TokenKind::PercentEqual : TokenKind::Op;
        case '&': return c2 == '=' ? TokenKind::AmperEqual : TokenKind::Op;
        case '*': return c2 == '*' ? TokenKind::DoubleStar : c2 == '=' ? TokenKind::StarEqual : TokenKind::Op;
        case '+': return c2 == '=' ? TokenKind::PlusEqual : TokenKind::Op;
        case '-': return c2 == '=' ? TokenKind::MinEqual : c2 == '>' ? TokenKind::RArrow : TokenKind::Op;
        case '/': return c2 == '/' ? TokenKind::DoubleSlash : c2 == '=' ? TokenKind::SlashEqual : TokenKind::Op;
        case ':': return c2 == '=' && walrus ? TokenKind::ColonEqual : TokenKind::Op;
        case '<': return c2 == '<' ? TokenKind::LeftShift : c2 == '=' ? TokenKind::LessEqual : TokenKind::Op;
        case '=': return c2 == '=' ? TokenKind::EqEqual : TokenKind::Op;
        case '>': return c2 == '=' ? TokenKind::GreaterEqual : c2 == '>' ? TokenKind::RightShift : TokenKind::Op;
        case '@': return c2 == '=' ? TokenKind::AtEqual : TokenKind::Op;
        case '^': return c2 == '=' ? TokenKind::CircumflexEqual : TokenKind::Op;
        case '|': return c2 == '=' ? TokenKind::VBarEqual : TokenKind::Op;
        default: return TokenKind::Op;
    }
}

inline TokenKind three_chars(int c1, int c2, int c3) {
    if (c3 != '=') return TokenKind::Op;
    if (c1 == '*' && c2 == '*') return TokenKind::DoubleStarEqual;
    if (c1 == '/' && c2 == '/') return TokenKind::DoubleSlashEqual;
    if (c1 == '<' && c2 == '<') return TokenKind::LeftShiftEqual;
    if (c1 == '>' && c2 == '>') return TokenKind::RightShiftEqual;
    return TokenKind::Op;
}

}  // namespace pymemlab::lex
