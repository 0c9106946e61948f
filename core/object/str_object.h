// str: the unicode type of each profile (Objects/unicodeobject.c): 3.x's PEP 393 compact strings
// (header, 1/2/4-byte characters and NUL in one block), 2.7's unicode (48-byte object, UCS-4
// buffer, free list), their caches, and interning of the profile's str (2.7: bytes_object.h).
// Not modelled: legacy strings, heap strings' utf8/wstr caches, methods. Hashes: hash.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "object/hash.h"
#include "object/object.h"
#include "object/type.h"

namespace pymemlab {

class Runtime;

// PyUnicode_Kind: bytes per character of a 3.x string's buffer.
enum UnicodeKind : int { PyUnicode_1BYTE_KIND = 1, PyUnicode_2BYTE_KIND = 2, PyUnicode_4BYTE_KIND = 4 };

// The interned state (state.interned in 3.x, ob_sstate of 2.7's str). 3 exists from 3.12.
constexpr int SSTATE_NOT_INTERNED = 0;
constexpr int SSTATE_INTERNED_MORTAL = 1;
constexpr int SSTATE_INTERNED_IMMORTAL = 2;
constexpr int SSTATE_INTERNED_IMMORTAL_STATIC = 3;

// ---- 3.x: PEP 393 -----------------------------------------------------------------------------
// The part of PyASCIIObject every 3.x profile shares. The state word holds bit-fields; GCC and
// Clang put them, on x86-64 as on wasm32, at the bits below (checked with a C probe against
// each pyenv build's headers): interned:2, kind:3, compact:1, ascii:1, then ready:1 up to 3.11
// or statically_allocated:1 from 3.12.
struct PyASCIIObject {
    PyObject ob_base;
    Py_ssize_t length;  // code points
    Py_hash_t hash;     // -1 until computed
    uint32_t state;
    uint32_t padding;
};
static_assert(offsetof(PyASCIIObject, length) == 16 && offsetof(PyASCIIObject, hash) == 24 &&
              offsetof(PyASCIIObject, state) == 32 && sizeof(PyASCIIObject) == 40);

constexpr uint32_t kStateInternedMask = 0x03;
constexpr uint32_t kStateKindShift = 2;
constexpr uint32_t kStateKindMask = 0x1c;
constexpr uint32_t kStateCompact = 0x20;
constexpr uint32_t kStateAscii = 0x40;
constexpr uint32_t kStateReady = 0x80;    // up to 3.11
constexpr uint32_t kStateStatic = 0x80;   // from 3.12: statically_allocated
static_assert((PyUnicode_4BYTE_KIND << kStateKindShift) == 0x10 && (kStateKindMask >> kStateKindShift) == 7);

// The headers, per profile. Up to 3.11 PyASCIIObject ends with wchar_t *wstr (48 bytes) and
// PyCompactUnicodeObject adds utf8_length, utf8 and wstr_length (72); 3.12 (PEP 623) dropped
// wstr: 40 and 56. The characters follow the header: getsizeof("") is 49 up to 3.11, 41 after.
constexpr int64_t kAsciiHeaderWithWstr = 48;
constexpr int64_t kCompactHeaderWithWstr = 72;
constexpr int64_t kAsciiHeader = 40;
constexpr int64_t kCompactHeader = 56;
static_assert(kAsciiHeaderWithWstr + 1 == 49 && kAsciiHeader + 1 == 41);
static_assert(kCompactHeaderWithWstr == kAsciiHeaderWithWstr + 3 * 8 && kCompactHeader == kAsciiHeader + 2 * 8);

// ---- 2.7: PyUnicodeObject ---------------------------------------------------------------------
// A fixed 48-byte object; the characters (Py_UNICODE, 4 bytes on the UCS-4 builds Linux
// distributions and pyenv make) live in a second pymalloc block of (length + 1) * 4 bytes.
struct PyUnicodeObject27 {
    PyObject ob_base;
    Py_ssize_t length;
    Slot<uint32_t> str;
    int64_t hash;             // a C long; -1 until computed
    Slot<PyObject> defenc;    // the default-encoded str, made on demand (never, here)
};
static_assert(sizeof(PyUnicodeObject27) == 48 && offsetof(PyUnicodeObject27, str) == 24);
constexpr int64_t kPyUnicode27CharBytes = 4;
// Freed unicode objects are kept, up to 1024 (PyUnicode_MAXFREELIST), with their buffer when
// the string was shorter than 9 characters (KEEPALIVE_SIZE_LIMIT); a reused object only grows
// its buffer, never shrinks it.
constexpr int kUnicodeMaxFreeList27 = 1024;
constexpr int64_t kKeepAliveSizeLimit27 = 9;

// The caches and tables of the unicode type (and, for interning, of 2.7's str).
struct StrState {
    // '' (u'' in 2.7): a heap object made at start-up up to 3.10 (and in 2.7), static from 3.11.
    PyObject* empty = nullptr;
    // One-character strings U+0000-U+00FF: made on first use up to 3.10 and in 2.7 (the cache
    // owns a reference), all 256 static from 3.11.
    PyObject* latin1[256] = {};
    // 2.7's unicode free list, linked through each object's first word (ob_refcnt).
    PyObject* free_list = nullptr;
    int numfree = 0;
    // The interned strings, by content. CPython keeps a dict (3.12+: plus a hashtable for the
    // static strings); its own memory is not modelled here. Its two references to each mortal
    // entry are not counted in ob_refcnt, as in CPython.
    std::unordered_map<std::string, PyObject*> interned;
    // '<string>', the filename of what exec and eval compile (str_anon_string); made on first use.
    PyObject* anon_string = nullptr;
};

void init_str_type(Runtime& rt);

// ---- the unicode type (3.x str, 2.7 unicode) ---------------------------------------------------
// PyUnicode_New(size, maxchar) (3.x): a compact string of the narrowest kind that holds
// maxchar, its characters for the caller to fill; 2.7: _PyUnicode_New(size), from the free list
// when it has an object. The empty singleton for size 0. nullptr on MemoryError.
PyObject* unicode_new(Runtime& rt, int64_t size, uint32_t maxchar);
// The string of n code points, as PyUnicode_FromKindAndData and 2.7's PyUnicode_FromUnicode
// build it: '' and the latin-1 characters from their caches, others in one exact allocation.
// nullptr on MemoryError.
PyObject* unicode_from_ucs4(Runtime& rt, const uint32_t* chars, int64_t n);
// resize_compact (3.x): the object's block reallocated (pymalloc keeps it in place while the
// size class allows) to `length` code points of its kind, NUL written; the caller owns the only
// reference and fills the new characters. Returns the object's new address, or nullptr on
// MemoryError with the object unchanged.
PyObject* unicode_resize_compact(Runtime& rt, PyObject* o, int64_t length);
// chr(ch) (2.7: unichr).
PyObject* unicode_from_ordinal(Runtime& rt, uint32_t ch);
// PyUnicode_FromStringAndSize / PyUnicode_DecodeUTF8 of valid UTF-8 (surrogates are not):
// in 3.x the result of unicode_from_ucs4 (the decoder's intermediate buffers are not
// modelled); in 2.7 what the decoder leaves: one ASCII byte from the cache, else an object
// made for as many characters as there are bytes, its buffer then shrunk by realloc.
// nullptr on MemoryError or invalid UTF-8.
PyObject* unicode_from_utf8(Runtime& rt, std::string_view utf8);
bool utf8_is_valid(std::string_view utf8);

int64_t unicode_length(const PyObject* o);
int unicode_kind(const Runtime& rt, const PyObject* o);  // 2.7: 4, Py_UNICODE's size
bool unicode_is_ascii(const Runtime& rt, const PyObject* o);
void* unicode_data(const Runtime& rt, PyObject* o);
const void* unicode_data(const Runtime& rt, const PyObject* o);
uint32_t unicode_read(const Runtime& rt, const PyObject* o, int64_t i);
std::string unicode_as_utf8(const Runtime& rt, const PyObject* o);  // host copy; no cache made
// unicode_hash: computed on first use and kept in the hash field. 3.x hashes the PEP 393
// buffer (length * kind bytes), so 'é' hashes as b'\xe9' and '€' as b'\xac\x20'.
Py_hash_t unicode_hash(Runtime& rt, PyObject* o);
bool unicode_equal(const Runtime& rt, const PyObject* a, const PyObject* b);
// sys.getsizeof. 3.x: the header plus (length + 1) * kind, plus a utf8 buffer the object does
// not share (only the static latin-1 characters of 3.12+ have one): also the request size.
// 2.7: 48 + (length + 1) * 4, which counts the buffer block but not its own rounding.
int64_t unicode_sizeof(const Runtime& rt, const PyObject* o);
// 3.x: the interned state bits of the header (see SSTATE_*).
int unicode_state_interned(const PyObject* o);
// 2.7: the buffer block of a unicode object.
const void* unicode_buffer_27(const PyObject* o);
// PyUnicode_ClearFreeList (2.7, run by full collections): frees every object on the free
// list and its buffer. Returns how many objects it freed; 0 in 3.x.
int unicode_clear_free_list(Runtime& rt);
// For heap checkers: calls visit on each block the 2.7 free list keeps (objects and buffers).
void unicode_free_list_blocks(const Runtime& rt, blockproc visit, void* arg);

// ---- the profile's str (3.x: the unicode type; 2.7: PyStringObject) ----------------------------
// A str literal of the source text: 3.x decodes it; 2.7 keeps its bytes (a 2.7 "é" in a UTF-8
// file is the two-byte str '\xc3\xa9').
PyObject* str_from_utf8(Runtime& rt, std::string_view utf8);
// The text of a str of the profile (3.x unicode, 2.7 bytes) as host UTF-8; "" for nullptr.
std::string str_as_utf8(const Runtime& rt, const PyObject* s);
bool str_check(const Runtime& rt, const PyObject* o);
Py_hash_t str_hash(Runtime& rt, PyObject* o);
bool str_equal(const Runtime& rt, const PyObject* a, const PyObject* b);
// Whether o is a str (exactly) of the ASCII text `name`, and the hash such a str has: the lab's
// own lookups of names (dunders, module attributes) use them so as to make no str object.
bool str_equals_ascii(const Runtime& rt, const PyObject* o, std::string_view name);
// The text of a str (exactly) that is ASCII, as it lies in its block: no copy. Empty for
// anything else (and for ''): str_as_utf8 serves those.
std::string_view str_ascii_view(const Runtime& rt, const PyObject* o);
Py_hash_t str_hash_ascii(const Profile& p, std::string_view name);
int64_t str_sizeof(const Runtime& rt, const PyObject* o);

// ---- behaviour (str_type.cpp, str_search.cpp, str_methods.cpp, str_case.cpp, str_format.cpp,
// str_percent.cpp, str_iterator.cpp; bytes: bytes_type.cpp, bytes_methods.cpp, bytes_convert.cpp)
// The unicode type's slots and methods, and the bytes type's, are installed by init_str_type
// and init_bytes_type; init_text_type_dicts adds what needs finished types (str.maketrans and
// bytes.maketrans as static methods, bytes.fromhex as a class method).
void init_text_type_dicts(Runtime& rt);
// PyUnicode_Concat (3.x str + str; 2.7 coerces str operands): '' + s is s.
PyObject* unicode_concat(Runtime& rt, PyObject* a, PyObject* b);
// repr() of a str / unicode object and of a bytes / 2.7 str object.
PyObject* unicode_repr_object(Runtime& rt, PyObject* o);
PyObject* bytes_repr_object(Runtime& rt, PyObject* o);
// ceval's unicode_concatenate (3.x up to 3.10) and 2.7's string_concatenate, after the caller
// has released the variable the result is stored to: PyUnicode_Append (2.7: _PyString_Resize)
// grows `left` in place when its one reference is the caller's, else concatenates. Takes the
// caller's reference to `left`; returns a new reference or nullptr with an error set.
PyObject* str_concatenate_in_place(Runtime& rt, PyObject* left, PyObject* right);
// Whether the profile's evaluation loop concatenates `a + b` / `a += b` in place (both exact str
// of the profile, up to 3.10 and in 2.7).
bool str_concatenate_applies(const Runtime& rt, const PyObject* a, const PyObject* b);
// _PyUnicode_JoinArray with an empty separator, as BUILD_STRING uses it: one exact str is
// returned as is; otherwise a new string (never a cached one-character one).
PyObject* unicode_join_array(Runtime& rt, PyObject* const* items, int64_t n);

// ---- interning (PyUnicode_InternInPlace, PyString_InternInPlace) -------------------------------
// Replaces *p by the interned string equal to it, entering *p first if there is none: the
// reference *p held moves to the result. sys.intern() and the compiler's interning. What the
// entry costs: up to 3.11 and from 3.13 the string stays mortal and the table's two references
// are not counted (getrefcount is unchanged); 3.12 (3.12.0-3.12.5) makes it immortal.
void str_intern_in_place(Runtime& rt, PyObject** p);
// PyUnicode_InternImmortal (up to 3.11; 2.7: PyString_InternImmortal): interned and kept
// forever by one uncounted extra reference; 3.12+: immortal (_PyUnicode_InternImmortal).
void str_intern_immortal(Runtime& rt, PyObject** p);
// How code objects intern their strings, measured on each build: names (co_names, variable
// names) by str_intern_immortal from 3.13 and str_intern_in_place before; constants that look
// like identifiers (str_all_name_chars) by str_intern_in_place, others not at all. Returns
// whether the constant was interned.
void str_intern_code_name(Runtime& rt, PyObject** p);
bool str_intern_code_constant(Runtime& rt, PyObject** p);
// all_name_chars: only ASCII letters, digits and '_' ('' included).
bool str_all_name_chars(const Runtime& rt, const PyObject* o);
int str_interned_state(const Runtime& rt, const PyObject* o);
// The interned str of the ASCII `text`, borrowed, or nullptr when none is interned: how the lab's
// own name lookups find CPython's _Py_ID strings without making one.
PyObject* str_interned_ascii(const Runtime& rt, std::string_view text);
// A new reference to the interned str of the ASCII `text` (_Py_ID): the one interned already,
// else one made and interned. nullptr on MemoryError (no exception set).
PyObject* str_intern_ascii(Runtime& rt, std::string_view text);
inline bool str_is_interned(const Runtime& rt, const PyObject* o) { return str_interned_state(rt, o) != SSTATE_NOT_INTERNED; }
// The interned string equal to o, or nullptr (a borrowed reference).
PyObject* str_interned_lookup(const Runtime& rt, const PyObject* o);
int64_t str_interned_count(const Runtime& rt);
// '<string>', the filename exec and eval give what they compile from a source text, as a new
// reference: 3.6-3.10 an identifier (_Py_IDENTIFIER: interned on first use and kept by one
// reference of its own), 3.11+ a static string (_Py_STR(anon_string)); every code object made so
// shares it. nullptr in 2.7, whose compiler makes a str for each compilation, or on MemoryError.
PyObject* str_anon_string(Runtime& rt);
// For deallocators: removes a dying mortal interned string from the table.
void str_interned_forget(Runtime& rt, PyObject* o);

}  // namespace pymemlab
