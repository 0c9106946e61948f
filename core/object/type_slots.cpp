// The slots of classes (Objects/typeobject.c: slotdefs, update_one_slot and the slot_* functions):
// each slot that a dunder feeds points at a function that finds the dunder on type(self) and calls
// it. The model's built-in types keep no slot wrappers in their dicts, so a lookup stops at the
// first built-in type that implements the slot itself and calls that slot where CPython would call
// its wrapper. Classes are built in type_new.cpp.
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/bytes_object.h"
#include "object/descr_object.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/hash.h"
#include "object/iter_object.h"
#include "object/long_object.h"
#include "object/recursion.h"
#include "object/runtime.h"
#include "object/slot_defs.h"
#include "object/str_object.h"
#include "object/tp_call.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {

// ---- slots as data ------------------------------------------------------------------------------
// A slot is addressed by its byte offset and written as an untyped function pointer (slot_defs.h).

template <class F>
AnySlot any_slot(F f) {
    return reinterpret_cast<AnySlot>(f);
}
void write_slot(PyTypeObject* t, size_t offset, AnySlot f) {
    std::memcpy(reinterpret_cast<char*>(t) + offset, &f, sizeof f);
}

#define TP(field) offsetof(PyTypeObject, field)
#define NB(field) (offsetof(PyTypeObject, tp_as_number) + offsetof(PyNumberMethods, field))
#define SQ(field) (offsetof(PyTypeObject, tp_as_sequence) + offsetof(PySequenceMethods, field))
#define MP(field) (offsetof(PyTypeObject, tp_as_mapping) + offsetof(PyMappingMethods, field))
constexpr size_t kNoSlot = ~size_t{0};  // a dunder no slot stands for (__getattr__, __set_name__)

PyObject* not_implemented(Runtime& rt) { return new_ref(rt, rt.builtins().singletons.not_implemented); }
bool is_none(const Runtime& rt, const PyObject* o) { return o == rt.builtins().singletons.none; }
std::string name_of(PyObject* self) { return type_name(Py_TYPE(self)); }

// ---- lookup -------------------------------------------------------------------------------------

// What a dunder lookup for a slot finds: a dict entry (of a class, or of a built-in type), or the
// built-in type whose own slot stands for the wrapper CPython would have found.
struct Found {
    PyObject* attr = nullptr;  // borrowed
    PyTypeObject* builtin = nullptr;
    bool any() const { return attr != nullptr || builtin != nullptr; }
    bool operator==(const Found& o) const { return attr == o.attr && builtin == o.builtin; }
};

// _PyType_Lookup for slot dispatch: along type's MRO, the first dict that holds `name`, unless a
// built-in type implementing the slot at `offset` comes first.
Found find_dunder(const Runtime& rt, PyTypeObject* type, std::string_view name, size_t offset) {
    PyObject* mro = type->tp_mro;
    if (mro == nullptr) return {};
    for (int64_t i = 0; i < Py_SIZE(mro); ++i) {
        auto* t = reinterpret_cast<PyTypeObject*>(tuple_items(mro)[i]);
        if (t->tp_dict != nullptr)
            if (PyObject* v = dict_get_ascii(rt, t->tp_dict, name)) {
                // update_one_slot: a built-in type's own __new__ wrapper stands for its tp_new.
                if (is_tp_new_wrapper(rt, v)) return {nullptr, t};
                return {v, nullptr};
            }
        if (!is_heap_type(t) && offset != kNoSlot && defines_slot(t, offset)) return {nullptr, t};
    }
    return {};
}

PyObject* no_method(Runtime& rt, std::string_view name) {
    return err_format(rt, rt.builtins().exc.AttributeError, "%.*s", static_cast<int>(name.size()), name.data());
}

// An int slot's result from a dunder call's: 0, or -1 when it raised.
int status_of(Runtime& rt, PyObject* r) {
    if (r == nullptr) return -1;
    rt.decref(r);
    return 0;
}

// Calls the dunder `name` of self with args; a built-in stand-in is called through `builtin`.
template <class Builtin>
PyObject* call_dunder(Runtime& rt, PyObject* self, std::string_view name, size_t offset, PyObject* const* args,
                      Py_ssize_t nargs, Builtin builtin) {
    Found f = find_dunder(rt, Py_TYPE(self), name, offset);
    if (f.attr != nullptr) return call_method_found(rt, f.attr, self, args, nargs);
    if (f.builtin != nullptr) return builtin(f.builtin);
    return no_method(rt, name);
}

// ---- text, hashing, calls -----------------------------------------------------------------------

PyObject* checked_text(Runtime& rt, PyObject* r, const char* dunder) {
    if (r == nullptr || str_check(rt, r)) return r;
    err_format(rt, rt.builtins().exc.TypeError, "%s returned non-string (type %s)", dunder, name_of(r).c_str());
    rt.decref(r);
    return nullptr;
}

PyObject* slot_tp_repr(Runtime& rt, PyObject* self) {
    Found f = find_dunder(rt, Py_TYPE(self), "__repr__", TP(tp_repr));
    if (f.attr != nullptr) return checked_text(rt, call_method_found(rt, f.attr, self, nullptr, 0), "__repr__");
    if (f.builtin != nullptr) return f.builtin->tp_repr(rt, self);
    return object_default_repr(rt, self);
}

PyObject* slot_tp_str(Runtime& rt, PyObject* self) {
    Found f = find_dunder(rt, Py_TYPE(self), "__str__", TP(tp_str));
    if (f.attr != nullptr) return checked_text(rt, call_method_found(rt, f.attr, self, nullptr, 0), "__str__");
    if (f.builtin != nullptr) return f.builtin->tp_str(rt, self);
    return object_repr(rt, self);
}

// PyObject_HashNotImplemented: the tp_hash of a class whose __hash__ is None.
Py_hash_t hash_not_implemented(Runtime& rt, PyObject* self) {
    err_format(rt, rt.builtins().exc.TypeError, "unhashable type: '%s'", name_of(self).c_str());
    return -1;
}

Py_hash_t slot_tp_hash(Runtime& rt, PyObject* self) {
    Found f = find_dunder(rt, Py_TYPE(self), "__hash__", TP(tp_hash));
    if (f.attr == nullptr || is_none(rt, f.attr)) {
        if (f.builtin != nullptr) return f.builtin->tp_hash(rt, self);
        return hash_not_implemented(rt, self);
    }
    PyObject* r = call_method_found(rt, f.attr, self, nullptr, 0);
    if (r == nullptr) return -1;
    if (!long_check(r)) {
        err_set_string(rt, rt.builtins().exc.TypeError,
                       rt.profile().major == 2 ? "an integer is required" : "__hash__ method should return an integer");
        rt.decref(r);
        return -1;
    }
    // A value outside Py_hash_t is hashed as the int it is; one inside is kept (CPython keeps
    // hash(x) == x.__hash__() for every x.__hash__() that is some object's hash).
    bool overflow = false;
    Py_hash_t h = long_as_int64(rt, r, &overflow);
    if (overflow) h = long_hash(rt, r);
    rt.decref(r);
    return h == -1 ? -2 : h;
}

PyObject* slot_tp_call(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    Found f = find_dunder(rt, Py_TYPE(self), "__call__", TP(tp_call));
    if (f.attr != nullptr) return call_prepend(rt, f.attr, self, args, nargs, kwnames, true);
    if (f.builtin != nullptr) return f.builtin->tp_call(rt, self, args, nargs, kwnames);
    return err_format(rt, rt.builtins().exc.TypeError, "'%s' object is not callable", name_of(self).c_str());
}

// ---- attributes ---------------------------------------------------------------------------------

PyObject* slot_tp_getattro(Runtime& rt, PyObject* self, PyObject* name) {
    Found f = find_dunder(rt, Py_TYPE(self), "__getattribute__", TP(tp_getattro));
    if (f.attr != nullptr) {
        if (Py_TYPE(self)->tp_getattro == slot_tp_getattro) note_eval_access_call(rt, f.attr);  // no __getattr__
        return call_method_found(rt, f.attr, self, &name, 1);
    }
    if (f.builtin != nullptr) return f.builtin->tp_getattro(rt, self, name);
    return object_generic_getattr(rt, self, name);
}

// slot_tp_getattr_hook: __getattribute__, then __getattr__ when that raised AttributeError.
PyObject* slot_tp_getattr_hook(Runtime& rt, PyObject* self, PyObject* name) {
    PyObject* r = slot_tp_getattro(rt, self, name);
    if (r != nullptr || !err_matches(rt, rt.builtins().exc.AttributeError)) return r;
    Found getattr = find_dunder(rt, Py_TYPE(self), "__getattr__", kNoSlot);
    if (getattr.attr == nullptr) return nullptr;
    err_clear(rt);
    return call_method_found(rt, getattr.attr, self, &name, 1);
}

int slot_tp_setattro(Runtime& rt, PyObject* self, PyObject* name, PyObject* value) {
    const char* dunder = value != nullptr ? "__setattr__" : "__delattr__";
    Found f = find_dunder(rt, Py_TYPE(self), dunder, TP(tp_setattro));
    if (f.attr == nullptr && f.builtin != nullptr) return f.builtin->tp_setattro(rt, self, name, value);
    PyObject* args[] = {name, value};
    return status_of(rt, f.attr != nullptr ? call_method_found(rt, f.attr, self, args, value != nullptr ? 2 : 1)
                                           : no_method(rt, dunder));
}

PyObject* slot_tp_descr_get(Runtime& rt, PyObject* self, PyObject* obj, PyObject* type) {
    Found f = find_dunder(rt, Py_TYPE(self), "__get__", TP(tp_descr_get));
    if (f.attr == nullptr) {
        if (f.builtin != nullptr) return f.builtin->tp_descr_get(rt, self, obj, type);
        return new_ref(rt, self);
    }
    PyObject* none = rt.builtins().singletons.none;
    PyObject* args[] = {obj != nullptr ? obj : none, type != nullptr ? type : none};
    return call_method_found(rt, f.attr, self, args, 2);
}

int slot_tp_descr_set(Runtime& rt, PyObject* self, PyObject* target, PyObject* value) {
    const char* dunder = value != nullptr ? "__set__" : "__delete__";
    Found f = find_dunder(rt, Py_TYPE(self), dunder, TP(tp_descr_set));
    if (f.attr == nullptr && f.builtin != nullptr) return f.builtin->tp_descr_set(rt, self, target, value);
    PyObject* args[] = {target, value};
    return status_of(rt, f.attr != nullptr ? call_method_found(rt, f.attr, self, args, value != nullptr ? 2 : 1)
                                           : no_method(rt, dunder));
}

// ---- comparison ---------------------------------------------------------------------------------

constexpr const char* kCompareDunders[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
static_assert(sizeof(kCompareDunders) / sizeof(kCompareDunders[0]) == Py_GE + 1);

// An absent dunder is NotImplemented; object's slot stands for object.__ne__, which inverts __eq__
// (3.x).
PyObject* slot_tp_richcompare(Runtime& rt, PyObject* self, PyObject* other, int op) {
    Found f = find_dunder(rt, Py_TYPE(self), kCompareDunders[op], TP(tp_richcompare));
    if (f.attr != nullptr) return call_method_found(rt, f.attr, self, &other, 1);
    if (f.builtin != nullptr) return f.builtin->tp_richcompare(rt, self, other, op);
    return not_implemented(rt);
}

// ---- iteration ----------------------------------------------------------------------------------

// The sequence iterator over __getitem__ (seqiter_new) is iter_object.h's "iterator" type.

PyObject* not_iterable(Runtime& rt, PyObject* self) {
    return err_format(rt, rt.builtins().exc.TypeError, "'%s' object is not iterable", name_of(self).c_str());
}

PyObject* slot_tp_iter(Runtime& rt, PyObject* self) {
    Found f = find_dunder(rt, Py_TYPE(self), "__iter__", TP(tp_iter));
    if (f.attr != nullptr) {
        if (is_none(rt, f.attr)) return not_iterable(rt, self);
        return call_method_found(rt, f.attr, self, nullptr, 0);
    }
    if (f.builtin != nullptr) return f.builtin->tp_iter(rt, self);
    if (find_dunder(rt, Py_TYPE(self), "__getitem__", MP(mp_subscript)).any()) return seqiter_new(rt, self);
    return not_iterable(rt, self);
}

// tp_iternext: the end is nullptr with no exception set (type.h), so StopIteration is cleared.
PyObject* slot_tp_iternext(Runtime& rt, PyObject* self) {
    const char* name = rt.profile().major == 2 ? "next" : "__next__";
    Found f = find_dunder(rt, Py_TYPE(self), name, TP(tp_iternext));
    if (f.builtin != nullptr && f.attr == nullptr) return f.builtin->tp_iternext(rt, self);
    if (f.attr == nullptr)
        return err_format(rt, rt.builtins().exc.TypeError, "'%s' object is not an iterator", name_of(self).c_str());
    PyObject* r = call_method_found(rt, f.attr, self, nullptr, 0);
    if (r == nullptr) err_clear_stop_iteration(rt);
    return r;
}

// ---- creation -----------------------------------------------------------------------------------

int slot_tp_init(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    Found f = find_dunder(rt, Py_TYPE(self), "__init__", TP(tp_init));
    if (f.attr == nullptr) return f.builtin != nullptr ? f.builtin->tp_init(rt, self, args, nargs, kwnames) : 0;
    PyObject* r = call_prepend(rt, f.attr, self, args, nargs, kwnames, true);
    if (r == nullptr) return -1;
    const bool none = is_none(rt, r);
    if (!none)
        err_format(rt, rt.builtins().exc.TypeError, "__init__() should return None, not '%s'", name_of(r).c_str());
    rt.decref(r);
    return none ? 0 : -1;
}

// The tp_new of an exception class: BaseException_new's instance (args kept), with the class's own
// fields zeroed and a reference to the class, which the instance holds.
PyObject* exception_subtype_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject*) {
    PyTypeObject* base = type;
    while (is_heap_type(base)) base = base->tp_base;
    PyObject* tuple = tuple_from_array(rt, args, nargs);
    if (tuple == nullptr) return nullptr;
    PyObject* o = exception_new(rt, type, tuple);
    rt.decref(tuple);
    if (o == nullptr) return err_no_memory(rt);
    std::memset(reinterpret_cast<char*>(o) + base->tp_basicsize, 0,
                static_cast<size_t>(type->tp_basicsize - base->tp_basicsize));
    rt.incref(reinterpret_cast<PyObject*>(type));
    return o;
}

// The tp_new a class gets when no class along its MRO defines __new__: object's and type's make
// instances of subclasses themselves; exceptions need the wrapper above.
newfunc builtin_new(Runtime& rt, PyTypeObject* type) {
    PyTypeObject* base = type;
    while (is_heap_type(base)) base = base->tp_base;
    if (base->has_flag(Py_TPFLAGS_BASE_EXC_SUBCLASS)) return exception_subtype_new;
    if (base->tp_new != nullptr) return base->tp_new;
    return rt.builtins().object_type->tp_new;
}

// slot_tp_new: type.__new__ as getattr finds it (a staticmethod gives its function), called with
// the class first.
PyObject* slot_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    Found f = find_dunder(rt, type, "__new__", TP(tp_new));
    if (f.attr == nullptr) return builtin_new(rt, type)(rt, type, args, nargs, kwnames);
    auto* cls = reinterpret_cast<PyObject*>(type);
    PyObject* func;
    if (descrgetfunc get = Py_TYPE(f.attr)->tp_descr_get; get != nullptr)
        func = get(rt, f.attr, nullptr, cls);
    else
        func = new_ref(rt, f.attr);
    if (func == nullptr) return nullptr;
    PyObject* r = call_prepend(rt, func, cls, args, nargs, kwnames, false);
    rt.decref(func);
    return r;
}

// ---- containers ---------------------------------------------------------------------------------

// slot_sq_length: __len__() through operator.index, at least 0.
Py_ssize_t slot_sq_length(Runtime& rt, PyObject* self) {
    Found f = find_dunder(rt, Py_TYPE(self), "__len__", MP(mp_length));
    if (f.attr == nullptr) {
        if (f.builtin != nullptr) return f.builtin->tp_as_mapping.mp_length(rt, self);
        no_method(rt, "__len__");
        return -1;
    }
    PyObject* r = call_method_found(rt, f.attr, self, nullptr, 0);
    if (r == nullptr) return -1;
    if (rt.profile().major == 2 && !long_check(r)) {
        rt.decref(r);
        err_set_string(rt, rt.builtins().exc.TypeError, "an integer is required");
        return -1;
    }
    PyObject* index = number_index(rt, r);
    rt.decref(r);
    if (index == nullptr) return -1;
    bool overflow = false;
    const int64_t n = long_as_int64(rt, index, &overflow);
    const bool negative = overflow ? long_sign(rt, index) < 0 : n < 0;
    rt.decref(index);
    if (negative) {
        err_set_string(rt, rt.builtins().exc.ValueError, "__len__() should return >= 0");
        return -1;
    }
    if (overflow) {
        err_set_string(rt, rt.builtins().exc.OverflowError, "cannot fit 'int' into an index-sized integer");
        return -1;
    }
    return n;
}

PyObject* slot_mp_subscript(Runtime& rt, PyObject* self, PyObject* key) {
    Found f = find_dunder(rt, Py_TYPE(self), "__getitem__", MP(mp_subscript));
    if (f.attr != nullptr) {
        note_eval_access_call(rt, f.attr);  // BINARY_SUBSCR_GETITEM
        return call_method_found(rt, f.attr, self, &key, 1);
    }
    if (f.builtin != nullptr) return f.builtin->tp_as_mapping.mp_subscript(rt, self, key);
    return no_method(rt, "__getitem__");
}

int slot_mp_ass_subscript(Runtime& rt, PyObject* self, PyObject* key, PyObject* value) {
    const char* dunder = value != nullptr ? "__setitem__" : "__delitem__";
    Found f = find_dunder(rt, Py_TYPE(self), dunder, MP(mp_ass_subscript));
    if (f.attr == nullptr && f.builtin != nullptr)
        return f.builtin->tp_as_mapping.mp_ass_subscript(rt, self, key, value);
    PyObject* args[] = {key, value};
    return status_of(rt, f.attr != nullptr ? call_method_found(rt, f.attr, self, args, value != nullptr ? 2 : 1)
                                           : no_method(rt, dunder));
}

// slot_sq_contains: __contains__ (None: not a container), else a search by iteration.
int slot_sq_contains(Runtime& rt, PyObject* self, PyObject* item) {
    Found f = find_dunder(rt, Py_TYPE(self), "__contains__", SQ(sq_contains));
    if (f.attr != nullptr && is_none(rt, f.attr)) {
        err_format(rt, rt.builtins().exc.TypeError, "'%s' object is not a container", name_of(self).c_str());
        return -1;
    }
    if (f.attr != nullptr) {
        PyObject* r = call_method_found(rt, f.attr, self, &item, 1);
        if (r == nullptr) return -1;
        int truth = object_is_true(rt, r);
        rt.decref(r);
        return truth;
    }
    if (f.builtin != nullptr) return f.builtin->tp_as_sequence.sq_contains(rt, self, item);
    PyObject* it = object_get_iter(rt, self);
    if (it == nullptr) return -1;
    const int found = iterator_contains(rt, it, item);
    rt.decref(it);
    return found;
}

// ---- numbers ------------------------------------------------------------------------------------

// slot_nb_bool: __bool__ (2.7: __nonzero__) must give a bool (2.7: or an int >= 0).
int slot_nb_bool(Runtime& rt, PyObject* self) {
    const bool py2 = rt.profile().major == 2;
    const char* name = py2 ? "__nonzero__" : "__bool__";
    Found f = find_dunder(rt, Py_TYPE(self), name, NB(nb_bool));
    if (f.attr == nullptr) {
        if (f.builtin != nullptr) return f.builtin->tp_as_number.nb_bool(rt, self);
        if (find_dunder(rt, Py_TYPE(self), "__len__", MP(mp_length)).any()) {
            Py_ssize_t n = slot_sq_length(rt, self);
            return n < 0 ? -1 : n > 0;
        }
        return 1;
    }
    PyObject* r = call_method_found(rt, f.attr, self, nullptr, 0);
    if (r == nullptr) return -1;
    const Singletons& s = rt.builtins().singletons;
    int result = -1;
    if (r == s.true_ || r == s.false_) {
        result = r == s.true_;
    } else if (py2 && long_check(r)) {
        bool overflow = false;
        const int64_t v = long_as_int64(rt, r, &overflow);
        if (!overflow && v < 0)
            err_set_string(rt, rt.builtins().exc.ValueError, "__nonzero__ should return >= 0");
        else
            result = overflow || v != 0;
    } else {
        err_format(
            rt, rt.builtins().exc.TypeError,
            py2 ? "__nonzero__ should return bool or int, returned %s" : "__bool__ should return bool, returned %s",
            name_of(r).c_str());
    }
    rt.decref(r);
    return result;
}

// The unary slots (SLOT0): __neg__ ... __index__, with the result checks of PyNumber_Index,
// PyNumber_Long and PyNumber_Float that the model's abstract layer leaves to the slot.
struct UnaryDunder {
    size_t offset;
    const char* name;
};
constexpr UnaryDunder kUnary[] = {
    {NB(nb_negative), "__neg__"},  {NB(nb_positive), "__pos__"}, {NB(nb_absolute), "__abs__"},
    {NB(nb_invert), "__invert__"}, {NB(nb_int), "__int__"},      {NB(nb_float), "__float__"},
    {NB(nb_index), "__index__"},
};
constexpr int kUnaryInt = 4, kUnaryFloat = 5, kUnaryIndex = 6;

template <int K>
PyObject* slot_nb_unary(Runtime& rt, PyObject* self) {
    const UnaryDunder& d = kUnary[K];
    PyObject* r = call_dunder(rt, self, d.name, d.offset, nullptr, 0, [&](PyTypeObject* b) {
        return reinterpret_cast<unaryfunc>(read_slot(b, d.offset))(rt, self);
    });
    if (r == nullptr) return nullptr;
    if ((K == kUnaryInt || K == kUnaryIndex) && !long_check(r)) {
        err_format(rt, rt.builtins().exc.TypeError, "%s returned non-int (type %s)", d.name, name_of(r).c_str());
    } else if (K == kUnaryFloat && !object_type_check(r, rt.builtins().float_type)) {
        err_format(rt, rt.builtins().exc.TypeError, "%s.__float__ returned non-float (type %s)", name_of(self).c_str(),
                   name_of(r).c_str());
    } else {
        return r;
    }
    rt.decref(r);
    return nullptr;
}

// The binary operators with their reflected dunders, in PyNumberMethods' order. 2.7's `/` is
// __div__ (the model's nb_true_divide serves it); @ is 3.5+.
struct BinaryDunder {
    size_t offset;
    const char* name;
    const char* rname;
    const char* name27;  // nullptr: as in 3.x; "" : no such operator in 2.7
    const char* rname27;
    bool ternary;  // nb_power: (a, b, modulus)
};
constexpr BinaryDunder kBinary[] = {
    {NB(nb_add), "__add__", "__radd__", nullptr, nullptr, false},
    {NB(nb_subtract), "__sub__", "__rsub__", nullptr, nullptr, false},
    {NB(nb_multiply), "__mul__", "__rmul__", nullptr, nullptr, false},
    {NB(nb_remainder), "__mod__", "__rmod__", nullptr, nullptr, false},
    {NB(nb_divmod), "__divmod__", "__rdivmod__", nullptr, nullptr, false},
    {NB(nb_power), "__pow__", "__rpow__", nullptr, nullptr, true},
    {NB(nb_lshift), "__lshift__", "__rlshift__", nullptr, nullptr, false},
    {NB(nb_rshift), "__rshift__", "__rrshift__", nullptr, nullptr, false},
    {NB(nb_and), "__and__", "__rand__", nullptr, nullptr, false},
    {NB(nb_xor), "__xor__", "__rxor__", nullptr, nullptr, false},
    {NB(nb_or), "__or__", "__ror__", nullptr, nullptr, false},
    {NB(nb_floor_divide), "__floordiv__", "__rfloordiv__", nullptr, nullptr, false},
    {NB(nb_true_divide), "__truediv__", "__rtruediv__", "__div__", "__rdiv__", false},
    {NB(nb_matrix_multiply), "__matmul__", "__rmatmul__", "", "", false},
};
constexpr int kBinaryCount = sizeof(kBinary) / sizeof(kBinary[0]);
constexpr int kPower = 5;

const char* pick(const Runtime& rt, const char* name, const char* name27) {
    return rt.profile().major == 2 && name27 != nullptr ? name27 : name;
}

// target.<name>(arg); a built-in stand-in gets the operands in source order.
PyObject* call_binary(Runtime& rt, PyObject* target, PyObject* arg, const char* name, const BinaryDunder& d,
                      bool reflected) {
    Found f = find_dunder(rt, Py_TYPE(target), name, d.offset);
    if (f.attr != nullptr) return call_method_found(rt, f.attr, target, &arg, 1);
    if (f.builtin == nullptr) return not_implemented(rt);
    PyObject* a = reflected ? arg : target;
    PyObject* b = reflected ? target : arg;
    AnySlot slot = read_slot(f.builtin, d.offset);
    if (d.ternary) return reinterpret_cast<ternaryfunc>(slot)(rt, a, b, rt.builtins().singletons.none);
    return reinterpret_cast<binaryfunc>(slot)(rt, a, b);
}

// method_is_overloaded: whether type(right) has a reflected dunder other than type(left)'s.
bool method_is_overloaded(const Runtime& rt, PyObject* left, PyObject* right, const char* rname, size_t offset) {
    Found b = find_dunder(rt, Py_TYPE(right), rname, offset);
    if (!b.any()) return false;
    Found a = find_dunder(rt, Py_TYPE(left), rname, offset);
    return !a.any() || !(a == b);
}

// SLOT1BINFULL: self's dunder when type(self) dispatches this operator, other's reflected dunder
// when type(other) does; the reflected one first when type(other) is a subclass of type(self) that
// overrides it. `me` is the slot function that stands for this operator.
PyObject* binary_full(Runtime& rt, PyObject* self, PyObject* other, const BinaryDunder& d, AnySlot me) {
    const char* name = pick(rt, d.name, d.name27);
    const char* rname = pick(rt, d.rname, d.rname27);
    bool do_other = Py_TYPE(self) != Py_TYPE(other) && read_slot(Py_TYPE(other), d.offset) == me;
    if (read_slot(Py_TYPE(self), d.offset) == me) {
        if (do_other && type_is_subtype(Py_TYPE(other), Py_TYPE(self)) &&
            method_is_overloaded(rt, self, other, rname, d.offset)) {
            PyObject* r = call_binary(rt, other, self, rname, d, true);
            if (r != rt.builtins().singletons.not_implemented) return r;
            rt.decref(r);
            do_other = false;
        }
        PyObject* r = call_binary(rt, self, other, name, d, false);
        if (r != rt.builtins().singletons.not_implemented || Py_TYPE(other) == Py_TYPE(self)) return r;
        rt.decref(r);
    }
    if (do_other) return call_binary(rt, other, self, rname, d, true);
    return not_implemented(rt);
}

template <int K>
PyObject* slot_nb_binary(Runtime& rt, PyObject* self, PyObject* other) {
    return binary_full(rt, self, other, kBinary[K], any_slot(&slot_nb_binary<K>));
}

// slot_nb_power: pow(a, b) is a binary operator; pow(a, b, m) only tries a.__pow__(b, m).
PyObject* slot_nb_power(Runtime& rt, PyObject* self, PyObject* other, PyObject* modulus) {
    const BinaryDunder& d = kBinary[kPower];
    if (is_none(rt, modulus)) return binary_full(rt, self, other, d, any_slot(&slot_nb_power));
    if (read_slot(Py_TYPE(self), d.offset) != any_slot(&slot_nb_power)) return not_implemented(rt);
    PyObject* args[] = {other, modulus};
    Found f = find_dunder(rt, Py_TYPE(self), d.name, d.offset);
    if (f.attr != nullptr) return call_method_found(rt, f.attr, self, args, 2);
    if (f.builtin != nullptr) return f.builtin->tp_as_number.nb_power(rt, self, other, modulus);
    return not_implemented(rt);
}

// The in-place operators (SLOT1): self.__iadd__(other) ..., NotImplemented when absent.
struct InplaceDunder {
    size_t offset;
    const char* name;
    const char* name27;
};
constexpr InplaceDunder kInplace[] = {
    {NB(nb_inplace_add), "__iadd__", nullptr},
    {NB(nb_inplace_subtract), "__isub__", nullptr},
    {NB(nb_inplace_multiply), "__imul__", nullptr},
    {NB(nb_inplace_remainder), "__imod__", nullptr},
    {NB(nb_inplace_lshift), "__ilshift__", nullptr},
    {NB(nb_inplace_rshift), "__irshift__", nullptr},
    {NB(nb_inplace_and), "__iand__", nullptr},
    {NB(nb_inplace_xor), "__ixor__", nullptr},
    {NB(nb_inplace_or), "__ior__", nullptr},
    {NB(nb_inplace_floor_divide), "__ifloordiv__", nullptr},
    {NB(nb_inplace_true_divide), "__itruediv__", "__idiv__"},
    {NB(nb_inplace_matrix_multiply), "__imatmul__", ""},
};
constexpr int kInplaceCount = sizeof(kInplace) / sizeof(kInplace[0]);

template <int K>
PyObject* slot_nb_inplace(Runtime& rt, PyObject* self, PyObject* other) {
    const InplaceDunder& d = kInplace[K];
    Found f = find_dunder(rt, Py_TYPE(self), pick(rt, d.name, d.name27), d.offset);
    if (f.attr != nullptr) return call_method_found(rt, f.attr, self, &other, 1);
    if (f.builtin != nullptr) return reinterpret_cast<binaryfunc>(read_slot(f.builtin, d.offset))(rt, self, other);
    return not_implemented(rt);
}

// __ipow__ takes no modulus (3.8's slot_nb_inplace_power ignores it).
PyObject* slot_nb_inplace_power(Runtime& rt, PyObject* self, PyObject* other, PyObject* modulus) {
    Found f = find_dunder(rt, Py_TYPE(self), "__ipow__", NB(nb_inplace_power));
    if (f.attr != nullptr) return call_method_found(rt, f.attr, self, &other, 1);
    if (f.builtin != nullptr) return f.builtin->tp_as_number.nb_inplace_power(rt, self, other, modulus);
    return not_implemented(rt);
}

// ---- the table (slot_defs.h) --------------------------------------------------------------------
// Static data (the rows' function pointers are constants), in slotdefs' order.

#define ANY(f) reinterpret_cast<AnySlot>(f)
#define COMPARE(op) {TP(tp_richcompare), kCompareDunders[op], nullptr, ANY(&slot_tp_richcompare), W::Compare, op}
#define UNARY(K) {kUnary[K].offset, kUnary[K].name, nullptr, ANY(&slot_nb_unary<K>), W::Unary}
#define BINARY_ROWS(K, f, left, right)                                                  \
    {kBinary[K].offset, kBinary[K].name, kBinary[K].name27, ANY(f), left},              \
    {kBinary[K].offset, kBinary[K].rname, kBinary[K].rname27, ANY(f), right}
#define BINARY(K) BINARY_ROWS(K, &slot_nb_binary<K>, W::Binary, W::BinaryRight)
#define INPLACE(K) {kInplace[K].offset, kInplace[K].name, kInplace[K].name27, ANY(&slot_nb_inplace<K>), W::Binary}
using W = SlotWrap;
const SlotDef kSlotDefs[] = {
    {TP(tp_repr), "__repr__", nullptr, ANY(&slot_tp_repr), W::Repr},
    {TP(tp_str), "__str__", nullptr, ANY(&slot_tp_str), W::Str},
    {TP(tp_hash), "__hash__", nullptr, ANY(&slot_tp_hash), W::Hash},
    {TP(tp_call), "__call__", nullptr, ANY(&slot_tp_call), W::Call},
    {TP(tp_getattro), "__getattribute__", nullptr, ANY(&slot_tp_getattro), W::GetAttribute},
    {TP(tp_getattro), "__getattr__", nullptr, ANY(&slot_tp_getattr_hook), W::None},
    {TP(tp_setattro), "__setattr__", nullptr, ANY(&slot_tp_setattro), W::SetAttr},
    {TP(tp_setattro), "__delattr__", nullptr, ANY(&slot_tp_setattro), W::DelAttr},
    {TP(tp_iter), "__iter__", nullptr, ANY(&slot_tp_iter), W::Iter},
    {TP(tp_iternext), "__next__", "next", ANY(&slot_tp_iternext), W::Next},
    {TP(tp_descr_get), "__get__", nullptr, ANY(&slot_tp_descr_get), W::None},
    {TP(tp_descr_set), "__set__", nullptr, ANY(&slot_tp_descr_set), W::None},
    {TP(tp_descr_set), "__delete__", nullptr, ANY(&slot_tp_descr_set), W::None},
    {TP(tp_init), "__init__", nullptr, ANY(&slot_tp_init), W::Init},
    {TP(tp_new), "__new__", nullptr, ANY(&slot_tp_new), W::New},
    {TP(tp_finalize), "__del__", "", ANY(&slot_tp_finalize), W::None},
    {TP(tp_del), "", "__del__", ANY(&slot_tp_finalize), W::None},
    COMPARE(Py_LT), COMPARE(Py_LE), COMPARE(Py_EQ), COMPARE(Py_NE), COMPARE(Py_GT), COMPARE(Py_GE),
    UNARY(0), UNARY(1), UNARY(2), UNARY(3), UNARY(4), UNARY(5), UNARY(6),
    {NB(nb_bool), "__bool__", "__nonzero__", ANY(&slot_nb_bool), W::Inquiry},
    BINARY(0), BINARY(1), BINARY(2), BINARY(3), BINARY(4),
    BINARY_ROWS(kPower, &slot_nb_power, W::Ternary, W::TernaryRight),
    BINARY(6), BINARY(7), BINARY(8), BINARY(9), BINARY(10), BINARY(11), BINARY(12), BINARY(13),
    INPLACE(0), INPLACE(1), INPLACE(2), INPLACE(3), INPLACE(4), INPLACE(5),
    INPLACE(6), INPLACE(7), INPLACE(8), INPLACE(9), INPLACE(10), INPLACE(11),
    {NB(nb_inplace_power), "__ipow__", nullptr, ANY(&slot_nb_inplace_power), W::Ternary},
    {MP(mp_length), "__len__", nullptr, ANY(&slot_sq_length), W::Len},
    {MP(mp_subscript), "__getitem__", nullptr, ANY(&slot_mp_subscript), W::GetItem},
    {MP(mp_ass_subscript), "__setitem__", nullptr, ANY(&slot_mp_ass_subscript), W::SetItem},
    {MP(mp_ass_subscript), "__delitem__", nullptr, ANY(&slot_mp_ass_subscript), W::DelItem},
    {SQ(sq_length), "__len__", nullptr, ANY(&slot_sq_length), W::Len},
    // A sequence's operators: wrappers only, a class's __add__ and __mul__ feed nb_add and nb_multiply.
    {SQ(sq_concat), "__add__", nullptr, nullptr, W::Binary},
    {SQ(sq_repeat), "__mul__", nullptr, nullptr, W::IndexArg},
    {SQ(sq_repeat), "__rmul__", nullptr, nullptr, W::IndexArg},
    {SQ(sq_contains), "__contains__", nullptr, ANY(&slot_sq_contains), W::Contains},
    {SQ(sq_inplace_concat), "__iadd__", nullptr, nullptr, W::Binary},
    {SQ(sq_inplace_repeat), "__imul__", nullptr, nullptr, W::IndexArg},
};
#undef ANY
#undef COMPARE
#undef UNARY
#undef BINARY_ROWS
#undef BINARY
#undef INPLACE
static_assert(sizeof(kUnary) / sizeof(kUnary[0]) == 7 && kBinaryCount == 14 && kInplaceCount == 12,
              "kSlotDefs lists every unary, binary and in-place row");

}  // namespace

std::span<const SlotDef> slot_defs() { return kSlotDefs; }

const char* slot_def_name(const Runtime& rt, const SlotDef& def) { return pick(rt, def.name, def.name27); }

namespace {

// The dunders in the dicts along a type's MRO, each with the first MRO position that holds it: an
// update reads every dict once rather than once per slot (a class attribute assignment re-runs the
// update, so a loop doing `C.count += 1` pays for it on every pass).
class MroDunders {
public:
    MroDunders(const Runtime& rt, PyTypeObject* type) : mro_(type->tp_mro) {
        for (int64_t i = 0; i < Py_SIZE(mro_); ++i) {
            PyObject* dict = at(i)->tp_dict;
            if (dict == nullptr) continue;
            for (PyObject* key : dict_keys(rt, dict)) {
                std::string_view name = ascii_text(rt, key);
                if (!is_dunder(name) && name != "next") continue;
                PyObject* value = dict_getitem(const_cast<Runtime&>(rt), dict, key);
                if (is_tp_new_wrapper(rt, value)) continue;  // stands for the built-in's tp_new
                bool seen = false;
                for (const Entry& e : entries_) seen = seen || e.name == name;
                if (!seen) entries_.push_back({std::string(name), i, value});
            }
        }
    }

    // find_dunder's answer, from the index.
    Found find(std::string_view name, size_t offset) const {
        int64_t stop = Py_SIZE(mro_);
        if (offset != kNoSlot)
            for (int64_t i = 0; i < stop; ++i)
                if (!is_heap_type(at(i)) && defines_slot(at(i), offset)) stop = i;
        for (const Entry& e : entries_)
            if (e.name == name && e.index <= stop) return {e.value, nullptr};
        return stop < Py_SIZE(mro_) ? Found{nullptr, at(stop)} : Found{};
    }

private:
    struct Entry {
        std::string name;
        int64_t index;
        PyObject* value;  // borrowed from the dict
    };
    PyObject* mro_;
    std::vector<Entry> entries_;

    PyTypeObject* at(int64_t i) const { return reinterpret_cast<PyTypeObject*>(tuple_items(mro_)[i]); }
    static std::string_view ascii_text(const Runtime& rt, const PyObject* key) {
        if (!str_check(rt, key)) return {};
        if (rt.profile().major == 2) return bytes_view(rt, key);
        if (!unicode_is_ascii(rt, key)) return {};
        return {static_cast<const char*>(unicode_data(rt, key)), static_cast<size_t>(unicode_length(key))};
    }
};

// update_one_slot for the group of entries [first, last) that feed one slot.
void update_one_slot(Runtime& rt, PyTypeObject* type, const MroDunders& dunders, const SlotDef* first,
                     const SlotDef* last) {
    const size_t offset = first->offset;
    Found found;
    AnySlot dispatcher = nullptr;
    bool applies = false;
    for (const SlotDef* d = first; d != last; ++d) {
        const char* name = pick(rt, d->name, d->name27);
        if (*name == '\0' || d->function == nullptr) continue;
        applies = true;
        Found f = dunders.find(name, offset);
        if (f.attr != nullptr && found.attr == nullptr) {
            found = f;
            dispatcher = d->function;
        } else if (f.builtin != nullptr && !found.any()) {
            found = f;
        }
    }
    if (!applies) return;
    AnySlot value = found.attr != nullptr      ? dispatcher
                    : found.builtin != nullptr ? read_slot(found.builtin, offset)
                                               : nullptr;
    if (offset == TP(tp_hash) && found.attr != nullptr && is_none(rt, found.attr)) {
        value = any_slot(&hash_not_implemented);
    } else if (offset == TP(tp_getattro) && found.attr != nullptr) {
        // __getattr__ needs the hook whichever dunder the class defines first.
        const bool hook = dunders.find("__getattr__", kNoSlot).attr != nullptr;
        value = any_slot(hook ? &slot_tp_getattr_hook : &slot_tp_getattro);
    } else if (offset == TP(tp_iter) && found.attr == nullptr &&
               dunders.find("__getitem__", MP(mp_subscript)).attr != nullptr) {
        value = any_slot(&slot_tp_iter);  // the sequence iterator over __getitem__
    } else if (offset == TP(tp_new) && found.attr == nullptr) {
        value = any_slot(builtin_new(rt, type));
    } else if (offset == TP(tp_repr) && value == nullptr) {
        value = any_slot(&object_default_repr);
    }
    write_slot(type, offset, value);
}

// The table's entries grouped by slot, in table order (__len__ feeds two slots; an operator's
// entries and its reflection's share one).
const std::vector<std::vector<SlotDef>>& slot_groups() {
    static const std::vector<std::vector<SlotDef>> groups = [] {
        std::vector<std::vector<SlotDef>> out;
        for (const SlotDef& d : slot_defs()) {
            bool placed = false;
            for (auto& g : out)
                if (!placed && g.front().offset == d.offset) {
                    g.push_back(d);
                    placed = true;
                }
            if (!placed) out.push_back({d});
        }
        return out;
    }();
    return groups;
}

}  // namespace

PyObject* type_lookup_ascii(const Runtime& rt, PyTypeObject* type, std::string_view name) {
    return find_dunder(rt, type, name, kNoSlot).attr;
}

PyObject* call_method_found(Runtime& rt, PyObject* attr, PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                            PyObject* kwnames) {
    if (!rt.profile().at_least(3, 7) && Py_TYPE(attr) == rt.builtins().function_type && kwnames == nullptr)
        return call_method_packed(rt, attr, self, args, nargs);
    rt.incref(attr);  // the call may rebind the class attribute that holds it
    PyObject* r;
    const Py_ssize_t total = nargs + (kwnames != nullptr ? Py_SIZE(kwnames) : 0);
    if (Py_TYPE(attr) == rt.builtins().function_type || method_descriptor_check(rt, attr)) {
        PyObject* small[8];
        std::vector<PyObject*> large;
        PyObject** stack = small;
        if (total + 1 > 8) {
            large.resize(static_cast<size_t>(total + 1));
            stack = large.data();
        }
        stack[0] = self;
        for (Py_ssize_t i = 0; i < total; ++i) stack[i + 1] = args[i];
        r = object_vectorcall(rt, attr, stack, nargs + 1, kwnames);
    } else if (descrgetfunc get = Py_TYPE(attr)->tp_descr_get; get != nullptr) {
        PyObject* bound = get(rt, attr, self, reinterpret_cast<PyObject*>(Py_TYPE(self)));
        r = bound != nullptr ? object_vectorcall(rt, bound, args, nargs, kwnames) : nullptr;
        rt.xdecref(bound);
    } else {
        r = object_vectorcall(rt, attr, args, nargs, kwnames);
    }
    rt.decref(attr);
    return r;
}

void type_update_slots(Runtime& rt, PyTypeObject* type) {
    if (!is_heap_type(type) || type->tp_mro == nullptr) return;
    const MroDunders dunders(rt, type);
    for (const std::vector<SlotDef>& group : slot_groups())
        update_one_slot(rt, type, dunders, group.data(), group.data() + group.size());
    if (std::vector<PyTypeObject*>* subclasses = heap_type(type)->subclasses.p)
        for (PyTypeObject* sub : std::vector<PyTypeObject*>(*subclasses)) type_update_slots(rt, sub);
}

bool tp_new_is_slot(const PyTypeObject* t) { return t->tp_new == slot_tp_new; }

}  // namespace pymemlab
