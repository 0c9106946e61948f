// init_singletons: the types and objects of None, NotImplemented, Ellipsis, True and False, and
// bool's own slots (Objects/boolobject.c); bool takes the rest of int's.
#include "object/singletons.h"

#include "object/abstract.h"  // object_is_true, for bool(x)
#include "object/builtins.h"
#include "object/errors.h"
#include "object/long_arith.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/text_args.h"

namespace pymemlab {

namespace {

PyObject* plain_singleton(Runtime& rt, const char* type_name) {
    PyTypeObject* type = new_static_type(rt, type_name, sizeof(PyObject), 0);
    PyObject* o = rt.static_object(type, sizeof(PyObject));
    rt.make_static_refcount(o, false);
    return o;
}

// True is an int of one digit; False has none (up to 3.10 its object is 24 bytes; from 3.11
// every int has room for a digit, so both are 28). 2.7's bools are PyIntObjects.
PyObject* bool_object(Runtime& rt, PyTypeObject* type, int64_t value) {
    if (rt.profile().major == 2) {
        PyObject* o = rt.static_object(type, sizeof(PyIntObject));
        reinterpret_cast<PyIntObject*>(o)->ob_ival = value;
        rt.make_static_refcount(o, false);
        return o;
    }
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

bool is_bool(const Runtime& rt, const PyObject* o) {
    const Singletons& s = rt.builtins().singletons;
    return o == s.true_ || o == s.false_;
}

bool truth(const Runtime& rt, const PyObject* o) { return o == rt.builtins().singletons.true_; }

// & | ^ of two bools is a bool; with any other operand, int's slot decides.
PyObject* bool_and(Runtime& rt, PyObject* a, PyObject* b) {
    if (!is_bool(rt, a) || !is_bool(rt, b)) return rt.profile().major == 2 ? int27_and(rt, a, b) : long_and(rt, a, b);
    return bool_from(rt, truth(rt, a) && truth(rt, b));
}

PyObject* bool_or(Runtime& rt, PyObject* a, PyObject* b) {
    if (!is_bool(rt, a) || !is_bool(rt, b)) return rt.profile().major == 2 ? int27_or(rt, a, b) : long_or(rt, a, b);
    return bool_from(rt, truth(rt, a) || truth(rt, b));
}

PyObject* bool_xor(Runtime& rt, PyObject* a, PyObject* b) {
    if (!is_bool(rt, a) || !is_bool(rt, b)) return rt.profile().major == 2 ? int27_xor(rt, a, b) : long_xor(rt, a, b);
    return bool_from(rt, truth(rt, a) != truth(rt, b));
}

// repr(None), repr(NotImplemented), repr(Ellipsis) (none_repr, NotImplemented_repr, ellipsis_repr).
PyObject* singleton_repr(Runtime& rt, PyObject* v) {
    const Singletons& s = rt.builtins().singletons;
    PyObject* r = str_from_utf8(rt, v == s.none ? "None" : v == s.not_implemented ? "NotImplemented" : "Ellipsis");
    return r != nullptr ? r : err_no_memory(rt);
}

// none_new, NotImplemented_new, ellipsis_new (3.x): calling the type returns the singleton;
// 2.7 has no tp_new ("cannot create 'NoneType' instances").
PyObject* singleton_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (nargs > 0 || (kwnames != nullptr && Py_SIZE(kwnames) > 0))
        return err_format(rt, rt.builtins().exc.TypeError, "%s takes no arguments", type->tp_name);
    const Singletons& s = rt.builtins().singletons;
    for (PyObject* o : {s.none, s.not_implemented, s.ellipsis})
        if (Py_TYPE(o) == type) {
            rt.incref(o);
            return o;
        }
    return err_format(rt, rt.builtins().exc.TypeError, "cannot create '%s' instances", type->tp_name);
}

}  // namespace

void init_singletons(Runtime& rt) {
    Singletons& s = rt.builtins().singletons;
    s.none = plain_singleton(rt, "NoneType");
    s.not_implemented = plain_singleton(rt, "NotImplementedType");
    s.ellipsis = plain_singleton(rt, "ellipsis");
    for (PyObject* o : {s.none, s.not_implemented, s.ellipsis}) {
        Py_TYPE(o)->tp_repr = singleton_repr;
        if (rt.profile().major >= 3) Py_TYPE(o)->tp_new = singleton_tp_new;
    }
    PyTypeObject* int_type = rt.builtins().long_type;
    PyTypeObject* bool_type = rt.profile().major == 2
                                  ? new_static_type(rt, "bool", sizeof(PyIntObject), 0)
                                  : new_static_type(rt, "bool", offsetof(PyLongObject, ob_digit), sizeof(uint32_t));
    // bool subclasses int; its slots are int's but for these (type_ready would inherit the
    // rest, but bools are used before it runs).
    bool_type->tp_base = int_type;
    bool_type->tp_as_number = int_type->tp_as_number;
    bool_type->tp_as_number.nb_and = bool_and;
    bool_type->tp_as_number.nb_or = bool_or;
    bool_type->tp_as_number.nb_xor = bool_xor;
    bool_type->tp_richcompare = int_type->tp_richcompare;
    bool_type->tp_hash = int_type->tp_hash;
    bool_type->tp_repr = bool_repr;
    bool_type->tp_str = bool_repr;
    bool_type->tp_new = bool_tp_new;
    bool_type->tp_flags |= Py_TPFLAGS_LONG_SUBCLASS;  // not Py_TPFLAGS_BASETYPE: bool is final
    s.false_ = bool_object(rt, bool_type, 0);
    s.true_ = bool_object(rt, bool_type, 1);
}

PyObject* bool_from(Runtime& rt, bool value) {
    PyObject* o = value ? rt.builtins().singletons.true_ : rt.builtins().singletons.false_;
    rt.incref(o);
    return o;
}

PyObject* bool_repr(Runtime& rt, PyObject* v) {
    PyObject* s = str_from_utf8(rt, truth(rt, v) ? "True" : "False");
    return s != nullptr ? s : err_no_memory(rt);
}

PyObject* bool_tp_new(Runtime& rt, PyTypeObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    // 3.7+ takes the argument by position only; 2.7 and 3.6 also as x=.
    PyObject* x = nargs > 0 ? args[0] : nullptr;
    if (kwnames != nullptr && Py_SIZE(kwnames) > 0) {
        if (rt.profile().at_least(3, 7) || Py_SIZE(kwnames) > 1 || nargs > 0)
            return err_set_string(rt, rt.builtins().exc.TypeError, "bool() takes no keyword arguments");
        x = args[0];
    }
    // Argument Clinic from 3.7 (whose "1 arguments" 3.8 made singular); PyArg_ParseTuple before.
    if (rt.profile().at_least(3, 7) ? !check_positional(rt, "bool", nargs, 0, 1, 8) : !check_getargs_arity(rt, "bool", nargs, 0, 1))
        return nullptr;
    if (x == nullptr) return bool_from(rt, false);
    const int t = object_is_true(rt, x);
    return t < 0 ? nullptr : bool_from(rt, t != 0);
}

int64_t singleton_sizeof(const Runtime& rt, const PyObject* o) {
    const Singletons& s = rt.builtins().singletons;
    // 2.7's bools are PyIntObjects: a header and a C long.
    if (o == s.true_ || o == s.false_) return rt.profile().major == 2 ? 24 : long_sizeof(rt, o);
    return sizeof(PyObject);
}

}  // namespace pymemlab
