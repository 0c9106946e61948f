// str.format, str.format_map and str.__format__ (Objects/stringlib/unicode_format.h: the
// MarkupIterator, field names with attribute and index lookups, conversions, nested specs,
// automatic numbering; Python/formatter_unicode.c for a str's own spec). 2.7's str.format runs
// the same machinery over bytes and gives a str.
#include "object/abstract.h"
#include "object/codecs.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/format_spec.h"
#include "object/long_object.h"
#include "object/text_args.h"
#include "object/text_internal.h"
#include "object/tuple_object.h"
#include "object/unicode_ctype.h"

namespace pymemlab {

using namespace text;

namespace {

PyObject* value_error(Runtime& rt, const char* message) {
    return err_set_string(rt, rt.builtins().exc.ValueError, message);
}

void raise_key_error(Runtime& rt, PyObject* key) {
    PyObject* args = tuple_new(rt, 1);
    if (args == nullptr) {
        err_no_memory(rt);
        return;
    }
    tuple_items(args)[0] = new_ref(rt, key);
    PyObject* exc = exception_create(rt, rt.builtins().exc.KeyError, args);
    rt.decref(args);
    if (exc != nullptr) err_set_instance(rt, exc);
}

// The decimal value of a Unicode decimal digit (Nd runs are ten long, starting at zero).
int decimal_value(uint32_t c) {
    if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
    if (!unicode_has(c, kUnicodeDecimal)) return -1;
    uint32_t start = c;
    while (start > 0 && unicode_has(start - 1, kUnicodeDecimal) && c - start < 9) --start;
    return static_cast<int>((c - start) % 10);
}

// get_integer: -1 when the text is empty or not all decimal digits; -2 with ValueError on
// overflow.
int64_t get_integer(Runtime& rt, std::u32string_view s) {
    if (s.empty()) return -1;
    int64_t value = 0;
    for (char32_t c : s) {
        const int digit = decimal_value(c);
        if (digit < 0) return -1;
        if (value > (INT64_MAX - digit) / 10) {
            value_error(rt, "Too many decimal digits in format string");
            return -2;
        }
        value = value * 10 + digit;
    }
    return value;
}

struct AutoNumber {
    enum State { kInit, kAuto, kManual } state = kInit;
    int64_t next = 0;
};

struct Formatter {
    Runtime& rt;
    PyObject* const* args;  // nullptr for format_map
    int64_t nargs;
    PyObject* const* kwvalues;  // str.format's keyword arguments, named by kwnames
    PyObject* kwnames;
    PyObject* mapping;  // format_map's mapping
    bool bytes27;       // 2.7's str.format: the text and the result are bytes
    AutoNumber auto_number;

    bool py2() const { return is_27(rt); }

    // A name from the format string as an object: a str of the profile (2.7: bytes for ASCII
    // text, since 2.7's keyword names are str).
    PyObject* name_object(std::u32string_view name) {
        bool ascii = true;
        for (char32_t c : name) ascii = ascii && c < 0x80;
        if (bytes27 || (py2() && ascii)) {
            std::string bytes(name.begin(), name.end());
            PyObject* o = bytes_from_string(rt, bytes);
            return o != nullptr ? o : err_no_memory(rt);
        }
        return unicode_result(rt, name);
    }

    PyObject* lookup_keyword(std::u32string_view name) {
        PyObject* key = name_object(name);
        if (key == nullptr) return nullptr;
        PyObject* r = nullptr;
        if (mapping != nullptr) {
            r = object_getitem(rt, mapping, key);
        } else {
            const int64_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
            for (int64_t i = 0; i < nkw && r == nullptr; ++i)
                if (str_equal(rt, tuple_items(kwnames)[i], key)) r = new_ref(rt, kwvalues[i]);
            if (r == nullptr) raise_key_error(rt, key);
        }
        rt.decref(key);
        return r;
    }

    PyObject* lookup_index(int64_t index) {
        if (args == nullptr) return value_error(rt, "Format string contains positional fields");
        if (index >= nargs) {
            if (rt.profile().at_least(3, 8))
                return err_format(rt, rt.builtins().exc.IndexError,
                                  "Replacement index %lld out of range for positional args tuple",
                                  static_cast<long long>(index));
            return err_set_string(rt, rt.builtins().exc.IndexError, "tuple index out of range");
        }
        return new_ref(rt, args[index]);
    }

    // get_field_object: the first part (index or keyword), then .attr and [key] parts.
    PyObject* field_object(std::u32string_view field) {
        size_t i = 0;
        while (i < field.size() && field[i] != '.' && field[i] != '[') ++i;
        const std::u32string_view first = field.substr(0, i);
        int64_t index = get_integer(rt, first);
        if (index == -2) return nullptr;
        const bool empty = first.empty();
        if (empty || index >= 0) {
            if (auto_number.state == AutoNumber::kInit)
                auto_number.state = empty ? AutoNumber::kAuto : AutoNumber::kManual;
            if (auto_number.state == AutoNumber::kManual && empty)
                return value_error(rt, "cannot switch from manual field specification to automatic field numbering");
            if (auto_number.state == AutoNumber::kAuto && !empty)
                return value_error(rt, "cannot switch from automatic field numbering to manual field specification");
            if (empty) index = auto_number.next++;
        }
        PyObject* obj = index >= 0 ? lookup_index(index) : lookup_keyword(first);
        while (obj != nullptr && i < field.size()) {
            const char32_t c = field[i++];
            size_t start = i;
            PyObject* next = nullptr;
            if (c == '.') {
                while (i < field.size() && field[i] != '.' && field[i] != '[') ++i;
                if (i == start) {
                    rt.decref(obj);
                    return value_error(rt, "Empty attribute in format string");
                }
                PyObject* name = name_object(field.substr(start, i - start));
                if (name != nullptr) {
                    if (!bytes27 && py2() && is_unicode(rt, name)) {
                        next = err_set_string(rt, rt.builtins().exc.TypeError, "attribute name must be string");
                    } else {
                        next = object_getattr(rt, obj, name);
                    }
                    rt.decref(name);
                }
            } else if (c == '[') {
                while (i < field.size() && field[i] != ']') ++i;
                if (i == field.size()) {
                    rt.decref(obj);
                    return value_error(rt, "Missing ']' in format string");
                }
                const std::u32string_view key_text = field.substr(start, i - start);
                ++i;
                if (key_text.empty()) {
                    rt.decref(obj);
                    return value_error(rt, "Empty attribute in format string");
                }
                const int64_t k = get_integer(rt, key_text);
                if (k == -2) {
                    rt.decref(obj);
                    return nullptr;
                }
                PyObject* key = k >= 0 ? long_from_int64(rt, k) : name_object(key_text);
                if (key != nullptr) {
                    next = object_getitem(rt, obj, key);
                    rt.decref(key);
                }
            } else {
                rt.decref(obj);
                return value_error(rt, "Only '.' or '[' may follow ']' in format field specifier");
            }
            rt.decref(obj);
            obj = next;
        }
        return obj;
    }

    // The profile's str of a formatted piece: 2.7's str.format wants bytes, unicode.format text.
    bool write_piece(TextWriter& w, PyObject* piece, bool whole_ok) {
        if (py2()) {
            std::u32string chars;
            if (bytes27) {
                PyObject* b = is_unicode(rt, piece) ? unicode_as_default_str_27(rt, piece) : new_ref(rt, piece);
                if (b == nullptr) return false;
                for (unsigned char c : bytes_view(rt, b)) chars.push_back(c);
                rt.decref(b);
            } else {
                PyObject* u = unicode_from_object_27(rt, piece);
                if (u == nullptr) return false;
                chars = unicode_chars(rt, u);
                rt.decref(u);
            }
            w.write(rt, chars);
            return true;
        }
        if (whole_ok)
            w.write_str(rt, piece);
        else
            w.write(rt, unicode_chars(rt, piece));
        return true;
    }

    // render_field: conversion, then the value's own formatting under the (expanded) spec.
    bool render(TextWriter& w, std::u32string_view field, char32_t conversion, std::u32string_view spec,
                bool spec_needs_expanding, int depth) {
        PyObject* obj = field_object(field);
        if (obj == nullptr) return false;
        if (conversion != 0) {
            PyObject* converted = nullptr;
            if (conversion == 'r')
                converted = object_repr(rt, obj);
            else if (conversion == 's')
                converted = object_str(rt, obj);
            else if (conversion == 'a' && !py2())
                converted = object_ascii(rt, obj);
            else if (conversion > 32 && conversion < 127)
                err_format(rt, rt.builtins().exc.ValueError, "Unknown conversion specifier %c",
                           static_cast<char>(conversion));
            else
                err_format(rt, rt.builtins().exc.ValueError, "Unknown conversion specifier \\x%x",
                           static_cast<unsigned>(conversion));
            rt.decref(obj);
            if (converted == nullptr) return false;
            obj = converted;
        }
        std::u32string expanded(spec);
        if (spec_needs_expanding) {
            TextWriter inner;
            inner.allow_whole = false;
            if (!build(inner, spec, depth - 1)) {
                rt.decref(obj);
                return false;
            }
            expanded = inner.out;
        }
        PyObject* result;
        bool whole_ok = true;
        if (!py2() && is_unicode(rt, obj)) {
            result = unicode_format_spec(rt, obj, expanded);
        } else {
            PyObject* spec_obj = name_object(expanded);
            if (spec_obj == nullptr) {
                rt.decref(obj);
                return false;
            }
            // An exact int is written digit by digit (_PyLong_FormatWriter), never kept whole.
            whole_ok = Py_TYPE(obj) != rt.builtins().long_type;
            result = object_format(rt, obj, spec_obj);
            rt.decref(spec_obj);
        }
        rt.decref(obj);
        if (result == nullptr) return false;
        const bool ok = write_piece(w, result, whole_ok);
        rt.decref(result);
        return ok;
    }

    // build_string / do_markup: literal text (a doubled brace is one brace), then fields.
    bool build(TextWriter& w, std::u32string_view s, int depth) {
        if (depth <= 0) {
            value_error(rt, "Max string recursion exceeded");
            return false;
        }
        size_t i = 0;
        while (i < s.size()) {
            const size_t start = i;
            char32_t c = 0;
            bool markup = false;
            while (i < s.size()) {
                c = s[i++];
                if (c == '{' || c == '}') {
                    markup = true;
                    break;
                }
            }
            const bool at_end = i >= s.size();
            size_t len = i - start;
            if (c == '}' && markup && (at_end || s[i] != '}')) {
                value_error(rt, "Single '}' encountered in format string");
                return false;
            }
            if (at_end && c == '{' && markup) {
                value_error(rt, "Single '{' encountered in format string");
                return false;
            }
            if (markup && !at_end) {
                if (s[i] == c) {
                    ++i;  // an escaped brace: keep one
                    markup = false;
                } else {
                    --len;
                }
            }
            if (len > 0) {
                if (start == 0 && len == s.size() && !markup && self_obj != nullptr && depth == kTopDepth)
                    w.write_str(rt, self_obj);
                else
                    w.write(rt, s.substr(start, len));
            }
            if (!markup) continue;
            if (!(py2() ? field_27(w, s, i, depth) : field_3x(w, s, i, depth))) return false;
        }
        return true;
    }

    // 3.x's parse_field, straight after the '{': the name (a [key] may hold any character but
    // ']'), '!' and the conversion, ':' and the spec up to the matching '}'. *i ends past it.
    bool field_3x(TextWriter& w, std::u32string_view s, size_t& i, int depth) {
        const size_t name_start = i;
        char32_t c = 0;
        while (i < s.size()) {
            c = s[i++];
            if (c == '{') {
                value_error(rt, "unexpected '{' in field name");
                return false;
            }
            if (c == '[') {
                while (i < s.size() && s[i] != ']') ++i;
                continue;
            }
            if (c == '}' || c == ':' || c == '!') break;
        }
        const std::u32string_view name = s.substr(name_start, i - 1 - name_start);
        char32_t conversion = 0;
        if (c == '!' || c == ':') {
            if (c == '!') {
                if (i >= s.size()) {
                    value_error(rt, "end of string while looking for conversion specifier");
                    return false;
                }
                conversion = s[i++];
                if (i < s.size()) {
                    c = s[i++];
                    if (c == '}') return render(w, name, conversion, {}, false, depth);
                    if (c != ':') {
                        value_error(rt, "expected ':' after conversion specifier");
                        return false;
                    }
                }
            }
            const size_t spec_start = i;
            bool needs_expanding = false;
            for (int count = 1; i < s.size();) {
                c = s[i++];
                if (c == '{') {
                    needs_expanding = true;
                    ++count;
                } else if (c == '}' && --count == 0) {
                    return render(w, name, conversion, s.substr(spec_start, i - 1 - spec_start), needs_expanding,
                                  depth);
                }
            }
            value_error(rt, "unmatched '{' in format spec");
            return false;
        }
        if (c != '}') {
            value_error(rt, "expected '}' before end of string");
            return false;
        }
        return render(w, name, 0, {}, false, depth);
    }

    // 2.7: the field runs to the matching '}' first; then the name ends at ':' or '!'.
    bool field_27(TextWriter& w, std::u32string_view s, size_t& i, int depth) {
        const size_t field_start = i;
        bool needs_expanding = false;
        size_t field_end = std::u32string_view::npos;
        for (int count = 1; i < s.size();) {
            const char32_t d = s[i++];
            if (d == '{') {
                needs_expanding = true;
                ++count;
            } else if (d == '}' && --count == 0) {
                field_end = i - 1;
                break;
            }
        }
        if (field_end == std::u32string_view::npos) {
            value_error(rt, "unmatched '{' in format");
            return false;
        }
        const std::u32string_view str = s.substr(field_start, field_end - field_start);
        size_t k = 0;
        char32_t c = 0;
        while (k < str.size()) {
            c = str[k++];
            if (c == ':' || c == '!') break;
        }
        if (c != ':' && c != '!') return render(w, str, 0, {}, false, depth);
        const std::u32string_view name = str.substr(0, k - 1);
        char32_t conversion = 0;
        if (c == '!') {
            if (k >= str.size()) {
                value_error(rt, "end of format while looking for conversion specifier");
                return false;
            }
            conversion = str[k++];
            if (k < str.size() && str[k++] != ':') {
                value_error(rt, "expected ':' after format specifier");
                return false;
            }
        }
        return render(w, name, conversion, str.substr(k), needs_expanding, depth);
    }

    static constexpr int kTopDepth = 2;
    PyObject* self_obj = nullptr;  // the format string, kept whole when it is all literal text
};

std::u32string text_of(Runtime& rt, PyObject* o) {
    if (is_unicode(rt, o)) return unicode_chars(rt, o);
    std::u32string out;
    for (unsigned char c : bytes_view(rt, o)) out.push_back(c);
    return out;
}

PyObject* run_format(Runtime& rt, PyObject* self, Formatter& f) {
    TextWriter w;
    w.allow_whole = !is_27(rt);
    f.self_obj = w.allow_whole ? self : nullptr;
    if (!f.build(w, text_of(rt, self), Formatter::kTopDepth)) {
        w.clear(rt);
        return nullptr;
    }
    if (f.bytes27) {
        std::string bytes(w.out.begin(), w.out.end());
        return bytes_result(rt, bytes);
    }
    return w.finish(rt);
}

}  // namespace

PyObject* unicode_format_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    Formatter f{rt, args, nargs, args + nargs, kw, nullptr, false, {}};
    return run_format(rt, self, f);
}

PyObject* bytes_format_method_27(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    Formatter f{rt, args, nargs, args + nargs, kw, nullptr, true, {}};
    return run_format(rt, self, f);
}

PyObject* unicode_format_map(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!check_one_arg(rt, "str", "format_map", nargs, kw)) return nullptr;
    Formatter f{rt, nullptr, 0, nullptr, nullptr, args[0], false, {}};
    return run_format(rt, self, f);
}

PyObject* unicode_format_spec(Runtime& rt, PyObject* self, const std::u32string& spec) {
    const Profile& p = rt.profile();
    if (spec.empty()) return new_ref(rt, self);
    const char* type_name = is_27(rt) ? "unicode" : "str";
    FormatSpec format;
    if (!format_spec_parse(rt, spec, 's', '<', type_name, &format)) return nullptr;
    if (format.type != 's') return format_unknown_type(rt, format.type, type_name);
    if (format.sign != '\0')
        return value_error(rt, format.sign == ' ' && p.at_least(3, 10) ? "Space not allowed in string format specifier"
                                                                       : "Sign not allowed in string format specifier");
    if (format.no_neg_0) return value_error(rt, "Negative zero coercion (z) not allowed in string format specifier");
    if (format.alternate) return value_error(rt, "Alternate form (#) not allowed in string format specifier");
    if (format.align == '=') return value_error(rt, "'=' alignment not allowed in string format specifier");
    std::u32string chars = unicode_chars(rt, self);
    auto len = static_cast<int64_t>(chars.size());
    if (format.precision >= 0 && len >= format.precision) len = format.precision;
    int64_t lpad = 0, rpad = 0;
    if (format.width > len) {
        const int64_t total = format.width - len;
        lpad = format.align == '>' ? total : format.align == '^' ? total / 2 : 0;
        rpad = total - lpad;
    }
    if (lpad == 0 && rpad == 0 && len == static_cast<int64_t>(chars.size()) && !is_27(rt)) return new_ref(rt, self);
    if (format.width > kMaxTextLength) return err_no_memory(rt);
    std::u32string out(static_cast<size_t>(lpad), format.fill_char);
    out.append(chars, 0, static_cast<size_t>(len));
    out.append(static_cast<size_t>(rpad), format.fill_char);
    return unicode_result(rt, out);
}

PyObject* unicode_format_dunder(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    const Profile& p = rt.profile();
    if (p.at_least(3, 7)) {
        if (!check_one_arg(rt, "str", "__format__", nargs, kw)) return nullptr;
    } else {
        PyObject* a[1];
        if (!unpack_args(rt, ArgsSpec{"__format__", 1, 1, ArgStyle::kGetArgs}, args, nargs, kw, a)) return nullptr;
    }
    PyObject* spec = args[0];
    if (is_27(rt)) {
        if (!is_unicode(rt, spec) && !is_bytes(rt, spec)) return format_argument_error(rt, spec);
        return unicode_format_spec(rt, self, text_of(rt, spec));
    }
    if (!is_unicode(rt, spec)) return format_argument_error(rt, spec);
    return unicode_format_spec(rt, self, unicode_chars(rt, spec));
}

}  // namespace pymemlab
