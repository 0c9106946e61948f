// str's searching and splitting methods (Objects/unicodeobject.c over stringlib): find, rfind,
// index, rindex, count, startswith, endswith, split, rsplit, splitlines, partition,
// rpartition, join. 2.7's unicode coerces str arguments (unicode_from_object_27). Pieces that
// are the whole string are the string itself, as stringlib's CHECK_EXACT shortcuts make them.
#include "object/abstract.h"
#include "object/codecs.h"
#include "object/errors.h"
#include "object/long_object.h"
#include "object/singletons.h"
#include "object/text_args.h"
#include "object/text_internal.h"
#include "object/tuple_object.h"
#include "object/unicode_ctype.h"

namespace pymemlab {

using namespace text;

namespace {

PyTypeObject* type_error(Runtime& rt) { return rt.builtins().exc.TypeError; }
const char* type_word(const Runtime& rt) { return is_27(rt) ? "unicode" : "str"; }

// A text argument: 3.x needs a str (else `message` with the type's name); 2.7 coerces a str.
bool text_arg(Runtime& rt, PyObject* o, std::u32string* out, const char* message) {
    if (is_27(rt)) {
        PyObject* u = unicode_from_object_27(rt, o);
        if (u == nullptr) return false;
        *out = unicode_chars(rt, u);
        rt.decref(u);
        return true;
    }
    if (!is_unicode(rt, o)) {
        err_format(rt, type_error(rt), message, type_name_of(o).c_str());
        return false;
    }
    *out = unicode_chars(rt, o);
    return true;
}

// find, rfind, index, rindex and count parse (sub[, start[, end]]) with getargs up to 3.12,
// Argument Clinic from 3.13; keywords are refused with the qualified name from 3.11.
ArgsSpec search_spec(const Runtime& rt, const char* name, const std::string& nokw) {
    const bool clinic = rt.profile().at_least(3, 13);
    return ArgsSpec{name, 1, 3, clinic ? ArgStyle::kPositional : ArgStyle::kGetArgs, {}, 0, nokw.c_str()};
}

bool search_args(Runtime& rt, const char* name, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                 PyObject** a, int64_t* start, int64_t* end) {
    const std::string nokw = method_name(rt, type_word(rt), name, 3, 11);
    if (!unpack_args(rt, search_spec(rt, name, nokw), args, nargs, kwnames, a)) return false;
    *start = 0;
    *end = INT64_MAX;
    return slice_index(rt, a[1], start) && slice_index(rt, a[2], end);
}

enum class FindOp { kFind, kRFind, kIndex, kRIndex, kCount };

PyObject* find_common(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                      const char* name, FindOp op) {
    PyObject* a[3];
    int64_t start, end;
    if (!search_args(rt, name, args, nargs, kwnames, a, &start, &end)) return nullptr;
    std::u32string sub;
    const std::string message = rt.profile().at_least(3, 13) ? std::string(name) + "() argument 1 must be str, not %s"
                                                             : std::string("must be str, not %s");
    if (!text_arg(rt, a[0], &sub, message.c_str())) return nullptr;
    const std::u32string s = unicode_chars(rt, self);
    adjust_indices(&start, &end, static_cast<int64_t>(s.size()));
    int64_t r;
    switch (op) {
        case FindOp::kCount:
            return long_from_int64(rt, count_sub<char32_t>(s, sub, start, end));
        case FindOp::kFind:
        case FindOp::kIndex:
            r = find_sub<char32_t>(s, sub, start, end);
            break;
        default:
            r = rfind_sub<char32_t>(s, sub, start, end);
            break;
    }
    if (r < 0 && (op == FindOp::kIndex || op == FindOp::kRIndex))
        return err_set_string(rt, rt.builtins().exc.ValueError, "substring not found");
    return long_from_int64(rt, r);
}

PyObject* tailmatch_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                           const char* name, bool at_end) {
    PyObject* a[3];
    int64_t start, end;
    if (!search_args(rt, name, args, nargs, kwnames, a, &start, &end)) return nullptr;
    const std::u32string s = unicode_chars(rt, self);
    adjust_indices(&start, &end, static_cast<int64_t>(s.size()));
    auto bad_arg = [&](PyObject* o) {
        if (is_27(rt))
            return err_format(rt, type_error(rt), "%s first arg must be str, unicode, or tuple, not %s", name,
                              type_name_of(o).c_str());
        return err_format(rt, type_error(rt), "%s first arg must be str or a tuple of str, not %s", name,
                          type_name_of(o).c_str());
    };
    auto one = [&](PyObject* candidate, bool* match) {
        std::u32string sub;
        if (is_27(rt)) {
            if (!is_unicode(rt, candidate) && !is_bytes(rt, candidate)) {
                bad_arg(candidate);
                return false;
            }
            if (!text_arg(rt, candidate, &sub, "")) return false;
        } else {
            sub = unicode_chars(rt, candidate);
        }
        // 2.7's unicode tailmatch accepts an empty candidate before checking the range.
        *match = (is_27(rt) && sub.empty()) || tailmatch<char32_t>(s, sub, start, end, at_end);
        return true;
    };
    PyObject* prefix = a[0];
    if (Py_TYPE(prefix) == rt.builtins().tuple_type) {
        for (int64_t i = 0; i < Py_SIZE(prefix); ++i) {
            PyObject* item = tuple_items(prefix)[i];
            if (!is_27(rt) && !is_unicode(rt, item))
                return err_format(rt, type_error(rt), "tuple for %s must only contain str, not %s", name,
                                  type_name_of(item).c_str());
            bool match = false;
            if (!one(item, &match)) return nullptr;
            if (match) return bool_from(rt, true);
        }
        return bool_from(rt, false);
    }
    if (!is_27(rt) && !is_unicode(rt, prefix)) return bad_arg(prefix);
    bool match = false;
    if (!one(prefix, &match)) return nullptr;
    return bool_from(rt, match);
}

// ---- split ----------------------------------------------------------------------------------------

PyObject* piece_object(Runtime& rt, PyObject* self, const std::u32string& s, const Piece& p) {
    if (p.whole) return new_ref(rt, self);
    return unicode_substring(rt, self, s, p.begin, p.end);
}

PyObject* split_common(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                       bool right) {
    const char* name = right ? "rsplit" : "split";
    PyObject* a[2];
    const ArgsSpec spec = is_27(rt) ? ArgsSpec{name, 0, 2, ArgStyle::kGetArgs}
                                    : ArgsSpec{name, 0, 2, ArgStyle::kKeywords, {"sep", "maxsplit"}};
    if (!unpack_args(rt, spec, args, nargs, kwnames, a)) return nullptr;
    int64_t maxsplit = -1;
    if (a[1] != nullptr && !arg_as_ssize(rt, a[1], &maxsplit)) return nullptr;
    const bool whitespace = a[0] == nullptr || a[0] == rt.builtins().singletons.none;
    std::u32string sep;
    if (!whitespace && !text_arg(rt, a[0], &sep, "must be str or None, not %s")) return nullptr;
    if (!whitespace && sep.empty()) return err_set_string(rt, rt.builtins().exc.ValueError, "empty separator");
    const std::u32string s = unicode_chars(rt, self);
    const auto len = static_cast<int64_t>(s.size());
    if (!whitespace && !is_27(rt) && len < static_cast<int64_t>(sep.size())) {
        // split()'s shortcut: a subject shorter than the separator is the one item.
        PyObject* list = list_new(rt, 1);
        if (list == nullptr) return err_no_memory(rt);
        list_items(list)[0] = new_ref(rt, self);
        return list;
    }
    int64_t maxcount = maxsplit;
    if (maxcount < 0) {
        // 3.12 sizes the first list by what the subject can hold at most.
        if (rt.profile().at_least(3, 12))
            maxcount = whitespace ? (len - 1) / 2 + 1 : len / static_cast<int64_t>(sep.size()) + 1;
        else
            maxcount = INT64_MAX;
    }
    auto space = [](char32_t c) { return unicode_has(c, kUnicodeSpace); };
    std::vector<Piece> pieces;
    if (whitespace)
        pieces = right ? rsplit_whitespace<char32_t>(s, maxsplit < 0 ? INT64_MAX : maxsplit, space)
                       : split_whitespace<char32_t>(s, maxsplit < 0 ? INT64_MAX : maxsplit, space);
    else
        pieces = right ? rsplit_sep<char32_t>(s, sep, maxsplit < 0 ? INT64_MAX : maxsplit)
                       : split_sep<char32_t>(s, sep, maxsplit < 0 ? INT64_MAX : maxsplit);
    PyObject* list = list_of_pieces(rt, pieces, prealloc_size(maxcount), right,
                                    [&](const Piece& p) { return piece_object(rt, self, s, p); });
    return list != nullptr || err_occurred(rt) ? list : err_no_memory(rt);
}

PyObject* partition_common(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                           bool right) {
    const char* name = right ? "rpartition" : "partition";
    if (!check_one_arg(rt, type_word(rt), name, nargs, kwnames)) return nullptr;
    PyObject* sep_obj = args[0];
    std::u32string sep;
    if (!text_arg(rt, sep_obj, &sep, "must be str, not %s")) return nullptr;
    if (sep.empty()) return err_set_string(rt, rt.builtins().exc.ValueError, "empty separator");
    const std::u32string s = unicode_chars(rt, self);
    PyObject* out = tuple_new(rt, 3);
    if (out == nullptr) return err_no_memory(rt);
    PyObject** items = tuple_items(out);
    const size_t pos = right ? s.rfind(sep) : s.find(sep);
    if (pos == std::u32string::npos) {
        items[right ? 2 : 0] = new_ref(rt, self);
        items[1] = unicode_empty(rt);
        items[right ? 0 : 2] = unicode_empty(rt);
        return out;
    }
    // The separator in the result is the argument itself (a coerced copy in 2.7).
    items[0] = unicode_substring(rt, self, s, 0, static_cast<int64_t>(pos));
    items[1] = is_unicode(rt, sep_obj) ? new_ref(rt, sep_obj) : unicode_result(rt, sep);
    items[2] = unicode_substring(rt, self, s, static_cast<int64_t>(pos + sep.size()), static_cast<int64_t>(s.size()));
    for (int i = 0; i < 3; ++i)
        if (items[i] == nullptr) {
            rt.decref(out);
            return nullptr;
        }
    return out;
}

}  // namespace

PyObject* unicode_find(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return find_common(rt, self, args, nargs, kw, "find", FindOp::kFind);
}
PyObject* unicode_rfind(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return find_common(rt, self, args, nargs, kw, "rfind", FindOp::kRFind);
}
PyObject* unicode_index(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return find_common(rt, self, args, nargs, kw, "index", FindOp::kIndex);
}
PyObject* unicode_rindex(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return find_common(rt, self, args, nargs, kw, "rindex", FindOp::kRIndex);
}
PyObject* unicode_count(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return find_common(rt, self, args, nargs, kw, "count", FindOp::kCount);
}
PyObject* unicode_startswith(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return tailmatch_method(rt, self, args, nargs, kw, "startswith", false);
}
PyObject* unicode_endswith(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return tailmatch_method(rt, self, args, nargs, kw, "endswith", true);
}
PyObject* unicode_split(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return split_common(rt, self, args, nargs, kw, false);
}
PyObject* unicode_rsplit(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return split_common(rt, self, args, nargs, kw, true);
}
PyObject* unicode_partition(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return partition_common(rt, self, args, nargs, kw, false);
}
PyObject* unicode_rpartition(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    return partition_common(rt, self, args, nargs, kw, true);
}

PyObject* unicode_splitlines(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    const Profile& p = rt.profile();
    PyObject* a[1];
    const ArgsSpec spec = is_27(rt) ? ArgsSpec{"splitlines", 0, 1, ArgStyle::kGetArgs}
                                    : ArgsSpec{"splitlines", 0, 1, ArgStyle::kKeywords, {"keepends"}};
    if (!unpack_args(rt, spec, args, nargs, kw, a)) return nullptr;
    bool keepends = false;
    if (a[0] != nullptr) {
        if (p.at_least(3, 13)) {
            // The bool converter (3.13): any object's truth.
            const int t = object_is_true(rt, a[0]);
            if (t < 0) return nullptr;
            keepends = t != 0;
        } else {
            int64_t v;
            if (!arg_as_ssize(rt, a[0], &v, IntConv::kInt)) return nullptr;
            keepends = v != 0;
        }
    }
    const std::u32string s = unicode_chars(rt, self);
    const std::vector<Piece> pieces =
        splitlines<char32_t>(s, keepends, [](char32_t c) { return unicode_has(c, kUnicodeLinebreak); });
    PyObject* list =
        list_of_pieces(rt, pieces, 0, false, [&](const Piece& pc) { return piece_object(rt, self, s, pc); });
    return list != nullptr || err_occurred(rt) ? list : err_no_memory(rt);
}

// PyUnicode_Join / _PyUnicode_JoinArray over the items of any iterable (lists and tuples
// directly, anything else through a list first, as PySequence_Fast does).
PyObject* unicode_join_items(Runtime& rt, PyObject* sep, PyObject* const* items, int64_t n) {
    if (n == 0) return unicode_empty(rt);
    if (n == 1 && is_unicode(rt, items[0])) return new_ref(rt, items[0]);
    const std::u32string separator = sep != nullptr ? unicode_chars(rt, sep) : std::u32string();
    std::u32string out;
    for (int64_t i = 0; i < n; ++i) {
        PyObject* item = items[i];
        if (i > 0) out += separator;
        if (is_unicode(rt, item)) {
            out += unicode_chars(rt, item);
        } else if (is_27(rt) && is_bytes(rt, item)) {
            std::u32string piece;
            if (!text_arg(rt, item, &piece, "")) return nullptr;
            out += piece;
        } else if (is_27(rt)) {
            return err_format(rt, type_error(rt), "sequence item %lld: expected string or Unicode, %s found",
                              static_cast<long long>(i), type_name_of(item).c_str());
        } else {
            return err_format(rt, type_error(rt), "sequence item %lld: expected str instance, %s found",
                              static_cast<long long>(i), type_name_of(item).c_str());
        }
        if (static_cast<int64_t>(out.size()) > kMaxTextLength) return err_no_memory(rt);
    }
    return unicode_fresh(rt, out);
}

PyObject* unicode_join(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw) {
    if (!check_one_arg(rt, type_word(rt), "join", nargs, kw)) return nullptr;
    PyObject* iterable = args[0];
    PyTypeObject* t = Py_TYPE(iterable);
    const Builtins& b = rt.builtins();
    if (t == b.list_type || t == b.tuple_type) {
        PyObject** items = t == b.list_type ? list_items(iterable) : tuple_items(iterable);
        return unicode_join_items(rt, self, items, Py_SIZE(iterable));
    }
    PyObject* list = sequence_list(rt, iterable);
    if (list == nullptr) {
        if (err_matches(rt, b.exc.TypeError) && t->tp_iter == nullptr) {
            err_clear(rt);
            err_set_string(rt, b.exc.TypeError, "can only join an iterable");
        }
        return nullptr;
    }
    PyObject* r = unicode_join_items(rt, self, list_items(list), Py_SIZE(list));
    rt.decref(list);
    return r;
}

PyObject* unicode_join_array(Runtime& rt, PyObject* const* items, int64_t n) {
    return unicode_join_items(rt, nullptr, items, n);
}

}  // namespace pymemlab
