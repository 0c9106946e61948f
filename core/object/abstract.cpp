// The abstract object protocol: attribute access, calls, comparisons, truth, hashing, text,
// iteration and containers, dispatched on type slots as Objects/object.c and abstract.c do.
// Arithmetic dispatch is number_protocol.cpp.
#include "object/abstract.h"

#include <cinttypes>
#include <cstdio>
#include <vector>

#include "object/builtins.h"
#include "object/class_object27.h"
#include "object/instance_object27.h"
#include "object/descr_object.h"
#include "object/dict_object.h"
#include "object/errors.h"
#include "object/exceptions.h"
#include "object/hash.h"
#include "object/dict_split.h"
#include "object/instance_values.h"
#include "object/list_object.h"
#include "object/recursion.h"
#include "object/runtime.h"
#include "object/slot_defs.h"
#include "object/slot_wrapper.h"
#include "object/str_object.h"
#include "object/type_internal.h"
#include "object/type_object.h"
#include "object/tp_call.h"
#include "object/tuple_object.h"
#include "object/type_internal.h"
#include "object/type_object.h"
#include "object/weakref_object.h"

namespace pymemlab {

// ---- identity and types ------------------------------------------------------------------------

bool type_is_subtype(const PyTypeObject* a, const PyTypeObject* b) {
    if (a == b) return true;
    if (a->tp_mro != nullptr) {
        PyObject* mro = a->tp_mro;
        PyObject** items = tuple_items(mro);
        for (int64_t i = 0; i < Py_SIZE(mro); ++i)
            if (reinterpret_cast<PyTypeObject*>(items[i]) == b) return true;
        return false;
    }
    for (const PyTypeObject* t = a->tp_base; t != nullptr; t = t->tp_base)
        if (t == b) return true;
    return false;
}

static bool is_type(const Runtime& rt, const PyObject* o) {
    return object_type_check(o, rt.builtins().type_type);
}

// A class whose metaclass defines __instancecheck__ or __subclasscheck__ answers isinstance and
// issubclass through it, called as CPython calls it, in a recursion check of its own
// (" in __instancecheck__"). Sets *result and returns true when there is one to call. (type's
// own two, which give the usual answer, are not modelled: the usual answer is given without.)
static bool metaclass_check(Runtime& rt, PyObject* cls, PyObject* arg, const char* name, const char* where,
                            int* result) {
    if (Py_TYPE(cls) == rt.builtins().type_type || !is_type(rt, cls)) return false;
    PyObject* checker = lookup_special(rt, cls, name);
    if (checker == nullptr) return false;
    RecursiveCall depth(rt, where);
    PyObject* r = depth.ok ? call_method_found(rt, checker, cls, &arg, 1, nullptr) : nullptr;
    *result = r != nullptr ? object_is_true(rt, r) : -1;
    rt.xdecref(r);
    return true;
}

int object_isinstance(Runtime& rt, PyObject* o, PyObject* cls) {
    if (Py_TYPE(o) == reinterpret_cast<PyTypeObject*>(cls)) return 1;
    if (int r; metaclass_check(rt, cls, o, "__instancecheck__", " in __instancecheck__", &r)) return r;
    if (Py_TYPE(cls) == rt.builtins().tuple_type) {
        for (int64_t i = 0; i < Py_SIZE(cls); ++i) {
            int r = object_isinstance(rt, o, tuple_items(cls)[i]);
            if (r != 0) return r;
        }
        return 0;
    }
    // 2.7's classic classes: a classic instance's class or one of its bases (nothing else is an
    // instance of a classic class).
    if (class27_check(rt, cls)) return instance27_check(rt, o) && class27_is_subclass(rt, as_instance27(o)->in_class.p, cls);
    if (!is_type(rt, cls)) {
        err_set_string(rt, rt.builtins().exc.TypeError,
                       rt.profile().at_least(3, 10)  ? "isinstance() arg 2 must be a type, a tuple of types, or a union"
                       : rt.profile().major == 2 ? "isinstance() arg 2 must be a class, type, or tuple of classes and types"
                                                 : "isinstance() arg 2 must be a type or tuple of types");
        return -1;
    }
    if (object_type_check(o, reinterpret_cast<PyTypeObject*>(cls))) return 1;
    // recursive_isinstance's second chance: o.__class__, when it differs from type(o). Among the
    // model's types only a weakref proxy answers with another class (its referent's).
    if (!weakref_proxy_check(rt, o)) return 0;
    PyObject* icls = object_getattr_string(rt, o, "__class__");
    if (icls == nullptr) {
        if (!err_matches(rt, rt.builtins().exc.AttributeError)) return -1;
        err_clear(rt);
        return 0;
    }
    const int r = icls != reinterpret_cast<PyObject*>(Py_TYPE(o)) && is_type(rt, icls) &&
                  type_is_subtype(reinterpret_cast<PyTypeObject*>(icls), reinterpret_cast<PyTypeObject*>(cls));
    rt.decref(icls);
    return r;
}

int object_issubclass(Runtime& rt, PyObject* derived, PyObject* cls) {
    if (int r; metaclass_check(rt, cls, derived, "__subclasscheck__", " in __subclasscheck__", &r)) return r;
    const bool classic = class27_check(rt, derived);  // 2.7's classic class
    if (!classic && !is_type(rt, derived)) {
        err_set_string(rt, rt.builtins().exc.TypeError, "issubclass() arg 1 must be a class");
        return -1;
    }
    if (Py_TYPE(cls) == rt.builtins().tuple_type) {
        for (int64_t i = 0; i < Py_SIZE(cls); ++i) {
            int r = object_issubclass(rt, derived, tuple_items(cls)[i]);
            if (r != 0) return r;
        }
        return 0;
    }
    if (class27_check(rt, cls)) return classic && class27_is_subclass(rt, derived, cls);
    if (!is_type(rt, cls)) {
        err_set_string(rt, rt.builtins().exc.TypeError,
                       rt.profile().at_least(3, 10)
                           ? "issubclass() arg 2 must be a class, a tuple of classes, or a union"
                           : "issubclass() arg 2 must be a class or tuple of classes");
        return -1;
    }
    if (classic) return 0;  // a classic class has only classic bases
    return type_is_subtype(reinterpret_cast<PyTypeObject*>(derived), reinterpret_cast<PyTypeObject*>(cls)) ? 1 : 0;
}

namespace {

// find_name_in_mro: the name hashed once, then looked up in each dict along the MRO.
PyObject* find_name_in_mro(Runtime& rt, PyTypeObject* type, PyObject* name) {
    const Py_hash_t hash = object_hash_any(rt, name);
    if (hash == -1) return nullptr;
    auto lookup_in = [&](PyTypeObject* t) -> PyObject* {
        return t->tp_dict != nullptr ? dict_getitem_known_hash(rt, t->tp_dict, name, hash) : nullptr;
    };
    if (type->tp_mro != nullptr) {
        PyObject* mro = type->tp_mro;
        for (int64_t i = 0; i < Py_SIZE(mro); ++i)
            if (PyObject* v = lookup_in(reinterpret_cast<PyTypeObject*>(tuple_items(mro)[i]))) return v;
        return nullptr;
    }
    for (PyTypeObject* t = type; t != nullptr; t = t->tp_base)
        if (PyObject* v = lookup_in(t)) return v;
    return nullptr;
}

}  // namespace

// _PyType_Lookup: a class's answer for an interned name comes from the host's cache while the
// class keeps its version (Runtime::type_lookup_entry).
PyObject* type_lookup(Runtime& rt, PyTypeObject* type, PyObject* name) {
    const uint32_t version = is_heap_type(type) ? heap_type(type)->version_tag : 0;
    if (version == 0 || !str_is_interned(rt, name)) return find_name_in_mro(rt, type, name);
    Runtime::TypeLookupEntry& entry = rt.type_lookup_entry(version, name);
    if (rt.type_lookup_hit(entry, version, name)) return entry.value;
    PyObject* value = find_name_in_mro(rt, type, name);
    if (value != nullptr || !err_occurred(rt)) rt.type_lookup_fill(entry, version, name, value);
    return value;
}

std::string type_name(const PyTypeObject* t) {
    std::string_view full = t->tp_name;
    if (!t->has_flag(Py_TPFLAGS_HEAPTYPE)) {
        size_t dot = full.rfind('.');
        if (dot != std::string_view::npos) full.remove_prefix(dot + 1);
    }
    return std::string(full);
}

// ---- text ---------------------------------------------------------------------------------------

PyObject* object_repr(Runtime& rt, PyObject* o) {
    RecursiveCall depth(rt, " while getting the repr of an object");
    if (!depth.ok) return nullptr;
    PyTypeObject* t = Py_TYPE(o);
    if (t->tp_repr != nullptr) return t->tp_repr(rt, o);
    return str_from_utf8(rt, "<" + std::string(t->tp_name) + " object at " + object_address(rt, o) + ">");
}

std::string object_address(const Runtime& rt, const PyObject* o) {
    char address[32];
    std::snprintf(address, sizeof address, "0x%012" PRIx64, rt.id(o));
    return address;
}

PyObject* object_str(Runtime& rt, PyObject* o) {
    PyTypeObject* t = Py_TYPE(o);
    if (t == rt.builtins().str_type) return new_ref(rt, o);
    if (t->tp_str == nullptr) return object_repr(rt, o);
    RecursiveCall depth(rt, " while getting the str of an object");
    if (!depth.ok) return nullptr;
    return t->tp_str(rt, o);
}

PyObject* object_ascii(Runtime& rt, PyObject* o) {
    PyObject* r = object_repr(rt, o);
    if (r == nullptr || rt.profile().major == 2 || unicode_is_ascii(rt, r)) return r;
    std::string out;
    for (int64_t i = 0; i < unicode_length(r); ++i) {
        uint32_t c = unicode_read(rt, r, i);
        char buf[16];
        if (c < 0x80) out += static_cast<char>(c);
        else if (c <= 0xff) std::snprintf(buf, sizeof buf, "\\x%02x", c), out += buf;
        else if (c <= 0xffff) std::snprintf(buf, sizeof buf, "\\u%04x", c), out += buf;
        else std::snprintf(buf, sizeof buf, "\\U%08x", c), out += buf;
    }
    rt.decref(r);
    return str_from_utf8(rt, out);
}

PyObject* object_format(Runtime& rt, PyObject* o, PyObject* spec) {
    PyObject* name = str_intern_ascii(rt, "__format__");
    if (name == nullptr) return err_no_memory(rt);
    PyObject* meth = type_lookup(rt, Py_TYPE(o), name);
    rt.decref(name);
    PyObject* empty = nullptr;
    if (spec == nullptr) spec = empty = str_from_utf8(rt, "");
    PyObject* result;
    if (meth == nullptr) {
        result = unicode_length(spec) == 0 || rt.profile().major == 2 ? object_str(rt, o) : nullptr;
        if (result == nullptr && !err_occurred(rt))
            err_format(rt, rt.builtins().exc.TypeError, "unsupported format string passed to %s.__format__",
                       type_name(Py_TYPE(o)).c_str());
    } else {
        PyObject* args[] = {o, spec};
        // The __format__ found on the type is unbound: pass the object first.
        result = object_vectorcall(rt, meth, args, 2, nullptr);
        // 2.7 lets __format__ return unicode as well as str.
        const bool py2 = rt.profile().major == 2;
        const bool text =
            result != nullptr && (str_check(rt, result) || (py2 && Py_TYPE(result) == rt.builtins().unicode_type));
        if (result != nullptr && !text) {
            if (py2)
                err_format(rt, rt.builtins().exc.TypeError, "%s.__format__ must return string or unicode, not %s",
                           type_name(Py_TYPE(o)).c_str(), type_name(Py_TYPE(result)).c_str());
            else
                err_format(rt, rt.builtins().exc.TypeError, "__format__ must return a str, not %s",
                           type_name(Py_TYPE(result)).c_str());
            rt.decref(result);
            result = nullptr;
        }
    }
    rt.xdecref(empty);
    return result;
}

static bool text_of(Runtime& rt, PyObject* text, std::string* out) {
    if (text == nullptr) return false;
    *out = str_check(rt, text) && rt.profile().major == 2 ? std::string(bytes_view(rt, text))
                                                          : unicode_as_utf8(rt, text);
    rt.decref(text);
    return true;
}

bool object_repr_utf8(Runtime& rt, PyObject* o, std::string* out) { return text_of(rt, object_repr(rt, o), out); }
bool object_str_utf8(Runtime& rt, PyObject* o, std::string* out) { return text_of(rt, object_str(rt, o), out); }

// ---- truth, hashing, comparison -------------------------------------------------------------------

int object_is_true(Runtime& rt, PyObject* o) {
    const Singletons& s = rt.builtins().singletons;
    if (o == s.true_) return 1;
    if (o == s.false_ || o == s.none) return 0;
    PyTypeObject* t = Py_TYPE(o);
    if (t->tp_as_number.nb_bool != nullptr) return t->tp_as_number.nb_bool(rt, o);
    lenfunc len = t->tp_as_mapping.mp_length != nullptr ? t->tp_as_mapping.mp_length : t->tp_as_sequence.sq_length;
    if (len != nullptr) {
        Py_ssize_t n = len(rt, o);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

Py_hash_t object_hash_value(Runtime& rt, PyObject* o) { return object_hash_any(rt, o); }

static const char* const kOpSymbols[] = {"<", "<=", "==", "!=", ">", ">="};
static const int kSwapped[] = {Py_GT, Py_GE, Py_EQ, Py_NE, Py_LT, Py_LE};

PyObject* object_richcompare(Runtime& rt, PyObject* a, PyObject* b, int op) {
    RecursiveCall depth(rt, rt.profile().major == 2 ? " in cmp" : " in comparison");
    if (!depth.ok) return nullptr;
    PyObject* not_implemented = rt.builtins().singletons.not_implemented;
    PyTypeObject* ta = Py_TYPE(a);
    PyTypeObject* tb = Py_TYPE(b);
    bool checked_reverse = false;
    if (ta != tb && type_is_subtype(tb, ta) && tb->tp_richcompare != nullptr) {
        checked_reverse = true;
        PyObject* r = tb->tp_richcompare(rt, b, a, kSwapped[op]);
        if (r != not_implemented) return r;
        rt.decref(r);
    }
    if (ta->tp_richcompare != nullptr) {
        PyObject* r = ta->tp_richcompare(rt, a, b, op);
        if (r != not_implemented) return r;
        rt.decref(r);
    }
    if (!checked_reverse && tb->tp_richcompare != nullptr) {
        PyObject* r = tb->tp_richcompare(rt, b, a, kSwapped[op]);
        if (r != not_implemented) return r;
        rt.decref(r);
    }
    if (op == Py_EQ) return bool_from(rt, a == b);
    if (op == Py_NE) return bool_from(rt, a != b);
    if (rt.profile().major == 2) {
        // 2.7's default order: None first, numbers before other types, then by type name, then
        // by address (Objects/object.c default_3way_compare).
        auto rank = [&](PyObject* x) { return x == rt.builtins().singletons.none ? 0 : 1; };
        int c = rank(a) - rank(b);
        if (c == 0) {
            std::string na = type_name(ta), nb = type_name(tb);
            c = na < nb ? -1 : na > nb ? 1 : (rt.id(a) < rt.id(b) ? -1 : rt.id(a) > rt.id(b) ? 1 : 0);
        }
        bool result = op == Py_LT ? c < 0 : op == Py_LE ? c <= 0 : op == Py_GT ? c > 0 : c >= 0;
        return bool_from(rt, result);
    }
    return err_format(rt, rt.builtins().exc.TypeError, "'%s' not supported between instances of '%s' and '%s'",
                      kOpSymbols[op], type_name(ta).c_str(), type_name(tb).c_str());
}

int object_richcompare_bool(Runtime& rt, PyObject* a, PyObject* b, int op) {
    if (a == b) {
        if (op == Py_EQ) return 1;
        if (op == Py_NE) return 0;
    }
    PyObject* r = object_richcompare(rt, a, b, op);
    if (r == nullptr) return -1;
    int truth = object_is_true(rt, r);
    rt.decref(r);
    return truth;
}

// ---- attributes ---------------------------------------------------------------------------------

static bool check_name(Runtime& rt, PyObject* name) {
    if (str_check(rt, name)) return true;
    err_format(rt, rt.builtins().exc.TypeError, "attribute name must be string, not '%s'",
               type_name(Py_TYPE(name)).c_str());
    return false;
}

PyObject* object_getattr(Runtime& rt, PyObject* o, PyObject* name) {
    if (!check_name(rt, name)) return nullptr;
    PyTypeObject* t = Py_TYPE(o);
    PyObject* r = t->tp_getattro != nullptr ? t->tp_getattro(rt, o, name) : object_generic_getattr(rt, o, name);
    if (r == nullptr && rt.profile().at_least(3, 10)) exception_note_attribute_lookup(rt, o, name);
    return r;
}

PyObject* object_getattr_string(Runtime& rt, PyObject* o, std::string_view name) {
    // CPython names these attributes by static strings (_Py_ID): no str is made when the name
    // is interned already, as the names of the lab's own lookups are.
    if (PyObject* interned = str_interned_ascii(rt, name)) return object_getattr(rt, o, interned);
    PyObject* n = str_from_utf8(rt, name);
    if (n == nullptr) return err_no_memory(rt);
    str_intern_in_place(rt, &n);
    PyObject* r = object_getattr(rt, o, n);
    rt.decref(n);
    return r;
}

PyObject* object_lookup_attr(Runtime& rt, PyObject* o, PyObject* name) {
    PyObject* r = object_getattr(rt, o, name);
    if (r == nullptr && err_matches(rt, rt.builtins().exc.AttributeError)) err_clear(rt);
    return r;
}

PyObject** object_dict_ptr(PyObject* o) {
    Py_ssize_t offset = Py_TYPE(o)->tp_dictoffset;
    if (offset <= 0) return nullptr;
    return &reinterpret_cast<Slot<PyObject>*>(reinterpret_cast<char*>(o) + offset)->p;
}

PyObject* object_instance_dict(Runtime& rt, PyObject* o) {
    if (type_has_managed_dict(Py_TYPE(o))) {
        PyObject* d = instance_get_dict(rt, o);
        if (d != nullptr) rt.decref(d);  // the instance holds it
        return d;
    }
    PyObject** dictptr = object_dict_ptr(o);
    return dictptr != nullptr ? *dictptr : nullptr;
}

PyObject* object_instance_attr(Runtime& rt, PyObject* o, PyObject* name) {
    if (type_has_managed_dict(Py_TYPE(o))) {
        PyObject* v = nullptr;
        return instance_attr_lookup(rt, o, name, &v) ? v : nullptr;
    }
    PyObject** dictptr = object_dict_ptr(o);
    return dictptr != nullptr && *dictptr != nullptr ? dict_getitem(rt, *dictptr, name) : nullptr;
}

static PyObject* no_attribute(Runtime& rt, PyObject* o, PyObject* name) {
    std::string n;
    object_str_utf8(rt, name, &n);
    if (is_type(rt, o))
        return err_format(rt, rt.builtins().exc.AttributeError, "type object '%s' has no attribute '%s'",
                          type_name(reinterpret_cast<PyTypeObject*>(o)).c_str(), n.c_str());
    return err_format(rt, rt.builtins().exc.AttributeError, "'%s' object has no attribute '%s'",
                      type_name(Py_TYPE(o)).c_str(), n.c_str());
}

PyObject* object_generic_getattr(Runtime& rt, PyObject* o, PyObject* name) {
    PyTypeObject* t = Py_TYPE(o);
    PyObject* descr = type_lookup(rt, t, name);
    descrgetfunc get = nullptr;
    if (descr != nullptr) {
        rt.incref(descr);
        get = Py_TYPE(descr)->tp_descr_get;
        if (get != nullptr && Py_TYPE(descr)->tp_descr_set != nullptr) {
            PyObject* r = get(rt, descr, o, reinterpret_cast<PyObject*>(t));
            rt.decref(descr);
            return r;
        }
    }
    if (type_has_managed_dict(t)) {
        PyObject* v = nullptr;
        if (!instance_attr_lookup(rt, o, name, &v)) {
            rt.xdecref(descr);
            return nullptr;
        }
        if (v != nullptr) {
            rt.incref(v);
            rt.xdecref(descr);
            return v;
        }
    } else if (PyObject** dictptr = object_dict_ptr(o); dictptr != nullptr && *dictptr != nullptr) {
        if (PyObject* v = dict_getitem(rt, *dictptr, name)) {
            rt.incref(v);
            rt.xdecref(descr);
            return v;
        }
        if (err_occurred(rt)) {
            rt.xdecref(descr);
            return nullptr;
        }
    }
    if (get != nullptr) {
        PyObject* r = get(rt, descr, o, reinterpret_cast<PyObject*>(t));
        rt.decref(descr);
        return r;
    }
    if (descr != nullptr) return descr;
    // A dunder of a built-in type's slot: the wrapper CPython's dict for the type would hold.
    if (str_check(rt, name)) {
        const std::string n = str_as_utf8(rt, name);
        // 2.7's iterators have next(), tp_iternext's wrapper there.
        if (is_dunder(n) || (n == "next" && rt.profile().major == 2)) {
            if (PyObject* w = slot_wrapper_find(rt, t, n, o)) return w;
            if (err_occurred(rt)) return nullptr;
        }
    }
    return no_attribute(rt, o, name);
}

int object_generic_setattr(Runtime& rt, PyObject* o, PyObject* name, PyObject* value) {
    PyTypeObject* t = Py_TYPE(o);
    PyObject* descr = type_lookup(rt, t, name);
    if (descr != nullptr && Py_TYPE(descr)->tp_descr_set != nullptr) {
        rt.incref(descr);
        int r = Py_TYPE(descr)->tp_descr_set(rt, descr, o, value);
        rt.decref(descr);
        return r;
    }
    if (type_has_managed_dict(t)) return instance_attr_store(rt, o, name, value);
    PyObject** dictptr = object_dict_ptr(o);
    if (dictptr == nullptr) {
        std::string n;
        object_str_utf8(rt, name, &n);
        if (descr == nullptr)
            err_format(rt, rt.builtins().exc.AttributeError,
                       rt.profile().at_least(3, 13) ? "'%s' object has no attribute '%s' and no __dict__ for setting new attributes"
                                                    : "'%s' object has no attribute '%s'",
                       type_name(t).c_str(), n.c_str());
        else
            err_format(rt, rt.builtins().exc.AttributeError, "'%s' object attribute '%s' is read-only",
                       type_name(t).c_str(), n.c_str());
        return -1;
    }
    // 3.6-3.10: _PyObjectDict_SetItem, where a class's instances share its keys (dict_split.h). A
    // delete goes to the dict as a store does, and the dict's KeyError becomes AttributeError(name).
    if (rt.profile().major == 3 && !rt.profile().at_least(3, 11)) {
        if (objectdict_setitem(rt, t, dictptr, name, value) == 0) return 0;
        if (err_matches(rt, rt.builtins().exc.KeyError)) {
            err_clear(rt);
            err_set_object(rt, rt.builtins().exc.AttributeError, name);
        }
        return -1;
    }
    // 2.7 without a dict, and 3.11+, name the type.
    const bool key_error_names_only = !rt.profile().at_least(3, 11);
    if (*dictptr == nullptr) {
        if (value == nullptr && (rt.profile().major == 2 || !key_error_names_only)) {
            no_attribute(rt, o, name);
            return -1;
        }
        if ((*dictptr = dict_new(rt)) == nullptr) {
            err_no_memory(rt);
            return -1;
        }
    }
    if (value == nullptr) {
        if (dict_getitem(rt, *dictptr, name) == nullptr) {
            if (err_occurred(rt)) return -1;
            if (key_error_names_only)
                err_set_object(rt, rt.builtins().exc.AttributeError, name);
            else
                no_attribute(rt, o, name);
            return -1;
        }
        return dict_delitem(rt, *dictptr, name) ? 0 : -1;
    }
    if (!dict_setitem(rt, *dictptr, name, value)) {
        if (!err_occurred(rt)) err_no_memory(rt);
        return -1;
    }
    return 0;
}

int object_setattr(Runtime& rt, PyObject* o, PyObject* name, PyObject* value) {
    if (!check_name(rt, name)) return -1;
    PyTypeObject* t = Py_TYPE(o);
    if (t->tp_setattro != nullptr) return t->tp_setattro(rt, o, name, value);
    return object_generic_setattr(rt, o, name, value);
}

// ---- calls ----------------------------------------------------------------------------------------

bool object_callable(Runtime& rt, PyObject* o) {
    // 2.7's PyCallable_Check: a classic instance is callable when it has a __call__ (its own, its
    // class's, or what its class's __getattr__ gives).
    if (instance27_check(rt, o)) {
        PyObject* call = object_getattr_string(rt, o, "__call__");
        if (call == nullptr) err_clear(rt);
        rt.xdecref(call);
        return call != nullptr;
    }
    return Py_TYPE(o)->tp_call != nullptr;
}

namespace {

// How a call reaches a callable without vectorcall (tp_call.h): its arguments packed with
// references of their own, packed by moving the VM's (2.7), or already packed by the caller
// (PyObject_Call's tuple and dict, passed on as they are).
enum class Packing { kCopy, kMove, kPacked };

// How many recursion checks (" while calling a Python object") CPython makes on its way to
// `callable` (object/recursion.h), called from C or by the evaluation loop's CALL:
// - 2.7 and 3.6: PyObject_Call checks each call it makes, as does 3.6's fast call of anything
//   but a function or a builtin: a function called from C is one (property's getter, map's
//   function), a bound method two (its call, then its function's); the loop calls a function,
//   a bound method's function and a builtin without one.
// - From 3.8: a builtin (builtin_function_or_method, method_descriptor) checks in its
//   vectorcall, and a call through tp_call checks (_PyObject_MakeTpCall: a class, an
//   instance's __call__, a builtin type without vectorcall); functions and bound methods have
//   vectorcall. 3.11+'s specialized CALL calls a builtin without the check (but one of one
//   argument or none, METH_O, METH_NOARGS, and `len`'s own specialization), and a builtin type
//   too (str(x), tuple(x), or its vectorcall).
int call_checks(const Runtime& rt, PyObject* callable, CallOrigin origin) {
    const Profile& p = rt.profile();
    const Builtins& b = rt.builtins();
    const PyTypeObject* t = Py_TYPE(callable);
    const bool pre38 = !p.at_least(3, 8);
    const bool from_c = origin == CallOrigin::kC;
    const bool specialized = origin == CallOrigin::kEvalSpecialized && p.at_least(3, 11);
    if (t == b.function_type) return pre38 && from_c ? 1 : 0;
    if (t == b.method_type) return pre38 && from_c ? 2 : 0;
    const PyMethodDef* def = cfunction_def(rt, callable);
    if (def != nullptr || method_descriptor_check(rt, callable)) {
        if (pre38) return def != nullptr ? 0 : 1;
        if (!specialized) return 1;
        return def != nullptr && (def->ml_flags & (METH_O | METH_NOARGS)) != 0 ? 1 : 0;
    }
    if (calls_through_tp_call(rt, callable)) {
        const bool builtin_type = t->has_flag(Py_TPFLAGS_TYPE_SUBCLASS) &&
                                  !is_heap_type(reinterpret_cast<const PyTypeObject*>(callable));
        return specialized && builtin_type ? 0 : 1;
    }
    return pre38 ? 1 : 0;
}

// PyObject_Vectorcall: through the callable's vectorcall, or packed.
PyObject* vectorcall(Runtime& rt, PyObject* callable, PyObject** args, Py_ssize_t nargs, PyObject* kwnames,
                     Packing packing, CallOrigin origin = CallOrigin::kC) {
    vectorcallfunc call = Py_TYPE(callable)->tp_call;
    if (call == nullptr)
        return err_format(rt, rt.builtins().exc.TypeError, "'%s' object is not callable",
                          type_name(Py_TYPE(callable)).c_str());
    RecursiveCall depth(rt, " while calling a Python object", call_checks(rt, callable, origin));
    if (!depth.ok) return nullptr;
    PyObject* r = packing != Packing::kPacked && calls_through_tp_call(rt, callable)
                      ? make_tp_call(rt, callable, args, nargs, kwnames, packing == Packing::kMove)
                      : call(rt, callable, args, nargs, kwnames);
    if (r == nullptr && !err_occurred(rt))
        err_set_string(rt, rt.builtins().exc.SystemError, "error return without exception set");
    return r;
}

}  // namespace

PyObject* object_vectorcall(Runtime& rt, PyObject* callable, PyObject* const* args, Py_ssize_t nargs,
                            PyObject* kwnames) {
    return vectorcall(rt, callable, const_cast<PyObject**>(args), nargs, kwnames, Packing::kCopy);
}

PyObject* object_vectorcall_moving(Runtime& rt, PyObject* callable, PyObject** args, Py_ssize_t nargs,
                                   PyObject* kwnames) {
    return vectorcall(rt, callable, args, nargs, kwnames, Packing::kMove, CallOrigin::kEval);
}

PyObject* object_vectorcall_from_eval(Runtime& rt, PyObject* callable, PyObject* const* args, Py_ssize_t nargs,
                                      PyObject* kwnames, CallOrigin origin) {
    return vectorcall(rt, callable, const_cast<PyObject**>(args), nargs, kwnames, Packing::kCopy, origin);
}

PyObject* object_call_noargs(Runtime& rt, PyObject* callable) {
    return object_vectorcall(rt, callable, nullptr, 0, nullptr);
}

PyObject* object_call_one(Runtime& rt, PyObject* callable, PyObject* arg) {
    return object_vectorcall(rt, callable, &arg, 1, nullptr);
}

namespace {

// A ** mapping's keys become keyword names, which must be str (2.7: or unicode). From 3.10 every
// call refuses another key as it unpacks the mapping (_PyStack_UnpackDict); before, a Python
// function refuses it itself, naming itself (the interpreter's argument binding), and the
// built-ins here; 2.7's dict() takes any key, and its min() and max() find no "key" among them.
bool keyword_names_ok(Runtime& rt, PyObject* callable, const std::vector<PyObject*>& keys) {
    const Builtins& b = rt.builtins();
    const Profile& p = rt.profile();
    for (PyObject* key : keys) {
        if (str_check(rt, key) || (p.major == 2 && Py_TYPE(key) == b.unicode_type)) continue;
        PyTypeObject* t = Py_TYPE(callable);
        const bool python_callable = t == b.function_type || t == b.method_type ||
                                     (t->has_flag(Py_TPFLAGS_TYPE_SUBCLASS) && is_heap_type(reinterpret_cast<PyTypeObject*>(callable)));
        if (!p.at_least(3, 10) && python_callable) return true;
        if (p.major == 2) {
            const PyMethodDef* def = cfunction_def(rt, callable);
            const std::string_view name = def != nullptr ? def->ml_name : "";
            if (callable == reinterpret_cast<PyObject*>(b.dict_type) || name == "min" || name == "max") return true;
        }
        err_set_string(rt, b.exc.TypeError,
                       callable == reinterpret_cast<PyObject*>(b.dict_type) && !p.at_least(3, 7)
                           ? "keyword arguments must be strings"
                           : "keywords must be strings");
        return false;
    }
    return true;
}

}  // namespace

PyObject* object_call(Runtime& rt, PyObject* callable, PyObject* args, PyObject* kwargs) {
    std::vector<PyObject*> flat;
    const int64_t nargs = args != nullptr ? Py_SIZE(args) : 0;
    for (int64_t i = 0; i < nargs; ++i) flat.push_back(tuple_items(args)[i]);
    PyObject* kwnames = nullptr;
    // 2.7 passes the keywords on as the dict's own items (function_call's array of borrowed
    // pointers, from malloc); 3.x makes a tuple of the names (_PyStack_UnpackDict).
    std::vector<uint64_t> names_view;
    const bool py2 = rt.profile().major == 2;
    if (kwargs != nullptr && dict_len(rt, kwargs) > 0) {
        std::vector<PyObject*> keys = dict_keys(rt, kwargs);
        if (!keyword_names_ok(rt, callable, keys)) return nullptr;
        const auto nkw = static_cast<int64_t>(keys.size());
        kwnames = py2 ? tuple_view(rt, names_view, nkw) : tuple_new(rt, nkw);
        if (kwnames == nullptr) return err_no_memory(rt);
        for (size_t i = 0; i < keys.size(); ++i) {
            if (!py2) rt.incref(keys[i]);
            tuple_items(kwnames)[i] = keys[i];
            flat.push_back(dict_getitem(rt, kwargs, keys[i]));
        }
    }
    // The tuple and dict are the call's packing for a callable without vectorcall.
    PyObject* r = vectorcall(rt, callable, flat.data(), nargs, kwnames, Packing::kPacked);
    if (!py2) rt.xdecref(kwnames);
    return r;
}

PyObject* object_call_method(Runtime& rt, PyObject* o, std::string_view name, PyObject* const* args,
                             Py_ssize_t nargs) {
    PyObject* meth = object_getattr_string(rt, o, name);
    if (meth == nullptr) return nullptr;
    PyObject* r = object_vectorcall(rt, meth, args, nargs, nullptr);
    rt.decref(meth);
    return r;
}

// ---- iteration -------------------------------------------------------------------------------------

PyObject* object_get_iter(Runtime& rt, PyObject* o) {
    PyTypeObject* t = Py_TYPE(o);
    if (t->tp_iter != nullptr) {
        PyObject* it = t->tp_iter(rt, o);
        if (it != nullptr && Py_TYPE(it)->tp_iternext == nullptr) {
            err_format(rt, rt.builtins().exc.TypeError, "iter() returned non-iterator of type '%s'",
                       type_name(Py_TYPE(it)).c_str());
            rt.decref(it);
            return nullptr;
        }
        return it;
    }
    return err_format(rt, rt.builtins().exc.TypeError, "'%s' object is not iterable", type_name(t).c_str());
}

PyObject* iter_next(Runtime& rt, PyObject* it) {
    iternextfunc next = Py_TYPE(it)->tp_iternext;
    if (next == nullptr)
        return err_format(rt, rt.builtins().exc.TypeError, "'%s' object is not an iterator",
                          type_name(Py_TYPE(it)).c_str());
    // Each item a builtin takes counts as an instruction of the budget (sum(range(10**12))).
    if (!rt.tstate().charge_work(1)) return nullptr;
    PyObject* r = next(rt, it);
    if (r == nullptr) err_clear_stop_iteration(rt);
    return r;
}

// ---- containers ----------------------------------------------------------------------------------

Py_ssize_t object_length(Runtime& rt, PyObject* o) {
    PyTypeObject* t = Py_TYPE(o);
    lenfunc len = t->tp_as_sequence.sq_length != nullptr ? t->tp_as_sequence.sq_length : t->tp_as_mapping.mp_length;
    if (len != nullptr) return len(rt, o);
    err_format(rt, rt.builtins().exc.TypeError, "object of type '%s' has no len()", type_name(t).c_str());
    return -1;
}

PyObject* object_getitem(Runtime& rt, PyObject* o, PyObject* key) {
    PyTypeObject* t = Py_TYPE(o);
    if (t->tp_as_mapping.mp_subscript != nullptr) return t->tp_as_mapping.mp_subscript(rt, o, key);
    if (is_type(rt, o) && rt.profile().at_least(3, 7)) {
        // type[...]: __class_getitem__ (PEP 560).
        PyObject* cg = object_getattr_string(rt, o, "__class_getitem__");
        if (cg != nullptr) {
            PyObject* r = object_call_one(rt, cg, key);
            rt.decref(cg);
            return r;
        }
        err_clear(rt);
        return err_format(rt, rt.builtins().exc.TypeError, "type '%s' is not subscriptable",
                          type_name(reinterpret_cast<PyTypeObject*>(o)).c_str());
    }
    // 2.7's PyObject_GetItem: type_error("'%.200s' object has no attribute '__getitem__'").
    return err_format(rt, rt.builtins().exc.TypeError,
                      rt.profile().major == 2 ? "'%s' object has no attribute '__getitem__'" : "'%s' object is not subscriptable",
                      type_name(t).c_str());
}

int object_setitem(Runtime& rt, PyObject* o, PyObject* key, PyObject* value) {
    PyTypeObject* t = Py_TYPE(o);
    if (t->tp_as_mapping.mp_ass_subscript != nullptr) return t->tp_as_mapping.mp_ass_subscript(rt, o, key, value);
    err_format(rt, rt.builtins().exc.TypeError, "'%s' object does not support item assignment", type_name(t).c_str());
    return -1;
}

int object_delitem(Runtime& rt, PyObject* o, PyObject* key) {
    PyTypeObject* t = Py_TYPE(o);
    if (t->tp_as_mapping.mp_ass_subscript != nullptr) return t->tp_as_mapping.mp_ass_subscript(rt, o, key, nullptr);
    err_format(rt, rt.builtins().exc.TypeError, "'%s' object doesn't support item deletion", type_name(t).c_str());
    return -1;
}

int sequence_contains(Runtime& rt, PyObject* container, PyObject* item) {
    PyTypeObject* t = Py_TYPE(container);
    if (t->tp_as_sequence.sq_contains != nullptr) return t->tp_as_sequence.sq_contains(rt, container, item);
    PyObject* it = object_get_iter(rt, container);
    if (it == nullptr) {
        if (err_matches(rt, rt.builtins().exc.TypeError)) {
            err_clear(rt);
            err_format(rt, rt.builtins().exc.TypeError, "argument of type '%s' is not iterable", type_name(t).c_str());
        }
        return -1;
    }
    const int found = iterator_contains(rt, it, item);
    rt.decref(it);
    return found;
}

int iterator_contains(Runtime& rt, PyObject* it, PyObject* item) {
    int found = 0;
    while (PyObject* x = iter_next(rt, it)) {
        found = object_richcompare_bool(rt, x, item, Py_EQ);
        rt.decref(x);
        if (found != 0) break;
    }
    return found == 0 && err_occurred(rt) ? -1 : found;
}

// PySequence_List: list_extend into a new list (the list's own preallocation rules).
PyObject* sequence_list(Runtime& rt, PyObject* iterable) { return list_from_iterable(rt, iterable); }

// PySequence_Tuple: tuple_from_iterable (a tuple itself, a list copied, else grown and cut back).
PyObject* sequence_tuple(Runtime& rt, PyObject* iterable) { return tuple_from_iterable(rt, iterable); }

}  // namespace pymemlab
