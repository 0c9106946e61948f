// weakref.ProxyType and CallableProxyType (Objects/weakrefobject.c's proxy_* functions): every
// slot unwraps the proxies among its operands to their referents and does the operation on
// those; a dead proxy raises ReferenceError. Proxies are unhashable. Creation and the referent's
// list are weakref_object.cpp's.
#include <cstdio>
#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/weakref_object.h"

namespace pymemlab {

namespace {

// An operand with proxies replaced by their referents (UNWRAP). Up to 3.12 CPython borrows the
// referent for the call; 3.13 holds a reference to it meanwhile, as `owned` records.
class Unwrapped {
public:
    Unwrapped(Runtime& rt, PyObject* o) : rt_(rt) {
        if (o == nullptr || !weakref_proxy_check(rt, o)) {
            object_ = o;
            return;
        }
        object_ = weakref_referent(rt, o);
        if (object_ == nullptr) {
            err_set_string(rt, rt.builtins().exc.ReferenceError, "weakly-referenced object no longer exists");
            return;
        }
        owned_ = rt.profile().at_least(3, 13);
        if (owned_) rt.incref(object_);
    }
    ~Unwrapped() {
        if (owned_) rt_.decref(object_);
    }
    Unwrapped(const Unwrapped&) = delete;
    Unwrapped& operator=(const Unwrapped&) = delete;
    bool dead() const { return object_ == nullptr; }
    PyObject* get() const { return object_; }

private:
    Runtime& rt_;
    PyObject* object_ = nullptr;
    bool owned_ = false;
};

PyObject* proxy_getattr(Runtime& rt, PyObject* self, PyObject* name) {
    Unwrapped o(rt, self);
    return o.dead() ? nullptr : object_getattr(rt, o.get(), name);
}

int proxy_setattr(Runtime& rt, PyObject* self, PyObject* name, PyObject* value) {
    Unwrapped o(rt, self);
    return o.dead() ? -1 : object_setattr(rt, o.get(), name, value);
}

PyObject* proxy_str(Runtime& rt, PyObject* self) {
    Unwrapped o(rt, self);
    return o.dead() ? nullptr : object_str(rt, o.get());
}

// proxy_repr: the referent's type name and address (a dead proxy's is None's, up to 3.12).
PyObject* proxy_repr(Runtime& rt, PyObject* self) {
    PyObject* ob = weakref_referent(rt, self);
    const std::string at = "<weakproxy at " + object_address(rt, self);
    if (rt.profile().at_least(3, 13)) {
        if (ob == nullptr) return str_from_utf8(rt, at + "; dead>");
        return str_from_utf8(rt, at + "; to '" + Py_TYPE(ob)->tp_name + "' at " + object_address(rt, ob) + ">");
    }
    if (ob == nullptr) ob = rt.builtins().singletons.none;
    return str_from_utf8(rt, at + " to " + Py_TYPE(ob)->tp_name + " at " + object_address(rt, ob) + ">");
}

PyObject* proxy_call(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    Unwrapped o(rt, self);
    return o.dead() ? nullptr : object_vectorcall(rt, o.get(), args, nargs, kwnames);
}

PyObject* proxy_richcompare(Runtime& rt, PyObject* a, PyObject* b, int op) {
    Unwrapped x(rt, a);
    if (x.dead()) return nullptr;
    Unwrapped y(rt, b);
    return y.dead() ? nullptr : object_richcompare(rt, x.get(), y.get(), op);
}

// Proxies define no tp_hash: they are "mutable" (the referent can die).
Py_hash_t proxy_hash(Runtime& rt, PyObject* self) {
    err_format(rt, rt.builtins().exc.TypeError, "unhashable type: '%s'", Py_TYPE(self)->tp_name);
    return -1;
}

// ---- number slots ---------------------------------------------------------------------------------

template <BinaryOp op, bool inplace>
PyObject* proxy_binary(Runtime& rt, PyObject* a, PyObject* b) {
    Unwrapped x(rt, a);
    if (x.dead()) return nullptr;
    Unwrapped y(rt, b);
    return y.dead() ? nullptr : number_binary_op(rt, x.get(), y.get(), op, inplace);
}

PyObject* proxy_pow(Runtime& rt, PyObject* a, PyObject* b, PyObject* c) {
    Unwrapped x(rt, a);
    if (x.dead()) return nullptr;
    Unwrapped y(rt, b);
    if (y.dead()) return nullptr;
    Unwrapped z(rt, c);
    return z.dead() ? nullptr : number_power(rt, x.get(), y.get(), z.get());
}

PyObject* proxy_ipow(Runtime& rt, PyObject* a, PyObject* b, PyObject*) {
    return proxy_binary<BinaryOp::Pow, true>(rt, a, b);
}

template <PyObject* (*f)(Runtime&, PyObject*)>
PyObject* proxy_unary(Runtime& rt, PyObject* self) {
    Unwrapped o(rt, self);
    return o.dead() ? nullptr : f(rt, o.get());
}

int proxy_bool(Runtime& rt, PyObject* self) {
    Unwrapped o(rt, self);
    return o.dead() ? -1 : object_is_true(rt, o.get());
}

// ---- containers and iteration ---------------------------------------------------------------------

Py_ssize_t proxy_length(Runtime& rt, PyObject* self) {
    Unwrapped o(rt, self);
    return o.dead() ? -1 : object_length(rt, o.get());
}

int proxy_contains(Runtime& rt, PyObject* self, PyObject* value) {
    Unwrapped o(rt, self);
    return o.dead() ? -1 : sequence_contains(rt, o.get(), value);
}

PyObject* proxy_getitem(Runtime& rt, PyObject* self, PyObject* key) {
    Unwrapped o(rt, self);
    if (o.dead()) return nullptr;
    Unwrapped k(rt, key);
    return k.dead() ? nullptr : object_getitem(rt, o.get(), k.get());
}

int proxy_setitem(Runtime& rt, PyObject* self, PyObject* key, PyObject* value) {
    Unwrapped o(rt, self);
    if (o.dead()) return -1;
    return value == nullptr ? object_delitem(rt, o.get(), key) : object_setitem(rt, o.get(), key, value);
}

PyObject* proxy_iter(Runtime& rt, PyObject* self) {
    Unwrapped o(rt, self);
    return o.dead() ? nullptr : object_get_iter(rt, o.get());
}

PyObject* proxy_iternext(Runtime& rt, PyObject* self) {
    Unwrapped o(rt, self);
    if (o.dead()) return nullptr;
    if (Py_TYPE(o.get())->tp_iternext == nullptr)
        return err_format(rt, rt.builtins().exc.TypeError, "Weakref proxy referenced a non-iterator '%s' object",
                          Py_TYPE(o.get())->tp_name);
    return iter_next(rt, o.get());
}

void set_number_slots(PyNumberMethods& nb) {
    nb.nb_add = proxy_binary<BinaryOp::Add, false>;
    nb.nb_subtract = proxy_binary<BinaryOp::Sub, false>;
    nb.nb_multiply = proxy_binary<BinaryOp::Mult, false>;
    nb.nb_remainder = proxy_binary<BinaryOp::Mod, false>;
    nb.nb_power = proxy_pow;
    nb.nb_negative = proxy_unary<number_negative>;
    nb.nb_positive = proxy_unary<number_positive>;
    nb.nb_absolute = proxy_unary<number_absolute>;
    nb.nb_bool = proxy_bool;
    nb.nb_invert = proxy_unary<number_invert>;
    nb.nb_lshift = proxy_binary<BinaryOp::LShift, false>;
    nb.nb_rshift = proxy_binary<BinaryOp::RShift, false>;
    nb.nb_and = proxy_binary<BinaryOp::BitAnd, false>;
    nb.nb_xor = proxy_binary<BinaryOp::BitXor, false>;
    nb.nb_or = proxy_binary<BinaryOp::BitOr, false>;
    nb.nb_int = proxy_unary<number_long>;
    nb.nb_float = proxy_unary<number_float>;
    nb.nb_inplace_add = proxy_binary<BinaryOp::Add, true>;
    nb.nb_inplace_subtract = proxy_binary<BinaryOp::Sub, true>;
    nb.nb_inplace_multiply = proxy_binary<BinaryOp::Mult, true>;
    nb.nb_inplace_remainder = proxy_binary<BinaryOp::Mod, true>;
    nb.nb_inplace_power = proxy_ipow;
    nb.nb_inplace_lshift = proxy_binary<BinaryOp::LShift, true>;
    nb.nb_inplace_rshift = proxy_binary<BinaryOp::RShift, true>;
    nb.nb_inplace_and = proxy_binary<BinaryOp::BitAnd, true>;
    nb.nb_inplace_xor = proxy_binary<BinaryOp::BitXor, true>;
    nb.nb_inplace_or = proxy_binary<BinaryOp::BitOr, true>;
    nb.nb_floor_divide = proxy_binary<BinaryOp::FloorDiv, false>;
    nb.nb_true_divide = proxy_binary<BinaryOp::Div, false>;
    nb.nb_inplace_floor_divide = proxy_binary<BinaryOp::FloorDiv, true>;
    nb.nb_inplace_true_divide = proxy_binary<BinaryOp::Div, true>;
    nb.nb_index = proxy_unary<number_index>;
    nb.nb_matrix_multiply = proxy_binary<BinaryOp::MatMult, false>;
    nb.nb_inplace_matrix_multiply = proxy_binary<BinaryOp::MatMult, true>;
}

}  // namespace

void init_weakref_proxy_slots(Runtime&, PyTypeObject* proxy, PyTypeObject* callable_proxy) {
    for (PyTypeObject* t : {proxy, callable_proxy}) {
        t->tp_repr = proxy_repr;
        t->tp_str = proxy_str;
        t->tp_getattro = proxy_getattr;
        t->tp_setattro = proxy_setattr;
        t->tp_richcompare = proxy_richcompare;
        t->tp_hash = proxy_hash;
        t->tp_iter = proxy_iter;
        t->tp_iternext = proxy_iternext;
        set_number_slots(t->tp_as_number);
        t->tp_as_sequence.sq_length = proxy_length;
        t->tp_as_sequence.sq_contains = proxy_contains;
        t->tp_as_mapping.mp_length = proxy_length;
        t->tp_as_mapping.mp_subscript = proxy_getitem;
        t->tp_as_mapping.mp_ass_subscript = proxy_setitem;
    }
    callable_proxy->tp_call = proxy_call;
}

}  // namespace pymemlab
