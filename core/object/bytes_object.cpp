// bytes (and 2.7's str): creation through the singletons as PyBytes_FromStringAndSize and
// PyString_FromStringAndSize do, the cached hash, dealloc (2.7: leaving the interned table).
#include "object/bytes_object.h"

#include <cstring>

#include "object/builtins.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/text_internal.h"

namespace pymemlab {

namespace {

bool is_27(const Runtime& rt) { return rt.profile().major == 2; }
// From 3.11 the singletons are static objects in _PyRuntime; before, heap objects.
bool static_singletons(const Profile& p) { return p.at_least(3, 11); }
// 3.10 makes b'' in _PyBytes_Init; 3.6-3.8 and 2.7 on the first request for one.
bool empty_made_at_init(const Profile& p) { return p.at_least(3, 10); }

int64_t object_size(const Runtime& rt) { return is_27(rt) ? kPyStringObjectSize : kPyBytesObjectSize; }
int64_t data_offset(const Runtime& rt) { return object_size(rt) - 1; }

void set_hash(const Runtime& rt, PyObject* o, Py_hash_t h) {
    if (is_27(rt))
        reinterpret_cast<PyStringObject*>(o)->ob_shash = h;
    else
        reinterpret_cast<PyBytesObject*>(o)->ob_shash = h;
}

Py_hash_t cached_hash(const Runtime& rt, const PyObject* o) {
    return is_27(rt) ? reinterpret_cast<const PyStringObject*>(o)->ob_shash
                     : reinterpret_cast<const PyBytesObject*>(o)->ob_shash;
}

// Fills a fresh object's header and NUL: the hash not yet computed, not interned.
void init_fields(const Runtime& rt, PyObject* o, int64_t n) {
    Py_SET_SIZE(o, n);
    set_hash(rt, o, -1);
    if (is_27(rt)) reinterpret_cast<PyStringObject*>(o)->ob_sstate = SSTATE_NOT_INTERNED;
    bytes_data(rt, o)[n] = '\0';
}

// _PyBytes_FromSize / the allocation in PyString_FromStringAndSize: SIZE + n bytes.
PyObject* allocate(Runtime& rt, int64_t n) {
    PyObject* o = rt.alloc_object(rt.builtins().bytes_type, static_cast<size_t>(object_size(rt) + n));
    if (o != nullptr) init_fields(rt, o, n);
    return o;
}

PyObject* make_static(Runtime& rt, const void* data, int64_t n) {
    PyObject* o = rt.static_object(rt.builtins().bytes_type, static_cast<size_t>(object_size(rt) + n));
    init_fields(rt, o, n);
    if (n > 0) std::memcpy(bytes_data(rt, o), data, static_cast<size_t>(n));
    rt.make_static_refcount(o, true);  // a runtime singleton (_Py_SINGLETON)
    return o;
}

// Keeps a new singleton in the cache, which owns a reference to it. 2.7 interns it first (and
// so may get back an equal string interned earlier, which then becomes the singleton).
PyObject* remember(Runtime& rt, PyObject*& slot, PyObject* o) {
    if (is_27(rt)) str_intern_in_place(rt, &o);
    slot = o;
    rt.incref(o);
    return o;
}

PyObject* empty_singleton(Runtime& rt) {
    BytesState& s = rt.builtins().bytes_state;
    if (s.empty == nullptr) {
        PyObject* o = allocate(rt, 0);
        if (o == nullptr) return nullptr;
        return remember(rt, s.empty, o);
    }
    rt.incref(s.empty);
    return s.empty;
}

void bytes_dealloc(Runtime& rt, PyObject* o) {
    // string_dealloc: a mortal interned str leaves the interned table on its way out.
    if (is_27(rt) && bytes_sstate_27(o) == SSTATE_INTERNED_MORTAL) str_interned_forget(rt, o);
    rt.free_object(o);
}

}  // namespace

void init_bytes_type(Runtime& rt) {
    const Profile& p = rt.profile();
    Builtins& b = rt.builtins();
    // In 2.7 this type is `str`, and `bytes` is another name for it.
    PyTypeObject* type =
        new_static_type(rt, is_27(rt) ? "str" : "bytes", object_size(rt), 1, {.dealloc = bytes_dealloc});
    b.bytes_type = type;
    if (is_27(rt)) b.str_type = type;
    init_bytes_slots(rt, type);

    BytesState& s = b.bytes_state;
    if (static_singletons(p)) {
        s.empty = make_static(rt, nullptr, 0);
        for (int c = 0; c < 256; ++c) {
            const auto byte = static_cast<unsigned char>(c);
            s.characters[c] = make_static(rt, &byte, 1);
        }
    } else if (empty_made_at_init(p)) {
        rt.decref(empty_singleton(rt));  // the cache keeps its own reference
    }
}

PyObject* bytes_new(Runtime& rt, int64_t n) {
    if (n == 0) return empty_singleton(rt);
    return allocate(rt, n);
}

PyObject* bytes_new_uncached(Runtime& rt, int64_t n) { return allocate(rt, n); }

PyObject* bytes_resize(Runtime& rt, PyObject* o, int64_t n) {
    rt.note_forgotten(o);
    auto* moved = static_cast<PyObject*>(rt.obj_realloc(o, static_cast<size_t>(object_size(rt) + n)));
    if (moved == nullptr) {
        rt.note_alive(o);
        return nullptr;
    }
    rt.note_alive(moved);
    Py_SET_SIZE(moved, n);
    set_hash(rt, moved, -1);
    bytes_data(rt, moved)[n] = '\0';
    return moved;
}

PyObject* bytes_from_data(Runtime& rt, const void* data, int64_t n) {
    BytesState& s = rt.builtins().bytes_state;
    if (n == 0) return empty_singleton(rt);
    if (n == 1) {
        PyObject*& slot = s.characters[*static_cast<const unsigned char*>(data)];
        if (slot != nullptr) {
            rt.incref(slot);
            return slot;
        }
    }
    PyObject* o = allocate(rt, n);
    if (o == nullptr) return nullptr;
    std::memcpy(bytes_data(rt, o), data, static_cast<size_t>(n));
    if (n == 1) {
        const auto ch = *static_cast<const unsigned char*>(data);
        o = remember(rt, s.characters[ch], o);
        if (is_27(rt)) rt.note_char_made(o, ch);  // 2.7's str: CPython's start-up may hold it
    }
    return o;
}

int64_t bytes_size(const PyObject* o) { return Py_SIZE(o); }

char* bytes_data(const Runtime& rt, PyObject* o) { return reinterpret_cast<char*>(o) + data_offset(rt); }
const char* bytes_data(const Runtime& rt, const PyObject* o) {
    return reinterpret_cast<const char*>(o) + data_offset(rt);
}

Py_hash_t bytes_hash(Runtime& rt, PyObject* o) {
    Py_hash_t h = cached_hash(rt, o);
    if (h == -1) {
        h = hash_bytes(rt.profile(), bytes_data(rt, o), static_cast<size_t>(bytes_size(o)));
        set_hash(rt, o, h);
    }
    return h;
}

bool bytes_equal(const Runtime& rt, const PyObject* a, const PyObject* b) {
    if (a == b) return true;
    return bytes_size(a) == bytes_size(b) &&
           std::memcmp(bytes_data(rt, a), bytes_data(rt, b), static_cast<size_t>(bytes_size(a))) == 0;
}

int64_t bytes_sizeof(const Runtime& rt, const PyObject* o) { return object_size(rt) + bytes_size(o); }

int bytes_sstate_27(const PyObject* o) { return reinterpret_cast<const PyStringObject*>(o)->ob_sstate; }
void bytes_set_sstate_27(PyObject* o, int state) { reinterpret_cast<PyStringObject*>(o)->ob_sstate = state; }

}  // namespace pymemlab
