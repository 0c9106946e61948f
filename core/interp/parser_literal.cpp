// Literals: numbers (pegen.c's parsenumber, with any base turned into decimal digits), strings
// and their escapes (string_parser.c's decode_unicode_with_escapes, bytes' _PyBytes_DecodeEscape)
// and implicit concatenation into a Constant or a JoinedStr. f-strings are split in
// parser_fstring.cpp.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "interp/lexer_internal.h"
#include "interp/parser_internal.h"
#include "object/utf8.h"

namespace pymemlab {

using ast::Expr;
using ast::ExprKind;
using ast::Pos;

namespace {

// CPython's int_max_str_digits default (3.8.14+, 3.10.7+, 3.11+): longer decimal literals are
// refused; hexadecimal ones are not.
constexpr size_t kMaxStrDigits = 4300;
// The largest non-decimal literal turned into decimal here (bits), to keep the conversion fast.
constexpr size_t kMaxLiteralBits = 200000;
constexpr uint32_t kLimbBase = 1000000000;  // decimal limbs of 9 digits

int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 0;
}

// The decimal digits of a number written in `base`: repeated multiply-add on base-10^9 limbs.
std::string to_decimal(std::string_view digits, int base) {
    std::vector<uint32_t> limbs{0};
    for (char c : digits) {
        uint64_t carry = static_cast<uint64_t>(digit_value(c));
        for (uint32_t& limb : limbs) {
            uint64_t v = static_cast<uint64_t>(limb) * static_cast<uint64_t>(base) + carry;
            limb = static_cast<uint32_t>(v % kLimbBase);
            carry = v / kLimbBase;
        }
        if (carry != 0) limbs.push_back(static_cast<uint32_t>(carry));
    }
    std::string out = std::to_string(limbs.back());
    for (size_t i = limbs.size() - 1; i-- > 0;) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%09u", static_cast<unsigned>(limbs[i]));
        out += buf;
    }
    return out;
}

bool is_hex(char c) { return lex::is_xdigit(static_cast<unsigned char>(c)); }

// A position in CPython's unicode_escape buffer, where each non-ASCII character of the literal
// was first rewritten as "\UXXXXXXXX" (10 characters): error messages count in it.
size_t escape_position(std::string_view body, size_t byte) {
    size_t pos = 0;
    for (size_t i = 0; i < byte && i < body.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(body[i]);
        if (c < 0x80) {
            ++pos;
        } else if ((c & 0xC0) != 0x80) {
            pos += 10;
        }
    }
    return pos;
}

std::string unicode_error(std::string_view body, size_t start, size_t end, const std::string& reason) {
    size_t a = escape_position(body, start);
    size_t b = escape_position(body, end);
    char buf[160];
    if (b - a == 1) {
        std::snprintf(buf, sizeof buf,
                      "(unicode error) 'unicodeescape' codec can't decode byte 0x5c in position %zu: ", a);
    } else {
        std::snprintf(buf, sizeof buf,
                      "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: ", a, b - 1);
    }
    return buf + reason;
}

}  // namespace

// A str literal's escapes (unicode_escape); invalid escapes keep their backslash. False with
// CPython's message in *error.
bool decode_unicode_escapes(std::string_view body, std::string& out, std::string* error) {
    const size_t n = body.size();
    for (size_t i = 0; i < n;) {
        char c = body[i];
        if (c != '\\') {
            out += c;
            ++i;
            continue;
        }
        const size_t start = i;
        if (i + 1 >= n || (static_cast<unsigned char>(body[i + 1]) & 0x80) != 0) {
            out += '\\';
            ++i;
            continue;
        }
        char e = body[i + 1];
        i += 2;
        switch (e) {
            case '\n': break;
            case '\\': out += '\\'; break;
            case '\'': out += '\''; break;
            case '"': out += '"'; break;
            case 'a': out += '\a'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'v': out += '\v'; break;
            case '0':
            case '1':
            case '2':
            case '3':
            case '4':
            case '5':
            case '6':
            case '7': {
                uint32_t cp = static_cast<uint32_t>(e - '0');
                for (int k = 0; k < 2 && i < n && body[i] >= '0' && body[i] <= '7'; ++k)
                    cp = cp * 8 + static_cast<uint32_t>(body[i++] - '0');
                utf8_append(out, cp);
                break;
            }
            case 'x':
            case 'u':
            case 'U': {
                const int count = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                const char* reason = e == 'x'   ? "truncated \\xXX escape"
                                     : e == 'u' ? "truncated \\uXXXX escape"
                                                : "truncated \\UXXXXXXXX escape";
                uint32_t cp = 0;
                for (int k = 0; k < count; ++k, ++i) {
                    if (i >= n || !is_hex(body[i])) {
                        if (error) *error = unicode_error(body, start, i, reason);
                        return false;
                    }
                    cp = cp * 16 + static_cast<uint32_t>(digit_value(body[i]));
                }
                if (cp > 0x10FFFF) {
                    if (error) *error = unicode_error(body, start, i, "illegal Unicode character");
                    return false;
                }
                utf8_append(out, cp);
                break;
            }
            case 'N': {
                // No Unicode name database here: \N{...} is refused by name.
                if (i < n && body[i] == '{') {
                    size_t close = body.find('}', i);
                    if (close != std::string_view::npos && close > i + 1) {
                        if (error) {
                            *error = unicode_error(body, start, close + 1,
                                                   "PyMemLab does not support " +
                                                       std::string(body.substr(start, close + 1 - start)) +
                                                       " (no Unicode name database)");
                        }
                        return false;
                    }
                    i = close == std::string_view::npos ? n : close + 1;
                }
                if (error) *error = unicode_error(body, start, i, "malformed \\N character escape");
                return false;
            }
            default:
                out += '\\';
                out += e;
                break;
        }
    }
    return true;
}

// A bytes literal's escapes (_PyBytes_DecodeEscape): no \u, \U or \N; octal values wrap to a
// byte.
bool decode_bytes_escapes(std::string_view body, std::string& out, std::string* error) {
    const size_t n = body.size();
    for (size_t i = 0; i < n;) {
        char c = body[i];
        if (c != '\\' || i + 1 >= n) {
            out += c;
            ++i;
            continue;
        }
        const size_t start = i;
        char e = body[i + 1];
        i += 2;
        switch (e) {
            case '\n': break;
            case '\\': out += '\\'; break;
            case '\'': out += '\''; break;
            case '"': out += '"'; break;
            case 'a': out += '\a'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'v': out += '\v'; break;
            case '0':
            case '1':
            case '2':
            case '3':
            case '4':
            case '5':
            case '6':
            case '7': {
                unsigned v = static_cast<unsigned>(e - '0');
                for (int k = 0; k < 2 && i < n && body[i] >= '0' && body[i] <= '7'; ++k)
                    v = v * 8 + static_cast<unsigned>(body[i++] - '0');
                out += static_cast<char>(v & 0xFF);
                break;
            }
            case 'x':
                if (i + 1 < n && is_hex(body[i]) && is_hex(body[i + 1])) {
                    out += static_cast<char>(digit_value(body[i]) * 16 + digit_value(body[i + 1]));
                    i += 2;
                    break;
                }
                if (error) *error = "(value error) invalid \\x escape at position " + std::to_string(start);
                return false;
            default:
                out += '\\';
                out += e;
                break;
        }
    }
    return true;
}

namespace {

std::string replace_invalid(std::string s) {
    size_t at;
    const char* reason;
    while (lex::find_invalid_utf8(s, at, reason)) s.replace(at, 1, "\xEF\xBF\xBD");
    return s;
}

}  // namespace

// A literal's decoding error: 3.12+ at the string, 3.10 and 3.11 at the token after the strings,
// older profiles as ast.c's error at the string.
void Parser::string_error(const Token& t, const std::string& msg) {
    if (at_least(3, 12)) {
        error_known(pos_of(t), msg);
    } else if (pegen()) {
        error_last_token(msg);
    } else {
        ast_error(pos_of(t), msg);
    }
}

// ---- Numbers ---------------------------------------------------------------------------------

Expr* Parser::number(const Token& t) {
    std::string s;
    for (char c : text(t)) {
        if (c != '_') s += c;
    }
    Expr* e = mod_.new_expr(ExprKind::Constant, pos_of(t));
    const char last = s.back();
    if (last == 'j' || last == 'J') {
        e->constant.kind = ast::ConstKind::Complex;
        s.pop_back();
        e->constant.number = std::strtod(s.c_str(), nullptr);
        return e;
    }
    if (py2() && (last == 'l' || last == 'L')) {
        s.pop_back();
        e->constant.long27 = true;
    }
    int base = 10;
    size_t skip = 0;
    if (s.size() > 1 && s[0] == '0' &&
        (s[1] == 'x' || s[1] == 'X' || s[1] == 'o' || s[1] == 'O' || s[1] == 'b' || s[1] == 'B')) {
        base = s[1] == 'x' || s[1] == 'X' ? 16 : s[1] == 'o' || s[1] == 'O' ? 8 : 2;
        skip = 2;
    } else if (s.find_first_of(".eE") != std::string::npos) {
        e->constant.kind = ast::ConstKind::Float;
        e->constant.number = std::strtod(s.c_str(), nullptr);
        return e;
    } else if (py2() && s.size() > 1 && s[0] == '0') {
        base = 8;  // 2.7's 0777
        skip = 1;
    }
    e->constant.kind = ast::ConstKind::Int;
    std::string_view digits = std::string_view(s).substr(skip);
    if (base == 10) {
        size_t nz = digits.find_first_not_of('0');
        e->constant.text = nz == std::string_view::npos ? "0" : std::string(digits.substr(nz));
        const bool limited = at_least(3, 11) || (opt_.major == 3 && (opt_.minor == 8 || opt_.minor == 10));
        if (limited && digits.size() > kMaxStrDigits) {
            char msg[320];
            std::snprintf(msg, sizeof msg,
                          "Exceeds the limit (%zu%s) for integer string conversion: value has %zu digits; use "
                          "sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge "
                          "integer literals to avoid decimal conversion limits.",
                          kMaxStrDigits, at_least(3, 11) ? " digits" : "", digits.size());
            if (pegen()) {
                fail_info(source_error(src_, "SyntaxError", msg, t.line, 0, t.line, 0));
            } else {
                ast_error(pos_of(t), msg);
            }
        }
        return e;
    }
    const size_t bits = digits.size() * (base == 16 ? 4 : base == 8 ? 3 : 1);
    if (bits > kMaxLiteralBits) {
        ast_error(pos_of(t), "integer literal too large for PyMemLab (over 200000 bits)");
        e->constant.text = "0";
        return e;
    }
    e->constant.text = to_decimal(digits, base);
    return e;
}

// ---- Strings ---------------------------------------------------------------------------------

// strings: STRING+ — the adjacent literals of one atom, concatenated: a Constant (Str or Bytes)
// or, when one is an f-string, a JoinedStr. All are read before any is decoded, so that pegen's
// errors land on the token after them, as CPython's do.
Expr* Parser::strings() {
    const Pos start = pos_of(cur());
    const size_t first = pos_;
    while (at(TokenKind::String)) advance();
    const size_t last = pos_;
    const std::string& b = src_.str();
    bool bytes_seen = false, str_seen = false, fstring_seen = false;
    std::string bytes_value;
    std::string literal;
    std::vector<Expr*> values;
    for (size_t k = first; k < last && !failed_; ++k) {
        const Token& t = (*toks_)[k];
        size_t p = t.begin;
        bool is_b = false, is_r = false, is_u = false, is_f = false;
        for (; b[p] != '\'' && b[p] != '"'; ++p) {
            char c = static_cast<char>(b[p] | 0x20);
            is_b |= c == 'b';
            is_r |= c == 'r';
            is_u |= c == 'u';
            is_f |= c == 'f';
        }
        const size_t qsize = t.end - p >= 6 && b[p + 1] == b[p] && b[p + 2] == b[p] ? 3 : 1;
        size_t body = p + qsize;
        const size_t body_end = t.end - qsize;
        const std::string_view text = std::string_view(b).substr(body, body_end - body);
        const bool as_bytes = is_b || (py2() && !is_u && !unicode_literals_);
        std::string error;
        size_t bad;
        const char* reason;
        if (!as_bytes && !py2() && lex::find_invalid_utf8(text, bad, reason)) {
            string_error(t, lex::utf8_error(text, bad, reason, opt_.major));
            continue;
        }
        if (as_bytes) {
            bytes_seen = true;
            if (!py2()) {
                for (char c : text) {
                    if ((static_cast<unsigned char>(c) & 0x80) == 0) continue;
                    const char* msg = at_least(3, 10) ? "bytes can only contain ASCII literal characters"
                                                      : "bytes can only contain ASCII literal characters.";
                    if (at_least(3, 13)) {
                        error_known(pos_of(t), msg);
                    } else if (at_least(3, 11)) {
                        // 3.11 and 3.12 leave the end column in bytes.
                        error_known(pos_of(t), msg);
                        err_.end_offset = t.end_col + 1;
                    } else if (pegen()) {
                        const Token& next = (*toks_)[furthest_];
                        fail_info(
                            source_error(src_, "SyntaxError", msg, next.line, next.col + 1, next.line, next.col + 1));
                    } else {
                        ast_error(pos_of(t), msg);
                    }
                    break;
                }
            }
            std::string decoded;
            if (is_r) {
                decoded = std::string(text);
            } else if (!decode_bytes_escapes(text, decoded, &error)) {
                string_error(t, error);
            }
            bytes_value += decoded;
            if (py2()) literal += decoded;
        } else if (is_f) {
            str_seen = fstring_seen = true;
            fstring(t, body, body_end, is_r, 0, values, literal);
        } else {
            str_seen = true;
            if (is_r) {
                literal += text;
            } else if (!decode_unicode_escapes(text, literal, &error)) {
                string_error(t, error);
            }
        }
    }
    if (failed_) return nullptr;
    const Pos where = from(start);
    if (bytes_seen && str_seen && !py2()) {
        const char* msg = "cannot mix bytes and nonbytes literals";
        if (pegen()) {
            error_last_token(msg);
            return nullptr;
        }
        ast_error(where, msg);
    }
    Expr* e = mod_.new_expr(ExprKind::Constant, where);
    if (!str_seen) {
        e->constant.kind = ast::ConstKind::Bytes;
        e->constant.text = std::move(bytes_value);
        return e;
    }
    if (!fstring_seen) {
        e->constant.kind = ast::ConstKind::Str;
        e->constant.text = py2() ? replace_invalid(std::move(literal)) : std::move(literal);
        return e;
    }
    if (!literal.empty()) {
        Expr* c = mod_.new_expr(ExprKind::Constant, where);
        c->constant.kind = ast::ConstKind::Str;
        c->constant.text = std::move(literal);
        values.push_back(c);
    }
    e->kind = ExprKind::JoinedStr;
    e->values = std::move(values);
    // 3.8-3.11 give every piece the whole string's position.
    for (Expr* v : e->values) {
        v->pos = where;
        if (v->kind == ExprKind::FormattedValue && v->right != nullptr) v->right->pos = where;
    }
    return e;
}

}  // namespace pymemlab
