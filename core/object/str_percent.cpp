// printf-style formatting, `fmt % args` (Objects/unicodeobject.c PyUnicode_Format and its
// unicode_format_arg_* steps, Objects/bytesobject.c _PyBytes_FormatEx for 3.x bytes, 2.7's
// PyString_Format and PyUnicode_Format). One parser serves the four kinds of format string;
// 2.7's str starts over as unicode when a %s meets a unicode argument, as 2.7 does.
#include <cstdint>
#include <cstdio>

#include "object/abstract.h"
#include "object/codecs.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/float_arith.h"
#include "object/float_object.h"
#include "object/long_arith.h"
#include "object/long_object.h"
#include "object/text_args.h"
#include "object/text_internal.h"
#include "object/tuple_object.h"

namespace pymemlab {

using namespace text;

namespace {

enum class Mode { kUnicode3, kUnicode27, kBytes3, kStr27 };

constexpr int F_LJUST = 1 << 0;
constexpr int F_SIGN = 1 << 1;
constexpr int F_BLANK = 1 << 2;
constexpr int F_ALT = 1 << 3;
constexpr int F_ZERO = 1 << 4;

struct Percent {
    Runtime& rt;
    Mode mode;
    PyObject* args;
    int64_t arglen;
    int64_t argidx;
    PyObject* dict = nullptr;
    TextWriter w;
    bool restart = false;  // 2.7's str met a unicode argument: format again as unicode

    bool py2() const { return mode == Mode::kUnicode27 || mode == Mode::kStr27; }
    bool bytes_out() const { return mode == Mode::kBytes3 || mode == Mode::kStr27; }
    PyTypeObject* type_error() { return rt.builtins().exc.TypeError; }

    bool restart_as_unicode() {
        restart = true;
        return false;
    }

    PyObject* next_arg() {
        if (argidx < arglen) {
            const int64_t i = argidx++;
            if (arglen < 0) return args;
            return tuple_items(args)[i];
        }
        return err_set_string(rt, type_error(), "not enough arguments for format string");
    }

    // A str of the profile's text kind for a %(key).
    PyObject* key_object(std::u32string_view key) {
        if (mode == Mode::kUnicode3) return unicode_result(rt, key);
        bool ascii = true;
        for (char32_t c : key) ascii = ascii && c < 0x80;
        if (mode == Mode::kUnicode27 && !ascii) return unicode_result(rt, key);
        std::string bytes(key.begin(), key.end());
        PyObject* o = bytes_from_string(rt, bytes);
        return o != nullptr ? o : err_no_memory(rt);
    }

    // The text of a conversion result in this format's kind (code points; bytes as 0-255).
    bool text_of(PyObject* o, std::u32string* out) {
        if (is_unicode(rt, o)) {
            *out = unicode_chars(rt, o);
            return true;
        }
        out->clear();
        for (unsigned char c : bytes_view(rt, o)) out->push_back(c);
        return true;
    }

    bool int_text(PyObject* v, char32_t type, int flags, int64_t prec, std::u32string* out) {
        const bool is_number = long_check(v) || Py_TYPE(v)->tp_as_number.nb_index != nullptr ||
                               Py_TYPE(v)->tp_as_number.nb_int != nullptr ||
                               Py_TYPE(v)->tp_as_number.nb_float != nullptr;
        const bool hexlike = type == 'o' || type == 'x' || type == 'X';
        auto wrongtype = [&]() {
            if (hexlike && !py2())
                err_format(rt, type_error(), "%%%c format: an integer is required, not %s", static_cast<char>(type),
                           type_name_of(v).c_str());
            else
                err_format(rt, type_error(), "%%%c format: a %snumber is required, not %s", static_cast<char>(type),
                           rt.profile().at_least(3, 10) ? "real " : "", type_name_of(v).c_str());
            return false;
        };
        if (!is_number) return wrongtype();
        PyObject* iobj;
        if (long_check(v)) {
            iobj = new_ref(rt, v);
        } else if (hexlike && !py2()) {
            if (Py_TYPE(v)->tp_as_number.nb_index == nullptr) return wrongtype();
            iobj = number_index(rt, v);
        } else {
            iobj = number_long(rt, v);
        }
        if (iobj == nullptr) {
            if (err_matches(rt, rt.builtins().exc.TypeError)) {
                err_clear(rt);
                return wrongtype();
            }
            return false;
        }
        const char* spec = type == 'o' ? "o" : type == 'x' ? "x" : type == 'X' ? "X" : "d";
        PyObject* digits_obj = long_format(rt, iobj, spec);
        rt.decref(iobj);
        if (digits_obj == nullptr) return false;
        std::u32string digits;
        text_of(digits_obj, &digits);
        rt.decref(digits_obj);
        std::u32string sign;
        if (!digits.empty() && digits[0] == '-') {
            sign = U"-";
            digits.erase(0, 1);
        }
        std::u32string prefix;
        if (flags & F_ALT) {
            if (type == 'x') prefix = U"0x";
            if (type == 'X') prefix = U"0X";
            if (type == 'o') prefix = py2() ? (digits == U"0" ? U"" : U"0") : U"0o";
        }
        if (prec > static_cast<int64_t>(digits.size()))
            digits.insert(0, static_cast<size_t>(prec) - digits.size(), U'0');
        *out = sign + prefix + digits;
        return true;
    }

    bool float_text(PyObject* v, char32_t type, int flags, int64_t prec, std::u32string* out) {
        double x;
        if (Py_TYPE(v) == rt.builtins().float_type) {
            x = float_value(v);
        } else if (long_check(v)) {
            if (!long_as_double(rt, v, &x)) return false;
        } else if (Py_TYPE(v)->tp_as_number.nb_float != nullptr || Py_TYPE(v)->tp_as_number.nb_index != nullptr) {
            PyObject* f = number_float(rt, v);
            if (f == nullptr) return false;
            x = float_value(f);
            rt.decref(f);
        } else {
            if (py2())
                err_format(rt, type_error(), "float argument required, not %s", type_name_of(v).c_str());
            else
                err_format(rt, type_error(), "must be real number, not %s", type_name_of(v).c_str());
            return false;
        }
        if (prec < 0) prec = 6;
        const std::string s =
            double_to_string(x, static_cast<char>(type), static_cast<int>(prec), (flags & F_ALT) ? Py_DTSF_ALT : 0);
        out->assign(s.begin(), s.end());
        return true;
    }

    // %c's TypeError: up to 3.13 `message` alone; 3.14 says what it got ("not float", "not a
    // string of length 2") after its own wording of the str form.
    bool char_error(const char* message, PyObject* v, const char* sized) {
        if (!rt.profile().at_least(3, 14)) {
            err_set_string(rt, type_error(), message);
            return false;
        }
        std::string text = mode == Mode::kBytes3 ? message : "%c requires an int or a unicode character";
        if (std::string_view(sized) == "a bytes object" ? is_bytes(rt, v) : is_unicode(rt, v)) {
            std::u32string t;
            text_of(v, &t);
            text += std::string(", not ") + sized + " of length " + std::to_string(t.size());
        } else {
            text += ", not " + type_name_of(v);
        }
        err_set_string(rt, type_error(), text);
        return false;
    }

    bool char_text(PyObject* v, std::u32string* out) {
        const bool bytes_kind = bytes_out();
        if (mode == Mode::kBytes3) {
            if (is_bytes(rt, v) && bytes_size(v) == 1) {
                *out = std::u32string(1, static_cast<unsigned char>(bytes_view(rt, v)[0]));
                return true;
            }
            if (!long_check(v) && Py_TYPE(v)->tp_as_number.nb_index == nullptr)
                return char_error("%c requires an integer in range(256) or a single byte", v, "a bytes object");
        } else if (is_unicode(rt, v) || is_bytes(rt, v)) {
            if (mode == Mode::kStr27 && is_unicode(rt, v)) return restart_as_unicode();
            std::u32string t;
            text_of(v, &t);
            if (t.size() != 1) return char_error("%c requires int or char", v, "a string");
            *out = t;
            return true;
        } else if (!long_check(v) && (py2() || Py_TYPE(v)->tp_as_number.nb_index == nullptr)) {
            return char_error("%c requires int or char", v, "a string");
        }
        PyObject* i = long_check(v) ? new_ref(rt, v) : number_index(rt, v);
        if (i == nullptr) return false;
        bool overflow = false;
        const int64_t code = long_as_int64(rt, i, &overflow);
        rt.decref(i);
        const int64_t limit = bytes_kind ? 256 : 0x110000;
        if (overflow || code < 0 || code >= limit) {
            if (mode == Mode::kStr27)
                err_set_string(rt, rt.builtins().exc.OverflowError,
                               code < 0 ? "unsigned byte integer is less than minimum"
                                        : "unsigned byte integer is greater than maximum");
            else if (mode == Mode::kUnicode27)
                err_set_string(rt, rt.builtins().exc.OverflowError,
                               "%c arg not in range(0x110000) (wide Python build)");
            else
                err_format(rt, rt.builtins().exc.OverflowError, "%%c arg not in range(%s)",
                           bytes_kind ? "256" : "0x110000");
            return false;
        }
        *out = std::u32string(1, static_cast<char32_t>(code));
        return true;
    }

    // %s, %r, %a (and bytes' %b). `whole` is set to a str that may be written whole.
    bool object_text(PyObject* v, char32_t type, std::u32string* out, PyObject** whole) {
        *whole = nullptr;
        PyObject* r = nullptr;
        if (mode == Mode::kBytes3) {
            if (type == 'r' || type == 'a') {
                PyObject* a = object_ascii(rt, v);
                if (a == nullptr) return false;
                text_of(a, out);
                rt.decref(a);
                return true;
            }
            if (is_bytes(rt, v)) return text_of(v, out);
            PyObject* method = type_lookup_name(v, "__bytes__");
            if (method == nullptr) {
                err_format(rt, type_error(),
                           "%%b requires a bytes-like object, or an object that implements "
                           "__bytes__, not '%s'",
                           type_name_of(v).c_str());
                return false;
            }
            r = object_call_method(rt, v, "__bytes__", nullptr, 0);
            if (r == nullptr) return false;
            if (!is_bytes(rt, r)) {
                err_format(rt, type_error(), "__bytes__ returned non-bytes (type %s)", type_name_of(r).c_str());
                rt.decref(r);
                return false;
            }
            text_of(r, out);
            rt.decref(r);
            return true;
        }
        if (mode == Mode::kStr27 && (type == 's') && is_unicode(rt, v)) return restart_as_unicode();
        if (type == 's')
            r = mode != Mode::kStr27 && is_unicode(rt, v) ? new_ref(rt, v) : object_str(rt, v);
        else if (type == 'r')
            r = object_repr(rt, v);
        else
            r = object_ascii(rt, v);
        if (r == nullptr) return false;
        if (mode == Mode::kStr27 && is_unicode(rt, r)) {
            rt.decref(r);
            return restart_as_unicode();
        }
        if (mode == Mode::kUnicode27 && !is_unicode(rt, r)) {
            PyObject* u = unicode_from_object_27(rt, r);
            rt.decref(r);
            if (u == nullptr) return false;
            r = u;
        }
        text_of(r, out);
        if (mode == Mode::kUnicode3)
            *whole = r;  // the caller owns it now
        else
            rt.decref(r);
        return true;
    }

    PyObject* type_lookup_name(PyObject* v, const char* name) {
        PyObject* n = str_from_utf8(rt, name);
        if (n == nullptr) return nullptr;
        PyObject* r = type_lookup(rt, Py_TYPE(v), n);
        rt.decref(n);
        return r;
    }

    // unicode_format_arg_output: sign, alternate prefix, padding. A width past what the lab
    // builds is CPython's failed allocation: MemoryError.
    bool output(const std::u32string& body, bool numeric, char32_t type, int flags, int64_t width) {
        if (width > kMaxTextLength) {
            err_no_memory(rt);
            return false;
        }
        const char32_t fill = (numeric && (flags & F_ZERO)) ? U'0' : U' ';
        auto len = static_cast<int64_t>(body.size());
        size_t pindex = 0;
        bool sign = numeric;
        char32_t signchar = 0;
        if (sign) {
            const char32_t ch = body.empty() ? 0 : body[0];
            if (ch == '-' || ch == '+') {
                signchar = ch;
                --len;
                ++pindex;
            } else if (flags & F_SIGN) {
                signchar = '+';
            } else if (flags & F_BLANK) {
                signchar = ' ';
            } else {
                sign = false;
            }
        }
        if (width < len) width = len;
        std::u32string out;
        if (sign) {
            if (fill != ' ') out.push_back(signchar);
            if (width > len) --width;
        }
        const bool prefix = numeric && (flags & F_ALT) && (type == 'x' || type == 'X' || (type == 'o' && !py2()));
        if (prefix) {
            if (fill != ' ') out.append(body, pindex, 2);
            width -= 2;
            if (width < 0) width = 0;
            len -= 2;
            pindex += 2;
        }
        if (width > len && !(flags & F_LJUST)) {
            out.append(static_cast<size_t>(width - len), fill);
            width = len;
        }
        if (fill == ' ') {
            if (sign) out.push_back(signchar);
            if (prefix) out.append(body, pindex - 2, 2);
        }
        out.append(body, pindex, static_cast<size_t>(len));
        if (width > len) out.append(static_cast<size_t>(width - len), U' ');
        w.write(rt, out);
        return true;
    }

    bool run(const std::u32string& fmt) {
        const size_t n = fmt.size();
        size_t i = 0;
        while (i < n) {
            if (fmt[i] != '%') {
                const size_t start = i;
                while (i < n && fmt[i] != '%') ++i;
                w.write(rt, std::u32string_view(fmt).substr(start, i - start));
                continue;
            }
            const size_t percent_at = i++;
            if (i < n && fmt[i] == '%') {
                w.write(rt, U"%");
                ++i;
                continue;
            }
            PyObject* v = nullptr;
            PyObject* keyed = nullptr;  // the value a %(key) looked up (owned)
            if (i < n && fmt[i] == '(') {
                if (dict == nullptr) {
                    err_set_string(rt, type_error(), "format requires a mapping");
                    return false;
                }
                const size_t keystart = ++i;
                int pcount = 1;
                while (pcount > 0 && i < n) {
                    if (fmt[i] == ')')
                        --pcount;
                    else if (fmt[i] == '(')
                        ++pcount;
                    ++i;
                }
                if (pcount > 0) {
                    err_set_string(rt, rt.builtins().exc.ValueError, "incomplete format key");
                    return false;
                }
                PyObject* key = key_object(std::u32string_view(fmt).substr(keystart, i - 1 - keystart));
                if (key == nullptr) return false;
                keyed = object_getitem(rt, dict, key);
                rt.decref(key);
                if (keyed == nullptr) return false;
                arglen = -1;
                argidx = -2;
            }
            bool ok = one(fmt, i, percent_at, keyed);
            rt.xdecref(keyed);
            if (!ok) return false;
            (void)v;
        }
        if (argidx < arglen && dict == nullptr) {
            err_set_string(rt, type_error(),
                           py2() ? "not all arguments converted during string formatting"
                                 : "not all arguments converted during string formatting");
            return false;
        }
        return true;
    }

    // One conversion after '%' (and its key): flags, width, precision, type.
    bool one(const std::u32string& fmt, size_t& i, size_t percent_at, PyObject* keyed) {
        const size_t n = fmt.size();
        int flags = 0;
        for (; i < n; ++i) {
            const char32_t c = fmt[i];
            if (c == '-')
                flags |= F_LJUST;
            else if (c == '+')
                flags |= F_SIGN;
            else if (c == ' ')
                flags |= F_BLANK;
            else if (c == '#')
                flags |= F_ALT;
            else if (c == '0')
                flags |= F_ZERO;
            else
                break;
        }
        // A '*' width is a Py_ssize_t (2.7: an int, not a long), a '*' precision a C int.
        auto star = [&](int64_t* value, bool precision) {
            PyObject* v = keyed != nullptr ? keyed : next_arg();
            if (v == nullptr) return false;
            if (!long_check(v)) {
                err_set_string(rt, type_error(), "* wants int");
                return false;
            }
            bool overflow = false;
            *value = long_as_int64(rt, v, &overflow);
            if (precision && (overflow || *value > INT32_MAX || *value < INT32_MIN)) {
                err_set_string(rt, rt.builtins().exc.OverflowError, "Python int too large to convert to C int");
                return false;
            }
            if (overflow) {
                if (py2())
                    err_set_string(rt, type_error(), "* wants int");
                else
                    err_set_string(rt, rt.builtins().exc.OverflowError, "Python int too large to convert to C ssize_t");
                return false;
            }
            if (precision && *value > kMaxTextLength) {
                err_set_string(rt, rt.builtins().exc.ValueError, "precision too big");
                return false;
            }
            return true;
        };
        int64_t width = -1, prec = -1;
        if (i < n && fmt[i] == '*') {
            if (!star(&width, false)) return false;
            if (width < 0) {
                flags |= F_LJUST;
                width = -width;
            }
            ++i;
        } else {
            while (i < n && fmt[i] >= '0' && fmt[i] <= '9') {
                const int digit = static_cast<int>(fmt[i++] - '0');
                if (width > (INT64_MAX - digit) / 10) {
                    err_set_string(rt, rt.builtins().exc.ValueError, "width too big");
                    return false;
                }
                width = (width < 0 ? 0 : width) * 10 + digit;
            }
        }
        if (i < n && fmt[i] == '.') {
            ++i;
            prec = 0;
            if (i < n && fmt[i] == '*') {
                if (!star(&prec, true)) return false;
                if (prec < 0) prec = 0;
                ++i;
            } else {
                while (i < n && fmt[i] >= '0' && fmt[i] <= '9') {
                    prec = prec * 10 + (fmt[i++] - '0');
                    if (prec > kMaxTextLength) {
                        err_set_string(rt, rt.builtins().exc.ValueError, "precision too big");
                        return false;
                    }
                }
            }
        }
        if (i < n && (fmt[i] == 'h' || fmt[i] == 'l' || fmt[i] == 'L')) ++i;
        if (i >= n) {
            err_set_string(rt, rt.builtins().exc.ValueError, "incomplete format");
            return false;
        }
        const char32_t type = fmt[i++];
        // Up to 3.6 (and in 2.7) a '%' after flags is a literal '%', padded in 2.7.
        if (type == '%' && !rt.profile().at_least(3, 7)) {
            if (py2()) return output(U"%", false, type, flags, width);
            w.write(rt, U"%");
            return true;
        }
        PyObject* v = keyed != nullptr ? keyed : next_arg();
        if (v == nullptr) return false;
        std::u32string body;
        switch (type) {
            case 's':
            case 'r':
            case 'a':
            case 'b': {
                if ((type == 'a' && py2()) || (type == 'b' && mode != Mode::kBytes3)) break;
                PyObject* whole = nullptr;
                if (!object_text(v, type, &body, &whole)) return false;
                if (prec >= 0 && static_cast<int64_t>(body.size()) > prec) body.resize(static_cast<size_t>(prec));
                const bool unchanged = whole != nullptr && static_cast<int64_t>(body.size()) == unicode_length(whole) &&
                                       width <= static_cast<int64_t>(body.size());
                bool ok = true;
                if (unchanged)
                    w.write_str(rt, whole);
                else
                    ok = output(body, false, type, flags, width);
                rt.xdecref(whole);
                return ok;
            }
            case 'i':
            case 'd':
            case 'u':
            case 'o':
            case 'x':
            case 'X':
                if (!int_text(v, type, flags, prec, &body)) return false;
                return output(body, true, type, flags, width);
            case 'e':
            case 'E':
            case 'f':
            case 'F':
            case 'g':
            case 'G':
                if (!float_text(v, type, flags, prec, &body)) return false;
                return output(body, true, type, flags, width);
            case 'c':
                if (!char_text(v, &body)) return false;
                return output(body, false, type, flags, width);
            default:
                break;
        }
        if (type > 32 && type < 127)
            err_format(rt, rt.builtins().exc.ValueError, "unsupported format character '%c' (0x%x) at index %lld",
                       static_cast<char>(type), static_cast<unsigned>(type), static_cast<long long>(i - 1));
        else
            err_format(rt, rt.builtins().exc.ValueError, "unsupported format character '\\x%x' (0x%x) at index %lld",
                       static_cast<unsigned>(type), static_cast<unsigned>(type), static_cast<long long>(i - 1));
        (void)percent_at;
        return false;
    }
};

bool is_mapping_arg(const Runtime& rt, PyObject* args) {
    return Py_TYPE(args)->tp_as_mapping.mp_subscript != nullptr && Py_TYPE(args) != rt.builtins().tuple_type &&
           !is_unicode(rt, args) && !(rt.profile().major == 2 && is_bytes(rt, args));
}

PyObject* percent_format(Runtime& rt, Mode mode, const std::u32string& fmt, PyObject* args, bool* restart = nullptr) {
    Percent f{rt, mode, args, -1, -2, nullptr, {}, false};
    if (Py_TYPE(args) == rt.builtins().tuple_type) {
        f.arglen = Py_SIZE(args);
        f.argidx = 0;
    }
    if (is_mapping_arg(rt, args)) f.dict = args;
    f.w.allow_whole = mode == Mode::kUnicode3;
    if (!f.run(fmt)) {
        f.w.clear(rt);
        if (restart != nullptr) *restart = f.restart;
        return nullptr;
    }
    switch (mode) {
        case Mode::kUnicode3:
            return f.w.finish(rt);
        case Mode::kUnicode27:
            return unicode_fresh(rt, f.w.out);
        case Mode::kBytes3:
            return bytes_result(rt, std::string(f.w.out.begin(), f.w.out.end()));
        case Mode::kStr27:
            return bytes_fresh(rt, std::string(f.w.out.begin(), f.w.out.end()));
    }
    return nullptr;
}

}  // namespace

PyObject* unicode_mod(Runtime& rt, PyObject* a, PyObject* b) {
    if (!is_unicode(rt, a)) return new_ref(rt, rt.builtins().singletons.not_implemented);
    return percent_format(rt, is_27(rt) ? Mode::kUnicode27 : Mode::kUnicode3, unicode_chars(rt, a), b);
}

PyObject* bytes_mod(Runtime& rt, PyObject* a, PyObject* b) {
    if (!is_bytes(rt, a)) return new_ref(rt, rt.builtins().singletons.not_implemented);
    std::u32string fmt;
    for (unsigned char c : bytes_view(rt, a)) fmt.push_back(c);
    if (!is_27(rt)) return percent_format(rt, Mode::kBytes3, fmt, b);
    bool restart = false;
    PyObject* r = percent_format(rt, Mode::kStr27, fmt, b, &restart);
    if (!restart) return r;
    // PyString_Format hands the whole job to PyUnicode_Format once it meets unicode.
    PyObject* u = unicode_from_object_27(rt, a);
    if (u == nullptr) return nullptr;
    r = percent_format(rt, Mode::kUnicode27, unicode_chars(rt, u), b);
    rt.decref(u);
    return r;
}

}  // namespace pymemlab
