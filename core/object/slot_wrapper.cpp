// Slot wrappers (Objects/descrobject.c's wrapper_descriptor and method-wrapper, and the wrap_*
// functions of typeobject.c): `int.__add__`, `object.__init__`, `[].__len__`.
#include "object/slot_wrapper.h"

#include <cstdio>
#include <string>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/descr_object.h"
#include "object/errors.h"
#include "object/long_object.h"
#include "object/runtime.h"
#include "object/seq_internal.h"
#include "object/slot_defs.h"
#include "object/str_object.h"
#include "object/text_args.h"
#include "object/type_object.h"

namespace pymemlab {

namespace {

// PyWrapperDescrObject: CPython's is PyDescr_COMMON (the head, d_type, d_name, 3.x's d_qualname),
// d_base (the slotdefs row) and d_wrapped (the slot's function): 48 bytes in 2.7, 56 in 3.x. The
// model names the dunder through its row. Invariant: d_type is a static type that defines the
// row's slot itself; one descriptor per pair, in Builtins::slot_wrappers.
struct WrapperDescrObject {
    PyObject ob_base;
    Slot<PyTypeObject> d_type;
    Slot<const SlotDef> d_base;
};

// wrapperobject: the descriptor (a strong reference) and the bound object.
struct WrapperObject {
    PyObject ob_base;
    Slot<PyObject> descr;
    Slot<PyObject> self;
};
constexpr int64_t kWrapperSize = 32;  // sizeof(wrapperobject) on every 64-bit version
static_assert(sizeof(WrapperObject) == kWrapperSize);

WrapperDescrObject* as_descr(PyObject* o) { return reinterpret_cast<WrapperDescrObject*>(o); }
WrapperObject* as_wrapper(PyObject* o) { return reinterpret_cast<WrapperObject*>(o); }

// `type` implements the row's slot itself (not by inheritance): CPython's dict for it then holds
// the wrapper. `object`'s repr and str are C functions in CPython that the model leaves to
// abstract.cpp's fallbacks; 2.7's object has no rich comparison, nor its int and long (they
// compare through tp_compare, __cmp__).
bool implements(Runtime& rt, const PyTypeObject* type, const SlotDef& def) {
    const Builtins& b = rt.builtins();
    if (def.wrap == SlotWrap::Compare && rt.profile().major == 2 &&
        (type == b.object_type || type == b.long_type || type == b.long27_type))
        return false;
    if (type == b.object_type && (def.wrap == SlotWrap::Repr || def.wrap == SlotWrap::Str)) return true;
    return defines_slot(type, def.offset);
}

// The row behind `name` that a static type's own dict would hold a wrapper for, or nullptr.
const SlotDef* own_row(Runtime& rt, const PyTypeObject* type, std::string_view name) {
    if (is_heap_type(type)) return nullptr;
    for (const SlotDef& def : slot_defs())
        if (def.wrap != SlotWrap::None && name == slot_def_name(rt, def) && implements(rt, type, def)) return &def;
    return nullptr;
}

// The wrapper_descriptor of (type, row): made once, in the data segment, since CPython makes it
// when it readies the type, before any snippet runs (it takes no block of the heap the lab shows).
// Borrowed: Builtins::slot_wrappers holds it.
PyObject* descriptor_of(Runtime& rt, PyTypeObject* type, const SlotDef* def) {
    auto [it, fresh] = rt.builtins().slot_wrappers.try_emplace({type, def}, nullptr);
    if (fresh) {
        PyObject* d = rt.static_object(rt.builtins().wrapper_descriptor_type, sizeof(WrapperDescrObject));
        as_descr(d)->d_type.p = type;
        as_descr(d)->d_base.p = def;
        it->second = d;
    }
    return it->second;
}

// `name` along type's base chain: the first static type whose dict in CPython would hold a slot
// wrapper for it, with the row. __hash__ of a type that compares but does not hash is None there.
struct Owner {
    PyTypeObject* type = nullptr;
    const SlotDef* def = nullptr;
    bool hash_none = false;
};
Owner find_owner(Runtime& rt, PyTypeObject* type, std::string_view name) {
    for (PyTypeObject* t = type; t != nullptr; t = t->tp_base) {
        if (is_heap_type(t)) continue;
        if (name == "__hash__" && t->tp_hash == nullptr) return {t, nullptr, true};
        if (const SlotDef* def = own_row(rt, t, name)) return {t, def, false};
    }
    return {};
}

const char* name_of(Runtime& rt, PyObject* descr) { return slot_def_name(rt, *as_descr(descr)->d_base.p); }

PyObject* bind(Runtime& rt, PyObject* descr, PyObject* self) {
    PyTypeObject* wt = rt.builtins().method_wrapper_type;
    PyObject* w = rt.alloc_gc_object(wt, static_cast<size_t>(wt->tp_basicsize));
    if (w == nullptr) return err_no_memory(rt);
    as_wrapper(w)->descr.p = new_ref(rt, descr);
    as_wrapper(w)->self.p = new_ref(rt, self);
    rt.gc_track(w);
    return w;
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

// The wrap_* function of the row: the slot of `t` called on self with the wrapper's arguments.
PyObject* call_slot(Runtime& rt, PyTypeObject* t, const SlotDef& def, PyObject* self, PyObject* const* args,
                    Py_ssize_t nargs, PyObject* kwnames) {
    const AnySlot slot = read_slot(t, def.offset);
    switch (def.wrap) {
        case SlotWrap::Init: return status_none(rt, t->tp_init(rt, self, args, nargs, kwnames));
        case SlotWrap::New: return call_new(rt, t, args, nargs, kwnames);
        case SlotWrap::Call: return t->tp_call(rt, self, args, nargs, kwnames);
        case SlotWrap::Repr:
            if (!num_args(rt, nargs, 0)) return nullptr;
            return t->tp_repr != nullptr ? t->tp_repr(rt, self) : object_default_repr(rt, self);
        case SlotWrap::Str:
            if (!num_args(rt, nargs, 0)) return nullptr;
            // object.__str__ is repr(self), whatever class self has.
            return t->tp_str != nullptr ? t->tp_str(rt, self) : object_repr(rt, self);
        case SlotWrap::Hash: {
            if (!num_args(rt, nargs, 0)) return nullptr;
            const Py_hash_t h = t->tp_hash(rt, self);
            return h == -1 && err_occurred(rt) ? nullptr : long_from_int64(rt, h);
        }
        case SlotWrap::Compare:
            if (!num_args(rt, nargs, 1)) return nullptr;
            return t->tp_richcompare(rt, self, args[0], def.op);
        case SlotWrap::GetAttribute:
            if (!num_args(rt, nargs, 1)) return nullptr;
            return t->tp_getattro(rt, self, args[0]);
        case SlotWrap::SetAttr:
            if (!num_args(rt, nargs, 2)) return nullptr;
            return status_none(rt, t->tp_setattro(rt, self, args[0], args[1]));
        case SlotWrap::DelAttr:
            if (!num_args(rt, nargs, 1)) return nullptr;
            return status_none(rt, t->tp_setattro(rt, self, args[0], nullptr));
        case SlotWrap::GetItem:
            if (!num_args(rt, nargs, 1)) return nullptr;
            return reinterpret_cast<binaryfunc>(slot)(rt, self, args[0]);
        case SlotWrap::SetItem:
            if (!num_args(rt, nargs, 2)) return nullptr;
            return status_none(rt, reinterpret_cast<objobjargproc>(slot)(rt, self, args[0], args[1]));
        case SlotWrap::DelItem:
            if (!num_args(rt, nargs, 1)) return nullptr;
            return status_none(rt, reinterpret_cast<objobjargproc>(slot)(rt, self, args[0], nullptr));
        case SlotWrap::Len: {
            if (!num_args(rt, nargs, 0)) return nullptr;
            const Py_ssize_t n = reinterpret_cast<lenfunc>(slot)(rt, self);
            return n < 0 ? nullptr : long_from_int64(rt, n);
        }
        case SlotWrap::Contains: {
            if (!num_args(rt, nargs, 1)) return nullptr;
            const int r = t->tp_as_sequence.sq_contains(rt, self, args[0]);
            return r < 0 ? nullptr : bool_from(rt, r != 0);
        }
        case SlotWrap::Inquiry: {
            if (!num_args(rt, nargs, 0)) return nullptr;
            const int r = reinterpret_cast<inquiry>(slot)(rt, self);
            return r < 0 ? nullptr : bool_from(rt, r != 0);
        }
        case SlotWrap::Iter:
        case SlotWrap::Unary:
            if (!num_args(rt, nargs, 0)) return nullptr;
            return reinterpret_cast<unaryfunc>(slot)(rt, self);
        case SlotWrap::Next: {
            if (!num_args(rt, nargs, 0)) return nullptr;
            PyObject* r = t->tp_iternext(rt, self);
            if (r == nullptr && !err_occurred(rt)) err_set_object(rt, rt.builtins().exc.StopIteration, nullptr);
            return r;
        }
        case SlotWrap::Binary:
            if (!num_args(rt, nargs, 1)) return nullptr;
            return reinterpret_cast<binaryfunc>(slot)(rt, self, args[0]);
        case SlotWrap::BinaryRight:
            if (!num_args(rt, nargs, 1)) return nullptr;
            return reinterpret_cast<binaryfunc>(slot)(rt, args[0], self);
        case SlotWrap::Ternary:
        case SlotWrap::TernaryRight: {
            // PyArg_UnpackTuple(args, "", 1, 2): the message starts with the empty name's space.
            // 3.14 checks the count itself.
            if (rt.profile().at_least(3, 14) && (nargs < 1 || nargs > 2)) {
                err_format(rt, rt.builtins().exc.TypeError, "expected 1 or 2 arguments, got %d", static_cast<int>(nargs));
                return nullptr;
            }
            if (!check_positional(rt, "", nargs, 1, 2, 8)) return nullptr;
            PyObject* modulus = nargs == 2 ? args[1] : rt.builtins().singletons.none;
            auto f = reinterpret_cast<ternaryfunc>(slot);
            return def.wrap == SlotWrap::Ternary ? f(rt, self, args[0], modulus) : f(rt, args[0], self, modulus);
        }
        case SlotWrap::IndexArg: {
            if (!num_args(rt, nargs, 1)) return nullptr;
            // getindex: PyNumber_AsSsize_t(other, OverflowError).
            Py_ssize_t n = 0;
            if (!seq_as_ssize(rt, args[0], rt.builtins().exc.OverflowError, &n)) return nullptr;
            return reinterpret_cast<ssizeargfunc>(slot)(rt, self, n);
        }
        case SlotWrap::None: break;
    }
    return nullptr;
}

bool no_keywords(Runtime& rt, const SlotDef& def, PyObject* kwnames) {
    const bool takes_keywords = def.wrap == SlotWrap::Init || def.wrap == SlotWrap::New || def.wrap == SlotWrap::Call;
    if (takes_keywords || kwnames == nullptr || Py_SIZE(kwnames) == 0) return true;
    err_format(rt, rt.builtins().exc.TypeError,
               rt.profile().at_least(3, 7) ? "wrapper %s() takes no keyword arguments" : "wrapper %s doesn't take keyword arguments",
               slot_def_name(rt, def));
    return false;
}

// ---- method-wrapper -----------------------------------------------------------------------------

void wrapper_dealloc(Runtime& rt, PyObject* self) {
    rt.gc_untrack(self);
    rt.xdecref(as_wrapper(self)->self.p);
    rt.xdecref(as_wrapper(self)->descr.p);
    rt.free_object(self);
}

void wrapper_traverse(PyObject* self, visitproc visit, void* arg) {
    visit(as_wrapper(self)->descr.p, arg);
    if (PyObject* s = as_wrapper(self)->self.p) visit(s, arg);
}

PyObject* wrapper_repr(Runtime& rt, PyObject* w) {
    PyObject* self = as_wrapper(w)->self.p;
    return str_from_utf8(rt, std::string("<method-wrapper '") + name_of(rt, as_wrapper(w)->descr.p) + "' of " +
                                 Py_TYPE(self)->tp_name + " object at " + object_address(rt, self) + ">");
}

PyObject* wrapper_call(Runtime& rt, PyObject* w, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    WrapperDescrObject* d = as_descr(as_wrapper(w)->descr.p);
    if (!no_keywords(rt, *d->d_base.p, kwnames)) return nullptr;
    return call_slot(rt, d->d_type.p, *d->d_base.p, as_wrapper(w)->self.p, args, nargs, kwnames);
}

PyObject* wrapper_get_self(Runtime& rt, PyObject* w) { return new_ref(rt, as_wrapper(w)->self.p); }
PyObject* wrapper_get_name(Runtime& rt, PyObject* w) {
    return str_from_utf8(rt, name_of(rt, as_wrapper(w)->descr.p));
}

// ---- wrapper_descriptor -------------------------------------------------------------------------

PyObject* descr_repr(Runtime& rt, PyObject* d) {
    return str_from_utf8(rt, std::string("<slot wrapper '") + name_of(rt, d) + "' of '" + as_descr(d)->d_type.p->tp_name +
                                 "' objects>");
}

// wrapperdescr_call: the first argument is self, which must be an instance of the descriptor's type.
PyObject* descr_call(Runtime& rt, PyObject* d, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    PyTypeObject* t = as_descr(d)->d_type.p;
    const SlotDef& def = *as_descr(d)->d_base.p;
    if (nargs < 1)
        return err_format(rt, rt.builtins().exc.TypeError, "descriptor '%s' of '%s' object needs an argument",
                          slot_def_name(rt, def), t->tp_name);
    if (!object_type_check(args[0], t))
        return err_format(rt, rt.builtins().exc.TypeError, "descriptor '%s' requires a '%s' object but received a '%s'",
                          slot_def_name(rt, def), t->tp_name, type_name(Py_TYPE(args[0])).c_str());
    if (!no_keywords(rt, def, kwnames)) return nullptr;
    return call_slot(rt, t, def, args[0], args + 1, nargs - 1, kwnames);
}

PyObject* descr_get_name(Runtime& rt, PyObject* d) { return str_from_utf8(rt, name_of(rt, d)); }
PyObject* descr_get_qualname(Runtime& rt, PyObject* d) {
    return str_from_utf8(rt, std::string(as_descr(d)->d_type.p->tp_name) + "." + name_of(rt, d));
}
PyObject* descr_get_objclass(Runtime& rt, PyObject* d) {
    return new_ref(rt, reinterpret_cast<PyObject*>(as_descr(d)->d_type.p));
}

}  // namespace

PyObject* slot_wrapper_bind(Runtime& rt, PyTypeObject* type, std::string_view name, PyObject* self) {
    const SlotDef* def = own_row(rt, type, name);
    if (def == nullptr) return nullptr;
    // __new__ is bound to the type itself (a static method of it).
    return bind(rt, descriptor_of(rt, type, def), def->wrap == SlotWrap::New ? reinterpret_cast<PyObject*>(type) : self);
}

PyObject* slot_wrapper_find(Runtime& rt, PyTypeObject* type, std::string_view name, PyObject* self) {
    if (name == "__new__") return nullptr;
    const Owner owner = find_owner(rt, type, name);
    if (owner.hash_none) return none(rt);
    return owner.def != nullptr ? bind(rt, descriptor_of(rt, owner.type, owner.def), self) : nullptr;
}

PyObject* slot_wrapper_lookup(Runtime& rt, PyTypeObject* type, std::string_view name) {
    if (name == "__new__") return nullptr;
    const Owner owner = find_owner(rt, type, name);
    if (owner.hash_none) return none(rt);
    return owner.def != nullptr ? new_ref(rt, descriptor_of(rt, owner.type, owner.def)) : nullptr;
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
    static const PyGetSetDef kWrapperGetSets[] = {{"__self__", wrapper_get_self, nullptr},
                                                  {"__name__", wrapper_get_name, nullptr}};
    for (const PyGetSetDef& def : kWrapperGetSets) type_add_to_dict(rt, t, def.name, getset_descriptor_new(rt, t, &def));

    // The descriptor's traverse visits d_type, a static type: nothing the collector follows.
    PyTypeObject* d = new_static_type(rt, "wrapper_descriptor", rt.profile().major == 2 ? 48 : 56, 0,
                                      {.traverse = [](PyObject*, visitproc, void*) {}});
    d->tp_call = descr_call;
    d->tp_repr = descr_repr;
    b.wrapper_descriptor_type = d;
    type_ready(rt, d);
    static const PyGetSetDef kDescrGetSets[] = {{"__name__", descr_get_name, nullptr},
                                                {"__objclass__", descr_get_objclass, nullptr},
                                                {"__qualname__", descr_get_qualname, nullptr}};
    for (const PyGetSetDef& def : kDescrGetSets)
        if (rt.profile().major == 3 || std::string_view(def.name) != "__qualname__")
            type_add_to_dict(rt, d, def.name, getset_descriptor_new(rt, d, &def));
}

}  // namespace pymemlab
