// bytes: PyBytesObject (3.x, Objects/bytesobject.c) and 2.7's PyStringObject (the 2.7 `str`,
// which `bytes` names too, Objects/stringobject.c): one block holding the header, the bytes and
// a NUL, the empty singleton and the one-byte cache. 2.7's str interning lives with the 3.x str
// interning in str_object.h; the hash functions in hash.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "object/hash.h"
#include "object/object.h"

namespace pymemlab {

class Runtime;

// 3.x: the header, then the bytes and a NUL. ob_shash caches the hash (-1: not yet computed);
// 3.11 deprecated the field but still fills it.
struct PyBytesObject {
    PyVarObject ob_base;
    Py_hash_t ob_shash;
    char ob_sval[1];
};
static_assert(offsetof(PyBytesObject, ob_shash) == 24 && offsetof(PyBytesObject, ob_sval) == 32);

// 2.7: the same with ob_sstate (SSTATE_* of str_object.h) between the hash and the bytes.
struct PyStringObject {
    PyVarObject ob_base;
    int64_t ob_shash;  // a C long
    int32_t ob_sstate;
    char ob_sval[1];
};
static_assert(offsetof(PyStringObject, ob_sstate) == 32 && offsetof(PyStringObject, ob_sval) == 36);

// PyBytesObject_SIZE and PyStringObject_SIZE: the header plus the NUL. An object of n bytes
// asks for SIZE + n, and sys.getsizeof reports exactly that (33/34/36 for b''/b'a'/b'abc';
// 2.7: 37/38/40 for ''/'a'/'abc'; measured).
constexpr int64_t kPyBytesObjectSize = offsetof(PyBytesObject, ob_sval) + 1;
constexpr int64_t kPyStringObjectSize = offsetof(PyStringObject, ob_sval) + 1;
static_assert(kPyBytesObjectSize == 33 && kPyStringObjectSize == 37);

// The singletons. Up to 3.10 (and in 2.7) they are heap objects the cache holds a reference
// to: b'' made at start-up in 3.10 and on first use before, each one-byte object on first
// use. From 3.11 all 257 are static, in the data segment (_Py_SINGLETON(bytes_empty),
// bytes_characters[256]).
struct BytesState {
    PyObject* empty = nullptr;
    PyObject* characters[256] = {};
};

void init_bytes_type(Runtime& rt);

// PyBytes_FromStringAndSize(data, n) (2.7: PyString_FromStringAndSize): the empty singleton
// for n == 0, the cached object for one byte, else a new object holding a copy. In 2.7 the
// singletons are interned as they are made. nullptr on MemoryError.
PyObject* bytes_from_data(Runtime& rt, const void* data, int64_t n);
inline PyObject* bytes_from_string(Runtime& rt, std::string_view s) {
    return bytes_from_data(rt, s.data(), static_cast<int64_t>(s.size()));
}
// PyBytes_FromStringAndSize(NULL, n): an object for the caller to fill; never a cached one
// (the empty singleton for n == 0). nullptr on MemoryError.
PyObject* bytes_new(Runtime& rt, int64_t n);
// An object of n bytes made by PyObject_Malloc directly, as bytes_repeat and 2.7's
// string_repeat make theirs: never a singleton, even for n == 0. nullptr on MemoryError.
PyObject* bytes_new_uncached(Runtime& rt, int64_t n);
// _PyBytes_Resize / 2.7's _PyString_Resize of an object whose one reference is the caller's:
// the block reallocated for n bytes, the hash reset, NUL written. Returns the new address, or
// nullptr on MemoryError with the object unchanged.
PyObject* bytes_resize(Runtime& rt, PyObject* o, int64_t n);

int64_t bytes_size(const PyObject* o);
char* bytes_data(const Runtime& rt, PyObject* o);
const char* bytes_data(const Runtime& rt, const PyObject* o);
inline std::string_view bytes_view(const Runtime& rt, const PyObject* o) {
    return {bytes_data(rt, o), static_cast<size_t>(bytes_size(o))};
}
// The cached hash, computed on first use (bytes_hash / string_hash).
Py_hash_t bytes_hash(Runtime& rt, PyObject* o);
bool bytes_equal(const Runtime& rt, const PyObject* a, const PyObject* b);
// sys.getsizeof: SIZE + n, which is also the request handed to pymalloc.
int64_t bytes_sizeof(const Runtime& rt, const PyObject* o);

// 2.7: the str's interned state (SSTATE_*), kept in ob_sstate.
int bytes_sstate_27(const PyObject* o);
void bytes_set_sstate_27(PyObject* o, int state);

}  // namespace pymemlab
