// `object`, `type`, type_ready and classes (heap types): Objects/typeobject.c's model.
// Slot dispatch to dunder methods lives in type_slots.cpp; instance deallocation in
// type_dealloc.cpp.
#include "object/type_object.h"

#include <cstdio>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/descr_object.h"
#include "object/dict_object.h"
#include "object/dict_split.h"
#include "object/errors.h"
#include "object/mappingproxy_object.h"
#include "object/hash.h"
#include "object/instance_values.h"
#include "object/runtime.h"
#include "object/slot_defs.h"
#include "object/slot_wrapper.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

PyObject* intern(Runtime& rt, const char* s) {
    PyObject* o = str_from_utf8(rt, s);
    if (o != nullptr) str_intern_in_place(rt, &o);
    return o;
}

// ---- object ----------------------------------------------------------------------------------

Py_hash_t object_hash_default(Runtime& rt, PyObject* o) { return hash_pointer(rt.id(o)); }

PyObject* object_richcompare_default(Runtime& rt, PyObject* a, PyObject* b, int op) {
    if (op == Py_EQ) {
        PyObject* r = a == b ? rt.builtins().singletons.true_ : rt.builtins().singletons.not_implemented;
        rt.incref(r);
        return r;
    }
    if (op == Py_NE && rt.profile().major >= 3) {
        // object.__ne__ inverts __eq__ unless that is NotImplemented (3.x).
        richcmpfunc eq = Py_TYPE(a)->tp_richcompare;
        if (eq == nullptr) eq = object_richcompare_default;
        PyObject* r = eq(rt, a, b, Py_EQ);
        if (r == nullptr || r == rt.builtins().singletons.not_implemented) return r;
        int t = object_is_true(rt, r);
        rt.decref(r);
        return t < 0 ? nullptr : bool_from(rt, t == 0);
    }
    rt.incref(rt.builtins().singletons.not_implemented);
    return rt.builtins().singletons.not_implemented;
}

bool excess_args(Py_ssize_t nargs, PyObject* kwnames) {
    return nargs > 0 || (kwnames != nullptr && Py_SIZE(kwnames) > 0);
}

PyObject* object_tp_new(Runtime& rt, PyTypeObject* type, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    if (excess_args(nargs, kwnames) && (type->tp_new != object_tp_new || type->tp_init == nullptr ||
                                        type->tp_init == rt.builtins().object_type->tp_init)) {
        if (rt.profile().at_least(3, 7))
            return err_format(rt, rt.builtins().exc.TypeError, "%s() takes no arguments", type_name(type).c_str());
        return err_set_string(rt, rt.builtins().exc.TypeError, "object() takes no parameters");
    }
    PyObject* o = object_new_instance(rt, type);
    // 3.11+: object_new gives a managed class's instance its values (_PyObject_InitializeDict).
    if (o != nullptr && !instance_values_init(rt, o)) {
        rt.decref(o);
        return nullptr;
    }
    return o;
}

int object_tp_init(Runtime& rt, PyObject* self, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
    PyTypeObject* type = Py_TYPE(self);
    if (excess_args(nargs, kwnames) && (type->tp_init != object_tp_init || type->tp_new == nullptr)) {
        err_format(rt, rt.builtins().exc.TypeError,
                   rt.profile().at_least(3, 7) ? "%s.__init__() takes exactly one argument (the instance to initialize)"
                                                : "object.__init__() takes no parameters",
                   type_name(type).c_str());
        return -1;
    }
    return 0;
}

PyObject* object_get_class(Runtime& rt, PyObject* self) {
    rt.incref(reinterpret_cast<PyObject*>(Py_TYPE(self)));
    return reinterpret_cast<PyObject*>(Py_TYPE(self));
}

// object_set_class: CPython's checks, in its order, then a refusal: changing an instance's class
// also changes whose cached keys its inline values follow, which the lab does not model.
int object_set_class(Runtime& rt, PyObject* self, PyObject* value) {
    const Profile& p = rt.profile();
    PyTypeObject* type_error = rt.builtins().exc.TypeError;
    if (p.major == 2) {
        if (value == nullptr || !Py_TYPE(value)->has_flag(Py_TPFLAGS_TYPE_SUBCLASS)) return err_set_string(rt, type_error, "__class__ must be set to a class"), -1;
    } else {
        if (value == nullptr) return err_set_string(rt, type_error, "can't delete __class__ attribute"), -1;
        if (!Py_TYPE(value)->has_flag(Py_TPFLAGS_TYPE_SUBCLASS))
            return err_format(rt, type_error, "__class__ must be set to a class, not '%s' object", type_name(Py_TYPE(value)).c_str()), -1;
    }
    if (!is_heap_type(Py_TYPE(self)) || !is_heap_type(reinterpret_cast<PyTypeObject*>(value))) {
        err_set_string(rt, type_error,
                       p.major == 2           ? "__class__ assignment: only for heap types"
                       : p.at_least(3, 10) ? "__class__ assignment only supported for mutable types or ModuleType subclasses"
                                              : "__class__ assignment only supported for heap types or ModuleType subclasses");
        return -1;
    }
    err_set_string(rt, rt.builtins().exc.NotImplementedError, "__class__ assignment is not supported by the lab");
    return -1;
}

const PyGetSetDef kObjectClassGetSet = {"__class__", object_get_class, object_set_class};

PyObject* object_get_dict(Runtime& rt, PyObject* self) {
    if (type_has_managed_dict(Py_TYPE(self))) return instance_get_dict(rt, self);
    PyObject** dictptr = object_dict_ptr(self);
    if (dictptr == nullptr) return err_set_string(rt, rt.builtins().exc.AttributeError, "This object has no __dict__");
    if (*dictptr == nullptr && (*dictptr = object_generic_new_dict(rt, Py_TYPE(self))) == nullptr) return nullptr;
    rt.incref(*dictptr);
    return *dictptr;
}

// ---- type --------------------------------------------------------------------------------------

PyObject* type_repr(Runtime& rt, PyObject* self) {
    auto* t = reinterpret_cast<PyTypeObject*>(self);
    std::string text;
    const bool py2_builtin = rt.profile().major == 2 && !is_heap_type(t);
    if (is_heap_type(t)) {
        std::string module, qualname;
        PyObject* m = heap_type(t)->ht_module.p;
        if (m != nullptr && str_check(rt, m)) object_str_utf8(rt, m, &module);
        object_str_utf8(rt, heap_type_qualname(t), &qualname);
        text = "<class '" + (module.empty() || module == "builtins" ? "" : module + ".") + qualname + "'>";
    } else {
        text = std::string(py2_builtin ? "<type '" : "<class '") + t->tp_name + "'>";
    }
    return str_from_utf8(rt, text);
}

PyObject* type_call(Runtime& rt, PyObject* callable, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    auto* type = reinterpret_cast<PyTypeObject*>(callable);
    const Py_ssize_t nkw = kwnames != nullptr ? Py_SIZE(kwnames) : 0;
    if (type == rt.builtins().type_type && nargs == 1 && nkw == 0) {
        PyObject* t = reinterpret_cast<PyObject*>(Py_TYPE(args[0]));
        rt.incref(t);
        return t;
    }
    if (type->tp_new == nullptr)
        return err_format(rt, rt.builtins().exc.TypeError, "cannot create '%s' instances", type_name(type).c_str());
    PyObject* obj = type->tp_new(rt, type, args, nargs, kwnames);
    if (obj == nullptr) return nullptr;
    // Only an instance of `type` gets __init__ (type(x) with one argument never does).
    if (!object_type_check(obj, type)) return obj;
    PyTypeObject* t = Py_TYPE(obj);
    if (t->tp_init != nullptr) {
        if (t->tp_init(rt, obj, args, nargs, kwnames) < 0) {
            rt.decref(obj);
            return nullptr;
        }
    }
    return obj;
}

PyObject* type_tp_new(Runtime& rt, PyTypeObject* metatype, PyObject* const* args, Py_ssize_t nargs,
                      PyObject* kwnames) {
    if (nargs != 3)
        return err_set_string(rt, rt.builtins().exc.TypeError, "type() takes 1 or 3 arguments");
    (void)kwnames;
    if (!str_check(rt, args[0]) || Py_TYPE(args[1]) != rt.builtins().tuple_type ||
        !object_type_check(args[2], rt.builtins().dict_type))
        return err_set_string(rt, rt.builtins().exc.TypeError, "type.__new__() argument types: (str, tuple, dict)");
    return type_new_class(rt, metatype, args[0], args[1], args[2]);
}

int type_tp_init(Runtime&, PyObject*, PyObject* const*, Py_ssize_t, PyObject*) { return 0; }

PyObject* special_attribute(Runtime& rt, PyTypeObject* t, const std::string& name) {
    auto ref = [&](PyObject* o) -> PyObject* {
        if (o == nullptr) o = rt.builtins().singletons.none;
        rt.incref(o);
        return o;
    };
    if (name == "__name__")
        return is_heap_type(t) ? ref(heap_type(t)->ht_name.p) : str_from_utf8(rt, type_name(t));
    if (name == "__qualname__" && rt.profile().major >= 3)
        return is_heap_type(t) ? ref(heap_type_qualname(t)) : str_from_utf8(rt, type_name(t));
    if (name == "__module__") {
        if (is_heap_type(t)) {
            PyObject* m = heap_type(t)->ht_module.p;
            return ref(m);
        }
        // type_module: a static type named "module.name" belongs to that module (weakref.ProxyType).
        const std::string_view full = t->tp_name;
        if (const size_t dot = full.rfind('.'); dot != std::string_view::npos)
            return str_from_utf8(rt, full.substr(0, dot));
        return str_from_utf8(rt, rt.profile().major == 2 ? "__builtin__" : "builtins");
    }
    if (name == "__mro__") return ref(t->tp_mro);
    if (name == "__bases__") return ref(t->tp_bases);
    if (name == "__base__") return ref(reinterpret_cast<PyObject*>(t->tp_base));
    if (name == "__dict__") return mappingproxy_new(rt, t->tp_dict);
    if (name == "__doc__" && !is_heap_type(t)) return ref(nullptr);
    return nullptr;
}

PyObject* type_getattro(Runtime& rt, PyObject* self, PyObject* name) {
    auto* type = reinterpret_cast<PyTypeObject*>(self);
    PyTypeObject* meta = Py_TYPE(self);
    PyObject* meta_attr = type_lookup(rt, meta, name);
    if (meta_attr != nullptr) {
        PyTypeObject* mt = Py_TYPE(meta_attr);
        if (mt->tp_descr_get != nullptr && mt->tp_descr_set != nullptr)
            return mt->tp_descr_get(rt, meta_attr, self, reinterpret_cast<PyObject*>(meta));
    }
    // type's own getsets and members (type_getsets, type_members) are data descriptors: they win
    // over the class's attributes, so A.__dict__ is A's namespace although A's dict holds the
    // instances' __dict__ descriptor.
    if (str_check(rt, name)) {
        const std::string n = str_as_utf8(rt, name);
        if (n == "__dict__" || n == "__mro__" || n == "__bases__" || n == "__base__" || n == "__name__" ||
            n == "__qualname__")
            if (PyObject* special = special_attribute(rt, type, n)) return special;
        if (rt.profile().at_least(3, 14) && n == "__annotations__") return type_get_annotations(rt, type);
        if (rt.profile().at_least(3, 14) && n == "__annotate__") return type_get_annotate(rt, type);
    }
    PyObject* attr = type_lookup(rt, type, name);
    if (attr != nullptr) {
        if (descrgetfunc get = Py_TYPE(attr)->tp_descr_get; get != nullptr) return get(rt, attr, nullptr, self);
        rt.incref(attr);
        return attr;
    }
    if (err_occurred(rt)) return nullptr;
    std::string n;
    object_str_utf8(rt, name, &n);
    if (PyObject* special = special_attribute(rt, type, n)) return special;
    const bool dunder = is_dunder(n);
    if (dunder)
        if (PyObject* wrapper = slot_wrapper_lookup(rt, type, n)) return wrapper;
    if (meta_attr == nullptr && dunder && !err_occurred(rt))
        if (PyObject* bound = slot_wrapper_find(rt, meta, n, self)) return bound;
    if (err_occurred(rt)) return nullptr;
    if (meta_attr != nullptr) {
        if (descrgetfunc get = Py_TYPE(meta_attr)->tp_descr_get; get != nullptr)
            return get(rt, meta_attr, self, reinterpret_cast<PyObject*>(meta));
        rt.incref(meta_attr);
        return meta_attr;
    }
    return err_format(rt, rt.builtins().exc.AttributeError, "type object '%s' has no attribute '%s'",
                      type_name(type).c_str(), n.c_str());
}

// type_getsets and type_members when set on a class (value nullptr: deleted): __name__ and
// __qualname__ are its fields; __module__ and __doc__ live in its dict (type_repr reads the
// module, kept as ht_module here) but cannot be deleted; __dict__, __mro__ and __base__ are
// read-only. 0, -1 with the error set, or kNotSpecial for any other name.
constexpr int kNotSpecial = 1;
int set_special_attribute(Runtime& rt, PyTypeObject* type, const std::string& n, PyObject* value) {
    const Profile& p = rt.profile();
    const bool py3 = p.major >= 3;
    HeapTypeObject* et = heap_type(type);
    PyTypeObject* type_error = rt.builtins().exc.TypeError;
    const bool named = n == "__name__" || (py3 && n == "__qualname__");
    if (!named && n != "__module__" && n != "__doc__") {
        if (n == "__dict__" || (p.at_least(3, 12) && n == "__mro__")) {
            err_format(rt, rt.builtins().exc.AttributeError, "attribute '%s' of 'type' objects is not writable", n.c_str());
            return -1;
        }
        if (n == "__mro__" || n == "__base__") {
            err_set_string(rt, rt.builtins().exc.AttributeError, "readonly attribute");
            return -1;
        }
        if (n == "__bases__") {
            err_set_string(rt, rt.builtins().exc.NotImplementedError, "assigning a class's __bases__ is not supported by the lab");
            return -1;
        }
        return kNotSpecial;
    }
    // check_set_special_type_attr
    if (value == nullptr) {
        if (p.at_least(3, 10))
            err_format(rt, type_error, "cannot delete '%s' attribute of immutable type '%s'", n.c_str(), type->tp_name);
        else
            err_format(rt, type_error, "can't delete %s.%s", type->tp_name, n.c_str());
        return -1;
    }
    if (!named) {
        if (n == "__module__") rt.replace_ref(et->ht_module, value);
        return kNotSpecial;  // stored in the dict as any attribute
    }
    if (!str_check(rt, value)) {
        err_format(rt, type_error, "can only assign string to %s.%s, not '%s'", type->tp_name, n.c_str(),
                   type_name(Py_TYPE(value)).c_str());
        return -1;
    }
    Slot<PyObject>& slot = n == "__name__" ? et->ht_name : et->ht_qualname;
    if (n == "__name__") {
        std::string text = str_as_utf8(rt, value);
        if (text.find('\0') != std::string::npos) {
            err_set_string(rt, rt.builtins().exc.ValueError, "type name must not contain null characters");
            return -1;
        }
        *et->name_storage.p = std::move(text);
        type->tp_name = et->name_storage.p->c_str();
        if (rt.trace() != nullptr) rt.trace()->forget_type(type);  // its objects are made under the new name
    }
    rt.replace_ref(slot, value);
    return 0;
}

int type_setattro(Runtime& rt, PyObject* self, PyObject* name, PyObject* value) {
    auto* type = reinterpret_cast<PyTypeObject*>(self);
    std::string n;
    object_str_utf8(rt, name, &n);
    if (!is_heap_type(type)) {
        err_format(rt, rt.builtins().exc.TypeError,
                   rt.profile().at_least(3, 10) ? "cannot set '%s' attribute of immutable type '%s'"
                                                 : "can't set attributes of built-in/extension type '%s'",
                   rt.profile().at_least(3, 10) ? n.c_str() : type->tp_name, type->tp_name);
        return -1;
    }
    // type's own getsets and members come before the class's dict (generic setattr on a type).
    const int special = set_special_attribute(rt, type, n, value);
    if (special != kNotSpecial) return special;
    if (rt.profile().at_least(3, 14) && (n == "__annotate__" || n == "__annotations__"))
        return n == "__annotate__" ? type_set_annotate(rt, type, value) : type_set_annotations(rt, type, value);
    // A new version before the dict changes: a __del__ the change runs finds no stale lookup.
    type_modified(type);
    if (value == nullptr) {
        if (dict_getitem(rt, type->tp_dict, name) == nullptr) {
            err_format(rt, rt.builtins().exc.AttributeError, "type object '%s' has no attribute '%s'",
                       type_name(type).c_str(), n.c_str());
            return -1;
        }
        if (!dict_delitem(rt, type->tp_dict, name)) return -1;
    } else if (!dict_setitem(rt, type->tp_dict, name, value)) {
        if (!err_occurred(rt)) err_no_memory(rt);
        return -1;
    }
    type_update_slots(rt, type);
    return 0;
}

// ---- MRO ------------------------------------------------------------------------------------

// C3 linearization (Objects/typeobject.c mro_implementation).
bool compute_mro(Runtime& rt, PyTypeObject* type, std::vector<PyTypeObject*>* out) {
    std::vector<std::vector<PyTypeObject*>> seqs;
    PyObject* bases = type->tp_bases;
    for (int64_t i = 0; i < Py_SIZE(bases); ++i) {
        auto* b = reinterpret_cast<PyTypeObject*>(tuple_items(bases)[i]);
        std::vector<PyTypeObject*> seq;
        if (b->tp_mro != nullptr)
            for (int64_t j = 0; j < Py_SIZE(b->tp_mro); ++j)
                seq.push_back(reinterpret_cast<PyTypeObject*>(tuple_items(b->tp_mro)[j]));
        else
            seq.push_back(b);
        seqs.push_back(seq);
    }
    std::vector<PyTypeObject*> direct;
    for (int64_t i = 0; i < Py_SIZE(bases); ++i) direct.push_back(reinterpret_cast<PyTypeObject*>(tuple_items(bases)[i]));
    seqs.push_back(direct);
    out->push_back(type);
    for (;;) {
        bool empty = true;
        for (auto& s : seqs) empty = empty && s.empty();
        if (empty) return true;
        PyTypeObject* candidate = nullptr;
        for (auto& s : seqs) {
            if (s.empty()) continue;
            PyTypeObject* head = s.front();
            bool in_tail = false;
            for (auto& other : seqs)
                for (size_t k = 1; k < other.size(); ++k) in_tail = in_tail || other[k] == head;
            if (!in_tail) {
                candidate = head;
                break;
            }
        }
        if (candidate == nullptr) {
            err_set_string(rt, rt.builtins().exc.TypeError,
                           "Cannot create a consistent method resolution order (MRO) for bases");
            return false;
        }
        out->push_back(candidate);
        for (auto& s : seqs)
            if (!s.empty() && s.front() == candidate) s.erase(s.begin());
    }
}

PyObject* tuple_of_types(Runtime& rt, const std::vector<PyTypeObject*>& types) {
    PyObject* t = tuple_new(rt, static_cast<int64_t>(types.size()));
    if (t == nullptr) return nullptr;
    for (size_t i = 0; i < types.size(); ++i) {
        tuple_items(t)[i] = reinterpret_cast<PyObject*>(types[i]);
        rt.incref(tuple_items(t)[i]);
    }
    return t;
}

void inherit_slots(PyTypeObject* type, const PyTypeObject* base) {
#define INHERIT(slot) \
    if (type->slot == nullptr) type->slot = base->slot
    INHERIT(tp_repr);
    INHERIT(tp_str);
    INHERIT(tp_getattro);
    INHERIT(tp_setattro);
    INHERIT(tp_richcompare);
    INHERIT(tp_iter);
    INHERIT(tp_iternext);
    INHERIT(tp_call);
    INHERIT(tp_descr_get);
    INHERIT(tp_descr_set);
    INHERIT(tp_init);
    INHERIT(tp_new);
    INHERIT(tp_as_sequence.sq_length);
    INHERIT(tp_as_sequence.sq_concat);
    INHERIT(tp_as_sequence.sq_repeat);
    INHERIT(tp_as_sequence.sq_contains);
    INHERIT(tp_as_sequence.sq_inplace_concat);
    INHERIT(tp_as_sequence.sq_inplace_repeat);
    INHERIT(tp_as_mapping.mp_length);
    INHERIT(tp_as_mapping.mp_subscript);
    INHERIT(tp_as_mapping.mp_ass_subscript);
    INHERIT(tp_blocks);  // a subclass instance owns its built-in base's blocks (a dict's keys)
#undef INHERIT
    // tp_hash is inherited together with tp_richcompare only (inherit_slots): a type that
    // defines comparison but not hashing is unhashable.
    if (type->tp_hash == nullptr && (type->tp_richcompare == base->tp_richcompare)) type->tp_hash = base->tp_hash;
    auto* dst = reinterpret_cast<binaryfunc*>(&type->tp_as_number);
    auto* src = reinterpret_cast<const binaryfunc*>(&base->tp_as_number);
    for (size_t i = 0; i < sizeof(PyNumberMethods) / sizeof(binaryfunc); ++i)
        if (dst[i] == nullptr) dst[i] = src[i];
    if (type->tp_dictoffset == 0) type->tp_dictoffset = base->tp_dictoffset;
    if (type->tp_weaklistoffset == 0) type->tp_weaklistoffset = base->tp_weaklistoffset;
    if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) return;
    type->tp_flags |= base->tp_flags & (Py_TPFLAGS_LONG_SUBCLASS | Py_TPFLAGS_BASE_EXC_SUBCLASS);
}

}  // namespace

static_assert(sizeof(HeapTypeObject) <= 864, "a class's host struct must fit in the smallest PyHeapTypeObject");

PyObject* heap_type_name(PyTypeObject* t) { return heap_type(t)->ht_name.p; }
PyObject* heap_type_qualname(PyTypeObject* t) {
    const HeapTypeObject* et = heap_type(t);
    return et->ht_qualname.p != nullptr ? et->ht_qualname.p : et->ht_name.p;
}

bool type_add_to_dict(Runtime& rt, PyTypeObject* type, const char* name, PyObject* value) {
    if (value == nullptr) return false;
    if (type->tp_dict == nullptr && (type->tp_dict = dict_new(rt)) == nullptr) {
        rt.decref(value);
        return false;
    }
    PyObject* key = intern(rt, name);
    bool ok = key != nullptr && dict_setitem(rt, type->tp_dict, key, value);
    rt.xdecref(key);
    rt.decref(value);
    return ok;
}

namespace {

// tp_new_wrapper: T.__new__(S, ...), the built-in method add_tp_new_wrapper puts in the dict of
// a type that defines tp_new, calls T's tp_new for the subtype S. Called through tp_call with
// its arguments in a tuple, it makes a second one without S (PyTuple_GetSlice).
PyObject* tp_new_wrapper(Runtime& rt, PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    auto* type = reinterpret_cast<PyTypeObject*>(self);
    const ExceptionTypes& exc = rt.builtins().exc;
    if (nargs < 1) return err_format(rt, exc.TypeError, "%s.__new__(): not enough arguments", type->tp_name);
    if (!Py_TYPE(args[0])->has_flag(Py_TPFLAGS_TYPE_SUBCLASS))
        return err_format(rt, exc.TypeError, "%s.__new__(X): X is not a type object (%s)", type->tp_name,
                          Py_TYPE(args[0])->tp_name);
    auto* subtype = reinterpret_cast<PyTypeObject*>(args[0]);
    if (!type_is_subtype(subtype, type))
        return err_format(rt, exc.TypeError, "%s.__new__(%s): %s is not a subtype of %s", type->tp_name,
                          subtype->tp_name, subtype->tp_name, type->tp_name);
    // object.__new__(dict) and the like would make an object its type cannot handle.
    PyTypeObject* staticbase = subtype;
    while (staticbase != nullptr && tp_new_is_slot(staticbase)) staticbase = staticbase->tp_base;
    if (staticbase != nullptr && staticbase->tp_new != type->tp_new)
        return err_format(rt, exc.TypeError, "%s.__new__(%s) is not safe, use %s.__new__()", type->tp_name,
                          subtype->tp_name, staticbase->tp_name);
    PyObject* packed = tuple_from_array(rt, args, nargs);
    if (packed == nullptr) return nullptr;
    PyObject* rest = tuple_from_array(rt, args + 1, nargs - 1);
    if (rest == nullptr) {
        rt.decref(packed);
        return nullptr;
    }
    PyObject* r = type->tp_new(rt, subtype, args + 1, nargs - 1, kwnames);
    rt.decref(rest);
    rt.decref(packed);
    return r;
}

const PyMethodDef kTpNewWrapper = {"__new__", tp_new_wrapper, METH_VARARGS};

}  // namespace

bool type_ready(Runtime& rt, PyTypeObject* type) {
    if (type->tp_mro != nullptr) return true;
    PyTypeObject* object = rt.builtins().object_type;
    if (type->tp_base == nullptr && type != object) type->tp_base = object;
    if (type->tp_base != nullptr && type->tp_base->tp_mro == nullptr && !type_ready(rt, type->tp_base)) return false;
    if (type->tp_bases == nullptr) {
        std::vector<PyTypeObject*> bases;
        if (type->tp_base != nullptr) bases.push_back(type->tp_base);
        if ((type->tp_bases = tuple_of_types(rt, bases)) == nullptr) return false;
    }
    std::vector<PyTypeObject*> mro;
    if (!compute_mro(rt, type, &mro)) return false;
    if ((type->tp_mro = tuple_of_types(rt, mro)) == nullptr) return false;
    const bool own_new = type->tp_new != nullptr;  // add_tp_new_wrapper runs before inheritance
    for (size_t i = 1; i < mro.size(); ++i) inherit_slots(type, mro[i]);
    if (type->tp_dict == nullptr && (type->tp_dict = dict_new(rt)) == nullptr) return false;
    if (own_new && dict_get_ascii(rt, type->tp_dict, "__new__") == nullptr &&
        !type_add_to_dict(rt, type, "__new__", cfunction_new(rt, &kTpNewWrapper, reinterpret_cast<PyObject*>(type))))
        return false;
    if (type->tp_methods != nullptr)
        for (const PyMethodDef* m = type->tp_methods; m->ml_name != nullptr; ++m)
            if (!type_add_to_dict(rt, type, m->ml_name, method_descriptor_new(rt, type, m))) return false;
    return true;
}

void init_type_system(Runtime& rt) {
    Builtins& b = rt.builtins();
    PyTypeObject* type = b.type_type;
    type->tp_repr = type_repr;
    type->tp_call = type_call;
    type->tp_getattro = type_getattro;
    type->tp_setattro = type_setattro;
    type->tp_new = type_tp_new;
    type->tp_init = type_tp_init;
    type->tp_flags |= Py_TPFLAGS_BASETYPE | Py_TPFLAGS_TYPE_SUBCLASS | Py_TPFLAGS_HAVE_GC;
    type->tp_dealloc = heap_type_dealloc;  // classes are GC objects; static types are left alone
    type->tp_traverse = heap_type_traverse;
    type->tp_clear = heap_type_clear;  // type_clear: how the collector frees a class in a cycle
    type->tp_blocks = heap_type_blocks;
    // object_dealloc: an instance of `object` itself is a plain block (object() is freed as
    // soon as its last reference goes, so `id(object()) == id(object())`).
    PyTypeObject* object = new_static_type(rt, "object", sizeof(PyObject), 0,
                                           {.dealloc = [](Runtime& r, PyObject* o) { r.free_object(o); }});
    object->tp_hash = object_hash_default;
    object->tp_richcompare = object_richcompare_default;
    object->tp_getattro = object_generic_getattr;
    object->tp_setattro = object_generic_setattr;
    object->tp_new = object_tp_new;
    object->tp_init = object_tp_init;
    object->tp_flags |= Py_TPFLAGS_BASETYPE;
    b.object_type = object;
    type->tp_base = object;
    type_ready(rt, object);
    type_add_to_dict(rt, object, "__class__", getset_descriptor_new(rt, object, &kObjectClassGetSet));
    type_ready(rt, type);
}

PyObject* lookup_special(Runtime& rt, PyObject* o, const char* name) {
    PyObject* key = intern(rt, name);
    if (key == nullptr) return nullptr;
    PyObject* r = type_lookup(rt, Py_TYPE(o), key);
    rt.decref(key);
    return r;
}

PyObject* object_default_repr(Runtime& rt, PyObject* o) {
    PyTypeObject* t = Py_TYPE(o);
    std::string module, qualname;
    if (is_heap_type(t)) {
        PyObject* m = heap_type(t)->ht_module.p;
        if (m != nullptr && str_check(rt, m)) object_str_utf8(rt, m, &module);
        object_str_utf8(rt, heap_type_qualname(t), &qualname);
    } else {
        qualname = t->tp_name;
    }
    std::string text = "<" + (module.empty() || module == "builtins" ? "" : module + ".") + qualname + " object at " +
                       object_address(rt, o) + ">";
    return str_from_utf8(rt, text);
}

PyObject* object_new_instance(Runtime& rt, PyTypeObject* type) {
    // 3.13: _PyType_AllocNoTrack sizes the inline values from the class's keys as they are now.
    const size_t size = static_cast<size_t>(type->tp_basicsize + inline_values_bytes(rt, type));
    PyObject* o = type->is_gc() ? rt.alloc_gc_object(type, size) : rt.alloc_object(type, size);
    if (o == nullptr) return err_no_memory(rt);
    std::memset(reinterpret_cast<char*>(o) + sizeof(PyObject), 0, size - sizeof(PyObject));
    if (is_heap_type(type)) rt.incref(reinterpret_cast<PyObject*>(type));
    if (type->is_gc()) rt.gc_track(o);
    return o;
}

PyObject* object_dict_getter(Runtime& rt, PyObject* self) { return object_get_dict(rt, self); }

int64_t type_getsizeof(const Runtime& rt, PyTypeObject* type) {
    const Profile& p = rt.profile();
    const TypeSizes& sizes = type_sizes(p);
    const bool heap = is_heap_type(type);
    int64_t size = 0;
    if (p.major < 3)
        size = sizes.heap_type + (heap ? sizes.member_def * Py_SIZE(reinterpret_cast<PyObject*>(type)) : 0);
    else
        size = heap ? sizes.heap_type + type_cached_keys_bytes(rt, type) : sizes.static_type_sizeof;
    // type_is_gc: only classes are GC objects; 3.11 and 3.12 count a header for static types too.
    if (heap || (p.major >= 3 && sizes.static_type_counts_gc_head)) size += p.gc_head_size;
    return size;
}

bool is_tp_new_wrapper(const Runtime& rt, const PyObject* o) { return cfunction_def(rt, o) == &kTpNewWrapper; }

void type_modified(PyTypeObject* type) {
    // Tags only need to differ from one another, not to be reproducible: a process-wide count.
    static uint32_t next_version_tag = 0;
    if (!is_heap_type(type)) return;
    heap_type(type)->version_tag = ++next_version_tag;
    if (std::vector<PyTypeObject*>* subclasses = heap_type(type)->subclasses.p)
        for (PyTypeObject* sub : *subclasses) type_modified(sub);
}

}  // namespace pymemlab
