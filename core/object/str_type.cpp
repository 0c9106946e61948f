// The unicode type's slots (Objects/unicodeobject.c; 2.7's unicode): repr, comparison, hash,
// the sequence protocol (len, +, *, in, indexing and slicing with the one-character cache),
// % (str_percent.cpp), iteration (str_iterator.cpp) and str() / unicode() construction.
// The methods are str_methods.cpp and str_case.cpp; the layout is str_object.cpp.
#include <algorithm>
#include <cstdio>

#include "object/abstract.h"
#include "object/codecs.h"
#include "object/errors.h"
#include "object/long_object.h"
#include "object/singletons.h"
#include "object/text_args.h"
#include "object/text_internal.h"
#include "object/unicode_ctype.h"

namespace pymemlab {

using namespace text;

namespace {

PyTypeObject* type_error(Runtime& rt) { return rt.builtins().exc.TypeError; }
PyObject* not_implemented(Runtime& rt) { return new_ref(rt, rt.builtins().singletons.not_implemented); }

// ---- repr -----------------------------------------------------------------------------------------

// unicode_repr (3.x): printable characters as they are, others escaped; 2.7's unicode_repr:
// u'...' with everything past '~' escaped.
PyObject* unicode_repr(Runtime& rt, PyObject* self) {
    const std::u32string chars = unicode_chars(rt, self);
    const bool py2 = is_27(rt);
    const bool has_single = chars.find(U'\'') != std::u32string::npos;
    const bool has_double = chars.find(U'"') != std::u32string::npos;
    const char32_t quote = has_single && !has_double ? U'"' : U'\'';
    std::u32string out = py2 ? U"u" : U"";
    out.push_back(quote);
    char buffer[16];
    for (char32_t c : chars) {
        if (c == quote || c == U'\\') {
            out.push_back(U'\\');
            out.push_back(c);
            continue;
        }
        if (c == U'\t' || c == U'\n' || c == U'\r') {
            out.push_back(U'\\');
            out.push_back(c == U'\t' ? U't' : c == U'\n' ? U'n' : U'r');
            continue;
        }
        const bool plain = c >= U' ' && c < 0x7f;
        if (plain || (!py2 && c > 0x7f && unicode_has(c, kUnicodePrintable))) {
            out.push_back(c);
            continue;
        }
        if (c <= 0xff)
            std::snprintf(buffer, sizeof buffer, "\\x%02x", static_cast<unsigned>(c));
        else if (c <= 0xffff)
            std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
        else
            std::snprintf(buffer, sizeof buffer, "\\U%08x", static_cast<unsigned>(c));
        for (const char* p = buffer; *p; ++p) out.push_back(static_cast<unsigned char>(*p));
    }
    out.push_back(quote);
    // 2.7's repr of a unicode is a str.
    if (py2) {
        std::string narrow(out.begin(), out.end());
        return bytes_fresh(rt, narrow);
    }
    return unicode_fresh(rt, out);
}

// 3.x str(s) is s; 2.7's str(u) encodes with the default encoding.
PyObject* unicode_str(Runtime& rt, PyObject* self) {
    if (is_27(rt)) return unicode_as_default_str_27(rt, self);
    return new_ref(rt, self);
}

// ---- comparison and hashing ------------------------------------------------------------------------

// unicode_compare: code point by code point, then by length; no copies (sorting calls it often).
int compare_objects(const Runtime& rt, const PyObject* a, const PyObject* b) {
    const int64_t la = unicode_length(a), lb = unicode_length(b);
    const int64_t n = la < lb ? la : lb;
    for (int64_t i = 0; i < n; ++i) {
        const uint32_t x = unicode_read(rt, a, i), y = unicode_read(rt, b, i);
        if (x != y) return x < y ? -1 : 1;
    }
    return la < lb ? -1 : la > lb ? 1 : 0;
}

PyObject* compare_result(Runtime& rt, int c, int op) {
    bool r = false;
    switch (op) {
        case Py_LT:
            r = c < 0;
            break;
        case Py_LE:
            r = c <= 0;
            break;
        case Py_EQ:
            r = c == 0;
            break;
        case Py_NE:
            r = c != 0;
            break;
        case Py_GT:
            r = c > 0;
            break;
        case Py_GE:
            r = c >= 0;
            break;
    }
    return bool_from(rt, r);
}

PyObject* unicode_richcompare(Runtime& rt, PyObject* a, PyObject* b, int op) {
    if (is_27(rt) && (!is_unicode(rt, a) || !is_unicode(rt, b))) {
        // PyUnicode_RichCompare coerces a str by the default encoding.
        if (!(is_unicode(rt, a) || is_bytes(rt, a)) || !(is_unicode(rt, b) || is_bytes(rt, b)))
            return not_implemented(rt);
        PyObject* ua = unicode_from_object_27(rt, a);
        PyObject* ub = ua != nullptr ? unicode_from_object_27(rt, b) : nullptr;
        if (ub == nullptr) {
            rt.xdecref(ua);
            if ((op == Py_EQ || op == Py_NE) && err_matches(rt, rt.builtins().exc.UnicodeError)) {
                // A UnicodeWarning in CPython; the comparison says "unequal".
                err_clear(rt);
                return bool_from(rt, op == Py_NE);
            }
            return nullptr;
        }
        PyObject* r = compare_result(rt, compare_objects(rt, ua, ub), op);
        rt.decref(ua);
        rt.decref(ub);
        return r;
    }
    if (!is_unicode(rt, a) || !is_unicode(rt, b)) return not_implemented(rt);
    if (a == b) return compare_result(rt, 0, op);
    if (op == Py_EQ || op == Py_NE) return bool_from(rt, unicode_equal(rt, a, b) == (op == Py_EQ));
    return compare_result(rt, compare_objects(rt, a, b), op);
}

Py_hash_t unicode_tp_hash(Runtime& rt, PyObject* self) { return unicode_hash(rt, self); }

// ---- the sequence protocol ---------------------------------------------------------------------------

Py_ssize_t unicode_sq_length(Runtime&, PyObject* self) { return unicode_length(self); }

// PyUnicode_Concat: '' + s and s + '' are s itself.
PyObject* unicode_sq_concat(Runtime& rt, PyObject* a, PyObject* b) {
    PyObject* left = a;
    PyObject* right = b;
    if (is_27(rt)) {
        if ((left = unicode_from_object_27(rt, a)) == nullptr) return nullptr;
        if ((right = unicode_from_object_27(rt, b)) == nullptr) {
            rt.decref(left);
            return nullptr;
        }
    } else if (!is_unicode(rt, b)) {
        if (rt.profile().at_least(3, 7))
            return err_format(rt, type_error(rt), "can only concatenate str (not \"%s\") to str",
                              type_name_of(b).c_str());
        return err_format(rt, type_error(rt), "must be str, not %s", type_name_of(b).c_str());
    }
    PyObject* r;
    if (unicode_length(left) == 0)
        r = new_ref(rt, right);
    else if (unicode_length(right) == 0)
        r = new_ref(rt, left);
    else
        r = unicode_fresh(rt, unicode_chars(rt, left) + unicode_chars(rt, right));
    if (is_27(rt)) {
        rt.decref(left);
        rt.decref(right);
    }
    return r;
}

PyObject* unicode_sq_repeat(Runtime& rt, PyObject* self, Py_ssize_t n) {
    if (n < 1) return unicode_empty(rt);
    if (n == 1) return new_ref(rt, self);
    const int64_t len = unicode_length(self);
    if (len > INT64_MAX / n) return err_set_string(rt, rt.builtins().exc.OverflowError, "repeated string is too long");
    if (len * n > kMaxTextLength) return err_no_memory(rt);
    const std::u32string chars = unicode_chars(rt, self);
    std::u32string out;
    out.reserve(static_cast<size_t>(len * n));
    for (Py_ssize_t i = 0; i < n; ++i) out += chars;
    return unicode_fresh(rt, out);
}

int unicode_sq_contains(Runtime& rt, PyObject* self, PyObject* item) {
    PyObject* sub = item;
    PyObject* container = self;
    if (is_27(rt)) {
        if ((sub = unicode_from_object_27(rt, item)) == nullptr) return -1;
        if ((container = unicode_from_object_27(rt, self)) == nullptr) {
            rt.decref(sub);
            return -1;
        }
    } else if (!is_unicode(rt, item)) {
        err_format(rt, type_error(rt), "'in <string>' requires string as left operand, not %s",
                   type_name_of(item).c_str());
        return -1;
    }
    const bool found = unicode_chars(rt, container).find(unicode_chars(rt, sub)) != std::u32string::npos;
    if (is_27(rt)) {
        rt.decref(sub);
        rt.decref(container);
    }
    return found ? 1 : 0;
}

PyObject* index_type_error(Runtime& rt, PyObject* key) {
    const Profile& p = rt.profile();
    if (p.at_least(3, 11))
        return err_format(rt, type_error(rt), "string indices must be integers, not '%s'", type_name_of(key).c_str());
    return err_set_string(rt, type_error(rt), "string indices must be integers");
}

// unicode_subscript: s[i] is a cached character for U+0000-U+00FF; s[a:b] a substring (the
// string itself when it is all of it); extended slices a new string.
PyObject* unicode_mp_subscript(Runtime& rt, PyObject* self, PyObject* key) {
    const int64_t len = unicode_length(self);
    if (Py_TYPE(key) == rt.builtins().slice_type) {
        int64_t start, stop, step, slicelength;
        if (!slice_indices(rt, key, len, &start, &stop, &step, &slicelength)) return nullptr;
        if (slicelength <= 0) return unicode_empty(rt);
        if (start == 0 && step == 1 && slicelength == len) return new_ref(rt, self);
        const std::u32string chars = unicode_chars(rt, self);
        if (step == 1) return unicode_result(rt, std::u32string_view(chars).substr(start, slicelength));
        std::u32string out;
        for (int64_t i = 0, at = start; i < slicelength; ++i, at += step) out.push_back(chars[at]);
        return unicode_result(rt, out);
    }
    if (Py_TYPE(key)->tp_as_number.nb_index == nullptr && !Py_TYPE(key)->has_flag(Py_TPFLAGS_LONG_SUBCLASS))
        return index_type_error(rt, key);
    Py_ssize_t i;
    if (!number_as_ssize(rt, key, &i)) return nullptr;
    if (i < 0) i += len;
    if (i < 0 || i >= len) return err_set_string(rt, rt.builtins().exc.IndexError, "string index out of range");
    return unicode_from_ordinal(rt, unicode_read(rt, self, i));
}

// ---- construction --------------------------------------------------------------------------------

// str(object='', encoding='utf-8', errors='strict'); 2.7's unicode(string[, encoding[, errors]]).
PyObject* unicode_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const Profile& p = rt.profile();
    const bool py2 = is_27(rt);
    if (type != rt.builtins().unicode_type)
        return err_format(rt, rt.builtins().exc.NotImplementedError, "the lab does not make instances of %s subclasses",
                          py2 ? "unicode" : "str");
    const char* name = py2 ? "unicode" : "str";
    PyObject* a[3];
    const ArgsSpec spec{name, 0, 3, ArgStyle::kKeywords, {py2 ? "string" : "object", "encoding", "errors"}};
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
    if (p.at_least(3, 13) && !check_positional(rt, "str", nargs + nkw, 0, 3)) return nullptr;
    if (!unpack_args(rt, spec, args, nargs, kwnames, a)) return nullptr;
    PyObject* object = a[0];
    if (a[1] == nullptr && a[2] == nullptr) {
        if (object == nullptr) return unicode_empty(rt);
        if (py2) {
            if (is_unicode(rt, object)) return new_ref(rt, object);
            PyObject* s = object_str(rt, object);
            if (s == nullptr || is_unicode(rt, s)) return s;
            PyObject* u = unicode_from_object_27(rt, s);
            rt.decref(s);
            return u;
        }
        return object_str(rt, object);
    }
    std::string encoding, errors;
    for (int k = 1; k <= 2; ++k) {
        if (a[k] == nullptr) continue;
        if (!str_check(rt, a[k])) {
            if (p.at_least(3, 10))
                return err_format(rt, type_error(rt), "str() argument '%s' must be str, not %s",
                                  k == 1 ? "encoding" : "errors", type_name_of(a[k]).c_str());
            return err_format(rt, type_error(rt), "%s() argument %d must be str, not %s", name, k + 1,
                              type_name_of(a[k]).c_str());
        }
        (k == 1 ? encoding : errors) = str_as_utf8(rt, a[k]);
    }
    if (object == nullptr) return unicode_empty(rt);
    if (is_unicode(rt, object)) {
        return err_set_string(rt, type_error(rt),
                              py2 ? "decoding Unicode is not supported" : "decoding str is not supported");
    }
    if (!is_bytes(rt, object)) {
        if (py2)
            return err_format(rt, type_error(rt), "coercing to Unicode: need string or buffer, %s found",
                              type_name_of(object).c_str());
        return err_format(rt, type_error(rt), "decoding to str: need a bytes-like object, %s found",
                          type_name_of(object).c_str());
    }
    return unicode_decode(rt, bytes_view(rt, object), encoding, errors, object);
}

}  // namespace

void init_unicode_slots(Runtime& rt, PyTypeObject* t) {
    t->tp_repr = unicode_repr;
    t->tp_str = unicode_str;
    t->tp_hash = unicode_tp_hash;
    t->tp_richcompare = unicode_richcompare;
    t->tp_as_sequence.sq_length = unicode_sq_length;
    t->tp_as_sequence.sq_concat = unicode_sq_concat;
    t->tp_as_sequence.sq_repeat = unicode_sq_repeat;
    t->tp_as_sequence.sq_contains = unicode_sq_contains;
    t->tp_as_mapping.mp_length = unicode_sq_length;
    t->tp_as_mapping.mp_subscript = unicode_mp_subscript;
    t->tp_as_number.nb_remainder = unicode_mod;
    t->tp_iter = unicode_iter;
    t->tp_new = unicode_tp_new;
    t->tp_methods = unicode_methods(rt.profile());
    t->tp_flags |= Py_TPFLAGS_UNICODE_SUBCLASS | Py_TPFLAGS_BASETYPE;
}

PyObject* unicode_repr_object(Runtime& rt, PyObject* o) { return unicode_repr(rt, o); }

bool str_concatenate_applies(const Runtime& rt, const PyObject* a, const PyObject* b) {
    if (rt.profile().at_least(3, 11)) return false;  // 3.11 moved it into a specialized instruction
    PyTypeObject* t = rt.builtins().str_type;
    return Py_TYPE(a) == t && Py_TYPE(b) == t;
}

PyObject* str_concatenate_in_place(Runtime& rt, PyObject* left, PyObject* right) {
    if (is_27(rt)) {
        // string_concatenate: an unshared, uninterned str is resized (_PyString_Resize).
        if (left->ob_refcnt == 1 && bytes_sstate_27(left) == SSTATE_NOT_INTERNED) {
            const int64_t n = bytes_size(left), m = bytes_size(right);
            PyObject* moved = bytes_resize(rt, left, n + m);
            if (moved == nullptr) {
                rt.decref(left);
                return err_no_memory(rt);
            }
            std::copy_n(bytes_data(rt, right), m, bytes_data(rt, moved) + n);
            return moved;
        }
        PyObject* r = Py_TYPE(left)->tp_as_sequence.sq_concat(rt, left, right);
        rt.decref(left);
        return r;
    }
    // PyUnicode_Append.
    PyObject* empty = rt.builtins().str_state.empty;
    if (left == empty) {
        rt.decref(left);
        return new_ref(rt, right);
    }
    if (right == empty) return left;
    const int64_t left_len = unicode_length(left), right_len = unicode_length(right);
    // unicode_modifiable: one reference, no hash yet, not interned. An ASCII string does not
    // grow in place by non-ASCII text (its header would change size).
    const bool modifiable = left->ob_refcnt == 1 && reinterpret_cast<PyASCIIObject*>(left)->hash == -1 &&
                            unicode_state_interned(left) == SSTATE_NOT_INTERNED;
    if (modifiable && unicode_kind(rt, right) <= unicode_kind(rt, left) &&
        !(unicode_is_ascii(rt, left) && !unicode_is_ascii(rt, right))) {
        PyObject* moved = unicode_resize_compact(rt, left, left_len + right_len);
        if (moved == nullptr) {
            rt.decref(left);
            return err_no_memory(rt);
        }
        auto* data = static_cast<unsigned char*>(unicode_data(rt, moved));
        const int kind = unicode_kind(rt, moved);
        for (int64_t i = 0; i < right_len; ++i) {
            const uint32_t c = unicode_read(rt, right, i);
            const int64_t at = left_len + i;
            if (kind == PyUnicode_1BYTE_KIND)
                data[at] = static_cast<uint8_t>(c);
            else if (kind == PyUnicode_2BYTE_KIND)
                reinterpret_cast<uint16_t*>(data)[at] = static_cast<uint16_t>(c);
            else
                reinterpret_cast<uint32_t*>(data)[at] = c;
        }
        return moved;
    }
    PyObject* r = unicode_fresh(rt, unicode_chars(rt, left) + unicode_chars(rt, right));
    rt.decref(left);
    return r;
}
PyObject* unicode_concat(Runtime& rt, PyObject* a, PyObject* b) { return unicode_sq_concat(rt, a, b); }

}  // namespace pymemlab
