// method-wrapper objects: a built-in type's slot bound to an object (descrobject.c's wrapper_call
// and the wrap_* functions of typeobject.c's slotdefs), for the slots super() reaches.
#include "object/slot_wrapper.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/errors.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {

enum class Kind {
    Init, New, Repr, Str, Hash, Compare, GetAttribute, SetAttr, DelAttr, GetItem, SetItem, DelItem, Len,
    Contains, Iter, Next, Call
};

// One dunder and the slot it wraps (slotdefs): `offset` is the slot's place in PyTypeObject,
// `op` the comparison for __eq__ and its kin.
struct WrapperDef {
    const char* name;
    Kind kind;
    size_t offset;
    int op;
};

#define TP(field) offsetof(PyTypeObject, field)
#define SQ(field) (offsetof(PyTypeObject, tp_as_sequence) + offsetof(PySequenceMethods, field))
#define MP(field) (offsetof(PyTypeObject, tp_as_mapping) + offsetof(PyMappingMethods, field))
const WrapperDef kDefs[] = {
    {"__init__", Kind::Init, TP(tp_init), 0},
    {"__new__", Kind::New, TP(tp_new), 0},
    {"__repr__", Kind::Repr, TP(tp_repr), 0},
    {"__str__", Kind::Str, TP(tp_str), 0},
    {"__hash__", Kind::Hash, TP(tp_hash), 0},
    {"__lt__", Kind::Compare, TP(tp_richcompare), Py_LT},
    {"__le__", Kind::Compare, TP(tp_richcompare), Py_LE},
    {"__eq__", Kind::Compare, TP(tp_richcompare), Py_EQ},
    {"__ne__", Kind::Compare, TP(tp_richcompare), Py_NE},
    {"__gt__", Kind::Compare, TP(tp_richcompare), Py_GT},
    {"__ge__", Kind::Compare, TP(tp_richcompare), Py_GE},
    {"__getattribute__", Kind::GetAttribute, TP(tp_getattro), 0},
    {"__setattr__", Kind::SetAttr, TP(tp_setattro), 0},
    {"__delattr__", Kind::DelAttr, TP(tp_setattro), 0},
    {"__getitem__", Kind::GetItem, MP(mp_subscript), 0},
    {"__setitem__", Kind::SetItem, MP(mp_ass_subscript), 0},
    {"__delitem__", Kind::DelItem, MP(mp_ass_subscript), 0},
    {"__len__", Kind::Len, SQ(sq_length), 0},
    {"__contains__", Kind::Contains, SQ(sq_contains), 0},
    {"__iter__", Kind::Iter, TP(tp_iter), 0},
    {"__next__", Kind::Next, TP(tp_iternext), 0},
    {"__call__", Kind::Call, TP(tp_call), 0},
};
#undef TP
#undef SQ
#undef MP

// What a wrapper wraps: the slot of one built-in type (CPython's wrapper_descriptor), the
// runtime's entry for the pair (Builtins::slot_wrapper_targets): the type and its table row.
using WrapperTarget = std::pair<PyTypeObject*, const void*>;
const WrapperTarget* target_of(Runtime& rt, PyTypeObject* type, const WrapperDef* def) {
    return &*rt.builtins().slot_wrapper_targets.insert({type, def}).first;
}
const WrapperDef& def_of(const WrapperTarget* target) { return *static_cast<const WrapperDef*>(target->second); }

// wrapperobject: its descriptor (here the target) and the bound object.
struct WrapperObject {
    PyObject ob_base;
    Slot<const WrapperTarget> descr;
    Slot<PyObject> self;
};
constexpr int64_t kWrapperSize = 32;  // sizeof(wrapperobject) on every 64-bit version
static_assert(sizeof(WrapperObject) == kWrapperSize);

WrapperObject* as_wrapper(PyObject* o) { return reinterpret_cast<WrapperObject*>(o); }

using AnySlot = void (*)();
AnySlot read_slot(const PyTypeObject* t, size_t offset) {
    AnySlot f;
    std::memcpy(&f, reinterpret_cast<const char*>(t) + offset, sizeof f);
    return f;
}

// `type` implements the slot itself (its own function, not its base's): CPython's dict for it then
// holds the wrapper. `object`'s repr and str are C functions in CPython that the model leaves to
// abstract.cpp's fallbacks; 2.7's object has no rich comparison.
bool implements(Runtime& rt, const PyTypeObject* type, const WrapperDef& def) {
    if (type == rt.builtins().object_type) {
        if (def.kind == Kind::Repr || def.kind == Kind::Str) return true;
        if (def.kind == Kind::Compare && rt.profile().major == 2) return false;
    }
    // 2.7's int and long compare through tp_compare (__cmp__), so they have no __eq__ and kin.
    if (def.kind == Kind::Compare && rt.profile().major == 2 &&
        (type == rt.builtins().long_type || type == rt.builtins().long27_type))
        return false;
    size_t offset = def.offset;
    if (def.kind == Kind::Len && read_slot(type, offset) == nullptr)
        offset = offsetof(PyTypeObject, tp_as_mapping) + offsetof(PyMappingMethods, mp_length);
    AnySlot own = read_slot(type, offset);
    return own != nullptr && (type->tp_base == nullptr || read_slot(type->tp_base, offset) != own);
}


void wrapper_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    rt.xdecref(as_wrapper(self)->self.p);
    rt.free_object(self);
}

void wrapper_traverse(PyObject* self, visitproc visit, void* arg) {
    if (PyObject* s = as_wrapper(self)->self.p) visit(s, arg);
}

PyObject* wrapper_repr(Runtime& rt, PyObject* w) {
    PyObject* self = as_wrapper(w)->self.p;
    char address[32];
    std::snprintf(address, sizeof address, "0x%012" PRIx64, rt.id(self));
    return str_from_utf8(rt, std::string("<method-wrapper '") + def_of(as_wrapper(w)->descr.p).name + "' of " +
                                 Py_TYPE(self)->tp_name + " object at " + address + ">");
}

// check_num_args: "expected 1 argument, got 0".
bool num_args(Runtime& rt, Py_ssize_t nargs, Py_ssize_t want) {
    if (nargs == want) return true;
    err_format(rt, rt.builtins().exc.TypeError, "expected %d argument%s, got %d", static_cast<int>(want),
               want == 1 ? "" : "s", static_cast<int>(nargs));
    return false;
}

PyObject* status_none(Runtime& rt, int status) { return status < 0 ? nullptr : none(rt); }

// tp_new_wrapper: T.__new__(S, *args) makes an S with T's tp_new, S a subtype of T whose nearest
// built-in base allocates as T does.
PyObject* call_new(Runtime& rt, PyTypeObject* type, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    PyTypeObject* type_error = rt.builtins().exc.TypeError;
    if (nargs < 1) return err_format(rt, type_error, "%s.__new__(): not enough arguments", type->tp_name);
    PyObject* arg0 = args[0];
    if (!object_type_check(arg0, rt.builtins().type_type))
        return err_format(rt, type_error, "%s.__new__(X): X is not a type object (%s)", type->tp_name,
                          Py_TYPE(arg0)->tp_name);
    auto* subtype = reinterpret_cast<PyTypeObject*>(arg0);
    if (subtype != type && !type_is_subtype(subtype, type))
        return err_format(rt, type_error, "%s.__new__(%s): %s is not a subtype of %s", type->tp_name,
                          type_name(subtype).c_str(), type_name(subtype).c_str(), type->tp_name);
    PyTypeObject* staticbase = subtype;
    while (staticbase != nullptr && is_heap_type(staticbase)) staticbase = staticbase->tp_base;
    if (staticbase != nullptr && staticbase->tp_new != type->tp_new)
        return err_format(rt, type_error, "%s.__new__(%s) is not safe, use %s.__new__()", type->tp_name,
                          type_name(subtype).c_str(), staticbase->tp_name);
    return type->tp_new(rt, subtype, args + 1, nargs - 1, kwnames);
}

PyObject* wrapper_call(Runtime& rt, PyObject* w, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    const WrapperTarget* target = as_wrapper(w)->descr.p;
    PyTypeObject* t = target->first;
    const WrapperDef& def = def_of(target);
    PyObject* self = as_wrapper(w)->self.p;
    const bool takes_keywords = def.kind == Kind::Init || def.kind == Kind::New || def.kind == Kind::Call;
    if (!takes_keywords && kwnames != nullptr && Py_SIZE(kwnames) > 0)
        return err_format(rt, rt.builtins().exc.TypeError,
                          rt.profile().major == 2 ? "wrapper %s doesn't take keyword arguments"
                                                  : "wrapper %s() takes no keyword arguments",
                          def.name);
    switch (def.kind) {
        case Kind::Init: return status_none(rt, t->tp_init(rt, self, args, nargs, kwnames));
        case Kind::New: return call_new(rt, t, args, nargs, kwnames);
        case Kind::Call: return t->tp_call(rt, self, args, nargs, kwnames);
        case Kind::Repr:
            if (!num_args(rt, nargs, 0)) return nullptr;
            return t->tp_repr != nullptr ? t->tp_repr(rt, self) : object_default_repr(rt, self);
        case Kind::Str:
            if (!num_args(rt, nargs, 0)) return nullptr;
            // object.__str__ is repr(self), whatever class self has.
            return t->tp_str != nullptr ? t->tp_str(rt, self) : object_repr(rt, self);
        case Kind::Hash: {
            if (!num_args(rt, nargs, 0)) return nullptr;
            const Py_hash_t h = t->tp_hash(rt, self);
            return h == -1 && err_occurred(rt) ? nullptr : long_from_int64(rt, h);
        }
        case Kind::Compare:
            if (!num_args(rt, nargs, 1)) return nullptr;
            return t->tp_richcompare(rt, self, args[0], def.op);
        case Kind::GetAttribute:
            if (!num_args(rt, nargs, 1)) return nullptr;
            return t->tp_getattro(rt, self, args[0]);
        case Kind::SetAttr:
            if (!num_args(rt, nargs, 2)) return nullptr;
            return status_none(rt, t->tp_setattro(rt, self, args[0], args[1]));
        case Kind::DelAttr:
            if (!num_args(rt, nargs, 1)) return nullptr;
            return status_none(rt, t->tp_setattro(rt, self, args[0], nullptr));
        case Kind::GetItem:
            if (!num_args(rt, nargs, 1)) return nullptr;
            return t->tp_as_mapping.mp_subscript(rt, self, args[0]);
        case Kind::SetItem:
            if (!num_args(rt, nargs, 2)) return nullptr;
            return status_none(rt, t->tp_as_mapping.mp_ass_subscript(rt, self, args[0], args[1]));
        case Kind::DelItem:
            if (!num_args(rt, nargs, 1)) return nullptr;
            return status_none(rt, t->tp_as_mapping.mp_ass_subscript(rt, self, args[0], nullptr));
        case Kind::Len: {
            if (!num_args(rt, nargs, 0)) return nullptr;
            lenfunc len = t->tp_as_sequence.sq_length != nullptr ? t->tp_as_sequence.sq_length : t->tp_as_mapping.mp_length;
            const Py_ssize_t n = len(rt, self);
            return n < 0 ? nullptr : long_from_int64(rt, n);
        }
        case Kind::Contains: {
            if (!num_args(rt, nargs, 1)) return nullptr;
            const int r = t->tp_as_sequence.sq_contains(rt, self, args[0]);
            return r < 0 ? nullptr : bool_from(rt, r != 0);
        }
        case Kind::Iter:
            if (!num_args(rt, nargs, 0)) return nullptr;
            return t->tp_iter(rt, self);
        case Kind::Next: {
            if (!num_args(rt, nargs, 0)) return nullptr;
            PyObject* r = t->tp_iternext(rt, self);
            if (r == nullptr && !err_occurred(rt)) err_set_object(rt, rt.builtins().exc.StopIteration, nullptr);
            return r;
        }
    }
    return nullptr;
}

}  // namespace

PyObject* slot_wrapper_bind(Runtime& rt, PyTypeObject* type, std::string_view name, PyObject* self) {
    if (is_heap_type(type)) return nullptr;
    for (const WrapperDef& def : kDefs) {
        if (name != def.name) continue;
        if (!implements(rt, type, def)) return nullptr;
        // __new__ is bound to the type itself (a static method of it).
        PyObject* bound = def.kind == Kind::New ? reinterpret_cast<PyObject*>(type) : self;
        PyTypeObject* wt = rt.builtins().method_wrapper_type;
        PyObject* w = rt.alloc_gc_object(wt, static_cast<size_t>(wt->tp_basicsize));
        if (w == nullptr) return err_no_memory(rt);
        as_wrapper(w)->descr.p = target_of(rt, type, &def);
        as_wrapper(w)->self.p = new_ref(rt, bound);
        rt.gc_track(w);
        return w;
    }
    return nullptr;
}

PyObject* slot_wrapper_find(Runtime& rt, PyTypeObject* type, std::string_view name, PyObject* self) {
    if (name == "__hash__" || name == "__new__") return nullptr;
    for (PyTypeObject* t = type; t != nullptr; t = t->tp_base) {
        if (PyObject* w = slot_wrapper_bind(rt, t, name, self)) return w;
        if (err_occurred(rt)) return nullptr;
    }
    return nullptr;
}

void init_slot_wrapper_type(Runtime& rt) {
    Builtins& b = rt.builtins();
    if (b.method_wrapper_type != nullptr) return;
    PyTypeObject* t = new_static_type(rt, "method-wrapper", kWrapperSize, 0,
                                      {.dealloc = wrapper_dealloc, .traverse = wrapper_traverse});
    t->tp_call = wrapper_call;
    t->tp_repr = wrapper_repr;
    b.method_wrapper_type = t;
    type_ready(rt, t);
}

}  // namespace pymemlab
