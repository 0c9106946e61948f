// bytes' converting methods (Objects/bytesobject.c, Python/pystrhex.c): decode, hex, fromhex,
// translate, maketrans, removeprefix/removesuffix, __bytes__, __getnewargs__, __sizeof__, and
// 2.7's str.encode and str.__format__.
#include "object/abstract.h"
#include "object/codecs.h"
#include "object/errors.h"
#include "object/format_spec.h"
#include "object/long_object.h"
#include "object/singletons.h"
#include "object/text_args.h"
#include "object/text_internal.h"
#include "object/tuple_object.h"

namespace pymemlab {

using namespace text;

namespace {

PyTypeObject* type_error(Runtime& rt) { return rt.builtins().exc.TypeError; }
const char* type_word(const Runtime& rt) { return is_27(rt) ? "str" : "bytes"; }

int hex_value(uint32_t c) {
    if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
    if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
    return 16;
}

bool is_ascii_space(uint32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

PyObject* removeaffix(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw, bool suffix) {
    if (!check_one_arg(rt, "bytes", suffix ? "removesuffix" : "removeprefix", nargs, kw)) return nullptr;
    if (!is_bytes(rt, args[0]))
        return err_format(rt, type_error(rt), "a bytes-like object is required, not '%s'",
                          type_name_of(args[0]).c_str());
    const std::string_view s = bytes_view(rt, self), affix = bytes_view(rt, args[0]);
    if (affix.empty() || !tailmatch<char>(s, affix, 0, static_cast<int64_t>(s.size()), suffix))
        return new_ref(rt, self);
    return bytes_result(rt, suffix ? s.substr(0, s.size() - affix.size()) : s.substr(affix.size()));
}

}  // namespace

PyObject* bytes_decode_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[2];
    if (!unpack_args(rt, ArgsSpec{"decode", 0, 2, ArgStyle::kKeywords, {"encoding", "errors"}}, args, nargs, kw, a))
        return nullptr;
    std::string names[2];
    if (!codec_names(rt, "decode", a, names)) return nullptr;
    return unicode_decode(rt, bytes_view(rt, self), names[0], names[1], self);
}

// 2.7's str.encode: the codec first decodes the str by the default encoding.
PyObject* bytes_encode_27(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[2];
    if (!unpack_args(rt, ArgsSpec{"encode", 0, 2, ArgStyle::kKeywords, {"encoding", "errors"}}, args, nargs, kw, a))
        return nullptr;
    std::string names[2];
    if (!codec_names(rt, "encode", a, names)) return nullptr;
    PyObject* u = unicode_from_object_27(rt, self);
    if (u == nullptr) return nullptr;
    PyObject* r = unicode_encode(rt, u, names[0], names[1]);
    rt.decref(u);
    return r;
}

PyObject* bytes_format_dunder_27(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[1];
    if (!unpack_args(rt, ArgsSpec{"__format__", 1, 1, ArgStyle::kGetArgs}, args, nargs, kw, a)) return nullptr;
    if (is_unicode(rt, a[0])) {
        PyObject* u = unicode_from_object_27(rt, self);
        if (u == nullptr) return nullptr;
        PyObject* r = unicode_format_spec(rt, u, unicode_chars(rt, a[0]));
        rt.decref(u);
        return r;
    }
    if (!is_bytes(rt, a[0])) return format_argument_error(rt, a[0]);
    if (bytes_size(a[0]) == 0) return new_ref(rt, self);
    return format_string(rt, bytes_view(rt, self), bytes_view(rt, a[0]), "str");
}

// bytes.hex([sep[, bytes_per_sep]]): two lowercase digits a byte, a separator every
// |bytes_per_sep| bytes counted from the right (from the left when negative).
PyObject* bytes_hex(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    std::u32string sep;
    int64_t per = 1;
    if (rt.profile().at_least(3, 8)) {
        PyObject* a[2];
        if (!unpack_args(rt, ArgsSpec{"hex", 0, 2, ArgStyle::kKeywords, {"sep", "bytes_per_sep"}}, args, nargs, kw, a))
            return nullptr;
        if (a[0] != nullptr) {
            if (is_unicode(rt, a[0])) {
                sep = unicode_chars(rt, a[0]);
            } else if (is_bytes(rt, a[0])) {
                for (unsigned char c : bytes_view(rt, a[0])) sep.push_back(c);
            } else {
                return err_set_string(rt, type_error(rt), "sep must be str or bytes.");
            }
            if (sep.size() != 1) return err_set_string(rt, rt.builtins().exc.ValueError, "sep must be length 1.");
            if (sep[0] > 0x7f) return err_set_string(rt, rt.builtins().exc.ValueError, "sep must be ASCII.");
        }
        if (a[1] != nullptr && !arg_as_ssize(rt, a[1], &per, IntConv::kInt)) return nullptr;
    } else if (!check_no_args(rt, "bytes", "hex", nargs, kw)) {
        return nullptr;
    }
    static const char kDigits[] = "0123456789abcdef";
    const std::string_view s = bytes_view(rt, self);
    std::u32string out;
    const auto n = static_cast<int64_t>(s.size());
    const int64_t group = per < 0 ? -per : per;
    for (int64_t i = 0; i < n; ++i) {
        if (!sep.empty() && i > 0 && group > 0) {
            const bool boundary = per > 0 ? (n - i) % group == 0 : i % group == 0;
            if (boundary) out.push_back(sep[0]);
        }
        const auto c = static_cast<unsigned char>(s[static_cast<size_t>(i)]);
        out.push_back(static_cast<char32_t>(kDigits[c >> 4]));
        out.push_back(static_cast<char32_t>(kDigits[c & 15]));
    }
    return unicode_result(rt, out);
}

// bytes.fromhex(string), a class method: called through it, self is null and args[0] the class.
PyObject* bytes_fromhex(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (self == nullptr && nargs > 0) {
        ++args;
        --nargs;
    }
    if (!check_one_arg(rt, "bytes", "fromhex", nargs, kw)) return nullptr;
    // 3.14 takes bytes as well (the model has no bytearray to take).
    const bool takes_bytes = rt.profile().at_least(3, 14);
    std::u32string s;
    if (is_unicode(rt, args[0])) {
        s = unicode_chars(rt, args[0]);
    } else if (takes_bytes && is_bytes(rt, args[0])) {
        for (char c : bytes_view(rt, args[0])) s.push_back(static_cast<unsigned char>(c));
    } else {
        return err_format(rt, type_error(rt), takes_bytes ? "fromhex() argument must be str or bytes-like, not %s"
                                                          : "fromhex() argument must be str, not %s",
                          type_name_of(args[0]).c_str());
    }
    const bool any_space = rt.profile().at_least(3, 7);
    std::string out;
    size_t i = 0;
    while (i < s.size()) {
        if (any_space ? is_ascii_space(s[i]) : s[i] == ' ') {
            while (i < s.size() && (any_space ? is_ascii_space(s[i]) : s[i] == ' ')) ++i;
            if (i >= s.size()) break;
        }
        const int top = hex_value(s[i]);
        const int bot = i + 1 < s.size() ? hex_value(s[i + 1]) : 16;
        // 3.14 names a last digit without its pair for what it is.
        if (top < 16 && i + 1 == s.size() && rt.profile().at_least(3, 14))
            return err_set_string(rt, rt.builtins().exc.ValueError,
                                  "fromhex() arg must contain an even number of hexadecimal digits");
        if (top >= 16 || bot >= 16)
            return err_format(rt, rt.builtins().exc.ValueError,
                              "non-hexadecimal number found in fromhex() arg at position %lld",
                              static_cast<long long>(top >= 16 ? i : i + 1));
        out.push_back(static_cast<char>(top * 16 + bot));
        i += 2;
    }
    return bytes_result(rt, out);
}

// bytes.maketrans(frm, to), a static method: the 256-byte table translate() takes.
PyObject* bytes_maketrans(Runtime& rt, PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[2];
    if (!unpack_args(
            rt, ArgsSpec{"maketrans", 2, 2, rt.profile().at_least(3, 7) ? ArgStyle::kPositional : ArgStyle::kGetArgs},
            args, nargs, kw, a))
        return nullptr;
    for (int k = 0; k < 2; ++k)
        if (!is_bytes(rt, a[k]))
            return err_format(rt, type_error(rt), "a bytes-like object is required, not '%s'",
                              type_name_of(a[k]).c_str());
    const std::string_view from = bytes_view(rt, a[0]), to = bytes_view(rt, a[1]);
    if (from.size() != to.size())
        return err_set_string(rt, rt.builtins().exc.ValueError, "maketrans arguments must have same length");
    std::string table(256, '\0');
    for (int c = 0; c < 256; ++c) table[static_cast<size_t>(c)] = static_cast<char>(c);
    for (size_t i = 0; i < from.size(); ++i) table[static_cast<unsigned char>(from[i])] = to[i];
    return bytes_result(rt, table);
}

// translate(table, delete=b''): table None or 256 bytes; the object itself when nothing changes.
PyObject* bytes_translate(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (is_27(rt) && nargs >= 1 && is_unicode(rt, args[0])) {
        PyObject* u = unicode_from_object_27(rt, self);
        if (u == nullptr) return nullptr;
        PyObject* r = unicode_translate(rt, u, args, nargs, kw);
        rt.decref(u);
        return r;
    }
    PyObject* a[2];
    const ArgsSpec spec = is_27(rt) ? ArgsSpec{"translate", 1, 2, ArgStyle::kGetArgs}
                                    : ArgsSpec{"translate", 1, 2, ArgStyle::kKeywords, {"", "delete"}, 1};
    if (!unpack_args(rt, spec, args, nargs, kw, a)) return nullptr;
    PyObject* none = rt.builtins().singletons.none;
    std::string_view table;
    if (a[0] != none) {
        if (!is_bytes(rt, a[0]))
            return err_format(rt, type_error(rt), "a bytes-like object is required, not '%s'",
                              type_name_of(a[0]).c_str());
        table = bytes_view(rt, a[0]);
        if (table.size() != 256)
            return err_set_string(rt, rt.builtins().exc.ValueError, "translation table must be 256 characters long");
    }
    std::string_view deletes;
    if (a[1] != nullptr) {
        if (!is_bytes(rt, a[1]))
            return err_format(rt, type_error(rt), "a bytes-like object is required, not '%s'",
                              type_name_of(a[1]).c_str());
        deletes = bytes_view(rt, a[1]);
    }
    const std::string_view s = bytes_view(rt, self);
    std::string out;
    for (char c : s) {
        if (deletes.find(c) != std::string_view::npos) continue;
        out.push_back(table.empty() ? c : table[static_cast<unsigned char>(c)]);
    }
    if (out == s) return new_ref(rt, self);
    return bytes_fresh(rt, out);
}

PyObject* bytes_removeprefix(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return removeaffix(rt, self, args, nargs, kw, false);
}
PyObject* bytes_removesuffix(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return removeaffix(rt, self, args, nargs, kw, true);
}

PyObject* bytes_bytes_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!check_no_args(rt, "bytes", "__bytes__", nargs, kw)) return nullptr;
    return new_ref(rt, self);
}

PyObject* bytes_getnewargs(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!check_no_args(rt, type_word(rt), "__getnewargs__", nargs, kw)) return nullptr;
    PyObject* copy = bytes_result(rt, bytes_view(rt, self));
    if (copy == nullptr) return nullptr;
    PyObject* t = tuple_new(rt, 1);
    if (t == nullptr) {
        rt.decref(copy);
        return err_no_memory(rt);
    }
    tuple_items(t)[0] = copy;
    return t;
}

PyObject* bytes_sizeof_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!check_no_args(rt, type_word(rt), "__sizeof__", nargs, kw)) return nullptr;
    return long_from_int64(rt, bytes_sizeof(rt, self));
}

}  // namespace pymemlab
