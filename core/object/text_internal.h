// Helpers shared by the files that implement str, bytes and 2.7's unicode (str_type.cpp,
// str_methods.cpp, bytes_type.cpp, bytes_methods.cpp, str_format.cpp, str_percent.cpp,
// codecs.cpp): reading an object's code units, making results with or without the
// one-character caches, and the lists that split-like methods return.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "object/builtins.h"
#include "object/bytes_object.h"
#include "object/errors.h"
#include "object/object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/text_algo.h"
#include "object/type.h"
#include "profile/profile.h"

namespace pymemlab::text {

inline bool is_27(const Runtime& rt) { return rt.profile().major == 2; }

// The unicode type: 3.x str, 2.7 unicode. The bytes type: 3.x bytes, 2.7 str.
inline bool is_unicode(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == rt.builtins().unicode_type; }
inline bool is_bytes(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == rt.builtins().bytes_type; }

// ---- unicode ------------------------------------------------------------------------------------
std::u32string unicode_chars(const Runtime& rt, const PyObject* o);
// unicode_result: '' and one Latin-1 character from the caches, anything else new and exact.
PyObject* unicode_result(Runtime& rt, std::u32string_view s);
// PyUnicode_New + fill (2.7: _PyUnicode_New): a new object even for one Latin-1 character.
PyObject* unicode_fresh(Runtime& rt, std::u32string_view s);
// PyUnicode_Substring (3.x) / PyUnicode_FromUnicode (2.7): the whole string is the string
// itself in 3.x, a copy in 2.7; one Latin-1 character comes from the cache.
PyObject* unicode_substring(Runtime& rt, PyObject* self, const std::u32string& chars, int64_t begin, int64_t end);
// The empty string (a new reference to the singleton).
PyObject* unicode_empty(Runtime& rt);

// ---- bytes (3.x bytes, 2.7 str) --------------------------------------------------------------
inline std::string bytes_chars(const Runtime& rt, const PyObject* o) { return std::string(bytes_view(rt, o)); }
// PyBytes_FromStringAndSize(data, n): cached when n <= 1.
inline PyObject* bytes_result(Runtime& rt, std::string_view s) { return bytes_from_string(rt, s); }
// PyBytes_FromStringAndSize(NULL, n) then filled: a new object even for one byte.
PyObject* bytes_fresh(Runtime& rt, std::string_view s);

// Host buffers for text results stop here (MemoryError beyond): 256 Mi code points.
constexpr int64_t kMaxTextLength = int64_t{1} << 28;

// _PyUnicodeWriter's output as str.format and % build it: a str written whole into an empty
// writer is kept by reference (its "readonly" mode), so a result that is just that str is the
// str itself; anything else is copied out and finished by unicode_result.
struct TextWriter {
    std::u32string out;
    PyObject* whole = nullptr;  // strong, while nothing else has been written
    bool allow_whole = true;    // 2.7's formatters always copy

    void write(Runtime& rt, std::u32string_view s) {
        if (s.empty()) return;
        materialize(rt);
        out.append(s);
    }
    void write_str(Runtime& rt, PyObject* s) {
        if (unicode_length(s) == 0) return;
        if (allow_whole && whole == nullptr && out.empty()) {
            rt.incref(s);
            whole = s;
            return;
        }
        materialize(rt);
        out += unicode_chars(rt, s);
    }
    void materialize(Runtime& rt) {
        if (whole == nullptr) return;
        out = unicode_chars(rt, whole);
        rt.decref(whole);
        whole = nullptr;
    }
    PyObject* finish(Runtime& rt) {
        if (whole != nullptr) {
            PyObject* r = whole;
            whole = nullptr;
            return r;
        }
        return unicode_result(rt, out);
    }
    void clear(Runtime& rt) {
        if (whole != nullptr) rt.decref(whole);
        whole = nullptr;
    }
};

// ---- lists of pieces ---------------------------------------------------------------------------
// The list a split makes: `prealloc` slots first (PyList_New), then appends; its size is set to
// the pieces made (FIX_PREALLOC_SIZE). `reverse` for rsplit, whose pieces come last first.
// make(piece) returns a new reference (nullptr with an error set).
template <class MakePiece>
PyObject* list_of_pieces(Runtime& rt, const std::vector<Piece>& pieces, int64_t prealloc, bool reverse, MakePiece make);

}  // namespace pymemlab::text

#include "object/list_object.h"

namespace pymemlab::text {

template <class MakePiece>
PyObject* list_of_pieces(Runtime& rt, const std::vector<Piece>& pieces, int64_t prealloc, bool reverse,
                         MakePiece make) {
    PyObject* list = list_new(rt, prealloc);
    if (list == nullptr) return nullptr;
    int64_t count = 0;
    for (const Piece& p : pieces) {
        PyObject* item = make(p);
        if (item == nullptr) {
            Py_SET_SIZE(list, count);
            rt.decref(list);
            return nullptr;
        }
        if (count < prealloc) {
            list_items(list)[count] = item;
        } else {
            Py_SET_SIZE(list, count);
            bool ok = list_append(rt, list, item);
            rt.decref(item);
            if (!ok) {
                rt.decref(list);
                return nullptr;
            }
        }
        ++count;
    }
    Py_SET_SIZE(list, count);
    if (reverse) {
        PyObject** items = list_items(list);
        for (int64_t i = 0, j = count - 1; i < j; ++i, --j) std::swap(items[i], items[j]);
    }
    return list;
}

}  // namespace pymemlab::text

namespace pymemlab {

// ---- cross-file entry points of the text types ------------------------------------------------
PyObject* unicode_mod(Runtime& rt, PyObject* a, PyObject* b);  // str % args (str_percent.cpp)
PyObject* bytes_mod(Runtime& rt, PyObject* a, PyObject* b);    // bytes % args, 2.7 str % args
PyObject* unicode_iter(Runtime& rt, PyObject* self);           // iter(str) (str_iterator.cpp)
PyObject* bytes_iter(Runtime& rt, PyObject* self);             // iter(bytes)
const PyMethodDef* unicode_methods(const Profile& p);          // str_methods.cpp
const PyMethodDef* bytes_methods(const Profile& p);            // bytes_methods.cpp
void init_unicode_slots(Runtime& rt, PyTypeObject* t);         // str_type.cpp
void init_bytes_slots(Runtime& rt, PyTypeObject* t);           // bytes_type.cpp
// PyUnicode_Join over items (str_search.cpp): one exact str item is returned as is.
PyObject* unicode_join_items(Runtime& rt, PyObject* sep, PyObject* const* items, int64_t n);
// The format machinery (str_format.cpp), shared by str.format and 2.7's str.format.
PyObject* unicode_format_method(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw);
PyObject* unicode_format_map(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw);
PyObject* unicode_format_dunder(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw);
PyObject* bytes_format_method_27(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw);
// The unicode methods that 2.7's str hands its work to when an argument is unicode.
#define PYMEMLAB_UNICODE_METHOD(name) \
    PyObject* name(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kw)
PYMEMLAB_UNICODE_METHOD(unicode_find);
PYMEMLAB_UNICODE_METHOD(unicode_rfind);
PYMEMLAB_UNICODE_METHOD(unicode_index);
PYMEMLAB_UNICODE_METHOD(unicode_rindex);
PYMEMLAB_UNICODE_METHOD(unicode_count);
PYMEMLAB_UNICODE_METHOD(unicode_startswith);
PYMEMLAB_UNICODE_METHOD(unicode_endswith);
PYMEMLAB_UNICODE_METHOD(unicode_split);
PYMEMLAB_UNICODE_METHOD(unicode_rsplit);
PYMEMLAB_UNICODE_METHOD(unicode_partition);
PYMEMLAB_UNICODE_METHOD(unicode_rpartition);
PYMEMLAB_UNICODE_METHOD(unicode_strip);
PYMEMLAB_UNICODE_METHOD(unicode_lstrip);
PYMEMLAB_UNICODE_METHOD(unicode_rstrip);
PYMEMLAB_UNICODE_METHOD(unicode_replace);
PYMEMLAB_UNICODE_METHOD(unicode_translate);
PYMEMLAB_UNICODE_METHOD(unicode_maketrans);
PYMEMLAB_UNICODE_METHOD(unicode_join);
PYMEMLAB_UNICODE_METHOD(unicode_splitlines);
// str_case.cpp
PYMEMLAB_UNICODE_METHOD(unicode_lower);
PYMEMLAB_UNICODE_METHOD(unicode_upper);
PYMEMLAB_UNICODE_METHOD(unicode_casefold);
PYMEMLAB_UNICODE_METHOD(unicode_capitalize);
PYMEMLAB_UNICODE_METHOD(unicode_title);
PYMEMLAB_UNICODE_METHOD(unicode_swapcase);
PYMEMLAB_UNICODE_METHOD(unicode_isspace);
PYMEMLAB_UNICODE_METHOD(unicode_isalpha);
PYMEMLAB_UNICODE_METHOD(unicode_isalnum);
PYMEMLAB_UNICODE_METHOD(unicode_isdecimal);
PYMEMLAB_UNICODE_METHOD(unicode_isdigit);
PYMEMLAB_UNICODE_METHOD(unicode_isnumeric);
PYMEMLAB_UNICODE_METHOD(unicode_isprintable);
PYMEMLAB_UNICODE_METHOD(unicode_isascii);
PYMEMLAB_UNICODE_METHOD(unicode_islower);
PYMEMLAB_UNICODE_METHOD(unicode_isupper);
PYMEMLAB_UNICODE_METHOD(unicode_istitle);
PYMEMLAB_UNICODE_METHOD(unicode_isidentifier);
// bytes_convert.cpp
PYMEMLAB_UNICODE_METHOD(bytes_getnewargs);
PYMEMLAB_UNICODE_METHOD(bytes_bytes_method);
PYMEMLAB_UNICODE_METHOD(bytes_decode_method);
PYMEMLAB_UNICODE_METHOD(bytes_encode_27);
PYMEMLAB_UNICODE_METHOD(bytes_format_dunder_27);
PYMEMLAB_UNICODE_METHOD(bytes_hex);
PYMEMLAB_UNICODE_METHOD(bytes_fromhex);
PYMEMLAB_UNICODE_METHOD(bytes_maketrans);
PYMEMLAB_UNICODE_METHOD(bytes_translate);
PYMEMLAB_UNICODE_METHOD(bytes_removeprefix);
PYMEMLAB_UNICODE_METHOD(bytes_removesuffix);
PYMEMLAB_UNICODE_METHOD(bytes_sizeof_method);
#undef PYMEMLAB_UNICODE_METHOD
bool unicode_chars_are_identifier(const std::u32string& s);
// format(s, spec) for a str's characters: the string itself when nothing changes.
PyObject* unicode_format_spec(Runtime& rt, PyObject* self, const std::u32string& spec);

}  // namespace pymemlab
