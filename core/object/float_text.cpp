// float and text (Python/pystrtod.c, Objects/floatobject.c, Python/formatter_unicode.c): the
// digit strings of _Py_dg_dtoa (mode 0, the shortest string that reads back as the same
// double; mode 2, n significant digits; mode 3, n digits after the point) built on the C
// library's correctly rounded printf and strtod, format_float_short's layout, float(), format()
// and float's methods. std::to_chars is not used: Emscripten 3.1.6's libc++ lacks it for double.
#include <algorithm>
#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "object/builtins.h"
#include "object/errors.h"
#include "object/float_arith.h"
#include "object/float_object.h"
#include "object/format_spec.h"
#include "object/long_arith.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/singletons.h"
#include "object/str_object.h"
#include "object/text_args.h"
#include "object/tuple_object.h"

namespace pymemlab {

namespace {

// _Py_dg_dtoa's answer for a finite x: value = 0.DIGITS * 10**decpt, digits without trailing
// zeros ("0" with decpt 1 for a zero).
struct DigitString {
    std::string digits;
    int decpt = 1;
};

// Reads printf's "%.Ne" output ("1.2345e+06") as digits and decpt.
DigitString from_exponent_form(const char* text) {
    DigitString r;
    const char* p = text;
    for (; *p != 'e' && *p != '\0'; ++p)
        if (*p != '.') r.digits.push_back(*p);
    const int exponent = *p == 'e' ? std::atoi(p + 1) : 0;
    r.decpt = exponent + 1;
    while (r.digits.size() > 1 && r.digits.back() == '0') r.digits.pop_back();
    if (r.digits == "0") r.decpt = 1;
    return r;
}

// Reads printf's "%.Nf" output ("0012.3400") as digits and decpt.
DigitString from_fixed_form(const char* text) {
    DigitString r;
    std::string all;
    int int_len = 0;
    bool point = false;
    for (const char* p = text; *p; ++p) {
        if (*p == '.') {
            point = true;
            continue;
        }
        all.push_back(*p);
        if (!point) ++int_len;
    }
    size_t lead = 0;
    while (lead < all.size() && all[lead] == '0') ++lead;
    if (lead == all.size()) return DigitString{"0", 1};  // rounds to zero
    r.digits = all.substr(lead);
    r.decpt = int_len - static_cast<int>(lead);
    while (r.digits.size() > 1 && r.digits.back() == '0') r.digits.pop_back();
    return r;
}

bool reads_back(const std::string& digits, int exponent10, double x) {
    // digits[0].digits[1:] e exponent10
    std::string text = digits.substr(0, 1);
    if (digits.size() > 1) text += "." + digits.substr(1);
    text += "e" + std::to_string(exponent10);
    return std::strtod(text.c_str(), nullptr) == x;
}

// Adds one unit in the last place of a digit string; a carry out adds a digit ("999" -> "1000").
std::string increment(std::string d) {
    for (size_t i = d.size(); i-- > 0;) {
        if (d[i] != '9') {
            ++d[i];
            return d;
        }
        d[i] = '0';
    }
    return "1" + d;
}
std::string decrement(std::string d) {
    for (size_t i = d.size(); i-- > 0;) {
        if (d[i] != '0') {
            --d[i];
            return d;
        }
        d[i] = '9';
    }
    return d;
}

// The n-digit string nearest to ax that reads back as ax, if there is one: the correctly
// rounded candidate, else one of its neighbours (at a power of two the rounding interval is
// lopsided, so the nearest string may fall outside it while a neighbour lies inside).
bool nearest_that_reads_back(double ax, int n, std::string* digits, int* exponent10) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.*e", n - 1, ax);
    std::string c;
    const char* e = std::strchr(buffer, 'e');
    for (const char* p = buffer; p != e; ++p)
        if (*p != '.') c.push_back(*p);
    const int exp10 = std::atoi(e + 1);
    if (reads_back(c, exp10, ax)) {
        *digits = c;
        *exponent10 = exp10;
        return true;
    }
    const std::string down = decrement(c);
    if (down[0] != '0' && reads_back(down, exp10, ax)) {
        *digits = down;
        *exponent10 = exp10;
        return true;
    }
    std::string up = increment(c);
    int up_exp = exp10;
    if (up.size() > c.size()) {  // 999 + 1: one digit more, one power of ten up
        up.pop_back();
        ++up_exp;
    }
    if (reads_back(up, up_exp, ax)) {
        *digits = up;
        *exponent10 = up_exp;
        return true;
    }
    return false;
}

// Mode 0: the shortest digit string that reads back as x, the nearest to x among those. Some
// string of n digits reads back for every n from the shortest length on (a string of n digits
// is one of n + 1 with a zero appended), so the length is found by bisection; 17 always works.
DigitString shortest(double ax) {
    int lo = 1, hi = 17;
    std::string best;
    int best_exp = 0;
    if (!nearest_that_reads_back(ax, hi, &best, &best_exp)) {
        char buffer[40];
        std::snprintf(buffer, sizeof buffer, "%.16e", ax);
        return from_exponent_form(buffer);
    }
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        std::string d;
        int e10 = 0;
        if (nearest_that_reads_back(ax, mid, &d, &e10)) {
            hi = mid;
            best = d;
            best_exp = e10;
        } else {
            lo = mid + 1;
        }
    }
    DigitString r;
    r.digits = best;
    while (r.digits.size() > 1 && r.digits.back() == '0') r.digits.pop_back();
    r.decpt = best_exp + 1;
    return r;
}

DigitString dtoa(double ax, int mode, int ndigits) {
    if (ax == 0.0) return DigitString{"0", 1};
    if (mode == 0) return shortest(ax);
    std::string buffer(static_cast<size_t>(ndigits) + 400, '\0');
    if (mode == 2) {
        std::snprintf(buffer.data(), buffer.size(), "%.*e", std::max(ndigits, 1) - 1, ax);
        return from_exponent_form(buffer.c_str());
    }
    std::snprintf(buffer.data(), buffer.size(), "%.*f", ndigits, ax);
    return from_fixed_form(buffer.c_str());
}

// format_float_short: lays the digits out in the requested style. The only place zeros are
// added; exactly one decimal point is written (and dropped when it would end the text,
// unless '#').
std::string format_float_short(double d, char format_code, int mode, int precision, bool always_add_sign,
                               bool add_dot_0_if_integer, bool use_alt_formatting, bool no_negative_zero, bool upper) {
    std::string out;
    if (std::isnan(d) || std::isinf(d)) {
        if (!std::isnan(d) && std::signbit(d))
            out = "-";
        else if (always_add_sign)
            out = "+";
        out += std::isnan(d) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");
        return out;
    }
    bool sign = std::signbit(d);
    const DigitString ds = dtoa(std::fabs(d), mode, precision);
    const std::string& digits = ds.digits;
    const auto digits_len = static_cast<int64_t>(digits.size());
    int64_t decpt = ds.decpt;
    if (no_negative_zero && sign && digits == "0") sign = false;
    int64_t vdigits_end = digits_len;
    bool use_exp = false;
    switch (format_code) {
        case 'e':
            use_exp = true;
            vdigits_end = precision;
            break;
        case 'f':
            vdigits_end = decpt + precision;
            break;
        case 'g':
            if (decpt <= -4 || decpt > (add_dot_0_if_integer ? precision - 1 : precision)) use_exp = true;
            if (use_alt_formatting) vdigits_end = precision;
            break;
        default:  // 'r': exponent form from 1e16 and below 1e-4
            if (decpt <= -4 || decpt > 16) use_exp = true;
            break;
    }
    int64_t exp = 0;
    if (use_exp) {
        exp = decpt - 1;
        decpt = 1;
    }
    // vdigits_start < decpt <= vdigits_end (strictly below with add_dot_0 and no exponent).
    const int64_t vdigits_start = decpt <= 0 ? decpt - 1 : 0;
    if (!use_exp && add_dot_0_if_integer)
        vdigits_end = std::max(vdigits_end, decpt + 1);
    else
        vdigits_end = std::max(vdigits_end, decpt);

    if (sign)
        out.push_back('-');
    else if (always_add_sign)
        out.push_back('+');
    if (decpt <= 0) {
        out.append(static_cast<size_t>(decpt - vdigits_start), '0');
        out.push_back('.');
        out.append(static_cast<size_t>(-decpt), '0');
    } else {
        out.append(static_cast<size_t>(-vdigits_start), '0');
    }
    if (0 < decpt && decpt <= digits_len) {
        out.append(digits, 0, static_cast<size_t>(decpt));
        out.push_back('.');
        out.append(digits, static_cast<size_t>(decpt), std::string::npos);
    } else {
        out += digits;
    }
    if (digits_len < decpt) {
        out.append(static_cast<size_t>(decpt - digits_len), '0');
        out.push_back('.');
        out.append(static_cast<size_t>(vdigits_end - decpt), '0');
    } else {
        out.append(static_cast<size_t>(std::max<int64_t>(0, vdigits_end - digits_len)), '0');
    }
    if (out.back() == '.' && !use_alt_formatting) out.pop_back();
    if (use_exp) {
        char e[16];
        std::snprintf(e, sizeof e, "%c%+.02d", upper ? 'E' : 'e', static_cast<int>(exp));
        out += e;
    }
    return out;
}

}  // namespace

std::string double_to_string(double x, char format_code, int precision, int flags) {
    const bool upper = format_code == 'E' || format_code == 'F' || format_code == 'G';
    char code = upper ? static_cast<char>(format_code - 'A' + 'a') : format_code;
    int mode = 0;
    switch (code) {
        case 'e':
            mode = 2;
            ++precision;
            break;
        case 'f':
            mode = 3;
            break;
        case 'g':
            mode = 2;
            if (precision == 0) precision = 1;  // precision 0 makes no sense for 'g'
            break;
        default:
            code = 'r';
            precision = 0;
            break;
    }
    return format_float_short(x, code, mode, precision, (flags & Py_DTSF_SIGN) != 0, (flags & Py_DTSF_ADD_DOT_0) != 0,
                              (flags & Py_DTSF_ALT) != 0, (flags & Py_DTSF_NO_NEG_0) != 0, upper);
}

std::string float_repr_text(double x) { return double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0); }

std::string float_str_text(const Runtime& rt, double x) {
    // 2.7's str() keeps 12 significant digits (PyFloat_STR_PRECISION); 3.x's is the repr.
    return rt.profile().major == 2 ? double_to_string(x, 'g', 12, Py_DTSF_ADD_DOT_0) : float_repr_text(x);
}

namespace {

PyObject* text_result(Runtime& rt, const std::string& text) {
    PyObject* s = str_from_utf8(rt, text);
    return s != nullptr ? s : err_no_memory(rt);
}

}  // namespace

PyObject* float_repr(Runtime& rt, PyObject* v) { return text_result(rt, float_repr_text(float_value(v))); }
PyObject* float_str27(Runtime& rt, PyObject* v) { return text_result(rt, float_str_text(rt, float_value(v))); }

std::string double_round_text(double x, int ndigits, bool half_away) {
    // The exact decimal expansion of |x|: as many fraction digits as x has fraction bits.
    const double ax = std::fabs(x);
    int e;
    double m = std::ldexp(std::frexp(ax, &e), 53);  // ax = m * 2**(e - 53), m an integer
    int q = e - 53;
    while (m != 0.0 && std::fmod(m, 2.0) == 0.0) {
        m /= 2.0;
        ++q;
    }
    const int frac_digits = q < 0 ? -q : 0;
    std::string buffer(static_cast<size_t>(frac_digits) + 330, '\0');
    std::snprintf(buffer.data(), buffer.size(), "%.*f", frac_digits, ax);
    const std::string text(buffer.c_str());
    const size_t point = text.find('.');
    const std::string all = point == std::string::npos ? text : text.substr(0, point) + text.substr(point + 1);
    const auto int_len = static_cast<int64_t>(point == std::string::npos ? text.size() : point);
    // Keep the digits down to 10**-ndigits, then round on what follows.
    const int64_t keep = int_len + ndigits;
    std::string kept;
    bool up = false;
    if (keep >= 0) {
        kept = all.substr(0, static_cast<size_t>(std::min<int64_t>(keep, static_cast<int64_t>(all.size()))));
        kept.append(static_cast<size_t>(std::max<int64_t>(0, keep - static_cast<int64_t>(all.size()))), '0');
        const std::string rest = keep < static_cast<int64_t>(all.size()) ? all.substr(static_cast<size_t>(keep)) : "";
        if (!rest.empty() && rest[0] >= '5') {
            const bool more = rest.find_first_not_of('0', 1) != std::string::npos;
            const bool odd = !kept.empty() && (kept.back() - '0') % 2 == 1;
            up = rest[0] > '5' || more || half_away || odd;
        }
    }
    if (kept.empty()) kept = "0";
    if (up) kept = increment(kept);
    return (std::signbit(x) ? "-" : "") + kept + "e" + std::to_string(-ndigits);
}

// ---- float() ---------------------------------------------------------------------------------------

namespace {

bool py_isspace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

bool starts_with_ci(std::string_view s, size_t pos, std::string_view word) {
    if (s.size() - pos < word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[pos + i])) != word[i]) return false;
    return true;
}

// _PyOS_ascii_strtod over s: the longest prefix that is a number (decimal with optional
// fraction and exponent, or inf/infinity/nan with a sign); *consumed is 0 when none is.
double parse_prefix(std::string_view s, size_t* consumed) {
    size_t pos = 0;
    bool negate = false;
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) negate = s[pos++] == '-';
    if (starts_with_ci(s, pos, "inf")) {
        *consumed = pos + (starts_with_ci(s, pos, "infinity") ? 8 : 3);
        return negate ? -HUGE_VAL : HUGE_VAL;
    }
    if (starts_with_ci(s, pos, "nan")) {
        *consumed = pos + 3;
        return negate ? -std::nan("") : std::nan("");
    }
    const size_t start = pos;
    size_t ndigits = 0;
    while (pos < s.size() && ascii_digit(s[pos])) ++pos, ++ndigits;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        while (pos < s.size() && ascii_digit(s[pos])) ++pos, ++ndigits;
    }
    if (ndigits == 0) {
        *consumed = 0;
        return -1.0;
    }
    if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
        size_t e = pos + 1;
        if (e < s.size() && (s[e] == '+' || s[e] == '-')) ++e;
        if (e < s.size() && ascii_digit(s[e])) {
            while (e < s.size() && ascii_digit(s[e])) ++e;
            pos = e;
        }
    }
    *consumed = pos;
    const std::string number(s.substr(start, pos - start));
    const double x = std::strtod(number.c_str(), nullptr);
    return negate ? -x : x;
}

PyObject* cannot_convert(Runtime& rt, const std::string& shown) {
    return err_set_string(rt, rt.builtins().exc.ValueError, "could not convert string to float: " + shown);
}

// 3.6+: underscores only between digits (_Py_string_to_number_with_underscores).
bool strip_underscores(std::string_view s, std::string* out) {
    char prev = '\0';
    for (char c : s) {
        if (c == '_') {
            if (!ascii_digit(prev)) return false;
        } else {
            if (prev == '_' && !ascii_digit(c)) return false;
            out->push_back(c);
        }
        prev = c;
    }
    return prev != '_';
}

}  // namespace

PyObject* float_from_text(Runtime& rt, std::string_view text, TextKind kind) {
    const Profile& p = rt.profile();
    if (p.major == 2) {
        // PyFloat_FromString: leading space skipped; "could not convert" when no number starts
        // the text, "invalid literal" when one does but text follows. A unicode argument is
        // encoded to ASCII digits first (PyUnicode_EncodeDecimal).
        const std::string ascii = kind == kTextUnicode ? ascii_digits_and_space(text) : std::string(text);
        text = ascii;
        size_t s = 0;
        while (s < text.size() && py_isspace(text[s])) ++s;
        const std::string_view rest = text.substr(s);
        size_t consumed = 0;
        const double x = parse_prefix(rest, &consumed);
        if (consumed == 0) return cannot_convert(rt, std::string(rest.substr(0, 200)));
        size_t end = consumed;
        while (end < rest.size() && py_isspace(rest[end])) ++end;
        if (end != rest.size())
            return err_set_string(rt, rt.builtins().exc.ValueError,
                                  "invalid literal for float(): " + std::string(rest.substr(0, 200)));
        PyObject* f = float_from_double(rt, x);
        return f != nullptr ? f : err_no_memory(rt);
    }
    const std::string ascii = kind == kTextUnicode ? ascii_digits_and_space(text) : std::string(text);
    const std::string shown = repr_text(rt, text, kind);
    std::string s = ascii;
    if (ascii.find('_') != std::string::npos) {
        s.clear();
        if (!strip_underscores(ascii, &s)) return cannot_convert(rt, shown);
    }
    size_t first = 0, last = s.size();
    while (first < last && py_isspace(s[first])) ++first;
    if (first == last) {
        // Nothing but space: 3.6 shows nothing, 3.8 the stripped text (''), 3.10+ the text.
        if (!p.at_least(3, 8)) return cannot_convert(rt, "");
        if (!p.at_least(3, 10)) return cannot_convert(rt, "''");
        return cannot_convert(rt, shown);
    }
    while (last - 1 > first && py_isspace(s[last - 1])) --last;
    size_t consumed = 0;
    const double x = parse_prefix(std::string_view(s).substr(first, last - first), &consumed);
    if (consumed != last - first) return cannot_convert(rt, shown);
    PyObject* f = float_from_double(rt, x);
    return f != nullptr ? f : err_no_memory(rt);
}

// ---- format() ------------------------------------------------------------------------------------

PyObject* float_format_double(Runtime& rt, double val, FormatSpec format, const char* type_name) {
    const Profile& p = rt.profile();
    if (p.major == 2 && format.alternate)
        return err_set_string(rt, rt.builtins().exc.ValueError,
                              "Alternate form (#) not allowed in float format specifier");
    if (format.precision > INT32_MAX) return err_set_string(rt, rt.builtins().exc.ValueError, "precision too big");
    int precision = static_cast<int>(format.precision);
    uint32_t type = format.type;
    int flags = 0;
    if (format.alternate) flags |= Py_DTSF_ALT;
    if (format.no_neg_0) flags |= Py_DTSF_NO_NEG_0;
    int default_precision = 6;
    if (type == '\0') {
        // No type: 3.x behaves like repr() without a precision and like 'g' (with a digit
        // after the point) with one; 2.7 like 'g' with str()'s 12 digits.
        flags |= Py_DTSF_ADD_DOT_0;
        type = p.major == 2 ? 'g' : 'r';
        default_precision = p.major == 2 ? 12 : 0;
    }
    if (type == 'n') type = 'g';
    bool add_pct = false;
    if (type == '%') {
        type = 'f';
        val *= 100;
        add_pct = true;
    }
    if (precision < 0)
        precision = default_precision;
    else if (type == 'r')
        type = 'g';
    std::string buf = double_to_string(val, static_cast<char>(type), precision, flags);
    if (add_pct) buf.push_back('%');
    NumberParts parts;
    size_t index = 0;
    if (!buf.empty() && buf[0] == '-') {
        parts.sign_char = '-';
        index = 1;
    }
    // parse_number: the integer digits, then the remainder after an optional point.
    size_t pos = index;
    while (pos < buf.size() && buf[pos] >= '0' && buf[pos] <= '9') ++pos;
    parts.digits = buf.substr(index, pos - index);
    parts.has_decimal = pos < buf.size() && buf[pos] == '.';
    parts.remainder = buf.substr(pos + (parts.has_decimal ? 1 : 0));
    if (format.type == 'n') format.thousands = '\0';
    (void)type_name;
    if (!format_width_fits(rt, format)) return nullptr;
    return text_result(rt, u32_to_utf8(format_number(format, parts)));
}

PyObject* float_format(Runtime& rt, PyObject* v, std::string_view spec_utf8) {
    const char* type_name = Py_TYPE(v)->tp_name;
    const double x = float_value(v);
    if (spec_utf8.empty()) return text_result(rt, float_str_text(rt, x));
    FormatSpec format;
    if (!format_spec_parse(rt, utf8_to_u32(spec_utf8), '\0', '>', type_name, &format)) return nullptr;
    switch (format.type) {
        case '\0':
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
        case 'n':
        case '%':
            return float_format_double(rt, x, format, type_name);
        default:
            return format_unknown_type(rt, format.type, type_name);
    }
}

// ---- float() and float's methods --------------------------------------------------------------------

PyObject* float_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Profile& p = rt.profile();
    if (type != rt.builtins().float_type)
        return err_set_string(rt, rt.builtins().exc.TypeError, "the model does not make instances of float subclasses");
    if (kwnames != nullptr && Py_SIZE(kwnames) > 0)
        return err_set_string(rt, rt.builtins().exc.TypeError, "float() takes no keyword arguments");
    if (p.at_least(3, 8) && !check_positional(rt, "float", nargs, 0, 1)) return nullptr;
    if (nargs > 1)
        return err_format(rt, rt.builtins().exc.TypeError, "float() takes at most 1 argument (%d given)",
                          static_cast<int>(nargs));
    if (nargs == 0) {
        PyObject* f = float_from_double(rt, 0.0);
        return f != nullptr ? f : err_no_memory(rt);
    }
    PyObject* x = args[0];
    std::string text;
    TextKind kind;
    if (object_text(rt, x, &text, &kind)) return float_from_text(rt, text, kind);
    if (Py_TYPE(x) == rt.builtins().float_type) {
        rt.incref(x);
        return x;
    }
    if (long_check(x)) return long_float(rt, x);
    const PyNumberMethods& nb = Py_TYPE(x)->tp_as_number;
    if (nb.nb_float != nullptr) return nb.nb_float(rt, x);
    if (nb.nb_index != nullptr && p.at_least(3, 8)) {
        PyObject* i = nb.nb_index(rt, x);
        if (i == nullptr) return nullptr;
        PyObject* f = long_float(rt, i);
        rt.decref(i);
        return f;
    }
    return err_format(rt, rt.builtins().exc.TypeError, "float() argument must be a string or a %snumber, not '%s'",
                      p.at_least(3, 10) ? "real " : "", Py_TYPE(x)->tp_name);
}

namespace {

PyObject* float_format_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject*) {
    std::string spec;
    TextKind kind;
    if (nargs != 1) return err_set_string(rt, rt.builtins().exc.TypeError, "__format__() takes exactly one argument");
    if (!object_text(rt, args[0], &spec, &kind) || (kind == kTextBytes && rt.profile().major != 2))
        return format_argument_error(rt, args[0]);
    return float_format(rt, self, spec);
}

PyObject* float_round_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject*) {
    if (nargs > 1) return err_set_string(rt, rt.builtins().exc.TypeError, "__round__ expected at most 1 argument");
    return float_round(rt, self, nargs == 1 ? args[0] : nullptr);
}

PyObject* float_trunc_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t, PyObject*) {
    return float_trunc(rt, self);
}

PyObject* float_is_integer(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t, PyObject*) {
    const double x = float_value(self);
    return bool_from(rt, std::isfinite(x) && std::floor(x) == x);
}

PyObject* float_conjugate(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t, PyObject*) {
    return float_float(rt, self);
}

// float_as_integer_ratio: the mantissa doubled until it is whole, then 2**exponent folded into
// the numerator or the denominator; exact.
PyObject* float_as_integer_ratio(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t, PyObject*) {
    const double x = float_value(self);
    if (std::isinf(x))
        return err_set_string(rt, rt.builtins().exc.OverflowError, "cannot convert Infinity to integer ratio");
    if (std::isnan(x)) return err_set_string(rt, rt.builtins().exc.ValueError, "cannot convert NaN to integer ratio");
    int exponent = 0;
    double mantissa = std::frexp(x, &exponent);
    for (int i = 0; i < 300 && mantissa != std::floor(mantissa); ++i) {
        mantissa *= 2.0;
        --exponent;
    }
    PyObject* numerator = long_from_double(rt, mantissa);
    PyObject* denominator = long_from_int64(rt, 1);
    PyObject* shift = long_from_int64(rt, exponent > 0 ? exponent : -exponent);
    PyObject* result = nullptr;
    if (numerator != nullptr && denominator != nullptr && shift != nullptr) {
        PyObject*& scaled = exponent > 0 ? numerator : denominator;
        PyObject* shifted = long_lshift(rt, scaled, shift);
        rt.decref(scaled);
        scaled = shifted;
        if (scaled != nullptr && (result = tuple_new(rt, 2)) != nullptr) {
            tuple_items(result)[0] = numerator;
            tuple_items(result)[1] = denominator;
            numerator = denominator = nullptr;
        }
    }
    for (PyObject* o : {numerator, denominator, shift}) rt.xdecref(o);
    if (result == nullptr && !err_occurred(rt)) err_no_memory(rt);
    return result;
}

// float_hex: [-]0xh.hhhhhhhhhhhhhp±e, the 53-bit mantissa as one hex digit and 13 after the
// point; normal numbers lead with 1, subnormals with 0 at exponent -1022.
PyObject* float_hex_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t, PyObject*) {
    constexpr int kHexDigitsAfterPoint = 13;
    static_assert(4 * kHexDigitsAfterPoint + 1 == DBL_MANT_DIG);
    const double x = float_value(self);
    if (std::isnan(x) || std::isinf(x)) return float_repr(rt, self);
    if (x == 0.0) return str_from_utf8(rt, std::signbit(x) ? "-0x0.0p+0" : "0x0.0p+0");
    int exponent = 0;
    double m = std::frexp(std::fabs(x), &exponent);
    const int shift = 1 - std::max(DBL_MIN_EXP - exponent, 0);
    m = std::ldexp(m, shift);
    exponent -= shift;
    static constexpr char kHex[] = "0123456789abcdef";
    std::string digits(1, kHex[static_cast<int>(m)]);
    m -= static_cast<int>(m);
    digits += '.';
    for (int i = 0; i < kHexDigitsAfterPoint; ++i) {
        m *= 16.0;
        digits += kHex[static_cast<int>(m)];
        m -= static_cast<int>(m);
    }
    std::string text = (x < 0 ? "-0x" : "0x") + digits + "p" + (exponent < 0 ? "-" : "+") +
                       std::to_string(exponent < 0 ? -exponent : exponent);
    return str_from_utf8(rt, text);
}

}  // namespace

const PyMethodDef kFloatMethods[] = {
    {"__format__", float_format_method, METH_VARARGS}, {"__round__", float_round_method, METH_VARARGS},
    {"__trunc__", float_trunc_method, METH_VARARGS},   {"is_integer", float_is_integer, METH_VARARGS},
    {"conjugate", float_conjugate, METH_VARARGS},      {"as_integer_ratio", float_as_integer_ratio, METH_VARARGS},
    {"hex", float_hex_method, METH_VARARGS},           {nullptr, nullptr, 0},
};

}  // namespace pymemlab
