// UnicodeEncodeError, UnicodeDecodeError and UnicodeTranslateError (Objects/exceptions.c's
// PyUnicodeErrorObject): the fields their __init__ parses (encoding, object, start, end, reason),
// their attributes, and str() as each version prints it. The layout (start and end are raw
// Py_ssize_t, never visited) is exceptions.cpp; the codecs that raise them are codecs.cpp.
#include <cstdio>
#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/bytes_object.h"
#include "object/descr_object.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {

// PyUnicodeErrorObject's fields after BaseException's, in order.
constexpr int kEncoding = 0, kObject = 1, kStart = 2, kEnd = 3, kReason = 4;
static_assert(kReason + 1 == kUnicodeErrorFields);

enum class Flavour { kEncode, kDecode, kTranslate, kPlain };

Flavour flavour_of(const Runtime& rt, const PyTypeObject* type) {
    const ExceptionTypes& t = rt.builtins().exc;
    if (type_is_subtype(type, t.UnicodeEncodeError)) return Flavour::kEncode;
    if (type_is_subtype(type, t.UnicodeDecodeError)) return Flavour::kDecode;
    if (type_is_subtype(type, t.UnicodeTranslateError)) return Flavour::kTranslate;
    return Flavour::kPlain;
}

PyObject* object_field(Runtime& rt, PyObject* self, int i) { return *exception_field(rt, self, i); }
void set_object_field(Runtime& rt, PyObject* self, int i, PyObject* value) {
    if (value != nullptr) rt.incref(value);
    PyObject** slot = exception_field(rt, self, i);
    PyObject* old = *slot;
    *slot = value;
    rt.xdecref(old);
}
// start and end hold a Py_ssize_t where the other fields hold a pointer.
Py_ssize_t index_field(Runtime& rt, PyObject* self, int i) {
    return *reinterpret_cast<Py_ssize_t*>(exception_field(rt, self, i));
}
void set_index_field(Runtime& rt, PyObject* self, int i, Py_ssize_t value) {
    *reinterpret_cast<Py_ssize_t*>(exception_field(rt, self, i)) = value;
}

bool is_text(const Runtime& rt, const PyObject* o) {
    const Builtins& b = rt.builtins();
    return object_type_check(o, rt.profile().major >= 3 ? b.str_type : b.unicode_type);
}

// PyArg_ParseTuple's complaints, as getargs.c words them.
bool wrong_count(Runtime& rt, Py_ssize_t wanted, Py_ssize_t given) {
    err_format(rt, rt.builtins().exc.TypeError, "function takes exactly %lld arguments (%lld given)", static_cast<long long>(wanted),
               static_cast<long long>(given));
    return false;
}
bool wrong_type(Runtime& rt, int position, const char* wanted, const PyObject* got) {
    err_format(rt, rt.builtins().exc.TypeError, "argument %d must be %s, not %s", position, wanted,
               type_name(Py_TYPE(got)).c_str());
    return false;
}

bool parse_index(Runtime& rt, PyObject* o, Py_ssize_t* out) {
    if (!object_type_check(o, rt.builtins().long_type)) {
        err_format(rt, rt.builtins().exc.TypeError, "'%s' object cannot be interpreted as an integer",
                   type_name(Py_TYPE(o)).c_str());
        return false;
    }
    return number_as_ssize(rt, o, out);
}

// UnicodeEncodeError(encoding, object, start, end, reason) and the decode and translate forms
// (translate has no encoding; decode's object is any bytes-like object, kept as bytes).
bool init_fields(Runtime& rt, PyObject* self, Flavour flavour) {
    PyObject* args = exception_args(self);
    const Py_ssize_t n = Py_SIZE(args);
    PyObject* const* a = tuple_items(args);
    const bool translate = flavour == Flavour::kTranslate;
    const Py_ssize_t wanted = translate ? 4 : 5;
    if (n != wanted) return wrong_count(rt, wanted, n);
    const bool py3 = rt.profile().major >= 3;
    PyObject* encoding = translate ? nullptr : a[0];
    PyObject* object = a[translate ? 0 : 1];
    PyObject* reason = a[translate ? 3 : 4];
    const char* text_name = py3 ? "str" : "unicode";
    if (encoding != nullptr && !object_type_check(encoding, rt.builtins().str_type))
        return wrong_type(rt, 1, "str", encoding);
    if (flavour == Flavour::kDecode) {
        if (!object_type_check(object, py3 ? rt.builtins().bytes_type : rt.builtins().str_type))
            return wrong_type(rt, 2, py3 ? "bytes-like object" : "str", object);
    } else if (!is_text(rt, object)) {
        return wrong_type(rt, translate ? 1 : 2, text_name, object);
    }
    if (!object_type_check(reason, rt.builtins().str_type)) return wrong_type(rt, translate ? 4 : 5, "str", reason);
    Py_ssize_t start = 0, end = 0;
    if (!parse_index(rt, a[translate ? 1 : 2], &start) || !parse_index(rt, a[translate ? 2 : 3], &end)) return false;
    set_object_field(rt, self, kEncoding, encoding);
    set_object_field(rt, self, kObject, object);
    set_object_field(rt, self, kReason, reason);
    set_index_field(rt, self, kStart, start);
    set_index_field(rt, self, kEnd, end);
    return true;
}

// The character escape of the one-character messages: '\xe9', '\u20ac', '\U0001f600' (2.7:
// u'\xe9').
std::string char_escape(const Runtime& rt, uint32_t ch) {
    char buffer[16];
    if (ch <= 0xff)
        std::snprintf(buffer, sizeof buffer, "\\x%02x", ch);
    else if (ch <= 0xffff)
        std::snprintf(buffer, sizeof buffer, "\\u%04x", ch);
    else
        std::snprintf(buffer, sizeof buffer, "\\U%08x", ch);
    return std::string(rt.profile().major >= 3 ? "'" : "u'") + buffer + "'";
}

bool str_of(Runtime& rt, PyObject* o, std::string* out) {
    if (o == nullptr) o = rt.builtins().singletons.none;
    return object_str_utf8(rt, o, out);
}

}  // namespace

bool exception_unicode_init(Runtime& rt, PyObject* self) {
    const Flavour flavour = flavour_of(rt, Py_TYPE(self));
    return flavour == Flavour::kPlain || init_fields(rt, self, flavour);
}

// UnicodeEncodeError_str and its siblings: '' before __init__ ran; one character named by its
// escape (or byte by its value) when end == start + 1 inside the object, else the range.
PyObject* exception_unicode_str(Runtime& rt, PyObject* self, bool* handled) {
    const Flavour flavour = flavour_of(rt, Py_TYPE(self));
    *handled = flavour != Flavour::kPlain;
    if (!*handled) return nullptr;
    PyObject* object = object_field(rt, self, kObject);
    if (object == nullptr) return str_from_utf8(rt, "");
    std::string reason, encoding;
    if (!str_of(rt, object_field(rt, self, kReason), &reason)) return nullptr;
    if (flavour != Flavour::kTranslate && !str_of(rt, object_field(rt, self, kEncoding), &encoding)) return nullptr;
    const Py_ssize_t start = index_field(rt, self, kStart), end = index_field(rt, self, kEnd);
    const bool bytes = flavour == Flavour::kDecode;
    const Py_ssize_t length = bytes ? bytes_size(object) : unicode_length(object);
    const bool one = start >= 0 && start < length && end == start + 1;
    std::string text = flavour == Flavour::kTranslate
                           ? "can't translate "
                           : "'" + encoding + "' codec can't " + (bytes ? "decode " : "encode ");
    char buffer[64];
    if (one && bytes) {
        std::snprintf(buffer, sizeof buffer, "byte 0x%02x in position %lld",
                      static_cast<unsigned char>(bytes_data(rt, object)[start]), static_cast<long long>(start));
        text += buffer;
    } else if (one) {
        text +=
            "character " + char_escape(rt, unicode_read(rt, object, start)) + " in position " + std::to_string(start);
    } else {
        std::snprintf(buffer, sizeof buffer, "%s in position %lld-%lld", bytes ? "bytes" : "characters",
                      static_cast<long long>(start), static_cast<long long>(end - 1));
        text += buffer;
    }
    return str_from_utf8(rt, text + ": " + reason);
}

// ---- attributes ---------------------------------------------------------------------------------

namespace {

template <int I>
PyObject* get_object(Runtime& rt, PyObject* self) {
    PyObject* v = object_field(rt, self, I);
    if (v == nullptr) v = rt.builtins().singletons.none;
    rt.incref(v);
    return v;
}
template <int I>
int set_object(Runtime& rt, PyObject* self, PyObject* value) {
    set_object_field(rt, self, I, value);
    return 0;
}
template <int I>
PyObject* get_index(Runtime& rt, PyObject* self) {
    return long_from_int64(rt, index_field(rt, self, I));
}
template <int I>
int set_index(Runtime& rt, PyObject* self, PyObject* value) {
    if (value == nullptr) {
        err_set_string(rt, rt.builtins().exc.TypeError, "can't delete numeric/char attribute");
        return -1;
    }
    Py_ssize_t v = 0;
    if (!parse_index(rt, value, &v)) return -1;
    set_index_field(rt, self, I, v);
    return 0;
}

const PyGetSetDef kUnicodeErrorGetSet[] = {{"encoding", get_object<kEncoding>, set_object<kEncoding>},
                                           {"object", get_object<kObject>, set_object<kObject>},
                                           {"start", get_index<kStart>, set_index<kStart>},
                                           {"end", get_index<kEnd>, set_index<kEnd>},
                                           {"reason", get_object<kReason>, set_object<kReason>},
                                           {nullptr, nullptr, nullptr}};

}  // namespace

bool init_unicode_error_attributes(Runtime& rt) {
    PyTypeObject* type = rt.builtins().exc.UnicodeError;
    for (const PyGetSetDef* d = kUnicodeErrorGetSet; d->name != nullptr; ++d)
        if (!type_add_to_dict(rt, type, d->name, getset_descriptor_new(rt, type, d))) return false;
    return true;
}

}  // namespace pymemlab
