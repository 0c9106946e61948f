// The tokenizer: a port of CPython's tok_get (Parser/tokenizer.c, 3.12) over the whole source,
// with the older profiles' differences (2.7's octal and L suffix, 3.6's "invalid token", no
// end-of-number check before 3.10). Strings and f-strings are scanned in lexer_string.cpp.
#include "interp/lexer.h"

#include <algorithm>
#include <cstdio>

#include "interp/lexer_internal.h"

namespace pymemlab {

using namespace lex;

// ---- The tokenizer ---------------------------------------------------------------------------

Lexer::Lexer(const SourceText& src, const ParseOptions& options)
    : src_(src), buf_(src.str()), opt_(options), end_(src.size()), cur_(0) {}

Lexer::Lexer(const SourceText& src, const ParseOptions& options, size_t begin, size_t end)
    : src_(src), buf_(src.str()), opt_(options), end_(end), cur_(begin), sub_(true), atbol_(false) {}

bool Lexer::tokenize(std::vector<Token>& out) {
    for (;;) {
        Token t;
        if (!next_token(t)) {
            Token e;
            size_t at = std::min(start_, end_);
            make(e, TokenKind::ErrorToken, at, std::max(at, std::min(cur_, end_)));
            e.level = level_;
            out.push_back(e);
            return false;
        }
        // A replacement field's expression is inside its braces (3.6-3.11 parsed "(expr)").
        t.level = level_ + (sub_ ? 1 : 0);
        out.push_back(t);
        if (t.kind == TokenKind::EndMarker) return true;
    }
}

void Lexer::make(Token& t, TokenKind kind, size_t begin, size_t end) const {
    t.kind = kind;
    t.begin = static_cast<uint32_t>(begin);
    t.end = static_cast<uint32_t>(end);
    t.line = src_.line_of(begin);
    t.col = static_cast<int>(begin - src_.line_start(t.line));
    if (begin == src_.size()) {
        // At the end of the file CPython's position is past the last line's newline.
        t.line = src_.line_count();
        t.col = static_cast<int>(begin - src_.line_start(t.line));
    }
    if (end > begin) {
        t.end_line = src_.line_of(end - 1);
        t.end_col = static_cast<int>(end - 1 - src_.line_start(t.end_line)) + 1;
    } else {
        t.end_line = t.line;
        t.end_col = t.col;
    }
}

bool Lexer::next_token(Token& t) {
    for (;;) {  // CPython's nextline: a new physical line
        blankline_ = false;
        if (atbol_ && !sub_) {
            atbol_ = false;
            if (!indentation()) return false;
        }
        start_ = cur_;
        if (pendin_ != 0) {
            // INDENT and DEDENT sit where the line's first token starts (CPython's tok->cur).
            make(t, pendin_ < 0 ? TokenKind::Dedent : TokenKind::Indent, cur_, cur_);
            pendin_ += pendin_ < 0 ? 1 : -1;
            return true;
        }
        for (;;) {  // CPython's again: the next token of this logical line
            int c;
            do {
                c = nextc();
            } while (c == ' ' || c == '\t' || c == '\f');
            start_ = c == kEOF ? cur_ : cur_ - 1;
            if (c == '#') {
                while (c != kEOF && c != '\n') c = nextc();
            }
            if (c == kEOF) {
                if (level_ > 0) {
                    error_.kind = LexError::Kind::EofInBrackets;
                    error_.bracket = parens_.empty() ? '(' : parens_.back().ch;
                    error_.bracket_line = parens_.empty() ? 1 : parens_.back().line;
                    error_.bracket_col = parens_.empty() ? 0 : parens_.back().col;
                    start_ = cur_;
                    return false;
                }
                make(t, TokenKind::EndMarker, cur_, cur_);
                return true;
            }
            if (is_potential_identifier_start(c, opt_.major)) return name(c, t);
            if (c == '\n') {
                atbol_ = true;
                if (blankline_ || level_ > 0 || sub_) break;
                make(t, TokenKind::Newline, start_, start_ + 1);
                return true;
            }
            if (c == '.') {
                int c2 = nextc();
                if (is_digit(c2)) {
                    backup(c2);
                    return number(c, t);
                }
                if (c2 == '.' && peekc() == '.' && opt_.major >= 3) {
                    nextc();
                    make(t, TokenKind::Ellipsis, start_, cur_);
                    return true;
                }
                backup(c2);
                make(t, TokenKind::Dot, start_, cur_);
                return true;
            }
            if (is_digit(c)) return number(c, t);
            if (c == '\'' || c == '"') return string(c, false, false, t);
            if (c == '\\') {
                // Line continuation: only a newline may follow the backslash.
                c = nextc();
                if (c != '\n') {
                    int line = src_.line_of(start_);
                    if (at_least(3, 10)) {
                        int col = static_cast<int>(cur_ - src_.line_start(line)) - 1;
                        return error_at("SyntaxError", "unexpected character after line continuation character", line,
                                        src_.char_col(line, col) + 1, line, 0);
                    }
                    int len = static_cast<int>(src_.line(line).size());
                    return error_at("SyntaxError", "unexpected character after line continuation character", line,
                                    columns(src_, opt_, line, len) + 1, 0, 0);
                }
                if (peekc() == kEOF && !sub_) {
                    if (at_least(3, 8)) {
                        error_.kind = LexError::Kind::EofAfterContinuation;
                        start_ = cur_;
                        return false;
                    }
                    // Before 3.8 the parser added the logical line's missing NEWLINE.
                    atbol_ = true;
                    make(t, TokenKind::Newline, cur_, cur_);
                    return true;
                }
                continue;
            }
            return op(c, t);
        }
    }
}

// The indentation of a new line against the stack (CPython's atbol block). Blank and
// comment-only lines, and lines inside brackets, leave the stack alone.
bool Lexer::indentation() {
    int col = 0;
    int altcol = 0;
    int c;
    for (;;) {
        c = nextc();
        if (c == ' ') {
            ++col;
            ++altcol;
        } else if (c == '\t') {
            col = (col / kTabSize + 1) * kTabSize;
            altcol = (altcol / kAltTabSize + 1) * kAltTabSize;
        } else if (c == '\f') {
            col = altcol = 0;
        } else {
            break;
        }
    }
    backup(c);
    if (c == '#' || c == '\n') blankline_ = true;
    if (blankline_ || level_ != 0) return true;
    // 2.7 compares columns with tabs as 8 only: the second measure (tabs as 1) needs -tt there.
    const bool tabs = opt_.major >= 3;
    if (col == indstack_.back()) {
        if (tabs && altcol != altindstack_.back()) {
            return indent_error("TabError", "inconsistent use of tabs and spaces in indentation");
        }
    } else if (col > indstack_.back()) {
        if (static_cast<int>(indstack_.size()) >= kMaxIndent) {
            return indent_error("IndentationError", "too many levels of indentation");
        }
        if (tabs && altcol <= altindstack_.back()) {
            return indent_error("TabError", "inconsistent use of tabs and spaces in indentation");
        }
        ++pendin_;
        indstack_.push_back(col);
        altindstack_.push_back(altcol);
    } else {
        while (indstack_.size() > 1 && col < indstack_.back()) {
            --pendin_;
            indstack_.pop_back();
            altindstack_.pop_back();
        }
        if (col != indstack_.back()) {
            int line = src_.line_of(cur_);
            int len = static_cast<int>(src_.line(line).size());
            return error_at("IndentationError", "unindent does not match any outer indentation level", line,
                            columns(src_, opt_, line, len) + 1, at_least(3, 10) ? line : 0, at_least(3, 10) ? -1 : 0);
        }
        if (tabs && altcol != altindstack_.back()) {
            return indent_error("TabError", "inconsistent use of tabs and spaces in indentation");
        }
    }
    return true;
}

// TabError and "too many levels": 3.10+ points at column 1 (CPython passes col_offset -1);
// older profiles at the end of the line, where the tokenizer had read to.
bool Lexer::indent_error(const char* type, const char* msg) {
    int line = src_.line_of(cur_);
    if (at_least(3, 10)) return error_at(type, msg, line, 1, line, 0);
    int len = static_cast<int>(src_.line(line).size());
    return error_at(type, msg, line, columns(src_, opt_, line, len) + 1, 0, 0);
}

// ---- Numbers ---------------------------------------------------------------------------------

// Digits after the first, with PEP 515 underscores (3.6+): c comes back as the first character
// past them.
bool Lexer::decimal_tail(int& c) {
    const bool underscores = at_least(3, 6);
    for (;;) {
        do {
            c = nextc();
        } while (is_digit(c));
        if (c != '_' || !underscores) break;
        c = nextc();
        if (!is_digit(c)) {
            backup(c);
            return syntaxerror(at_least(3, 8) ? "invalid decimal literal" : "invalid token");
        }
    }
    return true;
}

bool Lexer::lookahead(const char* test) {
    const char* s = test;
    bool res = false;
    for (;;) {
        int c = nextc();
        if (*s == 0) {
            res = !is_potential_identifier_char(c, opt_.major);
        } else if (c == static_cast<unsigned char>(*s)) {
            ++s;
            continue;
        }
        backup(c);
        while (s != test) backup(static_cast<unsigned char>(*--s));
        return res;
    }
}

// 3.10+: a number may not run into a name ("1a"), except into the keywords that can follow a
// number in valid code ("1if x else y", CPython only warns).
bool Lexer::verify_end_of_number(int c, const char* kind) {
    if (!at_least(3, 10)) return true;
    bool r = false;
    if (c == 'a') {
        r = lookahead("nd");
    } else if (c == 'e') {
        r = lookahead("lse");
    } else if (c == 'f') {
        r = lookahead("or");
    } else if (c == 'i') {
        int c2 = nextc();
        r = c2 == 'f' || c2 == 'n' || c2 == 's';
        backup(c2);
    } else if (c == 'o') {
        r = lookahead("r");
    } else if (c == 'n') {
        r = lookahead("ot");
    }
    if (r) return true;
    if (c != kEOF && c < 128 && is_potential_identifier_char(c, opt_.major)) {
        backup(c);
        return syntaxerror(std::string("invalid ") + kind + " literal");
    }
    return true;
}

// c is the number's first character, already read ('.' for ".5").
bool Lexer::number(int c, Token& t) {
    const bool v38 = at_least(3, 8);
    const bool v310 = at_least(3, 10);
    const bool us = at_least(3, 6);
    const bool py2 = opt_.major == 2;
    auto token_error = [&](const std::string& msg) { return syntaxerror(v38 ? msg : "invalid token"); };
    auto digit_error = [&](int d, const char* base) {
        char msg[64];
        std::snprintf(msg, sizeof msg, "invalid digit '%c' in %s literal", d, base);
        return syntaxerror(msg);
    };
    enum class Part { Fraction, Exponent, Imaginary, End, EndDecimal } part = Part::EndDecimal;
    if (c == '.') {
        c = nextc();
        part = Part::Fraction;
    } else if (c == '0') {
        c = nextc();
        if (c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B') {
            const int base = c == 'x' || c == 'X' ? 16 : c == 'o' || c == 'O' ? 8 : 2;
            const char* name = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
            auto in_base = [base](int d) { return base == 16 ? is_xdigit(d) : d >= '0' && d < '0' + base; };
            c = nextc();
            do {
                if (c == '_' && us) c = nextc();
                if (!in_base(c)) {
                    if (base != 16 && is_digit(c) && v38) {
                        if (!v310) backup(c);
                        return digit_error(c, name);
                    }
                    backup(c);
                    return token_error(std::string("invalid ") + name + " literal");
                }
                do {
                    c = nextc();
                } while (in_base(c));
            } while (c == '_' && us);
            if (base != 16 && is_digit(c) && v38) return digit_error(c, name);
            if (py2 && (c == 'l' || c == 'L')) c = nextc();
            if (!verify_end_of_number(c, name)) return false;
            part = Part::End;
        } else if (py2) {
            // 2.7's octal: 0777 (and 0777L); a 8 or 9 among the digits is an error unless the
            // literal turns out to be a float.
            bool found_decimal = false;
            while (c >= '0' && c < '8') c = nextc();
            if (is_digit(c)) {
                found_decimal = true;
                do {
                    c = nextc();
                } while (is_digit(c));
            }
            if (c == '.') {
                c = nextc();
                part = Part::Fraction;
            } else if (c == 'e' || c == 'E') {
                part = Part::Exponent;
            } else if (c == 'j' || c == 'J') {
                part = Part::Imaginary;
            } else if (found_decimal) {
                backup(c);
                return syntaxerror("invalid token");
            } else {
                if (c == 'l' || c == 'L') c = nextc();
                part = Part::End;
            }
        } else {
            bool nonzero = false;
            for (;;) {
                if (c == '_' && us) {
                    c = nextc();
                    if (!is_digit(c)) {
                        backup(c);
                        return token_error("invalid decimal literal");
                    }
                }
                if (c != '0') break;
                c = nextc();
            }
            const size_t zeros_end = cur_;
            if (is_digit(c)) {
                nonzero = true;
                if (!decimal_tail(c)) return false;
            }
            if (c == '.') {
                c = nextc();
                part = Part::Fraction;
            } else if (c == 'e' || c == 'E') {
                part = Part::Exponent;
            } else if (c == 'j' || c == 'J') {
                part = Part::Imaginary;
            } else if (nonzero) {
                backup(c);
                const char* msg =
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix "
                    "for octal integers";
                if (!v310) return token_error(msg);
                int line = src_.line_of(start_);
                size_t ls = src_.line_start(line);
                return syntaxerror_range(msg, src_.char_col(line, static_cast<int>(start_ - ls)) + 1,
                                         src_.char_col(line, static_cast<int>(zeros_end - ls)));
            }
        }
    } else {
        if (py2) {
            do {
                c = nextc();
            } while (is_digit(c));
        } else if (!decimal_tail(c)) {
            return false;
        }
        if (py2 && (c == 'l' || c == 'L')) {
            c = nextc();
            part = Part::End;
        } else if (c == '.') {
            c = nextc();
            part = Part::Fraction;
        } else if (c == 'e' || c == 'E') {
            part = Part::Exponent;
        } else if (c == 'j' || c == 'J') {
            part = Part::Imaginary;
        }
    }
    if (part == Part::Fraction) {
        if (is_digit(c)) {
            if (py2) {
                do {
                    c = nextc();
                } while (is_digit(c));
            } else if (!decimal_tail(c)) {
                return false;
            }
        }
        part = c == 'e' || c == 'E' ? Part::Exponent : c == 'j' || c == 'J' ? Part::Imaginary : Part::EndDecimal;
    }
    if (part == Part::Exponent) {
        const int e = c;
        c = nextc();
        if (c == '+' || c == '-') {
            c = nextc();
            if (!is_digit(c)) {
                backup(c);
                return token_error("invalid decimal literal");
            }
        } else if (!is_digit(c)) {
            // "1e" is the number 1 followed by the name e (3.10+: an invalid literal).
            backup(c);
            if (!verify_end_of_number(e, "decimal")) return false;
            backup(e);
            make(t, TokenKind::Number, start_, cur_);
            return true;
        }
        if (py2) {
            do {
                c = nextc();
            } while (is_digit(c));
        } else if (!decimal_tail(c)) {
            return false;
        }
        part = c == 'j' || c == 'J' ? Part::Imaginary : Part::EndDecimal;
    }
    if (part == Part::Imaginary) {
        c = nextc();
        if (!verify_end_of_number(c, "imaginary")) return false;
    } else if (part == Part::EndDecimal) {
        if (!verify_end_of_number(c, "decimal")) return false;
    }
    backup(c);
    make(t, TokenKind::Number, start_, cur_);
    return true;
}

// ---- Names -----------------------------------------------------------------------------------

// A name, or a string whose prefix turned out to be the name's letters.
bool Lexer::name(int c, Token& t) {
    if (opt_.major == 2) {
        // 2.7's prefixes: b, br, u, ur, r (any case).
        if (c == 'b' || c == 'B' || c == 'u' || c == 'U' || c == 'r' || c == 'R') {
            const bool raw_first = c == 'r' || c == 'R';
            c = nextc();
            bool raw = raw_first;
            if (!raw_first && (c == 'r' || c == 'R')) {
                raw = true;
                c = nextc();
            }
            if (c == '"' || c == '\'') return string(c, false, raw, t);
        }
    } else {
        bool saw_b = false, saw_r = false, saw_u = false, saw_f = false;
        for (;;) {
            if (!(saw_b || saw_u || saw_f) && (c == 'b' || c == 'B')) {
                saw_b = true;
            } else if (!(saw_b || saw_u || saw_r || saw_f) && (c == 'u' || c == 'U')) {
                saw_u = true;
            } else if (!(saw_r || saw_u) && (c == 'r' || c == 'R')) {
                saw_r = true;
            } else if (!(saw_f || saw_b || saw_u) && (c == 'f' || c == 'F')) {
                saw_f = true;
            } else {
                break;
            }
            c = nextc();
            if (c == '"' || c == '\'') return string(c, saw_f, saw_r, t);
        }
    }
    bool nonascii = false;
    while (is_potential_identifier_char(c, opt_.major)) {
        if (c >= 128) nonascii = true;
        c = nextc();
    }
    backup(c);
    if (nonascii && !verify_identifier()) return false;
    make(t, TokenKind::Name, start_, cur_);
    t.keyword = keyword_of(std::string_view(buf_).substr(start_, cur_ - start_));
    return true;
}

// The first character that may not be in an identifier ends the tokenizer with an error that
// points just past it (CPython's verify_identifier).
bool Lexer::verify_identifier() {
    const std::string_view word = std::string_view(buf_).substr(start_, cur_ - start_);
    size_t bad;
    const char* reason;
    if (find_invalid_utf8(word, bad, reason)) {
        // E_DECODE: the name is not UTF-8.
        std::string msg =
            at_least(3, 10) ? utf8_error(word, bad, reason, opt_.major) : "invalid character in identifier";
        int line = src_.line_of(start_);
        int offset = columns(src_, opt_, line, static_cast<int>(cur_ - src_.line_start(line)));
        return error_at("SyntaxError", msg, line, offset, at_least(3, 10) ? line : 0, at_least(3, 10) ? -1 : 0);
    }
    size_t i = start_;
    bool first = true;
    while (i < cur_) {
        uint32_t cp;
        size_t n = utf8_decode(buf_, i, cur_, cp);
        bool ok = first ? is_id_start(cp) : is_id_continue(cp);
        first = false;
        if (!ok) {
            cur_ = i + n;
            if (!at_least(3, 10)) return syntaxerror("invalid character in identifier");
            char hex[16];
            std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(cp));
            if (is_printable(cp)) {
                return syntaxerror("invalid character '" + buf_.substr(i, n) + "' (U+" + hex + ")");
            }
            return syntaxerror(std::string("invalid non-printable character U+") + hex);
        }
        i += n;
    }
    return true;
}

Keyword Lexer::keyword_of(std::string_view w) const {
    struct Entry {
        const char* word;
        Keyword kw;
    };
    static constexpr Entry kKeywords[] = {
        {"False", Keyword::False},
        {"None", Keyword::None},
        {"True", Keyword::True},
        {"and", Keyword::And},
        {"as", Keyword::As},
        {"assert", Keyword::Assert},
        {"async", Keyword::Async},
        {"await", Keyword::Await},
        {"break", Keyword::Break},
        {"class", Keyword::Class},
        {"continue", Keyword::Continue},
        {"def", Keyword::Def},
        {"del", Keyword::Del},
        {"elif", Keyword::Elif},
        {"else", Keyword::Else},
        {"except", Keyword::Except},
        {"finally", Keyword::Finally},
        {"for", Keyword::For},
        {"from", Keyword::From},
        {"global", Keyword::Global},
        {"if", Keyword::If},
        {"import", Keyword::Import},
        {"in", Keyword::In},
        {"is", Keyword::Is},
        {"lambda", Keyword::Lambda},
        {"nonlocal", Keyword::Nonlocal},
        {"not", Keyword::Not},
        {"or", Keyword::Or},
        {"pass", Keyword::Pass},
        {"print", Keyword::Print},
        {"raise", Keyword::Raise},
        {"return", Keyword::Return},
        {"try", Keyword::Try},
        {"while", Keyword::While},
        {"with", Keyword::With},
        {"yield", Keyword::Yield},
    };
    Keyword kw = Keyword::NotKeyword;
    for (const Entry& e : kKeywords) {
        if (w == e.word) kw = e.kw;
    }
    const bool py2 = opt_.major == 2;
    switch (kw) {
        case Keyword::True:
        case Keyword::False:
        case Keyword::Nonlocal: return py2 ? Keyword::NotKeyword : kw;
        case Keyword::Print: return py2 ? kw : Keyword::NotKeyword;
        case Keyword::Async:
        case Keyword::Await: return at_least(3, 7) ? kw : Keyword::NotKeyword;
        default: return kw;
    }
}

// ---- Operators and brackets ------------------------------------------------------------------

bool Lexer::brackets(int c) {
    const bool checks = at_least(3, 8);
    if (c == '(' || c == '[' || c == '{') {
        if (checks && level_ >= kMaxLevel) return syntaxerror("too many nested parentheses");
        int line = src_.line_of(start_);
        parens_.push_back({static_cast<char>(c), line, static_cast<int>(start_ - src_.line_start(line))});
        ++level_;
        return true;
    }
    if (level_ == 0) {
        if (!checks) return true;
        return syntaxerror(std::string("unmatched '") + static_cast<char>(c) + "'");
    }
    --level_;
    Paren open = parens_.back();
    parens_.pop_back();
    const bool match = (open.ch == '(' && c == ')') || (open.ch == '[' && c == ']') || (open.ch == '{' && c == '}');
    if (match || !checks) return true;
    std::string msg = std::string("closing parenthesis '") + static_cast<char>(c) +
                      "' does not match opening parenthesis '" + open.ch + "'";
    if (open.line != src_.line_of(start_)) msg += " on line " + std::to_string(open.line);
    return syntaxerror(msg);
}

bool Lexer::op(int c, Token& t) {
    int c2 = nextc();
    TokenKind kind = two_chars(c, c2, at_least(3, 8));
    if (kind != TokenKind::Op) {
        int c3 = nextc();
        TokenKind three = three_chars(c, c2, c3);
        if (three != TokenKind::Op) {
            kind = three;
        } else {
            backup(c3);
        }
        make(t, kind, start_, cur_);
        return true;
    }
    if (c == '<' && c2 == '>') {
        // 2.7's other spelling of !=; 3.x only accepts it under barry_as_FLUFL.
        make(t, opt_.major == 2 ? TokenKind::NotEqual : TokenKind::Op, start_, cur_);
        return true;
    }
    backup(c2);
    kind = one_char(c);
    if (kind == TokenKind::LPar || kind == TokenKind::RPar || kind == TokenKind::LSqb || kind == TokenKind::RSqb ||
        kind == TokenKind::LBrace || kind == TokenKind::RBrace) {
        if (!brackets(c)) return false;
    }
    make(t, kind, start_, cur_);
    return true;
}

// ---- Errors ----------------------------------------------------------------------------------

bool Lexer::error_at(const char* type, std::string msg, int line, int offset, int end_line, int end_offset) {
    error_.kind = LexError::Kind::Error;
    error_.info = source_error(src_, type, std::move(msg), line, offset, end_line, end_offset);
    return false;
}

bool Lexer::syntaxerror(std::string msg) {
    int line = src_.line_of(cur_ > start_ ? cur_ - 1 : cur_);
    int offset = columns(src_, opt_, line, static_cast<int>(cur_ - src_.line_start(line)));
    return syntaxerror_range(std::move(msg), offset, offset);
}

bool Lexer::syntaxerror_range(std::string msg, int offset, int end_offset) {
    int line = src_.line_of(cur_ > start_ ? cur_ - 1 : cur_);
    const bool v310 = at_least(3, 10);
    return error_at("SyntaxError", std::move(msg), line, offset, v310 ? line : 0, v310 ? end_offset : 0);
}

}  // namespace pymemlab
