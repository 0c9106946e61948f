// instance: attribute access, creation with __init__, dealloc with __del__, and every slot by a
// lookup on the instance, as 2.7's Objects/classobject.c has them. Arguments go to a method as
// CPython passes them: packed in a tuple (PyEval_CallObject), which a bound method copies with
// self into a second one (instancemethod_call): object/tp_call.h's call_obj_args_pre37.
// Not modelled: __coerce__, __getslice__/__setslice__ (slices reach __getitem__ as slice
// objects), __long__, __oct__, __hex__ (tests/cpydiff/classic_classes_27.md).
#include "object/instance_object27.h"

#include <cstring>
#include <string>
#include <utility>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/class_object27.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/func_object.h"
#include "object/hash.h"
#include "object/iter_object.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/singletons.h"
#include "object/str_object.h"
#include "object/tp_call.h"
#include "object/type_internal.h"
#include "object/type_object.h"
#include "object/weakref_object.h"

namespace pymemlab {
namespace {

PyInstanceObject* as_inst(PyObject* o) { return as_instance27(o); }
PyObject* class_of(PyObject* self) { return as_inst(self)->in_class.p; }
std::string class_name(const Runtime& rt, PyObject* self) { return class27_name(rt, class_of(self)); }
PyObject* not_implemented(Runtime& rt) { return new_ref(rt, rt.builtins().singletons.not_implemented); }
bool is_not_implemented(const Runtime& rt, PyObject* o) { return o == rt.builtins().singletons.not_implemented; }

// An attribute's name: the str object of a lookup by name, or the ASCII text of a slot's lookup
// (CPython's interned static names), which makes no str.
struct Name {
    PyObject* object = nullptr;
    const char* ascii = nullptr;
    std::string text(const Runtime& rt) const { return object != nullptr ? str_as_utf8(rt, object) : ascii; }
};

// instance_getattr2: the instance's dict, then its class's (a descriptor found there bound to the
// instance). A new reference, or nullptr with no exception when nothing has the name.
PyObject* getattr2(Runtime& rt, PyObject* self, Name name) {
    PyObject* dict = as_inst(self)->in_dict.p;
    PyObject* v = name.object != nullptr ? dict_getitem(rt, dict, name.object) : dict_get_ascii(rt, dict, name.ascii);
    if (v != nullptr) return new_ref(rt, v);
    v = name.object != nullptr ? class27_lookup(rt, class_of(self), name.object)
                               : class27_lookup_ascii(rt, class_of(self), name.ascii);
    if (v == nullptr) return nullptr;
    descrgetfunc get = Py_TYPE(v)->tp_descr_get;
    if (get == nullptr) return new_ref(rt, v);
    rt.incref(v);
    PyObject* r = get(rt, v, self, class_of(self));
    rt.decref(v);
    return r;
}

// instance_getattr past the special names: getattr2, then the class's __getattr__(self, name);
// AttributeError "A instance has no attribute 'x'" when neither answers.
PyObject* getattr(Runtime& rt, PyObject* self, Name name) {
    PyObject* v = getattr2(rt, self, name);
    if (v != nullptr || err_occurred(rt)) return v;
    PyObject* hook = as_class27(class_of(self))->cl_getattr.p;
    if (hook == nullptr)
        return err_format(rt, rt.builtins().exc.AttributeError, "%s instance has no attribute '%s'",
                          class_name(rt, self).c_str(), name.text(rt).c_str());
    PyObject* n = name.object != nullptr ? new_ref(rt, name.object) : str_intern_ascii(rt, name.ascii);
    if (n == nullptr) return err_no_memory(rt);
    PyObject* args[] = {self, n};
    PyObject* r = call_obj_args_pre37(rt, hook, args, 2);
    rt.decref(n);
    return r;
}

// A special method's lookup where its absence is not an error: nullptr with no exception then.
PyObject* getattr_optional(Runtime& rt, PyObject* self, const char* name) {
    PyObject* v = getattr(rt, self, {nullptr, name});
    if (v == nullptr && err_matches(rt, rt.builtins().exc.AttributeError)) err_clear(rt);
    return v;
}

// PyEval_CallObject(func, args): the arguments packed in a tuple.
PyObject* call(Runtime& rt, PyObject* func, PyObject* const* args, Py_ssize_t nargs) {
    return call_obj_args_pre37(rt, func, args, nargs);
}

// Looks up the special method `name` (AttributeError when absent) and calls it.
PyObject* call_special(Runtime& rt, PyObject* self, const char* name, PyObject* const* args, Py_ssize_t nargs) {
    PyObject* func = getattr(rt, self, {nullptr, name});
    if (func == nullptr) return nullptr;
    PyObject* r = call(rt, func, args, nargs);
    rt.decref(func);
    return r;
}

// PyObject_Call(callable, args, kw) with the caller's packed arguments: a bound method copies
// them with self into a new tuple (instancemethod_call).
PyObject* call_packed(Runtime& rt, PyObject* callable, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    if (method_check(rt, callable) && as_method(callable)->im_self.p != nullptr)
        return call_prepend(rt, as_method(callable)->im_func.p, as_method(callable)->im_self.p, args, nargs, kwnames,
                            false);
    return object_vectorcall(rt, callable, args, nargs, kwnames);
}

// ---- the object ---------------------------------------------------------------------------------

PyObject* new_raw(Runtime& rt, PyObject* klass) {
    PyObject* dict = dict_new(rt);
    if (dict == nullptr) return err_no_memory(rt);
    PyObject* self = rt.alloc_gc_object(rt.builtins().instance27_type, sizeof(PyInstanceObject));
    if (self == nullptr) {
        rt.decref(dict);
        return err_no_memory(rt);
    }
    std::memset(reinterpret_cast<char*>(self) + sizeof(PyObject), 0, sizeof(PyInstanceObject) - sizeof(PyObject));
    as_inst(self)->in_class.p = new_ref(rt, klass);
    as_inst(self)->in_dict.p = dict;
    rt.gc_track(self);
    return self;
}

// The finalizer instance_dealloc runs: __del__ found on the instance, with the caller's exception
// put aside; one it raises is reported as unraisable.
void call_del(Runtime& rt, PyObject* self) {
    PyObject* saved = err_fetch(rt);
    if (PyObject* del = getattr2(rt, self, {nullptr, "__del__"})) {
        PyObject* r = call(rt, del, nullptr, 0);
        if (r == nullptr) write_unraisable(rt, del, nullptr, Unraisable::Deallocator);
        rt.xdecref(r);
        rt.decref(del);
    }
    if (saved != nullptr) err_set_instance(rt, saved);
}

// instance_dealloc: the weakrefs first (their callbacks see the instance gone), then __del__ on
// the untracked instance, which may resurrect it (tracked again then); then the class and the
// dict are let go.
void instance_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    object_clear_weakrefs(rt, self);
    if (finalize_from_dealloc(rt, self, call_del, false)) {
        rt.gc_track(self);
        return;
    }
    object_clear_weakrefs_no_callbacks(rt, self);
    rt.decref(class_of(self));
    rt.xdecref(as_inst(self)->in_dict.p);
    rt.free_object(self);
}

void instance_traverse(PyObject* self, visitproc visit, void* arg) {
    visit(as_inst(self)->in_class.p, arg);
    if (as_inst(self)->in_dict.p != nullptr) visit(as_inst(self)->in_dict.p, arg);
}

// ---- attributes ---------------------------------------------------------------------------------

PyObject* instance_getattro(Runtime& rt, PyObject* self, PyObject* name) {
    if (!str_check(rt, name)) return object_generic_getattr(rt, self, name);  // raises the TypeError
    const std::string text = str_as_utf8(rt, name);
    if (text == "__dict__") return new_ref(rt, as_inst(self)->in_dict.p);
    if (text == "__class__") return new_ref(rt, class_of(self));
    return getattr(rt, self, {name, nullptr});
}

// instance_setattr: __dict__ and __class__ replace the field; else the class's __setattr__ or
// __delattr__ hook, or the instance's dict.
int instance_setattro(Runtime& rt, PyObject* self, PyObject* name, PyObject* v) {
    if (!str_check(rt, name)) return object_generic_setattr(rt, self, name, v);  // raises the TypeError
    const std::string text = str_as_utf8(rt, name);
    const Builtins& b = rt.builtins();
    if (text == "__dict__" || text == "__class__") {
        const bool dict = text == "__dict__";
        if (v == nullptr || (dict ? !object_type_check(v, b.dict_type) : !class27_check(rt, v))) {
            err_set_string(rt, b.exc.TypeError, dict ? "__dict__ must be set to a dictionary" : "__class__ must be set to a class");
            return -1;
        }
        rt.replace_ref(dict ? as_inst(self)->in_dict : as_inst(self)->in_class, v);
        return 0;
    }
    PyClassObject* c = as_class27(class_of(self));
    if (PyObject* hook = v != nullptr ? c->cl_setattr.p : c->cl_delattr.p) {
        PyObject* args[] = {self, name, v};
        PyObject* r = call(rt, hook, args, v != nullptr ? 3 : 2);
        rt.xdecref(r);
        return r != nullptr ? 0 : -1;
    }
    PyObject* dict = as_inst(self)->in_dict.p;
    if (v != nullptr) return dict_setitem(rt, dict, name, v) ? 0 : -1;
    if (dict_delitem(rt, dict, name)) return 0;
    if (!err_occurred(rt))
        err_format(rt, b.exc.AttributeError, "%s instance has no attribute '%s'", class_name(rt, self).c_str(),
                   text.c_str());
    return -1;
}

// ---- text, hashing, truth -----------------------------------------------------------------------

// The instance's method `name` called without arguments; what `absent` returns when it has
// none (and looking for it raised nothing).
template <class Absent>
PyObject* call_or(Runtime& rt, PyObject* self, const char* name, Absent absent) {
    PyObject* func = getattr_optional(rt, self, name);
    if (func == nullptr) return err_occurred(rt) ? nullptr : absent();
    PyObject* r = call(rt, func, nullptr, 0);
    rt.decref(func);
    return r;
}

PyObject* instance_repr(Runtime& rt, PyObject* self) {
    return call_or(rt, self, "__repr__", [&] {
        PyObject* mod = dict_get_ascii(rt, as_class27(class_of(self))->cl_dict.p, "__module__");
        const std::string module = mod != nullptr && str_check(rt, mod) ? str_as_utf8(rt, mod) : "?";
        return str_from_utf8(rt, "<" + module + "." + class_name(rt, self) + " instance at " +
                                     object_address(rt, self) + ">");
    });
}

PyObject* instance_str(Runtime& rt, PyObject* self) {
    return call_or(rt, self, "__str__", [&] { return instance_repr(rt, self); });
}

// instance_hash: __hash__; without one, the address, unless __eq__ or __cmp__ says the
// instance compares by value ("unhashable instance").
Py_hash_t instance_hash(Runtime& rt, PyObject* self) {
    PyObject* func = getattr_optional(rt, self, "__hash__");
    if (func == nullptr) {
        if (err_occurred(rt)) return -1;
        for (const char* name : {"__eq__", "__cmp__"}) {
            PyObject* f = getattr_optional(rt, self, name);
            if (f == nullptr && err_occurred(rt)) return -1;
            if (f != nullptr) {
                rt.decref(f);
                err_set_string(rt, rt.builtins().exc.TypeError, "unhashable instance");
                return -1;
            }
        }
        return hash_pointer(rt.id(self));
    }
    PyObject* r = call(rt, func, nullptr, 0);
    rt.decref(func);
    if (r == nullptr) return -1;
    Py_hash_t h = -1;
    if (long_check(r) || object_type_check(r, rt.builtins().long27_type)) h = object_hash_value(rt, r);
    else err_set_string(rt, rt.builtins().exc.TypeError, "__hash__() should return an int");
    rt.decref(r);
    return h;
}

// A count a special method returned (__len__, __nonzero__): an int, at least 0. -1 on error.
Py_ssize_t checked_count(Runtime& rt, PyObject* r, const char* method) {
    if (r == nullptr) return -1;
    Py_ssize_t n = -1;
    if (!long_check(r)) err_format(rt, rt.builtins().exc.TypeError, "%s should return an int", method);
    else if (number_as_ssize(rt, r, &n) && n < 0) err_format(rt, rt.builtins().exc.ValueError, "%s should return >= 0", method);
    rt.decref(r);
    return err_occurred(rt) ? -1 : n;
}

Py_ssize_t instance_length(Runtime& rt, PyObject* self) {
    return checked_count(rt, call_special(rt, self, "__len__", nullptr, 0), "__len__()");
}

// instance_nonzero: __nonzero__, else __len__, else true.
int instance_nonzero(Runtime& rt, PyObject* self) {
    PyObject* func = getattr_optional(rt, self, "__nonzero__");
    if (func == nullptr && !err_occurred(rt)) func = getattr_optional(rt, self, "__len__");
    if (func == nullptr) return err_occurred(rt) ? -1 : 1;
    PyObject* r = call(rt, func, nullptr, 0);
    rt.decref(func);
    const Py_ssize_t n = checked_count(rt, r, "__nonzero__");
    return n < 0 ? -1 : n > 0;
}

// ---- containers, iteration, calls ---------------------------------------------------------------

PyObject* instance_subscript(Runtime& rt, PyObject* self, PyObject* key) {
    return call_special(rt, self, "__getitem__", &key, 1);
}

int instance_ass_subscript(Runtime& rt, PyObject* self, PyObject* key, PyObject* value) {
    PyObject* args[] = {key, value};
    PyObject* r = call_special(rt, self, value != nullptr ? "__setitem__" : "__delitem__", args, value != nullptr ? 2 : 1);
    rt.xdecref(r);
    return r != nullptr ? 0 : -1;
}

// instance_contains: __contains__, else a search by iteration.
int instance_contains(Runtime& rt, PyObject* self, PyObject* item) {
    PyObject* func = getattr_optional(rt, self, "__contains__");
    if (func == nullptr) {
        if (err_occurred(rt)) return -1;
        PyObject* it = object_get_iter(rt, self);
        if (it == nullptr) return -1;
        const int found = iterator_contains(rt, it, item);
        rt.decref(it);
        return found;
    }
    PyObject* r = call(rt, func, &item, 1);
    rt.decref(func);
    if (r == nullptr) return -1;
    const int truth = object_is_true(rt, r);
    rt.decref(r);
    return truth;
}

// instance_getiter: __iter__ (which must give an iterator), else a sequence iterator over
// __getitem__.
PyObject* instance_getiter(Runtime& rt, PyObject* self) {
    PyObject* func = getattr_optional(rt, self, "__iter__");
    if (func != nullptr) {
        PyObject* r = call(rt, func, nullptr, 0);
        rt.decref(func);
        if (r != nullptr && Py_TYPE(r)->tp_iternext == nullptr) {
            err_format(rt, rt.builtins().exc.TypeError, "__iter__ returned non-iterator of type '%s'",
                       type_name(Py_TYPE(r)).c_str());
            rt.decref(r);
            return nullptr;
        }
        return r;
    }
    if (err_occurred(rt)) return nullptr;
    func = getattr_optional(rt, self, "__getitem__");
    if (func == nullptr) {
        if (!err_occurred(rt)) err_set_string(rt, rt.builtins().exc.TypeError, "iteration over non-sequence");
        return nullptr;
    }
    rt.decref(func);
    return seqiter_new(rt, self);
}

PyObject* instance_iternext(Runtime& rt, PyObject* self) {
    PyObject* r = call_or(rt, self, "next", [&] {
        return err_set_string(rt, rt.builtins().exc.TypeError, "instance has no next() method");
    });
    if (r == nullptr) err_clear_stop_iteration(rt);
    return r;
}

PyObject* instance_call(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    PyObject* func = getattr_optional(rt, self, "__call__");
    if (func == nullptr)
        return err_occurred(rt) ? nullptr
                                : err_format(rt, rt.builtins().exc.AttributeError, "%s instance has no __call__ method",
                                             class_name(rt, self).c_str());
    PyObject* r = call_packed(rt, func, args, nargs, kwnames);
    rt.decref(func);
    return r;
}

// ---- comparison ---------------------------------------------------------------------------------

constexpr const char* kCompare[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
constexpr int kSwapped[] = {Py_GT, Py_GE, Py_EQ, Py_NE, Py_LT, Py_LE};

// half_richcompare: v.__op__(w), NotImplemented when v has no such method.
PyObject* half_richcompare(Runtime& rt, PyObject* v, PyObject* w, int op) {
    PyObject* method = getattr_optional(rt, v, kCompare[op]);
    if (method == nullptr) return err_occurred(rt) ? nullptr : not_implemented(rt);
    PyObject* r = call(rt, method, &w, 1);
    rt.decref(method);
    return r;
}

// half_cmp: v.__cmp__(w) as -1, 0 or 1; 2 when v has none (or it returned NotImplemented); -2
// on error.
int half_cmp(Runtime& rt, PyObject* v, PyObject* w) {
    PyObject* r = call_special(rt, v, "__cmp__", &w, 1);
    if (r == nullptr) {
        if (!err_matches(rt, rt.builtins().exc.AttributeError)) return -2;
        err_clear(rt);
        return 2;
    }
    if (is_not_implemented(rt, r)) {
        rt.decref(r);
        return 2;
    }
    Py_ssize_t c = 0;
    const bool ok = long_check(r) && number_as_ssize(rt, r, &c);
    rt.decref(r);
    if (!ok) {
        err_clear(rt);
        err_set_string(rt, rt.builtins().exc.TypeError, "comparison did not return an int");
        return -2;
    }
    return c < 0 ? -1 : c > 0 ? 1 : 0;
}

// instance_richcompare, then (2.7's try_3way_compare reaching instance_compare) __cmp__ of
// either side when neither has the rich method.
PyObject* instance_richcompare(Runtime& rt, PyObject* v, PyObject* w, int op) {
    const bool v_inst = instance27_check(rt, v), w_inst = instance27_check(rt, w);
    for (int side = 0; side < 2; ++side) {
        if (!(side == 0 ? v_inst : w_inst)) continue;
        PyObject* r = side == 0 ? half_richcompare(rt, v, w, op) : half_richcompare(rt, w, v, kSwapped[op]);
        if (r == nullptr || !is_not_implemented(rt, r)) return r;
        rt.decref(r);
    }
    int c = v_inst ? half_cmp(rt, v, w) : 2;
    if (c == 2 && w_inst && (c = half_cmp(rt, w, v)) >= -1 && c <= 1) c = -c;
    if (c == -2) return nullptr;
    if (c == 2) return not_implemented(rt);
    const bool results[] = {c < 0, c <= 0, c == 0, c != 0, c > 0, c >= 0};
    return bool_from(rt, results[op]);
}

// ---- numbers ------------------------------------------------------------------------------------

// half_binop without __coerce__: v.<name>(w) when v is an instance, NotImplemented when it is not
// or has no such method.
PyObject* half_binop(Runtime& rt, PyObject* v, PyObject* w, const std::string& name) {
    if (!instance27_check(rt, v)) return not_implemented(rt);
    PyObject* func = getattr_optional(rt, v, name.c_str());
    if (func == nullptr) return err_occurred(rt) ? nullptr : not_implemented(rt);
    PyObject* r = call(rt, func, &w, 1);
    rt.decref(func);
    return r;
}

// do_binop: v.__op__(w), then w.__rop__(v); in place, v.__iop__(w) first.
PyObject* do_binop(Runtime& rt, PyObject* v, PyObject* w, const char* op, bool inplace) {
    const std::string name = op;
    PyObject* r = inplace ? half_binop(rt, v, w, "__i" + name + "__") : not_implemented(rt);
    if (r == nullptr || !is_not_implemented(rt, r)) return r;
    rt.decref(r);
    r = half_binop(rt, v, w, "__" + name + "__");
    if (r == nullptr || !is_not_implemented(rt, r)) return r;
    rt.decref(r);
    return half_binop(rt, w, v, "__r" + name + "__");
}

#define NB(field) (offsetof(PyTypeObject, tp_as_number) + offsetof(PyNumberMethods, field))
struct Operator {
    size_t offset;
    size_t inplace_offset;
    const char* name;
};
// The model's nb_true_divide is 2.7's `/`, whose methods are __div__, __rdiv__ and __idiv__.
constexpr Operator kOperators[] = {
    {NB(nb_add), NB(nb_inplace_add), "add"},
    {NB(nb_subtract), NB(nb_inplace_subtract), "sub"},
    {NB(nb_multiply), NB(nb_inplace_multiply), "mul"},
    {NB(nb_remainder), NB(nb_inplace_remainder), "mod"},
    {NB(nb_lshift), NB(nb_inplace_lshift), "lshift"},
    {NB(nb_rshift), NB(nb_inplace_rshift), "rshift"},
    {NB(nb_and), NB(nb_inplace_and), "and"},
    {NB(nb_xor), NB(nb_inplace_xor), "xor"},
    {NB(nb_or), NB(nb_inplace_or), "or"},
    {NB(nb_floor_divide), NB(nb_inplace_floor_divide), "floordiv"},
    {NB(nb_true_divide), NB(nb_inplace_true_divide), "div"},
    {NB(nb_divmod), 0, "divmod"},
};
struct Unary {
    size_t offset;
    const char* name;
};
constexpr Unary kUnary[] = {
    {NB(nb_negative), "__neg__"}, {NB(nb_positive), "__pos__"}, {NB(nb_absolute), "__abs__"},
    {NB(nb_invert), "__invert__"}, {NB(nb_float), "__float__"},
};
#undef NB

template <int K>
PyObject* instance_binary(Runtime& rt, PyObject* v, PyObject* w) {
    return do_binop(rt, v, w, kOperators[K].name, false);
}
template <int K>
PyObject* instance_inplace(Runtime& rt, PyObject* v, PyObject* w) {
    return do_binop(rt, v, w, kOperators[K].name, true);
}
template <int K>
PyObject* instance_unary(Runtime& rt, PyObject* self) {
    return call_special(rt, self, kUnary[K].name, nullptr, 0);
}

// pow(a, b) is a binary operator; pow(a, b, m) calls a.__pow__(b, m) (a.__ipow__ in place).
PyObject* power(Runtime& rt, PyObject* v, PyObject* w, PyObject* z, bool inplace) {
    if (z == rt.builtins().singletons.none) return do_binop(rt, v, w, "pow", inplace);
    PyObject* args[] = {w, z};
    return call_special(rt, v, inplace ? "__ipow__" : "__pow__", args, 2);
}
PyObject* instance_pow(Runtime& rt, PyObject* v, PyObject* w, PyObject* z) { return power(rt, v, w, z, false); }
PyObject* instance_ipow(Runtime& rt, PyObject* v, PyObject* w, PyObject* z) { return power(rt, v, w, z, true); }

// instance_int: __int__, else __trunc__.
PyObject* instance_int(Runtime& rt, PyObject* self) {
    return call_or(rt, self, "__int__", [&] { return call_special(rt, self, "__trunc__", nullptr, 0); });
}

PyObject* instance_index(Runtime& rt, PyObject* self) {
    return call_or(rt, self, "__index__", [&] {
        return err_set_string(rt, rt.builtins().exc.TypeError, "object cannot be interpreted as an index");
    });
}

template <class F>
void write_slot(PyTypeObject* t, size_t offset, F f) {
    *reinterpret_cast<F*>(reinterpret_cast<char*>(t) + offset) = f;
}

template <size_t... K>
void set_operators(PyTypeObject* t, std::index_sequence<K...>) {
    (write_slot<binaryfunc>(t, kOperators[K].offset, &instance_binary<K>), ...);
    ((kOperators[K].inplace_offset != 0 ? write_slot<binaryfunc>(t, kOperators[K].inplace_offset, &instance_inplace<K>)
                                        : void()),
     ...);
}
template <size_t... K>
void set_unary(PyTypeObject* t, std::index_sequence<K...>) {
    (write_slot<unaryfunc>(t, kUnary[K].offset, &instance_unary<K>), ...);
}

}  // namespace

void init_instance27_type(Runtime& rt) {
    PyTypeObject* t = new_static_type(rt, "instance", sizeof(PyInstanceObject), 0,
                                      {.dealloc = instance_dealloc, .traverse = instance_traverse});
    t->tp_repr = instance_repr;
    t->tp_str = instance_str;
    t->tp_hash = instance_hash;
    t->tp_call = instance_call;
    t->tp_getattro = instance_getattro;
    t->tp_setattro = instance_setattro;
    t->tp_richcompare = instance_richcompare;
    t->tp_iter = instance_getiter;
    t->tp_iternext = instance_iternext;
    t->tp_weaklistoffset = offsetof(PyInstanceObject, in_weakreflist);
    t->tp_as_mapping = {instance_length, instance_subscript, instance_ass_subscript};
    t->tp_as_sequence.sq_length = instance_length;
    t->tp_as_sequence.sq_contains = instance_contains;
    PyNumberMethods& nb = t->tp_as_number;
    nb.nb_bool = instance_nonzero;
    nb.nb_power = instance_pow;
    nb.nb_inplace_power = instance_ipow;
    nb.nb_int = instance_int;
    nb.nb_index = instance_index;
    set_operators(t, std::make_index_sequence<std::size(kOperators)>());
    set_unary(t, std::make_index_sequence<std::size(kUnary)>());
    rt.builtins().instance27_type = t;
}

bool instance27_check(const Runtime& rt, const PyObject* o) {
    return rt.builtins().instance27_type != nullptr && Py_TYPE(o) == rt.builtins().instance27_type;
}

PyObject* instance27_new(Runtime& rt, PyObject* klass, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    PyObject* self = new_raw(rt, klass);
    if (self == nullptr) return nullptr;
    PyObject* init = getattr2(rt, self, {nullptr, "__init__"});
    if (init == nullptr) {
        if (!err_occurred(rt) && nargs + (kwnames != nullptr ? Py_SIZE(kwnames) : 0) == 0) return self;
        if (!err_occurred(rt)) err_set_string(rt, rt.builtins().exc.TypeError, "this constructor takes no arguments");
        rt.decref(self);
        return nullptr;
    }
    PyObject* r = call_packed(rt, init, args, nargs, kwnames);
    rt.decref(init);
    if (r != nullptr && r != rt.builtins().singletons.none)
        err_set_string(rt, rt.builtins().exc.TypeError, "__init__() should return None");
    const bool ok = r == rt.builtins().singletons.none;
    rt.xdecref(r);
    if (ok) return self;
    rt.decref(self);
    return nullptr;
}

PyObject* instance27_lookup_ascii(const Runtime& rt, PyObject* inst, const char* name) {
    if (PyObject* v = dict_get_ascii(rt, as_inst(inst)->in_dict.p, name)) return v;
    return class27_lookup_ascii(rt, class_of(inst), name);
}

}  // namespace pymemlab
