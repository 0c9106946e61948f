// The tokenizer (Parser/tokenizer.c): UTF-8 source to CPython's tokens — NEWLINE, INDENT and
// DEDENT from the indentation stack, bracket nesting, numbers, strings of every prefix — and the
// tokenizer's own errors, worded and placed per profile. Tokens carry positions only; values
// are decoded by parser_literal.cpp. Read token.h first; parser_internal.h consumes this.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "interp/parser.h"
#include "interp/token.h"

namespace pymemlab {

// The source as CPython's tokenizer reads it: a leading UTF-8 BOM dropped, "\r\n" and a lone
// "\r" read as "\n", and a final "\n" added when missing (translate_newlines). Every line,
// the last included, therefore ends with '\n'.
class SourceText {
public:
    explicit SourceText(std::string_view raw);

    const std::string& str() const { return text_; }
    size_t size() const { return text_.size(); }
    int line_count() const { return static_cast<int>(starts_.size()); }
    size_t line_start(int line) const;
    // The line's text without its '\n'; empty for a line number out of range.
    std::string_view line(int line) const;
    // The line holding byte `offset`; offsets at or past the end belong to the last line.
    int line_of(size_t offset) const;
    int col_of(size_t offset) const { return static_cast<int>(offset - line_start(line_of(offset))); }
    // Characters (code points) in the first byte_col bytes of the line: CPython reports columns
    // of errors in characters. A column past the line's end counts the rest as bytes.
    int char_col(int line, int byte_col) const;

private:
    std::string text_;
    std::vector<size_t> starts_;  // the offset of each line's first byte
};

// An error with its text filled from the source: offsets are final (1-based, as reported).
SyntaxErrorInfo source_error(const SourceText& src, const char* type, std::string msg, int line, int offset,
                             int end_line, int end_offset);

// Why the tokenizer stopped short of ENDMARKER.
struct LexError {
    enum class Kind : uint8_t {
        None,
        // A tokenizer error proper (CPython raises it from the tokenizer): info holds it.
        Error,
        // End of file inside brackets: "'(' was never closed" (3.10+) or "unexpected EOF while
        // parsing", worded by the parser, which knows whether it reached this far.
        EofInBrackets,
        // End of file right after a backslash continuation (3.8+).
        EofAfterContinuation,
    };
    Kind kind = Kind::None;
    SyntaxErrorInfo info;
    char bracket = 0;  // EofInBrackets: the innermost open bracket and where it is
    int bracket_line = 0;
    int bracket_col = 0;
};

// The innermost f-strings may nest (3.12+ allows f"{f"{...}"}"); CPython's MAXFSTRINGLEVEL.
inline constexpr int kMaxFStringLevel = 150;

class Lexer {
public:
    Lexer(const SourceText& src, const ParseOptions& options);
    // Tokenizes src[begin, end), the expression of an f-string replacement field, as if it were
    // inside brackets (newlines join lines; no NEWLINE, INDENT or DEDENT), ending in ENDMARKER.
    Lexer(const SourceText& src, const ParseOptions& options, size_t begin, size_t end);

    // Appends every token to out. On an error the last token is an ErrorToken and error() says
    // why; otherwise the last is ENDMARKER.
    bool tokenize(std::vector<Token>& out);
    const LexError& error() const { return error_; }

private:
    static constexpr int kEOF = -1;

    int nextc() { return cur_ < end_ ? static_cast<unsigned char>(buf_[cur_++]) : kEOF; }
    void backup(int c) {
        if (c != kEOF) --cur_;
    }
    int peekc(size_t ahead = 0) const {
        return cur_ + ahead < end_ ? static_cast<unsigned char>(buf_[cur_ + ahead]) : kEOF;
    }
    bool at_least(int major, int minor) const {
        return opt_.major > major || (opt_.major == major && opt_.minor >= minor);
    }

    bool next_token(Token& t);
    bool indentation();
    bool number(int c, Token& t);
    bool decimal_tail(int& c);
    bool verify_end_of_number(int c, const char* kind);
    bool lookahead(const char* test);
    bool string(int quote, bool is_f, bool is_raw, Token& t);
    bool string_body(int quote, int quote_size, bool is_f, size_t begin);
    // 3.12+ f-strings (PEP 701): the body is scanned field by field, so that strings inside a
    // replacement field may reuse the f-string's own quotes. depth counts the nested fields and
    // f-strings; fstart is where the f-string being scanned starts.
    struct Quote {
        int ch;
        int size;
        bool raw;
        size_t fstart;
    };
    bool fstring_body(const Quote& q, int depth);
    bool fstring_field(const Quote& q, int depth);
    bool fstring_spec(const Quote& q, int depth);
    bool field_word(int c, const Quote& q, int depth);
    bool nested_string(int quote, bool is_f, bool is_raw, size_t begin, const Quote& outer, int depth);
    bool unterminated(int quote_size, bool is_f, size_t string_start, bool at_eof);
    bool name(int c, Token& t);
    bool verify_identifier();
    bool brackets(int c);
    bool op(int c, Token& t);
    void make(Token& t, TokenKind kind, size_t begin, size_t end) const;
    Keyword keyword_of(std::string_view word) const;

    // The tokenizer's error helpers: syntaxerror() points at cur_ as CPython does (the column of
    // the character before cur_, 1-based, in characters); the others place it explicitly.
    bool syntaxerror(std::string msg);
    bool syntaxerror_range(std::string msg, int offset, int end_offset);
    bool error_at(const char* type, std::string msg, int line, int offset, int end_line, int end_offset);
    bool indent_error(const char* type, const char* msg);

    const SourceText& src_;
    const std::string& buf_;
    ParseOptions opt_;
    size_t end_;
    size_t cur_;
    size_t start_ = 0;  // the current token's first byte
    bool sub_ = false;  // tokenizing an f-string expression
    bool atbol_ = true;
    bool blankline_ = false;
    int level_ = 0;
    struct Paren {
        char ch;
        int line;
        int col;
    };
    std::vector<Paren> parens_;
    std::vector<int> indstack_{0};
    std::vector<int> altindstack_{0};
    int pendin_ = 0;
    LexError error_;
};

}  // namespace pymemlab
