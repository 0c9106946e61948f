// The format-spec mini-language (Python/formatter_unicode.c): the parser, the number layout
// (calc_number_widths, _PyUnicode_InsertThousandsGrouping, fill_number) and str's own
// formatting (format_string_internal).
#include "object/format_spec.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "object/builtins.h"
#include "object/bytes_object.h"
#include "object/errors.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/text_internal.h"

namespace pymemlab {

namespace {

bool is_alignment_token(uint32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }
bool is_sign_element(uint32_t c) { return c == ' ' || c == '+' || c == '-'; }
bool is_ascii_digit(uint32_t c) { return c >= '0' && c <= '9'; }

PyObject* value_error(Runtime& rt, std::string_view message) {
    return err_set_string(rt, rt.builtins().exc.ValueError, message);
}

// get_integer: decimal digits at *pos; -1 with ValueError when they overflow a Py_ssize_t.
int64_t get_integer(Runtime& rt, std::u32string_view spec, size_t* pos, int64_t* result) {
    int64_t accumulator = 0;
    int64_t numdigits = 0;
    for (; *pos < spec.size() && is_ascii_digit(spec[*pos]); ++*pos, ++numdigits) {
        const int digitval = static_cast<int>(spec[*pos] - '0');
        // Detect overflow before it happens: accumulator * 10 + digitval > PY_SSIZE_T_MAX.
        if (accumulator > (INT64_MAX - digitval) / 10) {
            value_error(rt, "Too many decimal digits in format string");
            *pos += 1;
            return -1;
        }
        accumulator = accumulator * 10 + digitval;
    }
    *result = accumulator;
    return numdigits;
}

void invalid_thousands_separator_type(Runtime& rt, char specifier, uint32_t presentation_type) {
    char buffer[96];
    if (presentation_type > 32 && presentation_type < 128)
        std::snprintf(buffer, sizeof buffer, "Cannot specify '%c' with '%c'.", specifier,
                      static_cast<char>(presentation_type));
    else
        std::snprintf(buffer, sizeof buffer, "Cannot specify '%c' with '\\x%x'.", specifier, presentation_type);
    value_error(rt, buffer);
}

// Printable in a 3.x repr (str.isprintable): not a control character, not a separator other
// than the space (the model's approximation of the Unicode tables).
bool printable(uint32_t c) {
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0xa0) || c == 0xad) return false;
    if (c == 0x1680 || (c >= 0x2000 && c <= 0x200f) || (c >= 0x2028 && c <= 0x202f) || c == 0x205f ||
        (c >= 0x2060 && c <= 0x206f) || c == 0x3000 || c == 0xfeff || (c >= 0xd800 && c <= 0xdfff))
        return false;
    return true;
}

}  // namespace

namespace {

// Unicode decimal digits and white space, mapped to ASCII as
// _PyUnicode_TransformDecimalAndSpaceToASCII does before parsing (other non-ASCII becomes '?').
// The decimal blocks listed are the common ones (each a run of ten from its zero).
constexpr uint32_t kDecimalZeros[] = {0x660,  0x6f0,  0x7c0,  0x966,  0x9e6,  0xa66,  0xae6,  0xb66,  0xbe6,
                                      0xc66,  0xce6,  0xd66,  0xde6,  0xe50,  0xed0,  0xf20,  0x1040, 0x1090,
                                      0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40,
                                      0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10};
bool unicode_space(uint32_t c) {
    return (c >= 0x1c && c <= 0x1f) || c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
           c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

}  // namespace

std::string ascii_digits_and_space(std::string_view utf8) {
    std::string out;
    for (uint32_t c : utf8_to_u32(utf8)) {
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
            continue;
        }
        if (unicode_space(c)) {
            out.push_back(' ');
            continue;
        }
        char mapped = '?';
        for (uint32_t zero : kDecimalZeros)
            if (c >= zero && c < zero + 10) mapped = static_cast<char>('0' + (c - zero));
        out.push_back(mapped);
    }
    return out;
}

bool object_text(const Runtime& rt, const PyObject* o, std::string* out, TextKind* kind) {
    const Builtins& b = rt.builtins();
    PyTypeObject* t = Py_TYPE(o);
    if (t == b.unicode_type) {
        *out = unicode_as_utf8(rt, o);
        *kind = kTextUnicode;
        return true;
    }
    if (t == b.bytes_type) {
        *out = std::string(bytes_view(rt, o));
        *kind = kTextBytes;
        return true;
    }
    return false;
}

std::string repr_text(const Runtime& rt, std::string_view text, TextKind kind, size_t limit) {
    const bool py2 = rt.profile().major == 2;
    std::u32string chars;
    if (kind == kTextBytes)
        for (char c : text) chars.push_back(static_cast<unsigned char>(c));
    else
        chars = utf8_to_u32(text);
    const bool has_single = chars.find(U'\'') != std::u32string::npos;
    const bool has_double = chars.find(U'"') != std::u32string::npos;
    const char quote = has_single && !has_double ? '"' : '\'';
    std::string out = kind == kTextBytes && !py2 ? "b" : "";
    out.push_back(quote);
    char buffer[16];
    for (uint32_t c : chars) {
        if (c == static_cast<uint32_t>(quote) || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && (kind == kTextBytes || py2 || !printable(c)))) {
            if (c <= 0xff)
                std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
            else if (c <= 0xffff)
                std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
            else
                std::snprintf(buffer, sizeof buffer, "\\U%08x", c);
            out += buffer;
        } else {
            out += u32_to_utf8(std::u32string(1, c));
        }
    }
    out.push_back(quote);
    // %.200R: the first `limit` characters of the repr.
    const std::u32string r = utf8_to_u32(out);
    if (r.size() > limit) out = u32_to_utf8(r.substr(0, limit));
    return out;
}

std::u32string utf8_to_u32(std::string_view s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
        if (i + n > s.size()) n = 1;
        uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1f : n == 3 ? c & 0x0f : c & 0x07;
        for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
        out.push_back(cp);
        i += n;
    }
    return out;
}

std::string u32_to_utf8(std::u32string_view text) {
    std::string out;
    for (uint32_t c : text) {
        if (c < 0x80) {
            out.push_back(static_cast<char>(c));
        } else if (c < 0x800) {
            out.push_back(static_cast<char>(0xc0 | (c >> 6)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
        } else if (c < 0x10000) {
            out.push_back(static_cast<char>(0xe0 | (c >> 12)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
        } else {
            out.push_back(static_cast<char>(0xf0 | (c >> 18)));
            out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3f)));
            out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
            out.push_back(static_cast<char>(0x80 | (c & 0x3f)));
        }
    }
    return out;
}

bool format_spec_parse(Runtime& rt, std::u32string_view spec, char default_type, char default_align,
                       const char* type_name, FormatSpec* format) {
    const Profile& p = rt.profile();
    const size_t end = spec.size();
    size_t pos = 0;
    bool align_specified = false;
    bool fill_char_specified = false;
    *format = FormatSpec{};
    format->align = static_cast<unsigned char>(default_align);
    format->type = static_cast<unsigned char>(default_type);

    // If the second character is an alignment token, the first is the fill.
    if (end - pos >= 2 && is_alignment_token(spec[pos + 1])) {
        format->align = spec[pos + 1];
        format->fill_char = spec[pos];
        fill_char_specified = align_specified = true;
        pos += 2;
    } else if (end - pos >= 1 && is_alignment_token(spec[pos])) {
        format->align = spec[pos];
        align_specified = true;
        ++pos;
    }
    if (end - pos >= 1 && is_sign_element(spec[pos])) format->sign = spec[pos++];
    if (p.at_least(3, 11) && end - pos >= 1 && spec[pos] == 'z') {
        format->no_neg_0 = true;
        ++pos;
    }
    if (end - pos >= 1 && spec[pos] == '#') {
        format->alternate = true;
        ++pos;
    }
    // A leading '0' asks for zero padding. Up to 3.9 it also means '=' alignment for every
    // type (so strings refuse it); from 3.10 only where the default alignment is '>'.
    if (!fill_char_specified && end - pos >= 1 && spec[pos] == '0') {
        format->fill_char = '0';
        if (!align_specified && (!p.at_least(3, 10) || default_align == '>')) format->align = '=';
        ++pos;
    }
    int64_t consumed = get_integer(rt, spec, &pos, &format->width);
    if (consumed == -1) return false;
    if (consumed == 0) format->width = -1;

    const bool underscores = p.at_least(3, 6);  // PEP 515
    if (end - pos && spec[pos] == ',') {
        format->thousands = ',';
        ++pos;
    }
    if (underscores && end - pos && spec[pos] == '_') {
        if (format->thousands != '\0') {
            value_error(rt, "Cannot specify both ',' and '_'.");
            return false;
        }
        format->thousands = '_';
        ++pos;
    }
    if (underscores && end - pos && spec[pos] == ',' && format->thousands == '_') {
        value_error(rt, "Cannot specify both ',' and '_'.");
        return false;
    }
    if (end - pos && spec[pos] == '.') {
        ++pos;
        consumed = get_integer(rt, spec, &pos, &format->precision);
        if (consumed == -1) return false;
        if (consumed == 0) {
            value_error(rt, "Format specifier missing precision");
            return false;
        }
    }
    if (end - pos > 1) {
        // More than one character remains: not a valid spec.
        if (p.major == 2) {
            value_error(rt, "Invalid conversion specification");
        } else if (!p.at_least(3, 11)) {
            value_error(rt, "Invalid format specifier");
        } else {
            value_error(rt,
                        "Invalid format specifier '" + u32_to_utf8(spec) + "' for object of type '" + type_name + "'");
        }
        return false;
    }
    if (end - pos == 1) format->type = spec[pos++];

    if (format->thousands != '\0') {
        switch (format->type) {
            case 'd':
            case 'e':
            case 'f':
            case 'g':
            case 'E':
            case 'G':
            case '%':
            case 'F':
            case '\0':
                break;  // PEP 378
            case 'b':
            case 'o':
            case 'x':
            case 'X':
                if (format->thousands == '_') {  // PEP 515: every four digits
                    format->under_four = true;
                    break;
                }
                [[fallthrough]];
            default:
                invalid_thousands_separator_type(rt, format->thousands, format->type);
                return false;
        }
    }
    return true;
}

PyObject* format_unknown_type(Runtime& rt, uint32_t type, const char* type_name) {
    char buffer[160];
    if (type > 32 && type < 128)
        std::snprintf(buffer, sizeof buffer, "Unknown format code '%c' for object of type '%.100s'",
                      static_cast<char>(type), type_name);
    else
        std::snprintf(buffer, sizeof buffer, "Unknown format code '\\x%x' for object of type '%.100s'", type,
                      type_name);
    return value_error(rt, buffer);
}

namespace {

// _PyUnicode_InsertThousandsGrouping with a uniform group size (3, or 4 for '_' with
// b/o/x/X) or none (group 0): the digits with separators, padded with zeros (and
// separators among them) to at least min_width characters.
std::u32string group_digits(std::string_view digits, int64_t min_width, int group, uint32_t sep) {
    min_width = std::max<int64_t>(0, min_width);
    std::u32string out;  // built right to left
    int64_t remaining = static_cast<int64_t>(digits.size());
    size_t digits_pos = digits.size();
    bool use_separator = false;
    auto fill = [&](int64_t n_chars, int64_t n_zeros) {
        if (use_separator) out.push_back(sep);
        for (int64_t i = 0; i < n_chars; ++i) out.push_back(static_cast<unsigned char>(digits[--digits_pos]));
        for (int64_t i = 0; i < n_zeros; ++i) out.push_back('0');
    };
    bool loop_broken = false;
    if (group > 0) {
        for (;;) {
            const int64_t len = std::min<int64_t>(group, std::max<int64_t>(std::max(remaining, min_width), 1));
            const int64_t n_zeros = std::max<int64_t>(0, len - remaining);
            const int64_t n_chars = std::max<int64_t>(0, std::min(remaining, len));
            fill(n_chars, n_zeros);
            use_separator = true;
            remaining -= n_chars;
            min_width -= len;
            if (remaining <= 0 && min_width <= 0) {
                loop_broken = true;
                break;
            }
            min_width -= 1;  // the separator's length
        }
    }
    if (!loop_broken) {
        const int64_t len = std::max<int64_t>(std::max(remaining, min_width), 1);
        const int64_t n_zeros = std::max<int64_t>(0, len - remaining);
        const int64_t n_chars = std::max<int64_t>(0, std::min(remaining, len));
        fill(n_chars, n_zeros);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

}  // namespace

bool format_width_fits(Runtime& rt, const FormatSpec& spec) {
    if (spec.width <= text::kMaxTextLength) return true;
    err_no_memory(rt);
    return false;
}

std::u32string format_number(const FormatSpec& format, const NumberParts& parts) {
    // | lpadding | sign | prefix | spadding | grouped digits | decimal | remainder | rpadding |
    uint32_t sign = '\0';
    switch (format.sign) {
        case '+':
            sign = parts.sign_char == '-' ? '-' : '+';
            break;
        case ' ':
            sign = parts.sign_char == '-' ? '-' : ' ';
            break;
        default:
            sign = parts.sign_char == '-' ? '-' : '\0';
            break;
    }
    const std::u32string remainder = utf8_to_u32(parts.remainder);
    const int64_t n_non_digit = (sign ? 1 : 0) + static_cast<int64_t>(parts.prefix.size()) +
                                (parts.has_decimal ? 1 : 0) + static_cast<int64_t>(remainder.size());
    const int64_t min_width = format.fill_char == '0' && format.align == '=' ? format.width - n_non_digit : 0;
    const int group = format.thousands == '\0' ? 0 : format.under_four ? 4 : 3;
    std::u32string grouped;
    if (!parts.digits.empty())
        grouped = group_digits(parts.digits, min_width, group, static_cast<unsigned char>(format.thousands));
    int64_t lpad = 0, spad = 0, rpad = 0;
    const int64_t n_padding = format.width - (n_non_digit + static_cast<int64_t>(grouped.size()));
    if (n_padding > 0) {
        switch (format.align) {
            case '<':
                rpad = n_padding;
                break;
            case '^':
                lpad = n_padding / 2;
                rpad = n_padding - lpad;
                break;
            case '=':
                spad = n_padding;
                break;
            default:
                lpad = n_padding;
                break;
        }
    }
    std::u32string out(static_cast<size_t>(lpad), format.fill_char);
    if (sign) out.push_back(sign);
    for (char c : parts.prefix) out.push_back(static_cast<unsigned char>(parts.upper ? std::toupper(c) : c));
    out.append(static_cast<size_t>(spad), format.fill_char);
    for (uint32_t c : grouped)
        out.push_back(parts.upper && c < 128 ? static_cast<uint32_t>(std::toupper(static_cast<int>(c))) : c);
    if (parts.has_decimal) out.push_back('.');
    out += remainder;
    out.append(static_cast<size_t>(rpad), format.fill_char);
    return out;
}

PyObject* format_string(Runtime& rt, std::string_view text, std::string_view spec_utf8, const char* type_name) {
    const Profile& p = rt.profile();
    if (spec_utf8.empty()) return str_from_utf8(rt, text);
    FormatSpec format;
    if (!format_spec_parse(rt, utf8_to_u32(spec_utf8), 's', '<', type_name, &format)) return nullptr;
    if (format.type != 's') return format_unknown_type(rt, format.type, type_name);
    if (format.sign != '\0') {
        return value_error(rt, format.sign == ' ' && p.at_least(3, 10) ? "Space not allowed in string format specifier"
                                                                       : "Sign not allowed in string format specifier");
    }
    if (format.no_neg_0) return value_error(rt, "Negative zero coercion (z) not allowed in string format specifier");
    if (format.alternate) return value_error(rt, "Alternate form (#) not allowed in string format specifier");
    if (format.align == '=') return value_error(rt, "'=' alignment not allowed in string format specifier");
    if (!format_width_fits(rt, format)) return nullptr;
    // 2.7's str is bytes: one character a byte.
    std::u32string chars;
    if (p.major == 2)
        for (unsigned char c : text) chars.push_back(c);
    else
        chars = utf8_to_u32(text);
    int64_t len = static_cast<int64_t>(chars.size());
    if (format.precision >= 0 && len >= format.precision) len = format.precision;
    chars.resize(static_cast<size_t>(len));
    int64_t lpad = 0, rpad = 0;
    if (format.width > len) {
        const int64_t total = format.width - len;
        if (format.align == '>')
            lpad = total;
        else if (format.align == '^')
            lpad = total / 2;
        rpad = total - lpad;
    }
    std::u32string out(static_cast<size_t>(lpad), format.fill_char);
    out += chars;
    out.append(static_cast<size_t>(rpad), format.fill_char);
    if (p.major == 2) {
        std::string bytes;
        for (uint32_t c : out) bytes.push_back(static_cast<char>(c));
        return str_from_utf8(rt, bytes);
    }
    return str_from_utf8(rt, u32_to_utf8(out));
}

PyObject* format_argument_error(Runtime& rt, PyObject* arg) {
    const Profile& p = rt.profile();
    if (p.major == 2) return err_set_string(rt, rt.builtins().exc.TypeError, "__format__ requires str or unicode");
    return err_format(rt, rt.builtins().exc.TypeError, "__format__() argument %smust be str, not %s",
                      p.at_least(3, 8) ? "" : "1 ", Py_TYPE(arg)->tp_name);
}

}  // namespace pymemlab
