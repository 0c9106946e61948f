// str's methods that reshape a string (strip, replace, padding, zfill, expandtabs, removeprefix,
// translate, maketrans, encode/decode) and the method table of each profile's str (2.7's
// unicode). Searching and splitting: str_search.cpp; case and predicates: str_case.cpp;
// format: str_format.cpp.
#include <map>
#include <vector>

#include "object/abstract.h"
#include "object/codecs.h"
#include "object/descr_object.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/long_object.h"
#include "object/singletons.h"
#include "object/text_args.h"
#include "object/text_internal.h"
#include "object/tuple_object.h"
#include "object/unicode_ctype.h"
#include "profile/profile.h"

namespace pymemlab {

using namespace text;

namespace {

PyTypeObject* type_error(Runtime& rt) { return rt.builtins().exc.TypeError; }
const char* type_word(const Runtime& rt) { return is_27(rt) ? "unicode" : "str"; }
bool is_none(const Runtime& rt, const PyObject* o) { return o == nullptr || o == rt.builtins().singletons.none; }

// Argument Clinic took over these methods in 3.7; 3.6 parsed them with getargs.
ArgStyle clinic_style(const Runtime& rt) {
    return rt.profile().at_least(3, 7) ? ArgStyle::kPositional : ArgStyle::kGetArgs;
}

bool coerce_27(Runtime& rt, PyObject* o, std::u32string* out) {
    PyObject* u = unicode_from_object_27(rt, o);
    if (u == nullptr) return false;
    *out = unicode_chars(rt, u);
    rt.decref(u);
    return true;
}

// ---- strip ----------------------------------------------------------------------------------------

PyObject* strip_common(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                       const char* name, int kind) {
    PyObject* a[1];
    if (!unpack_args(rt, ArgsSpec{name, 0, 1, is_27(rt) ? ArgStyle::kGetArgs : clinic_style(rt)}, args, nargs, kwnames,
                     a))
        return nullptr;
    const std::u32string s = unicode_chars(rt, self);
    Piece r;
    if (is_none(rt, a[0])) {
        r = strip_range<char32_t>(s, kind, [](char32_t c) { return unicode_has(c, kUnicodeSpace); });
    } else {
        std::u32string chars;
        if (is_27(rt)) {
            if (!is_unicode(rt, a[0]) && !is_bytes(rt, a[0]))
                return err_format(rt, type_error(rt), "%s arg must be None, unicode or str", name);
            if (!coerce_27(rt, a[0], &chars)) return nullptr;
        } else {
            if (!is_unicode(rt, a[0])) return err_format(rt, type_error(rt), "%s arg must be None or str", name);
            chars = unicode_chars(rt, a[0]);
        }
        r = strip_range<char32_t>(s, kind, [&](char32_t c) { return chars.find(c) != std::u32string::npos; });
    }
    if (r.whole) return new_ref(rt, self);
    return unicode_substring(rt, self, s, r.begin, r.end);
}

// ---- padding --------------------------------------------------------------------------------------

bool fill_char(Runtime& rt, PyObject* o, const char* name, char32_t* out) {
    if (o == nullptr) return true;
    if (is_27(rt)) {
        std::u32string c;
        if (!is_unicode(rt, o) && !is_bytes(rt, o)) {
            err_set_string(rt, type_error(rt), "The fill character cannot be converted to Unicode");
            return false;
        }
        if (!coerce_27(rt, o, &c)) return false;
        if (c.size() != 1) {
            err_set_string(rt, type_error(rt), "The fill character must be exactly one character long");
            return false;
        }
        *out = c[0];
        return true;
    }
    if (!is_unicode(rt, o)) {
        err_format(rt, type_error(rt), "The fill character must be a unicode character, not %s",
                   type_name_of(o).c_str());
        return false;
    }
    if (unicode_length(o) != 1) {
        err_set_string(rt, type_error(rt), "The fill character must be exactly one character long");
        return false;
    }
    *out = unicode_read(rt, o, 0);
    (void)name;
    return true;
}

enum class PadKind { kCenter, kLjust, kRjust };

PyObject* pad_common(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                     const char* name, PadKind kind) {
    PyObject* a[2];
    if (!unpack_args(rt, ArgsSpec{name, 1, 2, is_27(rt) ? ArgStyle::kGetArgs : clinic_style(rt)}, args, nargs, kwnames,
                     a))
        return nullptr;
    int64_t width;
    if (!arg_as_ssize(rt, a[0], &width)) return nullptr;
    char32_t fill = U' ';
    if (!fill_char(rt, a[1], name, &fill)) return nullptr;
    const int64_t len = unicode_length(self);
    if (len >= width) return new_ref(rt, self);
    if (width > kMaxTextLength) return err_no_memory(rt);
    const int64_t marg = width - len;
    int64_t left = kind == PadKind::kCenter ? center_left(marg, width) : kind == PadKind::kLjust ? 0 : marg;
    return unicode_fresh(rt, pad<char32_t>(unicode_chars(rt, self), left, marg - left, fill));
}

}  // namespace

PyObject* unicode_strip(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return strip_common(rt, self, args, nargs, kw, "strip", kBothStrip);
}
PyObject* unicode_lstrip(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return strip_common(rt, self, args, nargs, kw, "lstrip", kLeftStrip);
}
PyObject* unicode_rstrip(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return strip_common(rt, self, args, nargs, kw, "rstrip", kRightStrip);
}
PyObject* unicode_center(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return pad_common(rt, self, args, nargs, kw, "center", PadKind::kCenter);
}
PyObject* unicode_ljust(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return pad_common(rt, self, args, nargs, kw, "ljust", PadKind::kLjust);
}
PyObject* unicode_rjust(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return pad_common(rt, self, args, nargs, kw, "rjust", PadKind::kRjust);
}

PyObject* unicode_zfill(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    const Profile& p = rt.profile();
    if (p.at_least(3, 7)) {
        if (!check_one_arg(rt, "str", "zfill", nargs, kw)) return nullptr;
    } else {
        PyObject* a[1];
        if (!unpack_args(rt, ArgsSpec{"zfill", 1, 1, ArgStyle::kGetArgs}, args, nargs, kw, a)) return nullptr;
    }
    int64_t width;
    if (!arg_as_ssize(rt, args[0], &width)) return nullptr;
    const int64_t len = unicode_length(self);
    if (len >= width) return new_ref(rt, self);
    if (width > kMaxTextLength) return err_no_memory(rt);
    return unicode_fresh(rt, zero_fill<char32_t>(unicode_chars(rt, self), width));
}

PyObject* unicode_expandtabs(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[1];
    const ArgsSpec spec = is_27(rt) ? ArgsSpec{"expandtabs", 0, 1, ArgStyle::kGetArgs}
                                    : ArgsSpec{"expandtabs", 0, 1, ArgStyle::kKeywords, {"tabsize"}};
    if (!unpack_args(rt, spec, args, nargs, kw, a)) return nullptr;
    int64_t tabsize = 8;
    if (a[0] != nullptr && !arg_as_ssize(rt, a[0], &tabsize, IntConv::kInt)) return nullptr;
    const std::u32string s = unicode_chars(rt, self);
    // 3.x hands back the string itself when it has no tab; 2.7 always copies.
    if (!is_27(rt) && s.find(U'\t') == std::u32string::npos) return new_ref(rt, self);
    return unicode_fresh(rt, expand_tabs<char32_t>(s, tabsize));
}

PyObject* unicode_replace(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    const Profile& p = rt.profile();
    PyObject* a[3];
    ArgsSpec spec{"replace", 2, 3, ArgStyle::kGetArgs};
    const std::string nokw = method_name(rt, "str", "replace", 3, 10);
    if (p.at_least(3, 13))
        spec = ArgsSpec{"replace", 2, 3, ArgStyle::kKeywords, {"", "", "count"}, 2};
    else if (p.at_least(3, 7))
        spec = ArgsSpec{"replace", 2, 3, ArgStyle::kPositional, {}, 0, nokw.c_str()};
    if (!unpack_args(rt, spec, args, nargs, kw, a)) return nullptr;
    std::u32string from, to;
    for (int k = 0; k < 2; ++k) {
        std::u32string& target = k == 0 ? from : to;
        if (is_27(rt)) {
            if (!coerce_27(rt, a[k], &target)) return nullptr;
        } else if (!is_unicode(rt, a[k])) {
            return err_format(rt, type_error(rt), "replace() argument %d must be str, not %s", k + 1,
                              type_name_of(a[k]).c_str());
        } else {
            target = unicode_chars(rt, a[k]);
        }
    }
    int64_t count = -1;
    if (a[2] != nullptr && !arg_as_ssize(rt, a[2], &count)) return nullptr;
    const std::u32string s = unicode_chars(rt, self);
    std::u32string out;
    // replace(): a string and its replacement that are one object change nothing.
    if (s.empty() && !from.empty()) return new_ref(rt, self);
    // Before 3.9 (bpo-28029) an explicit count left an empty string alone: "".replace("", "-", 2).
    if (s.empty() && count >= 0 && !p.at_least(3, 9)) return new_ref(rt, self);
    if (!is_27(rt) && a[0] == a[1]) return new_ref(rt, self);
    if (!replace_all<char32_t>(s, from, to, count, &out)) return new_ref(rt, self);
    if (static_cast<int64_t>(out.size()) > kMaxTextLength) return err_no_memory(rt);
    return unicode_fresh(rt, out);
}

PyObject* unicode_removeaffix(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw,
                              bool suffix) {
    const char* name = suffix ? "removesuffix" : "removeprefix";
    if (!check_one_arg(rt, "str", name, nargs, kw)) return nullptr;
    if (!is_unicode(rt, args[0]))
        return err_format(rt, type_error(rt), "%s() argument must be str, not %s", name, type_name_of(args[0]).c_str());
    const std::u32string s = unicode_chars(rt, self);
    const std::u32string affix = unicode_chars(rt, args[0]);
    if (affix.empty() || !tailmatch<char32_t>(s, affix, 0, static_cast<int64_t>(s.size()), suffix))
        return new_ref(rt, self);
    if (suffix) return unicode_substring(rt, self, s, 0, static_cast<int64_t>(s.size() - affix.size()));
    return unicode_substring(rt, self, s, static_cast<int64_t>(affix.size()), static_cast<int64_t>(s.size()));
}

PyObject* unicode_removeprefix(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return unicode_removeaffix(rt, self, args, nargs, kw, false);
}
PyObject* unicode_removesuffix(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return unicode_removeaffix(rt, self, args, nargs, kw, true);
}

PyObject* unicode_encode_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[2];
    if (!unpack_args(rt, ArgsSpec{"encode", 0, 2, ArgStyle::kKeywords, {"encoding", "errors"}}, args, nargs, kw, a))
        return nullptr;
    std::string names[2];
    if (!codec_names(rt, "encode", a, names)) return nullptr;
    return unicode_encode(rt, self, names[0], names[1]);
}

// 2.7's unicode.decode: the codec first encodes the unicode by the default encoding.
PyObject* unicode_decode_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    PyObject* a[2];
    if (!unpack_args(rt, ArgsSpec{"decode", 0, 2, ArgStyle::kKeywords, {"encoding", "errors"}}, args, nargs, kw, a))
        return nullptr;
    std::string names[2];
    for (int k = 0; k < 2; ++k)
        if (a[k] != nullptr) names[k] = str_as_utf8(rt, a[k]);
    PyObject* bytes = unicode_as_default_str_27(rt, self);
    if (bytes == nullptr) return nullptr;
    PyObject* r = unicode_decode(rt, bytes_view(rt, bytes), names[0], names[1], bytes);
    rt.decref(bytes);
    return r;
}

// str.translate(table): each character looked up in the table (LookupError keeps it); a
// result of None deletes it, an int or a str replaces it.
PyObject* unicode_translate(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!check_one_arg(rt, type_word(rt), "translate", nargs, kw)) return nullptr;
    PyObject* table = args[0];
    const std::u32string s = unicode_chars(rt, self);
    std::u32string out;
    for (char32_t c : s) {
        PyObject* key = long_from_int64(rt, c);
        if (key == nullptr) return err_no_memory(rt);
        PyObject* v = object_getitem(rt, table, key);
        rt.decref(key);
        if (v == nullptr) {
            if (!err_matches(rt, rt.builtins().exc.LookupError)) return nullptr;
            err_clear(rt);
            out.push_back(c);
            continue;
        }
        bool ok = true;
        if (v == rt.builtins().singletons.none) {
        } else if (long_check(v)) {
            bool overflow = false;
            const int64_t code = long_as_int64(rt, v, &overflow);
            if (overflow || code < 0 || code > 0x10ffff) {
                err_set_string(rt, rt.builtins().exc.ValueError,
                               is_27(rt) ? "character mapping must be in range(0x110000)"
                                         : "character mapping must be in range(0x110000)");
                ok = false;
            } else {
                out.push_back(static_cast<char32_t>(code));
            }
        } else if (is_unicode(rt, v)) {
            out += unicode_chars(rt, v);
        } else {
            err_set_string(rt, type_error(rt),
                           is_27(rt) ? "character mapping must return integer, None or unicode"
                                     : "character mapping must return integer, None or str");
            ok = false;
        }
        rt.decref(v);
        if (!ok) return nullptr;
    }
    return unicode_result(rt, out);
}

// str.maketrans(x[, y[, z]]) (a static method): the dict translate() reads.
PyObject* unicode_maketrans(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    // Called through the staticmethod, self is null; through an instance, self is that str.
    (void)self;
    PyObject* a[3];
    if (!unpack_args(rt, ArgsSpec{"maketrans", 1, 3, clinic_style(rt)}, args, nargs, kw, a)) return nullptr;
    PyObject* d = dict_new(rt);
    if (d == nullptr) return err_no_memory(rt);
    auto put = [&](uint32_t k, PyObject* value) {
        PyObject* key = long_from_int64(rt, k);
        const bool ok = key != nullptr && dict_setitem(rt, d, key, value);
        rt.xdecref(key);
        return ok;
    };
    auto fail = [&]() -> PyObject* {
        rt.decref(d);
        return nullptr;
    };
    if (a[1] == nullptr) {
        if (!object_type_check(a[0], rt.builtins().dict_type)) {
            err_set_string(rt, type_error(rt), "if you give only one argument to maketrans it must be a dict");
            return fail();
        }
        for (PyObject* key : dict_keys(rt, a[0])) {
            PyObject* value = dict_getitem(rt, a[0], key);
            if (is_unicode(rt, key)) {
                if (unicode_length(key) != 1) {
                    err_set_string(rt, rt.builtins().exc.ValueError,
                                   "string keys in translate table must be of length 1");
                    return fail();
                }
                if (!put(unicode_read(rt, key, 0), value)) return fail();
            } else if (long_check(key)) {
                if (!dict_setitem(rt, d, key, value)) return fail();
            } else {
                err_set_string(rt, type_error(rt), "keys in translate table must be strings or integers");
                return fail();
            }
        }
        return d;
    }
    for (int k = 0; k < 3; ++k)
        if (a[k] != nullptr && !is_unicode(rt, a[k])) {
            err_format(rt, type_error(rt), "maketrans() argument %d must be str, not %s", k + 1,
                       type_name_of(a[k]).c_str());
            return fail();
        }
    const std::u32string x = unicode_chars(rt, a[0]), y = unicode_chars(rt, a[1]);
    if (x.size() != y.size()) {
        err_set_string(rt, rt.builtins().exc.ValueError, "the first two maketrans arguments must have equal length");
        return fail();
    }
    for (size_t i = 0; i < x.size(); ++i) {
        PyObject* value = long_from_int64(rt, y[i]);
        const bool ok = value != nullptr && put(x[i], value);
        rt.xdecref(value);
        if (!ok) return fail();
    }
    if (a[2] != nullptr)
        for (char32_t c : unicode_chars(rt, a[2]))
            if (!put(c, rt.builtins().singletons.none)) return fail();
    return d;
}

PyObject* unicode_sizeof_method(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!check_no_args(rt, type_word(rt), "__sizeof__", nargs, kw)) return nullptr;
    return long_from_int64(rt, unicode_sizeof(rt, self));
}

PyObject* unicode_getnewargs(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kw) {
    if (!check_no_args(rt, type_word(rt), "__getnewargs__", nargs, kw)) return nullptr;
    PyObject* copy = unicode_fresh(rt, unicode_chars(rt, self));
    if (copy == nullptr) return nullptr;
    PyObject* t = tuple_new(rt, 1);
    if (t == nullptr) {
        rt.decref(copy);
        return err_no_memory(rt);
    }
    tuple_items(t)[0] = copy;
    return t;
}

// ---- the table ---------------------------------------------------------------------------------------

namespace {

// Which profiles have a method: from `since` (3.x), and whether 2.7's unicode has it.
struct MethodEntry {
    PyMethodDef def;
    int since_minor;  // first 3.x minor version with the method; 99: none
    bool in_27;
};

const MethodEntry kUnicodeMethodEntries[] = {
    {{"encode", unicode_encode_method, METH_VARARGS}, 0, true},
    {{"replace", unicode_replace, METH_VARARGS}, 0, true},
    {{"split", unicode_split, METH_VARARGS}, 0, true},
    {{"rsplit", unicode_rsplit, METH_VARARGS}, 0, true},
    {{"join", unicode_join, METH_VARARGS}, 0, true},
    {{"capitalize", unicode_capitalize, METH_VARARGS}, 0, true},
    {{"casefold", unicode_casefold, METH_VARARGS}, 3, false},
    {{"title", unicode_title, METH_VARARGS}, 0, true},
    {{"center", unicode_center, METH_VARARGS}, 0, true},
    {{"count", unicode_count, METH_VARARGS}, 0, true},
    {{"decode", unicode_decode_method, METH_VARARGS}, 99, true},
    {{"expandtabs", unicode_expandtabs, METH_VARARGS}, 0, true},
    {{"find", unicode_find, METH_VARARGS}, 0, true},
    {{"partition", unicode_partition, METH_VARARGS}, 0, true},
    {{"index", unicode_index, METH_VARARGS}, 0, true},
    {{"ljust", unicode_ljust, METH_VARARGS}, 0, true},
    {{"lower", unicode_lower, METH_VARARGS}, 0, true},
    {{"lstrip", unicode_lstrip, METH_VARARGS}, 0, true},
    {{"rfind", unicode_rfind, METH_VARARGS}, 0, true},
    {{"rindex", unicode_rindex, METH_VARARGS}, 0, true},
    {{"rjust", unicode_rjust, METH_VARARGS}, 0, true},
    {{"rstrip", unicode_rstrip, METH_VARARGS}, 0, true},
    {{"rpartition", unicode_rpartition, METH_VARARGS}, 0, true},
    {{"splitlines", unicode_splitlines, METH_VARARGS}, 0, true},
    {{"strip", unicode_strip, METH_VARARGS}, 0, true},
    {{"swapcase", unicode_swapcase, METH_VARARGS}, 0, true},
    {{"translate", unicode_translate, METH_VARARGS}, 0, true},
    {{"upper", unicode_upper, METH_VARARGS}, 0, true},
    {{"startswith", unicode_startswith, METH_VARARGS}, 0, true},
    {{"endswith", unicode_endswith, METH_VARARGS}, 0, true},
    {{"removeprefix", unicode_removeprefix, METH_VARARGS}, 9, false},
    {{"removesuffix", unicode_removesuffix, METH_VARARGS}, 9, false},
    {{"isascii", unicode_isascii, METH_VARARGS}, 7, false},
    {{"islower", unicode_islower, METH_VARARGS}, 0, true},
    {{"isupper", unicode_isupper, METH_VARARGS}, 0, true},
    {{"istitle", unicode_istitle, METH_VARARGS}, 0, true},
    {{"isspace", unicode_isspace, METH_VARARGS}, 0, true},
    {{"isdecimal", unicode_isdecimal, METH_VARARGS}, 0, true},
    {{"isdigit", unicode_isdigit, METH_VARARGS}, 0, true},
    {{"isnumeric", unicode_isnumeric, METH_VARARGS}, 0, true},
    {{"isalpha", unicode_isalpha, METH_VARARGS}, 0, true},
    {{"isalnum", unicode_isalnum, METH_VARARGS}, 0, true},
    {{"isidentifier", unicode_isidentifier, METH_VARARGS}, 0, false},
    {{"isprintable", unicode_isprintable, METH_VARARGS}, 0, false},
    {{"zfill", unicode_zfill, METH_VARARGS}, 0, true},
    {{"format", unicode_format_method, METH_VARARGS}, 0, true},
    {{"format_map", unicode_format_map, METH_VARARGS}, 0, false},
    {{"__format__", unicode_format_dunder, METH_VARARGS}, 0, true},
    {{"__sizeof__", unicode_sizeof_method, METH_VARARGS}, 0, true},
    {{"__getnewargs__", unicode_getnewargs, METH_VARARGS}, 0, true},
};

}  // namespace

const PyMethodDef* unicode_methods(const Profile& p) {
    // One table per profile, kept for the life of the process (type objects point into it).
    static std::map<const Profile*, std::vector<PyMethodDef>> tables;
    std::vector<PyMethodDef>& table = tables[&p];
    if (table.empty()) {
        for (const MethodEntry& e : kUnicodeMethodEntries)
            if (p.major == 2 ? e.in_27 : p.at_least(3, e.since_minor)) table.push_back(e.def);
        table.push_back({nullptr, nullptr, 0});
    }
    return table.data();
}

namespace {

const PyMethodDef kUnicodeMaketrans = {"maketrans", unicode_maketrans, METH_STATIC};
const PyMethodDef kBytesMaketrans = {"maketrans", bytes_maketrans, METH_STATIC};
const PyMethodDef kBytesFromhex = {"fromhex", bytes_fromhex, METH_CLASS};

// type.__dict__[name] = wrapper(builtin function): a staticmethod or classmethod object.
bool add_wrapped(Runtime& rt, PyTypeObject* type, const PyMethodDef* def, PyTypeObject* wrapper) {
    PyObject* f = cfunction_new(rt, def, nullptr);
    if (f == nullptr) return false;
    PyObject* w = object_call_one(rt, reinterpret_cast<PyObject*>(wrapper), f);
    rt.decref(f);
    if (w == nullptr) return false;
    PyObject* name = str_from_utf8(rt, def->ml_name);
    if (name != nullptr) str_intern_in_place(rt, &name);
    const bool ok = name != nullptr && dict_setitem(rt, type->tp_dict, name, w);
    rt.xdecref(name);
    rt.decref(w);
    return ok;
}

}  // namespace

void init_text_type_dicts(Runtime& rt) {
    Builtins& b = rt.builtins();
    if (is_27(rt)) return;  // 2.7 keeps maketrans in the string module
    add_wrapped(rt, b.unicode_type, &kUnicodeMaketrans, b.staticmethod_type);
    add_wrapped(rt, b.bytes_type, &kBytesMaketrans, b.staticmethod_type);
    add_wrapped(rt, b.bytes_type, &kBytesFromhex, b.classmethod_type);
}

}  // namespace pymemlab
