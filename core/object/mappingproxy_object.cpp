// mappingproxy: creation, release, and each read forwarded to the mapping as descrobject.c's
// mappingproxy_* functions forward it (the methods by calling the mapping's own).
#include "object/mappingproxy_object.h"

#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

PyObject* mapping_of(PyObject* self) { return reinterpret_cast<MappingProxyObject*>(self)->mapping.p; }

void mappingproxy_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    rt.decref(mapping_of(self));
    rt.free_object(self);
}

void mappingproxy_traverse(PyObject* self, visitproc visit, void* arg) { visit(mapping_of(self), arg); }

Py_ssize_t mappingproxy_len(Runtime& rt, PyObject* self) { return object_length(rt, mapping_of(self)); }

PyObject* mappingproxy_getitem(Runtime& rt, PyObject* self, PyObject* key) {
    return object_getitem(rt, mapping_of(self), key);
}

int mappingproxy_contains(Runtime& rt, PyObject* self, PyObject* key) {
    return sequence_contains(rt, mapping_of(self), key);
}

PyObject* mappingproxy_iter(Runtime& rt, PyObject* self) { return object_get_iter(rt, mapping_of(self)); }

PyObject* mappingproxy_richcompare(Runtime& rt, PyObject* self, PyObject* other, int op) {
    return object_richcompare(rt, mapping_of(self), other, op);
}

// 3.x: mappingproxy({...}); 2.7: dict_proxy({...}).
PyObject* mappingproxy_repr(Runtime& rt, PyObject* self) {
    std::string text;
    if (!object_repr_utf8(rt, mapping_of(self), &text)) return nullptr;
    return str_from_utf8(rt, std::string(rt.profile().major == 2 ? "dict_proxy(" : "mappingproxy(") + text + ")");
}

// get, keys, values, items, copy: the mapping's method of the same name, called.
template <const char* Name>
PyObject* forward(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject*) {
    return object_call_method(rt, mapping_of(self), Name, args, nargs);
}
constexpr char kGet[] = "get", kKeys[] = "keys", kValues[] = "values", kItems[] = "items", kCopy[] = "copy";

const PyMethodDef kMappingProxyMethods[] = {
    {"get", forward<kGet>, METH_VARARGS},       {"keys", forward<kKeys>, METH_VARARGS},
    {"values", forward<kValues>, METH_VARARGS}, {"items", forward<kItems>, METH_VARARGS},
    {"copy", forward<kCopy>, METH_VARARGS},     {nullptr, nullptr, 0},
};

}  // namespace

void init_mappingproxy_type(Runtime& rt) {
    const int64_t size = model_basicsize(type_sizes(rt.profile()).mappingproxy, sizeof(MappingProxyObject));
    PyTypeObject* t = new_static_type(rt, rt.profile().major == 2 ? "dictproxy" : "mappingproxy", size, 0,
                                      {.dealloc = mappingproxy_dealloc, .traverse = mappingproxy_traverse});
    t->tp_as_mapping.mp_length = mappingproxy_len;
    t->tp_as_mapping.mp_subscript = mappingproxy_getitem;
    t->tp_as_sequence.sq_contains = mappingproxy_contains;
    t->tp_iter = mappingproxy_iter;
    t->tp_richcompare = mappingproxy_richcompare;
    t->tp_repr = mappingproxy_repr;
    t->tp_methods = kMappingProxyMethods;
    rt.builtins().mappingproxy_type = t;
}

PyObject* mappingproxy_new(Runtime& rt, PyObject* mapping) {
    PyTypeObject* type = rt.builtins().mappingproxy_type;
    PyObject* o = rt.alloc_gc_object(type, static_cast<size_t>(type->tp_basicsize));
    if (o == nullptr) return err_no_memory(rt);
    rt.incref(mapping);
    reinterpret_cast<MappingProxyObject*>(o)->mapping.p = mapping;
    rt.gc_track(o);
    return o;
}

}  // namespace pymemlab
