// The methods of bytes (Objects/bytesobject.c, Objects/bytes_methods.c, stringlib) and of 2.7's
// str (Objects/stringobject.c), over text_algo.h. Character classes are ASCII only
// (Py_ISSPACE, Py_ISALPHA, ...). 2.7's str hands the work to unicode's method when an argument
// is unicode, as PyUnicode_Split & co. do there.
#include <map>
#include <vector>

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
bool is_none(const Runtime& rt, const PyObject* o) { return o == nullptr || o == rt.builtins().singletons.none; }
ArgStyle clinic_style(const Runtime& rt) {
    return rt.profile().at_least(3, 7) ? ArgStyle::kPositional : ArgStyle::kGetArgs;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_alpha(char c) { return is_lower(c) || is_upper(c); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char to_lower(char c) { return is_upper(c) ? static_cast<char>(c + 32) : c; }
char to_upper(char c) { return is_lower(c) ? static_cast<char>(c - 32) : c; }

// 2.7: when any of the arguments is unicode, the str method is the unicode one on str(self).
PyObject* delegate_27(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw,
                      vectorcallfunc unicode_method, int checked, bool* delegated) {
    *delegated = false;
    if (!is_27(rt)) return nullptr;
    bool any = false;
    for (Py_ssize_t i = 0; i < nargs && i < checked; ++i) {
        PyObject* a = args[i];
        any = any || is_unicode(rt, a);
        if (Py_TYPE(a) == rt.builtins().tuple_type)
            for (int64_t k = 0; k < Py_SIZE(a); ++k) any = any || is_unicode(rt, tuple_items(a)[k]);
    }
    if (!any) return nullptr;
    *delegated = true;
    PyObject* u = unicode_from_object_27(rt, self);
    if (u == nullptr) return nullptr;
    PyObject* r = unicode_method(rt, u, args, nargs, kw);
    rt.decref(u);
    return r;
}

// A bytes-like argument (3.x bytes; 2.7 str) read into *out, else `message` with the type name.
bool bytes_arg(Runtime& rt, PyObject* o, std::string* out, const char* message) {
    if (!is_bytes(rt, o)) {
        err_format(rt, type_error(rt), message, type_name_of(o).c_str());
        return false;
    }
    *out = bytes_chars(rt, o);
    return true;
}

const char* buffer_message(const Runtime& rt) {
    return is_27(rt) ? "expected a string or other character buffer object"
                     : "a bytes-like object is required, not '%s'";
}

PyObject* piece_object(Runtime& rt, PyObject* self, std::string_view s, const Piece& p) {
    if (p.whole) return new_ref(rt, self);
    return bytes_result(rt, s.substr(static_cast<size_t>(p.begin), static_cast<size_t>(p.end - p.begin)));
}

// ---- searching ------------------------------------------------------------------------------------

enum class FindOp { kFind, kRFind, kIndex, kRIndex, kCount };

PyObject* find_common(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw,
                      const char* name, FindOp op) {
    static const vectorcallfunc kUnicode[] = {unicode_find, unicode_rfind, unicode_index, unicode_rindex,
                                              unicode_count};
    bool delegated;
    PyObject* r = delegate_27(rt, self, args, nargs, kw, kUnicode[static_cast<int>(op)], 1, &delegated);
    if (delegated) return r;
    const std::string nokw = method_name(rt, type_word(rt), name, 3, 11);
    PyObject* a[3];
    const ArgsSpec spec{name, 1, 3,           rt.profile().at_least(3, 13) ? ArgStyle::kPositional : ArgStyle::kGetArgs,
                        {},   0, nokw.c_str()};
    if (!unpack_args(rt, spec, args, nargs, kw, a)) return nullptr;
    int64_t start = 0, end = INT64_MAX;
    if (!slice_index(rt, a[1], &start) || !slice_index(rt, a[2], &end)) return nullptr;
    std::string sub;
    if (!is_27(rt) && (long_check(a[0]) || Py_TYPE(a[0])->tp_as_number.nb_index != nullptr)) {
        int64_t v;
        if (!arg_as_ssize(rt, a[0], &v)) return nullptr;
        if (v < 0 || v > 255) return err_set_string(rt, rt.builtins().exc.ValueError, "byte must be in range(0, 256)");
        sub.push_back(static_cast<char>(v));
    } else {
        const char* message = is_27(rt) ? buffer_message(rt)
                              : rt.profile().at_least(3, 8)
                                  ? "argument should be integer or bytes-like object, not '%s'"
                                  : "a bytes-like object is required, not '%s'";
        if (!bytes_arg(rt, a[0], &sub, message)) return nullptr;
    }
    const std::string_view s = bytes_view(rt, self);
    adjust_indices(&start, &end, static_cast<int64_t>(s.size()));
    int64_t found;
    switch (op) {
        case FindOp::kCount:
            return long_from_int64(rt, count_sub<char>(s, sub, start, end));
        case FindOp::kFind:
        case FindOp::kIndex:
            found = find_sub<char>(s, sub, start, end);
            break;
        default:
            found = rfind_sub<char>(s, sub, start, end);
            break;
    }
    if (found < 0 && (op == FindOp::kIndex || op == FindOp::kRIndex))
        return err_set_string(rt, rt.builtins().exc.ValueError, is_27(rt) ? "substring not found" : "subsection not found");
    return long_from_int64(rt, found);
}

PyObject* tailmatch_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw,
                           const char* name, bool at_end) {
    bool delegated;
    PyObject* r = delegate_27(rt, self, args, nargs, kw, at_end ? unicode_endswith : unicode_startswith, 1, &delegated);
    if (delegated) return r;
    const std::string nokw = method_name(rt, type_word(rt), name, 3, 11);
    PyObject* a[3];
    const ArgsSpec spec{name, 1, 3,           rt.profile().at_least(3, 13) ? ArgStyle::kPositional : ArgStyle::kGetArgs,
                        {},   0, nokw.c_str()};
    if (!unpack_args(rt, spec, args, nargs, kw, a)) return nullptr;
    int64_t start = 0, end = INT64_MAX;
    if (!slice_index(rt, a[1], &start) || !slice_index(rt, a[2], &end)) return nullptr;
    const std::string_view s = bytes_view(rt, self);
    adjust_indices(&start, &end, static_cast<int64_t>(s.size()));
    if (Py_TYPE(a[0]) == rt.builtins().tuple_type) {
        for (int64_t i = 0; i < Py_SIZE(a[0]); ++i) {
            PyObject* item = tuple_items(a[0])[i];
            if (!is_bytes(rt, item)) {
                if (is_27(rt))
                    return err_set_string(rt, type_error(rt), "expected a string or other character buffer object");
                return err_format(rt, type_error(rt), "tuple for %s must only contain bytes, not %s", name,
                                  type_name_of(item).c_str());
            }
            if (tailmatch<char>(s, bytes_view(rt, item), start, end, at_end)) return bool_from(rt, true);
        }
        return bool_from(rt, false);
    }
    if (!is_bytes(rt, a[0])) {
        if (is_27(rt))
            return err_format(rt, type_error(rt), "%s first arg must be str, unicode, or tuple, not %s", name,
                              type_name_of(a[0]).c_str());
        return err_format(rt, type_error(rt), "%s first arg must be bytes or a tuple of bytes, not %s", name,
                          type_name_of(a[0]).c_str());
    }
    return bool_from(rt, tailmatch<char>(s, bytes_view(rt, a[0]), start, end, at_end));
}

// ---- splitting ------------------------------------------------------------------------------------

PyObject* split_common(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw, bool right) {
    bool delegated;
    PyObject* r = delegate_27(rt, self, args, nargs, kw, right ? unicode_rsplit : unicode_split, 1, &delegated);
    if (delegated) return r;
    const char* name = right ? "rsplit" : "split";
    PyObject* a[2];
    const ArgsSpec spec = is_27(rt) ? ArgsSpec{name, 0, 2, ArgStyle::kGetArgs}
                                    : ArgsSpec{name, 0, 2, ArgStyle::kKeywords, {"sep", "maxsplit"}};
    if (!unpack_args(rt, spec, args, nargs, kw, a)) return nullptr;
    int64_t maxsplit = -1;
    if (a[1] != nullptr && !arg_as_ssize(rt, a[1], &maxsplit)) return nullptr;
    const bool whitespace = is_none(rt, a[0]);
    std::string sep;
    if (!whitespace && !bytes_arg(rt, a[0], &sep, buffer_message(rt))) return nullptr;
    if (!whitespace && sep.empty()) return err_set_string(rt, rt.builtins().exc.ValueError, "empty separator");
    const int64_t count = maxsplit < 0 ? INT64_MAX : maxsplit;
    const std::string_view s = bytes_view(rt, self);
    std::vector<Piece> pieces;
    if (whitespace)
        pieces = right ? rsplit_whitespace<char>(s, count, is_space) : split_whitespace<char>(s, count, is_space);
    else
        pieces = right ? rsplit_sep<char>(s, sep, count) : split_sep<char>(s, sep, count);
    PyObject* list = list_of_pieces(rt, pieces, prealloc_size(count), right,
                                    [&](const Piece& p) { return piece_object(rt, self, s, p); });
    return list != nullptr || err_occurred(rt) ? list : err_no_memory(rt);
}

PyObject* partition_common(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw,
                           bool right) {
    bool delegated;
    PyObject* r = delegate_27(rt, self, args, nargs, kw, right ? unicode_rpartition : unicode_partition, 1, &delegated);
    if (delegated) return r;
    if (!check_one_arg(rt, type_word(rt), right ? "rpartition" : "partition", nargs, kw)) return nullptr;
    std::string sep;
    if (!bytes_arg(rt, args[0], &sep, buffer_message(rt))) return nullptr;
    if (sep.empty()) return err_set_string(rt, rt.builtins().exc.ValueError, "empty separator");
    const std::string_view s = bytes_view(rt, self);
    PyObject* out = tuple_new(rt, 3);
    if (out == nullptr) return err_no_memory(rt);
    PyObject** items = tuple_items(out);
    const size_t pos = right ? s.rfind(sep) : s.find(sep);
    if (pos == std::string_view::npos) {
        items[right ? 2 : 0] = new_ref(rt, self);
        items[1] = bytes_result(rt, "");
        items[right ? 0 : 2] = bytes_result(rt, "");
    } else {
        items[0] = bytes_result(rt, s.substr(0, pos));
        items[1] = new_ref(rt, args[0]);
        items[2] = bytes_result(rt, s.substr(pos + sep.size()));
    }
    for (int i = 0; i < 3; ++i)
        if (items[i] == nullptr) {
            rt.decref(out);
            return nullptr;
        }
    return out;
}

PyObject* strip_common(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw,
                       const char* name, int kind) {
    static const vectorcallfunc kUnicode[] = {nullptr, unicode_lstrip, unicode_rstrip, unicode_strip};
    bool delegated;
    PyObject* r = delegate_27(rt, self, args, nargs, kw, kUnicode[kind], 1, &delegated);
    if (delegated) return r;
    PyObject* a[1];
    if (!unpack_args(rt, ArgsSpec{name, 0, 1, is_27(rt) ? ArgStyle::kGetArgs : clinic_style(rt)}, args, nargs, kw, a))
        return nullptr;
    const std::string_view s = bytes_view(rt, self);
    Piece p;
    if (is_none(rt, a[0])) {
        p = strip_range<char>(s, kind, is_space);
    } else {
        std::string chars;
        if (!is_bytes(rt, a[0])) {
            if (is_27(rt)) return err_format(rt, type_error(rt), "%s arg must be None, str or unicode", name);
            return err_format(rt, type_error(rt), "a bytes-like object is required, not '%s'",
                              type_name_of(a[0]).c_str());
        }
        chars = bytes_chars(rt, a[0]);
        p = strip_range<char>(s, kind, [&](char c) { return chars.find(c) != std::string::npos; });
    }
    if (p.whole) return new_ref(rt, self);
    return bytes_result(rt, s.substr(static_cast<size_t>(p.begin), static_cast<size_t>(p.end - p.begin)));
}

}  // namespace

#define BYTES_METHOD(name) \
    PyObject* name(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw)

namespace {

BYTES_METHOD(bytes_find) { return find_common(rt, self, args, nargs, kw, "find", FindOp::kFind); }
BYTES_METHOD(bytes_rfind) { return find_common(rt, self, args, nargs, kw, "rfind", FindOp::kRFind); }
BYTES_METHOD(bytes_index) { return find_common(rt, self, args, nargs, kw, "index", FindOp::kIndex); }
BYTES_METHOD(bytes_rindex) { return find_common(rt, self, args, nargs, kw, "rindex", FindOp::kRIndex); }
BYTES_METHOD(bytes_count) { return find_common(rt, self, args, nargs, kw, "count", FindOp::kCount); }
BYTES_METHOD(bytes_startswith) { return tailmatch_method(rt, self, args, nargs, kw, "startswith", false); }
BYTES_METHOD(bytes_endswith) { return tailmatch_method(rt, self, args, nargs, kw, "endswith", true); }
BYTES_METHOD(bytes_split) { return split_common(rt, self, args, nargs, kw, false); }
BYTES_METHOD(bytes_rsplit) { return split_common(rt, self, args, nargs, kw, true); }
BYTES_METHOD(bytes_partition) { return partition_common(rt, self, args, nargs, kw, false); }
BYTES_METHOD(bytes_rpartition) { return partition_common(rt, self, args, nargs, kw, true); }
BYTES_METHOD(bytes_strip) { return strip_common(rt, self, args, nargs, kw, "strip", kBothStrip); }
BYTES_METHOD(bytes_lstrip) { return strip_common(rt, self, args, nargs, kw, "lstrip", kLeftStrip); }
BYTES_METHOD(bytes_rstrip) { return strip_common(rt, self, args, nargs, kw, "rstrip", kRightStrip); }

BYTES_METHOD(bytes_splitlines) {
    PyObject* a[1];
    const ArgsSpec spec = is_27(rt) ? ArgsSpec{"splitlines", 0, 1, ArgStyle::kGetArgs}
                                    : ArgsSpec{"splitlines", 0, 1, ArgStyle::kKeywords, {"keepends"}};
    if (!unpack_args(rt, spec, args, nargs, kw, a)) return nullptr;
    bool keepends = false;
    if (a[0] != nullptr) {
        if (rt.profile().at_least(3, 13)) {
            const int t = object_is_true(rt, a[0]);
            if (t < 0) return nullptr;
            keepends = t != 0;
        } else {
            int64_t v;
            if (!arg_as_ssize(rt, a[0], &v, IntConv::kInt)) return nullptr;
            keepends = v != 0;
        }
    }
    const std::string_view s = bytes_view(rt, self);
    const std::vector<Piece> pieces = splitlines<char>(s, keepends, [](char c) { return c == '\n' || c == '\r'; });
    PyObject* list = list_of_pieces(rt, pieces, 0, false, [&](const Piece& p) { return piece_object(rt, self, s, p); });
    return list != nullptr || err_occurred(rt) ? list : err_no_memory(rt);
}

BYTES_METHOD(bytes_join) {
    if (!check_one_arg(rt, type_word(rt), "join", nargs, kw)) return nullptr;
    PyObject* list = nullptr;
    PyObject* seq = args[0];
    const Builtins& b = rt.builtins();
    if (Py_TYPE(seq) != b.list_type && Py_TYPE(seq) != b.tuple_type) {
        if ((list = sequence_list(rt, seq)) == nullptr) {
            if (err_matches(rt, b.exc.TypeError) && Py_TYPE(seq)->tp_iter == nullptr) {
                err_clear(rt);
                err_set_string(rt, b.exc.TypeError,
                               is_27(rt) ? "can only join an iterable" : "can only join an iterable");
            }
            return nullptr;
        }
        seq = list;
    }
    PyObject** items = Py_TYPE(seq) == b.list_type ? list_items(seq) : tuple_items(seq);
    const int64_t n = Py_SIZE(seq);
    PyObject* r = nullptr;
    bool has_unicode = false;
    for (int64_t i = 0; i < n; ++i) has_unicode = has_unicode || (is_27(rt) && is_unicode(rt, items[i]));
    if (has_unicode) {
        // 2.7: PyUnicode_Join(self, seq).
        PyObject* sep = unicode_from_object_27(rt, self);
        if (sep != nullptr) {
            r = unicode_join_items(rt, sep, items, n);
            rt.decref(sep);
        }
    } else if (n == 0) {
        r = bytes_result(rt, "");
    } else if (n == 1 && is_bytes(rt, items[0])) {
        r = new_ref(rt, items[0]);
    } else {
        const std::string_view sep = bytes_view(rt, self);
        std::string out;
        for (int64_t i = 0; i < n && r == nullptr; ++i) {
            if (!is_bytes(rt, items[i])) {
                if (is_27(rt))
                    err_format(rt, type_error(rt), "sequence item %lld: expected string, %s found",
                               static_cast<long long>(i), type_name_of(items[i]).c_str());
                else
                    err_format(rt, type_error(rt), "sequence item %lld: expected a bytes-like object, %s found",
                               static_cast<long long>(i), type_name_of(items[i]).c_str());
                break;
            }
            if (i > 0) out += sep;
            out += bytes_view(rt, items[i]);
        }
        if (!err_occurred(rt)) r = bytes_fresh(rt, out);
    }
    rt.xdecref(list);
    return r;
}

BYTES_METHOD(bytes_replace) {
    bool delegated;
    PyObject* r = delegate_27(rt, self, args, nargs, kw, unicode_replace, 2, &delegated);
    if (delegated) return r;
    const Profile& p = rt.profile();
    PyObject* a[3];
    ArgsSpec spec{"replace", 2, 3, ArgStyle::kGetArgs};
    if (p.at_least(3, 13))
        spec = ArgsSpec{"replace", 2, 3, ArgStyle::kKeywords, {"", "", "count"}, 2};
    else if (p.at_least(3, 7))
        spec = ArgsSpec{"replace", 2, 3, ArgStyle::kPositional};
    if (!unpack_args(rt, spec, args, nargs, kw, a)) return nullptr;
    std::string from, to;
    if (!bytes_arg(rt, a[0], &from, buffer_message(rt)) || !bytes_arg(rt, a[1], &to, buffer_message(rt)))
        return nullptr;
    int64_t count = -1;
    if (a[2] != nullptr && !arg_as_ssize(rt, a[2], &count)) return nullptr;
    const std::string_view s = bytes_view(rt, self);
    if (static_cast<int64_t>(s.size()) < static_cast<int64_t>(from.size())) return new_ref(rt, self);
    // Before 3.9 (bpo-28029) an explicit count left an empty object alone.
    if (s.empty() && count >= 0 && !p.at_least(3, 9)) return new_ref(rt, self);
    std::string out;
    if (!replace_all<char>(s, from, to, count, &out)) return new_ref(rt, self);
    if (static_cast<int64_t>(out.size()) > kMaxTextLength) return err_no_memory(rt);
    return bytes_fresh(rt, out);
}

// ---- padding ---------------------------------------------------------------------------------------

enum class PadKind { kCenter, kLjust, kRjust };

PyObject* pad_common(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw,
                     const char* name, PadKind kind) {
    PyObject* a[2];
    if (!unpack_args(rt, ArgsSpec{name, 1, 2, is_27(rt) ? ArgStyle::kGetArgs : clinic_style(rt)}, args, nargs, kw, a))
        return nullptr;
    int64_t width;
    if (!arg_as_ssize(rt, a[0], &width)) return nullptr;
    char fill = ' ';
    if (a[1] != nullptr) {
        if (!is_bytes(rt, a[1]) || bytes_size(a[1]) != 1) {
            if (is_27(rt))
                return err_format(rt, type_error(rt), "%s() argument 2 must be char, not %s", name,
                                  type_name_of(a[1]).c_str());
            return err_format(rt, type_error(rt), "%s() argument 2 must be a byte string of length 1, not %s", name,
                              type_name_of(a[1]).c_str());
        }
        fill = bytes_view(rt, a[1])[0];
    }
    const int64_t len = bytes_size(self);
    if (len >= width) return new_ref(rt, self);
    if (width > kMaxTextLength) return err_no_memory(rt);
    const int64_t marg = width - len;
    const int64_t left = kind == PadKind::kCenter ? center_left(marg, width) : kind == PadKind::kLjust ? 0 : marg;
    return bytes_fresh(rt, pad<char>(bytes_view(rt, self), left, marg - left, fill));
}

BYTES_METHOD(bytes_center) { return pad_common(rt, self, args, nargs, kw, "center", PadKind::kCenter); }
BYTES_METHOD(bytes_ljust) { return pad_common(rt, self, args, nargs, kw, "ljust", PadKind::kLjust); }
BYTES_METHOD(bytes_rjust) { return pad_common(rt, self, args, nargs, kw, "rjust", PadKind::kRjust); }

BYTES_METHOD(bytes_zfill) {
    if (rt.profile().at_least(3, 7)) {
        if (!check_one_arg(rt, "bytes", "zfill", nargs, kw)) return nullptr;
    } else {
        PyObject* a[1];
        if (!unpack_args(rt, ArgsSpec{"zfill", 1, 1, ArgStyle::kGetArgs}, args, nargs, kw, a)) return nullptr;
    }
    int64_t width;
    if (!arg_as_ssize(rt, args[0], &width)) return nullptr;
    const int64_t len = bytes_size(self);
    if (len >= width) return new_ref(rt, self);
    if (width > kMaxTextLength) return err_no_memory(rt);
    return bytes_fresh(rt, zero_fill<char>(bytes_view(rt, self), width));
}

BYTES_METHOD(bytes_expandtabs) {
    PyObject* a[1];
    const ArgsSpec spec = is_27(rt) ? ArgsSpec{"expandtabs", 0, 1, ArgStyle::kGetArgs}
                                    : ArgsSpec{"expandtabs", 0, 1, ArgStyle::kKeywords, {"tabsize"}};
    if (!unpack_args(rt, spec, args, nargs, kw, a)) return nullptr;
    int64_t tabsize = 8;
    if (a[0] != nullptr && !arg_as_ssize(rt, a[0], &tabsize, IntConv::kInt)) return nullptr;
    return bytes_fresh(rt, expand_tabs<char>(bytes_view(rt, self), tabsize));
}

// ---- case and predicates ------------------------------------------------------------------------------

enum class CaseOp { kLower, kUpper, kSwapcase, kCapitalize, kTitle };

PyObject* case_common(Runtime& rt, PyObject* self, Py_ssize_t nargs, PyObject* kw, const char* name, CaseOp op) {
    if (!check_no_args(rt, type_word(rt), name, nargs, kw)) return nullptr;
    std::string s = bytes_chars(rt, self);
    bool previous_is_cased = false;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        switch (op) {
            case CaseOp::kLower:
                s[i] = to_lower(c);
                break;
            case CaseOp::kUpper:
                s[i] = to_upper(c);
                break;
            case CaseOp::kSwapcase:
                s[i] = is_upper(c) ? to_lower(c) : to_upper(c);
                break;
            case CaseOp::kCapitalize:
                s[i] = i == 0 ? to_upper(c) : to_lower(c);
                break;
            case CaseOp::kTitle:
                s[i] = previous_is_cased ? to_lower(c) : to_upper(c);
                previous_is_cased = is_alpha(c);
                break;
        }
    }
    return bytes_fresh(rt, s);
}

BYTES_METHOD(bytes_lower) { return case_common(rt, self, nargs, kw, "lower", CaseOp::kLower); }
BYTES_METHOD(bytes_upper) { return case_common(rt, self, nargs, kw, "upper", CaseOp::kUpper); }
BYTES_METHOD(bytes_swapcase) { return case_common(rt, self, nargs, kw, "swapcase", CaseOp::kSwapcase); }
BYTES_METHOD(bytes_capitalize) { return case_common(rt, self, nargs, kw, "capitalize", CaseOp::kCapitalize); }
BYTES_METHOD(bytes_title) { return case_common(rt, self, nargs, kw, "title", CaseOp::kTitle); }

template <class Test>
PyObject* all_bytes(Runtime& rt, PyObject* self, Py_ssize_t nargs, PyObject* kw, const char* name, Test test,
                    bool empty = false) {
    if (!check_no_args(rt, type_word(rt), name, nargs, kw)) return nullptr;
    const std::string_view s = bytes_view(rt, self);
    if (s.empty()) return bool_from(rt, empty);
    for (char c : s)
        if (!test(c)) return bool_from(rt, false);
    return bool_from(rt, true);
}

BYTES_METHOD(bytes_isspace) { return all_bytes(rt, self, nargs, kw, "isspace", is_space); }
BYTES_METHOD(bytes_isalpha) { return all_bytes(rt, self, nargs, kw, "isalpha", is_alpha); }
BYTES_METHOD(bytes_isdigit) { return all_bytes(rt, self, nargs, kw, "isdigit", is_digit); }
BYTES_METHOD(bytes_isalnum) {
    return all_bytes(rt, self, nargs, kw, "isalnum", [](char c) { return is_alpha(c) || is_digit(c); });
}
BYTES_METHOD(bytes_isascii) {
    return all_bytes(
        rt, self, nargs, kw, "isascii", [](char c) { return static_cast<unsigned char>(c) < 0x80; }, true);
}

PyObject* cased_test(Runtime& rt, PyObject* self, Py_ssize_t nargs, PyObject* kw, const char* name, bool lower) {
    if (!check_no_args(rt, type_word(rt), name, nargs, kw)) return nullptr;
    bool cased = false;
    for (char c : bytes_view(rt, self)) {
        if (lower ? is_upper(c) : is_lower(c)) return bool_from(rt, false);
        cased = cased || (lower ? is_lower(c) : is_upper(c));
    }
    return bool_from(rt, cased);
}

BYTES_METHOD(bytes_islower) { return cased_test(rt, self, nargs, kw, "islower", true); }
BYTES_METHOD(bytes_isupper) { return cased_test(rt, self, nargs, kw, "isupper", false); }

BYTES_METHOD(bytes_istitle) {
    if (!check_no_args(rt, type_word(rt), "istitle", nargs, kw)) return nullptr;
    bool cased = false, previous_is_cased = false;
    for (char c : bytes_view(rt, self)) {
        if (is_upper(c)) {
            if (previous_is_cased) return bool_from(rt, false);
            previous_is_cased = cased = true;
        } else if (is_lower(c)) {
            if (!previous_is_cased) return bool_from(rt, false);
            previous_is_cased = cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    return bool_from(rt, cased);
}

}  // namespace

#undef BYTES_METHOD

// ---- the table ---------------------------------------------------------------------------------------

namespace {

// Which profiles have a method: from 3.x minor `since` (99: none), and whether 2.7's str has it.
struct MethodEntry {
    PyMethodDef def;
    int since_minor;
    bool in_27;
};

const MethodEntry kBytesMethodEntries[] = {
    {{"__getnewargs__", bytes_getnewargs, METH_VARARGS}, 0, true},
    {{"__bytes__", bytes_bytes_method, METH_VARARGS}, 11, false},
    {{"capitalize", bytes_capitalize, METH_VARARGS}, 0, true},
    {{"center", bytes_center, METH_VARARGS}, 0, true},
    {{"count", bytes_count, METH_VARARGS}, 0, true},
    {{"decode", bytes_decode_method, METH_VARARGS}, 0, true},
    {{"encode", bytes_encode_27, METH_VARARGS}, 99, true},
    {{"endswith", bytes_endswith, METH_VARARGS}, 0, true},
    {{"expandtabs", bytes_expandtabs, METH_VARARGS}, 0, true},
    {{"find", bytes_find, METH_VARARGS}, 0, true},
    {{"format", bytes_format_method_27, METH_VARARGS}, 99, true},
    {{"__format__", bytes_format_dunder_27, METH_VARARGS}, 99, true},
    {{"hex", bytes_hex, METH_VARARGS}, 5, false},
    {{"index", bytes_index, METH_VARARGS}, 0, true},
    {{"isalnum", bytes_isalnum, METH_VARARGS}, 0, true},
    {{"isalpha", bytes_isalpha, METH_VARARGS}, 0, true},
    {{"isascii", bytes_isascii, METH_VARARGS}, 7, false},
    {{"isdigit", bytes_isdigit, METH_VARARGS}, 0, true},
    {{"islower", bytes_islower, METH_VARARGS}, 0, true},
    {{"isspace", bytes_isspace, METH_VARARGS}, 0, true},
    {{"istitle", bytes_istitle, METH_VARARGS}, 0, true},
    {{"isupper", bytes_isupper, METH_VARARGS}, 0, true},
    {{"join", bytes_join, METH_VARARGS}, 0, true},
    {{"ljust", bytes_ljust, METH_VARARGS}, 0, true},
    {{"lower", bytes_lower, METH_VARARGS}, 0, true},
    {{"lstrip", bytes_lstrip, METH_VARARGS}, 0, true},
    {{"partition", bytes_partition, METH_VARARGS}, 0, true},
    {{"replace", bytes_replace, METH_VARARGS}, 0, true},
    {{"removeprefix", bytes_removeprefix, METH_VARARGS}, 9, false},
    {{"removesuffix", bytes_removesuffix, METH_VARARGS}, 9, false},
    {{"rfind", bytes_rfind, METH_VARARGS}, 0, true},
    {{"rindex", bytes_rindex, METH_VARARGS}, 0, true},
    {{"rjust", bytes_rjust, METH_VARARGS}, 0, true},
    {{"rpartition", bytes_rpartition, METH_VARARGS}, 0, true},
    {{"rsplit", bytes_rsplit, METH_VARARGS}, 0, true},
    {{"rstrip", bytes_rstrip, METH_VARARGS}, 0, true},
    {{"split", bytes_split, METH_VARARGS}, 0, true},
    {{"splitlines", bytes_splitlines, METH_VARARGS}, 0, true},
    {{"startswith", bytes_startswith, METH_VARARGS}, 0, true},
    {{"strip", bytes_strip, METH_VARARGS}, 0, true},
    {{"swapcase", bytes_swapcase, METH_VARARGS}, 0, true},
    {{"title", bytes_title, METH_VARARGS}, 0, true},
    {{"translate", bytes_translate, METH_VARARGS}, 0, true},
    {{"upper", bytes_upper, METH_VARARGS}, 0, true},
    {{"zfill", bytes_zfill, METH_VARARGS}, 0, true},
    {{"__sizeof__", bytes_sizeof_method, METH_VARARGS}, 0, true},
};

}  // namespace

const PyMethodDef* bytes_methods(const Profile& p) {
    static std::map<const Profile*, std::vector<PyMethodDef>> tables;
    std::vector<PyMethodDef>& table = tables[&p];
    if (table.empty()) {
        for (const MethodEntry& e : kBytesMethodEntries)
            if (p.major == 2 ? e.in_27 : p.at_least(3, e.since_minor)) table.push_back(e.def);
        table.push_back({nullptr, nullptr, 0});
    }
    return table.data();
}

}  // namespace pymemlab
