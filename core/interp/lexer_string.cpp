// The tokenizer's strings: where a string token ends (CPython's letter_quote), the 3.12+
// f-string scan that lets replacement fields hold strings with the same quotes (PEP 701), and
// the "unterminated string" errors of each profile. Escapes are decoded by parser_literal.cpp.
#include <cstdio>
#include <vector>

#include "interp/lexer.h"
#include "interp/lexer_internal.h"

namespace pymemlab {

using namespace lex;

// The opening quote has been read; start_ is the token's first byte (its prefix included).
bool Lexer::string(int quote, bool is_f, bool is_raw, Token& t) {
    const size_t begin = start_;
    int quote_size = 1;
    int end_quote_size = 0;
    int c = nextc();
    if (c == quote) {
        c = nextc();
        if (c == quote) {
            quote_size = 3;
        } else {
            end_quote_size = 1;  // the empty string
        }
    }
    if (c != quote) backup(c);
    if (end_quote_size == 0) {
        if (is_f && at_least(3, 12)) {
            if (!fstring_body(Quote{quote, quote_size, is_raw, begin}, 0)) return false;
        } else if (!string_body(quote, quote_size, is_f, begin)) {
            return false;
        }
    }
    make(t, TokenKind::String, begin, cur_);
    return true;
}

// Up to and past the closing quotes; a backslash takes the next character with it, a newline
// included (a continued single-quoted string).
bool Lexer::string_body(int quote, int quote_size, bool is_f, size_t begin) {
    int end_quote_size = 0;
    while (end_quote_size != quote_size) {
        int c = nextc();
        if (c == kEOF || (quote_size == 1 && c == '\n')) {
            return unterminated(quote_size, is_f, begin, c == kEOF);
        }
        if (c == quote) {
            ++end_quote_size;
        } else {
            end_quote_size = 0;
            if (c == '\\') nextc();
        }
    }
    return true;
}

// ---- 3.12+ f-strings -------------------------------------------------------------------------

// The literal part: text, escapes, doubled braces, and replacement fields, up to the closing
// quotes.
bool Lexer::fstring_body(const Quote& q, int depth) {
    for (;;) {
        int c = nextc();
        if (c == kEOF || (q.size == 1 && c == '\n')) return unterminated(q.size, true, q.fstart, c == kEOF);
        if (c == q.ch) {
            if (q.size == 1) return true;
            if (peekc() == q.ch && peekc(1) == q.ch) {
                cur_ += 2;
                return true;
            }
        } else if (c == '\\') {
            int e = nextc();
            if (e == '{' || e == '}') {
                // "\{" is a backslash and then a replacement field.
                backup(e);
            } else if (e == 'N' && !q.raw && peekc() == '{') {
                // "\N{NAME}": these braces belong to the escape.
                while (peekc() != kEOF && peekc() != '}' && peekc() != '\n' && peekc() != q.ch) nextc();
                if (peekc() == '}') nextc();
            }
        } else if (c == '{') {
            if (peekc() == '{') {
                nextc();
            } else if (!fstring_field(q, depth + 1)) {
                return false;
            }
        }
    }
}

// A replacement field's expression, conversion and format spec, up to its closing brace.
// Brackets nest; ':' outside them starts the format spec.
// The field's '{' is a bracket: newlines inside are joined, and the end of the file inside it is
// "'{' was never closed".
bool Lexer::fstring_field(const Quote& q, int depth) {
    if (depth >= kMaxLevel) return syntaxerror("too many nested parentheses");
    std::vector<size_t> open{cur_ - 1};  // the brackets open in the field, the field's '{' first
    for (;;) {
        int c = nextc();
        if (c == kEOF) {
            const int line = src_.line_of(open.back());
            error_.kind = LexError::Kind::EofInBrackets;
            error_.bracket = buf_[open.back()];
            error_.bracket_line = line;
            error_.bracket_col = static_cast<int>(open.back() - src_.line_start(line));
            start_ = cur_;
            return false;
        }
        if (c == '\'' || c == '"' || is_potential_identifier_start(c, 3)) {
            if (!field_word(c, q, depth)) return false;
            continue;
        }
        switch (c) {
            case '(':
            case '[':
            case '{':
                if (open.size() >= static_cast<size_t>(kMaxLevel)) return syntaxerror("too many nested parentheses");
                open.push_back(cur_ - 1);
                break;
            case ')':
            case ']':
                if (open.size() > 1) open.pop_back();
                break;
            case '}':
                if (open.size() == 1) return true;
                open.pop_back();
                break;
            case ':':
                if (open.size() == 1) return fstring_spec(q, depth);
                break;
            case '#':
                while (peekc() != kEOF && peekc() != '\n') nextc();
                break;
            case '\\':
                if (nextc() != '\n') {
                    const int line = src_.line_of(cur_ - 1);
                    const int col = static_cast<int>(cur_ - src_.line_start(line)) - 1;
                    return error_at("SyntaxError", "unexpected character after line continuation character", line,
                                    src_.char_col(line, col) + 1, line, 0);
                }
                break;
            default: break;
        }
    }
}

// The format spec: literal text with nested replacement fields, up to the field's closing brace.
bool Lexer::fstring_spec(const Quote& q, int depth) {
    for (;;) {
        int c = nextc();
        if (c == kEOF || (q.size == 1 && c == '\n')) return unterminated(q.size, true, q.fstart, c == kEOF);
        if (c == q.ch && (q.size == 1 || (peekc() == q.ch && peekc(1) == q.ch))) {
            // The f-string ends inside a replacement field.
            return syntaxerror("f-string: expecting '}'");
        }
        if (c == '{') {
            if (!fstring_field(q, depth + 1)) return false;
        } else if (c == '}') {
            return true;
        } else if (c == '\\') {
            int e = nextc();
            if (e == '{' || e == '}') backup(e);
        }
    }
}

// In a replacement field: a name, or a string with its prefix (any quotes, f-strings nested).
bool Lexer::field_word(int c, const Quote& q, int depth) {
    const size_t begin = cur_ - 1;
    while (c != '\'' && c != '"' && is_potential_identifier_char(c, 3)) c = nextc();
    if (c != '\'' && c != '"') {
        backup(c);
        return true;
    }
    bool is_f = false, is_raw = false, prefix = true;
    for (size_t i = begin; i + 1 < cur_; ++i) {
        char p = static_cast<char>(buf_[i] | 0x20);
        if (p == 'f') {
            is_f = true;
        } else if (p == 'r') {
            is_raw = true;
        } else if (p != 'b' && p != 'u') {
            prefix = false;
        }
    }
    if (!prefix || cur_ - 1 - begin > 2) {
        // A name followed by a string ("x'a'"): the parser reports it.
        backup(c);
        return true;
    }
    return nested_string(c, is_f, is_raw, begin, q, depth);
}

bool Lexer::nested_string(int quote, bool is_f, bool is_raw, size_t begin, const Quote& outer, int depth) {
    int quote_size = 1;
    int end_quote_size = 0;
    int c = nextc();
    if (c == quote) {
        c = nextc();
        if (c == quote) {
            quote_size = 3;
        } else {
            end_quote_size = 1;
        }
    }
    if (c != quote) backup(c);
    if (end_quote_size == 1) return true;
    if (is_f) {
        if (depth + 1 >= kMaxFStringLevel) return syntaxerror("too many nested f-strings");
        return fstring_body(Quote{quote, quote_size, is_raw, begin}, depth + 1);
    }
    while (end_quote_size != quote_size) {
        c = nextc();
        if (c == kEOF || (quote_size == 1 && c == '\n')) {
            if (quote == outer.ch && quote_size == outer.size) {
                // A string that would close the f-string: the field was never closed.
                int line = src_.line_of(begin);
                int offset = src_.char_col(line, static_cast<int>(begin - src_.line_start(line))) + 1;
                return error_at("SyntaxError", "f-string: expecting '}'", line, offset, line, offset);
            }
            return unterminated(quote_size, false, begin, c == kEOF);
        }
        if (c == quote) {
            ++end_quote_size;
        } else {
            end_quote_size = 0;
            if (c == '\\') nextc();
        }
    }
    return true;
}

// ---- Unterminated strings --------------------------------------------------------------------

// cur_ is just past the newline that ended a single-quoted string, or at the end of the file.
// 3.10+ points at the string's first character and says where the end was found; older
// profiles point past the newline (or at the end of the file), counting from the line the
// string starts on, with that text.
bool Lexer::unterminated(int quote_size, bool is_f, size_t string_start, bool at_eof) {
    const int start_line = src_.line_of(string_start);
    const size_t line_begin = src_.line_start(start_line);
    if (at_least(3, 10)) {
        const int detected = at_eof ? src_.line_count() : src_.line_of(cur_ - 1);
        const char* what = at_least(3, 12) && is_f ? (quote_size == 3 ? "unterminated triple-quoted f-string literal"
                                                                      : "unterminated f-string literal")
                           : quote_size == 3       ? "unterminated triple-quoted string literal"
                                                   : "unterminated string literal";
        char msg[96];
        std::snprintf(msg, sizeof msg, "%s (detected at line %d)", what, detected);
        int offset = src_.char_col(start_line, static_cast<int>(string_start - line_begin)) + 1;
        return error_at("SyntaxError", msg, start_line, offset, start_line, offset);
    }
    const bool eof = at_eof && quote_size == 3;
    const int line = at_eof ? src_.line_count() : src_.line_of(cur_ - 1);
    std::string text = buf_.substr(line_begin, cur_ - line_begin);
    int offset = static_cast<int>(text.size());
    if (opt_.major >= 3) {
        offset = 0;
        for (char ch : text) {
            if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) ++offset;
        }
    } else if (!eof) {
        --offset;
    }
    while (!text.empty() && text.back() == '\n') text.pop_back();
    error_.kind = LexError::Kind::Error;
    error_.info =
        source_error(src_, "SyntaxError",
                     eof ? "EOF while scanning triple-quoted string literal" : "EOL while scanning string literal",
                     line, offset, 0, 0);
    error_.info.text = text;
    return false;
}

}  // namespace pymemlab
