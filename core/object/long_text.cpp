// int and text (Objects/longobject.c, 2.7's Objects/intobject.c): PyLong_FromString with its
// blocks sized as CPython sizes them (digits * log(base) / log(2**30) + 1 for other bases,
// exact bits for powers of two), the 4300-digit limit of 3.8.14+/3.10.7+/3.11+, 2.7's strtol
// rules; long_to_decimal_string (base 10**9, with its scratch int); hex/oct/bin; format();
// int() and bool() themselves.
#include <cmath>
#include <cstring>
#include <string>

#include "object/builtins.h"
#include "object/errors.h"
#include "object/float_arith.h"
#include "object/float_object.h"
#include "object/format_spec.h"
#include "object/long_arith.h"
#include "object/long_internal.h"
#include "object/runtime.h"
#include "object/singletons.h"
#include "object/str_object.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {

// _PyLong_DigitValue: the value of an ASCII digit or letter, 37 for anything else.
int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 37;
}
bool py_isspace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// The max-str-digits limit came to 3.8.14, 3.10.7 and 3.11; 3.11 put "digits" in the text.
bool has_digit_limit(const Profile& p) { return p.at_least(3, 8); }
std::string limit_text(const Profile& p) { return p.at_least(3, 11) ? "(4300 digits)" : "(4300)"; }

}  // namespace

namespace {

// The digits of s[0:n] in `base` (a run already checked: digits and single underscores between
// them) as a new int, the way PyLong_FromString allocates it. nullptr with an exception set.
PyObject* digits_to_long(Runtime& rt, std::string_view run, int base, int64_t ndigits) {
    if ((base & (base - 1)) == 0) {
        // long_from_binary_base: exactly the bits, read from the right.
        int bits_per_char = -1;
        for (int n = base; n; n >>= 1) ++bits_per_char;
        const int64_t n = (ndigits * bits_per_char + PyLong_SHIFT - 1) / PyLong_SHIFT;
        PyObject* z = long_new_or_raise(rt, n);
        if (z == nullptr) return nullptr;
        twodigits accum = 0;
        int bits_in_accum = 0;
        digit* pdigit = ob_digit(z);
        for (size_t i = run.size(); i-- > 0;) {
            if (run[i] == '_') continue;
            accum |= static_cast<twodigits>(digit_value(run[i])) << bits_in_accum;
            bits_in_accum += bits_per_char;
            if (bits_in_accum >= PyLong_SHIFT) {
                *pdigit++ = static_cast<digit>(accum & PyLong_MASK);
                accum >>= PyLong_SHIFT;
                bits_in_accum -= PyLong_SHIFT;
            }
        }
        if (bits_in_accum) *pdigit++ = static_cast<digit>(accum);
        while (pdigit - ob_digit(z) < n) *pdigit++ = 0;
        return long_normalize(rt, z);
    }
    // Other bases: convwidth input digits at a time make one digit in base convmultmax, folded
    // into z by a multiply-add. z has room for digits * log(base) / log(2**30) + 1 digits.
    const Profile& p = rt.profile();
    const double log_base_base = std::log(static_cast<double>(base)) / std::log(static_cast<double>(PyLong_BASE));
    twodigits convmax = base;
    int convwidth = 1;
    for (;;) {
        const twodigits next = convmax * base;
        if (next > PyLong_BASE) break;
        convmax = next;
        ++convwidth;
    }
    int64_t size_z = static_cast<int64_t>(static_cast<double>(ndigits) * log_base_base + 1.0);
    if (!charge_digit_ops(rt, (ndigits / convwidth + 1) * (size_z / 2 + 1))) return nullptr;
    PyObject* z = long_new_or_raise(rt, size_z);
    if (z == nullptr) return nullptr;
    set_lsize(p, z, 0);
    int64_t used = 0;
    size_t pos = 0;
    while (pos < run.size()) {
        if (run[pos] == '_') {
            ++pos;
            continue;
        }
        twodigits c = digit_value(run[pos++]);
        int i = 1;
        for (; i < convwidth && pos != run.size(); ++pos) {
            if (run[pos] == '_') continue;
            ++i;
            c = c * base + digit_value(run[pos]);
        }
        twodigits convmult = convmax;
        if (i != convwidth) {
            convmult = base;
            for (; i > 1; --i) convmult *= base;
        }
        digit* pz = ob_digit(z);
        for (int64_t k = 0; k < used; ++k) {
            c += static_cast<twodigits>(pz[k]) * convmult;
            pz[k] = static_cast<digit>(c & PyLong_MASK);
            c >>= PyLong_SHIFT;
        }
        if (c) {
            if (used < size_z) {
                pz[used++] = static_cast<digit>(c);
            } else {
                // Extremely rare: one more digit than the estimate.
                PyObject* tmp = long_new_or_raise(rt, size_z + 1);
                if (tmp == nullptr) {
                    rt.decref(z);
                    return nullptr;
                }
                std::memcpy(ob_digit(tmp), ob_digit(z), static_cast<size_t>(size_z) * sizeof(digit));
                rt.decref(z);
                z = tmp;
                ob_digit(z)[size_z] = static_cast<digit>(c);
                used = ++size_z;
            }
        }
        set_lsize(p, z, used);
    }
    return z;
}

// The run of digits (and single underscores between them, 3.6+) of `base` at s[pos]; false
// on a misplaced underscore. *ndigits counts the digits.
bool scan_digits(std::string_view s, size_t* pos, int base, bool underscores, int64_t* ndigits) {
    char prev = 0;
    *ndigits = 0;
    while (*pos < s.size() && (digit_value(s[*pos]) < base || (underscores && s[*pos] == '_'))) {
        if (s[*pos] == '_' && prev == '_') return false;
        if (s[*pos] != '_') ++*ndigits;
        prev = s[*pos];
        ++*pos;
    }
    return prev != '_';
}

// PyLong_FromString (3.x) over ASCII text: nullptr with *syntax set on a malformed literal
// (the caller words the message), or with an exception set (the digit limit, MemoryError).
PyObject* parse_3x(Runtime& rt, std::string_view s, int base, bool limit, bool* syntax) {
    const Profile& p = rt.profile();
    *syntax = false;
    size_t pos = 0;
    int sign = 1;
    bool error_if_nonzero = false;
    while (pos < s.size() && py_isspace(s[pos])) ++pos;
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) sign = s[pos++] == '-' ? -1 : 1;
    auto at = [&](size_t i) { return i < s.size() ? s[i] : '\0'; };
    if (base == 0) {
        const char c1 = at(pos + 1);
        if (at(pos) != '0')
            base = 10;
        else if (c1 == 'x' || c1 == 'X')
            base = 16;
        else if (c1 == 'o' || c1 == 'O')
            base = 8;
        else if (c1 == 'b' || c1 == 'B')
            base = 2;
        else {
            error_if_nonzero = true;  // an old C-style octal literal: only zero is allowed
            base = 10;
        }
    }
    const char c1 = at(pos + 1);
    if (at(pos) == '0' && ((base == 16 && (c1 == 'x' || c1 == 'X')) || (base == 8 && (c1 == 'o' || c1 == 'O')) ||
                           (base == 2 && (c1 == 'b' || c1 == 'B')))) {
        pos += 2;
        if (at(pos) == '_') ++pos;  // one underscore is allowed after the prefix
    }
    if (at(pos) == '_') {
        *syntax = true;
        return nullptr;
    }
    const size_t start = pos;
    int64_t ndigits = 0;
    if (!scan_digits(s, &pos, base, true, &ndigits)) {
        *syntax = true;
        return nullptr;
    }
    if (limit && has_digit_limit(p) && (base & (base - 1)) != 0 && ndigits > kMaxStrDigits) {
        err_set_string(rt, rt.builtins().exc.ValueError,
                       "Exceeds the limit " + limit_text(p) + " for integer string conversion: value has " +
                           std::to_string(ndigits) + " digits; use sys.set_int_max_str_digits() to increase the limit");
        return nullptr;
    }
    PyObject* z = digits_to_long(rt, s.substr(start, pos - start), base, ndigits);
    if (z == nullptr) return nullptr;
    bool bad = pos == start || (error_if_nonzero && lsize(p, z) != 0);
    if (!bad) {
        if (sign < 0) set_lsize(p, z, -lsize(p, z));
        while (pos < s.size() && py_isspace(s[pos])) ++pos;
        bad = pos != s.size();
    }
    if (bad) {
        rt.decref(z);
        *syntax = true;
        return nullptr;
    }
    return maybe_small_long(rt, long_normalize(rt, z));
}

PyObject* invalid_literal(Runtime& rt, const char* kind, int base, const std::string& repr) {
    return err_set_string(
        rt, rt.builtins().exc.ValueError,
        std::string("invalid literal for ") + kind + "() with base " + std::to_string(base) + ": " + repr);
}

// 2.7's int(text, base) (PyInt_FromString over PyOS_strtoul's rules: no underscores, "0"
// prefix octal in base 0, a digit required after 0x/0o/0b) and long(text, base)
// (PyLong_FromString: also a space after the sign and a trailing L). int() makes an int when
// the value fits a C long, else a long.
PyObject* parse_27(Runtime& rt, std::string_view text, int base, bool as_long) {
    size_t pos = 0;
    auto at = [&](size_t i) { return i < text.size() ? text[i] : '\0'; };
    while (pos < text.size() && py_isspace(text[pos])) ++pos;
    const size_t s0 = pos;  // PyInt_FromString reports the text from here
    int sign = 1;
    if (at(pos) == '+' || at(pos) == '-') sign = text[pos++] == '-' ? -1 : 1;
    if (as_long)
        while (pos < text.size() && py_isspace(text[pos])) ++pos;
    int b = base;
    auto prefix_ok = [&](char lower, int pbase) {
        const char c1 = at(pos + 1);
        return at(pos) == '0' && (c1 == lower || c1 == lower - 32) && (as_long || digit_value(at(pos + 2)) < pbase);
    };
    if (b == 0) {
        if (at(pos) != '0')
            b = 10;
        else if (at(pos + 1) == 'x' || at(pos + 1) == 'X')
            b = 16;
        else if (at(pos + 1) == 'o' || at(pos + 1) == 'O')
            b = 8;
        else if (at(pos + 1) == 'b' || at(pos + 1) == 'B')
            b = 2;
        else
            b = 8;
    }
    if ((b == 16 && prefix_ok('x', 16)) || (b == 8 && prefix_ok('o', 8)) || (b == 2 && prefix_ok('b', 2))) pos += 2;
    const size_t start = pos;
    int64_t ndigits = 0;
    scan_digits(text, &pos, b, false, &ndigits);
    bool bad = pos == start;
    const size_t digits_end = pos;
    if (!bad && as_long && (at(pos) == 'L' || at(pos) == 'l')) ++pos;
    while (pos < text.size() && py_isspace(text[pos])) ++pos;
    if (bad || pos != text.size()) {
        if (as_long) return invalid_literal(rt, "long", b, repr_text(rt, text.substr(0, 200), kTextBytes));
        return invalid_literal(rt, "int", base, repr_text(rt, text.substr(s0, 200), kTextBytes));
    }
    PyObject* z = digits_to_long(rt, text.substr(start, digits_end - start), b, ndigits);
    if (z == nullptr) return nullptr;
    if (sign < 0) set_lsize(rt.profile(), z, -lsize(rt.profile(), z));
    long_normalize(rt, z);
    if (as_long) return z;
    bool overflow = false;
    const int64_t v = long_as_int64(rt, z, &overflow);
    if (overflow) return z;
    rt.decref(z);
    return long_from_int64(rt, v);
}

}  // namespace

// int(text, base) for a str or bytes argument (2.7: also long(text, base)).
static PyObject* long_from_text(Runtime& rt, std::string_view text, TextKind kind, int base, bool as_long27) {
    const Profile& p = rt.profile();
    // 2.7 encodes a unicode argument's decimal digits and spaces to ASCII first
    // (PyUnicode_EncodeDecimal), and reports that text.
    if (p.major == 2)
        return parse_27(rt, kind == kTextUnicode ? ascii_digits_and_space(text) : std::string(text), base, as_long27);
    const std::string ascii = kind == kTextUnicode ? ascii_digits_and_space(text) : std::string(text);
    // A NUL inside the text ends what PyLong_FromString reads: the rest makes it invalid.
    bool syntax = false;
    PyObject* z = parse_3x(rt, ascii, base, true, &syntax);
    if (z != nullptr || !syntax) return z;
    return invalid_literal(rt, "int", base, repr_text(rt, text, kind));
}

PyObject* long_from_string(Runtime& rt, std::string_view text, int base) {
    return long_from_text(rt, text, kTextUnicode, base, false);
}

PyObject* long_from_decimal_string(Runtime& rt, std::string_view digits, bool keep_long27) {
    const bool negative = !digits.empty() && digits[0] == '-';
    if (negative) digits.remove_prefix(1);
    PyObject* z = digits_to_long(rt, digits, 10, static_cast<int64_t>(digits.size()));
    if (z == nullptr) return nullptr;
    const Profile& p = rt.profile();
    if (negative) set_lsize(p, z, -lsize(p, z));
    long_normalize(rt, z);
    if (p.major == 2 && keep_long27) return z;
    if (p.major == 2) {  // a literal that fits a C long is an int
        bool overflow = false;
        const int64_t v = long_as_int64(rt, z, &overflow);
        if (!overflow) {
            rt.decref(z);
            return long_from_int64(rt, v);
        }
        return z;
    }
    return maybe_small_long(rt, z);
}

// ---- int to text ----------------------------------------------------------------------------------

namespace {

// long_to_decimal_string_internal: the digits converted to base 10**9 in a scratch int (1 +
// size + size/99 digits, freed at once), then written out. The limit applies from 3.8.
// _MAX_STR_DIGITS_ERROR_FMT_TO_STR. Returns false.
bool str_digits_limit_error(Runtime& rt) {
    err_set_string(rt, rt.builtins().exc.ValueError,
                   "Exceeds the limit " + limit_text(rt.profile()) +
                       " for integer string conversion; use sys.set_int_max_str_digits() to increase the limit");
    return false;
}

bool to_decimal(Runtime& rt, const PyObject* v, std::string* out, bool check_limit) {
    const Profile& p = rt.profile();
    if (is_int27(rt, v)) {
        *out = std::to_string(reinterpret_cast<const PyIntObject*>(v)->ob_ival);
        return true;
    }
    const int64_t size_a = labs_size(p, v);
    const bool negative = lsize(p, v) < 0;
    // Past the digit limit for certain (CPython's test before converting, so a huge int fails
    // at once instead of after the quadratic conversion).
    if (check_limit && has_digit_limit(p) && size_a >= 10 * kMaxStrDigitsThreshold / (3 * PyLong_SHIFT) + 2 &&
        kMaxStrDigits / (3 * PyLong_SHIFT) <= (size_a - 11) / 10)
        return str_digits_limit_error(rt);
    if (!charge_digit_ops(rt, size_a * (size_a / 2 + 1))) return false;
    // d = (33 * _PyLong_DECIMAL_SHIFT) / (10 * PyLong_SHIFT - 33 * _PyLong_DECIMAL_SHIFT)
    constexpr int64_t kD = (33 * kDecimalShift) / (10 * PyLong_SHIFT - 33 * kDecimalShift);
    static_assert(kD == 99);
    PyObject* scratch = long_new_or_raise(rt, 1 + size_a + size_a / kD);
    if (scratch == nullptr) return false;
    digit* pout = ob_digit(scratch);
    int64_t size = 0;
    for (int64_t i = size_a; --i >= 0;) {
        digit hi = ob_digit(v)[i];
        for (int64_t j = 0; j < size; j++) {
            const twodigits z = static_cast<twodigits>(pout[j]) << PyLong_SHIFT | hi;
            hi = static_cast<digit>(z / kDecimalBase);
            pout[j] = static_cast<digit>(z - static_cast<twodigits>(hi) * kDecimalBase);
        }
        while (hi) {
            pout[size++] = hi % kDecimalBase;
            hi /= kDecimalBase;
        }
    }
    if (size == 0) pout[size++] = 0;
    std::string text = std::to_string(pout[size - 1]);
    char chunk[16];
    for (int64_t j = size - 1; j-- > 0;) {
        std::snprintf(chunk, sizeof chunk, "%09u", pout[j]);
        text += chunk;
    }
    rt.decref(scratch);
    if (check_limit && has_digit_limit(p) && static_cast<int64_t>(text.size()) > kMaxStrDigits)
        return str_digits_limit_error(rt);
    *out = negative ? "-" + text : text;
    return true;
}

PyObject* text_result(Runtime& rt, const std::string& text) {
    PyObject* s = str_from_utf8(rt, text);
    return s != nullptr ? s : err_no_memory(rt);
}

bool is_long27(const Runtime& rt, const PyObject* v) {
    return rt.profile().major == 2 && Py_TYPE(v) == rt.builtins().long27_type;
}

// The magnitude's digits in a power-of-two base (long_format_binary), lower case.
std::string binary_digits(const Runtime& rt, const PyObject* v, int base) {
    const int bits = base == 16 ? 4 : base == 8 ? 3 : 1;
    const twodigits mask = static_cast<twodigits>(base - 1);
    std::string out;  // least significant first
    twodigits accum = 0;
    int accumbits = 0;
    auto take = [&](uint64_t chunk, int nbits) {
        accum |= static_cast<twodigits>(chunk) << accumbits;
        accumbits += nbits;
        while (accumbits >= bits) {
            out.push_back("0123456789abcdef"[accum & mask]);
            accum >>= bits;
            accumbits -= bits;
        }
    };
    if (is_int27(rt, v)) {
        const int64_t x = reinterpret_cast<const PyIntObject*>(v)->ob_ival;
        const uint64_t m = x < 0 ? 0 - static_cast<uint64_t>(x) : static_cast<uint64_t>(x);
        take(m & 0xffffffffu, 32);
        take(m >> 32, 32);
    } else {
        const Profile& p = rt.profile();
        for (int64_t i = 0; i < labs_size(p, v); ++i) take(ob_digit(v)[i], PyLong_SHIFT);
    }
    if (accumbits > 0) out.push_back("0123456789abcdef"[accum & mask]);
    while (out.size() > 1 && out.back() == '0') out.pop_back();
    if (out.empty()) out = "0";
    return std::string(out.rbegin(), out.rend());
}

bool value_negative(const Runtime& rt, const PyObject* v) {
    if (is_int27(rt, v)) return reinterpret_cast<const PyIntObject*>(v)->ob_ival < 0;
    return long_sign(rt.profile(), v) < 0;
}

}  // namespace

bool long_to_decimal(Runtime& rt, const PyObject* v, std::string* out) { return to_decimal(rt, v, out, true); }

PyObject* long_to_decimal_string(Runtime& rt, PyObject* v) {
    std::string text;
    if (!to_decimal(rt, v, &text, true)) return nullptr;
    if (is_long27(rt, v)) text += 'L';
    return text_result(rt, text);
}

PyObject* long_int27(Runtime& rt, PyObject* v) {
    bool overflow = false;
    const int64_t x = long_as_int64(rt, v, &overflow);
    if (overflow) {
        rt.incref(v);
        return v;
    }
    PyObject* r = long_from_int64(rt, x);
    return r != nullptr ? r : err_no_memory(rt);
}

PyObject* long_str(Runtime& rt, PyObject* v) {
    std::string text;
    if (!to_decimal(rt, v, &text, true)) return nullptr;
    return text_result(rt, text);
}

PyObject* long_format_base(Runtime& rt, PyObject* v, int base) {
    const bool neg = value_negative(rt, v);
    const std::string digits = binary_digits(rt, v, base);
    std::string text = neg ? "-" : "";
    if (rt.profile().major == 2) {
        if (base == 16) text += "0x" + digits;
        if (base == 8) text += digits == "0" ? "0" : "0" + digits;
        if (base == 2) text += "0b" + digits;
        if (base != 2 && is_long27(rt, v)) text += 'L';
    } else {
        text += (base == 16 ? "0x" : base == 8 ? "0o" : "0b") + digits;
    }
    return text_result(rt, text);
}

// ---- format() -----------------------------------------------------------------------------------------

PyObject* long_format(Runtime& rt, PyObject* v, std::string_view spec_utf8) {
    const Profile& p = rt.profile();
    const char* type_name = Py_TYPE(v)->tp_name;
    if (spec_utf8.empty()) {
        // format(x, '') is str(x): 'True' for a bool.
        reprfunc str = Py_TYPE(v)->tp_str != nullptr ? Py_TYPE(v)->tp_str : Py_TYPE(v)->tp_repr;
        return str(rt, v);
    }
    FormatSpec format;
    if (!format_spec_parse(rt, utf8_to_u32(spec_utf8), 'd', '>', type_name, &format)) return nullptr;
    switch (format.type) {
        case 'b':
        case 'c':
        case 'd':
        case 'o':
        case 'x':
        case 'X':
        case 'n':
            break;
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
        case '%': {
            double d;
            if (!long_as_double(rt, v, &d)) return nullptr;
            return float_format_double(rt, d, format, type_name);
        }
        default:
            return format_unknown_type(rt, format.type, type_name);
    }
    if (format.precision != -1)
        return err_set_string(rt, rt.builtins().exc.ValueError, "Precision not allowed in integer format specifier");
    if (format.no_neg_0)
        return err_set_string(rt, rt.builtins().exc.ValueError,
                              "Negative zero coercion (z) not allowed in integer format specifier");
    NumberParts parts;
    if (format.type == 'c') {
        if (format.sign != '\0')
            return err_set_string(rt, rt.builtins().exc.ValueError,
                                  "Sign not allowed with integer format specifier 'c'");
        if (format.alternate && p.major != 2)
            return err_set_string(rt, rt.builtins().exc.ValueError,
                                  "Alternate form (#) not allowed with integer format specifier 'c'");
        bool overflow = false;
        const int64_t x = long_as_int64(rt, v, &overflow);
        const int64_t top = p.major == 2 ? 0x100 : 0x110000;
        if (overflow)
            return err_set_string(rt, rt.builtins().exc.OverflowError, "Python int too large to convert to C long");
        if (x < 0 || x >= top)
            return err_set_string(rt, rt.builtins().exc.OverflowError,
                                  p.major == 2 ? "%c arg not in range(0x100)" : "%c arg not in range(0x110000)");
        parts.remainder = u32_to_utf8(std::u32string(1, static_cast<char32_t>(x)));
        if (!format_width_fits(rt, format)) return nullptr;
        std::u32string out = format_number(format, parts);
        if (p.major == 2) {
            // 2.7's str is bytes: each character (below 0x100 here) is one byte.
            std::string bytes;
            for (char32_t c : out) bytes.push_back(static_cast<char>(c));
            return text_result(rt, bytes);
        }
        return text_result(rt, u32_to_utf8(out));
    }
    const int base = format.type == 'b'                           ? 2
                     : format.type == 'o'                         ? 8
                     : (format.type == 'x' || format.type == 'X') ? 16
                                                                  : 10;
    if (base == 10) {
        std::string text;
        if (!to_decimal(rt, v, &text, true)) return nullptr;
        parts.digits = text[0] == '-' ? text.substr(1) : text;
    } else {
        parts.digits = binary_digits(rt, v, base);
        if (format.alternate) parts.prefix = base == 2 ? "0b" : base == 8 ? "0o" : "0x";
    }
    parts.sign_char = value_negative(rt, v) ? '-' : '\0';
    parts.upper = format.type == 'X';
    if (format.type == 'n') format.thousands = '\0';  // the C locale has no grouping
    if (!format_width_fits(rt, format)) return nullptr;
    return text_result(rt, u32_to_utf8(format_number(format, parts)));
}

// ---- int(), bool() and int's methods ---------------------------------------------------------------------

namespace {

// The keyword arguments a tp_new accepts: `base` only.
bool take_base_keyword(Runtime& rt, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, PyObject** base) {
    if (kwnames == nullptr) return true;
    const int64_t nk = Py_SIZE(kwnames);
    for (int64_t i = 0; i < nk; ++i) {
        std::string name;
        TextKind kind;
        object_text(rt, tuple_items(kwnames)[i], &name, &kind);
        if (name != "base" || *base != nullptr) {
            err_set_string(rt, rt.builtins().exc.TypeError, "'" + name + "' is an invalid keyword argument for int()");
            return false;
        }
        *base = args[nargs + i];
    }
    return true;
}

}  // namespace

PyObject* long_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Profile& p = rt.profile();
    const bool as_long27 = p.major == 2 && type == rt.builtins().long27_type;
    const char* name = as_long27 ? "long" : "int";
    if (type != rt.builtins().long_type && type != rt.builtins().long27_type)
        return err_set_string(rt, rt.builtins().exc.TypeError, "the model does not make instances of int subclasses");
    if (nargs > 2)  // 3.13's int_new checks its arguments as Argument Clinic does
        return err_format(rt, rt.builtins().exc.TypeError,
                          p.at_least(3, 13) ? "%s expected at most 2 arguments, got %d" : "%s() takes at most 2 arguments (%d given)",
                          name, static_cast<int>(nargs));
    PyObject* x = nargs > 0 ? args[0] : nullptr;
    PyObject* obase = nargs > 1 ? args[1] : nullptr;
    if (!take_base_keyword(rt, args, nargs, kwnames, &obase)) return nullptr;
    if (x == nullptr) {
        if (obase != nullptr)
            return err_set_string(rt, rt.builtins().exc.TypeError, std::string(name) + "() missing string argument");
        return as_long27 ? long_from_stwodigits(rt, 0) : long_from_int64(rt, 0);
    }
    std::string text;
    TextKind kind;
    const bool is_text = object_text(rt, x, &text, &kind);
    if (obase == nullptr) {
        if (is_text) return long_from_text(rt, text, kind, 10, as_long27);
        if (long_check(x) && !as_long27) return Py_TYPE(x)->tp_as_number.nb_int(rt, x);
        if (as_long27 && long_check(x)) {
            PyObject* big = as_bignum(rt, x);
            if (big == nullptr) return err_no_memory(rt);
            PyObject* r = long_copy(rt, big);
            rt.decref(big);
            return r;
        }
        // PyNumber_Long: __int__ (a float's truncation), else __index__.
        const PyNumberMethods& nb = Py_TYPE(x)->tp_as_number;
        unaryfunc f = nb.nb_int != nullptr ? nb.nb_int : nb.nb_index;
        if (f == nullptr) {
            const char* what = p.major == 2        ? "a string or a number"
                               : p.at_least(3, 10) ? "a string, a bytes-like object or a real number"
                                                   : "a string, a bytes-like object or a number";
            return err_format(rt, rt.builtins().exc.TypeError, "%s() argument must be %s, not '%s'", name, what,
                              Py_TYPE(x)->tp_name);
        }
        PyObject* r = f(rt, x);
        if (r != nullptr && !long_check(r)) {
            err_format(rt, rt.builtins().exc.TypeError, "__int__ returned non-int (type %s)", Py_TYPE(r)->tp_name);
            rt.decref(r);
            return nullptr;
        }
        if (r != nullptr && as_long27 && is_int27(rt, r)) {
            PyObject* big = as_bignum(rt, r);
            rt.decref(r);
            return big != nullptr ? big : err_no_memory(rt);
        }
        return r;
    }
    if (!long_check(obase))
        return err_format(rt, rt.builtins().exc.TypeError, "'%s' object cannot be interpreted as an integer",
                          Py_TYPE(obase)->tp_name);
    bool overflow = false;
    const int64_t base = long_as_int64(rt, obase, &overflow);
    if (overflow || (base != 0 && base < 2) || base > 36)
        return err_set_string(rt, rt.builtins().exc.ValueError,
                              std::string(name) + "() base must be >= 2 and <= 36, or 0");
    if (!is_text)
        return err_set_string(rt, rt.builtins().exc.TypeError,
                              std::string(name) + "() can't convert non-string with explicit base");
    return long_from_text(rt, text, kind, static_cast<int>(base), as_long27);
}

namespace {

PyObject* int_format_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject*) {
    std::string spec;
    TextKind kind;
    if (nargs != 1) return err_set_string(rt, rt.builtins().exc.TypeError, "__format__() takes exactly one argument");
    if (!object_text(rt, args[0], &spec, &kind) || (kind == kTextBytes && rt.profile().major != 2))
        return format_argument_error(rt, args[0]);
    return long_format(rt, self, spec);
}

PyObject* int_round_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject*) {
    if (nargs > 1) return err_set_string(rt, rt.builtins().exc.TypeError, "__round__ expected at most 1 argument");
    return long_round(rt, self, nargs == 1 ? args[0] : rt.builtins().singletons.none);
}

PyObject* int_self_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t, PyObject*) {
    if (is_int27(rt, self)) return Py_TYPE(self)->tp_as_number.nb_int(rt, self);
    return long_long(rt, self);
}

PyObject* int_bit_length(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t, PyObject*) {
    if (is_int27(rt, self)) {
        const int64_t x = reinterpret_cast<const PyIntObject*>(self)->ob_ival;
        const uint64_t m = x < 0 ? 0 - static_cast<uint64_t>(x) : static_cast<uint64_t>(x);
        return long_from_int64(rt, m == 0 ? 0 : 64 - __builtin_clzll(m));
    }
    const Profile& p = rt.profile();
    const int64_t n = labs_size(p, self);
    return long_from_int64(rt, n == 0 ? 0 : (n - 1) * PyLong_SHIFT + bit_length_digit(ob_digit(self)[n - 1]));
}

}  // namespace

const PyMethodDef kLongMethods[] = {
    {"__format__", int_format_method, METH_VARARGS},
    {"__round__", int_round_method, METH_VARARGS},
    {"__trunc__", int_self_method, METH_VARARGS},
    {"__floor__", int_self_method, METH_VARARGS},
    {"__ceil__", int_self_method, METH_VARARGS},
    {"conjugate", int_self_method, METH_VARARGS},
    {"bit_length", int_bit_length, METH_VARARGS},
    {nullptr, nullptr, 0},
};

}  // namespace pymemlab
