// type_new_class: CPython's type_new (Objects/typeobject.c) for a class statement or type(name,
// bases, dict) — the metaclass, the best base, the instance layout (__slots__ and the __dict__ /
// __weakref__ slots), the class __dict__, then type_ready, the slot update, __set_name__ and
// __init_subclass__. The slots' dunder dispatch is type_slots.cpp; freeing classes and instances is
// type_dealloc.cpp.
#include <algorithm>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "object/abstract.h"
#include "object/builtins.h"
#include "object/class_object27.h"
#include "object/cell_object.h"
#include "object/descr_object.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/dict_split.h"
#include "object/instance_values.h"
#include "object/runtime.h"
#include "object/str_object.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"
#include "object/type_object.h"
#include "object/weakref_object.h"
#include "profile/type_sizes.h"

namespace pymemlab {

namespace {

// One pointer-sized field of an instance: a __slots__ member, the __dict__ or the weakref list.
constexpr int64_t kFieldSize = 8;
static_assert(kFieldSize == sizeof(Slot<PyObject>));

// Every flag a class takes from its primary base (inherit_special's *_SUBCLASS flags).
constexpr unsigned long kSubclassFlags =
    Py_TPFLAGS_LONG_SUBCLASS | Py_TPFLAGS_LIST_SUBCLASS | Py_TPFLAGS_TUPLE_SUBCLASS | Py_TPFLAGS_BYTES_SUBCLASS |
    Py_TPFLAGS_UNICODE_SUBCLASS | Py_TPFLAGS_DICT_SUBCLASS | Py_TPFLAGS_BASE_EXC_SUBCLASS | Py_TPFLAGS_TYPE_SUBCLASS;

bool fail_no_memory(Runtime& rt) {
    if (!err_occurred(rt)) err_no_memory(rt);
    return false;
}

PyObject* interned(Runtime& rt, std::string_view text) {
    PyObject* s = str_intern_ascii(rt, text);
    return s != nullptr ? s : err_no_memory(rt);
}

bool is_type_object(const Runtime& rt, const PyObject* o) { return object_type_check(o, rt.builtins().type_type); }
PyTypeObject* as_type(PyObject* o) { return reinterpret_cast<PyTypeObject*>(o); }
PyObject* as_object(PyTypeObject* t) { return reinterpret_cast<PyObject*>(t); }

// A type's instance size as CPython states it: `type` (and every metaclass) lays out a
// PyHeapTypeObject followed by PyMemberDef items, whatever the model's static `type` records.
int64_t instance_basicsize(const Runtime& rt, const PyTypeObject* t) {
    if (t->has_flag(Py_TPFLAGS_TYPE_SUBCLASS)) return type_sizes(rt.profile()).heap_type;
    return t->tp_basicsize;
}
int64_t instance_itemsize(const PyTypeObject* t) {
    if (t->has_flag(Py_TPFLAGS_TYPE_SUBCLASS)) return static_cast<int64_t>(sizeof(PyMemberDef));
    return t->tp_itemsize;
}

// The first built-in type along a type's tp_base chain: whose instance layout a class extends.
PyTypeObject* static_base_of(PyTypeObject* t) {
    while (is_heap_type(t)) t = t->tp_base;
    return t;
}

// extra_ivars: whether `type` adds fields to `base`'s layout, not counting a __dict__ and a weakref
// slot that a class appended (those do not stop multiple inheritance).
bool extra_ivars(const Runtime& rt, const PyTypeObject* type, const PyTypeObject* base) {
    int64_t t_size = instance_basicsize(rt, type);
    const int64_t b_size = instance_basicsize(rt, base);
    if (instance_itemsize(type) != 0 || instance_itemsize(base) != 0)
        return t_size != b_size || instance_itemsize(type) != instance_itemsize(base);
    if (type->tp_weaklistoffset != 0 && type_weaklistoffset(base) == 0 &&
        type->tp_weaklistoffset + kFieldSize == t_size && is_heap_type(type))
        t_size -= kFieldSize;
    if (type->tp_dictoffset != 0 && type_dictoffset(base) == 0 && type->tp_dictoffset + kFieldSize == t_size &&
        is_heap_type(type))
        t_size -= kFieldSize;
    return t_size != b_size;
}

// solid_base: the most derived base whose instance layout this type shares.
PyTypeObject* solid_base(Runtime& rt, PyTypeObject* type) {
    PyTypeObject* base = type->tp_base != nullptr ? solid_base(rt, type->tp_base) : rt.builtins().object_type;
    return extra_ivars(rt, type, base) ? type : base;
}

// The built-in types CPython lets a class extend but whose subclass instances the model cannot make
// yet (variable-size objects, free lists, a tp_new that neither zeroes the class's fields nor holds
// the class): refused plainly rather than given a wrong layout. `t` is a static type.
bool subclassing_unsupported(Runtime& rt, PyTypeObject* t) {
    const Builtins& b = rt.builtins();
    // dict, set and frozenset make subclass instances themselves (dict_new_from_type, set_new_from);
    // list's tp_new is object_new_instance, its items a block of their own.
    if (t == b.dict_type || t == b.set_type || t == b.frozenset_type || t == b.list_type) return false;
    return t != b.object_type && t != b.weakref_type && !t->has_flag(Py_TPFLAGS_TYPE_SUBCLASS) &&
           !t->has_flag(Py_TPFLAGS_BASE_EXC_SUBCLASS);
}
bool known_subclassable(Runtime& rt, PyTypeObject* t) {
    const Builtins& b = rt.builtins();
    for (PyTypeObject* k : {b.long_type, b.long27_type, b.float_type, b.str_type, b.unicode_type, b.bytes_type,
                            b.tuple_type, b.list_type, b.dict_type, b.set_type, b.frozenset_type, b.module_type})
        if (t == k && k != nullptr) return true;
    return false;
}

// best_base: checks every base and returns the one whose layout the class extends; the candidates'
// solid bases must form a chain ("instance lay-out conflict" otherwise).
PyTypeObject* best_base(Runtime& rt, PyObject* bases) {
    PyTypeObject* base = nullptr;
    PyTypeObject* winner = nullptr;
    for (int64_t i = 0; i < Py_SIZE(bases); ++i) {
        PyObject* proto = tuple_items(bases)[i];
        if (!is_type_object(rt, proto)) {
            err_set_string(rt, rt.builtins().exc.TypeError, "bases must be types");
            return nullptr;
        }
        PyTypeObject* b = as_type(proto);
        if (!b->has_flag(Py_TPFLAGS_BASETYPE) && !known_subclassable(rt, b)) {
            err_format(rt, rt.builtins().exc.TypeError, "type '%s' is not an acceptable base type",
                       type_name(b).c_str());
            return nullptr;
        }
        if (subclassing_unsupported(rt, static_base_of(b))) {
            err_format(rt, rt.builtins().exc.NotImplementedError, "subclassing '%s' is not supported by the lab yet",
                       type_name(static_base_of(b)).c_str());
            return nullptr;
        }
        PyTypeObject* candidate = solid_base(rt, b);
        if (winner == nullptr) {
            winner = candidate;
            base = b;
        } else if (type_is_subtype(winner, candidate)) {
            // The winner's layout already extends the candidate's.
        } else if (type_is_subtype(candidate, winner)) {
            winner = candidate;
            base = b;
        } else {
            err_set_string(rt, rt.builtins().exc.TypeError, "multiple bases have instance lay-out conflict");
            return nullptr;
        }
    }
    return base;
}

// _PyType_CalculateMetaclass: the most derived of the metatype and the bases' types.
PyTypeObject* calculate_metaclass(Runtime& rt, PyTypeObject* metatype, PyObject* bases) {
    PyTypeObject* winner = metatype;
    for (int64_t i = 0; i < Py_SIZE(bases); ++i) {
        if (class27_check(rt, tuple_items(bases)[i])) {
            // 2.7 lets a new-style class derive from classic ones (classic_mro); the lab does not.
            err_set_string(rt, rt.builtins().exc.NotImplementedError,
                           "the lab does not model new-style classes with classic bases yet");
            return nullptr;
        }
        PyTypeObject* t = Py_TYPE(tuple_items(bases)[i]);
        if (type_is_subtype(winner, t)) continue;
        if (type_is_subtype(t, winner)) {
            winner = t;
            continue;
        }
        err_set_string(rt, rt.builtins().exc.TypeError,
                       "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
                       "subclass of the metaclasses of all its bases");
        return nullptr;
    }
    return winner;
}

// _Py_Mangle: a private name `__x` in class `_C` becomes `_C__x`; dunders and dotted names stay.
std::string mangle(const std::string& class_name, const std::string& name) {
    if (name.size() < 2 || name.compare(0, 2, "__") != 0) return name;
    if (name.compare(name.size() - 2, 2, "__") == 0) return name;
    if (name.find('.') != std::string::npos) return name;
    size_t start = class_name.find_first_not_of('_');
    if (start == std::string::npos) return name;
    return "_" + class_name.substr(start) + name;
}

// str.isidentifier() for the ASCII range; other code points are taken as letters.
bool valid_identifier(const std::string& s) {
    if (s.empty()) return false;
    auto letter = [](unsigned char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
    };
    if (!letter(static_cast<unsigned char>(s[0]))) return false;
    for (unsigned char c : s)
        if (!letter(c) && !(c >= '0' && c <= '9')) return false;
    return true;
}

// What __slots__ asks for: the member names (mangled, sorted) and whether the class adds a __dict__
// and a weakref slot.
struct SlotsRequest {
    bool given = false;  // the namespace has __slots__
    std::vector<std::string> names;
    bool add_dict = false;
    bool add_weak = false;
};

// The __slots__ rules of type_new: a str or an iterable of str, each an identifier; '__dict__' and
// '__weakref__' ask for those slots; no slot may shadow a class variable.
bool parse_slots(Runtime& rt, PyObject* slots, PyObject* dict, const std::string& class_name, const PyTypeObject* base,
                 bool may_add_dict, bool may_add_weak, SlotsRequest* out) {
    PyTypeObject* type_error = rt.builtins().exc.TypeError;
    PyObject* items = nullptr;
    if (str_check(rt, slots)) {
        if ((items = tuple_new(rt, 1)) == nullptr) return fail_no_memory(rt);
        tuple_items(items)[0] = slots;
        rt.incref(slots);
    } else if ((items = sequence_tuple(rt, slots)) == nullptr) {
        return false;
    }
    const int64_t n = Py_SIZE(items);
    bool ok = true;
    if (n > 0 && instance_itemsize(base) != 0) {
        err_format(rt, type_error, "nonempty __slots__ not supported for subtype of '%s'", type_name(base).c_str());
        ok = false;
    }
    std::vector<std::string> names;
    for (int64_t i = 0; i < n && ok; ++i) {
        PyObject* item = tuple_items(items)[i];
        if (!str_check(rt, item)) {
            err_format(rt, type_error, "__slots__ items must be strings, not '%s'", type_name(Py_TYPE(item)).c_str());
            ok = false;
            break;
        }
        std::string name = str_as_utf8(rt, item);
        if (!valid_identifier(name)) {
            err_set_string(rt, type_error, "__slots__ must be identifiers");
            ok = false;
        } else if (name == "__dict__") {
            if (!may_add_dict || out->add_dict) {
                err_set_string(rt, type_error, "__dict__ slot disallowed: we already got one");
                ok = false;
            }
            out->add_dict = true;
        } else if (name == "__weakref__") {
            if (!may_add_weak || out->add_weak) {
                err_set_string(rt, type_error,
                               "__weakref__ slot disallowed: either we already got one, or the base type has "
                               "a nonzero tp_itemsize");
                ok = false;
            }
            out->add_weak = true;
        } else {
            names.push_back(name);
        }
    }
    rt.decref(items);
    if (!ok) return false;
    for (std::string& name : names) {
        name = mangle(class_name, name);
        // The compiler puts __qualname__ and __classcell__ in every namespace; they leave it below.
        if (name != "__qualname__" && name != "__classcell__" && dict_get_ascii(rt, dict, name) != nullptr) {
            err_format(rt, rt.builtins().exc.ValueError, "'%s' in __slots__ conflicts with class variable",
                       name.c_str());
            return false;
        }
    }
    // Sorted, as CPython sorts them (for __class__ assignment): the members' offsets follow.
    std::sort(names.begin(), names.end());
    out->names = std::move(names);
    return true;
}

// The class's __slots__ request: what parse_slots reads, or without __slots__ a __dict__ and a
// weakref slot wherever the base lacks them.
bool slots_request(Runtime& rt, PyObject* ns, PyObject* bases, PyTypeObject* base, const std::string& class_name,
                   SlotsRequest* out) {
    const bool may_add_dict = type_dictoffset(base) == 0;
    const bool may_add_weak = type_weaklistoffset(base) == 0 && instance_itemsize(base) == 0;
    PyObject* slots = dict_get_ascii(rt, ns, "__slots__");
    if (slots == nullptr) {
        out->add_dict = may_add_dict;
        out->add_weak = may_add_weak;
        return true;
    }
    out->given = true;
    if (!parse_slots(rt, slots, ns, class_name, base, may_add_dict, may_add_weak, out)) return false;
    // Secondary bases may provide a __dict__ or weakrefs that the primary base lacks.
    for (int64_t i = 0; i < Py_SIZE(bases) && Py_SIZE(bases) > 1; ++i) {
        PyTypeObject* t = as_type(tuple_items(bases)[i]);
        if (t == base) continue;
        if (may_add_dict && !out->add_dict && type_dictoffset(t) != 0) out->add_dict = true;
        if (may_add_weak && !out->add_weak && type_weaklistoffset(t) != 0) out->add_weak = true;
    }
    return true;
}

// Replaces dict[name], a plain function, by wrap(function): __new__ becomes a staticmethod,
// __init_subclass__ and __class_getitem__ classmethods.
bool wrap_function(Runtime& rt, PyObject* dict, std::string_view name, PyTypeObject* wrapper) {
    PyObject* f = dict_get_ascii(rt, dict, name);
    if (f == nullptr || Py_TYPE(f) != rt.builtins().function_type) return true;
    PyObject* wrapped = wrapper->tp_new(rt, wrapper, &f, 1, nullptr);
    PyObject* key = wrapped != nullptr ? interned(rt, name) : nullptr;
    bool ok = key != nullptr && dict_setitem(rt, dict, key, wrapped);
    rt.xdecref(key);
    rt.xdecref(wrapped);
    if (!ok && !err_occurred(rt)) err_no_memory(rt);
    return ok;
}

// Adds dict[name] = value (stolen); false with an exception set.
bool add_to_dict(Runtime& rt, PyObject* dict, std::string_view name, PyObject* value) {
    if (value == nullptr) return false;
    PyObject* key = interned(rt, name);
    bool ok = key != nullptr && dict_setitem(rt, dict, key, value);
    rt.xdecref(key);
    rt.decref(value);
    if (!ok && !err_occurred(rt)) err_no_memory(rt);
    return ok;
}

// subtype_setdict: `obj.__dict__ = d` replaces the instance dict (del drops it).
int subtype_setdict(Runtime& rt, PyObject* self, PyObject* value) {
    if (type_has_managed_dict(Py_TYPE(self)) && value != nullptr &&
        !object_type_check(value, rt.builtins().dict_type)) {
        err_format(rt, rt.builtins().exc.TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                   type_name(Py_TYPE(value)).c_str());
        return -1;
    }
    if (type_has_managed_dict(Py_TYPE(self))) return instance_set_dict(rt, self, value);
    PyObject** dictptr = object_dict_ptr(self);
    if (dictptr == nullptr) {
        err_set_string(rt, rt.builtins().exc.AttributeError, "This object has no __dict__");
        return -1;
    }
    if (value != nullptr && !object_type_check(value, rt.builtins().dict_type)) {
        err_format(rt, rt.builtins().exc.TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                   type_name(Py_TYPE(value)).c_str());
        return -1;
    }
    if (value != nullptr) rt.incref(value);
    PyObject* old = *dictptr;
    *dictptr = value;
    rt.xdecref(old);
    return 0;
}

// subtype_getweakref: the head of the instance's weakref list (its basic ref, if it has one), or None.
PyObject* subtype_getweakref(Runtime& rt, PyObject* self) {
    PyWeakReference** list = weakref_list_ptr(self);
    if (list == nullptr) return err_set_string(rt, rt.builtins().exc.AttributeError, "This object has no __weakref__");
    PyObject* head = *list != nullptr ? reinterpret_cast<PyObject*>(*list) : rt.builtins().singletons.none;
    rt.incref(head);
    return head;
}

const PyGetSetDef kSubtypeDictGetSet = {"__dict__", object_dict_getter, subtype_setdict};
const PyGetSetDef kSubtypeWeakrefGetSet = {"__weakref__", subtype_getweakref, nullptr};

// set_names (3.6+): value.__set_name__(cls, name) for each class attribute that defines it.
bool set_names(Runtime& rt, PyTypeObject* type) {
    std::vector<std::pair<PyObject*, PyObject*>> items;
    for (PyObject* key : dict_keys(rt, type->tp_dict)) {
        PyObject* value = dict_getitem(rt, type->tp_dict, key);
        rt.incref(key);
        rt.incref(value);
        items.emplace_back(key, value);
    }
    bool ok = true;
    for (auto [key, value] : items) {
        if (!ok) break;
        PyObject* set_name = type_lookup_ascii(rt, Py_TYPE(value), "__set_name__");
        if (set_name == nullptr) continue;
        PyObject* args[] = {as_object(type), key};
        PyObject* r = call_method_found(rt, set_name, value, args, 2);
        if (r != nullptr) {
            rt.decref(r);
            continue;
        }
        ok = false;
        if (rt.profile().at_least(3, 12)) break;  // 3.12 adds a note to the exception instead
        PyObject* cause = err_fetch(rt);
        std::string key_repr;
        if (!object_repr_utf8(rt, key, &key_repr)) err_clear(rt);
        err_format(rt, rt.builtins().exc.RuntimeError, "Error calling __set_name__ on '%s' instance %s in '%s'",
                   type_name(Py_TYPE(value)).c_str(), key_repr.c_str(), type->tp_name);
        if (PyObject* exc = err_current(rt); exc != nullptr && cause != nullptr) {
            rt.incref(cause);
            exception_set_context(rt, exc, cause);
            exception_set_cause(rt, exc, cause);
        } else {
            rt.xdecref(cause);
        }
    }
    for (auto [key, value] : items) {
        rt.decref(key);
        rt.decref(value);
    }
    return ok;
}

// init_subclass (3.6+): super(cls, cls).__init_subclass__(), when a base defines it. (Every class
// in CPython finds object.__init_subclass__, which does nothing without keywords.)
bool init_subclass(Runtime& rt, PyTypeObject* type) {
    PyObject* mro = type->tp_mro;
    PyObject* func = nullptr;
    for (int64_t i = 1; i < Py_SIZE(mro) && func == nullptr; ++i) {
        PyTypeObject* t = as_type(tuple_items(mro)[i]);
        if (t->tp_dict != nullptr) func = dict_get_ascii(rt, t->tp_dict, "__init_subclass__");
    }
    if (func == nullptr) return true;
    PyObject* bound;
    if (descrgetfunc get = Py_TYPE(func)->tp_descr_get; get != nullptr) {
        bound = get(rt, func, nullptr, as_object(type));
    } else {
        rt.incref(func);
        bound = func;
    }
    if (bound == nullptr) return false;
    PyObject* r = object_vectorcall(rt, bound, nullptr, 0, nullptr);
    rt.decref(bound);
    if (r == nullptr) return false;
    rt.decref(r);
    return true;
}

void register_subclass(PyTypeObject* base, PyTypeObject* type) {
    if (!is_heap_type(base)) return;
    HeapTypeObject* h = heap_type(base);
    if (h->subclasses.p == nullptr) h->subclasses.p = new std::vector<PyTypeObject*>;
    h->subclasses.p->push_back(type);
}

// The part of type_new after the class object exists: layout, dict, readiness. On failure the
// caller releases the class.
bool build_class(Runtime& rt, PyTypeObject* type, PyTypeObject* base, PyObject* ns, const SlotsRequest& slots) {
    HeapTypeObject* et = heap_type(type);
    const Builtins& b = rt.builtins();
    PyObject* dict = type->tp_dict;
    const std::string name = *et->name_storage.p;

    // The class __dict__: a copy of the namespace, as PyDict_Copy gives it (in order).
    for (PyObject* key : dict_keys(rt, ns))
        if (!dict_setitem(rt, dict, key, dict_getitem(rt, ns, key))) return fail_no_memory(rt);
    if (PyObject* module = dict_get_ascii(rt, dict, "__module__")) {
        rt.incref(module);
        et->ht_module.p = module;
    }
    PyObject* qualname = rt.profile().major >= 3 ? dict_get_ascii(rt, dict, "__qualname__") : nullptr;
    if (qualname != nullptr && !str_check(rt, qualname)) {
        err_format(rt, b.exc.TypeError, "type __qualname__ must be a str, not %s",
                   type_name(Py_TYPE(qualname)).c_str());
        return false;
    }
    // 2.7's heap type has no qualified name (heap_type_qualname answers with its name).
    et->ht_qualname.p = rt.profile().major >= 3 ? (qualname != nullptr ? qualname : et->ht_name.p) : nullptr;
    if (et->ht_qualname.p != nullptr) rt.incref(et->ht_qualname.p);
    if (qualname != nullptr) {
        PyObject* key = interned(rt, "__qualname__");
        bool ok = key != nullptr && dict_delitem(rt, dict, key);
        rt.xdecref(key);
        if (!ok) return false;
    }
    if (!wrap_function(rt, dict, "__new__", b.staticmethod_type)) return false;
    if (rt.profile().at_least(3, 6) && !wrap_function(rt, dict, "__init_subclass__", b.classmethod_type)) return false;
    if (rt.profile().at_least(3, 7) && !wrap_function(rt, dict, "__class_getitem__", b.classmethod_type)) return false;

    // The instance layout: the base's fields, then the slots in sorted order, then __dict__, then
    // the weakref list: CPython <= 3.10's, used for every profile. 3.11+ keep __dict__ (3.12+: and
    // the weakref list) in a 16-byte pre-header before the GC header, with the attribute values in
    // a block of their own (type_sizes.h: InstanceLayout, instance, pre_header); the model will
    // follow once Runtime can allocate and free an object with a pre-header (block_of, id and
    // free_object assume the GC header starts the block).
    const int64_t nslots = static_cast<int64_t>(slots.names.size());
    if (slots.given) {
        PyObject* names = tuple_new(rt, nslots);
        if (names == nullptr) return fail_no_memory(rt);
        et->ht_slots.p = names;
        for (int64_t i = 0; i < nslots; ++i)
            if ((tuple_items(names)[i] = interned(rt, slots.names[static_cast<size_t>(i)])) == nullptr) return false;
    }
    int64_t offset = instance_basicsize(rt, base);
    PyMemberDef* members = heap_type_members(rt, type);
    for (int64_t i = 0; i < nslots; ++i) {
        members[i].type = T_OBJECT_EX;
        members[i].offset = offset;
        offset += kFieldSize;
    }
    // 3.11+: a class that adds a __dict__ to a base of fixed size manages it (instance_values.h):
    // tp_dictoffset -1, the dict (or values) in the pre-header; from 3.12 the weakref list too.
    const Profile& p = rt.profile();
    const bool managed_dict = slots.add_dict && p.at_least(3, 11) && base->tp_itemsize == 0;
    if (managed_dict) {
        type->tp_flags |= Py_TPFLAGS_MANAGED_DICT | (p.minor == 12 && p.major == 3 ? Py_TPFLAGS_MODEL_DICT_OR_VALUES : 0);
        type->tp_dictoffset = -1;
    } else if (slots.add_dict) {
        type->tp_dictoffset = offset;
        offset += kFieldSize;
    } else if (!base->has_flag(Py_TPFLAGS_TYPE_SUBCLASS)) {
        type->tp_dictoffset = type_dictoffset(base);  // BaseException's dict field
    }
    if (slots.add_weak && p.at_least(3, 12) && base->tp_itemsize == 0) {
        type->tp_flags |= Py_TPFLAGS_MANAGED_WEAKREF;
        type->tp_weaklistoffset = kManagedWeakrefOffset;
    } else if (slots.add_weak) {
        type->tp_weaklistoffset = offset;
        offset += kFieldSize;
    }
    // Subclasses of a managed class manage theirs too (inherit_special).
    if (!managed_dict && type_has_managed_dict(base) && (base->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
        type->tp_flags |= base->tp_flags & (Py_TPFLAGS_MANAGED_DICT | Py_TPFLAGS_MODEL_DICT_OR_VALUES);
        type->tp_dictoffset = -1;
    }
    type->tp_flags |= base->tp_flags & Py_TPFLAGS_MANAGED_WEAKREF;
    type->tp_basicsize = offset;
    type->tp_itemsize = base->tp_itemsize;
    if (type_has_managed_dict(type)) {
        if (!cached_keys_new(rt, type)) return fail_no_memory(rt);
        // type_ready_managed_dict (3.13+): an instance of object's size keeps its values inline.
        if (p.at_least(3, 13) && type->tp_itemsize == 0 && type->tp_basicsize == rt.builtins().object_type->tp_basicsize)
            type->tp_flags |= Py_TPFLAGS_INLINE_VALUES;
        type->tp_blocks = instance_blocks;
    }
    type->tp_dealloc = subtype_dealloc;
    // All heap types are GC from 3.8 (a class's instance can reach the class); before, only those
    // that add fields or extend a GC base.
    if (rt.profile().at_least(3, 8) || base->is_gc() || type->tp_basicsize > instance_basicsize(rt, base))
        type->tp_flags |= Py_TPFLAGS_HAVE_GC;
    if (type->is_gc()) {
        type->tp_traverse = subtype_traverse;
        type->tp_clear = subtype_clear;
    }

    // __classcell__: the cell the methods' __class__ (and zero-argument super()) read; 3.14's
    // __classdictcell__: the one annotation scopes read the class's names through. Each leaves
    // the namespace holding what it names.
    auto fill_cell = [&](const char* name, PyObject* value) {
        PyObject* cell = dict_get_ascii(rt, dict, name);
        if (cell == nullptr) return true;
        if (Py_TYPE(cell) != b.cell_type) {
            std::string r;
            if (!object_repr_utf8(rt, as_object(Py_TYPE(cell)), &r)) return false;
            err_format(rt, b.exc.TypeError, "%s must be a nonlocal cell, not %s", name, r.c_str());
            return false;
        }
        cell_set(rt, cell, value);
        PyObject* key = interned(rt, name);
        bool ok = key != nullptr && dict_delitem(rt, dict, key);
        rt.xdecref(key);
        return ok;
    };
    if (!fill_cell("__classcell__", as_object(type)) || !fill_cell("__classdictcell__", dict)) return false;

    if (!type_ready(rt, type)) return false;
    // PyType_Ready's additions to the dict, after the MRO, in its order: members, getsets, __doc__,
    // __hash__.
    for (int64_t i = 0; i < nslots; ++i) {
        PyObject* n = tuple_items(et->ht_slots.p)[i];
        PyObject* descr = member_descriptor_new(rt, type, n, members[i].offset);
        bool ok = descr != nullptr && dict_setitem(rt, dict, n, descr);
        rt.xdecref(descr);
        if (!ok) return fail_no_memory(rt);
    }
    if (slots.add_dict &&
        !add_to_dict(rt, dict, "__dict__",
                     getset_descriptor_new(rt, type, &kSubtypeDictGetSet)))
        return false;
    if (slots.add_weak && !add_to_dict(rt, dict, "__weakref__",
                                       getset_descriptor_new(rt, type, &kSubtypeWeakrefGetSet)))
        return false;
    PyObject* none = b.singletons.none;
    if (dict_get_ascii(rt, dict, "__doc__") == nullptr) {
        rt.incref(none);
        if (!add_to_dict(rt, dict, "__doc__", none)) return false;
    }
    // 3.x: a class that defines __eq__ but not __hash__ is unhashable (the PyType_Ready hack that
    // stores __hash__ = None, which type_update_slots turns into an unhashable tp_hash).
    if (rt.profile().major >= 3 && dict_get_ascii(rt, dict, "__eq__") != nullptr &&
        dict_get_ascii(rt, dict, "__hash__") == nullptr) {
        rt.incref(none);
        if (!add_to_dict(rt, dict, "__hash__", none)) return false;
    }

    type_update_slots(rt, type);
    for (int64_t i = 0; i < Py_SIZE(type->tp_bases); ++i)
        register_subclass(as_type(tuple_items(type->tp_bases)[i]), type);
    // 3.6-3.10: a class whose instances have a __dict__ gets keys for them to share (dict_split.h).
    if (p.major == 3 && !p.at_least(3, 11) && type_dictoffset(type) != 0) et->ht_cached_keys.p = dict_new_keys_for_class(rt);
    if (rt.profile().at_least(3, 6) && (!set_names(rt, type) || !init_subclass(rt, type))) return false;
    return true;
}

}  // namespace

int64_t type_dictoffset(const PyTypeObject* t) {
    if (t->tp_dictoffset != 0) return t->tp_dictoffset;
    if (t->has_flag(Py_TPFLAGS_TYPE_SUBCLASS)) return kTypeDictOffset;
    if (!is_heap_type(t) && t->has_flag(Py_TPFLAGS_BASE_EXC_SUBCLASS))
        return static_cast<int64_t>(offsetof(PyBaseExceptionObject, dict));
    return 0;
}

int64_t type_weaklistoffset(const PyTypeObject* t) {
    if (t->tp_weaklistoffset != 0) return t->tp_weaklistoffset;
    if (t->has_flag(Py_TPFLAGS_TYPE_SUBCLASS)) return kTypeWeaklistOffset;
    return 0;
}

PyMemberDef* heap_type_members(const Runtime& rt, PyTypeObject* type) {
    return reinterpret_cast<PyMemberDef*>(reinterpret_cast<char*>(type) + type_sizes(rt.profile()).heap_type);
}

PyObject* type_new_class(Runtime& rt, PyTypeObject* metatype, PyObject* name, PyObject* bases, PyObject* ns) {
    const Builtins& b = rt.builtins();
    if (!str_check(rt, name) || Py_TYPE(bases) != b.tuple_type || !object_type_check(ns, b.dict_type))
        return err_set_string(rt, b.exc.TypeError, "type.__new__() argument types: (str, tuple, dict)");
    PyTypeObject* winner = calculate_metaclass(rt, metatype, bases);
    if (winner == nullptr) return nullptr;
    if (winner != metatype) {
        // A base's metaclass is more derived: it makes the class (type_new's "pass it on").
        if (winner->tp_new != b.type_type->tp_new) {
            PyObject* args[] = {name, bases, ns};
            return winner->tp_new(rt, winner, args, 3, nullptr);
        }
        metatype = winner;
    }
    const std::string class_name = str_as_utf8(rt, name);
    if (class_name.find('\0') != std::string::npos)
        return err_set_string(rt, b.exc.ValueError, "type name must not contain null characters");
    for (int64_t i = 0; i < Py_SIZE(bases); ++i)
        for (int64_t j = i + 1; j < Py_SIZE(bases); ++j)
            if (tuple_items(bases)[i] == tuple_items(bases)[j])
                return err_format(rt, b.exc.TypeError, "duplicate base class %s",
                                  type_name(as_type(tuple_items(bases)[i])).c_str());

    // bases empty means (object,); a new tuple, as CPython's PyTuple_Pack.
    PyObject* own_bases = nullptr;
    if (Py_SIZE(bases) == 0) {
        if ((own_bases = tuple_new(rt, 1)) == nullptr) return err_no_memory(rt);
        tuple_items(own_bases)[0] = as_object(b.object_type);
        rt.incref(as_object(b.object_type));
    } else {
        own_bases = bases;
        rt.incref(bases);
    }
    PyTypeObject* base = best_base(rt, own_bases);
    SlotsRequest slots;
    if (base == nullptr || !slots_request(rt, ns, own_bases, base, class_name, &slots)) {
        rt.decref(own_bases);
        return nullptr;
    }
    const int64_t nslots = static_cast<int64_t>(slots.names.size());

    // PyType_GenericAlloc(metatype, nslots): the PyHeapTypeObject, then nslots + 1 members (the
    // measured sizes of core/profile/type_sizes.h).
    const TypeSizes& sizes = type_sizes(rt.profile());
    const int64_t request = sizes.heap_type + (nslots + 1) * sizes.member_def;
    PyObject* o = rt.alloc_gc_object(metatype, static_cast<size_t>(request));
    if (o == nullptr) {
        rt.decref(own_bases);
        return err_no_memory(rt);
    }
    std::memset(o, 0, static_cast<size_t>(request));
    auto* et = new (o) HeapTypeObject{};
    PyTypeObject* type = &et->type;
    o->ob_refcnt = 1;
    o->ob_type = metatype;
    Py_SET_SIZE(o, nslots);
    if (is_heap_type(metatype)) rt.incref(as_object(metatype));
    rt.gc_track(o);
    et->name_storage.p = new std::string(class_name);
    rt.own_host_storage(o, heap_type_release_host);
    type->tp_name = et->name_storage.p->c_str();
    type->tp_flags = Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_BASETYPE | (base->tp_flags & kSubclassFlags);
    type_modified(type);  // its first version tag
    type->tp_base = base;
    rt.incref(as_object(base));
    type->tp_bases = own_bases;
    et->ht_name.p = name;
    rt.incref(name);
    if ((type->tp_dict = dict_new(rt)) == nullptr || !build_class(rt, type, base, ns, slots)) {
        if (!err_occurred(rt)) err_no_memory(rt);
        rt.decref(o);
        return nullptr;
    }
    return o;
}

}  // namespace pymemlab
