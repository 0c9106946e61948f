// init_singletons: the types and objects of None, NotImplemented, Ellipsis, True and False.
#include "object/singletons.h"

#include "object/builtins.h"
#include "object/long_object.h"
#include "object/runtime.h"

namespace pymemlab {

namespace {

PyObject* plain_singleton(Runtime& rt, const char* type_name) {
    PyTypeObject* type = new_static_type(rt, type_name, sizeof(PyObject), 0);
    PyObject* o = rt.static_object(type, sizeof(PyObject));
    rt.make_static_refcount(o, false);
    return o;
}

// True is an int of one digit; False has none (up to 3.10 its object is 24 bytes; from 3.11
// every int has room for a digit, so both are 28).
PyObject* bool_object(Runtime& rt, PyTypeObject* type, int64_t value) {
    const size_t bytes = offsetof(PyLongObject, ob_digit) + sizeof(uint32_t);
    PyObject* o = rt.static_object(type, bytes);
    auto* l = reinterpret_cast<PyLongObject*>(o);
    l->ob_digit[0] = static_cast<uint32_t>(value);
    const int64_t ndigits = value != 0 ? 1 : 0;
    if (rt.profile().at_least(3, 12))
        l->ob_base.ob_size = (ndigits << 3) | (value != 0 ? 0 : 1);
    else
        l->ob_base.ob_size = ndigits;
    rt.make_static_refcount(o, false);
    return o;
}

}  // namespace

void init_singletons(Runtime& rt) {
    Singletons& s = rt.builtins().singletons;
    s.none = plain_singleton(rt, "NoneType");
    s.not_implemented = plain_singleton(rt, "NotImplementedType");
    s.ellipsis = plain_singleton(rt, "ellipsis");
    PyTypeObject* bool_type = new_static_type(rt, "bool", offsetof(PyLongObject, ob_digit), sizeof(uint32_t));
    bool_type->tp_base = rt.builtins().long_type;
    s.false_ = bool_object(rt, bool_type, 0);
    s.true_ = bool_object(rt, bool_type, 1);
}

PyObject* bool_from(Runtime& rt, bool value) {
    PyObject* o = value ? rt.builtins().singletons.true_ : rt.builtins().singletons.false_;
    rt.incref(o);
    return o;
}

int64_t singleton_sizeof(const Runtime& rt, const PyObject* o) {
    const Singletons& s = rt.builtins().singletons;
    // 2.7's bools are PyIntObjects: a header and a C long.
    if (o == s.true_ || o == s.false_) return rt.profile().major == 2 ? 24 : long_sizeof(rt, o);
    return sizeof(PyObject);
}

}  // namespace pymemlab
