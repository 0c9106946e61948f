// str: PEP 393 compact strings (3.x) and 2.7's two-block unicode with its free list; the
// singletons; UTF-8 input; the interned table with each profile's reference-count rules.
#include "object/str_object.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "object/builtins.h"
#include "object/bytes_object.h"
#include "object/runtime.h"
#include "object/text_internal.h"
#include "object/utf8.h"

namespace pymemlab {

namespace {

bool is_27(const Runtime& rt) { return rt.profile().major == 2; }
// PEP 623 (3.12) removed wstr from the header, and the ready bit with it.
bool has_wstr(const Profile& p) { return !p.at_least(3, 12); }
// From 3.11 '' and the 256 latin-1 characters are static (_Py_STR(empty), _Py_LATIN1_CHR).
bool static_singletons(const Profile& p) { return p.at_least(3, 11); }
// The one-character constants of 3.11's and 3.12's deep-frozen modules (init_str_type).
constexpr const char* kFrozenChars311 = "BCLST_abcdefhijklmnopqrstvwxy";
constexpr const char* kFrozenChars312 = "_abcdenprsx";
// 3.12.0-3.12.5 make every interned string immortal (gh-113993: 3.12.6 and 3.13 went back).
bool interning_immortalizes(const Profile& p) { return p.at_least(3, 12) && !p.at_least(3, 13); }

template <class T>
T& field(PyObject* o, int64_t offset) {
    return *reinterpret_cast<T*>(reinterpret_cast<unsigned char*>(o) + offset);
}
template <class T>
const T& field(const PyObject* o, int64_t offset) {
    return *reinterpret_cast<const T*>(reinterpret_cast<const unsigned char*>(o) + offset);
}

StrState& state_of(Runtime& rt) { return rt.builtins().str_state; }

// ==== 3.x: the PEP 393 layout =================================================================

PyASCIIObject* ascii_of(PyObject* o) { return reinterpret_cast<PyASCIIObject*>(o); }
const PyASCIIObject* ascii_of(const PyObject* o) { return reinterpret_cast<const PyASCIIObject*>(o); }

int64_t ascii_header(const Profile& p) { return has_wstr(p) ? kAsciiHeaderWithWstr : kAsciiHeader; }
int64_t compact_header(const Profile& p) { return has_wstr(p) ? kCompactHeaderWithWstr : kCompactHeader; }
// The fields after PyASCIIObject: wstr (up to 3.11) closes PyASCIIObject; PyCompactUnicodeObject
// adds utf8_length, utf8 and (up to 3.11) wstr_length.
constexpr int64_t kWstrOffset = 40;
int64_t utf8_length_offset(const Profile& p) { return ascii_header(p); }
int64_t utf8_offset(const Profile& p) { return ascii_header(p) + 8; }
int64_t wstr_length_offset(const Profile& p) { return ascii_header(p) + 16; }

int kind3(const PyObject* o) { return static_cast<int>((ascii_of(o)->state & kStateKindMask) >> kStateKindShift); }
bool ascii3(const PyObject* o) { return (ascii_of(o)->state & kStateAscii) != 0; }
int64_t header3(const Profile& p, const PyObject* o) { return ascii3(o) ? ascii_header(p) : compact_header(p); }

unsigned char* data3(const Profile& p, PyObject* o) { return reinterpret_cast<unsigned char*>(o) + header3(p, o); }
const unsigned char* data3(const Profile& p, const PyObject* o) {
    return reinterpret_cast<const unsigned char*>(o) + header3(p, o);
}

int kind_for(uint32_t maxchar) {
    return maxchar < 256 ? PyUnicode_1BYTE_KIND : maxchar < 65536 ? PyUnicode_2BYTE_KIND : PyUnicode_4BYTE_KIND;
}

void write_char(unsigned char* data, int kind, int64_t i, uint32_t ch) {
    if (kind == PyUnicode_1BYTE_KIND)
        data[i] = static_cast<uint8_t>(ch);
    else if (kind == PyUnicode_2BYTE_KIND)
        reinterpret_cast<uint16_t*>(data)[i] = static_cast<uint16_t>(ch);
    else
        reinterpret_cast<uint32_t*>(data)[i] = ch;
}

// The header PyUnicode_New writes: not interned, compact, ready (up to 3.11), NUL-terminated.
// Up to 3.11 a UCS-4 string shares its buffer as wstr (wchar_t is 4 bytes on Linux); a
// non-ASCII string has no utf8 copy yet.
void fill_header3(const Profile& p, PyObject* o, int64_t size, uint32_t maxchar) {
    PyASCIIObject* a = ascii_of(o);
    const int kind = kind_for(maxchar);
    const bool ascii = maxchar < 128;
    a->length = size;
    a->hash = -1;
    a->state = (static_cast<uint32_t>(kind) << kStateKindShift) | kStateCompact | (ascii ? kStateAscii : 0) |
               (has_wstr(p) ? kStateReady : 0);
    a->padding = 0;
    unsigned char* data = data3(p, o);
    write_char(data, kind, size, 0);
    if (has_wstr(p)) field<Slot<void>>(o, kWstrOffset) = {};
    if (ascii) return;
    field<Py_ssize_t>(o, utf8_length_offset(p)) = 0;
    field<Slot<char>>(o, utf8_offset(p)) = {};
    if (has_wstr(p)) {
        const bool sharing = kind == PyUnicode_4BYTE_KIND;
        field<Py_ssize_t>(o, wstr_length_offset(p)) = sharing ? size : 0;
        if (sharing) field<Slot<void>>(o, kWstrOffset) = {data};
    }
}

int64_t request3(const Profile& p, int64_t size, uint32_t maxchar) {
    return (maxchar < 128 ? ascii_header(p) : compact_header(p)) + (size + 1) * kind_for(maxchar);
}

PyObject* unicode_new3(Runtime& rt, int64_t size, uint32_t maxchar) {
    StrState& s = state_of(rt);
    if (size == 0 && s.empty != nullptr) {
        rt.incref(s.empty);
        return s.empty;
    }
    const Profile& p = rt.profile();
    PyObject* o = rt.alloc_object(rt.builtins().unicode_type, static_cast<size_t>(request3(p, size, maxchar)));
    if (o != nullptr) fill_header3(p, o, size, maxchar);
    return o;
}

// A static str (3.11+): its header filled and, from 3.12, its state saying so; a runtime
// singleton's count (_Py_SINGLETON). `extra` bytes follow the characters; the caller writes those.
PyObject* new_static3(Runtime& rt, int64_t size, uint32_t maxchar, int64_t extra) {
    const Profile& p = rt.profile();
    PyObject* o = rt.static_object(rt.builtins().unicode_type, static_cast<size_t>(request3(p, size, maxchar) + extra));
    fill_header3(p, o, size, maxchar);
    if (!has_wstr(p)) ascii_of(o)->state |= kStateStatic;
    rt.make_static_refcount(o, true);
    return o;
}

// A static one-character or empty string (3.11+). From 3.12 the non-ASCII characters carry a
// static UTF-8 copy (_PyUnicode_LATIN1_INIT), which getsizeof counts: getsizeof(chr(233)) is
// 56 + 2 + 3 = 61 where 'ab\xe9' is 60.
PyObject* make_static3(Runtime& rt, int64_t size, uint32_t ch) {
    const Profile& p = rt.profile();
    const bool utf8_copy = !has_wstr(p) && ch >= 128;
    PyObject* o = new_static3(rt, size, ch, utf8_copy ? 3 : 0);
    if (size == 1) data3(p, o)[0] = static_cast<uint8_t>(ch);
    if (utf8_copy) {
        char* utf8 = reinterpret_cast<char*>(data3(p, o)) + 2;
        utf8[0] = static_cast<char>(0xc0 | (ch >> 6));
        utf8[1] = static_cast<char>(0x80 | (ch & 0x3f));
        utf8[2] = '\0';
        field<Py_ssize_t>(o, utf8_length_offset(p)) = 2;
        field<Slot<char>>(o, utf8_offset(p)) = {utf8};
    }
    return o;
}

void unicode_dealloc3(Runtime& rt, PyObject* o) {
    // A mortal interned string leaves the table (CPython revives it for the dict deletion).
    // Immortal ones never get here: their count never reaches zero.
    if (unicode_state_interned(o) == SSTATE_INTERNED_MORTAL) str_interned_forget(rt, o);
    rt.free_object(o);
}

// ==== 2.7: PyUnicodeObject and its free list ==================================================

PyUnicodeObject27* u27(PyObject* o) { return reinterpret_cast<PyUnicodeObject27*>(o); }
const PyUnicodeObject27* u27(const PyObject* o) { return reinterpret_cast<const PyUnicodeObject27*>(o); }
size_t buffer_bytes27(int64_t length) { return static_cast<size_t>((length + 1) * kPyUnicode27CharBytes); }

// A half-built object that _PyUnicode_New gives up on is freed outright, not kept.
constexpr Py_ssize_t kAbandoned27 = -1;

// unicode_resize: a new length for an unshared object; the buffer moves by PyObject_REALLOC.
bool resize27(Runtime& rt, PyObject* o, int64_t length) {
    PyUnicodeObject27* u = u27(o);
    if (u->length != length) {
        void* str = rt.obj_realloc(u->str.p, buffer_bytes27(length));
        if (str == nullptr) return false;
        u->str.p = static_cast<uint32_t*>(str);
        u->str.p[length] = 0;
        u->length = length;
    }
    u->hash = -1;
    return true;
}

PyObject* unicode_new27(Runtime& rt, int64_t length) {
    StrState& s = state_of(rt);
    if (length == 0 && s.empty != nullptr) {
        rt.incref(s.empty);
        return s.empty;
    }
    PyObject* o;
    bool ok;
    if (s.free_list != nullptr) {
        o = s.free_list;
        s.free_list = reinterpret_cast<PyObject*>(static_cast<uintptr_t>(o->ob_refcnt));
        --s.numfree;
        o->ob_refcnt = 1;
        o->ob_type = rt.builtins().unicode_type;
        rt.note_alive(o);
        // Keep-alive: a kept buffer only grows.
        if (u27(o)->str.p != nullptr) {
            ok = u27(o)->length >= length || resize27(rt, o, length);
        } else {
            u27(o)->str = {static_cast<uint32_t*>(rt.obj_malloc(buffer_bytes27(length)))};
            ok = u27(o)->str.p != nullptr;
        }
    } else {
        o = rt.alloc_object(rt.builtins().unicode_type, sizeof(PyUnicodeObject27));
        if (o == nullptr) return nullptr;
        u27(o)->str = {static_cast<uint32_t*>(rt.obj_malloc(buffer_bytes27(length)))};
        ok = u27(o)->str.p != nullptr;
    }
    PyUnicodeObject27* u = u27(o);
    if (!ok) {
        u->length = kAbandoned27;
        rt.decref(o);
        return nullptr;
    }
    u->str.p[0] = 0;
    u->str.p[length] = 0;
    u->length = length;
    u->hash = -1;
    u->defenc = {};
    return o;
}

void unicode_dealloc27(Runtime& rt, PyObject* o) {
    StrState& s = state_of(rt);
    PyUnicodeObject27* u = u27(o);
    if (u->length != kAbandoned27 && s.numfree < kUnicodeMaxFreeList27) {
        if (u->length >= kKeepAliveSizeLimit27) {
            rt.obj_free(u->str.p);
            u->str.p = nullptr;
            u->length = 0;
        }
        o->ob_refcnt = static_cast<Py_ssize_t>(reinterpret_cast<uintptr_t>(s.free_list));
        s.free_list = o;
        ++s.numfree;
        return;
    }
    if (u->str.p != nullptr) rt.obj_free(u->str.p);
    rt.free_object(o);
}

void unicode_blocks27(const Runtime& rt, PyObject* o, blockproc visit, void* arg) {
    visit(rt.block_of(o), arg);
    if (u27(o)->str.p != nullptr) visit(u27(o)->str.p, arg);
}

// ==== both lines ==============================================================================

PyObject* latin1_char(Runtime& rt, uint8_t ch) {
    PyObject*& slot = state_of(rt).latin1[ch];
    if (slot == nullptr) {
        // Made on first use, up to 3.10 and in 2.7; the cache keeps the first reference.
        PyObject* o = unicode_new(rt, 1, ch);
        if (o == nullptr) return nullptr;
        if (is_27(rt)) {
            u27(o)->str.p[0] = ch;
        } else {
            data3(rt.profile(), o)[0] = ch;
            rt.note_char_made(o, ch);  // CPython's start-up may hold it (2.7's table is its str's)
        }
        slot = o;
    }
    rt.incref(slot);
    return slot;
}

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool decode_utf8(std::string_view in, std::vector<uint32_t>& out) {
    out.clear();
    const auto* s = reinterpret_cast<const unsigned char*>(in.data());
    const size_t n = in.size();
    out.reserve(n);  // at most one code point per byte
    for (size_t i = 0; i < n;) {
        const uint32_t c = s[i];
        int extra;
        uint32_t cp, min;
        if (c < 0x80) { out.push_back(c); ++i; continue; }
        if (c >= 0xc2 && c <= 0xdf) { extra = 1; cp = c & 0x1f; min = 0x80; }
        else if (c >= 0xe0 && c <= 0xef) { extra = 2; cp = c & 0x0f; min = 0x800; }
        else if (c >= 0xf0 && c <= 0xf4) { extra = 3; cp = c & 0x07; min = 0x10000; }
        else return false;
        if (i + static_cast<size_t>(extra) >= n) return false;  // truncated
        for (int k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
        out.push_back(cp);
        i += static_cast<size_t>(extra) + 1;
    }
    return true;
}

// ==== interning ===============================================================================

// The table's key: the exact contents (3.x: with the kind, so equal strings and only they
// share a key, PEP 393 forms being canonical).
std::string intern_key(const Runtime& rt, const PyObject* o) {
    if (is_27(rt)) return std::string(bytes_view(rt, o));
    std::string key(1, static_cast<char>(kind3(o)));
    key.append(reinterpret_cast<const char*>(data3(rt.profile(), o)),
               static_cast<size_t>(unicode_length(o) * kind3(o)));
    return key;
}

void set_interned_state(const Runtime& rt, PyObject* o, int st) {
    if (is_27(rt))
        bytes_set_sstate_27(o, st);
    else
        ascii_of(o)->state = (ascii_of(o)->state & ~kStateInternedMask) | static_cast<uint32_t>(st);
}

// MORTAL -> IMMORTAL: one extra reference that is never released; 3.12+ the immortal count.
void immortalize(Runtime& rt, PyObject* o) {
    if (rt.profile().has_immortal_objects())
        rt.make_immortal(o);
    else
        rt.incref(o);
    set_interned_state(rt, o, SSTATE_INTERNED_IMMORTAL);
}

void intern(Runtime& rt, PyObject** p, bool immortal) {
    PyObject* s = *p;
    if (!str_check(rt, s)) return;
    const Profile& prof = rt.profile();
    const int st = str_interned_state(rt, s);
    if (st != SSTATE_NOT_INTERNED) {
        if (immortal && st == SSTATE_INTERNED_MORTAL) immortalize(rt, s);
        return;
    }
    StrState& state = state_of(rt);
    std::string key = intern_key(rt, s);
    if (auto it = state.interned.find(key); it != state.interned.end()) {
        PyObject* t = it->second;
        rt.incref(t);
        rt.decref(s);
        *p = t;
        if (immortal && str_interned_state(rt, t) == SSTATE_INTERNED_MORTAL) immortalize(rt, t);
        return;
    }
    state.interned.emplace(std::move(key), s);
    str_hash(rt, s);  // the dict insertion hashes it
    if (prof.at_least(3, 12) && rt.is_static(s)) {
        set_interned_state(rt, s, SSTATE_INTERNED_IMMORTAL_STATIC);
        return;
    }
    // The dict's two references (key and value) are not counted in ob_refcnt: the count the
    // caller sees does not move.
    set_interned_state(rt, s, SSTATE_INTERNED_MORTAL);
    if (immortal || interning_immortalizes(prof)) immortalize(rt, s);
}

}  // namespace

// ==== start-up ================================================================================

void init_str_type(Runtime& rt) {
    const Profile& p = rt.profile();
    Builtins& b = rt.builtins();
    StrState& s = b.str_state;
    if (is_27(rt)) {
        // 2.7's str is the bytes type (init_bytes_type); here is `unicode`.
        b.unicode_type = new_static_type(rt, "unicode", sizeof(PyUnicodeObject27), 0,
                                         {.dealloc = unicode_dealloc27, .blocks = unicode_blocks27});
        s.empty = unicode_new27(rt, 0);  // _PyUnicode_Init; the reference is the cache's
        init_unicode_slots(rt, b.unicode_type);
        // basestring: the abstract base of str and unicode (isinstance(x, basestring)), which
        // makes no instances of its own.
        PyTypeObject* base = new_static_type(rt, "basestring", sizeof(PyObject), 0);
        base->tp_new = [](Runtime& r, PyTypeObject*, PyObject* const*, Py_ssize_t, PyObject*) -> PyObject* {
            return err_set_string(r, r.builtins().exc.TypeError, "The basestring type cannot be instantiated");
        };
        base->tp_flags |= Py_TPFLAGS_BASETYPE;
        b.basestring_type = base;
        b.str_type->tp_base = base;
        b.unicode_type->tp_base = base;
        return;
    }
    // basicsize is sizeof(PyUnicodeObject): the compact header and the data pointer.
    PyTypeObject* type = new_static_type(rt, "str", compact_header(p) + 8, 0, {.dealloc = unicode_dealloc3});
    b.unicode_type = type;
    b.str_type = type;
    init_unicode_slots(rt, type);
    if (static_singletons(p)) {
        s.empty = make_static3(rt, 0, 0);
        for (uint32_t ch = 0; ch < 256; ++ch) s.latin1[ch] = make_static3(rt, 1, ch);
    } else {
        s.empty = unicode_new3(rt, 0, 0);  // _PyUnicode_Init; the reference is the cache's
    }
    // Interned when the first line of a program runs (measured): '' in every 3.x profile;
    // from 3.13 also the 256 latin-1 characters (init_global_interned_strings).
    PyObject* e = s.empty;
    str_intern_in_place(rt, &e);
    if (p.at_least(3, 13))
        for (PyObject*& c : s.latin1) str_intern_in_place(rt, &c);
    // 3.11 and 3.12 intern the constants of their deep-frozen modules at start-up, each string a
    // static object of its own; so a one-character constant compiled later (the Latin-1
    // singleton) interns to that other object, and `"a" is chr(97)` is False there. These are
    // the characters for which a compiled literal is not chr(c) (measured on 3.11.7, 3.12.1).
    const char* frozen = p.at_least(3, 13)   ? ""
                         : p.at_least(3, 12) ? kFrozenChars312
                         : p.at_least(3, 11) ? kFrozenChars311
                                             : "";
    for (const char* c = frozen; *c != '\0'; ++c) {
        PyObject* o = make_static3(rt, 1, static_cast<unsigned char>(*c));
        str_intern_in_place(rt, &o);
    }
}

// ==== the unicode type ========================================================================

PyObject* unicode_new(Runtime& rt, int64_t size, uint32_t maxchar) {
    return is_27(rt) ? unicode_new27(rt, size) : unicode_new3(rt, size, maxchar);
}

PyObject* unicode_from_ucs4(Runtime& rt, const uint32_t* chars, int64_t n) {
    if (n == 0) return unicode_new(rt, 0, 0);
    if (n == 1 && chars[0] < 256) return latin1_char(rt, static_cast<uint8_t>(chars[0]));
    uint32_t maxchar = 0;
    for (int64_t i = 0; i < n; ++i) maxchar = chars[i] > maxchar ? chars[i] : maxchar;
    PyObject* o = unicode_new(rt, n, maxchar);
    if (o == nullptr) return nullptr;
    const int kind = unicode_kind(rt, o);
    auto* data = static_cast<unsigned char*>(unicode_data(rt, o));
    for (int64_t i = 0; i < n; ++i) write_char(data, kind, i, chars[i]);
    return o;
}

PyObject* unicode_from_ordinal(Runtime& rt, uint32_t ch) { return unicode_from_ucs4(rt, &ch, 1); }

bool utf8_is_valid(std::string_view utf8) {
    std::vector<uint32_t> cps;
    return decode_utf8(utf8, cps);
}

PyObject* unicode_from_utf8(Runtime& rt, std::string_view utf8) {
    std::vector<uint32_t> cps;
    if (!decode_utf8(utf8, cps)) return nullptr;
    const auto n = static_cast<int64_t>(cps.size());
    if (!is_27(rt)) return unicode_from_ucs4(rt, cps.data(), n);
    // 2.7: PyUnicode_FromStringAndSize shares '' and one ASCII byte; PyUnicode_DecodeUTF8
    // sizes the object by the byte count, then shrinks it to the characters found.
    const auto bytes = static_cast<int64_t>(utf8.size());
    if (bytes == 0) return unicode_new27(rt, 0);
    if (bytes == 1) return latin1_char(rt, static_cast<uint8_t>(cps[0]));
    PyObject* o = unicode_new27(rt, bytes);
    if (o == nullptr) return nullptr;
    std::memcpy(u27(o)->str.p, cps.data(), static_cast<size_t>(n) * sizeof(uint32_t));
    if (!resize27(rt, o, n)) {
        rt.decref(o);
        return nullptr;
    }
    return o;
}

PyObject* unicode_resize_compact(Runtime& rt, PyObject* o, int64_t length) {
    const Profile& p = rt.profile();
    const int kind = kind3(o);
    const auto request = static_cast<size_t>(header3(p, o) + (length + 1) * kind);
    rt.note_forgotten(o);
    auto* moved = static_cast<PyObject*>(rt.obj_realloc(o, request));
    if (moved == nullptr) {
        rt.note_alive(o);
        return nullptr;
    }
    rt.note_alive(moved);
    ascii_of(moved)->length = length;
    write_char(data3(p, moved), kind, length, 0);
    // Up to 3.11 a UCS-4 string's wstr is its own buffer, which moved with it.
    if (has_wstr(p) && !ascii3(moved) && kind == PyUnicode_4BYTE_KIND) {
        field<Slot<void>>(moved, kWstrOffset) = {data3(p, moved)};
        field<Py_ssize_t>(moved, wstr_length_offset(p)) = length;
    }
    return moved;
}

int64_t unicode_length(const PyObject* o) { return reinterpret_cast<const PyASCIIObject*>(o)->length; }

int unicode_kind(const Runtime& rt, const PyObject* o) { return is_27(rt) ? PyUnicode_4BYTE_KIND : kind3(o); }

bool unicode_is_ascii(const Runtime& rt, const PyObject* o) {
    if (!is_27(rt)) return ascii3(o);
    for (int64_t i = 0; i < unicode_length(o); ++i)
        if (u27(o)->str.p[i] >= 128) return false;
    return true;
}

void* unicode_data(const Runtime& rt, PyObject* o) {
    return is_27(rt) ? static_cast<void*>(u27(o)->str.p) : data3(rt.profile(), o);
}
const void* unicode_data(const Runtime& rt, const PyObject* o) {
    return is_27(rt) ? static_cast<const void*>(u27(o)->str.p) : data3(rt.profile(), o);
}

uint32_t unicode_read(const Runtime& rt, const PyObject* o, int64_t i) {
    const auto* data = static_cast<const unsigned char*>(unicode_data(rt, o));
    switch (unicode_kind(rt, o)) {
        case PyUnicode_1BYTE_KIND: return data[i];
        case PyUnicode_2BYTE_KIND: return reinterpret_cast<const uint16_t*>(data)[i];
        default: return reinterpret_cast<const uint32_t*>(data)[i];
    }
}

std::string unicode_as_utf8(const Runtime& rt, const PyObject* o) {
    std::string out;
    for (int64_t i = 0; i < unicode_length(o); ++i) utf8_append(out, unicode_read(rt, o, i));
    return out;
}

Py_hash_t unicode_hash(Runtime& rt, PyObject* o) {
    if (is_27(rt)) {
        PyUnicodeObject27* u = u27(o);
        if (u->hash == -1) u->hash = hash_units_27(u->str.p, static_cast<size_t>(u->length));
        return u->hash;
    }
    PyASCIIObject* a = ascii_of(o);
    if (a->hash == -1) a->hash = hash_bytes(rt.profile(), data3(rt.profile(), o), static_cast<size_t>(a->length * kind3(o)));
    return a->hash;
}

bool unicode_equal(const Runtime& rt, const PyObject* a, const PyObject* b) {
    if (a == b) return true;
    if (unicode_length(a) != unicode_length(b) || unicode_kind(rt, a) != unicode_kind(rt, b)) return false;
    return std::memcmp(unicode_data(rt, a), unicode_data(rt, b),
                       static_cast<size_t>(unicode_length(a) * unicode_kind(rt, a))) == 0;
}

int64_t unicode_sizeof(const Runtime& rt, const PyObject* o) {
    if (is_27(rt)) return static_cast<int64_t>(sizeof(PyUnicodeObject27) + buffer_bytes27(unicode_length(o)));
    const Profile& p = rt.profile();
    const int64_t length = unicode_length(o);
    int64_t size = header3(p, o) + (length + 1) * kind3(o);
    if (!ascii3(o)) {
        // _PyUnicode_HAS_UTF8_MEMORY; the wstr buffer is never separate here (see fill_header3).
        const char* utf8 = field<Slot<char>>(o, utf8_offset(p)).p;
        if (utf8 != nullptr && utf8 != reinterpret_cast<const char*>(data3(p, o)))
            size += field<Py_ssize_t>(o, utf8_length_offset(p)) + 1;
    }
    return size;
}

int unicode_state_interned(const PyObject* o) { return static_cast<int>(ascii_of(o)->state & kStateInternedMask); }

const void* unicode_buffer_27(const PyObject* o) { return u27(o)->str.p; }

int unicode_clear_free_list(Runtime& rt) {
    if (!is_27(rt)) return 0;
    StrState& s = state_of(rt);
    int freed = 0;
    while (s.free_list != nullptr) {
        PyObject* o = s.free_list;
        s.free_list = reinterpret_cast<PyObject*>(static_cast<uintptr_t>(o->ob_refcnt));
        if (u27(o)->str.p != nullptr) rt.obj_free(u27(o)->str.p);
        rt.obj_free(o);
        ++freed;
    }
    s.numfree = 0;
    return freed;
}

void unicode_free_list_blocks(const Runtime& rt, blockproc visit, void* arg) {
    for (PyObject* o = rt.builtins().str_state.free_list; o != nullptr;
         o = reinterpret_cast<PyObject*>(static_cast<uintptr_t>(o->ob_refcnt))) {
        visit(o, arg);
        if (u27(o)->str.p != nullptr) visit(u27(o)->str.p, arg);
    }
}

// ==== the profile's str =======================================================================

PyObject* str_from_utf8(Runtime& rt, std::string_view utf8) {
    return is_27(rt) ? bytes_from_string(rt, utf8) : unicode_from_utf8(rt, utf8);
}

std::string str_as_utf8(const Runtime& rt, const PyObject* s) {
    if (s == nullptr) return {};
    if (Py_TYPE(s) == rt.builtins().unicode_type) return unicode_as_utf8(rt, s);
    return std::string(bytes_view(rt, s));
}

bool str_check(const Runtime& rt, const PyObject* o) { return Py_TYPE(o) == rt.builtins().str_type; }

Py_hash_t str_hash(Runtime& rt, PyObject* o) { return is_27(rt) ? bytes_hash(rt, o) : unicode_hash(rt, o); }

bool str_equal(const Runtime& rt, const PyObject* a, const PyObject* b) {
    return is_27(rt) ? bytes_equal(rt, a, b) : unicode_equal(rt, a, b);
}

bool str_equals_ascii(const Runtime& rt, const PyObject* o, std::string_view name) {
    if (!str_check(rt, o)) return false;
    if (is_27(rt)) return bytes_view(rt, o) == name;
    if (unicode_length(o) != static_cast<int64_t>(name.size()) || !unicode_is_ascii(rt, o)) return false;
    return std::memcmp(unicode_data(rt, o), name.data(), name.size()) == 0;
}

std::string_view str_ascii_view(const Runtime& rt, const PyObject* o) {
    if (!str_check(rt, o)) return {};
    if (is_27(rt)) {
        const std::string_view text = bytes_view(rt, o);
        return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })
                   ? text
                   : std::string_view{};
    }
    if (!unicode_is_ascii(rt, o)) return {};
    return {static_cast<const char*>(unicode_data(rt, o)), static_cast<size_t>(unicode_length(o))};
}

// 3.x hashes an ASCII str's one-byte buffer; a 2.7 str is bytes: the same call either way.
Py_hash_t str_hash_ascii(const Profile& p, std::string_view name) { return hash_bytes(p, name.data(), name.size()); }

int64_t str_sizeof(const Runtime& rt, const PyObject* o) {
    return is_27(rt) ? bytes_sizeof(rt, o) : unicode_sizeof(rt, o);
}

// ==== interning ===============================================================================

void str_intern_in_place(Runtime& rt, PyObject** p) { intern(rt, p, false); }
void str_intern_immortal(Runtime& rt, PyObject** p) { intern(rt, p, true); }

void str_intern_code_name(Runtime& rt, PyObject** p) { intern(rt, p, rt.profile().at_least(3, 13)); }

bool str_intern_code_constant(Runtime& rt, PyObject** p) {
    if (!str_all_name_chars(rt, *p)) return false;
    intern(rt, p, false);
    return true;
}

bool str_all_name_chars(const Runtime& rt, const PyObject* o) {
    if (!is_27(rt) && !ascii3(o)) return false;
    const auto* s = is_27(rt) ? reinterpret_cast<const unsigned char*>(bytes_data(rt, o)) : data3(rt.profile(), o);
    const int64_t n = is_27(rt) ? bytes_size(o) : unicode_length(o);
    for (int64_t i = 0; i < n; ++i) {
        const unsigned char c = s[i];
        const bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        if (!alnum && c != '_') return false;
    }
    return true;
}

int str_interned_state(const Runtime& rt, const PyObject* o) {
    if (!str_check(rt, o)) return SSTATE_NOT_INTERNED;  // 2.7's unicode is never interned
    return is_27(rt) ? bytes_sstate_27(o) : unicode_state_interned(o);
}

PyObject* str_interned_lookup(const Runtime& rt, const PyObject* o) {
    if (!str_check(rt, o)) return nullptr;
    const auto& table = rt.builtins().str_state.interned;
    auto it = table.find(intern_key(rt, o));
    return it == table.end() ? nullptr : it->second;
}

PyObject* str_interned_ascii(const Runtime& rt, std::string_view text) {
    for (const char c : text)
        if (static_cast<unsigned char>(c) >= 0x80) return nullptr;  // not ASCII: not this key
    const auto& table = rt.builtins().str_state.interned;
    // intern_key of an ASCII str: 3.x its kind (1) then its bytes; 2.7 its bytes.
    auto it = table.find(is_27(rt) ? std::string(text) : std::string(1, '\x01').append(text));
    return it == table.end() ? nullptr : it->second;
}

PyObject* str_intern_ascii(Runtime& rt, std::string_view text) {
    if (PyObject* s = str_interned_ascii(rt, text)) {
        rt.incref(s);
        return s;
    }
    PyObject* s = str_from_utf8(rt, text);
    if (s != nullptr) str_intern_in_place(rt, &s);
    return s;
}

PyObject* str_anon_string(Runtime& rt) {
    PyObject*& s = state_of(rt).anon_string;
    if (s == nullptr && !is_27(rt)) {
        constexpr std::string_view kText = "<string>";
        if (rt.profile().at_least(3, 11)) {
            s = new_static3(rt, static_cast<int64_t>(kText.size()), 127, 0);
            std::memcpy(data3(rt.profile(), s), kText.data(), kText.size());
            // 3.11's start-up (site) compiles five code objects from strings that stay alive:
            // getrefcount of eval("lambda: 0").__code__.co_filename is 999999999 + 7 under
            // `python -s` (`-S`: + 2).
            constexpr int32_t kStartupRefs311 = 5;
            if (rt.profile().version_number == 311 && rt.held_startup_refs != nullptr)
                rt.add_external_refs(s, kStartupRefs311);
        } else {
            s = str_intern_ascii(rt, kText);  // the identifier's reference
        }
        if (s == nullptr) return nullptr;
    }
    if (s != nullptr) rt.incref(s);
    return s;
}

int64_t str_interned_count(const Runtime& rt) { return static_cast<int64_t>(rt.builtins().str_state.interned.size()); }

void str_interned_forget(Runtime& rt, PyObject* o) {
    rt.type_lookup_cache_clear();  // its entries name this string
    auto& table = state_of(rt).interned;
    auto it = table.find(intern_key(rt, o));
    if (it != table.end() && it->second == o) table.erase(it);
}

}  // namespace pymemlab
