// PyObject and PyVarObject: the header every modelled object starts with, at a 64-bit CPython's
// offsets on every host (ob_refcnt at 0, ob_type at 8, ob_size at 16), so a block's hex view
// and every size stay true under wasm32. Reference counting lives in runtime.h; types in type.h.
#pragma once

#include <cstddef>
#include <cstdint>

namespace pymemlab {

using Py_ssize_t = int64_t;  // a 64-bit CPython's, on every host

struct PyTypeObject;

struct PyObject {
    Py_ssize_t ob_refcnt;
    PyTypeObject* ob_type;
#if UINTPTR_MAX == 0xffffffffu
    uint32_t ob_type_high;  // a wasm32 pointer is 4 bytes: pad the slot to CPython's 8
#endif
};
static_assert(sizeof(PyObject) == 16 && offsetof(PyObject, ob_type) == 8);

struct PyVarObject {
    PyObject ob_base;
    Py_ssize_t ob_size;  // items, for variable-size objects
};
static_assert(sizeof(PyVarObject) == 24);

// The request an object type makes: CPython's measured tp_basicsize for the profile
// (profile/type_sizes.h), but never less than the host struct's bytes the profile uses. A struct
// whose later fields an older version lacks puts them last, and its type passes the size up to
// them for that version (the function, module, builtin function and classmethod structs).
inline int64_t model_basicsize(int64_t measured, size_t host) {
    return measured > static_cast<int64_t>(host) ? measured : static_cast<int64_t>(host);
}

inline PyTypeObject* Py_TYPE(const PyObject* o) { return o->ob_type; }
inline Py_ssize_t Py_SIZE(const PyObject* o) { return reinterpret_cast<const PyVarObject*>(o)->ob_size; }
inline void Py_SET_SIZE(PyObject* o, Py_ssize_t n) { reinterpret_cast<PyVarObject*>(o)->ob_size = n; }

// A pointer field of a modelled object: 8 bytes on every host, like ob_type above.
template <class T>
struct Slot {
    T* p = nullptr;
#if UINTPTR_MAX == 0xffffffffu
    uint32_t high = 0;
#endif
};
static_assert(sizeof(Slot<PyObject>) == 8);

}  // namespace pymemlab
