// The bytes type's slots (Objects/bytesobject.c; 2.7's str, Objects/stringobject.c): repr,
// comparison, hash, the sequence protocol (len, +, *, in, indexing and slicing with the
// one-byte cache), % (str_percent.cpp), iteration (str_iterator.cpp) and bytes() / 2.7's
// str(). The methods are bytes_methods.cpp; the layout is bytes_object.cpp.
#include <cstdio>
#include <cstring>

#include "object/abstract.h"
#include "object/codecs.h"
#include "object/errors.h"
#include "object/long_object.h"
#include "object/singletons.h"
#include "object/text_args.h"
#include "object/text_internal.h"
#include "object/tuple_object.h"

namespace pymemlab {

using namespace text;

namespace {

PyTypeObject* type_error(Runtime& rt) { return rt.builtins().exc.TypeError; }
PyObject* not_implemented(Runtime& rt) { return new_ref(rt, rt.builtins().singletons.not_implemented); }

// PyBytes_Repr (3.x b'...') and 2.7's string_repr ('...'): bytes past '~' and controls escaped.
PyObject* bytes_repr(Runtime& rt, PyObject* self) {
    const std::string_view s = bytes_view(rt, self);
    const bool has_single = s.find('\'') != std::string_view::npos;
    const bool has_double = s.find('"') != std::string_view::npos;
    const char quote = has_single && !has_double ? '"' : '\'';
    std::string out = is_27(rt) ? "" : "b";
    out.push_back(quote);
    char buffer[8];
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == static_cast<unsigned char>(quote) || c == '\\') {
            out.push_back('\\');
            out.push_back(ch);
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c < ' ' || c >= 0x7f) {
            std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
            out += buffer;
        } else {
            out.push_back(ch);
        }
    }
    out.push_back(quote);
    if (is_27(rt)) return bytes_fresh(rt, out);
    return unicode_fresh(rt, std::u32string(out.begin(), out.end()));
}

// 2.7's str(s) is s; 3.x's str(b) is its repr.
PyObject* bytes_str(Runtime& rt, PyObject* self) {
    if (is_27(rt)) return new_ref(rt, self);
    return bytes_repr(rt, self);
}

PyObject* bytes_richcompare(Runtime& rt, PyObject* a, PyObject* b, int op) {
    if (!is_bytes(rt, a) || !is_bytes(rt, b)) return not_implemented(rt);
    int c;
    if (a == b) {
        c = 0;
    } else {
        const std::string_view x = bytes_view(rt, a), y = bytes_view(rt, b);
        if ((op == Py_EQ || op == Py_NE) && x.size() != y.size()) return bool_from(rt, op == Py_NE);
        const size_t n = std::min(x.size(), y.size());
        c = n > 0 ? std::memcmp(x.data(), y.data(), n) : 0;
        if (c == 0) c = x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
    }
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

Py_hash_t bytes_tp_hash(Runtime& rt, PyObject* self) { return bytes_hash(rt, self); }
Py_ssize_t bytes_sq_length(Runtime&, PyObject* self) { return bytes_size(self); }

PyObject* bytes_sq_concat(Runtime& rt, PyObject* a, PyObject* b) {
    if (is_27(rt)) {
        if (is_unicode(rt, b)) return unicode_concat(rt, a, b);
        if (!is_bytes(rt, b))
            return err_format(rt, type_error(rt), "cannot concatenate 'str' and '%s' objects", type_name_of(b).c_str());
    } else if (!is_bytes(rt, b)) {
        return err_format(rt, type_error(rt), "can't concat %s to %s", type_name_of(b).c_str(),
                          type_name_of(a).c_str());
    }
    // An empty operand gives back the other one.
    if (bytes_size(a) == 0) return new_ref(rt, b);
    if (bytes_size(b) == 0) return new_ref(rt, a);
    if (bytes_size(a) + bytes_size(b) > kMaxTextLength) return err_no_memory(rt);
    std::string out(bytes_view(rt, a));
    out += bytes_view(rt, b);
    return bytes_fresh(rt, out);
}

// bytes_repeat: the object itself when the size does not change (n == 1, or an empty object);
// otherwise a new object, even an empty one.
PyObject* bytes_sq_repeat(Runtime& rt, PyObject* self, Py_ssize_t n) {
    if (n < 0) n = 0;
    const int64_t len = bytes_size(self);
    if (len > 0 && n > INT64_MAX / len)
        return err_set_string(rt, rt.builtins().exc.OverflowError,
                              is_27(rt) ? "repeated string is too long" : "repeated bytes are too long");
    const int64_t size = len * n;
    if (size == len) return new_ref(rt, self);
    if (size > kMaxTextLength) return err_no_memory(rt);
    PyObject* o = bytes_new_uncached(rt, size);
    if (o == nullptr) return err_no_memory(rt);
    char* data = bytes_data(rt, o);
    const std::string_view s = bytes_view(rt, self);
    for (Py_ssize_t i = 0; i < n; ++i) std::memcpy(data + i * len, s.data(), static_cast<size_t>(len));
    return o;
}

int bytes_sq_contains(Runtime& rt, PyObject* self, PyObject* item) {
    const std::string_view s = bytes_view(rt, self);
    if (is_27(rt)) {
        if (is_unicode(rt, item)) {
            PyObject* u = unicode_from_object_27(rt, self);
            if (u == nullptr) return -1;
            const int r = unicode_chars(rt, u).find(unicode_chars(rt, item)) != std::u32string::npos;
            rt.decref(u);
            return r;
        }
        if (!is_bytes(rt, item)) {
            err_format(rt, type_error(rt), "'in <string>' requires string as left operand, not %s",
                       type_name_of(item).c_str());
            return -1;
        }
        return s.find(bytes_view(rt, item)) != std::string_view::npos;
    }
    if (long_check(item) || Py_TYPE(item)->tp_as_number.nb_index != nullptr) {
        Py_ssize_t v;
        if (!number_as_ssize(rt, item, &v)) return -1;
        if (v < 0 || v > 255) {
            err_set_string(rt, rt.builtins().exc.ValueError, "byte must be in range(0, 256)");
            return -1;
        }
        return s.find(static_cast<char>(v)) != std::string_view::npos;
    }
    if (!is_bytes(rt, item)) {
        err_format(rt, type_error(rt), "a bytes-like object is required, not '%s'", type_name_of(item).c_str());
        return -1;
    }
    return s.find(bytes_view(rt, item)) != std::string_view::npos;
}

PyObject* bytes_mp_subscript(Runtime& rt, PyObject* self, PyObject* key) {
    const int64_t len = bytes_size(self);
    const std::string_view s = bytes_view(rt, self);
    if (Py_TYPE(key) == rt.builtins().slice_type) {
        int64_t start, stop, step, slicelength;
        if (!slice_indices(rt, key, len, &start, &stop, &step, &slicelength)) return nullptr;
        if (slicelength <= 0) return bytes_result(rt, "");
        if (start == 0 && step == 1 && slicelength == len) return new_ref(rt, self);
        if (step == 1) return bytes_result(rt, s.substr(static_cast<size_t>(start), static_cast<size_t>(slicelength)));
        std::string out;
        for (int64_t i = 0, at = start; i < slicelength; ++i, at += step) out.push_back(s[static_cast<size_t>(at)]);
        return bytes_fresh(rt, out);
    }
    if (Py_TYPE(key)->tp_as_number.nb_index == nullptr && !Py_TYPE(key)->has_flag(Py_TPFLAGS_LONG_SUBCLASS)) {
        if (is_27(rt))
            return err_format(rt, type_error(rt), "string indices must be integers, not %s", type_name_of(key).c_str());
        return err_format(rt, type_error(rt), "byte indices must be integers or slices, not %s",
                          type_name_of(key).c_str());
    }
    Py_ssize_t i;
    if (!number_as_ssize(rt, key, &i)) return nullptr;
    if (i < 0) i += len;
    if (i < 0 || i >= len)
        return err_set_string(rt, rt.builtins().exc.IndexError,
                              is_27(rt) ? "string index out of range" : "index out of range");
    const char c = s[static_cast<size_t>(i)];
    if (is_27(rt)) return bytes_result(rt, std::string_view(&c, 1));
    return long_from_int64(rt, static_cast<unsigned char>(c));
}

// bytes(iterable of ints): each an index in range(256).
PyObject* bytes_from_iterable(Runtime& rt, PyObject* x) {
    PyObject* it = object_get_iter(rt, x);
    if (it == nullptr) {
        if (err_matches(rt, rt.builtins().exc.TypeError)) {
            err_clear(rt);
            err_format(rt, type_error(rt), "cannot convert '%s' object to bytes", type_name_of(x).c_str());
        }
        return nullptr;
    }
    std::string out;
    while (PyObject* item = iter_next(rt, it)) {
        int64_t v = 0;
        const bool ok = arg_as_ssize(rt, item, &v);
        rt.decref(item);
        if (!ok) break;
        if (v < 0 || v > 255) {
            err_set_string(rt, rt.builtins().exc.ValueError, "bytes must be in range(0, 256)");
            break;
        }
        out.push_back(static_cast<char>(v));
        if (static_cast<int64_t>(out.size()) > kMaxTextLength) {
            err_no_memory(rt);
            break;
        }
    }
    rt.decref(it);
    if (err_occurred(rt)) return nullptr;
    return bytes_result(rt, out);
}

PyObject* bytes_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (type != rt.builtins().bytes_type)
        return err_format(rt, rt.builtins().exc.NotImplementedError, "the lab does not make instances of %s subclasses",
                          is_27(rt) ? "str" : "bytes");
    if (is_27(rt)) {
        // 2.7's str(object=''): PyObject_Str.
        PyObject* a[1];
        if (!unpack_args(rt, ArgsSpec{"str", 0, 1, ArgStyle::kKeywords, {"object"}}, args, nargs, kwnames, a))
            return nullptr;
        if (a[0] == nullptr) return bytes_result(rt, "");
        PyObject* s = object_str(rt, a[0]);
        if (s == nullptr || is_bytes(rt, s)) return s;
        PyObject* b = unicode_as_default_str_27(rt, s);
        rt.decref(s);
        return b;
    }
    PyObject* a[3];
    if (!unpack_args(rt, ArgsSpec{"bytes", 0, 3, ArgStyle::kKeywords, {"source", "encoding", "errors"}}, args, nargs,
                     kwnames, a))
        return nullptr;
    PyObject* x = a[0];
    if (a[1] != nullptr || a[2] != nullptr) {
        if (x == nullptr || !is_unicode(rt, x))
            return err_set_string(
                rt, type_error(rt),
                a[1] != nullptr ? "encoding without a string argument" : "errors without a string argument");
        std::string names[2];
        for (int k = 1; k <= 2; ++k) {
            if (a[k] == nullptr) continue;
            if (!is_unicode(rt, a[k]))
                return err_format(rt, type_error(rt), "bytes() argument '%s' must be str, not %s",
                                  k == 1 ? "encoding" : "errors", type_name_of(a[k]).c_str());
            names[k - 1] = str_as_utf8(rt, a[k]);
        }
        return unicode_encode(rt, x, names[0], names[1]);
    }
    if (x == nullptr) return bytes_result(rt, "");
    if (is_unicode(rt, x)) return err_set_string(rt, type_error(rt), "string argument without an encoding");
    if (is_bytes(rt, x)) return new_ref(rt, x);
    PyObject* name = str_intern_ascii(rt, "__bytes__");
    PyObject* method = name != nullptr ? type_lookup(rt, Py_TYPE(x), name) : nullptr;
    rt.xdecref(name);
    if (method != nullptr) {
        PyObject* r = object_call_method(rt, x, "__bytes__", nullptr, 0);
        if (r != nullptr && !is_bytes(rt, r)) {
            err_format(rt, type_error(rt), "__bytes__ returned non-bytes (type %s)", type_name_of(r).c_str());
            rt.decref(r);
            return nullptr;
        }
        return r;
    }
    if (long_check(x) || Py_TYPE(x)->tp_as_number.nb_index != nullptr) {
        Py_ssize_t n;
        if (!number_as_ssize(rt, x, &n)) return nullptr;
        if (n < 0) return err_set_string(rt, rt.builtins().exc.ValueError, "negative count");
        if (n > kMaxTextLength) return err_no_memory(rt);
        return bytes_fresh(rt, std::string(static_cast<size_t>(n), '\0'));
    }
    return bytes_from_iterable(rt, x);
}

}  // namespace

void init_bytes_slots(Runtime& rt, PyTypeObject* t) {
    t->tp_repr = bytes_repr;
    t->tp_str = bytes_str;
    t->tp_hash = bytes_tp_hash;
    t->tp_richcompare = bytes_richcompare;
    t->tp_as_sequence.sq_length = bytes_sq_length;
    t->tp_as_sequence.sq_concat = bytes_sq_concat;
    t->tp_as_sequence.sq_repeat = bytes_sq_repeat;
    t->tp_as_sequence.sq_contains = bytes_sq_contains;
    t->tp_as_mapping.mp_length = bytes_sq_length;
    t->tp_as_mapping.mp_subscript = bytes_mp_subscript;
    t->tp_as_number.nb_remainder = bytes_mod;
    t->tp_iter = bytes_iter;
    t->tp_new = bytes_tp_new;
    t->tp_methods = bytes_methods(rt.profile());
    t->tp_flags |= Py_TPFLAGS_BYTES_SUBCLASS | Py_TPFLAGS_BASETYPE;
}

PyObject* bytes_repr_object(Runtime& rt, PyObject* o) { return bytes_repr(rt, o); }

}  // namespace pymemlab
